"""The comparison with the same period of earlier years as a printed sheet ("So với cùng kỳ"),
with a native chart across the years of the targets the registers mark (``bieu_do``), and as the
columns it adds to ``chi_tieu_phuong.csv`` and ``chi_tieu_khom.csv``."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from pipeline.indicators.aggregate import WARD
from pipeline.indicators.sheets import STATUS_COLOURS, answer_text, decimals_for, percent_shown
from pipeline.indicators.templates import format_target
from pipeline.registers.model import Registers
from pipeline.report.frame import fit_height, num_format, page, signature, table_header
from pipeline.years.compare import Comparison, Earlier, percent_reason, summary

SHEET = "So với cùng kỳ"
CSV_COLUMNS = ("nam_cung_ky", "gia_tri_cung_ky", "nam_cung_ky_truoc", "gia_tri_cung_ky_truoc",
               "chenh_lech_cung_ky", "don_vi_chenh_lech_cung_ky", "ty_le_thay_doi_cung_ky", "nhan_xet_cung_ky",
               "ghi_chu_cung_ky", "ly_do_khong_so_voi_chi_tieu")


def _number(x: Fraction | None):
    return None if x is None else round(float(x), 6)


def _earlier_value(e: Earlier | None):
    if e is None:
        return None
    return e.answer if e.answer is not None else _number(e.value)


def with_comparison(frame: pd.DataFrame, results, comparisons: dict, scope_khom: bool) -> pd.DataFrame:
    """``frame`` (indicators.sheets.target_frame) with the comparison's columns, row for row."""
    by_key = {(r.target.code, r.period, r.scope): r for r in results}
    scopes = frame["don_vi"] if scope_khom else [WARD] * len(frame)
    columns: dict[str, list] = {c: [] for c in CSV_COLUMNS}
    for code, period, scope in zip(frame["ma"] if len(frame) else [], frame["ky"] if len(frame) else [], scopes):
        c: Comparison = comparisons[(code, period, scope)]
        first, second = c.first, c.second
        values = {"nam_cung_ky": first.year if first else None, "gia_tri_cung_ky": _earlier_value(first),
                  "nam_cung_ky_truoc": second.year if second else None,
                  "gia_tri_cung_ky_truoc": _earlier_value(second),
                  "chenh_lech_cung_ky": _number(c.change), "don_vi_chenh_lech_cung_ky": c.points if c.change is not None
                  else "", "ty_le_thay_doi_cung_ky": _number(c.change_percent), "nhan_xet_cung_ky": c.phrase,
                  "ghi_chu_cung_ky": first.note if first else "",
                  "ly_do_khong_so_voi_chi_tieu": percent_reason(by_key[(code, period, scope)])}
        for k, v in values.items():
            columns[k].append(v)
    out = frame.copy()
    for k in CSV_COLUMNS:
        out[k] = pd.array(columns[k], dtype="Int64") if k.startswith("nam_") else columns[k]
    return out


def _years(comparisons: dict) -> tuple[int | None, int | None]:
    firsts = [c.first.year for c in comparisons.values() if c.first]
    seconds = [c.second.year for c in comparisons.values() if c.second]
    return (max(firsts) if firsts else None), (max(seconds) if seconds else None)


def comparison_sheet(wb, fmt, reg: Registers, results, comparisons: dict, sources: list[str], facts,
                     title_fn, history: dict) -> None:
    """``sources``: where each earlier year came from, in words; ``history``: target code -> {year:
    ward figure of the final period} for the chart across the years."""
    ws = wb.add_worksheet(SHEET)
    first_year, second_year = _years(comparisons)
    headings = [("STT", 4.5), ("Mã", 6), ("Chỉ tiêu", 30), ("Phạm vi", 13), ("Kỳ", 11), ("ĐVT", 7),
                ("Kết quả", 11), ("Chỉ tiêu", 10), ("So với chỉ tiêu", 9),
                (f"Cùng kỳ năm {first_year}" if first_year else "Cùng kỳ", 11)]
    if second_year:
        headings.append((f"Cùng kỳ năm {second_year}", 11))
    headings += [("Tăng (+), giảm (−)", 10), ("Tăng, giảm (%)", 9), ("Nhận xét", 28)]
    row = title_fn(ws, f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM {reg.year} SO VỚI CÙNG KỲ", len(headings),
                   "So với: " + ("; ".join(sources) if sources else "chưa có số liệu năm trước nào"))
    plain = fmt(text_wrap=False)
    for p in reg.periods:
        ws.write_string(row, 0, f"{p.name}: {summary(results, p.code)}.", fmt(bold=True, text_wrap=False))
        row += 1
    ws.write_string(row, 0, "Chỉ tiêu tỷ lệ (%): tăng, giảm tính bằng điểm %; chỉ tiêu số lượng: tính bằng % so "
                    "với cùng kỳ. Chỉ tiêu năm nay không khớp chỉ tiêu nào của năm trước (mã và nội dung, hoặc "
                    "tiep_noi trong sổ chỉ tiêu) thì ghi \"không có số liệu cùng kỳ\".", plain)
    row += 2
    table_header(ws, fmt, row, headings)
    header_row = row
    periods = {p.code: p.name.split(" (")[0] for p in reg.periods}
    order = {p.code: i for i, p in enumerate(reg.periods)}
    khom = {u.code: i for i, u in enumerate(reg.units)}
    ranked = sorted(results, key=lambda r: (order[r.period], r.target.number, r.scope != WARD, khom.get(r.scope, 0)))
    cell, centre = fmt(border=1, font_size=10), fmt(border=1, font_size=10, align="center")
    for r in ranked:
        c = comparisons[(r.target.code, r.period, r.scope)]
        row += 1
        t = r.target
        scope = f"Toàn {reg.commune_kind}" if r.scope == WARD else reg.unit(r.scope).name
        ws.write_number(row, 0, t.number, centre)
        ws.write_string(row, 1, t.code, centre)
        ws.write_string(row, 2, t.short_name, cell)
        ws.write_string(row, 3, scope, cell)
        ws.write_string(row, 4, periods[r.period], cell)
        ws.write_string(row, 5, t.unit_of_measure, centre)
        places = decimals_for(r.value, r.goal, t.unit_of_measure)
        _figure(ws, fmt, row, 6, r.value, r.answer, t.kind, places, STATUS_COLOURS[r.status])
        ws.write_string(row, 7, format_target(t) if r.scope == WARD or r.goal is None else short_goal(r.goal), centre)
        percent = percent_shown(r.percent_of_goal)
        if percent is not None:
            ws.write_number(row, 8, percent / 100, fmt(border=1, font_size=10, num_format="0.00%"))
        else:
            ws.write_string(row, 8, _percent_blank(r), fmt(border=1, font_size=8, align="center"))
        col = 9
        for e in ([c.first, c.second] if second_year else [c.first]):
            _figure(ws, fmt, row, col, e.value if e else None, e.answer if e else None, t.kind, places, None)
            col += 1
        if c.change is not None:
            ws.write_number(row, col, float(c.change), fmt(border=1, font_size=10, num_format="+#,##0.00;−#,##0.00;0"))
        else:
            ws.write_string(row, col, "", cell)
        if c.change_percent is not None:
            ws.write_number(row, col + 1, float(c.change_percent) / 100,
                            fmt(border=1, font_size=10, num_format="+0.00%;−0.00%;0%"))
        else:
            ws.write_string(row, col + 1, "", cell)
        note = c.phrase + (f" ({c.first.note})" if c.first and c.first.note and c.first.value is not None else "")
        ws.write_string(row, col + 2, note, cell)
        fit_height(ws, row, [(t.short_name, 30, 10), (note, 28, 10), (scope, 13, 10)])
    last = len(headings) - 1
    ws.freeze_panes(header_row + 1, 3)
    ws.autofilter(header_row, 0, max(row, header_row + 1), last)
    row = _chart(wb, ws, fmt, reg, history, row + 2)
    signature(ws, fmt, row, len(headings), facts)
    page(ws, True, header_row)


def _percent_blank(r) -> str:
    """What the "% of target" cell says when blank: the reason in two words (the CSV has it in full)."""
    t = r.target
    if not percent_reason(r):
        return "—"
    if t.kind in ("khoang", "xep_loai", "duy_tri", "dinh_tinh"):
        return {"khoang": "khoảng", "xep_loai": "xếp loại"}.get(t.kind, "Có/Không")
    return "giới hạn" if t.op not in (">=", ">") else "chỉ tiêu 0"


def short_goal(goal: Fraction) -> str:
    from pipeline.indicators.templates import vn_number
    return vn_number(float(goal))


def _figure(ws, fmt, row: int, col: int, value, answer, kind: str, places: int, colour) -> None:
    props = {"border": 1, "font_size": 10} | ({"bg_color": colour} if colour else {})
    if answer is not None:
        ws.write_string(row, col, answer_text(answer, kind), fmt(align="center", **props))
    elif value is not None:
        ws.write_number(row, col, float(value), fmt(align="right", num_format=num_format(places), **props))
    else:
        ws.write_string(row, col, "—", fmt(align="center", **props))


def _chart(wb, ws, fmt, reg: Registers, history: dict, row: int) -> int:
    """The charted targets' ward figures of the final period across the years, a table and one
    native column chart per target under it; returns the next free row."""
    charted = [t for t in reg.targets if t.charted]
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center", text_wrap=False)
    if not charted:
        ws.write_string(row, 0, "Biểu đồ qua các năm: chưa chỉ tiêu nào được đánh dấu vẽ biểu đồ (bieu_do = true "
                        "trong sổ chỉ tiêu).", fmt(italic=True, text_wrap=False))
        return row + 2
    years = sorted({y for figures in history.values() for y in figures} | {reg.year})
    ws.write_string(row, 2, f"Biểu đồ qua các năm ({reg.final_period.name.split(' (')[0]}, toàn {reg.commune_kind})", head)
    for j, y in enumerate(years):
        ws.write_string(row, 3 + j, str(y), head)
    first = row + 1
    for t in charted:
        row += 1
        ws.write_string(row, 2, f"{t.code} {t.short_name} ({t.unit_of_measure})", fmt(border=1, font_size=10))
        for j, y in enumerate(years):
            v = history.get(t.code, {}).get(y)
            if v is None:
                ws.write_blank(row, 3 + j, None, fmt(border=1))
            else:
                ws.write_number(row, 3 + j, float(v), fmt(border=1, font_size=10, num_format="#,##0.00"))
    chart_row = row + 2
    for i, t in enumerate(charted):
        whole = all(Fraction(v).denominator == 1 for v in history.get(t.code, {}).values())
        numbers = "#,##0" if whole and t.unit_of_measure not in ("%", "‰") else "#,##0.00"
        chart = wb.add_chart({"type": "column"})
        chart.add_series({"name": f"{t.code} {t.short_name}", "categories": [SHEET, first - 1, 3, first - 1, 2 + len(years)],
                          "values": [SHEET, first + i, 3, first + i, 2 + len(years)],
                          "fill": {"color": "#4472C4"},
                          "data_labels": {"value": True, "num_format": numbers,
                                          "font": {"name": "Times New Roman", "size": 8}}})
        chart.set_title({"name": f"{t.code} {t.short_name} ({t.unit_of_measure}) qua các năm",
                         "name_font": {"name": "Times New Roman", "size": 11}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"min": 0, "num_format": numbers,   # from 0: a bar's height is its figure
                          "num_font": {"name": "Times New Roman", "size": 8}})
        chart.set_size({"width": 480, "height": 260})
        ws.insert_chart(chart_row + (i // 2) * 14, 2 + (i % 2) * 6, chart)
    return chart_row + ((len(charted) + 1) // 2) * 14 + 1
