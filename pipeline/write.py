"""Write the consolidated workbook and the CSV exports.

Every file is written to a temporary name in the output folder and moved into place only when
complete, so a crash never leaves a half-written file. Strings are written as strings: no input
text ever becomes a formula or a link (xlsxwriter's ``strings_to_formulas``/``strings_to_urls``
are off). Document metadata is fixed so that the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pandas as pd
import xlsxwriter

from pipeline import VERSION
from pipeline.aggregate import WARD
from pipeline.build_templates import format_target
from pipeline.council.sheet import approved_counts, council_sheet
from pipeline.dedupe import STATUS_LABEL as SUBMISSION_LABEL
from pipeline.evaluate_awards import OUTCOME_LABEL
from pipeline.evaluate import IN_PROGRESS, MET, NO_DATA, NO_TARGET, NOT_MET, STATUS_LABEL, Result
from pipeline.issues import SEVERITY_LABEL, Issue
from pipeline.layout import lines_needed
from pipeline.registers import Registers
from pipeline.write_awards import write_award_sheets
from pipeline.write_charts import charts_sheet
from pipeline.write_files import atomic_path

WORKBOOK_NAME = "bao_cao_thi_dua_{year}.xlsx"
FIXED_TIMESTAMP = dt.datetime(2024, 1, 1)
ANSWER_LABEL = {"co": "Có", "khong": "Không", "dat": "Đạt", "khong_dat": "Không đạt"}
STATUS_COLOURS = {MET: "#C6EFCE", NOT_MET: "#FFC7CE", IN_PROGRESS: "#FFEB9C", NO_DATA: "#E7E6E6",
                  NO_TARGET: "#DDEBF7"}


@dataclass(frozen=True)
class RunFacts:
    """What the provenance sheet says about the run itself."""
    input_label: str
    sample: bool
    files: pd.DataFrame         # provenance, one row per file seen
    rules: object = None        # the award rules used (version, what-if overrides)
    document: dict | None = None  # settings [van_ban]: issuing body, signer…
    year: int = 0


# ---------------------------------------------------------------------------- tables (CSV)

def decimals_for(value: Fraction | None, goal: Fraction | None, unit: str) -> int:
    """2 decimals for percentages, more where rounding would hide why a target failed
    (99,635 % against 99,64 % must not print as 99,64 %)."""
    if unit != "%" and unit != "ha":
        return 0 if value is None or value.denominator == 1 else 2
    places = 2
    if value is None or goal is None:
        return places
    while places < 6 and value != goal and round(value, places) == goal:
        places += 1
    return places


def percent_shown(x: Fraction | None) -> float | None:
    """Percent of target, cut (not rounded) to 2 decimals: 99,9975 % of a target is not met and
    must not print as 100,00 %."""
    return None if x is None else math.floor(x * 100) / 100


def _number(x: Fraction | None, places: int = 6) -> float | None:
    return None if x is None else round(float(x), places)


def target_frame(results: list[Result], reg: Registers, scope_khom: bool) -> pd.DataFrame:
    records = []
    for r in results:
        if (r.scope == WARD) == scope_khom:
            continue
        t = r.target
        record = {
            "ma": t.code, "stt": t.number, "noi_dung": t.plan_text, "ky": r.period, "loai": t.kind,
            "dvt": t.unit_of_measure,
            "gia_tri": r.answer if r.answer is not None else _number(r.value),
            "chi_tieu": _goal_value(r),
            "phep_so_sanh": t.op, "trang_thai": r.status, "tam_tinh": r.provisional,
            "don_vi_thieu": "; ".join(r.missing),
            "ty_le_so_voi_chi_tieu": percent_shown(r.percent_of_goal),
            "chenh_lech": _number(r.value - r.goal) if r.value is not None and r.goal is not None else None,
            "tu_so": _number(r.totals.sums.get("tu_so")), "mau_so": _number(r.totals.sums.get("mau_so")),
            "so_hien_tai": _number(r.totals.sums.get("so_hien_tai")),
            "so_goc": _number(r.totals.sums.get("so_goc")),
            "so_don_vi_da_bao_cao": len(r.totals.reported), "so_don_vi_phai_bao_cao": len(r.totals.expected),
            "ghi_chu": r.note,
        }
        if scope_khom:
            record = {"don_vi": r.scope, "ten_don_vi": reg.unit(r.scope).name} | record
        records.append(record)
    return pd.DataFrame.from_records(records)


def _goal_value(r: Result):
    t = r.target
    if t.kind == "duy_tri":
        return "co"
    if t.kind == "dinh_tinh":
        return "dat"
    return _number(r.goal)


def issue_frame(issues: list[Issue], reg: Registers) -> pd.DataFrame:
    names = {u.code: u.name for u in reg.units}
    records = [{
        "ma_loi": i.code, "muc_do": i.severity, "don_vi": names.get(i.unit, ""), "tep": i.file,
        "trang_tinh": i.sheet, "o": i.cell, "cot": i.column, "gia_tri": i.value, "noi_dung": i.message,
        "cach_sua": i.hint,
    } for i in sort_issues(issues)]
    return pd.DataFrame.from_records(records, columns=[
        "ma_loi", "muc_do", "don_vi", "tep", "trang_tinh", "o", "cot", "gia_tri", "noi_dung", "cach_sua"])


def sort_issues(issues: list[Issue]) -> list[Issue]:
    def cell_key(cell: str):
        m = re.match(r"([A-Z]+)(\d+)$", cell or "")
        return (int(m.group(2)), len(m.group(1)), m.group(1)) if m else (0, 0, cell)
    return sorted(issues, key=lambda i: (i.file == "", i.file, i.sheet, cell_key(i.cell), i.code, i.value))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 with BOM so that Excel opens Vietnamese text correctly."""
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")


# ---------------------------------------------------------------------------- workbook

def write_workbook(path: Path, reg: Registers, results: list[Result], register: pd.DataFrame,
                   issues: list[Issue], facts: RunFacts, awards=None, council=None) -> None:
    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})
        wb.set_properties({"title": f"Báo cáo tổng hợp thi đua năm {reg.year}",
                           "author": reg.settings["co_quan"]["hoi_dong"],
                           "company": reg.settings["co_quan"]["ten_co_quan"], "created": FIXED_TIMESTAMP})
        fmt = _Formats(wb)
        _info_sheet(wb, fmt, reg, results, register, issues, facts, awards, council)
        charts_sheet(wb, fmt, reg, results, register, lambda ws, text, width, sub="": _title(ws, fmt, text, width, facts, sub))
        _ward_sheet(wb, fmt, reg, results, facts)
        _khom_sheet(wb, fmt, reg, results, facts)
        _register_sheet(wb, fmt, reg, register, facts)
        if awards is not None:
            write_award_sheets(wb, fmt, reg, facts.rules, awards,
                               lambda ws, text, width, sub="": _title(ws, fmt, text, width, facts, sub),
                               _page, _fit_height, lambda ws, row, width: _signature(ws, fmt, row, width, facts))
        if council is not None:
            council_sheet(wb, fmt, reg, facts.rules, council,
                          lambda ws, text, width, sub="": _title(ws, fmt, text, width, facts, sub), _page)
        _issues_sheet(wb, fmt, reg, issues, facts)
        _provenance_sheet(wb, fmt, reg, facts)
        wb.close()


class _Formats:
    def __init__(self, wb):
        self.wb = wb
        self.cache: dict[tuple, object] = {}

    def __call__(self, **props):
        base = {"font_name": "Times New Roman", "font_size": 11, "valign": "top", "text_wrap": True}
        key = tuple(sorted({**base, **props}.items()))
        if key not in self.cache:
            self.cache[key] = self.wb.add_format(dict(key))
        return self.cache[key]


def _merge(ws, row: int, first: int, last: int, text: str, cell_format) -> None:
    """A merged range, or the single cell when it is one column wide."""
    if first == last:
        ws.write_string(row, first, text, cell_format)
    else:
        ws.merge_range(row, first, row, last, text, cell_format)


def _title(ws, fmt, text: str, width: int, facts: RunFacts, subtitle: str = "") -> int:
    """The administrative header (issuing body left, national motto right, number, place and
    date), then the title; returns the first free row."""
    doc = facts.document or {}
    left = max(1, width // 2 - 1)
    center = {"align": "center", "valign": "vcenter", "text_wrap": False}
    _merge(ws, 0, 0, left - 1, doc.get("co_quan_chu_quan", ""), fmt(font_size=12, **center))
    _merge(ws, 1, 0, left - 1, doc.get("co_quan_ban_hanh", ""), fmt(bold=True, font_size=12, underline=1, **center))
    _merge(ws, 0, left, width - 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fmt(bold=True, font_size=12, **center))
    _merge(ws, 1, left, width - 1, "Độc lập - Tự do - Hạnh phúc",
                   fmt(bold=True, font_size=13, underline=1, **center))
    _merge(ws, 2, 0, left - 1, doc.get("so_ky_hieu", ""), fmt(font_size=12, **center))
    _merge(ws, 2, left, width - 1, _place_and_date(doc, facts.year), fmt(italic=True, font_size=12, **center))
    ws.set_row(1, 20)
    _merge(ws, 4, 0, width - 1, text, fmt(bold=True, font_size=14, **center))
    ws.set_row(4, 22)
    row = 5
    if subtitle:
        _merge(ws, row, 0, width - 1, subtitle, fmt(italic=True, **center))
        row += 1
    if facts.sample:
        _merge(ws, row, 0, width - 1, "DỮ LIỆU MẪU – KHÔNG PHẢI SỐ LIỆU THẬT CỦA CÁC ĐƠN VỊ",
                       fmt(bold=True, font_color="#C00000", **center))
        row += 1
    return row + 1


def _place_and_date(doc: dict, year: int) -> str:
    place = doc.get("dia_danh", "")
    date = doc.get("ngay_lap")
    if isinstance(date, dt.date):
        return f"{place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
    return f"{place}, ngày      tháng      năm {year or ''}".rstrip()


def _signature(ws, fmt, row: int, width: int, facts: RunFacts) -> int:
    """"Nơi nhận" on the left, the signer on the right, below the last table row."""
    doc = facts.document or {}
    if not doc:
        return row
    left = max(1, width // 2 - 1)
    row += 1
    center = {"align": "center", "text_wrap": False}
    _merge(ws, row, left, width - 1, doc.get("quyen_han_ky", ""), fmt(bold=True, font_size=12, **center))
    _merge(ws, row + 1, left, width - 1, doc.get("chuc_vu_nguoi_ky", ""),
                   fmt(bold=True, font_size=12, **center))
    _merge(ws, row + 5, left, width - 1, doc.get("ho_ten_nguoi_ky", ""),
                   fmt(bold=True, font_size=12, **center))
    ws.write_string(row, 0, "Nơi nhận:", fmt(bold=True, italic=True, text_wrap=False))
    for i, line in enumerate(doc.get("noi_nhan", [])):
        ws.write_string(row + 1 + i, 0, f"- {line}", fmt(font_size=10, text_wrap=False))
    return row + 6


def _table_header(ws, fmt, row: int, headings: list[tuple[str, float]]) -> None:
    head = fmt(bold=True, align="center", valign="vcenter", border=1, bg_color="#D9E1F2")
    for c, (text, width) in enumerate(headings):
        ws.write_string(row, c, text, head)
        ws.set_column(c, c, width)
    _fit_height(ws, row, [(text, width, 11) for text, width in headings])


def _page(ws, landscape: bool, header_row: int) -> None:
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N")


def _status_text(r: Result) -> str:
    text = STATUS_LABEL[r.status]
    if r.status == IN_PROGRESS and r.percent_of_goal is not None:
        text += f" (đạt {_vn(percent_shown(r.percent_of_goal), 2)}% chỉ tiêu năm)"
    if r.status == MET and r.value is not None and r.goal is not None and r.target.op in (">=", ">") and r.value > r.goal:
        unit = r.target.unit_of_measure
        margin = _vn(r.value - r.goal, decimals_for(r.value - r.goal, None, unit))
        text += f" (vượt {margin} điểm %)" if unit == "%" else f" (vượt {margin} {unit})"
    if r.provisional:
        text += " – tạm tính"
    return text


def _vn(x: Fraction | float, places: int) -> str:
    text = f"{float(x):,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _num_format(places: int) -> str:
    return "#,##0" if places == 0 else "#,##0." + "0" * places


def _fit_height(ws, row: int, cells: list[tuple[str, float, int]]) -> None:
    """Set the row's height for its tallest wrapped cell: (text, column width, font size)."""
    height = max((lines_needed(t, w, size) * (13 if size <= 10 else 14.5) for t, w, size in cells), default=15)
    ws.set_row(row, max(15, height + 2))


def _write_result(ws, fmt, row: int, col: int, r: Result) -> str:
    """Result, % of target and status in three cells; returns the status text."""
    if r.answer is not None:
        ws.write_string(row, col, ANSWER_LABEL[r.answer], fmt(border=1, align="center"))
    elif r.value is not None:
        places = decimals_for(r.value, r.goal, r.target.unit_of_measure)
        ws.write_number(row, col, float(r.value), fmt(border=1, align="right", num_format=_num_format(places)))
    else:
        ws.write_string(row, col, "—", fmt(border=1, align="center"))
    percent = percent_shown(r.percent_of_goal)
    ws.write(row, col + 1, percent / 100 if percent is not None else "", fmt(border=1, align="right", num_format="0.00%"))
    status = _status_text(r)
    ws.write_string(row, col + 2, status, fmt(border=1, bold=r.status in (MET, NOT_MET),
                                              bg_color=STATUS_COLOURS[r.status]))
    return status


def _goal_text(r: Result) -> str:
    if r.scope != WARD and r.target.kind not in ("duy_tri", "dinh_tinh"):
        if r.goal is None:
            return "Không giao"
        return format_target(r.target).split(" ")[0] + " " + _vn(r.goal, 2 if r.goal.denominator != 1 else 0)
    return format_target(r.target)


def _missing_text(results: list[Result], reg: Registers) -> str:
    names = {p.code: p.name.split(" (")[0] for p in reg.periods}
    return "\n".join(f"{names[r.period]}: {'; '.join(r.missing)}" for r in results if r.missing)


def _ward_sheet(wb, fmt, reg: Registers, results: list[Result], facts: RunFacts) -> None:
    ws = wb.add_worksheet("Chỉ tiêu phường")
    periods = list(reg.periods)
    fixed = [("STT", 4.5), ("Mã", 6), ("Chỉ tiêu theo Kế hoạch", 34), ("ĐVT", 7), ("Chỉ tiêu", 10)]
    per_period = [("Kết quả", 12), ("So với chỉ tiêu", 8.5), ("Đánh giá", 16)]
    tail = [("Đơn vị chưa có số liệu", 24), ("Ghi chú", 22)]
    widths = [w for _, w in fixed + per_period * len(periods) + tail]
    last = len(widths) - 1
    row = _title(ws, fmt, f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM {reg.year} TOÀN PHƯỜNG", len(widths), facts,
                 f"(Theo {reg.plan_reference})")
    head = fmt(bold=True, align="center", valign="vcenter", border=1, bg_color="#D9E1F2")
    group = fmt(bold=True, align="center", valign="vcenter", border=1, bg_color="#B4C6E7")
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    for c, (text, _) in enumerate(fixed):
        ws.merge_range(row, c, row + 1, c, text, head)
    for i, p in enumerate(periods):
        first = len(fixed) + len(per_period) * i
        ws.merge_range(row, first, row, first + len(per_period) - 1, f"{p.name} - đến {p.end:%d/%m/%Y}", group)
        for j, (text, _) in enumerate(per_period):
            ws.write_string(row + 1, first + j, text, head)
    for j, (text, _) in enumerate(tail):
        ws.merge_range(row, last - 1 + j, row + 1, last - 1 + j, text, head)
    ws.set_row(row + 1, 30)
    header_row = row + 1
    ward = {(r.target.code, r.period): r for r in results if r.scope == WARD}
    row = header_row + 1
    small = fmt(border=1, font_size=10)
    for t in reg.targets:
        mine = [ward[(t.code, p.code)] for p in periods]
        goal = _goal_text(mine[0])
        ws.write_number(row, 0, t.number, fmt(border=1, align="center"))
        ws.write_string(row, 1, t.code, fmt(border=1, align="center"))
        ws.write_string(row, 2, t.plan_text, fmt(border=1))
        ws.write_string(row, 3, t.unit_of_measure, fmt(border=1, align="center"))
        ws.write_string(row, 4, goal, fmt(border=1, align="center"))
        cells = [(t.plan_text, widths[2], 11), (goal, widths[4], 11)]
        for i, r in enumerate(mine):
            col = len(fixed) + len(per_period) * i
            cells.append((_write_result(ws, fmt, row, col, r), widths[col + 2], 11))
        missing = _missing_text(mine, reg)
        notes = " ".join(n for n in dict.fromkeys(r.note for r in mine) if n)
        ws.write_string(row, last - 1, missing, small)
        ws.write_string(row, last, notes, small)
        _fit_height(ws, row, cells + [(missing, widths[last - 1], 10), (notes, widths[last], 10)])
        row += 1
    ws.freeze_panes(header_row + 1, 3)
    ws.autofilter(header_row, 0, row - 1, last)
    _signature(ws, fmt, row, len(widths), facts)
    _page(ws, True, header_row)


def _khom_sheet(wb, fmt, reg: Registers, results: list[Result], facts: RunFacts) -> None:
    ws = wb.add_worksheet("Chỉ tiêu theo khóm")
    periods = list(reg.periods)
    headings = [("Mã", 6), ("Chỉ tiêu", 30), ("ĐVT", 7), ("Khóm", 14), ("Chỉ tiêu của khóm", 12)]
    for p in periods:
        short = p.name.split(" (")[0]
        headings += [(f"{short}: kết quả", 12), ("So với chỉ tiêu", 8.5), (f"{short}: đánh giá", 16)]
    headings += [("Ghi chú", 20)]
    widths = [w for _, w in headings]
    row = _title(ws, fmt, f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM {reg.year} THEO KHÓM", len(headings), facts)
    _table_header(ws, fmt, row, headings)
    ws.set_row(row, 30)
    header_row = row
    khom = {(r.target.code, r.scope, r.period): r for r in results if r.scope != WARD}
    row += 1
    for t in reg.targets:
        for k in reg.khom:
            if (t.code, k.code, periods[0].code) not in khom:
                continue
            mine = [khom[(t.code, k.code, p.code)] for p in periods]
            goal = _goal_text(mine[0])
            ws.write_string(row, 0, t.code, fmt(border=1, align="center"))
            ws.write_string(row, 1, t.short_name, fmt(border=1))
            ws.write_string(row, 2, t.unit_of_measure, fmt(border=1, align="center"))
            ws.write_string(row, 3, k.name, fmt(border=1))
            ws.write_string(row, 4, goal, fmt(border=1, align="center"))
            cells = [(t.short_name, widths[1], 11), (goal, widths[4], 11)]
            for i, r in enumerate(mine):
                cells.append((_write_result(ws, fmt, row, 5 + 3 * i, r), widths[7 + 3 * i], 11))
            note = "\n".join(f"{p.name.split(' (')[0]}: {r.missing[0].split(' (', 1)[1].rstrip(')')}"
                             for p, r in zip(periods, mine) if r.missing)
            ws.write_string(row, len(headings) - 1, note, fmt(border=1, font_size=10))
            _fit_height(ws, row, cells + [(note, widths[-1], 10)])
            row += 1
    ws.freeze_panes(header_row + 1, 4)
    ws.autofilter(header_row, 0, row - 1, len(headings) - 1)
    _signature(ws, fmt, row, len(headings), facts)
    _page(ws, True, header_row)


def _register_sheet(wb, fmt, reg: Registers, register: pd.DataFrame, facts: RunFacts) -> None:
    ws = wb.add_worksheet("Nộp báo cáo")
    headings = [("Mã đơn vị", 9), ("Đơn vị", 30), ("Loại báo cáo", 18), ("Kỳ", 16), ("Tình trạng", 20),
                ("Tệp", 40), ("Ngày báo cáo", 12), ("Số lỗi", 7), ("Số cảnh báo", 9), ("Ghi chú", 30)]
    row = _title(ws, fmt, f"TÌNH HÌNH NỘP BÁO CÁO NĂM {reg.year}", len(headings), facts)
    _table_header(ws, fmt, row, headings)
    header_row = row
    kinds = {k.code: k.short_name for k in reg.report_kinds}
    period_names = {p.code: p.name for p in reg.periods} | {"nam": f"Năm {reg.year}"}
    colours = {"hop_le": "#C6EFCE", "co_loi": "#FFEB9C", "chua_nop": "#FFC7CE", "xung_dot": "#FFC7CE"}
    for rec in register.itertuples(index=False):
        row += 1
        date = dt.date.fromisoformat(rec.ngay_bao_cao).strftime("%d/%m/%Y") if rec.ngay_bao_cao else ""
        values = [rec.ma_don_vi, rec.don_vi, kinds.get(rec.loai_bao_cao, rec.loai_bao_cao),
                  period_names.get(rec.ky, rec.ky), SUBMISSION_LABEL[rec.trang_thai], rec.tep, date]
        for c, v in enumerate(values):
            style = fmt(border=1, bg_color=colours[rec.trang_thai]) if c == 4 and rec.trang_thai in colours else fmt(border=1)
            ws.write_string(row, c, v, style)
        ws.write_number(row, 7, int(rec.so_loi), fmt(border=1, align="right"))
        ws.write_number(row, 8, int(rec.so_canh_bao), fmt(border=1, align="right"))
        ws.write_string(row, 9, rec.ghi_chu, fmt(border=1))
        _fit_height(ws, row, [(v, headings[c][1], 11) for c, v in enumerate(values)] + [(rec.ghi_chu, 30, 11)])
    ws.freeze_panes(header_row + 1, 2)
    ws.autofilter(header_row, 0, row, len(headings) - 1)
    _signature(ws, fmt, row + 1, len(headings), facts)
    _page(ws, True, header_row)


def _issues_sheet(wb, fmt, reg: Registers, issues: list[Issue], facts: RunFacts) -> None:
    ws = wb.add_worksheet("Lỗi dữ liệu")
    frame = issue_frame(issues, reg)
    headings = [("Mức độ", 9), ("Mã lỗi", 20), ("Đơn vị", 22), ("Tệp", 32), ("Trang tính", 11), ("Ô", 7),
                ("Cột", 16), ("Giá trị đã nhập", 16), ("Nội dung", 44), ("Cách sửa", 44)]
    row = _title(ws, fmt, "DANH SÁCH LỖI VÀ CẢNH BÁO VỀ SỐ LIỆU", len(headings), facts)
    _table_header(ws, fmt, row, headings)
    header_row = row
    for rec in frame.itertuples(index=False):
        row += 1
        colour = "#FFC7CE" if rec.muc_do == "loi" else "#FFEB9C"
        ws.write_string(row, 0, SEVERITY_LABEL[rec.muc_do], fmt(border=1, bg_color=colour))
        texts = [rec.ma_loi, rec.don_vi, rec.tep, rec.trang_tinh, rec.o, rec.cot, rec.gia_tri, rec.noi_dung,
                 rec.cach_sua]
        for c, v in enumerate(texts, start=1):
            ws.write_string(row, c, str(v), fmt(border=1))
        _fit_height(ws, row, [(str(v), headings[c][1], 11) for c, v in enumerate(texts, start=1)])
    if frame.empty:
        ws.write_string(row + 1, 0, "Không có lỗi hay cảnh báo nào.", fmt(italic=True, text_wrap=False))
    ws.freeze_panes(header_row + 1, 0)
    ws.autofilter(header_row, 0, max(row, header_row), len(headings) - 1)
    _page(ws, True, header_row)


def _provenance_sheet(wb, fmt, reg: Registers, facts: RunFacts) -> None:
    ws = wb.add_worksheet("Nguồn dữ liệu")
    headings = [("Tệp", 40), ("SHA-256", 30), ("Kích thước (byte)", 10), ("Loại biểu mẫu", 18), ("Phiên bản", 8),
                ("Đơn vị", 10), ("Kỳ", 8), ("Ngày báo cáo", 11), ("Số dòng đọc", 8), ("Sử dụng", 18), ("Lý do", 36)]
    row = _title(ws, fmt, "NGUỒN DỮ LIỆU CỦA BÁO CÁO", len(headings), facts)
    lines = [("Chương trình", f"phiên bản {VERSION}"), ("Thư mục dữ liệu vào", facts.input_label),
             ("Năm", str(reg.year))] + [(f"Sổ đăng ký {k}", v) for k, v in reg.versions.items()]
    if facts.rules is not None:
        lines.append((f"Sổ quy tắc {reg.year}/award_rules.toml", f"phiên bản {facts.rules.version}"))
        if facts.rules.overrides:
            lines.append(("Tham số thay đổi khi chạy", "; ".join(facts.rules.overrides)))
    for key, value in lines:
        ws.write_string(row, 0, key, fmt(bold=True))
        ws.merge_range(row, 1, row, 4, value, fmt())
        row += 1
    row += 1
    _table_header(ws, fmt, row, headings)
    header_row = row
    for rec in facts.files.itertuples(index=False):
        row += 1
        for c, v in enumerate(rec):
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(row, c, v, fmt(border=1, align="right"))
            else:
                ws.write_string(row, c, str(v), fmt(border=1, font_size=10))
        _fit_height(ws, row, [(str(v), headings[c][1], 10) for c, v in enumerate(rec)])
    ws.autofilter(header_row, 0, max(row, header_row), len(headings) - 1)
    _page(ws, True, header_row)


def _eligibility_counts(ws, fmt, row: int, awards, rules) -> int:
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center")
    outcomes = list(OUTCOME_LABEL)
    ws.write_string(row, 0, "Xét danh hiệu, khen thưởng (số trường hợp)", head)
    for i, o in enumerate(outcomes):
        ws.write_string(row, 1 + i, OUTCOME_LABEL[o], head)
    for code, rule in rules.rules.items():
        mine = [d for d in awards.decisions if d.title == code]
        if not mine:
            continue
        row += 1
        ws.write_string(row, 0, f"{rule.title} ({'tập thể' if rule.subject == 'tap_the' else 'khóm' if rule.subject == 'khom' else 'hộ gia đình' if rule.subject == 'ho_gia_dinh' else 'cá nhân'})", fmt(border=1))
        for i, o in enumerate(outcomes):
            ws.write_number(row, 1 + i, sum(1 for d in mine if d.outcome == o), fmt(border=1, align="center"))
    return row


def _info_sheet(wb, fmt, reg, results, register, issues, facts: RunFacts, awards=None, council=None) -> None:
    ws = wb.add_worksheet("Tổng quan")
    ws.set_column(0, 0, 46)
    ws.set_column(1, 4, 20)
    co_quan = reg.settings["co_quan"]
    row = _title(ws, fmt, f"BÁO CÁO TỔNG HỢP THI ĐUA NĂM {reg.year}", 5, facts, co_quan["hoi_dong"])
    ws.write_string(row, 0, f"Căn cứ: {reg.plan_reference}.", fmt(text_wrap=False))
    row += 2
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center")
    ws.write_string(row, 0, "Kết quả chỉ tiêu toàn phường", head)
    for i, p in enumerate(reg.periods):
        ws.write_string(row, 1 + i, p.name, head)
    for status in (MET, NOT_MET, IN_PROGRESS, NO_DATA, NO_TARGET):
        row += 1
        ws.write_string(row, 0, STATUS_LABEL[status], fmt(border=1, bg_color=STATUS_COLOURS[status]))
        for i, p in enumerate(reg.periods):
            n = sum(1 for r in results if r.scope == WARD and r.period == p.code and r.status == status)
            ws.write_number(row, 1 + i, n, fmt(border=1, align="center"))
    row += 1
    ws.write_string(row, 0, "Trong đó tạm tính (còn đơn vị chưa có số liệu)", fmt(border=1, italic=True))
    for i, p in enumerate(reg.periods):
        n = sum(1 for r in results if r.scope == WARD and r.period == p.code and r.provisional)
        ws.write_number(row, 1 + i, n, fmt(border=1, align="center"))
    row += 2
    ws.write_string(row, 0, "Báo cáo của các đơn vị", head)
    for i, p in enumerate(reg.periods):
        ws.write_string(row, 1 + i, p.name, head)
    expected = register[register["trang_thai"] != "khong_xac_dinh"]
    for label, states in (("Đã nộp, dùng được", ("hop_le", "co_loi")), ("Chưa nộp", ("chua_nop",)),
                          ("Xung đột, không dùng", ("xung_dot",))):
        row += 1
        ws.write_string(row, 0, label, fmt(border=1))
        for i, p in enumerate(reg.periods):
            mine = expected[(expected["ky"] == p.code) & expected["trang_thai"].isin(states)]
            ws.write_number(row, 1 + i, mine[["ma_don_vi", "loai_bao_cao"]].drop_duplicates().shape[0],
                            fmt(border=1, align="center"))
    if awards is not None:
        row += 2
        row = _eligibility_counts(ws, fmt, row, awards, facts.rules)
    if council is not None and council.decided:
        row = approved_counts(ws, fmt, row + 2, council, facts.rules)
    row += 2
    errors = sum(1 for i in issues if i.severity == "loi")
    ws.write_string(row, 0, f"Lỗi số liệu: {errors}; cảnh báo: {len(issues) - errors} (xem trang \"Lỗi dữ liệu\").",
                    fmt(text_wrap=False))
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N")
    ws.activate()
