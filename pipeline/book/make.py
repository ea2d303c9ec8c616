"""Write a year's book from its TOML registers (``python -m pipeline book <year>``), and check that
the book, read back, holds exactly what the TOML files said: a TOML file whose content the book
holds whole is no longer a second place to edit and may be removed; one the book cannot hold
(a field the book has no column for) is kept and named."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.book.carry import with_earlier_book
from pipeline.book.factors import factor_rows
from pipeline.book.layout import LAW, LAW_FILE, MEMBERS, book_path
from pipeline.book.read import read_book
from pipeline.book.write import book_files, write_book
from pipeline.registers.identity import KIND_TOKEN, commune
from pipeline.registers.law import rule_sets_text
from pipeline.registers.model import RegisterError
from pipeline.registers.sources import BOOK_FILES, read_toml

TOML_FILES = (*BOOK_FILES, "hoi_dong", "award_rules", LAW_FILE)
HELD_WHOLE = (*BOOK_FILES, LAW_FILE)   # the files the book holds whole, removed once the round trip holds


def toml_files(year_dir: Path) -> dict[str, dict]:
    problems: list[str] = []
    files = {name: read_toml(year_dir / f"{name}.toml", problems) for name in TOML_FILES
             if (year_dir / f"{name}.toml").exists()}
    if problems:
        raise RegisterError(problems)
    return files


def write_year_book(year_dir: Path, year: int, files: dict[str, dict] | None = None) -> tuple[Path, list[str]]:
    """Write ``so_dang_ky_<year>.xlsx`` (refusing to overwrite one); returns its path and the
    register files (of BOOK_FILES) whose whole content it holds."""
    path = book_path(year_dir, year)
    if path.exists():
        raise RegisterError([f"Đã có sổ đăng ký {path}; không ghi đè. Muốn tạo lại thì đổi tên hoặc xóa tệp đó trước."])
    files = files if files is not None else toml_files(year_dir)
    write_book(path, files, year, rule_sets_text(year_dir.parent), factor_rows(year_dir.parent, files.get("award_rules")))
    book = read_book(path)
    if book.problems:
        path.unlink()
        raise RegisterError(book.problems)
    expected = book_files(files)
    if LAW_FILE in files and not _same(expected[LAW_FILE], book.files.get(LAW_FILE, {})):
        # the law is read from the book's sheet alone: a setting it has no row for must not be lost silently
        path.unlink()
        lost = sorted(set(_paths(_clean(expected[LAW_FILE]))) ^ set(_paths(_clean(book.files.get(LAW_FILE, {})))))
        raise RegisterError([f"{year_dir / (LAW_FILE + '.toml')}: trang \"{LAW.name}\" của sổ không có dòng cho "
                             f"{', '.join(lost) or 'một giá trị của tệp này'}; bỏ các mục đó khỏi tệp (hoặc ghi "
                             "đúng kiểu: ngày năm-tháng-ngày, số) rồi chạy lại."])
    return path, [name for name in HELD_WHOLE if name in files and _same(expected[name], book.files.get(name, {}))]


def _paths(value, prefix=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, f"{prefix}.{k}" if prefix else k)
    else:
        yield f"{prefix} = {value!r}"


def _same(toml: dict, held: dict) -> bool:
    """The book holds the TOML's content (an empty value and an absent one are the same)."""
    return _clean(toml) == _clean(held)


def _clean(value):
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in ("", [], {}, None)}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


COUNCIL_NOTE = ("# Năm {year} có sổ đăng ký {book}: căn cứ, nơi nhận, kính gửi, điều thi hành và tên cơ quan, người ký\n"
                "# ghi ở trang \"Cơ quan – Hội đồng\" của sổ, thành viên Hội đồng ở trang \"{members}\"; các dòng đó\n"
                "# trong tệp này không được đọc.\n")
RULES_NOTE = ("# Năm {year} có sổ đăng ký {book}: giá trị các tham số ([[tham_so]] gia_tri) sửa ở trang\n"
              "# \"Danh hiệu – tham số\" của sổ; giá trị ghi trong tệp này không được đọc.\n")


SENTENCES = re.compile(r'(?m)^(\s*(?:trich_yeu|theo_de_nghi|tien_thuong)\s*=\s*")(.*)$')


def _kind_as_token(text: str, kind: str) -> str:
    """The council's fixed sentences that the book does not hold name the commune's kind by its
    token, so that the new year's kind (set in the book) is what they print."""
    word = re.compile(rf"(?<!\w){re.escape(kind)}(?!\w)")
    return SENTENCES.sub(lambda m: m.group(1) + word.sub(KIND_TOKEN, m.group(2)), text)


NOTE_START = re.compile(r"# Năm \d{4} có sổ đăng ký so_dang_ky_\d{4}\.xlsx")


def _without_members(text: str) -> str:
    """hoi_dong.toml without its ``[[thanh_vien]]`` tables (each runs to the next table heading)."""
    out, inside = [], False
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("["):
            inside = line.strip().startswith("[[thanh_vien]]")
        if not inside:
            out.append(line)
    return "".join(out)


def start_book(year_dir: Path, year: int) -> tuple[Path, list[str], list[str]]:
    """The new year's book: one-year fields cleared to placeholders, the book written, the TOML
    files it holds whole removed (they would be a second place to edit), a note at the head of
    those it holds in part. Returns the book's path, the files removed and what was cleared."""
    from pipeline.registers.one_year import clear_one_year

    files, cleared = clear_one_year(with_earlier_book(year_dir, year, toml_files(year_dir)), year)
    path, held = write_year_book(year_dir, year, files)
    held = [name for name in held if (year_dir / f"{name}.toml").exists()]   # a book year copied has none left
    for name in held:
        (year_dir / f"{name}.toml").unlink()
    kind = commune(files.get("co_quan", {}).get("co_quan", {}))[0]
    for name, note in (("hoi_dong", COUNCIL_NOTE), ("award_rules", RULES_NOTE)):
        toml = year_dir / f"{name}.toml"
        if toml.exists():
            text = toml.read_text(encoding="utf-8")
            if NOTE_START.match(text):   # copied from a year with a book: its note gives way to this year's
                text = "".join(text.splitlines(keepends=True)[len(note.splitlines()):])
            text = _kind_as_token(text, kind) if name == "hoi_dong" and kind else text
            if name == "hoi_dong":   # the members are in the book now: not a second list to keep in step
                text = _without_members(text)
            toml.write_text(note.format(year=year, book=path.name, members=MEMBERS.name) + text, encoding="utf-8")
    return path, [f"{name}.toml" for name in held], cleared
