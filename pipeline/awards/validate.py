"""Parse and check the award submissions: people of the year-end evaluation and of the
registration, the collective fields, the khóm văn hóa form and the award history.

Values are parsed here (choices to codes, dates, whole numbers); every frame is then validated
in one pandera pass by ``intake.schema_issues``. A cell with an error is set to empty, so that
the rules treat it as missing data (never as a pass or a fail).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pipeline.awards.layout import (
    CHOICES,
    EVALUATION_COLUMNS,
    HISTORY_COLUMNS,
    KHOM_FORM_FIELDS,
    REGISTRATION_COLUMNS,
    columns_for,
    evaluation_fields,
    fields_for,
    titled,
)
from pipeline.intake.parse import parse_date, parse_number
from pipeline.intake.read import Cell, Submission
from pipeline.intake.schema_issues import schema_issues
from pipeline.issues import ERROR, Issue, make_issue
from pipeline.registers.model import REGISTERS_DIR, Registers
from pipeline.registers.rules import rule_titles
from pipeline.text import clean_text, normalise_key, strip_accents
from schemas.award_reports import (
    KHOM_COUNTS,
    AwardHistory,
    EvaluationGroup,
    EvaluationPeople,
    KhomForm,
    RegistrationPeople,
)

DATES = ("ngay_sinh", "ngay_bat_dau", "ngay_ky_luat", "ngay_qd")
WHOLE = ("so_thang", "so_sang_kien", "nam", *KHOM_COUNTS)
ABBREVIATIONS = {"ldtt": "LDTT", "cstdcs": "CSTDCS", "cstd co so": "CSTDCS", "cstd tinh": "CSTD_TINH",
                 "ttldtt": "TTLDTT", "ttldxs": "TTLDXS", "giay khen": "GK_PHUONG", "bang khen": "BK_TINH",
                 "khong dang ky": "khong", "khong de nghi": "khong", "": None}


def person_key(name: str) -> str:
    return normalise_key(name)


def option(raw: object, choices: dict) -> str | None:
    """The code of the option typed: its label, its code, the part before " - " (HTXSNV), or a
    usual abbreviation, in any case and spelling form; otherwise the text as typed."""
    text = clean_text(raw)
    if not text:
        return None
    key = strip_accents(normalise_key(text)).lower()
    for code, forms in _choice_forms(choices):
        if key in forms:
            return code
    abbreviation = ABBREVIATIONS.get(key)
    if abbreviation in choices or (abbreviation == "khong" and "khong" in choices):
        return abbreviation
    if key.startswith("giay khen") and "GK_PHUONG_TT" in choices:
        return "GK_PHUONG_TT"
    return text


_FORMS: dict[int, tuple[dict, list]] = {}   # id(choices) -> (choices, [(code, forms)]), computed once


def _choice_forms(choices: dict) -> list[tuple[str, set[str]]]:
    """The forms each option may be typed in; the choice lists are constants, so once per list."""
    held = _FORMS.get(id(choices))
    if held is None or held[0] is not choices:
        forms = [(code, {strip_accents(normalise_key(label)).lower(), code.lower(),
                         strip_accents(normalise_key(label.split(" - ")[0])).lower()})
                 for code, label in choices.items()]
        held = _FORMS[id(choices)] = (choices, forms)
    return held[1]


@dataclass
class AwardFrames:
    people: pd.DataFrame = field(default_factory=pd.DataFrame)          # bình xét: members
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)          # bình xét: collective fields
    registrations: pd.DataFrame = field(default_factory=pd.DataFrame)   # đăng ký: members
    group_registrations: pd.DataFrame = field(default_factory=pd.DataFrame)
    khom: pd.DataFrame = field(default_factory=pd.DataFrame)            # khóm văn hóa forms
    history: pd.DataFrame = field(default_factory=pd.DataFrame)
    addresses: dict = field(default_factory=dict)   # (frame name, row index) -> {column: cell}


def _value(key: str, cell: Cell | None, where: dict, issues: list[Issue], titles: tuple = ()):
    """Parse one cell; a problem becomes an Issue and the value None. ``titles``: the year's rule
    titles as sorted (code, title) pairs."""
    if cell is None:
        return None
    at = {**where, "cell": cell.address}
    if cell.problem:
        code = "CONG_THUC_CHUA_TINH" if cell.problem == "cong_thuc" else "O_BAO_LOI"
        issues.append(make_issue(code, **at, value="" if code == "CONG_THUC_CHUA_TINH" else cell.problem))
        return None
    raw = cell.value
    if raw is None:
        return None
    if key in CHOICES:
        try:
            return _choice(key, titles, raw)
        except TypeError:   # an unhashable value (no spreadsheet reader gives one): parsed uncached
            return _choice.__wrapped__(key, titles, raw)
    if key in DATES:
        date = parse_date(raw)
        if date is None:
            issues.append(make_issue("NGAY_KHONG_DOC_DUOC", **at, value=clean_text(raw)))
        return date
    if key in WHOLE:
        parsed = parse_number(raw, True)
        if parsed.code:
            issues.append(make_issue(parsed.code, **at, value=clean_text(raw), detail=parsed.detail))
            return None
        if parsed.percent:
            issues.append(make_issue("SO_LA_TY_LE", **at, value=clean_text(raw),
                                     detail="số đếm (số người, số hộ, số tháng, số năm…)"))
            return None
        return parsed.value
    return clean_text(raw) or None


@functools.lru_cache(maxsize=8192, typed=True)
def _choice(key: str, titles: tuple, raw: object) -> str | None:
    """The option code of a typed choice (the same few texts recur in every file: once each)."""
    named = _titled_choices(key, titles)
    found = option(raw, named)
    return found if found in named or named is CHOICES[key] else option(raw, CHOICES[key])


@functools.lru_cache(maxsize=64)
def _titled_choices(key: str, titles: tuple) -> dict:
    """The choice list of ``key`` with the year's rule titles (one dict per list and year, so that
    the forms of its options are computed once); the list itself when the titles change nothing."""
    choices = CHOICES[key]
    named = titled(choices, dict(titles))
    return choices if named == choices else named


def parse_award(sub: Submission, index: int, unit: str, content: str, reg: Registers,
                frames: dict[str, list], addresses: dict[str, list]) -> list[Issue]:
    """Add one award submission's records to ``frames`` (lists of dicts per frame name)."""
    issues: list[Issue] = []
    base = {"sub": index, "tep": sub.file, "trang_tinh": sub.sheet, "ma_don_vi": unit}
    where = {"file": sub.file, "sheet": sub.sheet, "unit": unit}
    is_khom = any(u.code == unit and u.is_khom for u in reg.units)
    header_keys = [f.key for f in fields_for(content, is_khom) if f.key not in
                   ("don_vi", "ngay_bao_cao", "nguoi_lap", "dien_thoai")]
    titles = tuple(sorted(rule_titles(reg.year, reg.root or REGISTERS_DIR).items()))
    header = {k: _value(k, sub.header.get(k), where, issues, titles) for k in header_keys}
    header_cells = {k: sub.header[k].address for k in header_keys if k in sub.header}
    if content == "binh_xet" and header_keys:
        labels = {f.key: f.label.rstrip(":") for f in fields_for(content, is_khom)}
        issues += _open_to_kind(reg, unit, header, header_cells, labels, where, titles)
        _add(frames, addresses, "groups", base | header, header_cells)
    if content == "dang_ky":
        _add(frames, addresses, "group_registrations", base | header, header_cells)
    if content == "khom_van_hoa":
        _add(frames, addresses, "khom", base | header, header_cells)
        return issues
    name = {"binh_xet": "people", "dang_ky": "registrations", "lich_su": "history"}[content]
    keys = [c.key for c in columns_for(content) if c.key != "stt"]
    for row in sub.rows:
        record = {k: _value(k, row.cells.get(k), where, issues, titles) for k in keys}
        cells = {k: c.address for k, c in row.cells.items()}
        if not record.get("ho_ten"):
            issues.append(make_issue("THIEU_HO_TEN", **where, cell=row.code_address, column="Họ và tên"))
            continue
        issues += _row_checks(content, record, cells, where, reg.year)
        _add(frames, addresses, name, base | {"dong": row.excel_row} | record, cells)
    return issues


def _open_to_kind(reg: Registers, unit: str, header: dict, cells: dict, labels: dict, where: dict,
                  titles: tuple) -> list[Issue]:
    """A collective proposed for a title its kind of unit is not considered for (the year's
    [[loai_don_vi]] danh_hieu; a kind that lists none is not checked): a warning, the council decides."""
    kind = next((k for u in reg.units if u.code == unit for k in reg.unit_kinds if k.code == u.kind), None)
    if kind is None or not kind.titles:
        return []
    names = dict(titles)
    return [make_issue("DANH_HIEU_KHONG_MO", **where, cell=cells.get(key, ""), column=labels.get(key, key),
                       value=names.get(code, code),
                       detail=kind.name, expected=", ".join(names.get(t, t) for t in kind.titles))
            for key in ("dh_tap_the", "ht_tap_the") if (code := header.get(key)) and code in names
            and code not in kind.titles]


def _row_checks(content: str, r: dict, cells: dict, where: dict, year: int) -> list[Issue]:
    """Checks on a row's dates and completeness (pandera reports no failure for an empty cell)."""
    out = []
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if content == "binh_xet":
        if r.get("ngay_bat_dau") and r["ngay_bat_dau"] > end:
            out.append(make_issue("NGAY_NGOAI_NAM", **where, cell=cells["ngay_bat_dau"], column="Ngày bắt đầu công tác",
                                  value=f"{r['ngay_bat_dau']:%d/%m/%Y}", detail="sau năm xét"))
            r["ngay_bat_dau"] = None
        if r.get("ngay_ky_luat") and not start <= r["ngay_ky_luat"] <= end:
            out.append(make_issue("NGAY_NGOAI_NAM", **where, cell=cells["ngay_ky_luat"], column="Ngày quyết định kỷ luật",
                                  value=f"{r['ngay_ky_luat']:%d/%m/%Y}", detail=f"không thuộc năm {year}"))
        if (r.get("so_sang_kien") or 0) > 0 and not r.get("cap_sang_kien"):
            out.append(make_issue("THIEU_CAP_SANG_KIEN", **where, cell=cells["cap_sang_kien"],
                                  column="Cấp công nhận sáng kiến"))
    if content == "lich_su" and r.get("nam") is not None and not 1990 <= r["nam"] < year:
        out.append(make_issue("NAM_KHONG_HOP_LE", **where, cell=cells["nam"], column="Năm",
                              value=f"{r['nam']:.0f}", expected=year - 1))
        r["nam"] = None
    return out


def _add(frames, addresses, name: str, record: dict, cells: dict) -> None:
    frames.setdefault(name, []).append(record)
    addresses.setdefault(name, []).append(cells)


SCHEMAS = {"people": EvaluationPeople, "groups": EvaluationGroup, "registrations": RegistrationPeople,
           "khom": KhomForm, "history": AwardHistory}
NUMERIC = {"so_thang", "so_sang_kien", "nam", *KHOM_COUNTS}


def to_frames(frames: dict[str, list], addresses: dict[str, list], reg: Registers) -> tuple[AwardFrames, list[Issue]]:
    """Build the frames, validate each in one pandera pass, and blank every cell an error points to."""
    out = AwardFrames()
    issues: list[Issue] = []
    headings = _headings(reg)
    for name in ("people", "groups", "registrations", "group_registrations", "khom", "history"):
        records = frames.get(name, [])
        frame = pd.DataFrame.from_records(records) if records else pd.DataFrame(columns=["sub", "tep", "trang_tinh", "ma_don_vi"])
        for column in frame.columns:
            if column in NUMERIC:
                frame[column] = pd.to_numeric(frame[column], errors="raise").astype("float64")
            elif column not in ("sub", "dong") and column not in DATES:
                frame[column] = frame[column].astype(object).where(frame[column].notna(), None).astype("str")
        addrs = addresses.get(name, [])
        found = schema_issues(SCHEMAS[name], frame, addrs, headings) if name in SCHEMAS else []
        issues += found
        frame = _blank_errors(frame, addrs, found)
        setattr(out, name, frame.reset_index(drop=True))
        out.addresses[name] = addrs
    return out, issues


def _blank_errors(frame: pd.DataFrame, addresses: list[dict], issues: list[Issue]) -> pd.DataFrame:
    bad = {(i.file, i.cell) for i in issues if i.severity == ERROR}
    if not bad or frame.empty:
        return frame
    files = frame["tep"].tolist()
    blank: dict[str, list[int]] = {}   # column -> rows whose cell in it an error points to
    for i, cells in enumerate(addresses):
        for column, address in cells.items():
            if (files[i], address) in bad:
                blank.setdefault(column, []).append(i)
    frame = frame.copy()
    for column, rows in blank.items():
        if column in frame.columns:
            frame.loc[rows, column] = np.nan if column in NUMERIC else None
    return frame


def _headings(reg: Registers) -> dict[str, str]:
    out = {c.key: c.heading for c in (*EVALUATION_COLUMNS, *REGISTRATION_COLUMNS, *HISTORY_COLUMNS)}
    out |= {f.key: f.label.rstrip(":") for f in (*evaluation_fields(False), *KHOM_FORM_FIELDS)}
    return out
