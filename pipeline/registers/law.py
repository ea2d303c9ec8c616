"""The law in force, by date: the rule sets of ``registers/luat/`` (legal bases, who decides each
title, bonus factors, unverified changes), shared by every year, and the year's own choices in
``registers/<year>/luat_ap_dung.toml`` or, in a year with a book, its sheet "Luật áp dụng – tiền
thưởng" (the date that decides which set applies, the place names
the set's sentences use, the bonus parameters the council fills, the options it confirmed).

``rule_set_for(reg)`` (or ``rule_set_at(year, root)``) gives the set in force for a year; a set
applies from its ``hieu_luc_tu``; the year's ``ngay_nhan_ho_so`` (the date the deciding body
receives the files) chooses it, which is how the transitional rules read (files received before
a new decree or law keep the old one). When a newer set keeps the favourable-rule exception and
took effect by the year's ``ngay_xet`` (``registers/transition.py``), the set in force carries it
as ``favourable``: the awards apply it to a person where it makes them eligible and the old does not.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.book.layout import LAW, LAW_FILE, book_path
from pipeline.registers.bonus_amount import Bonus, money, multiples_of  # noqa: F401 - money: re-exported
from pipeline.registers.identity import commune
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.registers.schema import syntax_message
from pipeline.registers.sources import load_book, year_file
from pipeline.registers.transition import NOT_INHERITED, Option, decision_date, favourable_set, option, stray_options

LAW_FOLDER = "luat"
YEAR_FILE = "luat_ap_dung.toml"
BASE_PAY_FILE = "luong_co_so.toml"
PLACE_KEYS = ("xa", "huyen", "loai_huyen", "tham_muu_huyen", "tinh", "tham_muu_tinh")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
TEXT_KEYS = ("tien_thuong_quyet_dinh", "tien_thuong_theo_dot", "bao_cao_cap_tren", "de_nghi_cap_tinh", "dang_ky",
             "han_khom_van_hoa")
LIST_KEYS = ("van_ban", "can_cu_quyet_dinh", "can_cu_to_trinh", "kinh_gui")
NOT_ENOUGH = "chưa đủ tham số"
FORM_KEYS = ("tap_the", "ca_nhan", "can_cu", "khom", "khom_can_cu")


@dataclass(frozen=True)
class Authority:
    code: str
    heading: str          # group heading in the sheets and the council's form
    decider: str          # who decides ("Chủ tịch Ủy ban nhân dân tỉnh …")
    proposal: str         # the sentence of the tờ trình ("" for the ward's own level)
    own: bool             # the ward's own level: its chairman decides
    titles: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    """The rule set in force for one year, its sentences filled with the year's place names."""
    code: str
    name: str
    effective: dt.date
    confidence: str
    deciding_date: dt.date           # the year's ngay_nhan_ho_so
    documents: tuple[str, ...]       # the legal texts (short names)
    basis_decision: tuple[str, ...]  # "Căn cứ …" lines of the chairman's decision
    basis_proposal: tuple[str, ...]  # "Căn cứ …" lines of the tờ trình
    texts: dict[str, str]            # tien_thuong_quyet_dinh, tien_thuong_theo_dot, bao_cao_cap_tren, de_nghi_cap_tinh
    addressees: tuple[str, ...]      # Kính gửi of the tờ trình
    authorities: dict[str, Authority]
    factors: dict[str, float | None]  # title code -> multiple of the lương cơ sở (None: not set)
    options: tuple[Option, ...] = ()
    unverified: tuple[str, ...] = ()
    source: str = ""                 # the rule set's file, for messages
    plan_section: str = ""           # the year's plan section on registration ("Mục IV.1 "), with its space
    report_forms: dict[str, str] = field(default_factory=dict)   # achievement-report form numbers and their basis
    decided_on: dt.date | None = None            # the year's ngay_xet (the reception date when empty)
    favourable: RuleSet | None = None            # a newer set applied to a person where it favours them
    basis_favourable: tuple[str, ...] = ()       # "Căn cứ …" lines added when someone is decided under this set
    multiples: dict[str, tuple[float, str]] = field(default_factory=dict)   # [tien_thuong.boi_so]: (times, of code)

    def authority(self, title_code: str) -> str:
        """The code of the authority that decides ``title_code`` under this set."""
        for a in self.authorities.values():
            if title_code in a.titles:
                return a.code
        raise KeyError(title_code)

    def decides_locally(self, title_code: str) -> bool:
        """Whether the ward's (commune's) own chairman decides ``title_code``."""
        return self.authorities[self.authority(title_code)].own

    @property
    def own_authority(self) -> str:
        return next(a.code for a in self.authorities.values() if a.own)

    def pending_options(self) -> list[Option]:
        """Unverified changes the council has not confirmed (never applied, the favourable set's neither)."""
        later = self.favourable.pending_options() if self.favourable else []
        return [o for o in self.options if not o.confirmed] + later


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise RegisterError([f"Không tìm thấy tệp {path}."]) from None
    except tomllib.TOMLDecodeError as exc:
        raise RegisterError([syntax_message(path, exc)]) from None


def _rule_sets(folder: Path) -> dict[str, tuple[dict, Path]]:
    """Every rule set of ``folder`` by its code, with what it inherits (``ke_thua``) merged in."""
    raw: dict[str, tuple[dict, Path]] = {}
    problems = []
    for path in sorted(folder.glob("*.toml")):
        if path.name == BASE_PAY_FILE:
            continue
        data = _read(path)
        if not data.get("ma") or not isinstance(data.get("hieu_luc_tu"), dt.date):
            problems.append(f"{path}: ghi \"ma\" và \"hieu_luc_tu\" (ngày dạng năm-tháng-ngày, không có ngoặc kép).")
            continue
        raw[data["ma"]] = (data, path)
    merged = {}
    for code, (data, path) in raw.items():
        parent = data.get("ke_thua")
        if parent and parent not in raw:
            problems.append(f"{path}: ke_thua = \"{parent}\" không phải mã của bộ quy định nào trong {folder}.")
            continue
        inherited = {k: v for k, v in raw[parent][0].items() if k not in NOT_INHERITED} if parent else {}
        merged[code] = ({**inherited, **data}, path)
    if problems:
        raise RegisterError(problems)
    return merged


def rule_sets_by_date(root: Path = REGISTERS_DIR) -> list[dict]:
    """Every rule set (inheritance merged), the earliest first."""
    folder = root / LAW_FOLDER if (root / LAW_FOLDER).is_dir() else REGISTERS_DIR / LAW_FOLDER
    return sorted((data for data, _ in _rule_sets(folder).values()), key=lambda d: d["hieu_luc_tu"])


def rule_sets_text(root: Path = REGISTERS_DIR) -> str:
    """The dated rule sets for the officer's guidance: "từ 01/01/2024: …; từ 01/07/2025: …"."""
    sets = rule_sets_by_date(root)
    return "; ".join(f"từ {d['hieu_luc_tu']:%d/%m/%Y}: {d['ten']}" for d in sets)


PLACE_WORDS = {"xa": "loại đơn vị hành chính (phường, xã, đặc khu)", "huyen": "tên cấp huyện",
               "loai_huyen": "loại cấp huyện", "tham_muu_huyen": "cơ quan tham mưu cấp huyện", "tinh": "tên tỉnh",
               "tham_muu_tinh": "cơ quan tham mưu cấp tỉnh"}


def _fill(text: str, places: dict[str, str], where: str, problems: list[str], at: _Where | None = None) -> str:
    def one(m: re.Match) -> str:
        key = m.group(1)
        value = places.get(key.lower(), "")
        if not value:
            name = key.lower()
            cell = ("Loại đơn vị hành chính của trang Cơ quan – Hội đồng (năm không có sổ Excel: co_quan.toml, mục "
                    "[co_quan])" if name == "xa" else at.at(("dia_phuong", name), f"mục [dia_phuong] {name}")
                    if at is not None else f"mục [dia_phuong] {name}")
            problems.append(f"{where}: câu \"{text}\" cần {PLACE_WORDS.get(name, name)} mà năm này chưa ghi; "
                            f"ghi ở {cell}.")
            return m.group(0)
        return value[:1].upper() + value[1:] if key[:1].isupper() else value
    return _PLACEHOLDER.sub(one, text)


def _factor(value, where: str, problems: list[str]) -> float | None:
    if value == "" or value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        problems.append(f"{where}: hệ số phải là số không âm, ví dụ 0.3 (dấu chấm), hoặc để trống \"\".")
        return None
    return float(value)


@dataclass(frozen=True)
class _Where:
    """Where the year's law settings are written, for messages: the TOML file (``2024/luat_ap_dung.toml``)
    or the book's sheet, a setting named by its cell."""
    text: str
    book: object = None

    def at(self, path: tuple[str, ...], toml: str) -> str:
        if self.book is None:
            return f"{self.text}, {toml}" if toml else self.text
        place = self.book.cells.get((LAW_FILE, *path))
        return self.book.where(place) if place else self.text

    def cell(self, *path: str) -> str:
        """" (ô B14)" for a setting of the book's sheet, "" otherwise."""
        place = self.book.cells.get((LAW_FILE, *path), "") if self.book is not None else ""
        return f" ({place.rpartition(', ')[2]})" if place else ""

    @property
    def bonus_block(self) -> str:
        return self.text if self.book is not None else f"{self.text}, mục [tien_thuong]"


def own_settings(year: int, root: Path = REGISTERS_DIR) -> tuple[dict, _Where]:
    """The year's law settings: the book's sheet when the year's book has it, else luat_ap_dung.toml."""
    year_dir = root / str(year)
    book = load_book(year_dir, year)
    if book is not None and LAW_FILE in book.files:
        mine = [p for p in book.problems if f"trang {LAW.name}" in p]
        if mine:
            raise RegisterError(mine)
        return copy.deepcopy(book.files[LAW_FILE]), _Where(book.where(f"trang {LAW.name}"), book)
    year_path = year_dir / YEAR_FILE
    if not year_path.exists():
        if book is not None and book.problems:
            raise RegisterError(list(book.problems))
        raise RegisterError([f"Không tìm thấy {year_path}: tệp này ghi ngày nhận hồ sơ (chọn bộ quy định trong "
                             f"{root / LAW_FOLDER}) và các tham số tiền thưởng của năm. Chép tệp cùng tên từ thư mục "
                             "năm trước rồi sửa."])
    return _read(year_path), _Where(f"{year}/{YEAR_FILE}")


def rule_set_for(reg) -> RuleSet:
    """The rule set in force for the loaded registers' year."""
    return rule_set_at(reg.year, reg.root or REGISTERS_DIR)


def rule_set_at(year: int, root: Path = REGISTERS_DIR) -> RuleSet:
    own, at = own_settings(year, root)
    date = own.get("ngay_nhan_ho_so")
    if not isinstance(date, dt.date):
        raise RegisterError([f"{at.at(('ngay_nhan_ho_so',), '')}: "
                             "ghi ngay_nhan_ho_so (ngày nhận hồ sơ đề nghị khen thưởng) dạng năm-tháng-ngày, "
                             f"ví dụ ngay_nhan_ho_so = {year}-12-15 (không có ngoặc kép)."])
    decided = decision_date(own, date, at.at(("ngay_xet",), "ngay_xet"))
    sets = _rule_sets(root / LAW_FOLDER)
    in_force = sorted((s for s in sets.values() if s[0]["hieu_luc_tu"] <= date), key=lambda s: s[0]["hieu_luc_tu"])
    if not in_force:
        raise RegisterError([f"{at.at(('ngay_nhan_ho_so',), '')}: "
                             f"không có bộ quy định nào trong {root / LAW_FOLDER} có hiệu lực tại ngày nhận hồ sơ "
                             f"{date:%d/%m/%Y}."])
    problems: list[str] = []
    places = {k: str(v) for k, v in own.get("dia_phuong", {}).items() if k in PLACE_KEYS}
    body = root / str(year) / "co_quan.toml"
    if "xa" not in places and (body.exists() or book_path(root / str(year), year).exists()):
        # the commune's kind is stated once, in the year's [co_quan] (or its book); its problems are the loader's
        places["xa"] = commune(year_file(root / str(year), year, "co_quan", []).get("co_quan", {}))[0]
    unknown = sorted(set(own.get("dia_phuong", {})) - set(PLACE_KEYS))
    if unknown:
        problems.append(f"{at.text}, mục [dia_phuong]: không có mục {', '.join(unknown)} "
                        f"(các mục: {', '.join(PLACE_KEYS)}).")
    later = favourable_set(sets.values(), date, decided)
    # the favourable set changes only who is eligible: its bonuses are not the year's (no own factors)
    alternative = _build(*later, {**own, "tien_thuong": {}}, at, places, date, decided, problems) if later else None
    result = _build(*in_force[-1], own, at, places, date, decided, problems, alternative)
    problems += stray_options(own, [s for s in (result, alternative) if s], sets.values(),
                              at.at(("xac_nhan",), "xac_nhan"))
    if problems:
        raise RegisterError(list(dict.fromkeys(problems)))
    return result


def _build(data: dict, path: Path, own: dict, at: _Where, places: dict, date: dt.date, decided: dt.date,
           problems: list[str], favourable: RuleSet | None = None) -> RuleSet:
    """One rule set, its sentences filled with the year's place names, the year's own factors and forms."""
    where = at.text
    fill = lambda text: _fill(str(text), places, path.name, problems, at)  # noqa: E731
    authorities = {}
    for i, a in enumerate(data.get("tham_quyen", []), start=1):
        if not a.get("ma") or not a.get("ten") or not a.get("nguoi_quyet_dinh"):
            problems.append(f"{path.name}, thẩm quyền thứ {i}: thiếu \"ma\", \"ten\" hoặc \"nguoi_quyet_dinh\".")
            continue
        authorities[a["ma"]] = Authority(a["ma"], fill(a["ten"]), fill(a["nguoi_quyet_dinh"]),
                                         fill(a.get("de_nghi", "")), a.get("cap_nay") is True,
                                         tuple(a.get("danh_hieu", [])))
    if sum(a.own for a in authorities.values()) != 1:
        problems.append(f"{path.name}: phải có đúng một [[tham_quyen]] ghi cap_nay = true (cấp xã quyết định).")
    confirmed = set(own.get("xac_nhan", []))
    options = tuple(option(o, confirmed, path.name, problems) for o in data.get("tuy_chon", []))
    factors = {c: _factor(v, f"{path.name}, [tien_thuong.he_so] {c}", problems)
               for c, v in data.get("tien_thuong", {}).get("he_so", {}).items()}
    multiples = multiples_of(data.get("tien_thuong", {}).get("boi_so", {}), factors,
                             f"{path.name}, [tien_thuong.boi_so]", problems)
    for code, value in own.get("tien_thuong", {}).get("he_so", {}).items():
        cell = at.at(("tien_thuong", "he_so", code), f"[tien_thuong.he_so] {code}")
        mine = _factor(value, cell, problems)
        if mine is None:
            continue
        if code in multiples:
            times, of = multiples[code]
            times_text = f"{times:g}".replace(".", ",")
            problems.append(f"{cell}: bộ quy định {data['ma']} tính mức này bằng {times_text} lần mức {of}; để trống ô này.")
            continue
        if factors.get(code) is not None and factors[code] != mine:
            problems.append(f"{cell}: bộ quy định {data['ma']} đã ghi hệ số {factors[code]:g}; để trống ô này.")
            continue
        factors[code] = mine
    forms = dict(data.get("mau_bao_cao_thanh_tich", {}))
    mine = own.get("mau_bao_cao_thanh_tich", {})
    stray_forms = sorted(set(mine) - set(FORM_KEYS))
    if stray_forms:
        problems.append(f"{where}, mục [mau_bao_cao_thanh_tich]: không có mục {', '.join(stray_forms)} "
                        f"(các mục: {', '.join(FORM_KEYS)}).")
    forms.update({k: str(v) for k, v in mine.items() if k in FORM_KEYS and v != ""})
    return RuleSet(
        data["ma"], data.get("ten", data["ma"]), data["hieu_luc_tu"], data.get("do_tin_cay", ""), date,
        tuple(data.get("van_ban", [])), tuple(fill(x) for x in data.get("can_cu_quyet_dinh", [])),
        tuple(fill(x) for x in data.get("can_cu_to_trinh", [])), {k: fill(data.get(k, "")) for k in TEXT_KEYS},
        tuple(fill(x) for x in data.get("kinh_gui", [])), authorities, factors, options,
        tuple(data.get("chua_xac_minh", [])), str(path),
        f"{own['muc_dang_ky_ke_hoach']} " if own.get("muc_dang_ky_ke_hoach") else "", forms,
        decided, favourable, tuple(fill(x) for x in data.get("can_cu_co_loi", [])), multiples)


def bonus_for(reg) -> Bonus:
    return bonus_at(reg.year, reg.root or REGISTERS_DIR)


def bonus_at(year: int, root: Path = REGISTERS_DIR) -> Bonus:
    """The year's bonus table: the set in force's factors, the lương cơ sở at the year's date, the step."""
    rules = rule_set_at(year, root)
    settings, at = own_settings(year, root)
    own = settings.get("tien_thuong", {})
    missing, problems = [], []
    date = own.get("ngay_tinh_luong_co_so", "")
    if date == "":
        missing.append("ngày tính lương cơ sở")
        date = None
    elif not isinstance(date, dt.date):
        problems.append(f"{at.at(('tien_thuong', 'ngay_tinh_luong_co_so'), '[tien_thuong]')}: "
                        "ngay_tinh_luong_co_so là ngày dạng năm-tháng-ngày (không có ngoặc kép), hoặc \"\".")
        date = None
    step = own.get("buoc_lam_tron", "")
    if step == "":
        missing.append("bước làm tròn tiền thưởng")
        step = None
    elif isinstance(step, bool) or not isinstance(step, int) or step < 1:
        problems.append(f"{at.at(('tien_thuong', 'buoc_lam_tron'), '[tien_thuong]')}: "
                        "buoc_lam_tron là số đồng nguyên dương, ví dụ 1000 (1 = không làm tròn), hoặc \"\".")
        step = None
    base, source = None, ""
    if date is not None:
        table = _read(root / LAW_FOLDER / BASE_PAY_FILE).get("muc", [])
        known = sorted((m for m in table if isinstance(m.get("tu_ngay"), dt.date) and m["tu_ngay"] <= date),
                       key=lambda m: m["tu_ngay"])
        if known:
            base, source = int(known[-1]["so_tien"]), str(known[-1].get("can_cu", ""))
        else:
            missing.append(f"mức lương cơ sở tại ngày {date:%d/%m/%Y} (registers/{LAW_FOLDER}/{BASE_PAY_FILE})")
    if problems:
        raise RegisterError(problems)
    return Bonus(base, date, source, step, dict(rules.factors), tuple(missing), at.bonus_block,
                 dict(rules.multiples))


def still_to_check(root: Path, year: int) -> list[str]:
    """What ``new-year`` tells the council about the law of the new year: the rule set its date
    chooses, the changes not applied until confirmed, what is unverified, the bonus parameters
    still empty (or why the year's law file cannot be used)."""
    where = f"{year}/{YEAR_FILE}"
    try:
        own, at = own_settings(year, root)
        where = at.text
        law, bonus = rule_set_at(year, root), bonus_at(year, root)
    except RegisterError as exc:
        return [f"{where}: {p}" if not p.startswith(where) and ".xlsx" not in p else p for p in exc.problems]
    if at.book is None:
        places, confirm, block = "các tên ở mục [dia_phuong]", "vào xac_nhan", f"{where}, mục [tien_thuong]"
    else:
        places, confirm, block = ("các tên cấp huyện, tỉnh và cơ quan tham mưu", f"vào ô Tùy chọn đã xác nhận"
                                  f"{at.cell('xac_nhan')}", where)
    lines = [f"{where}: ngày nhận hồ sơ{at.cell('ngay_nhan_ho_so')} {law.deciding_date:%d/%m/%Y} → áp dụng {law.name} "
             f"(hiệu lực từ {law.effective:%d/%m/%Y}); kiểm tra ngày này và {places}."]
    if law.favourable:
        lines.append(f"{where}: ngày xét, quyết định{at.cell('ngay_xet')} {law.decided_on:%d/%m/%Y} → hồ sơ nhận trước "
                     f"ngày hiệu lực {law.favourable.effective:%d/%m/%Y} của {law.favourable.name}: áp dụng bộ trên, "
                     "riêng người nào quy định mới có lợi hơn thì áp dụng quy định mới (quy định chuyển tiếp); "
                     "tùy chọn chưa xác nhận thì không áp dụng, kể cả khi có lợi hơn.")
    lines += [f"{where}: chưa áp dụng (Hội đồng xác nhận thì ghi \"{o.code}\" {confirm}): {o.text}."
              for o in law.pending_options()]
    unused = set(own.get("xac_nhan", [])) - {o.code for s in (law, law.favourable) if s for o in s.options}
    lines += [f"{where}: tùy chọn {c} đã xác nhận nhưng không thuộc bộ quy định áp dụng cho năm: không dùng."
              for c in sorted(unused)]
    lines += [f"Chưa xác minh: {text}" for text in law.unverified]
    cells = {"ngày tính lương cơ sở": at.cell("tien_thuong", "ngay_tinh_luong_co_so"),
             "bước làm tròn tiền thưởng": at.cell("tien_thuong", "buoc_lam_tron")}
    empty = [m + cells.get(m, "") for m in bonus.missing]
    empty += [f"hệ số {code}{at.cell('tien_thuong', 'he_so', code)}" for code, f in bonus.factors.items() if f is None]
    if empty:
        lines.append(f"{block}: còn trống {', '.join(empty)} (trống thì tổng tiền thưởng ghi "
                     "\"chưa đủ tham số\" và quyết định là DỰ THẢO); xóa hệ số đã ghi cho năm trước nếu bộ quy định "
                     "mới đã có.")
    return lines
