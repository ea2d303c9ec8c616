"""Read a one-sheet form found by its text: a header of labelled cells above a table whose columns
are found by their headings (the council's decision form, the campaign proposals). Each form's
reader says which rows count; a missing sheet, table or column is an Issue and the file unusable."""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.utility import xl_col_to_name

from pipeline.intake.records import Cell, ReadResult, Submission
from pipeline.intake.sheets import read_grid
from pipeline.issues import Issue, make_issue
from pipeline.text import normalise_key


@dataclass(frozen=True)
class Form:
    """Where a form's parts are: sheet, key heading, header fields (key, label, kind), columns
    (key, heading, width, is input), the columns that must be there, and the header's value column
    when the label's row holds no value."""
    sheet: str
    key_heading: str
    header_fields: tuple
    columns: tuple
    required: tuple[str, ...]
    value_col: int
    what: str             # the form in the unusable reason: "trang kết quả họp", "trang đề nghị"


@dataclass(frozen=True)
class Table:
    sheet: str
    header: dict[str, Cell]
    rows: list[tuple[int, dict[str, Cell]]]     # Excel row, cells by column key
    long_sheet: list[Issue]
    grid: list = ()                              # the sheet's values, for what lies between header and table
    head: int = 0                                # the table's heading row (0-based)


def read_labelled_table(form: Form, found, sha: str, size: int, workbook, sheet_names: list[str], kind,
                        version: str, year: str, unit_code: str) -> Table | ReadResult:
    name = found.name

    def unusable(sheet: str, header: dict, issues: list[Issue], reason: str) -> ReadResult:
        sub = Submission(name, sha, kind.code, version, year, unit_code, sheet, header, (), False)
        return ReadResult(found, sha, size, sub, issues, reason)

    sheet = next((s for s in sheet_names if normalise_key(s) == normalise_key(form.sheet)), None)
    if sheet is None:
        return unusable("", {}, [make_issue("THIEU_TRANG", file=name, value=form.sheet)], f"không có {form.what}")
    grid, long_sheet = read_grid(workbook, sheet, name)
    key = normalise_key(form.key_heading)
    head = next((r for r, row in enumerate(grid) if any(isinstance(v, str) and normalise_key(v) == key
                                                         for v in row)), None)
    if head is None:
        return unusable(sheet, {}, [make_issue("THIEU_BANG", file=name, sheet=sheet, value=form.key_heading)],
                        "không tìm thấy bảng")
    labels = {normalise_key(label): key for key, label, _ in form.header_fields}
    header = {}
    for r in range(head):
        row = grid[r]
        field = labels.get(normalise_key(row[0])) if row and isinstance(row[0], str) else None
        if field:
            c = next((c for c in range(1, len(row)) if row[c] not in (None, "")), form.value_col)
            header[field] = Cell(row[c] if c < len(row) else None, f"{xl_col_to_name(c)}{r + 1}")
    by_heading = {normalise_key(h): k for k, h, _, _ in form.columns}
    mapped: dict[str, int] = {}
    for c, value in enumerate(grid[head]):
        column = by_heading.get(normalise_key(value)) if isinstance(value, str) else None
        if column and column not in mapped:
            mapped[column] = c
    missing = [h for k, h, _, _ in form.columns if k not in mapped and k in form.required]
    if missing:
        issues = [make_issue("THIEU_COT", file=name, sheet=sheet, cell=f"{head + 1}:{head + 1}", value=h)
                  for h in missing]
        return unusable(sheet, header, issues, "bảng thiếu cột")
    letters = {k: xl_col_to_name(c) for k, c in mapped.items()}
    rows = []
    for r in range(head + 1, len(grid)):
        row = grid[r]
        rows.append((r + 1, {k: Cell(row[c] if c < len(row) and row[c] not in (None, "") else None,
                                     f"{letters[k]}{r + 1}") for k, c in mapped.items()}))
    return Table(sheet, header, rows, long_sheet, grid, head)
