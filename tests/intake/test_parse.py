"""What people type in cells, understood where unambiguous and flagged where not."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.intake.parse import parse_choice, parse_date, parse_number
from pipeline.text import normalise_key


@pytest.mark.parametrize("typed, integer, value", [
    ("1.234.567", True, 1234567.0), ("1.234.567", False, 1234567.0), ("93,5", False, 93.5),
    ("1.234,5", False, 1234.5), ("1,234.5", False, 1234.5), ("1,234,567", False, 1234567.0),
    ("1.234", True, 1234.0),   # whole-number field: 1,234 households is impossible, so thousands
    ("1,234", True, 1234.0),
    ("12.5", False, 12.5), ("1234,567", False, 1234.567), (" 1 234 567 ", True, 1234567.0),
    ("\u200b12\u00a0", True, 12.0), ("55 ha", False, 55.0), ("130 triệu", True, 130_000_000.0),
    ("428.000.000 đồng", True, 428_000_000.0), ("\u22125", True, -5.0), ("-5", True, -5.0),
    (274.65999999999997, False, 274.66), (12, True, 12.0), (None, True, None), ("  ", True, None),
])
def test_numbers_understood(typed, integer, value):
    parsed = parse_number(typed, integer)
    assert (parsed.value, parsed.code) == (value, None)


@pytest.mark.parametrize("typed, code", [
    ("1.234", "SO_MO_HO"), ("1,234", "SO_MO_HO"),     # decimal field: 1234 or 1,234?
    ("abc", "SO_KHONG_HOP_LE"), ("12 con gà", "SO_KHONG_HOP_LE"), ("1.23.4", "SO_KHONG_HOP_LE"),
    (dt.datetime(2024, 5, 1), "SO_KHONG_HOP_LE"), (True, "SO_KHONG_HOP_LE"),
])
def test_numbers_flagged(typed, code):
    parsed = parse_number(typed, False)
    assert (parsed.value, parsed.code) == (None, code)


def test_ambiguous_number_names_both_readings():
    assert parse_number("1.234", False).detail == "1234 (nếu dấu chấm phân cách hàng nghìn) hoặc 1,234 (nếu là số lẻ)"


def test_percent_is_read_and_marked():
    parsed = parse_number("93,5%", False)
    assert (parsed.value, parsed.percent, parsed.code) == (93.5, True, None)


@pytest.mark.parametrize("typed, word", [
    ("Có", "Có"), (" co ", "Có"), ("CÓ", "Có"), ("x", "Có"), ("Không", "Không"), ("khong", "Không"),
    ("Đạt", "Đạt"), ("dat", "Đạt"), ("Không đạt", "Không đạt"), ("khong  dat", "Không đạt"),
    ("Chưa đạt", "Không đạt"), ("Tốt", "Tốt"), (None, None),
])
def test_choices(typed, word):
    assert parse_choice(typed) == word


@pytest.mark.parametrize("typed, date", [
    ("15/03/2024", dt.date(2024, 3, 15)), ("5-7-2024", dt.date(2024, 7, 5)), ("2024-06-28", dt.date(2024, 6, 28)),
    (45366, dt.date(2024, 3, 15)), (dt.datetime(2024, 6, 28, 0, 0), dt.date(2024, 6, 28)),
    ("31/02/2024", None), ("hôm qua", None), (12, None),
])
def test_dates(typed, date):
    assert parse_date(typed) == date


def test_names_normalised_for_matching():
    assert normalise_key("Khóm Hoà Thuận") == normalise_key("khóm hòa  thuận")
    assert normalise_key("Kho\u0301m") == normalise_key("Khóm")
    assert normalise_key("Hoàng") == "hoàng"   # tone mark inside a syllable stays where it is
