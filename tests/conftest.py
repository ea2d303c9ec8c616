"""Shared fixtures: the real registers, and helpers that build filled reports from the real
templates (so fixtures never drift from what the templates look like)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from pipeline.indicators.samples import write_report
from pipeline.registers.load import load_registers

D = dt.date


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
