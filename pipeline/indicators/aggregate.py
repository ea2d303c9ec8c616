"""Add up what the units reported, per target, per scope (the ward, each khóm) and per period.

Sums are exact: each value is taken as the decimal the user typed (``Fraction(repr(x))``), so
that a rate exactly on its target compares as equal (2491/2500 is 99,64 %, not 99,6399…).
Rates are built from summed numerators and denominators, never from the units' percentages.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from pipeline.indicators.layout import NUMERIC_INPUTS
from pipeline.registers.model import Registers, Target
from pipeline.report.template_kit import PASS, YES

WARD = "phuong"


@dataclass(frozen=True)
class Totals:
    target: Target
    period: str
    scope: str                       # WARD or a khóm's unit code
    expected: tuple[str, ...]        # units that should report
    reported: tuple[str, ...]        # units whose value is used
    sums: dict[str, Fraction]        # input -> exact sum over reported units
    yes: int                         # duy_tri: units answering Có ; dinh_tinh: Đạt
    no: int
    justification: str
    levels: tuple[str, ...] = ()     # xep_loai: the level each reported unit chose


def exact(x: float) -> Fraction:
    return Fraction(repr(float(x)))


def aggregate(values: pd.DataFrame, reg: Registers) -> list[Totals]:
    """One pass over the values (rows grouped by target and period, in their order), then plain
    Python per scope: hundreds of small pandas filters cost more than the work itself."""
    out: list[Totals] = []
    columns = ["ma_don_vi", *NUMERIC_INPUTS, "co_khong", "danh_gia", "giai_trinh"]
    columns += ["muc"] if "muc" in values.columns else []
    by_key: dict[tuple, list[dict]] = {}
    for key, row in zip(zip(values["ma_chi_tieu"], values["ky"]), values[columns].to_dict("records")):
        by_key.setdefault(key, []).append({k: None if _blank(v) else v for k, v in row.items()})
    for period in reg.periods:
        for target in reg.targets:
            rows = by_key.get((target.code, period.code), [])
            out.append(_totals(target, period.code, WARD, target.reporters, rows))
            for khom in reg.khom:
                if khom.code in target.reporters:
                    out.append(_totals(target, period.code, khom.code, (khom.code,), rows))
    return out


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA


def _totals(target: Target, period: str, scope: str, expected: tuple[str, ...], rows: list[dict]) -> Totals:
    rows = [r for r in rows if r["ma_don_vi"] in expected]
    present = {r["ma_don_vi"] for r in rows}
    reported = tuple(u for u in expected if u in present)
    sums = {k: sum((exact(r[k]) for r in rows if r[k] is not None), Fraction(0)) for k in NUMERIC_INPUTS
            if any(r[k] is not None for r in rows)}
    key = "co_khong" if target.kind == "duy_tri" else "danh_gia"
    positive = YES if target.kind == "duy_tri" else PASS
    yes = sum(1 for r in rows if r[key] == positive)
    no = sum(1 for r in rows if r[key] is not None) - yes
    notes = "; ".join(r["giai_trinh"] for r in rows if r["giai_trinh"])
    levels = tuple(r["muc"] for r in rows if r.get("muc")) if target.kind == "xep_loai" else ()
    return Totals(target, period, scope, tuple(expected), reported, sums, yes, no, notes, levels)
