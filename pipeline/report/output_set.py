"""The output folder as one set: a run writes everything into a sibling folder and swaps it in
whole at the end, under a lock, so that a run killed at any moment leaves the previous set
complete and two runs never mix their files.

For OUTPUT = ``.../ket_qua`` the run uses, beside it in the same parent folder:
- ``.ket_qua.khoa``: the lock file (an OS lock, released by the system when the process dies);
- ``.ket_qua.moi``: the new set being written; a folder left by a killed run is deleted;
- ``.ket_qua.cu``: the previous set for an instant during the swap on systems without an atomic
  exchange of two folders; if a run was killed right then, the next run puts it back first.

Files the user put into OUTPUT (anything whose name is not one of the tool's outputs) are carried
into the new set (hard links, copies where links are refused), so they stay where they were.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import sys
import time
from pathlib import Path

from pipeline.report.files import CSV_NAMES, MARKER

# What the tool writes into OUTPUT (and what a killed older version left: ".<name>.tmp");
# everything else there belongs to the user and is kept.
OWN_NAMES = re.compile(r"bao_cao_thi_dua_\d{4}\.xlsx|mau_ket_qua_hop_hoi_dong_\d{4}\.xlsx|"
                       r"lich_su_khen_thuong_\d{4}\.xlsx|du_thao_ket_qua_chi_tieu_\d{4}\.docx|phan_hoi|van_ban|\.phan_hoi\.(tmp|old)|\..+\.tmp|"
                       + "|".join(re.escape(n) for n in (*CSV_NAMES, MARKER)))
TEST_PAUSE = "PIPELINE_TEST_PAUSE_AT"   # test hook only: the stage at which a run stops for a while


def siblings(output_dir: Path) -> tuple[Path, Path, Path]:
    output_dir = Path(os.path.abspath(output_dir))
    parent, name = output_dir.parent, output_dir.name
    return parent / f".{name}.khoa", parent / f".{name}.moi", parent / f".{name}.cu"


@contextlib.contextmanager
def output_set(output_dir: Path):
    """Hold the lock, yield the (empty) folder to write the new set into, and swap it in when the
    block ends without an exception; on an exception the previous set stays as it was."""
    lock, new, old = siblings(output_dir)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with _locked(lock, output_dir):
        _recover(Path(os.path.abspath(output_dir)), new, old)
        new.mkdir()
        try:
            yield new
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        pause_for_test("hoan_doi")
        try:
            _swap(Path(os.path.abspath(output_dir)), new, old)
        except OSError:   # e.g. Windows refuses to move a folder holding a file open in Excel
            shutil.rmtree(new, ignore_errors=True)
            raise


def pause_for_test(stage: str) -> None:
    """Test hook: with PIPELINE_TEST_PAUSE_AT=<stage>, say so on stderr and wait, so that a test
    can kill the run right there. Never set in normal use."""
    if os.environ.get(TEST_PAUSE) == stage:
        print(f"[test] dừng ở {stage}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("PIPELINE_TEST_PAUSE_SECONDS", "60")))


@contextlib.contextmanager
def _locked(lock: Path, output_dir: Path):
    with open(lock, "a+b") as fh:
        if not _try_lock(fh):
            print(f"Một lần chạy khác đang ghi kết quả vào {output_dir}; đang chờ lần chạy đó xong…",
                  file=sys.stderr, flush=True)
            _wait_lock(fh)
        try:
            yield
        finally:
            _unlock(fh)


if os.name == "nt":
    import msvcrt

    def _try_lock(fh) -> bool:
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _wait_lock(fh) -> None:
        while not _try_lock(fh):
            time.sleep(0.5)

    def _unlock(fh) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    # POSIX record locks (lockf), not flock: they belong to this process alone, so the reading
    # workers it forks do not hold the lock on after a killed run.
    def _try_lock(fh) -> bool:
        try:
            fcntl.lockf(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _wait_lock(fh) -> None:
        fcntl.lockf(fh.fileno(), fcntl.LOCK_EX)

    def _unlock(fh) -> None:
        fcntl.lockf(fh.fileno(), fcntl.LOCK_UN)


def _recover(output_dir: Path, new: Path, old: Path) -> None:
    """Undo what a killed run left: a half-written new set, or the previous set moved aside."""
    if new.exists():
        shutil.rmtree(new)
    if old.exists():
        if output_dir.exists():
            shutil.rmtree(old)
        else:
            os.rename(old, output_dir)


def _swap(output_dir: Path, new: Path, old: Path) -> None:
    if output_dir.is_dir():
        _carry_user_files(output_dir, new)
        shutil.copymode(output_dir, new)
        if _exchange(new, output_dir):     # one atomic step: OUTPUT is the new set, ``new`` the old one
            shutil.rmtree(new)
            return
        os.rename(output_dir, old)        # two steps; a kill in between is undone by _recover
        os.rename(new, output_dir)
        shutil.rmtree(old)
    else:
        os.rename(new, output_dir)


def _carry_user_files(output_dir: Path, new: Path) -> None:
    for entry in output_dir.iterdir():
        if OWN_NAMES.fullmatch(entry.name) or (new / entry.name).exists():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, new / entry.name, copy_function=_link_or_copy, symlinks=True)
        else:
            _link_or_copy(entry, new / entry.name)


def _link_or_copy(src, dst) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


_RENAME_EXCHANGE, _AT_FDCWD = 2, -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0
