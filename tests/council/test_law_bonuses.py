"""The law in force by date and the bonuses: the rule set chosen by the year's date on both sides
of 01/07/2025 and 01/10/2026, the unverified change of 2026 applied only once confirmed, bonus
amounts worked out by hand (lương cơ sở on both sides of 01/07/2026), a parameter left empty
giving "chưa đủ tham số" and a draft, and a 2026 year's documents under NĐ 152/2025 with no
district."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from pipeline.awards.samples import SAMPLE_OVERRIDES
from pipeline.council.bonus import payout
from pipeline.registers.law import bonus_at, money, rule_set_at
from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.registers.new_year import start_year
from pipeline.registers.rules import load_rules
from pipeline.run import report
from pipeline.samples import make_samples
from tests.conftest import set_law

DECISION = "du_thao_quyet_dinh_khen_thuong.docx"
PROPOSAL = "to_trinh_de_nghi_khen_thuong.docx"


@pytest.fixture
def root(tmp_path):
    out = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, out)
    return out


@pytest.mark.parametrize(("received", "code"), [
    ("2025-06-30", "nd_98_2023"), ("2025-07-01", "nd_152_2025"),
    ("2026-09-30", "nd_152_2025"), ("2026-10-01", "luat_06_2026")])
def test_the_rule_set_follows_the_date_the_files_are_received(root, received, code):
    set_law(root, 2024, ngay_nhan_ho_so=received)
    law = rule_set_at(2024, root)
    assert law.code == code
    assert law.deciding_date == dt.date.fromisoformat(received)


def test_who_decides_each_title_comes_from_the_ruleset_law(root):
    old = rule_set_at(2024, root)
    assert [old.decides_locally(t) for t in ("LDTT", "CSTDCS", "TTLDTT", "KHOM_VH", "GDVH", "TTLDXS")] == [
        True, False, False, False, True, False]
    assert old.authority("CSTDCS") == "chu_tich_thi_xa"
    assert old.authorities["chu_tich_thi_xa"].decider == "Chủ tịch Ủy ban nhân dân thị xã Tịnh Biên"
    set_law(root, 2024, ngay_nhan_ho_so="2025-07-01")
    new = rule_set_at(2024, root)
    # NĐ 152/2025: the commune's chairman decides all six; the province's titles go straight to the province
    assert [new.decides_locally(t) for t in ("LDTT", "CSTDCS", "TTLDTT", "KHOM_VH", "GDVH", "GK_PHUONG_TT")] == [True] * 6
    assert [new.decides_locally(t) for t in ("BK_TINH", "CSTD_TINH", "TTLDXS")] == [False] * 3
    assert list(new.authorities) == ["chu_tich_xa", "cap_tinh"]
    assert new.addressees == ("Chủ tịch Ủy ban nhân dân tỉnh An Giang;", "Sở Nội vụ tỉnh An Giang.")
    rules = load_rules(2024, root)
    assert (rules.rules["CSTDCS"].authority, rules.own_authority) == ("chu_tich_xa", "chu_tich_xa")
    assert not any("thị xã" in text for text in rules.authorities.values())


def test_the_2026_law_change_is_an_option_the_council_confirms(root):
    set_law(root, 2024, ngay_nhan_ho_so="2026-10-01")
    law = rule_set_at(2024, root)
    assert [o.code for o in law.pending_options()] == ["luat_2026_cstdcs"]
    assert load_rules(2024, root).param("cstdcs_can_ca_hai") is False     # not applied silently
    set_law(root, 2024, xac_nhan='["luat_2026_cstdcs"]')
    assert rule_set_at(2024, root).pending_options() == []
    assert load_rules(2024, root).param("cstdcs_can_ca_hai") is True
    set_law(root, 2024, xac_nhan='["luat_2026_khac"]')
    with pytest.raises(RegisterError) as err:
        rule_set_at(2024, root)
    assert err.value.problems == ["2024/luat_ap_dung.toml, xac_nhan: bộ quy định luat_06_2026 không có tùy chọn "
                                  "luat_2026_khac."]


def test_a_date_before_every_rule_set_or_written_as_text_is_refused(root):
    set_law(root, 2024, ngay_nhan_ho_so="2023-12-31")
    with pytest.raises(RegisterError) as err:
        rule_set_at(2024, root)
    assert "tại ngày nhận hồ sơ 31/12/2023" in err.value.problems[0]
    set_law(root, 2024, ngay_nhan_ho_so='"31/12/2024"')
    with pytest.raises(RegisterError) as err:
        rule_set_at(2024, root)
    assert err.value.problems[0].startswith("2024/luat_ap_dung.toml: ghi ngay_nhan_ho_so")


def test_bonus_amounts_by_hand_for_2024(root):
    set_law(root, 2024, ngay_tinh_luong_co_so="2024-12-20", buoc_lam_tron="1000")
    b = bonus_at(2024, root)
    assert (b.base_pay, b.base_source, b.missing) == (2340000, "Nghị định số 73/2024/NĐ-CP", ())
    # 0,3 × 2.340.000; 1,0 ×; 0,8 ×; 1,5 ×
    assert [b.amount(t) for t in ("LDTT", "CSTDCS", "TTLDTT", "KHOM_VH", "TTLDXS")] == [
        702000, 2340000, 1872000, 3510000, 3510000]
    assert money(b.amount("LDTT")) == "702.000 đ"
    assert b.amount("GK_PHUONG") is None          # NĐ 98's Giấy khen: the council's parameter, no default
    # on 30/06/2024 the lương cơ sở was still 1.800.000 đ: 0,3 × = 540.000
    set_law(root, 2024, ngay_tinh_luong_co_so="2024-06-30")
    assert bonus_at(2024, root).amount("LDTT") == 540000
    # rounded up to 10.000 đ: 702.000 → 710.000; 1.872.000 → 1.880.000
    set_law(root, 2024, ngay_tinh_luong_co_so="2024-07-01", buoc_lam_tron="10000")
    assert [bonus_at(2024, root).amount(t) for t in ("LDTT", "TTLDTT", "CSTDCS")] == [710000, 1880000, 2340000]


def test_bonus_amounts_by_hand_for_2026_on_both_sides_of_1_july(root):
    start_year(root, 2026)
    assert rule_set_at(2026, root).code == "luat_06_2026"      # ngay_nhan_ho_so moved to 2026-12-31
    set_law(root, 2026, ngay_tinh_luong_co_so="2026-06-30", buoc_lam_tron="1")
    before = bonus_at(2026, root)
    assert [before.amount(t) for t in ("LDTT", "GK_PHUONG", "TTLDTT", "KHOM_VH")] == [702000, 702000, 1872000, 3510000]
    set_law(root, 2026, ngay_tinh_luong_co_so="2026-07-01")
    after = bonus_at(2026, root)
    # 2.530.000 đ (NĐ 161/2026): 0,3 × = 759.000; 0,8 × = 2.024.000; 1,5 × = 3.795.000
    assert after.base_source == "Nghị định số 161/2026/NĐ-CP"
    assert [after.amount(t) for t in ("LDTT", "GK_PHUONG", "TTLDTT", "KHOM_VH", "CSTDCS")] == [
        759000, 759000, 2024000, 3795000, 2530000]
    assert after.amount("GK_PHUONG_TT") is None                # a collective's Giấy khen: not found, a parameter
    set_law(root, 2026, ngay_tinh_luong_co_so='""')
    assert bonus_at(2026, root).amount("LDTT") is None


def test_an_empty_parameter_makes_the_total_not_enough_never_zero(root):
    class Case:
        def __init__(self, title):
            self.title, self.kind, self.households = title, "ca_nhan", None
    titles = {"LDTT": "Lao động tiên tiến", "GK_PHUONG": "Giấy khen của Chủ tịch UBND phường"}
    set_law(root, 2024, ngay_tinh_luong_co_so="2024-12-20", buoc_lam_tron="1000")
    cases = [Case("LDTT"), Case("LDTT"), Case("GK_PHUONG")]
    paid = payout(cases, bonus_at(2024, root), titles)
    assert paid.total is None and [paid.shown(c) for c in cases] == ["702.000 đ", "702.000 đ", ""]
    assert paid.total_text() == "chưa đủ tham số (thiếu: hệ số tiền thưởng Giấy khen của Chủ tịch UBND phường)"
    assert paid.bonus.where == "2024/luat_ap_dung.toml, mục [tien_thuong]"
    set_law(root, 2024, GK_PHUONG="0.15")
    paid = payout(cases, bonus_at(2024, root), titles)
    assert (paid.total, paid.total_text()) == (1755000, "1.755.000 đ")     # 2 × 702.000 + 0,15 × 2.340.000
    set_law(root, 2024, buoc_lam_tron='""')
    paid = payout(cases, bonus_at(2024, root), titles)
    assert paid.total is None and "bước làm tròn tiền thưởng" in paid.total_text()


def _texts(path: Path) -> str:
    doc = Document(str(path))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def _decision_rows(path: Path) -> list[list[str]]:
    rows = []
    for t in Document(str(path)).tables:
        if [c.text for c in t.rows[0].cells][-2:] == ["Tiền thưởng", "Ghi chú"]:
            rows += [[c.text for c in r.cells] for r in t.rows[1:]]
    return rows


def _sample_report(root: Path, year: int, out: Path):
    reg = load_registers(root, year)
    make_samples(reg, out / "vao")
    rules = load_rules(year, root).with_overrides(list(SAMPLE_OVERRIDES))
    report(out / "vao", out / "ra", reg, sample=True, rules=rules)
    return out / "ra"


def test_the_2024_decision_lists_each_bonus_and_the_total_worked_by_hand(root, tmp_path):
    set_law(root, 2024, ngay_tinh_luong_co_so="2024-12-20", buoc_lam_tron="1000",
         GK_PHUONG="0.15", GK_PHUONG_TT="0.3", GDVH="0.05")
    out = _sample_report(root, 2024, tmp_path)
    path = out / "van_ban" / DECISION
    rows = _decision_rows(path)
    # 53 Lao động tiên tiến at 702.000; 2 Giấy khen people at 0,15 × 2.340.000 = 351.000; 1 collective at 702.000
    amounts = [r[4] for r in rows if r[1] and r[0] != "STT"]
    households = [r for r in rows if len(r) == 6 and r[1].startswith("Khóm")]
    # households at 0,05 × 2.340.000 = 117.000: Sơn Đông 1.402 × = 164.034.000, Hòa Thuận 1.480 × = 173.160.000
    assert [r[4] for r in households] == ["164.034.000 đ", "173.160.000 đ"]
    people = [a for r, a in zip(rows, amounts) if r not in households]
    assert sorted(set(people)) == ["351.000 đ", "702.000 đ"]
    assert people.count("702.000 đ") == 54 and people.count("351.000 đ") == 2
    # 53 × 702.000 + 2 × 351.000 + 702.000 + 164.034.000 + 173.160.000 = 375.804.000
    text = _texts(path)
    assert "Tổng số tiền thưởng: 375.804.000 đ." in text
    assert ("Điều 2. Tiền thưởng kèm theo danh hiệu, hình thức khen thưởng thực hiện theo quy định tại Nghị định số "
            "98/2023/NĐ-CP, trích từ Quỹ thi đua, khen thưởng của phường. Tổng số tiền thưởng: 375.804.000 đ (mức "
            "lương cơ sở 2.340.000 đ theo Nghị định số 73/2024/NĐ-CP).") in text
    # the campaigns' decisions: Giấy khen to one person (351.000), then one person and one collective (1.053.000)
    assert "Tổng số tiền thưởng: 351.000 đ." in _texts(out / "van_ban" / "quyet_dinh_khen_thuong_theo_dot_dot_dac_biet.docx")
    assert "Tổng số tiền thưởng: 1.053.000 đ." in _texts(out / "van_ban" / "quyet_dinh_khen_thuong_theo_dot_dot_thi_dua_2.docx")
    # the workbook, by paying level: the ward pays 375.804.000 + 351.000 + 1.053.000 = 377.208.000 đ (Sơn Tây's
    # households held out as in the decision); the town 2 khóm văn hóa × 3.510.000 + 1 CSTĐCS × 2.340.000
    # + 11 TTLĐTT × 1.872.000 = 29.952.000 đ; the province's Bằng khen factor is not set
    ws = openpyxl.load_workbook(out / "bao_cao_thi_dua_2024.xlsx")["Tiền thưởng"]
    totals = {r[0]: r[5:] for r in ws.iter_rows(values_only=True) if str(r[0]).startswith("Cộng: ")}
    assert totals == {
        "Cộng: Chủ tịch Ủy ban nhân dân phường chi trả": (377208000, "377.208.000 đ"),
        "Cộng: Chủ tịch Ủy ban nhân dân thị xã Tịnh Biên chi trả": (29952000, "29.952.000 đ"),
        "Cộng: Chủ tịch Ủy ban nhân dân tỉnh An Giang chi trả": (
            "chưa đủ tham số (thiếu: hệ số tiền thưởng Bằng khen của Chủ tịch UBND tỉnh; hệ số tiền thưởng Chiến sĩ "
            "thi đua cấp tỉnh)", None)}


def test_the_2024_register_as_shipped_gives_not_enough_and_a_draft(tmp_path):
    out = _sample_report(REGISTERS_DIR, 2024, tmp_path)
    text = _texts(out / "van_ban" / DECISION)
    assert "Tổng số tiền thưởng: chưa đủ tham số (thiếu: ngày tính lương cơ sở; bước làm tròn tiền thưởng;" in text
    assert "DỰ THẢO" in text
    assert "0 đ" not in text


def test_a_2026_year_cites_nd_152_with_the_commune_chairs_authority_and_no_district(root, tmp_path):
    start_year(root, 2026)
    set_law(root, 2026, ngay_tinh_luong_co_so="2026-12-15", buoc_lam_tron="1000", GK_PHUONG_TT="0.6", GDVH="0")
    out = _sample_report(root, 2026, tmp_path)
    decision, proposal = _texts(out / "van_ban" / DECISION), _texts(out / "van_ban" / PROPOSAL)
    for text in (decision, proposal):
        assert "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025" in text
        assert "98/2023" not in text and "thị xã" not in text.lower()
    # every document: no NĐ 98/2023; the achievement reports cite NĐ 152's appendix (form number not found: blank)
    documents = sorted((out / "van_ban").rglob("*.docx"))
    reports = [p for p in documents if p.parent.name == "bao_cao_thanh_tich"]
    assert reports and not any("98/2023" in _texts(p) for p in documents)
    assert not any("thị xã" in _texts(p).lower() for p in reports)
    assert all("(Phụ lục ban hành kèm theo Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ)"
               in _texts(p) for p in reports)
    assert "Sở Nội vụ tỉnh An Giang (b/c);" in decision
    assert "- Chủ tịch Ủy ban nhân dân tỉnh An Giang;\n- Sở Nội vụ tỉnh An Giang." in proposal
    # CSTĐCS, Tập thể lao động tiên tiến and khóm văn hóa are now the commune chairman's own decisions
    assert "Chiến sĩ thi đua cơ sở" in decision and "Chiến sĩ thi đua cơ sở:" not in proposal
    # at 2.530.000 đ: 48 LĐTT × 759.000 + 1 CSTĐCS × 2.530.000 + 12 TTLĐTT × 2.024.000 + 2 khóm văn hóa × 3.795.000
    # + 2 Giấy khen × 759.000 + 331 households × 0 = 72.358.000 đ
    assert "cho 48 cá nhân;" in decision and "cho 12 tập thể;" in decision and "cho 331 hộ gia đình" in decision
    assert ("Tổng số tiền thưởng: 72.358.000 đ (mức lương cơ sở 2.530.000 đ theo Nghị định số 161/2026/NĐ-CP)."
            in decision)
    # the unconfirmed change of the amended Law is listed, not applied
    ws = openpyxl.load_workbook(out / "bao_cao_thi_dua_2026.xlsx")["Tiền thưởng"]
    lines = [r[0] for r in ws.iter_rows(values_only=True) if isinstance(r[0], str)]
    assert any(line.startswith("Chưa áp dụng vì Hội đồng chưa xác nhận: Chiến sĩ thi đua cơ sở cần cả") for line in lines)
    assert not any("thị xã" in line.lower() for line in lines if line.startswith("Cộng"))


def test_new_year_names_the_rule_set_in_force_and_what_is_unverified(root, capsys):
    from pipeline.__main__ import main
    assert main(["--registers", str(root), "new-year", "2026"]) == 0
    out = capsys.readouterr().out
    # the law of a book year is set in the book's sheet: the checklist names the sheet and its cells
    sheet = "so_dang_ky_2026.xlsx, trang Luật áp dụng – tiền thưởng"
    assert (f"{sheet}: ngày nhận hồ sơ (ô B3) 31/12/2026 → áp dụng Luật Thi đua, khen thưởng (sửa đổi) số "
            "06/2026/QH16 và Nghị định số 152/2025/NĐ-CP (hiệu lực từ 01/10/2026)") in out
    assert "ghi \"luat_2026_cstdcs\" vào ô Tùy chọn đã xác nhận (ô B5)" in out
    assert (f"{sheet}: còn trống ngày tính lương cơ sở (ô B14), bước làm tròn tiền thưởng (ô B15), "
            "hệ số GK_PHUONG_TT (ô B22)") in out
    assert "luat_ap_dung.toml không còn" in out and "luat_ap_dung.toml:" not in out


def test_law_lines_left_in_the_year_registers_are_refused_not_ignored(root):
    from pipeline.council.settings import load_council
    council = root / "2024" / "hoi_dong.toml"
    text = council.read_text(encoding="utf-8")
    council.write_text(text.replace('[to_trinh]\n', '[to_trinh]\nkinh_gui = ["Chủ tịch Ủy ban nhân dân thị xã;"]\n'),
                       encoding="utf-8")
    with pytest.raises(RegisterError) as err:
        load_council(load_registers(root, 2024))
    assert err.value.problems[0].startswith("hoi_dong.toml: [to_trinh] kinh_gui nay lấy theo bộ quy định đang áp dụng")
    rules = root / "2024" / "award_rules.toml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        'ma = "LDTT"\n', 'ma = "LDTT"\ntham_quyen = "chu_tich_phuong"\n'), encoding="utf-8")
    with pytest.raises(RegisterError) as err:
        load_rules(2024, root)
    assert err.value.problems == [
        "award_rules.toml: thẩm quyền và căn cứ nay lấy theo bộ quy định đang áp dụng (Luật Thi đua, khen thưởng "
        "2022 và Nghị định số 98/2023/NĐ-CP, registers/luat/); xóa khỏi sổ này: quy tắc LDTT."]


def test_a_year_factor_that_contradicts_the_rule_set_is_refused(root):
    set_law(root, 2024, ngay_nhan_ho_so="2025-07-01", GK_PHUONG="0.15")
    with pytest.raises(RegisterError) as err:
        rule_set_at(2024, root)
    assert err.value.problems == ["2024/luat_ap_dung.toml, [tien_thuong.he_so] GK_PHUONG: bộ quy định nd_152_2025 "
                                  "đã ghi hệ số 0.3; để trống ô này."]


def test_before_the_meeting_the_totals_count_the_proposed_eligible_cases():
    from types import SimpleNamespace

    from pipeline.awards.criteria import ELIGIBLE, NOT_ELIGIBLE, Decision
    from pipeline.council.bonus_sheet import cases

    def case(title, outcome, proposed=True, kind="ca_nhan", households=None):
        return Decision("X", kind, "KH01", title, proposed, [], "chu_tich_phuong", outcome=outcome,
                        households=households)
    counted = [case("LDTT", ELIGIBLE), case("GDVH", ELIGIBLE, kind="ho_gia_dinh", households=(90, 100))]
    left = [case("LDTT", NOT_ELIGIBLE), case("LDTT", ELIGIBLE, proposed=False),          # not proposed: a suggestion
            case("GDVH", ELIGIBLE, kind="ho_gia_dinh", households=(120, 100)),          # held out of the decision
            case("GDVH", ELIGIBLE, kind="ho_gia_dinh")]                                 # no figures
    chosen, source = cases(SimpleNamespace(decisions=counted + left), None)
    assert chosen == counted
    assert source.startswith("Số lượng: các trường hợp đơn vị đề nghị và đủ điều kiện")
