"""Speed and memory of a whole run on many files. Prints its figures; asserts nothing.

The sample set (37 workbooks of 18 units) is copied N times into sub-folders, so that a run
reads N × 37 files; the copies are identical duplicates, which also exercises the duplicate
resolution at scale. Usage: python benchmarks/run_benchmark.py [copies ...] (default 1 20 100).

Last measured (2 cores, 2026-11-24), with the award reports in the sample (76 files a copy):
    76 files: whole run 0.8 s
  1520 files: whole run 4.2 s
  7600 files: whole run 21 s (read in-process 13.8 s, validate 3.8 s, dedupe 0.1 s); peak 466 MiB
  "mot-trieu-dong": a 1,000,000-row sheet among the 76: reading 1.1 s, that file alone 246 MiB
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.indicators.aggregate import aggregate  # noqa: E402
from pipeline.indicators.evaluate import evaluate  # noqa: E402
from pipeline.intake.discover import discover  # noqa: E402
from pipeline.intake.read import read_file  # noqa: E402
from pipeline.registers.load import load_registers  # noqa: E402
from pipeline.run import _missing_reason, report  # noqa: E402
from pipeline.samples import make_samples  # noqa: E402
from pipeline.submissions.dedupe import dedupe  # noqa: E402
from pipeline.submissions.validate import validate  # noqa: E402


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


def million_rows() -> None:
    """A workbook with one sheet of 1,000,000 rows among normal reports: how long the run takes
    and how much memory its reading workers use (the file is refused or read within limits)."""
    import xlsxwriter

    from pipeline.intake.isolate import read_all
    reg = load_registers()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "input"
        make_samples(reg, folder)
        big = folder / "mot trieu dong.xlsx"
        wb = xlsxwriter.Workbook(str(big), {"constant_memory": True})
        ws = wb.add_worksheet("Báo cáo")   # our template's identity, so the sheet must really be read
        ws.write_string(9, 1, "Mã chỉ tiêu")
        for r in range(10, 1_000_000):
            ws.write_number(r, 0, r)
            ws.write_string(r, 1, "CT05")
        ident = wb.add_worksheet("_nhan_dang")
        for i, (k, v) in enumerate((("loai_bieu_mau", "chi_tieu_khom"), ("phien_ban", "1"), ("nam", "2024"),
                                    ("ma_don_vi", "KH01"))):
            ident.write_string(i, 0, k)
            ident.write_string(i, 1, v)
        wb.close()
        t = time.perf_counter()
        found, _ = discover(folder)
        results = read_all(found, reg)
        elapsed = time.perf_counter() - t
        fate = next(r for r in results if r.found.name == big.name)
        import subprocess  # the big file alone in a fresh process, to measure what reading it costs
        code = ("import sys; sys.path.insert(0, %r); from pathlib import Path; from pipeline.intake.discover import Found; "
                "from pipeline.intake.read import read_file; from pipeline.registers.load import load_registers; "
                "read_file(Found(Path(%r), 'x', True, ''), load_registers())") % (
                    str(Path(__file__).resolve().parent.parent), str(big))
        subprocess.run([sys.executable, "-c", code], check=True)
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"Tệp 1.000.000 dòng ({big.stat().st_size / 1e6:.1f} MB) cùng {len(results) - 1} tệp khác: đọc {elapsed:.1f} s; "
              f"kết quả: {[i.code for i in fate.issues]}; bộ nhớ tối đa khi đọc riêng tệp này: {children:.0f} MiB")


if __name__ == "__main__":
    if sys.argv[1:] == ["mot-trieu-dong"]:
        million_rows()
    else:
        main([int(a) for a in sys.argv[1:]] or [1, 20, 100])
