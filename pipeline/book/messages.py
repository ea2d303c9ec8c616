"""A register problem said of the TOML files ("2026/targets.toml, chỉ tiêu CT05: trường \"chi_tieu\"
…") said of the year's book instead ("so_dang_ky_2026.xlsx, trang Chỉ tiêu, ô F7: …"): the checks
stay written once, against the registers' dicts, and the book's map of cells puts the officer
on the cell to fix."""

from __future__ import annotations

import re

from pipeline.book.layout import TABLES
from pipeline.book.read import Book

PREFIX = re.compile(r"^(?:\d{4}/)?(units|periods|targets|co_quan|award_rules|hoi_dong)\.toml(?:, (.*?))?: (.*)$", re.S)
BLOCKS = {"đơn vị": "don_vi", "kỳ": "ky", "loại báo cáo": "bao_cao", "chỉ tiêu": "chi_tieu",
          "đợt thi đua": "dot_thi_dua", "tham số": "tham_so"}
WORDS = {"mã đơn vị": "ma", "tên đơn vị": "ten", "mã chỉ tiêu": "ma", "đơn vị báo cáo": "don_vi_bao_cao",
         "loại báo cáo \"": "bao_cao", "chi_tieu_khom": "chi_tieu_khom", "mã \"": "ma"}
# a file named inside a message, as the book calls it
FILE_WORDS = {"units.toml": "trang Đơn vị", "targets.toml": "trang Chỉ tiêu", "periods.toml": "các trang kỳ, đợt, loại báo cáo",
              "co_quan.toml": "trang Cơ quan – Hội đồng"}
ENTRY = re.compile(r"^(đơn vị|kỳ|loại báo cáo|chỉ tiêu|đợt thi đua|tham số) (?:thứ (\d+)|(\S+))$")


def in_book(problem: str, book: Book | None) -> str:
    if book is None:
        return problem
    m = PREFIX.match(problem)
    if not m:
        return problem
    file, where, text = m.group(1), m.group(2) or "", m.group(3)
    parts = [p.strip() for p in where.split(",") if p.strip()]
    entry = next((ENTRY.match(p) for p in parts if ENTRY.match(p)), None)
    keys = _field_names(text + " " + " ".join(parts))
    if entry:
        block = BLOCKS[entry.group(1)]
        index = _index(book, file, block, entry.group(2), entry.group(3), last="trùng" in text)
        if index is None:
            return problem
        place = next((book.cells[k] for key in keys for k in [(file, block, index, key)] if k in book.cells),
                     book.rows.get((file, block, index)))
        return f"{book.path.name}, {place}: {_words(text)}" if place else problem
    place = next((cell for key in keys for path, cell in book.cells.items()
                  if path[0] == file and path[-1] == key and not any(isinstance(p, int) for p in path)), None)
    place = place or next((f"trang {sheet.name}, cột {f.heading}" for key in keys for sheet in TABLES
                           if sheet.file == file for f in sheet.fields if f.key == key), None)
    return f"{book.path.name}, {place or FILE_WORDS.get(file + '.toml', file)}: {_words(text)}"


def _words(text: str) -> str:
    for file, words in FILE_WORDS.items():
        text = text.replace(file, words)
    return text


def _field_names(text: str) -> list[str]:
    """The register fields a message names: in words, quoted, snake_case, then the short ones."""
    names = [key for words, key in WORDS.items() if words in text]
    names += re.findall(r"\"([a-z][a-z0-9_]*)\"", text)
    names += re.findall(r"\b([a-z]+(?:_[a-z0-9]+)+)\b", text)
    names += re.findall(r"\b(ma|ten|loai|nhan|tu|den|ky|muc|dvt|nhap|nguon)\b", text)
    return list(dict.fromkeys(names))


def _index(book: Book, file: str, block: str, number: str | None, code: str | None, last: bool = False) -> int | None:
    """The entry a message names by its number or its code (a doubled code: the later entry)."""
    entries = book.files.get(file, {}).get(block, [])
    if number:
        return int(number) - 1 if int(number) <= len(entries) else None
    code = (code or "").strip("\"")
    found = [i for i, e in enumerate(entries) if e.get("ma") == code]
    return (found[-1] if last else found[0]) if found else None
