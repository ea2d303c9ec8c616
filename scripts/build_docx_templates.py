"""Build the Word templates of the council's documents into registers/<year>/van_ban/ (run once;
the council then edits them in Word). Format of Nghị định 30/2020/NĐ-CP: A4, margins 20 mm top and
bottom, 30 mm left, 15 mm right, Times New Roman 13. Placeholders are docxtpl (Jinja) tags.

    .venv/bin/python scripts/build_docx_templates.py [year]
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
CENTER, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY


def new_document() -> Document:
    doc = Document()
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.paragraph_format.space_after = Pt(3)
    return doc


def para(container, text: str = "", align=None, bold=False, italic=False, size=None, mark=False, indent=False,
         left=None):
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    if left is not None:
        p.paragraph_format.left_indent = left
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if mark:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return p


def cell_para(cell, text, **kw):
    reuse = not cell.paragraphs[0].text and len(cell.paragraphs) == 1 and not kw.pop("new", False)
    p = cell.paragraphs[0] if reuse else cell.add_paragraph()
    p.alignment = kw.get("align")
    run = p.add_run(text)
    run.bold, run.italic = kw.get("bold", False), kw.get("italic", False)
    if kw.get("size"):
        run.font.size = Pt(kw["size"])
    return p


# no cell margins: the issuing body's lines fit the left column at 11 pt, the motto the right at 12 pt
HEADER_WIDTHS = (Mm(75), Mm(90))


def header_table(doc):
    """The two-column borderless header: the issuing body left, the national motto right."""
    t = doc.add_table(rows=1, cols=2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    left, right = t.rows[0].cells
    for column, cell, width in ((t.columns[0], left, HEADER_WIDTHS[0]), (t.columns[1], right, HEADER_WIDTHS[1])):
        column.width, cell.width = width, width
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), "0")
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    t._tbl.tblPr.append(margins)
    return left, right


def motto(cell) -> None:
    cell_para(cell, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align=CENTER, bold=True, size=12)
    cell_para(cell, "Độc lập - Tự do - Hạnh phúc", align=CENTER, bold=True, new=True)
    cell_para(cell, "————————", align=CENTER, size=10, new=True)


def header(doc) -> None:
    """Issuing body left, national motto right, number, place and date (from the context). The
    line above the issuing body is left out when empty, so both columns start on the same line."""
    left, right = header_table(doc)
    cell_para(left, "{%p if co_quan_chu_quan %}")
    cell_para(left, "{{ co_quan_chu_quan }}", align=CENTER, size=11, new=True)
    cell_para(left, "{%p endif %}", new=True)
    cell_para(left, "{{ co_quan_ban_hanh }}", align=CENTER, bold=True, size=11, new=True)
    cell_para(left, "————", align=CENTER, size=10, new=True)
    cell_para(left, "{{ so_ky_hieu }}", align=CENTER, new=True)
    motto(right)
    cell_para(right, "{{ dia_danh_ngay }}", align=CENTER, italic=True, new=True)
    para(doc, "{{ du_thao }}", align=CENTER, bold=True, size=14)


def unsplittable(table) -> None:
    """Rows that never break across pages (a signature block stays with the signer's name)."""
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        tr_pr.append(cant)


def signature(doc, left_title: str = "Nơi nhận:") -> None:
    """Recipients left, the signer right: the authority line ("TM. …") only when the register gives one."""
    t = doc.add_table(rows=1, cols=2)
    unsplittable(t)
    left, right = t.rows[0].cells
    cell_para(left, left_title, bold=True, italic=True, size=12)
    cell_para(left, "{%p for n in noi_nhan %}", new=True)
    cell_para(left, "- {{ n }}", size=11, new=True)
    cell_para(left, "{%p endfor %}", new=True)
    cell_para(right, "{%p if quyen_han_ky %}")
    cell_para(right, "{{ quyen_han_ky }}", align=CENTER, bold=True, new=True)
    cell_para(right, "{%p endif %}", new=True)
    cell_para(right, "{{ chuc_vu_nguoi_ky }}", align=CENTER, bold=True, new=True)
    for _ in range(3):
        cell_para(right, "", new=True)
    cell_para(right, "{{ ho_ten_nguoi_ky }}", align=CENTER, bold=True, new=True)


def list_table(doc, rows_var: str, headings: list[tuple[str, str, int]]) -> None:
    """A table whose body row repeats for each item of ``rows_var`` (docxtpl {%tr %} rows)."""
    t = doc.add_table(rows=4, cols=len(headings))
    t.style = "Table Grid"
    t.autofit = False
    for i, (heading, _, width) in enumerate(headings):
        t.columns[i].width = Mm(width)      # the grid: what LibreOffice and Word lay out
        for r in range(4):
            t.rows[r].cells[i].width = Mm(width)
        cell_para(t.rows[0].cells[i], heading, align=CENTER, bold=True, size=12)
    cell_para(t.rows[1].cells[0], f"{{%tr for r in {rows_var} %}}")
    for i, (_, field, _) in enumerate(headings):
        align = CENTER if field == "stt" else RIGHT if field == "tien_thuong" else None   # amounts line up right
        cell_para(t.rows[2].cells[i], f"{{{{ r.{field} }}}}", size=12, align=align)
    cell_para(t.rows[3].cells[0], "{%tr endfor %}")


# the note column holds decisions' dates ("ngày 15/11/2024"): wide enough that a date never breaks
PERSON_LIST = [("STT", "stt", 12), ("Họ và tên / tên tập thể", "ten", 45), ("Chức vụ", "chuc_vu", 28),
               ("Đơn vị", "don_vi", 42), ("Ghi chú", "ghi_chu", 38)]
# the chairman's decision lists each line's bonus (the level that decides pays)
DECISION_LIST = [("STT", "stt", 12), ("Họ và tên / tên tập thể", "ten", 37), ("Chức vụ", "chuc_vu", 22),
                 ("Đơn vị", "don_vi", 31), ("Tiền thưởng", "tien_thuong", 27), ("Ghi chú", "ghi_chu", 36)]
HOUSEHOLD_LIST = [("STT", "stt", 12), ("Khóm", "khom", 36), ("Số hộ được bình xét", "binh_xet", 26),
                  ("Số hộ gia đình văn hóa", "cong_nhan", 26), ("Tiền thưởng", "tien_thuong", 33),
                  ("Ghi chú", "ghi_chu", 32)]


def list_title(doc, text: str, **kw):
    """The attached list's title starts a new page: a page break before the paragraph, not a
    paragraph holding a break (which, when the signature block ends at the foot of a page, prints
    its own empty page before the list)."""
    p = para(doc, text, **kw)
    p.paragraph_format.page_break_before = True
    return p


def decision_opening() -> Document:
    """Header, title, subject, the signer's title, legal bases, "QUYẾT ĐỊNH:" and Điều 1's sentence."""
    doc = new_document()
    header(doc)
    para(doc, "QUYẾT ĐỊNH", align=CENTER, bold=True, size=14)
    para(doc, "{{ trich_yeu }}", align=CENTER, bold=True)
    para(doc, "—————", align=CENTER, size=10)
    para(doc, "{{ chuc_danh_ban_hanh }}", align=CENTER, bold=True)
    para(doc, "{%p for line in can_cu %}")
    para(doc, "{{ line }}", align=JUSTIFY, italic=True, indent=True)
    para(doc, "{%p endfor %}")
    para(doc, "{{ theo_de_nghi }}", align=JUSTIFY, italic=True, indent=True)
    para(doc, "QUYẾT ĐỊNH:", align=CENTER, bold=True)
    para(doc, "Điều 1. {{ dieu_1 }}", align=JUSTIFY, indent=True)
    return doc


def decision() -> Document:
    doc = decision_opening()
    para(doc, "{%p for line in dieu_1_dong %}")
    para(doc, "- {{ line }}", align=JUSTIFY, indent=True)
    para(doc, "{%p endfor %}")
    para(doc, "Điều 2. {{ tien_thuong }}", align=JUSTIFY, indent=True)
    para(doc, "Điều 3. {{ thi_hanh }}", align=JUSTIFY, indent=True)
    signature(doc)
    list_title(doc, "DANH SÁCH KHEN THƯỞNG", align=CENTER, bold=True)
    para(doc, "(Kèm theo Quyết định {{ so_ky_hieu_ngan }} {{ ngay_van_ban }} của Chủ tịch Ủy ban nhân dân {{ loai_dia_phuong }})",
         align=CENTER, italic=True)
    para(doc, "{%p for g in ho_gia_dinh %}")
    para(doc, "{{ g.tieu_de }}", bold=True)
    list_table(doc, "g.dong", HOUSEHOLD_LIST)
    para(doc, "{%p for line in g.chua_dua_vao %}")
    para(doc, "Chưa đưa vào Quyết định: {{ line }}", italic=True)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p for g in danh_sach %}")
    para(doc, "{{ g.tieu_de }}", bold=True)
    list_table(doc, "g.dong", DECISION_LIST)
    para(doc, "{%p endfor %}")
    para(doc, "Tổng số tiền thưởng: {{ tong_tien }}.", bold=True)
    para(doc, "Danh sách có {{ tong_so }}./.", italic=True)
    return doc


CAMPAIGN_LIST = [("STT", "stt", 12), ("Họ và tên / tên tập thể, hộ gia đình", "ten", 38), ("Chức vụ", "chuc_vu", 23),
                 ("Đơn vị", "don_vi", 32), ("Thành tích trong đợt", "thanh_tich", 33),
                 ("Tiền thưởng", "tien_thuong", 27)]


def campaign_decision() -> Document:
    """The chairman's decision for one campaign (khen thưởng theo đợt), with its attached list."""
    doc = decision_opening()
    para(doc, "Điều 2. {{ tien_thuong }}", align=JUSTIFY, indent=True)
    para(doc, "Điều 3. {{ thi_hanh }}", align=JUSTIFY, indent=True)
    signature(doc)
    list_title(doc, "DANH SÁCH KHEN THƯỞNG TRONG ĐỢT THI ĐUA", align=CENTER, bold=True)
    para(doc, "{{ ten_dot }}", align=CENTER, bold=True)
    para(doc, "(Kèm theo Quyết định {{ so_ky_hieu_ngan }} {{ ngay_van_ban }} của Chủ tịch Ủy ban nhân dân {{ loai_dia_phuong }})",
         align=CENTER, italic=True)
    para(doc, "{%p for g in danh_sach %}")
    para(doc, "{{ g.tieu_de }}", bold=True)
    list_table(doc, "g.dong", CAMPAIGN_LIST)
    para(doc, "{%p endfor %}")
    para(doc, "Tổng số tiền thưởng: {{ tong_tien }}.", bold=True)
    para(doc, "Danh sách có {{ tong_so }} trường hợp./.", italic=True)
    return doc


def proposal() -> Document:
    doc = new_document()
    header(doc)
    para(doc, "TỜ TRÌNH", align=CENTER, bold=True, size=14)
    para(doc, "{{ trich_yeu }}", align=CENTER, bold=True)
    para(doc, "—————", align=CENTER, size=10)
    para(doc, "Kính gửi:", left=Mm(25))
    para(doc, "{%p for line in kinh_gui %}")
    para(doc, "- {{ line }}", left=Mm(45))
    para(doc, "{%p endfor %}")
    para(doc, "{%p for line in can_cu %}")
    para(doc, "{{ line }}", align=JUSTIFY, indent=True)
    para(doc, "{%p endfor %}")
    para(doc, "Ủy ban nhân dân {{ loai_dia_phuong }} kính đề nghị:", align=JUSTIFY, indent=True)
    para(doc, "{%p for g in cap %}")
    para(doc, "{{ g.so }}. {{ g.de_nghi }}:", bold=True, indent=True)
    para(doc, "{%p for line in g.dong_tong %}")
    para(doc, "- {{ line }}", indent=True)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p if tong_de_nghi %}")
    para(doc, "{{ tong_de_nghi }}", indent=True)
    para(doc, "{%p endif %}")
    para(doc, "(Có danh sách và báo cáo thành tích kèm theo.) Kính trình xem xét, quyết định./.", align=JUSTIFY,
         indent=True)
    signature(doc)
    list_title(doc, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", align=CENTER, bold=True)
    para(doc, "(Kèm theo Tờ trình {{ so_ky_hieu_ngan }} {{ ngay_van_ban }} của Ủy ban nhân dân {{ loai_dia_phuong }})",
         align=CENTER, italic=True)
    para(doc, "{%p for s in danh_sach %}")
    para(doc, "{{ s.tieu_de }}", bold=True, align=CENTER)
    para(doc, "{%p for g in s.nhom %}")
    para(doc, "{{ g.tieu_de }}", bold=True)
    list_table(doc, "g.dong", PERSON_LIST)
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    return doc


def minutes() -> Document:
    doc = new_document()
    header(doc)
    para(doc, "BIÊN BẢN", align=CENTER, bold=True, size=14)
    para(doc, "{{ trich_yeu }}", align=CENTER, bold=True)
    para(doc, "—————", align=CENTER, size=10)
    para(doc, "{%p for line in thanh_phan %}")
    para(doc, "{{ line }}", align=JUSTIFY, indent=True)
    para(doc, "{%p endfor %}")
    para(doc, "Kết quả xét và biểu quyết từng danh hiệu, hình thức khen thưởng:", bold=True, indent=True)
    para(doc, "{%p for g in danh_hieu %}")
    para(doc, "{{ g.tieu_de }}", bold=True)
    list_table(doc, "g.dong", [("STT", "stt", 13), ("Họ và tên / tên tập thể", "ten", 42), ("Đơn vị", "don_vi", 35),
                               ("Kết quả đối chiếu tiêu chuẩn", "ket_qua", 30), ("Phiếu đồng ý / dự họp", "phieu", 25),
                               ("Quyết định", "quyet_dinh", 20)])
    para(doc, "{%p endfor %}")
    para(doc, "Kết luận: {{ ket_luan }}", align=JUSTIFY, indent=True)
    para(doc, "Cuộc họp kết thúc vào lúc …… giờ …… cùng ngày. Biên bản đã được đọc lại cho các thành viên dự "
         "họp cùng nghe và thống nhất./.", align=JUSTIFY, indent=True)
    t = doc.add_table(rows=1, cols=2)
    unsplittable(t)
    for cell, role, name in ((t.rows[0].cells[0], "THƯ KÝ", "{{ thu_ky }}"), (t.rows[0].cells[1], "CHỦ TRÌ", "{{ chu_tri }}")):
        cell_para(cell, role, align=CENTER, bold=True)
        for _ in range(3):
            cell_para(cell, "", new=True)
        cell_para(cell, name, align=CENTER, bold=True, new=True)
    return doc


def achievement(collective: bool) -> Document:
    """Mẫu số 02/03 of Nghị định 98/2023 (a khóm: the form of Nghị định 86/2023), the form number
    and its legal basis from the context; the unit's name beside the national motto."""
    doc = new_document()
    para(doc, "{{ mau_so }}", align=RIGHT, bold=True, size=12)
    para(doc, "({{ mau_can_cu }})", align=RIGHT, italic=True, size=11)
    para(doc, "{{ du_thao }}", align=CENTER, bold=True, size=14)
    left, right = header_table(doc)
    cell_para(left, "{{ co_quan_ban_hanh }}", align=CENTER, bold=True, size=11)
    motto(right)
    cell_para(right, "{{ dia_danh_ngay }}", align=CENTER, italic=True, new=True)
    para(doc, "BÁO CÁO THÀNH TÍCH", align=CENTER, bold=True, size=14)
    para(doc, "ĐỀ NGHỊ {{ de_nghi }}", align=CENTER, bold=True)
    if collective:
        para(doc, "Tên tập thể đề nghị: {{ ten }}", bold=True)
        para(doc, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", bold=True)
        para(doc, "1. Đặc điểm, tình hình: tên tập thể: {{ ten }}; thuộc: {{ co_quan }}.", indent=True)
        para(doc, "Địa điểm trụ sở chính, điện thoại: {{ cho_viet }}", indent=True)
        para(doc, "2. Chức năng, nhiệm vụ được giao; cơ cấu tổ chức; số cán bộ, công chức, người lao động: {{ cho_viet }}",
             indent=True)
        para(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True)
        para(doc, "1. Kết quả thực hiện các tiêu chuẩn năm {{ nam }}:", indent=True)
        para(doc, "{%p for line in thanh_tich_nam %}")
        para(doc, "- {{ line }}", indent=True)
        para(doc, "{%p endfor %}")
        para(doc, "{%p for line in da_biet %}")
        para(doc, "- {{ line }}", indent=True)
        para(doc, "{%p endfor %}")
        para(doc, "2. Thành tích trong thực hiện nhiệm vụ chính trị, các phong trào thi đua: {{ cho_viet }}",
             indent=True)
    else:
        para(doc, "I. SƠ LƯỢC LÝ LỊCH", bold=True)
        for line in ("- Họ và tên: {{ ten }}    Giới tính: {{ cho_viet }}",
                     "- Sinh ngày: {{ ngay_sinh }}    Dân tộc: {{ cho_viet }}    Tôn giáo: {{ cho_viet }}",
                     "- Quê quán: {{ cho_viet }}", "- Trú quán: {{ cho_viet }}",
                     "- Đơn vị công tác: {{ don_vi }}", "- Chức vụ: {{ chuc_vu }}",
                     "- Trình độ chính trị, chuyên môn, nghiệp vụ; học hàm, học vị: {{ cho_viet }}"):
            para(doc, line, indent=True)
        para(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True)
        para(doc, "1. Quyền hạn, nhiệm vụ được giao: {{ cho_viet }}", indent=True)
        para(doc, "2. Thành tích đạt được (xếp loại, sáng kiến):", indent=True)
        para(doc, "{%p for line in da_biet %}")
        para(doc, "- {{ line }}", indent=True)
        para(doc, "{%p endfor %}")
        para(doc, "- Kết quả thực hiện nhiệm vụ, giải pháp, sáng kiến và hiệu quả: {{ cho_viet }}", indent=True)
    para(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True)
    list_table(doc, "lich_su", [("Năm", "nam", 18), ("Danh hiệu, hình thức khen thưởng", "noi_dung", 80),
                                ("Số, ngày quyết định", "quyet_dinh", 67)])
    para(doc, "")
    t = doc.add_table(rows=1, cols=2)
    unsplittable(t)
    left, right = t.rows[0].cells
    cell_para(left, "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" if collective else "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ",
              align=CENTER, bold=True, size=12)
    cell_para(left, "(Ký, đóng dấu)", align=CENTER, italic=True, size=11, new=True)
    cell_para(right, "{{ nguoi_ky }}", align=CENTER, bold=True, size=12)
    cell_para(right, "(Ký, ghi rõ họ tên)" if not collective else "(Ký, đóng dấu)", align=CENTER, italic=True,
              size=11, new=True)
    for _ in range(4):
        cell_para(right, "", new=True)
    cell_para(right, "" if collective else "{{ ten }}", align=CENTER, bold=True, new=True)
    return doc


TEMPLATES = {"bien_ban_hop_hoi_dong.docx": minutes, "du_thao_quyet_dinh_khen_thuong.docx": decision,
             "to_trinh_de_nghi_khen_thuong.docx": proposal,
             "quyet_dinh_khen_thuong_theo_dot.docx": campaign_decision,
             "bao_cao_thanh_tich_ca_nhan.docx": lambda: achievement(False),
             "bao_cao_thanh_tich_tap_the.docx": lambda: achievement(True)}


def main(year: str) -> None:
    folder = ROOT / "registers" / year / "van_ban"
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in TEMPLATES.items():
        doc = build()
        doc.core_properties.author = "Hội đồng Thi đua – Khen thưởng"
        doc.save(folder / name)
        print(folder / name)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "2024")
