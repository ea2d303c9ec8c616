"""The sample set's campaign proposals (khen thưởng theo đợt), from the year's sample scenario
("theo_dot"): a unit proposes people and collectives for a campaign, one row left without an
achievement (its Issue). The sample decision form approves them, so ``make report`` writes a
campaign decision for each campaign proposed."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl

from pipeline.council.campaign_layout import COLLECTIVE, COLUMNS, HEADER_FIELDS, INDIVIDUAL, KEY_HEADING, SHEET
from pipeline.council.campaign_template import build_campaign_template
from pipeline.report.files import freeze_zip
from pipeline.text import normalise_key


def make_campaign_samples(reg, out_dir: Path, sc: dict) -> list[Path]:
    """The scenario's campaign proposals ("theo_dot"): each a unit's form for one campaign."""
    kind = reg.kind_for_content("de_nghi_theo_dot")
    phases = {p["ma"]: p for p in reg.emulation_phases}
    units = {u.code for u in reg.units}
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for item in sc.get("theo_dot", []):
            code, unit_code = item["dot"], item["don_vi"]
            if kind is None or code not in phases or unit_code not in units:
                continue
            # "loai" as a clerk typed it ("ho gia dinh"), else tap_the = true or an individual
            rows = [{k: v for k, v in r.items() if v is not None}
                    | {"loai": r.get("loai") or (COLLECTIVE if r.get("tap_the") else INDIVIDUAL)} for r in item["dong"]]
            rows = [{k: v for k, v in r.items() if k != "tap_the"} for r in rows]
            template = Path(tmp) / f"{code}_{unit_code}.xlsx"
            build_campaign_template(reg, kind, phases[code], reg.unit(unit_code), template)
            path = out_dir / sc["thu_muc"]["khen_thuong"] / f"De nghi khen theo dot - {code} - {unit_code}.xlsx"
            written.append(_fill(template, path, item["ngay"], rows, sc["nguoi_lap_mac_dinh"]))
    return written


def _fill(template: Path, path: Path, date: dt.date, rows: list[dict], preparer: str) -> Path:
    wb = openpyxl.load_workbook(template)
    ws = wb[SHEET]
    labels = {normalise_key(label): key for key, label, _ in HEADER_FIELDS}
    values = {"ngay_lap": dt.datetime.combine(date, dt.time()), "nguoi_lap": preparer}
    head = None
    for row in ws.iter_rows():
        first = row[0].value
        key = labels.get(normalise_key(first)) if isinstance(first, str) else None
        if key in values:
            ws.cell(row[0].row, 3).value = values[key]
            if key == "ngay_lap":
                ws.cell(row[0].row, 3).number_format = "dd/mm/yyyy"
        if any(c.value == KEY_HEADING for c in row):
            head = row[0].row
    col = {k: i + 1 for i, (k, _, _, _) in enumerate(COLUMNS)}
    for i, record in enumerate(rows):
        for k, v in record.items():
            cell = ws.cell(head + 1 + i, col[k])
            cell.value = dt.datetime.combine(v, dt.time()) if isinstance(v, dt.date) else v
            if isinstance(v, dt.date):
                cell.number_format = "dd/mm/yyyy"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    freeze_zip(path)
    return path
