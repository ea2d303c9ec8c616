"""A template filled in and saved by LibreOffice Calc, as a person would, is read correctly."""

from __future__ import annotations

from pathlib import Path

from pipeline.indicators.aggregate import WARD
from pipeline.indicators.layout import REPORT_SHEET
from pipeline.indicators.templates import build_template
from pipeline.intake.discover import discover
from pipeline.intake.read import read_file
from pipeline.registers.rules import load_rules
from pipeline.run import consolidate
from tests.libreoffice import fill_in_libreoffice, require_libreoffice


def _addresses(reg, template: Path) -> dict[tuple[str, str], str]:
    """(target, input key) -> cell address, read from the template itself."""
    found, _ = discover(template.parent)
    sub = read_file(found[0], reg).submission
    out = {(row.code, key): cell.address for row in sub.rows for key, cell in row.cells.items()}
    return out | {("header", key): cell.address for key, cell in sub.header.items()}


def test_template_filled_and_saved_by_libreoffice_is_accepted(reg, tmp_path):
    require_libreoffice()
    template = tmp_path / "template" / "khom.xlsx"
    build_template(reg, reg.unit("KH01"), "chi_tieu_khom", template)
    at = _addresses(reg, template)

    def put(code, key, value):
        return {"sheet": REPORT_SHEET, "cell": at[(code, key)], "value": value}

    edits = [
        put("header", "ky", "Cả năm - đến 31/12/2024"),
        put("header", "ngay_bao_cao", {"date": "2024-12-28"}),
        put("header", "nguoi_lap", "Nguyễn Văn Hùng"),
        put("header", "dien_thoai", "0296 3812345"),
        put("CT05", "tu_so", 997), put("CT05", "mau_so", 1000),          # typed as numbers
        put("CT04", "gia_tri", "12,5"),                                    # pasted as text
        put("CT21", "gia_tri", "1.234"),                                   # text, whole-number field
        put("CT24", "so_hien_tai", 10), put("CT24", "so_goc", 12),
        put("CT33", "gia_tri", 0),
        put("CT33", "ghi_chu", "Đã hòa giải xong 3 vụ"),
    ]
    fill_in_libreoffice(template, tmp_path / "input" / "Báo cáo Sơn Đông (LibreOffice).xlsx", edits)

    c = consolidate(tmp_path / "input", reg, load_rules(reg.year))
    read, validated, chosen, results, issues = c.read, c.validated, c.chosen, c.results, c.issues
    assert [r.reason for r in read] == [""]
    sub = read[0].submission
    assert (sub.report_kind, sub.template_version, sub.year, sub.identity_unit) == ("chi_tieu_khom", "1", "2024", "KH01")
    checked = validated.checked[0]
    assert (checked.unit, checked.period, checked.report_date.isoformat(), checked.usable) == \
        ("KH01", "ca_nam", "2024-12-28", True)
    assert chosen.fates == {0: "hop_le"}
    ward = {(r.target.code, r.period): r for r in results if r.scope == WARD}
    assert float(ward[("CT05", "ca_nam")].value) == 99.7
    assert float(ward[("CT04", "ca_nam")].value) == 12.5
    assert float(ward[("CT21", "ca_nam")].value) == 1234.0
    assert float(ward[("CT24", "ca_nam")].value) == 2.0
    assert ward[("CT33", "ca_nam")].status == "dat"
    # only blank rows are reported (CHUA_NHAP) and the other khóm are missing: no error at all
    assert {i.code for i in issues} == {"CHUA_NHAP", "CHUA_NOP"}
