"""The submission register as a printed sheet ("Nộp báo cáo"): every unit × report × period with
its state, file, date and counts of errors and warnings."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.registers.model import Registers
from pipeline.report.frame import RunFacts, fit_height, page, signature, table_header, title
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
        fit_height(ws, row, [(v, headings[c][1], 11) for c, v in enumerate(values)] + [(rec.ghi_chu, 30, 11)])
    ws.freeze_panes(header_row + 1, 2)
    ws.autofilter(header_row, 0, row, len(headings) - 1)
    signature(ws, fmt, row + 1, len(headings), facts)
    page(ws, True, header_row)


