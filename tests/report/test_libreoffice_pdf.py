"""The generated workbook and templates open in real LibreOffice and print to PDF with the
expected sheets and texts (the numbers' separators depend on the machine's locale, so the checks
are on words)."""

from __future__ import annotations

import re
import subprocess

import pytest

from pipeline.awards.templates import build_award_template
from pipeline.indicators.templates import build_template
from pipeline.run import report
from tests.conftest import D
from tests.libreoffice import convert_to_pdf, require_libreoffice


def _text(pdf) -> tuple[str, int]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                             check=True).stdout).group(1))
    return text, pages


@pytest.fixture(scope="module")
def workbook_pdf(reg, tmp_path_factory):
    require_libreoffice()
    root = tmp_path_factory.mktemp("pdf")
    from pipeline.indicators.samples import write_report
    write_report(reg, "KH01", "ca_nam", D(2024, 12, 28), {"CT05": (997, 1000), "CT07": 0}, root / "in" / "a.xlsx")
    write_report(reg, "CAP", "ca_nam", D(2024, 12, 28), {"CT35": ("Đạt", "Tốt")}, root / "in" / "b.xlsx")
    report(root / "in", root / "out", reg)
    return _text(convert_to_pdf(root / "out" / "bao_cao_thi_dua_2024.xlsx", root / "pdf"))


def test_workbook_prints_as_an_official_document(workbook_pdf):
    text, pages = workbook_pdf
    assert pages >= 13   # every sheet on at least one A4 page
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
                     "KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM 2024 TOÀN PHƯỜNG", "TÌNH HÌNH NỘP BÁO CÁO NĂM 2024",
                     "DANH SÁCH LỖI VÀ CẢNH BÁO VỀ SỐ LIỆU", "BIỂU ĐỒ KẾT QUẢ THI ĐUA NĂM 2024",
                     "TM. HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "Phạm Văn Ngon", "Hộ sử dụng điện kế đạt 99,64%",
                     "Chưa có số liệu", "Trang 1/"):
        assert expected in text, expected


def test_templates_print(reg, tmp_path):
    require_libreoffice()
    build_template(reg, reg.unit("KH01"), "chi_tieu_khom", tmp_path / "t" / "khom.xlsx")
    text, pages = _text(convert_to_pdf(tmp_path / "t" / "khom.xlsx", tmp_path / "pdf"))
    assert pages >= 2   # the report sheet and the instructions; the identity sheet stays hidden
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM 2024" in text and "Khóm Sơn Đông" in text
    assert "HƯỚNG DẪN NHẬP BÁO CÁO" in text and "loai_bieu_mau" not in text
    kind = reg.report_kind("binh_xet")
    build_award_template(reg, kind, reg.unit("TYT"), tmp_path / "t" / "bx.xlsx")
    text, _ = _text(convert_to_pdf(tmp_path / "t" / "bx.xlsx", tmp_path / "pdf"))
    assert "KẾT QUẢ BÌNH XÉT THI ĐUA, KHEN THƯỞNG NĂM 2024" in text and "Trạm Y tế phường" in text
