"""No code name where a person reads: no parameter key of the rules register and no snake_case
field key of the layouts in any text cell of the workbook, of the feedback workbooks, or of the
text columns of the CSVs, on the sample report."""

from __future__ import annotations

import re
import shutil

import openpyxl
import pytest

from pipeline.awards import layout as award_layout
from pipeline.awards.samples import SAMPLE_OVERRIDES
from pipeline.indicators.layout import HEADER_FIELDS, table_columns
from pipeline.registers.rules import load_rules
from pipeline.run import CSV_NAMES, report
from pipeline.samples import make_samples
from tests.conftest import read_csv

TEXT_COLUMNS = ("noi_dung", "cach_sua", "ly_do", "giai_thich", "mo_ta", "ghi_chu", "don_vi_thieu")
FILE_NAME = re.compile(r"\S+\.(xlsx|xls|xlsm|ods|toml|csv|txt|pdf)\b|\S*/\S*")   # paths a person must find


def _code_names(reg, rules) -> set[str]:
    keys = set(rules.params)
    keys |= {c.key for c in table_columns(reg)} | {f.key for f in HEADER_FIELDS}
    for content in award_layout.SHEETS:
        for is_khom in (False, True):
            keys |= {f.key for f in award_layout.fields_for(content, is_khom)}
    for name in ("REGISTRATION_COLUMNS", "EVALUATION_COLUMNS", "HISTORY_COLUMNS"):
        keys |= {c.key for c in getattr(award_layout, name)}
    return {k for k in keys if "_" in k}


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory, reg):
    root = tmp_path_factory.mktemp("sample")
    make_samples(reg, root / "in")
    rules = load_rules(reg.year).with_overrides(list(SAMPLE_OVERRIDES))
    report(root / "in", root / "out", reg, sample=True, rules=rules)
    return root / "out", rules


def _hits(text: str, pattern: re.Pattern) -> set[str]:
    return set(pattern.findall(FILE_NAME.sub(" ", text)))


def test_no_parameter_or_field_key_in_any_output_text(sample_run, reg):
    out, rules = sample_run
    names = _code_names(reg, rules)
    assert {"ldtt_xep_loai", "registration_required", "so_ho_binh_xet", "tu_so"} <= names   # the check is real
    pattern = re.compile(r"(?<![\w])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?![\w])")
    found = []
    workbooks = [out / f"bao_cao_thi_dua_{reg.year}.xlsx", *sorted((out / "phan_hoi").glob("*.xlsx"))]
    assert len(workbooks) > 10
    for path in workbooks:
        wb = openpyxl.load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            if ws.sheet_state == "hidden":   # machine data for next year's comparison, not read by a person
                continue
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        found += [(path.name, ws.title, cell.coordinate, h) for h in _hits(cell.value, pattern)]
    for name in CSV_NAMES:
        for n, row in enumerate(read_csv(out / name), start=2):
            for col in TEXT_COLUMNS:
                found += [(name, col, n, h) for h in _hits(row.get(col) or "", pattern)]
    assert found == []


def test_criterion_texts_carry_the_parameter_values(sample_run, reg):
    out, _ = sample_run
    texts = {r["mo_ta"] for r in read_csv(out / "khen_thuong_tieu_chi.csv")}
    assert "Xếp loại thuộc một trong các mức: HTXSNV, HTTNV" in texts
    assert "Công tác tại đơn vị từ 6 tháng trở lên trong năm" in texts
    assert "Không bị kỷ luật từ hình thức Khiển trách trở lên trong năm" in texts
    assert "Trên 50% cá nhân đạt Lao động tiên tiến (tính từ kết quả cá nhân)" in texts
    # the what-if change of the sample run, read from the rules register
    assert "Trong tỷ lệ tối đa Chiến sĩ thi đua cơ sở trên số Lao động tiên tiến: 15% (xếp hạng, Hội đồng chọn)" in texts


def test_a_bare_parameter_name_in_a_description_is_a_register_error(tmp_path):
    from pipeline.registers.model import REGISTERS_DIR, RegisterError
    (tmp_path / "2024").mkdir()
    shutil.copytree(REGISTERS_DIR / "luat", tmp_path / "luat")   # the rule set in force, chosen by the year's date
    shutil.copyfile(REGISTERS_DIR / "2024" / "luat_ap_dung.toml", tmp_path / "2024" / "luat_ap_dung.toml")
    shutil.copyfile(REGISTERS_DIR / "2024" / "co_quan.toml", tmp_path / "2024" / "co_quan.toml")   # the commune's kind ({xa})
    text = (REGISTERS_DIR / "2024" / "award_rules.toml").read_text(encoding="utf-8")
    text = text.replace("{ldtt_so_thang_toi_thieu} tháng", "ldtt_so_thang_toi_thieu tháng")
    (tmp_path / "2024" / "award_rules.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RegisterError) as err:
        load_rules(2024, tmp_path)
    assert err.value.problems == [
        "award_rules.toml, quy tắc LDTT, tiêu chí thoi_gian: ghi tham số trong ngoặc nhọn "
        "{ldtt_so_thang_toi_thieu} để chương trình điền giá trị, không ghi tên tham số."]
