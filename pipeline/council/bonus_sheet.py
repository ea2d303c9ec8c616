"""The workbook's "Tiền thưởng" sheet: the bonus totals by paying level (the level that decides
pays), from the council's approvals once its form is read, the tool's eligible cases before; the
rule set in force, the lương cơ sở used, and what is unverified or not yet confirmed."""

from __future__ import annotations

from pipeline.awards.criteria import ELIGIBLE
from pipeline.council.bonus import HOUSEHOLDS, KIND_WORD, count_of, names
from pipeline.registers.law import NOT_ENOUGH, money
from pipeline.report.frame import table_header

SHEET = "Tiền thưởng"
HEADINGS = [("STT", 5), ("Danh hiệu, hình thức", 40), ("Số lượng", 10), ("Hệ số", 8), ("Mức thưởng (đồng)", 16),
            ("Thành tiền (đồng)", 18), ("Ghi chú", 34)]


def _payable(d) -> bool:
    """A khóm whose households recognised exceed those evaluated (or are not given) is held out of
    the decision (council/households.py), so out of the totals too."""
    return d.kind != HOUSEHOLDS or (d.households is not None and d.households[0] <= d.households[1])


def cases(awards, council) -> tuple[list, str]:
    """The decisions paid for (the year's titles and every campaign's Giấy khen), and where they come
    from (said under the title)."""
    if council is not None and council.decided:
        return ([e.decision for e in council.approved(campaign=None) if _payable(e.decision)],
                "Số lượng: các trường hợp Hội đồng đồng ý (biểu kết quả họp).")
    # before the meeting: what the units proposed and the tool found eligible (not its mere suggestions)
    return ([d for d in awards.decisions if d.outcome == ELIGIBLE and d.proposed and _payable(d)],
            "Số lượng: các trường hợp đơn vị đề nghị và đủ điều kiện theo kết quả xét của công cụ (chưa có kết quả "
            "họp Hội đồng); dự kiến, chưa phải số chi.")


def multiple_note(b, title: str, titles: dict[str, str]) -> str:
    """"1,5 lần mức Giấy khen … (cá nhân)" for an amount worked from another title's, else ""."""
    if title not in b.multiples:
        return ""
    times, of = b.multiples[title]
    return f"{times:g}".replace(".", ",") + f" lần mức {titles.get(of, of)}"


def facts_lines(rules, decisions=(), chosen=()) -> list[str]:
    """The rule set, the lương cơ sở and rounding used, and what the council must still confirm;
    with a newer set applied where it favours the person, both dates and how many were decided so."""
    law, b = rules.law, rules.bonus
    lines = [f"Bộ quy định áp dụng: {law.name} (có hiệu lực từ {law.effective:%d/%m/%Y}; chọn theo ngày nhận hồ sơ "
             f"{law.deciding_date:%d/%m/%Y})."]
    if law.decided_on and law.decided_on != law.deciding_date:
        lines.append(f"Ngày xét, quyết định khen thưởng: {law.decided_on:%d/%m/%Y}.")
    if law.favourable:
        count = lambda ds: len({(d.subject, d.unit, d.birth) for d in ds if d.favourable})  # noqa: E731
        lines.append(f"Quy định chuyển tiếp: hồ sơ nhận trước ngày {law.favourable.effective:%d/%m/%Y}, xét từ ngày "
                     f"này, nên áp dụng {law.favourable.name} cho người nào quy định này có lợi hơn (chỉ các điểm Hội "
                     f"đồng đã xác nhận); số người được xét theo quy định có lợi hơn: {count(decisions)} (trong số "
                     f"trường hợp tính tiền thưởng dưới đây: {count(chosen)}).")
    if b.base_pay is not None:
        lines.append(f"Mức lương cơ sở: {money(b.base_pay)} tại ngày {b.base_date:%d/%m/%Y}"
                     + (f" ({b.base_source})" if b.base_source else "") + ".")
    if b.step is not None:
        lines.append(f"Làm tròn tiền thưởng lên bội số của {money(b.step)}.")
    if b.missing:
        lines.append(f"Còn thiếu: {'; '.join(b.missing)} (ghi ở {b.where}).")
    lines += [f"Chưa áp dụng vì Hội đồng chưa xác nhận: {o.text} (mã {o.code})." for o in law.pending_options()]
    lines += [f"Chưa xác minh: {text}" for text in law.unverified]
    return lines


def bonus_sheet(wb, fmt, reg, rules, awards, council, title_fn, page_fn) -> None:
    ws = wb.add_worksheet(SHEET)
    width = len(HEADINGS)
    chosen, source = cases(awards, council)
    row = title_fn(ws, f"TIỀN THƯỞNG THEO CẤP CHI TRẢ NĂM {reg.year}", width,
                   "(Cấp quyết định khen thưởng chi tiền thưởng từ quỹ thi đua, khen thưởng của cấp đó)")
    for line in [source, *facts_lines(rules, awards.decisions, chosen)]:
        ws.merge_range(row, 0, row, width - 1, line, fmt(text_wrap=True, valign="top"))
        ws.set_row(row, 15 * (1 + len(line) // 120) + 2)
        row += 1
    row += 1
    table_header(ws, fmt, row, HEADINGS)
    header_row = row
    cell, amount_fmt = fmt(border=1), fmt(border=1, num_format="#,##0")
    titles = names(rules)
    for code, heading in rules.authorities.items():
        mine = [d for d in chosen if d.authority == code]
        if not mine:
            continue
        decider = rules.authority_details[code]["nguoi_quyet_dinh"]
        row += 1
        ws.merge_range(row, 0, row, width - 1, f"{heading} – {decider} chi trả",
                       fmt(bold=True, border=1, bg_color="#FCE4D6"))
        known, n = 0, 0
        unknown = []
        for title in dict.fromkeys(d.title for d in mine):
            group = [d for d in mine if d.title == title]
            count = sum(count_of(d) for d in group)
            kind = KIND_WORD.get(group[0].kind, "")
            factor, each = rules.bonus.factor(title), rules.bonus.amount(title)
            row += 1
            n += 1
            ws.write_number(row, 0, n, fmt(border=1, align="center"))
            ws.write_string(row, 1, f"{rules.rules[title].title} ({kind})", cell)
            ws.write_number(row, 2, count, cell)
            if factor is None:
                ws.write_string(row, 3, "", cell)
            else:
                ws.write_number(row, 3, factor, fmt(border=1, num_format="0.0#"))
            if each is None:
                ws.write_string(row, 4, "", cell)
                ws.write_string(row, 5, "", cell)
                ws.write_string(row, 6, NOT_ENOUGH, fmt(border=1, bg_color="#FFEB9C"))
                unknown.append(title)
            else:
                ws.write_number(row, 4, each, amount_fmt)
                ws.write_number(row, 5, each * count, amount_fmt)
                ws.write_string(row, 6, multiple_note(rules.bonus, title, titles), cell)
                known += each * count
        row += 1
        ws.merge_range(row, 0, row, 4, f"Cộng: {decider} chi trả", fmt(bold=True, border=1, align="right"))
        if unknown or rules.bonus.missing:
            needs = rules.bonus.needs(unknown, titles)
            ws.merge_range(row, 5, row, 6, f"{NOT_ENOUGH} (thiếu: {'; '.join(needs)})",
                           fmt(bold=True, border=1, bg_color="#FFEB9C", text_wrap=True))
            ws.set_row(row, 15 * (1 + len("; ".join(needs)) // 45) + 2)
        else:
            ws.write_number(row, 5, known, fmt(bold=True, border=1, num_format="#,##0"))
            ws.write_string(row, 6, money(known), fmt(bold=True, border=1))
    if not chosen:
        row += 1
        ws.write_string(row, 0, "Chưa có trường hợp nào.", fmt(italic=True, text_wrap=False))
    page_fn(ws, True, header_row)
