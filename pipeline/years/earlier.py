"""Which earlier years a run compares with, and where each comes from: the archive the tool keeps
(``archive.py``), or an earlier year's consolidated workbook dropped into the input folder, which
wins over the archive (with a warning when the two differ) once its identity and figures check out."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from pipeline.indicators.aggregate import WARD
from pipeline.intake.discover import CONSOLIDATED
from pipeline.issues import Issue, make_issue
from pipeline.registers.model import Registers
from pipeline.years.archive import (
    Figures,
    archive_path,
    archived_years,
    figures_of,
    read_archive,
    read_workbook,
)
from pipeline.years.compare import Year, compare_years, years_of


@dataclass(frozen=True)
class EarlierYears:
    figures: list[Figures]       # newest first
    issues: list[Issue]

    @property
    def sources(self) -> list[str]:
        return [f"năm {f.year} ({f.source})" for f in self.figures]


def dropped_workbooks(paths: list[Path]) -> dict[int, Path]:
    """Earlier consolidated workbooks among ``paths``, by the year in their name (the first of a year)."""
    out: dict[int, Path] = {}
    for path in sorted(paths):
        m = CONSOLIDATED.match(path.name)
        if m:
            out.setdefault(int(m.group(1)), path)
    return out


def earlier_years(reg: Registers, paths: list[Path], root: Path, sample: bool, input_dir: Path | None = None
                  ) -> EarlierYears:
    """``paths``: the files found in the input folder; ``root``: the archive folder."""
    issues: list[Issue] = []
    by_year: dict[int, Figures] = {}
    for year in archived_years(root, reg.year, sample):
        figures, why = read_archive(archive_path(root, year, sample))
        if figures is None:
            issues.append(make_issue("LUU_TRU_KHONG_DUNG", file=str(archive_path(root, year, sample)), value=year,
                                     detail=why))
        else:
            by_year[year] = figures
    for year, path in dropped_workbooks(paths).items():
        name = path.relative_to(input_dir).as_posix() if input_dir and path.is_relative_to(input_dir) else path.name
        if year >= reg.year:
            issues.append(make_issue("BAO_CAO_NAM_TRUOC_KHONG_DUNG", file=name, value=year,
                                     detail=f"không phải năm trước năm {reg.year}"))
            continue
        figures, why = read_workbook(path, year)
        if figures is not None and figures.sample != sample:
            figures, why = None, ("tệp là kết quả chạy trên dữ liệu mẫu" if figures.sample
                                  else "tệp là kết quả từ số liệu thật, lần chạy này trên dữ liệu mẫu")
        if figures is None:
            issues.append(make_issue("BAO_CAO_NAM_TRUOC_KHONG_DUNG", file=name, value=year, detail=why))
            continue
        kept = by_year.get(year)
        if kept is not None and kept.digest != figures.digest:
            issues.append(make_issue("BAO_CAO_NAM_TRUOC_KHAC_LUU_TRU", file=name, value=year,
                                     detail=_difference(kept, figures)))
        by_year[year] = figures
    return EarlierYears([by_year[y] for y in sorted(by_year, reverse=True)], issues)


def _difference(archived: Figures, dropped: Figures) -> str:
    """The first ward result that differs, in words; else a count of rows."""
    old = {(r["ky"], r["pham_vi"], r["ma"]): r for r in archived.rows if r["dong"] == "ket_qua"}
    for r in dropped.rows:
        o = old.get((r["ky"], r["pham_vi"], r["ma"]))
        if r["dong"] == "ket_qua" and r["pham_vi"] == WARD and o is not None and (o["gia_tri"], o["tra_loi"]) != (
                r["gia_tri"], r["tra_loi"]):
            return (f"chỉ tiêu {r['ma']}, {r['ten_ky']}: tệp ghi {r['gia_tri'] or r['tra_loi'] or 'trống'}, "
                    f"lưu trữ ghi {o['gia_tri'] or o['tra_loi'] or 'trống'}")
    return f"tệp có {len(dropped.rows)} dòng số liệu, lưu trữ có {len(archived.rows)}"


def history(reg: Registers, results, years: list[Year]) -> dict[str, dict[int, Fraction]]:
    """Target code -> {year: the ward's figure of the final period} over every year present, for
    the targets the registers mark for charting."""
    final = reg.final_period.code
    out: dict[str, dict[int, Fraction]] = {}
    for r in results:
        if not r.target.charted or r.scope != WARD or r.period != final:
            continue
        line = {y.year: e.value for y in years
                if (e := y.figure(r.target, final, True, WARD)).value is not None}
        if r.value is not None:
            line[reg.year] = r.value
        out[r.target.code] = line
    return out


@dataclass(frozen=True)
class SamePeriod:
    """What a run knows of the same period of earlier years, and its own table for the years after."""
    figures: Figures               # this run's, for the archive and the workbook's hidden sheet
    earlier: EarlierYears
    comparisons: dict              # (target code, period, scope) -> compare.Comparison
    history: dict                  # target code -> {year: ward figure}, for the charted targets


def same_period(reg: Registers, results, values, paths: list[Path], root: Path, sample: bool,
                input_dir: Path | None = None) -> SamePeriod:
    earlier = earlier_years(reg, paths, root, sample, input_dir)
    years = years_of(reg, earlier.figures)
    return SamePeriod(figures_of(reg, results, values, sample), earlier, compare_years(results, reg, years),
                      history(reg, results, years))
