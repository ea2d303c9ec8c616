"""Property-based: random cell contents and random sheet edits in real template files.

Invariants, whatever is typed: the run completes; every Issue that names a cell names a cell
that exists in that sheet; no rejected value is counted; and the ward totals equal the sum of the
accepted units' values."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from fractions import Fraction
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from pipeline.indicators.aggregate import WARD
from pipeline.indicators.layout import REPORT_SHEET
from pipeline.indicators.samples import write_report
from pipeline.registers.load import load_registers
from pipeline.registers.rules import load_rules
from pipeline.run import consolidate

REG = load_registers()
RULES = load_rules(REG.year)
INPUT_COLUMNS = {"G": "gia_tri", "H": "tu_so", "I": "mau_so", "J": "so_hien_tai", "K": "so_goc"}
KHOM_ROWS = range(11, 26)   # the 15 target rows of a khóm template

numbers_as_text = st.builds(
    lambda n, style: {0: f"{n:,}".replace(",", "."), 1: f"{n:,}", 2: f"\u00a0{n}\u200b", 3: f"{n / 10:.1f}".replace(".", ","),
                      4: f"{n}%", 5: f"-{n}", 6: f"{n} hộ"}[style],
    st.integers(0, 5_000_000), st.integers(0, 6))
cell_values = st.one_of(
    st.none(), st.integers(-50, 100_000), st.floats(-10, 1e7, allow_nan=False, allow_infinity=False),
    numbers_as_text, st.sampled_from(["abc", "", " ", "=1+1", "#DIV/0!", "Có", "không có", "1.234", "1,234"]),
    st.dates(dt.date(2020, 1, 1), dt.date(2025, 12, 31)),
)
cells = st.dictionaries(st.tuples(st.sampled_from(list(KHOM_ROWS)), st.sampled_from(list(INPUT_COLUMNS))),
                        cell_values, max_size=25)
edits = st.lists(st.sampled_from(["rename_sheet", "insert_rows_above", "blank_rows_below", "total_row",
                                  "delete_column_K", "clear_period"]), max_size=3, unique=True)


def _fill(path: Path, typed: dict, sheet_edits: list[str]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[REPORT_SHEET]
    for (row, column), value in typed.items():
        cell = ws[f"{column}{row}"]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    for edit in sorted(sheet_edits, key=lambda e: e != "clear_period"):   # before any row moves
        if edit == "clear_period":
            ws["C5"] = None
        elif edit == "rename_sheet":
            ws.title = "BC"
        elif edit == "insert_rows_above":
            ws.insert_rows(2, 3)
        elif edit == "blank_rows_below":
            ws.cell(ws.max_row + 5, 1, " ")
        elif edit == "total_row":
            ws.cell(ws.max_row + 1, 1, "Tổng")
            ws.cell(ws.max_row, 7, 999)
        elif edit == "delete_column_K":
            ws.delete_cols(11)
    wb.save(path)


BASE = Path(tempfile.mkdtemp()) / "base"
for unit, name in (("KH01", "a.xlsx"), ("KH02", "b.xlsx")):   # built once, copied for every example
    write_report(REG, unit, "ca_nam", dt.date(2024, 12, 28), {"CT04": 10, "CT05": (90, 100), "CT21": 5}, BASE / name)


@settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "15")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(first=cells, second=cells, edits_first=edits)
def test_invariants(first, second, edits_first):
    tmp = Path(tempfile.mkdtemp())
    try:
        inp = tmp / "input"
        shutil.copytree(BASE, inp)
        files = {"KH01": inp / "a.xlsx", "KH02": inp / "b.xlsx"}
        _fill(files["KH01"], first, edits_first)
        _fill(files["KH02"], second, [])
        c = consolidate(inp, REG, RULES)           # 1. the run completes

        books = {name: openpyxl.load_workbook(inp / name) for name in ("a.xlsx", "b.xlsx")}
        for issue in c.issues:                      # 2. every cell named exists
            if issue.cell and ":" not in issue.cell and issue.file in books:
                wb = books[issue.file]
                assert issue.sheet in wb.sheetnames, issue
                column, row = coordinate_from_string(issue.cell)
                ws = wb[issue.sheet]
                assert 1 <= row <= ws.max_row and 1 <= column_index_from_string(column) <= ws.max_column, issue

        rows = c.validated.rows
        error_cells = {(i.file, i.cell) for i in c.issues if i.severity == "loi" and i.cell}
        used = c.chosen.values
        for r in rows[rows["dung"]].itertuples(index=False):   # 3. nothing rejected is counted
            for column in ("G", "H", "I", "J", "K"):
                assert (r.tep, f"{column}{r.dong}") not in error_cells, r

        ward = {(x.target.code, x.period): x for x in c.results if x.scope == WARD}
        for code in ("CT04", "CT21", "CT26"):                    # 4. ward totals = sum of the accepted values
            mine = used[(used["ma_chi_tieu"] == code) & (used["ky"] == "ca_nam")]
            expected = sum((Fraction(repr(float(v))) for v in mine["gia_tri"].dropna()), Fraction(0))
            result = ward[(code, "ca_nam")]
            assert (result.value if result.value is not None else Fraction(0)) == expected, (code, result)
        mine = used[(used["ma_chi_tieu"] == "CT05") & (used["ky"] == "ca_nam")]
        result = ward[("CT05", "ca_nam")]
        if mine.empty:
            assert result.value is None
        else:
            tu = sum(Fraction(repr(float(v))) for v in mine["tu_so"])
            mau = sum(Fraction(repr(float(v))) for v in mine["mau_so"])
            assert result.value == tu * 100 / mau
    finally:
        shutil.rmtree(tmp)
