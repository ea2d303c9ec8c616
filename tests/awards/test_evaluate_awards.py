"""Eligibility, criterion by criterion, on hand-built records (every value chosen by hand)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.awards.evaluate import evaluate_awards
from pipeline.awards.validate import AwardFrames
from pipeline.registers.rules import load_rules

D = dt.date
PERSON = {"tep": "bx.xlsx", "trang_tinh": "Bình xét", "ma_don_vi": "VPTK", "ngay_sinh": None, "chuc_vu": "Chuyên viên",
          "doi_tuong": "cong_chuc", "ngay_bat_dau": D(2015, 1, 1), "so_thang": float("nan"), "xep_loai": "HTTNV",
          "doan_ket": "co", "ky_luat": None, "ngay_ky_luat": None, "so_sang_kien": float("nan"), "cap_sang_kien": None,
          "qd_sang_kien": None, "de_tai": None, "danh_hieu": "LDTT", "hinh_thuc": "khong", "thanh_tich": None}
GROUP = {"tep": "bx.xlsx", "trang_tinh": "Bình xét", "ma_don_vi": "VPTK", "xep_loai_tap_the": "HTXSNV",
         "phong_trao": "co", "doan_ket_tap_the": "co", "dh_tap_the": "TTLDXS", "ht_tap_the": "khong",
         "thanh_tich_tap_the": None}


@pytest.fixture(scope="module")
def rules():
    return load_rules(2024)


def frames(people=(), groups=(), khom=(), history=(), registrations=()) -> AwardFrames:
    f = AwardFrames()
    for name, rows in (("people", people), ("groups", groups), ("khom", khom), ("history", history),
                       ("registrations", registrations)):
        frame = pd.DataFrame([{"sub": 0, **r} for r in rows])
        setattr(f, name, frame)
        f.addresses[name] = [{"xep_loai": f"H{12 + i}", "ho_ten": f"B{12 + i}", "ngay_bat_dau": f"F{12 + i}",
                              "so_thang": f"G{12 + i}", "tc_moi_truong": "F16"} for i in range(len(rows))]
    f.group_registrations = pd.DataFrame(columns=["sub", "ma_don_vi"])
    return f


def person(name="Nguyễn Văn A", **changes) -> dict:
    return PERSON | {"ho_ten": name} | changes


def run(reg, rules, **kw):
    return evaluate_awards(frames(**kw), {0}, pd.DataFrame(columns=["ma_don_vi", "ma_chi_tieu", "ky"]), reg, rules)


def pick(outcome, name, title):
    return next(d for d in outcome.decisions if d.subject == name and d.title == title)


def criterion(decision, code):
    return next(c for c in decision.criteria if c.code == code)


# ---- Lao động tiên tiến: one case per criterion --------------------------------------------

def test_ldtt_eligible(reg, rules):
    d = pick(run(reg, rules, people=[person()]), "Nguyễn Văn A", "LDTT")
    assert (d.outcome, d.authority, d.proposed) == ("du_dieu_kien", "chu_tich_phuong", True)
    assert [c.result for c in d.criteria] == ["dat"] * 7


@pytest.mark.parametrize("changes, code, result, text", [
    ({"xep_loai": "HTNV"}, "xep_loai", "khong_dat", "xếp loại HTNV, cần HTTNV trở lên"),
    ({"xep_loai": None}, "xep_loai", "thieu_du_lieu", "chưa có xếp loại chất lượng"),
    ({"doan_ket": "khong"}, "doan_ket", "khong_dat", "không đạt yêu cầu tự lực, đoàn kết, tích cực thi đua"),
    ({"doi_tuong": "nguoi_dan"}, "doi_tuong", "khong_dat", "người dân không thuộc đối tượng xét Lao động tiên tiến"),
    ({"doi_tuong": "luc_luong_vu_trang"}, "doi_tuong", "can_xem_xet",
     "lực lượng vũ trang xét danh hiệu Chiến sĩ tiên tiến theo quy định riêng"),
    ({"ngay_bat_dau": D(2024, 7, 2)}, "thoi_gian", "khong_dat", "công tác 5 tháng trong năm, cần từ 6 tháng"),
    ({"ngay_bat_dau": D(2024, 7, 1)}, "thoi_gian", "dat", "công tác 6 tháng trong năm"),
    ({"ngay_bat_dau": None, "so_thang": 5.0}, "thoi_gian", "khong_dat", "công tác 5 tháng trong năm, cần từ 6 tháng"),
    ({"ngay_bat_dau": D(2024, 9, 1), "so_thang": 6.0}, "thoi_gian", "dat", "công tác 6 tháng trong năm"),  # maternity
    ({"ngay_bat_dau": None}, "thoi_gian", "thieu_du_lieu", "chưa ghi ngày bắt đầu công tác hoặc số tháng công tác"),
    ({"ky_luat": "khien_trach", "ngay_ky_luat": D(2024, 5, 10), "doi_tuong": "nguoi_lao_dong"}, "ky_luat",
     "khong_dat", "bị kỷ luật khiển trách ngày 10/05/2024"),
])
def test_ldtt_criteria(reg, rules, changes, code, result, text):
    d = pick(run(reg, rules, people=[person(**changes)]), "Nguyễn Văn A", "LDTT")
    c = criterion(d, code)
    assert (c.result, c.text) == (result, text)
    expected = {"dat": "du_dieu_kien", "khong_dat": "khong_du_dieu_kien"}.get(result, result)
    assert d.outcome == expected


def test_reason_names_the_cell(reg, rules):
    d = pick(run(reg, rules, people=[person(xep_loai="HTNV")]), "Nguyễn Văn A", "LDTT")
    assert d.reason == "Không đủ điều kiện: xếp loại HTNV, cần HTTNV trở lên (Bình xét!H12)"


def test_part_time_staff_parameter(reg, rules):
    p = person(doi_tuong="khong_chuyen_trach")
    assert pick(run(reg, rules, people=[p]), "Nguyễn Văn A", "LDTT").outcome == "du_dieu_kien"
    off = rules.with_overrides(["khong_chuyen_trach_la_nguoi_lao_dong=false"])
    assert pick(run(reg, off, people=[p]), "Nguyễn Văn A", "LDTT").outcome == "khong_du_dieu_kien"


def test_discipline_threshold_parameter_changes_the_outcome(reg, rules):
    p = person(doi_tuong="nguoi_lao_dong", ky_luat="khien_trach", ngay_ky_luat=D(2024, 3, 1))
    assert pick(run(reg, rules, people=[p]), "Nguyễn Văn A", "LDTT").outcome == "khong_du_dieu_kien"
    lenient = rules.with_overrides(["discipline_blocks_ldtt_from=Cảnh cáo"])
    assert pick(run(reg, lenient, people=[p]), "Nguyễn Văn A", "LDTT").outcome == "du_dieu_kien"


def test_registration_required_parameter(reg, rules):
    out = run(reg, rules, people=[person()])
    assert criterion(pick(out, "Nguyễn Văn A", "LDTT"), "dang_ky").text == "chưa đăng ký thi đua (không bắt buộc)"
    assert [(i.code, i.cell) for i in out.issues] == [("CHUA_DANG_KY", "B12")]
    strict = rules.with_overrides(["registration_required=true"])
    d = pick(run(reg, strict, people=[person()]), "Nguyễn Văn A", "LDTT")
    assert (d.outcome, criterion(d, "dang_ky").result) == ("khong_du_dieu_kien", "khong_dat")
    registered = [{"tep": "dk.xlsx", "trang_tinh": "Đăng ký", "ma_don_vi": "VPTK", "ho_ten": "nguyễn văn a",
                   "danh_hieu": "LDTT", "hinh_thuc": "khong", "ngay_sinh": None, "chuc_vu": None}]
    assert pick(run(reg, strict, people=[person()], registrations=registered), "Nguyễn Văn A", "LDTT").outcome == "du_dieu_kien"


def test_not_proposed_but_eligible_is_a_suggestion(reg, rules):
    d = pick(run(reg, rules, people=[person(danh_hieu="khong")]), "Nguyễn Văn A", "LDTT")
    assert (d.proposed, d.outcome) == (False, "du_dieu_kien")
    out = run(reg, rules, people=[person(danh_hieu="khong", xep_loai="HTNV")])
    assert not [d for d in out.decisions if d.title == "LDTT"]   # neither proposed nor eligible: not listed


# ---- Chiến sĩ thi đua cơ sở -----------------------------------------------------------------

@pytest.mark.parametrize("changes, result", [
    ({"xep_loai": "HTXSNV"}, "du_dieu_kien"),
    ({"so_sang_kien": 1.0, "cap_sang_kien": "co_so"}, "du_dieu_kien"),
    ({"de_tai": "co"}, "du_dieu_kien"),
    ({}, "khong_du_dieu_kien"),                                         # HTTNV, nothing else
    ({"so_sang_kien": 1.0, "cap_sang_kien": None}, "thieu_du_lieu"),      # initiative without its level
    ({"xep_loai": "HTXSNV", "doan_ket": "khong"}, "khong_du_dieu_kien"),  # not LĐTT
])
def test_cstdcs(reg, rules, changes, result):
    d = pick(run(reg, rules, people=[person(danh_hieu="CSTDCS", **changes)]), "Nguyễn Văn A", "CSTDCS")
    assert d.outcome == result
    assert d.authority == "chu_tich_thi_xa"


def test_cstdcs_quota_ranks_with_ties_and_drops_nobody(reg, rules):
    """7 LĐTT, 15 % → at most 1 CSTĐCS; 4 candidates: A (HTXSNV + initiative) rank 1, B and C
    (HTXSNV) tied at rank 2, D (initiative only) rank 4."""
    people = [person("A", xep_loai="HTXSNV", so_sang_kien=1.0, cap_sang_kien="co_so", danh_hieu="CSTDCS"),
              person("B", xep_loai="HTXSNV", danh_hieu="CSTDCS"), person("C", xep_loai="HTXSNV", danh_hieu="CSTDCS"),
              person("D", so_sang_kien=2.0, cap_sang_kien="co_so", danh_hieu="CSTDCS"),
              person("E"), person("F"), person("G")]
    quota = rules.with_overrides(["cstdcs_max_ratio_of_ldtt=0.15"])
    out = run(reg, quota, people=people)
    ranked = {n: pick(out, n, "CSTDCS") for n in "ABCD"}
    assert {n: d.outcome for n, d in ranked.items()} == {n: "can_xem_xet" for n in "ABCD"}
    assert criterion(ranked["A"], "ty_le").text == ("vượt tỷ lệ: 4 người đủ tiêu chuẩn, tỷ lệ tối đa 15,00% × 7 Lao "
                                                   "động tiên tiến = 1; Hội đồng chọn 1 trong 4; xếp hạng 1")
    assert criterion(ranked["B"], "ty_le").text.endswith("xếp hạng 2 (đồng hạng 2 người)")
    assert criterion(ranked["C"], "ty_le").text.endswith("xếp hạng 2 (đồng hạng 2 người)")
    assert criterion(ranked["D"], "ty_le").text.endswith("xếp hạng 4")
    # without the parameter (the register's default): no cap
    assert pick(run(reg, rules, people=people), "D", "CSTDCS").outcome == "du_dieu_kien"
    # a cap the candidates fit in: everybody eligible
    assert pick(run(reg, rules.with_overrides(["cstdcs_max_ratio_of_ldtt=0.6"]), people=people), "D",
                "CSTDCS").outcome == "du_dieu_kien"


def test_ldtt_quota(reg, rules):
    people = [person("A", xep_loai="HTXSNV"), person("B"), person("C")]
    out = run(reg, rules.with_overrides(["ldtt_max_ratio=0.5"]), people=people)   # 1 of 3
    assert [pick(out, n, "LDTT").outcome for n in "ABC"] == ["can_xem_xet"] * 3
    assert criterion(pick(out, "A", "LDTT"), "ty_le").text.endswith("xếp hạng 1")
    assert criterion(pick(out, "B", "LDTT"), "ty_le").text.endswith("xếp hạng 2 (đồng hạng 2 người)")


# ---- consecutive years ------------------------------------------------------------------------

BORN = D(1985, 4, 12)


def _history(name, *items, birth=BORN):
    return [{"tep": "ls.xlsx", "trang_tinh": "Lịch sử", "ma_don_vi": "PHUONG", "loai_doi_tuong": "ca_nhan",
             "ho_ten": name, "ngay_sinh": birth, "don_vi": "", "nam": float(y), "noi_dung": item} for item, y in items]


def test_bang_khen_chain(reg, rules):
    p = person(ngay_sinh=BORN, xep_loai="HTXSNV", danh_hieu="CSTDCS", hinh_thuc="BK_TINH")
    ok = run(reg, rules, people=[p], history=_history("Nguyễn Văn A", ("CSTDCS", 2023)))
    assert criterion(pick(ok, "Nguyễn Văn A", "BK_TINH"), "chuoi_nam").text == \
        "2 năm liên tục Chiến sĩ thi đua cơ sở (2023-2024)"
    gap = run(reg, rules, people=[p], history=_history("Nguyễn Văn A", ("CSTDCS", 2022), ("LDTT", 2023)))
    d = pick(gap, "Nguyễn Văn A", "BK_TINH")
    assert (d.outcome, criterion(d, "chuoi_nam").text) == (
        "khong_du_dieu_kien", "chuỗi Chiến sĩ thi đua cơ sở bị ngắt năm 2023; không đủ 2 năm liên tục HTXSNV với 2 sáng kiến")
    none = run(reg, rules, people=[p])
    assert pick(none, "Nguyễn Văn A", "BK_TINH").outcome == "thieu_du_lieu"
    # path B: HTXSNV 2023 and 2024 with 1 initiative this year and 1 in 2023
    b = person(ngay_sinh=BORN, xep_loai="HTXSNV", so_sang_kien=1.0, cap_sang_kien="co_so", hinh_thuc="BK_TINH")
    out = run(reg, rules, people=[b], history=_history("Nguyễn Văn A", ("HTXSNV", 2023), ("SK_CO_SO", 2023)))
    assert criterion(pick(out, "Nguyễn Văn A", "BK_TINH"), "chuoi_nam").text == "2 năm liên tục HTXSNV với 2 sáng kiến"
    short = run(reg, rules, people=[b], history=_history("Nguyễn Văn A", ("HTXSNV", 2023)))
    assert pick(short, "Nguyễn Văn A", "BK_TINH").outcome == "khong_du_dieu_kien"   # 1 initiative of 2
    assert pick(out, "Nguyễn Văn A", "BK_TINH").authority == "cap_tinh"


def test_provincial_emulation_fighter(reg, rules):
    p = person(ngay_sinh=BORN, xep_loai="HTXSNV", danh_hieu="CSTD_TINH", so_sang_kien=1.0, cap_sang_kien="tinh")
    ok = run(reg, rules, people=[p], history=_history("Nguyễn Văn A", ("CSTDCS", 2022), ("CSTDCS", 2023)))
    assert pick(ok, "Nguyễn Văn A", "CSTD_TINH").outcome == "du_dieu_kien"
    gap = run(reg, rules, people=[p], history=_history("Nguyễn Văn A", ("CSTDCS", 2023)))
    assert criterion(pick(gap, "Nguyễn Văn A", "CSTD_TINH"), "chuoi_cstdcs").text == \
        "chuỗi Chiến sĩ thi đua cơ sở bị ngắt năm 2022"
    local = person(ngay_sinh=BORN, xep_loai="HTXSNV", danh_hieu="CSTD_TINH", so_sang_kien=1.0, cap_sang_kien="co_so")
    out = run(reg, rules, people=[local], history=_history("Nguyễn Văn A", ("CSTDCS", 2022), ("CSTDCS", 2023)))
    assert criterion(pick(out, "Nguyễn Văn A", "CSTD_TINH"), "sang_kien_tinh").result == "khong_dat"
    assert pick(run(reg, rules.with_overrides(["cstd_tinh_so_nam=2"]), people=[local],
                    history=_history("Nguyễn Văn A", ("CSTDCS", 2023), ("SK_TINH", 2023))), "Nguyễn Văn A",
                "CSTD_TINH").outcome == "du_dieu_kien"


# ---- Giấy khen ----------------------------------------------------------------------------------

def test_certificate_of_merit_goes_to_the_council(reg, rules):
    out = run(reg, rules, people=[person(hinh_thuc="GK_PHUONG", thanh_tich="Làm tốt công tác dân vận"),
                                  person("B", hinh_thuc="GK_PHUONG")])
    d = pick(out, "Nguyễn Văn A", "GK_PHUONG")
    assert (d.outcome, d.reason) == ("can_xem_xet", "Cần Hội đồng xem xét: thành tích: \"Làm tốt công tác dân vận\"; "
                                     "tiêu chuẩn Giấy khen do tỉnh quy định")
    assert pick(out, "B", "GK_PHUONG").outcome == "thieu_du_lieu"


def test_one_achievement_two_forms_and_two_units(reg, rules):
    same = "Vận động quỹ vượt 20%"
    out = run(reg, rules, people=[person(hinh_thuc="GK_PHUONG", thanh_tich=same, ngay_sinh=D(1980, 1, 2)),
                                  person("Trần B", hinh_thuc="BK_TINH", thanh_tich=same),
                                  person(ma_don_vi="MTTQ", ngay_sinh=D(1980, 1, 2))])
    codes = sorted((i.code, i.unit) for i in out.issues if i.code != "CHUA_DANG_KY")
    assert codes == [("NGUOI_HAI_DON_VI", "MTTQ"), ("NGUOI_HAI_DON_VI", "VPTK"),
                     ("THANH_TICH_HAI_HINH_THUC", "VPTK"), ("THANH_TICH_HAI_HINH_THUC", "VPTK")]


def test_household_certificate_comes_only_from_a_campaign_proposal(reg, rules):
    # the year-end evaluation proposes people and collectives; a household is named in a campaign proposal
    # (tests/council/test_household_award.py), decided by the ward chairman on its stated achievement
    out = run(reg, rules, people=[person(hinh_thuc="GK_PHUONG", thanh_tich="Vận động hiến đất làm đường")],
              groups=[GROUP | {"ht_tap_the": "GK_PHUONG_TT", "thanh_tich_tap_the": "Dẫn đầu khối"}])
    assert {d.title for d in out.decisions} >= {"GK_PHUONG", "GK_PHUONG_TT"}
    assert not [d for d in out.decisions if d.title == "GK_PHUONG_HO"]
    r = rules.rules["GK_PHUONG_HO"]
    assert (r.subject, r.authority, tuple(r.criteria)) == ("ho_gia_dinh", "chu_tich_phuong", ("thanh_tich",))


# ---- collectives: both sides of every threshold ----------------------------------------------

def _unit(n_ldtt: int, n_other: int, **member) -> list[dict]:
    return [person(f"L{i}", **member) for i in range(n_ldtt)] + [person(f"X{i}", xep_loai="HTNV") for i in range(n_other)]


@pytest.mark.parametrize("ldtt, other, result", [(2, 2, "khong_dat"), (3, 2, "dat"), (51, 49, "dat"), (1, 1, "khong_dat")])
def test_ttldtt_more_than_half(reg, rules, ldtt, other, result):
    """Exactly 50 % fails ("trên 50%"), anything above passes."""
    d = pick(run(reg, rules, people=_unit(ldtt, other), groups=[GROUP | {"dh_tap_the": "TTLDTT"}]),
             "Văn phòng - Thống kê", "TTLDTT")
    assert criterion(d, "ty_le_ldtt").result == result
    assert d.authority == "chu_tich_thi_xa"


def test_ttldtt_other_criteria(reg, rules):
    people = _unit(3, 1)
    for change, code in (({"xep_loai_tap_the": "HTNV"}, "xep_loai"), ({"phong_trao": "khong"}, "phong_trao"),
                         ({"doan_ket_tap_the": "khong"}, "doan_ket")):
        d = pick(run(reg, rules, people=people, groups=[GROUP | {"dh_tap_the": "TTLDTT"} | change]),
                 "Văn phòng - Thống kê", "TTLDTT")
        assert (d.outcome, criterion(d, code).result) == ("khong_du_dieu_kien", "khong_dat")
    toggle = rules.with_overrides(["ttldtt_khong_ky_luat_tu_canh_cao=true"])
    disciplined = people + [person("K", doi_tuong="nguoi_lao_dong", ky_luat="canh_cao", ngay_ky_luat=D(2024, 2, 2))]
    d = pick(run(reg, toggle, people=disciplined, groups=[GROUP | {"dh_tap_the": "TTLDTT"}]),
             "Văn phòng - Thống kê", "TTLDTT")
    assert criterion(d, "ky_luat").text == "có cá nhân bị kỷ luật từ cảnh cáo: K"
    assert "ky_luat" not in [c.code for c in pick(run(reg, rules, people=disciplined, groups=[GROUP]),
                                                  "Văn phòng - Thống kê", "TTLDTT").criteria]


def test_ttldxs(reg, rules):
    """7 of 10 LĐTT is exactly 70 %: passes; one CSTĐCS needed; every member HTNV or above."""
    people = [person("S", xep_loai="HTXSNV", danh_hieu="CSTDCS")] + [person(f"L{i}") for i in range(6)] + \
             [person(f"X{i}", xep_loai="HTNV") for i in range(3)]
    d = pick(run(reg, rules, people=people, groups=[GROUP]), "Văn phòng - Thống kê", "TTLDXS")
    assert (d.outcome, criterion(d, "ty_le_ldtt").text) == (
        "du_dieu_kien", "7/10 cá nhân đạt Lao động tiên tiến (70,00%), cần từ 70,00%")
    assert d.authority == "cap_tinh"
    fewer = people[:6] + [person(f"X{i}", xep_loai="HTNV") for i in range(4)]   # 6/10
    assert criterion(pick(run(reg, rules, people=fewer, groups=[GROUP]), "Văn phòng - Thống kê", "TTLDXS"),
                     "ty_le_ldtt").result == "khong_dat"
    no_cstd = [person(f"L{i}") for i in range(10)]
    assert criterion(pick(run(reg, rules, people=no_cstd, groups=[GROUP]), "Văn phòng - Thống kê", "TTLDXS"),
                     "co_cstdcs").result == "khong_dat"
    failing = people[:9] + [person("Y", xep_loai="KHTNV")]
    assert criterion(pick(run(reg, rules, people=failing, groups=[GROUP]), "Văn phòng - Thống kê", "TTLDXS"),
                     "hoan_thanh").text == "9/10 cá nhân hoàn thành nhiệm vụ trở lên"
    d = pick(run(reg, rules, people=people, groups=[GROUP | {"xep_loai_tap_the": "HTTNV"}]), "Văn phòng - Thống kê", "TTLDXS")
    assert criterion(d, "xep_loai").result == "khong_dat"


def test_group_certificate(reg, rules):
    g = GROUP | {"ht_tap_the": "GK_PHUONG_TT", "thanh_tich_tap_the": "Dẫn đầu khối"}
    assert pick(run(reg, rules, people=_unit(1, 0), groups=[g]), "Văn phòng - Thống kê", "GK_PHUONG_TT").outcome == "can_xem_xet"


# ---- khóm văn hóa, gia đình văn hóa --------------------------------------------------------

def _khom_run(reg, rules, form_changes=None, values=None):
    form = {"tep": "kvh.xlsx", "trang_tinh": "Khóm văn hóa", "ma_don_vi": "KH01", "so_ho_nep_song": 900.0,
            "so_tre_do_tuoi": 200.0, "so_tre_di_hoc": 190.0, "so_vu_hoa_giai": 1.0, "so_vu_an_ninh": 0.0,
            "so_ho_binh_xet": 950.0, "tc_kinh_te": "co", "tc_van_hoa": "co", "tc_moi_truong": "co",
            "tc_phap_luat": "co", "tc_doan_ket": "co", "de_nghi": "co"} | (form_changes or {})
    rows = values if values is not None else [
        ("CT05", "mau_so", 1000.0), ("CT29", "so_hien_tai", 900.0), ("CT24", "so_hien_tai", 20.0),
        ("CT22", "tu_so", 460.0), ("CT22", "mau_so", 500.0)]
    by_target: dict[str, dict] = {}
    for t, col, v in rows:   # one row per target, as the indicator frame has
        by_target.setdefault(t, {"ma_don_vi": "KH01", "ky": "ca_nam", "ma_chi_tieu": t, "gia_tri": None,
                                 "tu_so": None, "mau_so": None, "so_hien_tai": None})[col] = v
    frame = pd.DataFrame(list(by_target.values()))
    return evaluate_awards(frames(khom=[form]), {0}, frame, reg, rules)


def test_khom_culture_needs_the_council_while_thresholds_are_empty(reg, rules):
    out = _khom_run(reg, rules)
    d = pick(out, "Khóm Sơn Đông", "KHOM_VH")
    assert d.outcome == "can_xem_xet"
    assert criterion(d, "nguong").value == ("tỷ lệ hộ gia đình văn hóa 90,00%; tỷ lệ hộ nghèo 2,00%; tỷ lệ người có việc "
                                            "làm 92,00%; tỷ lệ trẻ đi học 95,00%; tỷ lệ hộ thực hiện nếp sống văn minh 90,00%")
    assert pick(out, "Khóm Sơn Tây", "KHOM_VH").outcome == "thieu_du_lieu"     # no form from KH02
    gd = pick(out, "Khóm Sơn Đông", "GDVH")
    assert (gd.outcome, criterion(gd, "so_lieu").value) == ("can_xem_xet", "900/950")


def test_khom_culture_thresholds_set_by_the_council(reg, rules):
    set_ = rules.with_overrides(["khom_vh_ty_le_gdvh_toi_thieu=85", "khom_vh_ty_le_ho_ngheo_toi_da=3",
                                 "khom_vh_ty_le_co_viec_lam_toi_thieu=90", "khom_vh_ty_le_tre_di_hoc_toi_thieu=95",
                                 "khom_vh_ty_le_nep_song_toi_thieu=80"])
    assert pick(_khom_run(reg, set_), "Khóm Sơn Đông", "KHOM_VH").outcome == "du_dieu_kien"   # 95 % is "từ 95"
    stricter = set_.with_overrides(["khom_vh_ty_le_gdvh_toi_thieu=90.5"])
    d = pick(_khom_run(reg, stricter), "Khóm Sơn Đông", "KHOM_VH")
    assert criterion(d, "nguong").text == "tỷ lệ hộ gia đình văn hóa 90,00% dưới ngưỡng 90.5%"
    no_env = pick(_khom_run(reg, rules, {"tc_moi_truong": "khong"}), "Khóm Sơn Đông", "KHOM_VH")
    assert (no_env.outcome, no_env.reason) == ("khong_du_dieu_kien", "Không đủ điều kiện: môi trường an toàn, sạch đẹp: "
                                               "không (Khóm văn hóa!F16)")


def test_household_count_above_evaluated_is_flagged(reg, rules):
    out = _khom_run(reg, rules, {"so_ho_binh_xet": 800.0})
    assert [(i.code, i.value, i.severity) for i in out.issues] == [("SO_HO_VUOT_BINH_XET", "900", "canh_bao")]


def test_target_31_from_khom_culture(reg, rules):
    from fractions import Fraction

    from pipeline.indicators.aggregate import WARD, Totals
    from pipeline.indicators.evaluate import evaluate
    target = next(t for t in reg.targets if t.code == "CT31")
    totals = [Totals(target, p, WARD, (), (), {}, 0, 0, "") for p in ("dot1", "ca_nam")]
    r = evaluate(totals, reg, None, {"KH01": "du_dieu_kien", "KH02": "du_dieu_kien", "KH03": "du_dieu_kien"})
    assert [(x.period, x.status) for x in r] == [("dot1", "chua_co_so_lieu"), ("ca_nam", "dat")]
    r = evaluate(totals, reg, None, {"KH01": "du_dieu_kien", "KH02": "khong_du_dieu_kien", "KH03": "can_xem_xet"})[1]
    assert (r.value, r.status, r.provisional, r.missing) == (Fraction(1), "khong_dat", True,
                                                             ("Khóm Hòa Thuận (cần Hội đồng xem xét)",))
    r = evaluate(totals, reg, None, {"KH01": "thieu_du_lieu"})[1]
    assert r.status == "chua_co_so_lieu"


@pytest.mark.parametrize("changes, either, both", [
    ({"xep_loai": "HTXSNV"}, "du_dieu_kien", "khong_du_dieu_kien"),
    ({"so_sang_kien": 1.0, "cap_sang_kien": "co_so"}, "du_dieu_kien", "khong_du_dieu_kien"),
    ({"xep_loai": "HTXSNV", "so_sang_kien": 1.0, "cap_sang_kien": "co_so"}, "du_dieu_kien", "du_dieu_kien"),
    ({"xep_loai": "HTXSNV", "de_tai": "co"}, "du_dieu_kien", "du_dieu_kien"),
    ({}, "khong_du_dieu_kien", "khong_du_dieu_kien"),
])
def test_cstdcs_either_or_both_is_the_years_rule(reg, rules, changes, either, both):
    """cstdcs_can_ca_hai: false (2024) one of HTXSNV / an initiative is enough; true, both are needed."""
    strict = rules.with_overrides(["cstdcs_can_ca_hai=true"])
    for r, expected in ((rules, either), (strict, both)):
        d = pick(run(reg, r, people=[person(danh_hieu="CSTDCS", **changes)]), "Nguyễn Văn A", "CSTDCS")
        assert d.outcome == expected, (r.params["cstdcs_can_ca_hai"], changes)
    d = pick(run(reg, strict, people=[person(danh_hieu="CSTDCS", xep_loai="HTXSNV")]), "Nguyễn Văn A", "CSTDCS")
    assert criterion(d, "thanh_tich").text == ("cần cả xếp loại HTXSNV và sáng kiến hoặc đề tài được công nhận; "
                                               "còn thiếu sáng kiến hoặc đề tài được công nhận")
