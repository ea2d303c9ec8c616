"""What the repository holds: nothing large committed by mistake (a wheel, an output, a build)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1024 * 1024   # bytes
ALLOWED = ROOT / "tests" / "allowed_large_files.txt"
# where there is no git (an unpacked archive): every file but these, which git ignores
NOT_TRACKED = {".git", ".venv", "build", "input", "output", "input_templates", ".pytest_cache", "__pycache__"}


def tracked_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        return [ROOT / name for name in out.decode("utf-8").split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        return [p for p in ROOT.rglob("*") if p.is_file()
                and not NOT_TRACKED & set(p.relative_to(ROOT).parts) and ".egg-info" not in str(p)]


def allowed() -> set[str]:
    lines = ALLOWED.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}


def too_large(root: Path, files: list[Path], allow: set[str]) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in files
                  if p.is_file() and p.stat().st_size > LIMIT and p.relative_to(root).as_posix() not in allow)


def test_no_tracked_file_is_over_one_megabyte_unless_allowed():
    files = tracked_files()
    assert ROOT / "README.md" in files and ROOT / "pipeline" / "run.py" in files
    assert too_large(ROOT, files, allowed()) == []


def test_the_size_check_catches_a_large_file_and_respects_the_allow_list(tmp_path):
    """The check itself, both sides of the limit: 1 MB passes, one byte more does not unless listed."""
    (tmp_path / "dist").mkdir()
    at_limit, over = tmp_path / "at_limit.bin", tmp_path / "dist" / "over.whl"
    at_limit.write_bytes(b"\0" * LIMIT)
    over.write_bytes(b"\0" * (LIMIT + 1))
    assert too_large(tmp_path, [at_limit, over], set()) == ["dist/over.whl"]
    assert too_large(tmp_path, [at_limit, over], {"dist/over.whl"}) == []


def test_the_allow_list_reads_paths_and_skips_comments():
    assert allowed() == set()   # nothing large is allowed today
