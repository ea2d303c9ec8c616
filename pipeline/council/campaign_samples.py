"""The sample set's campaign proposals (khen thưởng theo đợt): the Văn phòng proposes one person
and one collective for the second campaign, with one row left without an achievement (its
Issue), and Khóm Sơn Đông one person for the special campaign. The sample decision form
approves them, so ``make report`` writes a campaign decision for each campaign."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl

from pipeline.council.campaign_layout import COLLECTIVE, COLUMNS, HEADER_FIELDS, INDIVIDUAL, KEY_HEADING, SHEET
from pipeline.council.campaign_template import build_campaign_template
from pipeline.report.files import freeze_zip
from pipeline.text import normalise_key

FOLDER = "Thi dua khen thuong"
PROPOSALS = {  # (campaign, unit): (date of the form, rows)
    ("dot_thi_dua_2", "VPTK"): (dt.date(2024, 12, 5), [
        {"ten": "Trần Văn Phúc", "loai": INDIVIDUAL, "ngay_sinh": dt.date(1988, 5, 12), "chuc_vu": "Chuyên viên",
         "thanh_tich": "Hoàn thành số hóa 100% hồ sơ thủ tục hành chính tiếp nhận trong đợt"},
        {"ten": "Bộ phận Tiếp nhận và Trả kết quả", "loai": COLLECTIVE,
         "thanh_tich": "Không có hồ sơ trễ hạn; tỷ lệ hài lòng của người dân đạt 98%"},
        {"ten": "Lý Thị Mai", "loai": INDIVIDUAL, "chuc_vu": "Nhân viên"},     # no achievement: THIEU_THANH_TICH_DOT
    ]),
    ("dot_dac_biet", "KH01"): (dt.date(2024, 10, 25), [
        {"ten": "Lê Văn Hòa", "loai": INDIVIDUAL, "ngay_sinh": dt.date(1975, 9, 2), "chuc_vu": "Tổ trưởng tổ dân phố",
         "thanh_tich": "Vận động 12 hộ hiến đất mở rộng đường nội ô chào mừng kỷ niệm 185 năm thành lập thị xã"},
    ]),
}


def make_campaign_samples(reg, out_dir: Path) -> list[Path]:
    kind = reg.kind_for_content("de_nghi_theo_dot")
    phases = {p["ma"]: p for p in reg.emulation_phases}
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for (code, unit_code), (date, rows) in PROPOSALS.items():
            if kind is None or code not in phases:
                continue
            template = Path(tmp) / f"{code}_{unit_code}.xlsx"
            build_campaign_template(reg, kind, phases[code], reg.unit(unit_code), template)
            path = out_dir / FOLDER / f"De nghi khen theo dot - {code} - {unit_code}.xlsx"
            written.append(_fill(template, path, date, rows))
    return written


def _fill(template: Path, path: Path, date: dt.date, rows: list[dict]) -> Path:
    wb = openpyxl.load_workbook(template)
    ws = wb[SHEET]
    labels = {normalise_key(label): key for key, label, _ in HEADER_FIELDS}
    values = {"ngay_lap": dt.datetime.combine(date, dt.time()), "nguoi_lap": "Phạm Thị Hồng"}
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
