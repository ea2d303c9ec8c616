"""The workbook and CSVs: sheets, text stays text, same inputs give the same bytes, atomic writes."""

from __future__ import annotations

import re

import openpyxl
import pytest

from pipeline.report.files import atomic_path
from pipeline.run import report
from tests.conftest import D, read_csv


@pytest.fixture
def written(reg, report_file, tmp_path):
    report_file("VHXH", "ca_nam", D(2024, 12, 28), {"CT17": "=HYPERLINK(\"http://x\")", "CT18": "Có", "CT19": "Có",
                                                    "CT20": "@SUM(A1)", "CT30": (3, 3)})
    return report(tmp_path / "input", tmp_path / "output", reg, sample=True), tmp_path / "output"


def test_sheets(written):
    _, out = written
    wb = openpyxl.load_workbook(out / "bao_cao_thi_dua_2024.xlsx")
    assert wb.sheetnames == ["Tổng quan", "Biểu đồ", "Chỉ tiêu phường", "Chỉ tiêu theo khóm", "So với cùng kỳ",
                             "Nộp báo cáo", "Đăng ký thi đua",
                             "Khen thưởng cá nhân", "Khen thưởng tập thể", "Khóm văn hóa - GĐVH", "Đề nghị cấp tỉnh",
                             "Chi tiết tiêu chí", "Kết quả họp Hội đồng", "Tiền thưởng", "Lỗi dữ liệu", "Nguồn dữ liệu",
                             "_so_lieu_cung_ky"]   # hidden: the figures next year compares with
    ws = wb["Chỉ tiêu phường"]
    top = [c.value for row in ws.iter_rows(max_row=8) for c in row if c.value]
    assert top[:7] == ["UBND PHƯỜNG NHƠN HƯNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
                       "Độc lập - Tự do - Hạnh phúc", "Số:       /BC-HĐTĐKT", "Nhơn Hưng, ngày      tháng      năm        ",
                       "KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM 2024 TOÀN PHƯỜNG"]
    assert "DỮ LIỆU MẪU – KHÔNG PHẢI SỐ LIỆU THẬT CỦA CÁC ĐƠN VỊ" in top
    assert {"TM. HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "CHỦ TỊCH", "Phạm Văn Ngon", "Nơi nhận:"} <= {
        c.value for row in ws.iter_rows(min_row=40) for c in row}


def test_formula_looking_text_stays_text(written):
    _, out = written
    ws = openpyxl.load_workbook(out / "bao_cao_thi_dua_2024.xlsx")["Lỗi dữ liệu"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value and c.value[0] in "=@"]
    assert sorted(c.value for c in cells) == ["=HYPERLINK(\"http://x\")", "@SUM(A1)"]
    assert {c.data_type for c in cells} == {"s"}
    rows = [r for r in read_csv(out / "loi_du_lieu.csv") if r["ma_loi"] == "LUA_CHON_KHONG_HOP_LE"]
    assert [(r["o"], r["gia_tri"]) for r in rows] == [("L11", "=HYPERLINK(\"http://x\")"), ("L14", "@SUM(A1)")]


def test_csv_has_bom_and_columns(written):
    _, out = written
    raw = (out / "chi_tieu_phuong.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw[3:].split(b"\r\n")[0].decode()
    assert header.split(",")[:13] == ["ma", "stt", "noi_dung", "ky", "loai", "dvt", "gia_tri", "chi_tieu",
                                      "phep_so_sanh", "trang_thai", "tam_tinh", "don_vi_thieu", "ty_le_so_voi_chi_tieu"]


def test_same_inputs_same_bytes(reg, written, tmp_path):
    _, out = written
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    report(tmp_path / "input", out, reg, sample=True)
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == first
    assert len(first) == 8 + 18 + 3   # workbook, 7 CSVs, 18 feedback workbooks, the council's decision form, the
    #                                   Word draft of the results compared with the same period, the marker


def test_atomic_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "bao_cao.xlsx"
    target.write_bytes(b"previous")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("crash while writing")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["bao_cao.xlsx"]


def test_feedback_marks_the_offending_cell(written):
    _, out = written
    wb = openpyxl.load_workbook(out / "phan_hoi" / "VHXH_Van_hoa_Xa_hoi.xlsx")
    assert wb.sheetnames == ["Thông báo", "Lỗi cần sửa", "Bản nộp 1 – Cả năm (tổng kết)"]
    copy = wb["Bản nộp 1 – Cả năm (tổng kết)"]
    cell = copy["L11"]          # the very address of the submitted sheet
    assert (cell.value, cell.data_type, cell.fill.fgColor.rgb) == ("=HYPERLINK(\"http://x\")", "s", "FFFFC7CE")
    assert cell.comment.text.startswith("\"=HYPERLINK(\"http://x\")\" không phải lựa chọn hợp lệ.")
    cover = [c.value for row in wb["Thông báo"].iter_rows() for c in row if c.value]
    assert "CHƯA NỘP – đề nghị nộp" in cover        # Đợt 1, registration, evaluation not submitted


def test_csv_yes_no_columns_read_co_khong(reg, report_file, tmp_path):
    """A yes/no column reads like the file's other codes (co/khong), never Python's True/False:
    CT05 from one khóm of three is provisional, CT17 from its only reporter is not."""
    report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT05": (99, 100)})
    report_file("VHXH", "ca_nam", D(2024, 12, 28), {"CT17": "Có"})
    out = tmp_path / "output"
    report(tmp_path / "input", out, reg)
    rows = {(r["ma"], r["ky"]): r for r in read_csv(out / "chi_tieu_phuong.csv")}
    assert rows[("CT05", "ca_nam")]["tam_tinh"] == "co"
    assert rows[("CT17", "ca_nam")]["tam_tinh"] == "khong"
    for name in ("chi_tieu_phuong.csv", "chi_tieu_khom.csv", "khen_thuong.csv", "nop_bao_cao.csv"):
        text = (out / name).read_text(encoding="utf-8-sig")
        assert not re.search(r"(^|,)(True|False)(,|\r?$)", text, re.M), name
