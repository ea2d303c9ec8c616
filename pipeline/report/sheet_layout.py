"""The layout of one sheet of a submitted .xlsx/.xlsm, read straight from its XML: column widths,
row heights, merged ranges, the rows repeated on every printed page, and each cell's borders.

It gives what ``openpyxl.load_workbook(path)[sheet]`` reports for these four things (the
feedback copies were built from that), without loading every cell and style of every sheet: a
feedback folder copies hundreds of sheets, and openpyxl spent about 40 ms on each."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import fromstring, iterparse

from pipeline.intake.sheets import sheet_part

DEFAULT_COLUMN_WIDTH = 13.0   # what openpyxl reports for a <col> without a width
_RANGE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def sheet_layout(path: Path, sheet: str, max_rows: int, max_cols: int) -> dict:
    """{"widths": {col: width}, "heights": {row: points}, "merged": [(r0, c0, r1, c1)],
    "title_rows": (r0, r1) | None, "borders": {(row, col): (left, right, top, bottom)}}, all
    0-based, a border as xlsxwriter's index (0: none, 1: thin, 2: medium…); empty when the file is
    not an .xlsx/.xlsm or cannot be read."""
    out: dict = {"widths": {}, "heights": {}, "merged": [], "title_rows": None, "borders": {}}
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return out
    try:
        with zipfile.ZipFile(path) as zf:
            workbook = fromstring(zf.read("xl/workbook.xml"))
            part = sheet_part(zf, sheet, workbook)
            if part is None:
                return out
            widths, heights, merged, styled = _sheet_parts(zf, part, max_rows, max_cols)
            borders = _borders(zf, styled)
        title_rows = _title_rows(workbook, sheet)
    except Exception:
        return out
    return {"widths": widths, "heights": heights, "merged": merged, "title_rows": title_rows, "borders": borders}


WHOLE_PART_MAX = 8 * 1024 * 1024   # inflated bytes of a sheet parsed as one tree; a longer one is streamed


def _sheet_parts(zf: zipfile.ZipFile, part: str, max_rows: int, max_cols: int):
    # A template's sheet is parsed whole and only the three kinds of element are looked at (the
    # tree's own search): stepping through every cell's parse events cost more than the rest of a
    # feedback copy. A sheet of a million rows would take gigabytes as one tree: it is streamed.
    big = zf.getinfo(part).file_size > WHOLE_PART_MAX
    rows, cols, merges, cells = _streamed(zf, part, max_rows) if big else _whole(zf.read(part))
    heights: dict[int, float] = {}
    row = 0
    for r, height in rows:
        row = int(float(r)) if r is not None else row + 1
        if height and float(height) and row <= max_rows:
            heights[row - 1] = float(height)
    columns: dict[int, tuple[float, int, int]] = {}   # by the first column, as openpyxl keys them
    for first, last, width in cols:
        columns[int(first)] = (float(width) if width is not None else DEFAULT_COLUMN_WIDTH, int(first), int(last))
    merged = [_bounds(ref) for ref in merges]
    widths: dict[int, float] = {}
    for width, first, last in columns.values():
        if width and first and last:
            for c in range(first - 1, min(last, max_cols)):
                widths[c] = max(1.0, width - 0.71)   # the file's width holds the padding too
    styled: dict[tuple[int, int], int] = {}   # (row, col) -> the cell's style index, when it has one
    for ref, style in cells:
        m = _RANGE.fullmatch(ref or "")
        if style and m and int(m.group(2)) <= max_rows and _col(m.group(1)) <= max_cols:
            styled[(int(m.group(2)) - 1, _col(m.group(1)) - 1)] = int(style)
    return widths, heights, merged, styled


def _whole(xml: bytes) -> tuple[list, list, list, list]:
    """(row number, height) of each row, (min, max, width) of each column range, merged ranges,
    (address, style index) of each styled cell."""
    root = fromstring(xml)
    ns = root.tag[:root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    return ([(el.get("r"), el.get("ht")) for el in root.iter(f"{ns}row")],
            [(el.get("min"), el.get("max"), el.get("width")) for el in root.iter(f"{ns}col")],
            [el.get("ref") for el in root.iter(f"{ns}mergeCell")],
            [(el.get("r"), el.get("s")) for el in root.iter(f"{ns}c") if el.get("s")])


def _streamed(zf: zipfile.ZipFile, part: str, max_rows: int) -> tuple[list, list, list]:
    """What ``_whole`` gives for the first ``max_rows`` rows, in constant memory: each row and
    cell is cleared once read."""
    rows, cols, merges, cells = [], [], [], []
    row = 0
    with zf.open(part) as fh:
        for event, el in iterparse(fh, events=("start", "end")):
            tag = el.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "c":
                    if row <= max_rows and el.get("s"):
                        cells.append((el.get("r"), el.get("s")))
                elif tag == "row":
                    r = el.get("r")
                    row = int(float(r)) if r is not None else row + 1
                    if row <= max_rows:
                        rows.append((r, el.get("ht")))
                elif tag == "col":
                    cols.append((el.get("min"), el.get("max"), el.get("width")))
                elif tag == "mergeCell":
                    merges.append(el.get("ref"))
            elif tag in ("row", "c"):
                el.clear()
    return rows, cols, merges, cells


# a border's style in the file -> xlsxwriter's border index
BORDER_STYLES = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7,
                 "mediumDashed": 8, "dashDot": 9, "mediumDashDot": 10, "dashDotDot": 11, "mediumDashDotDot": 12,
                 "slantDashDot": 13}


def _borders(zf: zipfile.ZipFile, styled: dict[tuple[int, int], int]) -> dict[tuple[int, int], tuple[int, ...]]:
    """The borders of the styled cells, from the workbook's styles (cellXfs -> borderId -> border)."""
    if not styled or "xl/styles.xml" not in zf.namelist():
        return {}
    sides = _border_table(zf.read("xl/styles.xml"))
    out = {}
    for at, style in styled.items():
        border = sides[style] if style < len(sides) else None
        if border:
            out[at] = border
    return out


def _border_table(xml: bytes) -> list[tuple[int, ...] | None]:
    """Each cell format's (left, right, top, bottom) border indices; None when it has no border."""
    root = fromstring(xml)
    borders = []
    for border in root.iter(f"{_MAIN}border"):
        found = []
        for side, other in (("left", "start"), ("right", "end"), ("top", "top"), ("bottom", "bottom")):
            el = border.find(f"{_MAIN}{side}")
            el = el if el is not None else border.find(f"{_MAIN}{other}")
            found.append(BORDER_STYLES.get(el.get("style", ""), 0) if el is not None else 0)
        borders.append(tuple(found) if any(found) else None)
    formats = root.find(f"{_MAIN}cellXfs")
    if formats is None:
        return []
    table = []
    for xf in formats.iter(f"{_MAIN}xf"):
        n = int(xf.get("borderId", "0") or 0)
        table.append(borders[n] if n < len(borders) else None)
    return table


def _bounds(ref: str) -> tuple[int, int, int, int]:
    m = _RANGE.fullmatch(ref.strip())
    c0, r0 = _col(m.group(1)), int(m.group(2))
    c1, r1 = (_col(m.group(3)), int(m.group(4))) if m.group(3) else (c0, r0)
    return min(r0, r1) - 1, min(c0, c1) - 1, max(r0, r1) - 1, max(c0, c1) - 1


def _col(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _title_rows(workbook, sheet: str) -> tuple[int, int] | None:
    names = [s.get("name") for s in workbook.iter(f"{_MAIN}sheet")]
    if sheet not in names:
        return None
    index = str(names.index(sheet))
    for name in workbook.iter(f"{_MAIN}definedName"):
        if name.get("name") == "_xlnm.Print_Titles" and name.get("localSheetId") == index and name.text:
            return _print_title_rows(name.text)
    return None


# openpyxl's reading of a print titles definition ("'Sheet 1'!$4:$6,'Sheet 1'!$A:$B"), without
# importing openpyxl into every process that writes feedback: the last rows range found wins, and a
# text without a sheet name is an error.
_SHEET_TITLE = r"""(('(?P<quoted>([^']|'')*)')|(?P<notquoted>[^'^ ^!]*))!"""
_ROW_RANGE = r"""(?P<rows>[$]?(?P<min_row>\d+):[$]?(?P<max_row>\d+))"""
_COL_RANGE = r"""(?P<cols>[$]?(?P<min_col>[a-zA-Z]{1,3}):[$]?(?P<max_col>[a-zA-Z]{1,3}))"""
_TITLES = re.compile(f"{_SHEET_TITLE}{_ROW_RANGE}?,?{_COL_RANGE}?,?", re.VERBOSE)


def _print_title_rows(text: str) -> tuple[int, int] | None:
    found = {k: v for m in _TITLES.finditer(text) for k, v in m.groupdict().items() if v}
    if not found or not (found.get("quoted") or found.get("notquoted")):
        raise ValueError(f"{text} is not a valid print titles definition")
    if "rows" not in found:
        return None
    return int(found["min_row"]) - 1, int(found["max_row"]) - 1
