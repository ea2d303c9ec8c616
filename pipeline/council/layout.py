"""The layout of the decision form, shared by its writer (``council/form.py``) and its reader
(``intake/council_form.py``): sheet name, meeting header fields and table columns."""

from __future__ import annotations

FORM_NAME = "mau_ket_qua_hop_hoi_dong_{year}.xlsx"
SHEET = "Kết quả họp"
KEY_HEADING = "Mã trường hợp (không sửa)"

# header of the meeting: key, label, kind
MEETING_FIELDS = (
    ("ngay_hop", "Ngày họp:", "date"),
    ("dia_diem", "Địa điểm:", "text"),
    ("chu_tri", "Chủ trì (Chủ tịch Hội đồng):", "text"),
    ("thu_ky", "Thư ký:", "text"),
    ("so_thanh_vien", "Số thành viên Hội đồng (đương nhiệm):", "integer"),
    ("so_du_hop", "Số thành viên dự họp:", "integer"),
)
# the council's members, between the header and the table (when the register lists them): key, heading,
# first and last column of its cells; the presence column is the one the officer fills
MEMBERS_TITLE = ("THÀNH VIÊN HỘI ĐỒNG: ghi x ở cột \"Có mặt\" cho người dự họp (để trống hai ô số thành viên ở trên "
                 "thì công cụ đếm theo danh sách này)")
PRESENT_HEADING = "Có mặt (ghi x)"
MEMBER_COLUMNS = (
    ("stt", "STT", 0, 0),
    ("ho_ten", "Họ và tên thành viên", 1, 2),
    ("chuc_vu", "Chức vụ, đơn vị công tác", 3, 7),
    ("chuc_danh", "Chức danh trong Hội đồng", 8, 8),
    ("co_mat", PRESENT_HEADING, 9, 9),
)
# table: key, heading, width, is an input
COLUMNS = (
    ("stt", "STT", 5, False),
    ("don_vi", "Đơn vị", 20, False),
    ("doi_tuong", "Cá nhân / tập thể", 22, False),
    ("ngay_sinh", "Ngày sinh", 11, False),
    ("chuc_vu", "Chức vụ", 14, False),
    ("danh_hieu", "Danh hiệu, hình thức khen thưởng", 22, False),
    ("de_nghi", "Đề nghị / gợi ý", 10, False),
    ("ket_qua", "Kết quả xét của công cụ", 14, False),
    ("ly_do", "Lý do", 40, False),
    ("quyet_dinh", "Quyết định của Hội đồng", 14, True),
    ("so_phieu", "Số phiếu đồng ý", 9, True),
    ("du_hop", "Số thành viên dự họp (nếu khác phần đầu)", 11, True),
    ("ghi_chu", "Ghi chú của Hội đồng", 18, True),
    ("ma", KEY_HEADING, 16, False),
)
INPUTS = tuple(k for k, _, _, is_input in COLUMNS if is_input)

# What the council's writers import (docxtpl, openpyxl, no pandas): a run starts importing them at
# once, in the process that will write the documents (report/side_by_side.Prepared)
WRITER_MODULES = ("pipeline.council.writers", "pipeline.council.documents", "pipeline.council.history",
                  "pipeline.awards.samples")
WRITERS_WITHOUT = ("numpy",)   # openpyxl uses it only when it is there (tests/council/test_writers_process.py)
