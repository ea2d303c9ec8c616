"""A 2024 run, ``new-year 2025``, a 2025 run: the 2025 workbook, CSVs and Word draft carry the 2024
figures beside each target, found in the archive with nothing done, or in the 2024 workbook dropped
into the input; an edited or foreign workbook is refused with its reason."""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from pipeline.indicators.aggregate import WARD
from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR
from pipeline.registers.new_year import start_year
from pipeline.run import report
from pipeline.samples import make_samples
from pipeline.years.archive import HIDDEN_SHEET, archive_path, read_archive, read_workbook, write_archive
from pipeline.years.compare import summary


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _run(root: Path, year: int, out: Path, archive: Path, earlier_dir: Path | None = None):
    reg = load_registers(root, year)
    samples = out.parent / f"samples_{year}"
    if not samples.exists():
        make_samples(reg, samples)
    return report(samples, out, reg, sample=True, archive=archive, earlier_dir=earlier_dir)


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    base = tmp_path_factory.mktemp("same_period")
    root = base / "registers"
    shutil.copytree(REGISTERS_DIR, root)
    archive = base / "luu_tru"
    first = _run(root, 2024, base / "out2024", archive)
    start_year(root, 2025)   # the TOML registers copied forward (the book route: tests/book/)
    targets = root / "2025" / "targets.toml"
    text = targets.read_text(encoding="utf-8")
    anchor = 'ma = "CT05"'
    targets.write_text(text.replace(anchor, anchor + "\nbieu_do = true", 1), encoding="utf-8")
    second = _run(root, 2025, base / "out2025", archive)
    return root, base, archive, first, second


def test_the_archive_is_kept_beside_and_checks_its_figures(years):
    _, base, archive, first, _ = years
    path = archive_path(archive, 2024, sample=True)
    assert path == base / "luu_tru" / "2024" / "ket_qua_chi_tieu_du_lieu_mau.json"
    figures, why = read_archive(path)
    assert why == "" and figures.year == 2024 and figures.sample
    ward = {(r["ma"], r["ky"]): r for r in figures.rows if r["dong"] == "ket_qua" and r["pham_vi"] == WARD}
    assert len(ward) == 37 * 2
    assert not (base / "out2024" / "luu_tru").exists()


def test_2025_carries_2024_beside_each_target(years):
    _, base, _, first, second = years
    old = {(r["ma"], r["ky"]): r for r in _csv(base / "out2024" / "chi_tieu_phuong.csv")}
    new = _csv(base / "out2025" / "chi_tieu_phuong.csv")
    assert len(new) == 74
    compared = [r for r in new if r["nam_cung_ky"] == "2024"]
    assert len(compared) == 74   # the same registers: every target has its 2024 row
    for r in new:
        assert r["gia_tri_cung_ky"] == old[(r["ma"], r["ky"])]["gia_tri"], r["ma"]
        if r["gia_tri"] and r["gia_tri_cung_ky"] and r["loai"] not in ("duy_tri", "dinh_tinh", "xep_loai"):
            assert float(r["chenh_lech_cung_ky"]) == pytest.approx(float(r["gia_tri"]) - float(r["gia_tri_cung_ky"]),
                                                                   abs=1e-5)
    ct02 = next(r for r in new if (r["ma"], r["ky"]) == ("CT02", "ca_nam"))   # a count: % change
    change = (float(ct02["gia_tri"]) - float(ct02["gia_tri_cung_ky"])) / float(ct02["gia_tri_cung_ky"]) * 100
    assert float(ct02["ty_le_thay_doi_cung_ky"]) == pytest.approx(change, abs=1e-5)
    ct05 = next(r for r in new if (r["ma"], r["ky"]) == ("CT05", "ca_nam"))   # a rate: points, no % change
    assert ct05["don_vi_chenh_lech_cung_ky"] == "điểm %" and ct05["ty_le_thay_doi_cung_ky"] == ""
    khom = _csv(base / "out2025" / "chi_tieu_khom.csv")
    assert {r["nam_cung_ky"] for r in khom} == {"2024"}


def test_the_workbook_sheet_chart_and_draft_state_them(years):
    _, base, _, _, second = years
    path = base / "out2025" / "bao_cao_thi_dua_2025.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["So với cùng kỳ"]
    texts = [c.value for row in ws.iter_rows(max_row=14) for c in row if isinstance(c.value, str)]
    line = summary(second.results, "ca_nam")
    assert f"Cả năm (tổng kết): {line}." in texts
    assert "Cùng kỳ năm 2024" in texts
    assert wb[HIDDEN_SHEET].sheet_state == "hidden"
    with zipfile.ZipFile(path) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        drawing = "".join(zf.read(n).decode() for n in charts)
    assert "So với cùng kỳ" in drawing and "CT05" in drawing     # the charted target across the years
    doc = Document(str(base / "out2025" / "du_thao_ket_qua_chi_tieu_2025.docx"))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert f"Toàn phường có {line}." in body
    ct02 = next(r for r in _csv(base / "out2025" / "chi_tieu_phuong.csv") if (r["ma"], r["ky"]) == ("CT02", "ca_nam"))
    assert ct02["nhan_xet_cung_ky"] in body
    assert body.index("Thu cân đối") < body.index("Hộ sử dụng điện kế")   # the plan's order


def test_the_2024_workbook_dropped_into_the_input_is_used_alone(years, tmp_path):
    root, base, _, _, _ = years
    dropped = tmp_path / "input"
    dropped.mkdir()
    shutil.copy(base / "out2024" / "bao_cao_thi_dua_2024.xlsx", dropped)
    outcome = _run(root, 2025, base / "out2025_dropped", tmp_path / "empty_archive", earlier_dir=dropped)
    assert not [i for i in outcome.issues if i.code.startswith(("BAO_CAO_NAM_TRUOC", "LUU_TRU"))]
    cols = ("ma", "ky", "nam_cung_ky", "gia_tri_cung_ky", "chenh_lech_cung_ky", "nhan_xet_cung_ky")
    by_archive = [[r[c] for c in cols] for r in _csv(base / "out2025" / "chi_tieu_phuong.csv")]
    by_file = [[r[c] for c in cols] for r in _csv(base / "out2025_dropped" / "chi_tieu_phuong.csv")]
    assert by_file == by_archive


def test_the_dropped_workbook_wins_over_a_different_archive_with_a_message(years, tmp_path):
    root, base, archive, _, _ = years
    figures, _ = read_archive(archive_path(archive, 2024, True))
    rows = [dict(r) for r in figures.rows]
    changed = next(r for r in rows if (r["dong"], r["pham_vi"], r["ma"], r["ky"]) == ("ket_qua", WARD, "CT05", "ca_nam"))
    kept = changed["gia_tri"]
    changed["gia_tri"] = "1.5"
    other = tmp_path / "luu_tru"
    write_archive(other, type(figures)(**{**figures.__dict__, "rows": tuple(rows)}))
    dropped = tmp_path / "input"
    dropped.mkdir()
    shutil.copy(base / "out2024" / "bao_cao_thi_dua_2024.xlsx", dropped)
    outcome = _run(root, 2025, tmp_path / "out", other, earlier_dir=dropped)
    told = [i for i in outcome.issues if i.code == "BAO_CAO_NAM_TRUOC_KHAC_LUU_TRU"]
    assert len(told) == 1 and told[0].file == "bao_cao_thi_dua_2024.xlsx"
    assert f"chỉ tiêu CT05, Cả năm (tổng kết): tệp ghi {kept}, lưu trữ ghi 1.5" in told[0].message
    ct05 = next(r for r in _csv(tmp_path / "out" / "chi_tieu_phuong.csv") if (r["ma"], r["ky"]) == ("CT05", "ca_nam"))
    assert float(ct05["gia_tri_cung_ky"]) == pytest.approx(float(kept), abs=1e-6) != 1.5


def test_an_edited_workbook_is_refused_with_its_reason(years, tmp_path):
    _, base, _, _, _ = years
    source = base / "out2024" / "bao_cao_thi_dua_2024.xlsx"
    figures, why = read_workbook(source, 2024)
    assert why == "" and figures.year == 2024
    # a figure on the printed sheet changed by hand (openpyxl keeps the custom properties)
    wb = openpyxl.load_workbook(source)
    ws = wb["Chỉ tiêu phường"]
    cell = next(row[0] for row in ws.iter_rows(min_col=2, max_col=2) if row[0].value == "CT05")
    target = ws.cell(cell.row, 9)   # I: the year-end result (5 fixed columns, then 3 a period)
    old = target.value
    target.value = 100
    wb.save(tmp_path / "edited.xlsx")
    figures, why = read_workbook(tmp_path / "edited.xlsx", 2024)
    assert figures is None
    assert why == (f"ô I{cell.row} của trang \"Chỉ tiêu phường\" (kết quả CT05, Cả năm (tổng kết)) ghi 100 nhưng "
                   f"công cụ đã tính {f'{old:.6f}'.rstrip('0').replace('.', ',')}: tệp đã bị sửa sau khi công cụ ghi")
    # the hidden table changed
    wb = openpyxl.load_workbook(source)
    hidden = wb[HIDDEN_SHEET]
    hidden.cell(1, 14).value = "123456"   # N1: the first row's result
    wb.save(tmp_path / "hidden.xlsx")
    assert read_workbook(tmp_path / "hidden.xlsx", 2024) == (
        None, f"số liệu trong trang ẩn \"{HIDDEN_SHEET}\" đã bị sửa sau khi công cụ ghi (mã kiểm tra không khớp)")
    # a workbook of another program: no identity
    other = openpyxl.Workbook()
    other.active["A1"] = "Báo cáo năm 2024"
    other.save(tmp_path / "other.xlsx")
    figures, why = read_workbook(tmp_path / "other.xlsx", 2024)
    assert figures is None and why.startswith("tệp không mang thông tin nhận dạng số liệu do công cụ này ghi")
    # the name says another year
    shutil.copy(source, tmp_path / "bao_cao_thi_dua_2023.xlsx")
    assert read_workbook(tmp_path / "bao_cao_thi_dua_2023.xlsx", 2023) == (
        None, "thông tin nhận dạng ghi năm 2024, tên tệp ghi năm 2023")


def test_a_refused_workbook_is_an_issue_and_the_run_goes_on(years, tmp_path):
    root, base, _, _, _ = years
    dropped = tmp_path / "input"
    dropped.mkdir()
    other = openpyxl.Workbook()
    other.save(dropped / "bao_cao_thi_dua_2024.xlsx")
    outcome = _run(root, 2025, tmp_path / "out", tmp_path / "no_archive", earlier_dir=dropped)
    refused = [i for i in outcome.issues if i.code == "BAO_CAO_NAM_TRUOC_KHONG_DUNG"]
    assert len(refused) == 1 and refused[0].severity == "loi" and refused[0].value == "2024"
    rows = _csv(tmp_path / "out" / "chi_tieu_phuong.csv")
    assert len(rows) == 74 and {r["nhan_xet_cung_ky"] for r in rows} == {"không có số liệu cùng kỳ"}
