"""Booking rules for public hearing seats and reception-day slots.

Pure domain code: no I/O, no clock. Every function that needs the time takes
``now`` as an aware datetime. Errors a citizen or staff member can cause are
raised as :class:`BookingError` carrying an i18n message key.
"""

from __future__ import annotations

import calendar
import random
import re
import secrets
import unicodedata
from collections.abc import Container, Sequence
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import NamedTuple, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.domain.errors import DomainError

# --- errors -----------------------------------------------------------------


class BookingError(DomainError, ValueError):
    """A booking refusal the user caused: ``key`` is an i18n message key, ``kwargs`` its placeholders."""


# --- hearings ---------------------------------------------------------------

MIN_NOTICE_DAYS = 3
MAX_SEATS = 500
MAX_TITLE_LENGTH = 200
DEFAULT_CUTOFF_HOURS = 24


class HearingType(StrEnum):
    """Case types heard at a procuratorate hearing (检察听证)."""

    non_prosecution = "non_prosecution"
    criminal_appeal = "criminal_appeal"
    civil_admin_supervision = "civil_admin_supervision"
    public_interest = "public_interest"
    other = "other"


class HearingDraft(BaseModel):
    """A hearing as staff enter it, before it has an id."""

    model_config = ConfigDict(frozen=True)

    title: str
    case_type: HearingType
    public: bool = True
    involves_minor: bool = False
    venue: str
    address: str = ""
    on_site: bool = False
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    seats: int = 0
    notes: str = ""


class Hearing(HearingDraft):
    """A stored hearing."""

    id: int
    cancelled: bool = False


def is_listed(hearing: Hearing, now: datetime) -> bool:
    """Whether citizens see the hearing in the list of hearings open to observers."""
    return (
        hearing.public
        and not hearing.involves_minor
        and not hearing.cancelled
        and now < hearing.starts_at
    )


def validate_new_hearing(
    draft: HearingDraft, now: datetime, min_notice_days: int = MIN_NOTICE_DAYS
) -> HearingDraft:
    """Check a hearing staff want to publish and return it normalised.

    Hearings involving minors are always closed, so ``public`` is forced to
    False for them; a closed hearing may not offer public seats.
    """
    title = draft.title.strip()
    if not title:
        raise BookingError("booking-error-title-empty")
    if len(title) > MAX_TITLE_LENGTH:
        raise BookingError("booking-error-title-long", max=MAX_TITLE_LENGTH, count=len(title))
    venue = draft.venue.strip()
    if not venue:
        raise BookingError("booking-error-venue-empty")
    check_hearing_start(draft.starts_at, now, min_notice_days)
    if draft.ends_at <= draft.starts_at:
        raise BookingError("booking-error-end-before-start")
    if not 0 <= draft.seats <= MAX_SEATS:
        raise BookingError("booking-error-seats-range", min=0, max=MAX_SEATS)
    public = draft.public and not draft.involves_minor
    if not public and draft.seats > 0:
        raise BookingError("booking-error-closed-seats")
    return draft.model_copy(
        update={
            "title": title,
            "venue": venue,
            "address": draft.address.strip(),
            "notes": draft.notes.strip(),
            "public": public,
        }
    )


def check_hearing_start(
    starts_at: datetime, now: datetime, min_notice_days: int = MIN_NOTICE_DAYS
) -> None:
    """Raise BookingError unless the hearing starts at least ``min_notice_days`` from now."""
    # Participants must be told at least 3 days ahead (DOMAIN.md).
    if starts_at < now + timedelta(days=min_notice_days):
        raise BookingError("booking-error-notice", days=min_notice_days)


_LOCAL_DATETIME = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]+(\d{1,2}):(\d{2})$", re.ASCII
)
_LOCAL_TIME = re.compile(r"^(\d{1,2}):(\d{2})$", re.ASCII)


def parse_local_datetime(text: str, zone: ZoneInfo, on_day: date | None = None) -> datetime | None:
    """Read a wall-clock time as staff type it (``2026-12-01 09:30``) in ``zone``, or None.

    With ``on_day`` given, a bare ``11:30`` means that time on that day.
    """
    # NFKC: full-width digits and "：" typed with a Chinese IME.
    cleaned = " ".join(unicodedata.normalize("NFKC", text).split())
    match = _LOCAL_DATETIME.match(cleaned)
    if match:
        year, month, day, hour, minute = (int(g) for g in match.groups())
    else:
        short = _LOCAL_TIME.match(cleaned)
        if short is None or on_day is None:
            return None
        year, month, day = on_day.year, on_day.month, on_day.day
        hour, minute = int(short.group(1)), int(short.group(2))
    try:
        return datetime(year, month, day, hour, minute, tzinfo=zone)
    except ValueError:
        return None


# --- capacity ---------------------------------------------------------------


class BookingStatus(StrEnum):
    """Life of a seat booking."""

    confirmed = "confirmed"
    waitlisted = "waitlisted"
    offered = "offered"  # a freed seat held for a waitlisted person until the offer expires
    cancelled = "cancelled"
    attended = "attended"
    no_show = "no_show"
    expired = "expired"  # an offer that was not taken in time


def decide_new_booking(seats: int, confirmed_count: int, offered_count: int) -> BookingStatus:
    """Confirm a new booking if a seat is free, else put it on the waitlist.

    Seats held by outstanding offers count as taken, so a newcomer never jumps
    ahead of someone already offered a seat from the waitlist.
    """
    if min(seats, confirmed_count, offered_count) < 0:
        raise ValueError("seats and counts must not be negative")
    if confirmed_count + offered_count < seats:
        return BookingStatus.confirmed
    return BookingStatus.waitlisted


def booking_cutoff(starts_at: datetime, hours: int = DEFAULT_CUTOFF_HOURS) -> datetime:
    """The moment new bookings close: ``hours`` before the hearing starts."""
    return starts_at - timedelta(hours=hours)


def check_can_book(
    hearing: Hearing, now: datetime, cutoff_hours: int = DEFAULT_CUTOFF_HOURS
) -> None:
    """Raise BookingError unless a citizen may book a seat at ``hearing`` now."""
    # Closed first: do not reveal anything else about a closed hearing.
    if not hearing.public or hearing.involves_minor:
        raise BookingError("booking-error-closed")
    if hearing.cancelled:
        raise BookingError("booking-error-cancelled")
    if now >= booking_cutoff(hearing.starts_at, cutoff_hours):
        raise BookingError("booking-error-cutoff", hours=cutoff_hours)
    if hearing.seats == 0:
        raise BookingError("booking-error-no-seats")


# --- waitlist ---------------------------------------------------------------

DEFAULT_OFFER_HOURS = 12
MIN_OFFER_WINDOW = timedelta(minutes=30)
LAST_OFFER_BEFORE_START = timedelta(hours=2)


class WaitEntry(BaseModel):
    """A waitlisted booking, as far as the order of the queue is concerned."""

    model_config = ConfigDict(frozen=True)

    id: int
    created_at: AwareDatetime


def offer_expiry(
    now: datetime,
    starts_at: datetime,
    default_hours: int = DEFAULT_OFFER_HOURS,
    cutoff_hours: int = DEFAULT_CUTOFF_HOURS,
) -> datetime | None:
    """When a seat offered to the next person on the waitlist lapses, or None if too late.

    Rule: min(now + default_hours, booking cut-off), raised to now + 30 min if
    shorter, never past start - 2 h; None when that leaves under 30 min.
    """
    expiry = min(now + timedelta(hours=default_hours), booking_cutoff(starts_at, cutoff_hours))
    # A fair window beats the cut-off: an offer made near or after it still gets 30 minutes.
    expiry = max(expiry, now + MIN_OFFER_WINDOW)
    # The observer needs time to travel; the last 2 hours are not for offers.
    expiry = min(expiry, starts_at - LAST_OFFER_BEFORE_START)
    if expiry - now < MIN_OFFER_WINDOW:
        return None
    return expiry


def next_in_line(waitlist: Sequence[WaitEntry]) -> WaitEntry | None:
    """The waitlisted entry to offer a freed seat to: earliest first, id breaks ties."""
    if not waitlist:
        return None
    return min(waitlist, key=lambda entry: (entry.created_at, entry.id))


# --- booking codes ----------------------------------------------------------

# No 0/O, 1/I/L: a code is read aloud at the door and typed on a phone.
BOOKING_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BOOKING_CODE_LENGTH = 6


def new_booking_code(rng: random.Random | None = None) -> str:
    """A fresh booking code like ``H7K-3QP``; pass a seeded ``rng`` in tests."""
    chooser = rng if rng is not None else secrets.SystemRandom()
    chars = "".join(chooser.choice(BOOKING_CODE_ALPHABET) for _ in range(BOOKING_CODE_LENGTH))
    return f"{chars[:3]}-{chars[3:]}"


def normalize_booking_code(text: str) -> str:
    """Turn what a citizen typed (any case, spaces, full-width) into ``XXX-XXX``."""
    # NFKC folds full-width letters and digits typed with a Chinese IME.
    folded = unicodedata.normalize("NFKC", text).upper()
    chars = "".join(ch for ch in folded if ch.isalnum())
    if len(chars) != BOOKING_CODE_LENGTH or any(ch not in BOOKING_CODE_ALPHABET for ch in chars):
        raise BookingError("booking-error-code-invalid")
    return f"{chars[:3]}-{chars[3:]}"


# --- reception day ----------------------------------------------------------

RECEPTION_MAX_GROUP = 5
TOPIC_MIN_LENGTH = 10
TOPIC_MAX_LENGTH = 500
# Spring Festival is the longest break (about 9 days); 8 weeks means the calendar is wrong.
MAX_HOLIDAY_SHIFT_WEEKS = 8

WEEKDAY_NAMES = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
_FULL_WEEKDAY_NAMES = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
_CHINESE_WEEKDAYS = "一二三四五六日"
# Admins may write the weekday in English or as 周三 / 星期三.
_WEEKDAYS: dict[str, int] = {
    **{name: i for i, name in enumerate(WEEKDAY_NAMES)},
    **{name: i for i, name in enumerate(_FULL_WEEKDAY_NAMES)},
    **{f"周{ch}": i for i, ch in enumerate(_CHINESE_WEEKDAYS)},
    **{f"星期{ch}": i for i, ch in enumerate(_CHINESE_WEEKDAYS)},
    "周天": 6,
    "星期天": 6,
}
_TIME_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$", re.ASCII)


class ReceptionSession(BaseModel):
    """One block of the reception day, e.g. 09:00-11:30."""

    model_config = ConfigDict(frozen=True)

    start: time
    end: time

    @model_validator(mode="after")
    def _start_before_end(self) -> Self:
        if self.end <= self.start:
            raise ValueError(f"session {self.start:%H:%M}-{self.end:%H:%M} ends before it starts")
        return self


class Slot(BaseModel):
    """A bookable reception slot."""

    model_config = ConfigDict(frozen=True)

    start: AwareDatetime
    end: AwareDatetime


class ReceptionRule(BaseModel):
    """When the procurator-general's reception day (检察长接待日) happens.

    ``weekday`` is 0 (Monday) to 6 (Sunday); ``nth_weeks`` [1, 4] means the
    1st and 4th such weekday of each month (a 5th is skipped in months without one).
    """

    model_config = ConfigDict(frozen=True)

    weekday: int = Field(ge=0, le=6)
    nth_weeks: list[int] = Field(min_length=1)
    sessions: list[ReceptionSession] = Field(min_length=1)
    slot_minutes: int = Field(ge=5, le=240)
    tz: str = "Asia/Shanghai"

    @field_validator("nth_weeks")
    @classmethod
    def _check_nth_weeks(cls, value: list[int]) -> list[int]:
        if any(not 1 <= n <= 5 for n in value):
            raise ValueError("week numbers must be between 1 and 5")
        return sorted(set(value))

    @field_validator("tz")
    @classmethod
    def _check_tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _check_sessions(self) -> Self:
        ordered = sorted(self.sessions, key=lambda s: s.start)
        for before, after in pairwise(ordered):
            if after.start < before.end:
                raise ValueError("reception sessions overlap")
        for session in ordered:
            if _minutes(session.end) - _minutes(session.start) < self.slot_minutes:
                raise ValueError(
                    f"session {session.start:%H:%M}-{session.end:%H:%M} "
                    f"is shorter than one {self.slot_minutes}-minute slot"
                )
        return self

    @property
    def zone(self) -> ZoneInfo:
        """The rule's time zone."""
        return ZoneInfo(self.tz)

    @classmethod
    def parse(cls, text: str, tz: str = "Asia/Shanghai") -> ReceptionRule:
        """Parse a setting like ``"WED 1,4 09:00-11:30,14:00-16:30 20"``.

        Fields: weekday (MON..SUN), week numbers, sessions, slot length in
        minutes. Raises ValueError with a message naming the bad part.
        """
        # NFKC turns full-width "，" and "：" typed with a Chinese IME into ASCII.
        parts = unicodedata.normalize("NFKC", text).split()
        if len(parts) != 4:
            raise ValueError(
                f"reception rule {text!r}: expected 4 parts "
                "'WEEKDAY WEEKS SESSIONS SLOT_MINUTES', e.g. 'WED 1,4 09:00-11:30,14:00-16:30 20'"
            )
        day_text, weeks_text, sessions_text, slot_text = parts
        weekday = _WEEKDAYS.get(day_text.upper())
        if weekday is None:
            raise ValueError(f"reception rule: unknown weekday {day_text!r} (use MON..SUN)")
        try:
            nth_weeks = [int(n) for n in weeks_text.split(",") if n]
        except ValueError:
            raise ValueError(
                f"reception rule: week numbers {weeks_text!r} must look like '1,4'"
            ) from None
        if not nth_weeks or any(not 1 <= n <= 5 for n in nth_weeks):
            raise ValueError(f"reception rule: week numbers {weeks_text!r} must be 1 to 5")
        sessions = [_parse_session(part) for part in sessions_text.split(",") if part]
        if not sessions:
            raise ValueError("reception rule: at least one session like 09:00-11:30 is needed")
        if not slot_text.isdigit():
            raise ValueError(f"reception rule: slot length {slot_text!r} must be whole minutes")
        try:
            return cls(
                weekday=weekday,
                nth_weeks=nth_weeks,
                sessions=sessions,
                slot_minutes=int(slot_text),
                tz=tz,
            )
        except ValidationError as exc:
            # Shorten pydantic's multi-line report to the one reason that matters.
            raise ValueError(f"reception rule {text!r}: {_first_reason(exc)}") from None


def _parse_session(text: str) -> ReceptionSession:
    match = _TIME_RANGE.match(text)
    if match is None:
        raise ValueError(f"reception rule: session {text!r} must look like 09:00-11:30")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        start, end = time(h1, m1), time(h2, m2)
    except ValueError:
        raise ValueError(f"reception rule: session {text!r} has an impossible time") from None
    try:
        return ReceptionSession(start=start, end=end)
    except ValidationError as exc:
        raise ValueError(f"reception rule: session {text!r}: {_first_reason(exc)}") from None


def _first_reason(exc: ValidationError) -> str:
    error = exc.errors()[0]
    reason = str(error["msg"]).removeprefix("Value error, ")
    field = ".".join(str(part) for part in error["loc"])
    return f"{field}: {reason}" if field else reason


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    first = date(year, month, 1)
    day = 1 + (weekday - first.weekday()) % 7 + 7 * (n - 1)
    if day > calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _skip_holidays(day: date, holiday_calendar: Container[date]) -> date:
    for _ in range(MAX_HOLIDAY_SHIFT_WEEKS):
        if day not in holiday_calendar:
            return day
        day += timedelta(weeks=1)
    raise ValueError(f"no working {day:%A} within {MAX_HOLIDAY_SHIFT_WEEKS} weeks")


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def reception_dates(
    rule: ReceptionRule,
    from_date: date,
    count: int,
    holiday_calendar: Container[date] | None = None,
) -> list[date]:
    """The next ``count`` reception days on or after ``from_date``, in order.

    A day that is a statutory day off (``date in holiday_calendar``: public
    holidays and substituted days off, not make-up workdays) moves to the same
    weekday of the next week, again and again until it is not. Two days that
    land on the same date become one. The default calendar is ``holidays.China()``.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if count == 0:
        return []
    days_off = holiday_calendar if holiday_calendar is not None else holidays.China()
    found: set[date] = set()
    # Start early enough that a day moved forward from an earlier month is not missed.
    year, month = _add_months(from_date.year, from_date.month, -3)
    for _ in range(12 * (count + 4)):
        for n in rule.nth_weeks:
            nominal = _nth_weekday(year, month, rule.weekday, n)
            if nominal is None:
                continue
            actual = _skip_holidays(nominal, days_off)
            if actual >= from_date:
                found.add(actual)
        year, month = _add_months(year, month, 1)
        # Days before next month's first day are final: later nominal days only move forward.
        settled = sorted(day for day in found if day < date(year, month, 1))
        if len(settled) >= count:
            return settled[:count]
    return sorted(found)[:count]


def slots_for(rule: ReceptionRule, day: date) -> list[Slot]:
    """The reception slots of ``day``: each session cut into ``slot_minutes`` pieces.

    A remainder shorter than one slot at the end of a session is not offered.
    """
    zone = rule.zone
    length = timedelta(minutes=rule.slot_minutes)
    slots: list[Slot] = []
    for session in sorted(rule.sessions, key=lambda s: s.start):
        start = datetime.combine(day, session.start, tzinfo=zone)
        session_end = datetime.combine(day, session.end, tzinfo=zone)
        while start + length <= session_end:
            slots.append(Slot(start=start, end=start + length))
            start += length
    return slots


def check_group_size(n: int) -> None:
    """Raise BookingError unless 1 to RECEPTION_MAX_GROUP people come together."""
    if not 1 <= n <= RECEPTION_MAX_GROUP:
        raise BookingError("booking-error-group-size", max=RECEPTION_MAX_GROUP)


def check_topic(text: str) -> str:
    """Return the reception topic stripped, or raise BookingError if too short or long."""
    topic = text.strip()
    if len(topic) < TOPIC_MIN_LENGTH:
        raise BookingError("booking-error-topic-short", min=TOPIC_MIN_LENGTH, count=len(topic))
    if len(topic) > TOPIC_MAX_LENGTH:
        raise BookingError("booking-error-topic-long", max=TOPIC_MAX_LENGTH, count=len(topic))
    return topic


# --- reminders --------------------------------------------------------------

# A booking this close to the start gets no reminders: the confirmation is the reminder.
NO_REMINDERS_WITHIN = timedelta(hours=2)


class Reminder(NamedTuple):
    """A reminder to schedule: ``kind`` like "24h", due at ``due_at``."""

    kind: str
    due_at: datetime


def reminder_times(
    starts_at: datetime, offsets_hours: Sequence[int] = (24, 2), *, now: datetime
) -> list[Reminder]:
    """Reminders to schedule for a booking made at ``now``, earliest first.

    A reminder whose due time has already passed is skipped; a booking made
    within 2 hours of the start gets none.
    """
    if starts_at - now <= NO_REMINDERS_WITHIN:
        return []
    reminders = [
        Reminder(kind=f"{hours}h", due_at=starts_at - timedelta(hours=hours))
        for hours in sorted(set(offsets_hours), reverse=True)
    ]
    return [reminder for reminder in reminders if reminder.due_at > now]


def should_send(reminder_due: datetime, event_start: datetime, now: datetime) -> bool:
    """Whether a reminder is due now and still useful (its event has not started)."""
    return reminder_due <= now < event_start


# --- my bookings, offers and attendance --------------------------------------

# A booking in one of these holds a seat, a slot or a place in the queue.
ACTIVE_STATUSES = frozenset(
    {BookingStatus.confirmed, BookingStatus.waitlisted, BookingStatus.offered}
)


# Attendance can be recorded (and corrected) for these.
MARKABLE_STATUSES = frozenset(
    {BookingStatus.confirmed, BookingStatus.attended, BookingStatus.no_show}
)


def check_can_cancel(status: BookingStatus, starts_at: datetime, now: datetime) -> None:
    """Raise BookingError unless the citizen may still cancel this booking."""
    if status not in ACTIVE_STATUSES:
        raise BookingError("booking-error-not-active")
    if now >= starts_at:
        raise BookingError("booking-error-started")


def check_offer_open(status: BookingStatus, expires_at: datetime | None, now: datetime) -> None:
    """Raise BookingError unless an offered seat can still be accepted."""
    if status != BookingStatus.offered:
        raise BookingError("booking-error-offer-gone")
    if expires_at is not None and now >= expires_at:
        raise BookingError("booking-error-offer-expired")


def check_can_book_slot(
    slot_start: datetime, now: datetime, cutoff_hours: int = DEFAULT_CUTOFF_HOURS
) -> None:
    """Raise BookingError unless a reception slot is still open for booking."""
    if now >= booking_cutoff(slot_start, cutoff_hours):
        raise BookingError("booking-error-cutoff", hours=cutoff_hours)


def check_can_mark_attendance(status: BookingStatus, starts_at: datetime, now: datetime) -> None:
    """Raise BookingError unless staff may record attended / no-show (only once it started)."""
    if now < starts_at:
        raise BookingError("booking-error-not-started")
    if status not in MARKABLE_STATUSES:
        raise BookingError("booking-error-not-confirmed")


def seats_left(seats: int, confirmed_count: int, offered_count: int) -> int:
    """Free seats as citizens see them: seats held by outstanding offers are taken."""
    return max(seats - confirmed_count - offered_count, 0)


def moved_for_holiday(rule: ReceptionRule, day: date) -> bool:
    """Whether a reception day is not one of the rule's own weekdays (it was moved by a holiday)."""
    return day.weekday() != rule.weekday or (day.day - 1) // 7 + 1 not in rule.nth_weeks


def check_hearing_title(text: str) -> str:
    """A hearing title as staff type it, stripped; BookingError when empty or too long."""
    title = text.strip()
    if not title:
        raise BookingError("booking-error-title-empty")
    if len(title) > MAX_TITLE_LENGTH:
        raise BookingError("booking-error-title-long", max=MAX_TITLE_LENGTH, count=len(title))
    return title


def check_hearing_end(starts_at: datetime, ends_at: datetime) -> None:
    """Raise BookingError unless the hearing ends after it starts."""
    if ends_at <= starts_at:
        raise BookingError("booking-error-end-before-start")


def parse_seat_count(text: str) -> int:
    """Observer seats as staff type them; BookingError outside 0..MAX_SEATS."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned.isascii() or not cleaned.isdigit() or int(cleaned) > MAX_SEATS:
        raise BookingError("booking-error-seats-range", min=0, max=MAX_SEATS)
    return int(cleaned)


def parse_group_size(text: str) -> int:
    """How many come to the reception, as typed; BookingError unless 1..RECEPTION_MAX_GROUP."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned.isascii() or not cleaned.isdigit():
        raise BookingError("booking-error-group-size", max=RECEPTION_MAX_GROUP)
    size = int(cleaned)
    check_group_size(size)
    return size
