"""Feedback to each unit (``output/phan_hoi/``): one small workbook per unit that the officer
can send back as is — what is missing with its deadline, the unit's issues with cells and hints,
and a copy of each submitted sheet that has a marked cell, offending cells highlighted and commented.

The folder is built beside the old one and swapped in whole, so it is never half written."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pandas as pd
import python_calamine
import xlsxwriter

from pipeline.issues import ERROR, SEVERITY_LABEL, Issue
from pipeline.registers.model import Registers
from pipeline.report.issue_sheets import sort_issues
from pipeline.report.template_kit import FIXED_TIMESTAMP
from pipeline.submissions.dedupe import STATUS_LABEL
from pipeline.text import lines_needed, strip_accents

FOLDER = "phan_hoi"
MAX_ROWS, MAX_COLS = 400, 40   # a template is far smaller; a bigger sheet is cut, and the cover says so


def write_feedback(output_dir: Path, reg: Registers, register: pd.DataFrame, issues: list[Issue],
                   paths: dict[str, Path], sheets: dict[str, str]) -> list[Path]:
    """``paths`` maps a file name in the register to the input file; ``sheets`` to its data sheet."""
    final = output_dir / FOLDER
    building = output_dir / f".{FOLDER}.tmp"
    if building.exists():
        shutil.rmtree(building)
    building.mkdir(parents=True)
    written = []
    for unit in reg.units:
        name = f"{unit.code}_{strip_accents(unit.name).replace(' - ', ' ').replace(' ', '_')}.xlsx"
        mine = register[register["ma_don_vi"] == unit.code]
        unit_issues = [i for i in issues if i.unit == unit.code]
        _unit_workbook(building / name, reg, unit, mine, unit_issues, paths, sheets)
        written.append(final / name)
    if final.exists():
        old = output_dir / f".{FOLDER}.old"
        if old.exists():
            shutil.rmtree(old)
        os.replace(final, old)
        os.replace(building, final)
        shutil.rmtree(old)
    else:
        os.replace(building, final)
    return written


def _unit_workbook(path: Path, reg: Registers, unit, register: pd.DataFrame, issues: list[Issue],
                   paths: dict[str, Path], sheets: dict[str, str]) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    wb.set_properties({"title": f"Phản hồi báo cáo thi đua năm {reg.year} – {unit.name}",
                       "author": reg.settings["co_quan"]["hoi_dong"], "created": FIXED_TIMESTAMP})
    base = {"font_name": "Times New Roman", "font_size": 11, "valign": "top", "text_wrap": True}
    cache: dict = {}

    def fmt(**props):
        key = tuple(sorted({**base, **props}.items()))
        if key not in cache:
            cache[key] = wb.add_format(dict(key))
        return cache[key]

    _cover(wb, fmt, reg, unit, register, issues)
    _issue_list(wb, fmt, issues)
    used_names: set[str] = set()
    marked = {i.file for i in issues if i.cell and i.sheet}   # a copy helps only where a cell is marked
    n = 0
    for rec in register[register["tep"].isin(marked)].itertuples(index=False):
        if rec.tep in paths and rec.tep in sheets:
            n += 1
            _copy_sheet(wb, fmt, rec, n, [i for i in issues if i.file == rec.tep], paths[rec.tep], sheets[rec.tep],
                        used_names, reg)
    wb.close()


def _cover(wb, fmt, reg: Registers, unit, register: pd.DataFrame, issues: list[Issue]) -> None:
    ws = wb.add_worksheet("Thông báo")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 4, 22)
    ws.merge_range(0, 0, 0, 4, reg.settings["co_quan"]["hoi_dong"].upper(), fmt(bold=True, align="center"))
    ws.merge_range(2, 0, 2, 4, f"THÔNG BÁO KẾT QUẢ KIỂM TRA BÁO CÁO THI ĐUA NĂM {reg.year}",
                   fmt(bold=True, font_size=13, align="center"))
    ws.merge_range(3, 0, 3, 4, f"Kính gửi: {unit.name}", fmt(italic=True, align="center"))
    errors = sum(1 for i in issues if i.severity == ERROR)
    row = 5
    ws.merge_range(row, 0, row, 4, f"Hội đồng đã kiểm tra các báo cáo của đơn vị: {errors} lỗi, "
                   f"{len(issues) - errors} cảnh báo. Lỗi làm số liệu ở ô đó không được tổng hợp; đề nghị đơn vị sửa "
                   "theo trang \"Lỗi cần sửa\" (ô lỗi được tô màu và ghi chú ở các trang \"Bản nộp\"), ghi ngày báo cáo "
                   "mới và gửi lại.", fmt())
    ws.set_row(row, 48)
    row += 2
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center")
    for c, text in enumerate(("Báo cáo", "Kỳ", "Tình trạng", "Tệp đã nhận", "Hạn nộp")):
        ws.write_string(row, c, text, head)
    kinds = {k.code: k.short_name for k in reg.report_kinds}
    for rec in register.itertuples(index=False):
        row += 1
        deadline = reg.deadline(rec.loai_bao_cao, rec.ky)
        missing = rec.trang_thai == "chua_nop"
        style = fmt(border=1, bold=missing, bg_color="#FFC7CE" if missing else "#FFFFFF")
        values = [kinds.get(rec.loai_bao_cao, rec.loai_bao_cao), reg.period_name(rec.ky),
                  "CHƯA NỘP – đề nghị nộp" if missing else STATUS_LABEL[rec.trang_thai], rec.tep,
                  f"{deadline:%d/%m/%Y}" if deadline else ""]
        for c, v in enumerate(values):
            ws.write_string(row, c, v, style)
        ws.set_row(row, 15 * max(lines_needed(v, w) for v, w in zip(values, (30, 22, 22, 22, 22))) + 2)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.activate()


def _issue_list(wb, fmt, issues: list[Issue]) -> None:
    ws = wb.add_worksheet("Lỗi cần sửa")
    headings = [("Mức độ", 9), ("Tệp", 28), ("Trang", 11), ("Ô", 7), ("Cột", 16), ("Giá trị đã nhập", 16),
                ("Nội dung", 40), ("Cách sửa", 40)]
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center")
    for c, (text, width) in enumerate(headings):
        ws.write_string(0, c, text, head)
        ws.set_column(c, c, width)
    for row, i in enumerate(sort_issues(issues), start=1):
        colour = "#FFC7CE" if i.severity == ERROR else "#FFEB9C"
        values = [SEVERITY_LABEL[i.severity], i.file, i.sheet, i.cell, i.column, i.value, i.message, i.hint]
        for c, v in enumerate(values):
            ws.write_string(row, c, v, fmt(border=1, bg_color=colour) if c == 0 else fmt(border=1))
        ws.set_row(row, 15 * max(lines_needed(v, w) for v, (_, w) in zip(values, headings)) + 2)
    if not issues:
        ws.write_string(1, 0, "Không có lỗi hay cảnh báo nào.", fmt(italic=True, text_wrap=False))
    ws.autofilter(0, 0, max(len(issues), 1), len(headings) - 1)
    ws.freeze_panes(1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)


def _copy_sheet(wb, fmt, rec, n: int, issues: list[Issue], path: Path, sheet: str, used: set[str], reg) -> None:
    """The submitted sheet's values (never formulas), offending cells coloured and commented."""
    title = copy_sheet_name(n, reg.period_name(rec.ky), used)
    used.add(title)
    ws = wb.add_worksheet(title)
    try:
        grid = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(
            skip_empty_area=False, nrows=MAX_ROWS)
    except Exception:
        ws.write_string(0, 0, f"Không đọc lại được tệp {rec.tep}.", fmt(italic=True, text_wrap=False))
        return
    ws.write_string(0, 0, f"Bản sao số liệu của tệp \"{rec.tep}\", trang \"{sheet}\". Ô tô đỏ: lỗi; ô tô vàng: cảnh báo; "
                    "rê chuột lên ô để xem ghi chú.", fmt(italic=True, text_wrap=False, font_color="#C00000"))
    marks: dict[tuple[int, int], list[Issue]] = {}
    for i in issues:
        at = _address(i.cell)
        if at and i.sheet == sheet:
            marks.setdefault(at, []).append(i)
    offset = 2   # the copy starts on row 3, under the note
    widths = [6.0] * MAX_COLS
    for row in grid[:MAX_ROWS]:
        for c, value in enumerate(row[:MAX_COLS]):
            widths[c] = min(36.0, max(widths[c], len(_shown(value)) * 0.9 + 1 if len(_shown(value)) < 60 else 36.0))
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    for r, row in enumerate(grid[:MAX_ROWS]):
        ws.set_row(r + offset, 15 * max([lines_needed(_shown(v), widths[c]) for c, v in enumerate(row[:MAX_COLS])] or [1]) + 2)
        for c, value in enumerate(row[:MAX_COLS]):
            found = marks.get((r, c))
            style = fmt(border=1, bg_color="#FFC7CE" if any(i.severity == ERROR for i in found) else "#FFEB9C") \
                if found else fmt()
            if isinstance(value, bool):
                ws.write_string(r + offset, c, "Có" if value else "Không", style)
            elif isinstance(value, (int, float)):
                ws.write_number(r + offset, c, value, style)
            elif isinstance(value, (dt.date, dt.datetime)):
                ws.write_string(r + offset, c, _shown(value), style)
            elif value not in ("", None):
                ws.write_string(r + offset, c, str(value), style)
            elif found:
                ws.write_blank(r + offset, c, None, style)
            if found:
                ws.write_comment(r + offset, c, "\n".join(f"{i.message} {i.hint}" for i in found),
                                 {"x_scale": 2.5, "y_scale": 2, "font_name": "Times New Roman"})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


def _shown(value) -> str:
    if value in ("", None):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _address(cell: str) -> tuple[int, int] | None:
    from xlsxwriter.utility import xl_cell_to_rowcol
    try:
        return xl_cell_to_rowcol(cell) if cell and ":" not in cell else None
    except Exception:
        return None


SHEET_NAME_MAX = 31   # Excel's limit on a sheet name


def copy_sheet_name(n: int, period: str, used: set[str]) -> str:
    """"Bản nộp 1 – Cả năm (tổng kết)", shortened to whole words when too long for a tab
    ("Bản nộp 1 – Đợt 1", never "… (sơ kết 6 thá"), and distinct from the names in ``used``."""
    name = f"Bản nộp {n} – {period}"
    if len(name) > SHEET_NAME_MAX:
        name = f"Bản nộp {n} – {period.split(' (')[0]}"
    while len(name) > SHEET_NAME_MAX:
        name = name.rsplit(" ", 1)[0]
    base, k = name, 2
    while name in used:
        suffix = f" ({k})"
        name = base[:SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        k += 1
    return name
