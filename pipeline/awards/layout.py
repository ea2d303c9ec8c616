"""Layout of the award templates (registration, year-end evaluation, khóm văn hóa, history).

Like ``layout.py`` for the indicator report: the builder places things, the reader finds them by
their text. Choice lists map what the drop-down shows to a stable code used by the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.report.template_kit import NO, YES

RATINGS = {  # code -> drop-down text; order = best first
    "HTXSNV": "HTXSNV - Hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "HTTNV - Hoàn thành tốt nhiệm vụ",
    "HTNV": "HTNV - Hoàn thành nhiệm vụ",
    "KHTNV": "KHTNV - Không hoàn thành nhiệm vụ",
}
CATEGORIES = {
    "can_bo": "Cán bộ", "cong_chuc": "Công chức", "vien_chuc": "Viên chức",
    "nguoi_lao_dong": "Người lao động", "khong_chuyen_trach": "Người hoạt động không chuyên trách",
    "luc_luong_vu_trang": "Lực lượng vũ trang", "nguoi_dan": "Người dân",
}
DISCIPLINE = {  # in order of severity
    "khong": "Không", "khien_trach": "Khiển trách", "canh_cao": "Cảnh cáo", "ha_bac_luong": "Hạ bậc lương",
    "giang_chuc": "Giáng chức", "cach_chuc": "Cách chức", "buoc_thoi_viec": "Buộc thôi việc",
}
INITIATIVE_LEVELS = {"co_so": "Cấp cơ sở", "tinh": "Cấp tỉnh (hiệu quả phạm vi tỉnh)"}
PERSON_TITLES = {"LDTT": "Lao động tiên tiến", "CSTDCS": "Chiến sĩ thi đua cơ sở",
                 "CSTD_TINH": "Chiến sĩ thi đua cấp tỉnh", "khong": "Không"}
PERSON_FORMS = {"GK_PHUONG": "Giấy khen của Chủ tịch UBND phường",
                "BK_TINH": "Bằng khen của Chủ tịch UBND tỉnh", "khong": "Không"}
GROUP_TITLES = {"TTLDTT": "Tập thể lao động tiên tiến", "TTLDXS": "Tập thể lao động xuất sắc", "khong": "Không"}
KHOM_TITLES = {"KHOM_VH": "Khóm văn hóa", "khong": "Không"}
GROUP_FORMS = {"GK_PHUONG_TT": "Giấy khen của Chủ tịch UBND phường", "khong": "Không"}
HISTORY_ITEMS = {  # what a history row may record
    "LDTT": "Lao động tiên tiến", "CSTDCS": "Chiến sĩ thi đua cơ sở", "CSTD_TINH": "Chiến sĩ thi đua cấp tỉnh",
    "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ", "SK_CO_SO": "Sáng kiến được công nhận cấp cơ sở",
    "SK_TINH": "Sáng kiến được công nhận cấp tỉnh", "GK_PHUONG": "Giấy khen của Chủ tịch UBND phường",
    "BK_TINH": "Bằng khen của Chủ tịch UBND tỉnh", "TTLDTT": "Tập thể lao động tiên tiến",
    "TTLDXS": "Tập thể lao động xuất sắc", "KHOM_VH": "Khóm văn hóa",
}
# The note that marks a history row as a campaign commendation (theo đợt, chuyên đề): such a row
# never counts towards a consecutive-year chain or a higher title (NĐ 98/2023, Art 4).
CAMPAIGN_NOTE = "Khen thưởng theo đợt thi đua, không tính chuỗi năm"
# Whether a history row's title was granted: a proposal to a higher authority counts towards no
# chain until its decision (number and date) is recorded (``pipeline/years/history.py``). A row
# without a status (a history typed before the column existed) is a title granted.
HISTORY_STATUS = {"da_quyet_dinh": "Đã có quyết định", "de_nghi": "Đề nghị – chờ quyết định",
                  "khong_cong_nhan": "Cấp trên không công nhận"}
YES_NO = {"co": YES, "khong": NO}
SUBJECT_KINDS = {"ca_nhan": "Cá nhân", "tap_the": "Tập thể"}
# every choice column of the award templates: its codes and drop-down texts
CHOICES = {
    "doi_tuong": CATEGORIES, "xep_loai": RATINGS, "doan_ket": YES_NO, "ky_luat": DISCIPLINE,
    "cap_sang_kien": INITIATIVE_LEVELS, "de_tai": YES_NO, "danh_hieu": PERSON_TITLES, "hinh_thuc": PERSON_FORMS,
    "xep_loai_tap_the": RATINGS, "phong_trao": YES_NO, "doan_ket_tap_the": YES_NO,
    "dh_tap_the": {**GROUP_TITLES, **KHOM_TITLES}, "ht_tap_the": GROUP_FORMS, "loai_doi_tuong": SUBJECT_KINDS,
    "noi_dung": HISTORY_ITEMS, "trang_thai": HISTORY_STATUS,
    **{k: YES_NO for k in ("tc_kinh_te", "tc_van_hoa", "tc_moi_truong", "tc_phap_luat",
                                                       "tc_doan_ket", "de_nghi")},
}


@dataclass(frozen=True)
class Field:
    """A labelled input: a header field, or a line of a form."""
    key: str
    label: str
    hint: str
    kind: str = "text"              # text | date | integer | choice
    choices: dict | None = None


@dataclass(frozen=True)
class TableColumn:
    key: str
    heading: str
    width: float
    kind: str = "text"              # text | date | integer | choice | fixed
    choices: dict | None = None
    hint: str = ""
    maximum: int | None = None


def _common(date_label: str) -> list[Field]:
    return [
        Field("don_vi", "Đơn vị:", "Tên đơn vị đã được ghi sẵn; không sửa."),
        Field("ngay_bao_cao", date_label, "Ghi dạng ngày/tháng/năm, ví dụ 20/03/{nam}.", "date"),
        Field("nguoi_lap", "Người lập biểu:", "Họ và tên người lập."),
        Field("dien_thoai", "Số điện thoại:", "Số điện thoại liên hệ."),
    ]


def registration_fields(is_khom: bool) -> list[Field]:
    titles = KHOM_TITLES if is_khom else GROUP_TITLES
    return _common("Ngày đăng ký:") + [
        Field("dh_tap_the", "Danh hiệu tập thể đăng ký:", "Chọn danh hiệu tập thể đơn vị đăng ký.", "choice", titles),
        Field("ht_tap_the", "Hình thức khen thưởng tập thể đăng ký:", "Chọn hình thức khen thưởng.", "choice", GROUP_FORMS),
    ]


REGISTRATION_COLUMNS = (
    TableColumn("stt", "STT", 5, "fixed"),
    TableColumn("ho_ten", "Họ và tên", 26, hint="Họ và tên đầy đủ, có dấu."),
    TableColumn("ngay_sinh", "Ngày sinh", 12, "date", hint="Ngày/tháng/năm sinh, để phân biệt người trùng tên."),
    TableColumn("chuc_vu", "Chức vụ", 22),
    TableColumn("danh_hieu", "Danh hiệu thi đua đăng ký", 22, "choice", PERSON_TITLES),
    TableColumn("hinh_thuc", "Hình thức khen thưởng đăng ký", 26, "choice", PERSON_FORMS),
    TableColumn("ghi_chu", "Ghi chú", 20),
)


def evaluation_fields(is_khom: bool) -> list[Field]:
    fields = _common("Ngày họp bình xét:")
    if is_khom:  # a khóm's own title is khóm văn hóa, evaluated on its own form
        return fields
    return fields + [
        Field("xep_loai_tap_the", "Xếp loại tập thể năm:", "Xếp loại chất lượng của tập thể.", "choice", RATINGS),
        Field("phong_trao", "Phong trào thi đua thường xuyên, hiệu quả:", "Có hoặc Không.", "choice", YES_NO),
        Field("doan_ket_tap_the", "Nội bộ đoàn kết, chấp hành tốt pháp luật:", "Có hoặc Không.", "choice", YES_NO),
        Field("dh_tap_the", "Danh hiệu tập thể đề nghị:", "Chọn danh hiệu đề nghị cho tập thể.", "choice", GROUP_TITLES),
        Field("ht_tap_the", "Hình thức khen thưởng tập thể đề nghị:", "Chọn hình thức khen thưởng.", "choice", GROUP_FORMS),
        Field("thanh_tich_tap_the", "Thành tích của tập thể (khi đề nghị Giấy khen):", "Tóm tắt thành tích."),
    ]


EVALUATION_COLUMNS = (
    TableColumn("stt", "STT", 5, "fixed"),
    TableColumn("ho_ten", "Họ và tên", 22, hint="Họ và tên đầy đủ, có dấu."),
    TableColumn("ngay_sinh", "Ngày sinh", 11, "date", hint="Ngày/tháng/năm sinh."),
    TableColumn("chuc_vu", "Chức vụ", 16),
    TableColumn("doi_tuong", "Đối tượng", 16, "choice", CATEGORIES),
    TableColumn("ngay_bat_dau", "Ngày bắt đầu công tác tại đơn vị", 12, "date",
                hint="Ngày bắt đầu công tác liên tục tại đơn vị."),
    TableColumn("so_thang", "Số tháng công tác trong năm", 10, "integer",
                hint="Chỉ ghi khi khác với tính từ ngày bắt đầu (nghỉ thai sản vẫn tính).", maximum=12),
    TableColumn("xep_loai", "Xếp loại chất lượng năm", 16, "choice", RATINGS),
    TableColumn("doan_ket", "Tự lực, đoàn kết, tích cực thi đua", 11, "choice", YES_NO),
    TableColumn("ky_luat", "Kỷ luật trong năm", 12, "choice", DISCIPLINE),
    TableColumn("ngay_ky_luat", "Ngày quyết định kỷ luật", 11, "date"),
    TableColumn("so_sang_kien", "Số sáng kiến được công nhận trong năm", 10, "integer", maximum=20),
    TableColumn("cap_sang_kien", "Cấp công nhận sáng kiến", 14, "choice", INITIATIVE_LEVELS),
    TableColumn("qd_sang_kien", "Quyết định công nhận sáng kiến", 16, hint="Số, ngày quyết định."),
    TableColumn("de_tai", "Đề tài khoa học được nghiệm thu", 10, "choice", YES_NO),
    TableColumn("danh_hieu", "Danh hiệu đề nghị", 16, "choice", PERSON_TITLES),
    TableColumn("hinh_thuc", "Hình thức khen thưởng đề nghị", 18, "choice", PERSON_FORMS),
    TableColumn("thanh_tich", "Thành tích (khi đề nghị khen thưởng)", 26),
    TableColumn("ghi_chu", "Ghi chú", 14),
)

KHOM_FORM_FIELDS = _common("Ngày họp bình xét:") + [
    Field("so_ho_nep_song", "Số hộ thực hiện tốt nếp sống văn minh (việc cưới, việc tang, lễ hội):",
          "Số hộ.", "integer"),
    Field("so_tre_do_tuoi", "Số trẻ em trong độ tuổi đi học (6 - 14 tuổi):", "Số trẻ.", "integer"),
    Field("so_tre_di_hoc", "Số trẻ em trong độ tuổi được đến trường:", "Số trẻ.", "integer"),
    Field("so_vu_hoa_giai", "Số vụ việc hòa giải ở cơ sở trong năm:", "Số vụ.", "integer"),
    Field("so_vu_an_ninh", "Số vụ việc vi phạm an ninh, trật tự trong năm:", "Số vụ.", "integer"),
    Field("so_ho_binh_xet", "Số hộ được bình xét gia đình văn hóa:", "Số hộ đăng ký, được đưa ra bình xét.", "integer"),
    Field("tc_kinh_te", "1. Đời sống kinh tế ổn định và từng bước phát triển:", "Có hoặc Không.", "choice", YES_NO),
    Field("tc_van_hoa", "2. Đời sống văn hóa, tinh thần lành mạnh, phong phú:", "Có hoặc Không.", "choice", YES_NO),
    Field("tc_moi_truong", "3. Môi trường an toàn, sạch đẹp:", "Có hoặc Không.", "choice", YES_NO),
    Field("tc_phap_luat", "4. Chấp hành tốt chủ trương, pháp luật; bảo đảm an ninh trật tự:", "Có hoặc Không.",
          "choice", YES_NO),
    Field("tc_doan_ket", "5. Có tinh thần đoàn kết, tương trợ:", "Có hoặc Không.", "choice", YES_NO),
    Field("de_nghi", "Khóm đề nghị công nhận Khóm văn hóa:", "Có hoặc Không.", "choice", YES_NO),
]
HISTORY_FIELDS = [Field("ngay_bao_cao", "Ngày lập:", "Ngày/tháng/năm.", "date"),
                  Field("nguoi_lap", "Người lập biểu:", "Họ và tên người lập.")]
HISTORY_COLUMNS = (
    TableColumn("stt", "STT", 5, "fixed"),
    TableColumn("loai_doi_tuong", "Cá nhân / Tập thể", 11, "choice", SUBJECT_KINDS),
    TableColumn("ho_ten", "Họ và tên cá nhân hoặc tên tập thể", 28),
    TableColumn("ngay_sinh", "Ngày sinh (cá nhân)", 12, "date"),
    TableColumn("don_vi", "Đơn vị", 24, hint="Tên đơn vị như trong sổ đơn vị."),
    TableColumn("nam", "Năm", 8, "integer", hint="Năm được công nhận, ví dụ {nam_truoc}."),
    TableColumn("noi_dung", "Danh hiệu, hình thức khen thưởng, xếp loại", 30, "choice", HISTORY_ITEMS),
    TableColumn("so_qd", "Số quyết định", 16),
    TableColumn("ngay_qd", "Ngày quyết định", 12, "date"),
    TableColumn("trang_thai", "Trạng thái", 18, "choice", HISTORY_STATUS,
                hint="Đề nghị lên cấp trên: khi có quyết định, ghi số và ngày quyết định (hoặc chọn "
                     "\"Cấp trên không công nhận\")."),
    TableColumn("ghi_chu", "Ghi chú", 16),
)
OPTIONAL_COLUMNS = ("stt", "ghi_chu", "trang_thai")   # a table may lack these (a history typed before the status)

SHEETS = {"dang_ky": "Đăng ký", "binh_xet": "Bình xét", "khom_van_hoa": "Khóm văn hóa", "lich_su": "Lịch sử"}
TABLE_KEYS = {"dang_ky": "Họ và tên", "binh_xet": "Họ và tên", "lich_su": "Họ và tên cá nhân hoặc tên tập thể"}
TABLE_ROWS = {"dang_ky": 40, "binh_xet": 40, "lich_su": 150}
WARD_UNIT = "PHUONG"   # the unit code carried by the ward-level history template


def fields_for(content: str, is_khom: bool) -> list[Field]:
    return {"dang_ky": registration_fields(is_khom), "binh_xet": evaluation_fields(is_khom),
            "khom_van_hoa": KHOM_FORM_FIELDS, "lich_su": HISTORY_FIELDS}[content]


def columns_for(content: str) -> tuple[TableColumn, ...]:
    return {"dang_ky": REGISTRATION_COLUMNS, "binh_xet": EVALUATION_COLUMNS, "lich_su": HISTORY_COLUMNS}.get(content, ())


def titled(choices: dict | None, titles: dict[str, str]) -> dict | None:
    """A choice list with each title or form named as the year's rules register names it ("Giấy
    khen của Chủ tịch UBND xã" in a commune); codes the rules do not know keep their label here."""
    if not choices:
        return choices
    return {code: titles.get(code, label) for code, label in choices.items()}
