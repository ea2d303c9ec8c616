"""What every generated template shares: sheet names, the choice words, the identity by which the
reader recognises a file, document properties, cell formats and the instruction sheet."""

from __future__ import annotations

import datetime as dt

from pipeline.registers.model import Registers, ReportKind, Unit
from pipeline.text import file_words, lines_needed

GUIDE_SHEET = "Hướng dẫn"       # instructions
IDENTITY_SHEET = "_nhan_dang"     # very hidden: template kind, version, year, unit
LISTS_SHEET = "_danh_muc"         # very hidden: drop-down sources

YES, NO = "Có", "Không"
PASS, FAIL = "Đạt", "Không đạt"

FIXED_TIMESTAMP = dt.datetime(2000, 1, 1)  # document metadata: same registers give the same bytes
GUIDE_WIDTH = 90   # characters of "0": the instruction column wraps inside an A4 landscape page (Excel and LibreOffice)


def template_file_name(kind: ReportKind, unit: Unit | None) -> str:
    """"<report's short name>_<unit code>_<unit name>.xlsx", e.g. binh_xet_cuoi_nam_KH01_Khom_Son_Dong.xlsx
    and khom_van_hoa_KH01_Khom_Son_Dong.xlsx: named by what the form is for (the register's
    ``ten_ngan``), never by codes that differ by one word; the ward's own form ends in "_phuong"."""
    what = file_words(kind.short_name or kind.code).lower()
    who = f"{file_words(unit.code)}_{file_words(unit.name)}" if unit else "phuong"
    return f"{what}_{who}.xlsx"


def form_line(kind: ReportKind, year: int) -> str:
    """"Biểu mẫu: <name>, năm <year>, phiên bản <n>." without repeating the year when the name has it."""
    name = kind.name if str(year) in kind.name else f"{kind.name}, năm {year}"
    return f"Biểu mẫu: {name}, phiên bản {kind.template_version}."

def set_identity(wb, reg: Registers, title: str, identity: dict) -> None:
    """Document properties: fixed metadata, and the identity as custom properties (the fallback
    when the identity sheet has been deleted)."""
    wb.set_properties({"title": title, "author": reg.settings["co_quan"]["hoi_dong"],
                       "company": reg.settings["co_quan"]["ten_co_quan"], "created": FIXED_TIMESTAMP})
    for key, value in identity.items():
        wb.set_custom_property(key, str(value))


def write_identity_sheet(wb, identity: dict) -> None:
    ident = wb.add_worksheet(IDENTITY_SHEET)
    for row, (key, value) in enumerate(identity.items()):
        ident.write_string(row, 0, key)
        ident.write_string(row, 1, str(value))
    ident.very_hidden()


def template_formats(wb) -> dict:
    base = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter", "text_wrap": True}

    def f(**extra):
        return wb.add_format({**base, **extra})

    return {
        "title": f(bold=True, font_size=14, align="center", text_wrap=False),
        "subtitle": f(italic=True, align="center", text_wrap=False),
        "label": f(bold=True),
        "fixed": f(bold=True, bg_color="#F2F2F2", border=1),
        "input": f(locked=False, border=1, bg_color="#FFFFFF"),
        "input_date": f(locked=False, border=1, num_format="dd/mm/yyyy", align="left"),
        "head": f(bold=True, align="center", border=1, bg_color="#D9E1F2"),
        "cell": f(border=1),
        "cell_center": f(border=1, align="center"),
        "num_in": f(locked=False, border=1, num_format="#,##0.##"),
        "text_in": f(locked=False, border=1),
        "unused": f(border=1, bg_color="#BFBFBF", pattern=1),
        "note": f(italic=True, text_wrap=False),
        "guide_head": f(bold=True, font_size=13, text_wrap=False),
        "guide": f(valign="top", text_wrap=True),
        "draft": f(bold=True, font_color="#C00000", valign="top", text_wrap=True),
    }


def draft_line(to_fill) -> list[tuple[str, str]]:
    """The guide's first line while the year's registers still hold placeholders «cần điền: …»: a form
    made from them is a draft the council completes and makes again before sending it to the units."""
    if not to_fill:
        return []
    return [(f"BẢN DỰ THẢO – sổ đăng ký của năm còn thiếu: {'; '.join(to_fill)}. Hội đồng điền đủ rồi tạo lại "
             "biểu mẫu (make templates) trước khi gửi các đơn vị.", "draft")]


def write_guide_lines(ws, fmt, lines: list[tuple[str, str]], to_fill=()) -> None:
    """The instruction sheet: one paragraph a row, wrapped inside the printed page (the row is as
    tall as its lines: Excel and LibreOffice do not grow rows written by xlsxwriter), protected;
    headed by the draft line while the registers hold placeholders (``to_fill``)."""
    lines = draft_line(to_fill) + list(lines)
    ws.set_column(0, 0, GUIDE_WIDTH)
    for row, (text, style) in enumerate(lines):
        ws.write_string(row, 0, text, fmt[style])
        if style in ("guide", "draft"):
            ws.set_row(row, 15 * lines_needed(text, GUIDE_WIDTH) + 3)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})




def protect_for_print(ws) -> None:
    """A form sheet: labels locked (rows and columns may be resized), A4 landscape fit to width,
    page numbers in the footer."""
    ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                    "select_unlocked_cells": True})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N")


def form_sheets(wb, sheet: str, identity: dict, choices: list[str]):
    """A one-sheet form's sheets, in the order every form has them: the form, the guide, the
    very hidden identity and the very hidden list of its drop-down choices (column A)."""
    ws = wb.add_worksheet(sheet)
    guide = wb.add_worksheet(GUIDE_SHEET)
    write_identity_sheet(wb, identity)
    lists = wb.add_worksheet(LISTS_SHEET)
    lists.very_hidden()
    for r, text in enumerate(choices):
        lists.write_string(r, 0, text)
    return ws, guide
