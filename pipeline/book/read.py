"""Read the year's book back into the registers' dicts, the same structure the TOML files give,
so every later check applies unchanged. Each value remembers its sheet and cell (``Book.cells``),
so a problem found later still names the cell to fix; a cell that cannot be read at all is named
here, with how to write it."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

from pipeline.book.cells import CellError, from_cell, read_parameter
from pipeline.book.layout import (
    FACTOR_KEY,
    FIRST_ROW,
    HEAD_ROW,
    KEY_ROW,
    LAW,
    LAW_FILE,
    MEMBERS,
    PARAMETERS,
    SETTINGS,
    TABLES,
    TARGETS,
    Sheet,
    factor_field,
    input_keys,
)


@dataclass
class Book:
    path: Path
    files: dict[str, dict] = field(default_factory=dict)     # register file -> its dict
    cells: dict[tuple, str] = field(default_factory=dict)    # (file, key, index, field…) -> "trang X, ô C5"
    rows: dict[tuple, str] = field(default_factory=dict)     # (file, block, index) -> "trang X, dòng 5"
    cleared: set[tuple] = field(default_factory=set)         # (file, path…) the book leaves empty
    problems: list[str] = field(default_factory=list)

    def where(self, place: str) -> str:
        return f"{self.path.name}, {place}"

    def problem(self, place: str, text: str) -> None:
        self.problems.append(f"{self.where(place)}: {text}.")


def read_book(path: Path) -> Book:
    book = Book(path)
    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        book.problems.append(f"Không đọc được sổ đăng ký {path}: {exc}. Mở lại bằng Excel hoặc LibreOffice, lưu dạng "
                             ".xlsx (Excel 2007-365) rồi chạy lại.")
        return book
    missing = [s.name for s in (SETTINGS, *TABLES) if s.name not in wb.sheetnames]
    if missing:
        book.problems.append(f"{path.name}: thiếu trang {', '.join(missing)}; tạo lại sổ bằng lệnh "
                             "\"python -m pipeline book <năm>\" rồi chép nội dung sang.")
        return book
    _settings(wb[SETTINGS.name], SETTINGS, book)
    if LAW.name in wb.sheetnames:      # the year's law is read from here (an empty sheet is still the place)
        book.files.setdefault(LAW_FILE, {})
        _settings(wb[LAW.name], LAW, book)
    for sheet in TABLES:
        _table(wb[sheet.name], sheet, book)
    if MEMBERS.name in wb.sheetnames:  # a book made before the sheet: the members stay in hoi_dong.toml, if any
        _table(wb[MEMBERS.name], MEMBERS, book)
    return book


def _settings(ws, sheet: Sheet, book: Book) -> None:
    fields = {f.key: f for f in sheet.fields}
    seen = set()
    for row in range(HEAD_ROW + 1, ws.max_row + 1):
        key = ws.cell(row, 4).value
        if sheet is LAW and isinstance(key, str) and key.startswith(FACTOR_KEY) and key not in fields:
            fields[key] = factor_field(key.removeprefix(FACTOR_KEY))   # a bonus factor: the rows the book was made with
        if key not in fields:
            continue
        seen.add(key)
        spec, cell = fields[key], ws.cell(row, 2)
        file, *path = key.split(".")
        place = f"trang {ws.title}, ô {cell.coordinate}"
        try:
            value = from_cell(spec, cell.value, cell.number_format)
        except CellError as exc:
            book.problem(place, f"{spec.heading}: {exc}")
            continue
        book.cells[(file, *path)] = place
        if value is None:
            book.cleared.add((file, *path))
            if spec.required:
                book.problem(place, f"chưa ghi \"{spec.heading}\" (bắt buộc)")
            continue
        node = book.files.setdefault(file, {})
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    for key in [k for k in fields if k not in seen]:
        book.problems.append(f"{book.where('trang ' + ws.title)}: thiếu dòng \"{fields[key].heading}\"; tạo lại sổ "
                             "hoặc chép dòng đó từ sổ mẫu.")


def _table(ws, sheet: Sheet, book: Book) -> None:
    columns = {}
    for col in range(1, ws.max_column + 1):
        key = ws.cell(KEY_ROW, col).value
        spec = next((f for f in sheet.fields if f.key == key), None)
        if spec:
            columns[col] = spec
    lost = [f.heading for f in sheet.fields if f not in columns.values()]
    if lost:
        book.problem(f"trang {ws.title}", f"thiếu cột {', '.join(lost)}; không xóa cột của sổ")
    entries = book.files.setdefault(sheet.file, {}).setdefault(sheet.block, [])
    for row in range(FIRST_ROW, ws.max_row + 1):
        cells = {spec: ws.cell(row, col) for col, spec in columns.items()}
        if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells.values()):
            continue
        index = len(entries)
        entry: dict = {}
        for spec, cell in cells.items():
            place = f"trang {ws.title}, ô {cell.coordinate}"
            book.cells[(sheet.file, sheet.block, index, spec.key)] = place
            try:
                value = (read_parameter(entry.get("kieu", ""), cell.value, cell.number_format)
                         if sheet is PARAMETERS and spec.key == "gia_tri" else
                         from_cell(spec, cell.value, cell.number_format))
            except CellError as exc:
                book.problem(place, f"{spec.heading}: {exc}")
                continue
            if value is None:
                if spec.required:
                    book.problem(place, f"chưa ghi \"{spec.heading}\" (bắt buộc) hoặc xóa cả dòng")
                continue
            entry[spec.key] = value
        book.rows[(sheet.file, sheet.block, index)] = f"trang {ws.title}, dòng {row}"
        if sheet is TARGETS:
            _target_inputs(entry, index, book)
        if sheet is PARAMETERS:
            entry = {k: entry[k] for k in ("ma", "gia_tri", "mo_ta", "do_tin_cay") if k in entry}
            entry.setdefault("gia_tri", "")
        entries.append(entry)


def _target_inputs(entry: dict, index: int, book: Book) -> None:
    """"Nhãn ô nhập 1, 2" and "Vai trò ô nhập 1, 2" -> nhap = {tu_so = …}, vai_tro = {…} by the kind's inputs."""
    keys = input_keys(entry.get("loai", ""))
    for name in ("nhap", "vai_tro"):
        found = {}
        for slot in (1, 2):
            value = entry.pop(f"{name}_{slot}", None)
            if value is None:
                continue
            cell = book.cells.get(("targets", "chi_tieu", index, f"{name}_{slot}"), "")
            if slot > len(keys):
                book.problem(cell, f"chỉ tiêu cách tính \"{entry.get('loai', '')}\" chỉ có {len(keys)} ô nhập; "
                                   "xóa ô này")
                continue
            found[keys[slot - 1]] = value
            book.cells[("targets", "chi_tieu", index, name, keys[slot - 1])] = cell
        if found:
            entry[name] = found
        first = book.cells.get(("targets", "chi_tieu", index, f"{name}_1"))
        if first:
            book.cells[("targets", "chi_tieu", index, name)] = first
