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


def exact(x: float) -> Fraction:
    return Fraction(repr(float(x)))


def aggregate(values: pd.DataFrame, reg: Registers) -> list[Totals]:
    out: list[Totals] = []
    by_key = {key: group for key, group in values.groupby(["ma_chi_tieu", "ky"], sort=False)}
    empty = values.iloc[0:0]
    for period in reg.periods:
        for target in reg.targets:
            rows = by_key.get((target.code, period.code), empty)
            out.append(_totals(target, period.code, WARD, target.reporters, rows))
            for khom in reg.khom:
                if khom.code in target.reporters:
                    mine = rows[rows["ma_don_vi"] == khom.code]
                    out.append(_totals(target, period.code, khom.code, (khom.code,), mine))
    return out


def _totals(target: Target, period: str, scope: str, expected: tuple[str, ...], rows: pd.DataFrame) -> Totals:
    rows = rows[rows["ma_don_vi"].isin(expected)]
    reported = tuple(u for u in expected if u in set(rows["ma_don_vi"]))
    sums = {k: sum((exact(v) for v in rows[k].dropna()), Fraction(0)) for k in NUMERIC_INPUTS
            if rows[k].notna().any()}
    answers = rows["co_khong"] if target.kind == "duy_tri" else rows["danh_gia"]
    positive = YES if target.kind == "duy_tri" else PASS
    yes = int((answers == positive).sum())
    no = int(answers.notna().sum()) - yes
    notes = "; ".join(t for t in rows["giai_trinh"].dropna() if t)
    return Totals(target, period, scope, tuple(expected), reported, sums, yes, no, notes)
