"""The commune's kind (phường, xã, đặc khu) is stated once in the year's [co_quan]; the consolidated
workbook's wording, the units' templates and the so-sánh draft follow it, and a workbook written
for a xã is read back as last year's figures like a ward's."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from docx import Document

from pipeline.indicators.templates import target_for
from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR
from pipeline.run import report
from pipeline.samples import make_samples
from pipeline.years.archive import read_workbook


@pytest.fixture(scope="module")
def commune(tmp_path_factory):
    base = tmp_path_factory.mktemp("xa")
    root = base / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    body = root / "2024" / "co_quan.toml"
    text = body.read_text(encoding="utf-8")
    body.write_text(text.replace('loai_dia_phuong = "phường"', 'loai_dia_phuong = "xã"', 1), encoding="utf-8")
    reg = load_registers(root, 2024)
    make_samples(reg, base / "in")
    report(base / "in", base / "out", reg, sample=True, archive=base / "luu_tru")
    return reg, base / "out"


def test_the_workbook_names_the_commune_by_its_kind(commune):
    reg, out = commune
    assert reg.commune_kind == "xã" and reg.ward_sheet == "Chỉ tiêu xã"
    wb = openpyxl.load_workbook(out / "bao_cao_thi_dua_2024.xlsx")
    assert "Chỉ tiêu xã" in wb.sheetnames and "Chỉ tiêu phường" not in wb.sheetnames
    texts = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM 2024 TOÀN XÃ") for t in texts)
    assert "Kết quả chỉ tiêu toàn xã" in texts
    # the register's own wording (a target's note) is the officer's to change; the tool writes none
    notes = [t.note for t in reg.targets if t.note]
    assert not [t for t in texts if "toàn phường" in t.lower() and not any(n in t for n in notes)]
    draft = Document(out / "du_thao_ket_qua_chi_tieu_2024.docx")
    assert any(p.text.startswith("Toàn xã có ") for p in draft.paragraphs)


def test_a_khom_template_shows_a_commune_wide_target_in_the_communes_words(commune):
    reg, _ = commune
    khom = reg.khom[0]
    shared = next(t for t in reg.targets if khom.code in t.reporters and t.kind not in ("duy_tri", "dinh_tinh")
                  and t.value is not None and khom.code not in (t.khom_targets or {}))
    assert target_for(shared, khom, reg.commune_kind).startswith("toàn xã: ")


def test_a_communes_workbook_is_read_back_and_an_edit_on_its_sheet_is_named(commune, tmp_path):
    _, out = commune
    source = out / "bao_cao_thi_dua_2024.xlsx"
    figures, why = read_workbook(source, 2024)
    assert why == "" and figures.year == 2024
    wb = openpyxl.load_workbook(source)
    ws = wb["Chỉ tiêu xã"]
    cell = next(row[0] for row in ws.iter_rows(min_col=2, max_col=2) if row[0].value == "CT05")
    ws.cell(cell.row, 9).value = 100
    wb.save(tmp_path / "edited.xlsx")
    figures, why = read_workbook(tmp_path / "edited.xlsx", 2024)
    assert figures is None and why.startswith(f"ô I{cell.row} của trang \"Chỉ tiêu xã\" (kết quả CT05, ")


def test_the_lists_attached_to_the_decision_and_the_proposal_name_the_communes_committee(commune):
    _, out = commune
    texts = {}
    for path in sorted((out / "van_ban").glob("*.docx")):
        texts[path.name] = [p.text for p in Document(path).paragraphs]
    attached = [t for lines in texts.values() for t in lines if t.startswith(("(Kèm theo Quyết định", "(Kèm theo Tờ trình"))]
    assert attached and all(t.endswith("Ủy ban nhân dân xã)") for t in attached)
    assert any(t == "Ủy ban nhân dân xã kính đề nghị:" for lines in texts.values() for t in lines)
