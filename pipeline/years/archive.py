"""Each year's target results, kept for the years after it ("so với cùng kỳ").

Two carriers of the same table, one row per result (target × period × scope: the ward, each khóm)
and one per unit's used figures (what a merged unit's predecessors add up to):

* the archive: ``luu_tru/<year>/ket_qua_chi_tieu.json`` beside the registers folder (or the
  folder named by the environment variable ``THI_DUA_LUU_TRU``), written by every run that writes
  its output; never inside the output folder, which each run replaces. A sample run keeps its own
  file (``…_du_lieu_mau.json``), so sample figures are never compared with real ones.
* the consolidated workbook itself: a hidden sheet holds the table, and the workbook's custom
  properties hold its year and a SHA-256 of its figures, so that a workbook dropped into the input
  folder is read only when it is this tool's, unedited.

Every value is kept as text (numbers as Python's shortest decimal), so that the hash of what was
written is the hash of what is read back.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from xlsxwriter.utility import xl_col_to_name

from pipeline import VERSION
from pipeline.indicators.aggregate import WARD
from pipeline.registers.identity import COMMUNE_KINDS
from pipeline.registers.model import REGISTERS_DIR, UNSTATED_KIND, Registers, ward_sheet_name
from pipeline.report.files import atomic_path
from pipeline.text import decimal_text

ARCHIVE_ENV = "THI_DUA_LUU_TRU"
ARCHIVE_NAME, SAMPLE_ARCHIVE_NAME = "ket_qua_chi_tieu.json", "ket_qua_chi_tieu_du_lieu_mau.json"
HIDDEN_SHEET = "_so_lieu_cung_ky"
WARD_SHEETS = tuple(ward_sheet_name(k) for k in (*COMMUNE_KINDS, UNSTATED_KIND))
RESULT, UNIT = "ket_qua", "don_vi"   # the two kinds of row
FIELDS = ("dong", "ky", "ky_cuoi", "ten_ky", "pham_vi", "ten_don_vi", "ma", "stt", "noi_dung", "ten_ngan",
          "loai", "dvt", "phep", "gia_tri", "tra_loi", "chi_tieu", "trang_thai",
          "tu_so", "mau_so", "so_hien_tai", "so_goc", "co", "khong")
INPUTS = ("gia_tri", "tu_so", "mau_so", "so_hien_tai", "so_goc")
PROPERTY = {"year": "cung_ky_nam", "digest": "cung_ky_bam", "registers": "cung_ky_so_dang_ky",
            "version": "cung_ky_phien_ban", "sample": "cung_ky_du_lieu_mau"}


@dataclass(frozen=True)
class Figures:
    """One earlier year's table and where it came from."""
    year: int
    rows: tuple[dict[str, str], ...]
    registers: str        # hash of that year's registers
    version: str          # the tool's version that wrote it
    sample: bool
    source: str           # in words: "lưu trữ …" or "tệp …"

    @property
    def digest(self) -> str:
        return digest(self.year, self.sample, self.rows)


def digest(year: int, sample: bool, rows) -> str:
    text = json.dumps([year, sample, [[r[f] for f in FIELDS] for r in rows]], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def registers_hash(reg: Registers) -> str:
    text = "\n".join(f"{k}={v}" for k, v in sorted(reg.versions.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def archive_root(reg: Registers) -> Path:
    named = os.environ.get(ARCHIVE_ENV)
    return Path(named) if named else (reg.root or REGISTERS_DIR).parent / "luu_tru"


def _num(x) -> str:
    return "" if x is None else repr(round(float(x), 9))


def figures_of(reg: Registers, results, values, sample: bool) -> Figures:
    """This run's table: ``results`` (indicators.evaluate) and ``values`` (the units' used rows)."""
    periods = {p.code: p for p in reg.periods}
    rows = []
    for r in results:
        t, p = r.target, periods[r.period]
        s = r.totals.sums
        rows.append(_row(RESULT, p, r.scope, "" if r.scope == WARD else reg.unit(r.scope).name, t) | {
            "gia_tri": _num(r.value), "tra_loi": r.answer or "", "chi_tieu": _num(r.goal), "trang_thai": r.status,
            **{k: _num(s.get(k)) for k in INPUTS[1:]}, "co": str(r.totals.yes), "khong": str(r.totals.no)})
    targets = {t.code: t for t in reg.targets}
    names = {u.code: u.name for u in reg.units}
    columns = [c for c in ("ma_don_vi", "ky", "ma_chi_tieu", *INPUTS, "co_khong", "danh_gia", "muc")
               if c in values.columns]
    for rec in values[columns].to_dict("records"):
        t, p = targets.get(rec["ma_chi_tieu"]), periods.get(rec["ky"])
        if t is None or p is None:
            continue
        answer = next((str(rec[k]) for k in ("muc", "co_khong", "danh_gia") if _present(rec.get(k))), "")
        rows.append(_row(UNIT, p, rec["ma_don_vi"], names.get(rec["ma_don_vi"], rec["ma_don_vi"]), t) | {
            **{k: _num(rec[k]) if _present(rec[k]) else "" for k in INPUTS}, "tra_loi": answer})
    return Figures(reg.year, tuple(rows), registers_hash(reg), VERSION, sample, "")


def _present(v) -> bool:
    return v is not None and v == v and str(v) != "<NA>" and str(v) != ""


def _row(kind: str, period, scope: str, scope_name: str, t) -> dict[str, str]:
    row = dict.fromkeys(FIELDS, "")
    row.update({"dong": kind, "ky": period.code, "ky_cuoi": "1" if period.is_final else "0", "ten_ky": period.name,
                "pham_vi": scope, "ten_don_vi": scope_name, "ma": t.code, "stt": str(t.number),
                "noi_dung": t.plan_text, "ten_ngan": t.short_name, "loai": t.kind, "dvt": t.unit_of_measure,
                "phep": t.op})
    return row


# --- the archive ------------------------------------------------------------------------------

def archive_path(root: Path, year: int, sample: bool) -> Path:
    return root / str(year) / (SAMPLE_ARCHIVE_NAME if sample else ARCHIVE_NAME)


def write_archive(root: Path, figures: Figures) -> Path:
    path = archive_path(root, figures.year, figures.sample)
    data = {"nam": figures.year, "du_lieu_mau": figures.sample, "so_dang_ky": figures.registers,
            "phien_ban": figures.version, "bam": figures.digest, "cot": list(FIELDS),
            "dong": [[r[f] for f in FIELDS] for r in figures.rows]}
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
    return path


def read_archive(path: Path) -> tuple[Figures | None, str]:
    """The archived figures, or None and why they cannot be used."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = tuple(dict(zip(data["cot"], line)) for line in data["dong"])
        year, sample = int(data["nam"]), bool(data["du_lieu_mau"])
        if list(data["cot"]) != list(FIELDS):
            return None, "tệp lưu trữ ghi theo cột khác (phiên bản cũ của công cụ)"
        figures = Figures(year, rows, str(data["so_dang_ky"]), str(data["phien_ban"]), sample,
                          f"lưu trữ {path.parent.name}/{path.name}")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return None, f"không đọc được tệp lưu trữ ({exc})"
    if figures.digest != data["bam"]:
        return None, "số liệu trong tệp lưu trữ đã bị sửa sau khi công cụ ghi (mã kiểm tra không khớp)"
    return figures, ""


def archived_years(root: Path, before: int, sample: bool) -> list[int]:
    if not root.is_dir():
        return []
    return sorted(int(p.name) for p in root.iterdir() if p.name.isdigit() and int(p.name) < before
                  and archive_path(root, int(p.name), sample).is_file())


# --- the workbook -----------------------------------------------------------------------------

def write_hidden(wb, figures: Figures) -> None:
    """The table in a hidden sheet and its identity in the custom properties (xlsxwriter)."""
    ws = wb.add_worksheet(HIDDEN_SHEET)   # no heading row: the columns are FIELDS, in order
    for i, r in enumerate(figures.rows):
        for c, name in enumerate(FIELDS):
            if r[name]:
                ws.write_string(i, c, r[name])
    ws.hide()
    for key, value in (("year", str(figures.year)), ("digest", figures.digest), ("registers", figures.registers),
                       ("version", figures.version), ("sample", "1" if figures.sample else "0")):
        wb.set_custom_property(PROPERTY[key], value)


def custom_properties(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        if "docProps/custom.xml" not in zf.namelist():
            return {}
        root = ElementTree.fromstring(zf.read("docProps/custom.xml"))
    return {p.get("name"): "".join(p.itertext()) for p in root}


def read_workbook(path: Path, year: int) -> tuple[Figures | None, str]:
    """An earlier year's consolidated workbook dropped into the input folder (``year`` from its
    name): its figures, or None and why it is not used."""
    import python_calamine
    try:
        props = custom_properties(path)
        if PROPERTY["digest"] not in props:
            return None, ("tệp không mang thông tin nhận dạng số liệu do công cụ này ghi (bảng tính của chương "
                          "trình khác, hoặc đã được lưu lại bằng chương trình làm mất thông tin đó)")
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        if HIDDEN_SHEET not in book.sheet_names:
            return None, f"tệp thiếu trang ẩn \"{HIDDEN_SHEET}\" chứa số liệu"
        grid = book.get_sheet_by_name(HIDDEN_SHEET).to_python(skip_empty_area=False)
        # the commune's own results sheet, named after its kind in that year ("Chỉ tiêu phường", "Chỉ tiêu xã")
        named = next((n for n in WARD_SHEETS if n in book.sheet_names), None)
        ward_sheet = book.get_sheet_by_name(named).to_python(skip_empty_area=False) if named else []
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError, ValueError) as exc:
        return None, f"không mở được tệp ({exc})"
    rows = tuple({f: _text(line[c]) if c < len(line) else "" for c, f in enumerate(FIELDS)} for line in grid
                 if any(_text(v) for v in line))
    if not rows or any(r["dong"] not in (RESULT, UNIT) for r in rows) or any(len(line) > len(FIELDS) for line in grid):
        return None, f"trang ẩn \"{HIDDEN_SHEET}\" không đúng cấu trúc do công cụ ghi"
    sample = props.get(PROPERTY["sample"]) == "1"
    if props.get(PROPERTY["year"]) != str(year):
        return None, f"thông tin nhận dạng ghi năm {props.get(PROPERTY['year'], '?')}, tên tệp ghi năm {year}"
    figures = Figures(year, rows, props.get(PROPERTY["registers"], ""), props.get(PROPERTY["version"], ""), sample,
                      f"tệp {path.name}")
    if figures.digest != props[PROPERTY["digest"]]:
        return None, (f"số liệu trong trang ẩn \"{HIDDEN_SHEET}\" đã bị sửa sau khi công cụ ghi "
                      "(mã kiểm tra không khớp)")
    edited = _edited_cell(ward_sheet, rows, named or "")
    if edited:
        return None, edited
    return figures, ""


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _edited_cell(grid: list[list], rows, sheet: str) -> str:
    """The first ward result on the commune's results sheet ("Chỉ tiêu phường") that no longer equals the figure the tool wrote
    ("" when none): the visible sheet is what the council read, so an edit there is refused too."""
    ward = [r for r in rows if r["dong"] == RESULT and r["pham_vi"] == WARD]
    periods = list(dict.fromkeys(r["ky"] for r in ward))
    by_code = {str(line[1]).strip(): (i, line) for i, line in enumerate(grid) if len(line) > 1 and line[1]}
    for r in ward:
        if not r["gia_tri"] or r["ma"] not in by_code:
            continue
        i, line = by_code[r["ma"]]
        col = 5 + 3 * periods.index(r["ky"])
        cell = line[col] if col < len(line) else None
        expected = float(r["gia_tri"])
        if not isinstance(cell, (int, float)) or abs(float(cell) - expected) > 1e-6 * max(1.0, abs(expected)):
            shown = decimal_text(cell) if isinstance(cell, (int, float)) else f"\"{cell}\""
            return (f"ô {xl_col_to_name(col)}{i + 1} của trang \"{sheet}\" (kết quả {r['ma']}, {r['ten_ky']}) "
                    f"ghi {shown} nhưng công cụ đã tính {decimal_text(expected)}: tệp đã bị sửa sau khi công cụ ghi")
    return ""


