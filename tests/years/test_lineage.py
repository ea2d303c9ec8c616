"""Units of a year named as continuing earlier units (tiep_noi), and targets continuing earlier targets."""

from __future__ import annotations

import shutil

import pytest

from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.years.lineage import continued_in, current_unit, split_units, successors


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    return root


def _append_after(path, anchor: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + "\n" + line, 1), encoding="utf-8")


def test_a_merged_unit_continues_both_and_the_others_continue_themselves(root):
    units = root / "2024" / "units.toml"
    # KH02 now stands for both 2023 khóm KH02 and KH03 (a merger as in 2025); KH03 continues nothing
    _append_after(units, 'ten = "Khóm Sơn Tây"', 'tiep_noi = ["2023:KH02", "2023:KH03"]')
    reg = load_registers(root, 2024)
    assert reg.unit("KH02").continues == ((2023, "KH02"), (2023, "KH03"))
    lineage = continued_in(reg, 2023)
    assert lineage["KH01"] == ("KH01",)
    assert lineage["KH02"] == ("KH02", "KH03")
    assert lineage["KH03"] == ()          # its code of 2023 is claimed by KH02
    assert current_unit(reg, 2023, "KH03") == "KH02"
    assert current_unit(reg, 2023, "KH01") == "KH01"
    assert current_unit(reg, 2023, "XX99") is None
    assert continued_in(reg, 2022)["KH03"] == ("KH03",)   # other years: same code
    assert split_units(reg, 2023) == set()


def test_a_split_unit_is_continued_by_two(root):
    units = root / "2024" / "units.toml"
    _append_after(units, 'ten = "Khóm Sơn Đông"', 'tiep_noi = ["2023:KH01"]')
    _append_after(units, 'ten = "Khóm Sơn Tây"', 'tiep_noi = ["2023:KH01"]')
    reg = load_registers(root, 2024)
    assert successors(reg, 2023)["KH01"] == ("KH01", "KH02")
    assert split_units(reg, 2023) == {"KH01"}
    assert current_unit(reg, 2023, "KH01") is None


def test_a_target_names_the_earlier_target_and_is_charted(root):
    targets = root / "2024" / "targets.toml"
    text = targets.read_text(encoding="utf-8")
    first = text.index("[[chi_tieu]]")
    code_line = text.index("\n", text.index("ma =", first))
    targets.write_text(text[:code_line] + '\ntiep_noi = "2023:CT07"\nbieu_do = true' + text[code_line:], encoding="utf-8")
    reg = load_registers(root, 2024)
    assert reg.targets[0].continues == (2023, "CT07")
    assert reg.targets[0].charted is True
    assert reg.targets[1].continues is None and reg.targets[1].charted is False


@pytest.mark.parametrize("value, message", [
    ('["KH01"]', 'tiep_noi "KH01" không đúng dạng; ghi năm, dấu hai chấm rồi mã của năm đó, ví dụ "2023:KH01".'),
    ('["2024:KH01"]', 'tiep_noi "2024:KH01" phải chỉ một năm trước năm 2024.'),
    ('["2023:"]', 'tiep_noi "2023:" không đúng dạng; ghi năm, dấu hai chấm rồi mã của năm đó, ví dụ "2023:mã".'),
])
def test_a_malformed_continuation_is_told(root, value, message):
    _append_after(root / "2024" / "units.toml", 'ten = "Khóm Sơn Đông"', f"tiep_noi = {value}")
    with pytest.raises(RegisterError) as err:
        load_registers(root, 2024)
    assert any(message in p and "units.toml, đơn vị thứ 1" in p for p in err.value.problems), err.value.problems
