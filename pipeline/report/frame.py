"""The document frame every printed sheet shares: cell formats, the administrative header
(issuing body, national motto, number, place and date), the signature block, table headings,
row heights from the text, A4 print set-up and numbers written the Vietnamese way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from pipeline.text import lines_needed

if TYPE_CHECKING:   # the council's writer process imports this module and needs no pandas
    import pandas as pd


@dataclass(frozen=True)
class RunFacts:
    """What the provenance sheet says about the run itself."""
    input_label: str
    sample: bool
    files: pd.DataFrame         # provenance, one row per file seen
    rules: object = None        # the award rules used (version, what-if overrides)
    document: dict | None = None  # settings [van_ban]: issuing body, signer…
    year: int = 0
    to_fill: tuple[str, ...] = ()   # placeholders left in the registers: every page is a draft


class Formats:
    def __init__(self, wb):
        self.wb = wb
        self.cache: dict[tuple, object] = {}

    def __call__(self, **props):
        base = {"font_name": "Times New Roman", "font_size": 11, "valign": "top", "text_wrap": True}
        key = tuple(sorted({**base, **props}.items()))
        if key not in self.cache:
            self.cache[key] = self.wb.add_format(dict(key))
        return self.cache[key]


def merge(ws, row: int, first: int, last: int, text: str, cell_format) -> None:
    """A merged range, or the single cell when it is one column wide."""
    if first == last:
        ws.write_string(row, first, text, cell_format)
    else:
        ws.merge_range(row, first, row, last, text, cell_format)


def title(ws, fmt, text: str, width: int, facts: RunFacts, subtitle: str = "", numbered: bool = True) -> int:
    """The administrative header (issuing body left, national motto right, number, place and
    date), then the title; returns the first free row. A cover (``numbered=False``) carries no
    "Số:" line: only a signed document has a number."""
    doc = facts.document or {}
    left = max(1, width // 2 - 1)
    center = {"align": "center", "valign": "vcenter", "text_wrap": False}
    merge(ws, 0, 0, left - 1, doc.get("co_quan_chu_quan", ""), fmt(font_size=12, **center))
    merge(ws, 1, 0, left - 1, doc.get("co_quan_ban_hanh", ""), fmt(bold=True, font_size=12, underline=1, **center))
    merge(ws, 0, left, width - 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fmt(bold=True, font_size=12, **center))
    merge(ws, 1, left, width - 1, "Độc lập - Tự do - Hạnh phúc",
                   fmt(bold=True, font_size=13, underline=1, **center))
    merge(ws, 2, 0, left - 1, doc.get("so_ky_hieu", "") if numbered else "", fmt(font_size=12, **center))
    merge(ws, 2, left, width - 1, place_and_date(doc, facts.year), fmt(italic=True, font_size=12, **center))
    ws.set_row(1, 20)
    merge(ws, 4, 0, width - 1, text, fmt(bold=True, font_size=14, **center))
    ws.set_row(4, 22)
    row = 5
    if subtitle:
        merge(ws, row, 0, width - 1, subtitle, fmt(italic=True, **center))
        row += 1
    if facts.sample:
        merge(ws, row, 0, width - 1, "DỮ LIỆU MẪU – KHÔNG PHẢI SỐ LIỆU THẬT CỦA CÁC ĐƠN VỊ",
                       fmt(bold=True, font_color="#C00000", **center))
        row += 1
    if facts.to_fill:
        merge(ws, row, 0, width - 1, f"DỰ THẢO – sổ đăng ký còn thiếu: {'; '.join(facts.to_fill)}",
              fmt(bold=True, font_color="#C00000", **center))
        row += 1
    return row + 1


def place_and_date(doc: dict, year: int) -> str:
    """"Nhơn Hưng, ngày 20 tháng 12 năm 2024"; with no date set, day, month and year are all left
    blank to be written by hand: the year-end report is signed in the following year."""
    place = doc.get("dia_danh", "")
    date = doc.get("ngay_lap")
    if isinstance(date, dt.date):
        return f"{place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
    return f"{place}, ngày      tháng      năm        "


def signature(ws, fmt, row: int, width: int, facts: RunFacts) -> int:
    """"Nơi nhận" on the left, the signer on the right, below the last table row."""
    doc = facts.document or {}
    if not doc:
        return row
    left = max(1, width // 2 - 1)
    row += 1
    center = {"align": "center", "text_wrap": False}
    merge(ws, row, left, width - 1, doc.get("quyen_han_ky", ""), fmt(bold=True, font_size=12, **center))
    merge(ws, row + 1, left, width - 1, doc.get("chuc_vu_nguoi_ky", ""),
                   fmt(bold=True, font_size=12, **center))
    merge(ws, row + 5, left, width - 1, doc.get("ho_ten_nguoi_ky", ""),
                   fmt(bold=True, font_size=12, **center))
    ws.write_string(row, 0, "Nơi nhận:", fmt(bold=True, italic=True, text_wrap=False))
    for i, line in enumerate(doc.get("noi_nhan", [])):
        ws.write_string(row + 1 + i, 0, f"- {line}", fmt(font_size=10, text_wrap=False))
    return row + 6


def table_header(ws, fmt, row: int, headings: list[tuple[str, float]]) -> None:
    head = fmt(bold=True, align="center", valign="vcenter", border=1, bg_color="#D9E1F2")
    for c, (text, width) in enumerate(headings):
        ws.write_string(row, c, text, head)
        ws.set_column(c, c, width)
    fit_height(ws, row, [(text, width, 11) for text, width in headings])


def page(ws, landscape: bool, header_row: int, first_header_row: int | None = None, breaks: list[int] = ()) -> None:
    """A4, fit to the page width, the heading rows (``first_header_row``..``header_row``) on every
    page, "Trang x/y". ``breaks``: rows that must start a page, so that no section heading is left
    alone at a page foot (with the height left automatic, Excel and LibreOffice keep manual breaks)."""
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if breaks:
        ws.set_h_pagebreaks(sorted(breaks))
    ws.repeat_rows(header_row if first_header_row is None else first_header_row, header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N")


def vn(x: Fraction | float, places: int) -> str:
    text = f"{float(x):,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def num_format(places: int) -> str:
    return "#,##0" if places == 0 else "#,##0." + "0" * places


def fit_height(ws, row: int, cells: list[tuple[str, float, int]]) -> None:
    """Set the row's height for its tallest wrapped cell: (text, column width, font size)."""
    height = max((lines_needed(t, w, size) * (13 if size <= 10 else 14.5) for t, w, size in cells), default=15)
    ws.set_row(row, max(15, height + 2))


def column_values(column: pd.Series) -> list:
    """A column as a plain list, converted at once: the same values that iterating it gives,
    without a pandas scalar access a cell."""
    return column.to_numpy(dtype=object).tolist()


def fit_heights(ws, first_row: int, columns: list[tuple[list[str], float]], size: int = 11) -> None:
    """``fit_height`` for the rows of a table at once, from ``first_row`` on: ``columns`` holds each
    column's texts (one a row) and width."""
    factor = 13 if size <= 10 else 14.5
    for r, n in enumerate(tallest_lines(columns, size), start=first_row):
        ws.set_row(r, max(15, n * factor + 2))


def tallest_lines(columns: list[tuple[list[str], float]], size: int = 11) -> list[int]:
    """Each row's line count for its tallest wrapped cell, ``columns`` holding each column's texts
    (one a row) and width. A column's recurring texts (a message, a unit, a state) are measured
    once, not once a row: a table of thousands of rows has few distinct texts a column."""
    tallest = [1] * max((len(texts) for texts, _ in columns), default=0)
    for texts, width in columns:
        known: dict[str, int] = {}
        for r, text in enumerate(texts):
            n = known.get(text)
            if n is None:
                n = known[text] = lines_needed(text, width, size)
            if n > tallest[r]:
                tallest[r] = n
    return tallest
