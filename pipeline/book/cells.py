"""One cell of the year's book, both ways: a register value written as the officer reads it
(dates dd/mm/yyyy, Có/Không, lists one a line), and a cell read back into the register's value,
or a Vietnamese reason with the fix. Numbers typed as text the way Vietnamese offices write them
("40,6", "93,5%", "428.000.000") are understood."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.book.layout import NO, YES, Field

LIST_SPLIT = re.compile(r"[;\n]")
THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


class CellError(ValueError):
    """A cell that cannot be read: ``args[0]`` says why and how to write it."""


def to_cell(field: Field, value):
    """The register's value as it is written into the book."""
    if value is None or value == "":
        return None
    if field.kind == "bool":
        return YES if value else NO
    if field.kind in ("list", "lines"):
        return ("\n" if field.kind == "lines" else "; ").join(str(v) for v in value) if isinstance(value, list) else str(value)
    if field.kind == "pairs":
        return "; ".join(f"{k} = {_number_text(v)}" for k, v in value.items()) if isinstance(value, dict) else str(value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _number_text(v) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def from_cell(field: Field, value, number_format: str = "General"):
    """The cell's value as the register holds it; None for an empty cell; CellError if unreadable."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            return None
    if value is None:
        return None
    kind = field.kind
    if kind in ("number", "int"):
        number = read_number(value, number_format)
        if kind == "int":
            if number != int(number):
                raise CellError(f"phải là số nguyên, đang ghi {value}; sửa thành {int(number)}")
            return int(number)
        return int(number) if number == int(number) and not isinstance(value, float) else number
    if kind == "date":
        return read_date(value)
    if kind == "bool":
        return read_bool(value)
    if kind == "list":
        return [part.strip() for part in LIST_SPLIT.split(str(value)) if part.strip()]
    if kind == "lines":
        return [line.strip() for line in str(value).splitlines() if line.strip()]
    if kind == "pairs":
        return read_pairs(str(value))
    text = _number_text(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    if kind == "choice" and text not in field.choices:
        raise CellError(f"giá trị \"{text}\" không có trong danh sách; chọn trong ô thả xuống một trong "
                        f"{', '.join(field.choices)}")
    return text


def read_number(value, number_format: str = "General") -> float:
    if isinstance(value, bool):
        raise CellError("phải là một con số")
    if isinstance(value, (int, float)):
        return float(value) * (100 if "%" in number_format else 1)
    text = str(value).replace("\u00a0", "").replace(" ", "")
    text = text[:-1] if text.endswith("%") else text
    if THOUSANDS.match(text):              # 428.000.000: dots group the thousands
        text = text.replace(".", "")
    elif "," in text and "." in text:      # 1.234,5
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")      # 40,6: the decimal comma
    try:
        return float(text)
    except ValueError:
        raise CellError(f"phải là một con số, đang ghi \"{value}\"; sửa thành một số, ví dụ 40,6 hoặc 93,5") from None


def read_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(f"phải là một ngày, đang ghi \"{value}\"; sửa thành dạng ngày/tháng/năm (dd/mm/yyyy), năm đủ bốn chữ số")


def read_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    key = str(value).strip().lower()
    if key in ("có", "co", "x", "true", "1", "đúng"):
        return True
    if key in ("không", "khong", "false", "0", "sai"):
        return False
    raise CellError(f"chỉ ghi {YES} hoặc {NO}, đang ghi \"{value}\"; chọn trong ô thả xuống")


def read_pairs(text: str):
    """"nhu_phuong", or "KH01 = 5; KH02 = 6,5" -> {"KH01": 5, "KH02": 6.5}."""
    if "=" not in text:
        return text
    out: dict[str, float | int] = {}
    for part in LIST_SPLIT.split(text):
        if not part.strip():
            continue
        key, sep, raw = part.partition("=")
        if not sep or not key.strip():
            raise CellError(f"phần \"{part.strip()}\" không đúng dạng mã = số; ví dụ KH01 = 5; KH02 = 6")
        number = read_number(raw.strip())
        out[key.strip()] = int(number) if number == int(number) else number
    return out


def read_parameter(kind: str, value, number_format: str = "General"):
    """A rule parameter's value by its kind (the sheet's "Kiểu giá trị" column); empty is ""."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    field = Field("gia_tri", "Giá trị", {"có/không": "bool", "danh sách": "list", "số nguyên": "int", "số": "number"}
                  .get(kind, "text"))
    got = from_cell(field, value, number_format)
    if field.kind == "number" and isinstance(got, int):
        return float(got) if isinstance(value, str) and ("," in value or "." in value) else got
    return got
