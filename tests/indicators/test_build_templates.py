"""The generated templates: the rows a unit owes, only the input cells a row's kind needs
unlocked, drop-downs and bounds, protection, and the hidden identity."""

from __future__ import annotations

import openpyxl
import pytest
import python_calamine

from pipeline.indicators.layout import REPORT_SHEET
from pipeline.indicators.templates import build_template
from pipeline.report.template_kit import GUIDE_SHEET, IDENTITY_SHEET
from pipeline.templates import build_all


@pytest.fixture(scope="module")
def khom_template(reg, tmp_path_factory):
    path = tmp_path_factory.mktemp("tpl") / "khom.xlsx"
    build_template(reg, reg.unit("KH01"), "chi_tieu_khom", path)
    return path


def _row_of(ws, code):
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == code)


def test_one_template_per_reporting_unit(reg, tmp_path):
    paths = build_all(reg, tmp_path)
    # 18 indicator reports, 18 registrations, 18 evaluations, 3 khóm văn hóa forms, 1 history
    assert len(paths) == 58 + 3 * 18   # and a campaign proposal per campaign for the 18 units that evaluate
    names = {p.name for p in paths}
    assert {"chi_tieu_ban_nganh_CAP_Cong_an_phuong.xlsx", "chi_tieu_khom_KH01_Khom_Son_Dong.xlsx",
            "dang_ky_thi_dua_KH01_Khom_Son_Dong.xlsx", "binh_xet_cuoi_nam_CAP_Cong_an_phuong.xlsx",
            "binh_xet_cuoi_nam_KH02_Khom_Son_Tay.xlsx", "khom_van_hoa_KH02_Khom_Son_Tay.xlsx",
            "lich_su_khen_thuong_phuong.xlsx"} <= names
    assert not any(n.startswith("khom_van_hoa_") and "_KH0" not in n for n in names)  # khóm only


def test_file_names_cannot_be_confused(reg, tmp_path):
    """One unit's forms differ from the first word (not binh_xet_KH01… beside binh_xet_khom_KH01…)."""
    names = [p.name for p in build_all(reg, tmp_path) if "_KH01_" in p.name]
    kinds = [n.split("_KH01_")[0] for n in names]
    assert kinds == ["chi_tieu_khom", "dang_ky_thi_dua", "binh_xet_cuoi_nam", "khom_van_hoa",
                     "de_nghi_khen_theo_dot_dot_thi_dua_1", "de_nghi_khen_theo_dot_dot_thi_dua_2",
                     "de_nghi_khen_theo_dot_dot_dac_biet"]
    assert len({k.split("_")[0] for k in kinds[1:]}) == 4 and not any(
        a != b and b.startswith(a) for a in kinds for b in kinds)


def test_a_khom_sees_its_own_target_or_the_ward_one_marked_as_not_set_for_it(khom_template):
    ws = openpyxl.load_workbook(khom_template)[REPORT_SHEET]
    goal = lambda code: ws.cell(_row_of(ws, code), 5).value  # noqa: E731  "Chỉ tiêu năm"
    assert ws.cell(10, 5).value == "Chỉ tiêu năm"
    assert goal("CT04") == "toàn phường: ≥ 55 ha (không giao riêng)"
    assert goal("CT21") == "toàn phường: ≥ 200 lao động (không giao riêng)"
    assert goal("CT28") == "toàn phường: ≥ 130.000.000 đồng (không giao riêng)"
    assert goal("CT05") == "≥ 99,64"      # chi_tieu_khom = "nhu_phuong": the khóm's own target
    ward = openpyxl.load_workbook(_build("TCKT", khom_template))[REPORT_SHEET]
    assert ward.cell(_row_of(ward, "CT02"), 5).value == "≥ 428.000.000"


def _build(unit: str, near):
    from pipeline.registers.load import load_registers
    reg = load_registers()
    path = near.parent / f"{unit}.xlsx"
    build_template(reg, reg.unit(unit), reg.report_kind_of(reg.unit(unit)), path)
    return path


def test_sheets_and_identity(khom_template):
    wb = python_calamine.CalamineWorkbook.from_path(str(khom_template))
    states = {m.name: str(m.visible) for m in wb.sheets_metadata}
    assert list(states) == [REPORT_SHEET, GUIDE_SHEET, IDENTITY_SHEET]
    assert states[IDENTITY_SHEET].endswith("VeryHidden")
    identity = wb.get_sheet_by_name(IDENTITY_SHEET).to_python()
    assert identity == [["loai_bieu_mau", "chi_tieu_khom"], ["phien_ban", "1"], ["nam", "2024"], ["ma_don_vi", "KH01"]]


def test_rows_owed_and_unit_prefilled(khom_template):
    ws = openpyxl.load_workbook(khom_template)[REPORT_SHEET]
    codes = [ws.cell(r, 2).value for r in range(11, ws.max_row + 1) if str(ws.cell(r, 2).value or "").startswith("CT")]
    assert codes == ["CT01", "CT04", "CT05", "CT06", "CT07", "CT08", "CT21", "CT22", "CT23", "CT24", "CT25",
                     "CT26", "CT28", "CT29", "CT33"]
    assert ws["C4"].value == "Khóm Sơn Đông" and ws["C4"].protection.locked
    assert ws.protection.sheet is True


def test_only_needed_inputs_are_unlocked(khom_template):
    ws = openpyxl.load_workbook(khom_template)[REPORT_SHEET]
    unlocked = lambda code: [ws.cell(10, c).value for c in range(7, 16)  # noqa: E731
                             if not ws.cell(_row_of(ws, code), c).protection.locked]
    assert unlocked("CT05") == ["Tử số", "Mẫu số", "Ghi chú"]                                   # rate
    assert unlocked("CT04") == ["Kết quả thực hiện", "Ghi chú"]                                 # sum
    assert unlocked("CT24") == ["Số tại thời điểm báo cáo", "Số tại 31/12/2023", "Ghi chú"]     # reduction
    assert ws.cell(_row_of(ws, "CT05"), 7).fill.fgColor.rgb == "FFBFBFBF"                      # grey, unused


def test_validations(reg, tmp_path):
    path = tmp_path / "vhxh.xlsx"
    build_template(reg, reg.unit("VHXH"), "chi_tieu_ban_nganh", path)
    ws = openpyxl.load_workbook(path)[REPORT_SHEET]
    by_cell = {str(r): dv for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}
    row17, row30 = _row_of(ws, "CT17"), _row_of(ws, "CT30")
    assert by_cell[f"L{row17}"].type == "list" and by_cell[f"L{row17}"].formula1 == '"Có,Không"'
    assert (by_cell[f"H{row30}"].type, by_cell[f"H{row30}"].operator, by_cell[f"H{row30}"].formula1) == \
        ("whole", "greaterThanOrEqual", "0")
    assert by_cell[f"H{row30}"].prompt == "Số cơ quan, đơn vị đạt chuẩn văn hóa."
    assert by_cell["C5"].formula1 == '"Đợt 1 - đến 30/06/2024,Cả năm - đến 31/12/2024"'


def test_bounded_and_decimal_inputs(reg, tmp_path):
    path = tmp_path / "tyt.xlsx"
    build_template(reg, reg.unit("TYT"), "chi_tieu_ban_nganh", path)
    ws = openpyxl.load_workbook(path)[REPORT_SHEET]
    by_cell = {str(r): dv for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}
    dv = by_cell[f"G{_row_of(ws, 'CT09')}"]
    # "between" is the default operator in the file format, so it is not written
    assert (dv.type, dv.operator or "between", dv.formula1, dv.formula2) == ("whole", "between", "0", "10")
    khom = tmp_path / "kh.xlsx"
    build_template(reg, reg.unit("KH02"), "chi_tieu_khom", khom)
    ws = openpyxl.load_workbook(khom)[REPORT_SHEET]
    by_cell = {str(r): dv for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}
    assert by_cell[f"G{_row_of(ws, 'CT04')}"].type == "decimal"   # hectares take decimals


def test_same_registers_same_bytes(reg, tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    build_template(reg, reg.unit("KH01"), "chi_tieu_khom", a)
    build_template(reg, reg.unit("KH01"), "chi_tieu_khom", b)
    assert a.read_bytes() == b.read_bytes()
