"""The bonus (tiền thưởng) the level that decides pays: each approved case's amount, a khóm's
households at the per-household amount, and the total. A parameter left empty makes an amount
unknown and the total "chưa đủ tham số" with what is missing, never a silent 0."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pipeline.registers.law import NOT_ENOUGH, Bonus, money

HOUSEHOLDS = "ho_gia_dinh"
KIND_WORD = {"ca_nhan": "cá nhân", "tap_the": "tập thể", "khom": "khóm", "ho_gia_dinh": "hộ", "ho": "hộ gia đình"}
SUBJECT_WORD = {**KIND_WORD, "ho_gia_dinh": "hộ gia đình"}   # a rule's subject (award_rules.toml doi_tuong)


def names(rules) -> dict[str, str]:
    """Each title's name in a list of what is missing: with its subject when two titles share a name
    (the Giấy khen of a person and of a collective)."""
    seen = Counter(r.title for r in rules.rules.values())
    return {code: f"{r.title} ({SUBJECT_WORD.get(r.subject, r.subject)})" if seen[r.title] > 1 else r.title
            for code, r in rules.rules.items()}


def count_of(decision) -> int:
    """How many are paid for one case: a khóm's households recognised, else one."""
    if decision.kind == HOUSEHOLDS:
        return decision.households[0] if decision.households else 0
    return 1


@dataclass
class Payout:
    """The amounts of a set of cases (by ``id`` of the case) and what is missing for their total."""
    amounts: dict[int, int | None] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    bonus: Bonus | None = None

    @property
    def total(self) -> int | None:
        if self.missing or any(a is None for a in self.amounts.values()):
            return None
        return sum(self.amounts.values())

    def shown(self, case) -> str:
        """One line's amount as printed ("702.000 đ"), "" when it cannot be computed."""
        amount = self.amounts.get(id(case))
        return money(amount) if amount is not None else ""

    def total_text(self) -> str:
        """The total as a document prints it; when unknown, what is missing, in words (where the council
        writes it is the workbook's "Tiền thưởng" sheet's to say: a file name has no place in a decision)."""
        if self.total is None:
            return f"{NOT_ENOUGH} (thiếu: {'; '.join(self.missing)})"
        return money(self.total)

    def sentence(self) -> str:
        """The sentence after Điều 2's legal text: the total and the lương cơ sở it was worked from."""
        b = self.bonus
        if self.total is None or b is None or b.base_pay is None:   # nothing approved: no lương cơ sở was needed
            return f"Tổng số tiền thưởng: {self.total_text()}."
        return (f"Tổng số tiền thưởng: {self.total_text()} (mức lương cơ sở {money(b.base_pay)}"
                + (f" theo {b.base_source}" if b.base_source else "") + ").")


def payout(entries, bonus: Bonus | None, titles: dict[str, str]) -> Payout:
    """The amounts of the council's approved ``entries`` (or the tool's decisions: anything with a
    ``decision`` attribute, or a Decision itself)."""
    out = Payout(bonus=bonus)
    if bonus is None:
        out.missing.append("bộ quy định về tiền thưởng")
        return out
    codes = []
    for case in entries:
        d = getattr(case, "decision", case)
        per = bonus.amount(d.title)
        out.amounts[id(case)] = None if per is None else per * count_of(d)
        codes.append(d.title)
    if entries:
        out.missing = bonus.needs(codes, titles)
    return out
