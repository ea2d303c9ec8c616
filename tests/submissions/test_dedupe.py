"""One submission per unit, report and period; every file gets a fate."""

from __future__ import annotations

from pipeline.intake.discover import discover
from pipeline.intake.read import read_file
from pipeline.submissions.dedupe import dedupe
from pipeline.submissions.validate import validate
from tests.conftest import D


def _dedupe(reg, folder):
    found, _ = discover(folder)
    chosen = dedupe(validate([read_file(f, reg) for f in found if f.readable], reg), reg)
    names = [f.name for f in found if f.readable]
    return chosen, {names[i]: fate for i, fate in chosen.fates.items()}


def test_latest_report_date_wins(reg, report_file, tmp_path):
    report_file("TCKT", "ca_nam", D(2025, 1, 3), {"CT02": 2}, name="moi.xlsx")
    report_file("TCKT", "ca_nam", D(2024, 12, 20), {"CT02": 1}, name="cu.xlsx")
    report_file("TCKT", "ca_nam", None, {"CT02": 0}, name="khong ngay.xlsx")
    chosen, fates = _dedupe(reg, tmp_path / "input")
    assert fates == {"cu.xlsx": "bi_thay", "khong ngay.xlsx": "bi_thay", "moi.xlsx": "hop_le"}
    assert list(chosen.values["gia_tri"]) == [2.0]
    assert sorted((i.code, i.file, i.value) for i in chosen.issues) == [
        ("BAN_CU_BI_THAY", "cu.xlsx", "20/12/2024"), ("BAN_CU_BI_THAY", "khong ngay.xlsx", "không ghi")]
    issue = next(i for i in chosen.issues if i.file == "cu.xlsx")
    assert issue.message == "Báo cáo này (ngày 20/12/2024) được thay bằng tệp \"moi.xlsx\" có ngày báo cáo 03/01/2025."


def test_identical_copy_keeps_the_original(reg, report_file, tmp_path):
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 5}, name="BC (1).xlsx")
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 5}, name="BC.xlsx")
    chosen, fates = _dedupe(reg, tmp_path / "input")
    assert fates == {"BC (1).xlsx": "trung_lap", "BC.xlsx": "hop_le"}
    assert [(i.code, i.file) for i in chosen.issues] == [("BAN_TRUNG_GIONG_HET", "BC (1).xlsx")]


def test_same_date_different_content_is_a_conflict(reg, report_file, tmp_path):
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 5}, name="a.xlsx")
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 6}, name="b.xlsx")
    report_file("TCKT", "ca_nam", D(2024, 12, 1), {"CT02": 4}, name="c.xlsx")
    chosen, fates = _dedupe(reg, tmp_path / "input")
    assert fates == {"a.xlsx": "xung_dot", "b.xlsx": "xung_dot", "c.xlsx": "bi_thay"}
    assert chosen.values.empty
    register = chosen.register[(chosen.register["ma_don_vi"] == "TCKT")
                               & (chosen.register["loai_bao_cao"] == "chi_tieu_ban_nganh")]
    assert list(zip(register["ky"], register["trang_thai"], register["tep"])) == [
        ("dot1", "chua_nop", ""), ("ca_nam", "xung_dot", "a.xlsx"), ("ca_nam", "xung_dot", "b.xlsx"),
        ("ca_nam", "bi_thay", "c.xlsx")]


def test_different_periods_are_not_duplicates(reg, report_file, tmp_path):
    report_file("TCKT", "dot1", D(2024, 6, 28), {"CT02": 5}, name="a.xlsx")
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 6}, name="b.xlsx")
    chosen, fates = _dedupe(reg, tmp_path / "input")
    assert fates == {"a.xlsx": "hop_le", "b.xlsx": "hop_le"} and chosen.issues == []
