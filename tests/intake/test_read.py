"""Reading a file: recognising our templates whatever their name, and finding the data by its
text when the layout was disturbed."""

from __future__ import annotations

import openpyxl

from pipeline.indicators.layout import REPORT_SHEET
from pipeline.intake.discover import Found
from pipeline.intake.read import read_file
from pipeline.report.template_kit import IDENTITY_SHEET
from tests.conftest import D


def _read(reg, path):
    return read_file(Found(path, path.name, True, ""), reg)


def _edit(path, change):
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def test_filled_report_is_read_with_addresses(reg, report_file):
    res = _read(reg, report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT05": (99, 100)}, name="tên bất kỳ.xlsx"))
    sub = res.submission
    assert (res.issues, res.reason, sub.identity_unit, sub.sheet) == ([], "", "KH01", REPORT_SHEET)
    assert sub.header["ky"].value == "Cả năm - đến 31/12/2024" and sub.header["ky"].address == "C5"
    row = next(r for r in sub.rows if r.code == "CT05")
    assert (row.excel_row, row.code_address, row.cells["tu_so"].value, row.cells["tu_so"].address) == (13, "B13", 99.0, "H13")


def test_not_a_template(reg, tmp_path):
    path = tmp_path / "bang tu lam.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Báo cáo"
    wb.save(path)
    res = _read(reg, path)
    assert [(i.code, i.file) for i in res.issues] == [("KHONG_PHAI_BIEU_MAU", "bang tu lam.xlsx")]
    assert res.submission is None


def test_corrupt_file(reg, tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    res = _read(reg, path)
    assert [i.code for i in res.issues] == ["TEP_HONG"] and res.reason == "không mở được tệp"


def _identity(key, value):
    def change(wb):
        ws = wb[IDENTITY_SHEET]
        for row in ws.iter_rows():
            if row[0].value == key:
                row[1].value = value
    return change


def test_wrong_year_version_and_kind(reg, report_file):
    for key, value, code in (("nam", "2023", "SAI_NAM"), ("phien_ban", "0", "SAI_PHIEN_BAN"),
                             ("loai_bieu_mau", "bao_cao_khac", "SAI_LOAI_BIEU_MAU")):
        path = _edit(report_file("KH01", "ca_nam", D(2024, 12, 28), {}, name=f"{code}.xlsx"), _identity(key, value))
        res = _read(reg, path)
        assert [(i.code, i.value) for i in res.issues] == [(code, value)]
        assert not res.submission.readable


def test_identity_sheet_deleted_falls_back_to_document_properties(reg, report_file):
    path = _edit(report_file("KH02", "ca_nam", D(2024, 12, 28), {"CT05": (1, 2)}),
                 lambda wb: wb.remove(wb[IDENTITY_SHEET]))
    res = _read(reg, path)
    assert (res.issues, res.submission.identity_unit, res.submission.readable) == ([], "KH02", True)


def test_renamed_sheet_and_rows_inserted_above_the_table(reg, report_file):
    def change(wb):
        ws = wb[REPORT_SHEET]
        ws.title = "BC khom"
        ws.insert_rows(3, amount=2)
    path = _edit(report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT05": (99, 100)}), change)
    sub = _read(reg, path).submission
    assert sub.sheet == "BC khom"
    assert sub.header["ky"].address == "C7"
    row = next(r for r in sub.rows if r.code == "CT05")
    assert row.cells["tu_so"].address == "H15"


def test_deleted_column_is_reported(reg, report_file):
    path = _edit(report_file("KH01", "ca_nam", D(2024, 12, 28), {}), lambda wb: wb[REPORT_SHEET].delete_cols(8))
    res = _read(reg, path)
    assert [(i.code, i.sheet, i.cell, i.value) for i in res.issues] == [("THIEU_COT", REPORT_SHEET, "10:10", "Tử số")]
    assert not res.submission.readable
