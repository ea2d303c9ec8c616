"""The output folder as one set: real runs killed with SIGKILL at several stages leave the previous
set byte for byte, two runs at once never mix their files, and files get ordinary permissions."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from pipeline.__main__ import PROJECT, main
from pipeline.report.output_set import TEST_PAUSE
from tests.conftest import D

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL and fork: POSIX only")


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file; a .docx by its members (python-docx stamps no time, the zip does)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h = hashlib.sha256()
            if p.suffix == ".docx":
                with zipfile.ZipFile(p) as z:
                    for n in sorted(z.namelist()):
                        h.update(n.encode() + z.read(n))
            else:
                h.update(p.read_bytes())
            out[str(p.relative_to(folder))] = h.hexdigest()
    return out


def start(inp: Path, out: Path, pause: str = "", seconds: str = "60") -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != TEST_PAUSE}
    if pause:
        env |= {TEST_PAUSE: pause, "PIPELINE_TEST_PAUSE_SECONDS": seconds}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "report", "--input", str(inp), "--output", str(out)],
                            cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_for(proc: subprocess.Popen, line: str) -> None:
    for got in proc.stderr:
        if line in got:
            return
    raise AssertionError(f"the run ended before printing {line!r}")


@pytest.fixture(scope="module")
def sample_input(tmp_path_factory) -> Path:
    """The sample set: its council form is filled, so a run also writes the Word documents."""
    folder = tmp_path_factory.mktemp("mau") / "input"
    subprocess.run([sys.executable, "-m", "pipeline", "samples", "--output", str(folder)], cwd=PROJECT, check=True,
                   stdout=subprocess.DEVNULL)
    return folder


def test_a_run_killed_at_any_stage_leaves_the_previous_set_whole(sample_input, tmp_path):
    out = tmp_path / "ket_qua"
    first = start(sample_input, out)
    first.communicate()
    assert first.returncode == 1   # the sample set carries data errors on purpose
    (out / "ghi_chu_cua_toi.txt").write_text("của cán bộ", encoding="utf-8")   # the user's own file
    before = snapshot(out)
    assert "van_ban/bien_ban_hop_hoi_dong.docx" in before and "phan_hoi/KH01_Khom_Son_Dong.xlsx" in before
    for stage in ("doc", "bao_cao", "phan_hoi", "van_ban", "hoan_doi"):
        proc = start(sample_input, out, pause=stage)
        wait_for(proc, f"[test] dừng ở {stage}")
        if stage != "doc":   # the new set was begun (the workbook is written beside the feedback and documents)
            assert (tmp_path / ".ket_qua.moi").is_dir()
        if stage in ("bao_cao", "hoan_doi"):
            assert (tmp_path / ".ket_qua.moi" / "bao_cao_thi_dua_2024.xlsx").is_file()
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert snapshot(out) == before, stage
        for book in out.rglob("*.xlsx"):
            openpyxl.load_workbook(book, read_only=True).close()
    again = start(sample_input, out)
    again.communicate()
    assert again.returncode == 1
    assert snapshot(out) == before   # same inputs, same bytes; the user's file still there
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ket_qua.khoa", "ket_qua"]   # the killed sets are gone


def test_a_second_run_waits_for_the_first(sample_input, tmp_path):
    out = tmp_path / "ket_qua"
    first = start(sample_input, out, pause="bao_cao", seconds="4")
    wait_for(first, "[test] dừng ở bao_cao")
    second = start(sample_input, out)
    _, err = second.communicate(timeout=120)
    first_done = first.poll()
    first.communicate()
    assert first_done is not None   # the second ended only after the first had ended
    assert (f"Một lần chạy khác đang ghi kết quả vào {out}; đang chờ lần chạy đó xong…") in err
    assert (first.returncode, second.returncode) == (1, 1)
    alone = tmp_path / "mot_minh"
    start(sample_input, alone).communicate()
    assert snapshot(out) == snapshot(alone)


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_output_files_honour_the_umask(report_file, tmp_path, umask):
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 1})
    out = tmp_path / "out"
    old = os.umask(umask)
    try:
        assert main(["report", "--input", str(tmp_path / "input"), "--output", str(out)]) in (0, 1)
    finally:
        os.umask(old)
    modes = {str(p.relative_to(out)): p.stat().st_mode & 0o777 for p in out.rglob("*")}
    assert modes["bao_cao_thi_dua_2024.xlsx"] == modes["chi_tieu_phuong.csv"] == 0o666 & ~umask
    assert modes["phan_hoi/TCKT_Tai_chinh_Ke_toan.xlsx"] == 0o666 & ~umask
    assert {m for p, m in modes.items() if (out / p).is_file()} == {0o666 & ~umask}
    assert {m for p, m in modes.items() if (out / p).is_dir()} | {out.stat().st_mode & 0o777} == {0o777 & ~umask}


def test_a_run_after_one_killed_mid_swap_puts_the_previous_set_back(report_file, tmp_path):
    """Where folders cannot be exchanged in one step, a run killed between the two renames leaves
    the previous set at ``.out.cu``: the next run moves it back before anything else."""
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 1})
    out = tmp_path / "out"
    main(["report", "--input", str(tmp_path / "input"), "--output", str(out)])
    (out / "ghi_chu.txt").write_text("của cán bộ", encoding="utf-8")
    before = snapshot(out)
    os.rename(out, tmp_path / ".out.cu")   # what the killed run left
    (tmp_path / ".out.moi").mkdir()
    (tmp_path / ".out.moi" / "bao_cao_thi_dua_2024.xlsx").write_bytes(b"half")
    assert main(["report", "--input", str(tmp_path / "input"), "--output", str(out)]) in (0, 1)
    assert snapshot(out) == before   # the user's note came back with the previous set, then was carried over
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.khoa", "input", "out"]


def test_writers_side_by_side_give_the_bytes_written_one_after_the_other(sample_input, tmp_path):
    """The workbook, the feedback folder and the council's documents are written by three
    processes at once; written in turn (PIPELINE_SERIAL_WRITE) every file is the same."""
    from pipeline.report.side_by_side import SERIAL
    outs = {}
    for label, extra in (("song_song", {}), ("lan_luot", {SERIAL: "1"})):
        outs[label] = tmp_path / label
        env = {k: v for k, v in os.environ.items() if k not in (TEST_PAUSE, SERIAL)} | extra
        proc = subprocess.run([sys.executable, "-m", "pipeline", "report", "--input", str(sample_input),
                               "--output", str(outs[label])], cwd=PROJECT, env=env, capture_output=True)
        assert proc.returncode == 1
    together, in_turn = snapshot(outs["song_song"]), snapshot(outs["lan_luot"])
    assert len(together) == 49 and together == in_turn   # 48 files and the marker


def test_ctrl_c_stops_the_run_in_a_few_words_and_keeps_the_previous_set(sample_input, tmp_path):
    """Ctrl+C sends SIGINT to the run and all its processes: exit 130, one Vietnamese line and no
    traceback, the previous set untouched, no process left behind."""
    out = tmp_path / "ket_qua"
    start(sample_input, out).communicate()
    before = snapshot(out)
    env = {k: v for k, v in os.environ.items() if k != TEST_PAUSE} | {TEST_PAUSE: "bao_cao"}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "report", "--input", str(sample_input), "--output",
                             str(out)], cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    wait_for(proc, "[test] dừng ở bao_cao")
    os.killpg(proc.pid, signal.SIGINT)   # what the terminal does on Ctrl+C: the whole process group
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 130
    assert err.strip() == "Đã dừng theo yêu cầu (Ctrl+C). Thư mục kết quả giữ nguyên như trước lần chạy này."
    assert snapshot(out) == before
    for _ in range(50):   # nothing of the group is left running (its workers die with the run)
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("a process of the stopped run is still alive after 5 s")
