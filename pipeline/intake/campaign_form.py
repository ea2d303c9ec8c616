"""Read a filled campaign proposal (``council/campaign_layout.py``): the header as labelled cells
and one row per proposed collective or individual, found by their text like the other templates.
The campaign is the visible "Đợt thi đua" cell (the identity's code as a fallback)."""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from pipeline.council.campaign_layout import COLUMNS, HEADER_FIELDS, INPUTS, KEY_HEADING, SHEET
from pipeline.intake.records import Cell, ReadResult, Submission, TableRow
from pipeline.intake.sheets import read_grid
from pipeline.issues import make_issue
from pipeline.text import normalise_key


def read_campaign(found, sha: str, size: int, workbook, sheet_names: list[str], kind, version: str, year: str,
                  unit_code: str):
    name = found.name
    sheet = next((s for s in sheet_names if normalise_key(s) == normalise_key(SHEET)), None)
    if sheet is None:
        sub = Submission(name, sha, kind.code, version, year, unit_code, "", {}, (), False)
        return ReadResult(found, sha, size, sub, [make_issue("THIEU_TRANG", file=name, value=SHEET)],
                          "không có trang đề nghị")
    grid, long_sheet = read_grid(workbook, sheet, name)
    head = next((r for r, row in enumerate(grid) if any(isinstance(v, str) and normalise_key(v) ==
                                                         normalise_key(KEY_HEADING) for v in row)), None)
    if head is None:
        sub = Submission(name, sha, kind.code, version, year, unit_code, sheet, {}, (), False)
        return ReadResult(found, sha, size, sub, [make_issue("THIEU_BANG", file=name, sheet=sheet,
                                                             value=KEY_HEADING)], "không tìm thấy bảng")
    labels = {normalise_key(label): key for key, label, _ in HEADER_FIELDS}
    header = {}
    for r in range(head):
        row = grid[r]
        key = labels.get(normalise_key(row[0])) if row and isinstance(row[0], str) else None
        if key:
            c = next((c for c in range(1, len(row)) if row[c] not in (None, "")), 2)
            header[key] = Cell(row[c] if c < len(row) else None, f"{xl_col_to_name(c)}{r + 1}")
    by_heading = {normalise_key(h): k for k, h, _, _ in COLUMNS}
    mapped = {}
    for c, value in enumerate(grid[head]):
        key = by_heading.get(normalise_key(value)) if isinstance(value, str) else None
        if key and key not in mapped:
            mapped[key] = c
    missing = [h for k, h, _, _ in COLUMNS if k not in mapped and k in INPUTS and k != "ghi_chu"]
    if missing:
        issues = [make_issue("THIEU_COT", file=name, sheet=sheet, cell=f"{head + 1}:{head + 1}", value=h)
                  for h in missing]
        sub = Submission(name, sha, kind.code, version, year, unit_code, sheet, header, (), False)
        return ReadResult(found, sha, size, sub, issues, "bảng thiếu cột")
    rows = []
    for r in range(head + 1, len(grid)):
        row = grid[r]
        cells = {k: Cell(row[c] if c < len(row) and row[c] not in (None, "") else None, f"{xl_col_to_name(c)}{r + 1}")
                 for k, c in mapped.items()}
        if all(cells[k].value is None for k in INPUTS if k in cells):
            continue   # an empty row (the number and the proposed form are printed in every row)
        rows.append(TableRow(r + 1, "", cells["ten"].address, cells))
    sub = Submission(name, sha, kind.code, version, year, unit_code, sheet, header, tuple(rows), True)
    return ReadResult(found, sha, size, sub, long_sheet)
