"""Every process a run starts is a helper: below the main process's priority, deaf to Ctrl+C (the
main process stops it), and stopped with the run."""

from __future__ import annotations

import concurrent.futures as cf
import os
import signal

import pytest

from pipeline.intake.isolate import HELPER_NICENESS, helper_process


def _state() -> tuple[int, bool]:
    return os.nice(0), signal.getsignal(signal.SIGINT) == signal.SIG_IGN


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no os.nice on this system")
def test_a_helper_runs_below_the_main_process_and_leaves_ctrl_c_to_it():
    with cf.ProcessPoolExecutor(max_workers=1, initializer=helper_process) as pool:
        niceness, deaf = pool.submit(_state).result()
    assert niceness == min(19, os.nice(0) + HELPER_NICENESS)
    assert deaf and signal.getsignal(signal.SIGINT) != signal.SIG_IGN   # this process is left as it was
