"""Text normalisation for matching what people type against the registers.

Trap (Vietnamese text): NFD and NFC spellings differ byte for byte, the older tone placement
("Hoà") differs from the newer one ("Hòa") even after NFC, and non-breaking or zero-width spaces
survive copy and paste. ``normalise_key`` folds all of these, plus case and spacing, so that
names match however they were typed. It is for matching only; what is shown keeps the text as typed.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from functools import lru_cache

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]+")
# Older ("oà, oá, oả, oã, oạ, uý …") tone placement mapped to the newer one ("òa, óa …").
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE_RE = re.compile("|".join(_OLD_TONES))


# The readers clean every text cell of every file, and the same labels, headings and names recur
# in all of them: the string forms are cached. Only exact ``str`` values use the caches (1, 1.0
# and True are equal as keys but do not print alike).
_CACHED = 1 << 16


def clean_text(value: object) -> str:
    """NFC text with invisible characters removed and runs of spaces folded; '' for None."""
    if value is None:
        return ""
    return _clean(value if type(value) is str else str(value))


@lru_cache(maxsize=_CACHED)
def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def normalise_key(value: object) -> str:
    """A matching key: clean text, lower case, newer tone placement."""
    if type(value) is str:
        return _key(value)
    return _newer_tones(clean_text(value).lower())


@lru_cache(maxsize=_CACHED)
def _key(text: str) -> str:
    return _newer_tones(_clean(text).lower())


def _newer_tones(text: str) -> str:
    # Only at the end of a syllable: "hoàng" keeps its tone on the "a".
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m.group(0)] if _end_of_syllable(m) else m.group(0), text)


def _end_of_syllable(match: re.Match) -> bool:
    end = match.end()
    text = match.string
    return end == len(text) or not text[end].isalpha()


def strip_accents(value: object) -> str:
    """ASCII-ish form of a Vietnamese text, for file names ("Khóm Sơn Đông" -> "Khom Son Dong")."""
    if type(value) is str:
        return _strip_accents(value)
    return _accents_off(clean_text(value))


@lru_cache(maxsize=_CACHED)
def _strip_accents(text: str) -> str:
    return _accents_off(_clean(text))


def _accents_off(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


_NOT_FILE_SAFE = re.compile(r"[^0-9A-Za-z]+")


def plain_key(value: object) -> str:
    """A matching key without diacritics, case or extra spaces ("  Lê  VĂN Thắng " -> "le van thang"): names
    and choices typed without diacritics match their written form."""
    return strip_accents(normalise_key(value)).lower()


def file_words(value: object) -> str:
    """A text as part of an output file's name: ASCII letters and digits, every other run (spaces,
    commas, dashes, brackets, "/") one "_" ("Ban Văn hóa – Xã hội, phường" -> "Ban_Van_hoa_Xa_hoi_phuong"),
    so that the name travels through e-mail, zip and any file system alike."""
    return _NOT_FILE_SAFE.sub("_", strip_accents(value)).strip("_")


# Words that name a unit's kind before its name ("Khóm Sơn Tây", "Ban Văn hóa - Xã hội"): a clerk
# may type the name with or without them.
KIND_PREFIXES = ("to dan pho", "khom", "ban", "ap", "to")


def loose_key(value: object, drop_prefix: bool = False) -> str:
    """A looser matching key for what was typed without a Vietnamese keyboard: no diacritics, no
    case, punctuation read as a space ("khom son tay" = "Khóm Sơn Tây"); ``drop_prefix`` also
    drops a leading kind word (``KIND_PREFIXES``), so "Sơn Tây" = "Khóm Sơn Tây". Only for
    fallback matching that must find exactly one candidate."""
    text = strip_accents(normalise_key(value)).lower()
    text = " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())
    if drop_prefix:
        for prefix in KIND_PREFIXES:
            if text.startswith(prefix + " "):
                return text[len(prefix) + 1:]
    return text


def decimal_text(x: float) -> str:
    """A number as a message shows it, the Vietnamese way, to six decimals at most: 1234.5 → "1.234,5"."""
    text = f"{x:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def lines_needed(text: str, width: float, size: int = 11) -> int:
    """How many lines a wrapped cell needs: Excel and LibreOffice do not grow rows written by
    xlsxwriter, so the height is set from the text (column width in characters of "0")."""
    per_line = max(1, int(width * (1.2 if size <= 10 else 1.1)))
    text = str(text)
    if len(text) <= per_line and "\n" not in text:
        return 1
    return _lines_of(text, per_line)


# textwrap's chunking sees a character only as whitespace, hyphen, digit, other word character or
# other: a text with every digit read as "0" and every other word character as "a" (every
# non-space character as "a" when the text has no hyphen, as only hyphen rules look at letters)
# wraps into the same lines, so that file names, hashes and messages that differ only in their
# letters or numbers share one count.
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d]")
_NOT_SPACE = re.compile(r"\S")
_SPACE_OR_HYPHEN = re.compile(r"[\s-]")


@lru_cache(maxsize=1 << 16)
def _lines_of(text: str, per_line: int) -> int:
    if not _SPACE_OR_HYPHEN.search(text):   # one long word (a hash, a path): cut every per_line characters
        return -(-len(text) // per_line)
    shape = _LETTER.sub("a", _DIGIT.sub("0", text)) if "-" in text else _NOT_SPACE.sub("a", text)
    return _wrapped_lines(shape, per_line)


@lru_cache(maxsize=1 << 16)
def _wrapped_lines(text: str, per_line: int) -> int:
    """textwrap is slow and the same notes and messages recur in every unit's sheets."""
    return sum(max(1, len(textwrap.wrap(part, per_line))) for part in text.split("\n"))


def example_year(text: str, year: int) -> str:
    """A hint's examples in the year in force: "{nam}" is the year, "{nam_truoc}" the year before."""
    return text.replace("{nam}", str(year)).replace("{nam_truoc}", str(year - 1))
