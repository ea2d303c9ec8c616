"""The household title (Gia đình văn hóa) in the chairman's decision: recognised per khóm by the
khóm's own list of households, so the decision counts households, never collectives. A khóm that
recognises more households than it evaluated (SO_HO_VUOT_BINH_XET) is held out with a note."""

from __future__ import annotations

from pipeline.report.frame import vn

HOUSEHOLDS = "ho_gia_dinh"   # the decision kind of the household title (pipeline/awards/khom.py)


def figures(entry) -> tuple[int, int] | None:
    """(households recognised, households evaluated), as the khóm văn hóa evaluation found them;
    None when the khóm gave none."""
    return entry.decision.households


def number_text(n: int) -> str:
    """2632 → "2.632" (Vietnamese thousands separator)."""
    return vn(n, 0)


def split(entries) -> tuple[list, list, list]:
    """(the other approved cases, the khóm whose households go into the decision, the khóm held out)."""
    others = [e for e in entries if e.decision.kind != HOUSEHOLDS]
    khom = [e for e in entries if e.decision.kind == HOUSEHOLDS]
    held = [e for e in khom if (figures(e) is None or figures(e)[0] > figures(e)[1])]
    return others, [e for e in khom if e not in held], held


def held_note(entry) -> str:
    shown = figures(entry)
    if shown is None:
        return f"{entry.unit_name} – chưa có số hộ được bình xét, số hộ đề nghị công nhận."
    return (f"{entry.unit_name} – số hộ đề nghị công nhận ({number_text(shown[0])}) lớn hơn số hộ được bình xét "
            f"({number_text(shown[1])}); khóm kiểm tra lại danh sách hộ.")


def household_list(khom, held, title: str) -> dict | None:
    """The attached list of the household title: one row per khóm with its households."""
    if not khom and not held:
        return None
    total = sum(figures(e)[0] for e in khom)
    return {"tieu_de": f"{title.upper()} (HỘ GIA ĐÌNH: {number_text(total)})",
            "dong": [{"stt": i, "khom": e.unit_name, "binh_xet": number_text(figures(e)[1]),
                      "cong_nhan": number_text(figures(e)[0]), "ghi_chu": e.note or "Danh sách hộ do khóm lập"}
                     for i, e in enumerate(khom, start=1)],
            "chua_dua_vao": [held_note(e) for e in held], "tong_ho": total}
