"""The target kinds other plans use (range, result against an assigned plan, per mille, count of
units reaching a status), on a small register built in a temporary folder from the 2024 one; each
boundary from both sides, end to end through filled templates. Figures worked out by hand."""

from __future__ import annotations

import datetime as dt
import shutil
from fractions import Fraction

import pandas as pd
import pytest

from pipeline.indicators.aggregate import WARD, aggregate
from pipeline.indicators.evaluate import evaluate
from pipeline.indicators.samples import write_report
from pipeline.indicators.sheets import target_frame
from pipeline.indicators.templates import format_target
from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.registers.rules import load_rules
from pipeline.run import consolidate

D = dt.date
EXTRA = '''
[[chi_tieu]]
ma = "CT90"
noi_dung = "Huy động học sinh THCS 97 - 98% (vượt 98% là không đạt)"
loai = "khoang"
so_sanh = ">="
chi_tieu = 97
chi_tieu_tren = 98
vuot_tren_van_dat = false
dvt = "%"
don_vi_bao_cao = ["VHXH"]
nhap = { tu_so = "Số học sinh ra lớp", mau_so = "Số học sinh trong độ tuổi" }

[[chi_tieu]]
ma = "CT91"
noi_dung = "Huy động học sinh THCS 97 - 98%"
loai = "khoang"
so_sanh = ">="
chi_tieu = 97
chi_tieu_tren = 98
dvt = "%"
don_vi_bao_cao = ["VHXH"]
nhap = { tu_so = "Số học sinh ra lớp", mau_so = "Số học sinh trong độ tuổi" }

[[chi_tieu]]
ma = "CT92"
noi_dung = "Giải ngân vốn đầu tư công đạt 100% kế hoạch giao"
loai = "ke_hoach"
so_sanh = ">="
chi_tieu = 100
dvt = "%"
don_vi_bao_cao = ["VHXH"]
nhap = { tu_so = "Số vốn đã giải ngân (đồng)", mau_so = "Số vốn kế hoạch giao (đồng)" }

[[chi_tieu]]
ma = "CT93"
noi_dung = "Tỷ suất sinh thô không quá 10,45‰"
loai = "phan_nghin"
so_sanh = "<="
chi_tieu = 10.45
dvt = "‰"
don_vi_bao_cao = ["VHXH"]
nhap = { tu_so = "Số trẻ sinh ra trong năm", mau_so = "Dân số trung bình" }

[[chi_tieu]]
ma = "CT94"
noi_dung = "Giữ vững 3/3 khóm đạt chuẩn đô thị văn minh"
loai = "dem_don_vi"
so_sanh = ">="
chi_tieu = 3
dvt = "khóm"
don_vi_bao_cao = ["khom"]

[[chi_tieu]]
ma = "CT95"
noi_dung = "Giữ vững 3/3 khóm văn hóa"
loai = "dem_don_vi"
so_sanh = ">="
chi_tieu = 3
dvt = "khóm"
don_vi_bao_cao = []
nguon = "binh_xet_khom_van_hoa"
'''


def _registers(tmp_path, extra: str):
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    targets = root / "2024" / "targets.toml"
    targets.write_text(targets.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return load_registers(root=root)


@pytest.fixture(scope="module")
def kinds(tmp_path_factory):
    return _registers(tmp_path_factory.mktemp("kinds"), EXTRA)


def _run(reg, tmp_path, reports: dict) -> dict:
    """reports: unit -> {code: values}; returns {code: (value, status)} for the ward at year end
    and the run's issues."""
    folder = tmp_path / "input"
    for unit, values in reports.items():
        write_report(reg, unit, "ca_nam", D(2024, 12, 28), values, folder / f"{unit}.xlsx")
    c = consolidate(folder, reg, load_rules(2024))
    out = {r.target.code: (r.value, r.status) for r in c.results
           if r.scope == WARD and r.period == "ca_nam" and r.target.code in ("CT90", "CT91", "CT92", "CT93", "CT94")}
    return out, c


def test_the_new_kinds_print_their_target(kinds):
    t = {x.code: x for x in kinds.targets}
    assert [format_target(t[c]) for c in ("CT90", "CT92", "CT93", "CT94")] == ["97 – 98", "≥ 100", "≤ 10,45", "≥ 3"]
    assert (t["CT90"].upper, t["CT90"].above_ok, t["CT91"].above_ok) == (98.0, False, True)


def test_just_below_every_boundary(kinds, tmp_path):
    got, c = _run(kinds, tmp_path, {"VHXH": {"CT90": (9699, 10000), "CT91": (9699, 10000), "CT92": (9999, 10000),
                                             "CT93": (1046, 100000)}})
    assert got["CT90"] == (Fraction(9699, 100), "khong_dat")      # 96,99 % < 97 %
    assert got["CT91"] == (Fraction(9699, 100), "khong_dat")
    assert got["CT92"] == (Fraction(9999, 100), "khong_dat")      # 99,99 % of the plan
    assert got["CT93"] == (Fraction(1046, 100), "khong_dat")      # 10,46 ‰ > 10,45 ‰


def test_on_the_boundaries(kinds, tmp_path):
    got, _ = _run(kinds, tmp_path, {"VHXH": {"CT90": (97, 100), "CT91": (98, 100), "CT92": (100, 100),
                                             "CT93": (1045, 100000)}})
    assert got["CT90"] == (Fraction(97), "dat")                    # the lower bound is met
    assert got["CT91"] == (Fraction(98), "dat")                    # the upper bound is met
    assert got["CT92"] == (Fraction(100), "dat")
    assert got["CT93"] == (Fraction(1045, 100), "dat")


def test_above_the_upper_bound_is_the_registers_choice_and_a_plan_may_be_exceeded(kinds, tmp_path):
    got, c = _run(kinds, tmp_path, {"VHXH": {"CT90": (9801, 10000), "CT91": (9801, 10000), "CT92": (10741, 10000)}})
    assert got["CT90"] == (Fraction(9801, 100), "khong_dat")      # 98,01 %: vuot_tren_van_dat = false
    assert got["CT91"] == (Fraction(9801, 100), "dat")            # default: above the band is still met
    assert got["CT92"] == (Fraction(10741, 100), "dat")           # 107,41 % of the estimate
    assert not [i for i in c.issues if i.code == "TU_SO_LON_HON_MAU_SO"]
    note = next(r.note for r in c.results if r.target.code == "CT90" and r.scope == WARD and r.period == "ca_nam")
    assert note == ("Vượt cận trên 98 của khoảng chỉ tiêu; sổ quy định vượt cận trên là không đạt. "
                    "Chỉ tiêu là một khoảng: không tính % so với chỉ tiêu.")
    csv = target_frame(c.results, kinds, scope_khom=False)
    row = csv[(csv["ma"] == "CT92") & (csv["ky"] == "ca_nam")].iloc[0]
    assert (row["loai"], row["gia_tri"], row["chi_tieu"], row["trang_thai"], row["tu_so"], row["mau_so"]) == (
        "ke_hoach", 107.41, 100.0, "dat", 10741.0, 10000.0)


def test_count_of_khom_from_their_own_answers(kinds, tmp_path):
    got, c = _run(kinds, tmp_path, {k: {"CT94": "Đạt"} for k in ("KH01", "KH02", "KH03")})
    assert got["CT94"] == (Fraction(3), "dat")                     # 3 of 3
    per_khom = {r.scope: (r.value, r.status) for r in c.results if r.target.code == "CT94" and r.period == "ca_nam"
                and r.scope != WARD}
    assert per_khom == {"KH01": (1, "chua_co_chi_tieu"), "KH02": (1, "chua_co_chi_tieu"), "KH03": (1, "chua_co_chi_tieu")}


def test_count_of_khom_one_short(kinds, tmp_path):
    got, _ = _run(kinds, tmp_path, {"KH01": {"CT94": "Đạt"}, "KH02": {"CT94": "Đạt"}, "KH03": {"CT94": "Không đạt"}})
    assert got["CT94"] == (Fraction(2), "khong_dat")               # 2 of 3


def test_count_of_khom_from_the_award_evaluation(kinds):
    totals = aggregate(pd.DataFrame(columns=["ma_chi_tieu", "ky", "ma_don_vi", "gia_tri", "tu_so", "mau_so",
                                             "so_hien_tai", "so_goc", "co_khong", "danh_gia", "giai_trinh"]), kinds)

    def ct95(outcomes):
        r = next(r for r in evaluate(totals, kinds, lambda *a: "chưa nộp", outcomes)
                 if r.target.code == "CT95" and r.scope == WARD and r.period == "ca_nam")
        return r.value, r.status
    ok = {"KH01": "du_dieu_kien", "KH02": "du_dieu_kien", "KH03": "du_dieu_kien"}
    assert ct95(ok) == (Fraction(3), "dat")
    assert ct95(ok | {"KH03": "khong_du_dieu_kien"}) == (Fraction(2), "khong_dat")


@pytest.mark.parametrize("extra, message", [
    ('ma = "CT90"\nnoi_dung = "x"\nloai = "khoang"\nso_sanh = ">="\nchi_tieu = 97\ndon_vi_bao_cao = ["VHXH"]\n'
     'nhap = { tu_so = "a", mau_so = "b" }\n',
     "2024/targets.toml, chỉ tiêu CT90: loại khoang cần chi_tieu_tren là một con số (cận trên của khoảng)."),
    ('ma = "CT90"\nnoi_dung = "x"\nloai = "khoang"\nso_sanh = ">="\nchi_tieu = 97\nchi_tieu_tren = 96\n'
     'don_vi_bao_cao = ["VHXH"]\nnhap = { tu_so = "a", mau_so = "b" }\n',
     "2024/targets.toml, chỉ tiêu CT90: chi_tieu_tren (96) nhỏ hơn chi_tieu (97)."),
    ('ma = "CT90"\nnoi_dung = "x"\nloai = "ty_le"\nso_sanh = ">="\nchi_tieu = 97\nchi_tieu_tren = 98\n'
     'don_vi_bao_cao = ["VHXH"]\nnhap = { tu_so = "a", mau_so = "b" }\n',
     "2024/targets.toml, chỉ tiêu CT90: chi_tieu_tren, vuot_tren_van_dat chỉ dùng cho loại khoang."),
])
def test_range_register_checks(tmp_path, extra, message):
    with pytest.raises(RegisterError) as err:
        _registers(tmp_path, "\n[[chi_tieu]]\n" + extra)
    assert message in err.value.problems


BAND = '''
[[chi_tieu]]
ma = "CT96"
noi_dung = "Tỷ lệ tăng dân số tự nhiên 0,9 - 1,1%"
loai = "khoang"
so_sanh = ">="
chi_tieu = 0.9
chi_tieu_tren = 1.1
chi_tieu_hien_thi = "0,9 - 1,1"
dvt = "%"
don_vi_bao_cao = ["VHXH"]
nhap = { tu_so = "Số dân tăng tự nhiên", mau_so = "Dân số trung bình" }
'''


def test_a_band_prints_as_a_band_without_percent_of_target(tmp_path):
    """A range prints "0,9 – 1,1" (not "≥ 0,9 - 1,1"), and its "% so với chỉ tiêu" stays blank with
    the reason in the note: 105 / 10.000 × 100 = 1,05 % is within the band (met), and against the
    lower bound alone it would read "116,66 %" of a target that is no single number."""
    from pipeline.run import report
    band = _registers(tmp_path, BAND)
    assert format_target(next(t for t in band.targets if t.code == "CT96")) == "0,9 – 1,1"
    write_report(band, "VHXH", "ca_nam", D(2024, 12, 28), {"CT96": (105, 10000)}, tmp_path / "in" / "v.xlsx")
    report(tmp_path / "in", tmp_path / "out", band)
    import openpyxl
    ws = openpyxl.load_workbook(tmp_path / "out" / "bao_cao_thi_dua_2024.xlsx")["Chỉ tiêu phường"]
    row = next(c.row for c in ws["B"] if c.value == "CT96")
    # E: target; cả năm (I, J, K): result, % of target, status; last column: the note
    assert ws.cell(row, 5).value == "0,9 – 1,1"
    assert ws.cell(row, 10).value in (None, "")
    assert "Chỉ tiêu là một khoảng: không tính % so với chỉ tiêu." in ws.cell(row, ws.max_column).value
    from tests.conftest import read_csv
    line = next(r for r in read_csv(tmp_path / "out" / "chi_tieu_phuong.csv") if r["ma"] == "CT96" and r["ky"] == "ca_nam")
    assert (line["gia_tri"], line["trang_thai"], line["ty_le_so_voi_chi_tieu"]) == ("1.05", "dat", "")


def test_a_khom_own_bound_keeps_the_band_and_the_sign(kinds):
    from pipeline.indicators.templates import target_at
    t = {x.code: x for x in kinds.targets}
    assert target_at(t["CT90"], 97.0) == "97 – 98"          # the ward's own bound: as the ward prints it
    assert target_at(t["CT90"], 96.0) == "96 – 98"          # a khóm's lower bound, the band's upper bound
    assert target_at(t["CT93"], 9.5) == "≤ 9,5"
    assert target_at(t["CT92"], 100.0) == "≥ 100"
