"""Independent writers side by side: the consolidated workbook in this process while forked
processes write the feedback folder and the council's documents. Each writer writes files of its
own into the output set being built, so the bytes are the same whichever process writes them.

Where processes cannot be forked (Windows), or when ``SERIAL`` is set in the environment, the
writers run one after the other in this process, in the order given."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import os
import sys
from collections.abc import Callable

from pipeline.intake.isolate import die_with_parent

SERIAL = "PIPELINE_SERIAL_WRITE"
_JOBS: list[Callable[[], object]] = []   # what the forked processes run, by index (a fork inherits it)


def run_side_by_side(jobs: list[Callable[[], object]]) -> None:
    """Run every job; the first here, each other in a forked process; an exception of any job is
    raised here once all have ended (a job cannot be left running when the run stops)."""
    if len(jobs) < 2 or os.environ.get(SERIAL) or "fork" not in mp.get_all_start_methods():
        for job in jobs:
            job()
        return
    _JOBS[:] = jobs
    sys.stdout.flush()   # else a child's copy of what is still buffered would be written a second time
    sys.stderr.flush()
    try:
        with cf.ProcessPoolExecutor(max_workers=len(jobs) - 1, mp_context=mp.get_context("fork"),
                                    initializer=die_with_parent) as pool:
            others = [pool.submit(_run, i) for i in range(1, len(jobs))]
            try:
                jobs[0]()
            finally:
                cf.wait(others)
            for f in others:
                f.result()
    finally:
        _JOBS.clear()


def _run(index: int) -> None:
    _JOBS[index]()
