"""Look at a file before any reader opens it, from its first bytes and its zip directory only
(nothing is decompressed), so that a broken, encrypted or malicious file is refused with a precise
reason instead of taking the machine down.

Limits (stated in docs/ma_loi.md): at most 5,000 zip entries, 200 MiB uncompressed in all, and no
entry over 20 MiB that expands more than 100 times (a "zip bomb": a tiny file holding a gigantic
sheet). A normal filled template is about 20 KiB and expands about 5 times.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAX_ENTRIES = 5_000
MAX_TOTAL = 200 * 1024 * 1024
MAX_RATIO, RATIO_FROM = 100, 20 * 1024 * 1024
ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Screen:
    code: str = ""      # Issue code when the file must not be read
    detail: str = ""
    # the zip opened from the file's bytes, for the readers that look at its parts (None when the
    # file was screened from disk)
    archive: zipfile.ZipFile | None = field(default=None, compare=False, repr=False)


def screen(path: Path, data: bytes | None = None) -> Screen:
    """``data``: the file's bytes, when already read (then the zip is opened from them once)."""
    suffix = path.suffix.lower()
    if data is not None:
        head = data[:8]
    else:
        try:
            with path.open("rb") as fh:
                head = fh.read(8)
        except OSError as exc:
            return Screen("TEP_HONG", f"không mở được tệp ({exc.strerror or exc})")
    if not head:
        return Screen("TEP_HONG", "tệp rỗng (0 byte)")
    if head.startswith(OLE):
        if suffix == ".xls":
            return Screen()
        # an .xlsx that is an OLE container is an encrypted (password-protected) workbook,
        # or an old .xls renamed to .xlsx
        return Screen("TEP_CO_MAT_KHAU")
    if not head.startswith(ZIP):
        return Screen("TEP_HONG", "nội dung không phải bảng tính (có thể là ảnh, PDF hoặc văn bản đổi đuôi)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data)) if data is not None else None
        if archive is not None:
            infos = archive.infolist()
        else:
            with zipfile.ZipFile(path) as zf:
                infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:   # the last: a zip version
        return Screen("TEP_HONG", f"tệp nén bị hỏng hoặc tải về chưa hết ({exc})")   # or method no reader knows
    names = {i.filename for i in infos}
    if len(infos) > MAX_ENTRIES:
        return Screen("TEP_QUA_LON", f"{len(infos)} thành phần (giới hạn {MAX_ENTRIES})")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        return Screen("TEP_QUA_LON", f"giải nén ra {total // (1024 * 1024)} MiB (giới hạn {MAX_TOTAL // (1024 * 1024)} MiB)")
    for i in infos:
        if i.file_size > RATIO_FROM and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            return Screen("TEP_QUA_LON", f"thành phần {i.filename} nở {i.file_size // max(i.compress_size, 1)} lần")
    if suffix == ".ods":
        ok = "content.xml" in names
    else:
        ok = "xl/workbook.xml" in names or "/xl/workbook.xml" in names
    if not ok:
        return Screen("TEP_HONG", "tệp nén nhưng không phải bảng tính")
    return Screen(archive=archive)
