"""The campaign proposal templates (``make templates``): for every campaign of the year
(``[[dot_thi_dua]]``) and every unit that sends the year-end evaluation, one form to propose the
ward chairman's Giấy khen for the collectives and individuals outstanding in that campaign, with
the campaign's deadline. Same conventions as the other templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.awards.layout import HISTORY_ITEMS
from pipeline.council.campaign_layout import (
    COLLECTIVE,
    COLUMNS,
    CONTENT,
    HEADER_FIELDS,
    HOUSEHOLD,
    INDIVIDUAL,
    KEY_HEADING,
    SHEET,
    TABLE_ROWS,
    TITLES,
    file_name,
)
from pipeline.report.files import atomic_path
from pipeline.report.template_kit import (
    LISTS_SHEET,
    form_line,
    form_sheets,
    protect_for_print,
    set_identity,
    template_formats,
    write_guide_lines,
)
from pipeline.report.xlsx import Workbook

GUIDE = (
    "Biểu này để đơn vị đề nghị khen thưởng các tập thể, cá nhân, hộ gia đình có thành tích xuất sắc trong {dot} "
    "(khen thưởng theo đợt thi đua, Mục III.2 của Kế hoạch). Hình thức: {form}.",
    "Mỗi tập thể, cá nhân một dòng: chọn \"Cá nhân\" hoặc \"Tập thể\", ghi ngày sinh (cá nhân) để phân biệt người "
    "trùng tên, chức vụ và tóm tắt thành tích cụ thể trong đợt. Dòng không ghi thành tích không được xét.",
    "Hộ gia đình (ví dụ hộ hiến đất làm đường): chọn \"Hộ gia đình\", ghi tên chủ hộ kèm \"ông\" hoặc \"bà\" "
    "(ví dụ: ông Nguyễn Văn A; quyết định in \"Hộ ông Nguyễn Văn A\") và ghi địa chỉ (khóm) ở cột \"Địa chỉ (hộ gia "
    "đình)\"; để trống địa chỉ thì lấy tên khóm lập biểu.",
    "Hạn nộp: {deadline}. Chép tệp đã điền vào thư mục input/; Hội đồng xét cùng các trường hợp khác trong biểu "
    "kết quả họp Hội đồng.",
    "Khen thưởng theo đợt không được tính để xét danh hiệu nhiều năm liên tục hoặc khen thưởng cấp cao hơn.",
    "Không đổi tên trang, không thêm bớt cột, không sửa {key}.",
)


def campaign_deadline(phase: dict) -> dt.date | None:
    value = phase.get("han_nop")
    return value if isinstance(value, dt.date) else None


def owing_units(reg) -> list:
    """The units that send the year-end evaluation: they propose their people and collectives."""
    return [u for u in reg.units if reg.report_kind_of(u, "binh_xet")]


def build_campaign_templates(reg, out_dir: Path) -> list[Path]:
    kind = reg.kind_for_content(CONTENT)
    if kind is None:
        return []
    written = []
    for phase in reg.emulation_phases:
        for unit in owing_units(reg):
            path = out_dir / file_name(phase["ma"], unit)
            build_campaign_template(reg, kind, phase, unit, path)
            written.append(path)
    return written


def build_campaign_template(reg, kind, phase: dict, unit, path: Path) -> None:
    identity = {"loai_bieu_mau": kind.code, "phien_ban": kind.template_version, "nam": reg.year,
                "ma_don_vi": unit.code, "dot_thi_dua": phase["ma"]}
    deadline = campaign_deadline(phase)
    shown = f"{deadline:%d/%m/%Y}" if deadline else "theo thông báo của Hội đồng"
    with atomic_path(path) as tmp:
        wb = Workbook(tmp)
        set_identity(wb, reg, kind.name, identity)
        fmt = template_formats(wb)
        date_in = wb.add_format({"font_name": "Times New Roman", "font_size": 11, "border": 1, "locked": False,
                                 "num_format": "dd/mm/yyyy", "valign": "vcenter"})
        ws, guide = form_sheets(wb, SHEET, identity, [INDIVIDUAL, COLLECTIVE, HOUSEHOLD])
        last = len(COLUMNS) - 1
        ws.merge_range(0, 0, 0, last, "ĐỀ NGHỊ KHEN THƯỞNG THEO ĐỢT THI ĐUA", fmt["title"])
        ws.merge_range(1, 0, 1, last, f"({phase['ten']})", fmt["subtitle"])
        fixed = {"don_vi": unit.name, "dot": phase["ten"], "han_nop": shown}
        row = 3
        for key, label, is_input in HEADER_FIELDS:
            ws.merge_range(row, 0, row, 1, label, fmt["label"])
            if is_input:
                ws.merge_range(row, 2, row, 4, "", date_in if key == "ngay_lap" else fmt["input"])
            else:
                ws.merge_range(row, 2, row, last, fixed[key], fmt["fixed"])
            row += 1
        head = row + 1
        for c, (_, heading, width, _) in enumerate(COLUMNS):
            ws.write_string(head, c, heading, fmt["head"])
            ws.set_column(c, c, width)
        ws.set_row(head, 34)
        form = HISTORY_ITEMS[TITLES[INDIVIDUAL]]
        for r in range(head + 1, head + 1 + TABLE_ROWS):
            for c, (key, _, _, kind_) in enumerate(COLUMNS):
                if key == "stt":
                    ws.write_number(r, c, r - head, fmt["cell_center"])
                elif key == "hinh_thuc":
                    ws.write_string(r, c, form, fmt["cell"])
                else:
                    ws.write_blank(r, c, None, date_in if kind_ == "date" else fmt["text_in"])
            ws.set_row(r, 32)
        col = {k: i for i, (k, _, _, _) in enumerate(COLUMNS)}
        first, end = head + 1, head + TABLE_ROWS
        ws.data_validation(first, col["loai"], end, col["loai"], {
            "validate": "list", "source": f"='{LISTS_SHEET}'!$A$1:$A$3", "input_title": "Cá nhân / tập thể",
            "input_message": f"Chọn {INDIVIDUAL}, {COLLECTIVE} hoặc {HOUSEHOLD}.", "error_title": "Giá trị không hợp lệ",
            "error_message": "Chọn một giá trị trong danh sách."})
        ws.data_validation(first, col["ngay_sinh"], end, col["ngay_sinh"], {
            "validate": "date", "criteria": ">", "value": dt.date(1930, 1, 1), "input_title": "Ngày sinh",
            "input_message": "Ghi ngày dạng ngày/tháng/năm (cá nhân).", "error_title": "Ngày không hợp lệ",
            "error_message": "Ghi ngày dạng ngày/tháng/năm."})
        ws.freeze_panes(head + 1, 2)
        ws.repeat_rows(head)
        protect_for_print(ws)
        values = {"dot": phase["ten"], "form": form, "deadline": shown, "key": f"cột \"{KEY_HEADING}\" ở dòng tiêu đề"}
        lines = [("HƯỚNG DẪN", "guide_head"), (form_line(kind, reg.year), "guide"), ("", "guide")]
        lines += [(f"{i}. " + text.format(**values), "guide") for i, text in enumerate(GUIDE, start=1)]
        write_guide_lines(guide, fmt, lines, reg.to_fill)
        ws.activate()
        wb.close()
