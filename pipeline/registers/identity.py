"""Every name of the issuing body in one place.

The year's ``[co_quan]`` block states the commune once: its kind (``loai_dia_phuong``: phường, xã,
đặc khu), its name (``ten``), the place written before the date (``dia_danh``), the chairman who
signs (``chu_tich``) and the higher authority (``co_quan_cap_tren``). Every heading the documents
print (the body's name in capitals, the council's name, "CHỦ TỊCH ỦY BAN NHÂN DÂN …", the signer's
name) is derived from these when the register does not write it out; a line written out in the
register still wins, so an older year's files keep printing exactly what they say.
"""

from __future__ import annotations

COMMUNE_KINDS = ("phường", "xã", "đặc khu")
PEOPLES_COMMITTEE = "Ủy ban nhân dân"
COUNCIL = "Hội đồng Thi đua – Khen thưởng"


def _upper(text: str) -> str:
    return text.upper()


def commune(block: dict) -> tuple[str, str]:
    """(kind, name) of the commune: from ``loai_dia_phuong`` and ``ten``, or else read off
    ``ten_dia_phuong`` ("phường Nhơn Hưng")."""
    kind, name = str(block.get("loai_dia_phuong", "")).strip(), str(block.get("ten", "")).strip()
    if kind and name:
        return kind, name
    full = str(block.get("ten_dia_phuong", "")).strip()
    for known in sorted(COMMUNE_KINDS, key=len, reverse=True):
        if full.lower().startswith(known + " "):
            return known, full[len(known) + 1:].strip()
    return kind, name or full


def complete_body(raw: dict) -> dict:
    """``co_quan.toml``'s content with every derived name filled in (``[co_quan]`` and ``[van_ban]``)."""
    block = dict(raw.get("co_quan", {}))
    kind, name = commune(block)
    if not kind or not name:
        return raw
    local = f"{kind} {name}"
    block.setdefault("loai_dia_phuong", kind)
    block.setdefault("ten", name)
    block.setdefault("ten_dia_phuong", local)
    block.setdefault("ten_co_quan", _upper(f"{PEOPLES_COMMITTEE} {local}"))
    block.setdefault("hoi_dong", f"{COUNCIL} {local}")
    block.setdefault("dia_danh", name)
    block.setdefault("ten_co_quan_cap_tren", str(block.get("co_quan_cap_tren", "")))
    doc = dict(raw.get("van_ban", {}))
    doc.setdefault("co_quan_chu_quan", _upper(f"UBND {local}"))
    doc.setdefault("co_quan_ban_hanh", _upper(COUNCIL))
    doc.setdefault("dia_danh", block["dia_danh"])
    doc.setdefault("quyen_han_ky", _upper(f"TM. {COUNCIL}"))
    doc.setdefault("chuc_vu_nguoi_ky", "CHỦ TỊCH")
    if block.get("chu_tich"):
        doc.setdefault("ho_ten_nguoi_ky", block["chu_tich"])
    return {**raw, "co_quan": block, "van_ban": doc}


def complete_documents(documents: dict[str, dict], body: dict) -> dict[str, dict]:
    """The council's document blocks (``hoi_dong.toml``) with the names the body states once:
    the committee's heading and title for the chairman's own documents, the signer's name, the
    "thuộc:" line of a collective's achievement report."""
    block = body.get("co_quan", {})
    kind, name = commune(block)
    if not kind or not name:
        return documents
    local = f"{kind} {name}"
    committee = _upper(f"{PEOPLES_COMMITTEE}\n{local}")
    out = {key: dict(value) for key, value in documents.items()}
    for key in ("quyet_dinh", "quyet_dinh_theo_dot", "to_trinh"):
        if key in out:
            out[key].setdefault("co_quan_ban_hanh", committee)
            out[key].setdefault("co_quan_chu_quan", "")
    for key in ("quyet_dinh", "quyet_dinh_theo_dot"):
        if key in out:
            out[key].setdefault("chuc_danh_ban_hanh", _upper(f"CHỦ TỊCH {PEOPLES_COMMITTEE} {local}"))
            out[key].setdefault("quyen_han_ky", "")
    if "to_trinh" in out:
        out["to_trinh"].setdefault("quyen_han_ky", _upper(f"TM. {PEOPLES_COMMITTEE}"))
    if "bao_cao_thanh_tich" in out:
        out["bao_cao_thanh_tich"].setdefault("truc_thuoc", f"{PEOPLES_COMMITTEE} {local}")
    return out


# In the council's fixed sentences (hoi_dong.toml), the commune's kind and full name as tokens, so a
# sentence copied into a new year follows the year's names: "{loai_dia_phuong}" -> "xã",
# "{dia_phuong}" -> "xã Tân Hòa".
KIND_TOKEN, PLACE_TOKEN = "{loai_dia_phuong}", "{dia_phuong}"


def fill_place(value, body: dict):
    """``value`` (a sentence, a list or dict of them) with the commune's tokens filled in."""
    kind, name = commune(body.get("co_quan", {}))
    if isinstance(value, str):
        return value.replace(KIND_TOKEN, kind).replace(PLACE_TOKEN, f"{kind} {name}".strip())
    if isinstance(value, list):
        return [fill_place(v, body) for v in value]
    if isinstance(value, dict):
        return {k: fill_place(v, body) for k, v in value.items()}
    return value
