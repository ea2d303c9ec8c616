"""Next year's history: ``lich_su_khen_thuong_<year>.xlsx`` in exactly the award-history template's
format (built by the same builder, identity of the next year), holding the earlier years read this
run, what the council approved this year, and the HTXSNV ratings and recognised initiatives the
consecutive-year chains need."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import tempfile
from pathlib import Path

from pipeline.awards.layout import CAMPAIGN_NOTE, HISTORY_ITEMS
from pipeline.council.counts import HOME
from pipeline.years.history import approved_row, earlier_rows, with_births

HISTORY_NAME = "lich_su_khen_thuong_{year}.xlsx"
TAP_THE = ("tap_the", "khom")


def history_item(code: str, rules) -> str:
    """The history template's item for an approved rule: its own code when the drop-down has it,
    else the item of the same name (the collective Giấy khen is the ward's Giấy khen item)."""
    if code in HISTORY_ITEMS:
        return code
    title = rules.rules[code].title
    return next((item for item, text in HISTORY_ITEMS.items() if text == title), code)


def _none(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def history_rows(reg, outcome, people: list[dict], history: list[dict], rules) -> list[dict]:
    """``people``, ``history``: the records of the evaluated people and of the earlier years'
    history of the submissions in use (``council.stage.council_inputs``)."""
    names = {u.code: u.name for u in reg.units}
    rows = earlier_rows(history, reg)
    for e in outcome.approved(campaign=None):
        d = e.decision
        if d.title == "GDVH" or d.kind == HOME:
            continue   # households: recognised by the khóm's own list, or named in a campaign decision (no unit's history)
        note = f"{CAMPAIGN_NOTE} ({outcome.campaigns.get(d.campaign, d.campaign)})" if d.campaign else None
        rows.append(approved_row(reg, d, "tap_the" if d.kind in TAP_THE else "ca_nhan",
                                 history_item(d.title, rules), note, rules))
    for r in people:
        base = {"loai_doi_tuong": "ca_nhan", "ho_ten": r["ho_ten"], "nam": reg.year, "don_vi": names.get(r["ma_don_vi"], ""),
                "ngay_sinh": r.get("ngay_sinh") if isinstance(r.get("ngay_sinh"), dt.date) else None}
        if r.get("xep_loai") == "HTXSNV":
            rows.append(base | {"noi_dung": "HTXSNV"})
        count = r.get("so_sang_kien")
        if not _none(count) and count > 0 and r.get("cap_sang_kien") in ("co_so", "tinh"):
            item = "SK_TINH" if r["cap_sang_kien"] == "tinh" else "SK_CO_SO"
            note = str(r.get("qd_sang_kien")) if r.get("qd_sang_kien") not in (None, "None") else None
            rows += [base | {"noi_dung": item, "so_qd": note} for _ in range(int(count))]
    return with_births(rows)


def prepare(reg) -> None:
    """The next year's award-history template built and loaded ahead of write_history."""
    from pipeline.awards.samples import prepare_template
    prepare_template(dataclasses.replace(reg, year=reg.year + 1), "lich_su")


def write_history(output_dir: Path, reg, outcome, people: list[dict], history: list[dict], rules) -> Path:
    from pipeline.awards.samples import write_award_report  # fills the real template like a person
    next_year = dataclasses.replace(reg, year=reg.year + 1)
    path = output_dir / HISTORY_NAME.format(year=reg.year)
    date = outcome.meeting.get("ngay_hop") or dt.date(reg.year, 12, 31)
    with tempfile.TemporaryDirectory() as tmp:
        write_award_report(next_year, "lich_su", None, date, {"nguoi_lap": outcome.meeting.get("thu_ky") or ""},
                           history_rows(reg, outcome, people, history, rules), path, Path(tmp))
    return path
