"""What an award evaluation produces: the criterion and decision records, their result codes and
Vietnamese labels, and the small helpers every title family uses to state a criterion. No pandas:
the council's writer process unpickles these records without it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.awards.layout import DISCIPLINE, RATINGS

if TYPE_CHECKING:   # the council's writer process imports this module and needs no pandas
    import pandas as pd

    from pipeline.awards.validate import AwardFrames

PASS, FAIL, MISSING, COUNCIL = "dat", "khong_dat", "thieu_du_lieu", "can_xem_xet"


ELIGIBLE, NOT_ELIGIBLE = "du_dieu_kien", "khong_du_dieu_kien"


CRITERION_LABEL = {PASS: "Đạt", FAIL: "Không đạt", MISSING: "Thiếu dữ liệu", COUNCIL: "Cần Hội đồng xem xét"}


OUTCOME_LABEL = {ELIGIBLE: "Đủ điều kiện", NOT_ELIGIBLE: "Không đủ điều kiện", MISSING: "Thiếu dữ liệu",
                 COUNCIL: "Cần Hội đồng xem xét"}


OUTCOME_WORDS = {ELIGIBLE: "đủ điều kiện", NOT_ELIGIBLE: "không đủ điều kiện", MISSING: "thiếu dữ liệu",
                 COUNCIL: "cần Hội đồng xem xét"}


RATING_ORDER = list(RATINGS)            # best first


DISCIPLINE_ORDER = list(DISCIPLINE)     # "khong" first, then by severity


CIVIL_SERVANTS = ("can_bo", "cong_chuc", "vien_chuc")


@dataclass(frozen=True)
class Criterion:
    code: str
    result: str
    text: str            # why, in Vietnamese
    value: str = ""      # the values used
    source: str = ""     # "Bình xét!H12" and the file


@dataclass
class Decision:
    subject: str                  # person's name, unit name, khóm name
    kind: str                     # ca_nhan | tap_the | khom | ho_gia_dinh (a khóm's households) | ho (one household)
    unit: str                     # unit code
    title: str                    # rule code
    proposed: bool
    criteria: list[Criterion]
    authority: str
    birth: dt.date | None = None
    file: str = ""
    outcome: str = ""
    reason: str = ""
    campaign: str = ""            # a campaign commendation (dot_thi_dua code); "" = the year's titles
    households: tuple[int, int] | None = None   # Gia đình văn hóa: (households recognised, evaluated)
    address: str = ""             # one household's address ("khóm Sơn Đông")
    favourable: str = ""          # decided under the newer rule set, which favours the person: why, in words

    def settle(self) -> "Decision":
        results = {c.result for c in self.criteria}
        self.outcome = (NOT_ELIGIBLE if FAIL in results else MISSING if MISSING in results
                        else COUNCIL if COUNCIL in results else ELIGIBLE)
        shown = {NOT_ELIGIBLE: FAIL, MISSING: MISSING, COUNCIL: COUNCIL, ELIGIBLE: PASS}[self.outcome]
        parts = [c.text + (f" ({c.source})" if c.source and shown != PASS else "")
                 for c in self.criteria if c.result == shown]
        self.reason = f"{OUTCOME_LABEL[self.outcome]}: " + ("; ".join(parts) if parts else "đạt tất cả tiêu chí")
        if self.favourable:
            self.reason += f"; {self.favourable}"
        return self


def is_blank(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and v in ("", "None", "nan"))


def cell_source(frames: AwardFrames, name: str, i: int, column: str, frame: pd.DataFrame) -> str:
    cells = frames.addresses.get(name, [])
    address = cells[i].get(column, "") if i < len(cells) else ""
    return f"{frame.at[i, 'trang_tinh']}!{address}" if address else ""


def percent_text(x: float) -> str:
    return f"{x * 100:.2f}".replace(".", ",") + "%"


def rating_criterion(rating, allowed: tuple, source: str) -> Criterion:
    if rating is None:
        return Criterion("xep_loai", MISSING, "chưa có xếp loại tập thể", "", source)
    if rating in allowed:
        return Criterion("xep_loai", PASS, f"tập thể xếp loại {rating}", rating, source)
    return Criterion("xep_loai", FAIL, f"tập thể xếp loại {rating}, cần {allowed[-1]} trở lên", rating, source)


def yes_no(value, code: str, what: str, source: str) -> Criterion:
    if is_blank(value):
        return Criterion(code, MISSING, f"chưa đánh giá {what}", "", source)
    return Criterion(code, PASS if value == "co" else FAIL, f"{what}: {'có' if value == 'co' else 'không'}",
                     "Có" if value == "co" else "Không", source)
