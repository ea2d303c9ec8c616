"""The "Hướng dẫn" sheet of the year's book, line by line ({year} is the book's year, {rule_sets} the dated rule
sets with their dates; "# " marks a heading)."""

GUIDE_LINES = (
    "# SỔ NÀY LÀ GÌ",
    "Sổ đăng ký thi đua năm {year} là nơi duy nhất Hội đồng ghi các thông tin của năm: cơ quan ban hành, người ký, "
    "Kế hoạch thi đua, đơn vị báo cáo, kỳ báo cáo, đợt thi đua, chỉ tiêu và tham số xét khen thưởng. Lệnh "
    "\"make templates\" và \"make report\" đọc sổ này; không sửa các tệp .toml của năm có sổ.",
    "# CÁCH SỬA",
    "Chỉ gõ vào các ô nền vàng nhạt. Dòng tiêu đề được khóa (Bảo vệ trang tính, không mật khẩu) để không xóa nhầm; "
    "muốn thêm đơn vị, chỉ tiêu thì ghi vào các dòng trống bên dưới hoặc chèn dòng. Cột có ô thả xuống chỉ nhận "
    "giá trị trong danh sách. Ô đánh dấu (*) là bắt buộc.",
    "Ngày ghi dạng ngày/tháng/năm, ví dụ 31/12/{year}. Số lẻ ghi dấu phẩy như thường lệ (40,6); tỷ lệ có thể ghi "
    "93,5 hoặc 93,5%. Danh sách mã (loại báo cáo, đơn vị báo cáo) cách nhau dấu chấm phẩy; danh sách câu (căn cứ, "
    "nơi nhận) mỗi câu một dòng trong ô (Alt+Enter trong Excel, Ctrl+Enter trong LibreOffice).",
    "# CHỖ CÒN «cần điền: …»",
    "Khi tạo năm mới, các thông tin chỉ thuộc về năm trước (số Kế hoạch, đợt thi đua đặc biệt, chỉ tiêu do cấp "
    "trên giao…) được xóa và thay bằng «cần điền: …». Còn chỗ nào như vậy thì mọi văn bản, báo cáo in chữ DỰ THẢO "
    "và liệt kê các chỗ còn thiếu. Điền xong (hoặc xóa dòng đợt thi đua không còn dùng) là hết DỰ THẢO.",
    "# CÁC TRANG",
    "Cơ quan – Hội đồng: loại đơn vị hành chính (phường, xã, đặc khu), tên địa phương, Chủ tịch (người ký), "
    "Kế hoạch của năm, căn cứ, nơi nhận. Tên cơ quan, tên Hội đồng và dòng chức danh trong mọi văn bản được "
    "ghép từ các ô này, không phải sửa ở nơi khác.",
    "Thành viên Hội đồng: theo quyết định thành lập, kiện toàn Hội đồng, mỗi thành viên một dòng (họ và tên, chức "
    "vụ và đơn vị công tác, chức danh trong Hội đồng chọn trong ô thả xuống), đúng một Chủ tịch Hội đồng. Biểu kết "
    "quả họp liệt kê các thành viên để đánh dấu có mặt; biên bản ghi tên người dự họp, người vắng mặt. Danh sách "
    "được chép sang sổ năm sau.",
    "Đơn vị: mỗi khóm, ban ngành, đoàn thể, cơ quan Đảng, doanh nghiệp một dòng. \"Tiếp nối đơn vị\" ghi đơn vị năm "
    "trước mà đơn vị này tiếp nối sau sáp nhập, đổi tên (dạng năm:mã, ví dụ {prev}:KH01; {prev}:KH02).",
    "Kỳ báo cáo, Đợt thi đua, Loại báo cáo: các kỳ nộp báo cáo chỉ tiêu, các đợt thi đua của năm và các biểu mẫu.",
    "Chỉ tiêu: mỗi chỉ tiêu của Kế hoạch một dòng. \"Tiếp nối chỉ tiêu\" ghi chỉ tiêu năm trước (dạng năm:mã, "
    "ví dụ {prev}:CT05) khi Kế hoạch đánh số lại; \"Biểu đồ qua các năm\" chọn Có để vẽ chỉ tiêu qua các năm.",
    "Luật áp dụng – tiền thưởng: ngày nhận hồ sơ đề nghị khen thưởng chọn bộ quy định áp dụng ({rule_sets}); tên "
    "cấp huyện, tỉnh, "
    "cơ quan tham mưu; ngày tính lương cơ sở, bước làm tròn và các hệ số tiền thưởng bộ quy định để trống. Ô tiền "
    "thưởng còn trống thì tổng tiền thưởng ghi \"chưa đủ tham số\" và quyết định là DỰ THẢO.",
    "Ngày xét, quyết định khen thưởng (cùng trang; trống: như ngày nhận hồ sơ): hồ sơ nhận trước ngày hiệu lực "
    "của luật mới mà xét từ ngày đó thì năm vẫn theo bộ cũ, riêng người nào luật mới có lợi hơn thì áp dụng luật "
    "mới (quy định chuyển tiếp); tùy chọn chưa xác nhận thì không áp dụng, kể cả khi có lợi hơn.",
    "Danh hiệu – tham số: chỉ sửa cột Giá trị; ô trống là tham số tỉnh quy định chưa có giá trị, kết quả xét "
    "liên quan sẽ là \"cần Hội đồng xem xét\".",
    "# KHI CÓ LỖI",
    "Lệnh báo lỗi ghi rõ tên tệp, trang và ô, ví dụ: so_dang_ky_{year}.xlsx, trang Chỉ tiêu, ô F7: …; sửa đúng ô "
    "đó rồi chạy lại lệnh.",
)
