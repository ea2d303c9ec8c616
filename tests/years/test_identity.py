"""One person across spellings, on frames built by hand: with no registration the spelling with
diacritics wins (the history's when both have them); a birth date or a unit that differs keeps two
people apart; a campaign proposal takes the registered spelling."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.awards.criteria import COUNCIL, Criterion, Decision
from pipeline.awards.validate import AwardFrames
from pipeline.submissions.validate import Validated
from pipeline.text import plain_key
from pipeline.years.identity import align, respell

D = dt.date
HAI, LAN = D(1980, 1, 5), D(1992, 6, 30)


def _validated(people=(), registrations=(), history=()):
    frames = AwardFrames()
    located = {"sub": 0, "trang_tinh": "Bình xét"}
    frames.people = pd.DataFrame([located | {"tep": "bx.xlsx", "ma_don_vi": u, "ho_ten": n, "ngay_sinh": b}
                                  for n, b, u in people], columns=["sub", "tep", "trang_tinh", "ma_don_vi", "ho_ten",
                                                                   "ngay_sinh"])
    frames.registrations = pd.DataFrame([located | {"tep": "dk.xlsx", "trang_tinh": "Đăng ký", "ma_don_vi": u,
                                                    "ho_ten": n, "ngay_sinh": b} for n, b, u in registrations],
                                        columns=["sub", "tep", "trang_tinh", "ma_don_vi", "ho_ten", "ngay_sinh"])
    frames.history = pd.DataFrame([{"sub": 0, "tep": "ls.xlsx", "trang_tinh": "Lịch sử", "ma_don_vi": "PHUONG",
                                    "loai_doi_tuong": "ca_nhan", "ho_ten": n, "ngay_sinh": b, "don_vi": u,
                                    "nam": 2023.0, "noi_dung": "LDTT"} for n, b, u in history])
    frames.addresses = {"people": [{"ho_ten": f"B{10 + i}"} for i in range(len(people))],
                        "registrations": [{"ho_ten": f"B{12 + i}"} for i in range(len(registrations))],
                        "history": [{"ho_ten": f"C{14 + i}"} for i in range(len(history))]}
    return Validated([], pd.DataFrame(), [], frames)


def test_plain_key_folds_diacritics_case_and_spaces():
    assert plain_key("  Lê  VĂN Thắng ") == plain_key("le van thang") == "le van thang"
    assert plain_key("Đặng Thị Hoa") == "dang thi hoa"


def test_no_registration_the_historys_spelling_with_diacritics_wins(reg):
    v = _validated(people=[("Nguyen Van Hai", HAI, "VPTK")], history=[("Nguyễn Văn Hải", HAI, "Văn phòng - Thống kê")])
    out, issues = align(v, {0}, reg)
    assert out.awards.people["ho_ten"].tolist() == ["Nguyễn Văn Hải"]
    assert out.awards.history["ho_ten"].tolist() == ["Nguyễn Văn Hải"]
    assert [(i.code, i.file, i.cell, i.value, i.unit) for i in issues] == [
        ("TEN_KHAC_DAU", "bx.xlsx", "B10", "Nguyen Van Hai", "VPTK")]
    assert issues[0].message == (
        "Họ tên \"Nguyen Van Hai\" chỉ khớp với \"Nguyễn Văn Hải\" khi bỏ dấu (cùng ngày sinh; dùng họ tên trong lịch "
        "sử; tệp \"ls.xlsx\", ô C14); được hiểu là một người và ghi theo \"Nguyễn Văn Hải\".")
    assert out.awards.history["don_vi_nay"].tolist() == ["VPTK"]


def test_no_registration_a_history_typed_without_diacritics_takes_the_evaluations_spelling(reg):
    v = _validated(people=[("Trần Thị Lan", LAN, "VPTK")], history=[("Tran Thi Lan", LAN, "")])
    out, issues = align(v, {0}, reg)
    assert out.awards.history["ho_ten"].tolist() == ["Trần Thị Lan"]
    assert [(i.code, i.file, i.cell, i.value, i.unit) for i in issues] == [   # the ward's file: the ward's feedback
        ("TEN_KHAC_DAU", "ls.xlsx", "C14", "Tran Thi Lan", "PHUONG")]


def test_another_birth_date_or_another_unit_is_another_person(reg):
    other_birth = _validated(people=[("Trần Thị Lan", LAN, "VPTK")], history=[("Tran Thi Lan", D(1992, 6, 29), "")])
    out, issues = align(other_birth, {0}, reg)
    assert out.awards.history["ho_ten"].tolist() == ["Tran Thi Lan"] and issues == []
    # no birth date in the history: the same unit is needed
    same_unit = _validated(people=[("Trần Thị Lan", LAN, "VPTK")], history=[("Tran Thi Lan", None, "Văn phòng - Thống kê")])
    assert align(same_unit, {0}, reg)[0].awards.history["ho_ten"].tolist() == ["Trần Thị Lan"]
    other_unit = _validated(people=[("Trần Thị Lan", LAN, "VPTK")], history=[("Tran Thi Lan", None, "Khóm Sơn Tây")])
    out, issues = align(other_unit, {0}, reg)
    assert out.awards.history["ho_ten"].tolist() == ["Tran Thi Lan"] and issues == []


def test_a_submission_not_in_use_lends_no_spelling(reg):
    v = _validated(people=[("Nguyen Van Hai", HAI, "VPTK")], registrations=[("Nguyễn Văn Hải", HAI, "VPTK")])
    out, issues = align(v, set(), reg)
    assert out.awards.people["ho_ten"].tolist() == ["Nguyen Van Hai"] and issues == []


def test_a_campaign_proposal_takes_the_registered_spelling(reg):
    v = _validated(registrations=[("Lê Văn Thắng", D(1985, 7, 7), "KH02"), ("Hồ Thị Nga", None, "KH02")])
    loose = Decision("Le Van Thang", "ca_nhan", "KH02", "GK_PHUONG", True, [Criterion("thanh_tich", COUNCIL, "")],
                     "chu_tich_phuong", None, "dot.xlsx", campaign="dot_thi_dua_2")
    exact = Decision("HỒ THỊ NGA", "ca_nhan", "KH02", "GK_PHUONG", True, [], "chu_tich_phuong", None, "dot.xlsx")
    elsewhere = Decision("Le Van Thang", "ca_nhan", "KH03", "GK_PHUONG", True, [], "chu_tich_phuong", None, "dot.xlsx")
    issues = respell([loose, exact, elsewhere], v, {0}, {id(loose): ("Đề nghị theo đợt", "B12")})
    assert (loose.subject, exact.subject, elsewhere.subject) == ("Lê Văn Thắng", "Hồ Thị Nga", "Le Van Thang")
    assert [(i.code, i.file, i.sheet, i.cell, i.value) for i in issues] == [
        ("TEN_KHAC_DAU", "dot.xlsx", "Đề nghị theo đợt", "B12", "Le Van Thang")]


def test_a_registration_typed_without_diacritics_takes_the_evaluations_spelling(reg):
    v = _validated(people=[("Nguyễn Văn Hải", HAI, "VPTK")], registrations=[("NGUYEN VAN HAI", HAI, "VPTK")])
    out, issues = align(v, {0}, reg)
    assert out.awards.people["ho_ten"].tolist() == out.awards.registrations["ho_ten"].tolist() == ["Nguyễn Văn Hải"]
    assert [(i.code, i.file, i.cell, i.value) for i in issues] == [("TEN_KHAC_DAU", "dk.xlsx", "B12", "NGUYEN VAN HAI")]
