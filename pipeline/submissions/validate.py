"""Check what was read: the header block against the registers, each table row's cells against
its target's kind, and every value in one pandera pass over all submissions.

This is the one module that turns pandera's failure cases into Issues. A row with an error is
not used (the unit counts as not having reported that target); a warning leaves it in use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa

from pipeline.awards.layout import WARD_UNIT
from pipeline.issues import ERROR, Issue, make_issue
from pipeline.indicators.layout import CHOICE_INPUTS, NUMERIC_INPUTS, table_columns
from pipeline.intake.parse import parse_choice, parse_date, parse_number
from pipeline.intake.read import ReadResult, Submission
from pipeline.registers.model import ANNUAL, INPUTS_BY_KIND, Registers, Target
from pipeline.text import clean_text
from pipeline.awards.validate import AwardFrames, parse_award, to_frames
from schemas.indicator_report import IndicatorRows

VALUE_COLUMNS = [*NUMERIC_INPUTS, *CHOICE_INPUTS, "giai_trinh", "ghi_chu"]


@dataclass(frozen=True)
class Checked:
    """A read file after its header was checked. ``usable`` is False when nothing in it can be
    used (not a template, wrong unit or period…)."""
    index: int
    result: ReadResult
    unit: str
    period: str
    report_date: dt.date | None
    preparer: str
    usable: bool


@dataclass(frozen=True)
class Validated:
    checked: list[Checked]
    rows: pd.DataFrame      # every indicator row read, with parsed values and "dung" (used) flag
    issues: list[Issue]
    awards: AwardFrames = field(default_factory=AwardFrames)
    signatures: dict[int, tuple] = field(default_factory=dict)  # submission -> its parsed content


def validate(results: list[ReadResult], reg: Registers) -> Validated:
    issues: list[Issue] = []
    checked: list[Checked] = []
    records: list[dict] = []
    addresses: list[dict[str, str]] = []
    award_records: dict[str, list] = {}
    award_cells: dict[str, list] = {}
    for index, res in enumerate(results):
        issues += res.issues
        sub = res.submission
        if sub is None or not sub.readable:
            checked.append(Checked(index, res, sub.identity_unit if sub else "", "", None, "", False))
            continue
        head = _check_header(sub, reg)
        issues += head.issues
        checked.append(Checked(index, res, head.unit, head.period, head.report_date, head.preparer, head.usable))
        kind = reg.report_kind(sub.report_kind)
        if head.unit and kind.is_indicator:
            recs, addrs, row_issues = _rows(sub, index, head.unit, head.period, reg)
            records += recs
            addresses += addrs
            issues += row_issues
        elif head.unit:
            issues += parse_award(sub, index, head.unit, kind.content, reg, award_records, award_cells)
    frame = _frame(records)
    issues += _schema_issues(frame, addresses, reg)
    frame = _mark_used(frame, issues, addresses, checked)
    awards, award_issues = to_frames(award_records, award_cells, reg)
    issues += award_issues
    return Validated(checked, frame, issues, awards, _signatures(frame, award_records))


SIGNATURE_COLUMNS = ["ma_chi_tieu", "gia_tri", "tu_so", "mau_so", "so_hien_tai", "so_goc", "co_khong", "danh_gia"]
_NOT_CONTENT = {"sub", "tep", "trang_tinh", "dong", "ma_don_vi"}


def _signatures(rows: pd.DataFrame, award_records: dict[str, list]) -> dict[int, tuple]:
    """Each submission's parsed content, to tell an identical copy from a conflicting one."""
    ordered = rows.sort_values(["sub", "ma_chi_tieu"])
    out: dict[int, list] = {}
    values = ordered[SIGNATURE_COLUMNS].astype(object).where(ordered[SIGNATURE_COLUMNS].notna(), "")
    for sub, row in zip(ordered["sub"].tolist(), values.itertuples(index=False, name=None)):
        out.setdefault(int(sub), []).append(row)
    for name, records in sorted(award_records.items()):
        for r in records:
            content = tuple(sorted((k, str(v)) for k, v in r.items() if k not in _NOT_CONTENT))
            out.setdefault(int(r["sub"]), []).append((name, content))
    return {sub: tuple(sorted(items, key=repr)) for sub, items in out.items()}


@dataclass(frozen=True)
class _Header:
    unit: str
    period: str
    report_date: dt.date | None
    preparer: str
    usable: bool
    issues: list[Issue]


def _check_header(sub: Submission, reg: Registers) -> _Header:
    issues: list[Issue] = []
    where = {"file": sub.file, "sheet": sub.sheet}
    unit_cell = sub.header.get("don_vi")
    if sub.identity_unit == WARD_UNIT and reg.report_kind(sub.report_kind).content == "lich_su":
        return _check_award_header(sub, reg, reg.report_kind(sub.report_kind), None, issues, where)
    unit = next((u for u in reg.units if u.code == sub.identity_unit), None)
    typed = clean_text(unit_cell.value) if unit_cell else ""
    if unit is None:
        issues.append(make_issue("DON_VI_KHONG_RO", **where, cell=unit_cell.address if unit_cell else "",
                                 column="Đơn vị báo cáo", value=typed or sub.identity_unit))
    elif typed and reg.match_unit(typed) != unit:
        issues.append(make_issue("DON_VI_KHONG_KHOP", **where, cell=unit_cell.address, column="Đơn vị báo cáo",
                                 value=typed, expected=unit.name, unit=unit.code))
        unit = None
    code = unit.code if unit else ""
    kind = reg.report_kind(sub.report_kind)
    if not kind.is_indicator:
        return _check_award_header(sub, reg, kind, unit, issues, where)
    period_cell = sub.header.get("ky")
    period = reg.match_period(period_cell.value) if period_cell and period_cell.value is not None else None
    if period is None or period.code not in kind.periods:
        labels = " hoặc ".join(f"\"{reg.period(p).label}\"" for p in kind.periods)
        issues.append(make_issue("KY_KHONG_RO", **where, cell=period_cell.address if period_cell else "",
                                 column="Kỳ báo cáo", value=clean_text(period_cell.value) if period_cell else "",
                                 expected=labels, unit=code))
        period = None
    date_cell = sub.header.get("ngay_bao_cao")
    report_date = parse_date(date_cell.value) if date_cell else None
    if report_date is None:
        issues.append(make_issue("NGAY_KHONG_HOP_LE", **where, cell=date_cell.address if date_cell else "",
                                 column="Ngày báo cáo", value=_shown(date_cell.value if date_cell else None), unit=code))
    elif period and report_date > period.deadline:
        issues.append(make_issue("NOP_TRE_HAN", **where, cell=date_cell.address, column="Ngày báo cáo",
                                 value=f"{report_date:%d/%m/%Y}", expected=f"{period.deadline:%d/%m/%Y}", unit=code))
    missing = [label for key, label in (("nguoi_lap", "họ tên người lập biểu"), ("dien_thoai", "số điện thoại"))
               if not (sub.header.get(key) and clean_text(sub.header[key].value))]
    if missing:
        cell = sub.header.get("nguoi_lap" if "họ tên người lập biểu" in missing else "dien_thoai")
        issues.append(make_issue("THIEU_NGUOI_LAP", **where, cell=cell.address if cell else "",
                                 value=" và ".join(missing), unit=code))
    preparer = clean_text(sub.header["nguoi_lap"].value) if sub.header.get("nguoi_lap") else ""
    return _Header(code, period.code if period else "", report_date, preparer,
                   bool(unit and period), issues)


def _check_award_header(sub: Submission, reg: Registers, kind, unit, issues: list[Issue], where: dict) -> _Header:
    """Award reports are yearly: no period to choose; the deadline is the report kind's own."""
    code = unit.code if unit else (WARD_UNIT if kind.content == "lich_su" else "")
    usable = bool(code) and not any(i.code in ("DON_VI_KHONG_RO", "DON_VI_KHONG_KHOP") for i in issues)
    date_cell = sub.header.get("ngay_bao_cao")
    report_date = parse_date(date_cell.value) if date_cell else None
    if report_date is None:
        issues.append(make_issue("NGAY_KHONG_HOP_LE", **where, cell=date_cell.address if date_cell else "",
                                 column="Ngày", value=_shown(date_cell.value if date_cell else None), unit=code))
    elif kind.deadline and report_date > kind.deadline:
        issues.append(make_issue("NOP_TRE_HAN", **where, cell=date_cell.address, column="Ngày",
                                 value=f"{report_date:%d/%m/%Y}", expected=f"{kind.deadline:%d/%m/%Y}", unit=code))
    if not (sub.header.get("nguoi_lap") and clean_text(sub.header["nguoi_lap"].value)):
        cell = sub.header.get("nguoi_lap")
        issues.append(make_issue("THIEU_NGUOI_LAP", **where, cell=cell.address if cell else "",
                                 value="họ tên người lập biểu", unit=code))
    preparer = clean_text(sub.header["nguoi_lap"].value) if sub.header.get("nguoi_lap") else ""
    return _Header(code if usable else "", ANNUAL if usable else "", report_date, preparer, usable, issues)


def _shown(value: object) -> str:
    """A value as the user saw it: dates day first, numbers with Vietnamese separators."""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and not isinstance(value, bool):
        return _number(value)
    return clean_text(value)


def _rows(sub: Submission, index: int, unit: str, period: str, reg: Registers):
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
                issues.append(make_issue("O_KHONG_DUNG", **at, value=_shown(raw)))
            record[key] = np.nan if key in NUMERIC_INPUTS else None
            continue
        if key in NUMERIC_INPUTS:
            parsed = parse_number(raw, target.integer)
            if parsed.code:
                issues.append(make_issue(parsed.code, **at, value=_shown(raw), detail=parsed.detail))
            elif parsed.percent:
                issues.append(make_issue("SO_LA_TY_LE", **at, value=_shown(raw)))
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


def _frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=list(_DTYPES))
    return frame.astype(_DTYPES).reset_index(drop=True)


def _schema_issues(frame: pd.DataFrame, addresses: list[dict[str, str]], reg: Registers) -> list[Issue]:
    headings = {c.key: c.heading for c in table_columns(reg)}
    extra = {"TU_SO_LON_HON_MAU_SO": lambda row, col: {"expected": _number(row["mau_so"])},
             "VUOT_GIOI_HAN": lambda row, col: {"expected": _number(row["gia_tri_toi_da"])},
             "LUA_CHON_KHONG_HOP_LE": lambda row, col: {"expected": " hoặc ".join(CHOICE_INPUTS[col])}}
    return schema_issues(IndicatorRows, frame, addresses, headings, extra)


def schema_issues(schema, frame: pd.DataFrame, addresses: list[dict[str, str]], headings: dict[str, str],
                  extra: dict | None = None) -> list[Issue]:
    """Validate ``frame`` in one lazy pandera pass and turn every failure case into an Issue. The
    frame carries "tep", "trang_tinh" and "ma_don_vi"; ``addresses[i]`` maps row i's columns to
    cells; each check's name is its Issue code; ``extra[code](row, column)`` adds message fields."""
    if frame.empty:
        return []
    try:
        schema.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    issues = []
    for case in cases.itertuples(index=False):
        if case.index is None or pd.isna(case.index):
            raise RuntimeError(f"pandera reported a failure without a row: {case}")
        i = int(case.index)
        row = frame.iloc[i]
        failing = case.failure_case if isinstance(case.failure_case, dict) else {case.column: case.failure_case}
        for column, value in failing.items():
            fields = (extra or {}).get(case.check, lambda r, c: {})(row, column)
            issues.append(make_issue(
                case.check, file=row["tep"], sheet=row["trang_tinh"], cell=addresses[i].get(column, ""),
                column=headings.get(column, column), value=_number(value) if isinstance(value, float) else value,
                unit=row["ma_don_vi"], **fields))
    return issues


def _number(x: float) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return ""
    text = f"{x:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _mark_used(frame: pd.DataFrame, issues: list[Issue], addresses, checked: list[Checked]) -> pd.DataFrame:
    """A row is used when its submission is usable, it holds data, and no error points into it."""
    error_cells = {(i.file, i.cell) for i in issues if i.severity == ERROR and i.cell}
    usable_subs = {c.index for c in checked if c.usable}
    has_error = [
        any((file, addr) in error_cells for addr in addresses[i].values())
        for i, file in enumerate(frame["tep"])
    ]
    return frame.assign(
        co_loi=has_error,
        dung=frame["sub"].isin(usable_subs) & frame["co_du_lieu"] & ~pd.Series(has_error, index=frame.index, dtype=bool),
    )
