"""Check each indicator row's cells against its target's kind, then every value in one pandera
pass over all submissions (the schema is ``schemas/indicator_report.py``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.indicators.layout import CHOICE_INPUTS, NUMERIC_INPUTS, table_columns
from pipeline.intake.parse import parse_choice, parse_number
from pipeline.intake.read import Submission
from pipeline.intake.schema_issues import schema_issues, shown_number, shown_value
from pipeline.issues import Issue, make_issue
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
        record |= {"sub": index, "tep": sub.file, "trang_tinh": sub.sheet, "dong": row.excel_row,
                   "ma_don_vi": unit, "ky": period}
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
                    "gia_tri_toi_da": float(target.max_value) if target.max_value is not None else np.nan}
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
            elif parsed.percent:
                issues.append(make_issue("SO_LA_TY_LE", **at, value=shown_value(raw)))
            ok = parsed.value is not None and not parsed.percent
            record[key] = parsed.value if ok else np.nan
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


_DTYPES = {"sub": "int64", "tep": "str", "trang_tinh": "str", "dong": "int64", "ma_don_vi": "str", "ky": "str",
           "ma_chi_tieu": "str", "loai": "str", "so_nguyen": "bool", "gia_tri_toi_da": "float64",
           **{k: "float64" for k in NUMERIC_INPUTS}, "co_khong": "str", "danh_gia": "str",
           "giai_trinh": "str", "ghi_chu": "str", "co_du_lieu": "bool"}


def rows_frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=list(_DTYPES))
    return frame.astype(_DTYPES).reset_index(drop=True)


def row_schema_issues(frame: pd.DataFrame, addresses: list[dict[str, str]], reg: Registers) -> list[Issue]:
    headings = {c.key: c.heading for c in table_columns(reg)}
    extra = {"TU_SO_LON_HON_MAU_SO": lambda row, col: {"expected": shown_number(row["mau_so"])},
             "VUOT_GIOI_HAN": lambda row, col: {"expected": shown_number(row["gia_tri_toi_da"])},
             "LUA_CHON_KHONG_HOP_LE": lambda row, col: {"expected": " hoặc ".join(CHOICE_INPUTS[col])}}
    return schema_issues(IndicatorRows, frame, addresses, headings, extra)


