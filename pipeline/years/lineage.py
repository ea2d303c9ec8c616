"""Which earlier units a unit of this year continues (``tiep_noi`` in the units register).

A unit that names no earlier unit of a year continues the unit of the same code in that year,
unless another unit of this year names that code: after a merger the officer writes
``tiep_noi = ["2024:KH01", "2024:KH02"]`` on the new unit and the old codes belong to it alone.
"""

from __future__ import annotations

from collections import defaultdict

from pipeline.registers.model import Registers


def continued_in(reg: Registers, year: int) -> dict[str, tuple[str, ...]]:
    """This year's unit code -> the codes of ``year`` it continues (possibly none)."""
    named = {u.code: tuple(code for y, code in u.continues if y == year) for u in reg.units}
    claimed = {code for codes in named.values() for code in codes}
    return {code: codes or ((code,) if code not in claimed else ()) for code, codes in named.items()}


def successors(reg: Registers, year: int) -> dict[str, tuple[str, ...]]:
    """A code of ``year`` -> this year's units that continue it (two or more: the unit was split)."""
    out: dict[str, list[str]] = defaultdict(list)
    for current, earlier in continued_in(reg, year).items():
        for code in earlier:
            out[code].append(current)
    return {code: tuple(units) for code, units in out.items()}


def current_unit(reg: Registers, year: int, code: str) -> str | None:
    """The unit of this year that an earlier year's ``code`` now belongs to; None when no unit
    continues it or when it was split among several (its figures and people cannot be given to one)."""
    units = successors(reg, year).get(code, ())
    return units[0] if len(units) == 1 else None


def split_units(reg: Registers, year: int) -> set[str]:
    """Codes of ``year`` continued by more than one unit of this year."""
    return {code for code, units in successors(reg, year).items() if len(units) > 1}


_EARLIER: dict[tuple[str, int], Registers | None] = {}
LOOK_BACK = 10   # years of kept registers searched for a unit's earlier name


def registers_of(reg: Registers, year: int) -> Registers | None:
    """The registers of an earlier year kept beside this one (``registers/<year>/``), or None when
    that year has none (a year the tool was not used) or they no longer load."""
    from pipeline.registers.load import load_registers
    from pipeline.registers.model import REGISTERS_DIR, RegisterError

    root = reg.root or REGISTERS_DIR
    key = (str(root), year)
    if key not in _EARLIER:
        try:
            _EARLIER[key] = load_registers(root, year) if (root / str(year)).is_dir() else None
        except (RegisterError, OSError, ValueError):
            _EARLIER[key] = None
    return _EARLIER[key]


def unit_named(reg: Registers, name: object, year: int) -> str | None:
    """This year's unit that the unit ``name`` of ``year`` (as an earlier history wrote it) now is:
    by that year's register, or the last one kept before it, and the lineage (a unit merged or
    renamed since); else by this year's names; None when none knows it or it was split."""
    text = "" if name is None else str(name).strip()
    if not text or text == "None":
        return None
    for kept in range(min(year, reg.year - 1), reg.year - 1 - LOOK_BACK, -1):
        earlier = registers_of(reg, kept)   # a year without its own register (skipped) had the last kept one's units
        unit = earlier.match_unit(text) if earlier else None
        if unit is not None:
            return current_unit(reg, kept, unit.code)
    unit = reg.match_unit(text)
    return unit.code if unit else None
