"""The council's members: who they are (the year's book, sheet "Thành viên Hội đồng"; a year without a
book: ``[[thanh_vien]]`` in hoi_dong.toml), the checks on that list, and the presence marks of the
meeting form ("Có mặt": x)."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.text import clean_text, plain_key

# the roles in the council, as a founding decision usually words them (the drop-down of the book)
ROLES = ("Chủ tịch Hội đồng", "Phó Chủ tịch Hội đồng", "Phó Chủ tịch Thường trực", "Ủy viên Thường trực",
         "Ủy viên", "Ủy viên kiêm Thư ký")
CHAIR, SECRETARY = ROLES[0], ROLES[-1]
MEMBERS_KEY = "thanh_vien"
PRESENT = ("x", "co", "v", "1", "✓", "✔", "co mat")
ABSENT = ("vang", "khong", "0", "-", "vang mat")


def member_problems(members: list, place: Callable[[int, str], str]) -> list[str]:
    """What is wrong with the list: a member without a name or a role not in ``ROLES``, a name written
    twice, no Chủ tịch Hội đồng or more than one. ``place(index, field)`` names the cell (the book) or
    the entry (hoi_dong.toml) to fix; ``place(index, None)`` the entry alone, inside a message (its row);
    ``place(-1, field)`` the whole list's column."""
    out: list[str] = []
    seen: dict[str, int] = {}
    chairs: list[int] = []
    for i, m in enumerate(members):
        if not isinstance(m, dict):
            out.append(f"{place(i, '')}: mỗi thành viên ghi ho_ten, chuc_vu, chuc_danh.")
            continue
        name = clean_text(m.get("ho_ten"))
        if not name:
            out.append(f"{place(i, 'ho_ten')}: thành viên chưa ghi họ và tên; ghi họ tên hoặc xóa cả dòng.")
        elif plain_key(name) in seen:
            out.append(f"{place(i, 'ho_ten')}: \"{name}\" ghi hai lần (đã có ở {place(seen[plain_key(name)], None)}); "
                       "mỗi thành viên chỉ một dòng, xóa dòng thừa.")
        else:
            seen[plain_key(name)] = i
        role = clean_text(m.get("chuc_danh"))
        if role not in ROLES:
            out.append(f"{place(i, 'chuc_danh')}: chức danh trong Hội đồng \"{role}\" không có trong danh sách; "
                       f"chọn một trong: {', '.join(ROLES)}.")
        if role == CHAIR:
            chairs.append(i)
    if members and not chairs:
        out.append(f"{place(-1, 'chuc_danh')}: danh sách thành viên chưa có ai là \"{CHAIR}\"; chọn chức danh đó "
                   "cho người chủ trì Hội đồng.")
    if len(chairs) > 1:
        out.append(f"{place(chairs[1], 'chuc_danh')}: Hội đồng có {len(chairs)} người là \"{CHAIR}\" "
                   f"({', '.join(place(i, None) for i in chairs)}); chỉ giữ một người, người còn lại chọn "
                   "chức danh khác.")
    return out


def with_role(members, role: str) -> str:
    """The name of the first member holding ``role`` ("" when none)."""
    return next((clean_text(m.get("ho_ten")) for m in members if clean_text(m.get("chuc_danh")) == role), "")


def presence(value) -> bool | None:
    """A "Có mặt" cell: True (x, có…), False (empty, vắng…), None when it says neither."""
    key = plain_key(value) if value is not None else ""
    if key in ("", *ABSENT):
        return False
    if key in PRESENT:
        return True
    return None


def member_line(m: dict) -> str:
    """"Nguyễn Văn A, Chủ tịch UBND phường, Chủ tịch Hội đồng" (the parts written)."""
    return ", ".join(p for p in (clean_text(m.get("ho_ten")), clean_text(m.get("chuc_vu")),
                                 clean_text(m.get("chuc_danh"))) if p)
