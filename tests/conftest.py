"""Shared fixtures: the real registers, and helpers that build filled reports from the real
templates (so fixtures never drift from what the templates look like)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from pipeline.indicators.samples import write_report
from pipeline.registers.load import load_registers

D = dt.date


@pytest.fixture(scope="session", autouse=True)
def archive(tmp_path_factory):
    """Every run of the tests (and the command lines they start) keeps its year's results in a
    folder of the session, not in luu_tru/ beside the project's registers."""
    import os

    from pipeline.years.archive import ARCHIVE_ENV
    folder = tmp_path_factory.mktemp("luu_tru")
    before = os.environ.get(ARCHIVE_ENV)
    os.environ[ARCHIVE_ENV] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(ARCHIVE_ENV, None)
    else:
        os.environ[ARCHIVE_ENV] = before


@pytest.fixture(scope="session")
def reg():
    return load_registers()


@pytest.fixture
def report_file(reg, tmp_path):
    """report_file("KH01", "ca_nam", date, {"CT05": (99, 100)}, name="a.xlsx", extra=…, header=…)"""
    def make(unit, period, date, values, name=None, extra=None, header=None, folder=None):
        base = folder or tmp_path / "input"
        path = base / (name or f"{unit}_{period}.xlsx")
        return write_report(reg, unit, period, date, values, path, extra=extra, header=header)
    return make


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def issue_tuples(issues) -> set[tuple]:
    return {(i.code, i.sheet, i.cell) for i in issues}


def set_law(root: Path, year: int, **values) -> None:
    """Rewrite lines ``key = …`` of the year's luat_ap_dung.toml (values as TOML text)."""
    path = root / str(year) / "luat_ap_dung.toml"
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, n = re.subn(rf"(?m)^{key}\s*=\s*[^#\n]*", f"{key} = {value}   ", text)
        assert n == 1, key
    path.write_text(text, encoding="utf-8")
