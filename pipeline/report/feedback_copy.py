"""A copy of one submitted sheet inside a unit's feedback workbook: the values (never formulas) at
the very same addresses as in the unit's own file, so that the cell named in "Lỗi cần sửa" is the
highlighted, commented cell here and in the file the unit has; column widths, merged cells, cell
borders and repeated heading rows follow the submitted sheet, and the page prints on A4 landscape, fit to width.
The note explaining the colours (and, for a file that could not be used, why) sits under the copy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import python_calamine
from xlsxwriter.utility import xl_cell_to_rowcol

from pipeline.issues import ERROR, Issue
from pipeline.report.sheet_layout import sheet_layout
from pipeline.text import lines_needed

MAX_ROWS, MAX_COLS = 400, 40   # a template is far smaller; a bigger sheet is cut, and the note says so
DEFAULT_WIDTH, MAX_WIDTH = 8.43, 40.0
ERROR_FILL, WARNING_FILL = "#FFC7CE", "#FFEB9C"


class Source(NamedTuple):
    """A submitted file a copy may be taken from."""
    path: Path
    sheet: str = ""    # its data sheet as read ("" when none was found: the first sheet is copied)
    sha256: str = ""   # its content's hash, as the reader computed it ("" when it was not read)


@dataclass(frozen=True)
class _Read:
    """What a copy takes from one submitted sheet, whichever unit's workbook it goes into."""
    sheet: str
    grid: list[list]
    cut: bool
    layout: dict
    widths: list[float]
    merged: dict[tuple[int, int], tuple[int, int, int, int]]
    covered: set[tuple[int, int]]
    lone: list[int]       # a row's only filled cell, written without wrapping (a note line); -1: none
    heights: list[float]  # each row's height


def read_sheet(source: Source, reads: dict | None = None) -> _Read | None:
    """The sheet as a copy shows it; None when the file cannot be read again. ``reads`` keeps what
    was read by the file's content (the reader's hash): copies of one file (a unit that sent it
    twice, or to several periods) are read and measured once."""
    if reads is None or not source.sha256:
        return _read_sheet(source.path, source.sheet)
    key = (source.sha256, source.path.suffix.lower(), source.sheet)
    if key not in reads:
        reads[key] = _read_sheet(source.path, source.sheet)
    return reads[key]


def _read_sheet(path: Path, sheet: str) -> _Read | None:
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        sheet = sheet or book.sheet_names[0]
        grid = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=MAX_ROWS + 1)
    except Exception:
        return None
    cut = len(grid) > MAX_ROWS or any(len(row) > MAX_COLS for row in grid)
    grid = [row[:MAX_COLS] for row in grid[:MAX_ROWS]]
    ncols = max((len(row) for row in grid), default=1)
    layout = sheet_layout(path, sheet, MAX_ROWS, MAX_COLS)
    widths = [min(MAX_WIDTH, layout["widths"].get(c) or _guess_width(grid, c)) for c in range(ncols)]
    merged = {r[:2]: r for r in layout["merged"] if r[0] < len(grid) and r[1] < ncols}
    covered = {(r, c) for r0, c0, r1, c1 in merged.values() for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    lones, heights = [], []
    for r, row in enumerate(grid):
        lines = [1]
        filled = [c for c, v in enumerate(row) if v not in ("", None)]
        lone = filled[0] if len(filled) == 1 and (r, filled[0]) not in covered else -1
        for c, value in enumerate(row):
            if c == lone:
                continue
            if (r, c) in merged:
                r0, c0, r1, c1 = merged[(r, c)]
                lines.append(lines_needed(_shown(value), sum(widths[c0:c1 + 1])) if r1 == r0 else 1)
            elif (r, c) not in covered:
                lines.append(lines_needed(_shown(value), widths[c]))
        lones.append(lone)
        heights.append(layout["heights"].get(r) or 15 * max(lines) + 2)
    return _Read(sheet, grid, cut, layout, widths, merged, covered, lones, heights)


def copy_sheet(wb, fmt, title: str, file_name: str, source: Source, issues: list[Issue],
               reason: str = "", reads: dict | None = None) -> None:
    """``reason`` says why the file could not be used, for a rejected file; ``reads``: see ``read_sheet``."""
    ws = wb.add_worksheet(title)
    read = read_sheet(source, reads)
    if read is None:
        ws.write_string(0, 0, f"Không đọc lại được tệp \"{file_name}\".", fmt(italic=True, text_wrap=False))
        if reason:
            ws.write_string(1, 0, reason, fmt(bold=True, text_wrap=False, font_color="#C00000"))
        return
    sheet, grid, layout, merged, covered = read.sheet, read.grid, read.layout, read.merged, read.covered
    for c, width in enumerate(read.widths):
        ws.set_column(c, c, width)

    marks: dict[tuple[int, int], list[Issue]] = {}
    for i in issues:
        at = _address(i.cell)
        if at and i.sheet == sheet:
            marks.setdefault(at, []).append(i)
    styles: dict[tuple, object] = {}

    borders = layout.get("borders", {})

    def style_of(lone: bool, found: list[Issue] | None, value, border: tuple = ()) -> object:
        """The cell's format: the file's borders, marked (red for an error, yellow for a warning), a
        number shown the Vietnamese way (8.000.000, 12,5), a note line running on as in the file."""
        mark = "" if not found else ERROR_FILL if any(i.severity == ERROR for i in found) else WARNING_FILL
        number = "" if not isinstance(value, (int, float)) or isinstance(value, bool) else \
            "#,##0" if float(value).is_integer() else "#,##0.0###"
        key = (lone, mark, number, border)
        if key not in styles:
            fill = dict(zip(("left", "right", "top", "bottom"), border)) if border else {}
            if mark:
                fill = {"border": 1, "bg_color": mark}
            if number:
                fill = fill | {"num_format": number}
            styles[key] = fmt(text_wrap=False, **fill) if lone else fmt(**fill)
        return styles[key]

    for r, row in enumerate(grid):
        lone = read.lone[r]
        for c, value in enumerate(row):
            found = marks.get((r, c))
            border = borders.get((r, c), ())
            if (r, c) not in merged and ((r, c) in covered or (value in ("", None) and not found and not border)):
                continue   # inside a merged range, or an empty cell with nothing to mark or frame
            style = style_of(c == lone, found, value, border)
            if c != lone and (r, c) in merged:
                r0, c0, r1, c1 = merged[(r, c)]
                ws.merge_range(r0, c0, r1, c1, "", style)
            _write(ws, r, c, value, style, found)
        ws.set_row(r, read.heights[r])
    for (r, c), border in sorted(borders.items()):   # framed empty cells beyond the values read
        if (r >= len(grid) or c >= len(grid[r])) and (r, c) not in covered and r < MAX_ROWS and c < MAX_COLS:
            ws.write_blank(r, c, None, style_of(False, None, None, border))

    note_row = len(grid) + 1
    note = (f"Bản sao số liệu của tệp \"{file_name}\", trang \"{sheet}\", giữ nguyên địa chỉ các ô. "
            "Ô tô đỏ: lỗi; ô tô vàng: cảnh báo; rê chuột lên ô để xem ghi chú.")
    if read.cut:
        note += f" Trang dài hơn {MAX_ROWS} dòng hoặc {MAX_COLS} cột: chỉ chép phần đầu."
    if reason:
        ws.write_string(note_row, 0, reason, fmt(bold=True, text_wrap=False, font_color="#C00000"))
        note_row += 1
    ws.write_string(note_row, 0, note, fmt(italic=True, text_wrap=False, font_color="#C00000"))
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    if layout["title_rows"]:
        ws.repeat_rows(*layout["title_rows"])
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N")


def _write(ws, r: int, c: int, value, style, found: list[Issue] | None) -> None:
    if isinstance(value, bool):
        ws.write_string(r, c, "Có" if value else "Không", style)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, style)
    elif isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        ws.write_string(r, c, _shown(value), style)
    elif value not in ("", None):
        ws.write_string(r, c, str(value), style)
    else:   # marked or framed: a blank cell keeps its format
        ws.write_blank(r, c, None, style)
    if found:
        ws.write_comment(r, c, "\n".join(f"{i.message} {i.hint_for_unit}" for i in found),
                         {"x_scale": 2.5, "y_scale": 2, "font_name": "Times New Roman"})


def _guess_width(grid: list[list], c: int) -> float:
    longest = max((len(_shown(row[c])) for row in grid if c < len(row)), default=0)
    return max(DEFAULT_WIDTH, min(24.0, longest * 0.9 + 1))


def _shown(value) -> str:
    if value in ("", None):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _address(cell: str) -> tuple[int, int] | None:
    try:
        return xl_cell_to_rowcol(cell) if cell and ":" not in cell else None
    except Exception:
        return None
