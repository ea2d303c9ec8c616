"""Find the files to read: every spreadsheet (.xlsx, and .xls, .xlsm, .ods) under the input
folder, recursively.

Excel's lock files (``~$…``), temporary and hidden files are skipped; anything else is skipped
with a warning Issue. Every file seen is returned with its fate, so that the
provenance sheet lists all of them.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline.issues import Issue, make_issue

# .xlsx is the format; .xls, .xlsm and .ods are read too (saved by an older Excel, a macro
# setting, or LibreOffice's default) and flagged. Macros are never run: the reader only reads values.
READABLE = {".xlsx": "", ".xlsm": "bảng tính có macro (.xlsm)", ".xls": "bảng tính Excel 97-2003 (.xls)",
            ".ods": "bảng tính LibreOffice (.ods)"}
OTHER_FORMATS = {
    ".xlsb": "bảng tính nhị phân (.xlsb)",
    ".csv": "tệp văn bản CSV", ".pdf": "tệp PDF", ".doc": "văn bản Word", ".docx": "văn bản Word",
    ".jpg": "ảnh chụp", ".jpeg": "ảnh chụp", ".png": "ảnh chụp", ".zip": "tệp nén",
}
# A consolidated workbook this tool wrote (an earlier year's, dropped in for "so với cùng kỳ"): never
# read as a unit's report; pipeline/years/ reads it.
CONSOLIDATED = re.compile(r"(?i)^bao_cao_thi_dua_(\d{4})\.xlsx$")


@dataclass(frozen=True)
class Found:
    path: Path
    name: str          # path relative to the input folder, with "/" separators
    readable: bool     # True for an .xlsx to read
    reason: str        # why it is skipped (Vietnamese), "" when readable


def discover(input_dir: Path) -> tuple[list[Found], list[Issue]]:
    found: list[Found] = []
    issues: list[Issue] = []
    for root, dirs, files in os.walk(input_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file_name in sorted(files):
            path = Path(root) / file_name
            name = path.relative_to(input_dir).as_posix()
            reason = _skip_reason(path)
            if reason:
                found.append(Found(path, name, False, reason))
                continue
            suffix = path.suffix.lower()
            year = CONSOLIDATED.match(file_name)
            if year:
                found.append(Found(path, name, False, f"bảng tổng hợp năm {year.group(1)} của công cụ, không phải "
                                                      "báo cáo của đơn vị: dùng để so sánh cùng kỳ"))
                continue
            if suffix in READABLE:
                found.append(Found(path, name, True, ""))
                continue
            what = OTHER_FORMATS.get(suffix, f"tệp {suffix or 'không có phần mở rộng'}")
            found.append(Found(path, name, False, f"không phải .xlsx ({what})"))
            issues.append(make_issue("TEP_KHONG_PHAI_XLSX", file=name, detail=what))
    return sorted(found, key=lambda f: f.name), issues


def _skip_reason(path: Path) -> str:
    name = path.name
    if name.startswith("~$"):
        return "tệp khóa tạm của Excel (tệp đang mở), bỏ qua"
    if name.startswith(".") or _hidden_on_windows(path):
        return "tệp ẩn, bỏ qua"
    if name.startswith("~") or name.lower().endswith((".tmp", ".bak", ".crdownload", ".part")):
        return "tệp tạm, bỏ qua"
    if path.is_symlink():
        return "liên kết tắt (shortcut), bỏ qua"
    return ""


def _hidden_on_windows(path: Path) -> bool:
    attrs = getattr(path.stat(), "st_file_attributes", 0)
    return bool(attrs & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0))
