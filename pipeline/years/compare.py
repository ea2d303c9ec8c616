"""Each result of the year beside the same period of earlier years ("so với cùng kỳ").

A target is matched with the earlier target its ``tiep_noi`` names, else with the earlier target
of the same code when it means the same (same kind and unit of measure, wording alike); otherwise
it has no figure of the same period. A unit's earlier figure is its own, or, when it continues
several earlier units (a merger), the sum of theirs: rates are recomputed from the summed
numerators and denominators, and the sum is made only when every predecessor's figure is there.
A unit continuing one that was split is not comparable. The ward's earlier figure is the earlier
ward's, or, once the units register names predecessors for that year, the sum over the
predecessors of the units reporting the target.

A percentage against a percentage gives points (điểm %), a count against a count a % change.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from pipeline.book.layout import PLACEHOLDER_MARK
from pipeline.indicators.aggregate import WARD, Totals
from pipeline.indicators.evaluate import _value
from pipeline.indicators.sheets import answer_text
from pipeline.registers.model import Registers, Target
from pipeline.report.template_kit import PASS, YES
from pipeline.text import loose_key
from pipeline.years.archive import INPUTS, RESULT, UNIT, Figures
from pipeline.years.lineage import continued_in, split_units

ANSWER_KINDS = ("duy_tri", "dinh_tinh", "xep_loai")
SAME_WORDING = 0.6   # difflib ratio of the loose wording above which two targets of one code mean the same


@dataclass(frozen=True)
class Earlier:
    """One earlier year's figure for a result of this year (None with ``note`` saying why)."""
    year: int
    value: Fraction | None
    answer: str | None
    note: str = ""          # why there is none, or how it was made ("cộng Khóm A, Khóm B")


@dataclass(frozen=True)
class Comparison:
    first: Earlier | None          # the latest earlier year present
    second: Earlier | None         # the year before that one, when present
    change: Fraction | None        # this year − the earlier figure
    change_percent: Fraction | None  # counts only: change / earlier × 100
    points: str                    # "điểm %", "điểm ‰" for rates; "" for counts
    phrase: str                    # "tăng 12,5 % so với cùng kỳ"


NO_FIGURES = "không có số liệu cùng kỳ"
KEPT = Fraction(1, 10 ** 8)   # an earlier figure is kept to 9 decimals: a smaller change is none


def short(x: Fraction | float) -> str:
    """At most two decimals, no trailing zeros, Vietnamese comma: 12,5 ; 3 ; 1.250."""
    value = Decimal(Fraction(x).numerator) / Decimal(Fraction(x).denominator)
    text = f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):,}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


class Year:
    """One earlier year's figures, indexed for the questions a comparison asks, with this year's
    units' lineage back to it (``reg``: this year's registers)."""

    def __init__(self, figures: Figures, reg: Registers):
        self.figures, self.year = figures, figures.year
        self.lineage = continued_in(reg, self.year)
        self.merged = any(y == self.year for u in reg.units for y, _ in u.continues)
        self.split = split_units(reg, self.year)
        self.results = {(r["ky"], r["pham_vi"], r["ma"]): r for r in figures.rows if r["dong"] == RESULT}
        self.units: dict[tuple[str, str], dict[str, dict]] = {}
        for r in figures.rows:
            if r["dong"] == UNIT:
                self.units.setdefault((r["ky"], r["ma"]), {})[r["pham_vi"]] = r
        self.targets = {r["ma"]: r for r in figures.rows}
        self.names = {r["pham_vi"]: r["ten_don_vi"] for r in figures.rows if r["ten_don_vi"]}
        self.periods = {r["ky"]: r["ky_cuoi"] == "1" for r in figures.rows}

    def period_for(self, code: str, final: bool) -> str | None:
        if code in self.periods:
            return code
        return next((p for p, is_final in self.periods.items() if final and is_final), None)

    def target_for(self, t: Target) -> tuple[str | None, str]:
        """The earlier target ``t`` continues, or None and why."""
        if t.continues and t.continues[0] == self.year:
            code = t.continues[1]
            if code not in self.targets:
                return None, f"chỉ tiêu {code} (tiep_noi) không có trong số liệu năm {self.year}"
            return code, ""
        old = self.targets.get(t.code)
        if old is None:
            return None, f"năm {self.year} không có chỉ tiêu {t.code}"
        if PLACEHOLDER_MARK in t.plan_text:
            # cleared by new-year (a target the higher level assigns each year): its meaning is not known yet
            return None, f"chỉ tiêu {t.code} năm nay chưa ghi nội dung, còn «cần điền» trong sổ chỉ tiêu"
        if old["loai"] != t.kind or old["dvt"] != t.unit_of_measure:
            return None, f"chỉ tiêu {t.code} năm {self.year} là chỉ tiêu khác (\"{old['ten_ngan']}\")"
        ratio = difflib.SequenceMatcher(None, loose_key(old["noi_dung"]), loose_key(t.plan_text)).ratio()
        if ratio < SAME_WORDING:
            return None, f"chỉ tiêu {t.code} năm {self.year} có nội dung khác (\"{old['ten_ngan']}\")"
        return t.code, ""

    def figure(self, t: Target, period: str, final: bool, scope: str) -> Earlier:
        code, why = self.target_for(t)
        old_period = self.period_for(period, final)
        if code is None or old_period is None:
            return Earlier(self.year, None, None, why or f"năm {self.year} không có kỳ này")
        old_kind = self.targets[code]["loai"]
        lineage = self.lineage
        if scope == WARD and not self.merged:
            return self._result(old_period, WARD, code)
        if t.source != "bao_cao":
            return Earlier(self.year, None, None, "chỉ tiêu không do đơn vị báo cáo, không cộng lại được từ các "
                                                  f"đơn vị cũ sau sắp xếp năm {self.year}")
        if scope == WARD:
            preds = sorted({p for u in t.reporters for p in lineage.get(u, ())})
        else:
            preds = list(lineage.get(scope, ()))
            split = [p for p in preds if p in self.split]
            if split:
                return Earlier(self.year, None, None, f"{self._name(split[0])} năm {self.year} đã được chia cho nhiều "
                                                      "đơn vị, không so sánh được")
            if not preds:
                return Earlier(self.year, None, None, f"đơn vị mới, không tiếp nối đơn vị nào của năm {self.year}")
            if preds == [scope] and (old_period, scope, code) in self.results:
                return self._result(old_period, scope, code)
        return self._sum(t, old_kind, old_period, code, preds)

    def _result(self, period: str, scope: str, code: str) -> Earlier:
        r = self.results.get((period, scope, code))
        if r is None:
            return Earlier(self.year, None, None, f"năm {self.year} không có kết quả của phạm vi này")
        value = Fraction(r["gia_tri"]) if r["gia_tri"] else None
        answer = r["tra_loi"] or None
        if value is None and answer is None:
            return Earlier(self.year, None, None, f"năm {self.year} chưa có số liệu")
        return Earlier(self.year, value, answer)

    def _sum(self, t: Target, kind: str, period: str, code: str, preds: list[str]) -> Earlier:
        have = self.units.get((period, code), {})
        missing = [p for p in preds if p not in have]
        if missing:
            return Earlier(self.year, None, None, f"thiếu số liệu năm {self.year} của: "
                                                  + ", ".join(self._name(p) for p in missing))
        rows = [have[p] for p in preds]
        sums = {k: sum((Fraction(r[k]) for r in rows if r[k]), Fraction(0)) for k in INPUTS if any(r[k] for r in rows)}
        positive = YES if kind == "duy_tri" else PASS
        answers = [r["tra_loi"] for r in rows if r["tra_loi"]]
        yes = sum(1 for a in answers if a == positive)
        levels = tuple(answers) if kind == "xep_loai" else ()
        totals = Totals(replace(t, kind=kind), period, "", tuple(preds), tuple(preds), sums, yes,
                        len(answers) - yes, "", levels)
        value, answer = _value(totals)
        if value is None and answer is None:
            return Earlier(self.year, None, None, f"năm {self.year} chưa có số liệu")
        note = f"cộng {', '.join(self._name(p) for p in preds)} năm {self.year}" if len(preds) > 1 else ""
        return Earlier(self.year, value, answer, note)

    def _name(self, code: str) -> str:
        return self.names.get(code, code)


def percent_reason(r) -> str:
    """Why "% so với chỉ tiêu" is blank for a result ("" when it is not, or has no figure yet)."""
    t = r.target
    if r.percent_of_goal is not None:
        return ""
    if t.kind == "khoang":
        return "chỉ tiêu là một khoảng, không tính % so với chỉ tiêu"
    if t.kind == "xep_loai":
        return "chỉ tiêu là một mức xếp loại, không tính % so với chỉ tiêu"
    if t.kind in ("duy_tri", "dinh_tinh"):
        return "chỉ tiêu Có/Không, tự đánh giá: không tính %"
    if t.op not in (">=", ">"):
        return "chỉ tiêu giới hạn (≤, <): không tính % so với chỉ tiêu"
    if r.goal is not None and r.goal <= 0:
        return "chỉ tiêu bằng 0: không tính %"
    return ""


def years_of(reg: Registers, earlier: list[Figures]) -> list[Year]:
    """The earlier years indexed, the latest first (``earlier`` in any order)."""
    return [Year(f, reg) for f in sorted(earlier, key=lambda f: f.year, reverse=True)]


def compare(results, reg: Registers, earlier: list[Figures]) -> dict[tuple[str, str, str], Comparison]:
    """(target code, period, scope) -> its comparison with the latest earlier year present (and the
    year before it); ``earlier`` in any order."""
    return compare_years(results, reg, years_of(reg, earlier))


def compare_years(results, reg: Registers, years: list[Year]) -> dict[tuple[str, str, str], Comparison]:
    finals = {p.code: p.is_final for p in reg.periods}
    out = {}
    for r in results:
        figures = [y.figure(r.target, r.period, finals[r.period], r.scope) for y in years[:2]]
        first = figures[0] if figures else None
        second = figures[1] if len(figures) > 1 else None
        out[(r.target.code, r.period, r.scope)] = _comparison(r, first, second, reg.year)
    return out


def _comparison(r, first: Earlier | None, second: Earlier | None, year: int) -> Comparison:
    unit = r.target.unit_of_measure
    points = {"%": "điểm %", "‰": "điểm ‰"}.get(unit, "")
    if first is None:
        return Comparison(None, None, None, None, points, NO_FIGURES)
    when = "so với cùng kỳ" if first.year == year - 1 else f"so với cùng kỳ năm {first.year}"
    if first.value is None and first.answer is None:
        return Comparison(first, second, None, None, points, NO_FIGURES + (f" ({first.note})" if first.note else ""))
    if r.target.kind in ANSWER_KINDS or r.answer is not None:
        was = answer_text(first.answer or "", r.target.kind)
        if r.answer is None:
            return Comparison(first, second, None, None, points, f"chưa có số liệu; cùng kỳ: {was}")
        return Comparison(first, second, None, None, points,
                          f"như cùng kỳ ({was})" if r.answer == first.answer else f"cùng kỳ: {was}")
    if r.value is None or first.value is None:
        return Comparison(first, second, None, None, points, f"chưa có số liệu; cùng kỳ: {short(first.value or 0)}")
    change = r.value - first.value
    if abs(change) < KEPT:   # below what an earlier year keeps (9 decimals): the same figure
        change = Fraction(0)
    percent = None if points or first.value == 0 else change / abs(first.value) * 100
    if change == 0:
        phrase = f"bằng cùng kỳ năm {first.year}" if first.year != year - 1 else "bằng cùng kỳ"
    else:
        word = "tăng" if change > 0 else "giảm"
        size, what = (abs(change), points) if points else (abs(percent), "%") if percent is not None else (
            abs(change), unit)
        amount = f"{short(size) if short(size) != '0' else 'dưới 0,01'} {what}".strip()
        phrase = f"{word} {amount} {when}" + (" (cùng kỳ bằng 0)" if first.value == 0 else "")
    return Comparison(first, second, change, percent, points, phrase)


def summary(results, period: str) -> str:
    """"x/y chỉ tiêu đạt và vượt, z chỉ tiêu không đạt, t chỉ tiêu chưa có số liệu, u chỉ tiêu chờ
    Hội đồng" for the ward's results of ``period`` (those in progress or with no target given, when
    any, are counted too, so the parts add up to y)."""
    mine = [r for r in results if r.scope == WARD and r.period == period]
    waiting = [r for r in mine if r.status not in ("dat", "khong_dat") and any("Hội đồng" in m for m in r.missing)]
    rest = [r for r in mine if r not in waiting]
    count = {s: sum(1 for r in rest if r.status == s) for s in
             ("dat", "khong_dat", "chua_co_so_lieu", "dang_thuc_hien", "chua_co_chi_tieu")}
    parts = [f"{count['dat']}/{len(mine)} chỉ tiêu đạt và vượt", f"{count['khong_dat']} chỉ tiêu không đạt"]
    if count["dang_thuc_hien"]:
        parts.append(f"{count['dang_thuc_hien']} chỉ tiêu đang thực hiện")
    parts.append(f"{count['chua_co_so_lieu']} chỉ tiêu chưa có số liệu")
    if count["chua_co_chi_tieu"]:
        parts.append(f"{count['chua_co_chi_tieu']} chỉ tiêu chưa được giao số chỉ tiêu")
    parts.append(f"{len(waiting)} chỉ tiêu chờ Hội đồng")
    return ", ".join(parts)
