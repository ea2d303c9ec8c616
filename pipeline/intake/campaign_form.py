"""Read a filled campaign proposal (``council/campaign_layout.py``): the header as labelled cells
and one row per proposed collective or individual, found by their text like the other templates.
The campaign is the visible "Đợt thi đua" cell (the identity's code as a fallback)."""

from __future__ import annotations

from pipeline.council.campaign_layout import COLUMNS, HEADER_FIELDS, INPUTS, KEY_HEADING, OPTIONAL, SHEET
from pipeline.intake.labelled_table import Form, read_labelled_table
from pipeline.intake.records import ReadResult, Submission, TableRow

FORM = Form(SHEET, KEY_HEADING, HEADER_FIELDS, COLUMNS, tuple(k for k in INPUTS if k not in OPTIONAL), 2,
            "trang đề nghị")


def read_campaign(found, sha: str, size: int, workbook, sheet_names: list[str], kind, version: str, year: str,
                  unit_code: str):
    table = read_labelled_table(FORM, found, sha, size, workbook, sheet_names, kind, version, year, unit_code)
    if isinstance(table, ReadResult):
        return table
    rows = []
    for excel_row, cells in table.rows:
        if all(cells[k].value is None for k in INPUTS if k in cells):
            continue   # an empty row (the number and the proposed form are printed in every row)
        rows.append(TableRow(excel_row, "", cells["ten"].address, cells))
    sub = Submission(found.name, sha, kind.code, version, year, unit_code, table.sheet, table.header, tuple(rows), True)
    return ReadResult(found, sha, size, sub, table.long_sheet)
