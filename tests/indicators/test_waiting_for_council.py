"""The khóm văn hóa count (target 31, "giữ vững 3/3 khóm văn hóa", ≥ 3 of the register's 3 khóm)
depends on the council: it reads "chờ Hội đồng" until the council's form decides it, never 0
nor "không đạt"."""

from __future__ import annotations

from fractions import Fraction
from types import SimpleNamespace

from pipeline.council.stage import khom_culture
from pipeline.indicators.aggregate import WARD, Totals
from pipeline.indicators.evaluate import PENDING, evaluate
from pipeline.indicators.sheets import target_frame


def _ct31(reg, outcomes):
    target = next(t for t in reg.targets if t.code == "CT31")
    return evaluate([Totals(target, "ca_nam", WARD, (), (), {}, 0, 0, "")], reg, None, outcomes)[0]


def test_before_the_council_the_target_waits(reg):
    r = _ct31(reg, {"KH01": PENDING, "KH02": PENDING, "KH03": PENDING})
    assert (r.value, r.status, r.percent_of_goal) == (None, "cho_hoi_dong", None)
    assert r.missing == ("Khóm Sơn Đông (chờ Hội đồng)", "Khóm Sơn Tây (chờ Hội đồng)", "Khóm Hòa Thuận (chờ Hội đồng)")
    row = target_frame([r], reg, scope_khom=False).iloc[0]
    assert (row["gia_tri"], row["trang_thai"]) in ((None, "cho_hoi_dong"), ("", "cho_hoi_dong"))


def test_one_khom_pending_that_could_still_meet_the_target_waits(reg):
    """2 recognised + 1 pending: 2 < 3 now, 3 ≥ 3 if approved: the council decides it."""
    r = _ct31(reg, {"KH01": "du_dieu_kien", "KH02": "du_dieu_kien", "KH03": PENDING})
    assert (r.value, r.status, r.provisional) == (Fraction(2), "cho_hoi_dong", True)


def test_one_khom_pending_that_cannot_change_the_result_does_not_wait(reg):
    """1 recognised, 1 rejected, 1 pending: even approved, 2 < 3: not met, still provisional."""
    r = _ct31(reg, {"KH01": "du_dieu_kien", "KH02": "khong_du_dieu_kien", "KH03": PENDING})
    assert (r.value, r.status, r.provisional) == (Fraction(1), "khong_dat", True)
    r = _ct31(reg, {"KH01": "du_dieu_kien", "KH02": "du_dieu_kien", "KH03": "du_dieu_kien"})
    assert (r.value, r.status, r.provisional) == (Fraction(3), "dat", False)


def _decision(unit, outcome="du_dieu_kien"):
    return SimpleNamespace(unit=unit, title="KHOM_VH", outcome=outcome, campaign="")


def test_khom_culture_before_and_after_the_councils_form():
    decisions = [_decision("KH01"), _decision("KH02", "khong_du_dieu_kien"), _decision("KH03")]
    awards = SimpleNamespace(decisions=decisions)
    before = SimpleNamespace(decided=False, entries=[], approve="Đồng ý", reject="Không đồng ý")
    # the tool's own evaluation (eligible, not eligible) does not count before the council decides
    assert khom_culture(awards, before) == {"KH01": PENDING, "KH02": PENDING, "KH03": PENDING}
    lacking = SimpleNamespace(decisions=[_decision("KH01", "thieu_du_lieu"), _decision("KH02", "can_xem_xet")])
    assert khom_culture(lacking, before) == {"KH01": "thieu_du_lieu", "KH02": PENDING}
    entries = [SimpleNamespace(decision=decisions[0], choice="Đồng ý", held=False),
               SimpleNamespace(decision=decisions[1], choice="Đồng ý", held=False),   # approved against the tool
               SimpleNamespace(decision=decisions[2], choice="Hoãn", held=False)]
    after = SimpleNamespace(decided=True, entries=entries, approve="Đồng ý", reject="Không đồng ý")
    assert khom_culture(awards, after) == {"KH01": "du_dieu_kien", "KH02": "du_dieu_kien", "KH03": PENDING}
    entries[2] = SimpleNamespace(decision=decisions[2], choice="Đồng ý", held=True)   # invalid vote count
    assert khom_culture(awards, after)["KH03"] == PENDING
