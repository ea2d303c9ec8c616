"""The "Biểu đồ" sheet tells the truth: a bar cut at 200 % says so and keeps the true figure, bars
are coloured by status, limits are drawn as % of the limit, the other targets are counted by
status (so every target of the year is on the sheet), a provisional 0 is marked."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from pipeline.run import report
from tests.conftest import D


@pytest.fixture(scope="module")
def book(reg, tmp_path_factory):
    from pipeline.indicators.samples import write_report
    root = tmp_path_factory.mktemp("charts")
    put = lambda unit, values: write_report(reg, unit, "ca_nam", D(2024, 12, 28), values,  # noqa: E731
                                            root / "in" / f"{unit}.xlsx")
    put("KH01", {"CT24": (6, 8), "CT06": (0, 100)})   # CT24: 8 − 6 = 2 hộ; CT06 0/100, KH02, KH03 blank
    put("KH02", {"CT24": (5, 6)})                      # 1 hộ
    put("KH03", {"CT24": (3, 4)})                      # 1 hộ: ward 4 hộ against ≥ 1 → 400 %
    put("TYT", {"CT10": (14, 100), "CT11": (9, 100)})  # 14 % of ≤ 15 → 93,33 %; 9 % of ≤ 8,19 → 109,89 %
    put("THCSNH", {"CT16": (2, 100)})                  # 2 % against < 2: 100,00 %, not met
    put("VHXH", {"CT17": "Có"})
    report(root / "in", root / "out", reg)
    path = root / "out" / "bao_cao_thi_dua_2024.xlsx"
    return openpyxl.load_workbook(path)["Biểu đồ"], path


def _table(ws, heading: str) -> list[list]:
    rows = [[c.value for c in r[:4]] for r in ws.iter_rows()]
    start = next(i for i, r in enumerate(rows) if r[0] == heading)
    out = []
    for r in rows[start + 1:]:
        if r[0] is None:
            break
        out.append(r)
    return out


def _chart_xml(path, n: int) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/charts/chart{n}.xml").decode()


def test_targets_to_reach_are_uncapped_in_the_table_and_marked_when_cut(book):
    ws, path = book
    assert _table(ws, "Chỉ tiêu phấn đấu (≥, >)") == [
        ["CT06 Tỷ lệ hộ sử dụng thủy kế – tạm tính", 0, 0, "Không đạt – tạm tính"],
        ["CT24 Số hộ nghèo giảm", 400, 200, "Đạt"],
    ]
    xml = _chart_xml(path, 1)
    labels = re.findall(r"<a:t>([^<]*)</a:t>", xml)
    assert "0,00% – tạm tính" in labels and "400,00% (cắt ở 200%)" in labels
    points = re.findall(r"<c:dPt>.*?</c:dPt>", xml)
    assert len(points) == 2
    assert "<a:pattFill prst=\"wdUpDiag\">" in points[0] and "C00000" in points[0]   # provisional, not met: hatched red
    assert "<a:solidFill><a:srgbClr val=\"70AD47\"/>" in points[1]                   # met: green


def test_limits_are_drawn_as_percent_of_the_limit(book):
    ws, path = book
    assert _table(ws, "Chỉ tiêu giới hạn (≤, <)") == [
        ["CT10 Tỷ lệ trẻ dưới 5 tuổi suy dinh dưỡng thể chiều cao", pytest.approx(93.33), pytest.approx(93.33), "Đạt"],
        ["CT11 Tỷ lệ trẻ dưới 5 tuổi suy dinh dưỡng thể cân nặng", pytest.approx(109.89), pytest.approx(109.89),
         "Không đạt"],
        ["CT16 Tỷ lệ học sinh trung học cơ sở bỏ học", 100, 100, "Không đạt"],
    ]
    points = re.findall(r"<c:dPt>.*?</c:dPt>", _chart_xml(path, 2))
    assert ["70AD47" in points[0], "C00000" in points[1], "C00000" in points[2]] == [True, True, True]


def test_every_other_target_is_counted_by_status(book, reg):
    ws, path = book
    others = _table(ws, "Chỉ tiêu Có/Không, tự đánh giá, mức 0, chưa tính được %")
    drawn = ["CT06", "CT24", "CT10", "CT11", "CT16"]
    assert sorted(r[0].split()[0] for r in others) == sorted(t.code for t in reg.targets if t.code not in drawn)
    assert next(r for r in others if r[0].startswith("CT17"))[1:3] == ["Giữ vững", "Đạt"]
    assert _table(ws, "Số chỉ tiêu trên theo đánh giá") == [["Đạt", 1, 0, None], ["Chưa có số liệu", 31, 0, None]]
    assert "Chỉ tiêu Có/Không, tự đánh giá và chỉ tiêu khác" in _chart_xml(path, 3)


KHOM_NAMES = ["Bình Minh", "Hòa Bình", "Long Thạnh", "Phú Hòa", "Sơn Hòa", "Thới Hòa", "An Hòa", "Tân Long",
              "Vĩnh Phú", "Mỹ Thạnh", "Xuân Hòa"]


@pytest.fixture(scope="module")
def fourteen(tmp_path_factory):
    """A ward of 14 khóm (the sample has 3), each reporting the five rates every khóm reports."""
    import shutil

    from pipeline.indicators.samples import write_report
    from pipeline.registers.load import load_registers
    from pipeline.registers.model import REGISTERS_DIR
    root = tmp_path_factory.mktemp("k14")
    shutil.copytree(REGISTERS_DIR, root / "registers")
    units = root / "registers" / "2024" / "units.toml"
    units.write_text(units.read_text(encoding="utf-8") + "".join(
        f'\n[[don_vi]]\nma = "KH{n:02d}"\nten = "Khóm {name}"\nloai = "khom"\n'
        'bao_cao = ["chi_tieu_khom", "dang_ky_thi_dua", "binh_xet", "binh_xet_khom"]\n'
        for n, name in zip(range(4, 15), KHOM_NAMES)), encoding="utf-8")
    reg14 = load_registers(root=root / "registers")
    rates = [t.code for t in reg14.targets if t.kind == "ty_le" and any(k.code in t.reporters for k in reg14.khom)]
    for i, k in enumerate(reg14.khom):
        write_report(reg14, k.code, "ca_nam", D(2024, 12, 28), {c: (900 + 7 * i + 3 * j, 1000) for j, c in enumerate(rates)},
                     root / "in" / f"{k.code}.xlsx")
    report(root / "in", root / "out", reg14)
    path = root / "out" / "bao_cao_thi_dua_2024.xlsx"
    return reg14, rates, path


def _anchors(ws) -> list[tuple[int, int, int, int]]:
    return [(c.anchor._from.row, c.anchor._from.col, c.anchor.to.row, c.anchor.to.col) for c in ws._charts]


def test_fourteen_khom_stand_one_a_row_and_no_chart_covers_a_cell(fourteen):
    """With 14 khóm the khóm table used to run 14 columns wide under the charts on its right; now each
    khóm is a row, the rates are the columns, and no chart covers a written cell."""
    reg14, rates, path = fourteen
    ws = openpyxl.load_workbook(path)["Biểu đồ"]
    top = next(c.row for c in ws["A"] if c.value == "Chỉ tiêu theo khóm (%)")
    assert [ws.cell(top, 2 + j).value.split()[0] for j in range(len(rates))] == rates == \
        ["CT05", "CT06", "CT08", "CT22", "CT23"]
    assert [ws.cell(top + 1 + i, 1).value for i in range(14)] == [k.name for k in reg14.khom]
    assert ws.cell(top + 14, 2).value == pytest.approx(99.1)      # Khóm Xuân Hòa, CT05: (900 + 7 × 13) / 10
    assert ws.cell(top + 14, 5).value == pytest.approx(100)       # CT22: (900 + 91 + 9) / 10
    assert ws.cell(top + 14, 6).value is None                       # CT23: 1.003 of 1.000 is refused
    filled = {(c.row - 1, c.column - 1) for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    for r0, c0, r1, c1 in _anchors(ws):
        assert not {(r, c) for r, c in filled if r0 <= r <= r1 and c0 <= c <= c1}, (r0, c0)


def test_no_chart_is_split_across_two_pages(fourteen):
    """Each section (table and chart) starts a page when it would not fit on the one being filled:
    every chart lies between two page breaks, and the sheet prints A4 landscape, one page wide."""
    _, _, path = fourteen
    ws = openpyxl.load_workbook(path)["Biểu đồ"]
    breaks = [b.id for b in ws.row_breaks.brk]
    assert breaks
    edges = [0, *breaks, 10 ** 6]
    for r0, _, r1, _ in _anchors(ws):
        assert any(a <= r0 and r1 < b for a, b in zip(edges, edges[1:])), (r0, r1, breaks)
    setup = ws.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth in (None, 1), setup.fitToHeight) == \
        (9, "landscape", True, 0)


def test_fourteen_khom_print_each_chart_whole(fourteen, tmp_path):
    """Rendered by LibreOffice: every page of the chart sheet carries a chart's title, and every
    chart's title is printed once (a chart cut by a page break lost its title or left a page
    holding only its legend)."""
    import subprocess

    from tests.libreoffice import convert_to_pdf, require_libreoffice
    require_libreoffice()
    _, _, path = fourteen
    pdf = convert_to_pdf(path, tmp_path)
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    first = next(i for i, p in enumerate(pages) if "BIỂU ĐỒ KẾT QUẢ THI ĐUA" in p)
    last = next(i for i, p in enumerate(pages) if "KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM 2024 TOÀN PHƯỜNG" in p)
    titles = ["Chỉ tiêu phấn đấu: %", "số chỉ tiêu theo đánh giá", "Các khóm, chỉ tiêu tỷ lệ (%)", "Tình hình nộp báo cáo"]
    sheet = pages[first:last]
    assert all(any(t in p for t in titles) for p in sheet), [p[:80] for p in sheet]
    assert [sum(p.count(t) for p in sheet) for t in titles] == [1, 1, 1, 1]
