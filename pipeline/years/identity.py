"""One person across the files of a run and the years: the registration, the year-end evaluation
and the history name the same person however the name was typed.

A person is matched on the name (case, spaces, NFC/NFD and tone placement folded: ``normalise_key``)
in the same unit, with a compatible birth date (the same, or missing on one side). When only the
name without diacritics matches, the match is taken when exactly one person fits, with a warning
naming both spellings and the cell; two different people whose names collide without diacritics
are never merged (a warning says so). What is printed uses one spelling: the registered one (unless
it was registered without diacritics); with no registration, the one with diacritics, the
history's when both have them.

History rows are also given this year's unit (``don_vi_nay``): the unit named in the row, followed
across mergers and renamings (``lineage.unit_named``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from pipeline.issues import Issue, make_issue
from pipeline.text import clean_text, normalise_key, plain_key, strip_accents
from pipeline.years.lineage import unit_named


def has_marks(name: object) -> bool:
    text = clean_text(name)
    return strip_accents(text) != text


def _birth(value) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _fits(a: dt.date | None, b: dt.date | None) -> bool:
    return a is None or b is None or a == b


@dataclasses.dataclass(frozen=True)
class Mention:
    """A person as one file names them: the frame and row, the spelling, birth date, unit, cell."""
    frame: str
    row: int
    name: str
    birth: dt.date | None
    unit: str | None
    file: str
    sheet: str
    cell: str
    owner: str = ""   # the unit whose file it is (the ward's, for a history): whose feedback tells it

    @property
    def where(self) -> str:
        return f"tệp \"{self.file}\", ô {self.cell}" if self.cell else f"tệp \"{self.file}\""


def _mentions(frames, name: str, unit_column: str) -> list[Mention]:
    frame = getattr(frames, name)
    if frame.empty:
        return []
    addresses = frames.addresses.get(name, [])
    n = len(frame)
    column = lambda key: frame[key].tolist() if key in frame else [None] * n  # noqa: E731
    kinds = column("loai_doi_tuong") if name == "history" else [None] * n
    out = []
    for i, (who, birth, unit, file, sheet, owner, kind) in enumerate(zip(
            column("ho_ten"), column("ngay_sinh"), column(unit_column), column("tep"), column("trang_tinh"),
            column("ma_don_vi"), kinds)):
        if kind == "tap_the":
            continue
        out.append(Mention(name, i, who, _birth(birth), unit if isinstance(unit, str) else None, file, sheet,
                           addresses[i].get("ho_ten", "") if i < len(addresses) else "", owner))
    return out


def _same_unit(a: Mention, b: Mention) -> bool:
    return a.unit is not None and a.unit == b.unit


def _people(candidates: list[Mention]) -> list[Mention]:
    """One mention per distinct person (spelling and birth date) among ``candidates``."""
    seen: dict[tuple, Mention] = {}
    for m in candidates:
        seen.setdefault((normalise_key(m.name), m.birth), m)
    return list(seen.values())


class _ByLooseKey:
    """A pool of mentions by name without diacritics, indexed on the first look-up: most names
    match exactly and never need it (the runs hold thousands)."""

    def __init__(self, pool: list[Mention]):
        self.pool, self.index = pool, None

    def get(self, key: str, default: list) -> list[Mention]:
        if self.index is None:
            self.index = {}
            for p in self.pool:
                self.index.setdefault(plain_key(p.name), []).append(p)
        return self.index.get(key, default)

    def __getitem__(self, key: str) -> list[Mention]:
        return self.get(key, [])


def _loose_match(m: Mention, pool: _ByLooseKey, need_unit: bool) -> list[Mention]:
    """The distinct people of ``pool`` whose name matches ``m`` only without diacritics."""
    exact = normalise_key(m.name)
    found = [p for p in pool.get(plain_key(m.name), []) if normalise_key(p.name) != exact and _fits(m.birth, p.birth)
             and (_same_unit(m, p) or (not need_unit and m.birth is not None and m.birth == p.birth))]
    return _people(found)


def _matched(kept: Mention, replaced: Mention, reason: str) -> Issue:
    return make_issue("TEN_KHAC_DAU", file=replaced.file, sheet=replaced.sheet, cell=replaced.cell, column="Họ và tên",
                      value=replaced.name, expected=kept.name, detail=f"{reason}; {kept.where}",
                      unit=replaced.owner or replaced.unit or "")


def _collision(m: Mention, people: list[Mention]) -> Issue:
    named = "; ".join(f"{p.name}" + (f" (sinh ngày {p.birth:%d/%m/%Y})" if p.birth else "") + f", {p.where}"
                      for p in people)
    return make_issue("TEN_TRUNG_KHONG_DAU", file=m.file, sheet=m.sheet, cell=m.cell, column="Họ và tên",
                      value=m.name, detail=named, unit=m.owner or m.unit or "")


def align(validated, used: set[int], reg):
    """``validated`` with the award frames' names in one spelling per person and each history row
    given this year's unit; and the issues saying which names were read as which person."""
    frames = dataclasses.replace(validated.awards, people=validated.awards.people.copy(),
                                 registrations=validated.awards.registrations.copy(),
                                 history=validated.awards.history.copy())
    issues: list[Issue] = []
    if not frames.history.empty:
        nam = frames.history["nam"].tolist()
        units = frames.history.get("don_vi", pd.Series([None] * len(nam))).tolist()
        known: dict[tuple, str | None] = {}   # the same few unit names recur on every row
        for key in zip(units, (int(y) if isinstance(y, float) and y == y else reg.year for y in nam)):
            if key not in known:
                known[key] = unit_named(reg, *key)
        frames.history["don_vi_nay"] = [known[(u, int(y) if isinstance(y, float) and y == y else reg.year)]
                                        for u, y in zip(units, nam)]
    def in_use(frame: str, mentions: list[Mention]) -> list[Mention]:
        subs = getattr(frames, frame)["sub"].tolist() if mentions else []
        return [m for m in mentions if int(subs[m.row]) in used]
    registered = in_use("registrations", _mentions(frames, "registrations", "ma_don_vi"))
    people = in_use("people", _mentions(frames, "people", "ma_don_vi"))
    names: dict[tuple[str, int], str] = {}   # (frame, row) -> the spelling to print

    # the year-end evaluation against the registration, within one unit
    exact_registered = {(m.unit, normalise_key(m.name)): m for m in registered}
    registered_loosely = _ByLooseKey(registered)
    for m in people:
        own = exact_registered.get((m.unit, normalise_key(m.name)))
        if own is not None:
            names[("people", m.row)] = own.name
            continue
        found = _loose_match(m, registered_loosely, need_unit=True)
        same = "cùng đơn vị" + (", cùng ngày sinh" if m.birth else "")
        if len(found) == 1 and has_marks(m.name) and not has_marks(found[0].name):
            names[("registrations", found[0].row)] = m.name   # registered without diacritics: the evaluation's spelling
            names[("people", m.row)] = m.name
            issues.append(_matched(m, found[0], same + "; dùng họ tên có dấu"))
        elif len(found) == 1:
            names[("people", m.row)] = found[0].name
            issues.append(_matched(found[0], m, same + "; dùng họ tên đã đăng ký"))
        elif len(found) > 1:
            issues.append(_collision(m, found))
    is_registered = {m.row for m in people if ("people", m.row) in names}
    current = [dataclasses.replace(m, name=names[("people", m.row)]) if names.get(("people", m.row), m.name) != m.name
               else m for m in people]

    # the history against this year's people
    exact_current, current_loosely = {}, _ByLooseKey(current)
    for m in current:
        exact_current.setdefault(normalise_key(m.name), []).append(m)
    for h in in_use("history", _mentions(frames, "history", "don_vi_nay")):
        same = [p for p in exact_current.get(normalise_key(h.name), []) if _fits(h.birth, p.birth)]
        if same:
            if same[0].row in is_registered:
                names[("history", h.row)] = same[0].name
            continue
        found = _loose_match(h, current_loosely, need_unit=False)
        if len(found) > 1:
            issues.append(_collision(h, found))
            continue
        if not found:
            continue
        p = found[0]
        if p.row in is_registered or (has_marks(p.name) and not has_marks(h.name)):
            names[("history", h.row)] = p.name
            issues.append(_matched(p, h, "cùng ngày sinh" if h.birth else "cùng đơn vị"))
        else:
            for q in current_loosely[plain_key(p.name)]:   # every row of that person in the year-end evaluation
                if normalise_key(q.name) == normalise_key(p.name) and q.unit == p.unit and _fits(q.birth, p.birth):
                    names[("people", q.row)] = h.name
            issues.append(_matched(h, p, ("cùng ngày sinh" if h.birth else "cùng đơn vị") + "; dùng họ tên trong lịch sử"))
    for frame in ("people", "registrations", "history"):   # one column written, not a cell at a time
        changed = {row: name for (f, row), name in names.items() if f == frame}
        if changed:
            column = getattr(frames, frame)["ho_ten"].tolist()
            for row, name in changed.items():
                column[row] = name
            getattr(frames, frame)["ho_ten"] = column
    return dataclasses.replace(validated, awards=frames), issues


def respell(decisions: list, validated, used: set[int], cells: dict[int, tuple[str, str]]) -> list[Issue]:
    """Campaign proposals name people too: a person proposed under a spelling that matches a person
    of this year's registration or year-end evaluation (same unit) only without diacritics is that
    person, printed as they are (warning); an exact match takes the registered spelling silently.
    ``cells``: id(decision) -> (sheet, cell of the name)."""
    frames = validated.awards
    pool = [m for name in ("registrations", "people") for m in _mentions(frames, name, "ma_don_vi")
            if int(getattr(frames, name).at[m.row, "sub"]) in used]
    exact = {}
    for m in pool:   # registrations first: the registered spelling wins
        exact.setdefault((m.unit, normalise_key(m.name)), m)
    issues: list[Issue] = []
    loosely = _ByLooseKey(pool)
    for d in decisions:
        if d.kind != "ca_nhan":
            continue
        sheet, cell = cells.get(id(d), ("", ""))
        me = Mention("campaign", 0, d.subject, d.birth, d.unit, d.file, sheet, cell)
        own = exact.get((d.unit, normalise_key(d.subject)))
        if own is not None:
            d.subject = own.name
            continue
        found = _loose_match(me, loosely, need_unit=True)
        if len(found) == 1:
            d.subject = found[0].name
            issues.append(_matched(found[0], me, "cùng đơn vị" + (", cùng ngày sinh" if d.birth else "")))
        elif len(found) > 1:
            issues.append(_collision(me, found))
    return issues
