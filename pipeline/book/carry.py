"""A new year made from a year that has a book: the earlier book, copied into the new folder with the
rest of the year, is read back into the registers' dicts (what it holds wins over the TOML files, as
when a year is loaded), its dates and years moved forward the way ``new_year.shift_text`` moves the
TOML files, and taken out of the new folder (it stays in its own year). So everything the officer
kept in the book (units, targets, the council's members, parameter values…) carries over."""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

from pipeline.book.layout import book_path
from pipeline.book.read import read_book
from pipeline.registers.model import RegisterError
from pipeline.registers.new_year import shift_date, shift_text, shift_year
from pipeline.registers.sources import overlay

EARLIER = re.compile(r"so_dang_ky_(\d{4})\.xlsx")
LAID_OVER = ("hoi_dong", "award_rules")   # TOML files the book holds in part


def with_earlier_book(year_dir: Path, year: int, files: dict[str, dict]) -> dict[str, dict]:
    """``files`` (the new folder's TOML files) with the earlier book's content; unchanged without one."""
    mine = book_path(year_dir, year).name
    found = sorted((int(m.group(1)), p) for p in year_dir.glob("so_dang_ky_*.xlsx")
                   if p.name != mine and (m := EARLIER.fullmatch(p.name)))
    if not found:
        return files
    source, path = found[-1]
    book = read_book(path)
    if book.problems:
        raise RegisterError(book.problems)
    book.files = moved(book.files, source, year - source)
    out = dict(files)
    for name, held in book.files.items():
        out[name] = overlay(name, files.get(name, {}), book) if name in LAID_OVER else copy.deepcopy(held)
    for old in (p for _, p in found):
        old.unlink()
    return out


def moved(value, source: int, delta: int, key: str = ""):
    """A register value with the campaign's years (``source`` and the years either side) moved by ``delta``."""
    if isinstance(value, dict):
        return {k: moved(v, source, delta, k) for k, v in value.items()}
    if isinstance(value, list):
        return [moved(v, source, delta, key) for v in value]
    if isinstance(value, dt.date):
        return shift_date(value, source, delta)
    if isinstance(value, int) and not isinstance(value, bool) and key == "nam":
        return shift_year(value, source, delta)
    if isinstance(value, str):
        if key.startswith("phien_ban"):
            return re.sub(r"^(\d{4})(?=\.)", lambda m: str(shift_year(int(m.group(1)), source, delta)), value)
        return shift_text(value, source, delta)
    return value
