"""The right file for the right period: a file whose report date lies nearer the end of a later
period than the period it names (a year-end report left on "Đợt 1") does not supersede the
unit's real report of that period; a late correction of the same period still does.

Đợt 1 ends 30/06/2024 (deadline 05/07/2024), Cả năm ends 31/12/2024: 30/09/2024 is 92 days from
either end (fits Đợt 1), 01/10/2024 is 93 days from 30/06 and 91 from 31/12 (nearer Cả năm)."""

from __future__ import annotations

import openpyxl

from pipeline.run import report
from tests.conftest import D
from tests.submissions.test_dedupe import _dedupe


def test_a_year_end_report_left_on_dot1_does_not_replace_the_real_dot1(reg, report_file, tmp_path):
    report_file("TCKT", "dot1", D(2024, 7, 3), {"CT02": 5}, name="dot1.xlsx")
    report_file("TCKT", "dot1", D(2024, 12, 10), {"CT02": 9}, name="tong ket.xlsx")
    chosen, fates = _dedupe(reg, tmp_path / "input")
    assert fates == {"dot1.xlsx": "hop_le", "tong ket.xlsx": "khong_dung_duoc"}
    assert list(chosen.values["gia_tri"]) == [5.0]
    [issue] = chosen.issues
    assert (issue.code, issue.severity, issue.file, issue.sheet, issue.cell, issue.unit) == (
        "KY_KHONG_KHOP_NGAY", "loi", "tong ket.xlsx", "Báo cáo", "C5", "TCKT")
    assert issue.message == (
        "Tệp ghi kỳ \"Đợt 1 (sơ kết 6 tháng)\" nhưng ngày báo cáo 10/12/2024 gần ngày cuối kỳ \"Cả năm (tổng kết)\" "
        "(31/12/2024) hơn ngày cuối kỳ \"Đợt 1 (sơ kết 6 tháng)\" (30/06/2024), trong khi đơn vị đã có báo cáo kỳ "
        "này: \"dot1.xlsx\" (ngày 03/07/2024). Tệp không thay báo cáo đó và không được dùng.")
    assert issue.hint == (
        "Nếu đây là báo cáo kỳ \"Cả năm (tổng kết)\": đề nghị đơn vị chọn lại kỳ đó ở ô kỳ báo cáo và gửi lại. "
        "Nếu đúng là bản sửa của kỳ \"Đợt 1 (sơ kết 6 tháng)\": xóa tệp cũ (\"dot1.xlsx\" (ngày 03/07/2024)) "
        "khỏi thư mục vào rồi chạy lại.")
    register = chosen.register[(chosen.register["ma_don_vi"] == "TCKT")
                               & (chosen.register["loai_bao_cao"] == "chi_tieu_ban_nganh")]
    assert list(zip(register["ky"], register["trang_thai"], register["tep"])) == [
        ("dot1", "hop_le", "dot1.xlsx"), ("dot1", "khong_dung_duoc", "tong ket.xlsx"), ("ca_nam", "chua_nop", "")]
    assert list(register["ghi_chu"])[1] == issue.message
    # the year-end slot says where its report may be
    assert list(register["ghi_chu"])[2] == ("Có thể là tệp \"tong ket.xlsx\": ngày báo cáo thuộc kỳ này nhưng tệp "
                                            "ghi kỳ khác (KY_KHONG_KHOP_NGAY)")


def test_the_register_gives_the_period_as_the_reason_even_with_a_bad_cell(reg, report_file, tmp_path):
    report_file("TCKT", "dot1", D(2024, 7, 3), {"CT02": 5}, name="dot1.xlsx")
    report_file("TCKT", "dot1", D(2024, 12, 10), {"CT02": "abc"}, name="tong ket.xlsx")
    chosen, fates = _dedupe(reg, tmp_path / "input")
    assert fates == {"dot1.xlsx": "hop_le", "tong ket.xlsx": "khong_dung_duoc"}
    note = chosen.register.loc[chosen.register["tep"] == "tong ket.xlsx", "ghi_chu"].item()
    assert note.startswith("Tệp ghi kỳ \"Đợt 1 (sơ kết 6 tháng)\" nhưng ngày báo cáo 10/12/2024")


def test_a_correction_dated_halfway_still_supersedes(reg, report_file, tmp_path):
    report_file("TCKT", "dot1", D(2024, 7, 3), {"CT02": 5}, name="dot1.xlsx")
    report_file("TCKT", "dot1", D(2024, 9, 30), {"CT02": 6}, name="dot1 sua.xlsx")
    chosen, fates = _dedupe(reg, tmp_path / "input")
    assert fates == {"dot1.xlsx": "bi_thay", "dot1 sua.xlsx": "hop_le"}
    assert list(chosen.values["gia_tri"]) == [6.0]
    assert [i.code for i in chosen.issues] == ["BAN_CU_BI_THAY"]


def test_a_day_past_halfway_is_set_apart(reg, report_file, tmp_path):
    report_file("TCKT", "dot1", D(2024, 7, 3), {"CT02": 5}, name="dot1.xlsx")
    report_file("TCKT", "dot1", D(2024, 10, 1), {"CT02": 6}, name="dot1 sua.xlsx")
    chosen, fates = _dedupe(reg, tmp_path / "input")
    assert fates == {"dot1.xlsx": "hop_le", "dot1 sua.xlsx": "khong_dung_duoc"}
    assert [i.code for i in chosen.issues] == ["KY_KHONG_KHOP_NGAY"]


def test_a_correction_before_the_deadline_supersedes_whatever_the_distance(reg, report_file, tmp_path):
    """Within the named period's deadline a file is never suspected."""
    report_file("TCKT", "dot1", D(2024, 6, 20), {"CT02": 5}, name="dot1.xlsx")
    report_file("TCKT", "dot1", D(2024, 7, 5), {"CT02": 6}, name="dot1 sua.xlsx")
    _, fates = _dedupe(reg, tmp_path / "input")
    assert fates == {"dot1.xlsx": "bi_thay", "dot1 sua.xlsx": "hop_le"}


def test_alone_a_late_file_is_used_as_labelled(reg, report_file, tmp_path):
    """Nothing to supersede: the file is the unit's only Đợt 1 report (a late one)."""
    report_file("TCKT", "dot1", D(2024, 12, 10), {"CT02": 9}, name="tong ket.xlsx")
    chosen, fates = _dedupe(reg, tmp_path / "input")
    assert fates == {"tong ket.xlsx": "hop_le"}
    assert list(chosen.values["gia_tri"]) == [9.0]


def test_two_wrong_period_files_go_on_between_themselves(reg, report_file, tmp_path):
    """With no file that fits the period, the latest of the rest is used as before."""
    report_file("TCKT", "dot1", D(2024, 11, 2), {"CT02": 8}, name="a.xlsx")
    report_file("TCKT", "dot1", D(2024, 12, 10), {"CT02": 9}, name="b.xlsx")
    _, fates = _dedupe(reg, tmp_path / "input")
    assert fates == {"a.xlsx": "bi_thay", "b.xlsx": "hop_le"}


def _feedback_rows(path):
    ws = openpyxl.load_workbook(path)["Lỗi cần sửa"]
    return [tuple(c.value for c in row) for row in ws.iter_rows(min_row=2)]


def test_feedback_leaves_out_a_superseded_files_errors_and_names_the_file_in_use(reg, report_file, tmp_path):
    report_file("TCKT", "ca_nam", D(2024, 12, 20), {"CT02": "abc"}, name="cu.xlsx")
    report_file("TCKT", "ca_nam", D(2025, 1, 3), {"CT02": 2}, name="moi.xlsx")
    outcome = report(tmp_path / "input", tmp_path / "out", reg)
    # the workbook still accounts for the old file's error ...
    assert ("SO_KHONG_HOP_LE", "cu.xlsx") in {(i.code, i.file) for i in outcome.issues}
    path = tmp_path / "out" / "phan_hoi" / "TCKT_Tai_chinh_Ke_toan.xlsx"
    rows = _feedback_rows(path)
    # ... the unit's feedback only says which file replaced it
    assert [(r[1], r[6]) for r in rows if r[1] == "cu.xlsx"] == [
        ("cu.xlsx", "Báo cáo này (ngày 20/12/2024) được thay bằng tệp \"moi.xlsx\" có ngày báo cáo 03/01/2025.")]
    cover = openpyxl.load_workbook(path)["Thông báo"]
    states = {row[3].value: row[2].value for row in cover.iter_rows() if row[3].value in ("cu.xlsx", "moi.xlsx")}
    assert states == {"cu.xlsx": "Bị thay bằng bản mới hơn (Hội đồng dùng tệp \"moi.xlsx\")", "moi.xlsx": "Hợp lệ"}
    assert not any(name.startswith("Bản nộp") for name in openpyxl.load_workbook(path).sheetnames)


def test_the_units_feedback_explains_the_set_apart_file_and_keeps_the_real_report(reg, report_file, tmp_path):
    report_file("KH01", "dot1", D(2024, 7, 3), {"CT02": 5}, name="dot1.xlsx")
    report_file("KH01", "dot1", D(2024, 12, 10), {"CT02": 9}, name="tong ket.xlsx")
    outcome = report(tmp_path / "input", tmp_path / "out", reg)
    assert "BAN_CU_BI_THAY" not in {i.code for i in outcome.issues}
    path = tmp_path / "out" / "phan_hoi" / "KH01_Khom_Son_Dong.xlsx"
    rows = _feedback_rows(path)
    mine = [(r[0], r[1], r[3]) for r in rows if r[1] == "tong ket.xlsx" and r[6].startswith("Tệp ghi kỳ")]
    assert mine == [("Lỗi", "tong ket.xlsx", "C5")]
    hint = next(r[7] for r in rows if r[1] == "tong ket.xlsx" and r[6].startswith("Tệp ghi kỳ"))
    assert hint == ("Nếu đây là báo cáo kỳ \"Cả năm (tổng kết)\": đề nghị đơn vị chọn lại kỳ đó ở ô kỳ báo cáo và gửi "
                    "lại. Nếu đúng là bản sửa của kỳ \"Đợt 1 (sơ kết 6 tháng)\": đề nghị đơn vị báo Hội đồng để dùng "
                    "bản này thay bản đã gửi trước.")
    wb = openpyxl.load_workbook(path)
    cover = wb["Thông báo"]
    states = {row[3].value: row[2].value for row in cover.iter_rows() if row[3].value in ("dot1.xlsx", "tong ket.xlsx")}
    assert states == {"dot1.xlsx": "Hợp lệ", "tong ket.xlsx": "Không dùng được"}
    # the set-apart file is copied back with its reason (the real one too: its blank rows are marked)
    assert wb.sheetnames[2:] == ["Bản nộp 1 – Đợt 1", "Bản nộp 2 – Đợt 1"]
    texts = [c.value for ws in wb.worksheets[2:] for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("Tệp này đã nhận nhưng chưa dùng được: Tệp ghi kỳ \"Đợt 1 (sơ kết 6 tháng)\" nhưng "
                            "ngày báo cáo 10/12/2024") for t in texts)
