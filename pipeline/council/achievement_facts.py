"""The facts an achievement report (Mẫu 02/03) states about its subject: this year's rating and
initiatives from the evaluated people, the earlier years' titles from the history (found as the
chains find them, never a namesake's), and the figures behind the approved titles."""

from __future__ import annotations

import datetime as dt

from pipeline.awards.criteria import PASS
from pipeline.awards.layout import HISTORY_ITEMS, INITIATIVE_LEVELS
from pipeline.text import normalise_key
from pipeline.years.history import PROPOSED, REFUSED, history_index, history_of, status_of


def pkey(e) -> tuple:
    return (e.decision.unit, normalise_key(e.decision.subject), e.decision.birth)


def person_index(people: list[dict]) -> dict:
    out = {}
    for r in people:
        birth = r.get("ngay_sinh") if isinstance(r.get("ngay_sinh"), dt.date) else None
        out[(r["ma_don_vi"], normalise_key(r["ho_ten"]), birth)] = r
    return out


def known(value) -> bool:
    return value is not None and str(value) not in ("", "None", "nan")


def initiative(r: dict | None) -> str:
    if not r or not known(r.get("so_sang_kien")) or not r["so_sang_kien"]:
        return ""
    level = INITIATIVE_LEVELS.get(r.get("cap_sang_kien"), "").lower()
    decision = f", {r['qd_sang_kien']}" if known(r.get("qd_sang_kien")) else ""
    return f"{int(r['so_sang_kien'])} sáng kiến {level}{decision}".strip()


def figures(entries) -> list[str]:
    """The year's achievements and figures behind the approved titles (the criteria met and the
    values reported), without the tool's verdict."""
    lines = []
    for e in entries:
        for c in e.decision.criteria:
            shown = c.text if c.result == PASS else c.value if any(ch.isalpha() for ch in c.value) else ""
            for part in (p.strip() for p in shown.split("; ")):
                part = part[:1].upper() + part[1:]
                if part and part not in lines:
                    lines.append(part)
    return lines


def earlier_index(history: list[dict]) -> dict[str, dict]:
    """The earlier years' records by person, built once rather than searched for each report."""
    return history_index(history, campaigns=True)


def earlier_rows(history: dict[str, dict], d) -> list[dict]:
    """The subject's own rows, found as the chains find them (name, birth date, then unit): never
    a namesake's."""
    rows = []
    for r in history_of(history, d.subject, d.birth, d.unit).records:
        status = status_of(r)
        if status == REFUSED:
            continue   # the higher authority did not grant it
        when = f", ngày {r['ngay_qd']:%d/%m/%Y}" if isinstance(r.get("ngay_qd"), dt.date) else ""
        rows.append({"nam": int(r["nam"]), "ma": r.get("noi_dung"),
                     "noi_dung": HISTORY_ITEMS.get(r.get("noi_dung"), str(r.get("noi_dung"))),
                     "quyet_dinh": "đã đề nghị, chưa có quyết định" if status == PROPOSED else
                     (f"Số {r['so_qd']}" if known(r.get("so_qd")) else "") + when})
    unique: dict[tuple, dict] = {}   # a title read from two history files is listed once, decided first
    for row in sorted(rows, key=lambda x: x["quyet_dinh"].startswith("đã đề nghị")):
        unique.setdefault((row["nam"], row["ma"]), row)
    return sorted(unique.values(), key=lambda x: (x["nam"], x["noi_dung"]))
