"""Each typed-number problem is told in the words of its own cell; a rejected cell of a two-cell
input names its partner, and every result that lacked it says which input was rejected."""

from __future__ import annotations

from pipeline.awards.samples import write_award_report
from pipeline.run import report
from tests.conftest import D, read_csv

# KH02 rows: CT01 11, CT04 12, CT05 13, … CT22 18, CT24 20, CT28 23, CT29 24; G value, H numerator, I denominator.
KH02 = {"CT05": ("93,5%", 1290), "CT22": (2950, 3180), "CT24": (10, 11), "CT28": "93,5%", "CT29": (1150, 1152)}


def _run(reg, report_file, tmp_path):
    report_file("KH02", "ca_nam", D(2024, 12, 28), KH02)
    form = {"so_tre_do_tuoi": 100, "so_tre_di_hoc": 98, "so_ho_nep_song": 1200, "so_ho_binh_xet": 1200}
    write_award_report(reg, "khom_van_hoa", "KH02", D(2024, 11, 15), form, [], tmp_path / "input" / "kvh.xlsx",
                       tmp_path)
    out = tmp_path / "output"
    return report(tmp_path / "input", out, reg), out


def test_percent_in_money_cell_and_in_numerator(reg, report_file, tmp_path):
    outcome, out = _run(reg, report_file, tmp_path)
    mine = {(i.code, i.cell): i for i in outcome.issues if i.file == "KH02_ca_nam.xlsx" and i.severity == "loi"}
    assert sorted(mine) == [("CAP_SO_BI_LOAI", "I13"), ("SO_LA_TY_LE", "G23"), ("SO_LA_TY_LE", "H13")]
    money = mine[("SO_LA_TY_LE", "G23")]
    assert (money.column, money.message, money.hint) == (
        "Kết quả thực hiện", "Ô này cần kết quả thực hiện bằng số (đồng), nhưng ghi tỷ lệ \"93,5%\".",
        "Ghi kết quả thực hiện bằng số (đồng), không ghi tỷ lệ phần trăm.")
    numerator = mine[("SO_LA_TY_LE", "H13")]
    assert (numerator.message, numerator.hint) == (
        "Ô này cần số lượng (tử số, mẫu số), nhưng ghi tỷ lệ \"93,5%\".",
        "Ghi số lượng (tử số, mẫu số), không ghi tỷ lệ phần trăm; Hội đồng tự tính tỷ lệ.")
    partner = mine[("CAP_SO_BI_LOAI", "I13")]
    assert (partner.column, partner.value, partner.unit, partner.message) == (
        "Mẫu số", "1.290", "KH02",
        "Không tính được tỷ lệ của chỉ tiêu này: ô \"Tử số\" (H13) bị loại nên số 1.290 ở ô \"Mẫu số\" "
        "cùng dòng cũng không được dùng.")
    ward = {r["ma"]: r for r in read_csv(out / "chi_tieu_phuong.csv") if r["ky"] == "ca_nam"}
    assert ward["CT05"]["don_vi_thieu"] == (
        "Khóm Sơn Đông (chưa nộp); Khóm Sơn Tây (số liệu có lỗi: Tử số ô Báo cáo!H13 \"93,5%\" của tệp \"KH02_ca_nam.xlsx\" "
        "bị loại); "
        "Khóm Hòa Thuận (chưa nộp)")
    assert ("Khóm Sơn Tây (số liệu có lỗi: Kết quả thực hiện ô Báo cáo!G23 \"93,5%\" của tệp "
            "\"KH02_ca_nam.xlsx\" bị loại)") in ward["CT28"]["don_vi_thieu"]


def test_khom_culture_ratios_say_which_input_was_rejected(reg, report_file, tmp_path):
    outcome, _ = _run(reg, report_file, tmp_path)
    decision = next(d for d in outcome.awards.decisions if d.unit == "KH02" and d.title == "KHOM_VH")
    threshold = next(c for c in decision.criteria if c.code == "nguong")
    # households (CT05 denominator) are missing, so every ratio over households is unknown and says why;
    # employment 2950/3180 = 92,77 %, children 98/100 = 98 %.
    why = " (chỉ tiêu CT05: Tử số ô Báo cáo!H13 \"93,5%\" của tệp \"KH02_ca_nam.xlsx\" bị loại)"
    assert threshold.value == (
        f"tỷ lệ hộ gia đình văn hóa chưa có số liệu{why}; tỷ lệ hộ nghèo chưa có số liệu{why}; "
        "tỷ lệ người có việc làm 92,77%; tỷ lệ trẻ đi học 98,00%; "
        f"tỷ lệ hộ thực hiện nếp sống văn minh chưa có số liệu{why}")


def test_percent_in_an_award_count(reg, tmp_path):
    from pipeline.intake.discover import discover
    from pipeline.intake.read import read_file
    from pipeline.submissions.validate import validate
    write_award_report(reg, "khom_van_hoa", "KH02", D(2024, 11, 15), {"so_tre_do_tuoi": "50%"}, [],
                       tmp_path / "in" / "kvh.xlsx", tmp_path)
    found, _ = discover(tmp_path / "in")
    v = validate([read_file(f, reg) for f in found], reg)
    issue = next(i for i in v.issues if i.code == "SO_LA_TY_LE")
    assert (issue.message, issue.hint) == (
        "Ô này cần số đếm (số người, số hộ, số tháng, số năm…), nhưng ghi tỷ lệ \"50%\".",
        "Ghi số đếm (số người, số hộ, số tháng, số năm…), không ghi tỷ lệ phần trăm.")
