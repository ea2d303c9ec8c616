"""A workbook written in memory has the bytes xlsxwriter's temporary-file mode writes."""

from __future__ import annotations

import zipfile

import pytest
import xlsxwriter
import xlsxwriter.workbook

from pipeline.report.xlsx import OPTIONS, Workbook


def _fill(wb) -> None:
    ws = wb.add_worksheet("Dữ liệu")
    bold = wb.add_format({"bold": True, "font_name": "Times New Roman"})
    ws.write_row(0, 0, ["Khóm", "Số hộ", "Ghi chú"], bold)
    for r in range(1, 2000):   # parts larger than zipfile's 8 KiB copy chunks: compressed the same
        ws.write_row(r, 0, [f"Khóm {r}", r * 1.5, "Hội đồng Thi đua – Khen thưởng " * (r % 5)])
    ws.write_comment("B2", "Ô có lỗi")
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"values": "='Dữ liệu'!$B$2:$B$11"})
    ws.insert_chart("E2", chart)
    wb.set_properties({"title": "Báo cáo", "created": __import__("datetime").datetime(2000, 1, 1)})


def test_the_bytes_are_those_of_the_file_mode(tmp_path):
    plain = xlsxwriter.Workbook(str(tmp_path / "file_mode.xlsx"), OPTIONS)
    _fill(plain)
    plain.close()
    ours = Workbook(tmp_path / "in_memory.xlsx")
    assert ours.in_memory
    _fill(ours)
    ours.close()
    assert (tmp_path / "in_memory.xlsx").read_bytes() == (tmp_path / "file_mode.xlsx").read_bytes()
    entry = zipfile.ZipFile(tmp_path / "in_memory.xlsx").getinfo("xl/worksheets/sheet1.xml")
    assert entry.date_time == (1980, 1, 31, 0, 0, 0) and entry.external_attr >> 16 == 0o100600
    assert xlsxwriter.workbook.ZipInfo is zipfile.ZipInfo   # put back


def test_xlsxwriter_is_left_as_it_was_when_writing_fails(tmp_path):
    wb = Workbook(tmp_path / "missing" / "x.xlsx")
    wb.add_worksheet()
    with pytest.raises(xlsxwriter.exceptions.FileCreateError):
        wb.close()
    assert xlsxwriter.workbook.ZipInfo is zipfile.ZipInfo
