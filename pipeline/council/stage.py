"""The council stage of a run: set the decision forms apart from the units' reports, read the
decisions against this run's candidates, and write the form, the documents and the history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from pipeline.council.decide import CouncilOutcome, decide, form_rows
from pipeline.council.form import write_form
from pipeline.council.layout import FORM_NAME
from pipeline.council.settings import load_council
from pipeline.text import normalise_key


def split_forms(found: list, read: list, reg) -> tuple[list, list, list]:
    """(other files found, their read results, the decision forms' read results)."""
    kind = next((k.code for k in reg.report_kinds if k.content == "ket_qua_hop"), None)
    forms = [r for r in read if r.submission is not None and r.submission.report_kind == kind]
    names = {r.found.name for r in forms}
    return [f for f in found if f.name not in names], [r for r in read if r not in forms], forms


def people_records(validated, chosen) -> pd.DataFrame:
    """The evaluated people of the submissions in use."""
    used = {i for i, fate in chosen.fates.items() if fate in ("hop_le", "co_loi")}
    people = validated.awards.people
    return people[people["sub"].isin(used)].reset_index(drop=True) if not people.empty else people


def council_stage(forms: list, validated, chosen, awards, reg, rules) -> CouncilOutcome:
    settings = load_council(reg)
    people = people_records(validated, chosen)
    positions, members = {}, {}
    for r in people.itertuples(index=False) if not people.empty else []:
        birth = r.ngay_sinh if isinstance(r.ngay_sinh, dt.date) else None
        position = r.chuc_vu if isinstance(getattr(r, "chuc_vu", None), str) and r.chuc_vu != "None" else ""
        positions[(r.ma_don_vi, normalise_key(r.ho_ten), birth)] = position
        members[r.ma_don_vi] = members.get(r.ma_don_vi, 0) + 1
    names = {u.code: u.name for u in reg.units}
    return decide(awards.decisions, positions, names, members, forms, rules, settings)


def write_council(output_dir: Path, reg, rules, outcome: CouncilOutcome, validated, chosen, sample: bool) -> list[Path]:
    """The decision form always; the documents and the history once a filled form was read."""
    from pipeline.council.documents import write_documents
    from pipeline.council.history import write_history
    settings = load_council(reg)
    form = output_dir / FORM_NAME.format(year=reg.year)
    write_form(form, reg, settings, form_rows(outcome, rules), outcome.meeting, sample)
    written = [form]
    if outcome.decided:
        people = people_records(validated, chosen)
        used = {i for i, fate in chosen.fates.items() if fate in ("hop_le", "co_loi")}
        history = validated.awards.history
        history = history[history["sub"].isin(used)].reset_index(drop=True) if not history.empty else history
        written += write_documents(output_dir / "van_ban", reg, rules, settings, outcome, people, history, sample)
        written.append(write_history(output_dir, reg, outcome, people, history, settings))
    return written
