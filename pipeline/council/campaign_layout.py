"""The layout of the campaign proposal (đề nghị khen thưởng theo đợt, chuyên đề), shared by its
writer (``council/campaign_template.py``) and its reader (``intake/campaign_form.py``)."""

from __future__ import annotations

from pipeline.text import file_words

CONTENT = "de_nghi_theo_dot"           # the report kind's noi_dung in periods.toml
SHEET = "Đề nghị theo đợt"
KEY_HEADING = "Họ và tên cá nhân hoặc tên tập thể"
INDIVIDUAL, COLLECTIVE, HOUSEHOLD = "Cá nhân", "Tập thể", "Hộ gia đình"
# the ward chairman's Giấy khen, by whom it is given to
TITLES = {INDIVIDUAL: "GK_PHUONG", COLLECTIVE: "GK_PHUONG_TT", HOUSEHOLD: "GK_PHUONG_HO"}
KINDS = {INDIVIDUAL: "ca_nhan", COLLECTIVE: "tap_the", HOUSEHOLD: "ho"}   # the Decision's kind ("ho": one household)
# what clerks type instead of a choice: without diacritics, spaces and dots, in lower case
ALIASES = {"ho": HOUSEHOLD, "hogd": HOUSEHOLD, "hgd": HOUSEHOLD, "hodan": HOUSEHOLD, "hogiadinh": HOUSEHOLD,
           "giadinh": HOUSEHOLD, "canhan": INDIVIDUAL, "cn": INDIVIDUAL, "tapthe": COLLECTIVE, "tt": COLLECTIVE}

# header: key, label, is an input
HEADER_FIELDS = (
    ("don_vi", "Đơn vị:", False),
    ("dot", "Đợt thi đua:", False),
    ("han_nop", "Hạn nộp:", False),
    ("ngay_lap", "Ngày lập:", True),
    ("nguoi_lap", "Người lập:", True),
)
# table: key, heading, width, kind (text | choice | date | fixed)
COLUMNS = (
    ("stt", "STT", 5, "fixed"),
    ("ten", KEY_HEADING, 26, "text"),
    ("loai", "Cá nhân / tập thể", 11, "choice"),
    ("ngay_sinh", "Ngày sinh", 11, "date"),
    ("chuc_vu", "Chức vụ", 16, "text"),
    ("thanh_tich", "Thành tích trong đợt thi đua", 44, "text"),
    ("hinh_thuc", "Hình thức đề nghị", 20, "fixed"),
    ("ghi_chu", "Ghi chú", 14, "text"),
    ("dia_chi", "Địa chỉ (hộ gia đình)", 18, "text"),   # last: the cells of files made before it stay where they were
)
INPUTS = tuple(k for k, _, _, kind in COLUMNS if kind != "fixed")
OPTIONAL = ("ghi_chu", "dia_chi")   # a file made before the address column is still read
TABLE_ROWS = 20


def file_name(campaign_code: str, unit) -> str:
    return f"de_nghi_khen_theo_dot_{file_words(campaign_code)}_{file_words(unit.code)}_{file_words(unit.name)}.xlsx"
