"""The sentences of the Word draft, worked out by hand from one result and its comparison."""

from __future__ import annotations

from fractions import Fraction as F

from pipeline.indicators.aggregate import WARD, Totals
from pipeline.indicators.evaluate import Result
from pipeline.years.compare import NO_FIGURES, Comparison, Earlier
from pipeline.years.draft import target_sentence


def _result(t, value, status, answer=None, goal=None, percent=None, missing=(), note=""):
    return Result(t, "ca_nam", WARD, value, answer, goal, status, bool(missing), tuple(missing), percent,
                  Totals(t, "ca_nam", WARD, (), (), {}, 0, 0, ""), note)


def _target(reg, code):
    return next(t for t in reg.targets if t.code == code)


def test_a_rate_states_its_result_its_share_of_the_target_and_last_year(reg):
    t = _target(reg, "CT05")
    r = _result(t, F("99.5"), "khong_dat", goal=F("99.64"), percent=F("99.5") / F("99.64") * 100)
    c = Comparison(Earlier(2023, F("98.25"), None), None, F("1.25"), None, "điểm %", "tăng 1,25 điểm % so với cùng kỳ")
    assert target_sentence(r, c) == ("Hộ sử dụng điện kế đạt 99,64%: kết quả 99,50 %, bằng 99,85 % chỉ tiêu (chỉ tiêu "
                                     "≥ 99,64); tăng 1,25 điểm % so với cùng kỳ (năm 2023: 98,25 %). Đánh giá: không đạt.")


def test_an_answer_names_last_years_answer_once(reg):
    t = next(x for x in reg.targets if x.kind == "duy_tri")
    r = _result(t, None, "dat", answer="co")
    c = Comparison(Earlier(2023, None, "co"), None, None, None, "", "như cùng kỳ (Có)")
    assert target_sentence(r, c).endswith(": kết quả Có (chỉ tiêu Giữ vững); cùng kỳ năm 2023: Có. Đánh giá: đạt.")


def test_no_figures_say_why_on_both_sides(reg):
    t = _target(reg, "CT02")
    r = _result(t, None, "chua_co_so_lieu", missing=("Ban Tài chính (chưa nộp)",))
    c = Comparison(None, None, None, None, "", NO_FIGURES)
    assert target_sentence(r, c) == ("Thu cân đối theo chỉ tiêu huyện giao là 428.000.000 đồng: kết quả chưa có số "
                                     "liệu (Ban Tài chính (chưa nộp)) (chỉ tiêu ≥ 428.000.000); không có số liệu cùng "
                                     "kỳ. Đánh giá: chưa có số liệu, tạm tính.")
