"""Campaign commendations, reproducible documents and the two-year chain, on the sample set of
tests/council/test_council.py (its ``sample`` fixture)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
from docx import Document

from pipeline.awards.individual import history_index
from pipeline.awards.layout import CAMPAIGN_NOTE
from pipeline.awards.samples import write_award_report
from pipeline.registers.load import load_registers
from pipeline.registers.new_year import start_year
from pipeline.registers.rules import load_rules
from pipeline.run import consolidate, report
from tests.council.test_council import sample  # noqa: F401  (the module fixture)

VPTK_FILE = "Thi dua khen thuong/De nghi khen theo dot - dot_thi_dua_2 - VPTK.xlsx"


def test_campaign_proposals_become_council_rows_with_their_issue(sample):  # noqa: F811
    _, _, outcome, _ = sample
    mine = [e for e in outcome.council.entries if e.decision.campaign]
    assert [(e.decision.campaign, e.decision.title, e.decision.subject, e.choice) for e in mine] == [
        ("dot_thi_dua_2", "GK_PHUONG", "Trần Văn Phúc", "Đồng ý"),
        ("dot_thi_dua_2", "GK_PHUONG_TT", "Bộ phận Tiếp nhận và Trả kết quả", "Đồng ý"),
        ("dot_dac_biet", "GK_PHUONG", "Lê Văn Hòa", "Đồng ý")]
    issue = next(i for i in outcome.issues if i.code == "THIEU_THANH_TICH_DOT")
    assert (issue.file, issue.sheet, issue.cell, issue.value) == (VPTK_FILE, "Đề nghị theo đợt", "F13", "Lý Thị Mai")
    # the year's decision does not list campaign commendations
    assert all(not e.decision.campaign for e in outcome.council.approved())


def test_campaign_decision_lists_its_approved_cases(sample):  # noqa: F811
    _, out, _, _ = sample
    doc = Document(out / "van_ban" / "quyet_dinh_khen_thuong_theo_dot_dot_thi_dua_2.docx")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "trong Đợt 02 (từ tháng 07 đến tháng 12/2024)" in text
    assert "Tặng Giấy khen của Chủ tịch UBND phường cho 01 cá nhân, 01 tập thể" in text
    rows = [[c.text for c in r.cells] for t in doc.tables[2:] for r in t.rows[1:]]
    # last column, the bonus: NĐ 98's Giấy khen factor is left to the council in the 2024 register, so no amount
    assert rows == [["1", "Trần Văn Phúc", "Chuyên viên", "Văn phòng - Thống kê",
                     "Hoàn thành số hóa 100% hồ sơ thủ tục hành chính tiếp nhận trong đợt", ""],
                    ["1", "Bộ phận Tiếp nhận và Trả kết quả", "", "Văn phòng - Thống kê",
                     "Không có hồ sơ trễ hạn; tỷ lệ hài lòng của người dân đạt 98%", ""]]
    assert "DỰ THẢO" in text and "Tổng số tiền thưởng: chưa đủ tham số (thiếu: ngày tính lương cơ sở;" in text
    assert not (out / "van_ban" / "quyet_dinh_khen_thuong_theo_dot_dot_thi_dua_1.docx").exists()


def test_campaign_rows_in_history_are_marked_and_ignored_by_chains(sample):  # noqa: F811
    _, out, _, _ = sample
    frame = pd.read_excel(out / "lich_su_khen_thuong_2024.xlsx", sheet_name="Lịch sử", header=None, engine="calamine")
    marked = [r for r in frame.itertuples(index=False) if any(str(v).startswith(CAMPAIGN_NOTE) for v in r)]
    assert {r[2] for r in marked} == {"Trần Văn Phúc", "Bộ phận Tiếp nhận và Trả kết quả", "Lê Văn Hòa"}
    rows = pd.DataFrame([{"ho_ten": "Lê Văn Hòa", "ngay_sinh": dt.date(1975, 9, 2), "nam": 2024, "noi_dung": "CSTDCS",
                          "ghi_chu": f"{CAMPAIGN_NOTE} (Đợt đặc biệt)"},
                         {"ho_ten": "Trần Văn Phúc", "ngay_sinh": None, "nam": 2024, "noi_dung": "CSTDCS",
                          "ghi_chu": "Hội đồng đồng ý"}])
    index = history_index(rows)    # the marked row is not there: Lê Văn Hòa has no history at all
    assert index == history_index(rows.iloc[1:]) and len(index) == 1
    assert {birth: rows.items for birth, rows in next(iter(index.values())).items()} == {None: {("CSTDCS", 2024)}}


def test_documents_are_the_same_bytes_run_to_run(reg, sample, tmp_path):  # noqa: F811
    folder, out, _, rules = sample
    again = tmp_path / "lai"
    report(folder, again, reg, sample=True, rules=rules)
    for path in sorted((out / "van_ban").rglob("*.docx")):
        assert path.read_bytes() == (again / "van_ban" / path.relative_to(out / "van_ban")).read_bytes(), path.name


def test_two_year_chain_reads_last_years_decided_history(reg, sample, tmp_path):  # noqa: F811
    _, out, outcome, _ = sample
    root = tmp_path / "registers"
    shutil.copytree(Path(reg.year_dir).parent, root)
    start_year(root, 2025)
    reg25 = load_registers(root, 2025)
    rules25 = load_rules(2025, root)
    thanh = next(e for e in outcome.council.entries if e.decision.title == "CSTDCS"
                 and e.decision.subject == "Nguyễn Thị Thanh")
    assert thanh.choice == "Đồng ý"
    person = {"ho_ten": "Nguyễn Thị Thanh", "ngay_sinh": thanh.decision.birth, "chuc_vu": "Trưởng đơn vị",
              "doi_tuong": "cong_chuc", "ngay_bat_dau": dt.date(2012, 3, 1), "xep_loai": "HTTNV", "doan_ket": "co",
              "danh_hieu": "CSTDCS", "hinh_thuc": "BK_TINH", "so_sang_kien": 1, "cap_sang_kien": "co_so",
              "qd_sang_kien": "QĐ 5/QĐ-HĐSK", "thanh_tich": "Dẫn đầu phong trào cải cách hành chính"}
    vao = tmp_path / "vao"
    vao.mkdir()
    shutil.copy(out / "lich_su_khen_thuong_2024.xlsx", vao)
    reg_person = {k: person[k] for k in ("ho_ten", "ngay_sinh", "chuc_vu", "danh_hieu", "hinh_thuc")}
    write_award_report(reg25, "dang_ky", "VPTK", dt.date(2025, 3, 20), {"dh_tap_the": "TTLDTT", "ht_tap_the": "khong"},
                       [reg_person], vao / "dang_ky.xlsx", tmp_path)
    write_award_report(reg25, "binh_xet", "VPTK", dt.date(2025, 12, 10), {"xep_loai_tap_the": "HTTNV", "phong_trao": "co",
                       "doan_ket_tap_the": "co", "dh_tap_the": "khong", "ht_tap_the": "khong"}, [person],
                       vao / "binh_xet.xlsx", tmp_path)
    c = consolidate(vao, reg25, rules25)
    bk = next(d for d in c.awards.decisions if d.title == "BK_TINH" and d.subject == "Nguyễn Thị Thanh")
    chain = next(x for x in bk.criteria if x.code == "chuoi_nam")   # HTTNV: the chain of CSTĐCS, not of HTXSNV
    # CSTĐCS 2024 was the town's to decide: the council's approval is a proposal, not yet counted
    assert (chain.result, chain.text) == (
        "thieu_du_lieu", "chuỗi Chiến sĩ thi đua cơ sở chưa đủ: Chiến sĩ thi đua cơ sở năm 2024 mới là đề nghị, chờ "
        "quyết định của cấp trên, chưa tính cho đến khi ghi số, ngày quyết định vào lịch sử khen thưởng")
    decided = {"loai_doi_tuong": "ca_nhan", "ho_ten": "Nguyễn Thị Thanh", "ngay_sinh": thanh.decision.birth,
               "don_vi": "Văn phòng - Thống kê", "nam": 2024, "noi_dung": "CSTDCS", "so_qd": "12/QĐ-UBND",
               "ngay_qd": dt.date(2025, 3, 10), "trang_thai": "da_quyet_dinh"}
    write_award_report(reg25, "lich_su", None, dt.date(2025, 3, 15), {}, [decided], vao / "quyet_dinh_2024.xlsx",
                       tmp_path)
    c = consolidate(vao, reg25, rules25)
    bk = next(d for d in c.awards.decisions if d.title == "BK_TINH" and d.subject == "Nguyễn Thị Thanh")
    chain = next(x for x in bk.criteria if x.code == "chuoi_nam")
    assert chain.text.startswith("2 năm liên tục Chiến sĩ thi đua cơ sở (2024-2025)"), chain.text
