"""Small operations on the folders a run writes into, made to survive an office's machines: a
probe that a folder takes new files, mount points recognised (a drive mounted on a folder cannot
be renamed), and working folders deleted even when something in them was left read-only."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import time
from pathlib import Path

TEST_PAUSE = "PIPELINE_TEST_PAUSE_AT"   # test hook only: the stage at which a run stops for a while
WORK_PREFIX = ".tong_hop"   # the names of the run's working files inside an output folder


def pause_for_test(stage: str) -> None:
    """Test hook: with PIPELINE_TEST_PAUSE_AT=<stage>, say so on stderr and wait, so that a test
    can kill the run right there. Never set in normal use."""
    if os.environ.get(TEST_PAUSE) == stage:
        print(f"[test] dừng ở {stage}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("PIPELINE_TEST_PAUSE_SECONDS", "60")))


def write_problem(folder: Path) -> OSError | None:
    """Why a new file cannot be made in ``folder`` (None when it can), found by making one: the
    folder's permission bits say too little on shared drives, under Windows' access lists and on
    a drive mounted read-only."""
    probe = Path(folder) / f"{WORK_PREFIX}.thu_ghi.{os.getpid()}.{time.monotonic_ns()}"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        return exc
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return None


def discard_probes(folder: Path) -> None:
    """Delete what :func:`write_problem` left in ``folder`` when a run was killed right then."""
    for probe in folder.glob(f"{WORK_PREFIX}.thu_ghi.*"):
        with contextlib.suppress(OSError):
            os.unlink(probe)


def is_mount(folder: Path) -> bool:
    """A folder that is the root of a mounted drive (also a folder bound onto another, which
    ``os.path.ismount`` cannot tell on Linux): it cannot be renamed or replaced."""
    return os.path.ismount(folder) or os.fsencode(folder) in _linux_mount_points()


def _linux_mount_points() -> set[bytes]:
    try:
        with open("/proc/self/mountinfo", "rb") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return set()
    # the fifth field is the mount point, with space, tab, newline and backslash written \ooo
    return {_unescape(fields[4]) for fields in (line.split() for line in lines) if len(fields) > 4}


def _unescape(field: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(field):
        if field[i:i + 1] == b"\\" and field[i + 1:i + 4].isdigit():
            out.append(int(field[i + 1:i + 4], 8))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return bytes(out)


def discard(path: Path, quiet: bool = False) -> bool:
    """Delete a working folder of the run. Entries that refuse because they (or their folder) were
    left read-only are made writable and tried again; a folder that still cannot be deleted is
    renamed aside (``<name>.bo<n>``, tried again by the next run) so that its name is free, and
    said so unless ``quiet``. True when it is gone from its name."""
    if not os.path.lexists(path):
        return True
    if path.is_symlink() or not path.is_dir():
        _unlink(path)
    else:
        _rmtree(path)
    if not os.path.lexists(path):
        return True
    aside = path.with_name(f"{path.name}.bo{time.time_ns()}")
    try:
        os.rename(path, aside)
    except OSError:
        aside = path
    if not quiet:
        print(f"Không xóa được thư mục tạm {aside} (có tệp không cho xóa); thư mục kết quả vẫn đúng. "
              "Có thể xóa thư mục tạm đó bằng tay; lần chạy sau cũng thử xóa lại.", file=sys.stderr)
    return aside != path


def discard_aside(work: Path) -> None:
    """Try again, quietly, to delete what :func:`discard` had to leave renamed aside."""
    for left in work.parent.glob(f"{work.name}.bo*"):
        discard(left, quiet=True)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        _make_writable(path.parent)
        with contextlib.suppress(OSError):
            os.chmod(path, stat.S_IWRITE | stat.S_IREAD)   # Windows: clears the read-only attribute
            os.unlink(path)


def _rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    if not os.path.lexists(path):
        return
    _make_writable(path.parent)   # read-only folders (or, on Windows, files) refused: make them writable, try again
    _make_writable(path)
    for folder, folders, files in os.walk(path):
        for name in folders:   # before os.walk lists them
            _make_writable(Path(folder) / name)
        for name in files:
            with contextlib.suppress(OSError):
                os.chmod(Path(folder) / name, stat.S_IWRITE | stat.S_IREAD)
    shutil.rmtree(path, ignore_errors=True)


def _make_writable(folder: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(folder, os.stat(folder).st_mode | stat.S_IRWXU)
