"""A folder holding every kind of bad file at once: the run completes, every file gets one precise
Issue, the good data is still used, and the input folder is unchanged byte for byte."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from pipeline.__main__ import main
from pipeline.indicators.layout import REPORT_SHEET
from pipeline.indicators.samples import write_report
from pipeline.report.template_kit import IDENTITY_SHEET
from tests.conftest import D, read_csv
from tests.libreoffice import convert_with_libreoffice, require_libreoffice

GOOD = {"CT05": (99, 100), "CT04": 10}


def _edit(path: Path, change) -> Path:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def _rezip(path: Path, change) -> Path:
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _identity(key, value):
    def change(wb):
        for row in wb[IDENTITY_SHEET].iter_rows():
            if row[0].value == key:
                row[1].value = value
    return change


def _sheet_xml(parts: dict) -> str:
    return next(n for n in parts if n.startswith("xl/worksheets/sheet1"))


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
                             for i in range(1, 10))
                  + b"]>")


@pytest.fixture(scope="module")
def hostile(reg, tmp_path_factory):
    require_libreoffice()
    root = tmp_path_factory.mktemp("hostile")
    inp = root / "input"
    inp.mkdir()

    def report(unit, period, name, values=GOOD, **kw):
        return write_report(reg, unit, period, D(2024, 12, 28) if period == "ca_nam" else D(2024, 6, 28),
                            values, inp / name, **kw)

    # --- not workbooks
    (inp / "ghi chu.txt").write_text("nhắn Hội đồng", encoding="utf-8")
    (inp / "anh chup.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 64)
    (inp / "bao cao.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    (inp / "so lieu.csv").write_text("ma,gia_tri\nCT05,99\n", encoding="utf-8")
    (inp / "rong.xlsx").write_bytes(b"")
    whole = report("KH02", "dot1", "tmp_whole.xlsx").read_bytes()
    (inp / "tmp_whole.xlsx").unlink()
    (inp / "tai chua het.xlsx").write_bytes(whole[: len(whole) // 2])
    # a central directory that says a zip version no reader knows (zipfile: NotImplementedError)
    at = whole.index(b"PK\x01\x02")
    (inp / "phien ban nen la.xlsx").write_bytes(whole[: at + 6] + b"\xff\x00" + whole[at + 8:])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "không phải bảng tính")
    (inp / "tep nen.xlsx").write_bytes(buffer.getvalue())
    (inp / "anh doi duoi.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (inp / "mat khau.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with zipfile.ZipFile(inp / "bom nen.xlsx", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(30):
                sheet.write(b"\0" * (1024 * 1024))
    # --- other spreadsheet formats of our template (LibreOffice "Save as")
    source = report("KH03", "dot1", "tmp_kh03.xlsx", {"CT05": (180, 200)})
    convert_with_libreoffice(source, inp, "ods", "calc8")
    xls = report("HND", "dot1", "tmp_hnd.xlsx", {"CT27": (3, 100)})
    convert_with_libreoffice(xls, inp, "xls", "MS Excel 97")
    xls.unlink()
    (inp / "tmp_hnd.xls").rename(inp / "Hoi Nong dan dot 1.xls")
    source.rename(inp / "BC khom Hoa Thuan dot 1.xlsm")   # an .xlsx saved under the macro extension
    (inp / "tmp_kh03.ods").rename(inp / "BC khom Hoa Thuan dot 1 (LibreOffice).ods")
    # --- workbooks that are not ours, or not of this year or version
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Bảng tự lập"
    wb.save(inp / "tu lap.xlsx")
    _edit(report("KH01", "dot1", "nam cu.xlsx"), _identity("nam", "2023"))
    _edit(report("KH01", "dot1", "phien ban cu.xlsx"), _identity("phien_ban", "0"))
    _edit(report("KH01", "dot1", "don vi la.xlsx"), _identity("ma_don_vi", "KH09"))
    # --- layout disturbed but still readable: identity sheet deleted, sheets renamed, reordered,
    #     hidden; columns moved; rows inserted; a merged cell; blank rows; NFD and old-style unit name
    def disturb(wb):
        wb.remove(wb[IDENTITY_SHEET])
        ws = wb[REPORT_SHEET]
        ws.title = "So lieu"
        wb.move_sheet("So lieu", offset=1)
        ws.sheet_state = "visible"
        wb["Hướng dẫn"].sheet_state = "hidden"
        ws.move_range("H11:I30", cols=10)       # numerator and denominator moved to R:S
        ws["R10"], ws["S10"] = "Tử số", "Mẫu số"
        ws["H10"], ws["I10"] = None, None
        ws.insert_rows(3, 2)
        ws.merge_cells("O15:O16")              # a merged note cell inside the table
        ws["C6"] = unicodedata.normalize("NFD", "Khóm Hoà Thuận ")
    _edit(report("KH03", "ca_nam", "KH03 ca nam (sua bo cuc).xlsx", {"CT05": (190, 200), "CT04": 12.5}), disturb)
    _edit(report("KH02", "ca_nam", "tieu de sua.xlsx"), lambda wb: wb[REPORT_SHEET].cell(10, 8, "Tử số (hộ)"))
    _edit(report("TCKT", "ca_nam", "dong tong cong.xlsx", {"CT02": 400_000_000}),
          lambda wb: [wb[REPORT_SHEET].cell(14, 1, "Tổng cộng"), wb[REPORT_SHEET].cell(14, 7, 400_000_000)])
    # --- cells: error value, formula without value, text numbers with odd spaces
    path = report("TYT", "ca_nam", "o loi.xlsx", {"CT09": "\u200b10\u00a0", "CT10": (12, 100), "CT11": (5, 100)})
    _rezip(_edit(path, lambda wb: wb[REPORT_SHEET].cell(12, 9, "=1/0")),
           lambda parts: parts.__setitem__(_sheet_xml(parts), re.sub(
               rb'<c r="H13"([^>]*) t="n"><v>5</v></c>', rb'<c r="H13"\1 t="e"><v>#DIV/0!</v></c>', parts[_sheet_xml(parts)])))
    # --- the same unit twice under different names; a file named after another khóm
    report("MTTQ", "ca_nam", "MTTQ.xlsx", {"CT37": 460_000_000})
    report("MTTQ", "ca_nam", "Bao cao MTTQ gui lai.xlsx", {"CT37": 460_000_000})
    report("KH01", "ca_nam", "Khom Son Tay ca nam.xlsx", {"CT05": (95, 100), "CT04": 20})
    # --- XML entity expansion in a part our program parses itself
    path = report("VHXH", "ca_nam", "xml doc.xlsx", {"CT17": "Có"})
    _rezip(_edit(path, lambda wb: wb.remove(wb[IDENTITY_SHEET])),
           lambda parts: parts.__setitem__("docProps/custom.xml", BILLION_LAUGHS + b"<Properties>&lol9;</Properties>"))
    # --- XML entity expansion in the sheet itself (the reader must refuse, never expand)
    path = report("VHXH", "dot1", "xml trong trang.xlsx", {"CT17": "Có"})
    def inject(parts):
        sheet = _sheet_xml(parts)
        body = parts[sheet][parts[sheet].index(b"<worksheet"):]
        at = re.search(rb"<is><t>", body).end()
        parts[sheet] = BILLION_LAUGHS.replace(b"lolz", b"worksheet") + body[:at] + b"&lol9;" + body[at:]
    _rezip(path, inject)
    # --- a sheet far longer than any template
    path = report("HKH", "ca_nam", "qua dai.xlsx", {"CT28": 50_000_000})
    rows = b"".join(b'<row r="%d"><c r="A%d" t="n"><v>1</v></c></row>' % (r, r) for r in range(100, 3100))
    _rezip(path, lambda parts: parts.__setitem__(_sheet_xml(parts), parts[_sheet_xml(parts)].replace(
        b"</sheetData>", rows + b"</sheetData>")))

    before = {p.relative_to(inp): hashlib.sha256(p.read_bytes()).hexdigest() for p in inp.rglob("*")}
    code = main(["report", "--input", str(inp), "--output", str(root / "out")])
    after = {p.relative_to(inp): hashlib.sha256(p.read_bytes()).hexdigest() for p in inp.rglob("*")}
    return code, before, after, root / "out"


def _issues(out: Path) -> list[tuple[str, str]]:
    return [(r["tep"], r["ma_loi"]) for r in read_csv(out / "loi_du_lieu.csv")]


EXPECTED = {   # file -> the Issue codes it gets (besides CHUA_NHAP for rows left blank on purpose)
    "ghi chu.txt": ["TEP_KHONG_PHAI_XLSX"], "anh chup.jpg": ["TEP_KHONG_PHAI_XLSX"],
    "bao cao.pdf": ["TEP_KHONG_PHAI_XLSX"], "so lieu.csv": ["TEP_KHONG_PHAI_XLSX"],
    "rong.xlsx": ["TEP_HONG"], "tai chua het.xlsx": ["TEP_HONG"], "tep nen.xlsx": ["TEP_HONG"],
    "phien ban nen la.xlsx": ["TEP_HONG"],
    "anh doi duoi.xlsx": ["TEP_HONG"], "mat khau.xlsx": ["TEP_CO_MAT_KHAU"], "bom nen.xlsx": ["TEP_QUA_LON"],
    "BC khom Hoa Thuan dot 1.xlsm": ["DINH_DANG_KHAC", "BAN_TRUNG_GIONG_HET"],
    "BC khom Hoa Thuan dot 1 (LibreOffice).ods": ["DINH_DANG_KHAC"], "Hoi Nong dan dot 1.xls": ["DINH_DANG_KHAC"],
    "tu lap.xlsx": ["KHONG_PHAI_BIEU_MAU"], "nam cu.xlsx": ["SAI_NAM"], "phien ban cu.xlsx": ["SAI_PHIEN_BAN"],
    "don vi la.xlsx": ["DON_VI_KHONG_RO"], "KH03 ca nam (sua bo cuc).xlsx": [],
    "tieu de sua.xlsx": ["THIEU_COT"], "dong tong cong.xlsx": ["CHI_TIEU_KHONG_RO"],
    # identical copies: the first by name is used ("Bao cao…" sorts before "MTTQ…")
    "o loi.xlsx": ["CAP_SO_BI_LOAI", "CAP_SO_BI_LOAI", "CONG_THUC_CHUA_TINH", "O_BAO_LOI"], "MTTQ.xlsx": ["BAN_TRUNG_GIONG_HET"],
    "Bao cao MTTQ gui lai.xlsx": [], "Khom Son Tay ca nam.xlsx": ["TEN_TEP_KHAC_DON_VI"],
    # the custom properties' entities are never expanded; with the identity sheet gone too, the file is
    # recognised from its visible title, unit and codes, read, and flagged
    "xml doc.xlsx": ["NHAN_DANG_TU_NOI_DUNG"], "xml trong trang.xlsx": ["TEP_HONG"], "qua dai.xlsx": ["BANG_QUA_DAI"],
}


def test_every_file_gets_its_issue(hostile):
    code, _, _, out = hostile
    assert code == 1   # written, with data errors
    found: dict[str, list[str]] = {}
    for file, issue in _issues(out):
        if file and issue != "CHUA_NHAP":
            found.setdefault(file, []).append(issue)
    assert {f: sorted(found.get(f, [])) for f in EXPECTED} == {f: sorted(v) for f, v in EXPECTED.items()}
    assert set(found) <= set(EXPECTED)


def test_inputs_unchanged(hostile):
    _, before, after, _ = hostile
    assert after == before


def test_every_file_in_provenance_and_good_data_used(hostile, reg):
    _, before, _, out = hostile
    wb = openpyxl.load_workbook(out / "bao_cao_thi_dua_2024.xlsx", read_only=True)
    listed = {row[0] for row in wb["Nguồn dữ liệu"].iter_rows(values_only=True) if row and row[0]}
    assert {str(p) for p in before} <= listed
    khom = {(r["don_vi"], r["ma"], r["ky"]): r for r in read_csv(out / "chi_tieu_khom.csv")}
    # the disturbed KH03 file: columns moved, rows inserted, identity sheet deleted: still 190/200
    assert khom[("KH03", "CT05", "ca_nam")]["gia_tri"] == "95.0"
    assert khom[("KH03", "CT05", "dot1")]["gia_tri"] == "90.0"      # the .xlsm/.ods copies (180/200)
    ward = {(r["ma"], r["ky"]): r for r in read_csv(out / "chi_tieu_phuong.csv")}
    assert ward[("CT09", "ca_nam")]["gia_tri"] == "10.0"              # "\u200b10\u00a0" understood
    assert ward[("CT10", "ca_nam")]["gia_tri"] == ""                  # the formula cell is not read as blank
    assert ward[("CT28", "ca_nam")]["gia_tri"] == "50000000.0"        # the long sheet's table still read
    assert ward[("CT37", "ca_nam")]["trang_thai"] == "dat"
    assert (ward[("CT27", "dot1")]["tu_so"], ward[("CT27", "dot1")]["mau_so"]) == ("3.0", "100.0")   # from the .xls


def test_a_worker_that_dies_or_hangs_blames_only_its_file(reg, report_file, tmp_path, monkeypatch):
    import os
    import time

    from pipeline.intake import isolate
    from pipeline.intake.discover import discover
    for unit in ("KH01", "KH02", "KH03"):
        report_file(unit, "ca_nam", D(2024, 12, 28), GOOD, name=f"{unit}.xlsx")
    real = isolate.read_file

    def fragile(found, reg_):
        if found.name == "KH02.xlsx":
            os._exit(1)            # the reader crashes its process
        if found.name == "KH03.xlsx":
            time.sleep(30)         # the reader hangs
        return real(found, reg_)

    monkeypatch.setattr(isolate, "read_file", fragile)
    found, _ = discover(tmp_path / "input")
    results = isolate.read_all(found, reg, stall=3)
    outcome = {r.found.name: [(i.code, i.message) for i in r.issues] for r in results}
    assert outcome["KH01.xlsx"] == []
    assert outcome["KH02.xlsx"] == [("TEP_KHONG_DOC_XONG", "Không đọc xong tệp trong giới hạn thời gian và bộ nhớ "
                                     "(chương trình đọc bị dừng, có thể do hết bộ nhớ).")]
    assert outcome["KH03.xlsx"] == [("TEP_KHONG_DOC_XONG", "Không đọc xong tệp trong giới hạn thời gian và bộ nhớ "
                                     "(quá 3 giây).")]
