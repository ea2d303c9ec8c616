"""A 2026 year made by `new-year` from the shipped registers (its book included), copied afresh for
each test that edits it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.__main__ import main
from pipeline.registers.model import REGISTERS_DIR


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("regs") / "registers"
    shutil.copytree(REGISTERS_DIR, root, ignore=shutil.ignore_patterns("du_lieu_mau.toml"))
    assert main(["--registers", str(root), "new-year", "2026"]) == 0
    return root


@pytest.fixture
def root(made, tmp_path) -> Path:
    out = tmp_path / "registers"
    shutil.copytree(made, out)
    return out
