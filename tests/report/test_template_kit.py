"""The shared template parts: every "Hướng dẫn" says each thing once and wraps inside the printed
page, and a feedback copy's tab name fits Excel's 31 characters without being cut mid-word."""

from __future__ import annotations

import re

import openpyxl

from pipeline.report.feedback import copy_sheet_name
from pipeline.report.template_kit import GUIDE_SHEET, GUIDE_WIDTH
from pipeline.templates import build_all
from pipeline.text import lines_needed

DOUBLED = re.compile(r"\b(\w+(?: \w+)?), \1\b")


def test_every_guide_says_each_thing_once_and_wraps_inside_the_page(reg, tmp_path):
    paths = build_all(reg, tmp_path)
    firsts = {}
    for path in paths:
        ws = openpyxl.load_workbook(path)[GUIDE_SHEET]
        assert ws.column_dimensions["A"].width < GUIDE_WIDTH + 1, path.name
        for row in ws.iter_rows(min_row=2):
            cell = row[0]
            if not cell.value:
                continue
            assert not DOUBLED.search(cell.value), (path.name, cell.value)
            assert cell.alignment.wrap_text, (path.name, cell.coordinate)
            assert ws.row_dimensions[cell.row].height == 15 * lines_needed(cell.value, GUIDE_WIDTH) + 3
        firsts[path.name] = ws["A2"].value
    assert len(paths) == 58 + 3 * 18   # and a campaign proposal per campaign for the 18 units that evaluate
    assert firsts["binh_xet_cuoi_nam_KH01_Khom_Son_Dong.xlsx"] == \
        "Biểu mẫu: Kết quả bình xét thi đua, khen thưởng năm 2024, phiên bản 1."
    assert firsts["khom_van_hoa_KH01_Khom_Son_Dong.xlsx"] == \
        "Biểu mẫu: Tự đánh giá khóm văn hóa và kết quả bình xét gia đình văn hóa năm 2024, phiên bản 1."
    assert firsts["chi_tieu_khom_KH01_Khom_Son_Dong.xlsx"] == \
        "Biểu mẫu: Báo cáo kết quả thực hiện chỉ tiêu thi đua của khóm, năm 2024, phiên bản 1."
    # a paragraph longer than the column takes two printed lines, not one cut at the page edge
    ws = openpyxl.load_workbook(tmp_path / "chi_tieu_khom_KH01_Khom_Son_Dong.xlsx")[GUIDE_SHEET]
    long = next(c for c in ws["A"] if c.value and c.value.startswith("2. Mỗi dòng"))
    assert len(long.value) > 99 and ws.row_dimensions[long.row].height == 33   # 90 × 1,1 = 99 a line


def test_copy_tab_names_fit_and_stay_distinct():
    assert copy_sheet_name(1, "Đợt 1 (sơ kết 6 tháng)", set()) == "Bản nộp 1 – Đợt 1"
    assert copy_sheet_name(2, "Cả năm (tổng kết)", set()) == "Bản nộp 2 – Cả năm (tổng kết)"
    assert copy_sheet_name(1, "Đợt 1 (sơ kết 6 tháng)", {"Bản nộp 1 – Đợt 1"}) == "Bản nộp 1 – Đợt 1 (2)"
    long = copy_sheet_name(12, "Đợt thi đua đặc biệt kỷ niệm thành lập thị xã", set())
    assert long == "Bản nộp 12 – Đợt thi đua đặc" and len(long) <= 31
