"""Write the year's book from the registers' dicts (what the TOML files hold): a settings sheet,
one table sheet per register list, a guide. Headings are locked (sheet protection without a
password, so the officer can lift it), input cells are not; closed lists are drop-downs."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.book.cells import to_cell
from pipeline.book.guide import GUIDE_LINES
from pipeline.book.layout import (
    FIRST_ROW,
    GUIDE,
    HEAD_ROW,
    KEY_ROW,
    LAW_FILE,
    LOCKED_COLUMNS,
    MEMBERS,
    NO,
    PARAM_KINDS,
    PARAMETERS,
    SETTINGS,
    TABLES,
    TARGETS,
    TITLE_ROW,
    UNIT_KINDS_SHEET,
    YES,
    Field,
    Sheet,
    input_keys,
    law_sheet,
)
from pipeline.registers.identity import commune
from pipeline.registers.model import UNIT_KINDS
from pipeline.report.files import atomic_path

EXTRA_ROWS = 30          # empty input rows below each table for new entries
VALIDATED_ROWS = 500     # drop-downs reach this far below the headings (rows inserted later keep theirs)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
INPUT_FILL = PatternFill("solid", fgColor="FFFFF0")
OPEN = Protection(locked=False)
LOCKED = Protection(locked=True)
TOP = Alignment(wrap_text=True, vertical="top")


def _get(raw: dict, path: str):
    node = raw
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def book_files(files: dict[str, dict]) -> dict[str, dict]:
    """The registers' dicts with the identity stated once: the commune's kind and name read off
    ``ten_dia_phuong``, the chairman from the signer's name, where an older register wrote them so."""
    body = {**files.get("co_quan", {})}
    block = dict(body.get("co_quan", {}))
    kind, name = commune(block)
    block.setdefault("loai_dia_phuong", kind)
    block.setdefault("ten", name)
    if not block.get("chu_tich"):
        block["chu_tich"] = str(body.get("van_ban", {}).get("ho_ten_nguoi_ky", ""))
    body["co_quan"] = block
    units = dict(files.get("units", {}))
    if not units.get("loai_don_vi"):   # a year older than the kinds register: the kinds it could use
        units["loai_don_vi"] = [{"ma": code, "ten": code} for code in UNIT_KINDS]
    return {**files, "co_quan": body, "units": units}


def write_book(path: Path, files: dict[str, dict], year: int, rule_sets: str = "",
               factors: tuple[tuple[str, str], ...] = ()) -> Path:
    """``factors``: (code, note) of the law sheet's bonus-factor rows (``book.factors.factor_rows``)."""
    files = book_files(files)
    wb = Workbook()
    wb.remove(wb.active)
    _guide(wb, year, rule_sets)
    _settings(wb, files, SETTINGS)
    _table(wb, MEMBERS, _rows(MEMBERS, files))
    if LAW_FILE in files:
        _settings(wb, files, law_sheet(factors))
    for sheet in TABLES:
        _table(wb, sheet, _rows(sheet, files))
    wb.properties.title = f"Sổ đăng ký thi đua năm {year}"
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _rows(sheet: Sheet, files: dict[str, dict]) -> list[dict]:
    entries = [dict(e) for e in files.get(sheet.file, {}).get(sheet.block, [])]
    if sheet is TARGETS:
        for e in entries:
            keys = input_keys(e.get("loai", ""))
            for name in ("nhap", "vai_tro"):   # an input the kind has not is left out (the check on new-year says so)
                for key, value in (e.pop(name, {}) or {}).items():
                    if key in keys:
                        e[f"{name}_{keys.index(key) + 1}"] = value
    if sheet is PARAMETERS:
        for e in entries:
            value = e.get("gia_tri")
            e["kieu"] = PARAM_KINDS["bool" if isinstance(value, bool) else "list" if isinstance(value, list) else
                                    "int" if isinstance(value, int) else "text" if isinstance(value, str) and value
                                    else "number"]
            e["gia_tri"] = to_cell(Field("gia_tri", "", "bool" if isinstance(value, bool) else
                                         "list" if isinstance(value, list) else "text"), value)
    return entries


def _lines(value, width: float) -> int:
    """How many printed lines a wrapped cell takes (a column holds about ``width`` characters)."""
    if not isinstance(value, str):
        return 1
    return sum(max(1, -(-len(line) // max(int(width), 1))) for line in value.split("\n"))


def _fit(ws, row: int, cells) -> None:
    """The row as tall as its tallest wrapped cell (Calc does not size rows it did not write)."""
    ws.row_dimensions[row].height = 15 * max((_lines(value, width) for value, width in cells), default=1)


def _put(cell, value):
    """Write a value; a text such as "==" stays text (openpyxl would make it a formula)."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _title(ws, text: str, width: int) -> None:
    ws.cell(TITLE_ROW, 1, text).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=max(width, 2))


def _head(cell) -> None:
    cell.protection = LOCKED
    cell.font = Font(bold=True)
    cell.fill = HEAD_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _page(ws) -> None:
    """Printed landscape, as wide as one page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW}"


def _protect(ws) -> None:
    _page(ws)
    """Locked headings, open inputs; rows may be inserted and deleted, columns resized."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = p.formatRows = p.insertRows = p.deleteRows = p.autoFilter = p.sort = False
    p.selectLockedCells = p.selectUnlockedCells = False


def _validation(ws, field: Field, ref: str) -> None:
    if field.kind == "choice":
        formula = '"' + ",".join(field.choices) + '"'
    elif field.kind == "bool":
        formula = f'"{YES},{NO}"'
    elif field.kind == "kind":
        formula = f"'{UNIT_KINDS_SHEET.name}'!$A${FIRST_ROW}:$A${FIRST_ROW + 60}"
    else:
        return
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                        errorTitle="Giá trị không có trong danh sách",
                        error=f"Chọn một giá trị trong danh sách của cột \"{field.heading}\".")
    ws.add_data_validation(dv)
    dv.add(ref)


def _settings(wb, files: dict[str, dict], sheet: Sheet) -> None:
    ws = wb.create_sheet(sheet.name)
    _title(ws, sheet.title, 3)
    for col, (text, width) in enumerate((("Nội dung", 46), ("Giá trị", 60), ("Ghi chú", 60), ("Mã", 30)), start=1):
        _head(ws.cell(HEAD_ROW, col, text))
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions["D"].hidden = True
    for row, field in enumerate(sheet.fields, start=HEAD_ROW + 1):
        file, _, rest = field.key.partition(".")
        ws.cell(row, 1, field.heading + (" (*)" if field.required else "")).alignment = TOP
        value = _put(ws.cell(row, 2), to_cell(field, _get(files.get(file, {}), rest)))
        value.protection, value.fill = OPEN, INPUT_FILL
        value.alignment = Alignment(wrap_text=True, vertical="top")
        _date_format(value, field)
        ws.cell(row, 3, field.note).alignment = TOP
        ws.cell(row, 4, field.key)
        _validation(ws, field, value.coordinate)
        _fit(ws, row, ((field.heading, 46), (value.value, 60), (field.note, 60)))
    ws.freeze_panes = ws.cell(HEAD_ROW + 1, 2)
    _protect(ws)


def _date_format(cell, field: Field) -> None:
    if field.kind == "date":
        cell.number_format = "DD/MM/YYYY"
    elif field.kind in ("list", "lines", "text", "pairs", "choice") and field.key not in ("ma",):
        cell.number_format = "@"


def _table(wb, sheet: Sheet, rows: list[dict]) -> None:
    ws = wb.create_sheet(sheet.name)
    _title(ws, sheet.title, len(sheet.fields))
    locked = LOCKED_COLUMNS.get(sheet.name, ())
    last = FIRST_ROW + len(rows) + (0 if locked else EXTRA_ROWS) - 1
    for col, field in enumerate(sheet.fields, start=1):
        letter = get_column_letter(col)
        head = ws.cell(HEAD_ROW, col, field.heading + (" (*)" if field.required else ""))
        _head(head)
        ws.cell(KEY_ROW, col, field.key).protection = LOCKED
        ws.cell(TITLE_ROW, col).protection = LOCKED
        ws.column_dimensions[letter].width = field.width
        for r in range(FIRST_ROW, last + 1):
            entry = rows[r - FIRST_ROW] if r - FIRST_ROW < len(rows) else {}
            cell = _put(ws.cell(r, col), to_cell(field, entry.get(field.key)))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            _date_format(cell, field)
            if field.key not in locked:
                cell.protection, cell.fill = OPEN, INPUT_FILL
        if field.key not in locked:   # the whole column below the headings is open, rows added later too
            ws.column_dimensions[letter].protection = OPEN
            _validation(ws, field, f"{letter}{FIRST_ROW}:{letter}{FIRST_ROW + VALIDATED_ROWS - 1}")
    for r in range(FIRST_ROW, FIRST_ROW + len(rows)):
        _fit(ws, r, ((ws.cell(r, c).value, f.width) for c, f in enumerate(sheet.fields, start=1)))
    ws.row_dimensions[KEY_ROW].hidden = True
    ws.row_dimensions[HEAD_ROW].height = 45
    ws.freeze_panes = ws.cell(FIRST_ROW, 2)
    _protect(ws)


def _guide(wb, year: int, rule_sets: str) -> None:
    ws = wb.create_sheet(GUIDE)
    ws.column_dimensions["A"].width = 95
    ws.cell(1, 1, f"SỔ ĐĂNG KÝ THI ĐUA NĂM {year} – HƯỚNG DẪN").font = Font(bold=True, size=14)
    for row, line in enumerate(GUIDE_LINES, start=3):
        heading = line.startswith("# ")
        cell = ws.cell(row, 1, line.removeprefix("# ").format(year=year, prev=year - 1, rule_sets=rule_sets))
        cell.alignment = TOP
        _fit(ws, row, ((cell.value, 85),))
        if heading:
            cell.font = Font(bold=True)
    _protect(ws)
