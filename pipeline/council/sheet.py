"""The workbook's "Kết quả họp Hội đồng" sheet and the overview's approvals per title."""

from __future__ import annotations

from pipeline.awards.criteria import ELIGIBLE, OUTCOME_LABEL
from pipeline.awards.sheets import KIND_LABEL
from pipeline.council import counts
from pipeline.text import lines_needed

SHEET = "Kết quả họp Hội đồng"
UNDECIDED = "Chưa quyết định"
HEADINGS = [("STT", 5), ("Đơn vị", 20), ("Cá nhân / tập thể", 24), ("Danh hiệu, hình thức", 24),
            ("Kết quả xét của công cụ", 16), ("Quyết định của Hội đồng", 14), ("Số phiếu đồng ý / dự họp", 12),
            ("Khác kết quả của công cụ", 30), ("Ghi chú", 20)]


def conflict(entry, approve: str) -> str:
    """How the council's decision differs from the tool's result ("" when it agrees)."""
    outcome = entry.decision.outcome
    if entry.choice == approve and outcome != ELIGIBLE:
        return f"Đồng ý trong khi công cụ xét: {OUTCOME_LABEL[outcome].lower()}"
    if entry.choice is not None and entry.choice != approve and outcome == ELIGIBLE:
        return f"{entry.choice} trong khi công cụ xét: đủ điều kiện"
    return ""


def council_sheet(wb, fmt, reg, rules, outcome, title_fn, page_fn) -> None:
    ws = wb.add_worksheet(SHEET)
    width = len(HEADINGS)
    meeting = outcome.meeting
    date = meeting.get("ngay_hop")
    subtitle = (f"Biểu đã điền: {outcome.form_file}; họp ngày {date:%d/%m/%Y}" if date else
                f"Biểu đã điền: {outcome.form_file}") if outcome.decided else \
        "Chưa có biểu kết quả họp đã điền trong thư mục vào; điền biểu mẫu trong output/ sau cuộc họp."
    row = title_fn(ws, f"KẾT QUẢ HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG NĂM {reg.year}", width, subtitle)
    if outcome.decided:
        facts = (f"Chủ trì: {meeting.get('chu_tri') or '…'}; thư ký: {meeting.get('thu_ky') or '…'}; "
                 f"thành viên dự họp: {_n(meeting.get('so_du_hop'))}/{_n(meeting.get('so_thanh_vien'))}.")
        ws.write_string(row, 0, facts + (" Còn trường hợp chưa quyết định: các văn bản là DỰ THẢO." if outcome.draft
                                         else ""), fmt(text_wrap=False, bold=outcome.draft))
        row += 2
    head = fmt(bold=True, align="center", valign="vcenter", border=1, bg_color="#D9E1F2")
    for c, (text, w) in enumerate(HEADINGS):
        ws.write_string(row, c, text, head)
        ws.set_column(c, c, w)
    header_row = row
    cell, flagged = fmt(border=1), fmt(border=1, bg_color="#FFEB9C")
    current, number = None, 0
    for e in outcome.entries:
        d = e.decision
        if outcome.section(d, rules) != current:     # who decides; each campaign its own section
            current = outcome.section(d, rules)
            row += 1
            ws.merge_range(row, 0, row, width - 1, current, fmt(bold=True, border=1, bg_color="#FCE4D6"))
        row += 1
        number += 1
        differs = conflict(e, outcome.approve)
        votes = f"{e.votes if e.votes is not None else '…'}/{e.present if e.present is not None else '…'}"
        texts = [str(number), e.unit_name, d.subject, rules.rules[d.title].title, OUTCOME_LABEL[d.outcome],
                 e.choice or UNDECIDED, votes if e.choice else "", differs, e.note]
        for c, text in enumerate(texts):
            ws.write_string(row, c, text, flagged if (differs or not e.choice) and c in (5, 7) else cell)
    page_fn(ws, True, header_row)


def _n(value) -> str:
    return "…" if value is None else str(value)


def approved_counts(ws, fmt, row: int, outcome, rules) -> int:
    """Overview: per title, how many cases the council approved, rejected, deferred, left open, with
    the total the minutes state; then what each document after the meeting names (``documents_counts``)."""
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center")
    columns = [outcome.approve, outcome.reject, outcome.defer, UNDECIDED, "Trong đó số phiếu không hợp lệ"]
    ws.write_string(row, 0, "Hội đồng quyết định (số trường hợp)", head)
    for i, label in enumerate(columns):
        ws.write_string(row, 1 + i, label, head)
    # the subject as in the eligibility table above it: the two Giấy khen titles share one name
    groups = [(f"{rule.title} ({KIND_LABEL.get(rule.subject, KIND_LABEL['ca_nhan']).lower()})",
               [e for e in outcome.entries if e.decision.title == code and not e.decision.campaign])
              for code, rule in rules.rules.items()]
    groups += [(f"Theo đợt: {name}", [e for e in outcome.entries if e.decision.campaign == code])
               for code, name in outcome.campaigns.items()]
    groups.append(("Tổng cộng (như Biên bản họp)", outcome.entries))
    for label, mine in groups:
        if not mine:
            continue
        row += 1
        ws.write_string(row, 0, label, fmt(border=1))
        ws.set_row(row, 15 * lines_needed(label, 46) + 2)   # a long campaign name wraps inside its row
        # an approval whose vote count is invalid counts as not yet decided, as in the documents
        n = counts.choice_counts(mine, outcome.approve, outcome.reject, outcome.defer)
        for i, key in enumerate(("approve", "reject", "defer", "undecided", "held")):
            ws.write_number(row, 1 + i, n[key], fmt(border=1, align="center"))
    return documents_counts(ws, fmt, row + 2, outcome, rules)


def documents_counts(ws, fmt, row: int, outcome, rules) -> int:
    """Overview: each document after the meeting with the individuals, collectives and households
    it names (each once) and the titles and forms they receive, as the document itself counts them."""
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center")
    ws.write_string(row, 0, "Văn bản sau họp (mỗi cá nhân, tập thể tính một lần)", head)
    chair = rules.authority_details[rules.own_authority]["nguoi_quyet_dinh"]
    for i, label in enumerate(("Cá nhân", "Tập thể", "Hộ gia đình", "Lượt khen thưởng",
                                f"Trong đó hình thức {chair} tặng")):
        ws.write_string(row, 1 + i, label, head)
    approved = outcome.approved()
    own = rules.own_authority
    documents = [("Quyết định khen thưởng (Điều 1)", [e for e in approved if e.decision.authority == own], True),
                 ("Tờ trình đề nghị cấp trên", [e for e in approved if e.decision.authority != own], False)]
    documents += [(f"Quyết định khen thưởng theo đợt: {name}", outcome.approved(campaign=code), True)
                  for code, name in outcome.campaigns.items()]
    for label, mine, decision in documents:
        if not mine:
            continue
        row += 1
        t = counts.tally(mine, outcome.forms)
        ws.write_string(row, 0, label, fmt(border=1))
        ws.set_row(row, 15 * lines_needed(label, 46) + 2)
        for i, n in enumerate((t.people, t.groups, t.households + t.homes, t.awards) + ((t.forms,) if decision else ())):
            ws.write_number(row, 1 + i, n, fmt(border=1, align="center"))
    return row
