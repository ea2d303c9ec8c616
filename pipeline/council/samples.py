"""The sample set's filled decision form: the council approved what the tool found eligible or
left to it, within the sample quota, rejected what is not eligible, and deferred the rest, with
three deliberate problems: one decision left blank, one approval of a not-eligible candidate,
one vote count above the members present."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl

from pipeline.awards.criteria import COUNCIL, ELIGIBLE, MISSING, NOT_ELIGIBLE
from pipeline.council.layout import COLUMNS, FORM_NAME, KEY_HEADING, MEETING_FIELDS, MEMBER_COLUMNS, PRESENT_HEADING
from pipeline.text import normalise_key

SAMPLE_FILE = "Thi dua khen thuong/Ket qua hop Hoi dong thi dua.xlsx"   # where the scenarios put the form


def choice_for(d, hd: dict) -> str:
    who = (d.title, d.unit, d.subject)
    chosen = {(x["danh_hieu"], x["don_vi"]): x["ho_ten"] for x in hd["chon_theo_ty_le"]}
    if d.campaign:
        return "Đồng ý"                               # every campaign proposal read is approved
    if who == _who(hd["dong_y_khong_du"]):
        return "Đồng ý"
    if d.unit in hd["hoan_don_vi"] or d.outcome == MISSING:
        return "Hoãn"
    if d.title in {title for title, _ in chosen}:   # a title under a quota: only the ones chosen
        return "Đồng ý" if chosen.get((d.title, d.unit)) == d.subject else "Không đồng ý"
    return "Đồng ý" if d.outcome in (ELIGIBLE, COUNCIL) else "Không đồng ý"


def _with_picks(hd: dict, decisions: list) -> dict:
    """A scenario that names no one for the three deliberate problems gets the first fitting
    candidates: a blank decision, an approval of a not-eligible person, a vote count error; and,
    for the title under a quota, the first candidate of the unit with the most candidates is chosen."""
    def first(outcome, skip=()):
        d = next((d for d in decisions if d.title == "LDTT" and d.outcome == outcome
                  and (d.title, d.unit, d.subject) not in skip), None)
        return {"danh_hieu": d.title, "don_vi": d.unit, "ho_ten": d.subject} if d else None
    out = dict(hd)
    if out.get("dong_y_khong_du") is None and (pick := first(NOT_ELIGIBLE)):
        out["dong_y_khong_du"] = pick | {"ghi_chu": "Hội đồng xét thành tích đột xuất trong năm"}
    if out.get("bo_trong") is None:
        out["bo_trong"] = first(ELIGIBLE)
    if out.get("sai_phieu") is None and (pick := first(ELIGIBLE, {_who(out["bo_trong"])})):
        out["sai_phieu"] = pick | {"so_phieu": out["hop"]["so_du_hop"] + 4}
    if not out.get("chon_theo_ty_le"):
        candidates = [d for d in decisions if d.title == "CSTDCS" and d.outcome in (ELIGIBLE, COUNCIL)]
        units = [d.unit for d in candidates]
        lead = max(dict.fromkeys(units), key=units.count, default=None)
        out["chon_theo_ty_le"] = [{"danh_hieu": d.title, "don_vi": d.unit, "ho_ten": d.subject}
                                  for d in candidates if d.unit == lead][:1]
    return out


def _who(x: dict | None) -> tuple | None:
    return (x["danh_hieu"], x["don_vi"], x["ho_ten"]) if x else None


def write_sample_form(reg, out_dir: Path, sc: dict) -> Path:
    from pipeline.council.decide import form_rows
    from pipeline.council.form import write_form
    from pipeline.council.settings import load_council
    from pipeline.registers.model import REGISTERS_DIR
    from pipeline.registers.rules import load_rules
    from pipeline.report.files import freeze_zip
    from pipeline.run import consolidate
    hd = sc["hoi_dong"]
    rules = load_rules(reg.year, reg.root or REGISTERS_DIR).with_overrides(list(sc["khen_thuong"]["tham_so"]))
    c = consolidate(out_dir, reg, rules)
    by_key = {e.key: e.decision for e in c.council.entries}
    hd = _with_picks(hd, [e.decision for e in c.council.entries])
    with tempfile.TemporaryDirectory() as tmp:   # the blank form a sample run writes, filled below
        blank = Path(tmp) / FORM_NAME.format(year=reg.year)
        write_form(blank, reg, load_council(reg), form_rows(c.council, rules), c.council.meeting, True)
        wb = openpyxl.load_workbook(blank)
    ws = wb.worksheets[0]
    labels = {normalise_key(label): key for key, label, _ in MEETING_FIELDS}
    head = None
    for row in ws.iter_rows():
        first = row[0].value
        if isinstance(first, str) and normalise_key(first) in labels and ws.cell(row[0].row, 4).value in (None, ""):
            value = hd["hop"][labels[normalise_key(first)]]   # a name prefilled from the members' roles stays
            ws.cell(row[0].row, 4).value = dt.datetime.combine(value, dt.time()) if isinstance(value, dt.date) else value
        if any(c.value == KEY_HEADING for c in row):
            head = row[0].row
    present = _mark_members(ws, head, hd["hop"]["so_du_hop"])
    col = {k: i + 1 for i, (k, _, _, _) in enumerate(COLUMNS)}
    for r in range(head + 1, ws.max_row + 1):
        d = by_key.get(ws.cell(r, col["ma"]).value)
        if d is None:
            continue
        who = (d.title, d.unit, d.subject)
        if who == _who(hd.get("bo_trong")):
            continue
        choice = choice_for(d, hd)
        ws.cell(r, col["quyet_dinh"]).value = choice
        votes = hd["sai_phieu"]["so_phieu"] if who == _who(hd.get("sai_phieu")) else present if choice == "Đồng ý" else 2
        ws.cell(r, col["so_phieu"]).value = votes
        if who == _who(hd.get("dong_y_khong_du")):
            ws.cell(r, col["ghi_chu"]).value = hd["dong_y_khong_du"]["ghi_chu"]
    path = out_dir / hd["tep"]
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    freeze_zip(path)
    return path


def _mark_members(ws, head: int, present: int) -> int:
    """When the form lists the council's members: the first ``present`` of them marked x and the two counts
    left empty (the reader counts them); returns those present."""
    col = {k: first + 1 for k, _, first, _ in MEMBER_COLUMNS}
    top = next((r for r in range(1, head) if ws.cell(r, col["co_mat"]).value == PRESENT_HEADING), None)
    if top is None:
        return present
    rows = [r for r in range(top + 1, head) if ws.cell(r, col["ho_ten"]).value]
    present = min(present, len(rows))
    for r in rows[:present]:
        ws.cell(r, col["co_mat"]).value = "x"
    labels = {normalise_key(label) for key, label, _ in MEETING_FIELDS if key in ("so_thanh_vien", "so_du_hop")}
    for r in range(1, top):
        if isinstance(ws.cell(r, 1).value, str) and normalise_key(ws.cell(r, 1).value) in labels:
            ws.cell(r, 4).value = None
    return present
