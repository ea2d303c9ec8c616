"""Feedback to each unit (``output/phan_hoi/``): one small workbook per unit that the officer
can send back as is — addressed to the unit and dated, what is missing with its deadline, when to
resend and whom to call, the unit's issues with cells and hints worded for the unit, and a copy of
each submitted sheet that has a marked cell or could not be used (``feedback_copy``).

The folder is built beside the old one and swapped in whole, so it is never half written."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from pipeline.issues import ERROR, SEVERITY_LABEL, Issue
from pipeline.registers.model import Registers
from pipeline.report.feedback_copy import Source, copy_sheet
from pipeline.report.frame import column_values, tallest_lines
from pipeline.report.issue_sheets import sort_issues
from pipeline.report.output_set import pause_for_test
from pipeline.report.template_kit import FIXED_TIMESTAMP
from pipeline.report.xlsx import Workbook
from pipeline.submissions.dedupe import CONFLICT, STATUS_LABEL, SUPERSEDED, UNUSABLE
from pipeline.text import file_words, lines_needed

FOLDER = "phan_hoi"
REJECTED = (UNUSABLE, CONFLICT)   # files received from the unit that could not be used


class Submission(NamedTuple):
    """One line of the submission register, as a unit's feedback shows it."""
    kind: str     # loai_bao_cao
    period: str   # ky
    state: str    # trang_thai
    file: str     # tep


def write_feedback(output_dir: Path, reg: Registers, register: pd.DataFrame, issues: list[Issue],
                   sources: dict[str, Source]) -> list[Path]:
    """``sources`` maps a file name in the register to the input file a copy is taken from."""
    final = output_dir / FOLDER
    building = output_dir / f".{FOLDER}.tmp"
    if building.exists():
        shutil.rmtree(building)
    building.mkdir(parents=True)
    written, jobs = [], []
    by_unit: dict[str, list[Submission]] = {}   # the register read once, not filtered once a unit
    for code, *line in zip(*(column_values(register[c]) for c in ("ma_don_vi", "loai_bao_cao", "ky", "trang_thai", "tep"))):
        by_unit.setdefault(code, []).append(Submission(*line))
    for unit in reg.units:
        name = f"{file_words(unit.code)}_{file_words(unit.name)}.xlsx"
        mine = by_unit.get(unit.code, [])
        files = {s.file for s in mine} - {""}
        # a file-level problem found before the unit was known (old template version…) is the unit's too
        unit_issues = [i for i in issues if i.unit == unit.code or (not i.unit and i.file in files)]
        # a superseded file is not used: its own problems are not the unit's to fix, only the
        # notice that names the file in use (BAN_CU_BI_THAY) stays
        replaced = {s.file for s in mine if s.state == SUPERSEDED}
        unit_issues = [i for i in unit_issues if i.file not in replaced or i.code == "BAN_CU_BI_THAY"]
        jobs.append((building / name, reg, unit, mine, unit_issues, sources))
        written.append(final / name)
    _write_all(jobs)
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


def _write_all(jobs: list[tuple]) -> None:
    """The units' workbooks, in turn (the whole feedback already runs beside the consolidated
    workbook and the council's documents, ``report/side_by_side``). They share the submitted
    sheets already read (``read_sheet``)."""
    reads: dict = {}
    for n, job in enumerate(jobs):
        _unit_workbook(*job, reads)
        if n == 0:
            pause_for_test("phan_hoi")   # test hook: a run killed with the feedback folder half written


def _unit_workbook(path: Path, reg: Registers, unit, register: list[Submission], issues: list[Issue],
                   sources: dict[str, Source], reads: dict | None = None) -> None:
    wb = Workbook(path, {"strings_to_numbers": False})
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
    by_file: dict[str, list[Issue]] = {}
    for i in issues:
        by_file.setdefault(i.file, []).append(i)
    used_names: set[str] = set()
    marked = {i.file for i in issues if i.cell and i.sheet}   # a copy helps where a cell is marked,
    rejected = {s.file for s in register if s.state in REJECTED}   # or the file was not used
    n = 0
    for _, period, _, file in register:
        if file in sources and (file in marked or file in rejected):
            n += 1
            mine = by_file.get(file, [])
            reason = _rejection(mine) if file in rejected else ""
            tab = copy_sheet_name(n, reg.period_name(period), used_names)
            used_names.add(tab)
            copy_sheet(wb, fmt, tab, file, sources[file], mine, reason, reads)
    for name in sorted(marked - {s.file for s in register}):   # files outside the register: campaign proposals
        if name in sources:
            n += 1
            tab = copy_sheet_name(n, "theo đợt", used_names)
            used_names.add(tab)
            copy_sheet(wb, fmt, tab, name, sources[name], by_file.get(name, []), "", reads)
    wb.close()


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


def _rejection(issues: list[Issue]) -> str:
    reasons = [i.message for i in sort_issues(issues) if i.severity == ERROR and not i.cell] or \
        [i.message for i in sort_issues(issues) if i.severity == ERROR]
    return "Tệp này đã nhận nhưng chưa dùng được" + (": " + " ".join(dict.fromkeys(reasons)) if reasons else ".")


def _cover(wb, fmt, reg: Registers, unit, register: list[Submission], issues: list[Issue]) -> None:
    ws = wb.add_worksheet("Thông báo")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 4, 22)
    doc, contact = reg.settings.get("van_ban", {}), reg.settings.get("lien_he", {})
    ws.merge_range(0, 0, 0, 4, reg.settings["co_quan"]["hoi_dong"].upper(), fmt(bold=True, align="center"))
    ws.merge_range(1, 0, 1, 4, dated(doc), fmt(italic=True, align="right"))
    ws.merge_range(2, 0, 2, 4, f"THÔNG BÁO KẾT QUẢ KIỂM TRA BÁO CÁO THI ĐUA NĂM {reg.year}",
                   fmt(bold=True, font_size=13, align="center"))
    ws.merge_range(3, 0, 3, 4, f"Kính gửi: {unit.name}", fmt(bold=True, align="center"))
    errors = sum(1 for i in issues if i.severity == ERROR)
    n_missing = sum(1 for s in register if s.state == "chua_nop")
    row = 5
    lines = [f"Hội đồng đã kiểm tra các báo cáo của đơn vị: {errors} lỗi, {len(issues) - errors} cảnh báo. Lỗi làm "
             "số liệu ở ô đó không được tổng hợp; đề nghị đơn vị sửa theo trang \"Lỗi cần sửa\" (ô lỗi được tô màu "
             "và ghi chú ở các trang \"Bản nộp\", cùng địa chỉ ô như trong tệp của đơn vị), ghi ngày báo cáo mới "
             "và gửi lại."]
    resend = resend_deadline(doc, contact)
    if (errors or n_missing) and resend:
        lines.append(f"Thời hạn gửi lại báo cáo đã sửa và báo cáo còn thiếu: {resend}.")
    if contact_line(contact):
        lines.append(contact_line(contact))
    for text in lines:
        ws.merge_range(row, 0, row, 4, text, fmt())
        ws.set_row(row, 15 * lines_needed(text, 110) + 3)
        row += 1
    row += 1
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center")
    for c, text in enumerate(("Báo cáo", "Kỳ", "Tình trạng", "Tệp đã nhận", "Hạn nộp")):
        ws.write_string(row, c, text, head)
    kinds = {k.code: k.short_name for k in reg.report_kinds}
    missing_style, sent_style = fmt(border=1, bold=True, bg_color="#FFC7CE"), fmt(border=1, bold=False, bg_color="#FFFFFF")
    deadlines: dict[tuple[str, str], str] = {}
    names: dict[str, str] = {}
    first = row + 1
    columns: list[list[str]] = [[] for _ in range(5)]
    in_use = {(s.kind, s.period): s.file for s in register if s.state in ("hop_le", "co_loi")}
    for kind, period, state, file in register:
        row += 1
        if (kind, period) not in deadlines:
            deadline = reg.deadline(kind, period)
            deadlines[(kind, period)] = f"{deadline:%d/%m/%Y}" if deadline else ""
        if period not in names:
            names[period] = reg.period_name(period)
        missing = state == "chua_nop"
        shown = "CHƯA NỘP – đề nghị nộp" if missing else STATUS_LABEL[state]
        if state == SUPERSEDED and (kind, period) in in_use:
            shown += f" (Hội đồng dùng tệp \"{in_use[(kind, period)]}\")"
        values = [kinds.get(kind, kind), names[period], shown, file, deadlines[(kind, period)]]
        style = missing_style if missing else sent_style
        for c, v in enumerate(values):
            ws.write_string(row, c, v, style)
            columns[c].append(v)
    for r, lines in enumerate(tallest_lines(list(zip(columns, (30, 22, 22, 22, 22)))), start=first):
        ws.set_row(r, 15 * lines + 2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.activate()


def dated(doc: dict) -> str:
    """Place and date of the notice: the document date of the settings, or a blank line to fill
    in by hand (never today's date, so that the same inputs give the same file)."""
    place, date = doc.get("dia_danh", ""), doc.get("ngay_lap")
    when = f"ngày {date.day:02d} tháng {date.month:02d} năm {date.year}" if isinstance(date, dt.date) \
        else "ngày … tháng … năm …"
    return f"{place}, {when}" if place else when[0].upper() + when[1:]


def resend_deadline(doc: dict, contact: dict) -> str:
    """``han_gui_lai`` (a date), else ``so_ngay_gui_lai`` days after the document date, else those
    days counted from receipt of the notice."""
    fixed, days, date = contact.get("han_gui_lai"), contact.get("so_ngay_gui_lai"), doc.get("ngay_lap")
    if isinstance(fixed, dt.date):
        return f"trước ngày {fixed:%d/%m/%Y}"
    if isinstance(days, int) and not isinstance(days, bool) and days > 0:
        if isinstance(date, dt.date):
            return f"trước ngày {date + dt.timedelta(days=days):%d/%m/%Y}"
        return f"trong {days} ngày kể từ ngày nhận thông báo này"
    return ""


def contact_line(contact: dict) -> str:
    parts = [str(contact.get("nguoi_lien_he", "")).strip()]
    if str(contact.get("dien_thoai", "")).strip():
        parts.append(f"điện thoại {contact['dien_thoai'].strip()}")
    if str(contact.get("email", "")).strip():
        parts.append(f"thư điện tử {contact['email'].strip()}")
    parts = [p for p in parts if p]
    return "Cần trao đổi, đề nghị liên hệ: " + ", ".join(parts) + "." if parts else ""


def _issue_list(wb, fmt, issues: list[Issue]) -> None:
    ws = wb.add_worksheet("Lỗi cần sửa")
    headings = [("Mức độ", 9), ("Tệp", 28), ("Trang", 11), ("Ô", 7), ("Cột", 16), ("Giá trị đã nhập", 16),
                ("Nội dung", 40), ("Cách sửa", 40)]
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center")
    for c, (text, width) in enumerate(headings):
        ws.write_string(0, c, text, head)
        ws.set_column(c, c, width)
    error, warning, cell = fmt(border=1, bg_color="#FFC7CE"), fmt(border=1, bg_color="#FFEB9C"), fmt(border=1)
    columns: list[list[str]] = [[] for _ in headings]
    for row, i in enumerate(sort_issues(issues), start=1):
        values = [SEVERITY_LABEL[i.severity], i.file, i.sheet, i.cell, i.column, i.value, i.message, i.hint_for_unit]
        ws.write_string(row, 0, values[0], error if i.severity == ERROR else warning)
        for c in range(1, len(values)):
            ws.write_string(row, c, values[c], cell)
        for column, v in zip(columns, values):
            column.append(v)
    for row, lines in enumerate(tallest_lines([(column, w) for column, (_, w) in zip(columns, headings)]), start=1):
        ws.set_row(row, 15 * lines + 2)
    if not issues:
        ws.write_string(1, 0, "Không có lỗi hay cảnh báo nào.", fmt(italic=True, text_wrap=False))
    ws.autofilter(0, 0, max(len(issues), 1), len(headings) - 1)
    ws.freeze_panes(1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
