"""A person's history is theirs only: matched on the normalised name and the birth date, by name
alone only when one side has no birth date and the history holds one person of that name; and
several history files add up without a repeated row counting twice. Every case worked out by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.awards.evaluate import evaluate_awards
from pipeline.awards.samples import write_award_report
from pipeline.awards.validate import AwardFrames
from pipeline.registers.rules import load_rules
from pipeline.run import consolidate

D = dt.date
HER, NAMESAKE = D(1990, 3, 2), D(1978, 11, 20)
PERSON = {"tep": "bx.xlsx", "trang_tinh": "Bình xét", "ma_don_vi": "VPTK", "ho_ten": "Trần Thị Bích",
          "ngay_sinh": HER, "chuc_vu": "Công chức", "doi_tuong": "cong_chuc", "ngay_bat_dau": D(2015, 1, 1),
          "so_thang": float("nan"), "xep_loai": "HTXSNV", "doan_ket": "co", "ky_luat": None, "ngay_ky_luat": None,
          "so_sang_kien": float("nan"), "cap_sang_kien": None, "qd_sang_kien": None, "de_tai": None,
          "danh_hieu": "CSTDCS", "hinh_thuc": "BK_TINH", "thanh_tich": None}
CHAIN = "2 năm liên tục Chiến sĩ thi đua cơ sở (2023-2024)"


@pytest.fixture(scope="module")
def rules():
    return load_rules(2024)


def _rows(name, birth, *items, unit="Trường Tiểu học", file="ls.xlsx"):
    return [{"sub": 0, "tep": file, "trang_tinh": "Lịch sử", "ma_don_vi": "PHUONG", "loai_doi_tuong": "ca_nhan",
             "ho_ten": name, "ngay_sinh": birth, "don_vi": unit, "nam": float(y), "noi_dung": item} for item, y in items]


def bk(reg, rules, history, **changes):
    f = AwardFrames()
    f.people = pd.DataFrame([{"sub": 0, **PERSON, **changes}])
    f.history = pd.DataFrame(history)
    f.addresses = {"people": [{"xep_loai": "H12", "ho_ten": "B12"}], "history": [{} for _ in history]}
    out = evaluate_awards(f, {0}, pd.DataFrame(columns=["ma_don_vi", "ma_chi_tieu", "ky"]), reg, rules)
    d = next(d for d in out.decisions if d.title == "BK_TINH")
    c = next(c for c in d.criteria if c.code == "chuoi_nam")
    return d.outcome, c.result, c.text


def test_namesake_in_another_unit_with_another_birth_date_is_not_her_history(reg, rules):
    # the finding: before, the name-only fallback took the namesake's 2022-2023 CSTĐCS and she was eligible
    namesake = _rows("Trần Thị Bích", NAMESAKE, ("CSTDCS", 2022), ("CSTDCS", 2023))
    assert bk(reg, rules, namesake) == (
        "thieu_du_lieu", "thieu_du_lieu",
        "không có lịch sử khen thưởng các năm trước (lịch sử có người cùng tên Trần Thị Bích nhưng sinh ngày "
        "20/11/1978, không phải người sinh ngày 02/03/1990)")


def test_her_own_rows_match_on_name_and_birth_date(reg, rules):
    both = _rows("Trần Thị Bích", NAMESAKE, ("CSTDCS", 2023)) + _rows("TRẦN  THỊ BÍCH", HER, ("LDTT", 2023))
    assert bk(reg, rules, both) == (   # her own row is LĐTT 2023: the namesake's CSTĐCS is not hers
        "khong_du_dieu_kien", "khong_dat",
        "chuỗi Chiến sĩ thi đua cơ sở bị ngắt năm 2023; không đủ 2 năm liên tục HTXSNV với 2 sáng kiến")
    mine = _rows("Trần Thị Bích", HER, ("CSTDCS", 2023)) + _rows("Trần Thị Bích", NAMESAKE, ("LDTT", 2023))
    assert bk(reg, rules, mine) == ("du_dieu_kien", "dat", CHAIN)


def test_name_only_when_the_evaluation_has_no_birth_date_and_one_person_has_the_name(reg, rules):
    one = _rows("Trần Thị Bích", HER, ("CSTDCS", 2023))
    assert bk(reg, rules, one, ngay_sinh=None) == (
        "du_dieu_kien", "dat", CHAIN + "; khớp lịch sử theo họ tên (bình xét không ghi ngày sinh; lịch sử chỉ có "
        "một người tên Trần Thị Bích)")


def test_name_only_when_the_history_has_no_birth_date(reg, rules):
    undated = _rows("Trần Thị Bích", None, ("CSTDCS", 2023))
    assert bk(reg, rules, undated) == (
        "du_dieu_kien", "dat", CHAIN + "; khớp lịch sử theo họ tên (lịch sử không ghi ngày sinh; lịch sử chỉ có "
        "một người tên Trần Thị Bích)")


def test_two_people_of_the_name_and_no_birth_date_is_missing_data_naming_them(reg, rules):
    two = _rows("Trần Thị Bích", HER, ("CSTDCS", 2023)) + _rows("Trần Thị Bích", NAMESAKE, ("CSTDCS", 2023))
    assert bk(reg, rules, two, ngay_sinh=None) == (
        "thieu_du_lieu", "thieu_du_lieu",
        "không xác định được lịch sử khen thưởng: bình xét không ghi ngày sinh mà lịch sử có 2 người tên "
        "Trần Thị Bích (sinh ngày 20/11/1978, 02/03/1990); ghi ngày sinh để phân biệt")


def test_undated_row_beside_a_dated_namesake_is_ambiguous(reg, rules):
    mixed = _rows("Trần Thị Bích", None, ("CSTDCS", 2023)) + _rows("Trần Thị Bích", NAMESAKE, ("CSTDCS", 2023))
    assert bk(reg, rules, mixed) == (
        "thieu_du_lieu", "thieu_du_lieu",
        "không xác định được lịch sử khen thưởng: lịch sử có dòng tên Trần Thị Bích không ghi ngày sinh bên cạnh "
        "người cùng tên sinh ngày 20/11/1978; ghi ngày sinh vào lịch sử để phân biệt")


def test_a_row_repeated_in_two_history_files_counts_once(reg, rules):
    # path B needs 2 initiatives over 2023-2024: none this year, and the one of 2023 appears in two files
    rows = [("HTXSNV", 2023), ("SK_CO_SO", 2023)]
    twice = _rows("Trần Thị Bích", HER, *rows, file="ls2023.xlsx") + _rows("Trần Thị Bích", HER, *rows, file="tool.xlsx")
    assert bk(reg, rules, twice, danh_hieu="khong") == (
        "khong_du_dieu_kien", "khong_dat",
        "chuỗi Chiến sĩ thi đua cơ sở bị ngắt năm 2023; không đủ 2 năm liên tục HTXSNV với 2 sáng kiến")


def _history_file(reg, folder, name, date, rows, tmp):
    records = [{"loai_doi_tuong": "ca_nhan", "ho_ten": n, "ngay_sinh": b, "don_vi": "Văn phòng - Thống kê",
                "nam": y, "noi_dung": item, "so_qd": f"{10 + i}/QĐ-UBND", "ngay_qd": D(y, 12, 20)}
               for i, (n, b, y, item) in enumerate(rows)]
    return write_award_report(reg, "lich_su", None, date, {}, records, folder / name, tmp)


def test_several_history_files_are_all_used_and_a_copy_is_a_copy(reg, tmp_path):
    folder = tmp_path / "input"
    y22 = [("Trần Thị Bích", HER, 2022, "CSTDCS")]
    y23 = [("Trần Thị Bích", HER, 2023, "CSTDCS"), ("Lê Văn Cường", D(1980, 1, 5), 2023, "LDTT")]
    _history_file(reg, folder, "lich_su_2022.xlsx", D(2023, 1, 10), y22, tmp_path)
    _history_file(reg, folder, "lich_su_2023.xlsx", D(2024, 1, 10), y23, tmp_path)
    _history_file(reg, folder, "lich_su_2023 (1).xlsx", D(2024, 1, 10), y23, tmp_path)   # identical copy
    c = consolidate(folder, reg, load_rules(2024))
    fates = {c.read[i].found.name: fate for i, fate in c.chosen.fates.items()}
    assert fates == {"lich_su_2022.xlsx": "hop_le", "lich_su_2023.xlsx": "hop_le", "lich_su_2023 (1).xlsx": "trung_lap"}
    assert [i.code for i in c.issues if i.file.startswith("lich_su")] == ["BAN_TRUNG_GIONG_HET"]
    assert not any(i.code == "BAN_CU_BI_THAY" for i in c.issues)


def test_a_template_loaded_ahead_gives_the_same_file_and_is_used_once(reg, tmp_path):
    from pipeline.awards import samples
    rows = [("Trần Thị Bích", HER, 2023, "CSTDCS")]
    plain = _history_file(reg, tmp_path / "a", "lich_su.xlsx", D(2024, 1, 10), rows, tmp_path)
    samples.prepare_template(reg, "lich_su")
    assert len(samples._ahead) == 1
    ahead = _history_file(reg, tmp_path / "b", "lich_su.xlsx", D(2024, 1, 10), rows, tmp_path)
    assert samples._ahead == {}   # taken by that report, not by a later one
    assert ahead.read_bytes() == plain.read_bytes()
