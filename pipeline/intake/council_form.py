"""Read a filled decision form of the council (``council/layout.py``): the meeting header as
labelled cells and one row per candidate, found by their text like the other templates."""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from pipeline.council.layout import COLUMNS, INPUTS, KEY_HEADING, MEETING_FIELDS, MEMBER_COLUMNS, PRESENT_HEADING, SHEET
from pipeline.intake.labelled_table import Form, read_labelled_table
from pipeline.intake.records import Cell, ReadResult, Submission, TableRow
from pipeline.text import clean_text, normalise_key

FORM = Form(SHEET, KEY_HEADING, MEETING_FIELDS, COLUMNS, INPUTS + ("ma",), 3, "trang kết quả họp")


def read_form(found, sha: str, size: int, workbook, sheet_names: list[str], kind, version: str, year: str,
              unit_code: str):
    """Called by ``read.py`` for a file whose identity is the decision form: the meeting header
    as labelled cells and one TableRow per candidate row (its key in ``code``)."""
    table = read_labelled_table(FORM, found, sha, size, workbook, sheet_names, kind, version, year, unit_code)
    if isinstance(table, ReadResult):
        return table
    rows = []
    for excel_row, cells in table.rows:
        code = clean_text(cells["ma"].value)
        if not code and all(cells[k].value is None for k in INPUTS):
            continue   # a section heading or an empty row
        rows.append(TableRow(excel_row, code, cells["ma"].address, cells))
    sub = Submission(found.name, sha, kind.code, version, year, unit_code, table.sheet, table.header, tuple(rows), True,
                     _members(table.grid, table.head))
    return ReadResult(found, sha, size, sub, table.long_sheet)


def _members(grid: list, head: int) -> tuple[dict[str, Cell], ...]:
    """The members' list above the table, found by its presence heading; its columns by their headings."""
    present = normalise_key(PRESENT_HEADING)
    top = next((r for r in range(head) if any(isinstance(v, str) and normalise_key(v) == present for v in grid[r])),
               None)
    if top is None:
        return ()
    by_heading = {normalise_key(h): k for k, h, _, _ in MEMBER_COLUMNS}
    columns = {}
    for c, value in enumerate(grid[top]):
        key = by_heading.get(normalise_key(value)) if isinstance(value, str) else None
        if key and key not in columns:
            columns[key] = c
    if "ho_ten" not in columns or "co_mat" not in columns:
        return ()
    out = []
    for r in range(top + 1, head):
        row = grid[r]
        cells = {k: Cell(row[c] if c < len(row) and row[c] not in (None, "") else None, f"{xl_col_to_name(c)}{r + 1}")
                 for k, c in columns.items() if k != "stt"}
        if cells["ho_ten"].value is None and cells["co_mat"].value is None:
            continue
        out.append(cells)
    return tuple(out)
