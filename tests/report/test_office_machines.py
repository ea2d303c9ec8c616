"""A run on the office's machines: an output folder that is read-only, a symbolic link or a mount
point, a parent folder that takes no file, a console that is not UTF-8, a full disk, a file-size
limit. Each is a real run in a process of its own with the machine's refusal made real: root's
power over permissions dropped (CI runs the tests as root), a small tmpfs in a mount namespace of
its own, RLIMIT_FSIZE. Each asserts the exit code, the Vietnamese message, and that the previous
report is whole."""

from __future__ import annotations

import ctypes
import errno
import hashlib
import math
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.__main__ import PROJECT
from pipeline.report.output_set import TEST_PAUSE
from tests.conftest import D
from tests.report.test_output_set import snapshot, wait_for

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="capabilities, namespaces: Linux")

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3
KEPT = "Báo cáo cũ trong thư mục kết quả (nếu có) giữ nguyên; lần chạy này chưa ghi gì."
OWN = [".loai_du_lieu", "bao_cao_thi_dua_2024.xlsx", "chi_tieu_khom.csv", "chi_tieu_phuong.csv",
       "dang_ky_thi_dua.csv", "du_thao_ket_qua_chi_tieu_2024.docx", "khen_thuong.csv", "khen_thuong_tieu_chi.csv",
       "loi_du_lieu.csv", "mau_ket_qua_hop_hoi_dong_2024.xlsx", "nop_bao_cao.csv", "phan_hoi"]
LOCK_INSIDE = {".tong_hop.khoa": hashlib.sha256(b"").hexdigest()}   # the lock of a swap in place: an empty file


def as_office_user() -> None:
    """preexec_fn: the run gets an ordinary user's rights on files even when the tests run as
    root. Root's capabilities to pass over permissions are dropped from the bounding set, so the
    program started next has none of them; it still owns the test's folders, as a user owns his."""
    if os.geteuid() != 0:
        return   # permissions already apply
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run(inp: Path, out: Path, preexec=None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "report", "--input", str(inp), "--output", str(out)],
                          cwd=PROJECT, env=_env(env), preexec_fn=preexec, capture_output=True, text=True)


def _env(extra: dict | None = None) -> dict:
    return {k: v for k, v in os.environ.items() if k not in (TEST_PAUSE, "PYTHONIOENCODING")} | (extra or {})


@pytest.fixture
def previous(report_file, tmp_path) -> tuple[Path, Path]:
    """One unit's report as input, and the report of a first run in ``<tmp>/dung_chung/ket_qua``
    with a note of the officer's own in it."""
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 1})
    out = tmp_path / "dung_chung" / "ket_qua"
    first = run(tmp_path / "input", out)
    assert first.returncode == 0, first.stderr
    (out / "ghi_chu_cua_toi.txt").write_text("của cán bộ", encoding="utf-8")
    return tmp_path / "input", out


def test_a_read_only_output_folder_is_refused_before_anything_and_kept(previous):
    inp, out = previous
    before = snapshot(out)
    os.chmod(out, 0o555)
    try:
        done = run(inp, out, as_office_user)
    finally:
        os.chmod(out, 0o755)
    assert done.returncode == 2
    assert done.stderr == (
        f"Thư mục kết quả {out} không cho ghi (thư mục chỉ đọc, hoặc tài khoản đang dùng không có quyền ghi vào đó). "
        "Cho phép ghi vào thư mục đó (bỏ chế độ chỉ đọc, hoặc nhờ người quản trị máy cấp quyền ghi), hoặc chọn thư "
        f"mục kết quả khác bằng OUTPUT (--output), rồi chạy lại. {KEPT}\n")
    assert done.stdout == ""
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".ket_qua.khoa", "ket_qua"]   # nothing left beside it
    again = run(inp, out, as_office_user)   # once writable, the next run just works
    assert again.returncode == 0, again.stderr
    assert snapshot(out) == before


def test_a_read_only_working_folder_left_by_an_older_version_is_cleared(previous):
    """What the older version left after a read-only OUTPUT: its copy of the folder's mode made the
    hidden ``.ket_qua.moi`` read-only, part of the old set still in it, and every run then failed."""
    inp, out = previous
    before = snapshot(out)
    left = out.parent / ".ket_qua.moi"
    (left / "phan_hoi").mkdir(parents=True)
    (left / "phan_hoi" / "KH01.xlsx").write_bytes(b"old")
    (left / "loi_du_lieu.csv").write_bytes(b"old")
    os.chmod(left / "phan_hoi", 0o555)
    os.chmod(left, 0o555)
    done = run(inp, out, as_office_user)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".ket_qua.khoa", "ket_qua"]


def test_a_symbolic_link_stays_and_its_folder_gets_the_report(previous, tmp_path):
    inp, target = previous
    before = snapshot(target)
    link = tmp_path / "o_mang"
    link.symlink_to(target, target_is_directory=True)
    (target / "bao_cao_thi_dua_2024.xlsx").write_bytes(b"stale")   # so that the run must write it again
    done = run(inp, link)
    assert done.returncode == 0, done.stderr
    assert f"Báo cáo tổng hợp: {link / 'bao_cao_thi_dua_2024.xlsx'}\n" in done.stdout
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert snapshot(target) == before   # the report written again, the officer's note kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dung_chung", "input", "o_mang"]   # nothing beside the link
    assert sorted(p.name for p in target.parent.iterdir()) == [".ket_qua.khoa", "ket_qua"]
    os.chmod(target, 0o555)   # the message names both the link and its folder
    try:
        refused = run(inp, link, as_office_user)
    finally:
        os.chmod(target, 0o755)
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"Thư mục kết quả {link} (tức thư mục {target}) không cho ghi (thư mục chỉ đọc, ")
    assert snapshot(target) == before


def test_a_writable_output_in_a_read_only_parent_is_swapped_in_place(previous):
    inp, out = previous
    before = snapshot(out)
    (out / "bao_cao_thi_dua_2024.xlsx").write_bytes(b"stale")
    os.mkdir(out / "van_ban")   # an output of an earlier run that this one does not write: removed
    os.chmod(out.parent, 0o555)
    try:
        done = run(inp, out, as_office_user)
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        assert snapshot(out) == before | LOCK_INSIDE
        assert sorted(p.name for p in out.iterdir()) == sorted([*OWN, ".tong_hop.khoa", "ghi_chu_cua_toi.txt"])
        assert sorted(p.name for p in out.parent.iterdir()) == [".ket_qua.khoa", "ket_qua"]

        new = out.parent / "moi"
        refused = run(inp, new, as_office_user)
        assert refused.returncode == 2
        assert refused.stderr == (
            f"Không tạo được thư mục kết quả {new}: thư mục {out.parent} không cho ghi. Tạo sẵn thư mục {new} (hoặc "
            "nhờ người quản trị máy cấp quyền ghi), hoặc chọn thư mục kết quả khác bằng OUTPUT (--output), rồi chạy "
            "lại. Chưa ghi gì.\n")
    finally:
        os.chmod(out.parent, 0o755)


@pytest.mark.parametrize("stage", ["hoan_doi", "doi_cho"])
def test_a_swap_in_place_killed_part_way_is_finished_by_the_next_run(previous, stage):
    """Killed before the swap, the previous set is untouched; killed in the middle of it (the old
    entries moved out, the new ones not yet in), the next run first puts the new set in whole."""
    inp, out = previous
    before = snapshot(out)
    (out / "bao_cao_thi_dua_2024.xlsx").write_bytes(b"stale")
    stale = snapshot(out)
    os.chmod(out.parent, 0o555)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "report", "--input", str(inp), "--output", str(out)],
                                cwd=PROJECT, env=_env({TEST_PAUSE: stage}), preexec_fn=as_office_user,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wait_for(proc, f"[test] dừng ở {stage}")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if stage == "hoan_doi":
            assert snapshot(out) == stale | LOCK_INSIDE | {
                f".tong_hop.moi/{name}": digest for name, digest in snapshot(out / ".tong_hop.moi").items()}
            assert (out / ".tong_hop.moi" / "bao_cao_thi_dua_2024.xlsx").is_file()
        else:
            assert sorted(p.name for p in out.iterdir()) == [".tong_hop.cu", ".tong_hop.khoa", ".tong_hop.vao",
                                                              "ghi_chu_cua_toi.txt"]
            assert (out / ".tong_hop.cu" / "bao_cao_thi_dua_2024.xlsx").read_bytes() == b"stale"
        done = run(inp, out, as_office_user)
        assert done.returncode == 0, done.stderr
    finally:
        os.chmod(out.parent, 0o755)
    assert snapshot(out) == before | LOCK_INSIDE
    assert sorted(p.name for p in out.iterdir()) == sorted([*OWN, ".tong_hop.khoa", "ghi_chu_cua_toi.txt"])


def test_two_runs_swapping_in_place_wait_for_each_other(previous):
    inp, out = previous
    before = snapshot(out)
    os.chmod(out.parent, 0o555)
    try:
        first = subprocess.Popen([sys.executable, "-m", "pipeline", "report", "--input", str(inp), "--output", str(out)],
                                 cwd=PROJECT, env=_env({TEST_PAUSE: "bao_cao", "PIPELINE_TEST_PAUSE_SECONDS": "4"}),
                                 preexec_fn=as_office_user, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wait_for(first, "[test] dừng ở bao_cao")
        second = run(inp, out, as_office_user)
        first_done = first.poll()
        first.communicate()
    finally:
        os.chmod(out.parent, 0o755)
    assert first_done is not None   # the second ended only after the first had ended
    assert second.stderr == f"Một lần chạy khác đang ghi kết quả vào {out}; đang chờ lần chạy đó xong…\n"
    assert (first.returncode, second.returncode) == (0, 0)
    assert snapshot(out) == before | LOCK_INSIDE


def test_an_output_that_is_a_file_is_refused(report_file, tmp_path, capsys):
    from pipeline.__main__ import main

    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 1})
    out = tmp_path / "ket_qua.xlsx"
    out.write_bytes(b"not a folder")
    assert main(["report", "--input", str(tmp_path / "input"), "--output", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"{out} là một tệp, không phải thư mục. Xóa hoặc đổi tên tệp đó, hoặc chọn thư mục kết quả khác bằng OUTPUT "
        "(--output), rồi chạy lại. Chưa ghi gì.\n")
    assert out.read_bytes() == b"not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input", "ket_qua.xlsx"]


def in_own_mounts(script: str, *args: Path) -> None:
    """Run a shell script in a mount namespace of its own, where it may mount a small tmpfs
    (as root ``unshare -m``; as another user, in a user namespace too)."""
    unshare = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-U", "-r", "-m"]
    subprocess.run([*unshare, "sh", "-euc", script, "sh", *map(str, args)], cwd=PROJECT, env=_env(), check=True)


RUN_INSIDE = (f'"{sys.executable}" -m pipeline report --input "$3" --output "$OUT" >"$4/stdout" 2>"$4/stderr" '
              '&& echo $? >"$4/rc" || echo $? >"$4/rc"\n')


def test_an_output_folder_that_is_a_mount_point_is_swapped_in_place(previous, tmp_path):
    inp, shared = previous
    before = snapshot(shared)
    (shared / "bao_cao_thi_dua_2024.xlsx").write_bytes(b"stale")
    mount, seen = tmp_path / "o_gan", tmp_path / "thay"
    mount.mkdir()
    seen.mkdir()
    in_own_mounts('mount -t tmpfs -o size=16m tmpfs "$1"\ncp -a "$2/." "$1/"\nOUT="$1"\n' + RUN_INSIDE
                  + 'cp -a "$1" "$4/sau"\n', mount, shared, inp, seen)
    assert ((seen / "rc").read_text(), (seen / "stderr").read_text()) == ("0\n", "")
    assert snapshot(seen / "sau") == before | LOCK_INSIDE
    assert sorted(p.name for p in (seen / "sau").iterdir()) == sorted([*OWN, ".tong_hop.khoa", "ghi_chu_cua_toi.txt"])


def test_a_full_disk_is_said_in_vietnamese_and_the_previous_report_kept(previous, tmp_path):
    inp, shared = previous
    before = snapshot(shared)
    size = sum(p.stat().st_size for p in shared.rglob("*") if p.is_file())
    disk, seen = tmp_path / "o_dia", tmp_path / "thay"
    disk.mkdir()
    seen.mkdir()
    # the previous report on a 4 MB disk, the rest filled but for 64 KB: too little for the new set
    in_own_mounts('mount -t tmpfs -o size=4m tmpfs "$1"\ncp -a "$2" "$1/ket_qua"\n'
                  'free=$(df -k --output=avail "$1" | tail -1)\nhead -c $(( (free - 64) * 1024 )) /dev/zero >"$1/day"\n'
                  'OUT="$1/ket_qua"\n' + RUN_INSIDE + 'rm "$1/day"\ncp -a "$1" "$4/sau"\n', disk, shared, inp, seen)
    out = disk / "ket_qua"
    assert (seen / "rc").read_text() == "2\n"
    assert (seen / "stdout").read_text() == ""
    assert (seen / "stderr").read_text() == (
        f"Ổ đĩa chứa thư mục kết quả {out} đã hết chỗ trống (hoặc tài khoản đã dùng hết hạn mức dung lượng) khi ghi "
        f"tệp kết quả. Xóa bớt tệp không cần trên ổ đĩa đó (bộ kết quả mới được ghi trọn bên cạnh bộ cũ rồi mới thay "
        f"vào, nên cần trống thêm khoảng {math.ceil(size / 1_000_000)} MB), hoặc chọn thư mục kết quả khác bằng OUTPUT "
        f"(--output) trên ổ đĩa khác, rồi chạy lại. {KEPT}\n")
    assert snapshot(seen / "sau" / "ket_qua") == before
    assert sorted(p.name for p in (seen / "sau").iterdir()) == [".ket_qua.khoa", "ket_qua"]   # no half-written set


def test_a_drive_mounted_read_only_is_said_and_kept(previous, tmp_path):
    inp, shared = previous
    before = snapshot(shared)
    disk, seen = tmp_path / "the_nho", tmp_path / "thay"
    disk.mkdir()
    seen.mkdir()
    in_own_mounts('mount -t tmpfs -o size=16m tmpfs "$1"\ncp -a "$2" "$1/ket_qua"\nmount -o remount,ro "$1"\n'
                  'OUT="$1/ket_qua"\n' + RUN_INSIDE + 'cp -a "$1" "$4/sau"\n', disk, shared, inp, seen)
    assert (seen / "rc").read_text() == "2\n"
    assert (seen / "stderr").read_text() == (
        f"Ổ đĩa chứa thư mục kết quả {disk / 'ket_qua'} chỉ cho đọc (thẻ nhớ, USB khóa ghi, ổ mạng chỉ đọc…). Chọn thư "
        f"mục kết quả trên ổ đĩa ghi được bằng OUTPUT (--output), rồi chạy lại. {KEPT}\n")
    assert snapshot(seen / "sau" / "ket_qua") == before
    assert sorted(p.name for p in (seen / "sau").iterdir()) == ["ket_qua"]


def test_a_file_size_limit_is_said_in_vietnamese_and_the_previous_report_kept(previous):
    inp, out = previous
    before = snapshot(out)
    biggest = max(p.stat().st_size for p in out.rglob("*") if p.is_file())
    limit = biggest // 2   # the consolidated workbook is the biggest file: it cannot be written whole

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = run(inp, out, limited)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "Không ghi được tệp kết quả: tệp lớn hơn cỡ tệp lớn nhất mà máy cho phép (giới hạn cỡ tệp đặt cho tài khoản, "
        "hoặc ổ đĩa định dạng FAT32 chỉ nhận tệp dưới 4 GB). Nhờ người quản trị máy bỏ giới hạn, hoặc chọn thư mục "
        f"kết quả khác bằng OUTPUT (--output) trên ổ đĩa khác, rồi chạy lại. {KEPT}\n")
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".ket_qua.khoa", "ket_qua"]


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_console_that_is_not_utf8_gets_the_summary_in_utf8(previous, encoding):
    """Windows writes a redirected output in its ANSI code page (cp1252 has no "ệ"): the run used
    to fail once the report was written. Now it prints the same UTF-8 bytes as a UTF-8 console."""
    inp, out = previous
    utf8 = run(inp, out, env={"PYTHONIOENCODING": "utf-8"})
    other = subprocess.run([sys.executable, "-m", "pipeline", "report", "--input", str(inp), "--output", str(out)],
                           cwd=PROJECT, env=_env({"PYTHONIOENCODING": encoding}), capture_output=True)
    assert (utf8.returncode, other.returncode) == (0, 0)
    assert other.stderr == b""
    assert other.stdout.decode("utf-8") == utf8.stdout
    assert "Lỗi: 0; cảnh báo: 74.\n" in utf8.stdout


def test_a_folder_that_cannot_be_renamed_is_said_and_kept(report_file, tmp_path, capsys, monkeypatch):
    """A mount point not recognised as one (the system refuses with EBUSY when the folder is
    renamed): the new set is given up, the message says to choose a folder inside it."""
    from pipeline.__main__ import main
    from pipeline.report import output_set

    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 1})
    out = tmp_path / "out"
    out.mkdir()
    (out / "bao_cao_thi_dua_2024.xlsx").write_bytes(b"previous")
    real_rename = os.rename

    def busy(src, dst):
        if Path(src) == out:
            raise OSError(errno.EBUSY, "Device or resource busy", str(src))
        return real_rename(src, dst)

    monkeypatch.setattr(output_set, "_exchange", lambda a, b: False)
    monkeypatch.setattr(os, "rename", busy)
    assert main(["report", "--input", str(tmp_path / "input"), "--output", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"Không thay được thư mục kết quả {out} bằng bộ kết quả mới: hệ thống không cho đổi tên thư mục đó (thường vì "
        f"đó là chỗ gắn một ổ đĩa hoặc thư mục dùng chung). Chọn một thư mục con bên trong nó, ví dụ {out / 'ket_qua'}, "
        f"làm thư mục kết quả bằng OUTPUT (--output), rồi chạy lại. {KEPT}\n")
    assert [p.name for p in out.iterdir()] == ["bao_cao_thi_dua_2024.xlsx"]
    assert (out / "bao_cao_thi_dua_2024.xlsx").read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.khoa", "input", "out"]


def test_a_write_error_wrapped_by_a_library_is_still_recognised():
    """xlsxwriter raises its own FileCreateError from the OSError; the disk is still named."""
    from xlsxwriter.exceptions import FileCreateError

    from pipeline.report.output_errors import explain
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device", "/x/.out.moi/nop_bao_cao.csv")
        except OSError as exc:
            raise FileCreateError(exc) from None
    except FileCreateError as wrapped:
        said = explain(wrapped, None)
    assert said.startswith("Ổ đĩa chứa thư mục kết quả đã hết chỗ trống")
    assert " khi ghi tệp nop_bao_cao.csv. " in said
    assert explain(ValueError("x"), None) == ""
