"""A filled template that lost its hidden identity (the "_nhan_dang" sheet and docProps/custom.xml,
as when a unit re-saves it through another program) is recognised from its visible sheet when
that is unambiguous, read with a warning; otherwise rejected with the precise reason."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import openpyxl

from pipeline.awards.samples import write_award_report
from pipeline.indicators.layout import REPORT_SHEET
from pipeline.intake.discover import Found
from pipeline.intake.read import read_file
from pipeline.report.template_kit import IDENTITY_SHEET
from tests.conftest import D

LOST = ("Tệp không còn thông tin nhận dạng ẩn (trang \"_nhan_dang\" và thuộc tính tệp), thường do được lưu lại "
        "bằng chương trình khác; đã nhận là ")
REJECTED = "Tệp không còn thông tin nhận dạng ẩn và nội dung trên trang không đủ để nhận ra biểu mẫu: "


def _strip(path: Path, change=None) -> Path:
    """Delete the identity sheet (and apply ``change``), then rewrite the zip without the custom
    properties part and every reference to it."""
    wb = openpyxl.load_workbook(path)
    wb.remove(wb[IDENTITY_SHEET])
    if change:
        change(wb)
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts.pop("docProps/custom.xml", None)
    parts["[Content_Types].xml"] = re.sub(rb'<Override[^>]*custom\.xml"[^>]*/>', b"", parts["[Content_Types].xml"])
    parts["_rels/.rels"] = re.sub(rb'<Relationship[^>]*custom\.xml"[^>]*/>', b"", parts["_rels/.rels"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with zipfile.ZipFile(path) as zf:
        assert "docProps/custom.xml" not in zf.namelist()
    return path


def _read(reg, path):
    return read_file(Found(path, path.name, True, ""), reg)


def _issues(res):
    return [(i.code, i.severity, i.sheet, i.message) for i in res.issues]


def test_indicator_report_recognised_from_title_unit_and_codes(reg, report_file):
    path = _strip(report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT05": (99, 100)}, name="luu lai.xlsx"))
    res = _read(reg, path)
    sub = res.submission
    assert _issues(res) == [("NHAN_DANG_TU_NOI_DUNG", "canh_bao", REPORT_SHEET, LOST + "\"Báo cáo kết quả thực hiện "
                             "chỉ tiêu thi đua của khóm\" của Khóm Sơn Đông năm 2024, nhận ra từ tiêu đề, tên đơn vị "
                             "và mã chỉ tiêu trên trang \"Báo cáo\".")]
    assert (sub.report_kind, sub.template_version, sub.year, sub.identity_unit, sub.readable) == (
        "chi_tieu_khom", "1", "2024", "KH01", True)
    row = next(r for r in sub.rows if r.code == "CT05")
    assert (row.cells["tu_so"].value, row.cells["tu_so"].address, row.cells["mau_so"].value) == (99.0, "H13", 100.0)


def test_recognised_file_is_used_end_to_end(reg, report_file, tmp_path):
    from pipeline.registers.rules import load_rules
    from pipeline.run import consolidate
    _strip(report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT05": (99, 100)}, name="luu lai.xlsx"))
    c = consolidate(tmp_path / "input", reg, load_rules(2024))
    assert list(c.chosen.fates.values()) == ["hop_le"]
    kh01 = c.chosen.values[(c.chosen.values["ma_chi_tieu"] == "CT05")]
    assert (kh01["tu_so"].tolist(), kh01["mau_so"].tolist()) == ([99.0], [100.0])


def test_award_report_recognised_from_title_and_unit(reg, tmp_path):
    path = write_award_report(reg, "binh_xet", "VPTK", D(2024, 12, 10), {}, [{"ho_ten": "Lê Văn Cường"}],
                              tmp_path / "bx.xlsx", tmp_path)
    res = _read(reg, _strip(path))
    assert _issues(res) == [("NHAN_DANG_TU_NOI_DUNG", "canh_bao", "Bình xét", LOST + "\"Kết quả bình xét thi đua, "
                             "khen thưởng năm 2024\" của Văn phòng - Thống kê năm 2024, nhận ra từ tiêu đề và tên đơn vị "
                             "trên trang \"Bình xét\".")]
    assert (res.submission.report_kind, res.submission.identity_unit, [r.code for r in res.submission.rows]) == (
        "binh_xet", "VPTK", ["Lê Văn Cường"])


def test_title_of_another_year_is_rejected(reg, report_file):
    path = _strip(report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT05": (99, 100)}, name="nam truoc.xlsx"),
                  lambda wb: wb[REPORT_SHEET].cell(1, 1, "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM 2023"))
    res = _read(reg, path)
    assert (_issues(res), res.submission) == ([("KHONG_NHAN_RA_BIEU_MAU", "loi", REPORT_SHEET, REJECTED +
        "tiêu đề \"BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM 2023\" là của năm 2023, sổ đăng ký đang áp dụng "
        "năm 2024; tệp không được dùng.")], None)


def test_unit_name_fitting_two_units_is_rejected(reg, report_file):
    path = _strip(report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT05": (99, 100)}, name="hai don vi.xlsx"))
    kh02 = dataclasses.replace(reg.unit("KH02"), aliases=("Khóm Sơn Đông",))
    twin = dataclasses.replace(reg, units=tuple(kh02 if u.code == "KH02" else u for u in reg.units))
    res = _read(twin, path)
    assert _issues(res) == [("KHONG_NHAN_RA_BIEU_MAU", "loi", REPORT_SHEET, REJECTED +
                             "tên đơn vị \"Khóm Sơn Đông\" khớp nhiều đơn vị: Khóm Sơn Đông (KH01), "
                             f"{kh02.name} (KH02); tệp không được dùng.")]


def test_table_codes_not_the_units_targets_is_rejected(reg, report_file):
    # a khóm report whose unit cell (C4) was changed to the health station: the codes are a khóm's
    health = reg.unit("TYT").name
    path = _strip(report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT05": (99, 100)}, name="doi ten.xlsx"),
                  lambda wb: wb[REPORT_SHEET].cell(4, 3, health))
    res = _read(reg, path)
    tyt = {t.code for t in reg.targets_for("TYT")}
    khom = {t.code for t in reg.targets_for("KH01")}
    assert _issues(res) == [("KHONG_NHAN_RA_BIEU_MAU", "loi", REPORT_SHEET, REJECTED +
                             f"mã chỉ tiêu trong bảng không khớp các chỉ tiêu của {health} năm 2024 (thiếu "
                             + ", ".join(sorted(tyt - khom)) + "; thừa " + ", ".join(sorted(khom - tyt))
                             + "); tệp không được dùng.")]
