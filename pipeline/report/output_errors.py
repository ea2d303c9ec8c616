"""What the office's machines refuse when a run writes its output, said in Vietnamese with what to
do: an output folder that does not take new files, a full disk, a file-size limit, a drive mounted
read-only, a folder that cannot be replaced. Checked before anything is read where possible; met
while writing, the new set is given up and the previous one stays as it was."""

from __future__ import annotations

import errno
import math
import os
import sys
from pathlib import Path

from pipeline.report.folder_ops import write_problem

KEPT = "Báo cáo cũ trong thư mục kết quả (nếu có) giữ nguyên; lần chạy này chưa ghi gì."
ELSEWHERE = "chọn thư mục kết quả khác bằng OUTPUT (--output)"
FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
LATE = FULL | {errno.EFBIG}   # a library's file closed late fails again the same way


class OutputError(Exception):
    """The output folder cannot take the new set; the message says why and what to do."""


def check_output(output_dir: Path) -> None:
    """Raise OutputError when OUTPUT cannot take the new set: a file by that name, a folder (or,
    when it is still to be made, the nearest existing parent) in which no file can be made."""
    folder = Path(os.path.realpath(output_dir))
    named = _named(output_dir, folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{named} là một tệp, không phải thư mục. Xóa hoặc đổi tên tệp đó, hoặc {ELSEWHERE}, "
                          f"rồi chạy lại. Chưa ghi gì.")
    existing = folder
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    problem = write_problem(existing)
    if problem is None:
        return
    said = explain(problem, output_dir)
    if said:
        raise OutputError(f"{said} {KEPT}")
    if existing == folder:
        raise OutputError(f"Thư mục kết quả {named} không cho ghi (thư mục chỉ đọc, hoặc tài khoản đang dùng không "
                          f"có quyền ghi vào đó). Cho phép ghi vào thư mục đó (bỏ chế độ chỉ đọc, hoặc nhờ người quản "
                          f"trị máy cấp quyền ghi), hoặc {ELSEWHERE}, rồi chạy lại. {KEPT}")
    raise OutputError(f"Không tạo được thư mục kết quả {named}: thư mục {existing} không cho ghi. Tạo sẵn thư mục "
                      f"{folder} (hoặc nhờ người quản trị máy cấp quyền ghi), hoặc {ELSEWHERE}, rồi chạy lại. "
                      "Chưa ghi gì.")


def not_renamable(output_dir: Path) -> str:
    return (f"Không thay được thư mục kết quả {output_dir} bằng bộ kết quả mới: hệ thống không cho đổi tên thư mục "
            "đó (thường vì đó là chỗ gắn một ổ đĩa hoặc thư mục dùng chung). Chọn một thư mục con bên trong nó, ví dụ "
            f"{Path(output_dir) / 'ket_qua'}, làm thư mục kết quả bằng OUTPUT (--output), rồi chạy lại. {KEPT}")


def explain(exc: BaseException, output_dir: Path | None) -> str:
    """A Vietnamese message for a write refused by the machine (found anywhere in the chain of
    causes: some libraries wrap it in their own error), or "" when ``exc`` is none of those."""
    cause = _write_refusal(exc)
    if cause is None:
        return ""
    named = f" {output_dir}" if output_dir is not None else ""
    file = f"tệp {Path(cause.filename).name}" if isinstance(cause.filename, str) else "tệp kết quả"
    if cause.errno in FULL:
        need = _size_mb(output_dir)
        room = (f" (bộ kết quả mới được ghi trọn bên cạnh bộ cũ rồi mới thay vào, nên cần trống thêm khoảng "
                f"{need} MB)") if need else ""
        return (f"Ổ đĩa chứa thư mục kết quả{named} đã hết chỗ trống (hoặc tài khoản đã dùng hết hạn mức dung lượng) "
                f"khi ghi {file}. Xóa bớt tệp không cần trên ổ đĩa đó{room}, hoặc {ELSEWHERE} trên ổ đĩa khác, "
                "rồi chạy lại.")
    if cause.errno == errno.EFBIG:
        return (f"Không ghi được {file}: tệp lớn hơn cỡ tệp lớn nhất mà máy cho phép (giới hạn cỡ tệp đặt cho tài "
                "khoản, hoặc ổ đĩa định dạng FAT32 chỉ nhận tệp dưới 4 GB). Nhờ người quản trị máy bỏ giới hạn, hoặc "
                f"{ELSEWHERE} trên ổ đĩa khác, rồi chạy lại.")
    return (f"Ổ đĩa chứa thư mục kết quả{named} chỉ cho đọc (thẻ nhớ, USB khóa ghi, ổ mạng chỉ đọc…). "
            f"Chọn thư mục kết quả trên ổ đĩa ghi được bằng OUTPUT (--output), rồi chạy lại.")


def hush_late_write_errors() -> None:
    """A file a library left open when its write failed (openpyxl's zip) is closed later by the
    garbage collector, fails again for the same cause and would print a stray English traceback;
    the run has already said what happened."""
    previous = sys.unraisablehook

    def hook(unraisable) -> None:
        if not (isinstance(unraisable.exc_value, OSError) and unraisable.exc_value.errno in LATE):
            previous(unraisable)

    sys.unraisablehook = hook


def _write_refusal(exc: BaseException | None) -> OSError | None:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in LATE | {errno.EROFS}:
            return exc
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
        exc = inner or exc.__cause__ or exc.__context__
    return None


def _named(output_dir: Path, folder: Path) -> str:
    if Path(os.path.abspath(output_dir)) == folder:
        return str(output_dir)
    return f"{output_dir} (tức thư mục {folder})"


def _size_mb(output_dir: Path | None) -> int:
    """The previous set's size, rounded up to whole megabytes (0 when there is none)."""
    if output_dir is None or not Path(output_dir).is_dir():
        return 0
    total = sum(p.stat().st_size for p in Path(output_dir).rglob("*") if p.is_file() and not p.is_symlink())
    return math.ceil(total / 1_000_000)
