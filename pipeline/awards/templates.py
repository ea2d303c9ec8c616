"""Generate the award templates from the registers: registration and year-end evaluation for
every unit that owes them, the khóm văn hóa form for every khóm, and one award-history workbook
for the ward. Same conventions as the indicator templates: unit filled in and locked, drop-downs
with Vietnamese input messages, labels locked, the identity in a very hidden sheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name

from pipeline.awards.layout import (
    SHEETS,
    TABLE_ROWS,
    WARD_UNIT,
    columns_for,
    fields_for,
    titled,
)
from pipeline.registers.model import REGISTERS_DIR, ROLES, Registers, ReportKind, Unit
from pipeline.registers.rules import rule_titles
from pipeline.report.files import atomic_path
from pipeline.report.template_kit import (
    GUIDE_SHEET,
    LISTS_SHEET,
    form_line,
    protect_for_print,
    set_identity,
    template_file_name,
    template_formats,
    write_guide_lines,
    write_identity_sheet,
)
from pipeline.report.xlsx import Workbook
from pipeline.text import example_year, lines_needed

GUIDES = {
    "dang_ky": [
        "Ghi danh hiệu thi đua tập thể đơn vị đăng ký ở phần đầu.",
        "Bảng dưới: mỗi cán bộ, công chức, người lao động của đơn vị một dòng, kể cả người không đăng ký "
        "(chọn \"Không\"). Ghi ngày sinh để phân biệt người trùng tên.",
        "Hạn nộp: {deadline}. {registration}",
    ],
    "binh_xet": [
        "Ghi kết quả họp bình xét cuối năm của đơn vị: phần đầu là đánh giá tập thể (nếu có), bảng dưới là "
        "từng cá nhân, kể cả người không được đề nghị.",
        "Xếp loại chất lượng lấy theo kết quả đánh giá, xếp loại của cơ quan có thẩm quyền; chương trình "
        "không tự xếp loại.",
        "Thời gian công tác: ghi ngày bắt đầu công tác liên tục tại đơn vị; chỉ ghi \"Số tháng\" khi khác "
        "với cách tính từ ngày bắt đầu (ví dụ: nghỉ thai sản vẫn tính là thời gian công tác).",
        "Người bị kỷ luật trong năm: chọn hình thức kỷ luật và ghi ngày quyết định.",
        "Sáng kiến: ghi số sáng kiến được công nhận trong năm, cấp công nhận và số quyết định.",
        "Danh hiệu, hình thức đề nghị: mỗi người một danh hiệu và một hình thức; một thành tích chỉ đề nghị "
        "một hình thức khen thưởng. Khi đề nghị Giấy khen, Bằng khen, ghi tóm tắt thành tích.",
        "Hạn nộp: {deadline}.",
    ],
    "khom_van_hoa": [
        "Khóm tự đánh giá năm tiêu chí khóm văn hóa (Có/Không) và ghi các số liệu bên dưới.",
        "Các số liệu sau lấy từ báo cáo chỉ tiêu cả năm của khóm, không ghi lại ở đây: {reused}.",
        "Số hộ được công nhận gia đình văn hóa là \"Số hộ gia đình văn hóa tại thời điểm báo cáo\" trong báo "
        "cáo chỉ tiêu cả năm (chỉ tiêu {gdvh_target}).",
        "Hạn nộp: {deadline} ({khom_deadline}).",
    ],
    "lich_su": [
        "Danh hiệu, hình thức khen thưởng, xếp loại và sáng kiến của các năm trước, để xét các danh hiệu "
        "cần nhiều năm liên tục (Bằng khen Chủ tịch UBND tỉnh, Chiến sĩ thi đua cấp tỉnh).",
        "Mỗi dòng một danh hiệu của một người hoặc tập thể trong một năm. Năm nào không có dòng nào thì "
        "coi như năm đó không đạt (chuỗi năm liên tục bị ngắt).",
        "Biểu này không bắt buộc; không có thì các danh hiệu cấp trên được ghi \"thiếu dữ liệu\".",
    ],
}


def build_award_templates(reg: Registers, out_dir: Path) -> list[Path]:
    written = []
    for content in ("dang_ky", "binh_xet", "khom_van_hoa"):
        for unit in reg.units:
            kind_code = reg.report_kind_of(unit, content)
            if kind_code:
                kind = reg.report_kind(kind_code)
                path = out_dir / template_file_name(kind, unit)
                build_award_template(reg, kind, unit, path)
                written.append(path)
    history = reg.kind_for_content("lich_su")
    if history:
        path = out_dir / template_file_name(history, None)
        build_award_template(reg, history, None, path)
        written.append(path)
    return written


def build_award_template(reg: Registers, kind: ReportKind, unit: Unit | None, path: Path) -> None:
    identity = {"loai_bieu_mau": kind.code, "phien_ban": kind.template_version, "nam": reg.year,
                "ma_don_vi": unit.code if unit else WARD_UNIT}
    with atomic_path(path) as tmp:
        wb = Workbook(tmp)
        set_identity(wb, reg, kind.name, identity)
        fmt = template_formats(wb)
        ws = wb.add_worksheet(SHEETS[kind.content])
        guide = wb.add_worksheet(GUIDE_SHEET)
        write_identity_sheet(wb, identity)
        _sheet(ws, fmt, reg, kind, unit, _lists_sheet(wb))
        _guide(guide, fmt, reg, kind, unit)
        ws.activate()
        wb.close()


def _validation(kind: str, label: str, hint: str, choices: dict | None, maximum: int | None, year: int) -> dict:
    base = {"input_title": label.rstrip(":")[:32], "input_message": example_year(hint, year)[:255]}
    if kind == "choice":
        return base | {"validate": "list", "source": list(choices.values()), "error_title": "Giá trị không hợp lệ",
                       "error_message": "Chọn một giá trị trong danh sách."}
    if kind == "date":
        return base | {"validate": "date", "criteria": "between", "minimum": dt.date(1900, 1, 1),
                       "maximum": dt.date(year + 1, 12, 31), "error_title": "Ngày không hợp lệ",
                       "error_message": "Ghi ngày dạng ngày/tháng/năm."}
    if kind == "integer":
        rule = {"criteria": "between", "minimum": 0, "maximum": maximum} if maximum else {"criteria": ">=", "value": 0}
        return base | {"validate": "integer", **rule, "error_title": "Số không hợp lệ",
                       "error_message": "Ghi một số nguyên không âm."}
    return base | {"validate": "any"}


def _table(ws, fmt, columns, header_row: int, n_rows: int, year: int, lists, titles: dict[str, str]) -> None:
    """The members table: numbered empty rows, one validation per column."""
    for c, col in enumerate(columns):
        ws.write_string(header_row, c, col.heading, fmt["head"])
        ws.set_column(c, c, col.width)
    ws.set_row(header_row, 15 * max(lines_needed(col.heading, col.width) for col in columns) + 4)
    first, last = header_row + 1, header_row + n_rows
    for r in range(first, last + 1):
        for c, col in enumerate(columns):
            if col.kind == "fixed":
                ws.write_number(r, c, r - header_row, fmt["cell_center"])
            else:
                ws.write_blank(r, c, None, fmt["input_date"] if col.kind == "date" else fmt["text_in"])
    for c, col in enumerate(columns):
        if col.kind == "fixed" or (col.kind == "text" and not col.hint):
            continue
        choices = titled(col.choices, titles)
        rule = _validation(col.kind, col.heading, col.hint or f"{col.heading}.", choices, col.maximum, year)
        if col.kind == "choice":
            rule["source"] = lists(choices)
        ws.data_validation(first, c, last, c, rule)
    ws.freeze_panes(header_row + 1, 2)
    ws.repeat_rows(header_row)


def _lists_sheet(wb):
    """Drop-down sources on a very hidden sheet: Excel limits an inline list to 255 characters."""
    sheet = wb.add_worksheet(LISTS_SHEET)
    sheet.very_hidden()
    placed: dict[tuple, str] = {}

    def source(choices: dict) -> str:
        key = tuple(choices.values())
        if key not in placed:
            col = len(placed)
            for r, text in enumerate(key):
                sheet.write_string(r, col, text)
            letter = xl_col_to_name(col)
            placed[key] = f"='{LISTS_SHEET}'!${letter}$1:${letter}${len(key)}"
        return placed[key]
    return source


def _sheet(ws, fmt, reg: Registers, kind: ReportKind, unit: Unit | None, lists) -> None:
    content = kind.content
    fields = fields_for(content, bool(unit and unit.is_khom))
    columns = columns_for(content)
    width = max(len(columns), 8)
    ws.merge_range(0, 0, 0, width - 1, kind.name.upper(), fmt["title"])
    ws.merge_range(1, 0, 1, width - 1, f"({reg.settings['co_quan']['hoi_dong']})", fmt["subtitle"])
    label_cols = 3 if columns else 5
    ws.set_column(0, label_cols - 1, 14 if columns else 16)
    row = 3
    for f in fields:
        ws.merge_range(row, 0, row, label_cols - 1, f.label, fmt["label"])
        lines = lines_needed(f.label, 14 * label_cols)
        if f.key == "don_vi":
            ws.merge_range(row, label_cols, row, label_cols + 3, unit.name, fmt["fixed"])
        else:
            cell_fmt = fmt["input_date"] if f.kind == "date" else fmt["input"]
            ws.merge_range(row, label_cols, row, label_cols + 3, "", cell_fmt)
            choices = titled(f.choices, rule_titles(reg.year, reg.root or REGISTERS_DIR))
            rule = _validation(f.kind, f.label, f.hint, choices, None, reg.year)
            if f.kind == "choice":
                rule["source"] = lists(choices)
            ws.data_validation(row, label_cols, row, label_cols, rule)
        ws.set_row(row, max(18, 15 * lines))
        row += 1
    if content == "khom_van_hoa":
        ws.set_column(label_cols, label_cols + 3, 12)
        row += 1
        note = ("Số liệu lấy từ báo cáo chỉ tiêu cả năm của khóm (không ghi lại): "
                + _reused(reg) + ".")
        ws.merge_range(row, 0, row, label_cols + 3, note, fmt["guide"])   # wrapped inside the printed width
        ws.set_row(row, 15 * lines_needed(note, 14 * label_cols + 12 * 4) + 3)
    if columns:
        header_row = row + 1
        _table(ws, fmt, columns, header_row, TABLE_ROWS[content], reg.year, lists,
               rule_titles(reg.year, reg.root or REGISTERS_DIR))
    protect_for_print(ws)


def _registration(reg: Registers) -> str:
    """Whether registering is a condition of the titles this year (the rules register says)."""
    from pipeline.registers.model import REGISTERS_DIR
    from pipeline.registers.rules import load_rules
    if load_rules(reg.year, reg.root or REGISTERS_DIR).param("registration_required"):
        return "Chỉ cá nhân, tập thể đã đăng ký thi đua mới được xét danh hiệu."
    return ("Đăng ký không còn là điều kiện bắt buộc để xét danh hiệu, nhưng Hội đồng tổng hợp danh sách "
            "đăng ký để theo dõi và báo cáo cấp trên.")


def _khom_words(reg: Registers, text: str) -> dict[str, str]:
    """The khóm văn hóa guide's words from the registers: the target that counts the households
    recognised, and the rule set's deadline of the khóm's evaluation."""
    if "{gdvh_target}" not in text and "{khom_deadline}" not in text:
        return {}
    from pipeline.registers.law import rule_set_for
    played = reg.role("so_ho_gdvh")
    return {"gdvh_target": played[0] if played else "…", "khom_deadline": rule_set_for(reg).texts["han_khom_van_hoa"]}


def _reused(reg: Registers) -> str:
    """What the khóm văn hóa form takes from the khóm's indicator report (targets.toml, vai_tro)."""
    played = {role for t in reg.targets for role in t.roles.values()}
    return "; ".join(label for role, label in ROLES.items() if role in played)


def _guide(ws, fmt, reg: Registers, kind: ReportKind, unit: Unit | None) -> None:
    deadline = f"{kind.deadline:%d/%m/%Y}" if kind.deadline else "theo thông báo của Hội đồng"
    reused = _reused(reg)
    lines = [("HƯỚNG DẪN", "guide_head"),
             (form_line(kind, reg.year), "guide")]
    if unit:
        lines.append((f"Đơn vị: {unit.name}.", "guide"))
    lines.append(("", "guide"))
    for i, text in enumerate(GUIDES[kind.content], start=1):
        registration = _registration(reg) if "{registration}" in text else ""
        lines.append((f"{i}. " + text.format(deadline=deadline, reused=reused, registration=registration,
                                             **_khom_words(reg, text)), "guide"))
    lines.append((f"{len(GUIDES[kind.content]) + 1}. Chỉ ghi vào ô trắng; chọn trong danh sách ở các ô có danh sách. "
                  "Không đổi tên trang, không thêm bớt cột. Tên tệp đặt tùy ý.", "guide"))
    write_guide_lines(ws, fmt, lines, reg.to_fill)
