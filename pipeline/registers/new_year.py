"""Start a new year's registers (``make new-year YEAR=…``): copy the latest year's folder, move every
date, period label, baseline date and version forward, set the year in force, and say what the
council must still edit. The files are edited as text so that every comment stays where it was.

Only years that belong to the campaign move: the old year, the year before it (the baseline) and
the year after it (year-end deadlines),
in TOML dates, in dd/mm/yyyy or mm/yyyy dates and after "năm". A line that cites a document
(a number such as "98/2023/NĐ-CP", or "Kế hoạch số 34/KH-UBND ngày 07/3/2024") keeps its dates:
a citation's date belongs to the document, and a new year's plan is a new document the council
must name itself (``still_to_edit`` says so).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tomllib
from pathlib import Path

from pipeline.registers.law import still_to_check
from pipeline.registers.model import RegisterError

NOT_COPIED = ("du_lieu_mau.toml",)    # a year's own sample scenario stays with its year
TOML_DATE = re.compile(r"(?<![\w\"/.-])(\d{4})-(\d{2})-(\d{2})(?![\w/])")
TEXT_DATE = re.compile(r"(?<![\d/])((?:\d{1,2}/)?\d{1,2}/)(\d{4})(?![\d/])")
YEAR_WORD = re.compile(r"(?i)(năm|nam|giai đoạn|đến năm)(\s+)(\d{4})(?![\d/])")
VERSION = re.compile(r'(phien_ban\s*=\s*")(\d{4})(\.)')
CITATION = re.compile(r"\d+/\d{4}/[A-ZĐ]|\d+/[A-ZĐ][A-ZĐ-]*\b|(?i:nghị định|thông tư|nghị quyết|quyết định số|luật )")


def existing_years(root: Path) -> list[int]:
    return sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit() and len(p.name) == 4)


def start_year(root: Path, year: int, finish=None) -> tuple[int, list[Path]]:
    """Create ``root/<year>`` from the latest earlier year; returns (source year, files written).
    ``finish(folder)``, if given, completes the folder before it takes the year's name (the year's
    book is written there), so a failure leaves no half-made year."""
    target = root / str(year)
    if target.exists():
        raise RegisterError([f"Đã có sổ đăng ký năm {year} ({target}); không ghi đè. Muốn làm lại thì xóa hoặc "
                             "đổi tên thư mục đó trước."])
    earlier = [y for y in existing_years(root) if y < year]
    if not earlier:
        raise RegisterError([f"Không có sổ đăng ký của năm nào trước năm {year} trong {root} để sao chép."])
    source = earlier[-1]
    delta = year - source
    building = root / f".{year}.dang_tao"
    if building.exists():
        shutil.rmtree(building)
    written = []
    for path in sorted((root / str(source)).rglob("*")):
        rel = path.relative_to(root / str(source))
        if path.is_dir() or rel.name in NOT_COPIED:
            continue
        out = building / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".toml":
            out.write_text(shift_text(path.read_text(encoding="utf-8"), source, delta), encoding="utf-8")
        else:
            shutil.copyfile(path, out)
        written.append(target / rel)
    if finish is not None:
        try:
            finish(building)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
    building.rename(target)
    _set_year_in_force(root / "settings.toml", year)
    return source, written


def _moving(source: int) -> set[int]:
    """The campaign's years a new year moves: ``source`` and the years either side."""
    return {source - 1, source, source + 1}


def shift_year(y: int, source: int, delta: int) -> int:
    return y + delta if y in _moving(source) else y


def shift_date(d: dt.date, source: int, delta: int) -> dt.date:
    """``d`` moved by ``delta`` years when it falls in the campaign's years (29/02 stays where the new year has it)."""
    if d.year not in _moving(source):
        return d
    day = (29 if _leap(d.year + delta) else 28) if (d.month, d.day) == (2, 29) else d.day
    return d.replace(year=d.year + delta, day=day)


def shift_text(text: str, source: int, delta: int) -> str:
    """Move the campaign's years (``source`` and the year before) forward by ``delta``."""
    moving = _moving(source)

    def year(y: str) -> str:
        return str(shift_year(int(y), source, delta))

    def toml_date(m: re.Match) -> str:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if y not in moving:
            return m.group(0)
        return shift_date(dt.date(y, mo, d), source, delta).isoformat()

    def line(text: str) -> str:
        text = TOML_DATE.sub(toml_date, text)
        if CITATION.search(text):
            return text
        text = TEXT_DATE.sub(lambda m: m.group(1) + year(m.group(2)), text)
        return YEAR_WORD.sub(lambda m: m.group(1) + m.group(2) + year(m.group(3)), text)

    text = "".join(line(part) for part in text.splitlines(keepends=True))
    text = VERSION.sub(lambda m: m.group(1) + year(m.group(2)) + m.group(3), text)
    return re.sub(r"(?m)^(nam\s*=\s*)(\d{4})\b", lambda m: m.group(1) + year(m.group(2)), text)


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _set_year_in_force(path: Path, year: int) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(r"(?m)^nam_hien_hanh\s*=\s*\d+", f"nam_hien_hanh = {year}", text)
    if n == 0:
        new = text.rstrip("\n") + f"\nnam_hien_hanh = {year}\n"
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(path)


def _members_line(folder: Path, year: int, name: str) -> str:
    """The checklist's line on the council's members carried from the year before."""
    from pipeline.registers.sources import load_book
    book = load_book(folder, year)
    members = (book.files.get("hoi_dong", {}).get("thanh_vien", []) if book else []) or []
    where = f"{name}, trang Thành viên Hội đồng"
    if not members:
        return f"{where}: chưa có thành viên nào; ghi họ tên, chức vụ, chức danh từng thành viên theo quyết định thành " \
               "lập, kiện toàn Hội đồng (biểu kết quả họp và biên bản lấy danh sách từ đây)."
    return f"{where}: {len(members)} thành viên chép từ năm trước; kiểm tra người đã chuyển công tác, chức vụ mới và " \
           "quyết định kiện toàn Hội đồng của năm."


def still_to_edit(root: Path, year: int, cleared: tuple[str, ...] = ()) -> list[str]:
    """What the council must check in the new folder, in Vietnamese, one line each."""
    folder = root / str(year)
    book = folder / f"so_dang_ky_{year}.xlsx"
    if book.exists():
        lines = [
            f"{book.name}, trang Cơ quan – Hội đồng: loại đơn vị hành chính, tên địa phương, Chủ tịch (người ký), "
            "Kế hoạch thi đua của năm, căn cứ, nơi nhận (sau sắp xếp đơn vị hành chính).",
            f"{book.name}, trang Đơn vị: danh sách khóm, ban ngành, đoàn thể, cơ quan Đảng, doanh nghiệp của năm.",
            f"{book.name}, trang Chỉ tiêu: từng chỉ tiêu, con số chỉ tiêu, đơn vị báo cáo, chỉ tiêu giao từng khóm.",
            f"{book.name}, trang Kỳ báo cáo, Đợt thi đua: kỳ báo cáo, hạn nộp thực tế, các đợt thi đua của năm.",
            _members_line(folder, year, book.name),
        ]
        lines += [f"Đã xóa vì chỉ thuộc về năm trước, còn ghi «cần điền: …»: {c}." for c in cleared]
    else:
        lines = [
            f"{year}/co_quan.toml: loại, tên địa phương, Chủ tịch (người ký), nơi nhận (sau sắp xếp đơn vị hành chính).",
            f"{year}/units.toml: danh sách khóm, ban ngành, đoàn thể của năm (thêm, bớt, đổi tên).",
            f"{year}/targets.toml: văn bản Kế hoạch của năm (trường van_ban), từng chỉ tiêu, con số chỉ tiêu, "
            "đơn vị báo cáo, chỉ tiêu giao từng khóm.",
            f"{year}/periods.toml: kỳ báo cáo, hạn nộp thực tế, các đợt thi đua của năm.",
            f"{year}/hoi_dong.toml, [[thanh_vien]]: thành viên Hội đồng (họ tên, chức vụ, chức danh trong Hội đồng).",
        ]
    try:
        with (folder / "award_rules.toml").open("rb") as fh:
            rules = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        rules = {}
    empty = [p.get("ma", "") for p in rules.get("tham_so", []) if p.get("gia_tri") in ("", None)]
    lines.append((f"{book.name}, trang Danh hiệu – tham số" if book.exists() else f"{year}/award_rules.toml")
                 + ": các tham số do tỉnh quy định còn trống"
                 + (f": {', '.join(empty)}." if empty else "."))
    return lines + still_to_check(root, year)   # the law in force by the year's date (registers/luat/)
