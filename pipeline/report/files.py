"""Writing output files so that a crash never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # the readers' workers import this module and need no pandas
    import pandas as pd


@contextlib.contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside ``path``; move it into place only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes it private (0600); a colleague must open it too
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _umask() -> int:
    """The process's umask (read by setting it, then putting it back), as a plain open() honours it."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


ZIP_TIME = (2000, 1, 1, 0, 0, 0)   # a fixed stamp of no campaign year: same inputs, same bytes


def freeze_zip(path: Path) -> None:
    """openpyxl stamps the save time into the file and the zip; fix both so that the sample set
    is the same bytes on every run (its SHA-256 appears in the provenance sheet)."""
    with zipfile.ZipFile(path) as zf:
        entries = [(info.filename, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"<dcterms:modified([^>]*)>[^<]*<", rb"<dcterms:modified\1>2000-01-01T00:00:00Z<", data)
            zf.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED)


# a yes/no column reads like the rest of the file's codes (co/khong, dat/khong_dat), never True/False
CSV_YES, CSV_NO = "co", "khong"


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 with BOM so that Excel opens Vietnamese text correctly; a yes/no column as co/khong."""
    flags = [c for c in frame.columns if len(frame[c]) and frame[c].map(type).eq(bool).all()]
    if flags:
        frame = frame.assign(**{c: frame[c].map({True: CSV_YES, False: CSV_NO}) for c in flags})
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")


CSV_NAMES = ("chi_tieu_phuong.csv", "chi_tieu_khom.csv", "nop_bao_cao.csv", "loi_du_lieu.csv",
             "dang_ky_thi_dua.csv", "khen_thuong.csv", "khen_thuong_tieu_chi.csv")

# A small hidden file in the output folder saying whether the report there came from sample
# data, so that a sample run never overwrites a report of real data.
MARKER, SAMPLE_MARK, REAL_MARK = ".loai_du_lieu", "du_lieu_mau", "du_lieu_that"


def write_marker(output_dir: Path, sample: bool) -> None:
    with atomic_path(output_dir / MARKER) as tmp:
        tmp.write_text((SAMPLE_MARK if sample else REAL_MARK) + "\n", encoding="utf-8")


def holds_real_report(output_dir: Path) -> bool:
    """True when ``output_dir`` holds a report that is not known to be from sample data: the
    marker says real data, or a workbook is there without a marker (written by an older version)."""
    marker = output_dir / MARKER
    if marker.is_file():
        return marker.read_text(encoding="utf-8").strip() != SAMPLE_MARK
    return output_dir.is_dir() and any(output_dir.glob("bao_cao_thi_dua_*.xlsx"))
