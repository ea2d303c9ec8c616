"""Read a filled decision form of the council (``council/layout.py``): the meeting header as
labelled cells and one row per candidate, found by their text like the other templates."""

from __future__ import annotations

from pipeline.council.layout import COLUMNS, INPUTS, KEY_HEADING, MEETING_FIELDS, SHEET
from pipeline.intake.labelled_table import Form, read_labelled_table
from pipeline.intake.records import ReadResult, Submission, TableRow
from pipeline.text import clean_text

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
    sub = Submission(found.name, sha, kind.code, version, year, unit_code, table.sheet, table.header, tuple(rows), True)
    return ReadResult(found, sha, size, sub, table.long_sheet)
