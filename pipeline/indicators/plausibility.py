"""Plausibility of cumulative figures between periods: a warning on the later cell, nothing changed.

A figure cumulated from 1 January (a "tong" target with ``luy_ke``) should not fall between Đợt 1
and the year end, and rarely grows tenfold; both thresholds are in ``[kiem_tra_hop_ly]`` of the
year's periods register. A mistyped separator ("1.234,5" for "12,345") is the usual cause.
"""

from __future__ import annotations

import pandas as pd

from pipeline.indicators.layout import table_columns
from pipeline.intake.schema_issues import shown_number
from pipeline.issues import Issue, make_issue
from pipeline.registers.model import Registers


def plausibility_issues(values: pd.DataFrame, reg: Registers) -> list[Issue]:
    """``values`` are the used rows of the chosen submissions (one per unit, target, period)."""
    low, high = reg.plausibility
    checked = {t.code: t for t in reg.targets if t.kind == "tong" and t.cumulative}
    rows = values[values["ma_chi_tieu"].isin(checked) & values["gia_tri"].notna()]
    by_key = {(r.ma_don_vi, r.ma_chi_tieu, r.ky): r for r in rows.itertuples(index=False)}
    periods = sorted(reg.periods, key=lambda p: p.end)
    heading = next(c.heading for c in table_columns(reg) if c.key == "gia_tri")
    out = []
    for earlier, later in zip(periods, periods[1:]):
        for (unit, code, period), now in sorted(by_key.items()):
            before = by_key.get((unit, code, earlier.code))
            if period != later.code or before is None or before.gia_tri <= 0:
                continue
            ratio = now.gia_tri / before.gia_tri
            if low <= ratio <= high:
                continue
            dvt = checked[code].unit_of_measure
            shown_now, shown_before = f"{shown_number(now.gia_tri)} {dvt}", f"{shown_number(before.gia_tri)} {dvt}"
            if ratio < low:
                relation = "thấp hơn" if low == 1 else f"chưa bằng {shown_number(low)} lần"
            else:
                relation = f"gấp {shown_number(round(ratio, 1))} lần (quá {shown_number(high)} lần)"
            detail = (f"chỉ tiêu {code}, {later.name} là {shown_now}, {relation} số {earlier.name} là "
                      f"{shown_before} (tệp \"{before.tep}\", ô {before.o_gia_tri})")
            out.append(make_issue("SO_LIEU_BAT_THUONG", file=now.tep, sheet=now.trang_tinh, cell=now.o_gia_tri,
                                  column=heading, value=shown_number(now.gia_tri), unit=unit,
                                  detail=detail, expected=shown_number(high)))
    return out
