"""The console summary printed at the end of a run."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.issues import ERROR


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
        print("Nhiều nhất: " + ", ".join(f"{code} ({n})" for code, n in top) + ".")
    if output_dir is not None and outcome.workbook is not None:
        print(f"Báo cáo tổng hợp: {outcome.workbook}")
        print(f"Các bảng CSV: {output_dir}")
