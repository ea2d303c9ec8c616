"""What the run is doing, on the terminal: a bar of the files read, then each later stage, on
stderr. Shown only when stderr is a terminal, and only for a run that reads more than
``MANY_FILES`` files or lasts more than ``DELAY`` seconds; never written into any output."""

from __future__ import annotations

import os
import sys
import time

MANY_FILES, DELAY = 200, 2.0
STAGES = ("Kiểm tra số liệu", "Tổng hợp", "Ghi báo cáo, tệp phản hồi và văn bản Hội đồng")


class Progress:
    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.on = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self.many = False
        self.bar = None

    def _delay(self) -> float:
        return 0.0 if self.many else max(0.0, DELAY - (time.monotonic() - self.started))

    def _new(self, **kw):
        from tqdm import tqdm  # only when something is shown
        self.close()
        columns, rows = self._size()
        self.bar = tqdm(file=self.stream, delay=self._delay(), leave=False, ncols=columns, nrows=rows, **kw)

    def _size(self) -> tuple[int, int]:
        """The terminal's size; 0 (a terminal that does not say) would make tqdm print nothing."""
        try:
            size = os.get_terminal_size(self.stream.fileno())
            return min(100, size.columns) or 80, size.lines or 24
        except (OSError, ValueError, AttributeError):
            return 80, 24

    def reading(self, total: int):
        """Start the bar of files read; returns the function to call with each number of files done."""
        if not self.on or not total:
            return None
        self.many = total > MANY_FILES
        self._new(total=total, desc="Đọc tệp", bar_format="{desc} {n_fmt}/{total_fmt} {bar} {elapsed}")
        return self.bar.update

    def stage(self, name: str) -> None:
        if not self.on:
            return
        done = STAGES.index(name)
        self._new(total=len(STAGES), initial=done, desc=name, bar_format="{desc} ({n_fmt}/{total_fmt}) {bar} {elapsed}")
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            if self.many or time.monotonic() - self.started >= DELAY:   # never shows a short run's bar
                self.bar.refresh()   # the last count, which tqdm may have skipped for speed
            self.bar.close()
            self.bar = None


class NoProgress(Progress):
    """For a run that is not on a terminal, or called from code (tests)."""

    def __init__(self) -> None:
        self.on, self.bar = False, None
