"""The new output set swapped in inside the output folder itself, for a folder that cannot be
renamed: a drive mounted on it (a shared drive, a USB stick), or a parent folder that does not let
this account write. Its entries are moved one by one, under a journal kept in the names of the
working folders, so that a run killed part way is finished by the next run:

- ``.tong_hop.moi``: the new set being written (a killed run's is deleted);
- ``.tong_hop.xong``: the new set complete; the previous set's entries are being moved into
  ``.tong_hop.cu`` (undone when a move fails, e.g. a workbook open in Excel on Windows);
- ``.tong_hop.vao``: the previous set is all in ``.tong_hop.cu``; the new set's entries are being
  moved into the folder;
- ``.tong_hop.cu``: the previous set, deleted once the new one is in.

Files of the user's own are never moved; the lock is ``.tong_hop.khoa`` in the folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pipeline.report.folder_ops import WORK_PREFIX, discard, discard_aside, discard_probes, pause_for_test


def work_names(folder: Path) -> dict[str, Path]:
    return {state: folder / f"{WORK_PREFIX}.{state}" for state in ("khoa", "moi", "xong", "vao", "cu")}


def recover(folder: Path, is_own: Callable[[str], bool]) -> None:
    """Undo what a killed run left: its half-written set is deleted, a complete one that it had
    begun to swap in is swapped in to the end."""
    work = work_names(folder)
    discard(work["moi"])
    if work["xong"].is_dir():
        _move_out(folder, work, is_own)
    if work["xong"].is_dir() or work["vao"].is_dir():
        _move_in(folder, work)
    discard(work["cu"])
    for state in ("moi", "cu"):
        discard_aside(work[state])
    discard_probes(folder)


def swap(folder: Path, is_own: Callable[[str], bool]) -> None:
    """Put the complete set ``.tong_hop.moi`` in place of the tool's entries in ``folder``."""
    work = work_names(folder)
    os.rename(work["moi"], work["xong"])
    try:
        _move_out(folder, work, is_own)
    except OSError:
        _move_back(folder, work)
        discard(work["xong"])
        raise
    pause_for_test("doi_cho")
    _move_in(folder, work)
    discard(work["cu"])


def _move_out(folder: Path, work: dict[str, Path], is_own: Callable[[str], bool]) -> None:
    """Every entry the new set replaces, and every other output of the tool, into ``.tong_hop.cu``."""
    work["cu"].mkdir(exist_ok=True)
    arriving = set(os.listdir(work["xong"]))
    for name in sorted(os.listdir(folder)):
        if not name.startswith(f"{WORK_PREFIX}.") and (name in arriving or is_own(name)):
            os.rename(folder / name, work["cu"] / name)
    os.rename(work["xong"], work["vao"])


def _move_back(folder: Path, work: dict[str, Path]) -> None:
    for name in sorted(os.listdir(work["cu"])):
        os.rename(work["cu"] / name, folder / name)
    os.rmdir(work["cu"])


def _move_in(folder: Path, work: dict[str, Path]) -> None:
    for name in sorted(os.listdir(work["vao"])):
        if os.path.lexists(folder / name):   # made by someone while the swap was stopped: kept aside with the old set
            os.rename(folder / name, work["cu"] / f"{name}.{os.getpid()}")
        os.rename(work["vao"] / name, folder / name)
    os.rmdir(work["vao"])
