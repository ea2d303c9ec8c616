"""What reading a file produces: cells with their addresses, table rows, the submission a template
holds and the result of reading one file (with its Issues)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.intake.discover import Found
from pipeline.issues import Issue


# Cells and table rows are named tuples, not dataclasses: thousands of files hold hundreds of
# thousands of them, and the main process unpickles named tuples from the readers twice as fast.
class Cell(NamedTuple):
    value: object   # as read: str, float, int, bool, date, datetime or None
    address: str    # "G14"
    problem: str = ""  # "cong_thuc" (formula without a computed value) or an error value like "#DIV/0!"


class TableRow(NamedTuple):
    excel_row: int
    code: str
    code_address: str        # the cell of the target code, e.g. "B14"
    cells: dict[str, Cell]   # input column key -> cell


@dataclass(frozen=True)
class Submission:
    """One file that is one of our templates; ``rows`` is empty when it could not be read."""
    file: str
    sha256: str
    report_kind: str
    template_version: str
    year: str
    identity_unit: str
    sheet: str
    header: dict[str, Cell]
    rows: tuple[TableRow, ...]
    readable: bool
    members: tuple = ()      # the council's decision form: one dict of Cells per member listed (ho_ten, co_mat…)


@dataclass(frozen=True)
class ReadResult:
    found: Found
    sha256: str
    size: int
    submission: Submission | None
    issues: list[Issue] = field(default_factory=list)
    reason: str = ""   # why the file is not used, when it is not (Vietnamese)


