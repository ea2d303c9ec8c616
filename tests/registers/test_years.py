"""A year is a folder: another year's registers load on their own, ``new-year`` starts one from the
latest year with every date moved forward, and the roles an evaluation needs are checked."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from pipeline.__main__ import main
from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.registers.new_year import shift_text, start_year
from pipeline.registers.rules import load_rules


@pytest.fixture
def root(tmp_path):
    out = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, out, ignore=shutil.ignore_patterns("du_lieu_mau.toml"))
    return out


def test_shift_moves_campaign_years_but_not_legal_numbers():
    text = ('nam = 2024\nngay_so_lieu_goc = 2023-12-31\nhan_nop = 2025-01-06\nphien_ban = "2024.1"\n'
            'nhan = "Cả năm - đến 31/12/2024"\nten = "Đợt 01 (từ tháng 01 đến tháng 06/2024)"\n'
            'mo_ta = "Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV; Luật số 06/2022/QH15"\n'
            'ghi = "kỷ niệm (1839 - 2022); năm 2024; số tại 31/12/2023"\nngay = 2024-02-29\n'
            'can_cu = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"\n'
            'van_ban = "Kế hoạch số 34/KH-UBND ngày 07/3/2024 của UBND phường"\n')
    assert shift_text(text, 2024, 2) == (
        'nam = 2026\nngay_so_lieu_goc = 2025-12-31\nhan_nop = 2027-01-06\nphien_ban = "2026.1"\n'
        'nhan = "Cả năm - đến 31/12/2026"\nten = "Đợt 01 (từ tháng 01 đến tháng 06/2026)"\n'
        'mo_ta = "Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV; Luật số 06/2022/QH15"\n'
        'ghi = "kỷ niệm (1839 - 2022); năm 2026; số tại 31/12/2025"\nngay = 2026-02-28\n'
        'can_cu = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"\n'
        'van_ban = "Kế hoạch số 34/KH-UBND ngày 07/3/2024 của UBND phường"\n')


def test_new_year_copies_moves_dates_and_sets_the_year_in_force(root, capsys):
    assert main(["--registers", str(root), "new-year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "Đã tạo sổ đăng ký năm 2026" in out and "so_dang_ky_2026.xlsx, trang Chỉ tiêu" in out and "ldtt_max_ratio" in out
    # the book holds units, periods, targets and the body whole: their TOML files are gone, not a second place to edit
    assert sorted(p.name for p in (root / "2026").iterdir()) == ["award_rules.toml", "hoi_dong.toml",
                                                                "so_dang_ky_2026.xlsx", "van_ban"]
    assert "nam_hien_hanh = 2026" in (root / "settings.toml").read_text(encoding="utf-8")
    reg = load_registers(root)
    assert reg.year == 2026
    assert reg.baseline_date == dt.date(2025, 12, 31)
    assert [(p.code, p.label, p.start, p.end, p.deadline) for p in reg.periods] == [
        ("dot1", "Đợt 1 - đến 30/06/2026", dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 7, 5)),
        ("ca_nam", "Cả năm - đến 31/12/2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2027, 1, 6))]
    assert reg.targets[0].inputs["so_goc"].endswith("tại 31/12/2025")
    assert list(reg.versions) == ["2026/so_dang_ky_2026.xlsx"] and reg.versions["2026/so_dang_ky_2026.xlsx"].startswith("2026.1 ")
    # what belonged to 2024 alone is a visible placeholder, and the year is a draft until it is filled
    assert reg.plan_reference == "«cần điền: số, ngày Kế hoạch thi đua năm 2026»"
    assert reg.to_fill == ("số, ngày Kế hoạch thi đua năm 2026",
                           "tên đợt thi đua đặc biệt năm 2026, hoặc xóa dòng này",
                           "chỉ tiêu CT02 do cấp trên giao năm 2026 (năm trước: Thu cân đối theo chỉ tiêu huyện giao là "
                           "428.000.000 đồng)",
                           "chỉ tiêu CT34 do cấp trên giao năm 2026 (năm trước: Giao quân đạt chỉ tiêu thị xã giao)")
    assert [t.value for t in reg.targets if t.code in ("CT01", "CT02", "CT34")] == [2.5, None, None]
    assert [p["ten"] for p in reg.emulation_phases] == ["Đợt 01 (từ tháng 01 đến tháng 06/2026)",
                                                      "Đợt 02 (từ tháng 07 đến tháng 12/2026)",
                                                      "«cần điền: tên đợt thi đua đặc biệt năm 2026, hoặc xóa dòng này»"]
    assert load_rules(2026, root).version == "2026.1"
    assert not (root / "2026" / "du_lieu_mau.toml").exists()
    # the older year still loads, with its own dates
    old = load_registers(root, 2024)
    assert (old.year, old.final_period.deadline) == (2024, dt.date(2025, 1, 6))


def test_new_year_refuses_to_overwrite(root, capsys):
    assert main(["--registers", str(root), "new-year", "2024"]) == 2
    assert "Đã có sổ đăng ký năm 2024" in capsys.readouterr().err
    with pytest.raises(RegisterError) as exc:
        start_year(root, 2020)
    assert exc.value.problems == [f"Không có sổ đăng ký của năm nào trước năm 2020 trong {root} để sao chép."]


def test_a_year_without_a_folder_is_a_clear_setup_error(root, capsys):
    assert main(["--registers", str(root), "report", "--nam", "2031", "--output", str(root / "o")]) == 2
    err = capsys.readouterr().err
    assert f"Chưa có sổ đăng ký năm 2031 (thư mục {root / '2031'}). Tạo bằng lệnh \"make new-year YEAR=2031\"" in err
    assert not (root / "o").exists()


def test_units_are_per_year(root):
    start_year(root, 2025)
    units = root / "2025" / "units.toml"
    units.write_text(units.read_text(encoding="utf-8") + '\n[[don_vi]]\nma = "KH04"\nten = "Khóm Mới"\nloai = "khom"\n'
                     'bao_cao = ["chi_tieu_khom"]\n', encoding="utf-8")
    assert [u.code for u in load_registers(root, 2025).khom] == ["KH01", "KH02", "KH03", "KH04"]
    assert [u.code for u in load_registers(root, 2024).khom] == ["KH01", "KH02", "KH03"]


def test_roles_locate_the_figures_khom_culture_reuses(reg):
    assert reg.role("tong_so_ho") == ("CT05", "mau_so")
    assert reg.role("so_ho_gdvh") == ("CT29", "so_hien_tai")
    assert reg.role("so_nguoi_do_tuoi_lao_dong") == ("CT22", "mau_so")
    assert reg.role("khong_co") is None


def test_a_missing_or_doubled_role_is_refused(root):
    path = root / "2024" / "targets.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('vai_tro = { so_hien_tai = "so_ho_gdvh" }\n', "")
    text = text.replace('vai_tro = { so_hien_tai = "so_ho_ngheo" }', 'vai_tro = { so_hien_tai = "tong_so_ho", so_goc = "ho" }')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegisterError) as exc:
        load_registers(root)
    assert exc.value.problems == [
        "2024/targets.toml, chỉ tiêu CT24: vai_tro \"ho\" không có; chọn một trong tong_so_ho, so_ho_gdvh, so_ho_ngheo, "
        "so_ho_can_ngheo, so_nguoi_co_viec_lam, so_nguoi_do_tuoi_lao_dong, so_don_hoa_giai_ton.",
        "2024/targets.toml: vai trò \"tong_so_ho\" (Tổng số hộ) ghi ở nhiều chỉ tiêu: CT05, CT24; chỉ giữ ở một chỉ tiêu.",
        "2024/targets.toml: xét khóm văn hóa cần số liệu \"Số hộ gia đình văn hóa\" nhưng chưa chỉ tiêu nào giữ vai trò "
        "\"so_ho_gdvh\"; ghi vai_tro = { <ô nhập> = \"so_ho_gdvh\" } ở chỉ tiêu khóm báo cáo số liệu đó.",
        "2024/targets.toml: xét khóm văn hóa cần số liệu \"Số hộ nghèo\" nhưng chưa chỉ tiêu nào giữ vai trò "
        "\"so_ho_ngheo\"; ghi vai_tro = { <ô nhập> = \"so_ho_ngheo\" } ở chỉ tiêu khóm báo cáo số liệu đó.",
    ]
