"""Low-level reading of one workbook: a sheet's grid of values, the identity a template carries
(hidden sheet or custom properties), finding a sheet or a row by its text, and the cells that
calamine cannot tell apart from blanks (formulas without a cached value, error cells)."""

from __future__ import annotations

import re
import zipfile
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path

from defusedxml import ElementTree

from pipeline.issues import Issue, make_issue
from pipeline.report.template_kit import IDENTITY_SHEET, LISTS_SHEET
from pipeline.text import clean_text, normalise_key

MAX_ROWS = 2_000   # a template has at most a few hundred rows; a longer sheet is read this far


def read_grid(workbook, sheet_name: str, file: str) -> tuple[list[list], list[Issue]]:
    """The sheet's values from A1, at most MAX_ROWS rows (a sheet with a million rows is not read
    whole); an Issue says so when rows were left unread."""
    sheet = workbook.get_sheet_by_name(sheet_name)
    grid = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS)
    height = sheet.height
    if height > MAX_ROWS:
        return grid, [make_issue("BANG_QUA_DAI", file=file, sheet=sheet_name, value=f"{height:,}".replace(",", "."),
                                 expected=f"{MAX_ROWS:,}".replace(",", "."))]
    return grid, []


def short_error(exc: Exception) -> str:
    text = clean_text(exc) or type(exc).__name__
    return text[:200]


def identity_of(workbook, sheet_names: list[str], source: Path | zipfile.ZipFile) -> dict[str, str]:
    """The hidden identity sheet; failing that, the document's custom properties (``source``: the
    file, or its zip already open)."""
    if IDENTITY_SHEET in sheet_names:
        grid = workbook.get_sheet_by_name(IDENTITY_SHEET).to_python(skip_empty_area=False)
        pairs = {clean_text(r[0]): _as_text(r[1]) for r in grid if len(r) >= 2 and clean_text(r[0])}
        if "loai_bieu_mau" in pairs:
            return pairs
    return _custom_properties(source)


def _as_text(value: object) -> str:
    """Identity values: LibreOffice may store "2024" back as the number 2024.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)


def _custom_properties(source: Path | zipfile.ZipFile) -> dict[str, str]:
    try:
        with open_zip(source) as zf:
            if "docProps/custom.xml" not in zf.namelist():
                return {}
            info = zf.getinfo("docProps/custom.xml")
            if info.file_size > 1_000_000:
                return {}
            root = ElementTree.fromstring(zf.read(info))
    except Exception:
        return {}
    props = {}
    for prop in root:
        key = prop.get("name")
        if key and len(prop):
            props[key] = clean_text(prop[0].text)
    return props if "loai_bieu_mau" in props else {}


def find_row(grid: list[list], heading: str) -> int | None:
    key = normalise_key(heading)
    for r, row in enumerate(grid):
        if key and row.count("") == len(row):
            continue   # an empty row
        if any(normalise_key(v) == key for v in row if isinstance(v, str)):
            return r
    return None


def find_report_sheet(workbook, sheet_names: list[str], sheet: str, key_text: str) -> str | None:
    """The sheet by its name; if a user renamed it, the sheet holding the key text."""
    if sheet in sheet_names:
        return sheet
    for name in sheet_names:
        if name in (IDENTITY_SHEET, LISTS_SHEET):
            continue
        grid = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=MAX_ROWS)
        if find_row(grid, key_text) is not None:
            return name
    return None


_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)


_ATTR_R = re.compile(rb'\br="([A-Z]+[0-9]+)"')


_ERROR_TYPE = re.compile(rb'\bt="e"')


_FORMULA = re.compile(rb"<(?:\w+:)?f\b")


_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]+)</(?:\w+:)?v>")


MAX_SHEET_XML = 64 * 1024 * 1024


def hidden_problems(source: Path | zipfile.ZipFile, sheet_name: str) -> dict[str, str]:
    """Cells that calamine reads as blank although they are not empty (``source``: the file, or
    its zip already open).

    Trap: a formula saved without its computed value (openpyxl and some generators never compute
    formulas) and an error value (#DIV/0!, #REF!) both come back as '' from calamine, so a unit's
    figure would silently become "not entered". We look at the sheet's XML, only when it holds a
    formula or an error at all, and return {address: "cong_thuc" | "#DIV/0!" …}.
    """
    try:
        with open_zip(source) as zf:
            part = sheet_part(zf, sheet_name)
            if part is None or zf.getinfo(part).file_size > MAX_SHEET_XML:
                return {}
            xml = zf.read(part)
    except Exception:
        return {}
    if not _may_hide(xml):
        return {}
    found: dict[str, str] = {}
    for attrs, body in _CELL.findall(xml):
        if not body:
            continue
        error = _ERROR_TYPE.search(attrs)
        if not error and not _FORMULA.search(body):
            continue
        address = _ATTR_R.search(attrs)
        if not address:
            continue
        value = _VALUE.search(body)
        if error:
            found[address.group(1).decode()] = value.group(1).decode(errors="replace") if value else "#N/A"
        elif not value:
            found[address.group(1).decode()] = "cong_thuc"
    return found


def _may_hide(xml: bytes) -> bool:
    """Whether the sheet holds a formula (<f>, <x:f>) or an error cell at all. <formula1> (data
    validation) and <firstHeader> (printing) are not formulas; plain substring searches come
    first because the patterns, searched over a whole sheet, cost more than the rest of reading."""
    i = xml.find(b"<f")
    while i >= 0:
        after = xml[i + 2:i + 3]
        if not (after.isalnum() or after == b"_"):   # the end of the tag name, as _FORMULA's \b
            return True
        i = xml.find(b"<f", i + 2)
    if b":f" in xml and _FORMULA.search(xml):
        return True
    return b't="e"' in xml and _ERROR_TYPE.search(xml) is not None


def open_zip(source: Path | zipfile.ZipFile):
    """A context for reading ``source``'s parts: a zip already open is left open for the next reader."""
    return nullcontext(source) if isinstance(source, zipfile.ZipFile) else zipfile.ZipFile(source)


def sheet_part(zf: zipfile.ZipFile, sheet_name: str, workbook=None) -> str | None:
    """The zip part holding a sheet, from workbook.xml (``workbook``: already parsed) and its
    relationships."""
    if workbook is None:
        return _part_from_xml(zf.read("xl/workbook.xml"), zf.read("xl/_rels/workbook.xml.rels"), sheet_name)
    return _part_of(workbook, ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels")), sheet_name)


@lru_cache(maxsize=256)
def _part_from_xml(workbook_xml: bytes, rels_xml: bytes, sheet_name: str) -> str | None:
    """Every copy of a template has the same workbook.xml and relationships: parsed once."""
    return _part_of(ElementTree.fromstring(workbook_xml), ElementTree.fromstring(rels_xml), sheet_name)


def _part_of(workbook, rels, sheet_name: str) -> str | None:
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    rel_id = next((s.get(f"{{{ns['r']}}}id") for s in workbook.iter(f"{{{ns['m']}}}sheet")
                   if s.get("name") == sheet_name), None)
    target = next((r.get("Target") for r in rels if r.get("Id") == rel_id), None)
    if target is None:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
