"""Counting the subjects of a document: each individual, collective and household once, with the
titles and forms of commendation they receive."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from pipeline.council.counts import choice_counts, list_total, subjects_text, tally
from pipeline.council.documents import decision_article

FORMS = ("GK_PHUONG", "GK_PHUONG_TT")


def _e(title, subject, kind="ca_nhan", unit="KH01", birth=None, households=None, choice="Đồng ý", held=False):
    d = SimpleNamespace(title=title, subject=subject, kind=kind, unit=unit, birth=birth, households=households)
    return SimpleNamespace(decision=d, choice=choice, held=held, unit_name=unit)


def test_a_person_with_two_forms_is_one_person_with_two_awards():
    a = dt.date(1980, 1, 2)
    entries = [_e("LDTT", "Lê Văn Thắng", birth=a), _e("GK_PHUONG", "LÊ VĂN THẮNG ", birth=a),
               _e("LDTT", "Lê Văn Thắng", birth=dt.date(1990, 5, 6)),         # a namesake: another person
               _e("LDTT", "Trần Thị Mai", unit="KH02", birth=a),
               _e("GK_PHUONG_TT", "Khóm Sơn Đông", kind="tap_the"),
               _e("GDVH", "Khóm Sơn Đông", kind="ho_gia_dinh", households=(120, 130)),
               _e("GDVH", "Khóm Sơn Tây", kind="ho_gia_dinh", households=(140, 130))]   # held out: 140 > 130
    t = tally(entries, FORMS)
    assert (t.people, t.groups, t.households, t.titles, t.forms, t.awards) == (3, 1, 120, 3, 2, 5)
    assert (t.several_people, t.several_groups) == (1, 0)
    assert subjects_text(t) == "03 cá nhân, 01 tập thể"
    assert list_total(t) == "03 cá nhân, 01 tập thể (05 lượt khen thưởng) và 120 hộ gia đình"
    assert decision_article(t, 2024) == (
        "Khen thưởng 03 cá nhân, 01 tập thể và công nhận 120 hộ gia đình có thành tích trong phong trào thi đua "
        "năm 2024 (có danh sách kèm theo); các cá nhân, tập thể nhận 03 danh hiệu thi đua và 02 hình thức khen "
        "thưởng (trong đó 01 cá nhân nhận từ hai danh hiệu, hình thức trở lên), cụ thể:")


def test_without_anyone_holding_two_the_article_says_nothing_of_it():
    t = tally([_e("LDTT", "A", birth=dt.date(1980, 1, 1)), _e("LDTT", "B", birth=dt.date(1980, 1, 1))], FORMS)
    assert (t.people, t.awards, t.several_people) == (2, 2, 0)
    assert decision_article(t, 2024) == (
        "Khen thưởng 02 cá nhân có thành tích trong phong trào thi đua năm 2024 (có danh sách kèm theo); "
        "các cá nhân nhận 02 danh hiệu thi đua, cụ thể:")


def test_households_alone_and_nobody():
    t = tally([_e("GDVH", "Khóm Sơn Đông", kind="ho_gia_dinh", households=(1402, 1450))], FORMS)
    assert decision_article(t, 2024) == ("Công nhận 1.402 hộ gia đình có thành tích trong phong trào thi đua năm "
                                         "2024 (có danh sách kèm theo), cụ thể:")
    assert decision_article(tally([], FORMS), 2024) == "Chưa có trường hợp được Hội đồng đồng ý."


def test_an_invalid_vote_count_is_undecided_and_counted_apart():
    entries = [_e("LDTT", "A"), _e("LDTT", "B", held=True), _e("LDTT", "C", choice=None),
               _e("LDTT", "D", choice="Không đồng ý"), _e("LDTT", "E", choice="Hoãn")]
    assert choice_counts(entries, "Đồng ý", "Không đồng ý", "Hoãn") == {
        "approve": 1, "reject": 1, "defer": 1, "undecided": 2, "held": 1}
