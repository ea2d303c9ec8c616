"""The documentation (README.md and docs/) tells only what exists: every ``make`` target and
``python -m pipeline`` command and option it names, every issue code, every CSV column; and it
points nowhere outside the repository."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.__main__ import main
from pipeline.issues import CATALOGUE
from pipeline.registers.rules import load_rules
from pipeline.run import CSV_NAMES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DOC_FILES = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
TEXT = {p: p.read_text(encoding="utf-8") for p in DOC_FILES}
ALL = "\n".join(TEXT.values())
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
TOP_DIRS = ("pipeline/", "tests/", "scripts/", "benchmarks/", "schemas/", "registers/", "docs/")


def test_readme_is_for_the_first_ten_minutes():
    lines = TEXT[ROOT / "README.md"].splitlines()
    assert len(lines) < 200
    for needed in ("make report", "make test", "bao_cao.bat", "docs/README.md", "output/"):
        assert needed in TEXT[ROOT / "README.md"], needed


def test_the_docs_index_links_every_docs_page():
    index = TEXT[DOCS / "README.md"]
    linked = {m for m in LINK.findall(index)}
    pages = {p.name for p in DOCS.glob("*.md")} - {"README.md"}
    assert pages <= linked, pages - linked


def makefile_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M))


def test_every_documented_make_target_exists():
    documented = set(re.findall(r"\bmake ([a-z][a-z-]*)", ALL))
    assert {"report", "test", "check", "templates", "new-year"} <= documented
    assert documented <= makefile_targets(), documented - makefile_targets()


def help_text(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as stop:
        main([*argv, "--help"])
    assert stop.value.code == 0
    return out.getvalue()


def documented_commands() -> list[tuple[str, list[str]]]:
    """(subcommand, its options) for each ``-m pipeline …`` in the docs, global options put first."""
    found = []
    for line in ALL.splitlines():
        for m in re.finditer(r"-m pipeline((?: --?[\w-]+(?:[ =][^\s`-][^\s`]*)?)*) ([a-z][a-z-]*)([^`|\n]*)", line):
            found.append((m.group(2), re.findall(r"--[\w-]+", m.group(1)), re.findall(r"--[\w-]+", m.group(3))))
    return found


def test_every_documented_pipeline_command_and_option_exists():
    top = help_text()
    commands = set(re.search(r"\{([\w,-]+)\}", top).group(1).split(","))
    assert commands == {"report", "check", "templates", "samples", "new-year", "book"}
    found = documented_commands()
    assert {c for c, _, _ in found} >= {"report", "check", "templates", "samples", "new-year", "book"}
    for command, before, after in found:
        assert command in commands, command
        for option in before:
            assert option in top, (command, option)
        own = help_text(command)
        for option in after:
            assert option in own, (command, option)


def test_the_command_check_catches_a_made_up_command():
    """The pattern the test above relies on reads the command and its options as a person would."""
    line = "`python -m pipeline --tham-so a=0.15 report --input D:\\x --nam 2024` và `py -m pipeline bao-cao`"
    pattern = r"-m pipeline((?: --?[\w-]+(?:[ =][^\s`-][^\s`]*)?)*) ([a-z][a-z-]*)([^`|\n]*)"
    got = [(m.group(2), re.findall(r"--[\w-]+", m.group(1)), re.findall(r"--[\w-]+", m.group(3)))
           for m in re.finditer(pattern, line)]
    assert got == [("report", ["--tham-so"], ["--input", "--nam"]), ("bao-cao", [], [])]


def test_every_code_the_docs_name_exists():
    """An UPPER_CASE name in backticks is an issue code, a rule code of the register, or a name in
    the code (an environment variable, a table such as ``KINDS``): a mistyped code fails here."""
    rule_codes = set(load_rules(2024).rules)
    sources = "\n".join(p.read_text(encoding="utf-8") for d in ("pipeline", "tests", "benchmarks")
                        for p in (ROOT / d).rglob("*.py"))
    for name in set(re.findall(r"`([A-Z][A-Z0-9_]{2,})`", ALL)):
        assert name in CATALOGUE or name in rule_codes or re.search(rf"\b{name}\b", sources), name
    table = re.findall(r"^\| `([A-Z_]+)` \| (?:lỗi|cảnh báo) \|", TEXT[DOCS / "ma_loi.md"], flags=re.M)
    assert sorted(table) == sorted(set(table)) and set(table) == set(CATALOGUE)


def csv_sections() -> dict[str, str]:
    text = TEXT[DOCS / "cot_du_lieu.md"]
    parts = re.split(r"^### `([\w.]+\.csv)`$", text, flags=re.M)
    return {parts[i]: parts[i + 1].split("\n## ")[0] for i in range(1, len(parts), 2)}


def test_every_csv_column_is_documented_and_every_documented_column_exists(tmp_path, reg):
    from pipeline.run import report
    report(tmp_path / "empty", tmp_path / "out", reg)
    sections = csv_sections()
    assert set(sections) == set(CSV_NAMES)
    for name in CSV_NAMES:
        columns = set(pd.read_csv(tmp_path / "out" / name, nrows=0, encoding="utf-8-sig").columns)
        section = sections[name] + (sections["chi_tieu_phuong.csv"] if name == "chi_tieu_khom.csv" else "")
        assert columns <= set(re.findall(r"`([a-z_]+)`", section)), (name, columns - set(re.findall(r"`([a-z_]+)`", section)))
        rows = re.findall(r"^\| ([^|]+) \|", sections[name], flags=re.M)
        listed = {c for cell in rows for c in re.findall(r"`([a-z_]+)`", cell)}
        assert listed <= columns, (name, listed - columns)


def test_no_link_or_path_points_outside_the_repository_or_nowhere():
    for path, text in TEXT.items():
        where = path.relative_to(ROOT)
        assert "shared/" not in text, where
        for target in LINK.findall(text):
            if re.match(r"https?://", target):
                continue
            file = (path.parent / target.split("#")[0]).resolve()
            assert file.is_relative_to(ROOT), (where, target)
            assert file.exists(), (where, target)
        for quoted in re.findall(r"`([^`\s]+)`", text):
            assert not quoted.startswith(("../", "/")), (where, quoted)
            new_year = re.match(r"registers/(\d{4})/", quoted)   # a year the docs show being created
            if new_year and not (ROOT / "registers" / new_year.group(1)).exists():
                continue
            if quoted.startswith(TOP_DIRS) and not re.search(r"[<>…*{]", quoted):
                assert (ROOT / quoted).exists(), (where, quoted)


def test_pictures_are_small_and_shown():
    pictures = sorted((DOCS / "hinh").glob("*.png"))
    assert len(pictures) >= 5
    shown = {(p.parent / t).resolve() for p, text in TEXT.items() for t in LINK.findall(text)}
    for picture in pictures:
        assert picture.stat().st_size < 200 * 1024, picture.name
        assert picture.resolve() in shown, picture.name
