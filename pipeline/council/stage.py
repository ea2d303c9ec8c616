"""The council stage of a run: set the decision forms apart from the units' reports and read the
decisions against this run's candidates (``council/writers.py`` writes the form, the documents
and the history)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.council.campaign import campaign_decisions
from pipeline.council.campaign_layout import CONTENT
from pipeline.council.decide import CouncilOutcome, decide
from pipeline.council.settings import load_council
from pipeline.text import normalise_key
from pipeline.years.identity import respell


def council_kinds(reg) -> set[str]:
    """The report kinds that belong to the council stage: the decision forms and the campaign proposals."""
    return {k.code for k in reg.report_kinds if k.content in ("ket_qua_hop", CONTENT)}


def split_forms(found: list, read: list, reg) -> tuple[list, list, list]:
    """(other files found, their read results, the read results of the council stage's files)."""
    kinds = council_kinds(reg)
    forms = [r for r in read if r.submission is not None and r.submission.report_kind in kinds]
    names = {r.found.name for r in forms}
    ids = {id(r) for r in forms}   # by identity: comparing results field by field is quadratic in the files
    return [f for f in found if f.name not in names], [r for r in read if id(r) not in ids], forms


def people_records(validated, chosen) -> pd.DataFrame:
    """The evaluated people of the submissions in use."""
    used = chosen.used
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
    proposals = [r for r in forms if r.submission.report_kind == _campaign_kind(reg)]
    extra, issues, places = campaign_decisions(proposals, reg, rules)
    issues += respell(extra, validated, chosen.used, {id(d): places[id(d)][:2] for d in extra})
    for d in extra:
        positions.setdefault((d.unit, normalise_key(d.subject), d.birth), places[id(d)][2])
    proposal_ids = {id(r) for r in proposals}
    decision_forms = [r for r in forms if id(r) not in proposal_ids]
    out = decide(awards.decisions + extra, positions, names, members, decision_forms, rules, settings,
                 {p["ma"]: p["ten"] for p in reg.emulation_phases})
    out.issues = issues + out.issues
    return out


def _campaign_kind(reg) -> str | None:
    kind = reg.kind_for_content(CONTENT)
    return kind.code if kind else None


def council_inputs(validated, chosen) -> tuple[list[dict], list[dict]]:
    """What the council's writers need of the run beside its outcome: the records of the evaluated
    people and of the award history of the submissions in use. Plain records: the writers' process
    has no pandas (``council/writers.py``)."""
    history = validated.awards.history
    used = chosen.used
    history = history[history["sub"].isin(used)].reset_index(drop=True) if not history.empty else history
    people = people_records(validated, chosen)
    return [] if people.empty else people.to_dict("records"), [] if history.empty else history.to_dict("records")


PENDING = "cho_hoi_dong"   # the outcome of a khóm the council has not decided (indicators.evaluate.PENDING)


def khom_culture(awards, council) -> dict[str, str]:
    """Each khóm's khóm văn hóa outcome for the target that counts them: the council's decision
    (approved: recognised; rejected: not). Until the council's form is in, and for a khóm it
    deferred or left undecided, the khóm waits for the council (``PENDING``), whatever the tool's
    own evaluation says: the council may still decide either way. A khóm whose evaluation lacks
    data ("thiếu dữ liệu") says so rather than wait."""
    outcome = {d.unit: d.outcome if d.outcome == "thieu_du_lieu" else PENDING
               for d in awards.decisions if d.title == "KHOM_VH"}
    for e in council.entries if council.decided else ():
        d = e.decision
        if d.title == "KHOM_VH" and not d.campaign and not e.held and e.choice in (council.approve, council.reject):
            outcome[d.unit] = "du_dieu_kien" if e.choice == council.approve else "khong_du_dieu_kien"
    return outcome
