"""Generate the indicator report templates from the registers (``make templates``).

One workbook per reporting unit: its name is filled in and locked, and it holds exactly the
indicator rows the unit owes, each with only the input cells that the target's kind needs
(the other input cells are grey and locked). A very hidden sheet carries the identity (template
kind, template version, year, unit) by which the pipeline recognises the file whatever it is
renamed to; the same identity is kept in the document's custom properties as a fallback.
Templates are generated, never edited by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pipeline.indicators.layout import (
    CHOICE_INPUTS,
    HEADER_FIELDS,
    HEADER_FIRST_ROW,
    HEADER_LABEL_COL,
    HEADER_VALUE_COL,
    NUMERIC_INPUTS,
    REPORT_SHEET,
    TABLE_HEADER_ROW,
    report_title,
    table_columns,
)
from pipeline.registers.model import INPUTS_BY_KIND, Registers, Target, Unit
from pipeline.report.files import atomic_path
from pipeline.report.template_kit import (
    GUIDE_SHEET,
    form_line,
    set_identity,
    template_formats,
    write_guide_lines,
    write_identity_sheet,
)
from pipeline.report.xlsx import Workbook
from pipeline.text import example_year, lines_needed

KIND_WORDS = {
    "tong": "Ghi tổng số", "gia_tri": "Ghi một số liệu", "ty_le": "Ghi tử số và mẫu số",
    "tang": "Ghi số hiện tại và số tại ngày gốc", "giam": "Ghi số hiện tại và số tại ngày gốc",
    "duy_tri": "Chọn Có hoặc Không", "dinh_tinh": "Chọn Đạt hoặc Không đạt và ghi giải trình",
    "khoang": "Ghi tử số và mẫu số", "ke_hoach": "Ghi kết quả thực hiện và số kế hoạch được giao",
    "phan_nghin": "Ghi tử số và mẫu số", "dem_don_vi": "Chọn Đạt hoặc Không đạt",
    "xep_loai": "Chọn mức xếp loại trong danh sách ở cột \"Tự đánh giá\"",
}


def format_target(t: Target) -> str:
    """The target as printed: '>= 99,64', '< 2', 'Đạt', 'chưa có chỉ tiêu'."""
    if t.kind == "duy_tri":
        return "Giữ vững"
    if t.kind == "dinh_tinh":
        return "Đạt"
    if t.kind == "xep_loai" and t.level:
        return f"{_OP_WORDS[t.op]} {t.level}"
    if t.value is None:
        return "Chưa có chỉ tiêu"
    if t.kind == "khoang" and t.upper is not None:
        return f"{vn_number(t.value)} – {vn_number(t.upper)}"   # a band: no "≥" before it
    band = _BAND.fullmatch(t.display_value or "")
    if band:   # a target the plan writes as a band ("97 - 98"): the band, with an en dash
        return f"{band.group(1)} – {band.group(2)}"
    shown = t.display_value or vn_number(t.value)
    return f"{_OP_WORDS[t.op]} {shown}"


_BAND = re.compile(r"\s*([\d.,]+)\s*[-–]\s*([\d.,]+)\s*")


def target_at(t: Target, goal: float) -> str:
    """The target as printed with another number for its (lower) bound, as a khóm's own target:
    '≥ 2,5'; a band keeps its upper bound ('96 – 98')."""
    if goal == t.value:
        return format_target(t)
    if t.kind == "khoang" and t.upper is not None:
        return f"{vn_number(goal)} – {vn_number(t.upper)}"
    return f"{_OP_WORDS[t.op]} {vn_number(goal)}"


_OP_WORDS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def target_for(t: Target, unit: Unit, kind: str) -> str:
    """The target a unit's template shows: a khóm sees its own target, or the ward's marked as not
    set for the khóm ("toàn phường: ≥ 55 ha (không giao riêng)"), as the report judges it."""
    if not unit.is_khom or t.kind in ("duy_tri", "dinh_tinh") or t.value is None:
        return format_target(t)
    own = (t.khom_targets or {}).get(unit.code)
    if own is None:
        return f"toàn {kind}: {format_target(t)} {t.unit_of_measure} (không giao riêng)".replace(" %", "%")
    return target_at(t, own)


def vn_number(x: float, decimals: int | None = None) -> str:
    """A number written the Vietnamese way: 428.000.000 ; 99,64."""
    if decimals is None:
        decimals = 0 if float(x).is_integer() else min(4, len(repr(float(x)).split(".")[1]))
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")



def build_template(reg: Registers, unit: Unit, report_kind: str, path: Path) -> None:
    with atomic_path(path) as tmp:
        wb = Workbook(tmp)
        _fill_workbook(wb, reg, unit, report_kind)
        wb.close()


def _fill_workbook(wb, reg: Registers, unit: Unit, report_kind: str) -> None:
    kind = reg.report_kind(report_kind)
    identity = {"loai_bieu_mau": report_kind, "phien_ban": kind.template_version,
                "nam": reg.year, "ma_don_vi": unit.code}
    set_identity(wb, reg, kind.name, identity)
    fmt = template_formats(wb)
    ws = wb.add_worksheet(REPORT_SHEET)
    guide = wb.add_worksheet(GUIDE_SHEET)
    _write_report_sheet(ws, fmt, reg, unit, kind)
    _write_guide(guide, fmt, reg, unit, kind)
    write_identity_sheet(wb, identity)
    ws.activate()


def _write_report_sheet(ws, fmt, reg: Registers, unit: Unit, kind) -> None:
    columns = table_columns(reg)
    last_col = len(columns) - 1
    ws.merge_range(0, 0, 0, last_col, report_title(reg.year), fmt["title"])
    ws.merge_range(1, 0, 1, last_col, f"(Theo {reg.plan_reference})", fmt["subtitle"])
    ws.set_row(0, 22)
    period_labels = [reg.period(p).label for p in kind.periods]
    for i, field in enumerate(HEADER_FIELDS):
        row = HEADER_FIRST_ROW + i
        ws.merge_range(row, HEADER_LABEL_COL, row, HEADER_VALUE_COL - 1, field.label, fmt["label"])
        target_fmt = fmt["input_date"] if field.key == "ngay_bao_cao" else fmt["input"]
        if field.key == "don_vi":
            ws.merge_range(row, HEADER_VALUE_COL, row, HEADER_VALUE_COL + 3, unit.name, fmt["fixed"])
            continue
        ws.merge_range(row, HEADER_VALUE_COL, row, HEADER_VALUE_COL + 3, "", target_fmt)
        validation = {"input_title": field.label.rstrip(":")[:32], "input_message": example_year(field.hint, reg.year)}
        if field.key == "ky":
            validation |= {"validate": "list", "source": period_labels,
                           "error_title": "Kỳ báo cáo", "error_message": "Chọn một kỳ trong danh sách."}
        elif field.key == "ngay_bao_cao":
            validation |= {"validate": "date", "criteria": "between",
                           "minimum": dt.date(reg.year, 1, 1), "maximum": dt.date(reg.year + 1, 12, 31),
                           "error_title": "Ngày báo cáo",
                           "error_message": f"Ghi một ngày trong năm {reg.year} hoặc {reg.year + 1}, dạng ngày/tháng/năm."}
        else:
            validation |= {"validate": "any"}
        ws.data_validation(row, HEADER_VALUE_COL, row, HEADER_VALUE_COL, validation)

    header_row = TABLE_HEADER_ROW
    for c, col in enumerate(columns):
        ws.write_string(header_row, c, col.heading, fmt["head"])
        ws.set_column(c, c, col.width)
    ws.set_row(header_row, 45)
    targets = reg.targets_for(unit.code)
    for i, t in enumerate(targets):
        row = header_row + 1 + i
        _write_target_row(ws, fmt, columns, row, i + 1, t, reg, unit)
    end = header_row + len(targets)
    # shorter than the table is wide, so it prints whole; not merged, so a row typed under the table stays a row
    ws.write_string(end + 2, 0, "Ô màu trắng là ô nhập số liệu; ô màu xám không dùng cho chỉ tiêu ở dòng đó. "
                    "Số liệu lũy kế từ 01/01 đến hết kỳ báo cáo.", fmt["note"])
    ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                    "select_unlocked_cells": True})
    ws.freeze_panes(header_row + 1, 3)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N")


def _write_target_row(ws, fmt, columns, row: int, number: int, t: Target, reg: Registers, unit: Unit) -> None:
    needed = set(INPUTS_BY_KIND[t.kind])
    guide = "; ".join(f"{_col_heading(columns, k)}: {label}" for k, label in t.inputs.items())
    guide = guide or KIND_WORDS[t.kind]
    if t.note:
        guide = f"{guide}. {t.note}"
    fixed = {"stt": number, "ma": t.code, "noi_dung": t.plan_text, "dvt": t.unit_of_measure,
             "chi_tieu": target_for(t, unit, reg.commune_kind), "huong_dan": guide}
    for c, col in enumerate(columns):
        if not col.is_input:
            value = fixed[col.key]
            cell_fmt = fmt["cell_center"] if col.key in ("stt", "ma", "dvt", "chi_tieu") else fmt["cell"]
            if isinstance(value, int):
                ws.write_number(row, c, value, cell_fmt)
            else:
                ws.write_string(row, c, str(value), cell_fmt)
            continue
        if col.key not in needed and not (col.key == "ghi_chu"):
            ws.write_blank(row, c, None, fmt["unused"])
            continue
        if col.key in NUMERIC_INPUTS:
            ws.write_blank(row, c, None, fmt["num_in"])
            label = t.inputs.get(col.key, col.heading)
            validation = {
                "validate": "integer" if t.integer else "decimal", "criteria": ">=", "value": 0,
                "input_title": f"{t.code}: {col.heading}"[:32], "input_message": f"{label}."[:255],
                "error_title": "Số liệu không hợp lệ",
                "error_message": ("Ghi một số nguyên không âm, không kèm chữ." if t.integer
                                  else "Ghi một số không âm (được ghi số lẻ), không kèm chữ."),
            }
            if t.max_value is not None:
                validation |= {"criteria": "between", "minimum": 0, "maximum": t.max_value}
                validation["error_message"] = f"Ghi một số từ 0 đến {vn_number(t.max_value)}."
            ws.data_validation(row, c, row, c, validation)
        elif col.key in CHOICE_INPUTS:
            ws.write_blank(row, c, None, fmt["text_in"])
            # a rating offers its own levels, best first (checked to fit Excel's 255 characters)
            choices = list(t.levels) if t.kind == "xep_loai" else list(CHOICE_INPUTS[col.key])
            words = ", ".join(choices[:-1]) + " hoặc " + choices[-1]
            ws.data_validation(row, c, row, c, {
                "validate": "list", "source": choices,
                "input_title": f"{t.code}: {col.heading}"[:32],
                "input_message": f"Chọn {words}."[:255],
                "error_title": "Giá trị không hợp lệ", "error_message": f"Chỉ chọn {words}."[:255],
            })
        else:
            ws.write_blank(row, c, None, fmt["text_in"])
    widths = {col.key: col.width for col in columns}
    lines = max(lines_needed(t.plan_text, widths["noi_dung"]), lines_needed(guide, widths["huong_dan"]),
                lines_needed(fixed["chi_tieu"], widths["chi_tieu"]), 2)
    ws.set_row(row, lines * 14.5 + 4)


def _col_heading(columns, key: str) -> str:
    return next(c.heading for c in columns if c.key == key)


def _write_guide(ws, fmt, reg: Registers, unit: Unit, kind) -> None:
    periods = "; ".join(f"{p.label} (hạn nộp {p.deadline:%d/%m/%Y})" for p in reg.periods if p.code in kind.periods)
    lines = [
        ("HƯỚNG DẪN NHẬP BÁO CÁO", "guide_head"),
        (form_line(kind, reg.year), "guide"),
        (f"Đơn vị: {unit.name}.", "guide"),
        ("", "guide"),
        ("1. Mở trang \"Báo cáo\". Chọn kỳ báo cáo, ghi ngày báo cáo, họ tên và số điện thoại người lập biểu.", "guide"),
        (f"   Các kỳ báo cáo: {periods}.", "guide"),
        ("2. Mỗi dòng là một chỉ tiêu của Kế hoạch mà đơn vị phải báo cáo. Chỉ ghi vào các ô màu trắng; "
         "ô màu xám không dùng cho chỉ tiêu ở dòng đó. Cột \"Cách ghi số liệu\" cho biết phải ghi gì.", "guide"),
        ("3. Ghi số, không kèm chữ hay đơn vị tính. Số lớn có thể ghi 1.234.567 hoặc 1234567; "
         "số lẻ ghi dấu phẩy, ví dụ 12,5.", "guide"),
        ("4. Số liệu là số lũy kế từ ngày 01/01 đến hết kỳ báo cáo. Chỉ tiêu tỷ lệ: ghi tử số và mẫu số, "
         f"không tự tính tỷ lệ; Hội đồng tính tỷ lệ chung toàn {reg.commune_kind} từ tổng các tử số và mẫu số.", "guide"),
        (f"5. Chỉ tiêu tăng, giảm: ghi số tại thời điểm báo cáo và số tại ngày {reg.baseline_date:%d/%m/%Y}.", "guide"),
        ("6. Chỉ tiêu \"Giữ vững\": chọn Có hoặc Không. Chỉ tiêu tự đánh giá: chọn Đạt hoặc Không đạt "
         "và ghi ngắn gọn giải trình.", "guide"),
        ("7. Không đổi tên trang, không thêm bớt cột, không sao chép dán đè lên ô chọn. "
         "Có thể đặt tên tệp tùy ý; chương trình nhận biết biểu mẫu qua thông tin ẩn bên trong tệp.", "guide"),
        ("8. Mỗi kỳ nộp một tệp. Nếu nộp lại, ghi ngày báo cáo mới hơn: bản có ngày báo cáo sau cùng được dùng.", "guide"),
        ("9. Chưa có số liệu thì để trống, không ghi 0. Số 0 nghĩa là kết quả bằng không.", "guide"),
    ]
    write_guide_lines(ws, fmt, lines, reg.to_fill)


