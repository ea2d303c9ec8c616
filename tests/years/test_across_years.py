"""Three years as the officer of the merged ward runs them: 2024 (the sample set, with its council),
``new-year 2026`` (2025 skipped: the merger left no council run), Khóm Sơn Đông (2024 KH01) and
Khóm Sơn Tây (2024 KH02) merged into "Khóm 3" (2026 KH02, tiep_noi 2024:KH01 and 2024:KH02).

What the 2024 run handed over (its ``lich_su_khen_thuong_2024.xlsx``, identity of 2025), worked out
from the sample set: Nguyễn Thị Thanh (Văn phòng - Thống kê, 22/04/1984) Chiến sĩ thi đua cơ sở
2022 and 2023 (decided), 2024 Chiến sĩ thi đua cơ sở approved by the council and proposed to the
town (not the ward's to decide in 2024); Trần Thị Bé (Khóm Sơn Đông, 02/02/1976) Lao động tiên
tiến 2024, decided by the ward; two other Trần Thị Bé in the history (05/11/1976 Trường Tiểu học,
18/03/1992 Hội Liên hiệp Phụ nữ).

Rules of 2026 (the 2024 register carried over): Bằng khen needs 2 consecutive years of Chiến sĩ
thi đua cơ sở (2025-2026); Chiến sĩ thi đua cấp tỉnh needs 3 (2024-2026)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from pipeline.awards.samples import SAMPLE_OVERRIDES, write_award_report
from pipeline.council.decide import form_rows
from pipeline.council.form import write_form
from pipeline.council.layout import COLUMNS, FORM_NAME, KEY_HEADING, MEETING_FIELDS
from pipeline.council.settings import load_council
from pipeline.registers.load import load_registers
from pipeline.registers.new_year import start_year
from pipeline.registers.rules import load_rules
from pipeline.run import consolidate, report
from pipeline.samples import make_samples
from pipeline.text import normalise_key

D = dt.date
THANH, BE, THANG, THANG_2 = D(1984, 4, 22), D(1976, 2, 2), D(1985, 7, 7), D(1990, 1, 1)
HISTORY_2024 = "lich_su_khen_thuong_2024.xlsx"
WAITING_2024 = ("Chiến sĩ thi đua cơ sở năm 2024 mới là đề nghị, chờ quyết định của cấp trên, chưa tính cho "
                "đến khi ghi số, ngày quyết định vào lịch sử khen thưởng")
BE_BY_UNIT = ("khớp lịch sử theo họ tên (bình xét không ghi ngày sinh; lịch sử chỉ có một người cùng đơn vị "
              "tên Trần Thị Bé)")


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    base = tmp_path_factory.mktemp("ba_nam")
    root = base / "registers"
    shutil.copytree(Path(__file__).parents[2] / "registers", root)
    reg24 = load_registers(root, 2024)
    make_samples(reg24, base / "in2024")
    report(base / "in2024", base / "out2024", reg24, sample=True,
           rules=load_rules(2024, root).with_overrides(list(SAMPLE_OVERRIDES)))
    start_year(root, 2026)   # the TOML registers copied forward (the book route: tests/book/)
    units_file = root / "2026" / "units.toml"
    units = units_file.read_text(encoding="utf-8")
    units = units.replace(re.search(r'\n\[\[don_vi\]\]\nma = "KH01"\n(?:[^\[\n].*\n)*', units).group(0), "\n")
    units = units.replace('ten = "Khóm Sơn Tây"', 'ten = "Khóm 3"\ntiep_noi = ["2024:KH01", "2024:KH02"]')
    units_file.write_text(units, encoding="utf-8")
    reg = load_registers(root, 2026)
    return reg, load_rules(2026, root), base / "out2024" / HISTORY_2024, base


def _person(name, birth, rating, title, form="khong", initiatives=None, level=None, position="Công chức"):
    return {"ho_ten": name, "ngay_sinh": birth, "chuc_vu": position, "doi_tuong": "nguoi_lao_dong",
            "ngay_bat_dau": D(2015, 1, 1), "xep_loai": rating, "doan_ket": "co", "so_sang_kien": initiatives,
            "cap_sang_kien": level, "qd_sang_kien": "QĐ 5/QĐ-HĐSK" if initiatives else None,
            "danh_hieu": title, "hinh_thuc": form}


def _inputs(years, name: str, typed_2025: list[dict] | None) -> Path:
    """The 2026 input folder: the 2024 history as the tool wrote it, Khóm 3's registration and
    year-end evaluation, Văn phòng - Thống kê's evaluation, and (if given) a history of 2025 typed
    by hand on the 2026 template."""
    reg, _, history_2024, base = years
    folder = base / name
    folder.mkdir()
    shutil.copy(history_2024, folder)
    registered = [{"ho_ten": "Lê Văn Thắng", "ngay_sinh": THANG, "chuc_vu": "Tổ trưởng", "danh_hieu": "LDTT"},
                  {"ho_ten": "Lê Văn Thăng", "ngay_sinh": THANG_2, "chuc_vu": "Tổ phó", "danh_hieu": "LDTT"},
                  {"ho_ten": "Trần Thị Bé", "ngay_sinh": None, "chuc_vu": "Trưởng khóm", "danh_hieu": "CSTDCS"}]
    khom = [_person("Trần Thị Bé", None, "HTXSNV", "CSTDCS", "BK_TINH", 1, "co_so", "Trưởng khóm"),
            _person("Le Van Thang", THANG, "HTTNV", "LDTT", position="Tổ trưởng"),
            _person("LE VAN THANG", None, "HTTNV", "LDTT", position="Tổ viên")]
    office = [_person("Nguyễn Thị Thanh", THANH, "HTXSNV", "CSTD_TINH", "BK_TINH", 1, "tinh")]
    group = {"xep_loai_tap_the": "HTTNV", "phong_trao": "co", "doan_ket_tap_the": "co", "dh_tap_the": "khong",
             "ht_tap_the": "khong"}
    with tempfile.TemporaryDirectory() as tmp:
        write_award_report(reg, "dang_ky", "KH02", D(2026, 3, 10), {"dh_tap_the": "KHOM_VH", "ht_tap_the": "khong"},
                           registered, folder / "Dang ky - Khom 3.xlsx", Path(tmp))
        write_award_report(reg, "binh_xet", "KH02", D(2026, 11, 20), {}, khom, folder / "Binh xet - Khom 3.xlsx",
                           Path(tmp))
        write_award_report(reg, "binh_xet", "VPTK", D(2026, 11, 20), group, office,
                           folder / "Binh xet - Van phong.xlsx", Path(tmp))
        if typed_2025 is not None:
            write_award_report(reg, "lich_su", None, D(2026, 1, 15), {}, typed_2025, folder / "Lich su 2025.xlsx",
                               Path(tmp))
    return folder


def _row(name, birth, unit, year, item, number=None, date=None, status=None):
    return {"loai_doi_tuong": "ca_nhan", "ho_ten": name, "ngay_sinh": birth, "don_vi": unit, "nam": year,
            "noi_dung": item, "so_qd": number, "ngay_qd": date, "trang_thai": status}


TYPED_2025 = [_row("Nguyễn Thị Thanh", THANH, "Văn phòng - Thống kê", 2025, "CSTDCS", "45/QĐ-UBND", D(2025, 12, 22)),
              _row("Trần Thị Bé", BE, "Khóm Sơn Đông", 2025, "CSTDCS", "46/QĐ-UBND", D(2025, 12, 22))]
# the officer records, in the same hand-typed file, the town's decision on the 2024 proposal
DECIDED_2024 = _row("Nguyễn Thị Thanh", THANH, "Văn phòng - Thống kê", 2024, "CSTDCS", "12/QĐ-UBND", D(2025, 3, 10),
                    "da_quyet_dinh")


@pytest.fixture(scope="module")
def runs(years):
    reg, rules, _, _ = years
    return {name: consolidate(_inputs(years, name, typed), reg, rules)
            for name, typed in (("no_2025", None), ("typed_2025", TYPED_2025),
                                ("decided", TYPED_2025 + [DECIDED_2024]))}


def _chain(c, subject, title):
    d = next(d for d in c.awards.decisions if d.subject == subject and d.title == title)
    crit = next(x for x in d.criteria if x.code in ("chuoi_nam", "chuoi_cstdcs"))
    return d.outcome, crit.result, crit.text


def test_the_tools_own_2024_history_is_read_by_2026(runs, years):
    c = runs["no_2025"]
    fates = {c.read[i].found.name: fate for i, fate in c.chosen.fates.items()}
    assert fates[HISTORY_2024] == "hop_le"
    assert not [i for i in c.issues if i.file == HISTORY_2024 and i.severity == "loi"]
    history = c.validated.awards.history
    rows = history[history["tep"] == HISTORY_2024]
    sheet = openpyxl.load_workbook(years[2])["Lịch sử"]
    filled = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[2]][1:]   # below the heading row
    assert len(rows) == len(filled) == 122          # every row the 2024 run wrote
    assert sorted(set(rows["nam"])) == [2022.0, 2023.0, 2024.0]


def test_a_skipped_year_breaks_the_chain_unless_its_titles_are_typed_by_hand(runs):
    # Bằng khen for Nguyễn Thị Thanh: CSTĐCS 2025 is needed; 2025 had no run
    assert _chain(runs["no_2025"], "Nguyễn Thị Thanh", "BK_TINH") == (
        "khong_du_dieu_kien", "khong_dat",
        "chuỗi Chiến sĩ thi đua cơ sở bị ngắt năm 2025; không đủ 2 năm liên tục HTXSNV với 2 sáng kiến")
    assert _chain(runs["typed_2025"], "Nguyễn Thị Thanh", "BK_TINH") == (
        "du_dieu_kien", "dat", "2 năm liên tục Chiến sĩ thi đua cơ sở (2025-2026)")


def test_a_proposal_upward_counts_only_once_its_decision_is_recorded(runs):
    # Chiến sĩ thi đua cấp tỉnh: CSTĐCS 2024 (proposed to the town by the 2024 run) and 2025
    assert _chain(runs["no_2025"], "Nguyễn Thị Thanh", "CSTD_TINH") == (
        "khong_du_dieu_kien", "khong_dat", "chuỗi Chiến sĩ thi đua cơ sở bị ngắt năm 2025; " + WAITING_2024)
    assert _chain(runs["typed_2025"], "Nguyễn Thị Thanh", "CSTD_TINH") == (
        "thieu_du_lieu", "thieu_du_lieu", "chuỗi Chiến sĩ thi đua cơ sở chưa đủ: " + WAITING_2024)
    assert _chain(runs["decided"], "Nguyễn Thị Thanh", "CSTD_TINH") == (
        "du_dieu_kien", "dat", "3 lần liên tục Chiến sĩ thi đua cơ sở (2024-2026)")


def test_the_name_typed_without_diacritics_is_the_registered_person(runs):
    c = runs["typed_2025"]
    found = [i for i in c.issues if i.code == "TEN_KHAC_DAU"]
    assert [(i.file, i.cell, i.value, i.severity) for i in found] == [
        ("Binh xet - Khom 3.xlsx", "B11", "Le Van Thang", "canh_bao")]
    assert found[0].message == (
        "Họ tên \"Le Van Thang\" chỉ khớp với \"Lê Văn Thắng\" khi bỏ dấu (cùng đơn vị, cùng ngày sinh; dùng họ tên "
        "đã đăng ký; tệp \"Dang ky - Khom 3.xlsx\", ô B12); được hiểu là một người và ghi theo \"Lê Văn Thắng\".")
    ldtt = {d.subject: d.outcome for d in c.awards.decisions if d.title == "LDTT" and d.unit == "KH02"}
    assert ldtt == {"Trần Thị Bé": "du_dieu_kien", "Lê Văn Thắng": "du_dieu_kien", "LE VAN THANG": "du_dieu_kien"}
    not_registered = sorted(i.value for i in c.issues if i.code == "CHUA_DANG_KY")
    assert not_registered == ["LE VAN THANG", "Nguyễn Thị Thanh"]   # Văn phòng sent no registration


def test_two_registered_people_colliding_without_diacritics_are_never_merged(runs):
    c = runs["typed_2025"]
    found = [i for i in c.issues if i.code == "TEN_TRUNG_KHONG_DAU"]
    assert [(i.file, i.cell, i.value) for i in found] == [("Binh xet - Khom 3.xlsx", "B12", "LE VAN THANG")]
    assert found[0].message == (
        "Họ tên \"LE VAN THANG\" bỏ dấu thì trùng với nhiều người khác nhau: Lê Văn Thắng (sinh ngày 07/07/1985), "
        "tệp \"Dang ky - Khom 3.xlsx\", ô B12; Lê Văn Thăng (sinh ngày 01/01/1990), tệp \"Dang ky - Khom 3.xlsx\", "
        "ô B13; không ghép vào người nào.")


def test_a_merged_units_person_keeps_her_two_year_chain(runs, years):
    """Trần Thị Bé has no birth date in the 2026 evaluation; of the three Trần Thị Bé of the
    history only the one of Khóm Sơn Đông (2024) is in Khóm 3 now: her chain follows the merger."""
    assert _chain(runs["typed_2025"], "Trần Thị Bé", "BK_TINH") == (
        "du_dieu_kien", "dat", "2 năm liên tục Chiến sĩ thi đua cơ sở (2025-2026); " + BE_BY_UNIT)
    assert _chain(runs["no_2025"], "Trần Thị Bé", "BK_TINH") == (
        "khong_du_dieu_kien", "khong_dat", "chuỗi Chiến sĩ thi đua cơ sở bị ngắt năm 2025; không đủ 2 năm liên tục "
        "HTXSNV với 2 sáng kiến; " + BE_BY_UNIT)
    # the other side: without the merger in the register, Khóm Sơn Đông belongs to no unit of 2026
    reg, rules, _, base = years
    unmerged = dataclasses.replace(reg, units=tuple(dataclasses.replace(u, continues=()) for u in reg.units))
    c = consolidate(base / "typed_2025", unmerged, rules)
    assert _chain(c, "Trần Thị Bé", "BK_TINH") == (
        "thieu_du_lieu", "thieu_du_lieu", "không xác định được lịch sử khen thưởng: bình xét không ghi ngày sinh mà "
        "lịch sử có 3 người tên Trần Thị Bé (sinh ngày 02/02/1976, 05/11/1976, 18/03/1992); ghi ngày sinh để phân biệt")


def _approve_eligible(reg, rules, folder: Path) -> None:
    """The council's form, filled as a council would: every candidate found eligible approved."""
    c = consolidate(folder, reg, rules)
    by_key = {e.key: e.decision for e in c.council.entries}
    with tempfile.TemporaryDirectory() as tmp:
        blank = Path(tmp) / FORM_NAME.format(year=reg.year)
        write_form(blank, reg, load_council(reg), form_rows(c.council, rules), c.council.meeting, False)
        wb = openpyxl.load_workbook(blank)
    ws = wb.worksheets[0]
    meeting = {"ngay_hop": dt.datetime(2026, 12, 18), "dia_diem": "Hội trường UBND phường", "chu_tri": "Phạm Văn Ngon",
               "thu_ky": "Phạm Thị Hồng", "so_thanh_vien": 9, "so_du_hop": 8}
    labels = {normalise_key(label): key for key, label, _ in MEETING_FIELDS}
    head = None
    for row in ws.iter_rows():
        first = row[0].value
        if isinstance(first, str) and normalise_key(first) in labels:
            ws.cell(row[0].row, 4).value = meeting[labels[normalise_key(first)]]
        if any(cell.value == KEY_HEADING for cell in row):
            head = row[0].row
    col = {k: i + 1 for i, (k, _, _, _) in enumerate(COLUMNS)}
    for r in range(head + 1, ws.max_row + 1):
        d = by_key.get(ws.cell(r, col["ma"]).value)
        if d is not None:
            ws.cell(r, col["quyet_dinh"]).value = "Đồng ý" if d.outcome == "du_dieu_kien" else "Không đồng ý"
            ws.cell(r, col["so_phieu"]).value = 8 if d.outcome == "du_dieu_kien" else 2
    wb.save(folder / FORM_NAME.format(year=reg.year))


@pytest.fixture(scope="module")
def written(years, runs):
    reg, rules, _, base = years
    folder = base / "decided"
    _approve_eligible(reg, rules, folder)
    out = base / "out2026"
    report(folder, out, reg, rules=rules)
    sheet = openpyxl.load_workbook(out / "lich_su_khen_thuong_2026.xlsx")["Lịch sử"]
    rows = [r[1:] for r in sheet.iter_rows(values_only=True) if r[2] and r[5] != "Năm"]
    return out, rows


def test_next_years_history_has_one_spelling_each_title_once_and_the_merged_unit(written):
    _, rows = written
    names = {r[1] for r in rows}
    assert "Lê Văn Thắng" in names and "Le Van Thang" not in names
    assert [r[5:] for r in rows if r[1] == "Lê Văn Thắng"] == [
        ("Lao động tiên tiến", None, None, "Đã có quyết định", None)]
    thanh_2024 = [r[5:9] for r in rows if r[1] == "Nguyễn Thị Thanh" and r[4] == 2024 and r[5] == "Chiến sĩ thi đua cơ sở"]
    assert thanh_2024 == [("Chiến sĩ thi đua cơ sở", "12/QĐ-UBND", dt.datetime(2025, 3, 10), "Đã có quyết định")]
    be = [(r[3], r[4], r[5], r[9]) for r in rows if r[1] == "Trần Thị Bé" and r[2] == dt.datetime(1976, 2, 2)
          and r[4] < 2026]
    assert be == [("Khóm 3", 2024, "Lao động tiên tiến", "năm 2024: Khóm Sơn Đông"),
                  ("Khóm 3", 2025, "Chiến sĩ thi đua cơ sở", "năm 2025: Khóm Sơn Đông")]
    # her 2026 rows take the birth date her earlier rows in Khóm 3 agree on (none was typed this year)
    assert {(r[2], r[4]) for r in rows if r[1] == "Trần Thị Bé" and r[3] == "Khóm 3"} == {
        (dt.datetime(1976, 2, 2), 2024), (dt.datetime(1976, 2, 2), 2025), (dt.datetime(1976, 2, 2), 2026)}
    bk = [(r[5], r[8]) for r in rows if r[1] == "Nguyễn Thị Thanh" and r[4] == 2026 and r[5].startswith("Bằng khen")]
    assert bk == [("Bằng khen của Chủ tịch UBND tỉnh", "Đề nghị – chờ quyết định")]


def test_the_decision_prints_the_registered_spelling(written):
    out, _ = written
    names = sorted(p.name for p in (out / "van_ban").glob("*quyet_dinh_khen_thuong.docx"))
    assert names == ["du_thao_quyet_dinh_khen_thuong.docx"]
    doc = Document(out / "van_ban" / names[0])
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert "Lê Văn Thắng" in text and "Le Van Thang" not in text


def _table_rows(path: Path) -> list[list[str]]:
    return [[c.text for c in row.cells] for t in Document(path).tables for row in t.rows]


def test_achievement_reports_list_the_subjects_own_titles_and_what_is_only_proposed(written):
    """Trần Thị Bé (no birth date this year) gets her own rows, not the 1992 namesake's HTXSNV and
    initiative of 2024; Nguyễn Thị Thanh's 2024 Bằng khen is still a proposal."""
    out, _ = written
    reports = out / "van_ban" / "bao_cao_thanh_tich"
    be = Document(reports / "KH02_Tran_Thi_Be.docx")
    text = "\n".join(p.text for p in be.paragraphs)
    assert "Năm 2024: xếp loại" not in text and "QĐ 24/QĐ-HĐSK" not in text
    assert [r for r in _table_rows(reports / "KH02_Tran_Thi_Be.docx") if r[0].isdigit()] == [
        ["2024", "Lao động tiên tiến", ""], ["2025", "Chiến sĩ thi đua cơ sở", "Số 46/QĐ-UBND, ngày 22/12/2025"]]
    thanh = [r for r in _table_rows(reports / "VPTK_Nguyen_Thi_Thanh.docx") if r[0].isdigit()]
    assert ["2024", "Bằng khen của Chủ tịch UBND tỉnh", "đã đề nghị, chưa có quyết định"] in thanh
    assert ["2024", "Chiến sĩ thi đua cơ sở", "Số 12/QĐ-UBND, ngày 10/03/2025"] in thanh
