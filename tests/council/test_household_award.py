"""The household Giấy khen (GK_PHUONG_HO): its bonus as data (NĐ 152/2025: 1,5 × a person's amount,
worked from the person's rounded amount and rounded up again; NĐ 98/2023: a factor the council
fills), the campaign proposal's household rows (chosen or typed, with the head's name and address),
and the campaign decision that counts and pays them. Amounts worked by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from pipeline.awards.samples import SAMPLE_OVERRIDES
from pipeline.council.bonus import names, payout
from pipeline.council.campaign import household_name, kind_of
from pipeline.registers.law import bonus_at, rule_set_at
from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.registers.rules import load_rules
from pipeline.run import report
from pipeline.samples import make_samples
from tests.conftest import set_law

HOUSEHOLD = "Giấy khen của Chủ tịch UBND phường (hộ gia đình)"
PERSON = "Giấy khen của Chủ tịch UBND phường (cá nhân)"


def _copy(tmp_path: Path) -> Path:
    out = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, out)
    return out


@pytest.fixture
def root(tmp_path):
    return _copy(tmp_path)


def test_nd_152_household_amount_is_one_and_a_half_times_the_persons_both_sides_of_1_july_2026(root):
    set_law(root, 2024, ngay_nhan_ho_so="2025-07-01", ngay_tinh_luong_co_so="2026-06-30", buoc_lam_tron="1000")
    b = bonus_at(2024, root)
    assert rule_set_at(2024, root).multiples == {"GK_PHUONG_HO": (1.5, "GK_PHUONG")}
    # 2.340.000: person 0,3 × = 702.000; household 1,5 × 702.000 = 1.053.000
    assert (b.base_pay, b.amount("GK_PHUONG"), b.amount("GK_PHUONG_HO"), b.factor("GK_PHUONG_HO")) == (
        2340000, 702000, 1053000, 0.45)
    # 2.530.000 (from 01/07/2026): person 759.000; household 1.138.500, rounded up to 1.000 → 1.139.000
    set_law(root, 2024, ngay_tinh_luong_co_so="2026-07-01")
    assert [bonus_at(2024, root).amount(t) for t in ("GK_PHUONG", "GK_PHUONG_HO")] == [759000, 1139000]
    set_law(root, 2024, buoc_lam_tron="1")
    assert [bonus_at(2024, root).amount(t) for t in ("GK_PHUONG", "GK_PHUONG_HO")] == [759000, 1138500]
    # the person's ROUNDED amount × 1,5: at 2.340.000 and a step of 10.000 the person gets 710.000 (702.000 up),
    # the household 1,5 × 710.000 = 1.065.000 → 1.070.000 (0,45 × 2.340.000 = 1.053.000 would give 1.060.000)
    set_law(root, 2024, ngay_tinh_luong_co_so="2024-12-20", buoc_lam_tron="10000")
    assert [bonus_at(2024, root).amount(t) for t in ("GK_PHUONG", "GK_PHUONG_HO")] == [710000, 1070000]


def test_nd_98_household_factor_is_the_councils_empty_means_not_enough(root):
    set_law(root, 2024, ngay_tinh_luong_co_so="2024-12-20", buoc_lam_tron="1000", GK_PHUONG="0.3")
    b, titles = bonus_at(2024, root), names(load_rules(2024, root))
    assert titles["GK_PHUONG_HO"] == HOUSEHOLD and titles["GK_PHUONG"] == PERSON
    assert (b.amount("GK_PHUONG"), b.amount("GK_PHUONG_HO"), b.multiples) == (702000, None, {})

    class Case:
        def __init__(self, title, kind):
            self.title, self.kind, self.households = title, kind, None
    cases = [Case("GK_PHUONG", "ca_nhan"), Case("GK_PHUONG_HO", "ho"), Case("GK_PHUONG_HO", "ho")]
    paid = payout(cases, b, titles)
    assert paid.total is None and [paid.shown(c) for c in cases] == ["702.000 đ", "", ""]
    assert paid.total_text() == f"chưa đủ tham số (thiếu: hệ số tiền thưởng {HOUSEHOLD})"
    set_law(root, 2024, GK_PHUONG_HO="0.45")
    paid = payout(cases, bonus_at(2024, root), titles)
    # 702.000 + 2 × 0,45 × 2.340.000 (1.053.000) = 2.808.000
    assert (paid.total, paid.total_text()) == (2808000, "2.808.000 đ")


def test_nd_152_household_multiple_missing_its_persons_factor_names_that_factor(root):
    law = root / "luat" / "2025-07-01_nd_152_2025.toml"
    law.write_text(law.read_text(encoding="utf-8").replace("GK_PHUONG = 0.3\n", 'GK_PHUONG = ""\n'), encoding="utf-8")
    set_law(root, 2024, ngay_nhan_ho_so="2025-07-01", ngay_tinh_luong_co_so="2024-12-20", buoc_lam_tron="1000")
    b = bonus_at(2024, root)
    assert (b.amount("GK_PHUONG_HO"), b.factor("GK_PHUONG_HO")) == (None, None)
    assert b.needs(["GK_PHUONG_HO"], {"GK_PHUONG": PERSON}) == [f"hệ số tiền thưởng {PERSON}"]


def test_a_household_factor_the_rule_set_works_out_is_refused_in_the_year(root):
    set_law(root, 2024, ngay_nhan_ho_so="2025-07-01", GK_PHUONG_HO="0.5")
    with pytest.raises(RegisterError) as err:
        rule_set_at(2024, root)
    assert err.value.problems == ["2024/luat_ap_dung.toml, [tien_thuong.he_so] GK_PHUONG_HO: bộ quy định nd_152_2025 "
                                  "tính mức này bằng 1,5 lần mức GK_PHUONG; để trống ô này."]


@pytest.mark.parametrize("block", ['GK_PHUONG_HO = { lan = 1.5, cua = "KHONG_CO" }', "GK_PHUONG_HO = 1.5",
                                   'GK_PHUONG_HO = { lan = "1,5", cua = "GK_PHUONG" }'])
def test_a_malformed_multiple_is_refused_with_its_file(root, block):
    law = root / "luat" / "2025-07-01_nd_152_2025.toml"
    law.write_text(law.read_text(encoding="utf-8").replace('GK_PHUONG_HO = { lan = 1.5, cua = "GK_PHUONG" }', block),
                   encoding="utf-8")
    set_law(root, 2024, ngay_nhan_ho_so="2025-07-01")
    with pytest.raises(RegisterError) as err:
        rule_set_at(2024, root)
    assert err.value.problems == [
        "2025-07-01_nd_152_2025.toml, [tien_thuong.boi_so] GK_PHUONG_HO: ghi { lan = 1.5, cua = \"MÃ\" } (lan là số "
        "dương, dấu chấm; cua là một mã của [tien_thuong.he_so]: LDTT, CSTDCS, TTLDTT, TTLDXS, KHOM_VH, GK_PHUONG, "
        "GK_PHUONG_TT, GDVH, BK_TINH, CSTD_TINH)."]


@pytest.mark.parametrize(("typed", "kind"), [
    ("Hộ gia đình", "Hộ gia đình"), ("ho gia dinh", "Hộ gia đình"), ("Hộ", "Hộ gia đình"), ("hộ GĐ", "Hộ gia đình"),
    ("HỘ GIA ĐÌNH ", "Hộ gia đình"), ("Hộ G.Đ", "Hộ gia đình"), ("ca nhan", "Cá nhân"), ("Tập thể", "Tập thể"),
    ("Hội", None), ("", None), (None, None)])
def test_what_clerks_type_for_the_kind(typed, kind):
    assert kind_of(typed) == kind


@pytest.mark.parametrize(("typed", "named"), [
    ("ông Nguyễn Văn A", "Hộ ông Nguyễn Văn A"), ("Hộ bà Trần Thị B", "Hộ bà Trần Thị B"),
    ("hộ ông Lê C", "Hộ ông Lê C"), ("Hộ gia đình ông Lê C", "Hộ ông Lê C"), ("Hồ Văn D", "Hộ Hồ Văn D")])
def test_a_household_is_named_by_its_head(typed, named):
    assert household_name(typed) == named


# ---- a campaign with households, through the whole run (the 2024 sample set, NĐ 152/2025's rule set) ----

HOUSEHOLD_ROWS = '''
    { ten = "Chi hội Phụ nữ khóm Sơn Đông", tap_the = true, thanh_tich = "Vận động hội viên hiến đất làm đường" },
    { ten = "ông Nguyễn Văn Tư", loai = "ho gia dinh", thanh_tich = "Hiến 120 m² đất mở rộng đường nội ô" },
    { ten = "bà Trần Thị Lan", loai = "Hộ gia đình", dia_chi = "khóm Hòa Thuận", thanh_tich = "Hiến 80 m² đất làm đường" },
    { loai = "Hộ", thanh_tich = "Hiến đất làm đường" },
]'''
DAC_BIET = "Thi dua khen thuong/De nghi khen theo dot - dot_dac_biet - KH01.xlsx"
VPTK = "Thi dua khen thuong/De nghi khen theo dot - dot_thi_dua_2 - VPTK.xlsx"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ho")
    root = _copy(tmp)
    set_law(root, 2024, ngay_nhan_ho_so="2025-07-01", ngay_tinh_luong_co_so="2024-12-20", buoc_lam_tron="1000",
         GK_PHUONG_TT="0.6", GDVH="0")
    scenario = root / "2024" / "du_lieu_mau.toml"
    text = scenario.read_text(encoding="utf-8")
    hoa = "thành lập thị xã\" },\n]"
    assert text.count(hoa) == 1
    text = text.replace(hoa, "thành lập thị xã\" }," + HOUSEHOLD_ROWS)
    mai = '{ ten = "Lý Thị Mai", chuc_vu = "Nhân viên" },   # không ghi thành tích: THIEU_THANH_TICH_DOT\n'
    assert text.count(mai) == 1
    text = text.replace(mai, mai + '    { ten = "ông Phạm Văn Năm", loai = "hộ GĐ", thanh_tich = "Hiến đất làm đường" },\n')
    scenario.write_text(text, encoding="utf-8")
    reg = load_registers(root, 2024)
    make_samples(reg, tmp / "vao")
    rules = load_rules(2024, root).with_overrides(list(SAMPLE_OVERRIDES))
    outcome = report(tmp / "vao", tmp / "ra", reg, sample=True, rules=rules)
    return tmp / "ra", outcome


def _paragraphs(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def _rows(path: Path) -> list[list[str]]:
    return [[c.text for c in r.cells] for t in Document(str(path)).tables[2:] for r in t.rows[1:]]


def test_household_rows_are_read_named_and_checked(run):
    _, outcome = run
    mine = [e.decision for e in outcome.council.entries if e.decision.campaign == "dot_dac_biet"]
    assert [(d.title, d.kind, d.subject, d.address) for d in mine] == [
        ("GK_PHUONG", "ca_nhan", "Lê Văn Hòa", ""),
        ("GK_PHUONG_HO", "ho", "Hộ bà Trần Thị Lan", "khóm Hòa Thuận"),       # its address as written
        ("GK_PHUONG_HO", "ho", "Hộ ông Nguyễn Văn Tư", "khóm Sơn Đông"),      # typed "ho gia dinh"; the proposing khóm
        ("GK_PHUONG_TT", "tap_the", "Chi hội Phụ nữ khóm Sơn Đông", "")]
    nameless = [i for i in outcome.issues if i.code == "THIEU_HO_TEN" and i.file == DAC_BIET]
    assert [(i.sheet, i.cell) for i in nameless] == [("Đề nghị theo đợt", "B15")]
    # a department proposing a household without its address: kept, with a warning on the address cell
    nam = next(e.decision for e in outcome.council.entries if e.decision.subject == "Hộ ông Phạm Văn Năm")
    assert (nam.address, nam.title) == ("", "GK_PHUONG_HO")
    issue = next(i for i in outcome.issues if i.code == "THIEU_DIA_CHI_HO")
    assert (issue.file, issue.sheet, issue.cell, issue.value, issue.severity) == (
        VPTK, "Đề nghị theo đợt", "I14", "ông Phạm Văn Năm", "canh_bao")


def test_the_campaign_decision_counts_lists_and_pays_households(run):
    out, _ = run
    path = out / "van_ban" / "quyet_dinh_khen_thuong_theo_dot_dot_dac_biet.docx"
    text = _paragraphs(path)
    assert "Tặng Giấy khen của Chủ tịch UBND phường cho 01 cá nhân, 01 tập thể và 02 hộ gia đình đã có thành tích" in text
    assert "Về việc khen thưởng các tập thể, cá nhân và hộ gia đình có thành tích xuất sắc trong Đợt thi đua đặc biệt" in text
    # NĐ 152 at 2.340.000: person 702.000; collective 0,6 × = 1.404.000; households 1,5 × 702.000 = 1.053.000
    rows = _rows(path)
    assert [r[1:4] + r[5:] for r in rows] == [
        ["Lê Văn Hòa", "Tổ trưởng tổ dân phố", "Khóm Sơn Đông", "702.000 đ"],
        ["Chi hội Phụ nữ khóm Sơn Đông", "", "Khóm Sơn Đông", "1.404.000 đ"],
        ["Hộ bà Trần Thị Lan, khóm Hòa Thuận", "", "Khóm Sơn Đông", "1.053.000 đ"],
        ["Hộ ông Nguyễn Văn Tư, khóm Sơn Đông", "", "Khóm Sơn Đông", "1.053.000 đ"]]
    # 702.000 + 1.404.000 + 2 × 1.053.000 = 4.212.000
    assert "Tổng số tiền thưởng: 4.212.000 đ (mức lương cơ sở 2.340.000 đ theo Nghị định số 73/2024/NĐ-CP)." in text
    headings = [p.text for p in Document(str(path)).paragraphs if p.text[:3] in ("I. ", "II.", "III")]
    assert headings == ["I. CÁ NHÂN (01)", "II. TẬP THỂ (01)", "III. HỘ GIA ĐÌNH (02)"]
    assert "DỰ THẢO" in text    # the sample set is always a draft; its total is worked out
    # the other campaign: one person, one collective, one household without address (1.053.000)
    other = out / "van_ban" / "quyet_dinh_khen_thuong_theo_dot_dot_thi_dua_2.docx"
    assert "cho 01 cá nhân, 01 tập thể và 01 hộ gia đình" in _paragraphs(other)
    assert ["Hộ ông Phạm Văn Năm", "", "Văn phòng - Thống kê", "1.053.000 đ"] in [r[1:4] + r[5:] for r in _rows(other)]
    # 702.000 + 1.404.000 + 1.053.000
    assert "Tổng số tiền thưởng: 3.159.000 đ" in _paragraphs(other)


def test_the_overview_counts_the_households_a_campaign_decision_names(run):
    out, _ = run
    ws = openpyxl.load_workbook(out / "bao_cao_thi_dua_2024.xlsx")["Tổng quan"]
    special = next(r for r in ws.iter_rows(values_only=True)
                   if isinstance(r[0], str) and r[0].startswith("Quyết định khen thưởng theo đợt: Đợt thi đua đặc biệt"))
    # cá nhân, tập thể, hộ gia đình, lượt, hình thức: 1 + 1 + 2 cases, each one Giấy khen
    assert special[1:6] == (1, 1, 2, 4, 4)


def test_the_bonus_sheet_has_the_household_line_and_its_level_adds_up(run):
    out, _ = run
    ws = openpyxl.load_workbook(out / "bao_cao_thi_dua_2024.xlsx")["Tiền thưởng"]
    rows = list(ws.iter_rows(values_only=True))
    line = next(r for r in rows if r[1] == HOUSEHOLD)
    # 3 households (2 + 1) × 1.053.000 = 3.159.000
    assert line[2:7] == (3, 0.45, 1053000, 3159000, f"1,5 lần mức {PERSON}")
    start = next(i for i, r in enumerate(rows) if isinstance(r[0], str) and r[0].startswith("Chủ tịch UBND phường"))
    end = next(i for i in range(start, len(rows)) if str(rows[i][0]).startswith("Cộng: "))
    assert start < rows.index(line) < end
    assert rows[end][5] == sum(r[5] for r in rows[start + 1:end])


def test_households_stay_out_of_the_units_award_history(run):
    out, _ = run
    import pandas as pd
    frame = pd.read_excel(out / "lich_su_khen_thuong_2024.xlsx", sheet_name="Lịch sử", header=None, engine="calamine")
    names_in = {str(v) for r in frame.itertuples(index=False) for v in r}
    assert "Lê Văn Hòa" in names_in and not any(n.startswith("Hộ ") for n in names_in)


def test_the_campaign_template_offers_the_household_choice_and_its_address_column(tmp_path):
    from pipeline.council.campaign_template import build_campaign_template
    from pipeline.report.template_kit import GUIDE_SHEET, LISTS_SHEET
    reg = load_registers(REGISTERS_DIR, 2024)
    path = tmp_path / "dot.xlsx"
    build_campaign_template(reg, reg.kind_for_content("de_nghi_theo_dot"), reg.emulation_phases[0], reg.unit("KH01"), path)
    wb = openpyxl.load_workbook(path)
    assert [r[0] for r in wb[LISTS_SHEET].iter_rows(values_only=True)] == ["Cá nhân", "Tập thể", "Hộ gia đình"]
    ws = wb["Đề nghị theo đợt"]
    loai = next(v for v in ws.data_validations.dataValidation if v.type == "list")
    assert (loai.formula1, str(loai.sqref)) == (f"'{LISTS_SHEET}'!$A$1:$A$3", "C11:C30")
    assert ws["I10"].value == "Địa chỉ (hộ gia đình)" and ws["I11"].protection.locked is False
    guide = " ".join(str(r[0]) for r in wb[GUIDE_SHEET].iter_rows(values_only=True) if r[0])
    assert "chọn \"Hộ gia đình\", ghi tên chủ hộ kèm \"ông\" hoặc \"bà\"" in guide


@pytest.mark.parametrize(("factor", "mark", "total"), [
    ('""', "DỰ THẢO", f"chưa đủ tham số (thiếu: hệ số tiền thưởng {HOUSEHOLD})"),
    ("0.45", "", "4.212.000 đ")])   # 702.000 + 0,6 × 2.340.000 (1.404.000) + 2 × 0,45 × 2.340.000 (1.053.000)
def test_under_nd_98_the_households_factor_left_empty_keeps_the_campaign_decision_a_draft(run, tmp_path, factor, mark,
                                                                                          total):
    from pipeline.council.decide import CouncilOutcome
    from pipeline.council.documents import _campaign
    from pipeline.council.settings import load_council
    _, outcome = run
    root = _copy(tmp_path)
    set_law(root, 2024, ngay_tinh_luong_co_so="2024-12-20", buoc_lam_tron="1000", GK_PHUONG="0.3", GK_PHUONG_TT="0.6",
         GK_PHUONG_HO=factor)
    reg, rules = load_registers(root, 2024), load_rules(2024, root)
    assert rules.law.code == "nd_98_2023"
    # the campaign's four approved cases alone, all decided: nothing else makes the decision a draft
    decided = CouncilOutcome([e for e in outcome.council.entries if e.decision.campaign == "dot_dac_biet"],
                             outcome.council.meeting, form_file="hop.xlsx", campaigns=outcome.council.campaigns)
    assert not decided.draft and len(decided.approved(campaign="dot_dac_biet")) == 4
    context = _campaign(reg, rules, load_council(reg), decided, "dot_dac_biet", "Đợt thi đua đặc biệt", False)
    assert (context["du_thao"], context["tong_tien"]) == (mark, total)
    assert [r["tien_thuong"] for g in context["danh_sach"] for r in g["dong"]] == [
        "702.000 đ", "1.404.000 đ"] + (["1.053.000 đ"] * 2 if mark == "" else ["", ""])


def test_the_books_factor_row_for_households_says_what_each_rule_set_does():
    import tomllib

    from pipeline.book.factors import factor_rows
    with (REGISTERS_DIR / "2024" / "award_rules.toml").open("rb") as fh:
        notes = dict(factor_rows(award_rules=tomllib.load(fh)))
    # NĐ 98: the council's row to fill; from 01/07/2025 (and the set inheriting it): worked out, not written
    assert notes["GK_PHUONG_HO"] == ("Giấy khen của Chủ tịch UBND phường, mỗi hộ; bộ quy định ghi từ 01/01/2024: để "
                                     "trống; từ 01/07/2025: 1,5 lần mức GK_PHUONG (không ghi); từ 01/10/2026: 1,5 lần "
                                     "mức GK_PHUONG (không ghi)")
