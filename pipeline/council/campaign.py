"""Campaign commendations (khen thưởng theo đợt, chuyên đề): the units' filled proposals checked
row by row and turned into candidates for the council, one Giấy khen of the ward chairman each,
grouped under their campaign. The tool finds no criteria to check beyond a stated achievement:
every proposal is "cần Hội đồng xem xét", and the council decides."""

from __future__ import annotations

from pipeline.awards.criteria import COUNCIL, Criterion, Decision
from pipeline.council.campaign_layout import ALIASES, COLUMNS, HOUSEHOLD, KEY_HEADING, KINDS, TITLES
from pipeline.council.campaign_template import campaign_deadline
from pipeline.intake.parse import parse_date
from pipeline.issues import Issue, make_issue
from pipeline.text import clean_text, normalise_key, plain_key

HEADINGS = {k: h for k, h, _, _ in COLUMNS}


def campaign_of(reg, cell) -> dict | None:
    """The campaign named in the header (by its name or its code)."""
    wanted = plain_key(cell.value) if cell is not None and cell.value is not None else ""
    return next((p for p in reg.emulation_phases if wanted and wanted in (plain_key(p["ten"]), plain_key(p["ma"]))), None)


def campaign_decisions(results: list, reg, rules) -> tuple[list[Decision], list[Issue], dict[int, tuple[str, str, str]]]:
    """The candidates of the proposals, their issues, and for each candidate (by ``id``) the sheet and
    cell that name it and the position its row gives (a household has none)."""
    decisions: list[Decision] = []
    issues: list[Issue] = []
    seen: dict[tuple, str] = {}
    places: dict[int, tuple[str, str, str]] = {}
    for res in results:
        issues += res.issues
        sub = res.submission
        if sub is None or not sub.readable:
            continue
        where = {"file": sub.file, "sheet": sub.sheet, "unit": sub.identity_unit}
        head = sub.header.get("dot")
        phase = campaign_of(reg, head)
        if phase is None:
            issues.append(make_issue("DOT_THI_DUA_KHONG_CO", **where, cell=head.address if head else "",
                                     column="Đợt thi đua", value=clean_text(head.value) if head else "(trống)",
                                     expected="; ".join(f"\"{p['ten']}\"" for p in reg.emulation_phases)))
            continue
        issues += _late(sub, phase, where)
        for row in sub.rows:
            d = _row(row, phase, sub, where, reg, rules, issues)
            if d is None:
                continue
            key = (d.campaign, d.unit, normalise_key(d.subject), d.birth)
            if key in seen:
                issues.append(make_issue("TRUONG_HOP_TRUNG", **where, cell=row.cells["ten"].address,
                                         column=KEY_HEADING, value=d.subject, expected=seen[key]))
                continue
            seen[key] = row.cells["ten"].address
            position = clean_text(row.cells["chuc_vu"].value) if "chuc_vu" in row.cells and d.kind != KINDS[HOUSEHOLD] else ""
            places[id(d)] = (sub.sheet, row.cells["ten"].address, position)
            decisions.append(d)
    return decisions, issues, places


def _late(sub, phase: dict, where: dict) -> list[Issue]:
    cell = sub.header.get("ngay_lap")
    deadline = campaign_deadline(phase)
    if cell is None or cell.value is None:
        return []
    date = parse_date(cell.value)
    if date is None:
        return [make_issue("NGAY_KHONG_DOC_DUOC", **where, cell=cell.address, column="Ngày lập",
                           value=clean_text(cell.value))]
    if deadline and date > deadline:
        return [make_issue("NOP_TRE_HAN", **where, cell=cell.address, column="Ngày lập", value=f"{date:%d/%m/%Y}",
                           expected=f"{deadline:%d/%m/%Y}")]
    return []


def _row(row, phase: dict, sub, where: dict, reg, rules, issues: list[Issue]) -> Decision | None:
    cells = row.cells
    name = clean_text(cells["ten"].value)
    achievement = clean_text(cells["thanh_tich"].value)
    if not name:
        issues.append(make_issue("THIEU_HO_TEN", **where, cell=cells["ten"].address, column=KEY_HEADING))
        return None
    raw = cells["loai"].value
    kind = kind_of(raw)
    if kind is None:
        issues.append(make_issue("LUA_CHON_KHONG_HOP_LE", **where, cell=cells["loai"].address,
                                 column=HEADINGS["loai"], value=clean_text(raw) or "(trống)",
                                 expected=" / ".join(f"\"{k}\"" for k in TITLES)))
        return None
    if not achievement:
        issues.append(make_issue("THIEU_THANH_TICH_DOT", **where, cell=cells["thanh_tich"].address,
                                 column=HEADINGS["thanh_tich"], value=name, detail=phase["ten"]))
        return None
    birth = None
    if cells["ngay_sinh"].value is not None:
        birth = parse_date(cells["ngay_sinh"].value)
        if birth is None:
            issues.append(make_issue("NGAY_KHONG_DOC_DUOC", **where, cell=cells["ngay_sinh"].address,
                                     column=HEADINGS["ngay_sinh"], value=clean_text(cells["ngay_sinh"].value)))
    title = TITLES[kind]
    source = f"{sub.sheet}!{cells['thanh_tich'].address}"
    criterion = Criterion("thanh_tich", COUNCIL, f"thành tích trong {phase['ten']}: {achievement}", achievement, source)
    address = ""
    if kind == HOUSEHOLD:
        name, address = household_name(name), _address(cells, sub, reg, where, issues)
    return Decision(name, KINDS[kind], sub.identity_unit, title, True, [criterion], rules.rules[title].authority,
                    birth, sub.file, campaign=phase["ma"], address=address).settle()


def kind_of(raw) -> str | None:
    """The choice of column "Cá nhân / tập thể" as chosen or typed ("ho gia dinh", "Hộ", "hộ GĐ"…)."""
    if raw is None:
        return None
    typed = "".join(c for c in plain_key(raw).replace("đ", "d") if c.isalnum())
    return next((k for k in TITLES if typed and plain_key(k).replace(" ", "") == typed), None) or ALIASES.get(typed)


def household_name(typed: str) -> str:
    """A household as decisions name it: "Hộ ông Nguyễn Văn A" (the head's name as typed, "Hộ" once).
    A leading "Hộ", "Hộ gia đình" (or "ho" before "ông"/"bà") is the word, not the surname Hồ."""
    words, plain = normalise_key(typed).split(), plain_key(typed).split()
    if plain[:3] == ["ho", "gia", "dinh"]:
        words = words[3:]
    elif plain[:1] == ["ho"] and (words[0] == "hộ" or plain[1:2] in (["ong"], ["ba"])):
        words = words[1:]
    rest = clean_text(typed).split()[len(clean_text(typed).split()) - len(words):]
    return f"Hộ {' '.join(rest)}"


def _address(cells, sub, reg, where: dict, issues: list[Issue]) -> str:
    """Where the household lives: the column "Địa chỉ", else the proposing khóm."""
    typed = clean_text(cells["dia_chi"].value) if "dia_chi" in cells else ""
    if typed:
        return typed
    unit = next((u for u in reg.units if u.code == sub.identity_unit), None)
    if unit is not None and unit.is_khom:
        return unit.name[:1].lower() + unit.name[1:]
    issues.append(make_issue("THIEU_DIA_CHI_HO", **where, cell=cells["dia_chi"].address if "dia_chi" in cells
                             else cells["ten"].address, column=HEADINGS["dia_chi"], value=clean_text(cells["ten"].value)))
    return ""
