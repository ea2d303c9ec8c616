"""Forms made while the year's registers still hold a placeholder «cần điền: …» are drafts: every
form's guide opens with the draft line naming what is missing, and `templates` says so; forms of a
complete year open with their guide as before."""

from __future__ import annotations

import shutil
import subprocess
import sys

import openpyxl

from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR
from pipeline.report.template_kit import GUIDE_SHEET
from pipeline.templates import build_all

PLAN = "Kế hoạch số 34/KH-UBND ngày 07/3/2024 của UBND phường Nhơn Hưng"
MISSING = "số, ngày Kế hoạch thi đua năm 2024"


def _first_guide_lines(folder):
    out = {}
    for path in sorted(folder.glob("*.xlsx")):
        ws = openpyxl.load_workbook(path)[GUIDE_SHEET]
        out[path.name] = ws["A1"].value
    return out


def test_forms_made_with_a_placeholder_left_open_with_the_draft_line(tmp_path):
    root = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    targets = root / "2024" / "targets.toml"
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace(f'van_ban = "{PLAN}"', f'van_ban = "«cần điền: {MISSING}»"', 1), encoding="utf-8")
    reg = load_registers(root, 2024)
    assert reg.to_fill == (MISSING,)
    paths = build_all(reg, tmp_path / "mau")
    firsts = _first_guide_lines(tmp_path / "mau")
    assert len(firsts) == len(paths) > 20
    expected = (f"BẢN DỰ THẢO – sổ đăng ký của năm còn thiếu: {MISSING}. Hội đồng điền đủ rồi tạo lại biểu mẫu "
                "(make templates) trước khi gửi các đơn vị.")
    assert set(firsts.values()) == {expected}
    done = subprocess.run([sys.executable, "-m", "pipeline", "--registers", str(root), "templates", "--nam", "2024",
                           "--output", str(tmp_path / "lenh")], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert f"Lưu ý: sổ đăng ký năm 2024 còn thiếu: {MISSING}. Các biểu mẫu là BẢN DỰ THẢO" in done.stdout


def test_forms_of_a_complete_year_open_with_their_guide(tmp_path):
    reg = load_registers(REGISTERS_DIR, 2024)
    assert reg.to_fill == ()
    build_all(reg, tmp_path / "mau")
    firsts = _first_guide_lines(tmp_path / "mau")
    assert firsts and not [v for v in firsts.values() if "DỰ THẢO" in str(v)]
