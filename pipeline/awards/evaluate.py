"""Who is eligible for which title or commendation, criterion by criterion.

The tool proposes, the council decides: every candidate gets, for every title it was proposed for
(and those it qualifies for without being proposed, as a suggestion), each criterion's result —
``dat`` / ``khong_dat`` / ``thieu_du_lieu`` / ``can_xem_xet`` — with the values used and the cell
they came from, and an overall result. Ratings are inputs; the tool never rates anyone. Collective
rules use this run's individual results. Quotas rank candidates and say how many the council must
choose; nobody is dropped.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import pandas as pd

from pipeline.awards.layout import CATEGORIES, DISCIPLINE, HISTORY_ITEMS, INITIATIVE_LEVELS, PERSON_FORMS, PERSON_TITLES, RATINGS
from pipeline.issues import Issue, make_issue
from pipeline.registers.model import Registers
from pipeline.registers.rules import Rules
from pipeline.text import normalise_key
from pipeline.awards.validate import AwardFrames

PASS, FAIL, MISSING, COUNCIL = "dat", "khong_dat", "thieu_du_lieu", "can_xem_xet"
ELIGIBLE, NOT_ELIGIBLE = "du_dieu_kien", "khong_du_dieu_kien"
CRITERION_LABEL = {PASS: "Đạt", FAIL: "Không đạt", MISSING: "Thiếu dữ liệu", COUNCIL: "Cần Hội đồng xem xét"}
OUTCOME_LABEL = {ELIGIBLE: "Đủ điều kiện", NOT_ELIGIBLE: "Không đủ điều kiện", MISSING: "Thiếu dữ liệu",
                 COUNCIL: "Cần Hội đồng xem xét"}
OUTCOME_WORDS = {ELIGIBLE: "đủ điều kiện", NOT_ELIGIBLE: "không đủ điều kiện", MISSING: "thiếu dữ liệu",
                 COUNCIL: "cần Hội đồng xem xét"}
RATING_ORDER = list(RATINGS)            # best first
DISCIPLINE_ORDER = list(DISCIPLINE)     # "khong" first, then by severity
CIVIL_SERVANTS = ("can_bo", "cong_chuc", "vien_chuc")


@dataclass(frozen=True)
class Criterion:
    code: str
    result: str
    text: str            # why, in Vietnamese
    value: str = ""      # the values used
    source: str = ""     # "Bình xét!H12" and the file


@dataclass
class Decision:
    subject: str                  # person's name, unit name, khóm name
    kind: str                     # ca_nhan | tap_the | khom | ho_gia_dinh
    unit: str                     # unit code
    title: str                    # rule code
    proposed: bool
    criteria: list[Criterion]
    authority: str
    birth: dt.date | None = None
    file: str = ""
    outcome: str = ""
    reason: str = ""

    def settle(self) -> "Decision":
        results = {c.result for c in self.criteria}
        self.outcome = (NOT_ELIGIBLE if FAIL in results else MISSING if MISSING in results
                        else COUNCIL if COUNCIL in results else ELIGIBLE)
        shown = {NOT_ELIGIBLE: FAIL, MISSING: MISSING, COUNCIL: COUNCIL, ELIGIBLE: PASS}[self.outcome]
        parts = [c.text + (f" ({c.source})" if c.source and shown != PASS else "")
                 for c in self.criteria if c.result == shown]
        self.reason = f"{OUTCOME_LABEL[self.outcome]}: " + ("; ".join(parts) if parts else "đạt tất cả tiêu chí")
        return self


@dataclass
class AwardOutcome:
    decisions: list[Decision] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    registrations: pd.DataFrame = field(default_factory=pd.DataFrame)


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and v in ("", "None", "nan"))


def _src(frames: AwardFrames, name: str, i: int, column: str, frame: pd.DataFrame) -> str:
    cells = frames.addresses.get(name, [])
    address = cells[i].get(column, "") if i < len(cells) else ""
    return f"{frame.at[i, 'trang_tinh']}!{address}" if address else ""


def _pct(x: float) -> str:
    return f"{x * 100:.2f}".replace(".", ",") + "%"


def evaluate_awards(frames: AwardFrames, used: set[int], indicator_values: pd.DataFrame, reg: Registers,
                    rules: Rules) -> AwardOutcome:
    frames = _only_used(frames, used)
    out = AwardOutcome()
    history = _history(frames.history)
    registered = _registered(frames.registrations)
    people = frames.people
    person_results: dict[int, dict[str, Decision]] = {}
    for i in people.index:
        person_results[i] = _person(frames, i, reg, rules, history, registered, out)
    _apply_quotas(people, person_results, rules)
    for i, found in person_results.items():
        found |= _higher(frames, i, found["CSTDCS"].settle(), history, reg, rules)
        settled = [d.settle() for d in found.values()]
        out.decisions += [d for d in settled if d.proposed or d.outcome == ELIGIBLE]
    out.decisions += _collectives(frames, person_results, reg, rules)
    out.decisions += _khom(frames, indicator_values, reg, rules, out)
    out.issues += _cross_checks(people, frames.addresses.get("people", []), reg, registered, rules)
    out.registrations = _registration_table(frames, reg)
    return out


def _only_used(frames: AwardFrames, used: set[int]) -> AwardFrames:
    out = AwardFrames()
    for name in ("people", "groups", "registrations", "group_registrations", "khom", "history"):
        frame = getattr(frames, name)
        if frame.empty:
            setattr(out, name, frame)
            out.addresses[name] = []
            continue
        keep = frame["sub"].isin(used).to_numpy()
        setattr(out, name, frame[keep].reset_index(drop=True))
        out.addresses[name] = [a for a, k in zip(frames.addresses.get(name, []), keep) if k]
    return out


# ------------------------------------------------------------------------------------ people

def _history(frame: pd.DataFrame) -> dict[tuple, set[tuple[str, int]]]:
    """(name key, birth or None) -> {(item, year)}; people are also indexed by name alone."""
    out: dict[tuple, set] = {}
    for r in frame.itertuples(index=False) if not frame.empty else []:
        if _missing(getattr(r, "nam", None)) or getattr(r, "noi_dung", None) not in HISTORY_ITEMS:
            continue
        birth = r.ngay_sinh if isinstance(getattr(r, "ngay_sinh", None), dt.date) else None
        for key in ((normalise_key(r.ho_ten), birth), (normalise_key(r.ho_ten), None)):
            out.setdefault(key, set()).add((r.noi_dung, int(r.nam)))
    return out


def _history_of(history: dict, name: str, birth) -> set[tuple[str, int]] | None:
    found = history.get((normalise_key(name), birth)) if birth else None
    return found if found is not None else history.get((normalise_key(name), None))


def _registered(frame: pd.DataFrame) -> dict[tuple[str, str], list]:
    out: dict[tuple[str, str], list] = {}
    for r in frame.itertuples(index=False) if not frame.empty else []:
        out.setdefault((r.ma_don_vi, normalise_key(r.ho_ten)), []).append(r)
    return out


def _months(row, year: int) -> tuple[float | None, str]:
    if not _missing(row.get("so_thang")):
        return float(row["so_thang"]), "so_thang"
    start = row.get("ngay_bat_dau")
    if isinstance(start, dt.date):
        if start <= dt.date(year, 1, 1):
            return 12.0, "ngay_bat_dau"
        return float(12 - start.month + (1 if start.day == 1 else 0)), "ngay_bat_dau"
    return None, ""


def _person(frames: AwardFrames, i: int, reg: Registers, rules: Rules, history, registered,
            out: AwardOutcome) -> dict[str, Decision]:
    people = frames.people
    row = people.loc[i].to_dict()
    src = lambda col: _src(frames, "people", i, col, people)  # noqa: E731
    name, unit, birth = row["ho_ten"], row["ma_don_vi"], row.get("ngay_sinh")
    birth = birth if isinstance(birth, dt.date) else None
    proposed_title, proposed_form = row.get("danh_hieu"), row.get("hinh_thuc")
    rating = None if _missing(row.get("xep_loai")) else row["xep_loai"]

    def decision(code: str, proposed: bool, criteria: list[Criterion]) -> Decision:
        rule = rules.rules[code]
        return Decision(name, "ca_nhan", unit, code, proposed, criteria, rule.authority, birth, row["tep"])

    # Lao động tiên tiến
    c = []
    category = None if _missing(row.get("doi_tuong")) else row["doi_tuong"]
    if category is None:
        c.append(Criterion("doi_tuong", MISSING, "chưa ghi đối tượng", "", src("doi_tuong")))
    elif category in ("can_bo", "cong_chuc", "vien_chuc", "nguoi_lao_dong") or (
            category == "khong_chuyen_trach" and rules.param("khong_chuyen_trach_la_nguoi_lao_dong")):
        c.append(Criterion("doi_tuong", PASS, f"đối tượng {CATEGORIES[category].lower()}", CATEGORIES[category], src("doi_tuong")))
    elif category == "luc_luong_vu_trang":
        c.append(Criterion("doi_tuong", COUNCIL, "lực lượng vũ trang xét danh hiệu Chiến sĩ tiên tiến theo quy định riêng",
                           CATEGORIES[category], src("doi_tuong")))
    else:
        c.append(Criterion("doi_tuong", FAIL, f"{CATEGORIES[category].lower()} không thuộc đối tượng xét Lao động tiên tiến",
                           CATEGORIES[category], src("doi_tuong")))
    allowed = list(rules.param("ldtt_xep_loai") or [])
    if rating is None:
        c.append(Criterion("xep_loai", MISSING, "chưa có xếp loại chất lượng", "", src("xep_loai")))
    elif rating in allowed:
        c.append(Criterion("xep_loai", PASS, f"xếp loại {rating}", rating, src("xep_loai")))
    else:
        lowest = max(allowed, key=RATING_ORDER.index) if allowed else "?"
        c.append(Criterion("xep_loai", FAIL, f"xếp loại {rating}, cần {lowest} trở lên", rating, src("xep_loai")))
    solidarity = row.get("doan_ket")
    if _missing(solidarity):
        c.append(Criterion("doan_ket", MISSING, "chưa đánh giá tinh thần tự lực, đoàn kết", "", src("doan_ket")))
    else:
        ok = solidarity == "co"
        c.append(Criterion("doan_ket", PASS if ok else FAIL,
                           "có tinh thần tự lực, đoàn kết" if ok else "không đạt yêu cầu tự lực, đoàn kết, tích cực thi đua",
                           "Có" if ok else "Không", src("doan_ket")))
    months, how = _months(row, reg.year)
    minimum = rules.param("ldtt_so_thang_toi_thieu")
    if months is None:
        c.append(Criterion("thoi_gian", MISSING, "chưa ghi ngày bắt đầu công tác hoặc số tháng công tác", "",
                           src("ngay_bat_dau")))
    else:
        ok = months >= minimum
        c.append(Criterion("thoi_gian", PASS if ok else FAIL,
                           f"công tác {months:.0f} tháng trong năm" + ("" if ok else f", cần từ {minimum} tháng"),
                           f"{months:.0f} tháng", src(how)))
    discipline = row.get("ky_luat") if not _missing(row.get("ky_luat")) else "khong"
    threshold = _discipline_code(rules.param("discipline_blocks_ldtt_from"))
    if discipline in DISCIPLINE_ORDER and discipline != "khong" and threshold and \
            DISCIPLINE_ORDER.index(discipline) >= DISCIPLINE_ORDER.index(threshold):
        when = row.get("ngay_ky_luat")
        when = f" ngày {when:%d/%m/%Y}" if isinstance(when, dt.date) else ""
        c.append(Criterion("ky_luat", FAIL, f"bị kỷ luật {DISCIPLINE[discipline].lower()}{when}",
                           DISCIPLINE[discipline], src("ky_luat")))
    else:
        c.append(Criterion("ky_luat", PASS, "không bị kỷ luật trong năm", DISCIPLINE.get(discipline, ""), src("ky_luat")))
    regs = registered.get((unit, normalise_key(name)), [])
    is_registered = any(not _missing(r.danh_hieu) and r.danh_hieu != "khong" for r in regs)
    if rules.param("registration_required"):
        c.append(Criterion("dang_ky", PASS if is_registered else FAIL,
                           "đã đăng ký thi đua" if is_registered else "không đăng ký thi đua (bắt buộc theo tham số)"))
    else:
        c.append(Criterion("dang_ky", PASS, "đã đăng ký thi đua" if is_registered else
                           "chưa đăng ký thi đua (không bắt buộc)"))
    proposes_ldtt = proposed_title in ("LDTT", "CSTDCS", "CSTD_TINH")
    found = {"LDTT": decision("LDTT", proposes_ldtt, c)}
    ldtt = found["LDTT"].settle()

    # Chiến sĩ thi đua cơ sở
    initiatives = 0 if _missing(row.get("so_sang_kien")) else int(row["so_sang_kien"])
    level = None if _missing(row.get("cap_sang_kien")) else row["cap_sang_kien"]
    research = row.get("de_tai") == "co"
    c2 = [Criterion("ldtt", {ELIGIBLE: PASS, NOT_ELIGIBLE: FAIL}.get(ldtt.outcome, ldtt.outcome),
                    f"Lao động tiên tiến: {OUTCOME_WORDS[ldtt.outcome]}")]
    merits = []
    if rating == "HTXSNV":
        merits.append("xếp loại HTXSNV")
    if initiatives > 0 and level in INITIATIVE_LEVELS:
        merits.append(f"{initiatives} sáng kiến {INITIATIVE_LEVELS[level].lower()}")
    if research:
        merits.append("đề tài khoa học được nghiệm thu")
    if merits:
        c2.append(Criterion("thanh_tich", PASS, ", ".join(merits), "; ".join(merits), src("xep_loai")))
    elif rating is None or (initiatives > 0 and level is None):
        c2.append(Criterion("thanh_tich", MISSING, "thiếu xếp loại hoặc cấp công nhận sáng kiến", "", src("cap_sang_kien")))
    else:
        c2.append(Criterion("thanh_tich", FAIL, f"xếp loại {rating}, không có sáng kiến hay đề tài được công nhận",
                            rating, src("xep_loai")))
    found["CSTDCS"] = decision("CSTDCS", proposed_title in ("CSTDCS", "CSTD_TINH"), c2)
    found["CSTDCS"].settle()

    if proposed_form == "GK_PHUONG":
        text = row.get("thanh_tich")
        c3 = [Criterion("thanh_tich", COUNCIL if not _missing(text) else MISSING,
                        f"thành tích: \"{text}\"; tiêu chuẩn Giấy khen do tỉnh quy định" if not _missing(text)
                        else "chưa ghi nội dung thành tích", "" if _missing(text) else text, src("thanh_tich")),
              Criterion("mot_hinh_thuc", PASS, "một thành tích, một hình thức khen thưởng")]
        found["GK_PHUONG"] = decision("GK_PHUONG", True, c3)
    return found


def _higher(frames: AwardFrames, i: int, cstdcs: Decision, history, reg: Registers, rules: Rules) -> dict[str, Decision]:
    """Bằng khen of the provincial chairman and Chiến sĩ thi đua cấp tỉnh: this year's CSTĐCS
    (after any quota) and the consecutive years in the history."""
    row = frames.people.loc[i].to_dict()
    rating = None if _missing(row.get("xep_loai")) else row["xep_loai"]
    initiatives = 0 if _missing(row.get("so_sang_kien")) else int(row["so_sang_kien"])
    level = None if _missing(row.get("cap_sang_kien")) else row["cap_sang_kien"]
    past = _history_of(history, row["ho_ten"], cstdcs.birth)

    def decision(code: str, proposed: bool, criteria: list[Criterion]) -> Decision:
        return Decision(row["ho_ten"], "ca_nhan", row["ma_don_vi"], code, proposed, criteria,
                        rules.rules[code].authority, cstdcs.birth, row["tep"])

    return {"BK_TINH": decision("BK_TINH", row.get("hinh_thuc") == "BK_TINH",
                                [_bk_chain(cstdcs, rating, initiatives, level, past, reg.year, rules)]),
            "CSTD_TINH": decision("CSTD_TINH", row.get("danh_hieu") == "CSTD_TINH",
                                  _cstd_tinh(cstdcs, level, past, reg.year, rules))}


def _discipline_code(label) -> str | None:
    if not label:
        return None
    key = normalise_key(label)
    return next((code for code, text in DISCIPLINE.items() if normalise_key(text) == key or code == label), None)


def _chain(past: set | None, item: str, years: list[int]) -> tuple[str, list[int]]:
    """PASS when every year has the item; MISSING when there is no history at all; else FAIL
    with the years lacking (a missing year breaks the chain)."""
    if past is None:
        return MISSING, years
    lacking = [y for y in years if (item, y) not in past]
    return (PASS if not lacking else FAIL), lacking


def _bk_chain(cstdcs: Decision, rating, initiatives: int, level, past, year: int, rules: Rules) -> Criterion:
    """Art 74.1.d: n consecutive years CSTĐCS (ending this year), or n consecutive years HTXSNV
    with k initiatives recognised in them. The earlier years come from the history; a year
    without an entry breaks the chain; no history at all is missing data."""
    n_cstd, n_htxs, n_sk = (rules.param("bang_khen_so_nam_cstdcs"), rules.param("bang_khen_so_nam_htxs"),
                            rules.param("bang_khen_so_sang_kien"))
    earlier = lambda n: list(range(year - n + 1, year))  # noqa: E731
    if past is None:
        return Criterion("chuoi_nam", MISSING, "không có lịch sử khen thưởng các năm trước")
    count = initiatives + sum(1 for item, y in past if item in ("SK_CO_SO", "SK_TINH") and y in earlier(n_htxs))
    if rating == "HTXSNV" and _chain(past, "HTXSNV", earlier(n_htxs))[0] == PASS and count >= n_sk:
        return Criterion("chuoi_nam", PASS, f"{n_htxs} năm liên tục HTXSNV với {count} sáng kiến")
    state, lacking = _chain(past, "CSTDCS", earlier(n_cstd))
    other = f"; không đủ {n_htxs} năm liên tục HTXSNV với {n_sk} sáng kiến"
    if state == FAIL:
        return Criterion("chuoi_nam", FAIL, f"chuỗi Chiến sĩ thi đua cơ sở bị ngắt năm {', '.join(map(str, lacking))}"
                         + other)
    span = f"{n_cstd} năm liên tục Chiến sĩ thi đua cơ sở ({year - n_cstd + 1}-{year})"
    if cstdcs.outcome == ELIGIBLE:
        return Criterion("chuoi_nam", PASS, span)
    if cstdcs.outcome == COUNCIL:
        return Criterion("chuoi_nam", COUNCIL, f"Chiến sĩ thi đua cơ sở các năm trước đủ; năm {year} chờ Hội đồng "
                         "xem xét")
    if cstdcs.outcome == MISSING:
        return Criterion("chuoi_nam", MISSING, f"Chiến sĩ thi đua cơ sở năm {year}: thiếu dữ liệu")
    return Criterion("chuoi_nam", FAIL, f"năm {year} không đạt Chiến sĩ thi đua cơ sở" + other)


def _cstd_tinh(cstdcs: Decision, level, past, year: int, rules: Rules) -> list[Criterion]:
    """Art 22: n consecutive CSTĐCS ending this year, and an initiative with province-wide effect."""
    n = rules.param("cstd_tinh_so_nam")
    years = list(range(year - n + 1, year))
    if past is None:
        chain = Criterion("chuoi_cstdcs", MISSING, "không có lịch sử khen thưởng các năm trước")
    else:
        state, lacking = _chain(past, "CSTDCS", years)
        if state == FAIL:
            chain = Criterion("chuoi_cstdcs", FAIL, "chuỗi Chiến sĩ thi đua cơ sở bị ngắt năm " + ", ".join(map(str, lacking)))
        elif cstdcs.outcome == ELIGIBLE:
            chain = Criterion("chuoi_cstdcs", PASS, f"{n} lần liên tục Chiến sĩ thi đua cơ sở ({year - n + 1}-{year})")
        else:
            state = {NOT_ELIGIBLE: FAIL}.get(cstdcs.outcome, cstdcs.outcome)
            chain = Criterion("chuoi_cstdcs", state, f"Chiến sĩ thi đua cơ sở các năm trước đủ; năm {year}: "
                              f"{OUTCOME_WORDS[cstdcs.outcome]}")
    province = level == "tinh" or any(item == "SK_TINH" and y in years for item, y in (past or set()))
    initiative = Criterion("sang_kien_tinh", PASS if province else (MISSING if past is None and level is None else FAIL),
                           "có sáng kiến phạm vi cấp tỉnh" if province else "không có sáng kiến phạm vi cấp tỉnh")
    return [chain, initiative]


def _apply_quotas(people: pd.DataFrame, results: dict[int, dict[str, Decision]], rules: Rules) -> None:
    """Rank candidates over a unit's quota; the council chooses, nobody is dropped."""
    ratio_ldtt, ratio_cstd = rules.param("ldtt_max_ratio"), rules.param("cstdcs_max_ratio_of_ldtt")
    for unit in (people["ma_don_vi"].unique() if not people.empty else []):
        mine = [i for i in people.index if people.at[i, "ma_don_vi"] == unit]
        ldtt = [i for i in mine if results[i]["LDTT"].settle().outcome == ELIGIBLE]
        if ratio_ldtt is not None:
            cap = math.floor(float(ratio_ldtt) * len(mine))
            _rank(people, results, ldtt, "LDTT", cap, f"tỷ lệ tối đa {_pct(float(ratio_ldtt))} × {len(mine)} người")
        else:
            _set_criterion(results, ldtt, "LDTT", Criterion("ty_le", PASS, "không giới hạn tỷ lệ"))
        cstd = [i for i in mine if results[i]["CSTDCS"].settle().outcome == ELIGIBLE]
        if ratio_cstd is not None:
            cap = math.floor(float(ratio_cstd) * len(ldtt))
            _rank(people, results, cstd, "CSTDCS", cap,
                  f"tỷ lệ tối đa {_pct(float(ratio_cstd))} × {len(ldtt)} Lao động tiên tiến")
        else:
            _set_criterion(results, cstd, "CSTDCS", Criterion("ty_le", PASS, "không giới hạn tỷ lệ"))


def _set_criterion(results, members: list[int], title: str, criterion: Criterion) -> None:
    for i in members:
        results[i][title].criteria.append(criterion)


def _merit_group(row) -> int:
    """CSTĐCS ranking: HTXSNV with an initiative, then HTXSNV, then an initiative or research only."""
    htxs = row["xep_loai"] == "HTXSNV"
    initiative = (not _missing(row.get("so_sang_kien")) and row["so_sang_kien"] > 0) or row.get("de_tai") == "co"
    return 1 if htxs and initiative else 2 if htxs else 3


def _rank(people, results, members: list[int], title: str, cap: int, rule_text: str) -> None:
    if len(members) <= cap:
        _set_criterion(results, members, title, Criterion("ty_le", PASS, f"trong {rule_text} = {cap}"))
        return
    groups = {i: (_merit_group(people.loc[i]) if title == "CSTDCS" else RATING_ORDER.index(people.at[i, "xep_loai"]))
              for i in members}
    order = sorted(set(groups.values()))
    for i in members:
        rank = 1 + sum(1 for j in members if order.index(groups[j]) < order.index(groups[i]))
        tied = sum(1 for j in members if groups[j] == groups[i])
        note = (f"vượt tỷ lệ: {len(members)} người đủ tiêu chuẩn, {rule_text} = {cap}; Hội đồng chọn {cap} "
                f"trong {len(members)}; xếp hạng {rank}" + (f" (đồng hạng {tied} người)" if tied > 1 else ""))
        results[i][title].criteria.append(Criterion("ty_le", COUNCIL, note))


# ------------------------------------------------------------------------------------ collectives

def _collectives(frames: AwardFrames, person_results, reg: Registers, rules: Rules) -> list[Decision]:
    out = []
    groups, people = frames.groups, frames.people
    for i in groups.index if not groups.empty else []:
        g = groups.loc[i].to_dict()
        unit = g["ma_don_vi"]
        src = lambda col: _src(frames, "groups", i, col, groups)  # noqa: E731
        members = [j for j in people.index if people.at[j, "ma_don_vi"] == unit]
        ldtt = [person_results[j]["LDTT"].outcome for j in members]
        cstd = [person_results[j]["CSTDCS"].outcome for j in members]
        rating = None if _missing(g.get("xep_loai_tap_the")) else g["xep_loai_tap_the"]
        movement = _yes_no(g.get("phong_trao"), "phong_trao", "phong trào thi đua", src("phong_trao"))
        solidarity = _yes_no(g.get("doan_ket_tap_the"), "doan_ket", "nội bộ đoàn kết, chấp hành pháp luật",
                             src("doan_ket_tap_the"))
        n = len(members)
        proposed = g.get("dh_tap_the")

        def share(threshold: float, strict: bool, code: str) -> Criterion:
            if n == 0:
                return Criterion(code, MISSING, "chưa có danh sách bình xét cá nhân của đơn vị")
            sure = ldtt.count(ELIGIBLE)
            maybe = sure + sum(1 for o in ldtt if o in (MISSING, COUNCIL))
            ok = (lambda k: k / n > threshold) if strict else (lambda k: k / n >= threshold)
            sign = "trên" if strict else "từ"
            text = f"{sure}/{n} cá nhân đạt Lao động tiên tiến ({_pct(sure / n)}), cần {sign} {_pct(threshold)}"
            if ok(sure):
                return Criterion(code, PASS, text, f"{sure}/{n}")
            return Criterion(code, MISSING if ok(maybe) else FAIL, text, f"{sure}/{n}")

        c = [_rating_criterion(rating, ("HTXSNV", "HTTNV"), src("xep_loai_tap_the")), movement, solidarity,
             share(float(rules.param("ttldtt_ty_le_ldtt")), True, "ty_le_ldtt")]
        if rules.param("ttldtt_khong_ky_luat_tu_canh_cao"):
            severe = [people.at[j, "ho_ten"] for j in members if people.at[j, "ky_luat"] in DISCIPLINE_ORDER
                      and DISCIPLINE_ORDER.index(people.at[j, "ky_luat"]) >= DISCIPLINE_ORDER.index("canh_cao")]
            c.append(Criterion("ky_luat", FAIL if severe else PASS,
                               ("có cá nhân bị kỷ luật từ cảnh cáo: " + ", ".join(severe)) if severe
                               else "không có cá nhân bị kỷ luật từ cảnh cáo trở lên"))
        unit_name = reg.unit(unit).name
        authority = rules.rules["TTLDTT"].authority
        ttldtt = Decision(unit_name, "tap_the", unit, "TTLDTT", proposed in ("TTLDTT", "TTLDXS"), c, authority,
                          file=g["tep"]).settle()
        if ttldtt.proposed or ttldtt.outcome == ELIGIBLE:
            out.append(ttldtt)
        ratings = [None if _missing(people.at[j, "xep_loai"]) else people.at[j, "xep_loai"] for j in members]
        done = [r for r in ratings if r in ("HTXSNV", "HTTNV", "HTNV")]
        if n == 0 or None in ratings:
            complete = Criterion("hoan_thanh", MISSING, "chưa đủ xếp loại của các cá nhân")
        else:
            complete = Criterion("hoan_thanh", PASS if len(done) == n else FAIL,
                                 f"{len(done)}/{n} cá nhân hoàn thành nhiệm vụ trở lên", f"{len(done)}/{n}")
        has_cstd = cstd.count(ELIGIBLE)
        c2 = [_rating_criterion(rating, ("HTXSNV",), src("xep_loai_tap_the")), movement, complete,
              share(float(rules.param("ttldxs_ty_le_ldtt")), False, "ty_le_ldtt"),
              Criterion("co_cstdcs", PASS if has_cstd else COUNCIL if COUNCIL in cstd else MISSING if MISSING in cstd
                        else FAIL,
                        f"{has_cstd} cá nhân đạt Chiến sĩ thi đua cơ sở"
                        + (f", {cstd.count(COUNCIL)} người chờ Hội đồng xem xét" if COUNCIL in cstd else ""),
                        str(has_cstd)),
              solidarity]
        ttldxs = Decision(unit_name, "tap_the", unit, "TTLDXS", proposed == "TTLDXS", c2,
                          rules.rules["TTLDXS"].authority, file=g["tep"]).settle()
        if ttldxs.proposed or ttldxs.outcome == ELIGIBLE:
            out.append(ttldxs)
        if g.get("ht_tap_the") == "GK_PHUONG_TT":
            text = g.get("thanh_tich_tap_the")
            c3 = [Criterion("thanh_tich", MISSING if _missing(text) else COUNCIL,
                            "chưa ghi thành tích của tập thể" if _missing(text)
                            else f"thành tích: \"{text}\"; tiêu chuẩn Giấy khen do tỉnh quy định",
                            "" if _missing(text) else text, src("thanh_tich_tap_the"))]
            out.append(Decision(unit_name, "tap_the", unit, "GK_PHUONG_TT", True, c3,
                                rules.rules["GK_PHUONG_TT"].authority, file=g["tep"]).settle())
    return out


def _rating_criterion(rating, allowed: tuple, source: str) -> Criterion:
    if rating is None:
        return Criterion("xep_loai", MISSING, "chưa có xếp loại tập thể", "", source)
    if rating in allowed:
        return Criterion("xep_loai", PASS, f"tập thể xếp loại {rating}", rating, source)
    return Criterion("xep_loai", FAIL, f"tập thể xếp loại {rating}, cần {allowed[-1]} trở lên", rating, source)


def _yes_no(value, code: str, what: str, source: str) -> Criterion:
    if _missing(value):
        return Criterion(code, MISSING, f"chưa đánh giá {what}", "", source)
    return Criterion(code, PASS if value == "co" else FAIL, f"{what}: {'có' if value == 'co' else 'không'}",
                     "Có" if value == "co" else "Không", source)


# ------------------------------------------------------------------------------------ khóm

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


def indicator_figure(values: pd.DataFrame, unit: str, target: str, column: str, period: str = "ca_nam") -> float | None:
    if values.empty:
        return None
    mine = values[(values["ma_don_vi"] == unit) & (values["ma_chi_tieu"] == target) & (values["ky"] == period)]
    if mine.empty or pd.isna(mine.iloc[0][column]):
        return None
    return float(mine.iloc[0][column])


def _khom(frames: AwardFrames, values: pd.DataFrame, reg: Registers, rules: Rules, out: AwardOutcome) -> list[Decision]:
    decisions = []
    forms = frames.khom
    for unit in reg.khom:
        match = forms.index[forms["ma_don_vi"] == unit.code].tolist() if not forms.empty else []
        households = indicator_figure(values, unit.code, "CT05", "mau_so")
        gdvh = indicator_figure(values, unit.code, "CT29", "so_hien_tai")
        if not match:
            missing = Criterion("so_lieu", MISSING, "khóm chưa nộp biểu tự đánh giá khóm văn hóa")
            decisions.append(Decision(unit.name, "khom", unit.code, "KHOM_VH", False, [missing],
                                      rules.rules["KHOM_VH"].authority).settle())
            decisions.append(Decision(unit.name, "ho_gia_dinh", unit.code, "GDVH", False, [missing],
                                      rules.rules["GDVH"].authority).settle())
            continue
        i = match[0]
        f = forms.loc[i].to_dict()
        src = lambda col: _src(frames, "khom", i, col, forms)  # noqa: E731
        ratios = {
            "tỷ lệ hộ gia đình văn hóa": (gdvh, households),
            "tỷ lệ hộ nghèo": (indicator_figure(values, unit.code, "CT24", "so_hien_tai"), households),
            "tỷ lệ người có việc làm": (indicator_figure(values, unit.code, "CT22", "tu_so"),
                                        indicator_figure(values, unit.code, "CT22", "mau_so")),
            "tỷ lệ trẻ đi học": (_num(f.get("so_tre_di_hoc")), _num(f.get("so_tre_do_tuoi"))),
            "tỷ lệ hộ thực hiện nếp sống văn minh": (_num(f.get("so_ho_nep_song")), households),
        }
        c = [_yes_no(f.get(col), code, what, src(col)) for code, col, what in CRITERIA_FIELDS]
        c.append(_thresholds(ratios, rules))
        decisions.append(Decision(unit.name, "khom", unit.code, "KHOM_VH", f.get("de_nghi") == "co", c,
                                  rules.rules["KHOM_VH"].authority, file=f["tep"]).settle())
        evaluated = _num(f.get("so_ho_binh_xet"))
        if evaluated is None or gdvh is None:
            g = Criterion("so_lieu", MISSING, "thiếu số hộ được bình xét (biểu khóm văn hóa) hoặc số hộ gia đình văn hóa "
                          "(báo cáo chỉ tiêu cả năm, CT29)", "", src("so_ho_binh_xet"))
        else:
            share = f", {_pct(gdvh / households)} tổng số {households:.0f} hộ" if households else ""
            g = Criterion("so_lieu", COUNCIL, f"khóm đề nghị công nhận {gdvh:.0f}/{evaluated:.0f} hộ được bình xét{share}; "
                          "Chủ tịch UBND phường quyết định theo danh sách của khóm",
                          f"{gdvh:.0f}/{evaluated:.0f}", src("so_ho_binh_xet"))
            if gdvh > evaluated:
                out.issues.append(make_issue("SO_HO_VUOT_BINH_XET", file=f["tep"], sheet=f["trang_tinh"],
                                             cell=frames.addresses["khom"][i].get("so_ho_binh_xet", ""),
                                             value=f"{gdvh:.0f}", expected=f"{evaluated:.0f}", unit=unit.code))
        decisions.append(Decision(unit.name, "ho_gia_dinh", unit.code, "GDVH", True, [g],
                                  rules.rules["GDVH"].authority, file=f["tep"]).settle())
    return decisions


def _num(v) -> float | None:
    return None if _missing(v) else float(v)


def _thresholds(ratios: dict, rules: Rules) -> Criterion:
    shown, failed, unknown, unset = [], [], [], []
    for label, param, side in KHOM_THRESHOLDS:
        top, bottom = ratios[label]
        value = top / bottom if top is not None and bottom else None
        shown.append(f"{label} {_pct(value) if value is not None else 'chưa có số liệu'}")
        limit = rules.param(param)
        if limit is None:
            unset.append(label)
        elif value is None:
            unknown.append(label)
        elif (side == "min" and value * 100 < float(limit)) or (side == "max" and value * 100 > float(limit)):
            failed.append(f"{label} {_pct(value)} {'dưới' if side == 'min' else 'trên'} ngưỡng {limit}%")
    values = "; ".join(shown)
    if failed:
        return Criterion("nguong", FAIL, "; ".join(failed), values)
    if unknown:
        return Criterion("nguong", MISSING, "chưa có số liệu để tính " + ", ".join(unknown), values)
    if unset:
        return Criterion("nguong", COUNCIL, f"tỉnh chưa quy định ngưỡng; các tỷ lệ: {values}", values)
    return Criterion("nguong", PASS, "các tỷ lệ đạt ngưỡng", values)


# ------------------------------------------------------------------------------------ cross checks

def _cross_checks(people: pd.DataFrame, addresses: list[dict], reg: Registers, registered, rules: Rules) -> list[Issue]:
    issues: list[Issue] = []
    if people.empty:
        return issues

    def at(i: int, column: str = "ho_ten") -> dict:
        return {"file": people.at[i, "tep"], "sheet": people.at[i, "trang_tinh"], "unit": people.at[i, "ma_don_vi"],
                "cell": addresses[i].get(column, "") if i < len(addresses) else ""}
    names = {u.code: u.name for u in reg.units}
    by_person: dict[tuple, list[int]] = {}
    for i in people.index:
        birth = people.at[i, "ngay_sinh"] if "ngay_sinh" in people and isinstance(people.at[i, "ngay_sinh"], dt.date) else None
        by_person.setdefault((normalise_key(people.at[i, "ho_ten"]), birth), []).append(i)
    for (key, birth), rows in by_person.items():
        units = sorted({people.at[i, "ma_don_vi"] for i in rows})
        if len(units) > 1:
            for i in rows:
                issues.append(make_issue("NGUOI_HAI_DON_VI", **at(i), column="Họ và tên", value=people.at[i, "ho_ten"],
                                         detail=", ".join(names[u] for u in units)))
        forms = {people.at[i, "hinh_thuc"] for i in rows} - {None, "None", "khong"}
        if len(forms) > 1:
            issues.append(make_issue("THANH_TICH_HAI_HINH_THUC", **at(rows[0], "hinh_thuc"), column="Hình thức khen thưởng đề nghị",
                                     detail=f"{people.at[rows[0], 'ho_ten']}: " + ", ".join(PERSON_FORMS[f] for f in sorted(forms))))
    texts: dict[str, list[int]] = {}
    for i in people.index:
        text = people.at[i, "thanh_tich"] if "thanh_tich" in people else None
        if not _missing(text) and people.at[i, "hinh_thuc"] not in (None, "None", "khong"):
            texts.setdefault(normalise_key(text), []).append(i)
    for rows in texts.values():
        if len(rows) > 1:
            who = ", ".join(f"{people.at[i, 'ho_ten']} ({PERSON_FORMS.get(people.at[i, 'hinh_thuc'], '')})" for i in rows)
            for i in rows:
                issues.append(make_issue("THANH_TICH_HAI_HINH_THUC", **at(i, "thanh_tich"), column="Thành tích",
                                         detail=f"cùng nội dung thành tích cho {who}"))
    if not rules.param("registration_required"):
        for i in people.index:
            title = people.at[i, "danh_hieu"]
            if title in PERSON_TITLES and title != "khong":
                regs = registered.get((people.at[i, "ma_don_vi"], normalise_key(people.at[i, "ho_ten"])), [])
                if not any(not _missing(r.danh_hieu) and r.danh_hieu != "khong" for r in regs):
                    issues.append(make_issue("CHUA_DANG_KY", **at(i), column="Họ và tên", value=people.at[i, "ho_ten"],
                                             detail=PERSON_TITLES[title]))
    return issues


# ------------------------------------------------------------------------------------ registration list

def _registration_table(frames: AwardFrames, reg: Registers) -> pd.DataFrame:
    from pipeline.awards.layout import GROUP_FORMS, GROUP_TITLES, KHOM_TITLES
    records = []
    names = {u.code: u.name for u in reg.units}
    for r in frames.group_registrations.itertuples(index=False) if not frames.group_registrations.empty else []:
        title = getattr(r, "dh_tap_the", None)
        form = getattr(r, "ht_tap_the", None)
        records.append({"doi_tuong": names[r.ma_don_vi], "loai": "khom" if reg.unit(r.ma_don_vi).is_khom else "tap_the",
                        "don_vi": r.ma_don_vi, "ten_don_vi": names[r.ma_don_vi],
                        "danh_hieu": {**GROUP_TITLES, **KHOM_TITLES}.get(title, "" if _missing(title) else title),
                        "hinh_thuc": GROUP_FORMS.get(form, "" if _missing(form) else form),
                        "chuc_vu": "", "ngay_sinh": "", "tep": r.tep})
    for r in frames.registrations.itertuples(index=False) if not frames.registrations.empty else []:
        birth = r.ngay_sinh if isinstance(r.ngay_sinh, dt.date) else None
        records.append({"doi_tuong": r.ho_ten, "loai": "ca_nhan", "don_vi": r.ma_don_vi,
                        "ten_don_vi": names[r.ma_don_vi],
                        "danh_hieu": PERSON_TITLES.get(r.danh_hieu, "" if _missing(r.danh_hieu) else r.danh_hieu),
                        "hinh_thuc": PERSON_FORMS.get(r.hinh_thuc, "" if _missing(r.hinh_thuc) else r.hinh_thuc),
                        "chuc_vu": "" if _missing(r.chuc_vu) else r.chuc_vu,
                        "ngay_sinh": birth.isoformat() if birth else "", "tep": r.tep})
    order = {u.code: i for i, u in enumerate(reg.units)}
    records.sort(key=lambda x: (order.get(x["don_vi"], 99), x["loai"] != "tap_the" and x["loai"] != "khom"))
    return pd.DataFrame.from_records(records, columns=["doi_tuong", "loai", "don_vi", "ten_don_vi", "danh_hieu",
                                                       "hinh_thuc", "chuc_vu", "ngay_sinh", "tep"])
