"""What the registers hold once loaded: units, periods, report kinds and targets, and the
``Registers`` record that every stage reads. Loading and checking is ``registers/load.py``.

A broken register is a set-up error: ``RegisterError`` carries one Vietnamese message per
problem and the CLI exits with code 2 without writing anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pipeline.registers.identity import commune
from pipeline.text import loose_key, normalise_key, strip_accents

REGISTERS_DIR = Path(__file__).resolve().parents[2] / "registers"

KINDS = ("tong", "ty_le", "tang", "giam", "gia_tri", "duy_tri", "dinh_tinh",
         "khoang", "ke_hoach", "phan_nghin", "dem_don_vi", "xep_loai")
OPS = (">=", ">", "<=", "<", "==")
# The kinds of unit a year without its own list ([[loai_don_vi]] in units.toml) may use.
UNIT_KINDS = (
    "khom", "ban_nganh", "truong_hoc", "y_te", "mat_tran", "doan_the", "hoi", "luc_luong_vu_trang",
)
KHOM = "khom"   # the residential kind: khóm văn hóa, the khóm's indicator report
# Which input cells each kind of target needs (keys of the template's input columns).
INPUTS_BY_KIND = {
    "tong": ("gia_tri",),
    "gia_tri": ("gia_tri",),
    "ty_le": ("tu_so", "mau_so"),
    "tang": ("so_hien_tai", "so_goc"),
    "giam": ("so_hien_tai", "so_goc"),
    "duy_tri": ("co_khong",),
    "dinh_tinh": ("danh_gia", "giai_trinh"),
    "khoang": ("tu_so", "mau_so"),       # a rate within a band: chi_tieu .. chi_tieu_tren
    "ke_hoach": ("tu_so", "mau_so"),     # result / assigned plan in %: "đạt 100% kế hoạch giao"
    "phan_nghin": ("tu_so", "mau_so"),   # per mille
    "dem_don_vi": ("danh_gia",),         # units answering Đạt, counted: "5/5 khóm văn hóa"
    "xep_loai": ("danh_gia",),           # a level chosen among the target's own (muc), best first
}
# Figures one evaluation reuses from a target's input (``vai_tro`` in targets.toml), so a unit never
# reports them twice: role -> what it is. The khóm văn hóa evaluation needs the first five.
ROLES = {
    "tong_so_ho": "Tổng số hộ",
    "so_ho_gdvh": "Số hộ gia đình văn hóa",
    "so_ho_ngheo": "Số hộ nghèo",
    "so_ho_can_ngheo": "Số hộ cận nghèo",
    "so_nguoi_co_viec_lam": "Số người có việc làm thường xuyên",
    "so_nguoi_do_tuoi_lao_dong": "Số người trong độ tuổi lao động",
    "so_don_hoa_giai_ton": "Số đơn hòa giải còn tồn đọng",
}
KHOM_CULTURE_ROLES = ("tong_so_ho", "so_ho_gdvh", "so_ho_ngheo", "so_nguoi_co_viec_lam", "so_nguoi_do_tuoi_lao_dong")
ALL_KHOM = "khom"  # in don_vi_bao_cao: every unit of kind "khom"
SAME_AS_WARD = "nhu_phuong"


class RegisterError(Exception):
    """The registers cannot be used; ``problems`` lists every reason in Vietnamese."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class UnitKind:
    """A kind of unit as the year's register states it ([[loai_don_vi]])."""
    code: str
    name: str
    reports: tuple[str, ...] = ()    # report kinds owed when the unit's own row lists none
    titles: tuple[str, ...] = ()     # titles and forms open to it (award rule codes); () = not stated
    basis: str = ""                  # the legal basis of those titles


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str
    reports: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    continues: tuple[tuple[int, str], ...] = ()   # (year, unit code) of the earlier units it continues

    @property
    def is_khom(self) -> bool:
        return self.kind == KHOM


@dataclass(frozen=True)
class Period:
    code: str
    name: str
    label: str
    start: dt.date
    end: dt.date
    deadline: dt.date
    is_final: bool
    aliases: tuple[str, ...] = ()


ANNUAL = "nam"  # the single "period" of the once-a-year award reports
# ket_qua_hop and de_nghi_theo_dot: read by pipeline/council
CONTENTS = ("chi_tieu", "dang_ky", "binh_xet", "khom_van_hoa", "lich_su", "ket_qua_hop", "de_nghi_theo_dot")


@dataclass(frozen=True)
class ReportKind:
    code: str
    name: str
    template_version: int
    periods: tuple[str, ...]
    short_name: str = ""
    content: str = "chi_tieu"        # what the template holds (CONTENTS)
    deadline: dt.date | None = None  # for annual reports
    optional: bool = False           # nobody is reminded of it

    @property
    def is_indicator(self) -> bool:
        return self.content == "chi_tieu"


@dataclass(frozen=True)
class Target:
    code: str
    number: int
    plan_text: str
    short_name: str
    kind: str
    op: str
    value: float | None
    display_value: str | None
    unit_of_measure: str
    reporters: tuple[str, ...]  # unit codes, already expanded from "khom"
    cumulative: bool
    integer: bool
    inputs: dict[str, str]  # input key -> label shown in the template
    max_value: float | None
    khom_targets: dict[str, float] | None  # per-khóm target values, None = not set per khóm
    source: str  # "bao_cao" (unit reports) or "binh_xet_khom_van_hoa"
    note: str
    roles: dict[str, str] = field(default_factory=dict)  # input key -> role (ROLES)
    upper: float | None = None    # khoang: the upper bound (chi_tieu_tren)
    above_ok: bool = True         # khoang: above the upper bound still met (vuot_tren_van_dat)
    levels: tuple[str, ...] = ()  # xep_loai: the ordered levels, best first (muc)
    level: str | None = None      # xep_loai: the level to reach (chi_tieu_muc)
    continues: tuple[int, str] | None = None   # (year, target code) of the earlier target it continues
    charted: bool = False         # drawn across the years (bieu_do)

    def match_level(self, text: object) -> str | None:
        """The level of ``levels`` a unit typed, ignoring case, spaces and diacritics; None if none."""
        key = level_key(text)
        return next((lv for lv in self.levels if level_key(lv) == key), None) if key else None

    def level_rank(self, level: str) -> int:
        """Higher is better: the last (worst) level is 1."""
        return len(self.levels) - self.levels.index(level)


def level_key(text: object) -> str:
    """How two spellings of a level compare: "hoan thanh tot nhiem vu" is "Hoàn thành tốt nhiệm vụ"."""
    return " ".join(strip_accents(normalise_key(text)).split())


UNSTATED_KIND = "địa phương"   # the commune's kind when the register does not state it


def ward_sheet_name(kind: str) -> str:
    return f"Chỉ tiêu {kind}"


@dataclass(frozen=True)
class Registers:
    year: int
    baseline_date: dt.date
    units: tuple[Unit, ...]
    periods: tuple[Period, ...]
    report_kinds: tuple[ReportKind, ...]
    targets: tuple[Target, ...]
    settings: dict
    versions: dict[str, str]  # register file -> "version (sha256 prefix)"
    plan_reference: str
    emulation_phases: tuple[dict, ...] = field(default=())
    # cumulative figure, later period / earlier period: below the first or above the second is a warning
    plausibility: tuple[float, float] = (1.0, 10.0)
    root: Path | None = None          # the registers folder it was loaded from (rules, Word templates)
    unit_kinds: tuple[UnitKind, ...] = ()   # the year's kinds of unit
    to_fill: tuple[str, ...] = ()     # placeholders «cần điền: …» left in the registers: every document is a draft

    @property
    def commune_kind(self) -> str:
        """The commune's kind ("phường", "xã", "đặc khu"): every "toàn phường", "Chỉ tiêu phường" follows it."""
        return commune(self.settings.get("co_quan", {}))[0] or UNSTATED_KIND

    @property
    def ward_sheet(self) -> str:
        """The name of the consolidated workbook's sheet of the commune's own results ("Chỉ tiêu phường")."""
        return ward_sheet_name(self.commune_kind)

    @property
    def year_dir(self) -> Path:
        return (self.root or REGISTERS_DIR) / str(self.year)

    def unit(self, code: str) -> Unit:
        return next(u for u in self.units if u.code == code)

    def role(self, name: str) -> tuple[str, str] | None:
        """(target code, input key) of the target input that plays ``name`` (ROLES), if any."""
        return next(((t.code, key) for t in self.targets for key, role in t.roles.items() if role == name), None)

    @property
    def final_period(self) -> Period:
        return next(p for p in self.periods if p.is_final)

    def period(self, code: str) -> Period:
        return next(p for p in self.periods if p.code == code)

    def report_kind(self, code: str) -> ReportKind:
        return next(r for r in self.report_kinds if r.code == code)

    @property
    def khom(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.is_khom)

    def targets_for(self, unit_code: str) -> tuple[Target, ...]:
        return tuple(t for t in self.targets if unit_code in t.reporters)

    def report_kind_of(self, unit: Unit, content: str = "chi_tieu") -> str | None:
        """The report kind of the given content a unit owes (one per content at most)."""
        kinds = {k.code for k in self.report_kinds if k.content == content}
        owed = [r for r in unit.reports if r in kinds]
        return owed[0] if owed else None

    def kind_for_content(self, content: str) -> ReportKind | None:
        return next((k for k in self.report_kinds if k.content == content), None)

    def deadline(self, kind_code: str, period_code: str) -> dt.date | None:
        """The deadline of a report; None when the kind or period is unknown (a rejected file)."""
        kind = next((k for k in self.report_kinds if k.code == kind_code), None)
        if kind is None:
            return None
        if period_code == ANNUAL:
            return kind.deadline
        period = next((p for p in self.periods if p.code == period_code), None)
        return period.deadline if period else None

    def period_name(self, period_code: str) -> str:
        if period_code == ANNUAL:
            return f"năm {self.year}"
        period = next((p for p in self.periods if p.code == period_code), None)
        return period.name if period else ""

    def match_unit(self, text: str) -> Unit | None:
        """Find a unit by its name, an alias or its code, ignoring case, accents form and spaces."""
        key = normalise_key(text)
        if not key:
            return None
        return next((u for u, keys in self._unit_keys if key in keys), None)

    def match_unit_loosely(self, text: str) -> list[Unit]:
        """The units whose name, alias or code matches ``text`` without diacritics, case,
        punctuation or kind word ("khom son tay", "SON TAY"); the caller accepts only one."""
        key = loose_key(text, drop_prefix=True)
        if not key:
            return []
        return [u for u, keys in self._unit_loose_keys if key in keys]

    def match_period_loosely(self, text: str) -> list[Period]:
        key = loose_key(text)
        if not key:
            return []
        return [p for p, keys in self._period_loose_keys if key in keys]

    def match_period(self, text: str) -> Period | None:
        key = normalise_key(text)
        return next((p for p, keys in self._period_keys if key in keys), None)

    # The keys each unit and period answers to, computed once per loaded registers (every
    # submission's header is matched against them).
    @cached_property
    def _unit_keys(self) -> tuple[tuple[Unit, frozenset[str]], ...]:
        return tuple((u, frozenset(normalise_key(n) for n in (u.name, u.code, *u.aliases))) for u in self.units)

    @cached_property
    def _unit_loose_keys(self) -> tuple[tuple[Unit, frozenset[str]], ...]:
        return tuple((u, frozenset(loose_key(n, drop_prefix=True) for n in (u.name, u.code, *u.aliases)))
                     for u in self.units)

    @cached_property
    def _period_keys(self) -> tuple[tuple[Period, frozenset[str]], ...]:
        return tuple((p, frozenset(normalise_key(n) for n in (p.label, p.name, p.code, *p.aliases)))
                     for p in self.periods)

    @cached_property
    def _period_loose_keys(self) -> tuple[tuple[Period, frozenset[str]], ...]:
        return tuple((p, frozenset(loose_key(n) for n in (p.label, p.name, p.code, *p.aliases))) for p in self.periods)
