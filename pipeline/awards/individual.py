"""Individual titles: Lao động tiên tiến, Chiến sĩ thi đua cơ sở and the commendations, each
criterion from the year-end evaluation, the registration and the history; then the higher-level
pre-screen (Bằng khen, Chiến sĩ thi đua cấp tỉnh) from this year's result and past years' chain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from pipeline.awards.criteria import (
    COUNCIL,
    DISCIPLINE_ORDER,
    ELIGIBLE,
    FAIL,
    MISSING,
    NOT_ELIGIBLE,
    OUTCOME_WORDS,
    PASS,
    RATING_ORDER,
    Criterion,
    Decision,
    cell_source,
    is_blank,
)
from pipeline.awards.layout import CATEGORIES, DISCIPLINE, INITIATIVE_LEVELS
from pipeline.awards.outcome import AwardOutcome
from pipeline.awards.validate import AwardFrames
from pipeline.registers.model import Registers
from pipeline.registers.rules import Rules
from pipeline.text import normalise_key
from pipeline.years.history import NO_HISTORY, Past, awaiting, history_index, history_of

__all__ = ["history_index", "person_decisions", "higher_decisions", "registered_index"]

def registered_index(frame: pd.DataFrame) -> dict[tuple[str, str], list]:
    out: dict[tuple[str, str], list] = {}
    for r in frame.itertuples(index=False) if not frame.empty else []:
        out.setdefault((r.ma_don_vi, normalise_key(r.ho_ten)), []).append(r)
    return out


def _months(row, year: int) -> tuple[float | None, str]:
    if not is_blank(row.get("so_thang")):
        return float(row["so_thang"]), "so_thang"
    start = row.get("ngay_bat_dau")
    if isinstance(start, dt.date):
        if start <= dt.date(year, 1, 1):
            return 12.0, "ngay_bat_dau"
        return float(12 - start.month + (1 if start.day == 1 else 0)), "ngay_bat_dau"
    return None, ""


def person_decisions(frames: AwardFrames, i: int, reg: Registers, rules: Rules, history, registered,
            out: AwardOutcome) -> dict[str, Decision]:
    people = frames.people
    row = people.loc[i].to_dict()
    src = lambda col: cell_source(frames, "people", i, col, people)  # noqa: E731
    name, unit, birth = row["ho_ten"], row["ma_don_vi"], row.get("ngay_sinh")
    birth = birth if isinstance(birth, dt.date) else None
    proposed_title, proposed_form = row.get("danh_hieu"), row.get("hinh_thuc")
    rating = None if is_blank(row.get("xep_loai")) else row["xep_loai"]

    def decision(code: str, proposed: bool, criteria: list[Criterion]) -> Decision:
        rule = rules.rules[code]
        return Decision(name, "ca_nhan", unit, code, proposed, criteria, rule.authority, birth, row["tep"])

    # Lao động tiên tiến
    c = []
    category = None if is_blank(row.get("doi_tuong")) else row["doi_tuong"]
    if category is None:
        c.append(Criterion("doi_tuong", MISSING, "chưa ghi đối tượng", "", src("doi_tuong")))
    elif category in ("can_bo", "cong_chuc", "vien_chuc", "nguoi_lao_dong") or (
            category == "khong_chuyen_trach" and rules.param("khong_chuyen_trach_la_nguoi_lao_dong")):
        c.append(Criterion("doi_tuong", PASS, f"đối tượng {CATEGORIES[category].lower()}", CATEGORIES[category],
                           src("doi_tuong")))
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
    if is_blank(solidarity):
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
    discipline = row.get("ky_luat") if not is_blank(row.get("ky_luat")) else "khong"
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
    is_registered = any(not is_blank(r.danh_hieu) and r.danh_hieu != "khong" for r in regs)
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
    initiatives = 0 if is_blank(row.get("so_sang_kien")) else int(row["so_sang_kien"])
    level = None if is_blank(row.get("cap_sang_kien")) else row["cap_sang_kien"]
    research = row.get("de_tai") == "co"
    if rules.param("cstdcs_can_ldtt") is False:   # the rule set in force no longer asks for LĐTT first
        c2 = [Criterion("ldtt", PASS, "không cần đạt Lao động tiên tiến trước (theo quy định áp dụng)")]
    else:
        c2 = [Criterion("ldtt", {ELIGIBLE: PASS, NOT_ELIGIBLE: FAIL}.get(ldtt.outcome, ldtt.outcome),
                        f"Lao động tiên tiến: {OUTCOME_WORDS[ldtt.outcome]}")]
    merits = []
    if rating == "HTXSNV":
        merits.append("xếp loại HTXSNV")
    if initiatives > 0 and level in INITIATIVE_LEVELS:
        merits.append(f"{initiatives} sáng kiến {INITIATIVE_LEVELS[level].lower()}")
    if research:
        merits.append("đề tài khoa học được nghiệm thu")
    both = bool(rules.param("cstdcs_can_ca_hai"))   # the year's rules: HTXSNV and an initiative, or either
    innovation = [m for m in merits if m != "xếp loại HTXSNV"]
    if both and rating is not None and not (initiatives > 0 and level is None) and \
            not (rating == "HTXSNV" and innovation):
        lacking = "sáng kiến hoặc đề tài được công nhận" if rating == "HTXSNV" else "xếp loại HTXSNV"
        c2.append(Criterion("thanh_tich", FAIL, f"cần cả xếp loại HTXSNV và sáng kiến hoặc đề tài được công nhận; "
                            f"còn thiếu {lacking}", ", ".join(merits) or rating, src("xep_loai")))
    elif merits and (not both or (rating == "HTXSNV" and innovation)):
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
        c3 = [Criterion("thanh_tich", COUNCIL if not is_blank(text) else MISSING,
                        f"thành tích: \"{text}\"; tiêu chuẩn Giấy khen do tỉnh quy định" if not is_blank(text)
                        else "chưa ghi nội dung thành tích", "" if is_blank(text) else text, src("thanh_tich")),
              Criterion("mot_hinh_thuc", PASS, "một thành tích, một hình thức khen thưởng")]
        found["GK_PHUONG"] = decision("GK_PHUONG", True, c3)
    return found


def higher_decisions(frames: AwardFrames, i: int, cstdcs: Decision, history, reg: Registers, rules: Rules) -> dict[str, Decision]:
    """Bằng khen of the provincial chairman and Chiến sĩ thi đua cấp tỉnh: this year's CSTĐCS
    (after any quota) and the consecutive years in the history."""
    row = frames.people.loc[i].to_dict()
    rating = None if is_blank(row.get("xep_loai")) else row["xep_loai"]
    initiatives = 0 if is_blank(row.get("so_sang_kien")) else int(row["so_sang_kien"])
    level = None if is_blank(row.get("cap_sang_kien")) else row["cap_sang_kien"]
    found = history_of(history, row["ho_ten"], cstdcs.birth, row["ma_don_vi"])
    past = found.items

    def decision(code: str, proposed: bool, criteria: list[Criterion]) -> Decision:
        return Decision(row["ho_ten"], "ca_nhan", row["ma_don_vi"], code, proposed, criteria,
                        rules.rules[code].authority, cstdcs.birth, row["tep"])

    def told(criteria: list[Criterion]) -> list[Criterion]:
        """The history criteria say how the person's history was found (or why it was not)."""
        if past is None:
            return [replace(c, text=found.note) if c.text == NO_HISTORY else c for c in criteria]
        return [replace(c, text=f"{c.text}; {found.note}") if found.note and c.code in ("chuoi_nam", "chuoi_cstdcs")
                else c for c in criteria]

    return {"BK_TINH": decision("BK_TINH", row.get("hinh_thuc") == "BK_TINH",
                                told([_bk_chain(cstdcs, rating, initiatives, level, found, reg.year, rules)])),
            "CSTD_TINH": decision("CSTD_TINH", row.get("danh_hieu") == "CSTD_TINH",
                                  told(_cstd_tinh(cstdcs, level, found, reg.year, rules)))}


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


def _broken(code: str, found: Past, lacking: list[int], other: str) -> Criterion:
    """A chain lacking ``lacking``: broken by the years without the title (FAIL); when every year
    lacking holds the title as a proposal still awaiting the higher authority, not yet known
    (MISSING), and the reason says which years are only proposed."""
    absent = [y for y in lacking if ("CSTDCS", y) not in found.pending]
    waiting = awaiting(found, "CSTDCS", lacking)
    if not absent:
        return Criterion(code, MISSING, "chuỗi Chiến sĩ thi đua cơ sở chưa đủ: " + waiting)
    return Criterion(code, FAIL, f"chuỗi Chiến sĩ thi đua cơ sở bị ngắt năm {', '.join(map(str, absent))}"
                     + (f"; {waiting}" if waiting else "") + other)


def _bk_chain(cstdcs: Decision, rating, initiatives: int, level, found: Past, year: int, rules: Rules) -> Criterion:
    """Art 74.1.d: n consecutive years CSTĐCS (ending this year), or n consecutive years HTXSNV
    with k initiatives recognised in them. The earlier years come from the history; a year
    without an entry breaks the chain; no history at all is missing data."""
    n_cstd, n_htxs, n_sk = (rules.param("bang_khen_so_nam_cstdcs"), rules.param("bang_khen_so_nam_htxs"),
                            rules.param("bang_khen_so_sang_kien"))
    earlier = lambda n: list(range(year - n + 1, year))  # noqa: E731
    past = found.items
    if past is None:
        return Criterion("chuoi_nam", MISSING, NO_HISTORY)
    count = initiatives + sum(1 for item, y in past if item in ("SK_CO_SO", "SK_TINH") and y in earlier(n_htxs))
    if rating == "HTXSNV" and _chain(past, "HTXSNV", earlier(n_htxs))[0] == PASS and count >= n_sk:
        return Criterion("chuoi_nam", PASS, f"{n_htxs} năm liên tục HTXSNV với {count} sáng kiến")
    state, lacking = _chain(past, "CSTDCS", earlier(n_cstd))
    other = f"; không đủ {n_htxs} năm liên tục HTXSNV với {n_sk} sáng kiến"
    if state == FAIL:
        return _broken("chuoi_nam", found, lacking, other)
    span = f"{n_cstd} năm liên tục Chiến sĩ thi đua cơ sở ({year - n_cstd + 1}-{year})"
    if cstdcs.outcome == ELIGIBLE:
        return Criterion("chuoi_nam", PASS, span)
    if cstdcs.outcome == COUNCIL:
        return Criterion("chuoi_nam", COUNCIL, f"Chiến sĩ thi đua cơ sở các năm trước đủ; năm {year} chờ Hội đồng "
                         "xem xét")
    if cstdcs.outcome == MISSING:
        return Criterion("chuoi_nam", MISSING, f"Chiến sĩ thi đua cơ sở năm {year}: thiếu dữ liệu")
    return Criterion("chuoi_nam", FAIL, f"năm {year} không đạt Chiến sĩ thi đua cơ sở" + other)


def _cstd_tinh(cstdcs: Decision, level, found: Past, year: int, rules: Rules) -> list[Criterion]:
    """Art 22: n consecutive CSTĐCS ending this year, and an initiative with province-wide effect."""
    n = rules.param("cstd_tinh_so_nam")
    years = list(range(year - n + 1, year))
    past = found.items
    if past is None:
        chain = Criterion("chuoi_cstdcs", MISSING, NO_HISTORY)
    else:
        state, lacking = _chain(past, "CSTDCS", years)
        if state == FAIL:
            chain = _broken("chuoi_cstdcs", found, lacking, "")
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
