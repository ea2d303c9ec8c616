"""End to end over a fixture folder whose expected figures were worked out by hand.

Year-end (ca_nam) submissions: KH01 and KH02 (KH03 missing), most departments; Đợt 1: TCKT and
KH01 only. Every figure below is computed by hand in the comment beside it.
"""

from __future__ import annotations

import pytest

from pipeline.run import report
from tests.conftest import D, read_csv

KHOM_1 = {  # KH01, cả năm
    "CT01": (205, 200), "CT04": "30,5", "CT05": (99, 100), "CT06": (100, 100), "CT07": 0,
    "CT22": (92, 100), "CT23": (70, 100), "CT24": (10, 11), "CT25": (12, 12), "CT29": (500, 500), "CT33": 0,
}
KHOM_2 = {  # KH02, cả năm
    "CT01": (102, 100), "CT04": 24.5, "CT05": (1996, 2000), "CT06": (1999, 2000), "CT07": 1,
    "CT22": (184, 200), "CT23": (140, 200), "CT24": (5, 5), "CT25": (9, 9), "CT29": (300, 301), "CT33": 0,
}


@pytest.fixture(scope="module")
def outcome(tmp_path_factory, reg):
    from pipeline.indicators.samples import write_report
    root = tmp_path_factory.mktemp("e2e")
    inp, out = root / "input", root / "output"

    def put(unit, period, date, values, name, extra=None):
        write_report(reg, unit, period, date, values, inp / name, extra=extra)

    put("KH01", "ca_nam", D(2024, 12, 28), KHOM_1, "thu muc con/zzz khong ten.xlsx")   # renamed, in a subfolder
    put("KH02", "ca_nam", D(2024, 12, 28), KHOM_2, "KH02.xlsx")
    put("KH01", "dot1", D(2024, 6, 28), {"CT21": 50}, "KH01 dot1.xlsx")
    put("TCKT", "dot1", D(2024, 6, 28), {"CT02": 200_000_000}, "TCKT dot1.xlsx")
    put("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": "428.000.000"}, "TCKT.xlsx")
    put("VPTK", "ca_nam", D(2024, 12, 28), {"CT03": 63_999_999, "CT32": ("Đạt", "Đúng hẹn 100%"),
                                            "CT36": ("Không đạt", "Còn 2 tiêu chí")}, "VPTK.xlsx")
    put("VHXH", "ca_nam", D(2024, 12, 28), {"CT17": "Có", "CT18": "Không", "CT19": "co", "CT20": "Có",
                                            "CT30": (30, 30)}, "VHXH.xlsx")
    put("TYT", "ca_nam", D(2024, 12, 28), {"CT09": 10, "CT10": (15, 100), "CT11": (819, 10000)}, "TYT.xlsx")
    put("TYT", "ca_nam", D(2024, 12, 28), {"CT09": 10, "CT10": (15, 100), "CT11": (819, 10000)}, "TYT (1).xlsx")
    put("THNH", "ca_nam", D(2024, 12, 28), {"CT13": (100, 100), "CT15": (1, 100)}, "THNH.xlsx")
    put("THCSNH", "ca_nam", D(2024, 12, 28), {"CT14": (97, 100), "CT16": (19, 1000)}, "THCS.xlsx")
    put("CHQS", "ca_nam", D(2024, 12, 28), {"CT34": 10}, "CHQS.xlsx")
    put("CAP", "ca_nam", D(2024, 12, 28), {"CT35": ("Đạt", "Tốt")}, "CAP a.xlsx")
    put("CAP", "ca_nam", D(2024, 12, 28), {"CT35": ("Không đạt", "Chưa tốt")}, "CAP b.xlsx")
    put("MTTQ", "ca_nam", D(2024, 12, 20), {"CT37": 400_000_000}, "MTTQ cu.xlsx")
    put("MTTQ", "ca_nam", D(2025, 1, 2), {"CT37": 460_000_000}, "MTTQ moi.xlsx")
    put("HND", "ca_nam", D(2024, 12, 28), {"CT27": (2, 100)}, "HND.xlsx")
    put("HLHPN", "ca_nam", D(2024, 12, 28), {"CT27": (1, 100)}, "HLHPN.xlsx")
    result = report(inp, out, reg)
    return result, out


def ward(out, code, period):
    rows = [r for r in read_csv(out / "chi_tieu_phuong.csv") if r["ma"] == code and r["ky"] == period]
    assert len(rows) == 1
    return rows[0]


def khom(out, code, unit, period):
    rows = [r for r in read_csv(out / "chi_tieu_khom.csv")
            if r["ma"] == code and r["don_vi"] == unit and r["ky"] == period]
    assert len(rows) == 1
    return rows[0]


# (code, period): (value as written in the CSV, status, provisional, missing units)
MISSING_KH03 = "Khóm Hòa Thuận (chưa nộp)"
EXPECTED_WARD = {
    # rate by sums: (99+1996)/(100+2000) = 2095/2100 = 99.761905 >= 99.64 (the mean of rates, 99.4, would fail)
    ("CT05", "ca_nam"): ("99.761905", "dat", "co", MISSING_KH03),
    # (100+1999)/2100 = 99.952381 < 100
    ("CT06", "ca_nam"): ("99.952381", "khong_dat", "co", MISSING_KH03),
    # (92+184)/300 = 92 exactly, ">=": met
    ("CT22", "ca_nam"): ("92.0", "dat", "co", MISSING_KH03),
    # (70+140)/300 = 70 exactly, strict ">" ("trên 70%"): not met
    ("CT23", "ca_nam"): ("70.0", "khong_dat", "co", MISSING_KH03),
    # growth: (307-300)/300 = 2.333333 % < 2.5
    ("CT01", "ca_nam"): ("2.333333", "khong_dat", "co", MISSING_KH03),
    # reduction: (11+5)-(10+5) = 1 >= 1
    ("CT24", "ca_nam"): ("1.0", "dat", "co", MISSING_KH03),
    # reduction: 21-21 = 0 < 1, year end: not met
    ("CT25", "ca_nam"): ("0.0", "khong_dat", "co", MISSING_KH03),
    # sum: "30,5" + 24.5 = 55 >= 55
    ("CT04", "ca_nam"): ("55.0", "dat", "co", MISSING_KH03),
    # outbreaks 0 + 1 = 1, "== 0": not met
    ("CT07", "ca_nam"): ("1.0", "khong_dat", "co", MISSING_KH03),
    # GĐVH: (800-801)/801 = -0.124844 % < 0
    ("CT29", "ca_nam"): ("-0.124844", "khong_dat", "co", MISSING_KH03),
    ("CT33", "ca_nam"): ("0.0", "dat", "co", MISSING_KH03),
    # nothing entered by any khóm: no data, never "không đạt"
    ("CT08", "ca_nam"): ("", "chua_co_so_lieu", "khong",
                         "Khóm Sơn Đông (chưa nhập số liệu); Khóm Sơn Tây (chưa nhập số liệu); Khóm Hòa Thuận (chưa nộp)"),
    ("CT02", "ca_nam"): ("428000000.0", "dat", "khong", ""),          # exactly the target, text "428.000.000"
    ("CT02", "dot1"): ("200000000.0", "dang_thuc_hien", "khong", ""),  # 200/428 = 46.72 % of the year
    ("CT03", "ca_nam"): ("63999999.0", "khong_dat", "khong", ""),
    ("CT32", "ca_nam"): ("dat", "dat", "khong", ""),
    ("CT36", "ca_nam"): ("khong_dat", "khong_dat", "khong", ""),
    ("CT17", "ca_nam"): ("co", "dat", "khong", ""),
    ("CT18", "ca_nam"): ("khong", "khong_dat", "khong", ""),
    ("CT19", "ca_nam"): ("co", "dat", "khong", ""),                    # typed "co" without accent
    ("CT30", "ca_nam"): ("100.0", "dat", "khong", ""),
    ("CT09", "ca_nam"): ("10.0", "dat", "khong", ""),
    ("CT10", "ca_nam"): ("15.0", "dat", "khong", ""),                  # 15/100 = 15, "<= 15"
    ("CT11", "ca_nam"): ("8.19", "dat", "khong", ""),                  # 819/10000 = 8.19 exactly, "<= 8.19"
    ("CT13", "ca_nam"): ("100.0", "dat", "khong", ""),
    ("CT15", "ca_nam"): ("1.0", "khong_dat", "khong", ""),             # 1/100 = 1, strict "< 1"
    ("CT14", "ca_nam"): ("97.0", "dat", "khong", ""),                  # band 97-98, passes at 97
    ("CT16", "ca_nam"): ("1.9", "dat", "khong", ""),                   # 19/1000 = 1.9 < 2
    ("CT12", "ca_nam"): ("", "chua_co_so_lieu", "khong", "Trường Mẫu giáo Nhơn Hưng (chưa nộp)"),
    ("CT34", "ca_nam"): ("10.0", "chua_co_chi_tieu", "khong", ""),
    # two CAP reports, same date, different content: neither used
    ("CT35", "ca_nam"): ("", "chua_co_so_lieu", "khong", "Công an phường (hai báo cáo xung đột)"),
    ("CT37", "ca_nam"): ("460000000.0", "dat", "khong", ""),           # the later report (02/01/2025) wins
    # (2+1)/(100+100) = 1.5 % < 2, HCCB and DTN missing
    ("CT27", "ca_nam"): ("1.5", "dat", "co", "Hội Cựu chiến binh phường (chưa nộp); "
                         "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường (chưa nộp)"),
    # no khóm văn hóa evaluation was submitted: every khóm lacks data, which is never "không đạt"
    ("CT31", "ca_nam"): ("", "chua_co_so_lieu", "khong",
                         "Khóm Sơn Đông (thiếu dữ liệu); Khóm Sơn Tây (thiếu dữ liệu); Khóm Hòa Thuận (thiếu dữ liệu)"),
    # Đợt 1: KH01 only: 50 of 200 jobs = 25 % of the year's target
    ("CT21", "dot1"): ("50.0", "dang_thuc_hien", "co",
                       "Khóm Sơn Tây (chưa nộp); Khóm Hòa Thuận (chưa nộp)"),
    ("CT05", "dot1"): ("", "chua_co_so_lieu", "khong",
                       "Khóm Sơn Đông (chưa nhập số liệu); Khóm Sơn Tây (chưa nộp); Khóm Hòa Thuận (chưa nộp)"),
}


@pytest.mark.parametrize("key", sorted(EXPECTED_WARD))
def test_ward_result(outcome, key):
    _, out = outcome
    row = ward(out, *key)
    assert (row["gia_tri"], row["trang_thai"], row["tam_tinh"], row["don_vi_thieu"]) == EXPECTED_WARD[key]


def test_every_target_for_both_periods(outcome):
    _, out = outcome
    rows = read_csv(out / "chi_tieu_phuong.csv")
    assert len(rows) == 74
    assert {(r["ma"], r["ky"]) for r in rows} == {(f"CT{n:02d}", p) for n in range(1, 38) for p in ("dot1", "ca_nam")}


def test_progress_percentages(outcome):
    _, out = outcome
    # 200 000 000 / 428 000 000 = 46.7289… %, cut (not rounded) to 2 decimals
    assert ward(out, "CT02", "dot1")["ty_le_so_voi_chi_tieu"] == "46.72"
    assert ward(out, "CT21", "dot1")["ty_le_so_voi_chi_tieu"] == "25.0"    # 50 / 200


def test_khom_results(outcome):
    _, out = outcome
    # KH01 growth (205-200)/200 = 2.5 exactly: met; KH02 (102-100)/100 = 2 %: not met
    assert (khom(out, "CT01", "KH01", "ca_nam")["gia_tri"], khom(out, "CT01", "KH01", "ca_nam")["trang_thai"]) == ("2.5", "dat")
    assert khom(out, "CT01", "KH02", "ca_nam")["trang_thai"] == "khong_dat"
    # KH01 electricity 99/100 = 99 % fails on its own although the ward passes
    ct05 = khom(out, "CT05", "KH01", "ca_nam")
    assert (ct05["gia_tri"], ct05["trang_thai"]) == ("99.0", "khong_dat")
    # a ward-wide sum is not split among khóm: the khóm's share shows, without a target
    row = khom(out, "CT04", "KH01", "ca_nam")
    assert (row["gia_tri"], row["trang_thai"]) == ("30.5", "chua_co_chi_tieu")
    # the missing khóm
    row = khom(out, "CT05", "KH03", "ca_nam")
    assert (row["trang_thai"], row["don_vi_thieu"]) == ("chua_co_so_lieu", MISSING_KH03)


def test_submission_register(outcome):
    _, out = outcome
    rows = read_csv(out / "nop_bao_cao.csv")
    by_file = {r["tep"]: r["trang_thai"] for r in rows if r["tep"]}
    assert by_file["thu muc con/zzz khong ten.xlsx"] == "hop_le"
    assert by_file["TYT.xlsx"] == "hop_le"
    assert by_file["TYT (1).xlsx"] == "trung_lap"
    assert by_file["CAP a.xlsx"] == by_file["CAP b.xlsx"] == "xung_dot"
    assert by_file["MTTQ cu.xlsx"] == "bi_thay"
    assert by_file["MTTQ moi.xlsx"] == "hop_le"
    missing = {(r["ma_don_vi"], r["ky"]) for r in rows if r["trang_thai"] == "chua_nop"}
    assert ("KH03", "ca_nam") in missing and ("MGNH", "ca_nam") in missing and ("KH02", "dot1") in missing
    # every expected unit × period appears: 18 units × (2 indicator periods + the award year)
    slots = {(r["ma_don_vi"], r["ky"]) for r in rows}
    assert len(slots) == 54


def test_duplicate_issues(outcome):
    result, _ = outcome
    codes = {(i.code, i.file) for i in result.issues}
    assert ("BAN_TRUNG_GIONG_HET", "TYT (1).xlsx") in codes
    assert ("BAN_XUNG_DOT", "CAP a.xlsx") in codes and ("BAN_XUNG_DOT", "CAP b.xlsx") in codes
    assert ("BAN_CU_BI_THAY", "MTTQ cu.xlsx") in codes


def test_outputs_written(outcome):
    result, out = outcome
    names = sorted(p.name for p in out.iterdir())
    assert names == [".loai_du_lieu", "bao_cao_thi_dua_2024.xlsx", "chi_tieu_khom.csv", "chi_tieu_phuong.csv",
                     "dang_ky_thi_dua.csv", "du_thao_ket_qua_chi_tieu_2024.docx", "khen_thuong.csv",
                     "khen_thuong_tieu_chi.csv", "loi_du_lieu.csv",
                     "mau_ket_qua_hop_hoi_dong_2024.xlsx", "nop_bao_cao.csv", "phan_hoi"]   # no filled decision form
    assert len(list((out / "phan_hoi").iterdir())) == 18   # one feedback workbook per unit
    assert result.exit_code == 1  # the CAP conflict is an error


def test_an_identical_copy_does_not_repeat_the_errors_of_the_file_in_use(reg, report_file, tmp_path):
    """A clerk saves twice: "… (1).xlsx". The cell errors are listed once, on the file in use."""
    import shutil

    from pipeline.registers.rules import load_rules
    from pipeline.run import consolidate
    path = report_file("KH02", "ca_nam", D(2024, 12, 28), {"CT05": ("93,5%", 1290), "CT04": 10}, name="KH02.xlsx")
    shutil.copyfile(path, path.with_name("KH02 (1).xlsx"))
    c = consolidate(tmp_path / "input", reg, load_rules(reg.year))
    mine = sorted((i.file, i.code, i.cell) for i in c.issues if i.file.startswith("KH02"))
    assert ("KH02 (1).xlsx", "BAN_TRUNG_GIONG_HET", "") in mine
    cells = [x for x in mine if x[2] and x[1] != "CHUA_NHAP"]
    assert cells == [("KH02.xlsx", "CAP_SO_BI_LOAI", "I13"), ("KH02.xlsx", "SO_LA_TY_LE", "H13")]
    assert not [x for x in mine if x[0] == "KH02 (1).xlsx" and x[2]]
