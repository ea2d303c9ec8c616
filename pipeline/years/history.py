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
INITIATIVES = {"SK_CO_SO", "SK_TINH"}   # several a year are several rows
TITLES = set(HISTORY_ITEMS) - INITIATIVES - {"HTXSNV"}   # titles and forms; ratings and initiatives are results
NO_HISTORY = "không có lịch sử khen thưởng các năm trước"


def decides_locally(rules, code: str) -> bool:
    """Whether the ward's own chairman decides ``code`` in the year of ``rules``: the rule set in
    force by date says so (``rules.law``); rules built without one compare the title's authority
    with the level's own (the year's award rules register)."""
    law = getattr(rules, "law", None)
    if law is not None:
        try:
            return law.decides_locally(code)
        except KeyError:   # a title the rule set does not name
            return False
    rule = rules.rules.get(code)
    return rule is not None and bool(rules.own_authority) and rule.authority == rules.own_authority


def carried_history(identity_year: str, year: int) -> bool:
    """An award history written for an earlier year (the tool writes year Y's history with the
    identity of Y + 1: it holds the titles of Y and before) is read by any later year; its rows
    are still checked to be of years before ``year``."""
    return identity_year.isdigit() and 1990 < int(identity_year) < year


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
    records: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Past:
    """A person's history rows, or None when the history has none that are theirs; ``note`` says how
    the rows were matched (name only) or why none could be taken (no row, a namesake, an ambiguity).
    ``pending``: titles proposed upward and not yet decided (never counted)."""
    items: set[tuple[str, int]] | None
    note: str = ""
    pending: frozenset[tuple[str, int]] = frozenset()
    records: tuple[dict, ...] = ()   # the rows themselves (for the achievement reports)

    @classmethod
    def of(cls, rows: Rows, note: str = "") -> Past:
        return cls(rows.items, note, frozenset(rows.pending - rows.items), tuple(rows.records))


def history_index(frame, campaigns: bool = False) -> dict[str, dict]:
    """name key -> {birth date or None -> Rows}, from a frame or a list of records. Rows repeated
    across history files (one file per year, or a file the tool wrote for an earlier year) fall into
    the same sets, so they count once; a title decided in one file and still proposed in another
    counts as decided. ``campaigns``: keep campaign commendations (to list them, never to count)."""
    out: dict[str, dict] = {}
    records = frame if isinstance(frame, list) else frame.to_dict("records") if not frame.empty else []
    for r in records:
        if blank(r.get("nam")) or r.get("noi_dung") not in HISTORY_ITEMS:
            continue
        if str(r.get("ghi_chu") or "").startswith(CAMPAIGN_NOTE) and not campaigns:
            continue   # a campaign commendation never counts towards a chain (NĐ 98/2023, Art 4)
        birth = r["ngay_sinh"] if isinstance(r.get("ngay_sinh"), dt.date) else None
        rows = out.setdefault(normalise_key(r["ho_ten"]), {}).setdefault(birth, Rows())
        rows.records.append(r)
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
            "trên, chưa tính cho đến khi ghi số, ngày quyết định vào lịch sử khen thưởng")



def _rank(row: dict, status: str) -> int:
    """Which of two rows of one title tells more: a recorded decision, then a refusal, then a title
    without its number, then a proposal."""
    if status == DECIDED and not blank(row.get("so_qd")) and isinstance(row.get("ngay_qd"), dt.date):
        return 4
    return {REFUSED: 3, DECIDED: 2, PROPOSED: 1}[status]


def earlier_rows(history: list[dict], reg) -> list[dict]:
    """The earlier years' rows of every history file read, each title once: a row repeated in
    several files (the tool's history of an earlier year beside one typed by hand) is kept as
    many times as the file holding it most often when it is an initiative (two of one year stay
    two), once when it is a title or a rating (a person named in two units' lists is one person), with
    what the most telling copy says (its status, decision number and date); by year. A unit merged into
    one of this year's units is written under this year's name, the earlier name kept in the note."""
    names = {u.code: u.name for u in reg.units}
    counts: dict[tuple, dict[str, int]] = {}
    best: dict[tuple, tuple[int, dict]] = {}
    order: list[tuple] = []
    for r in history:
        if blank(r.get("nam")) or blank(r.get("noi_dung")):
            continue
        kind = r.get("loai_doi_tuong") if r.get("loai_doi_tuong") in ("ca_nhan", "tap_the") else "ca_nhan"
        birth = r.get("ngay_sinh") if isinstance(r.get("ngay_sinh"), dt.date) else None
        key = (kind, normalise_key(r["ho_ten"]), birth, int(r["nam"]), r["noi_dung"])
        per_file = counts.setdefault(key, {})
        per_file[r.get("tep", "")] = per_file.get(r.get("tep", ""), 0) + 1
        status = status_of(r)
        if key not in best:
            order.append(key)
        if key not in best or _rank(r, status) > best[key][0]:
            best[key] = (_rank(r, status), r | {"_status": status})
    rows = []
    for key in sorted(order, key=lambda k: k[3]):   # by year, each year's rows in the order read
        r = best[key][1]
        unit = "" if blank(r.get("don_vi")) else str(r["don_vi"])
        note = "" if blank(r.get("ghi_chu")) else str(r["ghi_chu"])
        current = names.get(r.get("don_vi_nay"), unit) if not blank(r.get("don_vi_nay")) else unit
        if current != unit and unit:
            note = "; ".join(x for x in (note, f"năm {key[3]}: {unit}") if x)
        row = {"loai_doi_tuong": key[0], "ho_ten": r["ho_ten"], "ngay_sinh": key[2], "don_vi": current, "nam": key[3],
               "noi_dung": key[4], "so_qd": None if blank(r.get("so_qd")) else r["so_qd"],
               "ngay_qd": r.get("ngay_qd") if isinstance(r.get("ngay_qd"), dt.date) else None,
               "trang_thai": r["_status"] if key[4] in TITLES else None, "ghi_chu": note or None}
        rows += [row] * (max(counts[key].values()) if key[4] in INITIATIVES else 1)   # one title a year each
    return rows




def approved_row(reg, decision, subject_kind: str, item: str, note: str | None, rules) -> dict:
    """This year's approved title in next year's history: decided when the ward's own chairman
    decides it, else a proposal awaiting the higher authority (the status says which; the note is
    left for the officer: a long note overprints the next row when the history is printed)."""
    names = {u.code: u.name for u in reg.units}
    return {"loai_doi_tuong": subject_kind, "ho_ten": decision.subject, "ngay_sinh": decision.birth,
            "don_vi": names.get(decision.unit, ""), "nam": reg.year, "noi_dung": item,
            "trang_thai": DECIDED if decides_locally(rules, decision.title) else PROPOSED, "ghi_chu": note}


def with_births(rows: list[dict]) -> list[dict]:
    """Rows of a person written without a birth date take the one the other rows of the same name
    and unit agree on (a year-end evaluation without birth dates matched by unit): next year, an
    undated row beside a dated one of the same name would make the person ambiguous."""
    births: dict[tuple, set] = {}
    for r in rows:
        if r.get("loai_doi_tuong") == "ca_nhan" and isinstance(r.get("ngay_sinh"), dt.date):
            births.setdefault((normalise_key(r["ho_ten"]), r.get("don_vi")), set()).add(r["ngay_sinh"])
    out = []
    for r in rows:
        known = births.get((normalise_key(r["ho_ten"]), r.get("don_vi")), set())
        if r.get("loai_doi_tuong") == "ca_nhan" and r.get("ngay_sinh") is None and len(known) == 1:
            r = r | {"ngay_sinh": next(iter(known))}
        out.append(r)
    return out
