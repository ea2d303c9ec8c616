"""The year's book filled in real LibreOffice Calc, as an officer would (drop-downs, a date, a decimal
comma, a new row), saved as .xlsx and loaded back; a locked heading refuses the edit."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from pipeline.registers.load import load_registers
from tests.book.test_book import BOOK
from tests.libreoffice import fill_in_libreoffice, require_libreoffice


def test_the_book_filled_in_libreoffice_loads_back(made, tmp_path):  # noqa: F811
    require_libreoffice()
    root = tmp_path / "registers"
    shutil.copytree(made, root)
    book = root / "2026" / BOOK
    edits = [
        {"sheet": "Cơ quan – Hội đồng", "cell": "B3", "value": "xã"},
        {"sheet": "Cơ quan – Hội đồng", "cell": "B4", "value": "Tân Hòa"},
        {"sheet": "Cơ quan – Hội đồng", "cell": "B7", "value": "Lê Văn Tâm"},
        {"sheet": "Cơ quan – Hội đồng", "cell": "B8", "value": "Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND xã Tân Hòa"},
        {"sheet": "Kỳ báo cáo", "cell": "F4", "value": {"date": "2026-07-06"}},
        {"sheet": "Chỉ tiêu", "cell": "F4", "value": "2,6"},
        {"sheet": "Đơn vị", "cell": "A22", "value": "DN01"},
        {"sheet": "Đơn vị", "cell": "B22", "value": "Công ty TNHH Minh Phát"},
        {"sheet": "Đơn vị", "cell": "C22", "value": "doanh_nghiep"},
    ]
    saved = fill_in_libreoffice(book, tmp_path / "lo" / BOOK, edits)
    shutil.copyfile(saved, book)
    reg = load_registers(root, 2026)
    assert reg.settings["co_quan"]["ten_co_quan"] == "ỦY BAN NHÂN DÂN XÃ TÂN HÒA"
    assert reg.settings["van_ban"]["ho_ten_nguoi_ky"] == "Lê Văn Tâm"
    assert reg.plan_reference == "Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND xã Tân Hòa"
    assert reg.period("dot1").deadline == dt.date(2026, 7, 6)
    assert reg.targets[0].value == 2.6
    assert (reg.units[-1].code, reg.units[-1].kind, reg.units[-1].reports) == (
        "DN01", "doanh_nghiep", ("dang_ky_thi_dua", "binh_xet"))
    # what LibreOffice kept of the book: every other register value as new-year wrote it
    before = load_registers(made, 2026)
    assert reg.units[:-1] == before.units and reg.report_kinds == before.report_kinds
    assert reg.targets[1:] == before.targets[1:] and reg.emulation_phases == before.emulation_phases


def test_a_locked_heading_refuses_the_edit_in_libreoffice(made, tmp_path):  # noqa: F811
    require_libreoffice()
    with pytest.raises(AssertionError, match="Đơn vị!A2 is locked on a protected sheet"):
        fill_in_libreoffice(made / "2026" / BOOK, tmp_path / "lo" / BOOK,
                            [{"sheet": "Đơn vị", "cell": "A2", "value": "Mã"}])
    with pytest.raises(AssertionError, match="is not in its drop-down list"):
        fill_in_libreoffice(made / "2026" / BOOK, tmp_path / "lo" / BOOK,
                            [{"sheet": "Cơ quan – Hội đồng", "cell": "B3", "value": "thị trấn"}])
