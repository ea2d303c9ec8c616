"""The one way this program makes an xlsxwriter workbook: its parts kept in memory, with the zip
entries its temporary-file mode writes.

By default xlsxwriter writes every part of a workbook (each sheet, the styles, the strings…) to
a temporary file, then copies it into the zip and removes it: about 14 files a workbook, and
creating and removing them was a quarter of the time of the units' feedback. With ``in_memory``
the parts stay in memory, but xlsxwriter then dates them 1 January 1980 and gives them no file
mode, where its file mode gives 31 January 1980 and the temporary file's mode (0600): the same
content in other bytes. ``Workbook`` gives the parts in memory the entries of the file mode, so
the files are byte for byte what they were (tests/report/test_xlsx.py). Every workbook this
program writes is small (a copied sheet is cut at 400 rows), so memory is no concern.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import xlsxwriter
import xlsxwriter.workbook

# what zipfile.ZipInfo.from_file records for one of xlsxwriter's temporary files
FILE_MODE_DATE = (1980, 1, 31, 0, 0, 0)
FILE_MODE_ATTR = 0o100600 << 16   # a regular file, rw------- (tempfile.mkstemp)
OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}   # what a unit typed stays text


class _FileModeEntry(zipfile.ZipInfo):
    """A part's zip entry as xlsxwriter's file mode writes it, whatever date it is given."""

    def __init__(self, filename: str, date_time=None) -> None:
        super().__init__(filename, FILE_MODE_DATE)
        self.external_attr = FILE_MODE_ATTR


class Workbook(xlsxwriter.Workbook):
    def __init__(self, path: Path | str, options: dict | None = None) -> None:
        super().__init__(str(path), OPTIONS | (options or {}) | {"in_memory": True})

    def _store_workbook(self) -> None:
        # xlsxwriter names zipfile.ZipInfo in its own module for the in-memory entries
        made = xlsxwriter.workbook.ZipInfo
        xlsxwriter.workbook.ZipInfo = _FileModeEntry
        try:
            super()._store_workbook()
        finally:
            xlsxwriter.workbook.ZipInfo = made
