"""The sample scenario of a year: what the sample set fills in (figures per unit and period, the
typical mistakes, the award cases, the council's filled decision form).

A year may keep its own scenario in ``registers/<year>/du_lieu_mau.toml`` (2024 does, so its sample
report stays what it was); any other year gets one derived from its registers alone
(``registers/derive_scenario.py``), so ``make report`` on an empty input folder works for a fresh
``new-year`` and for a plan with other codes and other units. In the file, "" stands for an empty
cell and a list of two values for a pair of inputs (numerator and denominator, current and base).
"""

from __future__ import annotations

import tomllib

from pipeline.registers.model import RegisterError, Registers
from pipeline.registers.schema import syntax_message

SCENARIO_FILE = "du_lieu_mau.toml"


def load_scenario(reg: Registers) -> dict:
    path = reg.year_dir / SCENARIO_FILE
    if not path.exists():
        from pipeline.registers.derive_scenario import derive_scenario
        return derive_scenario(reg)
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise RegisterError([syntax_message(path, exc)]) from None
    sc = _values(raw)
    unknown = sorted({code for per in sc["chi_tieu"].values() for values in per.values() for code in values}
                     - {t.code for t in reg.targets})
    units = sorted(set(sc["chi_tieu"]) - {u.code for u in reg.units})
    if unknown or units:
        raise RegisterError([f"{reg.year}/{SCENARIO_FILE}: dữ liệu mẫu ghi "
                             + "; ".join(filter(None, [f"chỉ tiêu không có trong targets.toml: {', '.join(unknown)}"
                                                       if unknown else "",
                                                       f"đơn vị không có trong units.toml: {', '.join(units)}"
                                                       if units else ""]))
                             + ". Sửa hoặc xóa tệp này (không có tệp, công cụ tự tạo dữ liệu mẫu từ sổ của năm)."])
    return sc


def _values(node, pairs: bool = False):
    """"" → None, recursively; under "chi_tieu" and "thay" a list is a pair of inputs (a tuple)."""
    if isinstance(node, dict):
        return {k: _values(v, pairs or k in ("chi_tieu", "thay")) for k, v in node.items()}
    if isinstance(node, list):
        items = [_values(v, pairs) for v in node]
        return tuple(items) if pairs else items
    return None if node == "" else node
