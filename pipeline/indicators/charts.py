"""The "Biểu đồ" sheet: native Excel charts a reader would rather look at than read — each
target's result against its target, the khóm side by side, and the submission register. The
charted figures stand in a table on the same sheet, so the charts print with their numbers."""

from __future__ import annotations

import pandas as pd

from pipeline.indicators.aggregate import WARD
from pipeline.indicators.evaluate import Result

CAP = 200  # % of target shown at most, so that one 400 % does not flatten the rest


def charts_sheet(wb, fmt, reg, results: list[Result], register: pd.DataFrame, title_fn) -> None:
    ws = wb.add_worksheet("Biểu đồ")
    final = next(p for p in reg.periods if p.is_final)
    row = title_fn(ws, f"BIỂU ĐỒ KẾT QUẢ THI ĐUA NĂM {reg.year}", 12, f"({final.name}, đến {final.end:%d/%m/%Y})")
    ws.set_column(0, 0, 46)
    ws.set_column(1, 4, 17)
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center", text_wrap=False)
    cell = fmt(border=1, text_wrap=False, font_size=10)
    chart_row = row   # the charts stand one under the other to the right of the tables
    number = fmt(border=1, num_format="0.00")

    # 1. % of target, year end, ward, targets compared with >= or >
    ward = [r for r in results if r.scope == WARD and r.period == final.code and r.percent_of_goal is not None]
    ws.write_string(row, 0, "Chỉ tiêu", head)
    ws.write_string(row, 1, f"% so với chỉ tiêu (tối đa {CAP})", head)
    first = row + 1
    for r in ward:
        row += 1
        ws.write_string(row, 0, f"{r.target.code} {r.target.short_name}", cell)
        ws.write_number(row, 1, min(float(r.percent_of_goal), CAP), number)
    last = row
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"name": "% so với chỉ tiêu", "categories": ["Biểu đồ", first, 0, last, 0],
                      "values": ["Biểu đồ", first, 1, last, 1], "fill": {"color": "#4472C4"},
                      "data_labels": {"value": True, "num_format": "0"}})
    chart.set_title({"name": "Kết quả so với chỉ tiêu (100% = đạt)", "name_font": {"name": "Times New Roman", "size": 12}})
    chart.set_x_axis({"min": 0, "max": CAP, "major_unit": 25, "num_font": {"name": "Times New Roman", "size": 9}})
    chart.set_y_axis({"reverse": True, "num_font": {"name": "Times New Roman", "size": 8}})
    chart.set_legend({"none": True})
    height = max(300, 22 * len(ward))
    chart.set_size({"width": 640, "height": height})
    ws.insert_chart(chart_row, 6, chart)
    chart_row += height // 20 + 2

    # 2. the khóm side by side on the rates every khóm reports
    row += 2
    rate_targets = [t for t in reg.targets if t.kind == "ty_le" and any(k.code in t.reporters for k in reg.khom)]
    by_key = {(r.target.code, r.scope): r for r in results if r.period == final.code and r.scope != WARD}
    ws.write_string(row, 0, "Chỉ tiêu theo khóm (%)", head)
    for j, k in enumerate(reg.khom):
        ws.write_string(row, 1 + j, k.name, head)
    first_k = row + 1
    for t in rate_targets:
        row += 1
        ws.write_string(row, 0, f"{t.code} {t.short_name}", cell)
        for j, k in enumerate(reg.khom):
            r = by_key.get((t.code, k.code))
            if r is not None and r.value is not None:
                ws.write_number(row, 1 + j, float(r.value), number)
            else:
                ws.write_blank(row, 1 + j, None, cell)
    last_k = row
    chart = wb.add_chart({"type": "column"})
    colours = ["#4472C4", "#ED7D31", "#70AD47", "#FFC000", "#7030A0"]
    for j, _k in enumerate(reg.khom):
        chart.add_series({"name": ["Biểu đồ", first_k - 1, 1 + j], "categories": ["Biểu đồ", first_k, 0, last_k, 0],
                          "values": ["Biểu đồ", first_k, 1 + j, last_k, 1 + j],
                          "fill": {"color": colours[j % len(colours)]}})
    chart.set_title({"name": "Các khóm, chỉ tiêu tỷ lệ (%)", "name_font": {"name": "Times New Roman", "size": 12}})
    chart.set_legend({"position": "bottom", "font": {"name": "Times New Roman", "size": 9}})
    chart.set_x_axis({"num_font": {"name": "Times New Roman", "size": 8}})
    chart.set_size({"width": 640, "height": 320})
    ws.insert_chart(chart_row, 6, chart)
    chart_row += 320 // 20 + 2

    # 3. the submission register
    row += 2
    periods = [(p.code, p.name.split(" (")[0]) for p in reg.periods] + [("nam", f"Thi đua năm {reg.year}")]
    states = [("Hợp lệ", ("hop_le",)), ("Có lỗi", ("co_loi",)), ("Chưa nộp", ("chua_nop",)),
              ("Xung đột", ("xung_dot",))]
    ws.write_string(row, 0, "Báo cáo phải nộp", head)
    for j, (label, _) in enumerate(states):
        ws.write_string(row, 1 + j, label, head)
    first_s = row + 1
    slots = register[register["trang_thai"] != "khong_xac_dinh"]
    slots = slots.drop_duplicates(["ma_don_vi", "loai_bao_cao", "ky", "trang_thai"])
    for code, name in periods:
        row += 1
        ws.write_string(row, 0, name, cell)
        for j, (_, keys) in enumerate(states):
            ws.write_number(row, 1 + j, int(((slots["ky"] == code) & slots["trang_thai"].isin(keys)).sum()), fmt(border=1))
    last_s = row
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    for j, (_label, _) in enumerate(states):
        chart.add_series({"name": ["Biểu đồ", first_s - 1, 1 + j], "categories": ["Biểu đồ", first_s, 0, last_s, 0],
                          "values": ["Biểu đồ", first_s, 1 + j, last_s, 1 + j],
                          "fill": {"color": ["#70AD47", "#FFC000", "#C00000", "#7F7F7F"][j]}})
    chart.set_title({"name": "Tình hình nộp báo cáo", "name_font": {"name": "Times New Roman", "size": 12}})
    chart.set_legend({"position": "bottom", "font": {"name": "Times New Roman", "size": 9}})
    chart.set_size({"width": 640, "height": 300})
    ws.insert_chart(chart_row, 6, chart)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N")
