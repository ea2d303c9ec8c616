"""Register checks of the fields only some target kinds use: the upper bound of a range
(``khoang``) and the ordered levels of a rating (``xep_loai``). Each returns what the target keeps
and appends one Vietnamese line per problem, naming the target."""

from __future__ import annotations

from pipeline.registers.model import level_key

# Excel keeps a drop-down's list written in the cell's validation to 255 characters.
LIST_LIMIT = 255


def upper_bound(entry: dict, kind: str, value, where: str, problems: list[str]) -> float | None:
    """A range target (loai = "khoang") needs its upper bound, not below the lower one."""
    upper = entry.get("chi_tieu_tren")
    if kind != "khoang":
        if upper is not None or "vuot_tren_van_dat" in entry:
            problems.append(f"{where}: chi_tieu_tren, vuot_tren_van_dat chỉ dùng cho loại khoang.")
        return None
    if isinstance(upper, bool) or not isinstance(upper, (int, float)):
        problems.append(f"{where}: loại khoang cần chi_tieu_tren là một con số (cận trên của khoảng).")
        return None
    if isinstance(value, (int, float)) and upper < value:
        problems.append(f"{where}: chi_tieu_tren ({upper}) nhỏ hơn chi_tieu ({value}).")
        return None
    return float(upper)


def rating_levels(entry: dict, kind: str, where: str, problems: list[str]) -> tuple[tuple[str, ...], str | None]:
    """A rating target (loai = "xep_loai"): at least two distinct levels, best first, and the level
    to reach among them. Returns (levels, level to reach); nothing when the entry is unusable."""
    raw, goal = entry.get("muc"), entry.get("chi_tieu_muc")
    if kind != "xep_loai":
        if raw is not None or goal is not None:
            problems.append(f"{where}: muc, chi_tieu_muc chỉ dùng cho loại xep_loai.")
        return (), None
    if entry.get("chi_tieu") is not None:
        problems.append(f"{where}: loại xep_loai không dùng chi_tieu; ghi mức phải đạt ở chi_tieu_muc.")
    if not isinstance(raw, list) or len([x for x in raw if isinstance(x, str) and x.strip()]) < 2:
        problems.append(f"{where}: loại xep_loai cần muc là danh sách ít nhất hai mức xếp loại, "
                        "từ cao xuống thấp (ví dụ [\"Hoàn thành tốt nhiệm vụ\", \"Hoàn thành nhiệm vụ\"]).")
        return (), None
    levels = tuple(" ".join(x.split()) for x in raw if isinstance(x, str) and x.strip())
    seen: dict[str, str] = {}
    for lv in levels:
        if level_key(lv) in seen:
            problems.append(f"{where}: muc có hai mức trùng nhau khi bỏ dấu và chữ hoa: "
                            f"\"{seen[level_key(lv)]}\" và \"{lv}\".")
            return (), None
        seen[level_key(lv)] = lv
    if len(",".join(levels)) > LIST_LIMIT:
        problems.append(f"{where}: các mức trong muc dài quá {LIST_LIMIT} ký tự (giới hạn danh sách chọn "
                        "của Excel); viết gọn tên các mức.")
        return (), None
    if not isinstance(goal, str) or not goal.strip():
        problems.append(f"{where}: loại xep_loai cần chi_tieu_muc là mức phải đạt, một trong các mức của muc.")
        return (), None
    if " ".join(goal.split()) not in levels:
        problems.append(f"{where}: chi_tieu_muc \"{goal}\" không có trong muc ({'; '.join(levels)}); "
                        "ghi đúng một mức trong danh sách.")
        return (), None
    return levels, " ".join(goal.split())
