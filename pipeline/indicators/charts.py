"""The "Biểu đồ" sheet: native Excel charts a reader would rather look at than read — each
target's result against its target, the khóm side by side, and the submission register. The
charted figures stand in a table on the same sheet, so the charts print with their numbers.

The charts must not mislead: every target of the year is on the sheet (targets to reach as % of
the target, limits "≤ / <" as % of the limit, the others — Có/Không, self-assessed, a limit of 0,
no target — counted by status); bars are coloured by status; a bar cut at ``CAP`` says so and
shows the true figure; a provisional (tạm tính) result is hatched and labelled, never a plain 0."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from pipeline.indicators.aggregate import WARD
from pipeline.indicators.evaluate import (
    IN_PROGRESS,
    MET,
    NO_DATA,
    NO_PERCENT,
    NO_TARGET,
    NOT_MET,
    STATUS_LABEL,
    STATUSES,
    WAITING,
    Result,
)
from pipeline.indicators.templates import format_target
from pipeline.report.frame import vn
from pipeline.text import lines_needed

CAP = 200  # % drawn at most, so that one 400 % does not flatten the rest; the label keeps the true figure
BAR_COLOURS = {MET: "#70AD47", NOT_MET: "#C00000", IN_PROGRESS: "#FFC000", NO_DATA: "#A6A6A6", NO_TARGET: "#5B9BD5",
               WAITING: "#8064A2"}
PROVISIONAL = " – tạm tính"
FONT = {"name": "Times New Roman", "size": 8}


@dataclass(frozen=True)
class Bar:
    """One target on a % chart: its label, the true % (cut, not rounded, to 2 decimals), the
    length drawn, the text written at the bar's end, its status."""
    label: str
    percent: float
    drawn: float
    text: str
    status: str
    provisional: bool


def _percent(r: Result) -> float | None:
    if r.value is None or r.goal is None or r.goal <= 0 or r.target.kind in NO_PERCENT:
        return None   # a band's result is not a share of one number: counted with the others
    exact = r.percent_of_goal if r.percent_of_goal is not None else Fraction(r.value) / r.goal * 100
    return float(int(exact * 100)) / 100    # cut, as on "Chỉ tiêu phường": 99,9975 % is not 100,00 %


def _bar(r: Result, percent: float) -> Bar:
    label = f"{r.target.code} {r.target.short_name}" + (PROVISIONAL if r.provisional else "")
    text = f"{vn(percent, 2)}%"
    if percent > CAP:
        text += f" (cắt ở {CAP}%)"
    if r.provisional:
        text += PROVISIONAL
    return Bar(label, percent, min(percent, CAP), text, r.status, r.provisional)


def chart_groups(results: list[Result], period: str) -> tuple[list[Bar], list[Bar], list[Result]]:
    """The ward's results of ``period`` in three groups: targets to reach (≥, >) as % of the target,
    limits (≤, <) as % of the limit, and the rest (counted by status)."""
    goals, limits, others = [], [], []
    for r in results:
        if r.scope != WARD or r.period != period:
            continue
        percent = _percent(r) if r.answer is None else None
        if percent is not None and r.target.op in (">=", ">"):
            goals.append(_bar(r, percent))
        elif percent is not None and r.target.op in ("<=", "<"):
            limits.append(_bar(r, percent))
        else:
            others.append(r)
    return goals, limits, others


def status_text(r: Result) -> str:
    return STATUS_LABEL[r.status] + (PROVISIONAL if r.provisional else "")


def _point(bar: Bar) -> dict:
    colour = BAR_COLOURS[bar.status]
    if bar.provisional:   # hatched: the figure may still change
        return {"pattern": {"pattern": "wide_upward_diagonal", "fg_color": colour, "bg_color": "#FFFFFF"},
                "border": {"color": colour}}
    return {"fill": {"color": colour}, "border": {"color": colour}}


# The sheet prints on A4 landscape, fit to its width (the title spans WIDTH columns, the charts
# stand right of the tables): a page then holds about PAGE_ROWS rows of 15 pt (20 px). Each section
# (a table with its chart) starts on the page it fits in whole, else on a new page, so that no chart
# is cut across two pages; a chart is never taller than a page.
WIDTH, CHART_COL = 18, 6
PAGE_ROWS, ROW_PX = 46, 20
KHOM_COLOURS = ["#4472C4", "#ED7D31", "#70AD47", "#FFC000", "#7030A0", "#5B9BD5", "#A5A5A5", "#264478",
                "#9E480E", "#636363", "#997300", "#43682B"]


class _Pages:
    """Rows used on the page being filled; where a section that would not fit starts a new page."""

    def __init__(self, used: int) -> None:
        self.used, self.breaks = used, []

    def place(self, row: int, height: int) -> None:
        if self.used and self.used + height > PAGE_ROWS:
            self.breaks.append(row)
            self.used = 0
        self.used += height

    def room(self) -> int:
        """Rows a chart may take: the rest of a fresh page."""
        return PAGE_ROWS - 1


def _rows_of(pixels: int) -> int:
    return -(-pixels // ROW_PX)


def _bar_table(wb, ws, fmt, row: int, heading: str, bars: list[Bar], chart_title: str, pages: _Pages) -> int:
    """The table (target, true %, length drawn, status) with its bar chart beside it; returns the
    next free row."""
    if not bars:
        return row
    height = min(max(220, 22 * len(bars) + 80), pages.room() * ROW_PX)
    pages.place(row, max(len(bars) + 1, _rows_of(height)) + 1)
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center", text_wrap=False)
    cell = fmt(border=1, text_wrap=False, font_size=10)
    number = fmt(border=1, num_format="#,##0.00", font_size=10)
    for c, text in enumerate((heading, "% (đúng)", f"% vẽ (tối đa {CAP})", "Đánh giá")):
        ws.write_string(row, c, text, head)
    top, first = row, row + 1
    for b in bars:
        row += 1
        ws.write_string(row, 0, b.label, cell)
        ws.write_number(row, 1, b.percent, number)
        ws.write_number(row, 2, b.drawn, number)
        ws.write_string(row, 3, STATUS_LABEL[b.status] + (PROVISIONAL if b.provisional else ""),
                        fmt(border=1, text_wrap=False, font_size=10, bg_color=BAR_COLOURS[b.status],
                            font_color="#FFFFFF" if b.status == NOT_MET else "#000000"))
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"name": chart_title, "categories": ["Biểu đồ", first, 0, row, 0],
                      "values": ["Biểu đồ", first, 2, row, 2], "points": [_point(b) for b in bars],
                      "gap": 60,
                      "data_labels": {"value": True, "position": "outside_end",
                                      "custom": [{"value": b.text} for b in bars], "font": FONT}})
    chart.set_title({"name": chart_title, "name_font": {"name": "Times New Roman", "size": 11}})
    chart.set_x_axis({"min": 0, "max": CAP + 50, "major_unit": 25, "num_font": FONT,
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_y_axis({"reverse": True, "num_font": FONT})
    chart.set_legend({"none": True})
    chart.set_size({"width": 720, "height": height})
    ws.insert_chart(top, CHART_COL, chart, {"y_offset": 4})
    return max(row, top + _rows_of(height)) + 2


def _count_table(wb, ws, fmt, row: int, others: list[Result], pages: _Pages) -> int:
    """The targets not drawn as a %, each with its status, then their count by status, with the
    count's chart beside them; returns the next free row."""
    statuses = [s for s in STATUSES if any(r.status == s for r in others)]
    pages.place(row, max(len(others) + len(statuses) + 4, _rows_of(280) if statuses else 0) + 1)
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center", text_wrap=False)
    cell = fmt(border=1, text_wrap=False, font_size=10)
    top = row
    ws.write_string(row, 0, "Chỉ tiêu Có/Không, tự đánh giá, mức 0, chưa tính được %", head)
    ws.write_string(row, 1, "Chỉ tiêu", head)
    ws.merge_range(row, 2, row, 3, "Đánh giá", head)
    for r in others:
        row += 1
        ws.write_string(row, 0, f"{r.target.code} {r.target.short_name}", cell)
        ws.write_string(row, 1, format_target(r.target), cell)
        ws.merge_range(row, 2, row, 3, status_text(r), fmt(border=1, text_wrap=False, font_size=10,
                                                            bg_color=BAR_COLOURS[r.status]))
    row += 2
    ws.write_string(row, 0, "Số chỉ tiêu trên theo đánh giá", head)
    ws.write_string(row, 1, "Số chỉ tiêu", head)
    ws.write_string(row, 2, "Trong đó tạm tính", head)
    first = row + 1
    for s in statuses:
        row += 1
        mine = [r for r in others if r.status == s]
        ws.write_string(row, 0, STATUS_LABEL[s], cell)
        ws.write_number(row, 1, len(mine), fmt(border=1, font_size=10))
        ws.write_number(row, 2, sum(r.provisional for r in mine), fmt(border=1, font_size=10))
    if not statuses:
        return row + 2
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "Số chỉ tiêu", "categories": ["Biểu đồ", first, 0, row, 0],
                      "values": ["Biểu đồ", first, 1, row, 1],
                      "points": [{"fill": {"color": BAR_COLOURS[s]}} for s in statuses],
                      "data_labels": {"value": True, "font": FONT}})
    chart.set_title({"name": "Chỉ tiêu Có/Không, tự đánh giá và chỉ tiêu khác: số chỉ tiêu theo đánh giá",
                     "name_font": {"name": "Times New Roman", "size": 11}})
    chart.set_legend({"none": True})
    chart.set_x_axis({"num_font": FONT})
    chart.set_y_axis({"min": 0, "major_unit": 1, "num_font": FONT})
    chart.set_size({"width": 720, "height": 280})
    ws.insert_chart(top, CHART_COL, chart, {"y_offset": 4})
    return max(row, top + _rows_of(280)) + 2


def _khom_table(wb, ws, fmt, reg, results: list[Result], final: str, row: int, pages: _Pages) -> int:
    """Each khóm a row, each rate that every khóm reports a column, and their chart under the
    table (the khóm side by side, one colour a target): however many khóm, the table stays as wide
    as the others and the chart as wide as the page."""
    rate_targets = [t for t in reg.targets if t.kind == "ty_le" and any(k.code in t.reporters for k in reg.khom)]
    if not rate_targets or not reg.khom:
        return row
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center", valign="vcenter")
    cell = fmt(border=1, text_wrap=False, font_size=10)
    number = fmt(border=1, num_format="#,##0.00", font_size=10)
    names = [f"{t.code} {t.short_name}" for t in rate_targets]
    ws.set_column(1, len(names), 14)
    header_lines = max(lines_needed(n, 14) for n in names)
    height = 360
    pages.place(row, len(reg.khom) + 1 + header_lines + _rows_of(height) + 2)
    ws.set_row(row, 15 * header_lines + 2)
    ws.write_string(row, 0, "Chỉ tiêu theo khóm (%)", head)
    for j, name in enumerate(names):
        ws.write_string(row, 1 + j, name, head)
    by_key = {(r.target.code, r.scope): r for r in results if r.period == final and r.scope != WARD}
    first = row + 1
    for k in reg.khom:
        row += 1
        ws.write_string(row, 0, k.name, cell)
        for j, t in enumerate(rate_targets):
            r = by_key.get((t.code, k.code))
            if r is not None and r.value is not None:
                ws.write_number(row, 1 + j, float(r.value), number)
            else:
                ws.write_blank(row, 1 + j, None, cell)
    chart = wb.add_chart({"type": "column"})
    for j, _t in enumerate(rate_targets):
        chart.add_series({"name": ["Biểu đồ", first - 1, 1 + j], "categories": ["Biểu đồ", first, 0, row, 0],
                          "values": ["Biểu đồ", first, 1 + j, row, 1 + j],
                          "fill": {"color": KHOM_COLOURS[j % len(KHOM_COLOURS)]}})
    chart.set_title({"name": "Các khóm, chỉ tiêu tỷ lệ (%)", "name_font": {"name": "Times New Roman", "size": 12}})
    chart.set_legend({"position": "bottom", "font": {"name": "Times New Roman", "size": 9}})
    chart.set_x_axis({"num_font": {"name": "Times New Roman", "size": 8, "rotation": -45 if len(reg.khom) > 6 else 0}})
    chart.set_size({"width": 1400, "height": height})
    ws.insert_chart(row + 2, 0, chart, {"y_offset": 4})
    return row + 2 + _rows_of(height) + 2


def _submission_table(wb, ws, fmt, reg, register: pd.DataFrame, row: int, pages: _Pages) -> int:
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center", text_wrap=False)
    cell = fmt(border=1, text_wrap=False, font_size=10)
    periods = [(p.code, p.name.split(" (")[0]) for p in reg.periods] + [("nam", f"Thi đua năm {reg.year}")]
    states = [("Hợp lệ", ("hop_le",)), ("Có lỗi", ("co_loi",)), ("Chưa nộp", ("chua_nop",)),
              ("Xung đột", ("xung_dot",))]
    pages.place(row, max(len(periods) + 1, _rows_of(300)) + 1)
    ws.write_string(row, 0, "Báo cáo phải nộp", head)
    for j, (label, _) in enumerate(states):
        ws.write_string(row, 1 + j, label, head)
    top, first = row, row + 1
    slots = register[register["trang_thai"] != "khong_xac_dinh"]
    slots = slots.drop_duplicates(["ma_don_vi", "loai_bao_cao", "ky", "trang_thai"])
    for code, name in periods:
        row += 1
        ws.write_string(row, 0, name, cell)
        for j, (_, keys) in enumerate(states):
            ws.write_number(row, 1 + j, int(((slots["ky"] == code) & slots["trang_thai"].isin(keys)).sum()), fmt(border=1))
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    for j, (_label, _) in enumerate(states):
        chart.add_series({"name": ["Biểu đồ", first - 1, 1 + j], "categories": ["Biểu đồ", first, 0, row, 0],
                          "values": ["Biểu đồ", first, 1 + j, row, 1 + j],
                          "fill": {"color": ["#70AD47", "#FFC000", "#C00000", "#7F7F7F"][j]}})
    chart.set_title({"name": "Tình hình nộp báo cáo", "name_font": {"name": "Times New Roman", "size": 12}})
    chart.set_legend({"position": "bottom", "font": {"name": "Times New Roman", "size": 9}})
    chart.set_size({"width": 640, "height": 300})
    ws.insert_chart(top, CHART_COL, chart, {"y_offset": 4})
    return max(row, top + _rows_of(300)) + 2


def charts_sheet(wb, fmt, reg, results: list[Result], register: pd.DataFrame, title_fn) -> None:
    ws = wb.add_worksheet("Biểu đồ")
    final = next(p for p in reg.periods if p.is_final)
    row = title_fn(ws, f"BIỂU ĐỒ KẾT QUẢ THI ĐUA NĂM {reg.year}", WIDTH, f"({final.name}, đến {final.end:%d/%m/%Y})")
    ws.set_column(0, 0, 46)
    ws.set_column(1, 4, 14)
    ws.write_string(row, 0, "Màu cột: xanh lá – đạt; đỏ – không đạt; vàng – đang thực hiện; xám – chưa có số liệu. "
                    f"Cột gạch chéo: tạm tính (còn đơn vị chưa có số liệu). Cột dài quá {CAP}% được cắt, "
                    "nhãn ghi số đúng.", fmt(italic=True, text_wrap=False, font_size=10))
    row += 2
    pages = _Pages(row + 1)   # the title block's rows (two of them taller) on the first page
    goals, limits, others = chart_groups(results, final.code)
    row = _bar_table(wb, ws, fmt, row, "Chỉ tiêu phấn đấu (≥, >)", goals,
                     "Chỉ tiêu phấn đấu: % so với chỉ tiêu (từ 100% là đạt)", pages)
    row = _bar_table(wb, ws, fmt, row, "Chỉ tiêu giới hạn (≤, <)", limits,
                     "Chỉ tiêu giới hạn: % so với mức giới hạn (≤: đến 100% là đạt; <: dưới 100%)", pages)
    row = _count_table(wb, ws, fmt, row, others, pages)
    row = _khom_table(wb, ws, fmt, reg, results, final.code, row, pages)
    _submission_table(wb, ws, fmt, reg, register, row, pages)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    if pages.breaks:
        ws.set_h_pagebreaks(pages.breaks)
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N")
