"""Write the consolidated workbook: the overview, then each room's sheets in reading order.

Every file is written to a temporary name in the output folder and moved into place only when
complete, so a crash never leaves a half-written file. Strings are written as strings: no input
text ever becomes a formula or a link (xlsxwriter's ``strings_to_formulas``/``strings_to_urls``
are off). Document metadata is fixed so that the same inputs give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.awards.criteria import OUTCOME_LABEL
from pipeline.awards.sheets import write_award_sheets
from pipeline.council.bonus_sheet import bonus_sheet
from pipeline.council.sheet import approved_counts, council_sheet
from pipeline.indicators.aggregate import WARD
from pipeline.indicators.charts import charts_sheet
from pipeline.indicators.evaluate import STATUS_LABEL, STATUSES, Result
from pipeline.indicators.sheets import STATUS_COLOURS, khom_sheet, ward_sheet
from pipeline.issues import Issue
from pipeline.registers.model import Registers
from pipeline.report.files import atomic_path
from pipeline.report.frame import Formats, RunFacts, fit_height, page, signature, title
from pipeline.report.issue_sheets import issues_sheet, provenance_sheet
from pipeline.report.template_kit import FIXED_TIMESTAMP
from pipeline.report.xlsx import Workbook
from pipeline.submissions.sheets import register_sheet
from pipeline.years.archive import write_hidden
from pipeline.years.sheet import comparison_sheet

WORKBOOK_NAME = "bao_cao_thi_dua_{year}.xlsx"


def write_workbook(path: Path, reg: Registers, results: list[Result], register: pd.DataFrame,
                   issues: list[Issue], facts: RunFacts, awards=None, council=None, same=None) -> None:
    """``same``: the comparison with earlier years (years.earlier.SamePeriod), its sheet and the
    hidden table the next year reads."""
    with atomic_path(path) as tmp:
        wb = Workbook(tmp, {"strings_to_numbers": False})
        wb.set_properties({"title": f"Báo cáo tổng hợp thi đua năm {reg.year}",
                           "author": reg.settings["co_quan"]["hoi_dong"],
                           "company": reg.settings["co_quan"]["ten_co_quan"], "created": FIXED_TIMESTAMP})
        fmt = Formats(wb)
        _info_sheet(wb, fmt, reg, results, register, issues, facts, awards, council)
        charts_sheet(wb, fmt, reg, results, register, lambda ws, text, width, sub="": title(ws, fmt, text, width, facts, sub))
        ward_sheet(wb, fmt, reg, results, facts)
        khom_sheet(wb, fmt, reg, results, facts)
        if same is not None:
            comparison_sheet(wb, fmt, reg, results, same.comparisons, same.earlier.sources, facts,
                             lambda ws, text, width, sub="": title(ws, fmt, text, width, facts, sub), same.history)
        register_sheet(wb, fmt, reg, register, facts)
        if awards is not None:
            write_award_sheets(wb, fmt, reg, facts.rules, awards,
                               lambda ws, text, width, sub="": title(ws, fmt, text, width, facts, sub),
                               page, fit_height, lambda ws, row, width: signature(ws, fmt, row, width, facts))
        if council is not None:
            council_sheet(wb, fmt, reg, facts.rules, council,
                          lambda ws, text, width, sub="": title(ws, fmt, text, width, facts, sub), page)
        if awards is not None and facts.rules is not None and facts.rules.bonus is not None:
            bonus_sheet(wb, fmt, reg, facts.rules, awards, council,
                        lambda ws, text, width, sub="": title(ws, fmt, text, width, facts, sub), page)
        issues_sheet(wb, fmt, reg, issues, facts)
        provenance_sheet(wb, fmt, reg, facts)
        if same is not None:
            write_hidden(wb, same.figures)
        wb.close()


def _eligibility_counts(ws, fmt, row: int, awards, rules) -> int:
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center")
    outcomes = list(OUTCOME_LABEL)
    ws.write_string(row, 0, "Xét danh hiệu, khen thưởng (số trường hợp)", head)
    for i, o in enumerate(outcomes):
        ws.write_string(row, 1 + i, OUTCOME_LABEL[o], head)
    for code, rule in rules.rules.items():
        mine = [d for d in awards.decisions if d.title == code]
        if not mine:
            continue
        row += 1
        who = {'tap_the': 'tập thể', 'khom': 'khóm', 'ho_gia_dinh': 'hộ gia đình'}.get(rule.subject, 'cá nhân')
        ws.write_string(row, 0, f"{rule.title} ({who})", fmt(border=1))
        for i, o in enumerate(outcomes):
            ws.write_number(row, 1 + i, sum(1 for d in mine if d.outcome == o), fmt(border=1, align="center"))
    return row


def _info_sheet(wb, fmt, reg, results, register, issues, facts: RunFacts, awards=None, council=None) -> None:
    ws = wb.add_worksheet("Tổng quan")
    ws.set_column(0, 0, 46)
    ws.set_column(1, 5, 20)
    co_quan = reg.settings["co_quan"]
    # A cover and summary, not a signed document: no "Số:" line and no signature (each sheet
    # that follows carries its own).
    row = title(ws, fmt, f"BÁO CÁO TỔNG HỢP THI ĐUA NĂM {reg.year}", 5, facts, co_quan["hoi_dong"], numbered=False)
    ws.write_string(row, 0, f"Căn cứ: {reg.plan_reference}.", fmt(text_wrap=False))
    row += 2
    head = fmt(bold=True, border=1, bg_color="#D9E1F2", align="center")
    ws.write_string(row, 0, f"Kết quả chỉ tiêu toàn {reg.commune_kind}", head)
    for i, p in enumerate(reg.periods):
        ws.write_string(row, 1 + i, p.name, head)
    for status in STATUSES:
        row += 1
        ws.write_string(row, 0, STATUS_LABEL[status], fmt(border=1, bg_color=STATUS_COLOURS[status]))
        for i, p in enumerate(reg.periods):
            n = sum(1 for r in results if r.scope == WARD and r.period == p.code and r.status == status)
            ws.write_number(row, 1 + i, n, fmt(border=1, align="center"))
    row += 1
    ws.write_string(row, 0, "Trong đó tạm tính (còn đơn vị chưa có số liệu)", fmt(border=1, italic=True))
    for i, p in enumerate(reg.periods):
        n = sum(1 for r in results if r.scope == WARD and r.period == p.code and r.provisional)
        ws.write_number(row, 1 + i, n, fmt(border=1, align="center"))
    row += 2
    ws.write_string(row, 0, "Báo cáo của các đơn vị", head)
    for i, p in enumerate(reg.periods):
        ws.write_string(row, 1 + i, p.name, head)
    expected = register[register["trang_thai"] != "khong_xac_dinh"]
    for label, states in (("Đã nộp, dùng được", ("hop_le", "co_loi")), ("Chưa nộp", ("chua_nop",)),
                          ("Xung đột, không dùng", ("xung_dot",))):
        row += 1
        ws.write_string(row, 0, label, fmt(border=1))
        for i, p in enumerate(reg.periods):
            mine = expected[(expected["ky"] == p.code) & expected["trang_thai"].isin(states)]
            ws.write_number(row, 1 + i, mine[["ma_don_vi", "loai_bao_cao"]].drop_duplicates().shape[0],
                            fmt(border=1, align="center"))
    if awards is not None:
        row += 2
        row = _eligibility_counts(ws, fmt, row, awards, facts.rules)
    if council is not None and council.decided:
        row = approved_counts(ws, fmt, row + 2, council, facts.rules)
    row += 2
    errors = sum(1 for i in issues if i.severity == "loi")
    ws.write_string(row, 0, f"Lỗi số liệu: {errors}; cảnh báo: {len(issues) - errors} (xem trang \"Lỗi dữ liệu\").",
                    fmt(text_wrap=False))
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N")
    ws.activate()
