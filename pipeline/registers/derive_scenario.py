"""A sample scenario derived from a year's registers alone, for a year without its own
``du_lieu_mau.toml``: every unit reports every period, each target kind gets plausible figures
around its target (some met, some not), the typical mistakes are placed on the first unit and
target where each one fits, and the award cases cover every outcome with the units there are."""

from __future__ import annotations

import datetime as dt
import math

from pipeline.registers.model import Registers, Target
from pipeline.text import strip_accents

NAMES = ["Nguyễn Văn An", "Trần Thị Bé", "Lê Minh Châu", "Phạm Văn Dũng", "Hoàng Thị Em", "Võ Văn Giàu",
         "Đặng Thị Hoa", "Bùi Văn Khánh", "Đỗ Thị Loan", "Huỳnh Văn Minh", "Ngô Thị Nga", "Dương Văn Phát",
         "Lý Thị Quyên", "Trương Văn Sang", "Mai Thị Tuyết", "Châu Văn Út", "Kiều Văn Bảy", "Tô Thị Cúc"]
PAIRS = ("ty_le", "khoang", "ke_hoach", "phan_nghin")


def derive_scenario(reg: Registers) -> dict:
    units = [u for u in reg.units if reg.report_kind_of(u)]
    periods = list(reg.periods)
    final = reg.final_period
    sc: dict = {
        "ngay": {p.code: min(p.deadline, p.end + dt.timedelta(days=3)) - dt.timedelta(days=1) for p in periods},
        "thu_muc": {p.code: strip_accents(p.name).replace("(", "").replace(")", "") for p in periods}
        | {"khen_thuong": "Thi dua khen thuong"},
        "ten_tep_ky": {p.code: "BC " + strip_accents(p.name.split(" (")[0]) for p in periods},
        "nguoi_lap": {u.code: NAMES[(i * 5 + 3) % len(NAMES)] for i, u in enumerate(reg.units)},
        "nguoi_lap_mac_dinh": NAMES[0], "giai_trinh": {}, "giai_trinh_mac_dinh": "Hoàn thành theo kế hoạch.",
        "bo_qua": [], "ngay_khac": [], "ban_cu": [], "o_them": [], "ban_sao": [], "ten_tep": [],
        "tep_ghi_chu": {"ky": periods[0].code, "ten": "Ghi chu gui Hoi dong.txt",
                        "noi_dung": "Đơn vị xin nộp bổ sung số liệu sau.\n"},
        "tep_khoa": {"ky": periods[0].code, "ten": "~$bao cao.xlsx"}, "sai_sot": [],
        "chi_tieu": {u.code: {p.code: {t.code: _value(t, i, p.is_final, len(t.reporters))
                                        for t in reg.targets_for(u.code)} for p in periods}
                     for i, u in enumerate(units)},
    }
    for day in ("dang_ky", "binh_xet", "khom_van_hoa", "lich_su"):
        kind = reg.kind_for_content(day)
        sc["ngay"][day] = (kind.deadline if kind and kind.deadline else final.end) - dt.timedelta(days=5)
    _mistakes(reg, sc, units)
    sc["khen_thuong"] = _awards(reg)
    sc["theo_dot"] = _campaigns(reg)
    sc["hoi_dong"] = _council(reg, sc["khen_thuong"])
    return sc


def _value(t: Target, i: int, final: bool, n: int):
    """Figures of unit ``i`` for target ``t``: the first unit reaches the target, the others
    alternate just above and just below it; mid-year cumulative figures are about half."""
    up = i % 2 == 0
    share = 0.5 if t.cumulative and not final else 1.0
    goal = t.value if t.value is not None else 10.0
    if t.kind in ("tong", "gia_tri"):
        each = goal / max(1, n) * (1.1 if up else 0.95) if t.op in (">=", ">") else (0 if up else goal)
        v = min(each * share, t.max_value) if t.max_value is not None else each * share
        return int(round(v)) if t.integer else round(v, 2)
    if t.kind in PAIRS:
        base = (1000 if t.kind == "phan_nghin" else 200) + 40 * i
        scale = 1000 if t.kind == "phan_nghin" else 100
        target = goal + (0.5 if up else -0.5) * (1 if t.op in (">=", ">") else -1)
        top = base * max(0.0, target) / scale
        top = min(top, base) if t.kind not in ("ke_hoach",) and scale == 100 else top
        return (math.floor(top) if t.integer else round(top, 2), base)
    if t.kind in ("tang", "giam"):
        before = 100 + 10 * i
        change = goal + (1 if up else -0.5)
        now = before * (1 + change / 100) if t.kind == "tang" else before - change
        return (max(0, int(round(now))), before)
    if t.kind == "duy_tri":
        return "Có"
    if t.kind == "xep_loai":   # the first unit one level above the target where there is one, then below, above…
        at = t.levels.index(t.level)
        return t.levels[max(0, at - 1)] if up else t.levels[min(len(t.levels) - 1, at + 1)]
    return ("Đạt", "Hoàn thành theo kế hoạch.") if t.kind == "dinh_tinh" else "Đạt"


def _mistakes(reg: Registers, sc: dict, units) -> None:
    """The typical mistakes, each on the first unit and target where it fits."""
    periods = list(reg.periods)
    first, final = periods[0].code, reg.final_period.code
    khom = [u for u in units if u.is_khom]
    others = [u for u in units if not u.is_khom]
    notes = sc["sai_sot"]
    rate = next(((u, t) for u in khom for t in reg.targets_for(u.code) if t.kind == "ty_le"), None)
    if rate:
        u, t = rate
        value = sc["chi_tieu"][u.code][first][t.code]
        sc["chi_tieu"][u.code][first][t.code] = ("93,5%", value[1])
        notes.append(f"{u.name}, {periods[0].name}: tử số {t.code} ghi \"93,5%\" (tỷ lệ thay vì số) → SO_LA_TY_LE.")
    big = next(((u, t) for u in khom[1:] for t in reg.targets_for(u.code) if t.kind == "ty_le"), None)
    if big:
        u, t = big
        value = sc["chi_tieu"][u.code][final][t.code]
        sc["chi_tieu"][u.code][final][t.code] = (value[1] + 5, value[1])
        notes.append(f"{u.name}, {reg.final_period.name}: tử số {t.code} lớn hơn mẫu số → TU_SO_LON_HON_MAU_SO.")
    if others:
        sc["ban_sao"].append({"don_vi": others[0].code, "ky": first})
        notes.append(f"{others[0].name}, {periods[0].name}: lưu hai lần (\"… (1).xlsx\") → BAN_TRUNG_GIONG_HET.")
    if len(others) > 1:
        late = reg.final_period.deadline + dt.timedelta(days=4)
        sc["ngay_khac"].append({"don_vi": others[1].code, "ky": final, "ngay": late})
        notes.append(f"{others[1].name}, {reg.final_period.name}: ngày báo cáo sau hạn nộp → NOP_TRE_HAN.")
    if len(others) > 2:
        sc["bo_qua"].append({"don_vi": others[2].code, "ky": first})
        notes.append(f"{others[2].name}, {periods[0].name}: chưa nộp → CHUA_NOP.")
    money = next(((u, t) for u in others for t in reg.targets_for(u.code)
                  if t.kind in ("tong", "gia_tri") and (t.value or 0) >= 1_000_000), None)
    if money:
        u, t = money
        v = sc["chi_tieu"][u.code][first][t.code]
        sc["chi_tieu"][u.code][first][t.code] = f"{int(v):,}".replace(",", ".")
        notes.append(f"{u.name}, {periods[0].name}: {t.code} ghi dạng chữ có dấu chấm → được hiểu đúng, không báo lỗi.")
    notes.append("Một tệp ghi chú .txt và một tệp khóa \"~$…\" trong thư mục → cảnh báo TEP_KHONG_PHAI_XLSX / bỏ qua.")


def _awards(reg: Registers) -> dict:
    """Award cases on the units there are: a quota, a chain, missing history, ratings, discipline."""
    depts = [u for u in reg.units if not u.is_khom and u.kind != "luc_luong_vu_trang"]
    khom = [u for u in reg.units if u.is_khom]
    y = reg.year
    kt: dict = {"tham_so": ["cstdcs_max_ratio_of_ldtt=0.15"], "truong_hop": [], "ten": NAMES,
                "so_nguoi_mac_dinh": 3, "so_nguoi": {}, "nguoi_dau": {}, "khong_dang_ky_don_vi": [],
                "khong_dang_ky": [], "sua": [], "tat_ca": [], "chep": [], "tap_the": {}, "khom": {}, "lich_su": []}
    for u in reg.units:
        if u.kind == "luc_luong_vu_trang":
            kt["tat_ca"].append({"don_vi": u.code, "doi_tuong": "luc_luong_vu_trang"})
    if depts:
        lead = depts[0]
        kt["so_nguoi"][lead.code] = 8
        kt["nguoi_dau"][lead.code] = "Nguyễn Thị Thanh"
        kt["sua"] += [
            {"don_vi": lead.code, "thu_tu": 0, "hinh_thuc": "BK_TINH", "danh_hieu": "CSTD_TINH", "cap_sang_kien": "tinh",
             "thanh_tich": f"Dẫn đầu phong trào thi đua năm {y}"},
            {"don_vi": lead.code, "thu_tu": 1, "xep_loai": "HTXSNV", "danh_hieu": "CSTDCS"},
            {"don_vi": lead.code, "thu_tu": 7, "xep_loai": "HTNV"},
        ]
        kt["lich_su"] += [{"ho_ten": "Nguyễn Thị Thanh", "don_vi": lead.code, "nam": y - 2, "noi_dung": "CSTDCS"},
                          {"ho_ten": "Nguyễn Thị Thanh", "don_vi": lead.code, "nam": y - 1, "noi_dung": "CSTDCS"},
                          {"ho_ten": "Nguyễn Thị Thanh", "don_vi": lead.code, "nam": y - 1, "noi_dung": "HTXSNV"},
                          {"ho_ten": "Nguyễn Thị Thanh", "don_vi": lead.code, "nam": y - 1, "noi_dung": "SK_TINH"}]
        kt["tap_the"][lead.code] = {"xep_loai_tap_the": "HTXSNV", "dh_tap_the": "TTLDXS"}
        kt["truong_hop"].append(f"{lead.name}: 3 người xét Chiến sĩ thi đua cơ sở trong tỷ lệ 15% → Hội đồng chọn; "
                                "Nguyễn Thị Thanh có chuỗi 2 năm → sơ xét Bằng khen, Chiến sĩ thi đua cấp tỉnh.")
    if len(depts) > 1:
        u = depts[1]
        kt["sua"] += [{"don_vi": u.code, "thu_tu": 1, "ngay_bat_dau": dt.date(y, 7, 2)},
                      {"don_vi": u.code, "thu_tu": 2, "ky_luat": "khien_trach", "ngay_ky_luat": dt.date(y, 5, 10),
                       "xep_loai": "HTTNV"},
                      {"don_vi": u.code, "thu_tu": 0, "hinh_thuc": "BK_TINH", "thanh_tich": "Hoàn thành xuất sắc nhiệm vụ"}]
        kt["truong_hop"].append(f"{u.name}: công tác 5 tháng; bị kỷ luật nhưng xếp loại HTTNV → KY_LUAT_XEP_LOAI; "
                                "đề nghị Bằng khen không có lịch sử → thiếu dữ liệu.")
    if len(depts) > 2:
        u = depts[2]
        kt["sua"] += [{"don_vi": u.code, "thu_tu": 1, "hinh_thuc": "GK_PHUONG", "thanh_tich": "Thành tích chung của đơn vị"},
                      {"don_vi": u.code, "thu_tu": 2, "hinh_thuc": "GK_PHUONG", "thanh_tich": "Thành tích chung của đơn vị",
                       "xep_loai": None}]
        kt["khong_dang_ky_don_vi"].append(u.code)
        kt["truong_hop"].append(f"{u.name}: chưa đăng ký thi đua; cùng thành tích đề nghị hai người; một người chưa xếp loại.")
    for i, k in enumerate(khom):
        kt["khom"][k.code] = {"so_ho_nep_song": 900 + 50 * i, "so_tre_do_tuoi": 500 + 20 * i, "so_tre_di_hoc": 495 + 20 * i,
                              "so_vu_hoa_giai": 3, "so_vu_an_ninh": 1, "so_ho_binh_xet": 1000 + 50 * i}
        if i == 1:
            kt["khom"][k.code]["tc_moi_truong"] = "khong"
            kt["truong_hop"].append(f"{k.name} tự đánh giá môi trường \"Không\" → không đủ Khóm văn hóa.")
    return kt


def _campaigns(reg: Registers) -> list[dict]:
    """One department proposes a person and a collective for each campaign that has an end date,
    and one row without an achievement (its Issue)."""
    dept = next((u for u in reg.units if not u.is_khom and u.kind != "luc_luong_vu_trang"), None)
    out = []
    for phase in reg.emulation_phases if dept else []:
        end = phase.get("den") or reg.final_period.end
        out.append({"dot": phase["ma"], "don_vi": dept.code, "ngay": end - dt.timedelta(days=5), "dong": [
            {"ten": NAMES[7], "chuc_vu": "Chuyên viên", "thanh_tich": f"Dẫn đầu {phase['ten'].split(' (')[0].lower()}"},
            {"ten": f"Tổ công tác {dept.name}", "tap_the": True, "thanh_tich": "Hoàn thành vượt mức nhiệm vụ của đợt"},
            {"ten": NAMES[9], "chuc_vu": "Nhân viên"},
        ]})
    return out[:2]


def _council(reg: Registers, kt: dict) -> dict:
    final = reg.final_period
    return {"tep": "Thi dua khen thuong/Ket qua hop Hoi dong thi dua.xlsx",
            "hop": {"ngay_hop": final.end - dt.timedelta(days=13), "dia_diem": "Hội trường Ủy ban nhân dân",
                    "chu_tri": reg.settings.get("van_ban", {}).get("ho_ten_nguoi_ky", ""), "thu_ky": NAMES[1],
                    "so_thanh_vien": 9, "so_du_hop": 8},
            "bo_trong": None, "dong_y_khong_du": None, "sai_phieu": None, "chon_theo_ty_le": [],
            "hoan_don_vi": [u.code for u in reg.units if u.kind == "luc_luong_vu_trang"]}
