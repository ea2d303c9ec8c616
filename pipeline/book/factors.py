"""The bonus-factor rows of the book's law sheet: one per title code that any rule set of
``registers/luat/`` gives a factor for (``[tien_thuong.he_so]``), in the order the rule sets name
them, the earliest set first; so a code added to a rule set has its row without a change of code.
Each row's note names the title (the year's award rules) and what each rule set says of it."""

from __future__ import annotations

from pathlib import Path

from pipeline.registers.law import rule_sets_by_date
from pipeline.registers.model import REGISTERS_DIR

WHO = {"ca_nhan": "cá nhân", "tap_the": "tập thể", "khom": "khóm", "ho_gia_dinh": "mỗi hộ"}


def factor_rows(root: Path = REGISTERS_DIR, award_rules: dict | None = None) -> tuple[tuple[str, str], ...]:
    """(code, note) for every factor code of the rule sets."""
    sets = rule_sets_by_date(root)
    codes = list(dict.fromkeys(code for data in sets for code in data.get("tien_thuong", {}).get("he_so", {})))
    titles = {r.get("ma"): r for r in (award_rules or {}).get("quy_tac", []) if isinstance(r, dict)}
    return tuple((code, _note(code, titles.get(code), sets)) for code in codes)


def _note(code: str, rule: dict | None, sets: list[dict]) -> str:
    name = ", ".join(p for p in (str(rule.get("danh_hieu", "")), WHO.get(rule.get("doi_tuong", ""), "")) if p) \
        if rule else code
    said = []
    for data in sets:
        factors = data.get("tien_thuong", {}).get("he_so", {})
        multiple = data.get("tien_thuong", {}).get("boi_so", {}).get(code)   # worked from another title's amount
        if code in factors:
            value = factors[code]
            shown = "để trống" if value in ("", None) else f"{value:g}".replace(".", ",")
            said.append(f"từ {data['hieu_luc_tu']:%d/%m/%Y}: {shown}")
        elif isinstance(multiple, dict) and isinstance(multiple.get("lan"), (int, float)):
            times = f"{multiple['lan']:g}".replace(".", ",")
            said.append(f"từ {data['hieu_luc_tu']:%d/%m/%Y}: {times} lần mức {multiple.get('cua', '')} (không ghi)")
    payer = next((a for a in sets[-1].get("tham_quyen", []) if code in a.get("danh_hieu", [])), None) if sets else None
    upper = " (cấp trên quyết định và chi trả)" if payer is not None and payer.get("cap_nay") is not True else ""
    return f"{name}{upper}; bộ quy định ghi {'; '.join(said)}"
