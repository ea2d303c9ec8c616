"""The run as on Windows, kept working on this machine: no process forked (the readers spawned,
the writers one after the other; ``PIPELINE_NO_FORK``) gives the same output set as the default
run, and so do input and output folders whose names hold spaces and Vietnamese letters, composed
(NFC) or decomposed (NFD)."""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from pipeline.__main__ import PROJECT, main
from pipeline.intake import isolate
from pipeline.report import side_by_side
from pipeline.report.output_set import TEST_PAUSE
from tests.report.test_output_set import snapshot

SWITCHES = (TEST_PAUSE, isolate.NO_FORK, side_by_side.SERIAL)


def run(inp: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in SWITCHES} | env
    return subprocess.run([sys.executable, "-m", "pipeline", "report", "--input", str(inp), "--output", str(out)],
                          cwd=PROJECT, env=clean, capture_output=True, text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def sample_input(tmp_path_factory) -> Path:
    """The sample set (81 files, the council's form filled, so the Word documents are written too)."""
    folder = tmp_path_factory.mktemp("mau") / "input"
    subprocess.run([sys.executable, "-m", "pipeline", "samples", "--output", str(folder)], cwd=PROJECT, check=True,
                   stdout=subprocess.DEVNULL)
    return folder


@pytest.fixture(scope="module")
def reference_dir(sample_input, tmp_path_factory) -> Path:
    """The default run's set (forked readers and writers side by side, where the system allows)."""
    out = tmp_path_factory.mktemp("mac_dinh") / "output"
    assert run(sample_input, out).returncode == 1   # the sample set carries data errors on purpose
    return out


@pytest.fixture(scope="module")
def reference(reference_dir) -> dict[str, str]:
    got = snapshot(reference_dir)
    assert len(got) == 49   # 48 files and the marker
    return got


WORKBOOK = "bao_cao_thi_dua_2024.xlsx"


def workbook_members(path: Path, input_name: str = "input") -> dict[str, bytes]:
    """The workbook's parts, the input folder's name (on "Nguồn dữ liệu") read as "input"."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    shown = f"<t>{input_name}</t>".encode()
    assert parts["xl/sharedStrings.xml"].count(shown) == 1
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(shown, b"<t>input</t>")
    return parts


def test_the_switch_turns_every_fork_off(monkeypatch):
    monkeypatch.delenv(isolate.NO_FORK, raising=False)
    monkeypatch.delenv(side_by_side.SERIAL, raising=False)
    forks = "fork" in mp.get_all_start_methods()
    assert isolate.may_fork() is forks and side_by_side._may_fork() is forks
    if forks:
        assert isolate._reader_context() is None   # the system's default
    else:
        assert isolate._reader_context().get_start_method() == "spawn"
    monkeypatch.setenv(isolate.NO_FORK, "1")
    assert not isolate.may_fork() and not side_by_side._may_fork()
    assert isolate._reader_context().get_start_method() == "spawn"


def test_a_run_without_fork_writes_the_same_set(sample_input, reference, tmp_path, monkeypatch):
    """In this process, with os.fork made to fail: the switch must leave nothing that forks."""
    forked = []

    def no_fork():
        forked.append(1)
        raise AssertionError("os.fork called in a run without fork")

    monkeypatch.setenv(isolate.NO_FORK, "1")
    for name in SWITCHES[:1] + SWITCHES[2:]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os, "fork", no_fork, raising=False)   # Windows has no os.fork at all
    out = tmp_path / "output"
    assert main(["report", "--input", str(sample_input), "--output", str(out)]) == 1
    assert forked == []
    assert snapshot(out) == reference


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_folders_named_with_spaces_and_vietnamese_letters(sample_input, reference_dir, reference, tmp_path, form):
    """Copied unchanged under such names, the files give the same set (the workbook names the
    input folder, as given, on "Nguồn dữ liệu"), and the summary names the output folder as given,
    however its letters are composed."""
    base = tmp_path / unicodedata.normalize(form, "Hội đồng thi đua năm 2024")
    inp = base / unicodedata.normalize(form, "Báo cáo đơn vị gửi")
    out = base / unicodedata.normalize(form, "Kết quả tổng hợp")
    assert (form == "NFC") == (str(inp) == unicodedata.normalize("NFC", str(inp)))   # the names really differ
    shutil.copytree(sample_input, inp)
    proc = run(inp, out, **{isolate.NO_FORK: "1"})
    assert proc.returncode == 1, proc.stderr
    assert f"Báo cáo tổng hợp: {out / WORKBOOK}" in proc.stdout
    got = snapshot(out)
    assert set(got) == set(reference)
    assert {k: v for k, v in got.items() if k != WORKBOOK} == {k: v for k, v in reference.items() if k != WORKBOOK}
    assert workbook_members(out / WORKBOOK, inp.name) == workbook_members(reference_dir / WORKBOOK)
    assert sorted(p.name for p in base.iterdir()) == sorted([inp.name, out.name, f".{out.name}.khoa"])
