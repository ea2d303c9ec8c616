"""A cumulative figure that falls after Đợt 1, or grows more than tenfold, is a warning on the
year-end cell (thresholds from the periods register); the figure is still used as written."""

from __future__ import annotations

import dataclasses

import openpyxl

from pipeline.run import report
from tests.conftest import D, read_csv

# KH01 rows: CT04 12, CT21 17, CT26 22, CT28 23; column G "Kết quả thực hiện".


def _run(reg, report_file, tmp_path):
    report_file("KH01", "dot1", D(2024, 6, 28), {"CT04": 8.2, "CT21": 35, "CT26": 0, "CT28": 12_000_000})
    report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT04": "1.234,5", "CT21": 72, "CT26": 1, "CT28": 10_000_000})
    out = tmp_path / "output"
    return report(tmp_path / "input", out, reg), out


def test_implausible_cumulative_figures_are_warned_not_changed(reg, report_file, tmp_path):
    outcome, out = _run(reg, report_file, tmp_path)
    found = [i for i in outcome.issues if i.code == "SO_LIEU_BAT_THUONG"]
    assert [(i.severity, i.file, i.sheet, i.cell, i.column, i.value, i.unit) for i in found] == [
        ("canh_bao", "KH01_ca_nam.xlsx", "Báo cáo", "G12", "Kết quả thực hiện", "1.234,5", "KH01"),
        ("canh_bao", "KH01_ca_nam.xlsx", "Báo cáo", "G23", "Kết quả thực hiện", "10.000.000", "KH01"),
    ]
    # 1234,5 / 8,2 = 150,55 → "gấp 150,5 lần"; 10.000.000 < 12.000.000
    assert found[0].message == (
        "Kiểm tra lại số lũy kế: chỉ tiêu CT04, Cả năm (tổng kết) là 1.234,5 ha, gấp 150,5 lần (quá 10 lần) "
        "số Đợt 1 (sơ kết 6 tháng) là 8,2 ha (tệp \"KH01_dot1.xlsx\", ô G12).")
    assert found[1].message == (
        "Kiểm tra lại số lũy kế: chỉ tiêu CT28, Cả năm (tổng kết) là 10.000.000 đồng, thấp hơn "
        "số Đợt 1 (sơ kết 6 tháng) là 12.000.000 đồng (tệp \"KH01_dot1.xlsx\", ô G23).")
    ct04 = next(r for r in read_csv(out / "chi_tieu_khom.csv")
                if r["ma"] == "CT04" and r["don_vi"] == "KH01" and r["ky"] == "ca_nam")
    assert ct04["gia_tri"] == "1234.5"          # nothing changed
    feedback = openpyxl.load_workbook(next((out / "phan_hoi").glob("KH01_*.xlsx")), read_only=True)
    texts = [v for ws in feedback.worksheets for row in ws.iter_rows(values_only=True) for v in row
             if isinstance(v, str)]
    assert found[0].message in texts and found[1].message in texts


def test_thresholds_come_from_the_register(reg, report_file, tmp_path):
    looser = dataclasses.replace(reg, plausibility=(0.5, 200.0))
    report_file("KH01", "dot1", D(2024, 6, 28), {"CT04": 8.2, "CT28": 12_000_000})
    report_file("KH01", "ca_nam", D(2024, 12, 28), {"CT04": "1.234,5", "CT28": 10_000_000})
    outcome = report(tmp_path / "input", tmp_path / "output", looser, write_output=False)
    assert not [i for i in outcome.issues if i.code == "SO_LIEU_BAT_THUONG"]
    assert reg.plausibility == (1.0, 10.0)     # registers/2024/periods.toml, [kiem_tra_hop_ly]
