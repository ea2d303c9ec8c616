"""What belongs to one year only, cleared when a new year starts, and the placeholders left behind.

A new year keeps what is periodic (its dates already moved forward by ``new_year.shift_text``) and
loses what belonged to the year it was copied from: the plan's number and date (a new plan is a
new document), the date a report was signed, a fixed resend date, the one-off campaigns (a campaign
without dates of its own, such as an anniversary), and the targets the higher level assigned
("chỉ tiêu <level> giao": the new figure comes with the new year's assignment). Each is replaced by a visible
placeholder «cần điền: …»; while one remains, every document is a DỰ THẢO listing what is missing.
"""

from __future__ import annotations

import copy
import re

from pipeline.book.layout import PLACEHOLDER, PLACEHOLDER_MARK

ASSIGNED = re.compile(r"(?i)\bchỉ tiêu\s+(?:\S+\s+){1,3}giao\b")     # "chỉ tiêu <cấp trên> giao"
PLAN_LINE = re.compile(r"(?i)^căn cứ kế hoạch\b")


def placeholder(what: str) -> str:
    return PLACEHOLDER.format(what=what)


def clear_one_year(files: dict[str, dict], year: int) -> tuple[dict[str, dict], list[str]]:
    """The registers' dicts of a new year with the one-year fields cleared; and what was cleared."""
    files = copy.deepcopy(files)
    cleared: list[str] = []
    targets, periods = files.get("targets", {}), files.get("periods", {})
    body, council = files.get("co_quan", {}), files.get("hoi_dong", {})
    if targets.get("van_ban") and PLACEHOLDER_MARK not in str(targets["van_ban"]):   # a placeholder left stays one
        cleared.append(f"Kế hoạch thi đua (đang ghi: {targets['van_ban']})")
        targets["van_ban"] = placeholder(f"số, ngày Kế hoạch thi đua năm {year}")
    for key in ("quyet_dinh", "to_trinh"):
        lines = council.get(key, {}).get("can_cu", [])
        for i, line in enumerate(lines):
            if PLAN_LINE.match(line):
                lines[i] = f"Căn cứ {placeholder(f'số, ngày Kế hoạch thi đua năm {year}')};"
    for block, key in (("van_ban", "ngay_lap"), ("lien_he", "han_gui_lai")):
        if body.get(block, {}).get(key) not in (None, ""):
            body[block][key] = ""
    for campaign in periods.get("dot_thi_dua", []):
        if not campaign.get("tu") and not campaign.get("den") and PLACEHOLDER_MARK not in str(campaign.get("ten", "")):
            cleared.append(f"đợt thi đua \"{campaign.get('ten', '')}\"")
            campaign["ten"] = placeholder(f"tên đợt thi đua đặc biệt năm {year}, hoặc xóa dòng này")
    for target in targets.get("chi_tieu", []):
        if ASSIGNED.search(str(target.get("noi_dung", ""))) and PLACEHOLDER_MARK not in str(target["noi_dung"]):
            cleared.append(f"chỉ tiêu {target.get('ma', '')} (cấp trên giao: {target['noi_dung']})")
            target["noi_dung"] = placeholder(f"chỉ tiêu {target.get('ma', '')} do cấp trên giao năm {year} "
                                             f"(năm trước: {target['noi_dung']})")
            target.pop("chi_tieu", None)
            target.pop("chi_tieu_hien_thi", None)
    return files, cleared


def missing(value, where: str = "") -> list[str]:
    """Every placeholder left in a register value, as "what is missing" (nested dicts and lists)."""
    if isinstance(value, str):
        return [m.group(1) for m in re.finditer(r"«cần điền: ([^»]*)»", value)] if PLACEHOLDER_MARK in value else []
    if isinstance(value, dict):
        return [w for v in value.values() for w in missing(v)]
    if isinstance(value, (list, tuple)):
        return [w for v in value for w in missing(v)]
    return []
