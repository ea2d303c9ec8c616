"""Turn the totals into results: the value of each target per scope and period, compared with
the target as docs/quy_tac.md says.

Status: ``dat`` / ``khong_dat`` / ``dang_thuc_hien`` (a cumulative target not yet reached before
the year-end period: progress, not failure) / ``chua_co_so_lieu`` (nobody's value could be used;
never "không đạt") / ``chua_co_chi_tieu`` (no target set, e.g. the town has not given the number) /
``cho_hoi_dong`` (a figure the council decides, the khóm văn hóa count, before its decision could
settle it: never 0 nor "không đạt").
``tam_tinh`` (provisional) is set when some expected units are missing; they are named.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from fractions import Fraction

from pipeline.indicators.aggregate import WARD, Totals
from pipeline.registers.model import Registers, Target

MET, NOT_MET, IN_PROGRESS, NO_DATA, NO_TARGET, WAITING = (
    "dat", "khong_dat", "dang_thuc_hien", "chua_co_so_lieu", "chua_co_chi_tieu", "cho_hoi_dong",
)
STATUSES = (MET, NOT_MET, IN_PROGRESS, NO_DATA, NO_TARGET, WAITING)   # in the order counts are shown
STATUS_LABEL = {MET: "Đạt", NOT_MET: "Không đạt", IN_PROGRESS: "Đang thực hiện",
                NO_DATA: "Chưa có số liệu", NO_TARGET: "Chưa có chỉ tiêu", WAITING: "Chờ Hội đồng"}
PENDING = "cho_hoi_dong"   # a khóm's khóm văn hóa outcome while the council has not decided it
# kinds whose result is not a share of one number: "% so với chỉ tiêu" is left blank, and why
NO_PERCENT = {"khoang": "Chỉ tiêu là một khoảng: không tính % so với chỉ tiêu.",
              "xep_loai": "Chỉ tiêu xếp loại theo mức: không tính % so với chỉ tiêu."}
_OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}


@dataclass(frozen=True)
class Result:
    target: Target
    period: str
    scope: str
    value: Fraction | None          # numeric result (rates and growth in %)
    answer: str | None              # duy_tri: "co"/"khong"; dinh_tinh: "dat"/"khong_dat"; xep_loai: the level
    goal: Fraction | None
    status: str
    provisional: bool
    missing: tuple[str, ...]        # "Khóm Sơn Tây (chưa nộp)"
    percent_of_goal: Fraction | None
    totals: Totals
    note: str


def evaluate(totals: list[Totals], reg: Registers, missing_reason,
             khom_culture: dict[str, str] | None = None) -> list[Result]:
    """``missing_reason(unit_code, period_code, target_code)`` says why a unit has no value;
    ``khom_culture`` maps each khóm to its khóm văn hóa outcome (award evaluation), which is
    where target 31 ("giữ vững 3/3 khóm văn hóa") takes its value."""
    return [_from_khom_culture(t, reg, khom_culture or {}) if t.target.source == "binh_xet_khom_van_hoa"
            else _evaluate(t, reg, missing_reason) for t in totals]


def _from_khom_culture(t: Totals, reg: Registers, outcomes: dict[str, str]) -> Result:
    """Khóm recognised = khóm văn hóa decided "du_dieu_kien". A khóm not yet decided (missing data,
    the council's decision pending: ``PENDING``) is missing, never counted as failed; while the
    khóm pending could still turn the result either way the target waits for the council
    (``WAITING``). Evaluated once a year: only the year-end period has a value."""
    target = t.target
    goal = _goal(target, t.scope)
    if not reg.period(t.period).is_final:
        return Result(target, t.period, t.scope, None, None, goal, NO_DATA, False, (), None, t,
                      "Bình xét khóm văn hóa thực hiện cuối năm.")
    labels = {"khong_du_dieu_kien": None, "thieu_du_lieu": "thiếu dữ liệu", "can_xem_xet": "cần Hội đồng xem xét",
              PENDING: "chờ Hội đồng"}
    decided = {k: o for k, o in outcomes.items() if o in ("du_dieu_kien", "khong_du_dieu_kien")}
    pending = sum(1 for k in reg.khom if outcomes.get(k.code) == PENDING)
    missing = tuple(f"{reg.unit(k.code).name} ({labels.get(outcomes.get(k.code), None) or 'chưa đánh giá'})"
                    for k in reg.khom if k.code not in decided)
    note = "Từ kết quả bình xét khóm văn hóa (trang khen thưởng)."
    waiting = ("Số khóm văn hóa tính theo quyết định của Hội đồng; chưa có biểu kết quả họp Hội đồng, hoặc "
               f"còn {pending} khóm chờ Hội đồng quyết định.")
    if not decided:
        status = WAITING if pending else NO_DATA
        return Result(target, t.period, t.scope, None, None, goal, status, False, missing, None, t,
                      waiting if pending else note)
    value = Fraction(sum(1 for o in decided.values() if o == "du_dieu_kien"))
    met = goal is not None and _OPS[target.op](value, goal)
    status = NO_TARGET if goal is None else MET if met else NOT_MET
    if goal is not None and pending and met != _OPS[target.op](value + pending, goal):
        status, note = WAITING, waiting   # the khóm pending decide it
    percent = value / goal * 100 if goal else None
    return Result(target, t.period, t.scope, value, None, goal, status, bool(missing), missing, percent, t, note)


def _goal(target: Target, scope: str) -> Fraction | None:
    if scope == WARD:
        return None if target.value is None else Fraction(repr(target.value))
    if target.khom_targets and scope in target.khom_targets:
        return Fraction(repr(target.khom_targets[scope]))
    return None


def _evaluate(t: Totals, reg: Registers, missing_reason) -> Result:
    target, period = t.target, reg.period(t.period)
    missing = tuple(f"{reg.unit(u).name} ({missing_reason(u, t.period, target.code)})"
                    for u in t.expected if u not in t.reported)
    goal = _goal(target, t.scope)
    note = target.note
    value, answer = _value(t)
    has_data = bool(t.reported) and (value is not None or answer is not None)
    if target.source != "bao_cao":
        return Result(target, t.period, t.scope, None, None, goal, NO_DATA, False, (), None, t,
                      "Lấy từ kết quả bình xét khóm văn hóa; phần bình xét chưa được tổng hợp trong báo cáo này.")
    if not has_data:
        if t.reported and target.kind == "tang":
            note = "Số tại ngày gốc bằng 0 nên không tính được tỷ lệ tăng."
        return Result(target, t.period, t.scope, None, None, goal, NO_DATA, False, missing, None, t, note)
    provisional = bool(missing)
    if target.kind in ("duy_tri", "dinh_tinh"):
        met = answer in ("co", "dat")
        return Result(target, t.period, t.scope, None, answer, None, MET if met else NOT_MET,
                      provisional, missing, None, t, note)
    if target.kind == "xep_loai":
        # several reporters: the lowest level they reported, so the ward is met only when every one is
        met = _OPS[target.op](target.level_rank(answer), target.level_rank(target.level))
        if len(set(t.levels)) > 1:
            note = "; ".join(x for x in (note, f"Lấy mức thấp nhất trong {len(t.levels)} đơn vị báo cáo.") if x)
        note = " ".join(x for x in (note, NO_PERCENT["xep_loai"]) if x)
        return Result(target, t.period, t.scope, None, answer, None, MET if met else NOT_MET,
                      provisional, missing, None, t, note)
    if goal is None:
        return Result(target, t.period, t.scope, value, None, None, NO_TARGET, provisional, missing, None, t, note)
    met = _OPS[target.op](value, goal)
    if target.kind == "khoang" and not target.above_ok and value > Fraction(repr(target.upper)):
        met = False
        note = f"Vượt cận trên {target.upper:g} của khoảng chỉ tiêu; sổ quy định vượt cận trên là không đạt."
    percent = value / goal * 100 if target.op in (">=", ">") and goal > 0 and target.kind not in NO_PERCENT else None
    if target.kind in NO_PERCENT:
        note = " ".join(x for x in (note, NO_PERCENT[target.kind]) if x)
    if met:
        status = MET
    elif target.cumulative and not period.is_final and target.op in (">=", ">") and goal > 0:
        status = IN_PROGRESS
    else:
        status = NOT_MET
    return Result(target, t.period, t.scope, value, None, goal, status, provisional, missing, percent, t, note)


def _value(t: Totals) -> tuple[Fraction | None, str | None]:
    s, kind = t.sums, t.target.kind
    if kind in ("tong", "gia_tri"):
        return s.get("gia_tri"), None
    if kind in ("ty_le", "khoang", "ke_hoach", "phan_nghin"):
        if "tu_so" in s and s.get("mau_so"):
            return s["tu_so"] * (1000 if kind == "phan_nghin" else 100) / s["mau_so"], None
        return None, None
    if kind == "dem_don_vi":
        return (Fraction(t.yes) if t.yes + t.no else None), None
    if kind == "xep_loai":
        return None, min(t.levels, key=t.target.level_rank) if t.levels else None
    if kind == "tang":
        if "so_hien_tai" in s and s.get("so_goc"):
            return (s["so_hien_tai"] - s["so_goc"]) * 100 / s["so_goc"], None
        return None, None
    if kind == "giam":
        if "so_hien_tai" in s and "so_goc" in s:
            return s["so_goc"] - s["so_hien_tai"], None
        return None, None
    if t.yes + t.no == 0:
        return None, None
    positive, negative = ("co", "khong") if kind == "duy_tri" else ("dat", "khong_dat")
    return None, positive if t.no == 0 else negative
