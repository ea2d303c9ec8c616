"""The console summary printed at the end of a run, and for ``check`` what each unit must fix."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.issues import ERROR, SEVERITY_LABEL, Issue, title_of
from pipeline.report.feedback import FOLDER as FEEDBACK_FOLDER

PER_UNIT = 10   # lines per unit in the "check" listing; the rest are counted


def print_summary(outcome, output_dir: Path | None) -> None:
    readable = [f for f in outcome.found if f.readable]
    fates = Counter(outcome.chosen.fates.values())
    used = fates["hop_le"] + fates["co_loi"]
    errors = sum(1 for i in outcome.issues if i.severity == ERROR)
    warnings = len(outcome.issues) - errors
    print(f"Tệp tìm thấy: {len(outcome.found)} (bảng tính .xlsx: {len(readable)}); "
          f"được dùng: {used}; không dùng: {len(readable) - used}; bỏ qua: {len(outcome.found) - len(readable)}.")
    print(f"Lỗi: {errors}; cảnh báo: {warnings}.")
    top = Counter(i.code for i in outcome.issues).most_common(5)
    if top:
        print("Nhiều nhất:")
        for code, n in top:
            print(f"  - {title_of(code)} ({n})")
    if output_dir is not None and outcome.workbook is not None:
        feedback = output_dir / FEEDBACK_FOLDER
        count = len(list(feedback.glob("*.xlsx"))) if feedback.is_dir() else 0
        print(f"Báo cáo tổng hợp: {outcome.workbook}")
        print(f"Các bảng CSV: {output_dir}")
        print(f"Tệp phản hồi gửi từng đơn vị ({count} tệp): {feedback}")
        for pattern, what in (("mau_ket_qua_hop_hoi_dong_*.xlsx", "Biểu ghi kết quả họp Hội đồng (điền sau cuộc họp, "
                                                                  "chép vào thư mục vào)"),
                              ("lich_su_khen_thuong_*.xlsx", "Lịch sử khen thưởng cho năm sau")):
            for path in sorted(output_dir.glob(pattern)):
                print(f"{what}: {path}")
        documents = output_dir / "van_ban"
        if documents.is_dir():
            n = len(list(documents.rglob("*.docx")))
            print(f"Văn bản Word (biên bản, quyết định, tờ trình, báo cáo thành tích; {n} tệp): {documents}")
        for path in sorted(output_dir.glob("du_thao_ket_qua_chi_tieu_*.docx")):
            print(f"Dự thảo kết quả chỉ tiêu so với cùng kỳ (Word): {path}")


def print_fixes(issues: list[Issue], unit_names: dict[str, str], per_unit: int = PER_UNIT) -> None:
    """Per unit, what to fix: file, sheet!cell, message; errors first, then warnings."""
    by_unit: dict[str, list[Issue]] = {}
    for i in issues:
        by_unit.setdefault(i.unit if i.unit in unit_names else "", []).append(i)
    order = [code for code in unit_names if code in by_unit] + ([""] if "" in by_unit else [])
    if not order:
        return
    print("Việc cần sửa theo từng đơn vị (lỗi trước, cảnh báo sau):")
    for code in order:
        mine = sorted(by_unit[code], key=lambda i: (i.severity != ERROR, i.file, i.sheet, _row_col(i.cell)))
        errors = sum(1 for i in mine if i.severity == ERROR)
        name = unit_names.get(code, "Không rõ đơn vị")
        print(f"{name}: {errors} lỗi, {len(mine) - errors} cảnh báo")
        for i in mine[:per_unit]:
            where = ", ".join(part for part in (i.file, f"{i.sheet}!{i.cell}" if i.cell else i.sheet) if part)
            print(f"  - {SEVERITY_LABEL[i.severity]}: {where + ': ' if where else ''}{i.message}")
        rest = mine[per_unit:]
        if rest:
            rest_errors = sum(1 for i in rest if i.severity == ERROR)
            counts = [f"{n} {label}" for n, label in ((rest_errors, "lỗi"), (len(rest) - rest_errors, "cảnh báo")) if n]
            print(f"  … và {', '.join(counts)} khác (xem trang \"Lỗi dữ liệu\" khi chạy make report).")


def _row_col(cell: str) -> tuple[int, int, str]:
    """Sort B9 before B10: by row number, then column letters."""
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell.split(":")[0] if ch.isdigit())
    return (int(digits) if digits else 0, len(letters), letters)
