"""The layout of the indicator report templates, shared by the template builder and the reader.

The reader finds everything by its text (header labels, table headings), never by position, so
a user who inserts a row above the table does not shift the data. Positions here are only where
the builder puts things.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.registers.model import Registers
from pipeline.report.template_kit import FAIL, NO, PASS, YES

REPORT_SHEET = "Báo cáo"         # the sheet the unit fills


def report_title(year: int) -> str:
    """The title on the report sheet; the reader recognises a file whose identity was lost by it."""
    return f"BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM {year}"


@dataclass(frozen=True)
class HeaderField:
    key: str
    label: str  # the text of the label cell, ending with ":"
    hint: str


HEADER_FIELDS = (
    HeaderField("don_vi", "Đơn vị báo cáo:", "Tên đơn vị đã được ghi sẵn; không sửa."),
    HeaderField("ky", "Kỳ báo cáo:", "Chọn kỳ báo cáo trong danh sách."),
    HeaderField("ngay_bao_cao", "Ngày báo cáo:", "Ghi ngày lập báo cáo, dạng ngày/tháng/năm (ví dụ 28/06/{nam})."),
    HeaderField("nguoi_lap", "Người lập biểu:", "Họ và tên người lập báo cáo."),
    HeaderField("dien_thoai", "Số điện thoại:", "Số điện thoại liên hệ của người lập biểu."),
)
HEADER_LABEL_COL = 0   # column A
HEADER_VALUE_COL = 2   # column C
HEADER_FIRST_ROW = 3   # 0-based: row 4


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    width: float
    is_input: bool


def table_columns(reg: Registers) -> tuple[Column, ...]:
    """The table's columns, in order. The baseline heading carries the register's baseline date."""
    base = reg.baseline_date.strftime("%d/%m/%Y")
    return (
        Column("stt", "STT", 7, False),
        Column("ma", "Mã chỉ tiêu", 10, False),
        Column("noi_dung", "Chỉ tiêu theo Kế hoạch", 38, False),
        Column("dvt", "Đơn vị tính", 9, False),
        Column("chi_tieu", "Chỉ tiêu năm", 12, False),
        Column("huong_dan", "Cách ghi số liệu", 34, False),
        Column("gia_tri", "Kết quả thực hiện", 14, True),
        Column("tu_so", "Tử số", 12, True),
        Column("mau_so", "Mẫu số", 12, True),
        Column("so_hien_tai", "Số tại thời điểm báo cáo", 13, True),
        Column("so_goc", f"Số tại {base}", 13, True),
        Column("co_khong", "Giữ vững (Có/Không)", 11, True),
        Column("danh_gia", "Tự đánh giá (Đạt/Không đạt)", 12, True),
        Column("giai_trinh", "Giải trình", 28, True),
        Column("ghi_chu", "Ghi chú", 20, True),
    )


NUMERIC_INPUTS = ("gia_tri", "tu_so", "mau_so", "so_hien_tai", "so_goc")
TEXT_INPUTS = ("giai_trinh", "ghi_chu")
CHOICE_INPUTS = {"co_khong": (YES, NO), "danh_gia": (PASS, FAIL)}
TABLE_HEADER_ROW = 9  # 0-based: row 10
TABLE_KEY_HEADING = "Mã chỉ tiêu"  # the reader finds the table by this heading


