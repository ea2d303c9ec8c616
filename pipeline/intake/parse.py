"""Understand what people type into cells: Vietnamese numbers, choices and dates.

Free-entry cells are read as they are (text stays text) and parsed here, so that a value that
cannot be understood becomes an Issue instead of a silent blank (trap: typed readers turn
"1.234,5" into null). Each rule is one comment.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from pipeline.text import clean_text, decimal_text, strip_accents

EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Parsed:
    value: float | None
    code: str | None = None     # Issue code when the text is not understood
    detail: str = ""            # for SO_MO_HO: the two readings
    percent: bool = False       # the text ended with "%"


_SIGN = r"-?"
_PLAIN = re.compile(rf"^{_SIGN}\d+$")
_DOT_GROUPS = re.compile(rf"^{_SIGN}\d{{1,3}}(\.\d{{3}})+$")          # 1.234.567 (Vietnamese thousands)
_COMMA_GROUPS = re.compile(rf"^{_SIGN}\d{{1,3}}(,\d{{3}})+$")         # 1,234,567 (English thousands)
_VN_FULL = re.compile(rf"^{_SIGN}\d{{1,3}}(\.\d{{3}})+,\d+$")         # 1.234,5
_EN_FULL = re.compile(rf"^{_SIGN}\d{{1,3}}(,\d{{3}})+\.\d+$")         # 1,234.5
_COMMA_DECIMAL = re.compile(rf"^{_SIGN}\d+,\d+$")                      # 93,5
_DOT_DECIMAL = re.compile(rf"^{_SIGN}\d+\.\d+$")                        # 93.5
_MULTIPLIERS = {"trieu": 1e6, "tr": 1e6, "ty": 1e9, "ti": 1e9, "nghin": 1e3, "ngan": 1e3}
_UNIT_WORDS = {"ha", "ho", "nguoi", "dong", "d", "vnd", "lao dong", "don", "o dich", "o", "tieu chi",
               "khom", "tre", "hoc sinh"}


def tidy_float(x: float) -> float:
    """Trap: binary floats like 274.65999999999997 come back from Excel; 9 decimals is plenty."""
    return round(float(x), 9)


def parse_number(raw: object, integer: bool) -> Parsed:
    """Read a number typed in a cell. ``integer`` says whether the field only takes whole numbers,
    which settles "1.234" (thousands, since 1,234 households is impossible)."""
    if raw is None or (isinstance(raw, str) and not clean_text(raw)):
        return Parsed(None)
    if isinstance(raw, bool) or isinstance(raw, (dt.date, dt.datetime, dt.time)):
        # Trap: Excel turns "1/5" or "1.5" typed in a Vietnamese locale into a date.
        return Parsed(None, "SO_KHONG_HOP_LE")
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and (math.isnan(raw) or math.isinf(raw)):
            return Parsed(None, "SO_KHONG_HOP_LE")
        return Parsed(tidy_float(raw))
    text = clean_text(raw)
    text = text.replace("\u2212", "-")  # a typographic minus pasted from Word
    percent = text.endswith("%")
    text = text.rstrip("%").strip()
    words = strip_accents(text).lower()
    multiplier = 1.0
    match = re.match(r"^([-\d.,\s]+?)\s*([a-z ]+)$", words)
    if match:
        word = match.group(2).strip()
        if word in _MULTIPLIERS:
            multiplier = _MULTIPLIERS[word]        # "130 triệu" = 130.000.000
        elif word not in _UNIT_WORDS:
            return Parsed(None, "SO_KHONG_HOP_LE")
        text = text[: len(match.group(1))]         # "55 ha": the unit word is dropped
    text = re.sub(r"(?<=\d)[\s](?=\d{3}\b)", "", text.strip())  # "1 234 567"
    value, code, detail = _read_digits(text, integer and multiplier == 1.0)
    if value is None:
        return Parsed(None, code, detail, percent)
    return Parsed(tidy_float(value * multiplier), None, "", percent)


def _read_digits(text: str, integer: bool) -> tuple[float | None, str | None, str]:
    if _PLAIN.match(text):
        return float(text), None, ""
    if _DOT_GROUPS.match(text):
        as_thousands = float(text.replace(".", ""))
        if text.count(".") > 1 or integer:
            return as_thousands, None, ""
        return None, "SO_MO_HO", (f"{as_thousands:.0f} (nếu dấu chấm phân cách hàng nghìn) "
                                  f"hoặc {decimal_text(float(text))} (nếu là số lẻ)")
    if _COMMA_GROUPS.match(text):
        as_thousands = float(text.replace(",", ""))
        if text.count(",") > 1 or integer:
            return as_thousands, None, ""
        return None, "SO_MO_HO", (f"{decimal_text(float(text.replace(',', '.')))} (nếu là số lẻ) "
                                  f"hoặc {as_thousands:.0f} (nếu dấu phẩy phân cách hàng nghìn)")
    if _VN_FULL.match(text):
        return float(text.replace(".", "").replace(",", ".")), None, ""
    if _EN_FULL.match(text):
        return float(text.replace(",", "")), None, ""
    if _COMMA_DECIMAL.match(text):
        return float(text.replace(",", ".")), None, ""
    if _DOT_DECIMAL.match(text):
        return float(text), None, ""
    return None, "SO_KHONG_HOP_LE", ""


_CHOICE_WORDS = {
    "co": "Có", "c": "Có", "x": "Có", "yes": "Có", "dat": "Đạt", "d": "Đạt",
    "khong": "Không", "k": "Không", "ko": "Không", "no": "Không",
    "khong dat": "Không đạt", "kd": "Không đạt", "chua dat": "Không đạt",
}


def parse_choice(raw: object) -> str | None:
    """Map "có", "CO ", "x", "Khong dat" … to the drop-down's words; other text is returned as
    typed so that validation can reject it and show it."""
    text = clean_text(raw)
    if not text:
        return None
    return _CHOICE_WORDS.get(strip_accents(text).lower(), text)


_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(raw: object) -> dt.date | None:
    """A date cell, a serial number (a date cell formatted General arrives as 45366), or text
    written day first ("15/03/2024", trap: text dates stay text)."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)):
        if 30000 < raw < 80000:
            return EXCEL_EPOCH + dt.timedelta(days=int(raw))
        return None
    text = clean_text(raw)
    for pattern, order in ((_DATE_TEXT, (3, 2, 1)), (_ISO_TEXT, (1, 2, 3))):
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m.group(order[0])), int(m.group(order[1])), int(m.group(order[2])))
            except ValueError:
                return None
    return None
