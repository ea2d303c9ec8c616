"""Read the files in worker processes, so that one file cannot stop the run.

Each worker has a memory ceiling (on systems that allow one) and the run a time limit: a file
whose reading crashes its worker, exhausts the memory or does not finish in time becomes an
Issue (TEP_KHONG_DOC_XONG) and the run goes on with the others. When a worker dies, the files it
may have held are read again one by one in fresh workers, so that only the guilty file is blamed.

Where processes can be forked (Linux) the workers are forked; where they cannot (Windows), or when
``NO_FORK`` is set in the environment, they are started fresh ("spawn") and the writers run one
after the other (``report/side_by_side.py``): the one switch that makes a run here behave as on
Windows, which the tests use to keep that path working.
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
import multiprocessing as mp
import os
import signal
import sys
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from pipeline.intake.discover import Found, discover
from pipeline.intake.read import ReadResult, read_file, sha256_of
from pipeline.issues import Issue, issues_for_year, make_issue
from pipeline.registers.model import Registers
from pipeline.report.output_set import pause_for_test

MEMORY_LIMIT = 2 * 1024 ** 3     # bytes of address space per worker
STALL_SECONDS = 120              # no file finished for this long: the workers are stopped
WORKERS = 2
NO_FORK = "PIPELINE_NO_FORK"     # set (to any text): no process is forked, as on Windows


def may_fork() -> bool:
    """Whether this run may fork processes: the system can, and ``NO_FORK`` is not set."""
    return not os.environ.get(NO_FORK) and "fork" in mp.get_all_start_methods()


def _reader_context():
    """How the readers start: the system's default where forking is allowed, else spawn."""
    return None if may_fork() else mp.get_context("spawn")


def _limit_memory(limit: int) -> None:
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # Windows has no RLIMIT_AS; the time limit still applies
    helper_process()


HELPER_NICENESS = 10   # how far below the main process a helper runs


def helper_process() -> None:
    """What every process a run starts (the readers, the writers) does first.

    - It stops when the run is killed (Linux), instead of waiting for work forever.
    - It leaves Ctrl+C to the main process, which stops it (no traceback from every process).
    - It runs below the main process's priority: the main process is the run's one chain of steps
      that cannot be shared, and on two cores it waited for a core while the readers and the
      council's writer started; a helper still gets every moment the main process leaves. Where
      there is no ``os.nice`` (Windows), it keeps the normal priority."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):
        try:
            os.nice(HELPER_NICENESS)
        except OSError:
            pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


CHUNK = 16   # files per task: fewer round trips; a chunk whose worker died is re-read file by file


_registers: Registers | None = None   # in a worker: the registers, handed over once when it starts


def _start_worker(memory: int, reg: Registers) -> None:
    global _registers
    _registers = reg
    _limit_memory(memory)


def _read_chunk(files: list[Found]) -> list[ReadResult]:
    """A task sends only its files: the registers (23 KB pickled) went to the worker at its start."""
    return [read_file(f, _registers) for f in files]


@dataclass
class Reading:
    """Files being read by the workers: started as early as possible (before the main process
    imports what validation needs, which it does meanwhile) and collected by ``finish``."""
    found: list[Found]
    issues: list[Issue]       # what discovery found wrong (hidden files, lock files…)
    files: list[Found]        # the readable ones, in order
    reg: Registers
    memory: int
    stall: float
    pool: cf.ProcessPoolExecutor | None
    futures: dict


def begin_reading(input_dir: Path, reg: Registers) -> Reading:
    """Find the input files and set the workers reading them (no pandas needed: a run calls this
    before it imports what validation needs)."""
    with issues_for_year(reg.year):
        found, issues = discover(input_dir)
    return start_reading(found, reg, issues)


def start_reading(found: list[Found], reg: Registers, issues: list[Issue] = (), workers: int = WORKERS,
                  memory: int = MEMORY_LIMIT, stall: float = STALL_SECONDS) -> Reading:
    """Garbage collection is off from here to the end of ``finish``: thousands of read results
    arrive, unpickled by a thread while the main process goes on, and collections would walk them
    again and again."""
    gc.disable()
    files = [f for f in found if f.readable]
    chunks = [list(range(i, min(i + CHUNK, len(files)))) for i in range(0, len(files), CHUNK)]
    pool, futures = _submit(files, chunks, reg, workers, memory) if chunks else (None, {})
    return Reading(found, list(issues), files, reg, memory, stall, pool, futures)


def finish(reading: Reading, on_read=None, on_result=None) -> list[ReadResult]:
    """The read results, in the order of the readable files. ``on_read(n)``, when given, is told
    each time n more files are read (the progress bar); ``on_result(result)`` gets each result in
    that order as soon as it and all before it are read, so that the main process can check each
    file while the workers read the next ones."""
    try:
        return _finish(reading, on_read, on_result)
    finally:
        gc.enable()


def _finish(reading: Reading, on_read, on_result) -> list[ReadResult]:
    files = reading.files
    if not files:
        return []
    results: dict[int, ReadResult] = {}
    passed = [0]   # results handed to on_result so far

    def hand_on() -> None:
        while on_result and passed[0] in results:
            on_result(results[passed[0]])
            passed[0] += 1

    suspects = _collect(files, reading.pool, reading.futures, reading.stall, results, on_read=on_read,
                        then=hand_on)
    for i in suspects:   # read again, each alone in its own worker: which file was it?
        pool, futures = _submit(files, [[i]], reading.reg, 1, reading.memory)
        _collect(files, pool, futures, reading.stall, results, last_try=True)
        hand_on()
    return [results[i] for i in range(len(files))]


def read_all(found: list[Found], reg: Registers, workers: int = WORKERS, memory: int = MEMORY_LIMIT,
             stall: float = STALL_SECONDS, on_read=None) -> list[ReadResult]:
    return finish(start_reading(found, reg, (), workers, memory, stall), on_read)


def _submit(files, chunks: list[list[int]], reg, workers, memory):
    pool = cf.ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=_reader_context(),
                                  initializer=_start_worker, initargs=(memory, reg))
    return pool, {pool.submit(_read_chunk, [files[i] for i in chunk]): chunk for chunk in chunks}


def _collect(files, pool, futures, stall, results, last_try=False, on_read=None, then=None) -> list[int]:
    """Gather the chunks (``then()`` after each that arrives); return the files of chunks whose
    worker died (to be retried alone)."""
    suspects: list[int] = []
    pending = set(futures)
    try:
        while pending:
            done, pending = cf.wait(pending, timeout=stall, return_when=cf.FIRST_COMPLETED)
            if not done:   # nothing finished in time: stop the workers
                for f in pending:
                    for i in futures[f]:
                        if last_try:
                            results[i] = _failed(files[i], f"quá {stall:.0f} giây")
                        else:
                            suspects.append(i)
                stop_pool(pool)
                return suspects
            pause_for_test("doc")   # test hook: a run killed while the files are being read
            for f in done:
                chunk = futures[f]
                try:
                    for i, result in zip(chunk, f.result()):
                        results[i] = result
                    if on_read:
                        on_read(len(chunk))
                except Exception as exc:  # noqa: BLE001 - whatever a reader does, the run goes on
                    if last_try or not isinstance(exc, BrokenProcessPool) and len(chunk) == 1:
                        why = ("chương trình đọc bị dừng, có thể do hết bộ nhớ" if isinstance(exc, BrokenProcessPool)
                               else f"lỗi khi đọc: {type(exc).__name__}")
                        for i in chunk:
                            results[i] = _failed(files[i], why)
                    else:
                        suspects += chunk
                if then:
                    then()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return suspects


def stop_pool(pool: cf.ProcessPoolExecutor) -> None:
    """Kill a pool's processes now (a stalled reader, or the run stopped by the user)."""
    for process in list(getattr(pool, "_processes", {}).values()):
        try:
            process.kill()
        except Exception:
            pass


def _failed(found: Found, why: str) -> ReadResult:
    try:
        sha, size = sha256_of(found.path), found.path.stat().st_size
    except OSError:
        sha, size = "", 0
    return ReadResult(found, sha, size, None, [make_issue("TEP_KHONG_DOC_XONG", file=found.name, detail=why)],
                      "không đọc xong trong giới hạn")

