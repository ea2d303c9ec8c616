"""Award templates filled like a person would, read back: codes, sheets and cells of the Issues."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.awards.samples import write_award_report
from pipeline.intake.discover import discover
from pipeline.intake.read import read_file
from pipeline.submissions.validate import validate

D = dt.date
ROW = {"ngay_sinh": D(1980, 1, 1), "chuc_vu": "Chuyên viên", "doi_tuong": "cong_chuc", "ngay_bat_dau": D(2015, 1, 1),
       "xep_loai": "HTTNV", "doan_ket": "co", "danh_hieu": "LDTT", "hinh_thuc": "khong"}


def _validate(reg, folder):
    found, _ = discover(folder)
    return validate([read_file(f, reg) for f in found if f.readable], reg)


def test_evaluation_values_and_errors(reg, tmp_path):
    rows = [
        ROW | {"ho_ten": "Nguyễn Văn A", "xep_loai": "htxsnv", "danh_hieu": "LĐTT"},       # understood
        ROW | {"ho_ten": "Trần Thị B", "ky_luat": "khien_trach", "ngay_ky_luat": D(2024, 4, 1)},  # civil servant
        ROW | {"ho_ten": "Lê Văn C", "xep_loai": "Giỏi", "ngay_bat_dau": "đầu năm"},
        {"chuc_vu": "Tạp vụ", "doan_ket": "co"},                                          # no name
        ROW | {"ho_ten": "Phạm D", "so_thang": 13, "so_sang_kien": 1},
    ]
    write_award_report(reg, "binh_xet", "VPTK", D(2024, 12, 10), {"xep_loai_tap_the": "HTXSNV"}, rows,
                       tmp_path / "in" / "bx.xlsx", tmp_path)
    v = _validate(reg, tmp_path / "in")
    found = sorted((i.code, i.sheet, i.cell, i.value) for i in v.issues)
    # 10 header fields on rows 4-13, a blank row 14, headings on row 15, people from row 16:
    # A 16, B 17, C 18, the nameless row 19, D 20. Columns: F start date, G months, H rating, M level.
    assert found == [
        ("KY_LUAT_XEP_LOAI", "Bình xét", "H17", "HTTNV"),
        ("LUA_CHON_KHONG_HOP_LE", "Bình xét", "H18", "Giỏi"),
        ("NGAY_KHONG_DOC_DUOC", "Bình xét", "F18", "đầu năm"),
        ("THIEU_CAP_SANG_KIEN", "Bình xét", "M20", ""),
        ("THIEU_HO_TEN", "Bình xét", "B19", ""),
        ("VUOT_GIOI_HAN", "Bình xét", "G20", "13"),
    ]
    people = v.awards.people.set_index("ho_ten")
    assert (people.loc["Nguyễn Văn A", "xep_loai"], people.loc["Nguyễn Văn A", "danh_hieu"]) == ("HTXSNV", "LDTT")
    assert pd.isna(people.loc["Trần Thị B", "xep_loai"])   # the rating an error points to is not used
    assert v.awards.groups.loc[0, "xep_loai_tap_the"] == "HTXSNV"
    assert [c.period for c in v.checked] == ["nam"]


def test_khom_form_and_history(reg, tmp_path):
    form = {"so_tre_do_tuoi": 100, "so_tre_di_hoc": 120, "tc_kinh_te": "co", "tc_van_hoa": "Có lẽ"}
    write_award_report(reg, "khom_van_hoa", "KH02", D(2024, 11, 30), form, [], tmp_path / "in" / "kvh.xlsx", tmp_path)
    history = [{"loai_doi_tuong": "ca_nhan", "ho_ten": "Nguyễn Văn A", "nam": 2025, "noi_dung": "CSTDCS"},
               {"loai_doi_tuong": "ca_nhan", "ho_ten": "Nguyễn Văn A", "nam": 2023, "noi_dung": "CSTDCS"}]
    write_award_report(reg, "lich_su", None, D(2024, 12, 1), {}, history, tmp_path / "in" / "ls.xlsx", tmp_path)
    v = _validate(reg, tmp_path / "in")
    found = sorted((i.code, i.file, i.cell, i.value) for i in v.issues)
    # form: 16 fields on rows 4-19, values in column F: date row 5, children enrolled row 10
    # (7th field), "đời sống văn hóa" row 15 (12th field); history: headings row 7, data from row 8
    assert found == [
        ("LUA_CHON_KHONG_HOP_LE", "kvh.xlsx", "F15", "Có lẽ"),
        ("NAM_KHONG_HOP_LE", "ls.xlsx", "F8", "2025"),
        ("NOP_TRE_HAN", "kvh.xlsx", "F5", "30/11/2024"),       # deadline 20/11/2024
        ("SO_LIEU_VUOT_TONG", "kvh.xlsx", "F10", "120"),
    ]
    assert v.awards.history["nam"].tolist()[1] == 2023.0
    assert [(c.unit, c.period, c.usable) for c in v.checked] == [("KH02", "nam", True), ("PHUONG", "nam", True)]


def test_two_registrations_same_date_different_content_conflict(reg, tmp_path):
    from pipeline.submissions.dedupe import dedupe
    for name, title in (("a.xlsx", "LDTT"), ("b.xlsx", "CSTDCS")):
        write_award_report(reg, "dang_ky", "TYT", D(2024, 3, 20), {}, [{"ho_ten": "A", "danh_hieu": title}],
                           tmp_path / "in" / name, tmp_path)
    chosen = dedupe(_validate(reg, tmp_path / "in"), reg)
    assert sorted(chosen.fates.values()) == ["xung_dot", "xung_dot"]


def test_a_commune_names_its_titles_in_its_rules_register(tmp_path):
    """A commune's rules call the Giấy khen "… UBND xã": its template offers that label and a form
    filled with it reads as the same title; the ward's wording is still understood."""
    import shutil

    import openpyxl

    from pipeline.registers.load import load_registers
    from pipeline.registers.model import REGISTERS_DIR
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    rules = root / "2024" / "award_rules.toml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        'danh_hieu = "Giấy khen của Chủ tịch UBND phường"', 'danh_hieu = "Giấy khen của Chủ tịch UBND xã"'),
        encoding="utf-8")
    reg = load_registers(root)
    rows = [ROW | {"ho_ten": "Nguyễn Văn A", "hinh_thuc": "Giấy khen của Chủ tịch UBND xã", "thanh_tich": "Tốt"},
            ROW | {"ho_ten": "Trần Thị B", "hinh_thuc": "Giấy khen của Chủ tịch UBND phường", "thanh_tich": "Tốt"}]
    path = write_award_report(reg, "binh_xet", "VPTK", D(2024, 12, 10), {}, rows, tmp_path / "in" / "bx.xlsx", tmp_path)
    lists = openpyxl.load_workbook(path)["_danh_muc"]
    labels = {c.value for row in lists.iter_rows() for c in row if c.value}
    assert "Giấy khen của Chủ tịch UBND xã" in labels and "Giấy khen của Chủ tịch UBND phường" not in labels
    people = _validate(reg, tmp_path / "in").awards.people
    assert list(zip(people["ho_ten"], people["hinh_thuc"])) == [("Nguyễn Văn A", "GK_PHUONG"), ("Trần Thị B", "GK_PHUONG")]
