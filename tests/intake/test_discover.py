"""Which files are read, and what is skipped with which reason."""

from __future__ import annotations

from pipeline.intake.discover import discover


def test_discover_recursively_and_skip_with_reasons(tmp_path):
    (tmp_path / "Dot 1").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("Dot 1/a.xlsx", "b.XLSX", "~$a.xlsx", ".an.xlsx", "~tmp123.xlsx", "c.xls", "d.pdf", "e.ods",
                 "notes", ".git/x.xlsx", "f.xlsx.crdownload"):
        (tmp_path / name).write_bytes(b"x")
    found, issues = discover(tmp_path)
    assert [(f.name, f.readable, f.reason) for f in found] == [
        (".an.xlsx", False, "tệp ẩn, bỏ qua"),
        ("Dot 1/a.xlsx", True, ""),
        ("b.XLSX", True, ""),
        ("c.xls", True, ""),          # read, and flagged when it turns out to be one of ours
        ("d.pdf", False, "không phải .xlsx (tệp PDF)"),
        ("e.ods", True, ""),
        ("f.xlsx.crdownload", False, "tệp tạm, bỏ qua"),
        ("notes", False, "không phải .xlsx (tệp không có phần mở rộng)"),
        ("~$a.xlsx", False, "tệp khóa tạm của Excel (tệp đang mở), bỏ qua"),
        ("~tmp123.xlsx", False, "tệp tạm, bỏ qua"),
    ]
    assert [(i.code, i.file, i.severity) for i in issues] == [
        ("TEP_KHONG_PHAI_XLSX", "d.pdf", "canh_bao"), ("TEP_KHONG_PHAI_XLSX", "notes", "canh_bao")]
    assert issues[0].message == "Tệp không phải bảng tính .xlsx nên không được đọc (tệp PDF)."
