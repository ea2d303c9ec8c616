"""Check each indicator row's cells against its target's kind, then every value in one pandera
pass over all submissions (the schema is ``schemas/indicator_report.py``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.indicators.layout import CHOICE_INPUTS, NUMERIC_INPUTS, table_columns
from pipeline.intake.parse import parse_choice, parse_number
from pipeline.intake.read import Submission
from pipeline.intake.schema_issues import schema_issues, shown_number, shown_value
from pipeline.issues import ERROR, Issue, make_issue
from pipeline.registers.model import INPUTS_BY_KIND, Registers, Target
from pipeline.text import clean_text
from schemas.indicator_report import IndicatorRows

VALUE_COLUMNS = [*NUMERIC_INPUTS, *CHOICE_INPUTS, "giai_trinh", "ghi_chu"]


def indicator_rows(sub: Submission, index: int, unit: str, period: str, reg: Registers):
    headings = {c.key: c.heading for c in table_columns(reg)}
    owed = {t.code: t for t in reg.targets_for(unit)}
    seen: dict[str, int] = {}
    for row in sub.rows:
        seen[row.code] = seen.get(row.code, 0) + 1
    records, addresses, issues = [], [], []
    where = {"file": sub.file, "sheet": sub.sheet, "unit": unit}
    for row in sub.rows:
        target = owed.get(row.code)
        code_cell = row.code_address
        if target is None:
            issues.append(make_issue("CHI_TIEU_KHONG_RO", **where, cell=code_cell, column="Mã chỉ tiêu", value=row.code))
            continue
        if seen[row.code] > 1:
            issues.append(make_issue("CHI_TIEU_TRUNG", **where, cell=code_cell, column="Mã chỉ tiêu", value=row.code))
            continue
        record, row_issues = _parse_row(row, target, headings, where)
        result_cell = row.cells.get("gia_tri")
        record |= {"sub": index, "tep": sub.file, "trang_tinh": sub.sheet, "dong": row.excel_row,
                   "ma_don_vi": unit, "ky": period, "o_gia_tri": result_cell.address if result_cell else ""}
        records.append(record)
        addresses.append({k: c.address for k, c in row.cells.items()})
        issues += row_issues
    for code in owed:
        if code not in seen:
            issues.append(make_issue("THIEU_DONG_CHI_TIEU", **where, value=code))
    return records, addresses, issues


def _parse_row(row, target: Target, headings: dict[str, str], where: dict) -> tuple[dict, list[Issue]]:
    needed = set(INPUTS_BY_KIND[target.kind])
    record: dict = {"ma_chi_tieu": target.code, "loai": target.kind, "so_nguyen": target.integer,
                    "gia_tri_toi_da": float(target.max_value) if target.max_value is not None else np.nan,
                    "muc": None}
    issues: list[Issue] = []
    filled_needed = []
    for key in VALUE_COLUMNS:
        cell = row.cells.get(key)
        raw = cell.value if cell else None
        at = {**where, "cell": cell.address if cell else "", "column": headings[key]}
        if cell is not None and cell.problem:
            if key in needed:
                code = "CONG_THUC_CHUA_TINH" if cell.problem == "cong_thuc" else "O_BAO_LOI"
                issues.append(make_issue(code, **at, value="" if code == "CONG_THUC_CHUA_TINH" else cell.problem))
                filled_needed.append(key)
            record[key] = np.nan if key in NUMERIC_INPUTS else None
            continue
        if key not in needed and key != "ghi_chu":
            if raw is not None:
                issues.append(make_issue("O_KHONG_DUNG", **at, value=shown_value(raw)))
            record[key] = np.nan if key in NUMERIC_INPUTS else None
            continue
        if key in NUMERIC_INPUTS:
            parsed = parse_number(raw, target.integer)
            if parsed.code:
                issues.append(make_issue(parsed.code, **at, value=shown_value(raw), detail=parsed.detail))
            percent_ok = key == "gia_tri" and target.unit_of_measure == "%"   # a figure reported in %
            if not parsed.code and parsed.percent and not percent_ok:
                issues.append(make_issue("SO_LA_TY_LE", **at, value=shown_value(raw), **_percent_words(key, target)))
            ok = parsed.value is not None and (percent_ok or not parsed.percent)
            record[key] = parsed.value if ok else np.nan
        elif key == "danh_gia" and target.kind == "xep_loai":
            record[key], record["muc"] = None, _level(raw, target, at, issues)
        elif key in CHOICE_INPUTS:
            record[key] = parse_choice(raw)
        else:
            record[key] = clean_text(raw) or None
        if raw is not None and key in needed and key != "giai_trinh":
            filled_needed.append(key)
    must = [k for k in INPUTS_BY_KIND[target.kind] if k != "giai_trinh"]
    record["co_du_lieu"] = bool(filled_needed)
    if filled_needed:
        for key in must:
            if key not in filled_needed:
                cell = row.cells.get(key)
                issues.append(make_issue("THIEU_SO_LIEU", **where, cell=cell.address if cell else "",
                                         column=headings[key], value=headings[key]))
    else:
        issues.append(make_issue("CHUA_NHAP", **where, cell=row.code_address, column="Mã chỉ tiêu",
                                 value=target.code))
    if target.kind == "dinh_tinh" and record.get("danh_gia") and not record.get("giai_trinh"):
        cell = row.cells.get("giai_trinh")
        issues.append(make_issue("THIEU_GIAI_TRINH", **where, cell=cell.address if cell else "",
                                 column=headings["giai_trinh"]))
    return record, issues


def _level(raw, target: Target, at: dict, issues: list[Issue]) -> str | None:
    """A rating's level as the register writes it; one typed without diacritics or in other case
    is that level, any other text is rejected naming the target's levels."""
    text = clean_text(raw)
    if not text:
        return None
    level = target.match_level(text)
    if level is None:
        issues.append(make_issue("LUA_CHON_KHONG_HOP_LE", **at, value=text,
                                 expected=", ".join(target.levels[:-1]) + " hoặc " + target.levels[-1]))
    return level


def _percent_words(key: str, target: Target) -> dict[str, str]:
    """What a cell that received "93,5%" should hold, in the words of its own kind."""
    if key == "gia_tri":
        return {"detail": f"kết quả thực hiện bằng số ({target.unit_of_measure})", "expected": ""}
    if key in ("tu_so", "mau_so"):
        return {"detail": "số lượng (tử số, mẫu số)", "expected": "; Hội đồng tự tính tỷ lệ"}
    return {"detail": "số lượng tại từng thời điểm (số hiện tại, số gốc)",
            "expected": "; Hội đồng tự tính mức tăng, giảm"}


# The two cells a result needs together, and what they give (rate; growth, decrease).
PAIRS = {"ty_le": (("tu_so", "mau_so"), "tỷ lệ"), "tang": (("so_hien_tai", "so_goc"), "mức tăng"),
         "giam": (("so_hien_tai", "so_goc"), "mức giảm")}
_PAIR_CODES = {"TU_SO_LON_HON_MAU_SO", "MAU_SO_BANG_KHONG", "THIEU_SO_LIEU"}  # already about both cells


def pair_issues(frame: pd.DataFrame, issues: list[Issue], addresses: list[dict[str, str]],
                reg: Registers) -> list[Issue]:
    """In a two-cell input, one rejected cell makes the row's result unavailable: the valid partner
    cell gets an error naming both cells, so nobody wonders why a correct number was not used."""
    headings = {c.key: c.heading for c in table_columns(reg)}
    bad = {(i.file, i.cell) for i in issues if i.severity == ERROR and i.cell and i.code not in _PAIR_CODES}
    out = []
    for n, row in enumerate(frame.itertuples(index=False)):
        if row.loai not in PAIRS:
            continue
        (first, second), what = PAIRS[row.loai]
        cells = addresses[n]
        for broken, kept in ((first, second), (second, first)):
            if (row.tep, cells.get(broken)) in bad and (row.tep, cells.get(kept)) not in bad \
                    and not pd.isna(getattr(row, kept)):
                out.append(make_issue("CAP_SO_BI_LOAI", file=row.tep, sheet=row.trang_tinh, cell=cells[kept],
                                      column=headings[kept], value=shown_number(getattr(row, kept)),
                                      unit=row.ma_don_vi, expected=what,
                                      detail=f"\"{headings[broken]}\" ({cells[broken]})"))
    return out


def rejected_inputs(frame: pd.DataFrame, issues: list[Issue], used_subs: set[int],
                    reg: Registers) -> dict[tuple[str, str, str], str]:
    """(unit, period, target) -> which input of the used report was rejected, for every result that
    then lacks that unit, with the file and sheet the cell is in ("Tử số ô Báo cáo!H14 "93,5%" của tệp
    "a.xlsx" bị loại")."""
    headings = {c.heading for c in table_columns(reg)}
    by_cell: dict[tuple[str, int], list[Issue]] = {}
    for i in issues:
        digits = "".join(ch for ch in i.cell if ch.isdigit())
        if i.severity == ERROR and digits and i.column in headings and i.code != "CAP_SO_BI_LOAI":
            by_cell.setdefault((i.file, int(digits)), []).append(i)
    out = {}
    for row in frame[frame["sub"].isin(used_subs) & frame["co_loi"]].itertuples(index=False):
        found = by_cell.get((row.tep, int(row.dong)), [])
        if found:
            out[(row.ma_don_vi, row.ky, row.ma_chi_tieu)] = "; ".join(
                f"{i.column} ô {i.sheet + '!' if i.sheet else ''}{i.cell}" + (f" \"{i.value}\"" if i.value else "")
                + f" của tệp \"{i.file}\" bị loại" for i in found)
    return out


_DTYPES = {"sub": "int64", "tep": "str", "trang_tinh": "str", "dong": "int64", "ma_don_vi": "str", "ky": "str",
           "ma_chi_tieu": "str", "loai": "str", "so_nguyen": "bool", "gia_tri_toi_da": "float64",
           **{k: "float64" for k in NUMERIC_INPUTS}, "co_khong": "str", "danh_gia": "str",
           "giai_trinh": "str", "ghi_chu": "str", "co_du_lieu": "bool", "o_gia_tri": "str", "muc": "str"}


def rows_frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=list(_DTYPES))
    return frame.astype(_DTYPES).reset_index(drop=True)


def row_schema_issues(frame: pd.DataFrame, addresses: list[dict[str, str]], reg: Registers) -> list[Issue]:
    headings = {c.key: c.heading for c in table_columns(reg)}
    extra = {"TU_SO_LON_HON_MAU_SO": lambda row, col: {"expected": shown_number(row["mau_so"])},
             "VUOT_GIOI_HAN": lambda row, col: {"expected": shown_number(row["gia_tri_toi_da"])},
             "LUA_CHON_KHONG_HOP_LE": lambda row, col: {"expected": " hoặc ".join(CHOICE_INPUTS[col])}}
    return schema_issues(IndicatorRows, frame, addresses, headings, extra)


