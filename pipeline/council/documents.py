"""The Word documents after the meeting, rendered with docxtpl from the templates in
``registers/<year>/van_ban/``: the minutes, the chairman's draft decision with its attached lists,
the proposal upward grouped by who decides, and an achievement report per candidate proposed
upward. Only approved (Đồng ý) candidates are listed; any undecided case marks them all DỰ THẢO."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from docxtpl import Listing

from pipeline.awards.criteria import OUTCOME_LABEL
from pipeline.awards.layout import RATINGS
from pipeline.council import achievement_facts as facts
from pipeline.council import bonus, counts, households
from pipeline.council.members import member_line
from pipeline.council.word import CompileOnce, Stencil, write_zip
from pipeline.registers.one_year import missing
from pipeline.report.files import atomic_path
from pipeline.report.output_set import pause_for_test
from pipeline.text import file_words, loose_key

DRAFT = "DỰ THẢO"
TO_WRITE = "………… [tự ghi]"
MINUTES, DECISION, PROPOSAL = ("bien_ban_hop_hoi_dong.docx", "du_thao_quyet_dinh_khen_thuong.docx",
                               "to_trinh_de_nghi_khen_thuong.docx")
CAMPAIGN_TEMPLATE = "quyet_dinh_khen_thuong_theo_dot.docx"
COLLECTIVE_REPORT, PERSONAL_REPORT = "bao_cao_thanh_tich_tap_the.docx", "bao_cao_thanh_tich_ca_nhan.docx"
TEMPLATE_NAMES = (MINUTES, DECISION, PROPOSAL, CAMPAIGN_TEMPLATE, COLLECTIVE_REPORT, PERSONAL_REPORT)
# an empty line of the council's register is kept (a chairman's own decision is signed "CHỦ TỊCH",
# without "TM. …"), not replaced by the [van_ban] line of co_quan.toml
KEPT_EMPTY = ("co_quan_chu_quan", "quyen_han_ky")
# who signs an achievement report, by its subject (the forms' own words)
SIGNERS = {"ca_nhan": "NGƯỜI BÁO CÁO THÀNH TÍCH", "tap_the": "THỦ TRƯỞNG ĐƠN VỊ", "khom": "TRƯỞNG KHÓM"}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _date_text(place: str, date: dt.date | None, year: int) -> str:
    if date:
        return f"{place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
    return f"{place}, ngày      tháng      năm {year}"


def _base(reg, settings, doc_key: str, outcome, sample: bool, held: bool = False) -> dict:
    doc = {**reg.settings.get("van_ban", {}), **{k: v for k, v in settings.documents[doc_key].items() if v != "" or
                                                 k in KEPT_EMPTY}}
    to_fill = list(dict.fromkeys([*reg.to_fill, *missing(settings.documents[doc_key])]))
    mark = DRAFT + (" – DỮ LIỆU MẪU" if sample else "") if outcome.draft or sample or held or to_fill else ""
    if to_fill:
        mark += f" (sổ đăng ký còn thiếu: {'; '.join(to_fill)})"
    number = doc.get("so_ky_hieu", "")
    doc = {k: Listing(v) if isinstance(v, str) and "\n" in v else v for k, v in doc.items()}   # a line break
    return {**doc, "du_thao": mark, "nam": reg.year, "loai_dia_phuong": reg.commune_kind,
            "trich_yeu": settings.text(doc.get("trich_yeu", ""), outcome.meeting.get("ngay_hop")),
            "dia_danh_ngay": _date_text(doc.get("dia_danh", ""), doc.get("ngay_lap") if isinstance(
                doc.get("ngay_lap"), dt.date) else None, reg.year),
            "so_ky_hieu_ngan": number.replace("Số:", "số").strip(),
            "ngay_van_ban": (f"ngày {doc['ngay_lap']:%d/%m/%Y}" if isinstance(doc.get("ngay_lap"), dt.date)
                             else "ngày …/…/" + str(reg.year)),
            "can_cu": [settings.text(line, outcome.meeting.get("ngay_hop")) for line in doc.get("can_cu", [])]}


WHO = {"ca_nhan": "cá nhân", counts.HOME: "hộ gia đình"}   # any other kind: "tập thể"


def _who(e) -> str:
    return WHO.get(e.decision.kind, "tập thể")


def _named(d) -> str:
    """The subject as a list names it: a household with its address ("Hộ ông Nguyễn Văn A, khóm Sơn Đông")."""
    return f"{d.subject}, {d.address}" if d.kind == counts.HOME and d.address else d.subject


def _count_text(entries) -> str:
    """"05 cá nhân, 01 tập thể và 02 hộ gia đình" of one title's cases, counted as the overview counts them."""
    return counts.subjects_text(counts.tally(entries, ()))


def _lists(entries, rules, notes, number: int = 0, paid=None) -> list[dict]:
    """One attached list per title, and within it one for individuals, one for collectives."""
    out = []
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
                 "don_vi": e.unit_name, "ghi_chu": notes(e), "tien_thuong": paid.shown(e) if paid else ""}
                for i, e in enumerate(mine, start=1)]})
    return out


class _Templates:
    """The run's Word templates, each loaded and compiled once (see pipeline.council.word)."""

    def __init__(self):
        self.env = CompileOnce()
        self.loaded: dict[tuple, Stencil] = {}
        self.deflated: dict[bytes, tuple[int, bytes]] = {}

    def stencil(self, template: Path) -> Stencil:
        """The template loaded; by its path and its file's size and time, so that a template
        loaded ahead (``prepare``) and changed since is loaded again."""
        st = template.stat()
        key = (template, st.st_size, st.st_mtime_ns)
        if key not in self.loaded:
            self.loaded[key] = Stencil(template, self.env)
        return self.loaded[key]

    def render(self, template: Path, context: dict, path: Path) -> Path:
        entries = self.stencil(template).render_entries(context)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            write_zip(tmp, entries, self.deflated)   # fixed zip entry dates: the same decisions give the same bytes
        return path


_ahead: _Templates | None = None   # in this process: the templates that prepare() loaded, for write_documents


def prepare(folder: Path) -> None:
    """Load and compile the Word templates of ``folder`` ahead of the documents. The council's
    writer process does this while the main process still checks the files; otherwise it is 0.2 s
    of CPU spent when every writer is running. A template that cannot be loaded is left for
    write_documents, which reports it."""
    global _ahead
    templates = _Templates()
    for name in TEMPLATE_NAMES:
        try:
            templates.stencil(folder / name).compile_ahead()
        except Exception:  # noqa: BLE001 - the documents' own loading says what is wrong with it
            continue
    _ahead = templates


def _templates() -> _Templates:
    """The templates loaded ahead, once; fresh ones otherwise."""
    global _ahead
    templates, _ahead = _ahead or _Templates(), None
    return templates


def write_documents(folder: Path, reg, rules, settings, outcome, people: list[dict], history: list[dict],
                    sample: bool) -> list[Path]:
    approved = outcome.approved()
    ward = [e for e in approved if e.decision.authority == rules.own_authority]
    upward = [e for e in approved if e.decision.authority != rules.own_authority]
    person = facts.person_index(people)
    templates = _templates()
    written = [templates.render(settings.templates / MINUTES,
                                _minutes(reg, rules, settings, outcome, sample), folder / "bien_ban_hop_hoi_dong.docx")]
    pause_for_test("van_ban")   # test hook: a run killed with the Word documents half written
    written += [
        templates.render(settings.templates / DECISION,
                         _decision(reg, rules, settings, outcome, ward, sample),
                         folder / "du_thao_quyet_dinh_khen_thuong.docx"),
        templates.render(settings.templates / PROPOSAL,
                         _proposal(reg, rules, settings, outcome, upward, person, sample),
                         folder / "to_trinh_de_nghi_khen_thuong.docx"),
    ]
    for code, name in outcome.campaigns.items():
        if any(e.decision.campaign == code for e in outcome.entries):
            written.append(templates.render(settings.templates / CAMPAIGN_TEMPLATE,
                                            _campaign(reg, rules, settings, outcome, code, name, sample),
                                            folder / f"quyet_dinh_khen_thuong_theo_dot_{file_words(code)}.docx"))
    subjects: dict[tuple, list] = {}   # grouped in one pass: one report per subject, in the order of the list
    for e in upward:
        subjects.setdefault((e.decision.unit, e.decision.subject, e.decision.birth, e.decision.kind), []).append(e)
    earlier = facts.earlier_index(history)
    for mine in subjects.values():
        written.append(_achievement(reg, rules, settings, outcome, mine, person, earlier, sample, folder, templates))
    return written


def _minutes(reg, rules, settings, outcome, sample) -> dict:
    m = outcome.meeting
    date = m.get("ngay_hop")
    context = _base(reg, settings, "bien_ban", outcome, sample)
    shown = lambda v: "…" if v is None else f"{v:02d}"  # noqa: E731
    context["thanh_phan"] = [
        f"Thời gian: {'ngày ' + format(date, '%d/%m/%Y') if date else '……'}. Địa điểm: {m.get('dia_diem') or '……'}.",
        f"Chủ trì: {_chair_line(m.get('chu_tri'))}. Thư ký: {m.get('thu_ky') or '……'}.",
        f"Thành viên Hội đồng: {shown(m.get('so_thanh_vien'))}; có mặt: {shown(m.get('so_du_hop'))}.",
        *_attendance(m.get("thanh_vien", [])),
        f"Nội dung: xét danh hiệu thi đua, hình thức khen thưởng năm {reg.year} theo kết quả bình xét của các đơn vị.",
    ]
    groups = []
    keys = list(dict.fromkeys((e.decision.campaign, e.decision.title) for e in outcome.entries))
    # two titles of one name (Giấy khen for individuals and for collectives) are told apart by whom
    named = [(c, rules.rules[t].title) for c, t in keys]
    for i, (campaign, title) in enumerate(keys):
        mine = [e for e in outcome.entries if (e.decision.campaign, e.decision.title) == (campaign, title)]
        where = f"theo đợt: {outcome.campaigns.get(campaign, campaign)}" if campaign else \
            rules.authorities[mine[0].decision.authority]
        name = rules.rules[title].title
        if named.count((campaign, name)) > 1:
            name += f" – {_who(mine[0])}"
        groups.append({"tieu_de": f"{i + 1}. {name} ({where})",
                       "dong": [{"stt": n, "ten": e.decision.subject, "don_vi": e.unit_name,
                                 "ket_qua": OUTCOME_LABEL[e.decision.outcome],
                                 "phieu": _votes_text(e) if e.choice else "", "quyet_dinh": e.choice or "Chưa quyết định"}
                                for n, e in enumerate(mine, start=1)]})
    context["danh_hieu"] = groups
    n = counts.choice_counts(outcome.entries, settings.approve, settings.reject, settings.defer)
    context["ket_luan"] = (f"Hội đồng đồng ý {n['approve']} trường hợp, không đồng ý "
                           f"{n['reject']}, hoãn {n['defer']}"
                           + (f"; còn {n['undecided']} trường hợp chưa quyết định" if n["undecided"] else "")
                           + (f", trong đó {n['held']} trường hợp số phiếu không hợp lệ (lớn hơn số dự họp), chưa đưa "
                              "vào quyết định, tờ trình" if n["held"] else "") + ".")
    context["thu_ky"], context["chu_tri"] = m.get("thu_ky", ""), _chair_name(m.get("chu_tri") or "")
    return context


def _attendance(members: list[dict]) -> list[str]:
    """Who attended and who did not, from the members marked in the form (nothing when none is marked)."""
    if not any(mm.get("co_mat") for mm in members) or any(mm.get("co_mat") is None for mm in members):
        return []
    here = [mm for mm in members if mm["co_mat"]]
    away = [mm for mm in members if not mm["co_mat"]]
    lines = [f"Thành viên dự họp ({len(here):02d} người):"]
    lines += [f"{i}. {member_line(mm)}{'.' if i == len(here) else ';'}" for i, mm in enumerate(here, start=1)]
    lines.append(f"Vắng mặt ({len(away):02d} người): " + "; ".join(member_line(mm) for mm in away) + "."
                 if away else "Vắng mặt: không.")
    return lines


_TITLE_AFTER = re.compile(r"\s*(?:[,;(–—-]|\s-\s)\s*(?:phó\s+)?chủ\s+tịch\b.*$", re.IGNORECASE)


def _chair_line(typed: str | None) -> str:
    """Who chaired, the title once: the form asks "Chủ trì (Chủ tịch Hội đồng)", so the title (or
    "Phó Chủ tịch…") is often typed after the name; then it is kept as typed, never doubled."""
    return typed if typed and "chu tich" in loose_key(typed) else f"{typed or '……'}, Chủ tịch Hội đồng"


def _chair_name(typed: str) -> str:
    """The name alone under "CHỦ TRÌ" in the signature block: a title typed after it is left out."""
    return _TITLE_AFTER.sub("", typed).strip() or typed


def _votes_text(e) -> str:
    """Votes / present; a count above those present is shown as written and marked invalid."""
    present = e.present if e.present is not None else "…"
    if e.held:
        return f"{e.invalid_votes}/{present} (không hợp lệ)"
    return f"{e.votes if e.votes is not None else '…'}/{present}"


def _decision(reg, rules, settings, outcome, ward, sample) -> dict:
    others, khom, held = households.split(ward)
    paid = bonus.payout(others + khom, rules.bonus, bonus.names(rules))
    # a total that cannot be worked out (a parameter left empty) keeps the decision a draft
    context = _base(reg, settings, "quyet_dinh", outcome, sample, held=bool(held) or paid.total is None)
    law = rules.law
    if law is not None and law.favourable and any(e.decision.favourable for e in ward):
        # someone decided under the newer law, which favours them (the transitional rule): it is a basis too
        at = len(law.basis_decision)
        context["can_cu"][at:at] = [settings.text(x, outcome.meeting.get("ngay_hop"))
                                    for x in law.favourable.basis_favourable]
    context["theo_de_nghi"] = settings.text(settings.documents["quyet_dinh"].get("theo_de_nghi", ""),
                                            outcome.meeting.get("ngay_hop"))
    home_title = (khom or held)[0].decision.title if khom or held else None
    homes = households.household_list(khom, held, rules.rules[home_title].title) if home_title else None
    whole = counts.tally(ward, settings.awarded_forms)
    context["dieu_1"] = decision_article(whole, reg.year)
    lines = []
    for title in dict.fromkeys(e.decision.title for e in ward):
        mine = [e for e in others if e.decision.title == title]
        verb = "Tặng" if title in settings.awarded_forms else "Công nhận danh hiệu"
        if mine:
            lines.append(f"{verb} “{rules.rules[title].title}” cho {_count_text(mine)};")
        elif title == home_title and homes["tong_ho"]:
            lines.append(f"{verb} “{rules.rules[title].title}” cho {households.number_text(homes['tong_ho'])} "
                         "hộ gia đình (danh sách do các khóm lập);")
    context["dieu_1_dong"] = lines
    context["ho_gia_dinh"] = [homes] if homes else []
    if homes:
        homes["tieu_de"] = f"{ROMAN[0]}. {homes['tieu_de']}"
        for row, e in zip(homes["dong"], khom):
            row["tien_thuong"] = paid.shown(e)
    context["danh_sach"] = _lists(others, rules, lambda e: e.note, number=1 if homes else 0, paid=paid)
    context["tien_thuong"] = f"{context.get('tien_thuong', '')} {paid.sentence()}".strip()
    context["tong_tien"] = paid.total_text()
    context["tong_so"] = counts.list_total(whole)
    return context


def decision_article(t: counts.Tally, year: int) -> str:
    """Điều 1: every individual, collective and household once, then what they receive."""
    what = " và ".join(w for w in (f"khen thưởng {counts.subjects_text(t)}" if t.people or t.groups else "",
                                   f"công nhận {households.number_text(t.households)} hộ gia đình"
                                   if t.households else "") if w)
    if not what:
        return "Chưa có trường hợp được Hội đồng đồng ý."
    text = f"{what[0].upper() + what[1:]} có thành tích trong phong trào thi đua năm {year} (có danh sách kèm theo)"
    if t.people or t.groups:
        text += f"; {counts.receivers(t)} nhận {counts.awards_text(t)}{counts.several_text(t)}"
    return text + ", cụ thể:"


def _campaign(reg, rules, settings, outcome, code: str, name: str, sample: bool) -> dict:
    """The chairman's decision for one campaign: Giấy khen to the approved collectives and individuals."""
    mine = outcome.approved(campaign=code)
    paid = bonus.payout(mine, rules.bonus, bonus.names(rules))
    context = _base(reg, settings, "quyet_dinh_theo_dot", outcome, sample, held=paid.total is None)
    t = counts.tally(mine, settings.awarded_forms)   # each person once, as the overview
    whom = "các tập thể, cá nhân" + (" và hộ gia đình" if t.homes else "")
    context["trich_yeu"] = context["trich_yeu"].replace("{dot}", name).replace("{doi_tuong}", whom)
    context["theo_de_nghi"] = settings.text(settings.documents["quyet_dinh"].get("theo_de_nghi", ""),
                                            outcome.meeting.get("ngay_hop"))
    forms = " và ".join(dict.fromkeys(rules.rules[e.decision.title].title for e in mine))
    who = counts.subjects_text(t)
    context["dieu_1"] = (f"Tặng {forms} cho {who} đã có thành tích xuất sắc trong {name} "
                         "(có danh sách kèm theo).") if mine else f"Chưa có trường hợp được Hội đồng đồng ý trong {name}."
    context["ten_dot"] = name
    groups = []
    for who in ("cá nhân", "tập thể", "hộ gia đình"):   # individuals, collectives, households
        rows = [e for e in mine if _who(e) == who]
        if rows:
            groups.append({"tieu_de": f"{ROMAN[len(groups)]}. {who.upper()} ({len(rows):02d})",
                           "dong": [{"stt": i, "ten": _named(e.decision),
                                     "chuc_vu": e.position if who == "cá nhân" else "",
                                     "don_vi": e.unit_name, "thanh_tich": e.decision.criteria[0].value,
                                     "tien_thuong": paid.shown(e)}
                                    for i, e in enumerate(rows, start=1)]})
    context["danh_sach"], context["tong_so"] = groups, len(mine)
    context["tien_thuong"] = f"{context.get('tien_thuong', '')} {paid.sentence()}".strip()
    context["tong_tien"] = paid.total_text()
    return context


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
        lists.append({"tieu_de": f"{chr(ord('A') + len(lists))}. {sections[-1]['de_nghi'].upper()}",
                      "nhom": _lists(mine, rules, lambda e: e.note or facts.initiative(person.get(facts.pkey(e))))})
    context["cap"], context["danh_sach"] = sections, lists
    t = counts.tally(upward, settings.awarded_forms)
    context["tong_de_nghi"] = (f"Tổng số: {counts.subjects_text(t)}, {t.awards:02d} lượt đề nghị khen thưởng"
                               f"{counts.several_text(t, 'được đề nghị')}.") if upward else ""
    return context


def _achievement(reg, rules, settings, outcome, mine, person, earlier_years: dict, sample, folder: Path, templates) -> Path:
    d = mine[0].decision
    collective = d.kind != "ca_nhan"
    form = d.kind if d.kind in settings.report_forms else "tap_the" if collective else "ca_nhan"
    context = _base(reg, settings, "bao_cao_thanh_tich", outcome, sample)
    own = settings.documents["bao_cao_thanh_tich"]
    context.update({
        "mau_so": settings.report_forms[form],
        "mau_can_cu": settings.report_forms.get(f"{form}_can_cu", settings.report_forms.get("can_cu", "")),
        "de_nghi": " VÀ ".join(rules.rules[e.decision.title].title.upper() for e in mine) + f" NĂM {reg.year}",
        "ten": d.subject, "don_vi": mine[0].unit_name, "chuc_vu": mine[0].position or TO_WRITE,
        "ngay_sinh": f"{d.birth:%d/%m/%Y}" if d.birth else TO_WRITE, "cho_viet": TO_WRITE,
        "co_quan": own.get("truc_thuoc") or reg.settings["co_quan"]["ten_co_quan"],
        "co_quan_ban_hanh": mine[0].unit_name.upper() if collective else "",
        "nguoi_ky": SIGNERS.get(d.kind, SIGNERS["tap_the"]) if collective else SIGNERS["ca_nhan"],
        "dia_danh_ngay": _date_text(reg.settings.get("van_ban", {}).get("dia_danh", ""), None, reg.year),
        "thanh_tich_nam": facts.figures(mine),
    })
    r = person.get(facts.pkey(mine[0]), {})
    known = []
    if facts.known(r.get("xep_loai")):
        known.append(f"Năm {reg.year}: xếp loại {RATINGS.get(r['xep_loai'], r['xep_loai'])}.")
    if facts.initiative(r):
        known.append(f"Sáng kiến được công nhận năm {reg.year}: {facts.initiative(r)}.")
    if facts.known(r.get("de_tai")) and r.get("de_tai") == "co":
        known.append("Có đề tài khoa học được nghiệm thu.")
    earlier = facts.earlier_rows(earlier_years, d)
    # ratings and recognised initiatives are results, not awards: listed in section II, not the awards table
    context["lich_su"] = [row for row in earlier if row["ma"] in rules.rules]
    # the years in order, the earlier ones (already sorted) before this year's
    context["da_biet"] = [f"Năm {row['nam']}: {'xếp loại ' if row['ma'] in RATINGS else ''}{row['noi_dung']}"
                          + (f" ({row['quyet_dinh']})" if row["quyet_dinh"] else "") + "."
                          for row in earlier if row["ma"] not in rules.rules] + known
    return templates.render(settings.templates / (COLLECTIVE_REPORT if collective else PERSONAL_REPORT), context,
                            folder / "bao_cao_thanh_tich" / f"{file_words(d.unit)}_{file_words(d.subject)}.docx")
