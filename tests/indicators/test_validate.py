"""Every check names its code, sheet and cell; a row with an error is not used."""

from __future__ import annotations

import re

import openpyxl

from pipeline.indicators.layout import REPORT_SHEET
from pipeline.intake.discover import discover
from pipeline.intake.read import read_file
from pipeline.submissions.validate import validate
from tests.conftest import D, issue_tuples

S = REPORT_SHEET


def _validate(reg, folder):
    found, _ = discover(folder)
    return validate([read_file(f, reg) for f in found if f.readable], reg)


def test_cell_checks_khom(reg, report_file, tmp_path):
    # KH01 rows: CT01 11, CT04 12, CT05 13, CT06 14, CT07 15, CT08 16, CT21 17, CT22 18, CT23 19,
    # CT24 20, CT25 21, CT26 22, CT28 23, CT29 24, CT33 25; columns G value, H numerator,
    # I denominator, J now, K baseline.
    report_file("KH01", "ca_nam", D(2024, 12, 28), {
        "CT05": ("93,5%", 100), "CT06": (1650, 1610), "CT08": (0, 0), "CT04": "abc", "CT21": -5,
        "CT26": 2.5, "CT22": (92, None), "CT23": (70, 100), "CT28": "1.234,5.6", "CT33": 0,
    }, extra={"CT33": {"tu_so": 4}})
    v = _validate(reg, tmp_path / "input")
    got = issue_tuples(i for i in v.issues if i.code != "CHUA_NHAP")
    assert got == {
        ("SO_LA_TY_LE", S, "H13"), ("TU_SO_LON_HON_MAU_SO", S, "H14"), ("MAU_SO_BANG_KHONG", S, "I16"),
        ("SO_KHONG_HOP_LE", S, "G12"), ("SO_AM", S, "G17"), ("SO_KHONG_NGUYEN", S, "G22"),
        ("THIEU_SO_LIEU", S, "I18"), ("SO_KHONG_HOP_LE", S, "G23"), ("O_KHONG_DUNG", S, "H25"),
        ("CAP_SO_BI_LOAI", S, "I13"),   # CT05's valid denominator, unused because H13 was rejected
    }
    assert {i.cell for i in v.issues if i.code == "CHUA_NHAP"} == {"B11", "B15", "B20", "B21", "B24"}
    used = set(v.rows.loc[v.rows["dung"], "ma_chi_tieu"])
    assert used == {"CT23", "CT33"}   # CT33 has only a warning; every other filled row has an error
    msg = next(i for i in v.issues if i.code == "TU_SO_LON_HON_MAU_SO")
    assert msg.message == "Tử số 1.650 lớn hơn mẫu số 1.610: tỷ lệ vượt 100%."
    assert (msg.column, msg.value, msg.unit) == ("Tử số", "1.650", "KH01")


def test_ambiguous_decimal(reg, report_file, tmp_path):
    report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT04": "1.234"})
    v = _validate(reg, tmp_path / "input")
    issue = next(i for i in v.issues if i.code == "SO_MO_HO")
    assert (issue.cell, issue.message) == (
        "G12", "\"1.234\" có thể hiểu là 1234 (nếu dấu chấm phân cách hàng nghìn) hoặc 1,234 (nếu là số lẻ).")


def test_department_checks(reg, report_file, tmp_path):
    report_file("TYT", "ca_nam", D(2024, 12, 28), {"CT09": 11, "CT10": (1, 10), "CT11": (1, 10)})
    report_file("VHXH", "ca_nam", D(2024, 12, 28), {"CT17": "Có lẽ", "CT18": "x", "CT19": "Có", "CT20": "Có",
                                                    "CT30": (1, 1)})
    report_file("VPTK", "ca_nam", D(2024, 12, 28), {"CT03": 1, "CT32": ("Đạt", None), "CT36": "Đạt"})
    v = _validate(reg, tmp_path / "input")
    assert issue_tuples(v.issues) == {("VUOT_GIOI_HAN", S, "G11"), ("LUA_CHON_KHONG_HOP_LE", S, "L11"),
                                      ("THIEU_GIAI_TRINH", S, "N12")}
    limit = next(i for i in v.issues if i.code == "VUOT_GIOI_HAN")
    assert limit.message == "Số liệu 11 lớn hơn mức tối đa 10."
    choice = next(i for i in v.issues if i.code == "LUA_CHON_KHONG_HOP_LE")
    assert (choice.value, choice.hint) == ("Có lẽ", "Chọn Có hoặc Không trong danh sách.")
    assert v.rows.set_index("ma_chi_tieu").loc["CT18", "co_khong"] == "Có"   # "x" understood as Có


def test_header_checks(reg, report_file, tmp_path):
    report_file("KH02", "ca_nam", None, {"CT05": (1, 2)}, name="a.xlsx",
                header={"ky": None, "nguoi_lap": None, "ngay_bao_cao": "hôm qua"})
    report_file("KH03", "ca_nam", D(2025, 2, 1), {"CT05": (1, 2)}, name="b.xlsx")
    v = _validate(reg, tmp_path / "input")
    assert {(i.code, i.file, i.cell) for i in v.issues} == {
        ("KY_KHONG_RO", "a.xlsx", "C5"), ("NGAY_KHONG_HOP_LE", "a.xlsx", "C6"), ("THIEU_NGUOI_LAP", "a.xlsx", "C7"),
        ("NOP_TRE_HAN", "b.xlsx", "C6"),
    } | {(i.code, i.file, i.cell) for i in v.issues if i.code == "CHUA_NHAP"}
    late = next(i for i in v.issues if i.code == "NOP_TRE_HAN")
    assert late.message == "Ngày báo cáo 01/02/2025 sau hạn nộp 06/01/2025."
    assert [c.usable for c in v.checked] == [False, True]   # no period: the file cannot be used


def test_unit_name_changed_to_another_khom(reg, report_file, tmp_path):
    path = report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT05": (1, 2)})
    wb = openpyxl.load_workbook(path)
    wb[REPORT_SHEET]["C4"] = "Khóm Sơn Tây"
    wb.save(path)
    v = _validate(reg, tmp_path / "input")
    issue = next(i for i in v.issues if i.code == "DON_VI_KHONG_KHOP")
    assert (issue.cell, issue.value, issue.message) == (
        "C4", "Khóm Sơn Tây", "Tên đơn vị \"Khóm Sơn Tây\" không khớp với biểu mẫu phát cho Khóm Sơn Đông.")
    assert not v.checked[0].usable


def test_table_rows_added_duplicated_or_removed(reg, report_file, tmp_path):
    path = report_file("TYT", "ca_nam", D(2024, 12, 28), {"CT09": 10, "CT10": (1, 10), "CT11": (1, 10)})
    wb = openpyxl.load_workbook(path)
    ws = wb[REPORT_SHEET]
    ws["B12"] = "CT09"          # CT10's row now says CT09: CT09 twice, CT10 missing
    ws["A15"] = "Tổng cộng"      # a total row typed under the table
    ws["G15"] = 99
    wb.save(path)
    v = _validate(reg, tmp_path / "input")
    assert {(i.code, i.cell, i.value) for i in v.issues} == {
        ("CHI_TIEU_TRUNG", "B11", "CT09"), ("CHI_TIEU_TRUNG", "B12", "CT09"),
        ("CHI_TIEU_KHONG_RO", "B15", "(dòng không có mã: Tổng cộng)"), ("THIEU_DONG_CHI_TIEU", "", "CT10"),
    }
    assert list(v.rows["ma_chi_tieu"]) == ["CT11"]


def test_formula_without_value_and_error_cells_are_not_read_as_blank(reg, report_file, tmp_path):
    """Trap: calamine returns '' for both; they must not become "not entered"."""
    path = report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT05": (99, 100), "CT06": (100, 100)})
    wb = openpyxl.load_workbook(path)
    ws = wb[REPORT_SHEET]
    ws["H13"] = "=99+0"            # openpyxl saves formulas without a computed value
    wb.save(path)
    import zipfile
    # An error value as Excel stores it: <c r="I14" t="e"><v>#DIV/0!</v></c>
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet1"))
    parts[sheet] = re.sub(rb'<c r="I14"([^>]*) t="n"><v>100</v></c>', rb'<c r="I14"\1 t="e"><v>#DIV/0!</v></c>', parts[sheet])
    assert b"#DIV/0!" in parts[sheet]
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    v = _validate(reg, tmp_path / "input")
    assert {(i.code, i.cell, i.value) for i in v.issues if i.code not in ("CHUA_NHAP",)} == {
        ("CONG_THUC_CHUA_TINH", "H13", ""), ("O_BAO_LOI", "I14", "#DIV/0!"),
        ("CAP_SO_BI_LOAI", "I13", "100"), ("CAP_SO_BI_LOAI", "H14", "100")}   # the valid partner cells
    assert not v.rows.set_index("ma_chi_tieu").loc[["CT05", "CT06"], "dung"].any()


def test_a_report_date_in_another_year_is_flagged(reg, report_file, tmp_path):
    """A clerk copies last year's file and keeps its date: 28/06/2023 for Đợt 1 of 2024."""
    from pipeline.intake.discover import discover
    from pipeline.intake.read import read_file
    from pipeline.submissions.validate import validate
    report_file("KH01", "dot1", D(2023, 6, 28), {"CT04": 5}, name="kh01.xlsx")
    found, _ = discover(tmp_path / "input")
    issues = [i for i in validate([read_file(f, reg) for f in found], reg).issues if i.code == "NGAY_NGOAI_KY"]
    assert [(i.cell, i.value, i.message) for i in issues] == [
        ("C6", "28/06/2023", "Ngày báo cáo 28/06/2023 không thuộc kỳ \"Đợt 1 (sơ kết 6 tháng)\" (kỳ bắt đầu từ "
                             "01/01/2024): có thể ghi nhầm năm.")]
