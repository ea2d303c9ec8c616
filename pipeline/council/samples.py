"""The sample set's filled decision form: the council approved what the tool found eligible or
left to it, within the sample quota, rejected what is not eligible, and deferred the rest, with
three deliberate problems: one decision left blank, one approval of a not-eligible candidate,
one vote count above the members present."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl

from pipeline.awards.criteria import COUNCIL, ELIGIBLE, MISSING
from pipeline.council.layout import COLUMNS, FORM_NAME, KEY_HEADING, MEETING_FIELDS
from pipeline.text import normalise_key

SAMPLE_FILE = "Thi dua khen thuong/Ket qua hop Hoi dong thi dua.xlsx"
MEETING = {"ngay_hop": dt.date(2024, 12, 18), "dia_diem": "Hội trường Ủy ban nhân dân phường",
           "chu_tri": "Phạm Văn Ngon", "thu_ky": "Phạm Thị Hồng", "so_thanh_vien": 9, "so_du_hop": 8}
BLANK = ("LDTT", "TYT", "Ngô Thị Nga")               # decision left blank
APPROVED_NOT_ELIGIBLE = ("LDTT", "VPTK", "Nguyễn Văn An")
VOTE_ERROR = ("LDTT", "KH01", "Nguyễn Văn An")        # 12 votes, 8 present
QUOTA_CHOSEN = {("CSTDCS", "VPTK"): "Nguyễn Thị Thanh"}   # the one the sample quota (15 %) allows
DEFERRED_UNITS = ("CAP",)                             # armed forces: their own rules


def choice_for(d) -> str:
    who = (d.title, d.unit, d.subject)
    if d.campaign:
        return "Đồng ý"                               # every campaign proposal read is approved
    if who == APPROVED_NOT_ELIGIBLE:
        return "Đồng ý"
    if d.unit in DEFERRED_UNITS or d.outcome == MISSING:
        return "Hoãn"
    if d.title == "CSTDCS":
        return "Đồng ý" if QUOTA_CHOSEN.get((d.title, d.unit)) == d.subject else "Không đồng ý"
    return "Đồng ý" if d.outcome in (ELIGIBLE, COUNCIL) else "Không đồng ý"


def write_sample_form(reg, out_dir: Path) -> Path:
    from pipeline.awards.samples import SAMPLE_OVERRIDES
    from pipeline.registers.rules import load_rules
    from pipeline.report.files import freeze_zip
    from pipeline.run import consolidate, report
    rules = load_rules(reg.year).with_overrides(list(SAMPLE_OVERRIDES))
    c = consolidate(out_dir, reg, rules)
    by_key = {e.key: e.decision for e in c.council.entries}
    with tempfile.TemporaryDirectory() as tmp:
        report(out_dir, Path(tmp), reg, sample=True, rules=rules)
        wb = openpyxl.load_workbook(Path(tmp) / FORM_NAME.format(year=reg.year))
    ws = wb.worksheets[0]
    labels = {normalise_key(label): key for key, label, _ in MEETING_FIELDS}
    head = None
    for row in ws.iter_rows():
        first = row[0].value
        if isinstance(first, str) and normalise_key(first) in labels:
            value = MEETING[labels[normalise_key(first)]]
            ws.cell(row[0].row, 4).value = dt.datetime.combine(value, dt.time()) if isinstance(value, dt.date) else value
        if any(c.value == KEY_HEADING for c in row):
            head = row[0].row
    col = {k: i + 1 for i, (k, _, _, _) in enumerate(COLUMNS)}
    for r in range(head + 1, ws.max_row + 1):
        d = by_key.get(ws.cell(r, col["ma"]).value)
        if d is None:
            continue
        who = (d.title, d.unit, d.subject)
        if who == BLANK:
            continue
        choice = choice_for(d)
        ws.cell(r, col["quyet_dinh"]).value = choice
        votes = 12 if who == VOTE_ERROR else 8 if choice == "Đồng ý" else 2
        ws.cell(r, col["so_phieu"]).value = votes
        if who == APPROVED_NOT_ELIGIBLE:
            ws.cell(r, col["ghi_chu"]).value = "Hội đồng xét thành tích đột xuất trong năm"
    path = out_dir / SAMPLE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    freeze_zip(path)
    return path
