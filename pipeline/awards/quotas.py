"""Quotas: where the rules cap a title at a share of another (CSTĐCS within LĐTT), rank the
candidates by merit and tell the council how many it may choose; nobody is dropped.
"""

from __future__ import annotations

import math

import pandas as pd

from pipeline.awards.criteria import COUNCIL, ELIGIBLE, PASS, RATING_ORDER, Criterion, Decision, is_blank, percent_text
from pipeline.registers.rules import Rules


def apply_quotas(people: pd.DataFrame, results: dict[int, dict[str, Decision]], rules: Rules) -> None:
    """Rank candidates over a unit's quota; the council chooses, nobody is dropped."""
    ratio_ldtt, ratio_cstd = rules.param("ldtt_max_ratio"), rules.param("cstdcs_max_ratio_of_ldtt")
    by_unit: dict[str, list] = {}   # each unit's people, in the order of the rows
    for i, u in zip(people.index, people["ma_don_vi"] if not people.empty else []):
        by_unit.setdefault(u, []).append(i)
    for mine in by_unit.values():
        ldtt = [i for i in mine if results[i]["LDTT"].settle().outcome == ELIGIBLE]
        if ratio_ldtt is not None:
            cap = math.floor(float(ratio_ldtt) * len(mine))
            _rank(people, results, ldtt, "LDTT", cap, f"tỷ lệ tối đa {percent_text(float(ratio_ldtt))} × {len(mine)} người")
        else:
            _set_criterion(results, ldtt, "LDTT", Criterion("ty_le", PASS, "không giới hạn tỷ lệ"))
        cstd = [i for i in mine if results[i]["CSTDCS"].settle().outcome == ELIGIBLE]
        if ratio_cstd is not None:
            cap = math.floor(float(ratio_cstd) * len(ldtt))
            _rank(people, results, cstd, "CSTDCS", cap,
                  f"tỷ lệ tối đa {percent_text(float(ratio_cstd))} × {len(ldtt)} Lao động tiên tiến")
        else:
            _set_criterion(results, cstd, "CSTDCS", Criterion("ty_le", PASS, "không giới hạn tỷ lệ"))


def _set_criterion(results, members: list[int], title: str, criterion: Criterion) -> None:
    for i in members:
        results[i][title].criteria.append(criterion)


def _merit_group(row) -> int:
    """CSTĐCS ranking: HTXSNV with an initiative, then HTXSNV, then an initiative or research only."""
    htxs = row["xep_loai"] == "HTXSNV"
    initiative = (not is_blank(row.get("so_sang_kien")) and row["so_sang_kien"] > 0) or row.get("de_tai") == "co"
    return 1 if htxs and initiative else 2 if htxs else 3


def _rank(people, results, members: list[int], title: str, cap: int, rule_text: str) -> None:
    if len(members) <= cap:
        _set_criterion(results, members, title, Criterion("ty_le", PASS, f"trong {rule_text} = {cap}"))
        return
    groups = {i: (_merit_group(people.loc[i]) if title == "CSTDCS" else RATING_ORDER.index(people.at[i, "xep_loai"]))
              for i in members}
    order = sorted(set(groups.values()))
    for i in members:
        rank = 1 + sum(1 for j in members if order.index(groups[j]) < order.index(groups[i]))
        tied = sum(1 for j in members if groups[j] == groups[i])
        note = (f"vượt tỷ lệ: {len(members)} người đủ tiêu chuẩn, {rule_text} = {cap}; Hội đồng chọn {cap} "
                f"trong {len(members)}; xếp hạng {rank}" + (f" (đồng hạng {tied} người)" if tied > 1 else ""))
        results[i][title].criteria.append(Criterion("ty_le", COUNCIL, note))
