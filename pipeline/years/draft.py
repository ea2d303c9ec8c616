"""A Word draft of the results part of the sơ kết / tổng kết report: per period, the count of
targets met, then each target in the plan's order with its result, its target, the same period
of the earlier year and the change. Every figure is the workbook's (the same results and
comparisons); the council edits the draft in Word."""

from __future__ import annotations

from pathlib import Path

from pipeline.indicators.aggregate import WARD
from pipeline.indicators.evaluate import STATUS_LABEL
from pipeline.indicators.sheets import answer_text, decimals_for, percent_shown
from pipeline.indicators.templates import format_target
from pipeline.registers.model import Registers
from pipeline.report.files import atomic_path, freeze_zip
from pipeline.report.frame import vn
from pipeline.report.template_kit import FIXED_TIMESTAMP
from pipeline.years.compare import short, summary

DRAFT_NAME = "du_thao_ket_qua_chi_tieu_{year}.docx"


def result_text(r) -> str:
    """"đạt 99,64 %" / "Có" / "chưa có số liệu (…)" as the draft states a result."""
    t = r.target
    if r.answer is not None:
        return answer_text(r.answer, t.kind)
    if r.value is None:
        why = ("; ".join(r.missing) if r.missing else r.note).rstrip(". ")
        return "chưa có số liệu" + (f" ({why})" if why else "")
    places = decimals_for(r.value, r.goal, t.unit_of_measure)
    text = f"{vn(r.value, places)} {t.unit_of_measure}".strip()
    percent = percent_shown(r.percent_of_goal)
    if percent is not None:
        text += f", bằng {vn(percent, 2)} % chỉ tiêu"
    return text


def target_sentence(r, c) -> str:
    t = r.target
    goal = format_target(t)
    goal = "chưa được giao chỉ tiêu" if goal == "Chưa có chỉ tiêu" else f"chỉ tiêu {goal}"
    text = f"{t.plan_text.rstrip('. ;')}: kết quả {result_text(r)} ({goal})"
    first = c.first if c is not None else None
    if first is not None and first.answer is not None:
        was = answer_text(first.answer, t.kind)
        text += f"; cùng kỳ năm {first.year}: {was}"
    elif first is not None and first.value is not None:
        text += f"; {c.phrase} (năm {first.year}: {short(first.value)} {t.unit_of_measure})".replace(" )", ")")
    elif c is not None:
        text += f"; {c.phrase}"
    status = STATUS_LABEL[r.status].lower() + (", tạm tính" if r.provisional else "")
    return f"{text}. Đánh giá: {status}."


def write_draft(path: Path, reg: Registers, results, comparisons: dict, sources: list[str]) -> None:
    """Written in a process of its own, beside the workbook: python-docx is imported there only."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    style.element.rPr.rFonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia",
                                 "Times New Roman")
    style.paragraph_format.space_after = Pt(6)
    doc.core_properties.created = doc.core_properties.modified = FIXED_TIMESTAMP
    doc.core_properties.last_printed = FIXED_TIMESTAMP
    doc.core_properties.title = f"Dự thảo kết quả thực hiện chỉ tiêu thi đua năm {reg.year}"
    doc.core_properties.author = reg.settings["co_quan"]["hoi_dong"]
    doc.core_properties.revision = 1

    mark = doc.add_paragraph()
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    mark.add_run("DỰ THẢO").bold = True
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA NĂM {reg.year}").bold = True
    note = doc.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.add_run(f"(Phần kết quả của báo cáo sơ kết, tổng kết; theo {reg.plan_reference}; số liệu từ bảng "
                 f"tổng hợp bao_cao_thi_dua_{reg.year}.xlsx, so sánh với "
                 + ("; ".join(sources) if sources else "— chưa có số liệu năm trước") + ")").italic = True
    ward = {(r.target.code, r.period): r for r in results if r.scope == WARD}
    for i, p in enumerate(reg.periods, start=1):
        title = doc.add_paragraph()
        title.paragraph_format.space_before = Pt(12)
        title.add_run(f"{i}. {p.name}, đến ngày {p.end:%d/%m/%Y}").bold = True
        lead = doc.add_paragraph(f"Toàn {reg.commune_kind} có {summary(results, p.code)}.")
        lead.paragraph_format.first_line_indent = Cm(1)
        lead.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for t in reg.targets:
            r = ward.get((t.code, p.code))
            if r is None:
                continue
            para = doc.add_paragraph(f"- {target_sentence(r, comparisons.get((t.code, p.code, WARD)))}")
            para.paragraph_format.first_line_indent = Cm(1)
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
        freeze_zip(tmp)
