"""Load and check the human-edited registers (units, periods, targets).

The registers are TOML files under ``registers/``: ``settings.toml`` names the year in force;
everything that can differ between years or wards is in ``<year>/``: ``units.toml`` (reporting
units), ``co_quan.toml`` (issuing body, signer, recipients), ``periods.toml`` (periods, report
kinds, campaigns), ``targets.toml`` and ``award_rules.toml``. Each file's shape is checked against
its typed model (``registers/schema.py``) first, then its meaning here. Everything else in the program (templates,
schemas' expectations, evaluation) is driven by what is loaded here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from pipeline.book.messages import in_book
from pipeline.registers.identity import complete_body
from pipeline.registers.model import (
    ALL_KHOM,
    ANNUAL,
    CONTENTS,
    INPUTS_BY_KIND,
    KHOM_CULTURE_ROLES,
    KINDS,
    OPS,
    REGISTERS_DIR,
    ROLES,
    SAME_AS_WARD,
    UNIT_KINDS,
    Period,
    RegisterError,
    Registers,
    ReportKind,
    Target,
    Unit,
    UnitKind,
)
from pipeline.registers.one_year import missing
from pipeline.registers.schema import BodyFile, PeriodsFile, SettingsFile, TargetsFile, UnitsFile, check_shape
from pipeline.registers.sources import load_book, read_toml, year_file
from pipeline.registers.target_kinds import rating_levels, upper_bound
from pipeline.text import normalise_key

YEAR_FILES = {"units": UnitsFile, "co_quan": BodyFile, "periods": PeriodsFile, "targets": TargetsFile}


def _in_year(problem: str, year: int) -> str:
    """A meaning problem names its file inside the year's folder, like the shape problems do."""
    for name in ("units.toml", "targets.toml", "periods.toml", "co_quan.toml"):
        if problem.startswith(name):
            return f"{year}/{problem}"
    return problem


def _file_version(path: Path, declared: str | None) -> str:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.exists() else "?"
    return f"{declared or 'không ghi'} (sha256 {digest})"


def load_registers(root: Path = REGISTERS_DIR, year: int | None = None) -> Registers:
    """Read every register of ``year`` (default: the year in force), check it, and return it;
    raise RegisterError listing all problems."""
    problems: list[str] = []
    settings_raw = read_toml(root / "settings.toml", problems)
    problems += check_shape(SettingsFile, settings_raw, "settings.toml")
    year = year or settings_raw.get("nam_hien_hanh")
    if not isinstance(year, int):
        raise RegisterError(problems + ["settings.toml: thiếu \"nam_hien_hanh\" (năm đang áp dụng)."])
    year_dir = root / str(year)
    if not year_dir.is_dir():
        raise RegisterError(problems + [f"Chưa có sổ đăng ký năm {year} (thư mục {year_dir}). Tạo bằng lệnh "
                                        f"\"make new-year YEAR={year}\" hoặc chọn năm khác."])
    files = {name: year_file(year_dir, year, name, problems) for name in YEAR_FILES}
    book = load_book(year_dir, year)
    if problems:
        raise RegisterError(problems)
    files["co_quan"] = complete_body(files["co_quan"])
    for name, model in YEAR_FILES.items():
        problems += check_shape(model, files[name], f"{year}/{name}.toml")
    if problems:
        raise RegisterError([in_book(p, book) for p in problems])
    units_raw, periods_raw, targets_raw = files["units"], files["periods"], files["targets"]

    unit_kinds = _load_unit_kinds(units_raw, problems)
    units = _load_units(units_raw, year, problems, unit_kinds)
    report_kinds = _load_report_kinds(periods_raw, problems)
    periods = _load_periods(periods_raw, year, problems)
    unit_codes = {u.code for u in units}
    khom_codes = tuple(u.code for u in units if u.is_khom)
    targets = _load_targets(targets_raw, unit_codes, khom_codes, problems, year)
    plausibility = _load_plausibility(periods_raw, problems)
    _cross_check(units, report_kinds, targets, problems)
    _check_roles(report_kinds, targets, problems)
    _check_contact(files["co_quan"].get("lien_he", {}), problems)
    if problems:
        raise RegisterError([in_book(_in_year(p, year), book) for p in problems])

    baseline = periods_raw.get("ngay_so_lieu_goc")
    return Registers(
        year=year,
        baseline_date=baseline if isinstance(baseline, dt.date) else dt.date(year - 1, 12, 31),
        units=units,
        periods=periods,
        report_kinds=report_kinds,
        targets=targets,
        settings={"nam_hien_hanh": year, **files["co_quan"]},
        versions=({f"{year}/{book.path.name}": _file_version(book.path, targets_raw.get("phien_ban"))} if book else {
            f"{year}/units.toml": _file_version(year_dir / "units.toml", None),
            f"{year}/co_quan.toml": _file_version(year_dir / "co_quan.toml", None),
            f"{year}/periods.toml": _file_version(year_dir / "periods.toml", periods_raw.get("phien_ban")),
            f"{year}/targets.toml": _file_version(year_dir / "targets.toml", targets_raw.get("phien_ban")),
        }),
        plan_reference=str(targets_raw.get("van_ban", "")),
        emulation_phases=tuple(periods_raw.get("dot_thi_dua", [])),
        root=root,
        plausibility=plausibility,
        unit_kinds=unit_kinds,
        to_fill=tuple(dict.fromkeys(missing([targets_raw.get("van_ban"), files["co_quan"], periods_raw, targets_raw]))),
    )


def _load_plausibility(raw: dict, problems: list[str]) -> tuple[float, float]:
    """[kiem_tra_hop_ly]: the year-end cumulative figure is checked against ``he_so_toi_thieu`` and
    ``he_so_toi_da`` times the earlier period's figure (warnings only)."""
    block = raw.get("kiem_tra_hop_ly", {})
    low, high = block.get("he_so_toi_thieu", 1), block.get("he_so_toi_da", 10)
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and x > 0 for x in (low, high)) or low > high:
        problems.append("periods.toml, [kiem_tra_hop_ly]: he_so_toi_thieu và he_so_toi_da phải là số dương, "
                        "he_so_toi_thieu không lớn hơn he_so_toi_da.")
        return 1.0, 10.0
    return float(low), float(high)


def _need(entry: dict, key: str, kind: type | tuple, where: str, problems: list[str]):
    value = entry.get(key)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        problems.append(f"{where}: thiếu hoặc sai trường \"{key}\".")
        return None
    return value


def earlier_code(text: object, year: int, where: str, problems: list[str]) -> tuple[int, str] | None:
    """``"2024:KH01"`` -> (2024, "KH01"): an earlier year's unit or target code (``tiep_noi``)."""
    raw = str(text).strip()
    head, sep, code = raw.partition(":")
    if not sep or not head.strip().isdigit() or not code.strip():
        example = f"{year - 1}:{(code if sep else raw).strip() or 'mã'}"
        problems.append(f"{where}: tiep_noi \"{raw}\" không đúng dạng; ghi năm, dấu hai chấm rồi mã của năm đó, "
                        f"ví dụ \"{example}\".")
        return None
    earlier = int(head)
    if earlier >= year:
        problems.append(f"{where}: tiep_noi \"{raw}\" phải chỉ một năm trước năm {year}.")
        return None
    return earlier, code.strip()


def _load_unit_kinds(raw: dict, problems: list[str]) -> tuple[UnitKind, ...]:
    """The year's kinds of unit ([[loai_don_vi]]); a year that lists none uses UNIT_KINDS."""
    kinds, seen = [], set()
    for i, entry in enumerate(raw.get("loai_don_vi", []), start=1):
        code = entry.get("ma", "")
        if code in seen:
            problems.append(f"units.toml, loại đơn vị thứ {i}: mã \"{code}\" bị trùng.")
        seen.add(code)
        kinds.append(UnitKind(code, entry.get("ten", code), tuple(entry.get("bao_cao", [])),
                              tuple(entry.get("danh_hieu", [])), entry.get("can_cu", "")))
    return tuple(kinds) or tuple(UnitKind(code, code) for code in UNIT_KINDS)


def _load_units(raw: dict, year: int, problems: list[str], kinds: tuple[UnitKind, ...]) -> tuple[Unit, ...]:
    by_code = {k.code: k for k in kinds}
    units = []
    seen: set[str] = set()
    names: set[str] = set()
    for i, entry in enumerate(raw.get("don_vi", []), start=1):
        where = f"units.toml, đơn vị thứ {i}"
        code = _need(entry, "ma", str, where, problems)
        name = _need(entry, "ten", str, where, problems)
        kind = _need(entry, "loai", str, where, problems)
        reports = entry.get("bao_cao") or (by_code[kind].reports if kind in by_code else [])
        if code in seen:
            problems.append(f"{where}: mã đơn vị \"{code}\" bị trùng.")
        if name and normalise_key(name) in names:
            problems.append(f"{where}: tên đơn vị \"{name}\" bị trùng.")
        if kind and kind not in by_code:
            problems.append(f"{where}: loai \"{kind}\" không có trong danh sách loại đơn vị; chọn một trong "
                            f"{', '.join(by_code)}.")
        if code and name and kind:
            seen.add(code)
            names.add(normalise_key(name))
            continues = (earlier_code(t, year, where, problems) for t in entry.get("tiep_noi", []))
            units.append(Unit(code, name.strip(), kind, tuple(reports), tuple(entry.get("ten_khac", [])),
                              tuple(dict.fromkeys(c for c in continues if c))))
    if not units:
        problems.append("units.toml: chưa khai báo đơn vị nào ([[don_vi]]).")
    return tuple(units)


def _load_report_kinds(raw: dict, problems: list[str]) -> tuple[ReportKind, ...]:
    kinds = []
    for i, entry in enumerate(raw.get("bao_cao", []), start=1):
        where = f"periods.toml, loại báo cáo thứ {i}"
        code = _need(entry, "ma", str, where, problems)
        name = _need(entry, "ten", str, where, problems)
        version = _need(entry, "phien_ban_bieu_mau", int, where, problems)
        if code and name and version:
            content = entry.get("noi_dung", "chi_tieu")
            if content not in CONTENTS:
                problems.append(f"{where}: noi_dung \"{content}\" không hợp lệ; chọn một trong {', '.join(CONTENTS)}.")
            deadline = entry.get("han_nop")
            kinds.append(ReportKind(code, name, version, tuple(entry.get("ky", [])),
                                    str(entry.get("ten_ngan", name)), content,
                                    deadline if isinstance(deadline, dt.date) else None,
                                    bool(entry.get("khong_bat_buoc", False))))
    return tuple(kinds)


def _load_periods(raw: dict, year: int, problems: list[str]) -> tuple[Period, ...]:
    periods = []
    if raw.get("nam") != year:
        problems.append(f"periods.toml: \"nam\" phải là {year} (năm của thư mục).")
    for i, entry in enumerate(raw.get("ky", []), start=1):
        where = f"periods.toml, kỳ thứ {i}"
        values = [
            _need(entry, "ma", str, where, problems),
            _need(entry, "ten", str, where, problems),
            _need(entry, "nhan", str, where, problems),
            _need(entry, "tu", dt.date, where, problems),
            _need(entry, "den", dt.date, where, problems),
            _need(entry, "han_nop", dt.date, where, problems),
        ]
        if all(v is not None for v in values):
            periods.append(Period(*values, is_final=bool(entry.get("cuoi_nam", False)),
                                  aliases=tuple(entry.get("ten_khac", []))))
    if periods and sum(p.is_final for p in periods) != 1:
        problems.append("periods.toml: phải có đúng một kỳ cuoi_nam = true (kỳ tổng kết).")
    if not periods:
        problems.append("periods.toml: chưa khai báo kỳ báo cáo nào ([[ky]]).")
    return tuple(sorted(periods, key=lambda p: p.end))


def _load_targets(raw: dict, unit_codes: set[str], khom_codes: tuple[str, ...],
                  problems: list[str], year: int) -> tuple[Target, ...]:
    targets = []
    seen: set[str] = set()
    for number, entry in enumerate(raw.get("chi_tieu", []), start=1):
        where = f"targets.toml, chỉ tiêu thứ {number}"
        code = _need(entry, "ma", str, where, problems)
        where = f"targets.toml, chỉ tiêu {code or number}"
        plan_text = _need(entry, "noi_dung", str, where, problems)
        kind = _need(entry, "loai", str, where, problems)
        op = _need(entry, "so_sanh", str, where, problems)
        if code in seen:
            problems.append(f"{where}: mã chỉ tiêu bị trùng.")
        seen.add(code)
        if kind and kind not in KINDS:
            problems.append(f"{where}: loai \"{kind}\" không hợp lệ; chọn một trong {', '.join(KINDS)}.")
            continue
        if op and op not in OPS:
            problems.append(f"{where}: so_sanh \"{op}\" không hợp lệ; chọn một trong {' '.join(OPS)}.")
            continue
        value = entry.get("chi_tieu")
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            problems.append(f"{where}: chi_tieu phải là một con số (dùng dấu chấm cho số lẻ: 99.64).")
            value = None
        reporters = _expand_reporters(entry.get("don_vi_bao_cao", []), unit_codes, khom_codes, where, problems)
        source = entry.get("nguon", "bao_cao")
        if source == "bao_cao" and not reporters and not entry.get("don_vi_bao_cao"):
            problems.append(f"{where}: chưa ghi đơn vị báo cáo (don_vi_bao_cao).")
        inputs = dict(entry.get("nhap", {}))
        needed = INPUTS_BY_KIND.get(kind, ())
        numeric_needed = [k for k in needed if k not in ("co_khong", "danh_gia", "giai_trinh")]
        if source == "bao_cao":
            missing = [k for k in numeric_needed if k not in inputs]
            extra = [k for k in inputs if k not in needed]
            if missing:
                problems.append(f"{where}: thiếu nhãn ô nhập {', '.join(missing)} trong \"nhap\".")
            if extra:
                problems.append(f"{where}: \"nhap\" có ô {', '.join(extra)} không dùng cho loại {kind}.")
        khom_targets = _khom_targets(entry.get("chi_tieu_khom"), value, khom_codes, where, problems)
        upper = upper_bound(entry, kind, value, where, problems)
        levels, level = rating_levels(entry, kind, where, problems)
        if not all([code, plan_text, kind, op]):
            continue
        targets.append(Target(
            code=code, number=number, plan_text=plan_text.strip(),
            short_name=str(entry.get("ten_ngan", plan_text)).strip(), kind=kind, op=op,
            value=float(value) if value is not None else None,
            display_value=entry.get("chi_tieu_hien_thi"), unit_of_measure=str(entry.get("dvt", "")),
            reporters=reporters, cumulative=bool(entry.get("luy_ke", False)),
            integer=bool(entry.get("so_nguyen", True)), inputs=inputs,
            max_value=entry.get("gia_tri_toi_da"), khom_targets=khom_targets,
            source=source, note=str(entry.get("ghi_chu", "")),
            roles=_roles(entry.get("vai_tro", {}), needed, where, problems),
            upper=upper, above_ok=bool(entry.get("vuot_tren_van_dat", True)), levels=levels, level=level,
            continues=earlier_code(entry["tiep_noi"], year, where, problems) if entry.get("tiep_noi") else None,
            charted=bool(entry.get("bieu_do", False)),
        ))
    if not targets:
        problems.append("targets.toml: chưa khai báo chỉ tiêu nào ([[chi_tieu]]).")
    return tuple(targets)


def _roles(raw: dict, needed: tuple[str, ...], where: str, problems: list[str]) -> dict[str, str]:
    for key, role in raw.items():
        if key not in needed:
            problems.append(f"{where}: vai_tro ghi ô \"{key}\" không có ở chỉ tiêu loại này "
                            f"(các ô: {', '.join(needed)}).")
        if role not in ROLES:
            problems.append(f"{where}: vai_tro \"{role}\" không có; chọn một trong {', '.join(ROLES)}.")
    return {k: v for k, v in raw.items() if k in needed and v in ROLES}


def _expand_reporters(raw: list, unit_codes: set[str], khom_codes: tuple[str, ...], where: str,
                      problems: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for code in raw:
        if code == ALL_KHOM:
            out.extend(khom_codes)
        elif code in unit_codes:
            out.append(code)
        else:
            problems.append(f"{where}: đơn vị báo cáo \"{code}\" không có trong units.toml.")
    return tuple(dict.fromkeys(out))


def _khom_targets(raw, ward_value, khom_codes, where, problems) -> dict[str, float] | None:
    if raw is None:
        return None
    if raw == SAME_AS_WARD:
        return None if ward_value is None else {k: float(ward_value) for k in khom_codes}
    if isinstance(raw, dict):
        unknown = [k for k in raw if k not in khom_codes]
        if unknown:
            problems.append(f"{where}: chi_tieu_khom ghi khóm không có trong units.toml: {', '.join(unknown)}.")
        return {k: float(v) for k, v in raw.items() if k in khom_codes}
    problems.append(f"{where}: chi_tieu_khom phải là \"nhu_phuong\" hoặc bảng {{ KH01 = … }}.")
    return None


def _check_roles(report_kinds, targets, problems: list[str]) -> None:
    """Each role in one target only; the roles an evaluation needs are there when it runs."""
    played: dict[str, list[str]] = {}
    for t in targets:
        for role in t.roles.values():
            played.setdefault(role, []).append(t.code)
    for role, codes in played.items():
        if len(codes) > 1:
            problems.append(f"targets.toml: vai trò \"{role}\" ({ROLES[role]}) ghi ở nhiều chỉ tiêu: {', '.join(codes)}; "
                            "chỉ giữ ở một chỉ tiêu.")
    if any(k.content == "khom_van_hoa" for k in report_kinds):
        for role in KHOM_CULTURE_ROLES:
            if role not in played:
                problems.append(f"targets.toml: xét khóm văn hóa cần số liệu \"{ROLES[role]}\" nhưng chưa chỉ tiêu nào "
                                f"giữ vai trò \"{role}\"; ghi vai_tro = {{ <ô nhập> = \"{role}\" }} ở chỉ tiêu "
                                "khóm báo cáo số liệu đó.")


def _cross_check(units, report_kinds, targets, problems: list[str]) -> None:
    kind_codes = {k.code for k in report_kinds}
    indicator_kinds = {k.code for k in report_kinds if k.is_indicator}
    for k in report_kinds:
        bad = [p for p in k.periods if p != ANNUAL] if not k.is_indicator else [p for p in k.periods if p == ANNUAL]
        if bad or not k.periods:
            problems.append(f"periods.toml, loại báo cáo {k.code}: \"ky\" phải là các kỳ báo cáo (báo cáo chỉ tiêu) "
                            f"hoặc [\"{ANNUAL}\"] (báo cáo thi đua, khen thưởng).")
        if not k.is_indicator and k.deadline is None and not k.optional:
            problems.append(f"periods.toml, loại báo cáo {k.code}: thiếu \"han_nop\".")
    for u in units:
        for r in u.reports:
            if r not in kind_codes:
                problems.append(f"units.toml, đơn vị {u.code}: loại báo cáo \"{r}\" không có trong periods.toml.")
        reports_targets = any(u.code in t.reporters for t in targets)
        if reports_targets and not any(r in indicator_kinds for r in u.reports):
            problems.append(f"units.toml, đơn vị {u.code}: có chỉ tiêu phải báo cáo nhưng chưa ghi loại báo cáo (bao_cao).")
        if any(r in indicator_kinds for r in u.reports) and not reports_targets:
            problems.append(f"units.toml, đơn vị {u.code}: trường bao_cao ghi phải nộp báo cáo chỉ tiêu nhưng không có chỉ tiêu "
                            "nào giao cho đơn vị: bỏ loại báo cáo chỉ tiêu khỏi bao_cao, hoặc ghi đơn vị vào "
                            "don_vi_bao_cao của chỉ tiêu nó báo cáo (targets.toml).")


def _check_contact(contact, problems: list[str]) -> None:
    """<year>/co_quan.toml [lien_he]: the council's contact and the resend deadline of the feedback."""
    where = "co_quan.toml, mục [lien_he]"
    if not isinstance(contact, dict):
        problems.append(f"{where}: phải là một mục [lien_he].")
        return
    for key in ("nguoi_lien_he", "dien_thoai", "email"):
        if not isinstance(contact.get(key, ""), str):
            problems.append(f"{where}: \"{key}\" phải là chữ, đặt trong dấu ngoặc kép.")
    fixed = contact.get("han_gui_lai", "")
    if not (isinstance(fixed, dt.date) or fixed == ""):
        problems.append(f"{where}: \"han_gui_lai\" phải là ngày dạng năm-tháng-ngày (không ngoặc kép) hoặc \"\".")
    days = contact.get("so_ngay_gui_lai", 0)
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        problems.append(f"{where}: \"so_ngay_gui_lai\" phải là số ngày (số nguyên từ 0).")
