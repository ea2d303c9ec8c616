"""Who is eligible for which title or commendation, criterion by criterion.

The tool proposes, the council decides: every candidate gets, for every title it was proposed for
(and those it qualifies for without being proposed, as a suggestion), each criterion's result —
``dat`` / ``khong_dat`` / ``thieu_du_lieu`` / ``can_xem_xet`` — with the values used and the cell
they came from, and an overall result. Ratings are inputs; the tool never rates anyone. Collective
rules use this run's individual results. Quotas rank candidates and say how many the council must
choose; nobody is dropped.
"""

from __future__ import annotations

import pandas as pd

from pipeline.awards.collective import collective_decisions
from pipeline.awards.criteria import ELIGIBLE, Decision
from pipeline.awards.individual import higher_decisions, history_index, person_decisions, registered_index
from pipeline.awards.khom import khom_decisions
from pipeline.awards.outcome import AwardOutcome
from pipeline.awards.quotas import apply_quotas
from pipeline.awards.registration import cross_checks, registration_table
from pipeline.awards.validate import AwardFrames
from pipeline.registers.model import Registers
from pipeline.registers.rules import Rules


def evaluate_awards(frames: AwardFrames, used: set[int], indicator_values: pd.DataFrame, reg: Registers,
                    rules: Rules, rejected: dict[tuple[str, str, str], str] | None = None) -> AwardOutcome:
    """``rejected`` says, per (unit, period, target), which indicator input was rejected: the
    khóm văn hóa ratios that needed it say so."""
    frames = _only_used(frames, used)
    out = AwardOutcome()
    history = history_index(frames.history)
    registered = registered_index(frames.registrations)
    people = frames.people
    person_results: dict[int, dict[str, Decision]] = {}
    newer = rules.favourable_rules()   # the transitional rule: a newer rule set where it favours the person
    for i in people.index:
        person_results[i] = person_decisions(frames, i, reg, rules, history, registered, out)
        if newer is not None:
            _favoured(person_results[i], person_decisions(frames, i, reg, newer, history, registered, AwardOutcome()),
                      rules.law.favourable.name)
    apply_quotas(people, person_results, rules)
    for i, found in person_results.items():
        found |= higher_decisions(frames, i, found["CSTDCS"].settle(), history, reg, rules)
        settled = [d.settle() for d in found.values()]
        out.decisions += [d for d in settled if d.proposed or d.outcome == ELIGIBLE]
    out.decisions += collective_decisions(frames, person_results, reg, rules)
    out.decisions += khom_decisions(frames, indicator_values, reg, rules, out, rejected or {})
    out.issues += cross_checks(people, frames.addresses.get("people", []), reg, registered, rules)
    out.registrations = registration_table(frames, reg)
    return out


def _favoured(found: dict[str, Decision], newer: dict[str, Decision], law_name: str) -> None:
    """Each title the old rules do not make the person eligible for and the newer rules do is
    decided under the newer rules, and its reason says so; every other title keeps the old."""
    for title, d in newer.items():
        old = found.get(title)
        if d.settle().outcome == ELIGIBLE and (old is None or old.settle().outcome != ELIGIBLE):
            d.favourable = f"áp dụng {law_name} vì có lợi hơn cho người được khen (quy định chuyển tiếp)"
            found[title] = d.settle()


def _only_used(frames: AwardFrames, used: set[int]) -> AwardFrames:
    out = AwardFrames()
    for name in ("people", "groups", "registrations", "group_registrations", "khom", "history"):
        frame = getattr(frames, name)
        if frame.empty:
            setattr(out, name, frame)
            out.addresses[name] = []
            continue
        keep = frame["sub"].isin(used).to_numpy()
        setattr(out, name, frame[keep].reset_index(drop=True))
        out.addresses[name] = [a for a, k in zip(frames.addresses.get(name, []), keep) if k]
    return out
