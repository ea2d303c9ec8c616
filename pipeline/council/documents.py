"""The Word documents after the meeting, rendered with docxtpl from the templates in
``registers/<year>/van_ban/``: the minutes, the chairman's draft decision with its attached lists,
the proposal upward grouped by who decides, and an achievement report per candidate proposed
upward. Only approved (Đồng ý) candidates are listed; any undecided case marks them all DỰ THẢO."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from docxtpl import DocxTemplate

from pipeline.awards.criteria import OUTCOME_LABEL
from pipeline.awards.layout import HISTORY_ITEMS, INITIATIVE_LEVELS, RATINGS
from pipeline.report.files import atomic_path
from pipeline.report.output_set import pause_for_test
from pipeline.text import normalise_key, strip_accents

DRAFT = "DỰ THẢO"
TO_WRITE = "………… [tự ghi]"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _date_text(place: str, date: dt.date | None, year: int) -> str:
    if date:
        return f"{place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
    return f"{place}, ngày      tháng      năm {year}"


def _base(reg, settings, doc_key: str, outcome, sample: bool) -> dict:
    doc = {**reg.settings.get("van_ban", {}), **{k: v for k, v in settings.documents[doc_key].items() if v != "" or
                                                 k == "co_quan_chu_quan"}}
    mark = DRAFT + (" – DỮ LIỆU MẪU" if sample else "") if outcome.draft or sample else ""
    number = doc.get("so_ky_hieu", "")
    return {**doc, "du_thao": mark, "nam": reg.year, "trich_yeu": settings.text(doc.get("trich_yeu", ""),
                                                                             outcome.meeting.get("ngay_hop")),
            "dia_danh_ngay": _date_text(doc.get("dia_danh", ""), doc.get("ngay_lap") if isinstance(
                doc.get("ngay_lap"), dt.date) else None, reg.year),
            "so_ky_hieu_ngan": number.replace("Số:", "số").strip(),
            "ngay_van_ban": (f"ngày {doc['ngay_lap']:%d/%m/%Y}" if isinstance(doc.get("ngay_lap"), dt.date)
                             else "ngày …/…/" + str(reg.year)),
            "can_cu": [settings.text(line, outcome.meeting.get("ngay_hop")) for line in doc.get("can_cu", [])]}


def _who(e) -> str:
    return "cá nhân" if e.decision.kind == "ca_nhan" else "tập thể"


def _count_text(entries) -> str:
    people = sum(1 for e in entries if e.decision.kind == "ca_nhan")
    groups = len(entries) - people
    return ", ".join(p for p in (f"{people:02d} cá nhân" if people else "", f"{groups:02d} tập thể" if groups else "") if p)


def _lists(entries, rules, notes) -> list[dict]:
    """One attached list per title, and within it one for individuals, one for collectives."""
    out, number = [], 0
    for title in dict.fromkeys(e.decision.title for e in entries):
        for collective in (False, True):
            mine = [e for e in entries if e.decision.title == title and (e.decision.kind != "ca_nhan") == collective]
            if not mine:
                continue
            heading = f"{ROMAN[number % len(ROMAN)]}. {rules.rules[title].title.upper()} " \
                      f"({'TẬP THỂ' if collective else 'CÁ NHÂN'}: {len(mine):02d})"
            number += 1
            out.append({"tieu_de": heading, "dong": [
                {"stt": i, "ten": e.decision.subject, "chuc_vu": "" if collective else e.position,
                 "don_vi": e.unit_name, "ghi_chu": notes(e)} for i, e in enumerate(mine, start=1)]})
    return out


def _render(template: Path, context: dict, path: Path) -> Path:
    doc = DocxTemplate(str(template))
    doc.render(context, autoescape=True)
    doc.core_properties.created = dt.datetime(2024, 1, 1)
    doc.core_properties.modified = dt.datetime(2024, 1, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path


def write_documents(folder: Path, reg, rules, settings, outcome, people: pd.DataFrame, history: pd.DataFrame,
                    sample: bool) -> list[Path]:
    approved = outcome.approved()
    ward = [e for e in approved if e.decision.authority == rules.own_authority]
    upward = [e for e in approved if e.decision.authority != rules.own_authority]
    person = _person_index(people)
    written = [
        _render(settings.templates / "bien_ban_hop_hoi_dong.docx", _minutes(reg, rules, settings, outcome, sample),
                folder / "bien_ban_hop_hoi_dong.docx"),
    ]
    pause_for_test("van_ban")   # test hook: a run killed with the Word documents half written
    written += [
        _render(settings.templates / "du_thao_quyet_dinh_khen_thuong.docx",
                _decision(reg, rules, settings, outcome, ward, sample), folder / "du_thao_quyet_dinh_khen_thuong.docx"),
        _render(settings.templates / "to_trinh_de_nghi_khen_thuong.docx",
                _proposal(reg, rules, settings, outcome, upward, person, sample), folder / "to_trinh_de_nghi_khen_thuong.docx"),
    ]
    for subject in dict.fromkeys((e.decision.unit, e.decision.subject, e.decision.birth, e.decision.kind) for e in upward):
        mine = [e for e in upward if (e.decision.unit, e.decision.subject, e.decision.birth, e.decision.kind) == subject]
        written.append(_achievement(reg, rules, settings, outcome, mine, person, history, sample, folder))
    return written


def _minutes(reg, rules, settings, outcome, sample) -> dict:
    m = outcome.meeting
    date = m.get("ngay_hop")
    context = _base(reg, settings, "bien_ban", outcome, sample)
    shown = lambda v: "…" if v is None else f"{v:02d}"  # noqa: E731
    context["thanh_phan"] = [
        f"Thời gian: {'ngày ' + format(date, '%d/%m/%Y') if date else '……'}. Địa điểm: {m.get('dia_diem') or '……'}.",
        f"Chủ trì: {m.get('chu_tri') or '……'}, Chủ tịch Hội đồng. Thư ký: {m.get('thu_ky') or '……'}.",
        f"Thành viên Hội đồng: {shown(m.get('so_thanh_vien'))}; có mặt: {shown(m.get('so_du_hop'))}.",
        f"Nội dung: xét danh hiệu thi đua, hình thức khen thưởng năm {reg.year} theo kết quả bình xét của các đơn vị.",
    ]
    groups = []
    for i, title in enumerate(dict.fromkeys(e.decision.title for e in outcome.entries)):
        mine = [e for e in outcome.entries if e.decision.title == title]
        groups.append({"tieu_de": f"{i + 1}. {rules.rules[title].title} ({rules.authorities[mine[0].decision.authority]})",
                       "dong": [{"stt": n, "ten": e.decision.subject, "don_vi": e.unit_name,
                                 "ket_qua": OUTCOME_LABEL[e.decision.outcome],
                                 "phieu": (f"{e.votes if e.votes is not None else '…'}/"
                                           f"{e.present if e.present is not None else '…'}")
                                 if e.choice else "", "quyet_dinh": e.choice or "Chưa quyết định"}
                                for n, e in enumerate(mine, start=1)]})
    context["danh_hieu"] = groups
    counts = {c: sum(1 for e in outcome.entries if e.choice == c) for c in settings.choices}
    undecided = sum(1 for e in outcome.entries if e.choice is None)
    context["ket_luan"] = (f"Hội đồng đồng ý {counts[settings.approve]} trường hợp, không đồng ý "
                           f"{counts[settings.reject]}, hoãn {counts[settings.defer]}"
                           + (f"; còn {undecided} trường hợp chưa quyết định" if undecided else "") + ".")
    context["thu_ky"], context["chu_tri"] = m.get("thu_ky", ""), m.get("chu_tri", "")
    return context


def _decision(reg, rules, settings, outcome, ward, sample) -> dict:
    context = _base(reg, settings, "quyet_dinh", outcome, sample)
    context["theo_de_nghi"] = settings.text(settings.documents["quyet_dinh"].get("theo_de_nghi", ""),
                                            outcome.meeting.get("ngay_hop"))
    context["dieu_1"] = (f"Khen thưởng {_count_text(ward)} có thành tích trong phong trào thi đua năm {reg.year} "
                         "(có danh sách kèm theo):") if ward else "Chưa có trường hợp được Hội đồng đồng ý."
    lines = []
    for title in dict.fromkeys(e.decision.title for e in ward):
        mine = [e for e in ward if e.decision.title == title]
        verb = "Tặng" if title in settings.awarded_forms else "Công nhận danh hiệu"
        lines.append(f"{verb} “{rules.rules[title].title}” cho {_count_text(mine)};")
    context["dieu_1_dong"] = lines
    context["danh_sach"] = _lists(ward, rules, lambda e: e.note or _gdvh_note(e))
    context["tong_so"] = len(ward)
    return context


def _gdvh_note(e) -> str:
    return next((c.value for c in e.decision.criteria if e.decision.title == "GDVH" and c.value), "")


def _proposal(reg, rules, settings, outcome, upward, person, sample) -> dict:
    context = _base(reg, settings, "to_trinh", outcome, sample)
    context["kinh_gui"] = settings.documents["to_trinh"].get("kinh_gui", [])
    sections, lists = [], []
    for authority in [a for a in rules.authorities if a != rules.own_authority]:
        mine = [e for e in upward if e.decision.authority == authority]
        if not mine:
            continue
        named = settings.authorities.get(authority, {})
        sections.append({"so": len(sections) + 1, "de_nghi": named.get("de_nghi", rules.authorities[authority]),
                         "dong_tong": [f"{rules.rules[t].title}: {_count_text([e for e in mine if e.decision.title == t])}"
                                       for t in dict.fromkeys(e.decision.title for e in mine)]})
        for group in _lists(mine, rules, lambda e: e.note or _initiative(person.get(_pkey(e)))):
            group["tieu_de"] = f"{named.get('ten', rules.authorities[authority])} – {group['tieu_de']}"
            lists.append(group)
    context["cap"], context["danh_sach"] = sections, lists
    return context


def _pkey(e) -> tuple:
    return (e.decision.unit, normalise_key(e.decision.subject), e.decision.birth)


def _person_index(people: pd.DataFrame) -> dict:
    out = {}
    for r in people.to_dict("records") if not people.empty else []:
        birth = r.get("ngay_sinh") if isinstance(r.get("ngay_sinh"), dt.date) else None
        out[(r["ma_don_vi"], normalise_key(r["ho_ten"]), birth)] = r
    return out


def _known(value) -> bool:
    return value is not None and str(value) not in ("", "None", "nan")


def _initiative(r: dict | None) -> str:
    if not r or not _known(r.get("so_sang_kien")) or not r["so_sang_kien"]:
        return ""
    level = INITIATIVE_LEVELS.get(r.get("cap_sang_kien"), "").lower()
    decision = f", {r['qd_sang_kien']}" if _known(r.get("qd_sang_kien")) else ""
    return f"{int(r['so_sang_kien'])} sáng kiến {level}{decision}".strip()


def _achievement(reg, rules, settings, outcome, mine, person, history, sample, folder: Path) -> Path:
    d = mine[0].decision
    collective = d.kind != "ca_nhan"
    context = _base(reg, settings, "bao_cao_thanh_tich", outcome, sample)
    context.update({
        "mau_so": settings.report_forms["tap_the" if collective else "ca_nhan"],
        "mau_can_cu": settings.report_forms.get("can_cu", ""),
        "de_nghi": " VÀ ".join(rules.rules[e.decision.title].title.upper() for e in mine) + f" NĂM {reg.year}",
        "ten": d.subject, "don_vi": mine[0].unit_name, "chuc_vu": mine[0].position or TO_WRITE,
        "ngay_sinh": f"{d.birth:%d/%m/%Y}" if d.birth else TO_WRITE, "cho_viet": TO_WRITE,
        "co_quan": reg.settings["co_quan"]["ten_co_quan"].title(), "co_quan_ban_hanh": mine[0].unit_name.upper(),
        "dia_danh_ngay": _date_text(reg.settings.get("van_ban", {}).get("dia_danh", ""), None, reg.year),
        "ket_qua_xet": "; ".join(e.decision.reason for e in mine),
    })
    r = person.get(_pkey(mine[0]), {})
    known = []
    if _known(r.get("xep_loai")):
        known.append(f"Năm {reg.year}: xếp loại {RATINGS.get(r['xep_loai'], r['xep_loai'])}.")
    if _initiative(r):
        known.append(f"Sáng kiến được công nhận năm {reg.year}: {_initiative(r)}.")
    if _known(r.get("de_tai")) and r.get("de_tai") == "co":
        known.append("Có đề tài khoa học được nghiệm thu.")
    context["da_biet"] = known
    context["lich_su"] = _earlier(history, d)
    words = strip_accents(d.subject).replace(" - ", " ").replace(" ", "_")
    return _render(settings.templates / ("bao_cao_thanh_tich_tap_the.docx" if collective else
                                         "bao_cao_thanh_tich_ca_nhan.docx"), context,
                   folder / "bao_cao_thanh_tich" / f"{d.unit}_{words}.docx")


def _earlier(history: pd.DataFrame, d) -> list[dict]:
    rows = []
    for r in history.to_dict("records") if not history.empty else []:
        if normalise_key(r.get("ho_ten")) != normalise_key(d.subject) or not _known(r.get("nam")):
            continue
        birth = r.get("ngay_sinh") if isinstance(r.get("ngay_sinh"), dt.date) else None
        if birth and d.birth and birth != d.birth:
            continue
        when = f", ngày {r['ngay_qd']:%d/%m/%Y}" if isinstance(r.get("ngay_qd"), dt.date) else ""
        rows.append({"nam": int(r["nam"]), "noi_dung": HISTORY_ITEMS.get(r.get("noi_dung"), str(r.get("noi_dung"))),
                     "quyet_dinh": (f"Số {r['so_qd']}" if _known(r.get("so_qd")) else "") + when})
    return sorted(rows, key=lambda x: (x["nam"], x["noi_dung"]))
