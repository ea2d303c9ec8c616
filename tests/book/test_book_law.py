"""The year's law settings in the book: ``new-year`` writes luat_ap_dung.toml into the sheet "Luật áp dụng –
tiền thưởng" and removes the file; the date the officer types there chooses the rule set, the bonus
parameters are read from it, and a cell that cannot be read is named by sheet and cell."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.__main__ import main
from pipeline.council.bonus import payout
from pipeline.registers.law import bonus_at, rule_set_at, still_to_check
from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR, RegisterError

BOOK = "so_dang_ky_2026.xlsx"
LAW = "Luật áp dụng – tiền thưởng"
WHERE = f"{BOOK}, trang {LAW}"


def _edit(root: Path, **values) -> None:
    """Type values into the law sheet's cells (by the setting's path after ``luat_ap_dung.``)."""
    path = root / "2026" / BOOK
    wb = load_workbook(path)
    ws = wb[LAW]
    for key, value in values.items():
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == f"luat_ap_dung.{key}")
        ws.cell(row, 2).value = value
    wb.save(path)


def test_new_year_moves_the_law_file_into_the_book(made):
    assert not (made / "2026" / "luat_ap_dung.toml").exists()
    ws = load_workbook(made / "2026" / BOOK)[LAW]
    assert ws["A3"].value == "Ngày nhận hồ sơ đề nghị khen thưởng (*)"
    assert ws["B3"].value == dt.datetime(2026, 12, 31) and ws["B3"].number_format == "DD/MM/YYYY"
    assert [ws[f"B{r}"].value for r in range(6, 14)] == [
        "Mục IV.1", None, None, "thị xã Tịnh Biên", "thị xã", "Phòng Nội vụ thị xã Tịnh Biên", "tỉnh An Giang",
        "Sở Nội vụ tỉnh An Giang"]
    law = rule_set_at(2026, made)
    assert (law.code, law.deciding_date, law.plan_section) == ("luat_06_2026", dt.date(2026, 12, 31), "Mục IV.1 ")
    # the law of 2024 (no book) is still read from its TOML file
    assert rule_set_at(2024, REGISTERS_DIR).code == "nd_98_2023"
    assert bonus_at(2024, REGISTERS_DIR).where == "2024/luat_ap_dung.toml, mục [tien_thuong]"


@pytest.mark.parametrize(("received", "code"), [
    (dt.datetime(2025, 6, 30), "nd_98_2023"), (dt.datetime(2025, 7, 1), "nd_152_2025"),
    ("30/09/2026", "nd_152_2025"), ("01/10/2026", "luat_06_2026")])
def test_the_date_typed_in_the_book_chooses_the_rule_set(root, received, code):
    _edit(root, ngay_nhan_ho_so=received)
    law = rule_set_at(2026, root)
    assert law.code == code
    assert law.deciding_date == (received.date() if isinstance(received, dt.datetime)
                                 else dt.datetime.strptime(received, "%d/%m/%Y").date())


def test_bonus_parameters_are_read_back_from_the_book(root):
    before = bonus_at(2026, root)
    assert before.where == WHERE
    assert (before.base_date, before.step, before.amount("LDTT")) == (None, None, None)
    assert before.missing == ("ngày tính lương cơ sở", "bước làm tròn tiền thưởng")
    _edit(root, **{"tien_thuong.ngay_tinh_luong_co_so": dt.datetime(2026, 7, 1), "tien_thuong.buoc_lam_tron": 1000,
                   "tien_thuong.he_so.GK_PHUONG_TT": "0,6", "xac_nhan": "luat_2026_cstdcs"})
    after = bonus_at(2026, root)
    assert (after.base_date, after.step, after.base_pay) == (dt.date(2026, 7, 1), 1000, 2530000)
    assert after.factors["GK_PHUONG_TT"] == 0.6
    assert [after.amount(t) for t in ("LDTT", "GK_PHUONG_TT", "CSTDCS")] == [759000, 1518000, 2530000]
    assert rule_set_at(2026, root).pending_options() == []
    # 30/06/2026: still 2.340.000 đ → 0,3 × = 702.000
    _edit(root, **{"tien_thuong.ngay_tinh_luong_co_so": "30/06/2026"})
    assert bonus_at(2026, root).amount("LDTT") == 702000


def test_not_enough_names_the_books_sheet(root):
    class Case:
        def __init__(self, title):
            self.title, self.kind, self.households = title, "ca_nhan", None
    paid = payout([Case("LDTT")], bonus_at(2026, root), {"LDTT": "Lao động tiên tiến"})
    assert paid.total_text() == "chưa đủ tham số (thiếu: ngày tính lương cơ sở; bước làm tròn tiền thưởng)"
    assert paid.bonus.where == WHERE    # the "Tiền thưởng" sheet says where to write them


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("ngay_nhan_ho_so", "31/13/2026",
     f"{WHERE}, ô B3: Ngày nhận hồ sơ đề nghị khen thưởng: phải là một ngày, đang ghi \"31/13/2026\"; sửa thành "
     "dạng ngày/tháng/năm (dd/mm/yyyy), năm đủ bốn chữ số."),
    ("ngay_nhan_ho_so", None, f"{WHERE}, ô B3: chưa ghi \"Ngày nhận hồ sơ đề nghị khen thưởng\" (bắt buộc)."),
    ("tien_thuong.ngay_tinh_luong_co_so", "mười lăm tháng mười hai",
     f"{WHERE}, ô B14: Ngày tính lương cơ sở: phải là một ngày, đang ghi \"mười lăm tháng mười hai\"; sửa thành "
     "dạng ngày/tháng/năm (dd/mm/yyyy), năm đủ bốn chữ số."),
    ("tien_thuong.buoc_lam_tron", "1000,5",
     f"{WHERE}, ô B15: Bước làm tròn tiền thưởng (đồng): phải là số nguyên, đang ghi 1000,5; sửa thành 1000."),
    ("tien_thuong.he_so.GK_PHUONG_TT", -1,
     f"{WHERE}, ô B22: hệ số phải là số không âm, ví dụ 0.3 (dấu chấm), hoặc để trống \"\"."),
    ("xac_nhan", "khong_co",
     f"{WHERE}, ô B5: bộ quy định luat_06_2026 không có tùy chọn khong_co."),
])
def test_a_bad_law_cell_is_named_by_sheet_and_cell(root, key, value, expected):
    _edit(root, **{key: value})
    with pytest.raises(RegisterError) as err:
        rule_set_at(2026, root) if not key.startswith("tien_thuong.ngay") and "buoc" not in key else bonus_at(2026, root)
    assert err.value.problems == [expected]
    # new-year's checklist and the loader say the same
    assert still_to_check(root, 2026) == [expected]
    if key != "tien_thuong.he_so.GK_PHUONG_TT" and key != "xac_nhan":
        with pytest.raises(RegisterError) as err:
            load_registers(root, 2026)
        assert expected in err.value.problems


def test_a_law_setting_the_book_has_no_row_for_keeps_the_toml_and_writes_no_book(tmp_path, capsys):
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    law = root / "2024" / "luat_ap_dung.toml"
    law.write_text(law.read_text(encoding="utf-8") + "MOI = 0.5\n", encoding="utf-8")   # a code with no row
    assert main(["--registers", str(root), "book", "2024"]) == 2
    assert ("luat_ap_dung.toml: trang \"Luật áp dụng – tiền thưởng\" của sổ không có dòng cho "
            "tien_thuong.he_so.MOI = 0.5; bỏ các mục đó") in capsys.readouterr().err
    assert law.exists() and not (root / "2024" / "so_dang_ky_2024.xlsx").exists()


def test_the_decision_date_is_a_row_of_the_law_sheet(root, made):
    ws = load_workbook(made / "2026" / BOOK)[LAW]
    assert (ws["A4"].value, ws["B4"].value) == ("Ngày xét, quyết định khen thưởng", None)
    assert rule_set_at(2026, made).decided_on == dt.date(2026, 12, 31)      # empty: the reception date
    _edit(root, ngay_nhan_ho_so="25/09/2026", ngay_xet="15/10/2026")
    law = rule_set_at(2026, root)
    assert (law.code, law.favourable.code, law.decided_on) == ("nd_152_2025", "luat_06_2026", dt.date(2026, 10, 15))
    lines = still_to_check(root, 2026)
    assert (f"{WHERE}: ngày xét, quyết định (ô B4) 15/10/2026 → hồ sơ nhận trước ngày hiệu lực 01/10/2026 của Luật "
            "Thi đua, khen thưởng (sửa đổi) số 06/2026/QH16 và Nghị định số 152/2025/NĐ-CP: áp dụng bộ trên, riêng "
            "người nào quy định mới có lợi hơn thì áp dụng quy định mới (quy định chuyển tiếp); tùy chọn chưa xác "
            "nhận thì không áp dụng, kể cả khi có lợi hơn.") in lines
    assert any(line.startswith(f"{WHERE}: chưa áp dụng (Hội đồng xác nhận thì ghi \"luat_2026_cstdcs\" vào ô Tùy chọn "
                               "đã xác nhận (ô B5))") for line in lines)
    _edit(root, ngay_xet="24/09/2026")
    with pytest.raises(RegisterError) as err:
        rule_set_at(2026, root)
    assert err.value.problems == [f"{WHERE}, ô B4: ngày xét, quyết định 24/09/2026 trước ngày nhận hồ sơ 25/09/2026; "
                                  "ghi ngày xét từ ngày nhận hồ sơ trở đi (để trống nếu xét ngay tại ngày nhận hồ sơ), "
                                  "hoặc sửa lại ngày nhận hồ sơ."]


def test_a_place_name_left_empty_is_named_by_its_cell(root):
    _edit(root, **{"dia_phuong.tinh": None})
    with pytest.raises(RegisterError) as err:
        rule_set_at(2026, root)
    assert ("2026-10-01_luat_06_2026.toml: câu \"Chủ tịch Ủy ban nhân dân {tinh}\" cần tên tỉnh mà năm này chưa ghi; "
            f"ghi ở {WHERE}, ô B12.") in err.value.problems


def test_a_place_name_left_empty_in_a_year_without_a_book_names_the_toml_entry(tmp_path):
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    law = root / "2024" / "luat_ap_dung.toml"
    text = law.read_text(encoding="utf-8")
    law.write_text(text.replace('tham_muu_huyen = "Phòng Nội vụ thị xã Tịnh Biên"', 'tham_muu_huyen = ""', 1),
                   encoding="utf-8")
    with pytest.raises(RegisterError) as err:
        rule_set_at(2024, root)
    assert err.value.problems == [
        "2024-01-01_nd_98_2023.toml: câu \"{tham_muu_huyen}.\" cần cơ quan tham mưu cấp huyện mà năm này chưa ghi; "
        "ghi ở 2024/luat_ap_dung.toml, mục [dia_phuong] tham_muu_huyen."]
