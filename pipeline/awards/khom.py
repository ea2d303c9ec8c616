"""Khóm văn hóa: the khóm's own form, and the ratios computed from the figures its indicator
report already holds (households, cultural families, poor households, employment, mediation).
"""

from __future__ import annotations

import pandas as pd

from pipeline.awards.criteria import (
    COUNCIL,
    FAIL,
    MISSING,
    PASS,
    Criterion,
    Decision,
    cell_source,
    is_blank,
    percent_text,
    yes_no,
)
from pipeline.awards.outcome import AwardOutcome
from pipeline.awards.validate import AwardFrames
from pipeline.issues import make_issue
from pipeline.registers.model import Registers
from pipeline.registers.rules import Rules

KHOM_THRESHOLDS = (  # (ratio name, parameter, "min" | "max")
    ("tỷ lệ hộ gia đình văn hóa", "khom_vh_ty_le_gdvh_toi_thieu", "min"),
    ("tỷ lệ hộ nghèo", "khom_vh_ty_le_ho_ngheo_toi_da", "max"),
    ("tỷ lệ người có việc làm", "khom_vh_ty_le_co_viec_lam_toi_thieu", "min"),
    ("tỷ lệ trẻ đi học", "khom_vh_ty_le_tre_di_hoc_toi_thieu", "min"),
    ("tỷ lệ hộ thực hiện nếp sống văn minh", "khom_vh_ty_le_nep_song_toi_thieu", "min"),
)


CRITERIA_FIELDS = (("kinh_te", "tc_kinh_te", "đời sống kinh tế ổn định"), ("van_hoa", "tc_van_hoa", "đời sống văn hóa lành mạnh"),
                   ("moi_truong", "tc_moi_truong", "môi trường an toàn, sạch đẹp"),
                   ("phap_luat", "tc_phap_luat", "chấp hành pháp luật, an ninh trật tự"),
                   ("doan_ket", "tc_doan_ket", "đoàn kết, tương trợ"))


def indicator_figure(values: pd.DataFrame, reg: Registers, unit: str, role: str) -> float | None:
    """The year-end figure of the target input that plays ``role`` (targets.toml, vai_tro)."""
    where = reg.role(role)
    if values.empty or where is None:
        return None
    target, column = where
    mine = values[(values["ma_don_vi"] == unit) & (values["ma_chi_tieu"] == target)
                  & (values["ky"] == reg.final_period.code)]
    if mine.empty or pd.isna(mine.iloc[0][column]):
        return None
    return float(mine.iloc[0][column])


# The roles (targets.toml, vai_tro) each ratio reads from the indicator report; the others come from
# the khóm's own form.
RATIO_ROLES = {"tỷ lệ hộ gia đình văn hóa": ("so_ho_gdvh", "tong_so_ho"), "tỷ lệ hộ nghèo": ("so_ho_ngheo", "tong_so_ho"),
               "tỷ lệ người có việc làm": ("so_nguoi_co_viec_lam", "so_nguoi_do_tuoi_lao_dong"),
               "tỷ lệ hộ thực hiện nếp sống văn minh": ("tong_so_ho",)}


def _rejected_inputs(reg: Registers, unit: str, rejected: dict | None) -> dict[str, str]:
    """For each ratio, which of the indicator inputs it reads were rejected, and why."""
    final = reg.final_period.code
    out = {}
    for label, roles in RATIO_ROLES.items():
        targets = dict.fromkeys(reg.role(r)[0] for r in roles if reg.role(r))
        out[label] = "; ".join(f"chỉ tiêu {t}: {(rejected or {})[(unit, final, t)]}" for t in targets
                               if (unit, final, t) in (rejected or {}))
    return out


def khom_decisions(frames: AwardFrames, values: pd.DataFrame, reg: Registers, rules: Rules, out: AwardOutcome,
                   rejected: dict[tuple[str, str, str], str] | None = None) -> list[Decision]:
    decisions = []
    forms = frames.khom
    for unit in reg.khom:
        match = forms.index[forms["ma_don_vi"] == unit.code].tolist() if not forms.empty else []
        households = indicator_figure(values, reg, unit.code, "tong_so_ho")
        gdvh = indicator_figure(values, reg, unit.code, "so_ho_gdvh")
        if not match:
            missing = Criterion("so_lieu", MISSING, "khóm chưa nộp biểu tự đánh giá khóm văn hóa")
            decisions.append(Decision(unit.name, "khom", unit.code, "KHOM_VH", False, [missing],
                                      rules.rules["KHOM_VH"].authority).settle())
            decisions.append(Decision(unit.name, "ho_gia_dinh", unit.code, "GDVH", False, [missing],
                                      rules.rules["GDVH"].authority).settle())
            continue
        i = match[0]
        f = forms.loc[i].to_dict()
        src = lambda col: cell_source(frames, "khom", i, col, forms)  # noqa: E731
        ratios = {
            "tỷ lệ hộ gia đình văn hóa": (gdvh, households),
            "tỷ lệ hộ nghèo": (indicator_figure(values, reg, unit.code, "so_ho_ngheo"), households),
            "tỷ lệ người có việc làm": (indicator_figure(values, reg, unit.code, "so_nguoi_co_viec_lam"),
                                        indicator_figure(values, reg, unit.code, "so_nguoi_do_tuoi_lao_dong")),
            "tỷ lệ trẻ đi học": (_num(f.get("so_tre_di_hoc")), _num(f.get("so_tre_do_tuoi"))),
            "tỷ lệ hộ thực hiện nếp sống văn minh": (_num(f.get("so_ho_nep_song")), households),
        }
        c = [yes_no(f.get(col), code, what, src(col)) for code, col, what in CRITERIA_FIELDS]
        why = _rejected_inputs(reg, unit.code, rejected)
        c.append(_thresholds(ratios, rules, why))
        decisions.append(Decision(unit.name, "khom", unit.code, "KHOM_VH", f.get("de_nghi") == "co", c,
                                  rules.rules["KHOM_VH"].authority, file=f["tep"]).settle())
        evaluated = _num(f.get("so_ho_binh_xet"))
        if evaluated is None or gdvh is None:
            gdvh_code = reg.role("so_ho_gdvh")[0]
            g = Criterion("so_lieu", MISSING, "thiếu số hộ được bình xét (biểu khóm văn hóa) hoặc số hộ gia đình văn hóa "
                          f"(báo cáo chỉ tiêu {reg.final_period.name.split(' (')[0].lower()}, {gdvh_code})", "",
                          src("so_ho_binh_xet"))
        else:
            share = f", {percent_text(gdvh / households)} tổng số {households:.0f} hộ" if households else ""
            g = Criterion("so_lieu", COUNCIL, f"khóm đề nghị công nhận {gdvh:.0f}/{evaluated:.0f} hộ được bình xét{share}; "
                          f"Chủ tịch UBND {reg.commune_kind} quyết định theo danh sách của khóm",
                          f"{gdvh:.0f}/{evaluated:.0f}", src("so_ho_binh_xet"))
            if gdvh > evaluated:
                out.issues.append(make_issue("SO_HO_VUOT_BINH_XET", file=f["tep"], sheet=f["trang_tinh"],
                                             cell=frames.addresses["khom"][i].get("so_ho_binh_xet", ""),
                                             value=f"{gdvh:.0f}", expected=f"{evaluated:.0f}", unit=unit.code,
                                             target=reg.role("so_ho_gdvh")[0]))
        counts = (round(gdvh), round(evaluated)) if evaluated is not None and gdvh is not None else None
        decisions.append(Decision(unit.name, "ho_gia_dinh", unit.code, "GDVH", True, [g],
                                  rules.rules["GDVH"].authority, file=f["tep"], households=counts).settle())
    return decisions


def _num(v) -> float | None:
    return None if is_blank(v) else float(v)


def _thresholds(ratios: dict, rules: Rules, why: dict[str, str]) -> Criterion:
    """``why`` names, per ratio, the rejected indicator input it lacks ("" when none)."""
    shown, failed, unknown, unset = [], [], [], []
    for label, param, side in KHOM_THRESHOLDS:
        top, bottom = ratios[label]
        value = top / bottom if top is not None and bottom else None
        because = f" ({why[label]})" if value is None and why.get(label) else ""
        shown.append(f"{label} {percent_text(value) if value is not None else 'chưa có số liệu'}{because}")
        limit = rules.param(param)
        if limit is None:
            unset.append(label)
        elif value is None:
            unknown.append(label + because)
        elif (side == "min" and value * 100 < float(limit)) or (side == "max" and value * 100 > float(limit)):
            failed.append(f"{label} {percent_text(value)} {'dưới' if side == 'min' else 'trên'} ngưỡng {limit}%")
    values = "; ".join(shown)
    if failed:
        return Criterion("nguong", FAIL, "; ".join(failed), values)
    if unknown:
        return Criterion("nguong", MISSING, "chưa có số liệu để tính " + ", ".join(unknown), values)
    if unset:
        return Criterion("nguong", COUNCIL, f"tỉnh chưa quy định ngưỡng; các tỷ lệ: {values}", values)
    return Criterion("nguong", PASS, "các tỷ lệ đạt ngưỡng", values)
