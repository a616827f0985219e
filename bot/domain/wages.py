"""Unpaid wages (农民工讨薪): what a worker types, read into amounts, months and headcounts.

Everything here is pure: no I/O, no clock (``today`` is passed in), no Telegram.
User mistakes raise :class:`WageInputError` with an i18n key; the handler
translates it and keeps the form on the same step.

Error keys and their placeholders:

- ``wage-error-amount`` (``text``): not an amount we can read.
- ``wage-error-amount-not-positive`` (``text``): zero or negative.
- ``wage-error-amount-too-large`` (``max``): more than :data:`MAX_AMOUNT` yuan.
- ``wage-error-amount-precision`` (``text``): finer than one fen (0.01 yuan).
- ``wage-error-period`` (``text``): not a month or range of months we can read.
- ``wage-error-period-order`` (``text``): the end month is before the start month.
- ``wage-error-period-future`` (``text``): a month after the current month.
- ``wage-error-period-too-long`` (``years``): longer than, or starting more than,
  :data:`MAX_PERIOD_YEARS` years back.
- ``wage-error-headcount`` (``text``): not a number of people.
- ``wage-error-headcount-range`` (``min``, ``max``): outside 1..:data:`MAX_WORKERS`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from rapidfuzz import fuzz

from bot.domain.errors import DomainError
from bot.domain.textfeat import normalise
from bot.domain.validation import normalize_name, normalize_phone, validate_id_number

__all__ = [
    "EVIDENCE_KINDS",
    "EVIDENCE_LABEL_KEYS",
    "MAX_AMOUNT",
    "MAX_PERIOD_YEARS",
    "MAX_WORKERS",
    "SAME_EMPLOYER_THRESHOLD",
    "EvidenceKind",
    "WageGroupSummary",
    "WageInputError",
    "WageReport",
    "WageReportFacts",
    "WorkType",
    "employer_similarity",
    "format_amount",
    "group_reports",
    "month_choices",
    "normalize_employer",
    "parse_amount",
    "parse_headcount",
    "parse_period",
    "summarize_group",
]

MAX_AMOUNT = Decimal(100_000_000)
MAX_WORKERS = 10_000
MAX_PERIOD_YEARS = 10
# longer inputs are never a plain amount or headcount; refusing early keeps parsing cheap
_MAX_INPUT_LEN = 60
_FEN = Decimal("0.01")


# --------------------------------------------------------------------------- errors


class WageInputError(DomainError, ValueError):
    """Wage-form input the worker got wrong: ``key`` is an i18n message key, ``kwargs`` its placeholders."""


def _echo(text: str) -> str:
    """The user's text, cut short enough to quote back in an error message."""
    text = text.strip()
    return text if len(text) <= 30 else text[:29] + "…"


# --------------------------------------------------------------------------- numbers

_CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_UNITS: dict[str, int] = {
    "十": 10,
    "拾": 10,
    "百": 100,
    "佰": 100,
    "千": 1000,
    "仟": 1000,
    "k": 1000,
}
# "w" is the chat shorthand for 万 ("3.5w"), as "k" is for thousand
_BIG_UNITS: dict[str, int] = {
    "万": 10_000,
    "萬": 10_000,
    "w": 10_000,
    "亿": 100_000_000,
    "億": 100_000_000,
}
_NUMBER_TOKEN = re.compile(
    r"(?P<arabic>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<cn>[" + "".join(_CN_DIGITS) + r"])"
    r"|(?P<small>[" + "".join(_SMALL_UNITS) + r"])"
    r"|(?P<big>[" + "".join(_BIG_UNITS) + r"])",
    re.ASCII | re.IGNORECASE,
)


class _Unreadable(Exception):
    """Internal: the text is not what the parser reads; callers turn it into a keyed error."""


@dataclass
class _NumberReading:
    value: Decimal
    # digits written after the decimal point when no unit scaled them ("35000.123")
    bare_decimals: int


def _read_number(text: str) -> _NumberReading:
    """Read Arabic, Chinese (incl. formal 大写) or mixed numerals like "3.5万", "三万五", "3k".

    A single trailing digit after a unit abbreviates the next smaller unit, as
    people say it: "三万五" and "3万5" are 35,000, "一百五" is 150, "3k5" 3,500.
    After 零 the digit is literal ("三万零五" is 30,005). A longer trailing
    number is literal too ("3万5000") but must be smaller than the unit before it.
    """
    if not text:
        raise _Unreadable
    total = Decimal(0)  # finished 亿 groups
    wan = Decimal(0)  # the finished 万 group inside the current 亿 group
    section = Decimal(0)  # below 万, e.g. 三千五百
    pending: Decimal | None = None
    pending_single = False
    last_unit: int | None = None
    prev_small: int | None = None
    seen_yi = False
    zero_gap = False
    saw_digit = False
    bare_decimals = 0
    pos = 0
    while pos < len(text):
        match = _NUMBER_TOKEN.match(text, pos)
        if match is None:
            raise _Unreadable
        pos = match.end()
        if match["arabic"] or match["cn"]:
            if pending is not None:
                raise _Unreadable  # two numbers in a row: "三五", "3五"
            saw_digit = True
            if match["cn"]:
                digit = _CN_DIGITS[match["cn"]]
                if digit == 0:
                    zero_gap = True
                    continue
                pending, pending_single = Decimal(digit), True
            else:
                raw = match["arabic"].replace(",", "")
                pending = Decimal(raw)
                pending_single = len(raw) == 1
                if "." in raw:
                    if last_unit is not None:
                        raise _Unreadable  # "3万5.5": a fraction after a unit means nothing
                    bare_decimals = len(raw.split(".")[1])
            continue
        if match["small"]:
            unit = _SMALL_UNITS[match["small"].lower()]
            if pending is None:
                if unit != 10:
                    raise _Unreadable  # "千" or "万千" alone
                pending = Decimal(1)  # "十五" is 15
            if prev_small is not None and unit >= prev_small:
                raise _Unreadable  # units must fall: "三百五千"
            if pending == 0:
                raise _Unreadable
            section += pending * unit
            prev_small = unit
        else:
            unit = _BIG_UNITS[match["big"].lower()]
            value = section + (pending or 0)
            if unit == 10_000:
                if wan or value == 0:
                    raise _Unreadable  # "三万五万", "万"
                wan = value * unit
            else:
                # 亿 takes everything before it, so "三万亿" is three trillion
                if seen_yi or wan + value == 0:
                    raise _Unreadable
                seen_yi = True
                total = (wan + value) * unit
                wan = Decimal(0)
            section = Decimal(0)
            prev_small = None
        pending, pending_single, last_unit, zero_gap = None, False, unit, False
        bare_decimals = 0
    if not saw_digit and last_unit is None:
        raise _Unreadable
    if pending is not None and last_unit is not None:
        if pending_single and not zero_gap:
            pending *= Decimal(last_unit) / 10
        elif pending >= last_unit:
            raise _Unreadable  # "3万50000" is no way to write 80,000
    return _NumberReading(total + wan + section + (pending or 0), bare_decimals)


def _clean(text: str) -> str:
    """NFKC (full-width digits, ￥, ，) and lower case: one form for every parser."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def _join_digit_groups(text: str) -> str:
    """Accept "35 000" as "35,000"; refuse other spaces between digits ("3 5")."""
    text = re.sub(r"(?<=\d)\s+(?=\d{3}(?!\d))", ",", text)
    if re.search(r"\d\s+\d", text):
        raise _Unreadable
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------- amounts

_AMOUNT_PREFIX = re.compile(
    r"^(?:约|大约|大概|差不多|一共|总共|共计|合计|共|欠薪|欠款|欠|about|around|approx(?:imately|\.)?"
    r"|roughly|~|rmb|cny|人民币|¥)\s*"
)
_AMOUNT_SUFFIX = re.compile(
    r"\s*(?:左右|上下|整|元|圆|块钱|块|钱|人民币|rmb|cny|yuan|工资|的工资)$"
)
_NEGATIVE = re.compile(r"^(?:-|\u2212|负)\s*")


def _strip_affixes(text: str, prefix: re.Pattern[str], suffix: re.Pattern[str]) -> str:
    while True:
        shorter = suffix.sub("", prefix.sub("", text)).strip()
        if shorter == text:
            return text
        text = shorter


def parse_amount(text: str) -> Decimal:
    """Read the amount owed, in yuan with at most two decimals (fen).

    Accepted: "35000", "35,000", "35，000", "35 000", "35000元", "￥35,000",
    "RMB 35000", "35k", "3.5万", "3.5w", "3万5", "12.3456万", "0.5亿",
    "三万五千", "三万五", "叁万伍仟元整", full-width "３５０００", and "约3万"
    or "3万左右" (the figure is taken as given). Refused: "三万多", "几千"
    (no figure), a bare number with three or more decimals ("35.000" may be a
    European 35,000), zero, negatives and more than 100,000,000 yuan.

    Returns the amount quantized to fen (``Decimal("35000.00")``).
    """
    cleaned = _clean(text)
    if not cleaned or len(cleaned) > _MAX_INPUT_LEN:
        raise WageInputError("wage-error-amount", text=_echo(text))
    core = _strip_affixes(cleaned, _AMOUNT_PREFIX, _AMOUNT_SUFFIX)
    negative = _NEGATIVE.match(core)
    if negative:
        core = core[negative.end() :]
    try:
        reading = _read_number(_join_digit_groups(core))
    except (_Unreadable, InvalidOperation):
        raise WageInputError("wage-error-amount", text=_echo(text)) from None
    value = reading.value
    if negative or value <= 0:
        raise WageInputError("wage-error-amount-not-positive", text=_echo(text))
    if value > MAX_AMOUNT:
        raise WageInputError("wage-error-amount-too-large", max=int(MAX_AMOUNT))
    if reading.bare_decimals > 2 or value != value.quantize(_FEN):
        raise WageInputError("wage-error-amount-precision", text=_echo(text))
    return value.quantize(_FEN)


def format_amount(amount: Decimal, lang: str) -> str:
    """Show an amount to a reader: "35,000 元" in Chinese, "¥35,000" otherwise.

    Fen are shown only when there are some ("35,000.50 元").
    """
    if amount == amount.to_integral_value():
        figure = f"{int(amount):,}"
    else:
        figure = f"{amount:,.2f}"
    if lang.lower().startswith("zh"):
        return f"{figure} 元"
    return f"¥{figure}"


# --------------------------------------------------------------------------- months


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _month_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def month_choices(today: date, n: int = 12) -> list[date]:
    """The current month and the ``n - 1`` before it, newest first, for month buttons."""
    if n < 1:
        raise ValueError("n must be at least 1")
    now = _month_index(today.year, today.month)
    return [_month_of(now - back) for back in range(n)]


@dataclass
class _Ref:
    """One side of a period as written: month, plus a year when the text gave one."""

    month: int
    year: int | None = None
    # 次年 / 第二年: the year after the other side's
    next_year: bool = False


@dataclass
class _Sep:
    pass


@dataclass
class _Now:
    pass


_EN_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_CN_MONTH_WORD = re.compile(r"(十[一二]|[一二三四五六七八九十])(?=月)")
_CN_YEAR_WORD = re.compile(r"([〇零一二三四五六七八九]{4})(?=年)")
_CN_SMALL = {"十": 10, "十一": 11, "十二": 12} | {k: v for k, v in _CN_DIGITS.items() if v}

_P_YEAR_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})(?!\d)\s*(?:月份?)?")
_P_REL_YEAR = re.compile(
    r"(今年|去年|前年|明年|次年|第二年|翌年|来年)\s*(\d{1,2})(?!\d)\s*(?:月份?)?"
)
_P_ISO = re.compile(r"(\d{4})[./-](\d{1,2})(?!\d)")
_P_MONTH_YEAR = re.compile(r"(\d{1,2})[./](\d{4})(?!\d)")
_P_MONTH = re.compile(r"(\d{1,2})\s*月份?")
_P_ENGLISH = re.compile(
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])\.?(?:\s*,?\s*(\d{4})(?!\d))?"
)
_P_RELATIVE = re.compile(r"上个月|上月|last month|本月|这个月|这月|当月|this month")
_P_BARE = re.compile(r"(\d{1,2})(?!\d)")
_P_NOW = re.compile(
    r"至今|到现在|到目前|到今天|迄今|现在|目前|now|present|today|to date|so far|以来|开始|起|since"
)
_P_SEP = re.compile(r"到|至|~|-|–|—|to\b|until\b|till\b|through\b|thru\b|and\b")
_P_FILLER = re.compile(r"[\s,;]+|从|自|由|在|期间|的|工资|between\b|from\b|in\b|of\b")


def _tokenize_period(text: str, today: date) -> list[_Ref | _Sep | _Now]:
    text = _CN_YEAR_WORD.sub(lambda m: "".join(str(_CN_DIGITS[c]) for c in m[1]), text)
    text = _CN_MONTH_WORD.sub(lambda m: str(_CN_SMALL[m[1]]), text)
    rel_years = {"今年": 0, "去年": -1, "前年": -2, "明年": 1, "来年": 1}
    now_index = _month_index(today.year, today.month)
    tokens: list[_Ref | _Sep | _Now] = []
    pos = 0
    while pos < len(text):
        if m := _P_YEAR_MONTH.match(text, pos):
            tokens.append(_Ref(int(m[2]), int(m[1])))
        elif m := _P_REL_YEAR.match(text, pos):
            if m[1] in rel_years:
                tokens.append(_Ref(int(m[2]), today.year + rel_years[m[1]]))
            else:
                tokens.append(_Ref(int(m[2]), next_year=True))
        elif m := _P_ISO.match(text, pos):
            tokens.append(_Ref(int(m[2]), int(m[1])))
        elif m := _P_MONTH_YEAR.match(text, pos):
            tokens.append(_Ref(int(m[1]), int(m[2])))
        elif m := _P_MONTH.match(text, pos):
            tokens.append(_Ref(int(m[1])))
        elif m := _P_ENGLISH.match(text, pos):
            tokens.append(_Ref(_EN_MONTHS[m[1][:3]], int(m[2]) if m[2] else None))
        elif m := _P_RELATIVE.match(text, pos):
            month = _month_of(now_index - (1 if m[0] in ("上个月", "上月", "last month") else 0))
            tokens.append(_Ref(month.month, month.year))
        elif m := _P_NOW.match(text, pos):
            tokens.append(_Now())
        elif m := _P_BARE.match(text, pos):
            tokens.append(_Ref(int(m[1])))
        elif m := _P_SEP.match(text, pos):
            tokens.append(_Sep())
        elif m := _P_FILLER.match(text, pos):
            pass
        else:
            raise _Unreadable
        pos = m.end()
    return tokens


def _period_sides(tokens: list[_Ref | _Sep | _Now]) -> tuple[_Ref, _Ref | _Now | None]:
    """Reduce tokens to (start, end); end None means a single month."""
    # "至今", "since" and "开始" all say the arrears run to this month, wherever they stand
    has_now = any(isinstance(t, _Now) for t in tokens)
    shape = [t for t in tokens if not isinstance(t, _Now)]
    match shape:
        case [_Ref() as start]:
            return start, _Now() if has_now else None
        case [_Ref() as start, _Sep()] if has_now:
            return start, _Now()
        case [_Ref() as start, _Sep(), _Ref() as end]:
            return start, end
    raise _Unreadable


def _resolve(start: _Ref, end: _Ref | _Now | None, today: date) -> tuple[int, int]:
    """Fill in missing years; return month indexes (start, end)."""
    now = _month_index(today.year, today.month)
    for ref in (start, end):
        if isinstance(ref, _Ref) and not 1 <= ref.month <= 12:
            raise _Unreadable
    if start.next_year:
        raise _Unreadable  # "次年" needs an earlier side to count from
    if end is None:
        if start.year is None:
            # the most recent such month that is not in the future
            year = today.year if start.month <= today.month else today.year - 1
            return _month_index(year, start.month), _month_index(year, start.month)
        return _month_index(start.year, start.month), _month_index(start.year, start.month)
    if isinstance(end, _Now):
        if start.year is None:
            year = today.year if start.month <= today.month else today.year - 1
            return _month_index(year, start.month), now
        return _month_index(start.year, start.month), now
    wraps = start.month > end.month  # "11月到2月" runs into the next year
    if start.year is not None:
        if end.next_year:
            end_year = start.year + 1
        elif end.year is not None:
            end_year = end.year
        else:
            end_year = start.year + 1 if wraps else start.year
        return _month_index(start.year, start.month), _month_index(end_year, end.month)
    if end.year is None:
        # the most recent such period that does not end in the future
        end_year = today.year if end.month <= today.month else today.year - 1
    else:
        end_year = end.year
    start_year = end_year - 1 if wraps or end.next_year else end_year
    return _month_index(start_year, start.month), _month_index(end_year, end.month)


def parse_period(text: str, today: date) -> tuple[date, date]:
    """Read the unpaid period as (first month, last month), each the 1st of its month.

    Accepted: "2025年10月到12月", "2025年10月-2025年12月", "去年10月到今年1月",
    "10月到12月", "十月到十二月", "2025.10-2025.12", "2025/10-12",
    "10/2025 - 12/2025", "Oct-Dec 2025", "October to December 2025",
    "from Oct 2025 to Jan 2026", "2025年10月至今", "since Oct 2025", "上个月",
    and a single month ("2025年10月", "Oct 2025", "10月").

    A side without a year is filled in: from the other side ("Oct-Dec 2025";
    "2025年11月到2月" runs into 2026); when neither side has one, the most recent
    such period that does not end after this month. "2025-10-12" reads as
    October to December 2025, not as a day. Refused: an end before the start,
    a month after ``today``'s month, and a period longer than, or starting more
    than, ten years back.
    """
    cleaned = _clean(text)
    if not cleaned or len(cleaned) > _MAX_INPUT_LEN:
        raise WageInputError("wage-error-period", text=_echo(text))
    try:
        start, end = _resolve(*_period_sides(_tokenize_period(cleaned, today)), today)
        if start < _month_index(1900, 1):
            raise _Unreadable
    except (_Unreadable, ValueError):
        raise WageInputError("wage-error-period", text=_echo(text)) from None
    now = _month_index(today.year, today.month)
    if end < start:
        raise WageInputError("wage-error-period-order", text=_echo(text))
    if end > now:
        raise WageInputError("wage-error-period-future", text=_echo(text))
    if start < now - 12 * MAX_PERIOD_YEARS:
        raise WageInputError("wage-error-period-too-long", years=MAX_PERIOD_YEARS)
    return _month_of(start), _month_of(end)


# --------------------------------------------------------------------------- headcount

_EN_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_JUST_ME = re.compile(
    r"^(?:just me|only me|me|myself|i|(?:就|只有|只)?(?:我自己|我|自己|本人)(?:一个人|一个|一人)?)$"
)
_HEADCOUNT_PREFIX = re.compile(
    r"^(?:我们|咱们|我们一共|一共|总共|共计|共有|共|有|大约|大概|约|差不多|就|只有|只"
    r"|about|around|approx(?:imately|\.)?|roughly|~|we are|we're|there are|a total of|total)\s*"
)
_HEADCOUNT_SUFFIX = re.compile(
    r"\s*(?:左右|上下|个人|个|名|位|人|工人|农民工|兄弟|工友|师傅|people|persons?|workers?|men"
    r"|of us|in total|total)$"
)


def _read_english_number(text: str) -> int:
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words:
        raise _Unreadable
    total = current = 0
    for word in words:
        if word in _EN_NUMBERS:
            current += _EN_NUMBERS[word]
        elif word == "a" and current == 0:
            current = 1  # "a hundred"
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            raise _Unreadable
    return total + current


def parse_headcount(text: str) -> int:
    """Read how many workers are owed: "5", "5人", "五个人", "我们5个", "about 20", "five".

    "就我一个" and "just me" are 1. Refused: "二十多个", "几个" (no figure) and
    anything outside 1..10,000.
    """
    cleaned = _clean(text)
    if not cleaned or len(cleaned) > _MAX_INPUT_LEN:
        raise WageInputError("wage-error-headcount", text=_echo(text))
    if _JUST_ME.match(cleaned):
        return 1
    core = _strip_affixes(cleaned, _HEADCOUNT_PREFIX, _HEADCOUNT_SUFFIX)
    if _JUST_ME.match(core):
        return 1
    try:
        if re.fullmatch(r"[a-z\s-]+", core):
            count = Decimal(_read_english_number(core))
        else:
            reading = _read_number(_join_digit_groups(core))
            count = reading.value
    except (_Unreadable, InvalidOperation):
        raise WageInputError("wage-error-headcount", text=_echo(text)) from None
    if count != count.to_integral_value():
        raise WageInputError("wage-error-headcount", text=_echo(text))
    if not 1 <= count <= MAX_WORKERS:
        raise WageInputError("wage-error-headcount-range", min=1, max=MAX_WORKERS)
    return int(count)


# --------------------------------------------------------------------------- the report


class WorkType(StrEnum):
    """Construction work has its own wage rules (工资专用账户, 总包代发)."""

    CONSTRUCTION = "construction"
    OTHER = "other"


class EvidenceKind(StrEnum):
    """What the worker has to show the arrears; any photo of it will do."""

    CONTRACT = "contract"
    ATTENDANCE = "attendance"
    PAYSLIPS = "payslips"
    TRANSFERS = "transfers"
    PHOTOS = "photos"
    CHAT_RECORDS = "chat_records"
    OTHER = "other"


EVIDENCE_KINDS: tuple[EvidenceKind, ...] = tuple(EvidenceKind)
EVIDENCE_LABEL_KEYS: dict[EvidenceKind, str] = {
    kind: "wage-evidence-" + kind.value.replace("_", "-") for kind in EvidenceKind
}


class WageReport(BaseModel):
    """One worker's report of unpaid wages, as the form collected it."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    worker_name: str = Field(min_length=1, max_length=50)
    phone: str
    id_number: str | None = None
    work_type: WorkType
    employer_name: str = Field(min_length=1, max_length=200)
    employer_address: str | None = Field(default=None, max_length=500)
    project_site: str | None = Field(default=None, max_length=500)
    work_done: str = Field(min_length=1, max_length=1000)
    period_start: date
    period_end: date
    amount_owed: Decimal = Field(gt=0, le=MAX_AMOUNT, decimal_places=2)
    workers_owed: int = Field(ge=1, le=MAX_WORKERS)
    evidence: list[EvidenceKind] = Field(default_factory=list)
    acknowledged_liability: bool

    @field_validator("worker_name")
    @classmethod
    def _name(cls, value: str) -> str:
        name = normalize_name(value)
        if name is None:
            raise ValueError("not a name")
        return name

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        phone = normalize_phone(value)
        if phone is None:
            raise ValueError("not a phone number")
        return phone

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        checked = validate_id_number(value)
        if checked is None:
            raise ValueError("not a resident ID number")
        return checked

    @field_validator("evidence")
    @classmethod
    def _distinct_evidence(cls, value: list[EvidenceKind]) -> list[EvidenceKind]:
        return list(dict.fromkeys(value))

    @field_validator("acknowledged_liability")
    @classmethod
    def _acknowledged(cls, value: bool) -> bool:
        # the national platform will not take a report without it
        if not value:
            raise ValueError("the worker must acknowledge liability for false reports")
        return value

    @model_validator(mode="after")
    def _period(self) -> WageReport:
        if self.period_start.day != 1 or self.period_end.day != 1:
            raise ValueError("period months are stored as the 1st of the month")
        if self.period_end < self.period_start:
            raise ValueError("period ends before it starts")
        return self


class WageReportFacts(BaseModel):
    """What staff need of one filed wage report to see a group at a glance."""

    model_config = ConfigDict(frozen=True)

    case_number: str
    employer_name: str
    amount_owed: Decimal = Field(gt=0)
    workers_owed: int = Field(ge=1)
    period_start: date
    period_end: date

    @classmethod
    def from_report(cls, case_number: str, report: WageReport) -> WageReportFacts:
        """The facts of a filed report under its case number."""
        return cls(
            case_number=case_number,
            employer_name=report.employer_name,
            amount_owed=report.amount_owed,
            workers_owed=report.workers_owed,
            period_start=report.period_start,
            period_end=report.period_end,
        )


# --------------------------------------------------------------------------- employers

# One slip in a 7-letter name still joins (92); one different character in a
# 4-character brand (中建三局 / 中建八局: 75) or a 6-character one (83) does not.
SAME_EMPLOYER_THRESHOLD = 85.0
# a shorter name found inside a longer one counts only if it is this long and this much of it
_MIN_CONTAINED_LEN = 4
_MIN_CONTAINED_SHARE = 0.6

_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南"
    "|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|中国"
)
# cities named often in this office's cases: Jilin's prefectures and the big cities
_CITIES = (
    "长春|四平|辽源|通化|白山|松原|白城|延边|延吉|梅河口|公主岭|珲春|敦化|德惠|榆树|农安"
    "|沈阳|大连|哈尔滨|大庆|石家庄|太原|呼和浩特|南京|苏州|无锡|杭州|宁波|合肥|福州|厦门|南昌"
    "|济南|青岛|郑州|武汉|长沙|广州|深圳|南宁|海口|成都|贵阳|昆明|拉萨|西安|兰州|西宁|银川|乌鲁木齐"
)
_REGION = re.compile(
    # "长春市政" is a brand (市政 = municipal works), not 长春市 + 政
    rf"(?P<province>{_PROVINCES})(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?(?!市?[政场])"
    rf"|(?P<city>{_CITIES})(?:朝鲜族自治州|市|地区|州)?(?!市?[政场])"
    r"|(?P<area>[\u4e00-\u9fff]{2,3}?)(?:省|自治区|自治州|地区|县)"
    r"|(?P<district>[\u4e00-\u9fff]{2})区(?!域)"
)
_CN_SUFFIX = re.compile(
    r"(?:股份有限公司|有限责任公司|有限公司|责任公司|股份公司|分公司|公司|集团|有限|股份|责任"
    r"|劳务派遣|劳务|派遣|建筑安装|建筑|建设|建工|工程队|施工队|工程|施工|装饰|装修|安装"
    r"|实业|发展|管理|服务|项目部|项目|经营部|门市部|商行|工作室|工厂|厂)$"
)
_EN_WORDS = re.compile(
    r"\b(?:co|company|companies|ltd|limited|llc|plc|inc|incorporated|corp|corporation|group"
    r"|holdings?|construction|constructions|engineering|building|builders?|labou?r|services?"
    r"|the|branch|project|dept|department|china|jilin|changchun|prc)\b"
)
_BRACKETED = re.compile(r"[(\[{【〔「『]([^)\]}】〕」』]*)[)\]}】〕」』]")
_PARENT = re.compile(r"公司|集团")
_NOT_WORD = re.compile(r"[\W_]+")
_BRANCH = re.compile(r"分公司|项目部|办事处|分部")


def _strip_suffixes(core: str) -> str:
    # never down to nothing: "公司" alone stays "公司"
    while (shorter := _CN_SUFFIX.sub("", core)) and shorter != core:
        core = shorter
    return core


def _strip_regions(core: str) -> str:
    while match := _REGION.match(core):
        if match.end() == len(core):
            # the region is all that is left ("吉林建筑公司"): it is the brand, without 省/市
            return next(name for name in match.groups() if name)
        core = core[match.end() :]
    return core


def normalize_employer(name: str) -> str:
    """The brand (字号) of an employer's name, for comparing how workers wrote it.

    Drops punctuation, spaces, brackets, region prefixes ("吉林省", "长春市",
    a bracketed "(吉林)"), legal forms and construction words ("有限公司",
    "集团", "建筑工程", "Co., Ltd.", "Construction"), and a branch or project
    after "公司" ("…有限公司长春分公司"). Other trades are kept, so "某某物业"
    stays apart from "某某建筑" (which becomes "某某").
    """

    def bracket(match: re.Match[str]) -> str:
        inner = _NOT_WORD.sub("", match[1])
        # a region or branch in brackets says nothing about who the employer is
        if not inner or _REGION.fullmatch(inner) or _BRANCH.search(inner):
            return ""
        return inner

    text = unicodedata.normalize("NFKC", name).lower()
    text = _BRACKETED.sub(bracket, text)
    text = _EN_WORDS.sub(" ", text.replace("&", " "))
    text = _NOT_WORD.sub("", text)
    if not text:
        return ""
    parent = _PARENT.search(text)
    if parent and parent.start() > 0:
        text = text[: parent.end()]  # what follows 公司/集团 is a branch or a project of it
    return _strip_suffixes(_strip_regions(_strip_suffixes(text)))


def _similarity_of_normalized(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    score = fuzz.ratio(a, b)
    shorter, longer = sorted((len(a), len(b)))
    # "某某" inside "某某物业" is a different trade; only long, similar-length names may nest
    if shorter >= _MIN_CONTAINED_LEN and shorter / longer >= _MIN_CONTAINED_SHARE:
        score = max(score, fuzz.partial_ratio(a, b))
    return float(score)


def employer_similarity(a: str, b: str) -> float:
    """How likely two written employer names mean the same employer, 0 to 100.

    Compares the brands from :func:`normalize_employer` whole, and one inside
    the other when both are long enough. Raw names are not scored, nor word
    sets: shared boilerplate ("…第一分公司", "construction company") makes
    different employers look alike, and a word subset ("Golden" in "Golden
    Bridge") scores 100. Names in different scripts ("Hongda" and
    "宏达") score low; staff link those by hand.
    """
    return _similarity_of_normalized(normalize_employer(a), normalize_employer(b))


def group_reports(
    reports: Sequence[tuple[str, str]],
    confirmed_links: Iterable[tuple[str, str]] = (),
    split_links: Iterable[tuple[str, str]] = (),
    threshold: float = SAME_EMPLOYER_THRESHOLD,
) -> list[list[str]]:
    """Group reports ``(case_number, employer_name)`` that name the same employer.

    Staff-confirmed links always join; staff splits keep two cases apart
    against any similarity (if staff both link and split a pair, the link
    wins: the service should delete the older of the two). Similar names join
    in order of similarity, and join transitively (A~B, B~C groups A, B, C).
    Links naming unknown cases are ignored. Every report is in exactly one
    group; groups and their members keep the order of ``reports``.
    Compares every pair: fine for the few hundred open wage cases of an office.
    """
    order: dict[str, int] = {}
    names: dict[str, str] = {}
    for case_number, employer in reports:
        if case_number not in order:
            order[case_number] = len(order)
            names[case_number] = normalize_employer(employer)
    parent = {case: case for case in order}
    members = {case: {case} for case in order}
    forbidden: dict[str, set[str]] = {case: set() for case in order}

    def find(case: str) -> str:
        while parent[case] != case:
            parent[case] = parent[parent[case]]
            case = parent[case]
        return case

    def union(a: str, b: str, *, force: bool) -> None:
        ra, rb = find(a), find(b)
        if ra == rb or (not force and forbidden[ra] & members[rb]):
            return
        parent[rb] = ra
        members[ra] |= members.pop(rb)
        forbidden[ra] |= forbidden.pop(rb)

    for a, b in split_links:
        if a in order and b in order and a != b:
            forbidden[find(a)].add(b)
            forbidden[find(b)].add(a)
    for a, b in confirmed_links:
        if a in order and b in order:
            union(a, b, force=True)
    cases = list(order)
    candidates: list[tuple[float, int, int]] = []
    for i, a in enumerate(cases):
        for j in range(i + 1, len(cases)):
            score = _similarity_of_normalized(names[a], names[cases[j]])
            if score >= threshold:
                candidates.append((score, i, j))
    # strongest first, so a split blocks the weaker of two competing joins
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        union(cases[i], cases[j], force=False)

    groups: dict[str, list[str]] = {}
    for case in cases:
        groups.setdefault(find(case), []).append(case)
    return list(groups.values())


# --------------------------------------------------------------------------- summaries


class WageGroupSummary(BaseModel):
    """One employer's reports added up for staff.

    ``total_workers`` adds every report's headcount; workers of one crew often
    each report the whole crew, so it may count people twice. ``max_workers``
    (the largest single report) is the lower bound.
    """

    model_config = ConfigDict(frozen=True)

    report_count: int
    case_numbers: list[str]
    employer_names: list[str]
    total_owed: Decimal
    total_workers: int
    max_workers: int
    earliest_month: date
    latest_month: date


def summarize_group(reports: Sequence[WageReportFacts]) -> WageGroupSummary:
    """Add up a group of reports against one employer (at least one report)."""
    if not reports:
        raise ValueError("a group has at least one report")
    return WageGroupSummary(
        report_count=len(reports),
        case_numbers=[r.case_number for r in reports],
        employer_names=list(dict.fromkeys(r.employer_name for r in reports)),
        total_owed=sum((r.amount_owed for r in reports), Decimal(0)),
        total_workers=sum(r.workers_owed for r in reports),
        max_workers=max(r.workers_owed for r in reports),
        earliest_month=min(r.period_start for r in reports),
        latest_month=max(r.period_end for r in reports),
    )


def group_of(
    target: str,
    reports: Sequence[tuple[str, str]],
    confirmed_links: Iterable[tuple[str, str]] = (),
    split_links: Iterable[tuple[str, str]] = (),
    threshold: float = SAME_EMPLOYER_THRESHOLD,
) -> list[str]:
    """The case numbers grouped with ``target`` (itself first), by the rules of :func:`group_reports`.

    Only the names reachable from ``target`` are compared pairwise, so one look-up stays cheap
    when an office holds thousands of wage reports.
    """
    names = dict(reports)
    if target not in names:
        return [target]
    confirmed = [(a, b) for a, b in confirmed_links if a in names and b in names]
    splits = [(a, b) for a, b in split_links if a in names and b in names]
    linked: dict[str, set[str]] = {}
    for a, b in confirmed:
        linked.setdefault(a, set()).add(b)
        linked.setdefault(b, set()).add(a)
    normalized = {case: normalize_employer(name) for case, name in names.items()}
    reached, frontier = {target}, [target]
    while frontier:
        case = frontier.pop()
        for other in names:
            if other in reached:
                continue
            similar = employer_similarity(normalized[case], normalized[other]) >= threshold
            if similar or other in linked.get(case, set()):
                reached.add(other)
                frontier.append(other)
    candidates = [(case, name) for case, name in reports if case in reached]
    for group in group_reports(candidates, confirmed, splits, threshold):
        if target in group:
            return [target, *(case for case in group if case != target)]
    return [target]


_TERMS_DIR = Path(__file__).resolve().parents[2] / "locales"


@lru_cache(maxsize=4)
def _wage_terms(locales_dir: Path = _TERMS_DIR) -> re.Pattern[str]:
    patterns: list[str] = []
    for path in sorted(Path(locales_dir).glob("*/wage_terms.yaml")):
        patterns += (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("terms", [])
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x", re.IGNORECASE)


def mentions_wages(text: str, locales_dir: Path = _TERMS_DIR) -> bool:
    """True when ``text`` says wages are owed, in any language (``locales/*/wage_terms.yaml``)."""
    return bool(_wage_terms(locales_dir).search(normalise(text)))
