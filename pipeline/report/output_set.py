"""The output folder as one set: a run writes everything into a working folder and swaps it in
whole at the end, under a lock, so that a run killed at any moment leaves the previous set
complete and two runs never mix their files.

OUTPUT is first resolved to the folder it names: a symbolic link (a shared drive mapped by a link)
stays a link, and the set is written into its target. For that folder ``.../ket_qua`` the run
uses, beside it in the same parent folder:
- ``.ket_qua.khoa``: the lock file (an OS lock, released by the system when the process dies);
- ``.ket_qua.moi``: the new set being written; a folder left by a killed run is deleted;
- ``.ket_qua.cu``: the previous set for an instant during the swap on systems without an atomic
  exchange of two folders; if a run was killed right then, the next run puts it back first.
Files the user put into OUTPUT (anything whose name is not one of the tool's outputs) are carried
into the new set (hard links, copies where links are refused), so they stay where they were.

A folder that cannot be renamed — a drive mounted on it, or a parent that this account may not
write — is swapped in place instead, its working folders inside it (``in_place``). Before any of
that, the folder must take new files, else the run stops with a message (``output_errors``).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.report import folder_ops, in_place
from pipeline.report.files import CSV_NAMES, MARKER
from pipeline.report.folder_ops import TEST_PAUSE, discard, pause_for_test
from pipeline.report.output_errors import OutputError, check_output, not_renamable

__all__ = ["OWN_NAMES", "TEST_PAUSE", "output_set", "pause_for_test", "siblings"]

# What the tool writes into OUTPUT (and what a killed older version left: ".<name>.tmp", and the
# working files of a swap in place); everything else there belongs to the user and is kept.
OWN_NAMES = re.compile(r"bao_cao_thi_dua_\d{4}\.xlsx|mau_ket_qua_hop_hoi_dong_\d{4}\.xlsx|"
                       r"lich_su_khen_thuong_\d{4}\.xlsx|du_thao_ket_qua_chi_tieu_\d{4}\.docx|phan_hoi|van_ban|"
                       r"\.phan_hoi\.(tmp|old)|\..+\.tmp|"
                       + re.escape(folder_ops.WORK_PREFIX) + r"\..+|"
                       + "|".join(re.escape(n) for n in (*CSV_NAMES, MARKER)))


@dataclass(frozen=True)
class Place:
    folder: Path   # the folder OUTPUT names, symbolic links resolved
    inside: bool   # swapped in place: the working folders are inside it
    lock: Path
    new: Path


def siblings(output_dir: Path) -> tuple[Path, Path, Path]:
    folder = Path(os.path.realpath(output_dir))
    parent, name = folder.parent, folder.name
    return parent / f".{name}.khoa", parent / f".{name}.moi", parent / f".{name}.cu"


def place(output_dir: Path) -> Place:
    folder = Path(os.path.realpath(output_dir))
    if folder.is_dir() and (folder_ops.is_mount(folder) or folder_ops.write_problem(folder.parent) is not None):
        work = in_place.work_names(folder)
        return Place(folder, True, work["khoa"], work["moi"])
    lock, new, _ = siblings(folder)
    return Place(folder, False, lock, new)


@contextlib.contextmanager
def output_set(output_dir: Path):
    """Hold the lock, yield the (empty) folder to write the new set into, and swap it in when the
    block ends without an exception; on an exception the previous set stays as it was."""
    check_output(output_dir)
    where = place(output_dir)
    where.lock.parent.mkdir(parents=True, exist_ok=True)
    with _locked(where.lock, output_dir):
        _recover(where)
        where.new.mkdir()
        try:
            yield where.new
        except BaseException:
            discard(where.new)
            raise
        pause_for_test("hoan_doi")
        try:
            if where.inside:
                in_place.swap(where.folder, _own)
            else:
                _swap(where.folder, where.new)
        except Exception:   # e.g. Windows refuses to move a folder holding a file open in Excel
            discard(where.new)
            raise


def _own(name: str) -> bool:
    return OWN_NAMES.fullmatch(name) is not None


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


def _recover(where: Place) -> None:
    """Undo what a killed run left: a half-written new set, or the previous set moved aside."""
    if where.inside:
        in_place.recover(where.folder, _own)
        return
    _, new, old = siblings(where.folder)
    discard(new)
    if old.exists():
        if where.folder.exists():
            discard(old)
        else:
            os.rename(old, where.folder)
    for work in (new, old):
        folder_ops.discard_aside(work)
    folder_ops.discard_probes(where.folder.parent)
    if where.folder.is_dir():
        folder_ops.discard_probes(where.folder)


def _swap(output_dir: Path, new: Path) -> None:
    _, _, old = siblings(output_dir)
    if output_dir.is_dir():
        _carry_user_files(output_dir, new)
        shutil.copymode(output_dir, new)
        if _exchange(new, output_dir):     # one atomic step: OUTPUT is the new set, ``new`` the old one
            discard(new)
            return
        try:
            os.rename(output_dir, old)    # two steps; a kill in between is undone by _recover
        except OSError as exc:
            if exc.errno in (errno.EBUSY, errno.EXDEV):   # a mount point that was not recognised as one
                raise OutputError(not_renamable(output_dir)) from exc
            raise
        try:
            os.rename(new, output_dir)
        except OSError:
            os.rename(old, output_dir)
            raise
        discard(old)
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
