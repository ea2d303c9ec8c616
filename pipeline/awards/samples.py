"""Sample award reports (registration, year-end evaluation, khóm văn hóa, history), written by
filling the generated award templates. Together they show every outcome the rules can give; the
cases are listed in ``AWARD_CASES`` and in the README."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl

from pipeline.awards.layout import SHEETS, TABLE_KEYS, columns_for, fields_for
from pipeline.awards.templates import build_award_template
from pipeline.awards.validate import CHOICES
from pipeline.indicators.samples import PREPARERS
from pipeline.registers.model import Registers
from pipeline.report.files import freeze_zip
from pipeline.text import normalise_key, strip_accents

D = dt.date
SAMPLE_OVERRIDES = ("cstdcs_max_ratio_of_ldtt=0.15",)   # the sample run shows a quota being applied
AWARD_CASES = (
    "Văn phòng - Thống kê: 3 người đủ tiêu chuẩn Chiến sĩ thi đua cơ sở, tỷ lệ mẫu 15% của 7 Lao động tiên tiến "
    "cho phép 1 → xếp hạng, Hội đồng chọn.",
    "Nguyễn Thị Thanh (Văn phòng): Chiến sĩ thi đua cơ sở 2022, 2023 và sáng kiến cấp tỉnh → đủ điều kiện Bằng khen, "
    "Chiến sĩ thi đua cấp tỉnh (đợi Hội đồng chọn theo tỷ lệ).",
    "Trần Văn Bình (Tài chính): chuỗi Chiến sĩ thi đua cơ sở bị ngắt năm 2023 → không đủ điều kiện Bằng khen.",
    "Phan Thị Yến (Y tế): đề nghị Bằng khen nhưng không có lịch sử khen thưởng → thiếu dữ liệu.",
    "Xếp loại HTNV, công tác 5 tháng (từ 02/07/2024), bị khiển trách, không đoàn kết, người dân được đề nghị, "
    "chưa xếp loại → không đủ điều kiện / thiếu dữ liệu với lý do từng tiêu chí.",
    "Công an phường: lực lượng vũ trang → cần Hội đồng xem xét.",
    "Công chức bị kỷ luật nhưng xếp loại HTTNV → lỗi KY_LUAT_XEP_LOAI.",
    "Lê Văn Tâm có tên ở Khóm Hòa Thuận và Ủy ban MTTQ → cảnh báo NGUOI_HAI_DON_VI.",
    "Cùng một thành tích đề nghị Giấy khen cho hai người → THANH_TICH_HAI_HINH_THUC.",
    "Hội Cựu chiến binh: 2/4 người đạt Lao động tiên tiến (đúng 50%) → không đủ Tập thể lao động tiên tiến.",
    "Khóm Sơn Tây tự đánh giá môi trường \"Không\" → không đủ Khóm văn hóa; hai khóm còn lại cần Hội đồng xem xét "
    "(tỉnh chưa quy định ngưỡng) → chỉ tiêu 31 tạm tính.",
    "Khóm Sơn Tây: số hộ gia đình văn hóa lớn hơn số hộ được bình xét → SO_HO_VUOT_BINH_XET.",
    "Hội Khuyến học chưa nộp đăng ký thi đua → CHUA_NOP; một người được đề nghị mà chưa đăng ký → CHUA_DANG_KY.",
)

NAMES = ["Nguyễn Văn An", "Trần Thị Bé", "Lê Minh Châu", "Phạm Văn Dũng", "Hoàng Thị Em", "Võ Văn Giàu",
         "Đặng Thị Hoa", "Bùi Văn Khánh", "Đỗ Thị Loan", "Huỳnh Văn Minh", "Ngô Thị Nga", "Dương Văn Phát",
         "Lý Thị Quyên", "Trương Văn Sang", "Mai Thị Tuyết", "Châu Văn Út"]
CATEGORY_BY_KIND = {"khom": "khong_chuyen_trach", "ban_nganh": "cong_chuc", "truong_hoc": "vien_chuc", "y_te": "vien_chuc",
                    "mat_tran": "can_bo", "doan_the": "can_bo", "hoi": "nguoi_lao_dong", "luc_luong_vu_trang": "cong_chuc"}
SIZE = {"VPTK": 8, "HCCB": 4, "TYT": 5}


def _people(reg: Registers) -> dict[str, list[dict]]:
    """Members of every unit with their evaluation; special cases patched in by name."""
    out: dict[str, list[dict]] = {}
    pool = iter(NAMES * 20)
    for n, unit in enumerate(reg.units):
        members = []
        for k in range(SIZE.get(unit.code, 3)):
            name = next(pool) if k else {"VPTK": "Nguyễn Thị Thanh", "TCKT": "Trần Văn Bình", "TYT": "Phan Thị Yến",
                                         "KH03": "Lê Văn Tâm"}.get(unit.code, next(pool))
            members.append({
                "ho_ten": name, "ngay_sinh": D(1975 + (n * 3 + k) % 25, 1 + (n + k) % 12, 1 + (n * 7 + k) % 27),
                "chuc_vu": "Trưởng khóm" if unit.is_khom and k == 0 else ("Trưởng đơn vị" if k == 0 else "Chuyên viên"),
                "doi_tuong": CATEGORY_BY_KIND[unit.kind], "ngay_bat_dau": D(2012 + k, 3, 1),
                "xep_loai": "HTXSNV" if k == 0 else "HTTNV", "doan_ket": "co", "danh_hieu": "LDTT",
                "hinh_thuc": "khong",
            })
        members[0] |= {"danh_hieu": "CSTDCS", "so_sang_kien": 1, "cap_sang_kien": "co_so",
                       "qd_sang_kien": f"QĐ {n + 10}/QĐ-HĐSK ngày 15/11/2024"}
        out[unit.code] = members
    v = out["VPTK"]
    v[0] |= {"hinh_thuc": "BK_TINH", "danh_hieu": "CSTD_TINH", "cap_sang_kien": "tinh",
             "thanh_tich": "Dẫn đầu phong trào cải cách hành chính năm 2024"}
    v[1] |= {"xep_loai": "HTXSNV", "danh_hieu": "CSTDCS"}
    v[2] |= {"so_sang_kien": 1, "cap_sang_kien": "co_so", "danh_hieu": "CSTDCS", "qd_sang_kien": "QĐ 12/QĐ-HĐSK"}
    v[7] |= {"xep_loai": "HTNV"}                                             # rating below HTTNV
    t = out["TCKT"]
    t[0] |= {"hinh_thuc": "BK_TINH", "thanh_tich": "Hoàn thành vượt dự toán thu ngân sách"}
    t[1] |= {"ngay_bat_dau": D(2024, 7, 2)}                                   # 5 months
    t[2] |= {"ky_luat": "khien_trach", "ngay_ky_luat": D(2024, 5, 10), "xep_loai": "HTTNV"}   # civil servant: error
    y = out["TYT"]
    y[0] |= {"hinh_thuc": "BK_TINH", "thanh_tich": "Phòng, chống dịch sốt xuất huyết hiệu quả"}
    y[1] |= {"ngay_bat_dau": D(2024, 7, 1), "hinh_thuc": "GK_PHUONG",
             "thanh_tich": "Tiêm chủng mở rộng đạt 100% kế hoạch"}                # 6 months: passes
    y[2] |= {"hinh_thuc": "GK_PHUONG", "thanh_tich": "Tiêm chủng mở rộng đạt 100% kế hoạch"}   # same achievement
    y[3] |= {"xep_loai": None}                                              # no rating: missing data
    c = out["HCCB"]
    c[2] |= {"doan_ket": "khong"}
    c[3] |= {"doi_tuong": "nguoi_lao_dong", "ky_luat": "khien_trach", "ngay_ky_luat": D(2024, 8, 20)}
    for p in out["CAP"]:
        p["doi_tuong"] = "luc_luong_vu_trang"
    out["KH01"][2] |= {"doi_tuong": "nguoi_dan", "chuc_vu": "Tổ trưởng tổ nhân dân"}   # a resident proposed LĐTT
    tam = dict(out["KH03"][0])
    out["MTTQ"].append(tam | {"chuc_vu": "Ủy viên", "danh_hieu": "khong", "so_sang_kien": None,
                              "cap_sang_kien": None, "qd_sang_kien": None})
    return out


GROUPS = {  # unit -> collective fields of the evaluation
    "VPTK": {"xep_loai_tap_the": "HTXSNV", "dh_tap_the": "TTLDXS", "ht_tap_the": "GK_PHUONG_TT",
             "thanh_tich_tap_the": "Dẫn đầu khối cơ quan phường năm 2024"},
    "TYT": {"xep_loai_tap_the": "HTTNV", "dh_tap_the": "TTLDTT"},
    "HCCB": {"xep_loai_tap_the": "HTTNV", "dh_tap_the": "TTLDTT"},
    "HND": {"xep_loai_tap_the": "HTTNV", "dh_tap_the": "TTLDTT", "phong_trao": "khong"},
}
KHOM_FORMS = {
    "KH01": {"so_ho_nep_song": 1400, "so_tre_do_tuoi": 820, "so_tre_di_hoc": 815, "so_vu_hoa_giai": 6,
             "so_vu_an_ninh": 2, "so_ho_binh_xet": 1450},
    "KH02": {"so_ho_nep_song": 1180, "so_tre_do_tuoi": 700, "so_tre_di_hoc": 690, "so_vu_hoa_giai": 4,
             "so_vu_an_ninh": 5, "so_ho_binh_xet": 1100, "tc_moi_truong": "khong"},
    "KH03": {"so_ho_nep_song": 1520, "so_tre_do_tuoi": 900, "so_tre_di_hoc": 896, "so_vu_hoa_giai": 3,
             "so_vu_an_ninh": 1, "so_ho_binh_xet": 1500},
}
HISTORY = [  # (name, birth from the people list, unit, year, item)
    ("Nguyễn Thị Thanh", "VPTK", 2022, "CSTDCS"), ("Nguyễn Thị Thanh", "VPTK", 2023, "CSTDCS"),
    ("Nguyễn Thị Thanh", "VPTK", 2023, "SK_TINH"), ("Nguyễn Thị Thanh", "VPTK", 2023, "HTXSNV"),
    ("Trần Văn Bình", "TCKT", 2022, "CSTDCS"), ("Trần Văn Bình", "TCKT", 2023, "LDTT"),
    ("Văn phòng - Thống kê", "VPTK", 2023, "TTLDTT"),
]
def make_award_samples(reg: Registers, out_dir: Path) -> list[Path]:
    folder = out_dir / "Thi dua khen thuong"
    people = _people(reg)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for unit in reg.units:
            words = strip_accents(unit.name)
            registration = [{k: p.get(k) for k in ("ho_ten", "ngay_sinh", "chuc_vu", "danh_hieu", "hinh_thuc")}
                            for p in people[unit.code] if not (unit.code == "VPTK" and p is people["VPTK"][5])]
            if unit.code != "HKH":   # Hội Khuyến học has not registered
                head = {"dh_tap_the": "KHOM_VH" if unit.is_khom else "TTLDTT", "ht_tap_the": "khong"}
                written.append(write_award_report(reg, "dang_ky", unit.code, D(2024, 3, 25), head, registration,
                                                  folder / f"Dang ky thi dua - {words}.xlsx", Path(tmp)))
            head = {} if unit.is_khom else {"xep_loai_tap_the": "HTTNV", "phong_trao": "co", "doan_ket_tap_the": "co",
                                            "dh_tap_the": "khong", "ht_tap_the": "khong"} | GROUPS.get(unit.code, {})
            written.append(write_award_report(reg, "binh_xet", unit.code, D(2024, 12, 10), head, people[unit.code],
                                              folder / f"Binh xet cuoi nam - {words}.xlsx", Path(tmp)))
            if unit.is_khom:
                form = {k: "co" for k in ("tc_kinh_te", "tc_van_hoa", "tc_moi_truong", "tc_phap_luat", "tc_doan_ket",
                                          "de_nghi")} | KHOM_FORMS[unit.code]
                written.append(write_award_report(reg, "khom_van_hoa", unit.code, D(2024, 11, 15), form, [],
                                                  folder / f"Khom van hoa - {words}.xlsx", Path(tmp)))
        births = {(u, p["ho_ten"]): p["ngay_sinh"] for u, ps in people.items() for p in ps}
        rows = [{"loai_doi_tuong": "tap_the" if name == reg.unit(unit).name else "ca_nhan", "ho_ten": name,
                 "ngay_sinh": births.get((unit, name)), "don_vi": reg.unit(unit).name, "nam": year, "noi_dung": item,
                 "so_qd": f"{100 + i}/QĐ-UBND", "ngay_qd": D(year, 12, 20)} for i, (name, unit, year, item) in enumerate(HISTORY)]
        written.append(write_award_report(reg, "lich_su", None, D(2024, 12, 1), {}, rows,
                                          folder / "Lich su khen thuong cac nam.xlsx", Path(tmp)))
    return written


def write_award_report(reg: Registers, content: str, unit_code: str | None, date: dt.date, header: dict,
                       rows: list[dict], path: Path, tmp: Path) -> Path:
    """Fill an award template like a person: find labels and headings by their text."""
    kind = reg.kind_for_content(content)
    unit = reg.unit(unit_code) if unit_code else None
    template = tmp / f"{content}_{unit_code}.xlsx"
    build_award_template(reg, kind, unit, template)
    wb = openpyxl.load_workbook(template)
    ws = wb[SHEETS[content]]
    fields = {normalise_key(f.label): f for f in fields_for(content, bool(unit and unit.is_khom))}
    values = {"ngay_bao_cao": dt.datetime.combine(date, dt.time()),
              "nguoi_lap": PREPARERS.get(unit_code, "Phạm Thị Hồng"), "dien_thoai": "0296 3812345"} | header
    label_col = 3 if columns_for(content) else 5
    for row in ws.iter_rows(min_col=1, max_col=1):
        f = fields.get(normalise_key(row[0].value)) if row[0].value else None
        if f and f.key in values and values[f.key] is not None:
            _put(ws.cell(row[0].row, label_col + 1), f.key, values[f.key])
    if rows:
        key = normalise_key(TABLE_KEYS[content])
        head = next(r for r in ws.iter_rows() if any(normalise_key(c.value) == key for c in r if c.value))
        columns = {c.key: next(cell.column for cell in head if normalise_key(cell.value) == normalise_key(c.heading))
                   for c in columns_for(content)}
        for i, record in enumerate(rows):
            for k, v in record.items():
                if v is not None and k in columns:
                    _put(ws.cell(head[0].row + 1 + i, columns[k]), k, v)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    freeze_zip(path)
    return path


def _put(cell, key: str, value) -> None:
    if key in CHOICES and value in CHOICES[key]:
        value = CHOICES[key][value]
    if isinstance(value, dt.date):
        value = dt.datetime.combine(value, dt.time())
        cell.number_format = "dd/mm/yyyy"
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
