"""Command line: ``python -m pipeline report|check|templates|samples``."""

from __future__ import annotations

import argparse
import codecs
import os
import sys
import traceback
from pathlib import Path

from pipeline.registers.load import load_registers
from pipeline.registers.model import REGISTERS_DIR, RegisterError
from pipeline.report.output_errors import KEPT, OutputError, check_output, explain, hush_late_write_errors

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = PROJECT / "build" / "du_lieu_mau"
DEFAULT_INPUT = PROJECT / "input"
EXIT_CLEAN, EXIT_DATA_ERRORS, EXIT_SETUP, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Tổng hợp báo cáo thi đua, khen thưởng.")
    parser.add_argument("--registers", type=Path, default=REGISTERS_DIR, help="thư mục sổ đăng ký")
    parser.add_argument("--verbose", action="store_true", help="in chi tiết lỗi chương trình")
    parser.add_argument("--tham-so", action="append", default=[], metavar="MA=GIA_TRI",
                        help="thử thay đổi một tham số của sổ quy tắc khen thưởng cho lần chạy này "
                             "(ví dụ cstdcs_max_ratio_of_ldtt=0.15); kết quả ghi rõ tham số đã đổi")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (("report", "tổng hợp và ghi báo cáo"), ("check", "chỉ kiểm tra số liệu, không ghi báo cáo")):
        p = _with_year(sub.add_parser(name, help=text))
        p.add_argument("--input", type=Path, default=None,
                       help="thư mục các tệp đơn vị gửi (mặc định input/; thư mục mặc định chưa có bảng tính nào "
                            "thì chạy trên dữ liệu mẫu)")
        p.add_argument("--output", type=Path, default=PROJECT / "output")
    p = _with_year(sub.add_parser("templates", help="tạo biểu mẫu cho các đơn vị"))
    p.add_argument("--output", type=Path, default=PROJECT / "input_templates")
    p = _with_year(sub.add_parser("samples", help="tạo bộ báo cáo mẫu"))
    p.add_argument("--output", type=Path, default=SAMPLE_DIR)
    p = sub.add_parser("new-year", help="tạo sổ đăng ký năm mới từ sổ của năm gần nhất")
    p.add_argument("nam_moi", type=int, metavar="NĂM", help="năm mới, ví dụ năm sau năm đang áp dụng")
    p = sub.add_parser("book", help="ghi sổ đăng ký Excel của một năm từ các tệp .toml của năm đó")
    p.add_argument("nam_so", type=int, metavar="NĂM")
    args = parser.parse_args(argv)
    try:
        if args.command == "new-year":
            return _new_year(args)
        if args.command == "book":
            return _book(args)
        reg = load_registers(args.registers, args.nam)
        return COMMANDS[args.command](args, reg)
    except RegisterError as exc:
        print("Sổ đăng ký có lỗi, chưa ghi báo cáo nào:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_SETUP
    except OutputError as exc:
        print(exc, file=sys.stderr)
        return EXIT_SETUP
    except KeyboardInterrupt:   # Ctrl+C: the output folder is swapped in only at the very end
        print("Đã dừng theo yêu cầu (Ctrl+C). Thư mục kết quả giữ nguyên như trước lần chạy này.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        kept = f" {KEPT}" if args.command == "report" else ""
        said = explain(exc, getattr(args, "output", None))   # a full disk, a file-size limit, a read-only drive
        if said:
            print(f"{said}{kept}", file=sys.stderr)
        elif isinstance(exc, PermissionError):
            print(f"Không ghi được tệp {exc.filename}: tệp đang mở trong Excel hoặc thư mục không cho ghi. "
                  f"Đóng tệp rồi chạy lại.{kept}", file=sys.stderr)
        else:
            if args.verbose:
                traceback.print_exc()
            print(f"Lỗi chương trình: {exc or type(exc).__name__}. Chạy lại với --verbose để xem chi tiết.",
                  file=sys.stderr)
        return EXIT_SETUP


def safe_streams() -> None:
    """Never fail on printing Vietnamese: a console or a file that takes another encoding (Windows
    with the output redirected to a file writes in the ANSI code page, which has no "ệ") gets
    UTF-8 instead, and a character no encoding has is replaced rather than stopping the run."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        try:
            if codecs.lookup(stream.encoding).name == "utf-8":
                continue
            "Tệp tìm thấy; lỗi, cảnh báo: đủ ≥".encode(stream.encoding)
            stream.reconfigure(errors="replace")
        except (LookupError, UnicodeEncodeError):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _book(args) -> int:
    from pipeline.book.make import write_year_book
    path, held = write_year_book(args.registers / str(args.nam_so), args.nam_so)
    reg = load_registers(args.registers, args.nam_so)
    print(f"Đã ghi sổ đăng ký năm {reg.year}: {path}. Từ nay lệnh đọc sổ này; "
          f"{', '.join(f'{n}.toml' for n in held)} của năm {reg.year} không còn được đọc (giữ lại làm bản lưu).")
    return EXIT_CLEAN


def _with_year(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--nam", type=int, default=None, metavar="NĂM",
                   help="năm của sổ đăng ký dùng cho lần chạy này (mặc định: năm đang áp dụng trong settings.toml)")
    return p


def _new_year(args) -> int:
    from pipeline.book.make import start_book
    from pipeline.registers.new_year import start_year, still_to_edit
    made: dict = {}
    source, _ = start_year(args.registers, args.nam_moi,
                           finish=lambda folder: made.update(zip(("book", "removed", "cleared"),
                                                                 start_book(folder, args.nam_moi))))
    reg = load_registers(args.registers, args.nam_moi)
    print(f"Đã tạo sổ đăng ký năm {reg.year} trong {args.registers / str(reg.year)} (sao chép từ năm {source}, "
          f"dời ngày tháng sang năm {reg.year}); năm đang áp dụng nay là {reg.year}.")
    gone = f"{', '.join(made['removed'])} không còn (nội dung đã nằm trong sổ). " if made["removed"] else ""
    print(f"Sổ đăng ký của năm: {reg.year_dir / made['book'].name}. Hội đồng chỉ sửa sổ này; "
          f"{gone}Hội đồng còn phải xem lại và sửa:")
    for line in still_to_edit(args.registers, reg.year, tuple(made["cleared"])):
        print(f"  - {line}")
    print(f"Sửa xong, gõ \"make templates\" để tạo biểu mẫu năm {reg.year} gửi các đơn vị.")
    return EXIT_CLEAN


def _has_workbooks(folder: Path) -> bool:
    from pipeline.intake.discover import CONSOLIDATED, READABLE
    return folder.is_dir() and any(p.suffix.lower() in READABLE and not p.name.startswith("~$")
                                   and not CONSOLIDATED.match(p.name) for p in folder.rglob("*"))


def _input_problem(folder: Path) -> str:
    """Why an input folder the user named cannot be used ("" when it can)."""
    if not folder.exists():
        return f"Không tìm thấy thư mục {folder}. Kiểm tra lại đường dẫn INPUT (--input)."
    if not folder.is_dir():
        return f"{folder} là một tệp, không phải thư mục. INPUT (--input) phải là thư mục chứa các tệp đơn vị gửi."
    if not _has_workbooks(folder):
        return (f"Thư mục {folder} không có bảng tính nào (.xlsx, .xls, .xlsm, .ods). Chép các tệp đơn vị gửi vào "
                "thư mục đó, hoặc kiểm tra lại đường dẫn INPUT (--input).")
    return ""


def _run(args, reg, write_output: bool) -> int:
    from pipeline.registers.rules import load_rules
    from pipeline.registers.scenario import load_scenario
    from pipeline.report.files import holds_real_report
    from pipeline.report.progress import Progress

    input_dir, sample = args.input or DEFAULT_INPUT, False
    earlier_dir = None   # the input folder, when the run goes to the sample data: an earlier year's workbook there counts
    overrides = list(args.tham_so)
    problem = _input_problem(args.input) if args.input is not None else ""
    if problem:   # a folder the user named: never replaced by sample data
        print(f"{problem} Chưa ghi gì.", file=sys.stderr)
        return EXIT_SETUP
    if write_output:
        check_output(args.output)   # before anything is read: a folder that takes no file, a full disk…
    if not _has_workbooks(input_dir):
        if write_output and holds_real_report(args.output):
            print(f"Thư mục {input_dir} chưa có bảng tính nào nên sẽ chạy trên dữ liệu mẫu, nhưng {args.output} đang "
                  "chứa báo cáo từ số liệu thật: không ghi đè. Chép các tệp đơn vị gửi vào "
                  f"{input_dir}, hoặc chọn thư mục kết quả khác (OUTPUT, --output). Chưa ghi gì.", file=sys.stderr)
            return EXIT_SETUP
        from pipeline.samples import make_samples  # only for a sample run: it needs openpyxl
        make_samples(reg, SAMPLE_DIR)
        empty, input_dir, sample = input_dir, SAMPLE_DIR, True
        earlier_dir = empty
        sample_overrides = list(load_scenario(reg)["khen_thuong"]["tham_so"])
        overrides = sample_overrides + overrides
        print("=" * 78)
        print(f"THƯ MỤC {empty} CHƯA CÓ BẢNG TÍNH NÀO: ĐANG CHẠY TRÊN DỮ LIỆU MẪU")
        print(f"({SAMPLE_DIR}). Báo cáo được đánh dấu \"DỮ LIỆU MẪU\". Chép báo cáo thật của các")
        print(f"đơn vị vào {empty} rồi chạy lại.")
        from pipeline.years.earlier import dropped_workbooks
        if empty.is_dir() and dropped_workbooks(list(empty.rglob("*.xlsx"))):
            print(f"Bảng tổng hợp năm trước trong {empty} được xét để so sánh cùng kỳ (không dùng được thì lý do "
                  "ghi ở trang \"Lỗi dữ liệu\").")
        if sample_overrides:
            print(f"Dữ liệu mẫu dùng thêm tham số: {', '.join(sample_overrides)} (để minh họa giới hạn tỷ lệ).")
        print("=" * 78)
    from pipeline.intake.isolate import begin_reading
    writer = _council_writer(reg) if write_output else None
    reading = begin_reading(input_dir, reg)   # the workers read while pandas and the rest are imported
    rules = load_rules(reg.year, args.registers).with_overrides(overrides)
    if overrides and not sample:
        print(f"Thay đổi tham số cho lần chạy này: {', '.join(overrides)}.")
    try:
        from pipeline.run import report  # pandas, pandera…: imported while the workers read
        outcome = report(input_dir, args.output, reg, sample=sample, write_output=write_output, rules=rules,
                         progress=Progress(), reading=reading, writer=writer, earlier_dir=earlier_dir)
    except BaseException:   # an error or Ctrl+C: the council's writer is not waited for
        if writer:
            writer.stop()
        raise
    if writer:
        writer.close()
    from pipeline.report.console import print_fixes, print_summary
    print_summary(outcome, args.output if write_output else None)
    if not write_output:
        print_fixes(outcome.issues, {u.code: u.name for u in reg.units})
    return EXIT_DATA_ERRORS if outcome.errors else EXIT_CLEAN


def _council_writer(reg):
    """The process that will write the council's documents, importing their libraries (no pandas)
    and loading their templates while the files are read and checked; started first, while this
    process has no thread yet (a fork copies only the calling thread)."""
    from pipeline.council.layout import WRITER_MODULES, WRITERS_WITHOUT
    from pipeline.council.writers import prepare_writers
    from pipeline.report.side_by_side import Prepared
    return Prepared(WRITER_MODULES, (prepare_writers, reg), WRITERS_WITHOUT)


def _templates(args, reg) -> int:
    from pipeline.templates import build_all
    paths = build_all(reg, args.output)
    print(f"Đã tạo {len(paths)} biểu mẫu trong {args.output}.")
    if reg.to_fill:
        print(f"Lưu ý: sổ đăng ký năm {reg.year} còn thiếu: {'; '.join(reg.to_fill)}. Các biểu mẫu là BẢN DỰ THẢO "
              "(ghi ở trang Hướng dẫn của mỗi biểu mẫu); điền đủ sổ rồi chạy lại lệnh này trước khi gửi các đơn vị.")
    return EXIT_CLEAN


def _samples(args, reg) -> int:
    from pipeline.samples import make_samples
    paths = make_samples(reg, args.output)
    print(f"Đã tạo {len(paths)} tệp báo cáo mẫu trong {args.output}.")
    return EXIT_CLEAN


COMMANDS = {
    "report": lambda a, r: _run(a, r, True),
    "check": lambda a, r: _run(a, r, False),
    "templates": _templates,
    "samples": _samples,
}

if __name__ == "__main__":
    # pandera offers data synthesis through hypothesis when that is installed (it is, for the tests);
    # a run never synthesises data, and importing hypothesis would cost it 0.1 s each time
    sys.modules.setdefault("hypothesis", None)
    safe_streams()
    hush_late_write_errors()
    code = main()
    # Every file is written and closed, and every process the run started has ended or is an idle
    # reader told to stop (on Linux it is also stopped with this process): skipping the
    # interpreter's own teardown, which frees a thousand modules and the run's data one object at
    # a time, saves 0.05 s a run.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
