"""Sums per target, scope and period: exact, and only over the units that should report."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from pipeline.indicators.aggregate import WARD, aggregate


def _rows(records):
    base = {"gia_tri": None, "tu_so": None, "mau_so": None, "so_hien_tai": None, "so_goc": None,
            "co_khong": None, "danh_gia": None, "giai_trinh": None}
    columns = ["ma_chi_tieu", "ky", "ma_don_vi", *base]
    return pd.DataFrame([base | r for r in records], columns=columns).astype(
        {k: "float64" for k in ("gia_tri", "tu_so", "mau_so", "so_hien_tai", "so_goc")})


def _find(totals, code, period, scope):
    return next(t for t in totals if t.target.code == code and t.period == period and t.scope == scope)


def test_sums_are_exact_decimals(reg):
    values = _rows([
        {"ma_chi_tieu": "CT04", "ky": "ca_nam", "ma_don_vi": "KH01", "gia_tri": 0.1},
        {"ma_chi_tieu": "CT04", "ky": "ca_nam", "ma_don_vi": "KH02", "gia_tri": 0.2},
    ])
    totals = aggregate(values, reg)
    t = _find(totals, "CT04", "ca_nam", WARD)
    assert t.sums == {"gia_tri": Fraction(3, 10)}       # 0.1 + 0.2 is 0.3, not 0.30000000000000004
    assert (t.expected, t.reported) == (("KH01", "KH02", "KH03"), ("KH01", "KH02"))


def test_rates_sum_numerators_and_denominators_per_scope(reg):
    values = _rows([
        {"ma_chi_tieu": "CT05", "ky": "dot1", "ma_don_vi": "KH01", "tu_so": 99, "mau_so": 100},
        {"ma_chi_tieu": "CT05", "ky": "dot1", "ma_don_vi": "KH03", "tu_so": 1996, "mau_so": 2000},
    ])
    totals = aggregate(values, reg)
    assert _find(totals, "CT05", "dot1", WARD).sums == {"tu_so": Fraction(2095), "mau_so": Fraction(2100)}
    assert _find(totals, "CT05", "dot1", "KH03").sums == {"tu_so": Fraction(1996), "mau_so": Fraction(2000)}
    assert _find(totals, "CT05", "dot1", "KH02").reported == ()
    assert _find(totals, "CT05", "ca_nam", WARD).reported == ()


def test_a_value_from_a_unit_that_does_not_owe_it_is_not_counted(reg):
    values = _rows([{"ma_chi_tieu": "CT02", "ky": "ca_nam", "ma_don_vi": "VPTK", "gia_tri": 5}])
    t = _find(aggregate(values, reg), "CT02", "ca_nam", WARD)
    assert (t.reported, t.sums) == ((), {})


def test_answers_counted(reg):
    values = _rows([{"ma_chi_tieu": "CT17", "ky": "ca_nam", "ma_don_vi": "VHXH", "co_khong": "Không"},
                    {"ma_chi_tieu": "CT35", "ky": "ca_nam", "ma_don_vi": "CAP", "danh_gia": "Đạt", "giai_trinh": "Tốt"}])
    totals = aggregate(values, reg)
    assert (_find(totals, "CT17", "ca_nam", WARD).yes, _find(totals, "CT17", "ca_nam", WARD).no) == (0, 1)
    t = _find(totals, "CT35", "ca_nam", WARD)
    assert (t.yes, t.no, t.justification) == (1, 0, "Tốt")


def test_khom_scopes_only_for_khom_targets(reg):
    totals = aggregate(_rows([]), reg)
    scopes = {(t.target.code, t.scope) for t in totals if t.period == "ca_nam"}
    assert ("CT28", "KH02") in scopes and ("CT02", "KH01") not in scopes
    assert len(totals) == 2 * (37 + 15 * 3)    # both periods: 37 ward lines, 15 khóm targets × 3 khóm
