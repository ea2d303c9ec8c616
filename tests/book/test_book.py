"""The year's book as the officer uses it: ``new-year`` writes it, the officer edits cells (here with
openpyxl), and templates, the report and the Word documents show the edits; every mistake names the
sheet and the cell; a placeholder left makes every document a draft; a business and a Party office
are registered and assessed from the book alone; 2024's book gives the same registers as its TOML."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from pipeline.__main__ import main
from pipeline.awards.samples import write_award_report
from pipeline.registers.law import bonus_at, rule_set_at
from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.registers.rules import load_rules
from pipeline.run import consolidate

BOOK = "so_dang_ky_2026.xlsx"
SETTINGS = "Cơ quan – Hội đồng"


def _setting(ws, key: str):
    return next(ws.cell(r, 2) for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == key)


def _cell(ws, key: str, code: str | None = None, row: int | None = None):
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == key)
    if row is None:
        row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == code)
    return ws.cell(row, col)


def _first_empty(ws) -> int:
    return next(r for r in range(4, ws.max_row + 2) if ws.cell(r, 1).value is None)


def _edit(root: Path, changes) -> None:
    path = root / "2026" / BOOK
    wb = load_workbook(path)
    changes(wb)
    wb.save(path)


def _problems(root: Path) -> list[str]:
    with pytest.raises(RegisterError) as exc:
        load_registers(root, 2026)
    return exc.value.problems


def test_the_book_has_a_sheet_per_concern_drop_downs_and_locked_headings(made):
    wb = load_workbook(made / "2026" / BOOK)
    assert wb.sheetnames == ["Hướng dẫn", SETTINGS, "Thành viên Hội đồng", "Luật áp dụng – tiền thưởng", "Đơn vị", "Loại đơn vị",
                             "Kỳ báo cáo", "Đợt thi đua", "Loại báo cáo", "Chỉ tiêu", "Danh hiệu – tham số"]
    units = wb["Đơn vị"]
    assert units.protection.sheet and units.protection.password is None
    assert units["A2"].protection.locked and units["A3"].protection.locked and not units["A4"].protection.locked
    assert not units.column_dimensions["C"].protection.locked    # rows added below stay open
    assert units.row_dimensions[3].hidden
    kinds = {str(v.sqref): v.formula1 for v in units.data_validations.dataValidation}
    assert kinds == {"C4:C503": "'Loại đơn vị'!$A$4:$A$64"}
    targets = wb["Chỉ tiêu"]
    ops = next(v for v in targets.data_validations.dataValidation if str(v.sqref).startswith("E"))
    assert ops.formula1 == '">=,>,<=,<,=="'
    assert _cell(targets, "so_sanh", "CT07").value == "=="   # text, not a formula
    settings = wb[SETTINGS]
    assert _setting(settings, "co_quan.co_quan.loai_dia_phuong").value == "phường"
    assert _setting(settings, "co_quan.co_quan.chu_tich").value == "Phạm Văn Ngon"
    params = wb["Danh hiệu – tham số"]
    assert _cell(params, "gia_tri", "ldtt_xep_loai").value == "HTXSNV; HTTNV"
    assert params["A4"].protection.locked and not _cell(params, "gia_tri", "ldtt_xep_loai").protection.locked


def test_an_unfilled_new_year_makes_every_document_a_draft_naming_what_is_missing(made, tmp_path):
    assert main(["--registers", str(made), "report", "--nam", "2026", "--output", str(tmp_path / "out")]) in (0, 1)
    decision = Document(tmp_path / "out" / "van_ban" / "du_thao_quyet_dinh_khen_thuong.docx")
    assert decision.paragraphs[0].text == (
        "DỰ THẢO – DỮ LIỆU MẪU (sổ đăng ký còn thiếu: số, ngày Kế hoạch thi đua năm 2026; tên đợt thi đua đặc biệt "
        "năm 2026, hoặc xóa dòng này; chỉ tiêu CT02 do cấp trên giao năm 2026 (năm trước: Thu cân đối theo chỉ tiêu "
        "huyện giao là 428.000.000 đồng); chỉ tiêu CT34 do cấp trên giao năm 2026 (năm trước: Giao quân đạt chỉ tiêu "
        "thị xã giao))")
    texts = [p.text for p in decision.paragraphs]
    assert "Căn cứ «cần điền: số, ngày Kế hoạch thi đua năm 2026»;" in texts
    cover = load_workbook(tmp_path / "out" / "bao_cao_thi_dua_2026.xlsx")["Tổng quan"]
    lines = [c.value for row in cover.iter_rows(max_row=10) for c in row if isinstance(c.value, str)]
    assert any(line.startswith("DỰ THẢO – sổ đăng ký còn thiếu: số, ngày Kế hoạch thi đua năm 2026; ") for line in lines)


def test_edits_in_the_book_reach_templates_report_and_documents(root, tmp_path):
    def edit(wb):
        s = wb[SETTINGS]
        _setting(s, "co_quan.co_quan.loai_dia_phuong").value = "xã"
        _setting(s, "co_quan.co_quan.ten").value = "Tân Hòa"
        _setting(s, "co_quan.co_quan.chu_tich").value = "Lê Văn Tâm"
        _setting(s, "targets.van_ban").value = "Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND xã Tân Hòa"
        for key in ("hoi_dong.quyet_dinh.can_cu", "hoi_dong.to_trinh.can_cu"):
            cell = _setting(s, key)
            cell.value = cell.value.replace("«cần điền: số, ngày Kế hoạch thi đua năm 2026»",
                                            "Kế hoạch số 12/KH-UBND ngày 15 tháng 01 năm 2026")
        campaigns = wb["Đợt thi đua"]
        campaigns.delete_rows(_cell(campaigns, "ma", "dot_dac_biet").row)
        t = wb["Chỉ tiêu"]
        _cell(t, "noi_dung", "CT02").value = "Thu cân đối theo chỉ tiêu tỉnh giao là 450.000.000 đồng"
        _cell(t, "chi_tieu", "CT02").value = "450.000.000"
        _cell(t, "noi_dung", "CT34").value = "Giao quân đạt chỉ tiêu tỉnh giao"
        _cell(t, "chi_tieu", "CT34").value = "100%"
        _cell(t, "chi_tieu", "CT01").value = "2,6"
        _cell(t, "chi_tieu", "CT05").value = "93,5%"
    _edit(root, edit)
    reg = load_registers(root, 2026)
    assert reg.to_fill == ()
    assert reg.settings["co_quan"]["ten_co_quan"] == "ỦY BAN NHÂN DÂN XÃ TÂN HÒA"
    assert reg.settings["co_quan"]["hoi_dong"] == "Hội đồng Thi đua – Khen thưởng xã Tân Hòa"
    assert (reg.settings["van_ban"]["co_quan_chu_quan"], reg.settings["van_ban"]["ho_ten_nguoi_ky"],
            reg.settings["van_ban"]["dia_danh"]) == ("UBND XÃ TÂN HÒA", "Lê Văn Tâm", "Tân Hòa")
    values = {t.code: t.value for t in reg.targets}
    assert (values["CT01"], values["CT02"], values["CT05"], values["CT34"]) == (2.6, 450000000.0, 93.5, 100.0)
    assert [p["ma"] for p in reg.emulation_phases] == ["dot_thi_dua_1", "dot_thi_dua_2"]

    assert main(["--registers", str(root), "templates", "--output", str(tmp_path / "tpl")]) == 0
    form = load_workbook(tmp_path / "tpl" / "binh_xet_cuoi_nam_VPTK_Van_phong_Thong_ke.xlsx").worksheets[0]
    assert form["A2"].value == "(Hội đồng Thi đua – Khen thưởng xã Tân Hòa)"

    assert main(["--registers", str(root), "report", "--output", str(tmp_path / "out")]) in (0, 1)
    decision = Document(tmp_path / "out" / "van_ban" / "du_thao_quyet_dinh_khen_thuong.docx")
    texts = [p.text for p in decision.paragraphs]
    assert texts[0] == "DỰ THẢO – DỮ LIỆU MẪU"   # a sample run; nothing is missing from the book
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN HÒA" in texts
    assert "Căn cứ Kế hoạch số 12/KH-UBND ngày 15 tháng 01 năm 2026;" in texts
    # the council's fixed sentences follow the commune's kind set in the book
    assert "Theo đề nghị của Hội đồng Thi đua – Khen thưởng xã tại cuộc họp ngày 18/12/2026." in texts
    assert any("trích từ Quỹ thi đua, khen thưởng của xã." in t for t in texts)   # the rule set's {xa}, from the book
    minutes = Document(tmp_path / "out" / "van_ban" / "bien_ban_hop_hoi_dong.docx")
    assert ("Họp Hội đồng Thi đua – Khen thưởng xã xét danh hiệu thi đua, hình thức khen thưởng năm 2026"
            in [p.text for p in minutes.paragraphs])
    header = [c.text for row in decision.tables[0].rows for c in row.cells]
    assert header == ["ỦY BAN NHÂN DÂN\nXÃ TÂN HÒA\n————\nSố:       /QĐ-UBND",
                      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n————————\n"
                      "Tân Hòa, ngày      tháng      năm 2026"]
    signature = [c.text for row in decision.tables[1].rows for c in row.cells]
    assert any(text.endswith("Lê Văn Tâm") for text in signature)
    assert not (tmp_path / "out" / "van_ban" / "quyet_dinh_khen_thuong_theo_dot_dot_dac_biet.docx").exists()


@pytest.mark.parametrize("sheet, key, code, value, expected", [
    ("Đơn vị", "loai", "TCKT", "doanhnghiep",
     "so_dang_ky_2026.xlsx, trang Đơn vị, ô C8: loai \"doanhnghiep\" không có trong danh sách loại đơn vị; chọn một "
     "trong khom, ban_nganh, co_quan_dang, truong_hoc, y_te, mat_tran, doan_the, hoi, luc_luong_vu_trang, doanh_nghiep."),
    ("Đơn vị", "ma", "KH02", "KH01", "so_dang_ky_2026.xlsx, trang Đơn vị, ô A5: mã đơn vị \"KH01\" bị trùng."),
    ("Đơn vị", "tiep_noi", "KH01", "2026:KH01",
     "so_dang_ky_2026.xlsx, trang Đơn vị, ô F4: tiep_noi \"2026:KH01\" phải chỉ một năm trước năm 2026."),
    ("Chỉ tiêu", "chi_tieu", "CT03", "sáu mươi",
     "so_dang_ky_2026.xlsx, trang Chỉ tiêu, ô F6: Chỉ tiêu: phải là một con số, đang ghi \"sáu mươi\"; sửa thành một "
     "số, ví dụ 40,6 hoặc 93,5."),
    ("Chỉ tiêu", "so_sanh", "CT03", "≥",
     "so_dang_ky_2026.xlsx, trang Chỉ tiêu, ô E6: So sánh: giá trị \"≥\" không có trong danh sách; chọn trong ô thả "
     "xuống một trong >=, >, <=, <, ==."),
    ("Chỉ tiêu", "don_vi_bao_cao", "CT03", "VPTK; XX99",
     "so_dang_ky_2026.xlsx, trang Chỉ tiêu, ô M6: đơn vị báo cáo \"XX99\" không có trong trang Đơn vị."),
    ("Chỉ tiêu", "luy_ke", "CT03", "chắc có",
     "so_dang_ky_2026.xlsx, trang Chỉ tiêu, ô N6: Lũy kế trong năm: chỉ ghi Có hoặc Không, đang ghi \"chắc có\"; "
     "chọn trong ô thả xuống."),
    ("Kỳ báo cáo", "han_nop", "dot1", "31/13/2026",
     "so_dang_ky_2026.xlsx, trang Kỳ báo cáo, ô F4: Hạn nộp: phải là một ngày, đang ghi \"31/13/2026\"; sửa thành "
     "dạng ngày/tháng/năm (dd/mm/yyyy), năm đủ bốn chữ số."),
    ("Kỳ báo cáo", "cuoi_nam", "dot1", "Có",
     "so_dang_ky_2026.xlsx, trang Kỳ báo cáo, cột Kỳ tổng kết cuối năm: phải có đúng một kỳ cuoi_nam = true (kỳ tổng kết)."),
    ("Chỉ tiêu", "ma", "CT02", "CT01", "so_dang_ky_2026.xlsx, trang Chỉ tiêu, ô A5: mã chỉ tiêu bị trùng."),
    (SETTINGS, "periods.nam", None, 2025, "so_dang_ky_2026.xlsx, trang Cơ quan – Hội đồng, ô B25: \"nam\" phải là 2026 "
     "(năm của thư mục)."),
    (SETTINGS, "co_quan.co_quan.loai_dia_phuong", None, "thị trấn",
     "so_dang_ky_2026.xlsx, trang Cơ quan – Hội đồng, ô B3: Loại đơn vị hành chính: giá trị \"thị trấn\" không có "
     "trong danh sách; chọn trong ô thả xuống một trong phường, xã, đặc khu."),
    (SETTINGS, "co_quan.co_quan.chu_tich", None, None,
     "so_dang_ky_2026.xlsx, trang Cơ quan – Hội đồng, ô B7: chưa ghi \"Họ tên Chủ tịch UBND (người ký)\" (bắt buộc)."),
    (SETTINGS, "periods.ngay_so_lieu_goc", None, "31-12-25",
     "so_dang_ky_2026.xlsx, trang Cơ quan – Hội đồng, ô B26: Ngày số liệu gốc (so sánh tăng, giảm): phải là một ngày, "
     "đang ghi \"31-12-25\"; sửa thành dạng ngày/tháng/năm (dd/mm/yyyy), năm đủ bốn chữ số."),
])
def test_each_mistake_names_the_sheet_and_the_cell(root, sheet, key, code, value, expected):
    def edit(wb):
        ws = wb[sheet]
        (_setting(ws, key) if sheet == SETTINGS else _cell(ws, key, code)).value = value
    _edit(root, edit)
    assert _problems(root) == [expected]


def test_a_percent_cell_and_text_numbers_are_understood(root):
    def edit(wb):
        t = wb["Chỉ tiêu"]
        cell = _cell(t, "chi_tieu", "CT05")
        cell.value, cell.number_format = 0.935, "0.0%"          # Excel's own percent: 93,5 %
        _cell(t, "chi_tieu", "CT03").value = "1.234,5"          # thousands dot and decimal comma
        _cell(wb["Danh hiệu – tham số"], "gia_tri", "ttldtt_ty_le_ldtt").value = "0,6"
    _edit(root, edit)
    reg = load_registers(root, 2026)
    assert {t.code: t.value for t in reg.targets if t.code in ("CT03", "CT05")} == {"CT03": 1234.5, "CT05": 93.5}
    assert load_rules(2026, root).params["ttldtt_ty_le_ldtt"] == 0.6


def test_a_business_and_a_party_office_from_the_book_alone(root, tmp_path):
    def edit(wb):
        units = wb["Đơn vị"]
        for code, name, kind in (("DN01", "Công ty TNHH Minh Phát", "doanh_nghiep"),
                                 ("DU01", "Văn phòng Đảng ủy", "co_quan_dang")):
            row = _first_empty(units)
            for key, value in (("ma", code), ("ten", name), ("loai", kind)):
                _cell(units, key, row=row).value = value
        # the council considers its Party offices for the chairman's giấy khen only
        _cell(wb["Loại đơn vị"], "danh_hieu", "co_quan_dang").value = "GK_PHUONG_TT"
    _edit(root, edit)
    reg = load_registers(root, 2026)
    assert [(u.code, u.kind, u.reports) for u in reg.units[-2:]] == [
        ("DN01", "doanh_nghiep", ("dang_ky_thi_dua", "binh_xet")), ("DU01", "co_quan_dang", ("dang_ky_thi_dua", "binh_xet"))]
    assert reg.targets_for("DN01") == () and reg.report_kind_of(reg.unit("DN01")) is None
    kind = next(k for k in reg.unit_kinds if k.code == "doanh_nghiep")
    assert (kind.name, kind.titles) == ("Doanh nghiệp", ("TTLDTT", "TTLDXS", "GK_PHUONG_TT"))

    assert main(["--registers", str(root), "templates", "--output", str(tmp_path / "tpl")]) == 0
    mine = sorted(p.name for p in (tmp_path / "tpl").iterdir() if "DN01" in p.name)
    assert mine == ["binh_xet_cuoi_nam_DN01_Cong_ty_TNHH_Minh_Phat.xlsx", "dang_ky_thi_dua_DN01_Cong_ty_TNHH_Minh_Phat.xlsx",
                    "de_nghi_khen_theo_dot_dot_dac_biet_DN01_Cong_ty_TNHH_Minh_Phat.xlsx",
                    "de_nghi_khen_theo_dot_dot_thi_dua_1_DN01_Cong_ty_TNHH_Minh_Phat.xlsx",
                    "de_nghi_khen_theo_dot_dot_thi_dua_2_DN01_Cong_ty_TNHH_Minh_Phat.xlsx"]   # no indicator report

    rules = load_rules(2026, root)
    vao = tmp_path / "vao"
    vao.mkdir()
    people = [{"ho_ten": name, "ngay_sinh": dt.date(1985 + i, 5, 1), "chuc_vu": "Nhân viên", "doi_tuong": "nguoi_lao_dong",
               "ngay_bat_dau": dt.date(2015, 1, 1), "xep_loai": "HTTNV", "doan_ket": "co", "danh_hieu": "LDTT",
               "hinh_thuc": "khong"} for i, name in enumerate(("Trần Văn Một", "Lê Thị Hai"))]
    for code, members in (("DN01", people), ("DU01", people[:1])):
        write_award_report(reg, "binh_xet", code, dt.date(2026, 12, 10),
                           {"xep_loai_tap_the": "HTTNV", "phong_trao": "co", "doan_ket_tap_the": "co",
                            "dh_tap_the": "TTLDTT", "ht_tap_the": "khong"}, members, vao / f"binh_xet_{code}.xlsx", tmp_path)
    c = consolidate(vao, reg, rules)
    party = next(d for d in c.awards.decisions if d.title == "TTLDTT" and d.unit == "DU01")
    assert (party.subject, party.outcome) == ("Văn phòng Đảng ủy", "du_dieu_kien")   # assessed; the council decides
    [told] = [i for i in c.issues if i.code == "DANH_HIEU_KHONG_MO"]
    assert (told.unit, told.file, told.message) == (
        "DU01", "binh_xet_DU01.xlsx", "Tập thể lao động tiên tiến không có trong các danh hiệu, hình thức xét cho loại "
        "đơn vị \"Cơ quan Đảng trực thuộc Đảng ủy\" (Giấy khen của Chủ tịch UBND phường).")
    assert (told.cell, told.column) == ("D11", "Danh hiệu tập thể đề nghị")
    group = next(d for d in c.awards.decisions if d.title == "TTLDTT" and d.unit == "DN01")
    assert (group.subject, group.outcome) == ("Công ty TNHH Minh Phát", "du_dieu_kien")
    share = next(x for x in group.criteria if x.code == "ty_le_ldtt")
    assert share.text == "2/2 cá nhân đạt Lao động tiên tiến (100,00%), cần trên 50,00%"
    assert sorted((d.subject, d.outcome) for d in c.awards.decisions if d.title == "LDTT" and d.unit == "DN01") == [
        ("Lê Thị Hai", "du_dieu_kien"), ("Trần Văn Một", "du_dieu_kien")]


def test_2024s_book_gives_the_same_registers_as_its_toml(tmp_path, capsys):
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    before, rules_before = load_registers(root, 2024), load_rules(2024, root)
    law_before, bonus_before = rule_set_at(2024, root), bonus_at(2024, root)
    assert main(["--registers", str(root), "book", "2024"]) == 0
    assert ("units.toml, periods.toml, targets.toml, co_quan.toml, luat_ap_dung.toml của năm 2024 không còn được đọc"
            in capsys.readouterr().out)
    # the law settings are read from the book's sheet now, and say the same
    assert rule_set_at(2024, root) == law_before
    bonus_after = bonus_at(2024, root)
    assert bonus_after.where == "so_dang_ky_2024.xlsx, trang Luật áp dụng – tiền thưởng"
    assert replace(bonus_after, where=bonus_before.where) == bonus_before
    after, rules_after = load_registers(root, 2024), load_rules(2024, root)
    assert list(after.versions) == ["2024/so_dang_ky_2024.xlsx"]
    for field in ("units", "unit_kinds", "periods", "report_kinds", "targets", "plan_reference", "emulation_phases",
                  "baseline_date", "plausibility", "to_fill"):
        assert getattr(after, field) == getattr(before, field), field
    # an empty cell is an absent setting: "" in the TOML (ngay_lap, han_gui_lai) reads the same
    assert _filled(after.settings) == _filled(before.settings)
    assert rules_after.params == rules_before.params
    assert main(["--registers", str(root), "book", "2024"]) == 2   # never overwritten


def _filled(value):
    if isinstance(value, dict):
        return {k: _filled(v) for k, v in value.items() if v != ""}
    return value


def test_toml_saved_by_notepad_is_read_or_named_with_the_fix(tmp_path):
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    units = root / "2024" / "units.toml"
    text = units.read_text(encoding="utf-8")
    units.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))        # Notepad's "UTF-8" (with BOM) is fine
    assert len(load_registers(root, 2024).units) == 18
    units.write_bytes(text.encode("cp1258", errors="replace"))       # an ANSI save
    line = text[:next(i for i, ch in enumerate(text) if ord(ch) > 127)].count("\n") + 1   # the first letter with a diacritic
    with pytest.raises(RegisterError) as exc:
        load_registers(root, 2024)
    assert exc.value.problems == [
        f"Tệp {units}, dòng {line}: tệp không lưu bằng mã UTF-8 (có lẽ đã lưu kiểu ANSI hoặc Windows-1258 nên chữ có "
        "dấu bị hỏng). Mở tệp bằng Notepad, chọn File > Save As, ở ô Encoding chọn UTF-8, lưu đè rồi chạy lại."]
    units.write_text(text, encoding="utf-8")
    targets = root / "2024" / "targets.toml"
    source = targets.read_text(encoding="utf-8")
    targets.write_text(source.replace("chi_tieu = 2.5\n", "chi_tieu = 2,5\n", 1), encoding="utf-8")
    line = source[:source.index("chi_tieu = 2.5\n")].count("\n") + 1
    with pytest.raises(RegisterError) as exc:
        load_registers(root, 2024)
    assert exc.value.problems == [f"Tệp {targets}, dòng {line}: số \"2,5\" viết dấu phẩy; trong tệp .toml số lẻ viết "
                                  "dấu chấm: sửa thành chi_tieu = 2.5"]
    targets.write_text(source.replace('dvt = "%"\n', "dvt = phần trăm\n", 1), encoding="utf-8")
    line = source[:source.index('dvt = "%"\n')].count("\n") + 1
    with pytest.raises(RegisterError) as exc:
        load_registers(root, 2024)
    assert exc.value.problems == [f"Tệp {targets}, dòng {line}: chữ \"phần trăm\" chưa đặt trong dấu ngoặc kép; sửa "
                                  "thành dvt = \"phần trăm\""]
