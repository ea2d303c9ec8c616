"""The Windows batch files the officer double-clicks: read by cmd.exe, so kept in the shape it
needs (CRLF, ASCII until the code page is UTF-8, labels that exist), and calling the program with
commands and options it has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.__main__ import EXIT_CLEAN, EXIT_DATA_ERRORS, EXIT_INTERRUPTED, EXIT_SETUP

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ["bao_cao.bat", "kiem_thu.bat"]


@pytest.mark.parametrize("name", SCRIPTS)
def test_cmd_can_read_it(name):
    raw = (ROOT / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")          # a BOM would be read as a command
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")   # CRLF, every line
    lines = raw.decode("utf-8").split("\r\n")
    assert lines[0] == "@echo off"
    chcp = lines.index("chcp 65001 >nul")
    assert all(line.isascii() for line in lines[:chcp])   # read in the console's own code page
    assert any(not line.isascii() for line in lines[chcp:])
    text = "\n".join(lines)
    labels = {m.lower() for m in re.findall(r"^:(\w+)$", text, flags=re.M)}
    used = {m.lower() for m in re.findall(r"(?:goto|call) :?(\w+)", text, flags=re.I)}
    assert used and used <= labels, used - labels
    assert lines[-3:] == ["pause", "endlocal", ""]   # the window stays open to be read


@pytest.mark.parametrize("name", SCRIPTS)
def test_windows_paths_only(name):
    """Backslashes in paths, never a POSIX shell or tool."""
    text = "\n".join(line for line in (ROOT / name).read_text(encoding="utf-8").splitlines()
                     if not line.startswith("rem "))   # the commands, not the comments
    without_urls = re.sub(r"https?://\S+", "", text)
    assert not re.search(r"\w/\w", without_urls), re.findall(r"\S*\w/\w\S*", without_urls)
    for posix in (".venv/bin", "bash", "make ", "grep", "sed ", "awk", "$("):
        assert posix not in text, posix
    assert 'py -3' in text and '".venv\\Scripts\\python.exe" -m ' in text
    assert "-c constraints.txt -e " in text


def test_bao_cao_runs_the_report_and_names_every_exit_code():
    text = (ROOT / "bao_cao.bat").read_text(encoding="utf-8")
    runs = re.findall(r'-m pipeline (\w[\w-]*)( .*)$', text, flags=re.M)
    assert {command for command, _ in runs} == {"report"}
    assert {tuple(re.findall(r"--[\w-]+", rest)) for _, rest in runs} == {("--output",), ("--input", "--output")}
    said = {int(code) for code in re.findall(r'^if "%RC%"=="(\d+)" echo ', text, flags=re.M)}
    assert said == {EXIT_CLEAN, EXIT_DATA_ERRORS, EXIT_SETUP, EXIT_INTERRUPTED}


def test_git_keeps_crlf_for_batch_files():
    rules = (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "*.bat text eol=crlf" in rules and "*.cmd text eol=crlf" in rules
