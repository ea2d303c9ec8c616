"""The amended Law's transitional rule: files received before 01/10/2026 follow the old rules unless
the new rule favours the person. Two people worked by hand under the 2024 registers with the law's
dates moved: A (HTXSNV and one initiative recognised at the base, only 5 months' work, so not Lao
động tiên tiến) and B (Lao động tiên tiến, HTXSNV, no initiative), both proposed for Chiến sĩ thi
đua cơ sở. Old rules (Luật 2022, NĐ 152/2025): LĐTT first, then HTXSNV *or* an initiative — B yes,
A no. Amended Law (option luat_2026_cstdcs): HTXSNV *and* an initiative, no LĐTT — A yes, B no."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.awards.evaluate import evaluate_awards
from pipeline.registers.law import rule_set_at
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.registers.rules import load_rules
from tests.awards.test_evaluate_awards import frames, person

A = person("Trần Thị A", danh_hieu="CSTDCS", xep_loai="HTXSNV", so_thang=5.0, so_sang_kien=1.0, cap_sang_kien="co_so")
B = person("Lê Văn B", danh_hieu="CSTDCS", xep_loai="HTXSNV")
NOTE = ("áp dụng Luật Thi đua, khen thưởng (sửa đổi) số 06/2026/QH16 và Nghị định số 152/2025/NĐ-CP vì có lợi hơn "
        "cho người được khen (quy định chuyển tiếp)")


@pytest.fixture
def root(tmp_path):
    out = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, out)
    return out


def _set(root: Path, **values) -> None:
    path = root / "2024" / "luat_ap_dung.toml"
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, n = re.subn(rf"(?m)^{key}\s*=\s*[^#\n]*", f"{key} = {value}", text)
        assert n == 1, key
    path.write_text(text, encoding="utf-8")


def _cstdcs(reg, root):
    rules = load_rules(2024, root)
    out = evaluate_awards(frames(people=[A, B]), {0}, pd.DataFrame(columns=["ma_don_vi", "ma_chi_tieu", "ky"]),
                          reg, rules)
    return {d.subject: d for d in out.decisions if d.title == "CSTDCS"}


def test_received_before_and_decided_after_applies_the_new_rule_where_it_favours(reg, root):
    _set(root, ngay_nhan_ho_so="2026-09-25", ngay_xet="2026-10-15", xac_nhan='["luat_2026_cstdcs"]')
    law = rule_set_at(2024, root)
    assert (law.code, law.favourable.code, f"{law.decided_on:%d/%m/%Y}") == ("nd_152_2025", "luat_06_2026", "15/10/2026")
    found = _cstdcs(reg, root)
    a, b = found["Trần Thị A"], found["Lê Văn B"]
    assert (a.outcome, a.favourable) == ("du_dieu_kien", NOTE)
    assert a.reason == ("Đủ điều kiện: không cần đạt Lao động tiên tiến trước (theo quy định áp dụng); xếp loại HTXSNV, "
                        f"1 sáng kiến cấp cơ sở; không giới hạn tỷ lệ; {NOTE}")
    # B keeps the old rules, under which B is eligible (the new would need an initiative too)
    assert (b.outcome, b.favourable) == ("du_dieu_kien", "")
    assert b.reason == "Đủ điều kiện: Lao động tiên tiến: đủ điều kiện; xếp loại HTXSNV; không giới hạn tỷ lệ"
    assert [c.text for c in b.criteria if c.code == "ldtt"] == ["Lao động tiên tiến: đủ điều kiện"]


def test_decided_the_day_before_the_amended_law_keeps_the_old_rules_only(reg, root):
    _set(root, ngay_nhan_ho_so="2026-09-25", ngay_xet="2026-09-30", xac_nhan='["luat_2026_cstdcs"]')
    assert rule_set_at(2024, root).favourable is None
    found = _cstdcs(reg, root)
    assert (found["Trần Thị A"].outcome, found["Lê Văn B"].outcome) == ("khong_du_dieu_kien", "du_dieu_kien")
    assert found["Trần Thị A"].reason == ("Không đủ điều kiện: Lao động tiên tiến: không đủ điều kiện")


def test_an_option_not_confirmed_is_never_applied_even_as_the_favourable_rule(reg, root):
    _set(root, ngay_nhan_ho_so="2026-09-25", ngay_xet="2026-10-15")
    law = rule_set_at(2024, root)
    assert law.favourable.code == "luat_06_2026"
    assert [o.code for o in law.pending_options()] == ["luat_2026_cstdcs"]
    assert load_rules(2024, root).favourable_rules() is None
    found = _cstdcs(reg, root)
    assert (found["Trần Thị A"].outcome, found["Lê Văn B"].outcome) == ("khong_du_dieu_kien", "du_dieu_kien")
    assert found["Trần Thị A"].favourable == ""


def test_received_after_the_amended_law_takes_effect_follows_it_alone(reg, root):
    _set(root, ngay_nhan_ho_so="2026-10-02", ngay_xet="2026-10-15", xac_nhan='["luat_2026_cstdcs"]')
    law = rule_set_at(2024, root)
    assert (law.code, law.favourable) == ("luat_06_2026", None)
    found = _cstdcs(reg, root)
    a, b = found["Trần Thị A"], found["Lê Văn B"]
    assert (a.outcome, a.favourable) == ("du_dieu_kien", "")
    assert (b.outcome, b.reason) == ("khong_du_dieu_kien", "Không đủ điều kiện: cần cả xếp loại HTXSNV và sáng kiến "
                                     "hoặc đề tài được công nhận; còn thiếu sáng kiến hoặc đề tài được công nhận (Bình xét!H13)")


def test_nd_152_keeps_no_favourable_exception(root):
    # received 30/06/2025, decided 01/07/2025: NĐ 152 Điều 60 k3 keeps NĐ 98, with no exception
    _set(root, ngay_nhan_ho_so="2025-06-30", ngay_xet="2025-07-01")
    law = rule_set_at(2024, root)
    assert (law.code, law.favourable) == ("nd_98_2023", None)


@pytest.mark.parametrize(("value", "message"), [
    ("2026-09-24", "2024/luat_ap_dung.toml, ngay_xet: ngày xét, quyết định 24/09/2026 trước ngày nhận hồ sơ 25/09/2026; "
                   "ghi ngày xét từ ngày nhận hồ sơ trở đi (để trống nếu xét ngay tại ngày nhận hồ sơ), hoặc sửa lại "
                   "ngày nhận hồ sơ."),
    ('"15/10/2026"', "2024/luat_ap_dung.toml, ngay_xet: ghi ngày xét, quyết định khen thưởng dạng năm-tháng-ngày, ví dụ "
                     "ngay_xet = 2026-10-15 (không có ngoặc kép), hoặc để trống \"\" khi xét ngay tại ngày nhận hồ sơ."),
])
def test_a_decision_date_that_cannot_be_used_is_named_with_its_fix(root, value, message):
    _set(root, ngay_nhan_ho_so="2026-09-25", ngay_xet=value)
    with pytest.raises(RegisterError) as err:
        rule_set_at(2024, root)
    assert err.value.problems == [message]


def test_the_decision_date_on_the_reception_day_is_accepted(root):
    _set(root, ngay_nhan_ho_so="2026-09-25", ngay_xet="2026-09-25")
    assert rule_set_at(2024, root).favourable is None


def _approve(form: Path, name: str, unit: str, title: str) -> None:
    """The council approves ``name`` for ``title`` on the sample's filled form, with the votes of the
    other approvals."""
    from openpyxl import load_workbook

    from pipeline.council.layout import COLUMNS
    col = {k: i + 1 for i, (k, _, _, _) in enumerate(COLUMNS)}
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    votes = next(ws.cell(r, col["so_phieu"]).value for r in range(1, ws.max_row + 1)
                 if ws.cell(r, col["quyet_dinh"]).value == "Đồng ý")
    rows = [r for r in range(1, ws.max_row + 1)
            if (ws.cell(r, col["doi_tuong"]).value, ws.cell(r, col["don_vi"]).value, ws.cell(r, col["danh_hieu"]).value)
            == (name, unit, title)]
    assert len(rows) == 1
    ws.cell(rows[0], col["quyet_dinh"]).value, ws.cell(rows[0], col["so_phieu"]).value = "Đồng ý", votes
    wb.save(form)


def test_a_2026_year_states_the_favourable_rule_in_its_workbook_and_decision(tmp_path):
    """The sample set of a 2026 year (new-year), received 25/09/2026 and decided 15/10/2026, option
    confirmed: the two sample people of the armed forces with HTXSNV and an initiative, whose Lao động
    tiên tiến is for the council under the old rules (so CSTĐCS is too), are CSTĐCS under the new. The
    sample council chose one CSTĐCS by quota; here it approves Tô Thị Cúc as well."""
    from docx import Document
    from openpyxl import load_workbook

    from pipeline.council.samples import SAMPLE_FILE
    from pipeline.registers.load import load_registers
    from pipeline.registers.new_year import start_year
    from pipeline.run import report
    from pipeline.samples import make_samples
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    start_year(root, 2026)
    path = root / "2026" / "luat_ap_dung.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("ngay_nhan_ho_so = 2026-12-31", "ngay_nhan_ho_so = 2026-09-25")
                    .replace('ngay_xet = ""', "ngay_xet = 2026-10-15")
                    .replace("xac_nhan = []", 'xac_nhan = ["luat_2026_cstdcs"]'), encoding="utf-8")
    reg = load_registers(root, 2026)
    make_samples(reg, tmp_path / "vao")
    _approve(tmp_path / "vao" / SAMPLE_FILE, "Tô Thị Cúc", "Công an phường", "Chiến sĩ thi đua cơ sở")
    report(tmp_path / "vao", tmp_path / "ra", reg, sample=True, rules=load_rules(2026, root))
    wb = load_workbook(tmp_path / "ra" / "bao_cao_thi_dua_2026.xlsx", read_only=True)
    favoured = [(r[1], r[3], r[6]) for r in wb["Khen thưởng cá nhân"].iter_rows(values_only=True)
                if isinstance(r[7], str) and r[7].endswith(NOTE)]
    assert favoured == [("Tô Thị Cúc", "Công an phường", "Đủ điều kiện"),
                        ("Lê Minh Châu", "Ban Chỉ huy Quân sự phường", "Đủ điều kiện")]
    lines = [r[0] for r in wb["Tiền thưởng"].iter_rows(values_only=True) if isinstance(r[0], str)]
    assert ("Bộ quy định áp dụng: Luật Thi đua, khen thưởng 2022 và Nghị định số 152/2025/NĐ-CP (chính quyền địa "
            "phương hai cấp) (có hiệu lực từ 01/07/2025; chọn theo ngày nhận hồ sơ 25/09/2026).") in lines
    assert "Ngày xét, quyết định khen thưởng: 15/10/2026." in lines
    # two decided under the favourable rule; of the cases paid (the council's approvals), Tô Thị Cúc only
    assert ("Quy định chuyển tiếp: hồ sơ nhận trước ngày 01/10/2026, xét từ ngày này, nên áp dụng Luật Thi đua, khen "
            "thưởng (sửa đổi) số 06/2026/QH16 và Nghị định số 152/2025/NĐ-CP cho người nào quy định này có lợi hơn "
            "(chỉ các điểm Hội đồng đã xác nhận); số người được xét theo quy định có lợi hơn: 2 (trong số trường hợp "
            "tính tiền thưởng dưới đây: 1).") in lines
    # she is in the chairman's decision: the amended law is a basis, after NĐ 152's and before the year's own
    bases = [p.text for p in Document(tmp_path / "ra" / "van_ban" / "du_thao_quyet_dinh_khen_thuong.docx").paragraphs
             if p.text.startswith("Căn cứ")]
    assert bases[4:7] == [
        "Căn cứ Thông tư số 15/2025/TT-BNV ngày 04 tháng 8 năm 2025 của Bộ trưởng Bộ Nội vụ;",
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 23 tháng 4 năm 2026;",
        "Căn cứ Kế hoạch số 34/KH-UBND ngày 07 tháng 3 năm 2024 của Ủy ban nhân dân phường về tổ chức phong trào "
        "thi đua năm 2026;"]


def test_an_option_confirmed_for_a_set_the_year_does_not_apply_is_said_unused(root):
    from pipeline.registers.law import still_to_check
    _set(root, xac_nhan='["luat_2026_cstdcs"]')      # received 31/12/2024: NĐ 98/2023 only
    assert rule_set_at(2024, root).code == "nd_98_2023"
    assert ("2024/luat_ap_dung.toml: tùy chọn luat_2026_cstdcs đã xác nhận nhưng không thuộc bộ quy định áp dụng "
            "cho năm: không dùng.") in still_to_check(root, 2024)
    assert load_rules(2024, root).param("cstdcs_can_ca_hai") is False


def test_an_option_that_names_no_parameter_is_refused_with_the_form_to_write(root):
    path = root / "luat" / "2026-10-01_luat_06_2026.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("tham_so = { cstdcs_can_ca_hai = true, cstdcs_can_ldtt = false }", "tham_so = 1"),
                    encoding="utf-8")
    _set(root, ngay_nhan_ho_so="2026-10-02")
    with pytest.raises(RegisterError) as err:
        rule_set_at(2024, root)
    assert err.value.problems == [
        "2026-10-01_luat_06_2026.toml, tùy chọn luat_2026_cstdcs: ghi ma và tham_so = { tên_tham_số = giá_trị, … } "
        "(hoặc tham_so = \"tên_tham_số\" cùng gia_tri)."]


def test_an_option_setting_a_parameter_the_register_lacks_is_refused(root):
    path = root / "luat" / "2026-10-01_luat_06_2026.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("cstdcs_can_ldtt = false }", "cstdcs_khong_co = false }"), encoding="utf-8")
    _set(root, ngay_nhan_ho_so="2026-10-02", xac_nhan='["luat_2026_cstdcs"]')
    with pytest.raises(RegisterError) as err:
        load_rules(2024, root)
    assert err.value.problems == [f"{path}, tùy chọn luat_2026_cstdcs: award_rules.toml không có tham số "
                                  "\"cstdcs_khong_co\"."]
