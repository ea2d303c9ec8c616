"""Where a year's registers come from: the year's book (``so_dang_ky_<year>.xlsx``) when it exists,
else the TOML files (the programmer's format, kept for years without a book).

The book is read into the same dicts the TOML files give; what it holds wins over a TOML file of
the same year: units, periods, targets and the body's names are read from the book alone, and
``award_rules.toml`` (the rule definitions) and ``hoi_dong.toml`` (the council's fixed wording) only
for what the book does not hold. A
book is read once per change of the file. TOML files are read with messages an officer can act
on: a byte-order mark is accepted, an ANSI (Windows-1258) save, a decimal comma and a missing
quote are named with the line and the fix.
"""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.book.layout import book_path
from pipeline.book.read import Book, read_book
from pipeline.registers.schema import syntax_message

BOM = b"\xef\xbb\xbf"
DECIMAL_COMMA = re.compile(r"^\s*([\w.]+)\s*=\s*(-?\d+),(\d+)\s*(#.*)?$")
BARE_TEXT = re.compile(r"^\s*([\w.]+)\s*=\s*([^\"'\[\{\d\s\-+].*)$")
# the lines of hoi_dong.toml that name the body: in a year with a book they come from its names
BOOK_FILES = ("units", "periods", "targets", "co_quan")
IDENTITY_KEYS = ("co_quan_chu_quan", "co_quan_ban_hanh", "chuc_danh_ban_hanh", "ho_ten_nguoi_ky", "truc_thuoc")


def read_toml(path: Path, problems: list[str]) -> dict:
    """A TOML file's content, or {} with the reason in ``problems``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(f"Không tìm thấy tệp sổ đăng ký {path}.")
        return {}
    data = data[len(BOM):] if data.startswith(BOM) else data   # Notepad's "UTF-8" writes one
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.append(f"Tệp {path}, dòng {line}: tệp không lưu bằng mã UTF-8 (có lẽ đã lưu kiểu ANSI hoặc "
                        "Windows-1258 nên chữ có dấu bị hỏng). Mở tệp bằng Notepad, chọn File > Save As, ở ô "
                        "Encoding chọn UTF-8, lưu đè rồi chạy lại.")
        return {}
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(_toml_problem(path, text, exc))
        return {}


def _toml_problem(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> str:
    m = re.search(r"line (\d+)", str(exc))
    number = int(m.group(1)) if m else 0
    lines = text.splitlines()
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    comma = DECIMAL_COMMA.match(line)
    if comma:
        key, whole, frac = comma.group(1), comma.group(2), comma.group(3)
        return (f"Tệp {path}, dòng {number}: số \"{whole},{frac}\" viết dấu phẩy; trong tệp .toml số lẻ viết dấu "
                f"chấm: sửa thành {key} = {whole}.{frac}")
    if line.count('"') % 2 == 1:
        return (f"Tệp {path}, dòng {number}: thiếu dấu ngoặc kép; chữ phải nằm giữa hai dấu \" … \", "
                f"ví dụ ten = \"Tên đơn vị\". Dòng đang ghi: {line.strip()}")
    bare = BARE_TEXT.match(line)
    if bare and bare.group(2).strip() not in ("true", "false"):
        return (f"Tệp {path}, dòng {number}: chữ \"{bare.group(2).strip()}\" chưa đặt trong dấu ngoặc kép; sửa "
                f"thành {bare.group(1)} = \"{bare.group(2).strip()}\"")
    return syntax_message(path, exc)


@dataclass
class YearSources:
    files: dict[str, dict]
    book: Book | None = None
    problems: list[str] = field(default_factory=list)


_books: dict[Path, tuple[tuple[int, int], Book]] = {}


def load_book(year_dir: Path, year: int) -> Book | None:
    """The year's book read (once per change of the file), or None when the year has none."""
    path = book_path(year_dir, year)
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    stamp = (st.st_size, st.st_mtime_ns)
    cached = _books.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    book = read_book(path)
    _books[path] = (stamp, book)
    return book


def year_file(year_dir: Path, year: int, name: str, problems: list[str]) -> dict:
    """One register of the year (``units``, ``periods``, ``targets``, ``co_quan``, ``hoi_dong``,
    ``award_rules``) as a dict, the book's content laid over the TOML file's."""
    book = load_book(year_dir, year)
    toml_path = year_dir / f"{name}.toml"
    if book is None:
        return read_toml(toml_path, problems)
    problems += [p for p in book.problems if p not in problems]
    if name in BOOK_FILES:        # the book holds all of it: the TOML file, if any, is not read
        return copy.deepcopy(book.files.get(name, {}))
    return overlay(name, read_toml(toml_path, problems), book)


def overlay(name: str, base: dict, book: Book) -> dict:
    """The council's register and the rule set with what the book holds of them laid over."""
    held = copy.deepcopy(book.files.get(name, {}))
    if name == "award_rules":
        values = {p["ma"]: p["gia_tri"] for p in held.get("tham_so", []) if "ma" in p}
        return {**base, "tham_so": [{**p, "gia_tri": values.get(p.get("ma"), p.get("gia_tri"))}
                                    for p in base.get("tham_so", [])]}
    out = _merge(base, held)
    for path in book.cleared:
        if path[0] == name:
            _drop(out, path[1:])
    if name == "hoi_dong":
        out = {k: ({i: v for i, v in block.items() if i not in IDENTITY_KEYS} if isinstance(block, dict) else block)
               for k, block in out.items()}
    return out


def _merge(base: dict, held: dict) -> dict:
    out = dict(base)
    for key, value in held.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) \
            else value
    return out


def _drop(node: dict, path: tuple) -> None:
    for part in path[:-1]:
        node = node.get(part)
        if not isinstance(node, dict):
            return
    node.pop(path[-1], None)
