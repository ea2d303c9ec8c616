"""The council's writers run in a process that never imports pandas (it is started before the main
process imports it) nor numpy (``WRITERS_WITHOUT``): their modules, their preparation and their
whole job, sent as a run sends it."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from pipeline.council.stage import council_inputs
from pipeline.registers.rules import load_rules
from pipeline.run import consolidate
from pipeline.samples import make_samples

PROJECT = Path(__file__).resolve().parents[2]

WITHOUT_PANDAS = """
import importlib, pickle, sys
for name in ("pandas", "pandera", "numpy"):
    sys.modules[name] = None   # any import of them fails
from pipeline.council.layout import WRITER_MODULES
for name in WRITER_MODULES:
    importlib.import_module(name)
from pipeline.council.writers import prepare_writers, write_council
with open(sys.argv[1], "rb") as fh:
    reg, job = pickle.load(fh)
prepare_writers(reg)
written = write_council(*job)
print(len(written), sorted(set(sys.modules) & {"docxtpl", "openpyxl", "xlsxwriter"}))
"""


def test_the_council_writers_job_runs_without_pandas(reg, tmp_path):
    folder = tmp_path / "mau"
    make_samples(reg, folder)   # its council form is filled: the documents and the history are written
    rules = load_rules(2024)
    c = consolidate(folder, reg, rules)
    out = tmp_path / "out"
    out.mkdir()
    job = (out, reg, rules, c.council, *council_inputs(c.validated, c.chosen), True)
    (tmp_path / "job.pkl").write_bytes(pickle.dumps((reg, job)))
    proc = subprocess.run([sys.executable, "-c", WITHOUT_PANDAS, str(tmp_path / "job.pkl")], cwd=PROJECT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split(" ", 1) == ["21", "['docxtpl', 'openpyxl', 'xlsxwriter']\n"]
    assert len(list((out / "van_ban").rglob("*.docx"))) == 19
    assert (out / "lich_su_khen_thuong_2024.xlsx").is_file() and (out / "mau_ket_qua_hop_hoi_dong_2024.xlsx").is_file()
