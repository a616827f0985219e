"""Reply deadlines: the two promises of DOMAIN.md, and when they are broken.

Counting follows Chinese procedural practice: the day of receipt is not
counted, so "within 7 days" of something received on 1 March ends at the end of
8 March in the office's time zone. In ``working`` mode only mainland China
working days count (official holidays off, make-up weekend workdays on), as
published in the ``holidays`` package. Calendar mode does not move a deadline
that falls on a holiday: the stricter reading, so the promise is never late.

Every deadline is the last instant (``23:59:59.999999``) of its day in ``tz``.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import holidays
from pydantic import AwareDatetime, BaseModel, ConfigDict

from bot.domain.cases import KIND_SPECS, CaseKind

__all__ = [
    "CHINA_CALENDAR",
    "FAST_TRACK_DAYS",
    "PROCEDURAL_DAYS",
    "RESULT_MONTHS",
    "Deadline",
    "DeadlineKind",
    "ReplyDaysMode",
    "WorkCalendar",
    "add_months",
    "case_deadlines",
    "due_within",
    "end_of_day",
    "fast_track_deadline",
    "is_overdue",
    "local_date",
    "procedural_deadline",
    "progress_reminders_after",
    "result_deadline",
]

PROCEDURAL_DAYS = 7
RESULT_MONTHS = 3
FAST_TRACK_DAYS = 3


class ReplyDaysMode(StrEnum):
    """How an office counts the 7 days (setting ``REPLY_DAYS_MODE``)."""

    CALENDAR = "calendar"
    WORKING = "working"


class DeadlineKind(StrEnum):
    """Which promise a deadline belongs to."""

    PROCEDURAL = "procedural"
    RESULT = "result"
    FAST_TRACK = "fast_track"
    PROGRESS = "progress"


class Deadline(BaseModel):
    """A promise to a citizen and the instant it falls due."""

    model_config = ConfigDict(frozen=True)

    kind: DeadlineKind
    due_at: AwareDatetime


class WorkCalendar:
    """Mainland China working days, computed once per year and cached.

    Years the ``holidays`` package has no official notice for yet only know the
    statutory holidays, without make-up workdays.
    """

    def __init__(self) -> None:
        self._days_off: dict[int, frozenset[date]] = {}

    def _days_off_in(self, year: int) -> frozenset[date]:
        days_off = self._days_off.get(year)
        if days_off is None:
            official = holidays.China(years=year)
            first = date(year, 1, 1)
            days_in_year = 366 if _calendar.isleap(year) else 365
            days_off = frozenset(
                day
                for day in (first + timedelta(days=n) for n in range(days_in_year))
                if not official.is_working_day(day)
            )
            self._days_off[year] = days_off
        return days_off

    def is_working_day(self, day: date) -> bool:
        """True if ``day`` is an official working day (make-up weekend workdays included)."""
        return day not in self._days_off_in(day.year)

    def add_working_days(self, start: date, days: int) -> date:
        """Return the ``days``-th working day after ``start`` (``start`` itself not counted)."""
        if days < 1:
            raise ValueError(f"days must be positive, got {days}")
        day = start
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Count working days in ``(start, end]``."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


CHINA_CALENDAR = WorkCalendar()


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: deadlines need an aware time (pass the clock's now)")


def local_date(moment: datetime, tz: ZoneInfo) -> date:
    """The calendar date of ``moment`` in the office's time zone."""
    _require_aware(moment)
    return moment.astimezone(tz).date()


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    """The last instant of ``day`` in ``tz``."""
    return datetime.combine(day, time.max, tzinfo=tz)


def add_months(day: date, months: int) -> date:
    """Add calendar months, clamping the day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _days_deadline(
    received_at: datetime,
    mode: ReplyDaysMode,
    tz: ZoneInfo,
    days: int,
    work_calendar: WorkCalendar | None,
) -> datetime:
    received = local_date(received_at, tz)
    if ReplyDaysMode(mode) is ReplyDaysMode.WORKING:
        due = (work_calendar or CHINA_CALENDAR).add_working_days(received, days)
    else:
        due = received + timedelta(days=days)
    return end_of_day(due, tz)


def procedural_deadline(
    received_at: datetime,
    mode: ReplyDaysMode,
    tz: ZoneInfo,
    days: int = PROCEDURAL_DAYS,
    work_calendar: WorkCalendar | None = None,
) -> datetime:
    """When the procedural reply (accepted / needs more / transferred) is due."""
    return _days_deadline(received_at, mode, tz, days, work_calendar)


def fast_track_deadline(
    received_at: datetime,
    mode: ReplyDaysMode,
    tz: ZoneInfo,
    days: int = FAST_TRACK_DAYS,
    work_calendar: WorkCalendar | None = None,
) -> datetime:
    """When a fast-tracked decision (wage arrears: support a lawsuit or not) is due."""
    return _days_deadline(received_at, mode, tz, days, work_calendar)


def result_deadline(received_at: datetime, tz: ZoneInfo, months: int = RESULT_MONTHS) -> datetime:
    """When the result or progress reply is due: ``months`` calendar months after receipt."""
    return end_of_day(add_months(local_date(received_at, tz), months), tz)


def progress_reminders_after(result_due: datetime, until: datetime, tz: ZoneInfo) -> list[datetime]:
    """Monthly progress-reply deadlines after the result deadline, up to ``until``.

    Each is counted from the result deadline's day (not from the previous one), so
    a 31st stays the 31st where the month has one.
    """
    _require_aware(until)
    base = local_date(result_due, tz)
    due_dates: list[datetime] = []
    months = 1
    while (due := end_of_day(add_months(base, months), tz)) <= until:
        due_dates.append(due)
        months += 1
    return due_dates


def case_deadlines(
    kind: CaseKind,
    received_at: datetime,
    mode: ReplyDaysMode,
    tz: ZoneInfo,
    work_calendar: WorkCalendar | None = None,
) -> list[Deadline]:
    """The deadlines a new case of ``kind`` starts with, earliest first."""
    deadlines = [
        Deadline(
            kind=DeadlineKind.PROCEDURAL,
            due_at=procedural_deadline(received_at, mode, tz, work_calendar=work_calendar),
        ),
        Deadline(kind=DeadlineKind.RESULT, due_at=result_deadline(received_at, tz)),
    ]
    fast_days = KIND_SPECS[CaseKind(kind)].fast_track_days
    if fast_days is not None:
        due = fast_track_deadline(received_at, mode, tz, fast_days, work_calendar)
        deadlines.append(Deadline(kind=DeadlineKind.FAST_TRACK, due_at=due))
    return sorted(deadlines, key=lambda deadline: deadline.due_at)


def is_overdue(due_at: datetime, met_at: datetime | None, now: datetime) -> bool:
    """True if the promise was kept late, or is still open and past due at ``now``."""
    if met_at is not None:
        return met_at > due_at
    return now > due_at


def due_within(due_at: datetime, now: datetime, days: float) -> bool:
    """True if ``due_at`` is not yet past and falls within the next ``days`` days."""
    return now <= due_at <= now + timedelta(days=days)
