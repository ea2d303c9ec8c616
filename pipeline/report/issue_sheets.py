"""The sheets that account for the run: every Issue found ("Lỗi dữ liệu", and its CSV table)
and where each figure came from ("Nguồn dữ liệu": files, hashes, register versions)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from pipeline import VERSION
from pipeline.issues import SEVERITY_LABEL, Issue
from pipeline.registers.model import REGISTERS_DIR, Registers
from pipeline.report.frame import RunFacts, column_values, fit_heights, page, table_header, title


def issue_frame(issues: list[Issue], reg: Registers) -> pd.DataFrame:
    names = {u.code: u.name for u in reg.units}
    records = [{
        "ma_loi": i.code, "muc_do": i.severity, "don_vi": names.get(i.unit, ""), "tep": i.file,
        "trang_tinh": i.sheet, "o": i.cell, "cot": i.column, "gia_tri": i.value, "noi_dung": i.message,
        "cach_sua": i.hint,
    } for i in sort_issues(issues)]
    return pd.DataFrame.from_records(records, columns=[
        "ma_loi", "muc_do", "don_vi", "tep", "trang_tinh", "o", "cot", "gia_tri", "noi_dung", "cach_sua"])


def sort_issues(issues: list[Issue]) -> list[Issue]:
    def cell_key(cell: str):
        m = re.match(r"([A-Z]+)(\d+)$", cell or "")
        return (int(m.group(2)), len(m.group(1)), m.group(1)) if m else (0, 0, cell)
    return sorted(issues, key=lambda i: (i.file == "", i.file, i.sheet, cell_key(i.cell), i.code, i.value))


def issues_sheet(wb, fmt, reg: Registers, issues: list[Issue], facts: RunFacts) -> None:
    ws = wb.add_worksheet("Lỗi dữ liệu")
    frame = issue_frame(issues, reg)
    headings = [("Mức độ", 9), ("Mã lỗi", 20), ("Đơn vị", 22), ("Tệp", 32), ("Trang tính", 11), ("Ô", 7),
                ("Cột", 16), ("Giá trị đã nhập", 16), ("Nội dung", 44), ("Cách sửa", 44)]
    row = title(ws, fmt, "DANH SÁCH LỖI VÀ CẢNH BÁO VỀ SỐ LIỆU", len(headings), facts)
    table_header(ws, fmt, row, headings)
    header_row = row
    # plain lists, one a column, written row by row (the shared strings keep their order)
    severities = column_values(frame["muc_do"])
    texts = [[str(v) for v in column_values(frame[name])] for name in
             ("ma_loi", "don_vi", "tep", "trang_tinh", "o", "cot", "gia_tri", "noi_dung", "cach_sua")]
    error, warning, cell = fmt(border=1, bg_color="#FFC7CE"), fmt(border=1, bg_color="#FFEB9C"), fmt(border=1)
    for severity, values in zip(severities, zip(*texts)):
        row += 1
        ws.write_string(row, 0, SEVERITY_LABEL[severity], error if severity == "loi" else warning)
        for c, v in enumerate(values, start=1):
            ws.write_string(row, c, v, cell)
    fit_heights(ws, header_row + 1, [(values, headings[c][1]) for c, values in enumerate(texts, start=1)])
    if frame.empty:
        ws.write_string(row + 1, 0, "Không có lỗi hay cảnh báo nào.", fmt(italic=True, text_wrap=False))
    ws.freeze_panes(header_row + 1, 0)
    ws.autofilter(header_row, 0, max(row, header_row), len(headings) - 1)
    page(ws, True, header_row)


def provenance_sheet(wb, fmt, reg: Registers, facts: RunFacts) -> None:
    ws = wb.add_worksheet("Nguồn dữ liệu")
    headings = [("Tệp", 40), ("SHA-256", 30), ("Kích thước (byte)", 10), ("Loại biểu mẫu", 18), ("Phiên bản", 8),
                ("Đơn vị", 10), ("Kỳ", 8), ("Ngày báo cáo", 11), ("Số dòng đọc", 8), ("Sử dụng", 18), ("Lý do", 36)]
    row = title(ws, fmt, "NGUỒN DỮ LIỆU CỦA BÁO CÁO", len(headings), facts)
    lines = [("Chương trình", f"phiên bản {VERSION}"), ("Thư mục dữ liệu vào", facts.input_label),
             ("Năm", str(reg.year))] + [(f"Sổ đăng ký {k}", v) for k, v in reg.versions.items()]
    if facts.rules is not None:
        lines.append((f"Sổ quy tắc {reg.year}/award_rules.toml", f"phiên bản {facts.rules.version}"))
        if facts.rules.overrides:
            lines.append(("Tham số thay đổi khi chạy", "; ".join(facts.rules.change_text(p) for p in facts.rules.overrides)))
    for key, value in lines:
        ws.write_string(row, 0, key, fmt(bold=True))
        ws.merge_range(row, 1, row, 4, value, fmt())
        row += 1
    row += 1
    ws.write_string(row, 0, "Các tệp sổ đăng ký, sổ quy tắc, mẫu văn bản đã dùng", fmt(bold=True, text_wrap=False))
    row += 1
    table_header(ws, fmt, row, headings[:3])
    number, text = fmt(border=1, align="right"), fmt(border=1, font_size=10)
    for name, digest, size in register_files(reg):
        row += 1
        ws.write_string(row, 0, name, text)
        ws.write_string(row, 1, digest, text)
        ws.write_number(row, 2, size, number)
    row += 2
    ws.write_string(row, 0, "Các tệp trong thư mục dữ liệu vào", fmt(bold=True, text_wrap=False))
    row += 1
    table_header(ws, fmt, row, headings)
    header_row = row
    files = facts.files
    columns = [column_values(files.iloc[:, k]) for k in range(files.shape[1])]
    for values in zip(*columns):
        row += 1
        for c, v in enumerate(values):
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(row, c, v, number)
            else:
                ws.write_string(row, c, str(v), text)
    fit_heights(ws, header_row + 1, [([str(v) for v in values], headings[c][1]) for c, values in enumerate(columns)],
                size=10)
    ws.autofilter(header_row, 0, max(row, header_row), len(headings) - 1)
    page(ws, True, header_row)




def register_files(reg: Registers) -> list[tuple[str, str, int]]:
    """Every file the run's registers came from, as (name under registers/, SHA-256, size):
    everything in the year's folder (units, periods, targets, award rules, the council's settings,
    the sample scenario, the Word templates), so that a signed decision can be traced to the exact
    registers it was made with. Not registers/settings.toml: it only names the year in force, which
    a later year changes while this year's results stay the same."""
    root = reg.root or REGISTERS_DIR
    paths = sorted(p for p in reg.year_dir.rglob("*") if p.is_file() and not p.name.startswith((".", "~$")))
    out = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        out.append((_relative(path, root), hashlib.sha256(data).hexdigest(), len(data)))
    return out


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name
