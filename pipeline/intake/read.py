"""Read a filled template: its identity, header block and indicator table, keeping every
value's sheet and cell address.

python-calamine is the reader (about 8× faster than openpyxl here). Traps handled here:
- calamine skips leading empty rows unless told not to, which would shift every address:
  we always read with ``skip_empty_area=False`` so row 0 is Excel row 1.
- values are kept exactly as read (text stays text); parsing happens in ``validate``.
- merged cells give their value only in the top-left cell: the header block's value cell is
  the first non-empty cell to the right of the label.
- the table and the header fields are found by their text, never by position.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import python_calamine
from xlsxwriter.utility import xl_col_to_name

from pipeline.awards.layout import OPTIONAL_COLUMNS, SHEETS, TABLE_KEYS, columns_for, fields_for
from pipeline.indicators.layout import (
    HEADER_FIELDS,
    HEADER_VALUE_COL,
    REPORT_SHEET,
    TABLE_KEY_HEADING,
    table_columns,
)
from pipeline.intake.campaign_form import read_campaign
from pipeline.intake.council_form import read_form
from pipeline.intake.discover import READABLE, Found
from pipeline.intake.recognise import recognise
from pipeline.intake.records import Cell, ReadResult, Submission, TableRow
from pipeline.intake.screen import screen
from pipeline.intake.sheets import (
    find_report_sheet,
    find_row,
    hidden_problems,
    identity_of,
    read_grid,
    short_error,
)
from pipeline.issues import Issue, make_issue
from pipeline.registers.model import INPUTS_BY_KIND, Registers
from pipeline.text import clean_text, normalise_key, strip_accents
from pipeline.years.history import carried_history


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


WHOLE_FILE = 32 * 1024 * 1024   # a file up to this size is read into memory once; a larger one from disk


def read_file(found: Found, reg: Registers) -> ReadResult:
    size = found.path.stat().st_size
    # the bytes are read once, hashed and handed to the zip checks and readers (one zip directory
    # parse instead of three); a file too large to hold is hashed in blocks and screened from disk
    data = found.path.read_bytes() if size <= WHOLE_FILE else None
    sha = hashlib.sha256(data).hexdigest() if data is not None else sha256_of(found.path)
    name = found.name
    checked = screen(found.path, data)
    source = checked.archive or found.path
    if checked.code:
        reason = {"TEP_CO_MAT_KHAU": "tệp có mật khẩu", "TEP_QUA_LON": "tệp vượt giới hạn an toàn"}
        issue = make_issue(checked.code, file=name, detail=checked.detail)
        return ReadResult(found, sha, size, None, [issue], reason.get(checked.code, "không mở được tệp"))
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(found.path))
        sheet_names = list(workbook.sheet_names)
        identity = identity_of(workbook, sheet_names, source)
    except Exception as exc:  # any reader failure is a broken file, never a crash
        issue = make_issue("TEP_HONG", file=name, detail=short_error(exc))
        return ReadResult(found, sha, size, None, [issue], "không mở được tệp")
    issues: list[Issue] = []
    if not identity:
        # the hidden identity was lost (re-saved through another program): try the visible sheet
        try:
            recognised = recognise(workbook, sheet_names, reg, name)
        except Exception as exc:
            return ReadResult(found, sha, size, None, [make_issue("TEP_HONG", file=name, detail=short_error(exc))],
                              "không mở được tệp")
        if recognised.issue is None:
            issue = make_issue("KHONG_PHAI_BIEU_MAU", file=name)
            return ReadResult(found, sha, size, None, [issue], "không phải biểu mẫu đã phát hành")
        if not recognised.identity:
            return ReadResult(found, sha, size, None, [recognised.issue],
                              "mất thông tin nhận dạng, nội dung không đủ để nhận ra biểu mẫu")
        identity = recognised.identity
        issues.append(recognised.issue)
    if READABLE.get(found.path.suffix.lower()):
        issues.append(make_issue("DINH_DANG_KHAC", file=name, detail=READABLE[found.path.suffix.lower()]))
    kind_code = identity.get("loai_bieu_mau", "")
    version, year = identity.get("phien_ban", ""), identity.get("nam", "")
    unit_code = identity.get("ma_don_vi", "")
    kinds = {k.code: k for k in reg.report_kinds}
    earlier_history = kind_code in kinds and kinds[kind_code].content == "lich_su" and carried_history(year, reg.year)
    if year != str(reg.year) and not earlier_history:
        issues.append(make_issue("SAI_NAM", file=name, value=year, year=reg.year))
    elif kind_code not in kinds:
        issues.append(make_issue("SAI_LOAI_BIEU_MAU", file=name, value=kind_code, year=reg.year))
    elif version != str(kinds[kind_code].template_version) and not earlier_history:
        issues.append(make_issue("SAI_PHIEN_BAN", file=name, value=version,
                                 expected=kinds[kind_code].template_version))
    if any(i.severity == "loi" for i in issues):
        sub = Submission(name, sha, kind_code, version, year, unit_code, "", {}, (), False)
        return ReadResult(found, sha, size, sub, issues, "biểu mẫu không đúng năm, loại hoặc phiên bản")
    issues += _name_mismatch(found, unit_code, reg)
    try:
        result = _read_known(found, sha, size, workbook, sheet_names, kinds[kind_code], version, year, unit_code, reg,
                             source)
    except Exception as exc:  # the reader refused a sheet (e.g. XML with entities): a broken file, not a crash
        issue = make_issue("TEP_HONG", file=name, detail=short_error(exc))
        return ReadResult(found, sha, size, None, issues + [issue], "không đọc được trang báo cáo")
    return ReadResult(found, sha, size, result.submission, issues + result.issues, result.reason)


def _name_mismatch(found: Found, unit_code: str, reg: Registers) -> list[Issue]:
    """A file named after one unit that holds another unit's report (sent by mistake)."""
    own = next((u for u in reg.units if u.code == unit_code), None)
    if own is None:
        return []

    def key(u) -> str:
        return _words(u.name.replace("Khóm ", ""))

    stem = _words(found.path.stem)
    named = [u for u in reg.units if u.code != unit_code and key(u) in stem and key(own) not in stem]
    if not named:
        return []
    return [make_issue("TEN_TEP_KHAC_DON_VI", file=found.name, detail=named[0].name, expected=own.name,
                       unit=unit_code)]


@lru_cache(maxsize=4096)   # the units' names: the same for every file
def _words(text: str) -> str:
    return " " + " ".join(strip_accents(text).lower().replace("_", " ").replace("-", " ").split()) + " "


def _read_known(found: Found, sha: str, size: int, workbook, sheet_names: list[str], kind, version: str,
                year: str, unit_code: str, reg: Registers, source) -> ReadResult:
    """Read a file known to be one of our templates of the year and version in force (``source``:
    the file, or its zip already open, for the cells calamine cannot see)."""
    name, kind_code = found.name, kind.code

    if kind.content == "ket_qua_hop":  # the council's decision form: read by pipeline/council
        return read_form(found, sha, size, workbook, sheet_names, kind, version, year, unit_code)
    if kind.content == "de_nghi_theo_dot":  # a campaign proposal: checked by pipeline/council
        return read_campaign(found, sha, size, workbook, sheet_names, kind, version, year, unit_code)
    if not kind.is_indicator:
        return _read_award(found, sha, size, workbook, sheet_names, kind, version, year, unit_code, reg, source)
    sheet_name = find_report_sheet(workbook, sheet_names, REPORT_SHEET, TABLE_KEY_HEADING)
    if sheet_name is None:
        issue = make_issue("THIEU_TRANG", file=name, value=REPORT_SHEET)
        sub = Submission(name, sha, kind_code, version, year, unit_code, "", {}, (), False)
        return ReadResult(found, sha, size, sub, [issue], "không có trang báo cáo")
    grid, long_sheet = read_grid(workbook, sheet_name, name)
    header_row = find_row(grid, TABLE_KEY_HEADING)
    if header_row is None:
        issue = make_issue("THIEU_BANG", file=name, sheet=sheet_name, value=TABLE_KEY_HEADING)
        sub = Submission(name, sha, kind_code, version, year, unit_code, sheet_name, {}, (), False)
        return ReadResult(found, sha, size, sub, [issue], "không tìm thấy bảng chỉ tiêu")
    header = _read_header(grid, header_row, [f.label for f in HEADER_FIELDS], [f.key for f in HEADER_FIELDS])
    columns, col_issues = _map_columns(grid[header_row], reg, unit_code, name, sheet_name, header_row)
    if any(i.severity == "loi" for i in col_issues):
        sub = Submission(name, sha, kind_code, version, year, unit_code, sheet_name, header, (), False)
        return ReadResult(found, sha, size, sub, col_issues, "bảng chỉ tiêu thiếu cột")
    rows = _read_rows(grid, header_row, columns, hidden_problems(source, sheet_name))
    sub = Submission(name, sha, kind_code, version, year, unit_code, sheet_name, header, rows, True)
    return ReadResult(found, sha, size, sub, col_issues + long_sheet)


def _read_award(found: Found, sha: str, size: int, workbook, sheet_names: list[str], kind, version: str,
                year: str, unit_code: str, reg: Registers, source) -> ReadResult:
    """Registration, year-end evaluation, khóm văn hóa form or history: a header (or form) of
    labelled fields and, except for the form, a table of people found by its key heading."""
    name, content = found.name, kind.content
    unit = next((u for u in reg.units if u.code == unit_code), None)
    fields = fields_for(content, bool(unit and unit.is_khom))
    columns = columns_for(content)
    key_heading = TABLE_KEYS.get(content, fields[0].label)
    sheet_name = find_report_sheet(workbook, sheet_names, SHEETS[content], key_heading)
    if sheet_name is None:
        issue = make_issue("THIEU_TRANG", file=name, value=SHEETS[content])
        sub = Submission(name, sha, kind.code, version, year, unit_code, "", {}, (), False)
        return ReadResult(found, sha, size, sub, [issue], "không có trang báo cáo")
    grid, long_sheet = read_grid(workbook, sheet_name, name)
    table_row = find_row(grid, TABLE_KEYS[content]) if columns else len(grid)
    if table_row is None:
        issue = make_issue("THIEU_BANG", file=name, sheet=sheet_name, value=TABLE_KEYS[content])
        sub = Submission(name, sha, kind.code, version, year, unit_code, sheet_name, {}, (), False)
        return ReadResult(found, sha, size, sub, [issue], "không tìm thấy bảng")
    header = _read_header(grid, table_row, [f.label for f in fields], [f.key for f in fields])
    problems = hidden_problems(source, sheet_name)
    header = {k: Cell(c.value, c.address, problems.get(c.address, "")) for k, c in header.items()}
    if not columns:
        sub = Submission(name, sha, kind.code, version, year, unit_code, sheet_name, header, (), True)
        return ReadResult(found, sha, size, sub, long_sheet)
    by_heading = {normalise_key(c.heading): c.key for c in columns}
    mapped: dict[str, int] = {}
    for c, value in enumerate(grid[table_row]):
        key = by_heading.get(normalise_key(value)) if isinstance(value, str) else None
        if key and key not in mapped:
            mapped[key] = c
    missing = [c for c in columns if c.key not in mapped and c.key not in OPTIONAL_COLUMNS]
    if missing:
        issues = [make_issue("THIEU_COT", file=name, sheet=sheet_name, cell=f"{table_row + 1}:{table_row + 1}",
                             value=c.heading) for c in missing]
        sub = Submission(name, sha, kind.code, version, year, unit_code, sheet_name, header, (), False)
        return ReadResult(found, sha, size, sub, issues, "bảng thiếu cột")
    rows = []
    keys = [k for k in mapped if k != "stt"]
    letters = [(k, mapped[k], xl_col_to_name(mapped[k])) for k in keys]   # once, not once per cell
    for r in range(table_row + 1, len(grid)):
        row = grid[r]
        if not problems and row.count("") == len(row):
            continue   # a blank row (calamine gives "" for every empty cell): nothing to look at
        values = [row[c] if c < len(row) and _filled(row[c]) else None for _, c, _ in letters]
        if not problems and all(v is None for v in values):
            continue   # no value in the table's columns, known without building the addresses
        addresses = [f"{letter}{r + 1}" for _, _, letter in letters]
        marks = [problems.get(a, "") for a in addresses] if problems else [""] * len(letters)
        if all(v is None for v in values) and not any(marks):
            continue
        cells = {k: Cell(v, a, m) for (k, _, _), v, a, m in zip(letters, values, addresses, marks)}
        rows.append(TableRow(r + 1, clean_text(cells["ho_ten"].value), cells["ho_ten"].address, cells))
    sub = Submission(name, sha, kind.code, version, year, unit_code, sheet_name, header, tuple(rows), True)
    return ReadResult(found, sha, size, sub, long_sheet)


def _read_header(grid: list[list], table_row: int, labels_: list[str], keys: list[str]) -> dict[str, Cell]:
    """Labelled values above the table: the value is the first filled cell right of the label."""
    header: dict[str, Cell] = {}
    labels = {normalise_key(label).rstrip(":").strip(): key for label, key in zip(labels_, keys)}
    for r in range(min(table_row, len(grid))):
        row = grid[r]
        if "" not in labels and row.count("") == len(row):
            continue   # an empty row holds no label
        for c, value in enumerate(row):
            key = labels.get(normalise_key(value).rstrip(":").strip()) if isinstance(value, str) else None
            if not key or key in header:
                continue
            found = next(((cc, v) for cc, v in enumerate(row[c + 1:], start=c + 1) if _filled(v)), None)
            col = found[0] if found else c + HEADER_VALUE_COL
            header[key] = Cell(found[1] if found else None, f"{xl_col_to_name(col)}{r + 1}")
            break
    return header


def _filled(value: object) -> bool:
    if value is None or value == "":
        return False
    return not (isinstance(value, str) and not clean_text(value))


def _map_columns(heading_row: list, reg: Registers, unit_code: str, file: str, sheet: str,
                 header_row: int) -> tuple[dict[str, int], list[Issue]]:
    by_heading = {normalise_key(c.heading): c.key for c in table_columns(reg)}
    columns: dict[str, int] = {}
    for c, value in enumerate(heading_row):
        key = by_heading.get(normalise_key(value)) if isinstance(value, str) else None
        if key and key not in columns:
            columns[key] = c
    needed = {"ma"} | {k for t in reg.targets_for(unit_code) for k in INPUTS_BY_KIND[t.kind]}
    issues = [
        make_issue("THIEU_COT", file=file, sheet=sheet, cell=f"{header_row + 1}:{header_row + 1}",
                   value=c.heading)
        for c in table_columns(reg) if c.key in needed and c.key not in columns
    ]
    return columns, issues


def _read_rows(grid: list[list], header_row: int, columns: dict[str, int],
               problems: dict[str, str]) -> tuple[TableRow, ...]:
    rows = []
    code_col = columns["ma"]
    input_keys = [k for k in columns if k not in ("stt", "ma", "noi_dung", "dvt", "chi_tieu", "huong_dan")]
    letters = {c: xl_col_to_name(c) for c in {columns[k] for k in input_keys} | {code_col}}   # once per sheet
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        if not problems and row.count("") == len(row):
            continue  # an empty row: no code, no value, no hidden cell

        def cell(col: int) -> Cell:
            address = f"{letters[col]}{r + 1}"
            return Cell(row[col] if col < len(row) and _filled(row[col]) else None, address,
                        problems.get(address, "") if problems else "")

        cells = {k: cell(columns[k]) for k in input_keys}
        code = clean_text(row[code_col]) if code_col < len(row) else ""
        if not code and all(c.value is None and not c.problem for c in cells.values()):
            continue  # blank row, or the note printed under the table
        if not code:
            # a row typed by hand (a total row, say): show its first text as what it is
            code = next((clean_text(v) for v in row if _filled(v)), "")
            code = f"(dòng không có mã: {code})"
        rows.append(TableRow(r + 1, code, f"{letters[code_col]}{r + 1}", cells))
    return tuple(rows)


