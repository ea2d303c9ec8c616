"""Driving real LibreOffice from the tests (through tests/lo_fill.py, run by Debian's python3,
which has the UNO bridge). If LibreOffice is missing the tests fail, unless SKIP_LIBREOFFICE=1."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HELPER = Path(__file__).with_name("lo_fill.py")
SYSTEM_PYTHON = "/usr/bin/python3"


def require_libreoffice() -> None:
    ok = shutil.which("soffice") and Path(SYSTEM_PYTHON).exists() and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0
    if ok:
        return
    if os.environ.get("SKIP_LIBREOFFICE") == "1":
        pytest.skip("SKIP_LIBREOFFICE=1: LibreOffice tests skipped on purpose")
    pytest.fail("LibreOffice (soffice) and python3-uno are needed: run scripts/ensure_libreoffice.sh")


def _run(args: list[str], timeout: float) -> str:
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.terminate()  # SIGTERM, so that the helper stops soffice (SIGKILL would orphan it)
        proc.communicate()
        raise
    assert proc.returncode == 0, f"LibreOffice helper failed: {err.strip()}"
    return out.strip()


def fill_in_libreoffice(source: Path, target: Path, edits: list[dict]) -> Path:
    """Open ``source`` in LibreOffice Calc, type ``edits`` into it, save as .xlsx to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _run([SYSTEM_PYTHON, str(HELPER), str(source), str(target), json.dumps(edits, ensure_ascii=False)], 120)
    return target


def convert_to_pdf(source: Path, out_dir: Path) -> Path:
    return Path(_run([SYSTEM_PYTHON, str(HELPER), "--pdf", str(source), str(out_dir)], 180))


def convert_with_libreoffice(source: Path, out_dir: Path, extension: str, filter_name: str) -> Path:
    """Save ``source`` in another format through LibreOffice (as a user choosing "Save as")."""
    import tempfile
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                        "--convert-to", f"{extension}:{filter_name}", "--outdir", str(out_dir), str(source)],
                       capture_output=True, timeout=180, check=True)
    target = out_dir / (source.stem + "." + extension)
    assert target.exists(), f"LibreOffice did not write {target}"
    return target
