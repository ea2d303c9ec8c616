"""Recognise a filled template whose hidden identity was lost (the "_nhan_dang" sheet and the
custom properties dropped when a unit re-saved the file through an online spreadsheet or another
program) from what its visible sheet still shows: the report title, the unit and, for an indicator
report, the target codes of its table.

The file is read only when that content points at exactly one report kind and one unit of the
year in force; a title of another year, a unit name that fits two units or none, or a table whose
codes are not the unit's targets is rejected with the precise reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.awards.layout import WARD_UNIT, fields_for
from pipeline.indicators.layout import HEADER_FIELDS, TABLE_KEY_HEADING, report_title
from pipeline.intake.sheets import MAX_ROWS, find_row
from pipeline.issues import Issue, make_issue
from pipeline.registers.model import Registers, ReportKind, Unit
from pipeline.report.template_kit import IDENTITY_SHEET, LISTS_SHEET
from pipeline.text import clean_text, normalise_key

_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_UNIT_LABELS = {normalise_key(f.label).rstrip(":").strip() for f in
                (HEADER_FIELDS[0], *fields_for("dang_ky", False)[:1])}


@dataclass(frozen=True)
class Recognised:
    identity: dict[str, str]   # empty when the file was not recognised
    issue: Issue | None        # the warning when recognised, the error when rejected; None: nothing of ours


def recognise(workbook, sheet_names: list[str], reg: Registers, file: str) -> Recognised:
    for sheet in sheet_names:
        if sheet in (IDENTITY_SHEET, LISTS_SHEET):
            continue
        grid = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=MAX_ROWS)
        title = next((clean_text(v) for row in grid[:3] for v in row if isinstance(v, str) and clean_text(v)), "")
        kind, other_year = _kind_of_title(title, reg)
        if other_year:
            return _reject(file, sheet, f"tiêu đề \"{title}\" là của năm {other_year}, sổ đăng ký đang áp dụng "
                                        f"năm {reg.year}")
        if kind is None:
            continue
        if kind.content == "lich_su":
            return _accept(file, sheet, reg, kind, None, "tiêu đề")
        unit, why = _unit_of(grid, reg)
        if unit is None:
            return _reject(file, sheet, why)
        if kind.is_indicator:
            owed = reg.report_kind_of(unit, "chi_tieu")
            if owed is None:
                return _reject(file, sheet, f"{unit.name} không phải nộp báo cáo chỉ tiêu")
            kind = reg.report_kind(owed)
            why = _codes_differ(grid, reg, unit)
            if why:
                return _reject(file, sheet, why)
            return _accept(file, sheet, reg, kind, unit, "tiêu đề, tên đơn vị và mã chỉ tiêu")
        if kind.code not in unit.reports:
            return _reject(file, sheet, f"{unit.name} không phải nộp \"{kind.name}\"")
        return _accept(file, sheet, reg, kind, unit, "tiêu đề và tên đơn vị")
    return Recognised({}, None)


def _kind_of_title(title: str, reg: Registers) -> tuple[ReportKind | None, str]:
    """The report kind whose title this is in the year in force; else the year of a title that
    would be one of ours in another year ("" when none)."""
    key = normalise_key(title)
    if not key:
        return None, ""
    titles = [(normalise_key(report_title(reg.year)), k) for k in reg.report_kinds if k.is_indicator][:1]
    titles += [(normalise_key(k.name.upper()), k) for k in reg.report_kinds if not k.is_indicator]
    for text, kind in titles:
        if key == text:
            return kind, ""
    for text, _ in titles:
        if _YEAR.search(text) and _YEAR.sub("#", key) == _YEAR.sub("#", text):
            return None, _YEAR.search(title).group(0)
    return None, ""


def _unit_of(grid: list[list], reg: Registers) -> tuple[Unit | None, str]:
    """The unit named beside the "Đơn vị báo cáo:" / "Đơn vị:" label; exactly one unit must fit."""
    for row in grid[:40]:
        for c, value in enumerate(row):
            if not isinstance(value, str) or normalise_key(value).rstrip(":").strip() not in _UNIT_LABELS:
                continue
            name = next((clean_text(v) for v in row[c + 1:] if clean_text(v)), "")
            if not name:
                return None, "không ghi tên đơn vị"
            key = normalise_key(name)
            fits = [u for u in reg.units if key in {normalise_key(n) for n in (u.name, u.code, *u.aliases)}]
            if not fits:
                return None, f"tên đơn vị \"{name}\" không có trong sổ đơn vị năm {reg.year}"
            if len(fits) > 1:
                return None, f"tên đơn vị \"{name}\" khớp nhiều đơn vị: " + ", ".join(
                    f"{u.name} ({u.code})" for u in fits)
            return fits[0], ""
    return None, "không thấy tên đơn vị trên trang"


def _codes_differ(grid: list[list], reg: Registers, unit: Unit) -> str:
    """"" when the table lists exactly the unit's targets; else which codes are missing or extra."""
    head = find_row(grid, TABLE_KEY_HEADING)
    if head is None:
        return f"không thấy bảng chỉ tiêu (cột \"{TABLE_KEY_HEADING}\")"
    col = next(c for c, v in enumerate(grid[head]) if isinstance(v, str) and
               normalise_key(v) == normalise_key(TABLE_KEY_HEADING))
    codes = {clean_text(r[col]) for r in grid[head + 1:] if col < len(r) and clean_text(r[col])}
    codes = {c for c in codes if any(t.code == c for t in reg.targets) or re.fullmatch(r"[A-Z]{1,4}\d{1,3}", c)}
    expected = {t.code for t in reg.targets_for(unit.code)}
    if codes == expected:
        return ""
    parts = []
    if expected - codes:
        parts.append("thiếu " + ", ".join(sorted(expected - codes)))
    if codes - expected:
        parts.append("thừa " + ", ".join(sorted(codes - expected)))
    return (f"mã chỉ tiêu trong bảng không khớp các chỉ tiêu của {unit.name} năm {reg.year} ("
            + "; ".join(parts) + ")")


def _accept(file: str, sheet: str, reg: Registers, kind: ReportKind, unit: Unit | None, how: str) -> Recognised:
    identity = {"loai_bieu_mau": kind.code, "phien_ban": str(kind.template_version), "nam": str(reg.year),
                "ma_don_vi": unit.code if unit else WARD_UNIT}
    whose = f" của {unit.name}" if unit else ""
    detail = f"\"{kind.name}\"{whose} năm {reg.year}, nhận ra từ {how} trên trang \"{sheet}\""
    return Recognised(identity, make_issue("NHAN_DANG_TU_NOI_DUNG", file=file, sheet=sheet, detail=detail,
                                           unit=unit.code if unit else ""))


def _reject(file: str, sheet: str, why: str) -> Recognised:
    return Recognised({}, make_issue("KHONG_NHAN_RA_BIEU_MAU", file=file, sheet=sheet, detail=why))



