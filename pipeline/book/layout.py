"""What each sheet of the year's book holds, as data (in the manner of an XLSForm: a sheet is a
list of typed columns, a closed list is a drop-down).

Two shapes of sheet: a *settings* sheet lists one setting a row (its label, its value, a note and,
in a hidden column, the setting's path in the registers' dicts, e.g. ``co_quan.co_quan.ten``);
a *table* sheet holds one register entry a row (a unit, a period, a target…), one field a column.
The kinds of value (``Field.kind``): text, int, number, date, bool (Có/Không), list (codes
separated by ";" or one a line), lines (sentences, one a line), pairs ("key = value; …"), choice
(a drop-down of ``choices``), kind (a unit kind: a drop-down of the codes on the sheet "Loại đơn
vị", checked by the registers' loader).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.council.members import MEMBERS_KEY
from pipeline.council.members import ROLES as COUNCIL_ROLES
from pipeline.registers.identity import COMMUNE_KINDS
from pipeline.registers.model import CONTENTS, INPUTS_BY_KIND, KINDS, OPS, ROLES

BOOK_NAME = "so_dang_ky_{year}.xlsx"
YES, NO = "Có", "Không"
PLACEHOLDER = "«cần điền: {what}»"
PLACEHOLDER_MARK = "«cần điền"
TITLE_ROW, HEAD_ROW, KEY_ROW, FIRST_ROW = 1, 2, 3, 4   # table sheets: the key row is hidden
INPUT_SLOTS = 2   # a target's input cells (nhap, vai_tro): at most two numeric inputs per kind


@dataclass(frozen=True)
class Field:
    key: str                      # the register's field (a table) or path (a settings sheet)
    heading: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    width: float = 16
    note: str = ""
    required: bool = False


@dataclass(frozen=True)
class Sheet:
    name: str
    file: str                     # which register file the rows belong to ("" for settings: in each path)
    block: str                    # the list of entries (``don_vi``…) of a table sheet
    fields: tuple[Field, ...]
    settings: bool = False
    title: str = ""


def _f(key, heading, kind="text", choices=(), width=16, note="", required=False) -> Field:
    return Field(key, heading, kind, tuple(choices), width, note, required)


SETTINGS = Sheet("Cơ quan – Hội đồng", "", "", (
    _f("co_quan.co_quan.loai_dia_phuong", "Loại đơn vị hành chính", "choice", COMMUNE_KINDS,
       note="phường, xã hoặc đặc khu: in trong tên cơ quan, Hội đồng và mọi văn bản", required=True),
    _f("co_quan.co_quan.ten", "Tên địa phương (không ghi chữ phường, xã)", required=True,
       note="chỉ ghi tên riêng"),
    _f("co_quan.co_quan.dia_danh", "Địa danh ghi trước ngày tháng", note="trống: lấy tên địa phương"),
    _f("co_quan.co_quan.co_quan_cap_tren", "Cơ quan cấp trên trực tiếp", note="ví dụ ỦY BAN NHÂN DÂN TỈNH AN GIANG"),
    _f("co_quan.co_quan.chu_tich", "Họ tên Chủ tịch UBND (người ký)", required=True,
       note="in ở chữ ký của mọi văn bản, báo cáo"),
    _f("targets.van_ban", "Kế hoạch thi đua của năm (số, ngày, cơ quan ban hành)", required=True,
       note="ghi đủ số, ký hiệu, ngày và cơ quan ban hành, như khi trích dẫn"),
    _f("hoi_dong.quyet_dinh.can_cu", "Căn cứ ghi trong quyết định khen thưởng", "lines",
       note="mỗi căn cứ một dòng (Alt+Enter để xuống dòng trong ô)"),
    _f("hoi_dong.to_trinh.can_cu", "Căn cứ ghi trong tờ trình", "lines", note="mỗi căn cứ một dòng"),
    _f("co_quan.van_ban.so_ky_hieu", "Số, ký hiệu báo cáo tổng hợp", note="để trống số, văn thư ghi khi phát hành"),
    _f("co_quan.van_ban.ngay_lap", "Ngày lập báo cáo", "date", note="trống: in ngày … tháng … năm để ghi tay"),
    _f("co_quan.van_ban.quyen_han_ky", "Thẩm quyền ký báo cáo tổng hợp"),
    _f("co_quan.van_ban.chuc_vu_nguoi_ky", "Chức vụ người ký"),
    _f("co_quan.van_ban.noi_nhan", "Nơi nhận báo cáo tổng hợp", "lines", note="mỗi nơi một dòng"),
    _f("hoi_dong.bien_ban.noi_nhan", "Nơi nhận biên bản họp Hội đồng", "lines"),
    _f("hoi_dong.quyet_dinh.noi_nhan", "Nơi nhận quyết định khen thưởng", "lines"),
    _f("hoi_dong.quyet_dinh.thi_hanh", "Điều thi hành của quyết định"),
    _f("hoi_dong.to_trinh.noi_nhan", "Nơi nhận tờ trình", "lines"),
    _f("co_quan.lien_he.nguoi_lien_he", "Người liên hệ (in ở thông báo gửi đơn vị)"),
    _f("co_quan.lien_he.dien_thoai", "Điện thoại liên hệ"),
    _f("co_quan.lien_he.email", "Thư điện tử liên hệ"),
    _f("co_quan.lien_he.han_gui_lai", "Hạn đơn vị gửi lại báo cáo đã sửa", "date", note="trống: tính theo số ngày dưới đây"),
    _f("co_quan.lien_he.so_ngay_gui_lai", "Số ngày gửi lại kể từ ngày lập", "int"),
    _f("periods.nam", "Năm thi đua", "int", required=True),
    _f("periods.ngay_so_lieu_goc", "Ngày số liệu gốc (so sánh tăng, giảm)", "date", note="thường là 31/12 năm trước"),
    _f("periods.phien_ban", "Phiên bản sổ kỳ báo cáo"),
    _f("targets.phien_ban", "Phiên bản sổ chỉ tiêu"),
    _f("periods.kiem_tra_hop_ly.he_so_toi_thieu", "Kiểm tra hợp lý: hệ số tối thiểu", "number"),
    _f("periods.kiem_tra_hop_ly.he_so_toi_da", "Kiểm tra hợp lý: hệ số tối đa", "number"),
), settings=True, title="CƠ QUAN BAN HÀNH, HỘI ĐỒNG VÀ VĂN BẢN CỦA NĂM")

MEMBERS = Sheet("Thành viên Hội đồng", "hoi_dong", MEMBERS_KEY, (
    _f("ho_ten", "Họ và tên", required=True, width=28, note="mỗi thành viên một dòng, không trùng"),
    _f("chuc_vu", "Chức vụ, đơn vị công tác", width=44),
    _f("chuc_danh", "Chức danh trong Hội đồng", "choice", COUNCIL_ROLES, required=True, width=26,
       note="đúng một Chủ tịch Hội đồng"),
), title="THÀNH VIÊN HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG")

LAW_FILE = "luat_ap_dung"   # the year's law settings (registers/<year>/luat_ap_dung.toml in a year without a book)
FACTOR_KEY = "luat_ap_dung.tien_thuong.he_so."   # + a title's code: one row per code of the rule sets
LAW = Sheet("Luật áp dụng – tiền thưởng", "", "", (
    _f("luat_ap_dung.ngay_nhan_ho_so", "Ngày nhận hồ sơ đề nghị khen thưởng", "date", required=True,
       note="chọn bộ quy định áp dụng theo ngày hiệu lực của từng bộ (trang Hướng dẫn liệt kê các bộ)"),
    _f("luat_ap_dung.ngay_xet", "Ngày xét, quyết định khen thưởng", "date",
       note="trống: như ngày nhận hồ sơ; không trước ngày nhận hồ sơ. Hồ sơ nhận trước ngày hiệu lực của luật mới mà "
            "xét từ ngày đó: ai được luật mới có lợi hơn thì áp dụng luật mới (chỉ các tùy chọn đã xác nhận)"),
    _f("luat_ap_dung.xac_nhan", "Tùy chọn chưa xác minh Hội đồng đã xác nhận", "list",
       note="mã tùy chọn của bộ quy định, cách nhau dấu ; (lệnh new-year liệt kê các mã); trống: không áp dụng"),
    _f("luat_ap_dung.muc_dang_ky_ke_hoach", "Mục của Kế hoạch về đăng ký thi đua", note="ví dụ Mục IV.1"),
    _f("luat_ap_dung.mau_bao_cao_thanh_tich.tap_the", "Số mẫu báo cáo thành tích tập thể",
       note="chỉ ghi khi bộ quy định để trống"),
    _f("luat_ap_dung.mau_bao_cao_thanh_tich.ca_nhan", "Số mẫu báo cáo thành tích cá nhân",
       note="chỉ ghi khi bộ quy định để trống"),
    _f("luat_ap_dung.dia_phuong.huyen", "Cấp huyện",
       note="chỉ dùng cho bộ quy định còn cấp huyện (trước sắp xếp đơn vị hành chính)"),
    _f("luat_ap_dung.dia_phuong.loai_huyen", "Loại cấp huyện", note="thị xã, huyện, thành phố"),
    _f("luat_ap_dung.dia_phuong.tham_muu_huyen", "Cơ quan tham mưu cấp huyện"),
    _f("luat_ap_dung.dia_phuong.tinh", "Tỉnh", note="ví dụ tỉnh An Giang"),
    _f("luat_ap_dung.dia_phuong.tham_muu_tinh", "Cơ quan tham mưu cấp tỉnh", note="ví dụ Sở Nội vụ tỉnh An Giang"),
    _f("luat_ap_dung.tien_thuong.ngay_tinh_luong_co_so", "Ngày tính lương cơ sở", "date",
       note="thường là ngày ký quyết định; trống: tiền thưởng ghi \"chưa đủ tham số\""),
    _f("luat_ap_dung.tien_thuong.buoc_lam_tron", "Bước làm tròn tiền thưởng (đồng)", "int",
       note="làm tròn LÊN, ví dụ 1000; 1 = không làm tròn; trống: \"chưa đủ tham số\""),
), settings=True, title="LUẬT ÁP DỤNG VÀ THAM SỐ TIỀN THƯỞNG CỦA NĂM")


def factor_field(code: str, note: str = "") -> Field:
    """The law sheet's row for one title's bonus factor (the codes come from the rule sets, ``law.factor_rows``)."""
    return _f(FACTOR_KEY + code, f"Hệ số tiền thưởng {code}", "number",
              note=(note + "; " if note else "") + "× lương cơ sở; chỉ ghi khi bộ quy định để trống; 0 = không thưởng tiền")


def law_sheet(factors: tuple[tuple[str, str], ...]) -> Sheet:
    """The law sheet with a bonus-factor row per (code, note) after its fixed rows."""
    return Sheet(LAW.name, LAW.file, LAW.block, (*LAW.fields, *(factor_field(c, n) for c, n in factors)),
                 settings=True, title=LAW.title)


UNITS = Sheet("Đơn vị", "units", "don_vi", (
    _f("ma", "Mã đơn vị", required=True, width=10, note="chữ không dấu, chữ số, gạch dưới; không trùng"),
    _f("ten", "Tên đơn vị", required=True, width=34),
    _f("loai", "Loại đơn vị", "kind", required=True, width=20, note="mã ở trang Loại đơn vị"),
    _f("bao_cao", "Các loại báo cáo phải nộp", "list", width=44, note="mã trang Loại báo cáo, cách nhau dấu ;"),
    _f("ten_khac", "Tên khác hay dùng", "list", width=28),
    _f("tiep_noi", "Tiếp nối đơn vị", "list", width=24, note="đơn vị năm trước, dạng năm:mã, cách nhau dấu ;"),
), title="ĐƠN VỊ BÁO CÁO")

UNIT_KINDS_SHEET = Sheet("Loại đơn vị", "units", "loai_don_vi", (
    _f("ma", "Mã loại", required=True, width=20),
    _f("ten", "Tên loại", required=True, width=34),
    _f("bao_cao", "Báo cáo phải nộp khi dòng đơn vị không ghi", "list", width=36),
    _f("danh_hieu", "Danh hiệu, hình thức được xét", "list", width=30, note="mã quy tắc khen thưởng"),
    _f("can_cu", "Căn cứ", width=50),
), title="LOẠI ĐƠN VỊ (đối tượng thi đua) – báo cáo phải nộp, danh hiệu được xét và căn cứ")

PERIODS = Sheet("Kỳ báo cáo", "periods", "ky", (
    _f("ma", "Mã kỳ", required=True, width=10),
    _f("ten", "Tên kỳ", required=True, width=24),
    _f("nhan", "Nhãn in trên biểu mẫu", required=True, width=28),
    _f("tu", "Từ ngày", "date", required=True, width=12),
    _f("den", "Đến ngày", "date", required=True, width=12),
    _f("han_nop", "Hạn nộp", "date", required=True, width=12),
    _f("cuoi_nam", "Kỳ tổng kết cuối năm", "bool", width=12),
    _f("ten_khac", "Tên khác", "list", width=24),
), title="KỲ BÁO CÁO CHỈ TIÊU")

CAMPAIGNS = Sheet("Đợt thi đua", "periods", "dot_thi_dua", (
    _f("ma", "Mã đợt", required=True, width=16),
    _f("ten", "Tên đợt thi đua", required=True, width=60),
    _f("tu", "Từ ngày", "date", width=12),
    _f("den", "Đến ngày", "date", width=12),
    _f("han_nop", "Hạn nộp đề nghị", "date", width=12),
), title="ĐỢT THI ĐUA CỦA NĂM (đợt đặc biệt chỉ ghi cho năm có đợt đó)")

REPORT_KINDS = Sheet("Loại báo cáo", "periods", "bao_cao", (
    _f("ma", "Mã loại báo cáo", required=True, width=22),
    _f("noi_dung", "Nội dung biểu mẫu", "choice", CONTENTS, width=18),
    _f("ten", "Tên loại báo cáo", required=True, width=50),
    _f("ten_ngan", "Tên ngắn", width=20),
    _f("phien_ban_bieu_mau", "Phiên bản biểu mẫu", "int", required=True, width=10),
    _f("ky", "Các kỳ nộp", "list", required=True, width=14, note="mã kỳ; báo cáo thi đua nộp mỗi năm: nam"),
    _f("han_nop", "Hạn nộp (báo cáo năm)", "date", width=12),
    _f("khong_bat_buoc", "Không bắt buộc", "bool", width=10),
), title="LOẠI BÁO CÁO (mỗi loại một biểu mẫu)")

TARGETS = Sheet("Chỉ tiêu", "targets", "chi_tieu", (
    _f("ma", "Mã chỉ tiêu", required=True, width=8),
    _f("noi_dung", "Nội dung (nguyên văn Kế hoạch)", required=True, width=50),
    _f("ten_ngan", "Tên ngắn", width=30),
    _f("loai", "Cách tính", "choice", KINDS, required=True, width=12),
    _f("so_sanh", "So sánh", "choice", OPS, required=True, width=8),
    _f("chi_tieu", "Chỉ tiêu", "number", width=12),
    _f("chi_tieu_tren", "Cận trên (khoảng)", "number", width=10),
    _f("vuot_tren_van_dat", "Vượt cận trên vẫn đạt", "bool", width=10),
    _f("muc", "Các mức (xếp loại)", "list", width=24),
    _f("chi_tieu_muc", "Mức phải đạt", width=16),
    _f("chi_tieu_hien_thi", "Cách ghi chỉ tiêu khi in", width=12),
    _f("dvt", "Đơn vị tính", width=10),
    _f("don_vi_bao_cao", "Đơn vị báo cáo", "list", width=20, note="mã đơn vị; khom: tất cả các khóm"),
    _f("luy_ke", "Lũy kế trong năm", "bool", width=10),
    _f("so_nguyen", "Số nguyên", "bool", width=10),
    *(_f(f"nhap_{i}", f"Nhãn ô nhập {i}", width=30) for i in range(1, INPUT_SLOTS + 1)),
    *(_f(f"vai_tro_{i}", f"Vai trò ô nhập {i}", "choice", tuple(ROLES), width=18) for i in range(1, INPUT_SLOTS + 1)),
    _f("gia_tri_toi_da", "Giá trị lớn nhất hợp lệ", "number", width=10),
    _f("chi_tieu_khom", "Chỉ tiêu giao từng khóm", "pairs", width=18, note="nhu_phuong, hoặc KH01 = 5; KH02 = 6"),
    _f("nguon", "Nguồn số liệu", "choice", ("bao_cao", "binh_xet_khom_van_hoa"), width=14),
    _f("ghi_chu", "Ghi chú", width=30),
    _f("tiep_noi", "Tiếp nối chỉ tiêu", width=14, note="chỉ tiêu năm trước, dạng năm:mã"),
    _f("bieu_do", "Biểu đồ qua các năm", "bool", width=10),
), title="CHỈ TIÊU THI ĐUA")

PARAMETERS = Sheet("Danh hiệu – tham số", "award_rules", "tham_so", (
    _f("ma", "Mã tham số", required=True, width=30),
    _f("mo_ta", "Ý nghĩa", width=70),
    _f("do_tin_cay", "Độ tin cậy", width=10, note="C: đã đối chiếu văn bản; I: suy luận; P: tỉnh quy định"),
    _f("kieu", "Kiểu giá trị", width=14),
    _f("gia_tri", "Giá trị", width=22),
), title="THAM SỐ XÉT DANH HIỆU THI ĐUA, KHEN THƯỞNG (sửa cột Giá trị)")

TABLES = (UNITS, UNIT_KINDS_SHEET, PERIODS, CAMPAIGNS, REPORT_KINDS, TARGETS, PARAMETERS)
SHEETS = (SETTINGS, MEMBERS, LAW, *TABLES)   # MEMBERS and LAW are optional (a book made before them)
GUIDE = "Hướng dẫn"
# parameters: only the value is the officer's; the rest is the rule set's
LOCKED_COLUMNS = {PARAMETERS.name: ("ma", "mo_ta", "do_tin_cay", "kieu")}
PARAM_KINDS = {"bool": "có/không", "list": "danh sách", "number": "số", "int": "số nguyên", "text": "chữ"}


def input_keys(kind: str) -> tuple[str, ...]:
    """A target's input cells in the order of the book's columns "Nhãn ô nhập 1, 2"."""
    return INPUTS_BY_KIND.get(kind, ())


def book_path(year_dir, year: int):
    return year_dir / BOOK_NAME.format(year=year)
