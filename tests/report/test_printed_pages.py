"""What prints: both heading rows of "Chỉ tiêu phường" repeat on every page, numbers stay numbers
in standard formats while the texts that repeat them use Vietnamese separators, a blank date
leaves the year blank too, "Tổng quan" is a cover (no "Số:"), and each authority section of the
award sheets starts a page."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from pipeline.report.frame import place_and_date
from pipeline.run import report
from pipeline.samples import make_samples
from tests.conftest import D


@pytest.fixture(scope="module")
def small(reg, tmp_path_factory):
    from pipeline.indicators.samples import write_report
    root = tmp_path_factory.mktemp("print")
    write_report(reg, "TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 436_500_000}, root / "in" / "tckt.xlsx")
    write_report(reg, "KH01", "ca_nam", D(2024, 12, 28), {"CT05": (997, 1000)}, root / "in" / "kh01.xlsx")
    report(root / "in", root / "out", reg)
    return openpyxl.load_workbook(root / "out" / "bao_cao_thi_dua_2024.xlsx")


@pytest.fixture(scope="module")
def sample_book(reg, tmp_path_factory):
    root = tmp_path_factory.mktemp("sample")
    make_samples(reg, root / "in")
    report(root / "in", root / "out", reg, sample=True)
    return openpyxl.load_workbook(root / "out" / "bao_cao_thi_dua_2024.xlsx")


def _row_of(ws, column: int, text: str) -> int:
    return next(c.row for c in ws.iter_cols(min_col=column, max_col=column).__next__() if c.value == text)


def test_both_heading_rows_of_the_ward_sheet_repeat(small):
    ws = small["Chỉ tiêu phường"]
    top = _row_of(ws, 1, "STT")   # merged over the period row and the column row
    assert ws.cell(top, 6).value == "Đợt 1 (sơ kết 6 tháng) - đến 30/06/2024"
    assert ws.cell(top, 9).value == "Cả năm (tổng kết) - đến 31/12/2024"
    assert [ws.cell(top + 1, c).value for c in range(6, 12)] == ["Kết quả", "So với chỉ tiêu", "Đánh giá"] * 2
    assert ws.print_title_rows == f"${top}:${top + 1}"   # the workbook's _xlnm.Print_Titles
    khom = small["Chỉ tiêu theo khóm"]
    assert khom.print_title_rows == f"${_row_of(khom, 1, 'Mã')}:${_row_of(khom, 1, 'Mã')}"   # one heading row


def test_numbers_are_numbers_and_texts_use_vietnamese_separators(small):
    ws = small["Chỉ tiêu phường"]
    ct02, ct05 = _row_of(ws, 2, "CT02"), _row_of(ws, 2, "CT05")
    # cả năm: I = result, J = % of target, K = status
    assert (ws.cell(ct02, 9).value, ws.cell(ct02, 9).number_format) == (436_500_000, "#,##0")
    assert ws.cell(ct02, 5).value == "≥ 428.000.000"
    assert ws.cell(ct02, 11).value == "Đạt (vượt 8.500.000 đồng)"            # 436.500.000 − 428.000.000
    assert (ws.cell(ct02, 10).value, ws.cell(ct02, 10).number_format) == (pytest.approx(1.0198), "0.00%")
    assert (ws.cell(ct05, 9).value, ws.cell(ct05, 9).number_format) == (pytest.approx(99.7), "#,##0.00")
    assert ws.cell(ct05, 5).value == "≥ 99,64"
    assert ws.cell(ct05, 11).value.startswith("Đạt (vượt 0,06 điểm %)")       # 997/1000 = 99,70 − 99,64


def test_an_empty_date_leaves_day_month_and_year_blank(small):
    assert place_and_date({"dia_danh": "Nhơn Hưng", "ngay_lap": ""}, 2024) == \
        "Nhơn Hưng, ngày      tháng      năm        "
    assert place_and_date({"dia_danh": "Nhơn Hưng", "ngay_lap": dt.date(2025, 1, 6)}, 2024) == \
        "Nhơn Hưng, ngày 06 tháng 01 năm 2025"
    texts = [c.value for row in small["Chỉ tiêu phường"].iter_rows(max_row=4) for c in row if c.value]
    assert "Nhơn Hưng, ngày      tháng      năm        " in texts
    assert not any("2024" in t for t in texts if t.startswith("Nhơn Hưng, ngày"))


def test_the_overview_is_a_cover_without_number_or_signature(small):
    cover = [c.value for row in small["Tổng quan"].iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(t.startswith("Số:") for t in cover)
    assert "Phạm Văn Ngon" not in cover and "Nơi nhận:" not in cover
    ward = [c.value for row in small["Chỉ tiêu phường"].iter_rows(max_row=4) for c in row if c.value]
    assert "Số:       /BC-HĐTĐKT" in ward


def test_each_authority_section_starts_a_page(sample_book):
    for name, sections in (("Khen thưởng cá nhân", 3), ("Khen thưởng tập thể", 3), ("Khóm văn hóa - GĐVH", 2)):
        ws = sample_book[name]
        headings = [c.row for c in next(ws.iter_cols(min_col=1, max_col=1))
                    if c.value in ("Chủ tịch UBND phường quyết định", "Phường đề nghị Chủ tịch UBND thị xã",
                                   "Phường trình qua thị xã lên cấp tỉnh")]
        assert len(headings) == sections, name
        # a break after row n starts the page with row n + 1: one before every heading but the first
        assert [b.id for b in ws.row_breaks.brk] == [r - 1 for r in headings[1:]], name
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0   # width 1, height auto


def test_serial_numbers_are_numbers(sample_book):
    ws = sample_book["Khen thưởng cá nhân"]
    first = _row_of(ws, 1, "Chủ tịch UBND phường quyết định") + 1
    assert ws.cell(first, 1).value == 1 and ws.cell(first + 1, 1).value == 2


def test_a_khom_target_is_written_like_the_ward_target(small):
    """CT01's growth target prints "≥ 2,5" on both sheets, never "≥ 2,50" on one of them."""
    ward = small["Chỉ tiêu phường"]
    khom = small["Chỉ tiêu theo khóm"]
    ward_row = _row_of(ward, 2, "CT01")
    khom_row = _row_of(khom, 1, "CT01")
    assert ward.cell(ward_row, 5).value == "≥ 2,5"
    assert khom.cell(khom_row, 5).value == "≥ 2,5"
