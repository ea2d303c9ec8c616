"""A deterministic set of realistic filled reports, for trying the tool and for the sample run.

Reports are written the way a unit would produce them: the generated template is opened,
filled and saved (with openpyxl), and some files carry the mistakes people typically make.
Every mistake is listed in ``MISTAKES`` and in the README; the sample report shows each of them.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import openpyxl

from pipeline.indicators.layout import (
    HEADER_FIELDS,
    HEADER_FIRST_ROW,
    HEADER_VALUE_COL,
    REPORT_SHEET,
    TABLE_HEADER_ROW,
    table_columns,
)
from pipeline.indicators.templates import build_template
from pipeline.registers.model import Registers
from pipeline.report.files import freeze_zip
from pipeline.text import strip_accents

# Khóm figures at the year end ("ca_nam") and at Đợt 1 ("dot1"). Stocks (households…) change
# little; flows (ha converted, jobs, money raised) are cumulative from 1 January.
KHOM = {
    "KH01": {
        "ca_nam": {"CT01": (212, 205), "CT04": 18.5, "CT05": (1516, 1520), "CT06": (1498, 1520), "CT07": 0,
                   "CT08": (5530, 5890), "CT21": 72, "CT22": (3440, 3720), "CT23": (2350, 3300),
                   "CT24": (14, 16), "CT25": (22, 23), "CT26": 1, "CT28": 25_000_000, "CT29": (1402, 1398),
                   "CT33": 0},
        "dot1": {"CT01": (208, 205), "CT04": 8.2, "CT05": (1512, 1518), "CT06": (1490, 1518), "CT07": 0,
                 "CT08": (5380, 5880), "CT21": 35, "CT22": (3410, 3715), "CT23": (2310, 3290),
                 "CT24": (16, 16), "CT25": (23, 23), "CT26": 0, "CT28": 12_000_000, "CT29": (1399, 1398),
                 "CT33": 1},
    },
    "KH02": {
        "ca_nam": {"CT01": (168, 165), "CT04": 21.75, "CT05": (1288, 1290), "CT06": (1290, 1290), "CT07": 0,
                   "CT08": (4620, 4910), "CT21": 65, "CT22": (2950, 3180), "CT23": (2080, 2900),
                   "CT24": (10, 11), "CT25": (17, 18), "CT26": 1, "CT28": 20_000_000, "CT29": (1150, 1152),
                   "CT33": 0},
        "dot1": {"CT01": (166, 165), "CT04": 9.5, "CT05": (1285, 1289), "CT06": (1289, 1289), "CT07": 0,
                 "CT08": ("93,5%", 4905), "CT21": 30, "CT22": (2930, 3175), "CT23": (2050, 2890),
                 "CT24": (11, 11), "CT25": (18, 18), "CT26": 0, "CT28": 8_000_000, "CT29": (1151, 1152),
                 "CT33": 0},
    },
    "KH03": {
        "ca_nam": {"CT01": (131, 126), "CT04": 16, "CT05": (1605, 1610), "CT06": (1650, 1610), "CT07": 0,
                   "CT08": (5900, 6350), "CT21": 70, "CT22": (3890, 4180), "CT23": (2900, 4100),
                   "CT24": (21, 22), "CT25": (30, 30), "CT26": 1, "CT28": 18_000_000, "CT29": (1480, 1475),
                   "CT33": 0},
        "dot1": {"CT01": (128, 126), "CT04": 7, "CT05": (1601, 1607), "CT06": (1560, 1607), "CT07": 0,
                 "CT08": (5750, 6340), "CT21": 31, "CT22": (3870, 4175), "CT23": (2880, 4095),
                 "CT24": (22, 22), "CT25": (30, 30), "CT26": 0, "CT28": 9_000_000, "CT29": (1476, 1475),
                 "CT33": 0},
    },
}
QUALITATIVE_TEXT = {
    "CT32": "Giải quyết đúng hẹn 1.146/1.152 hồ sơ; không có phản ánh về thái độ phục vụ.",
    "CT35": "Duy trì 3 tổ an ninh tự quản; không để xảy ra trọng án.",
    "CT36": "Đạt 18/19 tiêu chí; tiêu chí vệ sinh môi trường đang hoàn thiện.",
}
DEPARTMENTS = {
    "TCKT": {"ca_nam": {"CT02": 436_500_000}, "dot1": {"CT02": "201.300.000"}},
    "VPTK": {"ca_nam": {"CT03": 65_200_000, "CT32": "Đạt", "CT36": "Đạt"},
             "dot1": {"CT03": 62_000_000, "CT32": "Đạt", "CT36": ("Đạt", None)}},
    "VHXH": {"ca_nam": {"CT17": "Có", "CT18": "Có", "CT19": "Có", "CT20": "Có", "CT30": (28, 28)},
             "dot1": {"CT17": "Có", "CT18": "Có", "CT19": "Có", "CT20": "Có", "CT30": (27, 28)}},
    "TYT": {"ca_nam": {"CT09": 10, "CT10": (48, 342), "CT11": (29, 342)},
            "dot1": {"CT09": 9, "CT10": (50, 338), "CT11": (30, 338)}},
    "MGNH": {"ca_nam": {"CT12": (186, 186)}, "dot1": {"CT12": (184, 186)}},
    "THNH": {"ca_nam": {"CT13": (1012, 1015), "CT15": (5, 1020)}, "dot1": {"CT13": (1010, 1015), "CT15": (3, 1020)}},
    "THCSNH": {"ca_nam": {"CT14": (742, 762), "CT16": (16, 800)}, "dot1": {"CT14": (740, 762), "CT16": (9, 800)}},
    "CAP": {"ca_nam": {"CT35": "Đạt"}, "dot1": {"CT35": "Đạt"}},
    "CHQS": {"ca_nam": {"CT34": 12}, "dot1": {"CT34": 12}},
    "MTTQ": {"ca_nam": {"CT37": 472_000_000}, "dot1": {"CT37": 215_000_000}},
    "HND": {"ca_nam": {"CT27": (95_000_000, 6_800_000_000)}, "dot1": {"CT27": (88_000_000, 6_650_000_000)}},
    "HLHPN": {"ca_nam": {"CT27": (60_000_000, 5_200_000_000)}, "dot1": {"CT27": (71_000_000, 5_050_000_000)}},
    "HCCB": {"ca_nam": {"CT27": (22_000_000, 1_900_000_000)}, "dot1": {"CT27": (20_000_000, 1_850_000_000)}},
    "DTN": {"ca_nam": {"CT27": (8_000_000, 900_000_000)}, "dot1": {"CT27": (9_000_000, 880_000_000)}},
    "HKH": {"ca_nam": {"CT28": 68_000_000}, "dot1": {"CT28": 30_000_000}},
}
PREPARERS = {"KH01": "Nguyễn Văn Hùng", "KH02": "Trần Thị Mai", "KH03": "Lê Văn Tâm", "VPTK": "Phạm Thị Hồng",
             "TCKT": "Võ Minh Trí", "VHXH": "Đặng Thị Thu", "TYT": "Huỳnh Văn Lộc", "MGNH": "Ngô Thị Lan",
             "THNH": "Bùi Văn Nam", "THCSNH": "Châu Thị Ngọc", "CAP": "Lý Văn Sơn", "CHQS": "Tô Văn Hải",
             "MTTQ": "Dương Thị Bích", "HND": "Mai Văn Phúc", "HLHPN": "Lâm Thị Hạnh", "HCCB": "Trịnh Văn Đức",
             "DTN": "Hồ Minh Khang", "HKH": "Kiều Văn Bảy"}
DATES = {"dot1": dt.date(2024, 6, 28), "ca_nam": dt.date(2024, 12, 27)}
FOLDERS = {"dot1": "Dot 1 - 6 thang", "ca_nam": "Ca nam 2024"}

# The typical mistakes in the sample set, and what the report must show for each.
MISTAKES = (
    "KH02, Đợt 1: tử số BHYT ghi \"93,5%\" (tỷ lệ thay vì số người) → SO_LA_TY_LE, khóm thiếu ở CT08.",
    "KH03, cả năm: số hộ dùng thủy kế 1.650 lớn hơn tổng số hộ 1.610 → TU_SO_LON_HON_MAU_SO.",
    "TYT, Đợt 1: lưu hai lần (\"… (1).xlsx\") giống hệt nhau → BAN_TRUNG_GIONG_HET.",
    "THNH, cả năm: nộp lại; bản ngày 20/12/2024 bị thay bằng bản ngày 03/01/2025 → BAN_CU_BI_THAY.",
    "HCCB, Đợt 1: chưa nộp → CHUA_NOP; CT27 Đợt 1 tạm tính.",
    "TCKT, Đợt 1: số thu ghi dạng chữ \"201.300.000\" → được hiểu là 201300000, không báo lỗi.",
    "VPTK, Đợt 1: CT36 tự đánh giá Đạt nhưng không giải trình → THIEU_GIAI_TRINH.",
    "KH01, Đợt 1: tệp đổi tên tùy ý → vẫn nhận ra nhờ thông tin ẩn.",
    "MTTQ, cả năm: ngày báo cáo 10/01/2025 sau hạn 06/01/2025 → NOP_TRE_HAN.",
    "DTN, cả năm: ghi số vào ô xám (ô Kết quả thực hiện của chỉ tiêu tỷ lệ) → O_KHONG_DUNG.",
    "Một tệp ghi chú .txt và một tệp khóa \"~$…\" trong thư mục → cảnh báo TEP_KHONG_PHAI_XLSX / bỏ qua.",
)


def make_indicator_samples(reg: Registers, out_dir: Path) -> list[Path]:
    """Write the indicator half of the sample set into ``out_dir`` (emptied first). Returns the files written."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for unit in reg.units:
            kind = reg.report_kind_of(unit)
            if kind is None:
                continue
            template = Path(tmp) / f"{unit.code}.xlsx"
            build_template(reg, unit, kind, template)
            data = KHOM.get(unit.code) or DEPARTMENTS.get(unit.code)
            for period in reg.periods:
                if unit.code == "HCCB" and period.code == "dot1":
                    continue  # not submitted
                values = dict(data[period.code])
                date = DATES[period.code]
                if unit.code == "MTTQ" and period.code == "ca_nam":
                    date = dt.date(2025, 1, 10)
                name = _file_name(unit, period.code)
                if unit.code == "THNH" and period.code == "ca_nam":
                    older = {**values, "CT13": (1008, 1015)}
                    written.append(_fill(reg, template, out_dir / FOLDERS["ca_nam"] / "TH Nhon Hung - ca nam (ban cu).xlsx",
                                         unit.code, period, dt.date(2024, 12, 20), older))
                    date = dt.date(2025, 1, 3)
                extra = {"DTN": {"CT27": {"gia_tri": 0.9}}}.get(unit.code) if period.code == "ca_nam" else None
                path = _fill(reg, template, out_dir / FOLDERS[period.code] / name, unit.code, period, date,
                             values, extra)
                written.append(path)
                if unit.code == "TYT" and period.code == "dot1":
                    copy = path.with_name(path.stem + " (1).xlsx")
                    shutil.copyfile(path, copy)
                    written.append(copy)
    note = out_dir / FOLDERS["dot1"] / "Ghi chu gui Hoi dong.txt"
    note.write_text("Khóm Sơn Tây xin nộp bổ sung số liệu BHYT sau.\n", encoding="utf-8")
    lock = out_dir / FOLDERS["dot1"] / "~$bao cao khom Son Tay.xlsx"
    lock.write_bytes(b"\x00" * 165)
    return written + [note, lock]


def _file_name(unit, period: str) -> str:
    if unit.code == "KH01" and period == "dot1":
        return "Bao cao 6 thang khom Son Dong - gui lan 2.xlsx"
    words = strip_accents(unit.name)
    return f"{'BC 6 thang' if period == 'dot1' else 'BC ca nam'} - {words}.xlsx"


def write_report(reg: Registers, unit_code: str, period_code: str, date: dt.date | None, values: dict,
                 path: Path, extra: dict | None = None, header: dict | None = None) -> Path:
    """Generate the unit's template and fill it: for tests and for the sample set.
    ``values`` maps target code to its value(s) (see ``_cells_for``); ``extra`` maps target code to
    {input key: raw value} written as is; ``header`` overrides header cells by field key."""
    unit = reg.unit(unit_code)
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.xlsx"
        build_template(reg, unit, reg.report_kind_of(unit), template)
        return _fill(reg, template, path, unit_code, reg.period(period_code), date, values, extra, header)


def _fill(reg: Registers, template: Path, path: Path, unit_code: str, period, date: dt.date | None,
          values: dict, extra: dict | None = None, header_values: dict | None = None) -> Path:
    wb = openpyxl.load_workbook(template)
    ws = wb[REPORT_SHEET]
    header = {f.key: HEADER_FIRST_ROW + i + 1 for i, f in enumerate(HEADER_FIELDS)}
    col = HEADER_VALUE_COL + 1
    typed = {"ky": period.label,
             "ngay_bao_cao": dt.datetime.combine(date, dt.time()) if date else None,
             "nguoi_lap": PREPARERS[unit_code],
             "dien_thoai": f"0296 38{sum(map(ord, unit_code)) % 10000:04d}"} | (header_values or {})
    for key, value in typed.items():
        cell = ws.cell(header[key], col, value)
        if isinstance(value, dt.datetime):
            cell.number_format = "dd/mm/yyyy"
    columns = {c.key: i + 1 for i, c in enumerate(table_columns(reg))}
    targets = {t.code: t for t in reg.targets}
    for row in range(TABLE_HEADER_ROW + 2, ws.max_row + 1):
        code = ws.cell(row, columns["ma"]).value
        if code not in values:
            continue
        target, value = targets[code], values[code]
        cells = _cells_for(target.kind, value)
        if target.kind == "dinh_tinh" and len(cells) == 1:
            cells["giai_trinh"] = QUALITATIVE_TEXT.get(code, "Hoàn thành theo kế hoạch.")
        for key, v in {**cells, **((extra or {}).get(code, {}))}.items():
            if v is not None:
                cell = ws.cell(row, columns[key], v)
                if isinstance(v, str):
                    cell.data_type = "s"  # text typed as text, even "=…" (openpyxl would make it a formula)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    freeze_zip(path)
    return path


def _cells_for(kind: str, value) -> dict:
    if kind in ("tong", "gia_tri"):
        return {"gia_tri": value}
    if kind in ("ty_le", "khoang", "ke_hoach", "phan_nghin"):
        return {"tu_so": value[0], "mau_so": value[1]}
    if kind in ("tang", "giam"):
        return {"so_hien_tai": value[0], "so_goc": value[1]}
    if kind == "duy_tri":
        return {"co_khong": value}
    if isinstance(value, tuple):
        return {"danh_gia": value[0], "giai_trinh": value[1]}
    return {"danh_gia": value}


