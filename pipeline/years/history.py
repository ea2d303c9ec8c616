"""Earlier years' titles: the history files of any earlier year read as one record per subject,
title and year, whichever files they came from; titles granted apart from proposals still awaiting
the higher authority; and the rows of next year's history.

A row is a title granted unless it says it is a proposal ("Đề nghị – chờ quyết định") without the
decision's number and date, or that the higher authority did not grant it. A history typed by hand
before the status column existed has no status: its rows are titles granted, as they always were.
Nothing here imports pandas: the council's writer process builds next year's history with it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from pipeline.awards.layout import CAMPAIGN_NOTE, HISTORY_ITEMS
from pipeline.text import normalise_key

DECIDED, PROPOSED, REFUSED = "da_quyet_dinh", "de_nghi", "khong_cong_nhan"
NO_HISTORY = "không có lịch sử khen thưởng các năm trước"
LOCAL_NOTE = "Chủ tịch UBND cấp mình quyết định; ghi số, ngày quyết định khi ban hành"
UPWARD_NOTE = "Hội đồng đồng ý đề nghị; khi cấp trên quyết định, ghi số, ngày quyết định"


def decides_locally(rules, code: str) -> bool:
    """Whether the ward's own chairman decides ``code`` this year: read from the year's award rules
    register (the rule's ``tham_quyen`` is the level's own). The one place that asks; to be switched
    to the dated rule sets (``rule_set_for(reg).decides_locally(code)``) once they exist."""
    rule = rules.rules.get(code)
    return rule is not None and bool(rules.own_authority) and rule.authority == rules.own_authority


def blank(value) -> bool:
    return value is None or value in ("", "None") or (isinstance(value, float) and math.isnan(value))


def status_of(row) -> str:
    """DECIDED, PROPOSED or REFUSED: a recorded decision (number and date) settles a proposal."""
    status = row.get("trang_thai")
    if status == REFUSED:
        return REFUSED
    if status == PROPOSED and (blank(row.get("so_qd")) or not isinstance(row.get("ngay_qd"), dt.date)):
        return PROPOSED
    return DECIDED


@dataclass
class Rows:
    """One person's (or one birth date's) history: titles granted, proposals awaiting, units."""
    items: set[tuple[str, int]] = field(default_factory=set)
    pending: set[tuple[str, int]] = field(default_factory=set)
    units: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Past:
    """A person's history rows, or None when the history has none that are theirs; ``note`` says how
    the rows were matched (name only) or why none could be taken (no row, a namesake, an ambiguity).
    ``pending``: titles proposed upward and not yet decided (never counted)."""
    items: set[tuple[str, int]] | None
    note: str = ""
    pending: frozenset[tuple[str, int]] = frozenset()

    @classmethod
    def of(cls, rows: Rows, note: str = "") -> Past:
        return cls(rows.items, note, frozenset(rows.pending - rows.items))


def history_index(frame) -> dict[str, dict]:
    """name key -> {birth date or None -> Rows}. Rows repeated across history files (one file per
    year, or a file the tool wrote for an earlier year) fall into the same sets, so they count once;
    a title decided in one file and still proposed in another counts as decided."""
    out: dict[str, dict] = {}
    for r in frame.to_dict("records") if not frame.empty else []:
        if blank(r.get("nam")) or r.get("noi_dung") not in HISTORY_ITEMS:
            continue
        if str(r.get("ghi_chu") or "").startswith(CAMPAIGN_NOTE):
            continue   # a campaign commendation never counts towards a chain (NĐ 98/2023, Art 4)
        birth = r["ngay_sinh"] if isinstance(r.get("ngay_sinh"), dt.date) else None
        rows = out.setdefault(normalise_key(r["ho_ten"]), {}).setdefault(birth, Rows())
        status, entry = status_of(r), (r["noi_dung"], int(r["nam"]))
        if status == DECIDED:
            rows.items.add(entry)
        elif status == PROPOSED:
            rows.pending.add(entry)
        if not blank(r.get("don_vi_nay")):
            rows.units.add(r["don_vi_nay"])
    return out


def _births(keys) -> str:
    return ", ".join(f"{b:%d/%m/%Y}" for b in sorted(k for k in keys if k is not None))


def history_of(history: dict, name: str, birth, unit: str | None = None) -> Past:
    """The name and the birth date must both match. The name alone is enough only when the birth
    date is missing on one side and the history holds exactly one person of that name, or exactly
    one of them in the person's unit (an earlier unit it continues counts as the same)."""
    people = history.get(normalise_key(name), {})
    if birth is not None and birth in people:
        return Past.of(people[birth])
    by_unit = ""
    if unit and len(people) > 1:
        here = {b: rows for b, rows in people.items() if unit in rows.units and (birth is None or b in (None, birth))}
        if len(here) == 1:
            people, by_unit = here, " cùng đơn vị"
    dated = [k for k in people if k is not None]
    if not people:
        return Past(None, NO_HISTORY)
    if birth is None and len(people) == 1:
        only = next(iter(people))
        side = "bình xét và lịch sử không ghi ngày sinh" if only is None else "bình xét không ghi ngày sinh"
        return Past.of(people[only], f"khớp lịch sử theo họ tên ({side}; lịch sử chỉ có một người{by_unit} "
                                     f"tên {name})")
    if birth is not None and not dated:
        return Past.of(people[None], f"khớp lịch sử theo họ tên (lịch sử không ghi ngày sinh; lịch sử chỉ có "
                                     f"một người{by_unit} tên {name})")
    if birth is not None and None not in people:
        return Past(None, f"{NO_HISTORY} (lịch sử có người cùng tên {name} nhưng "
                          f"sinh ngày {_births(dated)}, không phải người sinh ngày {birth:%d/%m/%Y})")
    if birth is None:
        return Past(None, f"không xác định được lịch sử khen thưởng: bình xét không ghi ngày sinh mà lịch sử có "
                          f"{len(people)} người tên {name}" + (f" (sinh ngày {_births(dated)})" if dated else "")
                          + "; ghi ngày sinh để phân biệt")
    return Past(None, f"không xác định được lịch sử khen thưởng: lịch sử có dòng tên {name} không ghi ngày sinh "
                      f"bên cạnh người cùng tên sinh ngày {_births(dated)}; ghi ngày sinh vào lịch sử để phân biệt")


def awaiting(past: Past, item: str, years: list[int]) -> str:
    """The words for the years of a chain whose title is still only proposed upward ('' if none)."""
    waiting = [y for y in years if (item, y) in past.pending]
    if not waiting:
        return ""
    return (f"{HISTORY_ITEMS[item]} năm {', '.join(map(str, waiting))} mới là đề nghị, chờ quyết định của cấp "
            "trên (chưa tính; ghi số, ngày quyết định vào lịch sử khen thưởng khi có)")
