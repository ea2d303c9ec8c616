"""Data problems as records: every problem the program finds in the inputs is an ``Issue``.

Each code is defined once here with its severity, a Vietnamese message and a Vietnamese hint
(``str.format`` templates). Severity:

* ``loi`` (Lỗi): the value, row or file is NOT used; the unit counts as not having reported it.
* ``canh_bao`` (Cảnh báo): the data is used, but someone should look at it.

docs/ma_loi.md lists every code; a test keeps the two in step.
"""

from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass

ERROR, WARNING = "loi", "canh_bao"
SEVERITY_LABEL = {ERROR: "Lỗi", WARNING: "Cảnh báo"}

# code: (severity, message, hint)
CATALOGUE: dict[str, tuple[str, str, str]] = {
    # --- files ---------------------------------------------------------------------------
    "TEP_KHONG_PHAI_XLSX": (WARNING, "Tệp không phải bảng tính .xlsx nên không được đọc ({detail}).",
                            "Lưu lại bằng Excel dưới dạng \"Excel Workbook (*.xlsx)\" trên biểu mẫu gốc đã phát hành."),
    "BAO_CAO_NAM_TRUOC_KHONG_DUNG": (ERROR, "Bảng tổng hợp năm {value} không được dùng để so sánh cùng kỳ: {detail}.",
                                     "Chỉ chép vào thư mục vào tệp bao_cao_thi_dua_<năm>.xlsx đúng như công cụ đã "
                                     "ghi (không sửa, không lưu lại bằng chương trình khác); không có tệp đó thì công "
                                     "cụ dùng số liệu lưu trữ của năm trước (thư mục luu_tru)."),
    "BAO_CAO_NAM_TRUOC_KHAC_LUU_TRU": (WARNING, "Bảng tổng hợp năm {value} trong thư mục vào khác số liệu lưu trữ "
                                       "của năm đó ({detail}); dùng số liệu của tệp trong thư mục vào.",
                                       "Nếu tệp trong thư mục vào là bản cũ, xóa tệp đó khỏi thư mục vào để dùng "
                                       "số liệu lưu trữ."),
    "LUU_TRU_KHONG_DUNG": (WARNING, "Số liệu lưu trữ năm {value} không dùng được để so sánh cùng kỳ: {detail}.",
                           "Chép bảng tổng hợp bao_cao_thi_dua_{value}.xlsx của năm đó vào thư mục vào, hoặc chạy "
                           "lại báo cáo năm {value} (--nam {value}) để lưu lại số liệu."),
    "TEP_HONG": (ERROR, "Không mở được tệp như một bảng tính Excel: {detail}.",
                 "Tệp có thể bị hỏng hoặc tải về chưa hết; đề nghị đơn vị gửi lại tệp."),
    "TEP_CO_MAT_KHAU": (ERROR, "Tệp được đặt mật khẩu (mã hóa), hoặc là tệp Excel cũ đổi đuôi thành .xlsx, nên không đọc được.",
                        "Mở tệp, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu: để trống) "
                        "hoặc lưu lại dưới dạng .xlsx, rồi gửi lại."),
    "TEP_QUA_LON": (ERROR, "Tệp vượt giới hạn an toàn nên không được mở: {detail}.",
                    "Biểu mẫu đã điền chỉ vài chục KB; đề nghị đơn vị gửi lại đúng biểu mẫu đã phát hành."),
    "TEP_KHONG_DOC_XONG": (ERROR, "Không đọc xong tệp trong giới hạn thời gian và bộ nhớ ({detail}).",
                           "Tệp có thể hỏng hoặc quá lớn; đề nghị đơn vị lưu lại biểu mẫu và gửi lại."),
    "DINH_DANG_KHAC": (WARNING, "Tệp được lưu dạng {detail}, không phải .xlsx; số liệu vẫn được đọc.",
                       "Lần sau lưu dưới dạng \"Excel Workbook (*.xlsx)\" (LibreOffice: Lưu thành > Excel 2007-365)."),
    "TEN_TEP_KHAC_DON_VI": (WARNING, "Tên tệp nhắc đến {detail} nhưng nội dung là báo cáo của {expected}.",
                            "Số liệu được tính cho đơn vị ghi trong tệp; kiểm tra lại có gửi nhầm tệp không."),
    "BANG_QUA_DAI": (WARNING, "Trang có {value} dòng; chỉ {expected} dòng đầu được đọc.",
                     "Xóa các dòng thừa phía dưới bảng (biểu mẫu chỉ có vài chục dòng)."),
    "KHONG_PHAI_BIEU_MAU": (ERROR, "Tệp không phải biểu mẫu báo cáo do Hội đồng phát hành (không có thông tin nhận dạng).",
                            "Dùng biểu mẫu trong thư mục input_templates, không tự lập bảng mới."),
    "NHAN_DANG_TU_NOI_DUNG": (WARNING, "Tệp không còn thông tin nhận dạng ẩn (trang \"_nhan_dang\" và thuộc tính tệp), "
                              "thường do được lưu lại bằng chương trình khác; đã nhận là {detail}.",
                              "Số liệu vẫn được đọc; kiểm tra đúng đơn vị và kỳ. Lần sau điền trực tiếp trên biểu mẫu "
                              "gốc đã phát hành, lưu bằng Excel hoặc LibreOffice dạng .xlsx."),
    "KHONG_NHAN_RA_BIEU_MAU": (ERROR, "Tệp không còn thông tin nhận dạng ẩn và nội dung trên trang không đủ để nhận ra "
                               "biểu mẫu: {detail}; tệp không được dùng.",
                               "Đề nghị đơn vị điền lại trên biểu mẫu gốc (thư mục input_templates) và gửi lại."),
    "SAI_LOAI_BIEU_MAU": (ERROR, "Loại biểu mẫu \"{value}\" không có trong sổ loại báo cáo năm {year}.",
                          "Dùng đúng biểu mẫu của năm {year} trong thư mục input_templates."),
    "SAI_PHIEN_BAN": (ERROR, "Biểu mẫu phiên bản {value}, phiên bản hiện hành là {expected}.",
                      "Chép số liệu sang biểu mẫu mới nhất trong thư mục input_templates."),
    "SAI_NAM": (ERROR, "Biểu mẫu của năm {value}, không phải năm {year}.",
                "Dùng biểu mẫu của năm {year}."),
    "THIEU_TRANG": (ERROR, "Không tìm thấy trang \"{value}\" trong tệp.",
                    "Không đổi tên hoặc xóa trang của biểu mẫu; nếu đã đổi tên, đặt lại tên \"{value}\"."),
    "THIEU_BANG": (ERROR, "Không tìm thấy bảng chỉ tiêu (dòng tiêu đề có cột \"{value}\").",
                   "Không sửa dòng tiêu đề của bảng; dùng lại biểu mẫu gốc nếu cần."),
    "THIEU_COT": (ERROR, "Bảng chỉ tiêu thiếu cột \"{value}\".",
                  "Không xóa, đổi tên cột của biểu mẫu; dùng lại biểu mẫu gốc nếu cần."),
    # --- header block ----------------------------------------------------------------------
    "DON_VI_KHONG_RO": (ERROR, "Tên đơn vị \"{value}\" không có trong sổ đơn vị.",
                        "Dùng biểu mẫu đã ghi sẵn tên đơn vị; nếu là đơn vị mới, bổ sung vào registers/units.toml."),
    "DON_VI_KHONG_KHOP": (ERROR, "Tên đơn vị \"{value}\" không khớp với biểu mẫu phát cho {expected}.",
                          "Mỗi đơn vị dùng biểu mẫu mang tên mình; không sửa ô tên đơn vị."),
    "DOC_GAN_DUNG": (WARNING, "\"{value}\" (không dấu hoặc khác cách viết) được hiểu là \"{expected}\".",
                     "Nếu đúng thì không cần sửa; lần sau {detail}."),
    "KY_KHONG_RO": (ERROR, "Kỳ báo cáo \"{value}\" không hợp lệ hoặc chưa chọn.",
                    "Chọn kỳ trong danh sách: {expected}."),
    "NGAY_KHONG_HOP_LE": (WARNING, "Ngày báo cáo \"{value}\" không đọc được hoặc còn trống.",
                          "Ghi ngày dạng ngày/tháng/năm, ví dụ 28/06/{nam}; khi có hai bản, bản không có ngày bị xem là cũ hơn."),
    "NGAY_NGOAI_KY": (WARNING, "Ngày báo cáo {value} không thuộc kỳ \"{detail}\" (kỳ bắt đầu từ {expected}): có thể ghi "
                      "nhầm năm.",
                      "Kiểm tra lại ngày báo cáo, nhất là năm; khi có hai bản, bản có ngày báo cáo sau cùng được dùng."),
    "NOP_TRE_HAN": (WARNING, "Ngày báo cáo {value} sau hạn nộp {expected}.",
                    "Hội đồng xem xét việc nộp trễ; số liệu vẫn được tổng hợp."),
    "THIEU_NGUOI_LAP": (WARNING, "Chưa ghi {value}.",
                        "Ghi họ tên và số điện thoại người lập biểu để Hội đồng liên hệ khi cần."),
    # --- table rows ---------------------------------------------------------------------------
    "CHI_TIEU_KHONG_RO": (ERROR, "Mã chỉ tiêu \"{value}\" không thuộc các chỉ tiêu đơn vị phải báo cáo; "
                          "dòng này không được dùng.",
                          "Không thêm dòng, không sửa mã chỉ tiêu; dòng tổng cộng tự thêm hãy xóa đi."),
    "CHI_TIEU_TRUNG": (ERROR, "Chỉ tiêu {value} xuất hiện hai lần trong bảng; cả hai dòng không được dùng.",
                       "Xóa dòng thừa, chỉ giữ một dòng cho mỗi chỉ tiêu."),
    "THIEU_DONG_CHI_TIEU": (ERROR, "Bảng thiếu dòng chỉ tiêu {value}.",
                            "Không xóa dòng của biểu mẫu; dùng lại biểu mẫu gốc nếu cần."),
    # --- cells ------------------------------------------------------------------------------
    "CONG_THUC_CHUA_TINH": (ERROR, "Ô chứa công thức nhưng tệp không lưu kết quả đã tính, nên không đọc được số liệu.",
                            "Mở tệp bằng Excel hoặc LibreOffice rồi lưu lại (để tính công thức), hoặc ghi thẳng con số."),
    "O_BAO_LOI": (ERROR, "Ô báo lỗi {value} (công thức tính sai).", "Sửa công thức hoặc ghi thẳng con số."),
    "SO_KHONG_HOP_LE": (ERROR, "\"{value}\" không phải là số.",
                        "Chỉ ghi con số, ví dụ 1.234 hoặc 12,5; không ghi chữ hay ghi chú vào ô số liệu."),
    "SO_MO_HO": (ERROR, "\"{value}\" có thể hiểu là {detail}.",
                 "Ghi lại cho rõ: số nguyên không dùng dấu phân cách (1234), số lẻ dùng dấu phẩy (1,234)."),
    "SO_LA_TY_LE": (ERROR, "Ô này cần {detail}, nhưng ghi tỷ lệ \"{value}\".",
                    "Ghi {detail}, không ghi tỷ lệ phần trăm{expected}."),
    "SO_AM": (ERROR, "Số liệu âm ({value}).", "Số liệu phải từ 0 trở lên."),
    "SO_KHONG_NGUYEN": (ERROR, "Số liệu {value} phải là số nguyên.", "Ghi số nguyên (hộ, người, đơn… không có số lẻ)."),
    "VUOT_GIOI_HAN": (ERROR, "Số liệu {value} lớn hơn mức tối đa {expected}.", "Kiểm tra lại số liệu."),
    "TU_SO_LON_HON_MAU_SO": (ERROR, "Tử số {value} lớn hơn mẫu số {expected}: tỷ lệ vượt 100%.",
                             "Kiểm tra lại tử số và mẫu số (tử số là một phần của mẫu số)."),
    "CAP_SO_BI_LOAI": (ERROR, "Không tính được {expected} của chỉ tiêu này: ô {detail} bị loại nên số {value} ở ô "
                       "\"{column}\" cùng dòng cũng không được dùng.",
                       "Sửa ô {detail} rồi gửi lại; cả hai ô phải có số hợp lệ thì mới tính được {expected}."),
    "MAU_SO_BANG_KHONG": (ERROR, "Mẫu số bằng 0 thì không tính được tỷ lệ.",
                          "Ghi mẫu số lớn hơn 0, hoặc để trống cả dòng nếu chưa có số liệu."),
    "THIEU_SO_LIEU": (ERROR, "Dòng chỉ tiêu ghi chưa đủ: thiếu \"{value}\".",
                      "Ghi đủ các ô màu trắng của dòng, hoặc để trống cả dòng nếu chưa có số liệu."),
    "LUA_CHON_KHONG_HOP_LE": (ERROR, "\"{value}\" không phải lựa chọn hợp lệ.", "Chọn {expected} trong danh sách."),
    "THIEU_GIAI_TRINH": (WARNING, "Tự đánh giá nhưng chưa ghi giải trình.",
                         "Ghi ngắn gọn căn cứ đánh giá vào cột Giải trình."),
    "O_KHONG_DUNG": (WARNING, "Ô \"{column}\" không dùng cho chỉ tiêu này; giá trị \"{value}\" bị bỏ qua.",
                     "Ghi số liệu vào đúng các ô màu trắng của dòng."),
    "CHUA_NHAP": (WARNING, "Chưa nhập số liệu chỉ tiêu {value}.",
                  "Ghi số liệu nếu đã có; chỉ tiêu chưa có số liệu được ghi là tạm tính ở báo cáo tổng hợp."),
    "SO_LIEU_BAT_THUONG": (WARNING, "Kiểm tra lại số lũy kế: {detail}.",
                           "Số lũy kế từ 01/01 không giảm trong năm và ít khi tăng quá {expected} lần; nếu số đúng "
                           "thì không cần sửa, nếu gõ nhầm (dấu phân cách, thừa chữ số) thì sửa và gửi lại. "
                           "Số liệu vẫn được tổng hợp như đã ghi."),
    # --- award reports -----------------------------------------------------------------------
    "THIEU_HO_TEN": (ERROR, "Dòng có số liệu nhưng không có họ tên; dòng này không được dùng.",
                     "Ghi họ và tên, hoặc xóa dòng thừa."),
    "NGAY_KHONG_DOC_DUOC": (ERROR, "Không đọc được ngày \"{value}\".", "Ghi ngày dạng ngày/tháng/năm, ví dụ 01/07/{nam}."),
    "NGAY_NGOAI_NAM": (WARNING, "Ngày {value} {detail}.", "Kiểm tra lại ngày; chỉ kỷ luật trong năm xét mới được tính."),
    "THIEU_CAP_SANG_KIEN": (WARNING, "Có sáng kiến được công nhận nhưng chưa ghi cấp công nhận.",
                            "Chọn cấp công nhận sáng kiến và ghi số quyết định."),
    "KY_LUAT_XEP_LOAI": (ERROR, "Cán bộ, công chức, viên chức bị kỷ luật trong năm nhưng xếp loại \"{value}\" "
                         "(người bị kỷ luật trong năm phải xếp loại Không hoàn thành nhiệm vụ).",
                         "Kiểm tra lại xếp loại hoặc hình thức kỷ luật (theo quy định về đánh giá, xếp loại chất lượng "
                         "cán bộ, công chức, viên chức)."),
    "SO_LIEU_VUOT_TONG": (ERROR, "Số trẻ được đến trường {value} lớn hơn số trẻ trong độ tuổi đi học.",
                          "Kiểm tra lại hai số liệu."),
    "NAM_KHONG_HOP_LE": (ERROR, "Năm {value} không hợp lệ (phải là năm trước, đến {expected}).",
                         "Ghi năm được công nhận, ví dụ {nam_truoc}."),
    "NGUOI_HAI_DON_VI": (WARNING, "{value} có tên trong danh sách bình xét của hai đơn vị: {detail}.",
                         "Mỗi người chỉ được bình xét ở đơn vị đang công tác; xóa ở đơn vị kia."),
    "THANH_TICH_HAI_HINH_THUC": (WARNING, "Một thành tích được đề nghị hai hình thức khen thưởng: {detail}.",
                                 "Theo Điều 5 Luật Thi đua, khen thưởng, một thành tích chỉ khen một hình thức."),
    "CHUA_DANG_KY": (WARNING, "{value} được đề nghị {detail} nhưng không có trong danh sách đăng ký thi đua.",
                     "Đăng ký thi đua không còn là điều kiện bắt buộc; Hội đồng lưu ý khi xét."),
    "DANH_HIEU_KHONG_MO": (WARNING, "{value} không có trong các danh hiệu, hình thức xét cho loại đơn vị \"{detail}\" "
                           "({expected}).",
                           "Chọn danh hiệu khác; nếu loại đơn vị này được xét danh hiệu đó, Hội đồng ghi thêm vào cột "
                           "\"Danh hiệu, hình thức được xét\" của trang Loại đơn vị trong sổ đăng ký."),
    "TEN_KHAC_DAU": (WARNING, "Họ tên \"{value}\" chỉ khớp với \"{expected}\" khi bỏ dấu ({detail}); được hiểu là "
                     "một người và ghi theo \"{expected}\".",
                     "Nếu đúng là một người, lần sau ghi họ tên có dấu đúng như \"{expected}\"; nếu là hai người "
                     "khác nhau, ghi ngày sinh để phân biệt."),
    "TEN_TRUNG_KHONG_DAU": (WARNING, "Họ tên \"{value}\" bỏ dấu thì trùng với nhiều người khác nhau: {detail}; "
                            "không ghép vào người nào.",
                            "Ghi họ tên có dấu đầy đủ và ngày sinh đúng như trong danh sách đăng ký hoặc lịch sử khen "
                            "thưởng."),
    "SO_HO_VUOT_BINH_XET": (WARNING, "Số hộ gia đình văn hóa {value} lớn hơn số hộ được bình xét {expected}.",
                            "Kiểm tra lại số hộ được bình xét và số hộ gia đình văn hóa (chỉ tiêu {target})."),
    # --- council decision form (pipeline/council) --------------------------------------------
    "KHONG_KHOP_TRUONG_HOP": (ERROR, "Dòng \"{detail}\" (mã {value}) không khớp với trường hợp nào đang xét; "
                              "dòng này không được dùng.",
                              "Các tệp bình xét đã thay đổi sau khi lập biểu: dùng biểu mẫu mới trong output/ "
                              "(đã giữ các quyết định) và ghi quyết định cho dòng này."),
    "DOT_THI_DUA_KHONG_CO": (ERROR, "Đợt thi đua \"{value}\" không có trong sổ đợt thi đua của năm; "
                             "biểu đề nghị này không được dùng.",
                             "Dùng biểu mẫu của đúng đợt do công cụ lập (các đợt: {expected})."),
    "THIEU_THANH_TICH_DOT": (ERROR, "Đề nghị khen thưởng {value} trong {detail} chưa ghi thành tích; dòng này không được xét.",
                             "Ghi tóm tắt thành tích cụ thể trong đợt thi đua rồi gửi lại biểu."),
    "THIEU_DIA_CHI_HO": (WARNING, "Hộ gia đình {value} chưa ghi địa chỉ; quyết định in tên hộ không kèm địa chỉ.",
                         "Ghi khóm (ấp, tổ dân phố) nơi hộ cư trú vào cột \"{column}\"."),
    "TRUONG_HOP_TRUNG": (ERROR, "{value} xuất hiện hai lần trong biểu (dòng đầu ở ô {expected}); dòng này không được dùng.",
                         "Xóa dòng thừa, mỗi trường hợp một dòng."),
    "DU_HOP_VUOT_THANH_VIEN": (ERROR, "Số thành viên dự họp {value} lớn hơn số thành viên Hội đồng {expected}.",
                               "Kiểm tra lại số thành viên Hội đồng đương nhiệm và số có mặt."),
    "SO_KHAC_DANH_SACH": (WARNING, "{column} ghi {value}, danh sách thành viên trong biểu đếm được {expected}; "
                          "biên bản dùng số đã ghi.",
                          "Sửa số cho đúng, hoặc để trống ô này để công cụ đếm theo danh sách (cột \"Có mặt\")."),
    "CO_MAT_KHONG_RO": (WARNING, "Cột \"Có mặt\" của thành viên {detail} ghi \"{value}\", không rõ có mặt hay vắng; "
                        "số dự họp không đếm theo danh sách.",
                        "Ghi x nếu thành viên dự họp, để trống nếu vắng."),
    "PHIEU_VUOT_SO_DU_HOP": (ERROR, "Số phiếu đồng ý {value} lớn hơn số thành viên dự họp {expected}; số phiếu không được dùng, "
                             "trường hợp chưa đưa vào quyết định, tờ trình (các văn bản ghi \"DỰ THẢO\").",
                             "Ghi lại số phiếu theo biên bản kiểm phiếu."),
    "CHUA_QUYET_DINH": (WARNING, "{value}: Hội đồng chưa quyết định{detail}; các văn bản được ghi \"DỰ THẢO\".",
                        "Chọn Đồng ý, Không đồng ý hoặc Hoãn cho dòng này."),
    "DONG_Y_KHONG_DU_DIEU_KIEN": (WARNING, "Hội đồng đồng ý {value} trong khi công cụ xét không đủ điều kiện: {detail}.",
                                  "Hội đồng quyết định, công cụ ghi nhận; ghi rõ lý do ở cột Ghi chú và kiểm tra lại "
                                  "số liệu bình xét."),
    "VUOT_TY_LE_KHEN": (WARNING, "Đồng ý {detail} cho {value} vượt tỷ lệ của đơn vị: tối đa {expected}.",
                        "Hội đồng chọn lại trong số người đủ tiêu chuẩn, hoặc ghi lý do ở cột Ghi chú."),
    "TY_LE_PHIEU_THAP": (WARNING, "Trường hợp được đồng ý với {value} phiếu ({detail}), dưới mức tối thiểu {expected}.",
                         "Kiểm tra lại kết quả biểu quyết (tham số hoi_dong_ty_le_phieu_toi_thieu của sổ quy tắc)."),
    # --- submissions ------------------------------------------------------------------------
    "BAN_CU_BI_THAY": (WARNING, "Báo cáo này (ngày {value}) được thay bằng tệp \"{detail}\" có ngày báo cáo {expected}.",
                       "Chỉ bản có ngày báo cáo sau cùng được dùng; xóa bản cũ khỏi thư mục nếu không cần."),
    "KY_KHONG_KHOP_NGAY": (ERROR, "Tệp ghi kỳ \"{value}\" nhưng ngày báo cáo {date} gần ngày cuối kỳ \"{later}\" "
                           "({later_end}) hơn ngày cuối kỳ \"{value}\" ({own_end}), trong khi đơn vị đã có báo cáo "
                           "kỳ này: {detail}. Tệp không thay báo cáo đó và không được dùng.",
                           "Nếu đây là báo cáo kỳ \"{later}\": đề nghị đơn vị chọn lại kỳ đó ở ô kỳ báo cáo và gửi lại. "
                           "Nếu đúng là bản sửa của kỳ \"{value}\": xóa tệp cũ ({detail}) khỏi thư mục vào rồi chạy lại."),
    "BAN_TRUNG_GIONG_HET": (WARNING, "Báo cáo này giống hệt tệp \"{detail}\"; chỉ dùng một bản.",
                            "Xóa bản lưu trùng khỏi thư mục."),
    "BAN_XUNG_DOT": (ERROR, "Hai báo cáo cùng đơn vị, cùng kỳ, cùng ngày {value} nhưng số liệu khác nhau "
                     "(tệp \"{detail}\"); không dùng bản nào.",
                     "Đề nghị đơn vị xác nhận bản đúng và ghi ngày báo cáo mới hơn, hoặc xóa bản sai khỏi thư mục."),
    "CHUA_NOP": (WARNING, "{detail} chưa nộp báo cáo {value}.", "Nhắc đơn vị nộp báo cáo trước hạn {expected}."),
}

# A few words per code, for the console summary: "CHUA_DANG_KY – chưa đăng ký thi đua (4)".
TITLES: dict[str, str] = {
    "DOC_GAN_DUNG": "tên gõ không dấu hay khác cách viết, đã nhận ra",
    "CAP_SO_BI_LOAI": "một ô của cặp số liệu bị loại",
    "SO_LIEU_BAT_THUONG": "số liệu lũy kế bất thường so với kỳ trước",
    "KHONG_KHOP_TRUONG_HOP": "dòng biểu họp không khớp trường hợp nào",
    "DOT_THI_DUA_KHONG_CO": "đợt thi đua không có trong sổ",
    "THIEU_THANH_TICH_DOT": "đề nghị theo đợt chưa ghi thành tích",
    "THIEU_DIA_CHI_HO": "hộ gia đình chưa ghi địa chỉ",
    "TRUONG_HOP_TRUNG": "một trường hợp ghi hai lần trong biểu họp",
    "DU_HOP_VUOT_THANH_VIEN": "số dự họp lớn hơn số thành viên",
    "SO_KHAC_DANH_SACH": "số thành viên khác danh sách trong biểu họp",
    "CO_MAT_KHONG_RO": "ô có mặt ghi không rõ",
    "PHIEU_VUOT_SO_DU_HOP": "số phiếu lớn hơn số dự họp",
    "CHUA_QUYET_DINH": "chưa ghi quyết định của Hội đồng",
    "DONG_Y_KHONG_DU_DIEU_KIEN": "đồng ý trường hợp công cụ xét chưa đủ điều kiện",
    "VUOT_TY_LE_KHEN": "số được đồng ý vượt tỷ lệ",
    "TY_LE_PHIEU_THAP": "tỷ lệ phiếu đồng ý thấp hơn ngưỡng",
    "NHAN_DANG_TU_NOI_DUNG": "nhận ra biểu mẫu từ nội dung trên trang",
    "KHONG_NHAN_RA_BIEU_MAU": "không nhận ra biểu mẫu",
    "TEP_KHONG_PHAI_XLSX": "tệp không phải bảng tính",
    "BAO_CAO_NAM_TRUOC_KHONG_DUNG": "bảng tổng hợp năm trước không dùng được",
    "BAO_CAO_NAM_TRUOC_KHAC_LUU_TRU": "bảng tổng hợp năm trước khác số liệu lưu trữ",
    "LUU_TRU_KHONG_DUNG": "số liệu lưu trữ năm trước không dùng được",
    "TEP_HONG": "tệp hỏng, không mở được",
    "TEP_CO_MAT_KHAU": "tệp có mật khẩu",
    "TEP_QUA_LON": "tệp vượt giới hạn an toàn",
    "TEP_KHONG_DOC_XONG": "đọc tệp quá thời gian hoặc bộ nhớ",
    "DINH_DANG_KHAC": "lưu dạng khác .xlsx",
    "TEN_TEP_KHAC_DON_VI": "tên tệp nhắc đơn vị khác",
    "BANG_QUA_DAI": "trang quá dài",
    "KHONG_PHAI_BIEU_MAU": "không phải biểu mẫu đã phát hành",
    "SAI_LOAI_BIEU_MAU": "loại biểu mẫu không có trong sổ",
    "SAI_PHIEN_BAN": "biểu mẫu phiên bản cũ",
    "SAI_NAM": "biểu mẫu năm khác",
    "THIEU_TRANG": "thiếu trang báo cáo",
    "THIEU_BANG": "thiếu bảng chỉ tiêu",
    "THIEU_COT": "bảng thiếu cột",
    "DON_VI_KHONG_RO": "đơn vị không có trong sổ",
    "DON_VI_KHONG_KHOP": "tên đơn vị không khớp biểu mẫu",
    "KY_KHONG_RO": "chưa chọn hoặc sai kỳ báo cáo",
    "NGAY_KHONG_HOP_LE": "ngày báo cáo trống hoặc sai",
    "NGAY_NGOAI_KY": "ngày báo cáo ngoài kỳ, có thể nhầm năm",
    "NOP_TRE_HAN": "nộp trễ hạn",
    "THIEU_NGUOI_LAP": "thiếu người lập biểu",
    "CHI_TIEU_KHONG_RO": "dòng chỉ tiêu lạ",
    "CHI_TIEU_TRUNG": "chỉ tiêu ghi hai lần",
    "THIEU_DONG_CHI_TIEU": "thiếu dòng chỉ tiêu",
    "CONG_THUC_CHUA_TINH": "công thức chưa có kết quả",
    "O_BAO_LOI": "ô báo lỗi công thức",
    "SO_KHONG_HOP_LE": "ô số chứa chữ",
    "SO_MO_HO": "số hiểu được hai cách",
    "SO_LA_TY_LE": "ghi tỷ lệ vào ô số lượng",
    "SO_AM": "số âm",
    "SO_KHONG_NGUYEN": "số lẻ ở ô số nguyên",
    "VUOT_GIOI_HAN": "vượt mức tối đa",
    "TU_SO_LON_HON_MAU_SO": "tử số lớn hơn mẫu số",
    "MAU_SO_BANG_KHONG": "mẫu số bằng 0",
    "THIEU_SO_LIEU": "dòng ghi chưa đủ",
    "LUA_CHON_KHONG_HOP_LE": "lựa chọn không hợp lệ",
    "THIEU_GIAI_TRINH": "tự đánh giá thiếu giải trình",
    "O_KHONG_DUNG": "ghi vào ô không dùng",
    "CHUA_NHAP": "chưa nhập số liệu",
    "THIEU_HO_TEN": "dòng thiếu họ tên",
    "NGAY_KHONG_DOC_DUOC": "ngày không đọc được",
    "NGAY_NGOAI_NAM": "ngày ngoài năm xét",
    "THIEU_CAP_SANG_KIEN": "thiếu cấp công nhận sáng kiến",
    "KY_LUAT_XEP_LOAI": "bị kỷ luật mà xếp loại cao",
    "SO_LIEU_VUOT_TONG": "số trẻ đi học vượt số trẻ",
    "NAM_KHONG_HOP_LE": "năm khen thưởng không hợp lệ",
    "NGUOI_HAI_DON_VI": "một người ở hai đơn vị",
    "THANH_TICH_HAI_HINH_THUC": "một thành tích hai hình thức",
    "CHUA_DANG_KY": "chưa đăng ký thi đua",
    "DANH_HIEU_KHONG_MO": "danh hiệu không xét cho loại đơn vị",
    "TEN_KHAC_DAU": "họ tên chỉ khớp khi bỏ dấu, đã nhận ra",
    "TEN_TRUNG_KHONG_DAU": "họ tên không dấu trùng nhiều người",
    "SO_HO_VUOT_BINH_XET": "số hộ văn hóa vượt số hộ bình xét",
    "BAN_CU_BI_THAY": "bản cũ bị thay",
    "KY_KHONG_KHOP_NGAY": "kỳ báo cáo không khớp ngày báo cáo",
    "BAN_TRUNG_GIONG_HET": "bản trùng giống hệt",
    "BAN_XUNG_DOT": "hai bản xung đột",
    "CHUA_NOP": "chưa nộp báo cáo",
}


def title_of(code: str) -> str:
    """The code with its meaning, "CHUA_NOP – chưa nộp báo cáo"; a code without a title alone."""
    return f"{code} – {TITLES[code]}" if code in TITLES else code

# The hint a unit reads in its feedback (output/phan_hoi/), for the codes whose catalogue hint
# speaks to the council (its folders, its registers, its parameters).
UNIT_HINTS: dict[str, str] = {
    "KHONG_PHAI_BIEU_MAU": "Dùng biểu mẫu do Hội đồng gửi cho đơn vị, không tự lập bảng mới.",
    "SAI_LOAI_BIEU_MAU": "Dùng đúng biểu mẫu năm {year} do Hội đồng gửi cho đơn vị.",
    "SAI_PHIEN_BAN": "Chép số liệu sang biểu mẫu mới nhất do Hội đồng gửi, rồi gửi lại.",
    "SAI_NAM": "Dùng biểu mẫu năm {year} do Hội đồng gửi cho đơn vị.",
    "DON_VI_KHONG_RO": "Dùng biểu mẫu do Hội đồng gửi, đã ghi sẵn tên đơn vị; không sửa ô tên đơn vị.",
    "CHUA_DANG_KY": "Năm nay không bắt buộc đăng ký thi đua; nếu đã đăng ký, đề nghị đơn vị bổ sung tên vào "
                    "biểu mẫu đăng ký thi đua và gửi lại.",
    "BAN_CU_BI_THAY": "Hội đồng dùng bản có ngày báo cáo sau cùng; đơn vị không cần làm gì thêm.",
    "KY_KHONG_KHOP_NGAY": "Nếu đây là báo cáo kỳ \"{later}\": đề nghị đơn vị chọn lại kỳ đó ở ô kỳ báo cáo và gửi "
                          "lại. Nếu đúng là bản sửa của kỳ \"{value}\": đề nghị đơn vị báo Hội đồng để dùng bản này "
                          "thay bản đã gửi trước.",
    "BAN_TRUNG_GIONG_HET": "Hội đồng chỉ dùng một bản; đơn vị không cần gửi lại.",
    "BAN_XUNG_DOT": "Đề nghị đơn vị xác nhận bản đúng, ghi ngày báo cáo mới hơn và gửi lại bản đó.",
    "CHUA_NOP": "Đề nghị đơn vị lập và gửi báo cáo này cho Hội đồng; hạn nộp ghi ở trang \"Thông báo\".",
}


@dataclass(frozen=True)
class Issue:
    code: str
    severity: str
    file: str
    sheet: str
    cell: str
    column: str
    value: str
    message: str
    hint: str
    unit: str = ""  # unit code when known, for per-unit feedback
    unit_hint: str = ""  # the hint as the unit's feedback words it, when the catalogue's speaks to the council

    @property
    def hint_for_unit(self) -> str:
        return self.unit_hint or self.hint


# The year in force while a run builds its Issues: hints give their examples in it ("{nam}").
_YEAR: contextvars.ContextVar[int | None] = contextvars.ContextVar("issue_year", default=None)


@contextlib.contextmanager
def issues_for_year(year: int):
    """Within the block, hints give dates and years of ``year`` as their examples."""
    token = _YEAR.set(year)
    try:
        yield
    finally:
        _YEAR.reset(token)


def make_issue(code: str, file: str = "", sheet: str = "", cell: str = "", column: str = "",
               value: object = "", unit: str = "", **details) -> Issue:
    """Build an Issue from the catalogue; ``details`` fill the message and hint templates."""
    severity, message, hint = CATALOGUE[code]
    shown = "" if value is None else str(value)
    year = _YEAR.get()
    examples = {"nam": str(year), "nam_truoc": str(year - 1)} if year else {"nam": "…", "nam_truoc": "…"}
    fields = {"value": shown, "column": column, "detail": "", "expected": "", "year": "", **examples, **details}
    unit_hint = UNIT_HINTS.get(code, "")
    return Issue(code, severity, file, sheet, cell, column, shown,
                 message.format(**fields), hint.format(**fields), unit, unit_hint.format(**fields))
