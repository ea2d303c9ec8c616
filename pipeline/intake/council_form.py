"""Read a filled decision form of the council (``council/layout.py``): the meeting header as
labelled cells and one row per candidate, found by their text like the other templates."""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from pipeline.council.layout import COLUMNS, INPUTS, KEY_HEADING, MEETING_FIELDS, SHEET
from pipeline.intake.records import Cell, ReadResult, Submission, TableRow
from pipeline.intake.sheets import read_grid
from pipeline.issues import make_issue
from pipeline.text import clean_text, normalise_key


def read_form(found, sha: str, size: int, workbook, sheet_names: list[str], kind, version: str, year: str,
              unit_code: str):
    """Called by ``read.py`` for a file whose identity is the decision form: the meeting header
    as labelled cells and one TableRow per candidate row (its key in ``code``)."""
    name = found.name
    sheet = next((s for s in sheet_names if normalise_key(s) == normalise_key(SHEET)), None)
    if sheet is None:
        sub = Submission(name, sha, kind.code, version, year, unit_code, "", {}, (), False)
        return ReadResult(found, sha, size, sub, [make_issue("THIEU_TRANG", file=name, value=SHEET)],
                          "không có trang kết quả họp")
    grid, long_sheet = read_grid(workbook, sheet, name)
    head = next((r for r, row in enumerate(grid) if any(isinstance(v, str) and normalise_key(v) ==
                                                         normalise_key(KEY_HEADING) for v in row)), None)
    if head is None:
        sub = Submission(name, sha, kind.code, version, year, unit_code, sheet, {}, (), False)
        return ReadResult(found, sha, size, sub, [make_issue("THIEU_BANG", file=name, sheet=sheet,
                                                             value=KEY_HEADING)], "không tìm thấy bảng")
    labels = {normalise_key(label): key for key, label, _ in MEETING_FIELDS}
    header = {}
    for r in range(head):
        row = grid[r]
        key = labels.get(normalise_key(row[0])) if row and isinstance(row[0], str) else None
        if key:
            c = next((c for c in range(1, len(row)) if row[c] not in (None, "")), 3)
            header[key] = Cell(row[c] if c < len(row) else None, f"{xl_col_to_name(c)}{r + 1}")
    by_heading = {normalise_key(h): k for k, h, _, _ in COLUMNS}
    mapped = {}
    for c, value in enumerate(grid[head]):
        key = by_heading.get(normalise_key(value)) if isinstance(value, str) else None
        if key and key not in mapped:
            mapped[key] = c
    missing = [h for k, h, _, _ in COLUMNS if k not in mapped and k in INPUTS + ("ma",)]
    if missing:
        issues = [make_issue("THIEU_COT", file=name, sheet=sheet, cell=f"{head + 1}:{head + 1}", value=h) for h in missing]
        sub = Submission(name, sha, kind.code, version, year, unit_code, sheet, header, (), False)
        return ReadResult(found, sha, size, sub, issues, "bảng thiếu cột")
    rows = []
    for r in range(head + 1, len(grid)):
        row = grid[r]
        cells = {k: Cell(row[c] if c < len(row) and row[c] not in (None, "") else None, f"{xl_col_to_name(c)}{r + 1}")
                 for k, c in mapped.items()}
        code = clean_text(cells["ma"].value)
        if not code and all(cells[k].value is None for k in INPUTS):
            continue   # a section heading or an empty row
        rows.append(TableRow(r + 1, code, cells["ma"].address, cells))
    sub = Submission(name, sha, kind.code, version, year, unit_code, sheet, header, tuple(rows), True)
    return ReadResult(found, sha, size, sub, long_sheet)
