"""History rows: which are titles granted and which proposals awaiting the higher authority (both
sides of each boundary), who decides locally, and the earlier rows of several files merged into
next year's history without a title twice."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from pipeline.__main__ import main
from pipeline.registers.model import REGISTERS_DIR
from pipeline.registers.rules import load_rules
from pipeline.years.history import (
    DECIDED,
    PROPOSED,
    REFUSED,
    awaiting,
    carried_history,
    decides_locally,
    earlier_rows,
    history_index,
    history_of,
    status_of,
)

D = dt.date


def test_a_proposal_needs_both_number_and_date_to_count():
    proposal = {"trang_thai": "de_nghi", "so_qd": None, "ngay_qd": None}
    assert status_of(proposal) == PROPOSED
    assert status_of(proposal | {"so_qd": "12/QĐ-UBND"}) == PROPOSED            # number only
    assert status_of(proposal | {"ngay_qd": D(2025, 3, 10)}) == PROPOSED         # date only
    assert status_of(proposal | {"so_qd": "12/QĐ-UBND", "ngay_qd": D(2025, 3, 10)}) == DECIDED
    assert status_of({"trang_thai": "khong_cong_nhan", "so_qd": "12/QĐ-UBND", "ngay_qd": D(2025, 3, 10)}) == REFUSED
    assert status_of({"so_qd": None}) == DECIDED                                  # typed before the status column
    assert status_of({"trang_thai": float("nan")}) == DECIDED


def test_the_ward_decides_what_the_rule_set_in_force_gives_its_own_chairman(tmp_path):
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    rules = load_rules(2024, root)
    assert {code for code in rules.rules if decides_locally(rules, code)} == {
        "LDTT", "GK_PHUONG", "GK_PHUONG_TT", "GK_PHUONG_HO", "GDVH"}
    # from 01/07/2025 the ward's chairman also decides CSTĐCS, Tập thể lao động tiên tiến and khóm văn hóa
    assert main(["--registers", str(root), "new-year", "2026"]) == 0
    later = load_rules(2026, root)
    assert {code for code in later.rules if decides_locally(later, code)} == {
        "LDTT", "GK_PHUONG", "GK_PHUONG_TT", "GK_PHUONG_HO", "GDVH", "CSTDCS", "TTLDTT", "KHOM_VH"}


@pytest.mark.parametrize("identity, year, accepted", [
    ("2025", 2026, True), ("2026", 2026, False), ("2027", 2026, False), ("1990", 2026, False), ("", 2026, False)])
def test_a_history_of_an_earlier_year_is_carried(identity, year, accepted):
    assert carried_history(identity, year) is accepted


def _frame(*rows):
    base = {"loai_doi_tuong": "ca_nhan", "ho_ten": "Trần Thị Bích", "ngay_sinh": D(1990, 3, 2), "don_vi": "Văn phòng",
            "so_qd": None, "ngay_qd": None, "trang_thai": None, "ghi_chu": None, "tep": "a.xlsx"}
    return [base | r for r in rows]


def test_a_title_decided_in_one_file_and_proposed_in_another_counts_once_as_decided():
    rows = _frame({"nam": 2024.0, "noi_dung": "CSTDCS", "trang_thai": "de_nghi"},
                  {"nam": 2024.0, "noi_dung": "CSTDCS", "so_qd": "12/QĐ-UBND", "ngay_qd": D(2025, 3, 10),
                   "trang_thai": "da_quyet_dinh", "tep": "b.xlsx"},
                  {"nam": 2023.0, "noi_dung": "BK_TINH", "trang_thai": "de_nghi"},
                  {"nam": 2022.0, "noi_dung": "CSTDCS", "trang_thai": "khong_cong_nhan"})
    past = history_of(history_index(pd.DataFrame(rows)), "Trần Thị Bích", D(1990, 3, 2))
    assert past.items == {("CSTDCS", 2024)}
    assert past.pending == {("BK_TINH", 2023)}
    assert awaiting(past, "CSTDCS", [2024]) == ""
    assert awaiting(past, "BK_TINH", [2022, 2023]) == (
        "Bằng khen của Chủ tịch UBND tỉnh năm 2023 mới là đề nghị, chờ quyết định của cấp trên, chưa tính cho đến "
        "khi ghi số, ngày quyết định vào lịch sử khen thưởng")


def test_earlier_rows_of_several_files_hold_each_title_once_and_two_initiatives_twice(reg):
    # the LĐTT of 2023 is written twice in file b (the person was in two units' lists): once
    rows = _frame({"nam": 2024.0, "noi_dung": "CSTDCS", "trang_thai": "de_nghi"},
                  {"nam": 2024.0, "noi_dung": "SK_CO_SO", "so_qd": "QĐ 5"},
                  {"nam": 2024.0, "noi_dung": "SK_CO_SO", "so_qd": "QĐ 5"},
                  {"nam": 2024.0, "noi_dung": "CSTDCS", "so_qd": "12/QĐ-UBND", "ngay_qd": D(2025, 3, 10),
                   "trang_thai": "da_quyet_dinh", "tep": "b.xlsx"},
                  {"nam": 2024.0, "noi_dung": "SK_CO_SO", "so_qd": "QĐ 5", "tep": "b.xlsx"},
                  {"nam": 2023.0, "noi_dung": "LDTT", "ho_ten": "TRẦN  THỊ BÍCH", "tep": "b.xlsx"},
                  {"nam": 2023.0, "noi_dung": "LDTT", "don_vi": "Hội Nông dân phường", "tep": "b.xlsx"})
    out = earlier_rows(rows, reg)
    assert [(r["ho_ten"], r["nam"], r["noi_dung"], r["so_qd"], r["trang_thai"]) for r in out] == [
        ("TRẦN  THỊ BÍCH", 2023, "LDTT", None, DECIDED),
        ("Trần Thị Bích", 2024, "CSTDCS", "12/QĐ-UBND", DECIDED),
        ("Trần Thị Bích", 2024, "SK_CO_SO", "QĐ 5", None),
        ("Trần Thị Bích", 2024, "SK_CO_SO", "QĐ 5", None),
    ]
