"""The target half's results as tables: the CSV frames (ward and khóm) and the printed sheets
"Chỉ tiêu phường" and "Chỉ tiêu theo khóm", with how a result, a margin and a status are worded."""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd

from pipeline.indicators.aggregate import WARD
from pipeline.indicators.evaluate import IN_PROGRESS, MET, NO_DATA, NO_TARGET, NOT_MET, STATUS_LABEL, WAITING, Result
from pipeline.indicators.templates import format_target, target_at
from pipeline.registers.model import Registers
from pipeline.report.frame import RunFacts, fit_height, num_format, page, signature, table_header, title, vn

ANSWER_LABEL = {"co": "Có", "khong": "Không", "dat": "Đạt", "khong_dat": "Không đạt"}


def answer_text(answer: str, kind: str) -> str:
    """A yes/no or self-assessed answer in words ("Có", "Đạt"); a rating (xep_loai) as written."""
    return answer if kind == "xep_loai" else ANSWER_LABEL.get(answer, answer)


STATUS_COLOURS = {MET: "#C6EFCE", NOT_MET: "#FFC7CE", IN_PROGRESS: "#FFEB9C", NO_DATA: "#E7E6E6",
                  NO_TARGET: "#DDEBF7", WAITING: "#E4DFEC"}


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
    if t.kind == "xep_loai":
        return format_target(t)
    return _number(r.goal)


def _status_text(r: Result) -> str:
    text = STATUS_LABEL[r.status]
    if r.status == IN_PROGRESS and r.percent_of_goal is not None:
        text += f" (đạt {vn(percent_shown(r.percent_of_goal), 2)}% chỉ tiêu năm)"
    if r.status == MET and r.value is not None and r.goal is not None and r.target.op in (">=", ">") and r.value > r.goal:
        unit = r.target.unit_of_measure
        margin = vn(r.value - r.goal, decimals_for(r.value - r.goal, None, unit))
        text += f" (vượt {margin} điểm %)" if unit == "%" else f" (vượt {margin} {unit})"
    if r.provisional:
        text += " – tạm tính"
    return text


def _write_result(ws, fmt, row: int, col: int, r: Result) -> str:
    """Result, % of target and status in three cells; returns the status text."""
    if r.answer is not None:
        ws.write_string(row, col, answer_text(r.answer, r.target.kind), fmt(border=1, align="center"))
    elif r.value is not None:
        places = decimals_for(r.value, r.goal, r.target.unit_of_measure)
        ws.write_number(row, col, float(r.value), fmt(border=1, align="right", num_format=num_format(places)))
    else:
        ws.write_string(row, col, "—", fmt(border=1, align="center"))
    percent = percent_shown(r.percent_of_goal)
    ws.write(row, col + 1, percent / 100 if percent is not None else "", fmt(border=1, align="right", num_format="0.00%"))
    status = _status_text(r)
    ws.write_string(row, col + 2, status, fmt(border=1, bold=r.status in (MET, NOT_MET),
                                              bg_color=STATUS_COLOURS[r.status]))
    return status


def _goal_text(r: Result) -> str:
    if r.scope != WARD and r.target.kind not in ("duy_tri", "dinh_tinh", "xep_loai"):
        if r.goal is None:
            return "Không giao"
        # written like the ward's target: 2,5 not 2,50
        return target_at(r.target, float(r.goal))
    return format_target(r.target)


def _missing_text(results: list[Result], reg: Registers) -> str:
    names = {p.code: p.name.split(" (")[0] for p in reg.periods}
    return "\n".join(f"{names[r.period]}: {'; '.join(r.missing)}" for r in results if r.missing)


def ward_sheet(wb, fmt, reg: Registers, results: list[Result], facts: RunFacts) -> None:
    ws = wb.add_worksheet(reg.ward_sheet)
    periods = list(reg.periods)
    fixed = [("STT", 4.5), ("Mã", 6), ("Chỉ tiêu theo Kế hoạch", 34), ("ĐVT", 7), ("Chỉ tiêu", 10)]
    per_period = [("Kết quả", 12), ("So với chỉ tiêu", 8.5), ("Đánh giá", 16)]
    tail = [("Đơn vị chưa có số liệu", 24), ("Ghi chú", 22)]
    widths = [w for _, w in fixed + per_period * len(periods) + tail]
    last = len(widths) - 1
    row = title(ws, fmt, f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM {reg.year} TOÀN {reg.commune_kind.upper()}", len(widths), facts,
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
        fit_height(ws, row, cells + [(missing, widths[last - 1], 10), (notes, widths[last], 10)])
        row += 1
    ws.freeze_panes(header_row + 1, 3)
    ws.autofilter(header_row, 0, row - 1, last)
    signature(ws, fmt, row, len(widths), facts)
    page(ws, True, header_row, header_row - 1)   # both heading rows: the period group and its columns


def khom_sheet(wb, fmt, reg: Registers, results: list[Result], facts: RunFacts) -> None:
    ws = wb.add_worksheet("Chỉ tiêu theo khóm")
    periods = list(reg.periods)
    headings = [("Mã", 6), ("Chỉ tiêu", 30), ("ĐVT", 7), ("Khóm", 14), ("Chỉ tiêu của khóm", 12)]
    for p in periods:
        short = p.name.split(" (")[0]
        headings += [(f"{short}: kết quả", 12), ("So với chỉ tiêu", 8.5), (f"{short}: đánh giá", 16)]
    headings += [("Ghi chú", 20)]
    widths = [w for _, w in headings]
    row = title(ws, fmt, f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM {reg.year} THEO KHÓM", len(headings), facts)
    table_header(ws, fmt, row, headings)
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
            fit_height(ws, row, cells + [(note, widths[-1], 10)])
            row += 1
    ws.freeze_panes(header_row + 1, 4)
    ws.autofilter(header_row, 0, row - 1, len(headings) - 1)
    signature(ws, fmt, row, len(headings), facts)
    page(ws, True, header_row)


