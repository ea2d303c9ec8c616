"""Speed and memory of a whole run on many files. Prints its figures; asserts nothing.

The sample set (37 workbooks of 18 units) is copied N times into sub-folders, so that a run
reads N × 37 files; the copies are identical duplicates, which also exercises the duplicate
resolution at scale. Usage: python benchmarks/run_benchmark.py [copies ...] (default 1 20 100).

Last measured (2 cores, 2026-11-24):
    37 files,   144 rows: whole run 0.23 s
   740 files,  2880 rows: whole run 1.2 s
  3700 files, 14400 rows: whole run 4.0 s (read 2.0 s, validate 0.5 s, dedupe 0.05 s); peak 211 MiB
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.aggregate import aggregate  # noqa: E402
from pipeline.dedupe import dedupe  # noqa: E402
from pipeline.discover import discover  # noqa: E402
from pipeline.evaluate import evaluate  # noqa: E402
from pipeline.make_samples import make_samples  # noqa: E402
from pipeline.read import read_file  # noqa: E402
from pipeline.registers import load_registers  # noqa: E402
from pipeline.run import _missing_reason, report  # noqa: E402
from pipeline.validate import validate  # noqa: E402


def main(copies: list[int]) -> None:
    reg = load_registers()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample"
        make_samples(reg, sample)
        for n in copies:
            folder = Path(tmp) / f"input_{n}"
            for i in range(n):
                shutil.copytree(sample, folder / f"ban_{i:04d}")
            stages = {}
            t = time.perf_counter()
            found, _ = discover(folder)
            stages["discover"] = time.perf_counter() - t
            t = time.perf_counter()
            read = [read_file(f, reg) for f in found if f.readable]
            stages["read"] = time.perf_counter() - t
            t = time.perf_counter()
            validated = validate(read, reg)
            stages["validate"] = time.perf_counter() - t
            t = time.perf_counter()
            chosen = dedupe(validated, reg)
            stages["dedupe"] = time.perf_counter() - t
            t = time.perf_counter()
            evaluate(aggregate(chosen.values, reg), reg, _missing_reason(validated, chosen))
            stages["aggregate+evaluate"] = time.perf_counter() - t
            t = time.perf_counter()
            report(folder, Path(tmp) / f"out_{n}", reg)
            whole = time.perf_counter() - t
            files = sum(1 for f in found if f.readable)
            rows = len(validated.rows)
            detail = ", ".join(f"{k} {v:.2f} s" for k, v in stages.items())
            print(f"{files:6d} tệp, {rows:7d} dòng: cả lượt {whole:6.2f} s ({whole / files * 1000:.1f} ms/tệp); {detail}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Bộ nhớ tối đa của tiến trình: {peak:.0f} MiB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 20, 100])
