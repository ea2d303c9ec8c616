"""Load and check the award rules register (``registers/<year>/award_rules.toml``).

Rules are data: each rule has its title, legal citation, who decides, confidence, and the
criteria the engine checks; parameters carry thresholds and toggles, and an empty parameter
("" in the file) is province-set and not yet known. ``with_overrides`` applies a what-if change
given on the command line, which the output then records.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.registers.law import Bonus, RuleSet, bonus_at, rule_set_at
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.registers.sources import year_file

SUBJECTS = ("ca_nhan", "tap_the", "khom", "ho_gia_dinh")
# The criteria the engine knows for each rule; the register must list exactly these.
ENGINE_CRITERIA = {
    "LDTT": ("doi_tuong", "xep_loai", "doan_ket", "thoi_gian", "ky_luat", "dang_ky", "ty_le"),
    "CSTDCS": ("ldtt", "thanh_tich", "ty_le"),
    "BK_TINH": ("chuoi_nam",),
    "CSTD_TINH": ("chuoi_cstdcs", "sang_kien_tinh"),
    "GK_PHUONG": ("thanh_tich", "mot_hinh_thuc"),
    "GK_PHUONG_TT": ("thanh_tich",),
    "GK_PHUONG_HO": ("thanh_tich",),   # a household (hộ gia đình), proposed by name in a campaign
    "TTLDTT": ("xep_loai", "phong_trao", "doan_ket", "ty_le_ldtt", "ky_luat"),
    "TTLDXS": ("xep_loai", "phong_trao", "hoan_thanh", "ty_le_ldtt", "co_cstdcs", "doan_ket"),
    "KHOM_VH": ("kinh_te", "van_hoa", "moi_truong", "phap_luat", "doan_ket", "nguong"),
    "GDVH": ("so_lieu",),
}


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    subject: str
    citation: str
    authority: str
    confidence: str
    criteria: dict[str, str]     # criterion code -> description, parameters filled in
    templates: dict[str, str] = field(default_factory=dict)  # the same as written, with {parameter}


@dataclass(frozen=True)
class Rules:
    version: str
    params: dict[str, object]    # "" = not set (province-set, unknown)
    descriptions: dict[str, str]
    confidence: dict[str, str]
    rules: dict[str, Rule]
    overrides: tuple[str, ...] = ()
    authorities: dict[str, str] = field(default_factory=dict)   # code -> group heading, in printing order
    authority_details: dict[str, dict] = field(default_factory=dict)   # code -> its [[tham_quyen]] block
    own_authority: str = ""                                     # the code of this level's own decisions
    basis: tuple[str, ...] = ()                                 # legal texts of the rule set in force
    effective: dt.date | None = None                            # date from which that rule set applies
    law: RuleSet | None = None                                  # the rule set in force (registers/luat/)
    bonus: Bonus | None = None                                  # what each title pays this year
    favourable_params: dict[str, object] | None = None          # the parameters under law.favourable, when they differ

    def param(self, key: str):
        value = self.params[key]
        return None if value == "" else value

    def with_overrides(self, pairs: list[str]) -> "Rules":
        params = dict(self.params)
        for pair in pairs:
            key, _, raw = pair.partition("=")
            key = key.strip()
            if key not in params:
                raise RegisterError([f"Tham số \"{key}\" không có trong sổ quy tắc."])
            params[key] = _coerce(raw.strip(), params[key])
        out = replace(self, params=params, rules=self._rendered(params), overrides=tuple(pairs))
        if self.favourable_params is not None:   # a what-if change holds under either rule set
            out = replace(out, favourable_params={**self.favourable_params, **{
                k: v for k, v in params.items() if k not in _changed(self.params, self.favourable_params)}})
        return out

    def favourable_rules(self) -> "Rules | None":
        """These rules under the newer rule set that applies where it favours the person (the
        transitional rule), or None when there is none or it changes no parameter."""
        if self.favourable_params is None:
            return None
        return replace(self, params=dict(self.favourable_params), rules=self._rendered(self.favourable_params),
                       favourable_params=None)

    def _rendered(self, params: dict[str, object]) -> dict[str, Rule]:
        """The rules with their criteria's descriptions written out under ``params``."""
        return {code: replace(r, criteria={c: render(t, params) for c, t in r.templates.items()})
                for code, r in self.rules.items()}

    def change_text(self, pair: str) -> str:
        """A what-if change as a person reads it: the parameter's description, not its key."""
        key, _, raw = pair.partition("=")
        key = key.strip()
        name = self.descriptions.get(key, "").split(" (")[0].split(". ")[0].rstrip(".") or "tham số"
        return f"{name}: {show_value(_coerce(raw.strip(), self.params.get(key)))}"


_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)(:%)?\}")


def show_value(value, percent: bool = False) -> str:
    """A parameter's value in words: lists joined, booleans có/không, empty "chưa quy định"."""
    if value == "" or value is None:
        return "(tỉnh chưa quy định)"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (int, float)):
        number = value * 100 if percent else value
        text = f"{number:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        return text + ("%" if percent else "")
    return str(value)


def render(template: str, params: dict[str, object]) -> str:
    """Fill a criterion description's {parameter} (or {parameter:%}) with the parameter's value."""
    return _PLACEHOLDER.sub(lambda m: show_value(params.get(m.group(1), ""), bool(m.group(2))), template)


def _changed(old: dict, new: dict) -> set[str]:
    return {k for k in new if new[k] != old.get(k)}


def _confirmed(params: dict[str, object], law: RuleSet, problems: list[str]) -> dict[str, object]:
    """``params`` with the rule set's confirmed options applied (an option naming no parameter of the
    register is refused: it would change nothing)."""
    out = dict(params)
    for option in law.options:
        for key, value in option.params.items() if option.confirmed else ():
            if key not in out:
                problems.append(f"{law.source}, tùy chọn {option.code}: award_rules.toml không có tham số \"{key}\".")
            out[key] = value
    return out


def _coerce(raw: str, current):
    if raw == "":
        return ""
    if isinstance(current, bool) or raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    try:
        return float(raw) if "." in raw else int(raw)
    except ValueError:
        return raw


def _description_problems(where: str, text: str, params: dict[str, object]) -> list[str]:
    """A description is read by people: a parameter appears only as {parameter}, which is filled in."""
    out = [f"{where}: tham số \"{m.group(1)}\" không có trong sổ." for m in _PLACEHOLDER.finditer(text)
           if m.group(1) not in params]
    bare = _PLACEHOLDER.sub("", text)
    out += [f"{where}: ghi tham số trong ngoặc nhọn {{{key}}} để chương trình điền giá trị, không ghi tên tham số."
            for key in params if re.search(rf"\b{re.escape(key)}\b", bare)]
    return out


def load_rules(year: int, root: Path = REGISTERS_DIR) -> Rules:
    path = root / str(year) / "award_rules.toml"
    problems: list[str] = []
    if not path.exists():
        raise RegisterError([f"Không tìm thấy sổ quy tắc khen thưởng {path}."])
    raw = year_file(root / str(year), year, "award_rules", problems)
    if problems:
        raise RegisterError(problems)
    params, descriptions, confidence = {}, {}, {}
    for i, p in enumerate(raw.get("tham_so", []), start=1):
        key = p.get("ma")
        if not key or "gia_tri" not in p:
            problems.append(f"award_rules.toml, tham số thứ {i}: thiếu \"ma\" hoặc \"gia_tri\".")
            continue
        params[key], descriptions[key], confidence[key] = p["gia_tri"], p.get("mo_ta", ""), p.get("do_tin_cay", "")
    try:
        law, bonus = rule_set_at(year, root), bonus_at(year, root)
    except RegisterError as exc:
        raise RegisterError(problems + exc.problems) from None
    stale = [k for k in ("tham_quyen", "can_cu") if k in raw] + [
        f"quy tắc {r.get('ma', '')}" for r in raw.get("quy_tac", []) if "tham_quyen" in r]
    if stale:
        problems.append(f"award_rules.toml: thẩm quyền và căn cứ nay lấy theo bộ quy định đang áp dụng ({law.name}, "
                        f"registers/luat/); xóa khỏi sổ này: {', '.join(stale)}.")
    authorities = {a.code: a.heading for a in law.authorities.values()}
    details = {a.code: {"ma": a.code, "ten": a.heading, "nguoi_quyet_dinh": a.decider, "de_nghi": a.proposal,
                        "cap_nay": a.own} for a in law.authorities.values()}
    base = params
    params = _confirmed(base, law, problems)
    favourable = _confirmed(base, law.favourable, problems) if law.favourable else None
    rules = {}
    for i, r in enumerate(raw.get("quy_tac", []), start=1):
        code = r.get("ma", "")
        where = f"award_rules.toml, quy tắc {code or i}"
        if code not in ENGINE_CRITERIA:
            problems.append(f"{where}: chương trình không có quy tắc mã \"{code}\".")
            continue
        templates = {c.get("ma"): c.get("mo_ta", "") for c in r.get("tieu_chi", [])}
        for crit, text in templates.items():
            problems += _description_problems(f"{where}, tiêu chí {crit}", text, params)
        criteria = {c: render(t, params) for c, t in templates.items()}
        if tuple(criteria) != ENGINE_CRITERIA[code]:
            problems.append(f"{where}: tiêu chí phải là {', '.join(ENGINE_CRITERIA[code])}.")
        try:
            authority = law.authority(code)
        except KeyError:
            problems.append(f"{where}: bộ quy định {law.name} không ghi cấp nào quyết định danh hiệu này "
                            f"(danh_hieu của một [[tham_quyen]] trong {law.source}).")
            authority = ""
        if r.get("doi_tuong") not in SUBJECTS:
            problems.append(f"{where}: doi_tuong phải là một trong {', '.join(SUBJECTS)}.")
        rules[code] = Rule(code, r.get("danh_hieu", code), r.get("doi_tuong", ""), r.get("can_cu", ""),
                           authority, r.get("do_tin_cay", ""), criteria, templates)
    missing = sorted(set(ENGINE_CRITERIA) - set(rules))
    if missing:
        problems.append(f"award_rules.toml: thiếu quy tắc {', '.join(missing)}.")
    needed = {"registration_required", "cstdcs_can_ca_hai", "cstdcs_can_ldtt", "khong_chuyen_trach_la_nguoi_lao_dong",
              "ldtt_xep_loai",
              "ldtt_so_thang_toi_thieu", "discipline_blocks_ldtt_from", "ldtt_max_ratio", "cstdcs_max_ratio_of_ldtt",
              "ttldtt_ty_le_ldtt", "ttldtt_khong_ky_luat_tu_canh_cao", "ttldxs_ty_le_ldtt", "bang_khen_so_nam_cstdcs",
              "bang_khen_so_nam_htxs", "bang_khen_so_sang_kien", "cstd_tinh_so_nam", "khom_vh_ty_le_gdvh_toi_thieu",
              "khom_vh_ty_le_ho_ngheo_toi_da", "khom_vh_ty_le_co_viec_lam_toi_thieu",
              "khom_vh_ty_le_tre_di_hoc_toi_thieu", "khom_vh_ty_le_nep_song_toi_thieu"}
    for key in sorted(needed - set(params)):
        problems.append(f"award_rules.toml: thiếu tham số \"{key}\".")
    if problems:
        raise RegisterError(problems)
    return Rules(str(raw.get("phien_ban", "")), params, descriptions, confidence, rules,
                 authorities=authorities, authority_details=details, own_authority=law.own_authority,
                 basis=law.documents, effective=law.effective, law=law, bonus=bonus,
                 favourable_params=favourable if favourable not in (None, params) else None)


@functools.lru_cache(maxsize=8)
def rule_titles(year: int, root: Path = REGISTERS_DIR) -> dict[str, str]:
    """Code -> title of every rule of the year (what templates and messages call a title)."""
    try:
        return {code: rule.title for code, rule in load_rules(year, root).rules.items()}
    except RegisterError:
        return {}
