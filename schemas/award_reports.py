"""Schemas of the award templates after parsing (one DataFrameModel per template sheet):
the year-end evaluation's people and collective fields, the registration, the khóm văn hóa form
and the award history. Choice columns hold the option's code (see ``pipeline/award_layout.py``) or,
when the text could not be understood, the text as typed, which the ``isin`` checks reject.
Each check's name is its Issue code."""

from __future__ import annotations

from typing import Optional

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from pipeline.awards.layout import (
    CATEGORIES,
    DISCIPLINE,
    GROUP_FORMS,
    GROUP_TITLES,
    HISTORY_ITEMS,
    HISTORY_STATUS,
    INITIATIVE_LEVELS,
    KHOM_TITLES,
    PERSON_FORMS,
    PERSON_TITLES,
    RATINGS,
    SUBJECT_KINDS,
    YES_NO,
)

CIVIL_SERVANTS = ("can_bo", "cong_chuc", "vien_chuc")


def _choice(s: pd.Series, options: dict) -> pd.Series:
    return s.isin(list(options))


class _Located(pa.DataFrameModel):
    tep: Series[str] = pa.Field(description="Tệp")
    trang_tinh: Series[str] = pa.Field(description="Trang tính")
    ma_don_vi: Series[str] = pa.Field(description="Mã đơn vị")

    class Config:
        strict = False
        coerce = False


class EvaluationPeople(_Located):
    """Bình xét: one row per member."""
    ho_ten: Series[str] = pa.Field(description="Họ và tên")
    doi_tuong: Series[str] = pa.Field(nullable=True, description="Đối tượng (cán bộ, công chức…)")
    so_thang: Series[float] = pa.Field(nullable=True, description="Số tháng công tác trong năm")
    xep_loai: Series[str] = pa.Field(nullable=True, description="Xếp loại chất lượng")
    doan_ket: Series[str] = pa.Field(nullable=True, description="Tự lực, đoàn kết, tích cực thi đua")
    ky_luat: Series[str] = pa.Field(nullable=True, description="Hình thức kỷ luật trong năm")
    so_sang_kien: Series[float] = pa.Field(nullable=True, description="Số sáng kiến được công nhận")
    cap_sang_kien: Series[str] = pa.Field(nullable=True, description="Cấp công nhận sáng kiến")
    de_tai: Series[str] = pa.Field(nullable=True, description="Đề tài khoa học được nghiệm thu")
    danh_hieu: Series[str] = pa.Field(nullable=True, description="Danh hiệu đề nghị")
    hinh_thuc: Series[str] = pa.Field(nullable=True, description="Hình thức khen thưởng đề nghị")

    @pa.check("doi_tuong", name="LUA_CHON_KHONG_HOP_LE")
    def category(cls, s):
        return _choice(s, CATEGORIES)

    @pa.check("xep_loai", name="LUA_CHON_KHONG_HOP_LE")
    def rating(cls, s):
        return _choice(s, RATINGS)

    @pa.check("doan_ket", "de_tai", name="LUA_CHON_KHONG_HOP_LE")
    def yes_no(cls, s):
        return _choice(s, YES_NO)

    @pa.check("ky_luat", name="LUA_CHON_KHONG_HOP_LE")
    def discipline(cls, s):
        return _choice(s, DISCIPLINE)

    @pa.check("cap_sang_kien", name="LUA_CHON_KHONG_HOP_LE")
    def initiative_level(cls, s):
        return _choice(s, INITIATIVE_LEVELS)

    @pa.check("danh_hieu", name="LUA_CHON_KHONG_HOP_LE")
    def title(cls, s):
        return _choice(s, PERSON_TITLES)

    @pa.check("hinh_thuc", name="LUA_CHON_KHONG_HOP_LE")
    def form(cls, s):
        return _choice(s, PERSON_FORMS)

    @pa.check("so_thang", "so_sang_kien", name="SO_AM")
    def not_negative(cls, s):
        return s >= 0

    @pa.check("so_thang", "so_sang_kien", name="SO_KHONG_NGUYEN")
    def whole(cls, s):
        return s % 1 == 0

    @pa.check("so_thang", name="VUOT_GIOI_HAN")
    def at_most_12_months(cls, s):
        return s <= 12

    @pa.dataframe_check(ignore_na=False, name="KY_LUAT_XEP_LOAI")
    def disciplined_civil_servant_rated_khtnv(cls, df: pd.DataFrame) -> pd.DataFrame:
        """A cán bộ, công chức or viên chức disciplined in the year is rated KHTNV (ND 48/2023)."""
        disciplined = df["ky_luat"].notna() & (df["ky_luat"] != "khong") & df["ky_luat"].isin(list(DISCIPLINE))
        bad = df["doi_tuong"].isin(CIVIL_SERVANTS) & disciplined & df["xep_loai"].isin(["HTXSNV", "HTTNV", "HTNV"])
        out = pd.DataFrame(True, index=df.index, columns=df.columns)
        out["xep_loai"] = ~bad.to_numpy()
        return out


class EvaluationGroup(_Located):
    """Bình xét: the collective's own fields (header of a department's sheet)."""
    xep_loai_tap_the: Series[str] = pa.Field(nullable=True, description="Xếp loại tập thể")
    phong_trao: Series[str] = pa.Field(nullable=True, description="Phong trào thi đua")
    doan_ket_tap_the: Series[str] = pa.Field(nullable=True, description="Nội bộ đoàn kết")
    dh_tap_the: Series[str] = pa.Field(nullable=True, description="Danh hiệu tập thể đề nghị")
    ht_tap_the: Series[str] = pa.Field(nullable=True, description="Hình thức khen thưởng tập thể đề nghị")

    @pa.check("xep_loai_tap_the", name="LUA_CHON_KHONG_HOP_LE")
    def rating(cls, s):
        return _choice(s, RATINGS)

    @pa.check("phong_trao", "doan_ket_tap_the", name="LUA_CHON_KHONG_HOP_LE")
    def yes_no(cls, s):
        return _choice(s, YES_NO)

    @pa.check("dh_tap_the", name="LUA_CHON_KHONG_HOP_LE")
    def title(cls, s):
        return _choice(s, {**GROUP_TITLES, **KHOM_TITLES})

    @pa.check("ht_tap_the", name="LUA_CHON_KHONG_HOP_LE")
    def form(cls, s):
        return _choice(s, GROUP_FORMS)


class RegistrationPeople(_Located):
    """Đăng ký thi đua: one row per member."""
    ho_ten: Series[str] = pa.Field(description="Họ và tên")
    danh_hieu: Series[str] = pa.Field(nullable=True, description="Danh hiệu đăng ký")
    hinh_thuc: Series[str] = pa.Field(nullable=True, description="Hình thức khen thưởng đăng ký")

    @pa.check("danh_hieu", name="LUA_CHON_KHONG_HOP_LE")
    def title(cls, s):
        return _choice(s, PERSON_TITLES)

    @pa.check("hinh_thuc", name="LUA_CHON_KHONG_HOP_LE")
    def form(cls, s):
        return _choice(s, PERSON_FORMS)


KHOM_COUNTS = ("so_ho_nep_song", "so_tre_do_tuoi", "so_tre_di_hoc", "so_vu_hoa_giai", "so_vu_an_ninh", "so_ho_binh_xet")
KHOM_CRITERIA = ("tc_kinh_te", "tc_van_hoa", "tc_moi_truong", "tc_phap_luat", "tc_doan_ket", "de_nghi")


class KhomForm(_Located):
    """Khóm văn hóa: the khóm's counts and its five yes/no self-assessments."""
    so_ho_nep_song: Series[float] = pa.Field(nullable=True, description="Số hộ thực hiện nếp sống văn minh")
    so_tre_do_tuoi: Series[float] = pa.Field(nullable=True, description="Số trẻ trong độ tuổi đi học")
    so_tre_di_hoc: Series[float] = pa.Field(nullable=True, description="Số trẻ được đến trường")
    so_vu_hoa_giai: Series[float] = pa.Field(nullable=True, description="Số vụ hòa giải")
    so_vu_an_ninh: Series[float] = pa.Field(nullable=True, description="Số vụ vi phạm an ninh trật tự")
    so_ho_binh_xet: Series[float] = pa.Field(nullable=True, description="Số hộ được bình xét GĐVH")
    tc_kinh_te: Series[str] = pa.Field(nullable=True)
    tc_van_hoa: Series[str] = pa.Field(nullable=True)
    tc_moi_truong: Series[str] = pa.Field(nullable=True)
    tc_phap_luat: Series[str] = pa.Field(nullable=True)
    tc_doan_ket: Series[str] = pa.Field(nullable=True)
    de_nghi: Series[str] = pa.Field(nullable=True)

    @pa.check(*KHOM_COUNTS, name="SO_AM")
    def not_negative(cls, s):
        return s >= 0

    @pa.check(*KHOM_COUNTS, name="SO_KHONG_NGUYEN")
    def whole(cls, s):
        return s % 1 == 0

    @pa.check(*KHOM_CRITERIA, name="LUA_CHON_KHONG_HOP_LE")
    def yes_no(cls, s):
        return _choice(s, YES_NO)

    @pa.dataframe_check(ignore_na=False, name="SO_LIEU_VUOT_TONG")
    def enrolled_within_school_age(cls, df: pd.DataFrame) -> pd.DataFrame:
        ok = df["so_tre_di_hoc"].isna() | df["so_tre_do_tuoi"].isna() | (df["so_tre_di_hoc"] <= df["so_tre_do_tuoi"])
        out = pd.DataFrame(True, index=df.index, columns=df.columns)
        out["so_tre_di_hoc"] = ok.to_numpy()
        return out


class AwardHistory(_Located):
    """Lịch sử khen thưởng: one row per title, form, rating or initiative of an earlier year."""
    loai_doi_tuong: Series[str] = pa.Field(nullable=True, description="Cá nhân / Tập thể")
    ho_ten: Series[str] = pa.Field(description="Họ và tên hoặc tên tập thể")
    nam: Series[float] = pa.Field(nullable=True, description="Năm")
    noi_dung: Series[str] = pa.Field(nullable=True, description="Danh hiệu, hình thức, xếp loại, sáng kiến")
    trang_thai: Optional[Series[str]] = pa.Field(nullable=True, description="Trạng thái (đề nghị, đã có quyết định)")

    @pa.check("loai_doi_tuong", name="LUA_CHON_KHONG_HOP_LE")
    def subject(cls, s):
        return _choice(s, SUBJECT_KINDS)

    @pa.check("noi_dung", name="LUA_CHON_KHONG_HOP_LE")
    def item(cls, s):
        return _choice(s, HISTORY_ITEMS)

    @pa.check("trang_thai", name="LUA_CHON_KHONG_HOP_LE")
    def status(cls, s):
        return _choice(s, HISTORY_STATUS)
