"""The submission register as a printed sheet ("Nộp báo cáo"): every unit × report × period with
its state, file, date and counts of errors and warnings."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.registers.model import Registers
from pipeline.report.frame import RunFacts, column_values, fit_heights, page, signature, table_header, title
from pipeline.submissions.dedupe import STATUS_LABEL as SUBMISSION_LABEL


def register_sheet(wb, fmt, reg: Registers, register: pd.DataFrame, facts: RunFacts) -> None:
    ws = wb.add_worksheet("Nộp báo cáo")
    headings = [("Mã đơn vị", 9), ("Đơn vị", 30), ("Loại báo cáo", 18), ("Kỳ", 16), ("Tình trạng", 20),
                ("Tệp", 40), ("Ngày báo cáo", 12), ("Số lỗi", 7), ("Số cảnh báo", 9), ("Ghi chú", 30)]
    row = title(ws, fmt, f"TÌNH HÌNH NỘP BÁO CÁO NĂM {reg.year}", len(headings), facts)
    table_header(ws, fmt, row, headings)
    header_row = row
    kinds = {k.code: k.short_name for k in reg.report_kinds}
    period_names = {p.code: p.name for p in reg.periods} | {"nam": f"Năm {reg.year}"}
    colours = {"hop_le": "#C6EFCE", "co_loi": "#FFEB9C", "chua_nop": "#FFC7CE", "xung_dot": "#FFC7CE"}
    cell, number = fmt(border=1), fmt(border=1, align="right")
    state_style = {state: fmt(border=1, bg_color=colour) for state, colour in colours.items()}
    dates: dict[str, str] = {}
    columns = {name: column_values(register[name]) for name in ("ma_don_vi", "don_vi", "loai_bao_cao", "ky", "trang_thai",
                                                       "tep", "ngay_bao_cao", "so_loi", "so_canh_bao", "ghi_chu")}
    texts: list[list[str]] = [[] for _ in range(8)]   # the wrapped columns: the first seven and the note
    for code, unit, kind, period, state, file, day, errors, warnings, note in zip(*columns.values()):
        row += 1
        if day and day not in dates:
            dates[day] = dt.date.fromisoformat(day).strftime("%d/%m/%Y")
        values = [code, unit, kinds.get(kind, kind), period_names.get(period, period), SUBMISSION_LABEL[state], file,
                  dates[day] if day else ""]
        for c, v in enumerate(values):
            ws.write_string(row, c, v, state_style.get(state, cell) if c == 4 else cell)
        ws.write_number(row, 7, int(errors), number)
        ws.write_number(row, 8, int(warnings), number)
        ws.write_string(row, 9, note, cell)
        for column, v in zip(texts, values + [note]):
            column.append(v)
    fit_heights(ws, header_row + 1, [(column, headings[c][1]) for c, column in enumerate(texts[:7])] + [(texts[7], 30)])
    ws.freeze_panes(header_row + 1, 2)
    ws.autofilter(header_row, 0, row, len(headings) - 1)
    signature(ws, fmt, row + 1, len(headings), facts)
    page(ws, True, header_row)


