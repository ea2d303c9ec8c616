"""Statuses and displays decided from totals, independent of files."""

from __future__ import annotations

from fractions import Fraction

from pipeline.indicators.aggregate import WARD, Totals
from pipeline.indicators.evaluate import evaluate
from pipeline.indicators.sheets import decimals_for


def _one(reg, code, period, sums=None, reported=None, yes=0, no=0, scope=WARD):
    target = next(t for t in reg.targets if t.code == code)
    expected = target.reporters if scope == WARD else (scope,)
    reported = expected if reported is None else reported
    totals = Totals(target, period, scope, expected, tuple(reported),
                    {k: Fraction(v) for k, v in (sums or {}).items()}, yes, no, "")
    return evaluate([totals], reg, lambda u, p, t: "chưa nộp")[0]


def test_cumulative_target_before_year_end_is_progress(reg):
    r = _one(reg, "CT37", "dot1", {"gia_tri": 230_000_000})
    assert (r.status, r.percent_of_goal) == ("dang_thuc_hien", Fraction(50))
    assert _one(reg, "CT37", "ca_nam", {"gia_tri": 230_000_000}).status == "khong_dat"
    assert _one(reg, "CT37", "dot1", {"gia_tri": 460_000_000}).status == "dat"


def test_non_cumulative_compared_directly_at_dot1(reg):
    assert _one(reg, "CT09", "dot1", {"gia_tri": 9}).status == "khong_dat"            # a stock: 9 of 10 criteria
    assert _one(reg, "CT07", "dot1", {"gia_tri": 1}).status == "khong_dat"            # "== 0": no progress reading


def test_rate_exactly_on_target(reg):
    r = _one(reg, "CT05", "ca_nam", {"tu_so": 2491, "mau_so": 2500})                  # 99.64 exactly
    assert (r.value, r.status) == (Fraction(9964, 100), "dat")
    r = _one(reg, "CT05", "ca_nam", {"tu_so": Fraction(2490875, 1000), "mau_so": 2500})  # 99.635
    assert r.status == "khong_dat"
    assert decimals_for(r.value, r.goal, "%") == 3    # 99,64 would hide the fail; 99,635 shows it


def test_growth_with_zero_baseline_has_no_value(reg):
    r = _one(reg, "CT01", "ca_nam", {"so_hien_tai": 5, "so_goc": 0})
    assert (r.value, r.status, r.note) == (None, "chua_co_so_lieu", "Số tại ngày gốc bằng 0 nên không tính được tỷ lệ tăng.")


def test_maintained_and_qualitative(reg):
    assert _one(reg, "CT17", "ca_nam", yes=1).answer == "co"
    assert _one(reg, "CT17", "ca_nam", no=1).status == "khong_dat"
    assert _one(reg, "CT35", "ca_nam", yes=1).status == "dat"
    assert _one(reg, "CT35", "ca_nam", reported=()).status == "chua_co_so_lieu"


def test_missing_units_named_and_provisional(reg):
    r = _one(reg, "CT27", "ca_nam", {"tu_so": 1, "mau_so": 100}, reported=("HND",))
    assert r.provisional and r.missing == (
        "Hội Liên hiệp Phụ nữ phường (chưa nộp)", "Hội Cựu chiến binh phường (chưa nộp)",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường (chưa nộp)")


def test_khom_target_only_where_set(reg):
    assert _one(reg, "CT05", "ca_nam", {"tu_so": 99, "mau_so": 100}, scope="KH01").status == "khong_dat"
    assert _one(reg, "CT21", "ca_nam", {"gia_tri": 99}, scope="KH01").status == "chua_co_chi_tieu"


def test_target_without_number(reg):
    r = _one(reg, "CT34", "ca_nam", {"gia_tri": 12})
    assert (r.value, r.goal, r.status) == (Fraction(12), None, "chua_co_chi_tieu")


def test_percent_of_target_never_rounds_a_miss_up_to_100(reg):
    from pipeline.indicators.sheets import percent_shown
    r = _one(reg, "CT05", "dot1", {"tu_so": Fraction(2490875, 1000), "mau_so": 2500})   # 99.635 of 99.64
    assert r.status == "khong_dat"
    assert percent_shown(r.percent_of_goal) == 99.99          # 99.99498 %, not "100.00"
