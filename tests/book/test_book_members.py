"""The council's members: the book's sheet "Thành viên Hội đồng" (``[[thanh_vien]]`` of hoi_dong.toml in a
year without a book), carried by ``new-year``, listed in the meeting form with a presence column, counted
back from it, and named in the minutes; every mistake named by its cell. Also the law sheet's
bonus-factor rows, one per factor code of the rule sets.

Worked by hand: the meeting form of 2026 has the six meeting fields on rows 4-9 (value in column D:
chair D6, secretary D7, members D8, present D9), a blank row 10, the members' title on row 11, their
headings on row 12 and the nine members on rows 13-21; "Có mặt" is column J."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from pipeline.__main__ import main
from pipeline.awards.samples import SAMPLE_OVERRIDES
from pipeline.book.layout import FACTOR_KEY
from pipeline.council.samples import SAMPLE_FILE
from pipeline.council.settings import load_council
from pipeline.registers.law import bonus_at
from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.registers.new_year import still_to_edit
from pipeline.registers.rules import load_rules
from pipeline.run import consolidate, report
from pipeline.samples import make_samples

BOOK = "so_dang_ky_2026.xlsx"
SHEET = "Thành viên Hội đồng"
WHERE = f"{BOOK}, trang {SHEET}"
LAW_SHEET = "Luật áp dụng – tiền thưởng"
NINE = [
    ("Nguyễn Văn Hùng", "Chủ tịch UBND phường", "Chủ tịch Hội đồng"),
    ("Trần Thị Lan", "Phó Chủ tịch UBND phường", "Phó Chủ tịch Thường trực"),
    ("Lê Văn Bình", "Chủ tịch Ủy ban MTTQ Việt Nam phường", "Phó Chủ tịch Hội đồng"),
    ("Phạm Thị Hoa", "Công chức Văn phòng – Thống kê", "Ủy viên kiêm Thư ký"),
    ("Võ Minh Tâm", "Bí thư Đoàn phường", "Ủy viên"),
    ("Đặng Thị Mai", "Chủ tịch Hội Liên hiệp Phụ nữ phường", "Ủy viên"),
    ("Huỳnh Văn Sang", "Chủ tịch Hội Cựu chiến binh phường", "Ủy viên"),
    ("Ngô Thị Thu", "Chủ tịch Hội Nông dân phường", "Ủy viên"),
    ("Lý Văn Phát", "Công chức Văn hóa – Xã hội", "Ủy viên"),
]


def _write_members(root: Path, members) -> None:
    path = root / "2026" / BOOK
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    for i, member in enumerate(members):
        for j, value in enumerate(member):
            ws.cell(4 + i, 1 + j, value)
    wb.save(path)


def _council_problems(root: Path) -> list[str]:
    with pytest.raises(RegisterError) as exc:
        load_council(load_registers(root, 2026))
    return exc.value.problems


def test_the_sheet_has_locked_headings_and_a_drop_down_of_roles(made):
    ws = openpyxl.load_workbook(made / "2026" / BOOK)[SHEET]
    assert [ws.cell(2, c).value for c in (1, 2, 3)] == ["Họ và tên (*)", "Chức vụ, đơn vị công tác",
                                                      "Chức danh trong Hội đồng (*)"]
    assert ws.protection.sheet and ws["A2"].protection.locked and not ws["A4"].protection.locked
    roles = next(dv for dv in ws.data_validations.dataValidation if "C4" in str(dv.sqref))
    assert roles.formula1 == ('"Chủ tịch Hội đồng,Phó Chủ tịch Hội đồng,Phó Chủ tịch Thường trực,Ủy viên Thường trực,'
                              'Ủy viên,Ủy viên kiêm Thư ký"')
    # the 2024 register lists no members: the new year's book starts empty and the checklist says so
    assert load_council(load_registers(made, 2026)).members == ()
    assert (f"{WHERE}: chưa có thành viên nào; ghi họ tên, chức vụ, chức danh từng thành viên theo quyết định thành "
            "lập, kiện toàn Hội đồng (biểu kết quả họp và biên bản lấy danh sách từ đây).") in still_to_edit(made, 2026)


def test_members_reach_the_form_and_seven_of_nine_marked_reach_the_minutes(root, tmp_path):
    _write_members(root, NINE)
    reg = load_registers(root, 2026)
    assert [m["ho_ten"] for m in load_council(reg).members] == [m[0] for m in NINE]
    rules = load_rules(2026, root).with_overrides(list(SAMPLE_OVERRIDES))
    folder, out = tmp_path / "vao", tmp_path / "ra"
    make_samples(reg, folder)
    (folder / SAMPLE_FILE).unlink()          # no form filled yet: the run writes the blank one
    report(folder, out, reg, sample=True, rules=rules)
    wb = openpyxl.load_workbook(out / "mau_ket_qua_hop_hoi_dong_2026.xlsx")
    ws = wb["Kết quả họp"]
    # the blank form: chair and secretary from the roles, the nine members with an empty "Có mặt"
    assert (ws["D6"].value, ws["D7"].value) == ("Nguyễn Văn Hùng", "Phạm Thị Hoa")
    assert ws["J12"].value == "Có mặt (ghi x)"
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 4).value, ws.cell(r, 9).value, ws.cell(r, 10).value)
            for r in (13, 21)] == [(1, "Nguyễn Văn Hùng", "Chủ tịch UBND phường", "Chủ tịch Hội đồng", None),
                                   (9, "Lý Văn Phát", "Công chức Văn hóa – Xã hội", "Ủy viên", None)]
    assert ws["A23"].value == "STT"       # the decisions' table follows after one blank row
    # filled: seven present (Võ Minh Tâm, row 17, and Lý Văn Phát, row 21, absent), both counts left empty
    for r in range(13, 22):
        ws.cell(r, 10).value = None if r in (17, 21) else "x"
    ws["D8"], ws["D9"] = None, None
    wb.save(folder / SAMPLE_FILE)
    outcome = report(folder, tmp_path / "ra2", reg, sample=True, rules=rules)
    meeting = outcome.council.meeting
    assert (meeting["so_thanh_vien"], meeting["so_du_hop"]) == (9, 7)
    assert not [i for i in outcome.issues if i.code in ("SO_KHAC_DANH_SACH", "CO_MAT_KHONG_RO", "SO_KHONG_HOP_LE")]
    texts = [p.text for p in Document(tmp_path / "ra2" / "van_ban" / "bien_ban_hop_hoi_dong.docx").paragraphs]
    at = texts.index("Thành viên Hội đồng: 09; có mặt: 07.")
    assert texts[at + 1:at + 10] == [
        "Thành viên dự họp (07 người):",
        "1. Nguyễn Văn Hùng, Chủ tịch UBND phường, Chủ tịch Hội đồng;",
        "2. Trần Thị Lan, Phó Chủ tịch UBND phường, Phó Chủ tịch Thường trực;",
        "3. Lê Văn Bình, Chủ tịch Ủy ban MTTQ Việt Nam phường, Phó Chủ tịch Hội đồng;",
        "4. Phạm Thị Hoa, Công chức Văn phòng – Thống kê, Ủy viên kiêm Thư ký;",
        "5. Đặng Thị Mai, Chủ tịch Hội Liên hiệp Phụ nữ phường, Ủy viên;",
        "6. Huỳnh Văn Sang, Chủ tịch Hội Cựu chiến binh phường, Ủy viên;",
        "7. Ngô Thị Thu, Chủ tịch Hội Nông dân phường, Ủy viên.",
        "Vắng mặt (02 người): Võ Minh Tâm, Bí thư Đoàn phường, Ủy viên; Lý Văn Phát, Công chức Văn hóa – Xã hội, "
        "Ủy viên.",
    ]
    assert "Chủ trì: Nguyễn Văn Hùng, Chủ tịch Hội đồng. Thư ký: Phạm Thị Hoa." in texts
    # the form written again keeps the marks and leaves the counted cells empty
    again = openpyxl.load_workbook(tmp_path / "ra2" / "mau_ket_qua_hop_hoi_dong_2026.xlsx")["Kết quả họp"]
    assert [again.cell(r, 10).value for r in range(13, 22)] == ["x", "x", "x", "x", None, "x", "x", "x", None]
    assert (again["D8"].value, again["D9"].value) == (None, None)

    # counts written and different from the list: each named by its cell; an unclear mark stops the counting
    wb = openpyxl.load_workbook(folder / SAMPLE_FILE)
    ws = wb["Kết quả họp"]
    ws["D8"], ws["D9"] = 10, 8
    wb.save(folder / SAMPLE_FILE)
    issues = consolidate(folder, reg, rules).issues
    found = {(i.code, i.cell, i.value, i.message) for i in issues if i.code == "SO_KHAC_DANH_SACH"}
    assert found == {
        ("SO_KHAC_DANH_SACH", "D8", "10", "Số thành viên Hội đồng ghi 10, danh sách thành viên trong biểu đếm được 9; "
                                          "biên bản dùng số đã ghi."),
        ("SO_KHAC_DANH_SACH", "D9", "8", "Số thành viên dự họp ghi 8, danh sách thành viên trong biểu đếm được 7; "
                                         "biên bản dùng số đã ghi."),
    }
    ws["D8"], ws["D9"], ws["J17"] = 9, 7, "muộn"
    wb.save(folder / SAMPLE_FILE)
    result = consolidate(folder, reg, rules)
    unclear = [(i.code, i.cell, i.value) for i in result.issues if i.code in ("SO_KHAC_DANH_SACH", "CO_MAT_KHONG_RO")]
    assert unclear == [("CO_MAT_KHONG_RO", "J17", "muộn")]
    assert (result.council.meeting["so_thanh_vien"], result.council.meeting["so_du_hop"]) == (9, 7)


@pytest.mark.parametrize(("rows", "expected"), [
    ([("", "Bí thư Đoàn phường", "Ủy viên")] + NINE[:1],
     [f"{WHERE}, ô A4: chưa ghi \"Họ và tên\" (bắt buộc) hoặc xóa cả dòng."]),
    ([NINE[0], ("Võ Minh Tâm", "Bí thư Đoàn phường", "")],
     [f"{WHERE}, ô C5: chưa ghi \"Chức danh trong Hội đồng\" (bắt buộc) hoặc xóa cả dòng."]),
    ([NINE[0], ("Võ Minh Tâm", "Bí thư Đoàn phường", "Thư ký")],
     [f"{WHERE}, ô C5: Chức danh trong Hội đồng: giá trị \"Thư ký\" không có trong danh sách; chọn trong ô thả xuống "
      "một trong Chủ tịch Hội đồng, Phó Chủ tịch Hội đồng, Phó Chủ tịch Thường trực, Ủy viên Thường trực, Ủy viên, "
      "Ủy viên kiêm Thư ký."]),
])
def test_a_cell_the_book_cannot_take_is_named(root, rows, expected):
    _write_members(root, rows)
    with pytest.raises(RegisterError) as exc:
        load_registers(root, 2026)
    assert [p for p in exc.value.problems if SHEET in p] == expected


@pytest.mark.parametrize(("rows", "expected"), [
    ([NINE[0], NINE[4], ("võ minh  tâm", "Bí thư Đoàn phường", "Ủy viên")],
     [f"{WHERE}, ô A6: \"võ minh tâm\" ghi hai lần (đã có ở dòng 5); mỗi thành viên chỉ một dòng, xóa dòng thừa."]),
    (NINE[1:3],
     [f"{WHERE}, cột Chức danh trong Hội đồng: danh sách thành viên chưa có ai là \"Chủ tịch Hội đồng\"; chọn chức danh "
      "đó cho người chủ trì Hội đồng."]),
    ([NINE[0], NINE[1], ("Lê Văn Bình", "Chủ tịch Ủy ban MTTQ Việt Nam phường", "Chủ tịch Hội đồng")],
     [f"{WHERE}, ô C6: Hội đồng có 2 người là \"Chủ tịch Hội đồng\" (dòng 4, dòng 6); chỉ giữ một người, người còn "
      "lại chọn chức danh khác."]),
])
def test_a_list_mistake_is_named_by_its_cell(root, rows, expected):
    _write_members(root, rows)
    assert _council_problems(root) == expected


def test_a_book_made_before_the_sheet_reads_as_before(root):
    path = root / "2026" / BOOK
    wb = openpyxl.load_workbook(path)
    del wb[SHEET]
    law = wb[LAW_SHEET]
    ldtt = next(r for r in range(1, law.max_row + 1) if law.cell(r, 4).value == FACTOR_KEY + "LDTT")
    law.delete_rows(ldtt)        # a book written when the sheet had no row for this code
    wb.save(path)
    reg = load_registers(root, 2026)
    assert load_council(reg).members == ()
    assert bonus_at(2026, root).factors["LDTT"] == 0.3      # the rule set's factor, the row being absent


@pytest.fixture
def toml_root(tmp_path) -> Path:
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root, ignore=shutil.ignore_patterns("du_lieu_mau.toml"))
    council = root / "2024" / "hoi_dong.toml"
    council.write_text(council.read_text(encoding="utf-8") + "".join(
        f"\n[[thanh_vien]]\nho_ten = \"{n}\"\nchuc_vu = \"{p}\"\nchuc_danh = \"{r}\"\n" for n, p, r in NINE[:3]),
        encoding="utf-8")
    return root


def test_a_year_without_a_book_lists_members_in_toml_and_new_year_carries_them(toml_root):
    assert [m["chuc_danh"] for m in load_council(load_registers(toml_root, 2024)).members] == [
        "Chủ tịch Hội đồng", "Phó Chủ tịch Thường trực", "Phó Chủ tịch Hội đồng"]
    assert main(["--registers", str(toml_root), "new-year", "2026"]) == 0
    ws = openpyxl.load_workbook(toml_root / "2026" / BOOK)[SHEET]
    assert [[ws.cell(r, c).value for c in (1, 2, 3)] for r in (4, 5, 6)] == [list(m) for m in NINE[:3]]
    assert ws["A7"].value is None
    # the book holds them now: hoi_dong.toml of 2026 keeps its wording, not a second list
    assert not [line for line in (toml_root / "2026" / "hoi_dong.toml").read_text(encoding="utf-8").splitlines()
                if line.startswith("[[thanh_vien]]")]
    assert [m["ho_ten"] for m in load_council(load_registers(toml_root, 2026)).members] == [m[0] for m in NINE[:3]]
    assert (f"{WHERE}: 3 thành viên chép từ năm trước; kiểm tra người đã chuyển công tác, chức vụ mới và quyết định "
            "kiện toàn Hội đồng của năm.") in still_to_edit(toml_root, 2026)


def test_a_toml_mistake_names_the_entry(toml_root):
    council = toml_root / "2024" / "hoi_dong.toml"
    council.write_text(council.read_text(encoding="utf-8").replace('chuc_danh = "Phó Chủ tịch Hội đồng"',
                                                                  'chuc_danh = "Chủ tịch Hội đồng"')
                       + '\n[[thanh_vien]]\nchuc_vu = "Bí thư Đoàn phường"\nchuc_danh = "Ủy viên"\n', encoding="utf-8")
    with pytest.raises(RegisterError) as exc:
        load_council(load_registers(toml_root, 2024))
    assert exc.value.problems == [
        "2024/hoi_dong.toml, [[thanh_vien]] thứ 4, \"ho_ten\": thành viên chưa ghi họ và tên; ghi họ tên hoặc xóa cả "
        "dòng.",
        "2024/hoi_dong.toml, [[thanh_vien]] thứ 3, \"chuc_danh\": Hội đồng có 2 người là \"Chủ tịch Hội đồng\" "
        "(mục thứ 1, mục thứ 3); chỉ giữ một người, người còn lại chọn chức danh khác.",
    ]


def test_the_law_sheet_gains_a_row_when_a_rule_set_gains_a_factor(tmp_path):
    def factor_rows(root: Path) -> list[tuple[str, str]]:
        ws = openpyxl.load_workbook(root / "2026" / BOOK)[LAW_SHEET]
        return [(ws.cell(r, 4).value.removeprefix(FACTOR_KEY), ws.cell(r, 3).value) for r in range(3, ws.max_row + 1)
                if str(ws.cell(r, 4).value or "").startswith(FACTOR_KEY)]

    plain = tmp_path / "a" / "registers"
    shutil.copytree(REGISTERS_DIR, plain, ignore=shutil.ignore_patterns("du_lieu_mau.toml"))
    grown = tmp_path / "b" / "registers"
    shutil.copytree(plain, grown)
    decree = grown / "luat" / "2025-07-01_nd_152_2025.toml"
    text = decree.read_text(encoding="utf-8")
    decree.write_text(text.replace("[tien_thuong.he_so]\n", "[tien_thuong.he_so]\nHE_SO_THU = 0.25\n", 1),
                      encoding="utf-8")
    for root in (plain, grown):
        assert main(["--registers", str(root), "new-year", "2026"]) == 0
    before, after = factor_rows(plain), factor_rows(grown)
    assert after[:len(before)] == before and len(after) == len(before) + 1
    # the set of 01/07/2025 names it (the 2026 set inherits it); no award rule has that code, so the code is its name
    assert after[-1] == ("HE_SO_THU", "HE_SO_THU; bộ quy định ghi từ 01/07/2025: 0,25; từ 01/10/2026: 0,25; × lương "
                                      "cơ sở; chỉ ghi khi bộ quy định để trống; 0 = không thưởng tiền")
    ldtt = next(note for code, note in before if code == "LDTT")
    assert ldtt == ("Lao động tiên tiến, cá nhân; bộ quy định ghi từ 01/01/2024: 0,3; từ 01/07/2025: 0,3; từ "
                    "01/10/2026: 0,3; × lương cơ sở; chỉ ghi khi bộ quy định để trống; 0 = không thưởng tiền")
    # the row is read back: a value written there reaches the bonus when the rule set leaves it empty
    assert bonus_at(2026, grown).factors["HE_SO_THU"] == 0.25


def test_new_year_from_a_year_with_a_book_carries_the_members_and_moves_the_dates(root, capsys):
    _write_members(root, NINE)
    assert main(["--registers", str(root), "new-year", "2027"]) == 0
    folder = root / "2027"
    assert sorted(p.name for p in folder.glob("*.xlsx")) == ["so_dang_ky_2027.xlsx"]
    assert (root / "2026" / BOOK).exists()
    wb = openpyxl.load_workbook(folder / "so_dang_ky_2027.xlsx")
    ws = wb[SHEET]
    assert [[ws.cell(r, c).value for c in (1, 2, 3)] for r in range(4, 13)] == [list(m) for m in NINE]
    reg = load_registers(root, 2027)
    assert [m["ho_ten"] for m in load_council(reg).members] == [m[0] for m in NINE]
    first = reg.periods[0]
    assert (first.start.isoformat(), first.end.isoformat(), first.label) == ("2027-01-01", "2027-06-30",
                                                                            "Đợt 1 - đến 30/06/2027")
    # the 2026 placeholders left unfilled stay single placeholders of 2027
    assert reg.to_fill[0] == "số, ngày Kế hoạch thi đua năm 2027"
    out = capsys.readouterr().out
    assert ("so_dang_ky_2027.xlsx, trang Thành viên Hội đồng: 9 thành viên chép từ năm trước; kiểm tra người đã "
            "chuyển công tác, chức vụ mới và quyết định kiện toàn Hội đồng của năm.") in out
    head = (folder / "hoi_dong.toml").read_text(encoding="utf-8").splitlines()
    assert head[0].startswith("# Năm 2027 có sổ đăng ký so_dang_ky_2027.xlsx") and not head[3].startswith("# Năm")


def test_the_minutes_say_no_one_was_absent_when_every_member_is_marked_present():
    from pipeline.council.documents import _attendance
    members = [{"ho_ten": name, "chuc_vu": position, "chuc_danh": role, "co_mat": True} for name, position, role in NINE[:2]]
    assert _attendance(members) == [
        "Thành viên dự họp (02 người):",
        "1. Nguyễn Văn Hùng, Chủ tịch UBND phường, Chủ tịch Hội đồng;",
        "2. Trần Thị Lan, Phó Chủ tịch UBND phường, Phó Chủ tịch Thường trực.",
        "Vắng mặt: không.",
    ]
    members[1]["co_mat"] = False
    assert _attendance(members)[-1] == "Vắng mặt (01 người): Trần Thị Lan, Phó Chủ tịch UBND phường, Phó Chủ tịch Thường trực."
