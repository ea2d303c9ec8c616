"""Names typed without a Vietnamese keyboard: one unit matches, the file is used with a warning;
a name of another unit is a conflict, and the file is "không dùng được" for the template's unit."""

from __future__ import annotations

from pipeline.run import report
from tests.conftest import D, read_csv


def test_loose_match_finds_exactly_one_unit(reg):
    assert [u.code for u in reg.match_unit_loosely("khom son tay")] == ["KH02"]
    assert [u.code for u in reg.match_unit_loosely("  SON TAY ")] == ["KH02"]          # no "Khóm"
    assert [u.code for u in reg.match_unit_loosely("Ban Van hoa - Xa hoi")] == ["VHXH"]  # "Ban" added
    assert reg.match_unit_loosely("son") == []                                          # a part is not a name
    assert [p.code for p in reg.match_period_loosely("ca nam")] == ["ca_nam"]


def _run(report_file, tmp_path, reg, header):
    report_file("KH02", "ca_nam", D(2024, 12, 28), {"CT05": (1288, 1290)}, header=header)
    out = tmp_path / "output"
    return report(tmp_path / "input", out, reg), out


def test_unit_typed_without_diacritics_is_used_with_a_warning(reg, report_file, tmp_path):
    outcome, out = _run(report_file, tmp_path, reg, {"don_vi": "khom son tay", "ky": "ca nam"})
    read = [i for i in outcome.issues if i.code == "DOC_GAN_DUNG"]
    assert [(i.severity, i.cell, i.value, i.unit, i.message) for i in read] == [
        ("canh_bao", "C4", "khom son tay", "KH02",
         "\"khom son tay\" (không dấu hoặc khác cách viết) được hiểu là \"Khóm Sơn Tây\"."),
        ("canh_bao", "C5", "ca nam", "KH02",
         "\"ca nam\" (không dấu hoặc khác cách viết) được hiểu là \"Cả năm - đến 31/12/2024\"."),
    ]
    assert read[0].hint == "Nếu đúng thì không cần sửa; lần sau giữ nguyên tên đơn vị ghi sẵn."
    assert not any(i.code == "DON_VI_KHONG_KHOP" for i in outcome.issues)
    slot = [r for r in read_csv(out / "nop_bao_cao.csv") if r["ma_don_vi"] == "KH02" and r["ky"] == "ca_nam"]
    assert [(r["trang_thai"], r["tep"]) for r in slot] == [("hop_le", "KH02_ca_nam.xlsx")]
    ct05 = next(r for r in read_csv(out / "chi_tieu_khom.csv")
                if r["ma"] == "CT05" and r["don_vi"] == "KH02" and r["ky"] == "ca_nam")
    assert ct05["gia_tri"] == "99.844961"     # 1288 / 1290 × 100


def test_name_of_another_unit_is_unusable_for_the_templates_unit(reg, report_file, tmp_path):
    outcome, out = _run(report_file, tmp_path, reg, {"don_vi": "khom son dong"})
    clash = [i for i in outcome.issues if i.code == "DON_VI_KHONG_KHOP"]
    assert [(i.cell, i.value, i.unit) for i in clash] == [("C4", "khom son dong", "KH02")]
    slot = [r for r in read_csv(out / "nop_bao_cao.csv") if r["ma_don_vi"] == "KH02" and r["ky"] == "ca_nam"]
    assert [(r["trang_thai"], r["tep"], r["ghi_chu"]) for r in slot] == [(
        "khong_dung_duoc", "KH02_ca_nam.xlsx",
        "Tên đơn vị \"khom son dong\" không khớp với biểu mẫu phát cho Khóm Sơn Tây.")]
    assert not [i for i in outcome.issues if i.code == "CHUA_NOP" and i.unit == "KH02" and "Cả năm" in i.value]
    ward = next(r for r in read_csv(out / "chi_tieu_phuong.csv") if r["ma"] == "CT05" and r["ky"] == "ca_nam")
    assert ward["don_vi_thieu"] == ("Khóm Sơn Đông (chưa nộp); Khóm Sơn Tây (báo cáo không dùng được); "
                                    "Khóm Hòa Thuận (chưa nộp)")


def test_unreadable_period_is_unusable_in_both_periods_of_the_unit(reg, report_file, tmp_path):
    outcome, out = _run(report_file, tmp_path, reg, {"ky": "quý 3"})
    assert [(i.code, i.cell) for i in outcome.issues if i.code == "KY_KHONG_RO"] == [("KY_KHONG_RO", "C5")]
    slots = [(r["ky"], r["trang_thai"], r["tep"]) for r in read_csv(out / "nop_bao_cao.csv")
             if r["ma_don_vi"] == "KH02" and r["loai_bao_cao"] == "chi_tieu_khom"]
    assert slots == [("dot1", "khong_dung_duoc", "KH02_ca_nam.xlsx"), ("ca_nam", "khong_dung_duoc", "KH02_ca_nam.xlsx")]
