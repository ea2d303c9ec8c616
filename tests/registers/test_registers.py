"""The registers encode the plan's 37 targets as docs/quy_tac.md reads them,
and a broken register is refused with a message naming the problem."""

from __future__ import annotations

import re
import shutil

import pytest

from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR, RegisterError

# number: (kind, op, target) from the reference table, typed by hand
REFERENCE = {
    1: ("tang", ">=", 2.5), 2: ("tong", ">=", 428_000_000), 3: ("gia_tri", ">=", 64_000_000), 4: ("tong", ">=", 55),
    5: ("ty_le", ">=", 99.64), 6: ("ty_le", ">=", 100), 7: ("tong", "==", 0), 8: ("ty_le", ">=", 93),
    9: ("tong", ">=", 10), 10: ("ty_le", "<=", 15), 11: ("ty_le", "<=", 8.19), 12: ("ty_le", ">=", 100),
    13: ("ty_le", ">=", 100), 14: ("ty_le", ">=", 97), 15: ("ty_le", "<", 1), 16: ("ty_le", "<", 2),
    17: ("duy_tri", "==", None), 18: ("duy_tri", "==", None), 19: ("duy_tri", "==", None),
    20: ("duy_tri", "==", None), 21: ("tong", ">=", 200), 22: ("ty_le", ">=", 92), 23: ("ty_le", ">", 70),
    24: ("giam", ">=", 1), 25: ("giam", ">=", 1), 26: ("tong", ">=", 2), 27: ("ty_le", "<", 2),
    28: ("tong", ">=", 130_000_000), 29: ("tang", ">=", 0), 30: ("ty_le", ">=", 100), 31: ("tong", ">=", 3),
    32: ("dinh_tinh", "==", None), 33: ("tong", "==", 0), 34: ("tong", ">=", None), 35: ("dinh_tinh", "==", None),
    36: ("dinh_tinh", "==", None), 37: ("tong", ">=", 460_000_000),
}


def test_all_37_targets_match_the_reference(reg):
    assert len(reg.targets) == 37
    got = {t.number: (t.kind, t.op, t.value) for t in reg.targets}
    assert got == REFERENCE


def test_reporters(reg):
    by_code = {t.code: t for t in reg.targets}
    assert by_code["CT05"].reporters == ("KH01", "KH02", "KH03")
    assert by_code["CT27"].reporters == ("HND", "HLHPN", "HCCB", "DTN")
    assert by_code["CT28"].reporters == ("HKH", "KH01", "KH02", "KH03")
    assert by_code["CT31"].reporters == () and by_code["CT31"].source == "binh_xet_khom_van_hoa"


def test_periods(reg):
    assert [(p.code, p.end.isoformat(), p.is_final) for p in reg.periods] == [
        ("dot1", "2024-06-30", False), ("ca_nam", "2024-12-31", True)]


def test_unit_matching_ignores_spelling_form(reg):
    assert reg.match_unit("khóm hoà thuận ").code == "KH03"          # older tone placement, case, space
    assert reg.match_unit("Kho\u0301m Sơn Đông").code == "KH01"        # NFD
    assert reg.match_unit("Khóm\u00a0Sơn\u200bTây") is None or reg.match_unit("Khóm\u00a0Sơn Tây").code == "KH02"
    assert reg.match_unit("Khóm Không Có") is None


@pytest.fixture
def broken(tmp_path):
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    return root


def test_duplicate_target_code_is_refused(broken):
    path = broken / "2024" / "targets.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('ma = "CT02"', 'ma = "CT01"'), encoding="utf-8")
    with pytest.raises(RegisterError) as exc:
        load_registers(broken)
    assert "2024/targets.toml, chỉ tiêu CT01: mã chỉ tiêu bị trùng." in exc.value.problems


def _edit(path, *pairs):
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_unknown_reporter_is_refused(broken):
    _edit(broken / "2024" / "targets.toml", ('don_vi_bao_cao = ["TCKT"]', 'don_vi_bao_cao = ["TCKTX"]'))
    with pytest.raises(RegisterError) as exc:
        load_registers(broken)
    assert exc.value.problems[0] == "2024/targets.toml, chỉ tiêu CT02: đơn vị báo cáo \"TCKTX\" không có trong units.toml."


def test_shape_errors_name_file_block_and_field(broken):
    """Typed models: a bad operator, a date typed as text, a misspelt field, a missing field."""
    _edit(broken / "2024" / "targets.toml", ('so_sanh = ">"\nchi_tieu = 70', 'so_sanh = "=>"\nchi_tieu = 70'),
          ('ma = "CT05"\n', 'ma = "CT05"\nchi_teu = 99\n'))
    _edit(broken / "2024" / "periods.toml", ("han_nop = 2024-07-05", 'han_nop = "05/07/2024"'))
    _edit(broken / "2024" / "units.toml", ('ten = "Khóm Sơn Tây"\n', ""))
    with pytest.raises(RegisterError) as exc:
        load_registers(broken)
    assert exc.value.problems == [
        "2024/units.toml, đơn vị KH02: thiếu trường \"ten\" (bắt buộc).",
        "2024/periods.toml, kỳ dot1: trường \"han_nop\" phải là ngày dạng năm-tháng-ngày (YYYY-MM-DD), không đặt trong "
        "dấu ngoặc kép.",
        "2024/targets.toml, chỉ tiêu CT05: trường \"chi_teu\" trường không có trong mẫu sổ (gõ nhầm tên trường?).",
        "2024/targets.toml, chỉ tiêu CT23: trường \"so_sanh\" giá trị \"=>\" không hợp lệ; chọn một trong "
        ">=, >, <=, < hoặc ==.",
    ]


def test_toml_syntax_error_names_the_file(broken):
    (broken / "2024" / "units.toml").write_text('[[don_vi]]\nma = "KH01\n', encoding="utf-8")
    with pytest.raises(RegisterError) as exc:
        load_registers(broken)
    assert exc.value.problems == [f"Tệp {broken / '2024' / 'units.toml'}, dòng 2: thiếu dấu ngoặc kép; chữ phải nằm "
                                  "giữa hai dấu \" … \", ví dụ ten = \"Tên đơn vị\". Dòng đang ghi: ma = \"KH01"]


def test_a_filled_in_target_34_changes_the_result(broken):
    """Next year's numbers are register edits only: filling in target 34 gives it a target."""
    path = broken / "2024" / "targets.toml"
    text = re.sub(r"^# chi_tieu = \.\.\..*$", "chi_tieu = 15", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text, encoding="utf-8")
    reg = load_registers(broken)
    assert next(t for t in reg.targets if t.code == "CT34").value == 15.0


def test_a_syntax_error_is_told_in_vietnamese_with_its_line(broken):
    path = broken / "2024" / "targets.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('ma = "CT02"', 'ma = "CT02" x'), encoding="utf-8")
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if 'ma = "CT02" x' in t)
    with pytest.raises(RegisterError) as exc:
        load_registers(broken)
    assert exc.value.problems == [f"Tệp {path} sai cú pháp TOML ở dòng {line}, cột 13. Kiểm tra dấu ngoặc kép, dấu bằng, "
                                  "dấu phẩy giữa các phần tử và dấu ngoặc vuông, ngoặc nhọn đóng mở đủ."]


def test_a_number_written_as_text_is_told_once(broken):
    path = broken / "2024" / "targets.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("chi_tieu = 2.5\n", 'chi_tieu = "2,5"\n', 1), encoding="utf-8")
    with pytest.raises(RegisterError) as exc:
        load_registers(broken)
    assert exc.value.problems == ["2024/targets.toml, chỉ tiêu CT01: trường \"chi_tieu\" phải là một con số (dùng dấu chấm "
                                  "cho số lẻ: 99.64), không đặt trong dấu ngoặc kép."]
