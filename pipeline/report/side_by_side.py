"""Independent writers side by side: the consolidated workbook in this process while forked
processes write the feedback folder and the council's documents. Each writer writes files of its
own into the output set being built, so the bytes are the same whichever process writes them.

A writer whose libraries take long to import (the council's: docxtpl, openpyxl) can be given a
``Prepared`` process, started with the run, which imports them and loads its templates while
this process reads and checks the files, and is later sent its job (a function and arguments that
can be pickled).

Where processes cannot be forked (Windows, or ``isolate.NO_FORK`` set: the run as on Windows), or
when ``SERIAL`` is set in the environment, the writers run one after the other in this process, in
the order given."""

from __future__ import annotations

import concurrent.futures as cf
import importlib
import multiprocessing as mp
import os
import sys
from collections.abc import Callable

from pipeline.intake.isolate import helper_process, may_fork, stop_pool

SERIAL = "PIPELINE_SERIAL_WRITE"
_JOBS: list[Callable[[], object]] = []   # what the forked processes run, by index (a fork inherits it)


class Prepared:
    """A process started early that imports ``modules``, runs ``ahead`` (a function and its
    arguments: work the job can use, such as templates loaded) and then waits for one job.
    ``without``: modules that process never imports, for a library that only tries them (openpyxl
    imports numpy when it can, to recognise numpy's numbers: 0.08 s of CPU the writers never use)."""

    def __init__(self, modules: tuple[str, ...], ahead: tuple | None = None, without: tuple[str, ...] = ()) -> None:
        self.pool = None
        if not _may_fork():
            return   # the job will run like any other writer
        self.pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"),
                                           initializer=helper_process)
        self.pool.submit(_prepare, modules, ahead, without)

    def stop(self) -> None:
        """Kill the process at once (the run is stopping) instead of waiting for its job."""
        if self.pool is not None:
            stop_pool(self.pool)
            self.close()

    def close(self) -> None:
        """Waits for the process to end (at most its imports, when no job was sent): left to end
        by itself just before the run exits, its pool's thread may be woken on a closed pipe."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _prepare(modules: tuple[str, ...], ahead: tuple | None, without: tuple[str, ...]) -> None:
    for name in without:
        if name not in sys.modules:   # imported already (before the fork): then it costs nothing here
            sys.modules[name] = None   # "import name" raises ImportError in this process
    for name in modules:
        importlib.import_module(name)
    if ahead:
        ahead[0](*ahead[1:])


def run_side_by_side(jobs: list[Callable[[], object]], prepared: Prepared | None = None,
                     prepared_job: tuple | None = None) -> None:
    """Run every job; the first here, each other in a forked process, and ``prepared_job``
    (function, arguments) in the ``prepared`` process when there is one. An exception of a forked
    job is raised here once all have ended; one here (or Ctrl+C) stops the others at once. Either
    way no job is left running when the run stops."""
    sent = None
    if prepared_job and prepared and prepared.pool is not None:
        sent = prepared.pool.submit(*prepared_job)
    elif prepared_job:
        jobs = [*jobs, lambda: prepared_job[0](*prepared_job[1:])]
    try:
        _side_by_side(jobs)
    except BaseException:   # an error or Ctrl+C here: the set is given up, its other writers stopped
        if sent is not None:
            prepared.stop()
        raise
    if sent is not None:
        sent.result()


def _side_by_side(jobs: list[Callable[[], object]]) -> None:
    if len(jobs) < 2 or not _may_fork():
        for job in jobs:
            job()
        return
    _JOBS[:] = jobs
    sys.stdout.flush()   # else a child's copy of what is still buffered would be written a second time
    sys.stderr.flush()
    try:
        with cf.ProcessPoolExecutor(max_workers=len(jobs) - 1, mp_context=mp.get_context("fork"),
                                    initializer=helper_process) as pool:
            others = [pool.submit(_run, i) for i in range(1, len(jobs))]
            try:
                jobs[0]()
            except BaseException:
                stop_pool(pool)
                raise
            cf.wait(others)
            for f in others:
                f.result()
    finally:
        _JOBS.clear()


def _may_fork() -> bool:
    return not os.environ.get(SERIAL) and may_fork()


def _run(index: int) -> None:
    _JOBS[index]()
