"""What a year applies beyond the rule set in force. The transitional rule "files received before the
new rule keep the old one, unless the new rule favours the person": the year's date of decision
(``ngay_xet``, empty = the reception date) and the newer rule set that is the favourable
alternative, when a set says so (``co_loi_chuyen_tiep``). And a set's unverified options
(``[[tuy_chon]]``), applied only when the council confirms them (``xac_nhan``).

A rule set with ``co_loi_chuyen_tiep = true`` offers itself to files received before its
``hieu_luc_tu`` and decided on or after it; one without (a decree whose transitional clause has no
such exception) does not: those files keep the old set only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.registers.model import RegisterError

TRANSITIONAL_KEY = "co_loi_chuyen_tiep"   # in a rule set: the favourable-rule exception applies to it
NOT_INHERITED = (TRANSITIONAL_KEY, "can_cu_co_loi")   # stated by the one law, not by the sets that inherit it
DECISION_KEY = "ngay_xet"


@dataclass(frozen=True)
class Option:
    code: str
    params: dict[str, object]     # award parameter -> its value once confirmed (one or several)
    text: str
    confirmed: bool


def option(o: dict, confirmed: set, where: str, problems: list[str]) -> Option:
    """A [[tuy_chon]]: ``tham_so``, ``gia_tri`` for one parameter, or ``tham_so`` a table of several."""
    params = o.get("tham_so")
    if isinstance(params, str) and "gia_tri" in o:
        params = {params: o["gia_tri"]}
    if not o.get("ma") or not isinstance(params, dict) or not params:
        problems.append(f"{where}, tùy chọn {o.get('ma', '')}: ghi ma và tham_so = {{ tên_tham_số = giá_trị, … }} "
                        "(hoặc tham_so = \"tên_tham_số\" cùng gia_tri).")
        params = {}
    return Option(o.get("ma", ""), dict(params), o.get("mo_ta", ""), o.get("ma") in confirmed)


def stray_options(own: dict, applied: list, sets, where: str) -> list[str]:
    """Confirmed codes no rule set offers. A code of a set the year does not apply is not an error:
    the new-year checklist says it is not used."""
    elsewhere = {o.get("ma") for data, _ in sets for o in data.get("tuy_chon", [])}
    stray = set(own.get("xac_nhan", [])) - {o.code for s in applied for o in s.options} - elsewhere
    return [f"{where}: bộ quy định {', '.join(s.code for s in applied)} không có tùy chọn "
            f"{', '.join(sorted(stray))}."] if stray else []


def decision_date(own: dict, reception: dt.date, where: str) -> dt.date:
    """The date the year's files are considered and decided: ``ngay_xet``, or the reception date when
    empty. ``where`` names the file or cell for messages."""
    value = own.get(DECISION_KEY, "")
    if value in ("", None):
        return reception
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise RegisterError([f"{where}: ghi ngày xét, quyết định khen thưởng dạng năm-tháng-ngày, ví dụ "
                             f"{DECISION_KEY} = {reception.year}-10-15 (không có ngoặc kép), hoặc để trống \"\" "
                             "khi xét ngay tại ngày nhận hồ sơ."])
    if value < reception:
        raise RegisterError([f"{where}: ngày xét, quyết định {value:%d/%m/%Y} trước ngày nhận hồ sơ "
                             f"{reception:%d/%m/%Y}; ghi ngày xét từ ngày nhận hồ sơ trở đi (để trống nếu xét ngay "
                             "tại ngày nhận hồ sơ), hoặc sửa lại ngày nhận hồ sơ."])
    return value


def favourable_set(sets, reception: dt.date, decided: dt.date):
    """The newest rule set (``(data, path)`` of ``sets``) that took effect after ``reception`` and by
    ``decided`` and keeps the favourable-rule exception; None when there is none."""
    later = sorted((s for s in sets if s[0].get(TRANSITIONAL_KEY) is True
                    and reception < s[0]["hieu_luc_tu"] <= decided), key=lambda s: s[0]["hieu_luc_tu"])
    return later[-1] if later else None
