"""Check what was read: each submission's header block against the registers, then its rows by
the half that owns them (indicators or awards). A row with an error is not used (the unit counts
as not having reported that target); a warning leaves it in use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from pipeline.awards.layout import WARD_UNIT
from pipeline.awards.validate import AwardFrames, parse_award, to_frames
from pipeline.indicators.validate import indicator_rows, pair_issues, row_schema_issues, rows_frame
from pipeline.intake.parse import parse_date
from pipeline.intake.read import ReadResult, Submission
from pipeline.intake.schema_issues import shown_value
from pipeline.issues import ERROR, Issue, make_issue
from pipeline.registers.model import ANNUAL, Registers
from pipeline.text import clean_text


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
    validation = Validation(reg)
    for res in results:
        validation.add(res)
    return validation.conclude()


class Validation:
    """Validation in two halves: each file's own checks (its header, its rows parsed) as soon as it
    is read, in the order of the files (``add``), while the workers read the next ones; then the
    checks over all the rows at once, in one pandera pass per frame (``conclude``)."""

    def __init__(self, reg: Registers) -> None:
        self.reg = reg
        self.issues: list[Issue] = []
        self.checked: list[Checked] = []
        self.records: list[dict] = []
        self.addresses: list[dict[str, str]] = []
        self.award_records: dict[str, list] = {}
        self.award_cells: dict[str, list] = {}

    def add(self, res: ReadResult) -> None:
        reg, index = self.reg, len(self.checked)
        self.issues += res.issues
        sub = res.submission
        if sub is None or not sub.readable:
            self.checked.append(Checked(index, res, sub.identity_unit if sub else "", "", None, "", False))
            return
        head = _check_header(sub, reg)
        self.issues += head.issues
        self.checked.append(Checked(index, res, head.unit or head.owner, head.period, head.report_date, head.preparer,
                                    head.usable))
        kind = reg.report_kind(sub.report_kind)
        if head.unit and kind.is_indicator:
            recs, addrs, row_issues = indicator_rows(sub, index, head.unit, head.period, reg)
            self.records += recs
            self.addresses += addrs
            self.issues += row_issues
        elif head.unit:
            self.issues += parse_award(sub, index, head.unit, kind.content, reg, self.award_records, self.award_cells)

    def conclude(self) -> Validated:
        reg, issues, addresses = self.reg, self.issues, self.addresses
        frame = rows_frame(self.records)
        issues += row_schema_issues(frame, addresses, reg)
        issues += pair_issues(frame, issues, addresses, reg)
        frame = _mark_used(frame, issues, addresses, self.checked)
        awards, award_issues = to_frames(self.award_records, self.award_cells, reg)
        issues += award_issues
        return Validated(self.checked, frame, issues, awards, _signatures(frame, self.award_records))


SIGNATURE_COLUMNS = ["ma_chi_tieu", "gia_tri", "tu_so", "mau_so", "so_hien_tai", "so_goc", "co_khong", "danh_gia", "muc"]
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
    owner: str = ""   # the unit the template was issued to, even when the file cannot be used


def _check_header(sub: Submission, reg: Registers) -> _Header:
    issues: list[Issue] = []
    where = {"file": sub.file, "sheet": sub.sheet}
    unit_cell = sub.header.get("don_vi")
    if sub.identity_unit == WARD_UNIT and reg.report_kind(sub.report_kind).content == "lich_su":
        return _check_award_header(sub, reg, reg.report_kind(sub.report_kind), None, issues, where)
    owner = next((u for u in reg.units if u.code == sub.identity_unit), None)  # whom the template was issued to
    typed = clean_text(unit_cell.value) if unit_cell else ""
    unit = owner
    if owner is None:
        issues.append(make_issue("DON_VI_KHONG_RO", **where, cell=unit_cell.address if unit_cell else "",
                                 column="Đơn vị báo cáo", value=typed or sub.identity_unit))
    elif typed and reg.match_unit(typed) != owner:
        unit = _unit_read_loosely(typed, owner, reg, unit_cell, where, issues)
    # An unusable file still belongs to the unit the template was issued to (its hidden identity):
    # the register shows it "không dùng được" for that unit, not "chưa nộp".
    code = owner.code if owner else ""
    kind = reg.report_kind(sub.report_kind)
    if not kind.is_indicator:
        return _check_award_header(sub, reg, kind, unit, issues, where, code)
    period_cell = sub.header.get("ky")
    period = _period_read(period_cell, reg, where, issues, code)
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
                                 column="Ngày báo cáo", value=shown_value(date_cell.value if date_cell else None), unit=code))
    elif period and not period.start <= report_date <= period.deadline.replace(year=period.deadline.year + 1):
        issues.append(make_issue("NGAY_NGOAI_KY", **where, cell=date_cell.address, column="Ngày báo cáo",
                                 value=f"{report_date:%d/%m/%Y}", detail=period.name,
                                 expected=f"{period.start:%d/%m/%Y}", unit=code))
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
    return _Header(unit.code if unit else "", period.code if period else "", report_date, preparer,
                   bool(unit and period), issues, code)


def _unit_read_loosely(typed: str, owner, reg: Registers, cell, where: dict, issues: list[Issue]):
    """The typed name is not the template's unit letter for letter: accept it when, read without
    diacritics, case or kind word, it names exactly that unit (warning); otherwise the name is a
    real conflict and the file is not used."""
    candidates = reg.match_unit_loosely(typed)
    if reg.match_unit(typed) is None and candidates == [owner]:
        issues.append(make_issue("DOC_GAN_DUNG", **where, cell=cell.address, column="Đơn vị báo cáo", value=typed,
                                 expected=owner.name, detail="giữ nguyên tên đơn vị ghi sẵn", unit=owner.code))
        return owner
    issues.append(make_issue("DON_VI_KHONG_KHOP", **where, cell=cell.address, column="Đơn vị báo cáo",
                             value=typed, expected=owner.name, unit=owner.code))
    return None


def _period_read(cell, reg: Registers, where: dict, issues: list[Issue], code: str):
    """The period chosen in the drop-down, or typed: exactly, or read loosely (one match, warning)."""
    if cell is None or cell.value is None:
        return None
    period = reg.match_period(cell.value)
    if period is None:
        candidates = reg.match_period_loosely(cell.value)
        if len(candidates) == 1:
            period = candidates[0]
            issues.append(make_issue("DOC_GAN_DUNG", **where, cell=cell.address, column="Kỳ báo cáo",
                                     value=clean_text(cell.value), expected=period.label,
                                     detail="chọn kỳ trong danh sách", unit=code))
    return period


def _check_award_header(sub: Submission, reg: Registers, kind, unit, issues: list[Issue], where: dict,
                        owner: str = "") -> _Header:
    """Award reports are yearly: no period to choose; the deadline is the report kind's own."""
    code = unit.code if unit else (WARD_UNIT if kind.content == "lich_su" else "")
    usable = bool(code) and not any(i.code in ("DON_VI_KHONG_RO", "DON_VI_KHONG_KHOP") for i in issues)
    code = code or owner
    date_cell = sub.header.get("ngay_bao_cao")
    report_date = parse_date(date_cell.value) if date_cell else None
    if report_date is None:
        issues.append(make_issue("NGAY_KHONG_HOP_LE", **where, cell=date_cell.address if date_cell else "",
                                 column="Ngày", value=shown_value(date_cell.value if date_cell else None), unit=code))
    elif kind.deadline and report_date > kind.deadline:
        issues.append(make_issue("NOP_TRE_HAN", **where, cell=date_cell.address, column="Ngày",
                                 value=f"{report_date:%d/%m/%Y}", expected=f"{kind.deadline:%d/%m/%Y}", unit=code))
    if not (sub.header.get("nguoi_lap") and clean_text(sub.header["nguoi_lap"].value)):
        cell = sub.header.get("nguoi_lap")
        issues.append(make_issue("THIEU_NGUOI_LAP", **where, cell=cell.address if cell else "",
                                 value="họ tên người lập biểu", unit=code))
    preparer = clean_text(sub.header["nguoi_lap"].value) if sub.header.get("nguoi_lap") else ""
    return _Header(code if usable else "", ANNUAL if usable or code else "", report_date, preparer, usable, issues, code)


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
