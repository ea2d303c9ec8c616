"""The decision form ``mau_ket_qua_hop_hoi_dong_<year>.xlsx``: its layout, how it is written
(like the other templates: identity in a very hidden sheet, labels locked, drop-downs, a guide)
and how a filled one is read back (labels and headings found by their text)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline.awards.layout import WARD_UNIT
from pipeline.council.layout import COLUMNS, MEETING_FIELDS, MEMBER_COLUMNS, MEMBERS_TITLE, SHEET
from pipeline.council.members import CHAIR, SECRETARY, with_role
from pipeline.report.files import atomic_path
from pipeline.report.template_kit import (
    LISTS_SHEET,
    form_sheets,
    set_identity,
    template_formats,
    write_guide_lines,
)
from pipeline.report.xlsx import Workbook
from pipeline.text import lines_needed

# the guide's line after the second, when the form lists the council's members
MEMBERS_GUIDE = ("Ở danh sách thành viên Hội đồng, ghi x ở cột \"Có mặt\" cho người dự họp. Để trống ô số thành viên "
                 "Hội đồng và số dự họp thì công cụ đếm theo danh sách; đã ghi số thì công cụ đối chiếu với danh sách và "
                 "báo khi khác. Biên bản ghi tên người dự họp và người vắng mặt.")
GUIDE = (
    "Biểu này do công cụ lập từ kết quả xét danh hiệu, khen thưởng: mỗi dòng một trường hợp (cá nhân, tập thể, "
    "khóm) với một danh hiệu, hình thức, xếp theo cấp quyết định. Công cụ đề xuất, Hội đồng quyết định.",
    "Sau cuộc họp: ghi phần đầu (ngày họp, địa điểm, chủ trì, thư ký, số thành viên Hội đồng và số dự họp), rồi "
    "ở từng dòng chọn quyết định của Hội đồng ({choices}), ghi số phiếu đồng ý và ghi chú nếu có.",
    "Cột \"Số thành viên dự họp\" của dòng chỉ ghi khi khác phần đầu (có thành viên vắng khi xét trường hợp đó).",
    "Dòng để trống quyết định được ghi là \"chưa quyết định\"; khi còn dòng chưa quyết định, mọi văn bản do công "
    "cụ lập đều mang chữ \"DỰ THẢO\".",
    "Chép tệp đã điền vào thư mục input/ cùng các báo cáo khác rồi chạy lại make report: công cụ lập biên bản, "
    "dự thảo quyết định, tờ trình, báo cáo thành tích (output/van_ban/) và lịch sử khen thưởng cho năm sau. "
    "Biểu mới ghi ra output/ giữ nguyên các quyết định đã ghi; trường hợp mới có thêm để trống.",
    "Không sửa cột \"Mã trường hợp\", không đổi tên trang, không thêm bớt cột. Tên tệp đặt tùy ý.",
)


@dataclass(frozen=True)
class FormRow:
    """One candidate × title as the form shows it, with the council's entries so far."""
    key: str
    section: str                  # who decides (heading of its group)
    values: dict[str, object]     # column key -> shown value (ngay_sinh a date or None)


def write_form(path: Path, reg, settings, rows: list[FormRow], meeting: dict, sample: bool) -> None:
    identity = {"loai_bieu_mau": settings.form_kind, "phien_ban": reg.report_kind(settings.form_kind).template_version,
                "nam": reg.year, "ma_don_vi": WARD_UNIT}
    with atomic_path(path) as tmp:
        wb = Workbook(tmp)
        set_identity(wb, reg, reg.report_kind(settings.form_kind).name, identity)
        fmt = template_formats(wb)
        date_cell = wb.add_format({"font_name": "Times New Roman", "font_size": 11, "border": 1,
                                   "num_format": "dd/mm/yyyy", "align": "center", "valign": "vcenter"})
        section = wb.add_format({"font_name": "Times New Roman", "font_size": 11, "bold": True, "border": 1,
                                 "bg_color": "#FCE4D6"})
        key_cell = wb.add_format({"font_name": "Times New Roman", "font_size": 8, "border": 1,
                                  "bg_color": "#F2F2F2", "font_color": "#808080"})
        ws, guide = form_sheets(wb, SHEET, identity, list(settings.choices))
        last = len(COLUMNS) - 1
        ws.merge_range(0, 0, 0, last, f"KẾT QUẢ HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG XÉT KHEN THƯỞNG NĂM {reg.year}",
                       fmt["title"])
        ws.merge_range(1, 0, 1, last, f"({reg.settings['co_quan']['hoi_dong']})"
                       + (" – DỮ LIỆU MẪU" if sample else ""), fmt["subtitle"])
        row = 3
        members = list(meeting.get("thanh_vien") or settings.members)
        meeting = {**meeting, "chu_tri": meeting.get("chu_tri") or with_role(members, CHAIR),
                   "thu_ky": meeting.get("thu_ky") or with_role(members, SECRETARY)}
        for key in meeting.get("dem_theo_danh_sach", ()):   # a count the tool made from the list stays a count
            meeting[key] = None
        for key, label, kind in MEETING_FIELDS:
            ws.merge_range(row, 0, row, 2, label, fmt["label"])
            value = meeting.get(key)
            cell_fmt = fmt["input_date"] if kind == "date" else fmt["input"]
            ws.merge_range(row, 3, row, 5, "", cell_fmt)
            if isinstance(value, dt.date):
                ws.write_datetime(row, 3, dt.datetime.combine(value, dt.time()), cell_fmt)
            elif isinstance(value, (int, float)):
                ws.write_number(row, 3, value, cell_fmt)
            elif value:
                ws.write_string(row, 3, str(value), cell_fmt)
            ws.data_validation(row, 3, row, 3, _rule(kind, label))
            row += 1
        if members:
            row = _members(ws, fmt, row + 1, members, last)
        head = row + 1
        for c, (_, heading, width, _) in enumerate(COLUMNS):
            ws.write_string(head, c, heading, fmt["head"])
            ws.set_column(c, c, width)
        ws.set_row(head, 15 * max(lines_needed(h, w) for _, h, w, _ in COLUMNS) + 4)
        r, number, current = head + 1, 0, None
        first = r
        for item in rows:
            if item.section != current:
                current = item.section
                ws.merge_range(r, 0, r, last, item.section, section)
                r += 1
            number += 1
            for c, (key, _, _width, is_input) in enumerate(COLUMNS):
                value = number if key == "stt" else item.key if key == "ma" else item.values.get(key)
                style = key_cell if key == "ma" else fmt["text_in"] if is_input else fmt["cell"]
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_cell)
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(r, c, value, style)
                elif value not in (None, ""):
                    ws.write_string(r, c, str(value), style)
                else:
                    ws.write_blank(r, c, None, style)
            ws.set_row(r, 15 * max(lines_needed(str(item.values.get("ly_do", "")), 40),
                                   lines_needed(str(item.values.get("doi_tuong", "")), 22)) + 2)
            r += 1
        if rows:
            col = {k: i for i, (k, _, _, _) in enumerate(COLUMNS)}
            ws.data_validation(first, col["quyet_dinh"], r - 1, col["quyet_dinh"], {
                "validate": "list", "source": f"='{LISTS_SHEET}'!$A$1:$A${len(settings.choices)}",
                "input_title": "Quyết định của Hội đồng", "input_message": "Chọn " + " / ".join(settings.choices) + ".",
                "error_title": "Giá trị không hợp lệ", "error_message": "Chọn một giá trị trong danh sách."})
            for key in ("so_phieu", "du_hop"):
                ws.data_validation(first, col[key], r - 1, col[key], _rule("integer", dict(
                    (k, h) for k, h, _, _ in COLUMNS)[key]))
        ws.freeze_panes(head + 1, 3)
        ws.repeat_rows(head)
        ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                        "select_unlocked_cells": True, "autofilter": True})
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
        ws.set_footer("&C&\"Times New Roman\"Trang &P/&N")
        lines = [("HƯỚNG DẪN", "guide_head"),
                 (f"Biểu mẫu: {reg.report_kind(settings.form_kind).name}, năm {reg.year}, phiên bản "
                  f"{identity['phien_ban']}.", "guide"), ("", "guide")]
        guide_lines = (*GUIDE[:2], MEMBERS_GUIDE, *GUIDE[2:]) if members else GUIDE
        lines += [(f"{i}. " + text.format(choices=" / ".join(settings.choices)), "guide")
                  for i, text in enumerate(guide_lines, start=1)]
        write_guide_lines(guide, fmt, lines, reg.to_fill)
        ws.activate()
        wb.close()


def _members(ws, fmt, row: int, members: list[dict], last: int) -> int:
    """The members' list with its presence column; returns the row after it."""
    ws.merge_range(row, 0, row, last, MEMBERS_TITLE, fmt["label"])
    ws.set_row(row, 30)
    row += 1
    for _key, heading, first, end in MEMBER_COLUMNS:
        _cells(ws, row, first, end, heading, fmt["head"])
    for n, m in enumerate(members, start=1):
        row += 1
        mark = {True: "x", False: ""}.get(m.get("co_mat"), m.get("co_mat_ghi", ""))
        values = {"stt": n, "ho_ten": m.get("ho_ten", ""), "chuc_vu": m.get("chuc_vu", ""),
                  "chuc_danh": m.get("chuc_danh", ""), "co_mat": mark}
        for key, _heading, first, end in MEMBER_COLUMNS:
            style = fmt["text_in"] if key == "co_mat" else fmt["cell_center"] if key == "stt" else fmt["cell"]
            _cells(ws, row, first, end, values[key], style)
        ws.set_row(row, 15 * max(lines_needed(str(values["chuc_vu"]), 75), lines_needed(str(values["ho_ten"]), 40)) + 3)
    ws.data_validation(row - len(members) + 1, MEMBER_COLUMNS[-1][2], row, MEMBER_COLUMNS[-1][2], {
        "validate": "list", "source": ["x"], "ignore_blank": True, "input_title": "Có mặt",
        "input_message": "Ghi x nếu thành viên dự họp; để trống nếu vắng.",
        "error_title": "Giá trị không hợp lệ", "error_message": "Ghi x hoặc để trống.", "error_type": "warning"})
    return row + 1


def _cells(ws, row: int, first: int, end: int, value, style) -> None:
    if first != end:
        ws.merge_range(row, first, row, end, "", style)
    if isinstance(value, int):
        ws.write_number(row, first, value, style)
    elif value:
        ws.write_string(row, first, str(value), style)
    else:
        ws.write_blank(row, first, None, style)


def _rule(kind: str, label: str) -> dict:
    base = {"input_title": label.rstrip(":")[:32], "input_message": label.rstrip(":")[:255]}
    if kind == "date":
        return base | {"validate": "date", "criteria": ">", "value": dt.date(1990, 1, 1),
                       "error_title": "Ngày không hợp lệ", "error_message": "Ghi ngày dạng ngày/tháng/năm."}
    if kind == "integer":
        return base | {"validate": "integer", "criteria": ">=", "value": 0, "error_title": "Số không hợp lệ",
                       "error_message": "Ghi một số nguyên không âm."}
    return base | {"validate": "any"}
