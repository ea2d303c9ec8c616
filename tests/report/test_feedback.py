"""The feedback workbooks (output/phan_hoi/): the cells named are the cells marked, at the unit's own
addresses; the notice speaks to the unit, is dated, gives the resend deadline and the contact;
a rejected file is copied with its reason; every sheet prints on A4 landscape, fit to width."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import openpyxl
import pytest

from pipeline.awards.samples import SAMPLE_OVERRIDES
from pipeline.issues import CATALOGUE, TITLES
from pipeline.registers.rules import load_rules
from pipeline.report.feedback import contact_line, dated, resend_deadline
from pipeline.run import report
from pipeline.samples import make_samples
from tests.conftest import D

FILLS = {"FFFFC7CE", "FFFFEB9C"}   # error, warning
NOTE = re.compile(r"^Bản sao số liệu của tệp \"(.+)\", trang \"(.+)\", giữ nguyên địa chỉ các ô\.")


@pytest.fixture(scope="module")
def sample_run(reg, tmp_path_factory):
    base = tmp_path_factory.mktemp("mau")
    make_samples(reg, base / "in")
    outcome = report(base / "in", base / "out", reg, sample=True,
                     rules=load_rules(reg.year).with_overrides(list(SAMPLE_OVERRIDES)))
    return outcome, base / "in", base / "out" / "phan_hoi"


def _copies(wb) -> dict[str, object]:
    """The copy sheets of a feedback workbook by the input file they copy (named in the note)."""
    out = {}
    for ws in wb.worksheets[2:]:
        for row in ws.iter_rows():
            for c in row:
                m = NOTE.match(c.value) if isinstance(c.value, str) else None
                if m:
                    out[m.group(1)] = ws
    return out


def _shown(value) -> object:
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return value


def test_every_cell_named_is_the_cell_marked_at_the_units_own_address(sample_run):
    outcome, inputs, folder = sample_run
    checked = set()
    for path in sorted(folder.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        copies = _copies(wb)
        rows = [r for r in wb["Lỗi cần sửa"].iter_rows(min_row=2, values_only=True) if r[3]]
        unit = path.stem.split("_")[0]
        expected = [i for i in outcome.issues if i.unit == unit and i.cell and i.sheet]
        assert len(rows) == len(expected), path.name
        for _, file, sheet, cell, *_ in rows:
            copy = copies[file]
            assert copy[cell].fill.fgColor.rgb in FILLS and copy[cell].comment is not None, (path.name, cell)
            source = openpyxl.load_workbook(inputs / file, data_only=True)[sheet]
            assert copy[cell].value == _shown(source[cell].value), (path.name, cell)
            checked.add((unit, sheet, cell))
    # the cells of the finding: KH03's CT06 numerator, VPTK's two cells, and the others of the samples
    assert {("KH03", "Báo cáo", "H14"), ("VPTK", "Bình xét", "B21"), ("VPTK", "Báo cáo", "N13")} <= checked
    assert len(checked) == len({(i.unit, i.sheet, i.cell) for i in outcome.issues if i.cell and i.sheet and i.unit})


def test_every_sheet_prints_on_a4_landscape_fit_to_width(sample_run):
    _, inputs, folder = sample_run
    for path in sorted(folder.glob("*.xlsx")):
        for ws in openpyxl.load_workbook(path).worksheets:
            setup = ws.page_setup
            assert (setup.paperSize, setup.orientation, setup.fitToWidth in (None, 1), setup.fitToHeight) == \
                (9, "landscape", True, 0), (path.name, ws.title)
            assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_the_copy_keeps_the_submitted_column_widths(sample_run):
    """The bình xét copy used to widen every long column to 36 and print too small to read."""
    _, inputs, folder = sample_run
    wb = openpyxl.load_workbook(folder / "KH03_Khom_Hoa_Thuan.xlsx")
    copy = _copies(wb)["Thi dua khen thuong/Binh xet cuoi nam - Khom Hoa Thuan.xlsx"]
    source = openpyxl.load_workbook(inputs / "Thi dua khen thuong/Binh xet cuoi nam - Khom Hoa Thuan.xlsx")["Bình xét"]
    for letter in "ABCDFGHIJKLMNOPQRS":
        assert copy.column_dimensions[letter].width == pytest.approx(source.column_dimensions[letter].width, abs=0.01)
    assert copy.print_title_rows == source.print_title_rows == "$9:$9"
    assert {str(r) for r in copy.merged_cells.ranges} == {str(r) for r in source.merged_cells.ranges}


def _sides(cell) -> tuple:
    b = cell.border
    return tuple(getattr(b, side).style for side in ("left", "right", "top", "bottom"))


def test_the_copy_keeps_the_submitted_borders(sample_run):
    """Copies used to lose every border: the table of a report printed as loose numbers. Every cell
    of the submitted sheets keeps its borders in the copy (a marked cell: a thin frame all round)."""
    _, inputs, folder = sample_run
    compared = framed = 0
    for path in (folder / "KH03_Khom_Hoa_Thuan.xlsx", folder / "VPTK_Van_phong_Thong_ke.xlsx"):
        for file, copy in _copies(openpyxl.load_workbook(path)).items():
            source = openpyxl.load_workbook(inputs / file)
            sheet = next(ws for ws in source.worksheets if ws.sheet_state == "visible")
            for row in sheet.iter_rows(max_row=copy.max_row - 3):
                for c in row:
                    there = copy.cell(c.row, c.column)
                    if there.fill.fgColor.rgb in FILLS:
                        assert _sides(there) == ("thin",) * 4
                        continue
                    assert _sides(there) == _sides(c), (path.name, file, c.coordinate)
                    compared += 1
                    framed += any(_sides(c))
    assert framed > 200 and compared > framed   # the tables' cells, and the unframed cells around them


def test_the_notice_speaks_to_the_unit(sample_run):
    _, _, folder = sample_run
    # Hội Khuyến học: registration not submitted, three people proposed without registering
    ws = openpyxl.load_workbook(folder / "HKH_Hoi_Khuyen_hoc_phuong.xlsx")["Thông báo"]
    assert [ws.cell(r, 1).value for r in range(1, 9)] == [
        "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG PHƯỜNG NHƠN HƯNG",
        "Nhơn Hưng, ngày … tháng … năm …",
        "THÔNG BÁO KẾT QUẢ KIỂM TRA BÁO CÁO THI ĐUA NĂM 2024",
        "Kính gửi: Hội Khuyến học phường",
        None,
        "Hội đồng đã kiểm tra các báo cáo của đơn vị: 0 lỗi, 4 cảnh báo. Lỗi làm số liệu ở ô đó không được tổng "
        "hợp; đề nghị đơn vị sửa theo trang \"Lỗi cần sửa\" (ô lỗi được tô màu và ghi chú ở các trang \"Bản nộp\", "
        "cùng địa chỉ ô như trong tệp của đơn vị), ghi ngày báo cáo mới và gửi lại.",
        "Thời hạn gửi lại báo cáo đã sửa và báo cáo còn thiếu: trong 5 ngày kể từ ngày nhận thông báo này.",
        "Cần trao đổi, đề nghị liên hệ: bà Nguyễn Thị Thu Hà, công chức Văn hóa – Xã hội, thường trực Hội đồng, "
        "điện thoại 0296 3 000 000, thư điện tử thiduakhenthuong@nhonhung.example.",
    ]


def test_the_date_and_deadline_follow_the_document_settings():
    doc = {"dia_danh": "Nhơn Hưng", "ngay_lap": D(2024, 12, 20)}
    assert dated(doc) == "Nhơn Hưng, ngày 20 tháng 12 năm 2024"
    assert dated({"dia_danh": "Nhơn Hưng", "ngay_lap": ""}) == "Nhơn Hưng, ngày … tháng … năm …"
    assert resend_deadline(doc, {"so_ngay_gui_lai": 5}) == "trước ngày 25/12/2024"
    assert resend_deadline(doc, {"han_gui_lai": D(2025, 1, 10), "so_ngay_gui_lai": 5}) == "trước ngày 10/01/2025"
    assert resend_deadline({}, {"han_gui_lai": "", "so_ngay_gui_lai": 0}) == ""
    assert contact_line({"nguoi_lien_he": "Văn phòng Hội đồng", "email": "", "dien_thoai": "0296 1"}) == \
        "Cần trao đổi, đề nghị liên hệ: Văn phòng Hội đồng, điện thoại 0296 1."
    assert contact_line({}) == ""


COUNCIL_ONLY = ("registration_required", "Nhắc đơn vị", "Hội đồng lưu ý", "input_templates", "registers/",
                "units.toml", "khỏi thư mục")


def test_no_council_only_note_or_parameter_name_reaches_a_unit(sample_run):
    _, _, folder = sample_run
    texts = []
    for path in sorted(folder.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        texts += [c.value for name in ("Thông báo", "Lỗi cần sửa") for row in wb[name].iter_rows() for c in row
                  if isinstance(c.value, str)]
        texts += [c.comment.text for ws in wb.worksheets[2:] for row in ws.iter_rows() for c in row if c.comment]
    assert [t for t in texts if any(word in t for word in COUNCIL_ONLY)] == []
    assert [t for t in texts if re.search(r"\b[a-z]+_[a-z_]+\b", t)] == []
    # the four people proposed without registering read what the unit can do about it
    assert texts.count("Năm nay không bắt buộc đăng ký thi đua; nếu đã đăng ký, đề nghị đơn vị bổ sung tên vào "
                       "biểu mẫu đăng ký thi đua và gửi lại.") == 4


def test_a_rejected_file_is_copied_with_its_reason(reg, report_file, tmp_path):
    """Two reports of the same day with different figures: neither is used, and neither has a
    marked cell; the unit still gets a copy of each with the reason."""
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 1}, name="a.xlsx")
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 2}, name="b.xlsx")
    report(tmp_path / "input", tmp_path / "out", reg)
    wb = openpyxl.load_workbook(tmp_path / "out" / "phan_hoi" / "TCKT_Tai_chinh_Ke_toan.xlsx")
    assert wb.sheetnames[2:] == ["Bản nộp 1 – Cả năm (tổng kết)", "Bản nộp 2 – Cả năm (tổng kết)"]
    copies = _copies(wb)
    assert sorted(copies) == ["a.xlsx", "b.xlsx"]
    ws = copies["a.xlsx"]
    texts = [c.value for row in ws.iter_rows(min_row=ws.max_row - 1) for c in row if c.value]
    assert texts[0] == ("Tệp này đã nhận nhưng chưa dùng được: Hai báo cáo cùng đơn vị, cùng kỳ, cùng ngày 28/12/2024 "
                        "nhưng số liệu khác nhau (tệp \"b.xlsx\"); không dùng bản nào.")
    assert ws["C4"].value == "Tài chính - Kế toán"   # the unit's own cells, at their own addresses


def test_every_issue_code_has_a_short_title():
    assert set(TITLES) == set(CATALOGUE)
    assert all(t and t == t.strip() and t[0].islower() for t in TITLES.values())


def test_a_copy_of_settings_without_contact_still_writes_feedback(reg, report_file, tmp_path):
    bare = dataclasses.replace(reg, settings={k: v for k, v in reg.settings.items() if k != "lien_he"})
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": "abc"})
    report(tmp_path / "input", tmp_path / "out", bare)
    ws = openpyxl.load_workbook(tmp_path / "out" / "phan_hoi" / "TCKT_Tai_chinh_Ke_toan.xlsx")["Thông báo"]
    assert ws["A7"].value is None and ws["A8"].value == "Báo cáo"   # no deadline, no contact line: the table follows


def test_a_sheet_too_long_for_one_tree_is_streamed_to_the_same_layout(sample_run, monkeypatch):
    """Sheets above WHOLE_PART_MAX inflated bytes are read as a stream (a million rows as one tree
    took gigabytes); every submitted sheet of the sample set gives the same layout either way."""
    from pipeline.report import sheet_layout as layout
    _, inp, _ = sample_run
    books = sorted(inp.rglob("*.xlsx"))
    whole = {p: [layout.sheet_layout(p, s, 400, 40) for s in openpyxl.load_workbook(p, read_only=True).sheetnames]
             for p in books[:12]}
    monkeypatch.setattr(layout, "WHOLE_PART_MAX", 0)
    streamed = {p: [layout.sheet_layout(p, s, 400, 40) for s in openpyxl.load_workbook(p, read_only=True).sheetnames]
                for p in books[:12]}
    assert streamed == whole
    assert any(d["merged"] for sheets in whole.values() for d in sheets)   # merged ranges and
    assert any(d["widths"] for sheets in whole.values() for d in sheets)   # widths were compared
    cut = layout.sheet_layout(books[0], openpyxl.load_workbook(books[0], read_only=True).sheetnames[0], 3, 40)
    assert max(cut["heights"], default=0) < 3   # only the rows asked for


def test_output_file_names_are_ascii_safe(reg, tmp_path):
    """A unit named with an en dash and a comma gives a feedback file named with letters, digits
    and "_" only; so does every other file of the output (no diacritics, commas, dashes, spaces)."""
    tckt = dataclasses.replace(reg.unit("TCKT"), name="Tài chính – Kế toán, phường")
    odd = dataclasses.replace(reg, units=tuple(tckt if u.code == "TCKT" else u for u in reg.units))
    from pipeline.indicators.samples import write_report
    write_report(odd, "TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 436_500_000}, tmp_path / "in" / "a.xlsx")
    report(tmp_path / "in", tmp_path / "out", odd)
    names = sorted(p.name for p in (tmp_path / "out" / "phan_hoi").iterdir())
    assert "TCKT_Tai_chinh_Ke_toan_phuong.xlsx" in names
    for p in (tmp_path / "out").rglob("*"):
        assert re.fullmatch(r"\.?[0-9A-Za-z_]+(\.[a-z]+)?", p.name), p.name


def test_file_words():
    from pipeline.text import file_words
    assert file_words("Ban Văn hóa – Xã hội, phường (cũ)") == "Ban_Van_hoa_Xa_hoi_phuong_cu"
    assert file_words("Đoàn Thanh niên - Hội LHPN") == "Doan_Thanh_nien_Hoi_LHPN"
    assert file_words("  Nguyễn Thị Ánh  ") == "Nguyen_Thi_Anh"
