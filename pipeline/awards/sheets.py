"""The award part of the outputs: consolidated registration, eligibility grouped by who decides,
khóm văn hóa and gia đình văn hóa, the proposals for higher levels, and every criterion in detail."""

from __future__ import annotations

import pandas as pd

from pipeline.awards.criteria import COUNCIL, CRITERION_LABEL, ELIGIBLE, MISSING, NOT_ELIGIBLE, OUTCOME_LABEL, Decision
from pipeline.registers.model import Registers
from pipeline.registers.rules import Rules

KIND_LABEL = {"ca_nhan": "Cá nhân", "tap_the": "Tập thể", "khom": "Khóm", "ho_gia_dinh": "Hộ gia đình",
              "ho": "Hộ gia đình"}
OUTCOME_COLOURS = {ELIGIBLE: "#C6EFCE", NOT_ELIGIBLE: "#FFC7CE", MISSING: "#E7E6E6", COUNCIL: "#FFEB9C"}


def _sorted(decisions: list[Decision], reg: Registers, rules: Rules) -> list[Decision]:
    order = {u.code: i for i, u in enumerate(reg.units)}
    authority = list(rules.authorities)
    return sorted(decisions, key=lambda d: (authority.index(d.authority), order.get(d.unit, 99), d.title,
                                            d.subject))


def decision_frame(decisions: list[Decision], reg: Registers, rules: Rules) -> pd.DataFrame:
    names = {u.code: u.name for u in reg.units}
    records = [{
        "doi_tuong": d.subject, "loai": d.kind, "don_vi": d.unit, "ten_don_vi": names.get(d.unit, ""),
        "ngay_sinh": d.birth.isoformat() if d.birth else "", "danh_hieu": rules.rules[d.title].title,
        "ma_quy_tac": d.title, "de_nghi": "de_nghi" if d.proposed else "goi_y", "ket_qua": d.outcome,
        "ly_do": d.reason, "tham_quyen": d.authority, "can_cu": rules.rules[d.title].citation, "tep": d.file,
    } for d in _sorted(decisions, reg, rules)]
    return pd.DataFrame.from_records(records, columns=[
        "doi_tuong", "loai", "don_vi", "ten_don_vi", "ngay_sinh", "danh_hieu", "ma_quy_tac", "de_nghi", "ket_qua",
        "ly_do", "tham_quyen", "can_cu", "tep"])


def criteria_frame(decisions: list[Decision], reg: Registers, rules: Rules) -> pd.DataFrame:
    records = [{
        "doi_tuong": d.subject, "loai": d.kind, "don_vi": d.unit, "ma_quy_tac": d.title,
        "danh_hieu": rules.rules[d.title].title, "tieu_chi": c.code,
        "mo_ta": rules.rules[d.title].criteria.get(c.code, ""), "ket_qua": c.result, "giai_thich": c.text,
        "gia_tri": c.value, "nguon": c.source, "tep": d.file,
    } for d in _sorted(decisions, reg, rules) for c in d.criteria]
    return pd.DataFrame.from_records(records, columns=[
        "doi_tuong", "loai", "don_vi", "ma_quy_tac", "danh_hieu", "tieu_chi", "mo_ta", "ket_qua", "giai_thich",
        "gia_tri", "nguon", "tep"])


def write_award_sheets(wb, fmt, reg: Registers, rules: Rules, awards, title_fn, page_fn, fit_fn, sign_fn) -> None:
    """Sheets in the order the council reads them; ``title_fn``, ``page_fn``, ``fit_fn`` and
    ``sign_fn`` are the workbook's shared header, print set-up, row-height and signature writers."""
    _registration_sheet(wb, fmt, reg, rules, awards.registrations, title_fn, page_fn, fit_fn, sign_fn)
    people = [d for d in awards.decisions if d.kind == "ca_nhan"]
    groups = [d for d in awards.decisions if d.kind == "tap_the"]
    khom = [d for d in awards.decisions if d.kind in ("khom", "ho_gia_dinh")]
    higher = [d for d in awards.decisions if d.authority == "cap_tinh" and d.outcome != NOT_ELIGIBLE]
    _decision_sheet(wb, fmt, reg, rules, "Khen thưởng cá nhân", "KẾT QUẢ XÉT DANH HIỆU, KHEN THƯỞNG CÁ NHÂN",
                    people, True, title_fn, page_fn, fit_fn, sign_fn)
    _decision_sheet(wb, fmt, reg, rules, "Khen thưởng tập thể", "KẾT QUẢ XÉT DANH HIỆU, KHEN THƯỞNG TẬP THỂ",
                    groups, False, title_fn, page_fn, fit_fn, sign_fn)
    _decision_sheet(wb, fmt, reg, rules, "Khóm văn hóa - GĐVH", "KẾT QUẢ XÉT KHÓM VĂN HÓA, GIA ĐÌNH VĂN HÓA",
                    khom, False, title_fn, page_fn, fit_fn, sign_fn)
    _decision_sheet(wb, fmt, reg, rules, "Đề nghị cấp tỉnh", rules.law.texts["de_nghi_cap_tinh"].upper(),
                    higher, True, title_fn, page_fn, fit_fn, sign_fn)
    _criteria_sheet(wb, fmt, reg, rules, awards.decisions, title_fn, page_fn, fit_fn)


def _registration_sheet(wb, fmt, reg, rules, frame: pd.DataFrame, title_fn, page_fn, fit_fn, sign_fn) -> None:
    ws = wb.add_worksheet("Đăng ký thi đua")
    headings = [("STT", 5), ("Đơn vị", 26), ("Tập thể / cá nhân", 24), ("Chức vụ", 20), ("Ngày sinh", 11),
                ("Danh hiệu đăng ký", 24), ("Hình thức khen thưởng đăng ký", 28), ("Tệp", 30)]
    row = title_fn(ws, f"DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM {reg.year}", len(headings),
                   f"({rules.law.texts['dang_ky']} theo {rules.law.plan_section}{reg.plan_reference})")
    row = _header(ws, fmt, row, headings, fit_fn)
    header_row = row - 1
    for n, r in enumerate(frame.itertuples(index=False), start=1):
        birth = "" if not r.ngay_sinh else "/".join(reversed(r.ngay_sinh.split("-")))
        values = [str(n), r.ten_don_vi, r.doi_tuong if r.loai == "ca_nhan" else f"Tập thể: {r.doi_tuong}",
                  r.chuc_vu, birth, r.danh_hieu, r.hinh_thuc, r.tep]
        for c, v in enumerate(values):
            if c == 0:   # numbers stay numbers
                ws.write_number(row, c, n, fmt(border=1, align="center", bold=r.loai != "ca_nhan"))
            else:
                ws.write_string(row, c, v, fmt(border=1, bold=r.loai != "ca_nhan"))
        fit_fn(ws, row, [(v, headings[c][1], 11) for c, v in enumerate(values)])
        row += 1
    if frame.empty:
        ws.write_string(row, 0, "Chưa có đơn vị nào nộp đăng ký thi đua.", fmt(italic=True, text_wrap=False))
    ws.autofilter(header_row, 0, max(row - 1, header_row), len(headings) - 1)
    ws.freeze_panes(header_row + 1, 0)
    sign_fn(ws, row + 1, len(headings))
    page_fn(ws, True, header_row)


def _header(ws, fmt, row: int, headings, fit_fn) -> int:
    head = fmt(bold=True, align="center", valign="vcenter", border=1, bg_color="#D9E1F2")
    for c, (text, width) in enumerate(headings):
        ws.write_string(row, c, text, head)
        ws.set_column(c, c, width)
    fit_fn(ws, row, [(t, w, 11) for t, w in headings])
    return row + 1


def _decision_sheet(wb, fmt, reg, rules, name: str, title: str, decisions: list[Decision], with_birth: bool,
                    title_fn, page_fn, fit_fn, sign_fn) -> None:
    ws = wb.add_worksheet(name)
    names = {u.code: u.name for u in reg.units}
    headings = [("STT", 5), ("Tên", 24), ("Ngày sinh", 11), ("Đơn vị", 22), ("Danh hiệu, hình thức", 22),
                ("Đề nghị", 10), ("Kết quả", 14), ("Lý do", 60)]
    if not with_birth:
        headings[2] = ("Loại", 11)
    row = title_fn(ws, f"{title} NĂM {reg.year}", len(headings),
                   "(Công cụ đối chiếu tiêu chuẩn; Hội đồng Thi đua – Khen thưởng xem xét, quyết định)")
    row = _header(ws, fmt, row, headings, fit_fn)
    header_row = row - 1
    current, n, breaks = None, 0, []
    for d in _sorted(decisions, reg, rules):
        if d.authority != current:
            if current is not None:
                breaks.append(row)   # each authority's section starts a page: no heading left at a page foot
            current = d.authority
            ws.merge_range(row, 0, row, len(headings) - 1, rules.authorities[d.authority],
                           fmt(bold=True, bg_color="#B4C6E7", border=1))
            row += 1
        n += 1
        second = (d.birth.strftime("%d/%m/%Y") if d.birth else "") if with_birth else KIND_LABEL[d.kind]
        values = [str(n), d.subject, second, names.get(d.unit, ""), rules.rules[d.title].title,
                  "Đơn vị đề nghị" if d.proposed else "Gợi ý", OUTCOME_LABEL[d.outcome], d.reason]
        for c, v in enumerate(values):
            style = fmt(border=1, bold=True, bg_color=OUTCOME_COLOURS[d.outcome]) if c == 6 else fmt(border=1)
            if c == 0:   # numbers stay numbers
                ws.write_number(row, c, n, fmt(border=1, align="center"))
            else:
                ws.write_string(row, c, v, style)
        fit_fn(ws, row, [(v, headings[c][1], 11) for c, v in enumerate(values)])
        row += 1
    if not decisions:
        ws.write_string(row, 0, "Không có trường hợp nào.", fmt(italic=True, text_wrap=False))
    ws.autofilter(header_row, 0, max(row - 1, header_row), len(headings) - 1)
    ws.freeze_panes(header_row + 1, 2)
    sign_fn(ws, row + 1, len(headings))
    page_fn(ws, True, header_row, None, breaks)


def _criteria_sheet(wb, fmt, reg, rules, decisions: list[Decision], title_fn, page_fn, fit_fn) -> None:
    ws = wb.add_worksheet("Chi tiết tiêu chí")
    headings = [("Tên", 22), ("Đơn vị", 18), ("Danh hiệu, hình thức", 20), ("Tiêu chí", 34), ("Kết quả", 12),
                ("Giải thích", 40), ("Giá trị", 16), ("Nguồn (trang!ô)", 14), ("Tệp", 24)]
    row = title_fn(ws, "CHI TIẾT ĐỐI CHIẾU TỪNG TIÊU CHÍ", len(headings), "")
    row = _header(ws, fmt, row, headings, fit_fn)
    header_row = row - 1
    names = {u.code: u.name for u in reg.units}
    colours = {"dat": "#C6EFCE", "khong_dat": "#FFC7CE", "thieu_du_lieu": "#E7E6E6", "can_xem_xet": "#FFEB9C"}
    for d in _sorted(decisions, reg, rules):
        for c in d.criteria:
            values = [d.subject, names.get(d.unit, ""), rules.rules[d.title].title,
                      rules.rules[d.title].criteria.get(c.code, c.code), CRITERION_LABEL[c.result], c.text, c.value,
                      c.source, d.file]
            for col, v in enumerate(values):
                style = fmt(border=1, bg_color=colours[c.result]) if col == 4 else fmt(border=1, font_size=10)
                ws.write_string(row, col, str(v), style)
            fit_fn(ws, row, [(str(v), headings[col][1], 10) for col, v in enumerate(values)])
            row += 1
    ws.autofilter(header_row, 0, max(row - 1, header_row), len(headings) - 1)
    ws.freeze_panes(header_row + 1, 1)
    page_fn(ws, True, header_row)

