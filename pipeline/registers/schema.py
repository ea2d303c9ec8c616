"""The shape of each register file as typed models (pydantic): which blocks and fields exist, their
types and allowed values. ``check_shape`` turns every violation into one Vietnamese line naming
the file, the block (with its code) and the field, so a typo in a field name or a date written as
text is caught before anything else reads the register. Meaning (codes that refer to each other,
exactly one year-end period…) is checked afterwards by ``registers/load.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Number = float | int


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class SettingsFile(_Strict):
    model_config = ConfigDict(extra="forbid", strict=True)
    nam_hien_hanh: int


class UnitKindEntry(_Strict):
    ma: str = Field(pattern=r"^[a-z0-9_]+$")
    ten: str = Field(min_length=1)
    bao_cao: list[str] = []                      # what a unit of this kind reports when its own row says nothing
    danh_hieu: list[str] = []                    # the titles and forms open to it (award rule codes)
    can_cu: str = ""                             # the legal basis of those titles


class UnitEntry(_Strict):
    ma: str = Field(pattern=r"^[A-Za-z0-9_]+$")
    ten: str = Field(min_length=1)
    loai: str = Field(pattern=r"^[a-z0-9_]+$")  # a kind of [[loai_don_vi]] (the year's own list)
    bao_cao: list[str] = []
    ten_khac: list[str] = []
    tiep_noi: list[str] = []                     # earlier units this one continues: "2024:KH01"


class UnitsFile(_Strict):
    loai_don_vi: list[UnitKindEntry] = []
    don_vi: list[UnitEntry] = Field(min_length=1)


class PeriodEntry(_Strict):
    ma: str = Field(min_length=1)
    ten: str = Field(min_length=1)
    nhan: str = Field(min_length=1)
    tu: dt.date
    den: dt.date
    han_nop: dt.date
    cuoi_nam: bool = False
    ten_khac: list[str] = []


class CampaignEntry(_Strict):
    model_config = ConfigDict(extra="allow", strict=True)
    ma: str = Field(min_length=1)
    ten: str = Field(min_length=1)
    tu: dt.date | None = None
    den: dt.date | None = None
    han_nop: dt.date | None = None      # deadline of the units' proposals for this campaign


class ReportKindEntry(_Strict):
    ma: str = Field(min_length=1)
    noi_dung: Literal["chi_tieu", "dang_ky", "binh_xet", "khom_van_hoa", "lich_su", "ket_qua_hop",
                      "de_nghi_theo_dot"] = "chi_tieu"
    ten: str = Field(min_length=1)
    ten_ngan: str | None = None
    phien_ban_bieu_mau: int
    ky: list[str] = Field(min_length=1)
    han_nop: dt.date | None = None
    khong_bat_buoc: bool = False


class PeriodsFile(_Strict):
    model_config = ConfigDict(extra="allow", strict=True)   # blocks of parameters other parts read
    nam: int
    ngay_so_lieu_goc: dt.date | None = None
    phien_ban: str = ""
    ky: list[PeriodEntry] = Field(min_length=1)
    dot_thi_dua: list[CampaignEntry] = []
    bao_cao: list[ReportKindEntry] = Field(min_length=1)


class TargetEntry(_Strict):
    ma: str = Field(pattern=r"^[A-Za-z0-9_.]+$")
    noi_dung: str = Field(min_length=1)
    ten_ngan: str | None = None
    loai: str = Field(min_length=1)
    so_sanh: Literal[">=", ">", "<=", "<", "=="]
    chi_tieu: Number | None = None
    chi_tieu_tren: Number | None = None          # khoang: the upper bound
    vuot_tren_van_dat: bool = True               # khoang: above the upper bound still met
    muc: list[str] | None = None                 # xep_loai: the ordered levels, best first
    chi_tieu_muc: str | None = None              # xep_loai: the level to reach
    chi_tieu_hien_thi: str | None = None
    dvt: str = ""
    don_vi_bao_cao: list[str] = []
    luy_ke: bool = False
    so_nguyen: bool = True
    nhap: dict[str, str] = {}
    vai_tro: dict[str, str] = {}
    gia_tri_toi_da: Number | None = None
    chi_tieu_khom: str | dict[str, Number] | None = None
    nguon: str = "bao_cao"
    ghi_chu: str = ""
    tiep_noi: str | None = None                  # the earlier target this one continues: "2024:CT05"
    bieu_do: bool = False                        # charted across the years


class TargetsFile(_Strict):
    model_config = ConfigDict(extra="allow", strict=True)
    phien_ban: str = ""
    van_ban: str = ""
    chi_tieu: list[TargetEntry] = Field(min_length=1)


class BodyBlock(_Strict):
    model_config = ConfigDict(extra="allow", strict=True)
    loai_dia_phuong: Literal["phường", "xã", "đặc khu"] | None = None   # the commune's kind: its names follow
    ten: str | None = None                       # the commune's own name, without its kind
    chu_tich: str | None = None                  # the chairman, who signs
    co_quan_cap_tren: str = ""
    ten_dia_phuong: str
    ten_co_quan: str
    ten_co_quan_cap_tren: str = ""
    hoi_dong: str
    dia_danh: str


class DocumentBlock(_Strict):
    model_config = ConfigDict(extra="allow", strict=True)
    co_quan_chu_quan: str
    co_quan_ban_hanh: str
    so_ky_hieu: str = ""
    dia_danh: str
    ngay_lap: str | dt.date = ""
    quyen_han_ky: str
    chuc_vu_nguoi_ky: str
    ho_ten_nguoi_ky: str
    noi_nhan: list[str] = []


class BodyFile(_Strict):
    model_config = ConfigDict(extra="allow", strict=True)
    co_quan: BodyBlock
    van_ban: DocumentBlock


BLOCK_WORDS = {"don_vi": "đơn vị", "loai_don_vi": "loại đơn vị", "ky": "kỳ", "bao_cao": "loại báo cáo", "chi_tieu": "chỉ tiêu",
               "dot_thi_dua": "đợt thi đua", "co_quan": "[co_quan]", "van_ban": "[van_ban]",
               "tham_so": "tham số", "danh_hieu": "danh hiệu"}
TYPE_WORDS = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong mẫu sổ (gõ nhầm tên trường?)",
    "int_type": "phải là số nguyên, không đặt trong dấu ngoặc kép",
    "float_type": "phải là một con số (dùng dấu chấm cho số lẻ: 99.64), không đặt trong dấu ngoặc kép",
    "string_type": "phải là chữ đặt trong dấu ngoặc kép",
    "bool_type": "phải là true hoặc false",
    "date_type": "phải là ngày dạng năm-tháng-ngày (YYYY-MM-DD), không đặt trong dấu ngoặc kép",
    "list_type": "phải là danh sách trong ngoặc vuông [ … ]",
    "dict_type": "phải là bảng trong ngoặc nhọn { … }",
    "too_short": "không được để trống",
    "string_too_short": "không được để trống",
    "string_pattern_mismatch": "chỉ được dùng chữ không dấu, chữ số và dấu gạch dưới",
}


def syntax_message(path, exc: Exception) -> str:
    """A TOML syntax error in Vietnamese, with its line and column (the parser's words are English)."""
    m = re.search(r"line (\d+), column (\d+)", str(exc))
    where = f" ở dòng {m.group(1)}, cột {m.group(2)}" if m else ""
    return (f"Tệp {path} sai cú pháp TOML{where}. Kiểm tra dấu ngoặc kép, dấu bằng, dấu phẩy giữa các phần tử "
            "và dấu ngoặc vuông, ngoặc nhọn đóng mở đủ.")


def check_shape(model: type[BaseModel], raw: dict, file: str) -> list[str]:
    """Every way ``raw`` (a parsed TOML file) departs from ``model``, in Vietnamese."""
    try:
        model.model_validate(raw)
        return []
    except ValidationError as exc:
        lines: dict[str, str] = {}
        for err in exc.errors():   # a field of several allowed types fails once per type: say it once
            where, text = _line(err, raw, file)
            lines.setdefault(where, text)
        return list(dict.fromkeys(lines.values()))


def _line(err: dict, raw: dict, file: str) -> tuple[str, str]:
    loc = list(err["loc"])
    where, field = [file], ""
    node = raw
    i = 0
    while i < len(loc):
        part = loc[i]
        if isinstance(part, str) and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            entry = node.get(part, [])[loc[i + 1]] if isinstance(node, dict) else None
            code = entry.get("ma") if isinstance(entry, dict) else None
            words = BLOCK_WORDS.get(part, f"[[{part}]]")
            where.append(f"{words} {code}" if code else f"{words} thứ {loc[i + 1] + 1}")
            node = entry if isinstance(entry, dict) else {}
            i += 2
            continue
        if isinstance(part, str) and not field and isinstance(node, dict) and isinstance(node.get(part), dict) \
                and i + 1 < len(loc) and part in BLOCK_WORDS:
            where.append(BLOCK_WORDS[part])
            node = node[part]
            i += 1
            continue
        if isinstance(part, str) and part not in ("str", "int", "float", "date", "dict[str,union[float,int]]"):
            field = field or part
        i += 1
    kind = err["type"]
    if kind == "missing" and field:
        return f"{where}|{field}", f"{', '.join(where)}: thiếu trường \"{field}\" (bắt buộc)."
    if kind == "literal_error":
        allowed = err.get("ctx", {}).get("expected", "").replace("'", "").replace(" or ", " hoặc ")
        text = f"giá trị \"{err.get('input')}\" không hợp lệ; chọn một trong {allowed}"
    else:
        text = TYPE_WORDS.get(kind, err["msg"])
    line = f"{', '.join(where)}: trường \"{field}\" {text}." if field else f"{', '.join(where)}: {text}."
    return f"{where}|{field}", line
