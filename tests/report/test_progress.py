"""The progress bar: on a terminal (a pseudo-terminal here) a run of more than 200 files shows the
files read and each later stage on stderr, in Vietnamese; in a pipe nothing of it appears."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.__main__ import PROJECT
from pipeline.intake.discover import discover

pytestmark = pytest.mark.skipif(os.name == "nt", reason="pseudo-terminals: POSIX only")
STAGES = ("Kiểm tra số liệu", "Tổng hợp", "Ghi báo cáo, tệp phản hồi và văn bản Hội đồng")


@pytest.fixture(scope="module")
def three_copies(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ba_ban") / "input"
    for i in range(3):
        subprocess.run([sys.executable, "-m", "pipeline", "samples", "--output", str(folder / f"ban_{i}")],
                       cwd=PROJECT, check=True, stdout=subprocess.DEVNULL)
    return folder


def command(inp: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "report", "--input", str(inp), "--output", str(out)]


def test_a_terminal_shows_the_files_read_then_each_stage(three_copies, tmp_path):
    import pty
    total = sum(f.readable for f in discover(three_copies)[0])
    assert total > 200
    leader, follower = pty.openpty()
    proc = subprocess.Popen(command(three_copies, tmp_path / "out"), cwd=PROJECT, stdout=subprocess.PIPE,
                            stderr=follower, text=True)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:   # the run closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    stdout, _ = proc.communicate()
    os.close(leader)
    text = shown.decode("utf-8", errors="replace")
    counts = [int(n) for n, t in re.findall(r"Đọc tệp (\d+)/(\d+)", text) if int(t) == total]
    assert counts and counts[-1] == total and counts == sorted(counts)
    assert [s for s in STAGES if s in text] == list(STAGES)
    positions = [text.index(s) for s in STAGES]
    assert positions == sorted(positions) and text.index("Đọc tệp") < positions[0]
    assert "Đọc tệp" not in stdout and "\r" not in stdout
    assert proc.returncode == 1


def test_a_pipe_shows_nothing_of_the_bar(three_copies, tmp_path):
    proc = subprocess.run(command(three_copies, tmp_path / "out"), cwd=PROJECT, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert "Đọc tệp" not in proc.stdout and "\r" not in proc.stdout
    for path in (tmp_path / "out").rglob("*.csv"):
        assert "Đọc tệp" not in path.read_text(encoding="utf-8-sig")
