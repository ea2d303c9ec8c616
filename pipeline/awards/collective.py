"""Collective titles (Tập thể lao động tiên tiến, Tập thể lao động xuất sắc and the collective
commendations), using the unit's own evaluation and this run's individual results.
"""

from __future__ import annotations

from pipeline.awards.criteria import (
    COUNCIL,
    DISCIPLINE_ORDER,
    ELIGIBLE,
    FAIL,
    MISSING,
    PASS,
    Criterion,
    Decision,
    cell_source,
    is_blank,
    percent_text,
    rating_criterion,
    yes_no,
)
from pipeline.awards.validate import AwardFrames
from pipeline.registers.model import Registers
from pipeline.registers.rules import Rules


def collective_decisions(frames: AwardFrames, person_results, reg: Registers, rules: Rules) -> list[Decision]:
    out = []
    groups, people = frames.groups, frames.people
    by_unit: dict[str, list] = {}   # each unit's members, in the order of the rows
    for j, u in zip(people.index, people["ma_don_vi"] if not people.empty else []):
        by_unit.setdefault(u, []).append(j)
    for i in groups.index if not groups.empty else []:
        g = groups.loc[i].to_dict()
        unit = g["ma_don_vi"]
        src = lambda col: cell_source(frames, "groups", i, col, groups)  # noqa: E731
        members = by_unit.get(unit, [])
        ldtt = [person_results[j]["LDTT"].outcome for j in members]
        cstd = [person_results[j]["CSTDCS"].outcome for j in members]
        rating = None if is_blank(g.get("xep_loai_tap_the")) else g["xep_loai_tap_the"]
        movement = yes_no(g.get("phong_trao"), "phong_trao", "phong trào thi đua", src("phong_trao"))
        solidarity = yes_no(g.get("doan_ket_tap_the"), "doan_ket", "nội bộ đoàn kết, chấp hành pháp luật",
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
            text = f"{sure}/{n} cá nhân đạt Lao động tiên tiến ({percent_text(sure / n)}), cần {sign} {percent_text(threshold)}"
            if ok(sure):
                return Criterion(code, PASS, text, f"{sure}/{n}")
            return Criterion(code, MISSING if ok(maybe) else FAIL, text, f"{sure}/{n}")

        c = [rating_criterion(rating, ("HTXSNV", "HTTNV"), src("xep_loai_tap_the")), movement, solidarity,
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
        ratings = [None if is_blank(people.at[j, "xep_loai"]) else people.at[j, "xep_loai"] for j in members]
        done = [r for r in ratings if r in ("HTXSNV", "HTTNV", "HTNV")]
        if n == 0 or None in ratings:
            complete = Criterion("hoan_thanh", MISSING, "chưa đủ xếp loại của các cá nhân")
        else:
            complete = Criterion("hoan_thanh", PASS if len(done) == n else FAIL,
                                 f"{len(done)}/{n} cá nhân hoàn thành nhiệm vụ trở lên", f"{len(done)}/{n}")
        has_cstd = cstd.count(ELIGIBLE)
        c2 = [rating_criterion(rating, ("HTXSNV",), src("xep_loai_tap_the")), movement, complete,
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
            c3 = [Criterion("thanh_tich", MISSING if is_blank(text) else COUNCIL,
                            "chưa ghi thành tích của tập thể" if is_blank(text)
                            else f"thành tích: \"{text}\"; tiêu chuẩn Giấy khen do tỉnh quy định",
                            "" if is_blank(text) else text, src("thanh_tich_tap_the"))]
            out.append(Decision(unit_name, "tap_the", unit, "GK_PHUONG_TT", True, c3,
                                rules.rules["GK_PHUONG_TT"].authority, file=g["tep"]).settle())
    return out
