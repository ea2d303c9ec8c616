"""The command line: sample mode, exit codes, a broken register writes nothing."""

from __future__ import annotations

import shutil

from pipeline.__main__ import main
from pipeline.registers.model import REGISTERS_DIR
from tests.conftest import D


def test_empty_input_runs_on_samples(tmp_path, capsys):
    code = main(["report", "--input", str(tmp_path / "input"), "--output", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 1   # the sample set carries typical mistakes on purpose
    assert "CHƯA CÓ BẢNG TÍNH NÀO: ĐANG CHẠY TRÊN DỮ LIỆU MẪU" in out
    assert "Tệp tìm thấy: 78 (bảng tính .xlsx: 76); được dùng: 74; không dùng: 2; bỏ qua: 2." in out
    assert "Dữ liệu mẫu dùng thêm tham số: cstdcs_max_ratio_of_ldtt=0.15" in out
    assert (tmp_path / "out" / "bao_cao_thi_dua_2024.xlsx").exists()


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
    """On Windows, replacing a workbook that Excel holds open fails with PermissionError."""
    import os

    report_file("TCKT", "ca_nam", D(2024, 12, 28), {"CT02": 1})
    out = tmp_path / "out"
    out.mkdir()
    (out / "bao_cao_thi_dua_2024.xlsx").write_bytes(b"previous")
    real_replace = os.replace

    def locked(src, dst):
        if str(dst).endswith("bao_cao_thi_dua_2024.xlsx"):
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    code = main(["report", "--input", str(tmp_path / "input"), "--output", str(out)])
    assert code == 2
    assert (out / "bao_cao_thi_dua_2024.xlsx").read_bytes() == b"previous"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]   # no temporary file left
    assert (f"Không ghi được tệp {out / 'bao_cao_thi_dua_2024.xlsx'}: tệp đang mở trong Excel hoặc thư mục không "
            "cho ghi. Đóng tệp rồi chạy lại.") in capsys.readouterr().err


def test_an_ods_file_alone_is_real_input_not_sample_mode(tmp_path, capsys):
    (tmp_path / "input").mkdir()
    (tmp_path / "input" / "bao cao.ods").write_bytes(b"PK\x03\x04 not really")
    main(["check", "--input", str(tmp_path / "input")])
    out = capsys.readouterr().out
    assert "DỮ LIỆU MẪU" not in out
    assert "Tệp tìm thấy: 1" in out
