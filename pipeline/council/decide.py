"""The council's decisions, read from the filled decision form and checked against this run's
candidates. The tool records what the council decided; it never overrules it: an approval of a
candidate the tool found not eligible is a warning that names the failed criteria."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from pipeline.awards.criteria import FAIL, NOT_ELIGIBLE, OUTCOME_LABEL, Decision
from pipeline.council.form import FormRow
from pipeline.council.layout import COLUMNS, PRESENT_HEADING
from pipeline.council.members import presence
from pipeline.intake.parse import parse_date, parse_number
from pipeline.issues import ERROR, Issue, make_issue
from pipeline.registers.rules import Rules
from pipeline.text import clean_text, normalise_key, plain_key, strip_accents

HEADINGS = {k: h for k, h, _, _ in COLUMNS}


def candidate_key(d: Decision) -> str:
    """Stable across runs: (campaign,) title, unit, normalised name, birth date."""
    name = strip_accents(normalise_key(d.subject)).lower().replace(" ", "_")
    return "|".join(((d.campaign,) if d.campaign else ()) + (d.title, d.unit, name,
                                                            d.birth.isoformat() if d.birth else ""))


@dataclass(frozen=True)
class Entry:
    """One candidate × title with the council's decision (``choice`` None = not decided)."""
    decision: Decision
    key: str
    position: str
    unit_name: str
    choice: str | None = None
    votes: int | None = None
    present: int | None = None
    note: str = ""
    cell: str = ""        # the decision cell in the form, for messages
    invalid_votes: int | None = None   # votes written above those present (PHIEU_VUOT_SO_DU_HOP)

    @property
    def held(self) -> bool:
        """A decision the documents cannot use until the form is corrected (like an undecided row)."""
        return self.invalid_votes is not None


@dataclass
class CouncilOutcome:
    entries: list[Entry] = field(default_factory=list)
    meeting: dict = field(default_factory=dict)      # ngay_hop, dia_diem, chu_tri, thu_ky, so_thanh_vien, so_du_hop
    issues: list[Issue] = field(default_factory=list)
    form_file: str = ""                               # the filled form used ("" when none)
    approve: str = "Đồng ý"
    reject: str = "Không đồng ý"
    defer: str = "Hoãn"
    forms: tuple = ()                                 # rule codes given as forms of commendation ("Tặng")
    campaigns: dict = field(default_factory=dict)     # campaign code -> name, in the register's order

    @property
    def decided(self) -> bool:
        return bool(self.form_file)

    @property
    def draft(self) -> bool:
        return any(e.choice is None or e.held for e in self.entries)

    def approved(self, authority: str | None = None, campaign: str | None = "") -> list[Entry]:
        """Approved cases; by default the year's titles only (``campaign=None``: all, "<code>": one campaign)."""
        return [e for e in self.entries if e.choice == self.approve and not e.held
                and (authority is None or e.decision.authority == authority)
                and (campaign is None or e.decision.campaign == campaign)]

    def section(self, d: Decision, rules: Rules) -> str:
        """The heading a case is grouped under: its campaign, or who decides the year's title."""
        if d.campaign:
            return f"Khen thưởng theo đợt: {self.campaigns.get(d.campaign, d.campaign)} ({rules.authorities[d.authority]})"
        return rules.authorities[d.authority]


def ordered(decisions: list[Decision], unit_order: dict[str, int], authorities: list[str],
            campaigns: list[str] = ()) -> list[Decision]:
    """The year's titles by who decides, then each campaign's proposals (after every title)."""
    campaigns = list(campaigns)
    return sorted(decisions, key=lambda d: (campaigns.index(d.campaign) + 1 if d.campaign in campaigns else 0,
                                            authorities.index(d.authority), unit_order.get(d.unit, 99),
                                            d.title, normalise_key(d.subject), d.birth or dt.date.min))


def decide(decisions: list[Decision], positions: dict, unit_names: dict[str, str], members: dict[str, int],
           forms: list, rules: Rules, settings, campaigns: dict | None = None) -> CouncilOutcome:
    """``positions``: (unit, name key, birth) -> position; ``members``: unit -> people evaluated;
    ``forms``: ReadResults of decision forms found in the input; ``campaigns``: code -> name."""
    out = CouncilOutcome(approve=settings.approve, reject=settings.reject, defer=settings.defer,
                         forms=tuple(settings.awarded_forms), campaigns=dict(campaigns or {}))
    order = {u: i for i, u in enumerate(unit_names)}
    entries = [Entry(d, candidate_key(d), positions.get((d.unit, normalise_key(d.subject), d.birth), ""),
                     unit_names.get(d.unit, d.unit))
               for d in ordered(decisions, order, list(rules.authorities), list(out.campaigns))]
    for res in forms:
        out.issues += res.issues
    usable = [r.submission for r in forms if r.submission is not None and r.submission.readable]
    if not usable:
        out.entries = entries
        return out
    form = _latest(usable, out.issues)
    out.form_file = form.file
    where = {"file": form.file, "sheet": form.sheet}
    out.meeting = _meeting(form, where, out.issues)
    by_key = {e.key: e for e in entries}
    seen: dict[str, Entry] = {}
    for row in form.rows:
        entry = by_key.get(row.code)
        if entry is None:
            out.issues.append(make_issue("KHONG_KHOP_TRUONG_HOP", **where, cell=row.code_address,
                                         column=HEADINGS["ma"], value=row.code or "(trống)",
                                         detail=clean_text(row.cells["doi_tuong"].value) if "doi_tuong" in row.cells else ""))
            continue
        if row.code in seen:
            out.issues.append(make_issue("TRUONG_HOP_TRUNG", **where, cell=row.code_address, column=HEADINGS["ma"],
                                         value=entry.decision.subject, expected=seen[row.code].cell))
            continue
        seen[row.code] = _entry(entry, row, out.meeting, where, settings, rules, out.issues)
    final = []
    for e in entries:
        if e.key in seen:
            final.append(seen[e.key])
            continue
        final.append(e)
        out.issues.append(make_issue("CHUA_QUYET_DINH", **where, value=f"{e.decision.subject} – "
                                     f"{rules.rules[e.decision.title].title}",
                                     detail=" (trường hợp mới, chưa có trong biểu đã điền)"))
    out.entries = final
    out.issues += _quotas(final, members, rules, settings, where)
    return out


def _latest(forms: list, issues: list[Issue]):
    def date_of(sub):
        cell = sub.header.get("ngay_hop")
        return parse_date(cell.value) if cell else None
    ranked = sorted(forms, key=lambda s: (date_of(s) or dt.date.min, s.file))
    chosen = ranked[-1]
    for s in ranked[:-1]:
        shown = lambda d: f"{d:%d/%m/%Y}" if d else "không ghi"  # noqa: E731
        issues.append(make_issue("BAN_CU_BI_THAY", file=s.file, value=shown(date_of(s)), detail=chosen.file,
                                 expected=shown(date_of(chosen))))
    return chosen


def _whole(cell, where: dict, column: str, issues: list[Issue]) -> int | None:
    if cell is None or clean_text(cell.value) == "":   # an empty cell (read as "" from a merged range)
        return None
    parsed = parse_number(cell.value, True)
    if parsed.code or parsed.percent or parsed.value is None or parsed.value < 0:
        issues.append(make_issue(parsed.code or "SO_KHONG_HOP_LE", **where, cell=cell.address, column=column,
                                 value=clean_text(cell.value), detail=parsed.detail))
        return None
    return int(parsed.value)


def _meeting(form, where: dict, issues: list[Issue]) -> dict:
    h = form.header
    out: dict = {}
    date_cell = h.get("ngay_hop")
    if date_cell and date_cell.value is not None:
        out["ngay_hop"] = parse_date(date_cell.value)
        if out["ngay_hop"] is None:
            issues.append(make_issue("NGAY_KHONG_DOC_DUOC", **where, cell=date_cell.address, column="Ngày họp",
                                     value=clean_text(date_cell.value)))
    for key in ("dia_diem", "chu_tri", "thu_ky"):
        out[key] = clean_text(h[key].value) if h.get(key) else ""
    out["so_thanh_vien"] = _whole(h.get("so_thanh_vien"), where, "Số thành viên Hội đồng", issues)
    out["so_du_hop"] = _whole(h.get("so_du_hop"), where, "Số thành viên dự họp", issues)
    _counted(form, h, where, out, issues)
    if out["so_thanh_vien"] is not None and out["so_du_hop"] is not None and out["so_du_hop"] > out["so_thanh_vien"]:
        issues.append(make_issue("DU_HOP_VUOT_THANH_VIEN", **where, cell=h["so_du_hop"].address,
                                 column="Số thành viên dự họp", value=out["so_du_hop"], expected=out["so_thanh_vien"]))
        out["so_du_hop"] = None
    out["o_du_hop"] = h["so_du_hop"].address if h.get("so_du_hop") else ""
    return out


def _counted(form, h: dict, where: dict, out: dict, issues: list[Issue]) -> None:
    """The members listed in the form (``out["thanh_vien"]``): an empty count is counted from the list
    (``out["dem_theo_danh_sach"]`` says which), a count written is checked against it."""
    members = []
    for cells in getattr(form, "members", ()):
        raw = cells["co_mat"].value
        mark = presence(raw)
        if mark is None:
            issues.append(make_issue("CO_MAT_KHONG_RO", **where, cell=cells["co_mat"].address, column=PRESENT_HEADING,
                                     value=clean_text(raw), detail=clean_text(cells["ho_ten"].value)))
        members.append({k: clean_text(c.value) for k, c in cells.items() if k != "co_mat"}
                       | {"co_mat": mark, "co_mat_ghi": clean_text(raw), "o": cells["co_mat"].address})
    named = [m for m in members if m.get("ho_ten")]
    out["thanh_vien"], out["dem_theo_danh_sach"] = named, ()
    if not named:
        return
    marks_known = all(m["co_mat"] is not None for m in named) and any(m["co_mat"] for m in named)
    counts = {"so_thanh_vien": (len(named), "Số thành viên Hội đồng"),
              "so_du_hop": (sum(1 for m in named if m["co_mat"]) if marks_known else None, "Số thành viên dự họp")}
    for key, (listed, column) in counts.items():
        if listed is None:
            continue
        if out[key] is None and (h.get(key) is None or clean_text(h[key].value) == ""):
            out[key] = listed
            out["dem_theo_danh_sach"] += (key,)
        elif out[key] is not None and out[key] != listed:
            issues.append(make_issue("SO_KHAC_DANH_SACH", **where, cell=h[key].address, column=column,
                                     value=out[key], expected=listed))


def _choice(raw: object, settings) -> str | None:
    text = plain_key(raw)
    return next((c for c in settings.choices if plain_key(c) == text), None)


def _entry(entry: Entry, row, meeting: dict, where: dict, settings, rules: Rules, issues: list[Issue]) -> Entry:
    d = entry.decision
    cells = row.cells
    title = rules.rules[d.title].title
    raw = cells["quyet_dinh"].value
    choice = _choice(raw, settings) if raw is not None else None
    if raw is not None and choice is None:
        issues.append(make_issue("LUA_CHON_KHONG_HOP_LE", **where, cell=cells["quyet_dinh"].address,
                                 column=HEADINGS["quyet_dinh"], value=clean_text(raw),
                                 expected=" / ".join(f"\"{c}\"" for c in settings.choices)))
    if choice is None:
        issues.append(make_issue("CHUA_QUYET_DINH", **where, cell=cells["quyet_dinh"].address,
                                 column=HEADINGS["quyet_dinh"], value=f"{d.subject} – {title}"))
    office = meeting.get("so_thanh_vien")
    present = _whole(cells.get("du_hop"), where, HEADINGS["du_hop"], issues)
    if present is not None and office is not None and present > office:
        issues.append(make_issue("DU_HOP_VUOT_THANH_VIEN", **where, cell=cells["du_hop"].address,
                                 column=HEADINGS["du_hop"], value=present, expected=office))
        present = None
    present = present if present is not None else meeting.get("so_du_hop")
    votes = _whole(cells.get("so_phieu"), where, HEADINGS["so_phieu"], issues)
    invalid = None
    if votes is not None and present is not None and votes > present:
        issues.append(make_issue("PHIEU_VUOT_SO_DU_HOP", **where, cell=cells["so_phieu"].address,
                                 column=HEADINGS["so_phieu"], value=votes, expected=present))
        votes, invalid = None, votes
    if choice == settings.approve and d.outcome == NOT_ELIGIBLE:
        failed = "; ".join(c.text for c in d.criteria if c.result == FAIL)
        issues.append(make_issue("DONG_Y_KHONG_DU_DIEU_KIEN", **where, cell=cells["quyet_dinh"].address,
                                 column=HEADINGS["quyet_dinh"], value=f"{d.subject} – {title}", detail=failed))
    threshold = rules.param("hoi_dong_ty_le_phieu_toi_thieu")
    if choice == settings.approve and threshold is not None and votes is not None and present:
        share = votes * 100 / present
        if share < float(threshold):
            issues.append(make_issue("TY_LE_PHIEU_THAP", **where, cell=cells["so_phieu"].address,
                                     column=HEADINGS["so_phieu"], value=f"{votes}/{present}",
                                     detail=f"{share:.2f}".replace(".", ",") + "%", expected=f"{threshold}%"))
    note = clean_text(cells["ghi_chu"].value) if cells.get("ghi_chu") else ""
    return Entry(d, entry.key, entry.position, entry.unit_name, choice, votes, present, note, cells["quyet_dinh"].address,
                 invalid)


QUOTAS = {  # title: (parameter, what the ratio applies to)
    "LDTT": ("ldtt_max_ratio", "people"),
    "CSTDCS": ("cstdcs_max_ratio_of_ldtt", "LDTT"),
}


def _quotas(entries: list[Entry], members: dict[str, int], rules: Rules, settings, where: dict) -> list[Issue]:
    """Approvals above a unit's quota: the approvals after the first ``floor(ratio × base)``."""
    out = []
    for title, (param, base) in QUOTAS.items():
        ratio = rules.param(param)
        if ratio is None:
            continue
        for unit in dict.fromkeys(e.decision.unit for e in entries):
            mine = [e for e in entries if e.decision.unit == unit and e.decision.title == title and e.choice == settings.approve]
            if not mine:
                continue
            n = members.get(unit, 0) if base == "people" else sum(
                1 for e in entries if e.decision.unit == unit and e.decision.title == base and e.choice == settings.approve)
            limit = math.floor(float(ratio) * n + 1e-9)
            for e in mine[limit:]:
                out.append(make_issue("VUOT_TY_LE_KHEN", **where, cell=e.cell, column=HEADINGS["quyet_dinh"],
                                      value=e.decision.subject, detail=rules.rules[title].title,
                                      expected=f"{limit} (tỷ lệ {float(ratio) * 100:g}% của {n})".replace(".", ","),
                                      unit=unit))
    return out


def form_rows(outcome: CouncilOutcome, rules: Rules) -> list[FormRow]:
    """The rows of the decision form to write: every candidate, with the decisions already taken."""
    rows = []
    for e in outcome.entries:
        d = e.decision
        rows.append(FormRow(e.key, outcome.section(d, rules), {
            "don_vi": e.unit_name, "doi_tuong": d.subject, "ngay_sinh": d.birth, "chuc_vu": e.position,
            "danh_hieu": rules.rules[d.title].title, "de_nghi": "Đề nghị" if d.proposed else "Gợi ý",
            "ket_qua": OUTCOME_LABEL[d.outcome], "ly_do": d.reason, "quyet_dinh": e.choice,
            "so_phieu": e.votes if e.votes is not None else e.invalid_votes,   # kept for the officer to correct
            "du_hop": e.present if e.present != outcome.meeting.get("so_du_hop") else None, "ghi_chu": e.note}))
    return rows


def has_errors(issues: list[Issue]) -> bool:
    return any(i.severity == ERROR for i in issues)
