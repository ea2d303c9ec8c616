"""Schema of the indicator table ("Báo cáo" sheet) of the indicator report templates
(``chi_tieu_khom``, ``chi_tieu_ban_nganh``), after the cells have been parsed.

All submissions of a run are validated in one pass: one row per table row of every file, carrying
the file, sheet and Excel row so that every failure points to a cell. Each check's name is the
Issue code it raises (see ``pipeline/issues.py``); ``pipeline/validate.py`` is the one module that
turns the failure cases into Issues. Checks here are about values; which cells of a row must be
filled (a row half filled, a value in a grey cell) is checked in ``validate`` from the layout,
because pandera reports no failure case for an empty cell.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from pipeline.indicators.layout import CHOICE_INPUTS, NUMERIC_INPUTS
from pipeline.registers.model import INPUTS_BY_KIND

NUMERIC = list(NUMERIC_INPUTS)


def _cells(df: pd.DataFrame, ok: pd.DataFrame) -> pd.DataFrame:
    """pandera wants a table check's result in the frame's own shape: True everywhere except
    the cells ``ok`` marks False. Failure cases then name the failing columns row by row."""
    out = pd.DataFrame(True, index=df.index, columns=df.columns)
    out[list(ok.columns)] = ok.to_numpy(dtype=bool)
    return out


class IndicatorRows(pa.DataFrameModel):
    tep: Series[str] = pa.Field(description="Tệp (đường dẫn trong thư mục đầu vào)")
    trang_tinh: Series[str] = pa.Field(description="Trang tính")
    dong: Series[int] = pa.Field(ge=1, description="Dòng Excel")
    ma_don_vi: Series[str] = pa.Field(description="Mã đơn vị báo cáo")
    ky: Series[str] = pa.Field(description="Mã kỳ báo cáo")
    ma_chi_tieu: Series[str] = pa.Field(description="Mã chỉ tiêu", alias="ma_chi_tieu")
    loai: Series[str] = pa.Field(isin=list(INPUTS_BY_KIND), description="Loại chỉ tiêu")
    so_nguyen: Series[bool] = pa.Field(description="Số liệu phải là số nguyên")
    gia_tri_toi_da: Series[float] = pa.Field(nullable=True, description="Giá trị lớn nhất hợp lệ")
    gia_tri: Series[float] = pa.Field(nullable=True, description="Kết quả thực hiện")
    tu_so: Series[float] = pa.Field(nullable=True, description="Tử số")
    mau_so: Series[float] = pa.Field(nullable=True, description="Mẫu số")
    so_hien_tai: Series[float] = pa.Field(nullable=True, description="Số tại thời điểm báo cáo")
    so_goc: Series[float] = pa.Field(nullable=True, description="Số tại ngày gốc (31/12 năm trước)")
    co_khong: Series[str] = pa.Field(nullable=True, description="Giữ vững (Có/Không)")
    danh_gia: Series[str] = pa.Field(nullable=True, description="Tự đánh giá (Đạt/Không đạt)")
    giai_trinh: Series[str] = pa.Field(nullable=True, description="Giải trình")

    class Config:
        strict = False
        coerce = False

    @pa.check("gia_tri", "tu_so", "mau_so", "so_hien_tai", "so_goc", name="SO_AM")
    def so_am(cls, s: Series[float]) -> Series[bool]:
        return s >= 0

    @pa.check("co_khong", name="LUA_CHON_KHONG_HOP_LE")
    def co_khong_choice(cls, s: Series[str]) -> Series[bool]:
        return s.isin(CHOICE_INPUTS["co_khong"])

    @pa.check("danh_gia", name="LUA_CHON_KHONG_HOP_LE")
    def danh_gia_choice(cls, s: Series[str]) -> Series[bool]:
        return s.isin(CHOICE_INPUTS["danh_gia"])

    @pa.dataframe_check(ignore_na=False, name="SO_KHONG_NGUYEN")
    def whole_numbers(cls, df: pd.DataFrame) -> pd.DataFrame:
        values = df[NUMERIC]
        whole = values.isna() | (values % 1 == 0)
        return _cells(df, whole | ~df["so_nguyen"].to_numpy()[:, None])

    @pa.dataframe_check(ignore_na=False, name="VUOT_GIOI_HAN")
    def within_maximum(cls, df: pd.DataFrame) -> pd.DataFrame:
        values = df[NUMERIC]
        limit = df["gia_tri_toi_da"].to_numpy()[:, None]
        within = values.isna() | pd.isna(limit) | (values.to_numpy() <= limit)
        return _cells(df, within)

    @pa.dataframe_check(ignore_na=False, name="TU_SO_LON_HON_MAU_SO")
    def numerator_within_denominator(cls, df: pd.DataFrame) -> pd.DataFrame:
        # a result against an assigned plan (loai ke_hoach) may exceed it: 107,41 % of the estimate
        ok = df["tu_so"].isna() | df["mau_so"].isna() | (df["tu_so"] <= df["mau_so"]) | (df["loai"] == "ke_hoach")
        return _cells(df, pd.DataFrame({"tu_so": ok}))

    @pa.dataframe_check(ignore_na=False, name="MAU_SO_BANG_KHONG")
    def denominator_not_zero(cls, df: pd.DataFrame) -> pd.DataFrame:
        return _cells(df, pd.DataFrame({"mau_so": df["mau_so"].isna() | (df["mau_so"] != 0)}))
