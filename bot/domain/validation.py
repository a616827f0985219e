"""Checks and clean-ups for what citizens type: phones, ID numbers, names, texts, dates.

Phone numbers are stored in E.164 (``+8613812345678``, ``+861012345678``,
``+447911123456``): one unambiguous form for mainland mobiles, landlines and
foreign numbers alike. :func:`format_phone_national` and :func:`mask_phone`
turn them back into what people in China are used to reading.

Functions named ``normalize_*``/``validate_*`` return None for bad input (the
handler asks again with its own message); ``check_*`` functions raise a
:class:`DomainError` naming the i18n key and its values.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from bot.domain.cases import FieldSpec
from bot.domain.errors import DomainError

__all__ = [
    "NAME_MAX",
    "check_field_value",
    "check_text",
    "format_phone_national",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "normalize_name",
    "normalize_phone",
    "parse_date",
    "validate_id_number",
]

# --------------------------------------------------------------------------- phones

_PHONE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc().\u00b7]")
_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
# area codes 010 and 02x have two digits after the trunk 0, all others three
_LANDLINE = re.compile(r"(?:10|2\d)\d{7,8}|[3-9]\d{2}\d{7,8}", re.ASCII)
_INTERNATIONAL = re.compile(r"[1-9]\d{7,14}", re.ASCII)


def _mainland(national: str) -> str | None:
    """E.164 for a mainland number given without country code and trunk 0."""
    if _MOBILE.fullmatch(national) or _LANDLINE.fullmatch(national):
        return "+86" + national
    return None


def normalize_phone(text: str) -> str | None:
    """Return the phone number in E.164 form, or None if it is not a usable number.

    Accepts mainland mobiles (``138 1234 5678``, ``+86``/``0086``/``86`` prefix),
    mainland landlines with area code (``010-12345678``, ``(0755)8888 8888``) and
    international numbers (``+`` or ``00``, then 8 to 15 digits). Full-width
    digits and the usual separators are fine.
    """
    cleaned = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    if cleaned.startswith("+"):
        international = cleaned[1:]
    elif cleaned.startswith("00"):
        international = cleaned[2:]
    else:
        international = None
    if international is not None:
        if not international.isascii() or not international.isdigit():
            return None
        if international.startswith("86"):
            # people often keep the trunk 0 after the country code: +86 010 ...
            return _mainland(international[2:].removeprefix("0"))
        return "+" + international if _INTERNATIONAL.fullmatch(international) else None
    if not cleaned.isascii() or not cleaned.isdigit():
        return None
    if cleaned.startswith("0"):
        return _mainland(cleaned[1:])
    if cleaned.startswith("86") and _MOBILE.fullmatch(cleaned[2:]):
        return "+" + cleaned
    return _mainland(cleaned) if _MOBILE.fullmatch(cleaned) else None


def format_phone_national(phone: str) -> str:
    """Show a stored number as people in China write it: ``138 1234 5678``, ``010-12345678``.

    Foreign numbers stay in E.164.
    """
    if not phone.startswith("+86"):
        return phone
    national = phone[3:]
    if _MOBILE.fullmatch(national):
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    area_len = 2 if national.startswith(("10", "2")) else 3
    return f"0{national[:area_len]}-{national[area_len:]}"


def mask_phone(phone: str) -> str:
    """Hide the middle of a phone number: ``+8613812345678`` -> ``138****5678``.

    Mainland numbers are shown in national form; others keep their ``+``.
    """
    plus = phone.startswith("+") and not phone.startswith("+86")
    digits = re.sub(r"\D", "", phone[3:] if phone.startswith("+86") else phone)
    if phone.startswith("+86") and not _MOBILE.fullmatch(digits):
        digits = "0" + digits
    if len(digits) <= 7:
        masked = digits[:1] + "*" * (len(digits) - 1)
    else:
        masked = digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return ("+" if plus else "") + masked


# ----------------------------------------------------------------------- ID numbers

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID_RE = re.compile(r"[1-9]\d{16}[\dX]", re.ASCII)


def _id_check_char(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def validate_id_number(text: str, today: date | None = None) -> str | None:
    """Return an 18-character PRC resident ID in canonical form, or None if invalid.

    Checks the GB 11643 check character (``x`` becomes ``X``) and the birth date;
    with ``today`` given, a birth date after it is refused too.
    """
    cleaned = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()
    if not _ID_RE.fullmatch(cleaned):
        return None
    if _id_check_char(cleaned[:17]) != cleaned[17]:
        return None
    try:
        born = date(int(cleaned[6:10]), int(cleaned[10:12]), int(cleaned[12:14]))
    except ValueError:
        return None
    if born.year < 1900 or (today is not None and born > today):
        return None
    return cleaned


def mask_id_number(id_number: str) -> str:
    """Keep the first and last four characters: ``1101**********1234``."""
    if len(id_number) <= 8:
        return "*" * len(id_number)
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


# ---------------------------------------------------------------------------- names

NAME_MAX = 50
# ethnic-minority and foreign names are written with a middle dot in many shapes
_NAME_DOTS = str.maketrans(dict.fromkeys("•・‧∙⋅", "·"))


def normalize_name(text: str) -> str | None:
    """Return a cleaned personal name (1 to 50 characters), or None if it is not one.

    Spaces are collapsed, middle dots unified (``阿卜杜·热合曼``); a name needs at
    least one letter and no control characters.
    """
    cleaned = unicodedata.normalize("NFKC", text).translate(_NAME_DOTS)
    cleaned = " ".join(cleaned.split())
    if not 1 <= len(cleaned) <= NAME_MAX:
        return None
    if any(unicodedata.category(char).startswith("C") for char in cleaned):
        return None
    if not any(char.isalpha() for char in cleaned):
        return None
    return cleaned


def mask_name(name: str) -> str:
    """Keep the first character only: ``张三`` -> ``张*``, ``欧阳修`` -> ``欧**``."""
    name = name.strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


# ---------------------------------------------------------------------------- texts


def check_text(text: str, min_len: int, max_len: int) -> str:
    """Return ``text`` stripped, or raise if its length is outside ``min_len..max_len``.

    Length is in characters after stripping. Keys: ``error-too-short``
    (``count``, ``min``), ``error-too-long`` (``count``, ``max``).
    """
    cleaned = text.replace("\r\n", "\n").strip()
    count = len(cleaned)
    if count < min_len:
        raise DomainError("error-too-short", count=count, min=min_len)
    if count > max_len:
        raise DomainError("error-too-long", count=count, max=max_len)
    return cleaned


_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", re.ASCII)
_COMPACT_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)


def parse_date(text: str) -> date | None:
    """Read a date as typed: ``2025-03-07``, ``2025/3/7``, ``2025.3.7``, ``2025年3月7日``, ``20250307``."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    match = _DATE_RE.fullmatch(cleaned) or _COMPACT_DATE_RE.fullmatch(cleaned)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def check_field_value(field: FieldSpec, raw: str | None, today: date) -> str | None:
    """Check one answer to a kind's extra field and return it as stored.

    Dates are stored ISO (``2025-03-07``) and may not lie after ``today``; a
    skipped optional field gives None. Keys: ``error-field-required`` (``field``),
    ``error-too-long`` (``count``, ``max``), ``error-date-format`` (no kwargs),
    ``error-date-future`` (no kwargs), ``error-choice`` (``field``).
    """
    value = (raw or "").strip()
    if not value:
        if field.required:
            raise DomainError("error-field-required", field=field.key)
        return None
    if field.kind == "date":
        parsed = parse_date(value)
        if parsed is None:
            raise DomainError("error-date-format")
        if parsed > today:
            raise DomainError("error-date-future")
        return parsed.isoformat()
    if field.kind == "choice":
        if value not in field.choices:
            raise DomainError("error-choice", field=field.key)
        return value
    if field.max_len is not None:
        return check_text(value, 1, field.max_len)
    return value
