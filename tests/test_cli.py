"""The command line: sample mode, exit codes, a broken register writes nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import pipeline.__main__ as cli
from pipeline.__main__ import PROJECT, main
from pipeline.registers.model import REGISTERS_DIR
from tests.conftest import D


@pytest.fixture
def default_input(tmp_path, monkeypatch):
    """The default input/ and the sample folder, moved into tmp_path."""
    monkeypatch.setattr(cli, "DEFAULT_INPUT", tmp_path / "input")
    monkeypatch.setattr(cli, "SAMPLE_DIR", tmp_path / "du_lieu_mau")
    return tmp_path / "input"


def test_empty_default_input_runs_on_samples(default_input, tmp_path, capsys):
    out_dir = tmp_path / "out"
    code = main(["report", "--output", str(out_dir)])
    out = capsys.readouterr().out
    assert code == 1   # the sample set carries typical mistakes on purpose
    assert f"THƯ MỤC {default_input} CHƯA CÓ BẢNG TÍNH NÀO: ĐANG CHẠY TRÊN DỮ LIỆU MẪU" in out
    assert "Tệp tìm thấy: 78 (bảng tính .xlsx: 76); được dùng: 74; không dùng: 2; bỏ qua: 2." in out
    assert "Dữ liệu mẫu dùng thêm tham số: cstdcs_max_ratio_of_ldtt=0.15" in out
    # every output folder is named, the issue codes with their meaning
    assert f"Báo cáo tổng hợp: {out_dir / 'bao_cao_thi_dua_2024.xlsx'}\nCác bảng CSV: {out_dir}\n" \
           f"Tệp phản hồi gửi từng đơn vị (18 tệp): {out_dir / 'phan_hoi'}\n" in out
    assert (f"Biểu ghi kết quả họp Hội đồng (điền sau cuộc họp, chép vào thư mục vào): "
            f"{out_dir / 'mau_ket_qua_hop_hoi_dong_2024.xlsx'}\n"
            f"Lịch sử khen thưởng cho năm sau: {out_dir / 'lich_su_khen_thuong_2024.xlsx'}\n"
            f"Văn bản Word (biên bản, quyết định, tờ trình, báo cáo thành tích; 19 tệp): {out_dir / 'van_ban'}\n") in out
    assert "Nhiều nhất:\n  - CHUA_DANG_KY – chưa đăng ký thi đua (4)\n  - NGUOI_HAI_DON_VI – một người ở hai đơn vị (2)\n" in out
    assert (out_dir / "bao_cao_thi_dua_2024.xlsx").exists()
    assert (out_dir / ".loai_du_lieu").read_text(encoding="utf-8") == "du_lieu_mau\n"


@pytest.mark.parametrize("command", ["report", "check"])
@pytest.mark.parametrize("case", ["missing", "a file", "no spreadsheet"])
def test_a_named_input_that_cannot_be_used_stops_and_writes_nothing(default_input, tmp_path, capsys, command, case):
    named = tmp_path / "bao_cao_don_vi"
    if case == "a file":
        named.write_text("x")
    elif case == "no spreadsheet":
        named.mkdir()
        (named / "ghi chu.txt").write_text("x")
        (named / "bao cao.pdf").write_bytes(b"%PDF")
    code = main([command, "--input", str(named), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    expected = {
        "missing": f"Không tìm thấy thư mục {named}. Kiểm tra lại đường dẫn INPUT (--input). Chưa ghi gì.",
        "a file": f"{named} là một tệp, không phải thư mục. INPUT (--input) phải là thư mục chứa các tệp đơn vị gửi. "
                  "Chưa ghi gì.",
        "no spreadsheet": f"Thư mục {named} không có bảng tính nào (.xlsx, .xls, .xlsm, .ods). Chép các tệp đơn vị "
                          "gửi vào thư mục đó, hoặc kiểm tra lại đường dẫn INPUT (--input). Chưa ghi gì.",
    }[case]
    assert (code, err.strip()) == (2, expected)
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "du_lieu_mau").exists()   # no sample data made either


def test_a_sample_run_never_overwrites_a_report_of_real_data(default_input, report_file, tmp_path, capsys):
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 1}, folder=tmp_path / "that")
    out_dir = tmp_path / "out"
    assert main(["report", "--input", str(tmp_path / "that"), "--output", str(out_dir)]) == 0
    assert (out_dir / ".loai_du_lieu").read_text(encoding="utf-8") == "du_lieu_that\n"
    before = {p: p.read_bytes() for p in out_dir.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main(["report", "--output", str(out_dir)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"Thư mục {default_input} chưa có bảng tính nào nên sẽ chạy trên dữ liệu mẫu, nhưng {out_dir} đang chứa "
        f"báo cáo từ số liệu thật: không ghi đè. Chép các tệp đơn vị gửi vào {default_input}, hoặc chọn thư mục "
        "kết quả khác (OUTPUT, --output). Chưa ghi gì.")
    assert {p: p.read_bytes() for p in out_dir.rglob("*") if p.is_file()} == before
    assert not (tmp_path / "du_lieu_mau").exists()


def test_make_report_with_a_mistyped_input_exits_2(tmp_path):
    run = subprocess.run(["make", "--no-print-directory", "-C", str(PROJECT), "report",
                          f"INPUT={tmp_path / 'khong_co'}", f"OUTPUT={tmp_path / 'out'}"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 2
    assert f"Không tìm thấy thư mục {tmp_path / 'khong_co'}. Kiểm tra lại đường dẫn INPUT (--input). Chưa ghi gì." \
        in run.stderr
    assert not (tmp_path / "out").exists()


def test_check_lists_what_each_unit_must_fix(report_file, tmp_path, capsys):
    # KH03's year-end report: CT06 numerator above the denominator (H14), 14 targets left blank;
    # its Đợt 1, registration, evaluation and khóm văn hóa forms are not submitted
    report_file("KH03", "ca_nam", D(2024, 12, 27), {"CT06": (1650, 1610)}, name="kh03.xlsx")
    assert main(["check", "--input", str(tmp_path / "input")]) == 1
    out = capsys.readouterr().out
    block = out[out.index("Khóm Hòa Thuận:"):].split("\n")
    assert block[:3] == [
        "Khóm Hòa Thuận: 1 lỗi, 18 cảnh báo",
        "  - Lỗi: kh03.xlsx, Báo cáo!H14: Tử số 1.650 lớn hơn mẫu số 1.610: tỷ lệ vượt 100%.",
        "  - Cảnh báo: Khóm Hòa Thuận chưa nộp báo cáo \"Chỉ tiêu – khóm\" Đợt 1 (sơ kết 6 tháng).",
    ]
    # 3 more forms not submitted, then the blank targets in row order (CT01 B11 … ), 10 lines in all
    assert block[5:7] == ["  - Cảnh báo: Khóm Hòa Thuận chưa nộp báo cáo \"Khóm văn hóa\" năm 2024.",
                          "  - Cảnh báo: kh03.xlsx, Báo cáo!B11: Chưa nhập số liệu chỉ tiêu CT01."]
    assert block[10:12] == ["  - Cảnh báo: kh03.xlsx, Báo cáo!B16: Chưa nhập số liệu chỉ tiêu CT08.",
                            "  … và 9 cảnh báo khác (xem trang \"Lỗi dữ liệu\" khi chạy make report)."]


def test_clean_input_exits_0_and_check_writes_nothing(report_file, tmp_path, capsys):
    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 1})
    assert main(["check", "--input", str(tmp_path / "input"), "--output", str(tmp_path / "out")]) == 0
    assert not (tmp_path / "out").exists()
    assert main(["report", "--input", str(tmp_path / "input"), "--output", str(tmp_path / "out")]) == 0
    # not submitted: 35 indicator reports (18 units × 2 periods − 1), 36 registrations and
    # evaluations (18 units × 2), 3 khóm văn hóa forms
    assert "Lỗi: 0; cảnh báo: 74." in capsys.readouterr().out


def test_broken_register_exits_2_and_writes_nothing(tmp_path, capsys):
    registers = tmp_path / "registers"
    shutil.copytree(REGISTERS_DIR, registers)
    (registers / "2024" / "periods.toml").unlink()
    code = main(["--registers", str(registers), "report", "--input", str(tmp_path / "in"),
                 "--output", str(tmp_path / "out")])
    assert code == 2
    assert not (tmp_path / "out").exists()
    err = capsys.readouterr().err
    assert "Sổ đăng ký có lỗi, chưa ghi báo cáo nào:" in err
    assert f"Không tìm thấy tệp sổ đăng ký {registers / '2024' / 'periods.toml'}." in err


def test_workbook_open_in_excel_is_reported_and_the_old_one_kept(report_file, tmp_path, capsys, monkeypatch):
    """On Windows a folder holding a workbook that Excel has open cannot be moved: the swap of the
    new output set fails with PermissionError, and the previous set stays as it was."""
    import os

    from pipeline.report import output_set

    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 1})
    out = tmp_path / "out"
    out.mkdir()
    (out / "bao_cao_thi_dua_2024.xlsx").write_bytes(b"previous")
    real_rename = os.rename

    def locked(src, dst):
        if Path(src) == out:
            raise PermissionError(13, "Permission denied", str(src))
        return real_rename(src, dst)

    monkeypatch.setattr(output_set, "_exchange", lambda a, b: False)   # as on Windows
    monkeypatch.setattr(os, "rename", locked)
    code = main(["report", "--input", str(tmp_path / "input"), "--output", str(out)])
    assert code == 2
    assert [p.name for p in out.iterdir()] == ["bao_cao_thi_dua_2024.xlsx"]
    assert (out / "bao_cao_thi_dua_2024.xlsx").read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.khoa", "input", "out"]   # no new set left
    assert (f"Không ghi được tệp {out}: tệp đang mở trong Excel hoặc thư mục không "
            "cho ghi. Đóng tệp rồi chạy lại.") in capsys.readouterr().err


def test_an_ods_file_alone_is_real_input_not_sample_mode(default_input, tmp_path, capsys):
    (tmp_path / "input").mkdir()
    (tmp_path / "input" / "bao cao.ods").write_bytes(b"PK\x03\x04 not really")
    main(["check", "--input", str(tmp_path / "input")])
    out = capsys.readouterr().out
    assert "DỮ LIỆU MẪU" not in out
    assert "Tệp tìm thấy: 1" in out
