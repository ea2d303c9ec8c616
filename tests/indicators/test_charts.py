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
