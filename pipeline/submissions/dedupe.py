"""Choose one submission per unit, report kind and period, and build the submission register.

Rules (nothing is dropped silently; every file gets a fate):
- the report with the latest report date wins; earlier ones are superseded (warning naming both);
- a report without a date counts as older than any dated one;
- two reports with the same latest date and the same content: one is used, the other is a copy
  (warning); with different content: a conflict (error), neither is used and the unit counts as
  not having reported;
- a file whose report date lies nearer the end of a later period of its report than the end of
  the period it names, past that period's deadline (a year-end report left on "Đợt 1"), does not
  supersede a report of the named period the unit already sent: it is set apart, unused, with an
  error naming both files (alone, it is used as labelled: a late correction sent on its own);
- award-history files add up instead (one file per year, or a history the tool wrote): every
  file with its own content is used, and an identical copy is a copy. A row repeated in two files
  counts once when the history is indexed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from pipeline.intake.discover import Found
from pipeline.issues import ERROR, WARNING, Issue, make_issue
from pipeline.registers.model import Registers
from pipeline.submissions.validate import Checked, Validated

USED, WITH_ERRORS, SUPERSEDED, COPY, CONFLICT, MISSING, UNUSABLE, UNKNOWN = (
    "hop_le", "co_loi", "bi_thay", "trung_lap", "xung_dot", "chua_nop", "khong_dung_duoc", "khong_xac_dinh",
)
STATUS_LABEL = {
    USED: "Hợp lệ", WITH_ERRORS: "Có lỗi (phần số liệu lỗi không dùng)", SUPERSEDED: "Bị thay bằng bản mới hơn",
    COPY: "Bản trùng lặp (không dùng)", CONFLICT: "Xung đột (không dùng)", MISSING: "Chưa nộp",
    UNUSABLE: "Không dùng được", UNKNOWN: "Không xác định / bị loại",
}
COPY_NAME = re.compile(r"(\(\d+\)|\bcopy\b|bản sao)\s*\.xlsx$", re.IGNORECASE)


@dataclass(frozen=True)
class Chosen:
    values: pd.DataFrame        # used rows of the chosen submissions
    register: pd.DataFrame      # the submission register, one row per expected slot × file
    fates: dict[int, str]       # submission index -> status
    issues: list[Issue]

    @property
    def used(self) -> set[int]:
        """The submissions whose rows are in use (valid, or with errors in some rows)."""
        return {i for i, fate in self.fates.items() if fate in ("hop_le", "co_loi")}


def not_of_copies(issues: list[Issue], validated: Validated, chosen: Chosen) -> list[Issue]:
    """An identical copy of a file in use ("… (1).xlsx") is not used: the problems in its cells are
    the used file's, listed once there; the copy keeps what is about the file itself (its format)."""
    copies = {c.result.found.name for c in validated.checked if chosen.fates.get(c.index) == "trung_lap"}
    return [i for i in issues if i.file not in copies or not i.cell]


def dedupe(validated: Validated, reg: Registers, skipped: tuple[Found, ...] = ()) -> Chosen:
    issues: list[Issue] = []
    fates: dict[int, str] = {}
    groups: dict[tuple, list[Checked]] = {}
    accumulate = {k.code for k in reg.report_kinds if k.content == "lich_su"}
    for c in validated.checked:
        if c.usable:
            kind = c.result.submission.report_kind
            extra = validated.signatures.get(c.index, ()) if kind in accumulate else ()
            groups.setdefault((c.unit, kind, c.period, extra), []).append(c)
        else:
            fates[c.index] = UNUSABLE if c.unit and c.result.submission else UNKNOWN
    rows = validated.rows
    apart: dict[tuple[str, str, str], list[str]] = {}   # (unit, kind, the period the date fits) -> files set apart
    for members in groups.values():
        members = _set_apart(members, reg, fates, issues, apart)
        _decide(members, validated.signatures, fates, issues)
    used_subs = {i for i, f in fates.items() if f in (USED, WITH_ERRORS)}
    errors_by_file = _count(validated.issues + issues, ERROR)
    for i in used_subs:
        if errors_by_file.get(validated.checked[i].result.found.name, 0):
            fates[i] = WITH_ERRORS
    values = rows[rows["sub"].isin(used_subs) & rows["dung"]].reset_index(drop=True)
    register = _register(validated, fates, reg, validated.issues + issues, skipped, apart)
    return Chosen(values, register, fates, issues)


def _set_apart(members: list[Checked], reg: Registers, fates: dict[int, str], issues: list[Issue],
               apart: dict[tuple[str, str, str], list[str]]) -> list[Checked]:
    """The members whose date fits the period they name, when some do; the others are set apart
    (KY_KHONG_KHOP_NGAY) rather than superseding them. With none that fits, all go on as they are."""
    odd = {c.index: later for c in members if (later := later_period(c, reg)) is not None}
    fitting = [c for c in members if c.index not in odd]
    if not odd or not fitting:
        return members
    kept = ", ".join(f"\"{c.result.found.name}\" (ngày {_date(c.report_date)})"
                     for c in sorted(fitting, key=lambda c: c.result.found.name))
    for c in members:
        if c.index not in odd:
            continue
        fates[c.index] = UNUSABLE
        own, later, sub = reg.period(c.period), odd[c.index], c.result.submission
        apart.setdefault((c.unit, sub.report_kind, later.code), []).append(c.result.found.name)
        cell = sub.header.get("ky")
        issues.append(make_issue("KY_KHONG_KHOP_NGAY", file=c.result.found.name, sheet=sub.sheet,
                                 cell=cell.address if cell else "", column="Kỳ báo cáo", value=own.name,
                                 unit=c.unit, detail=kept, date=_date(c.report_date), own_end=_date(own.end),
                                 later=later.name, later_end=_date(later.end)))
    return fitting


def later_period(c: Checked, reg: Registers):
    """The later period of the file's report whose end its report date lies nearer than the end of
    the period it names, when that date is also past the named period's deadline; else None. A
    date exactly halfway fits the named period (a late correction is not suspected lightly)."""
    own = next((p for p in reg.periods if p.code == c.period), None)
    sub = c.result.submission
    if own is None or c.report_date is None or sub is None or c.report_date <= own.deadline:
        return None
    kind = reg.report_kind(sub.report_kind)
    for p in reg.periods:
        if p.code in kind.periods and p.end > own.end and \
                abs((c.report_date - p.end).days) < abs((c.report_date - own.end).days):
            return p
    return None


def _decide(members: list[Checked], signatures: dict[int, tuple], fates: dict[int, str], issues: list[Issue]) -> None:
    def key(c: Checked):
        # among equal dates, the original before its "(1)" / "- Copy" duplicates
        name = c.result.found.name
        return (c.report_date or dt.date.min, bool(COPY_NAME.search(name)), name)

    members = sorted(members, key=key)
    latest_date = members[-1].report_date
    latest = [c for c in members if c.report_date == latest_date]
    older = [c for c in members if c.report_date != latest_date]
    if len({signatures.get(c.index, ()) for c in latest}) > 1:
        for c in latest:
            fates[c.index] = CONFLICT
            others = ", ".join(o.result.found.name for o in latest if o is not c)
            issues.append(make_issue("BAN_XUNG_DOT", file=c.result.found.name, unit=c.unit,
                                     value=_date(latest_date), detail=others))
        winner = None
    else:
        winner = latest[0]
        fates[winner.index] = USED
        for c in latest[1:]:
            fates[c.index] = COPY
            issues.append(make_issue("BAN_TRUNG_GIONG_HET", file=c.result.found.name, unit=c.unit,
                                     detail=winner.result.found.name))
    for c in older:
        fates[c.index] = SUPERSEDED
        newer = winner.result.found.name if winner else ", ".join(o.result.found.name for o in latest)
        issues.append(make_issue("BAN_CU_BI_THAY", file=c.result.found.name, unit=c.unit,
                                 value=_date(c.report_date), detail=newer, expected=_date(latest_date)))


def _date(d: dt.date | None) -> str:
    return f"{d:%d/%m/%Y}" if d else "không ghi"


def _count(issues: list[Issue], severity: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in issues:
        if i.severity == severity and i.file:
            out[i.file] = out.get(i.file, 0) + 1
    return out


def _register(validated: Validated, fates: dict[int, str], reg: Registers, issues: list[Issue],
              skipped: tuple[Found, ...], apart: dict[tuple[str, str, str], list[str]] | None = None) -> pd.DataFrame:
    errors, warnings = _count(issues, ERROR), _count(issues, WARNING)
    by_slot: dict[tuple[str, str, str], list[Checked]] = {}
    loose: list[Checked] = []
    for c in validated.checked:
        sub = c.result.submission
        if sub is not None and c.unit and c.period:
            by_slot.setdefault((c.unit, sub.report_kind, c.period), []).append(c)
        else:
            loose.append(c)
    # a file set apart for its period is unused for that reason, whatever else is wrong in it
    why = _first_errors(sorted(issues, key=lambda i: i.code != "KY_KHONG_KHOP_NGAY"))
    # A unit's own file whose period could not be read: it stands in every slot of that report the
    # unit has not filled, so the unit reads "không dùng được", not "chưa nộp".
    no_period = {}
    for c in loose:
        if c.unit and c.result.submission is not None:
            no_period.setdefault((c.unit, c.result.submission.report_kind), []).append(c)
    placed: set[int] = set()
    records = []
    for unit in reg.units:
        for kind_code in unit.reports:
            kind = reg.report_kind(kind_code)
            if kind.optional:
                continue
            for period_code in kind.periods:
                members = by_slot.pop((unit.code, kind_code, period_code), [])
                base = {"ma_don_vi": unit.code, "don_vi": unit.name, "loai_bao_cao": kind_code,
                        "ky": period_code}
                if not members and (unit.code, kind_code) in no_period:
                    members = no_period[(unit.code, kind_code)]
                    placed.update(c.index for c in members)
                if not members:
                    # a file set apart for its period whose date fits this one: say where it may be
                    maybe = ", ".join(f"\"{n}\"" for n in sorted((apart or {}).get((unit.code, kind_code, period_code), [])))
                    records.append(base | {"trang_thai": MISSING, "tep": "", "ngay_bao_cao": "",
                                           "so_loi": 0, "so_canh_bao": 0, "ghi_chu": (
                                               f"Có thể là tệp {maybe}: ngày báo cáo thuộc kỳ này nhưng tệp ghi kỳ "
                                               "khác (KY_KHONG_KHOP_NGAY)") if maybe else ""})
                for c in sorted(members, key=lambda c: c.result.found.name):
                    records.append(base | _file_fields(c, fates, errors, warnings, why))
    loose = [c for c in loose if c.index not in placed]
    for c in loose + [c for members in by_slot.values() for c in members]:
        sub = c.result.submission
        unit = next((u for u in reg.units if u.code == c.unit), None)
        records.append({"ma_don_vi": c.unit, "don_vi": unit.name if unit else "",
                        "loai_bao_cao": sub.report_kind if sub else "", "ky": c.period}
                       | _file_fields(c, fates, errors, warnings, why))
    for f in skipped:
        records.append({"ma_don_vi": "", "don_vi": "", "loai_bao_cao": "", "ky": "", "trang_thai": UNKNOWN,
                        "tep": f.name, "ngay_bao_cao": "", "so_loi": errors.get(f.name, 0),
                        "so_canh_bao": warnings.get(f.name, 0), "ghi_chu": f.reason})
    frame = pd.DataFrame.from_records(records, columns=[
        "ma_don_vi", "don_vi", "loai_bao_cao", "ky", "trang_thai", "tep", "ngay_bao_cao",
        "so_loi", "so_canh_bao", "ghi_chu"])
    return frame


def _first_errors(issues: list[Issue]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in issues:
        if i.severity == ERROR and i.file:
            out.setdefault(i.file, i.message)
    return out


def _file_fields(c: Checked, fates: dict[int, str], errors: dict, warnings: dict, why: dict[str, str]) -> dict:
    name = c.result.found.name
    fate = fates.get(c.index, UNKNOWN)
    reason = c.result.reason or (why.get(name, "") if fate in (UNUSABLE, UNKNOWN) else "")
    return {"trang_thai": fate, "tep": name, "ngay_bao_cao": c.report_date.isoformat() if c.report_date else "",
            "so_loi": errors.get(name, 0), "so_canh_bao": warnings.get(name, 0),
            "ghi_chu": reason}
