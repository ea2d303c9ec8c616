"""What a title pays, from the rule set's bonus blocks: ``[tien_thuong.he_so]`` (a multiple of the
lương cơ sở) and ``[tien_thuong.boi_so]`` (a multiple of another title's amount, e.g. the household's
Giấy khen at 1,5 × a person's). Rounding: every amount is rounded UP to the year's step; an amount
worked from another is worked from that one's rounded amount, then rounded up again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal


def _up(raw: Decimal, step: int) -> int:
    return int((raw / step).to_integral_value(rounding=ROUND_CEILING) * step)


@dataclass(frozen=True)
class Bonus:
    """What each title pays: factor × lương cơ sở at the year's date, rounded up to the year's step.
    ``missing`` names every parameter left empty; an amount that needs one is None, never 0."""
    base_pay: int | None
    base_date: dt.date | None
    base_source: str
    step: int | None
    factors: dict[str, float | None]
    missing: tuple[str, ...] = field(default=())
    where: str = ""          # the file and block the council fills ("2024/luat_ap_dung.toml, mục [tien_thuong]")
    multiples: dict[str, tuple[float, str]] = field(default_factory=dict)   # code -> (times, of which code)

    def root(self, title_code: str) -> str:
        """The code whose factor ``title_code``'s amount rests on (itself unless a multiple)."""
        seen = set()
        while title_code in self.multiples and title_code not in seen:
            seen.add(title_code)
            title_code = self.multiples[title_code][1]
        return title_code

    def factor(self, title_code: str) -> float | None:
        """The multiple of the lương cơ sở (a multiple of another title's: times × that one's)."""
        if title_code in self.multiples:
            times, of = self.multiples[title_code]
            base = self.factor(of) if of != title_code else None
            return None if base is None else float(Decimal(str(times)) * Decimal(str(base)))
        return self.factors.get(title_code)

    def factor_missing(self, title_code: str) -> bool:
        return self.factor(title_code) is None

    def amount(self, title_code: str) -> int | None:
        """One person's, collective's or household's bonus for the title, in đồng; None if unknown."""
        if self.base_pay is None or self.step is None:
            return None
        if title_code in self.multiples:
            times, of = self.multiples[title_code]
            base = self.amount(of) if of != title_code else None
            return None if base is None else _up(Decimal(str(times)) * base, self.step)
        factor = self.factors.get(title_code)
        return None if factor is None else _up(Decimal(str(factor)) * self.base_pay, self.step)

    def needs(self, codes, titles: dict[str, str]) -> list[str]:
        """What is missing for the titles ``codes`` (title names from ``titles``), in words: for a
        multiple of another title, that title's factor."""
        out = list(self.missing)
        roots = dict.fromkeys(self.root(c) for c in codes)
        out += [f"hệ số tiền thưởng {titles.get(c, c)}" for c in roots if self.factor_missing(c)]
        return out


def money(amount: int) -> str:
    """702000 → "702.000 đ"."""
    return f"{amount:,}".replace(",", ".") + " đ"


def multiples_of(block: dict, factors: dict, where: str, problems: list[str]) -> dict[str, tuple[float, str]]:
    """``[tien_thuong.boi_so]``: ``CODE = { lan = 1.5, cua = "OTHER" }``, OTHER a code of ``[tien_thuong.he_so]``."""
    out = {}
    for code, value in block.items():
        times = value.get("lan") if isinstance(value, dict) else None
        of = value.get("cua") if isinstance(value, dict) else None
        if isinstance(times, bool) or not isinstance(times, (int, float)) or times <= 0 or of not in factors:
            problems.append(f"{where} {code}: ghi {{ lan = 1.5, cua = \"MÃ\" }} (lan là số dương, dấu chấm; cua là "
                            f"một mã của [tien_thuong.he_so]: {', '.join(factors)}).")
            continue
        out[code] = (float(times), of)
    return out
