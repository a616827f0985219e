"""The two promises: 7 days for a procedural reply, 3 months for a result."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.cases import CaseKind
from bot.domain.deadlines import (
    CHINA_CALENDAR,
    Deadline,
    DeadlineKind,
    ReplyDaysMode,
    WorkCalendar,
    add_months,
    case_deadlines,
    due_within,
    end_of_day,
    fast_track_deadline,
    is_overdue,
    procedural_deadline,
    progress_reminders_after,
    result_deadline,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALENDAR = ReplyDaysMode.CALENDAR
WORKING = ReplyDaysMode.WORKING


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A moment on ``day`` in Shanghai."""
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def end_of(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=SHANGHAI)


# ------------------------------------------------------------ official calendar


def test_spring_festival_2026_days_off_and_make_up_saturdays() -> None:
    # holidays 0.109, from the State Council notice: 15-23 Feb off, Sat 14 and Sat 28 worked
    days = {
        date(2026, 2, d): CHINA_CALENDAR.is_working_day(date(2026, 2, d)) for d in range(13, 29)
    }
    assert [d.day for d, working in days.items() if not working] == list(range(15, 24))
    assert days[date(2026, 2, 14)] and date(2026, 2, 14).weekday() == 5
    assert days[date(2026, 2, 28)] and date(2026, 2, 28).weekday() == 5


def test_national_day_days_off_and_make_up_workdays() -> None:
    cal = WorkCalendar()
    # 2025: 1-8 Oct off, Sun 28 Sep and Sat 11 Oct worked
    assert not any(cal.is_working_day(date(2025, 10, d)) for d in range(1, 9))
    assert cal.is_working_day(date(2025, 9, 28)) and cal.is_working_day(date(2025, 10, 11))
    assert not cal.is_working_day(date(2025, 10, 12))
    # 2026: 1-7 Oct off, Sun 20 Sep and Sat 10 Oct worked
    assert not any(cal.is_working_day(date(2026, 10, d)) for d in range(1, 8))
    assert cal.is_working_day(date(2026, 9, 20)) and cal.is_working_day(date(2026, 10, 10))
    assert not cal.is_working_day(date(2026, 9, 19))
    assert cal.working_days_between(date(2026, 9, 30), date(2026, 10, 11)) == 3


# ---------------------------------------------------------- procedural: calendar


def test_seven_calendar_days_start_the_day_after_receipt() -> None:
    received = at(date(2026, 3, 1), 10)
    assert procedural_deadline(received, CALENDAR, SHANGHAI) == end_of(date(2026, 3, 8))


def test_calendar_mode_does_not_stop_for_holidays() -> None:
    received = at(date(2026, 9, 30))
    assert procedural_deadline(received, CALENDAR, SHANGHAI) == end_of(date(2026, 10, 7))


def test_a_case_received_at_half_past_eleven_at_night_counts_from_that_day() -> None:
    late_evening = datetime(2026, 3, 1, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    assert procedural_deadline(late_evening, CALENDAR, SHANGHAI) == end_of(date(2026, 3, 8))
    after_midnight = datetime(2026, 3, 1, 16, 30, tzinfo=UTC)  # 00:30 on 2 March in Shanghai
    assert procedural_deadline(after_midnight, CALENDAR, SHANGHAI) == end_of(date(2026, 3, 9))
    # an office set to UTC sees both on 1 March
    assert procedural_deadline(after_midnight, CALENDAR, ZoneInfo("UTC")) == datetime(
        2026, 3, 8, 23, 59, 59, 999999, tzinfo=UTC
    )


def test_the_deadline_is_the_last_instant_of_the_day_in_the_office_zone() -> None:
    due = procedural_deadline(at(date(2026, 3, 1)), CALENDAR, SHANGHAI)
    assert due.utcoffset() == timedelta(hours=8)
    assert due.astimezone(UTC) == datetime(2026, 3, 8, 15, 59, 59, 999999, tzinfo=UTC)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        procedural_deadline(datetime(2026, 3, 1, 10), CALENDAR, SHANGHAI)


# ----------------------------------------------------------- procedural: working


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Thu before the holiday: 13, Sat 14 (make-up), 24, 25, 26, 27, Sat 28 (make-up)
        (date(2026, 2, 12), date(2026, 2, 28)),
        # Fri: Sat 14, 24-28, then Mon 2 Mar
        (date(2026, 2, 13), date(2026, 3, 2)),
        # received on the make-up Saturday itself: that day is not counted
        (date(2026, 2, 14), date(2026, 3, 3)),
        # received during the holiday
        (date(2026, 2, 18), date(2026, 3, 3)),
    ],
)
def test_seven_working_days_across_spring_festival_2026(received: date, due: date) -> None:
    assert procedural_deadline(at(received), WORKING, SHANGHAI) == end_of(due)


def test_seven_working_days_across_national_day() -> None:
    # 2025, Fri 26 Sep: Sun 28 (make-up), 29, 30, 9 Oct, 10, Sat 11 (make-up), Mon 13
    assert procedural_deadline(at(date(2025, 9, 26)), WORKING, SHANGHAI) == end_of(
        date(2025, 10, 13)
    )
    # 2026, Wed 30 Sep: 8 Oct, 9, Sat 10 (make-up), 12, 13, 14, Thu 15
    assert procedural_deadline(at(date(2026, 9, 30)), WORKING, SHANGHAI) == end_of(
        date(2026, 10, 15)
    )


def test_working_days_count_in_the_office_zone() -> None:
    # Friday 13 Feb 2026 23:30 in Shanghai is still Friday there; 16:30 UTC is Saturday 14th
    friday_night = datetime(2026, 2, 13, 15, 30, tzinfo=UTC)
    saturday_early = datetime(2026, 2, 13, 16, 30, tzinfo=UTC)
    assert procedural_deadline(friday_night, WORKING, SHANGHAI) == end_of(date(2026, 3, 2))
    assert procedural_deadline(saturday_early, WORKING, SHANGHAI) == end_of(date(2026, 3, 3))


@given(
    received=st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2026, 11, 30), timezones=st.just(UTC)
    ),
    days=st.integers(1, 10),
)
def test_working_deadlines_fall_on_working_days_and_never_before_calendar_ones(
    received: datetime, days: int
) -> None:
    working = procedural_deadline(received, WORKING, SHANGHAI, days)
    calendar = procedural_deadline(received, CALENDAR, SHANGHAI, days)
    assert working >= calendar
    assert CHINA_CALENDAR.is_working_day(working.date())
    start = received.astimezone(SHANGHAI).date()
    assert CHINA_CALENDAR.working_days_between(start, working.date()) == days


def test_a_calendar_counts_only_positive_days() -> None:
    with pytest.raises(ValueError):
        CHINA_CALENDAR.add_working_days(date(2026, 1, 5), 0)


# ------------------------------------------------------------------ fast track


def test_wage_arrears_decision_within_three_days() -> None:
    received = at(date(2026, 2, 12))
    assert fast_track_deadline(received, CALENDAR, SHANGHAI) == end_of(date(2026, 2, 15))
    # working: Fri 13, Sat 14 (make-up), Tue 24
    assert fast_track_deadline(received, WORKING, SHANGHAI) == end_of(date(2026, 2, 24))


# ---------------------------------------------------------------------- result


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 3, 1), date(2026, 6, 1)),
        (date(2025, 11, 30), date(2026, 2, 28)),
        (date(2023, 11, 30), date(2024, 2, 29)),
        (date(2026, 1, 31), date(2026, 4, 30)),
        (date(2025, 12, 15), date(2026, 3, 15)),
    ],
)
def test_result_within_three_calendar_months(received: date, due: date) -> None:
    assert result_deadline(at(received), SHANGHAI) == end_of(due)


def test_result_deadline_counts_from_the_office_date() -> None:
    # 16:30 UTC on 31 March is 1 April in Shanghai
    assert result_deadline(datetime(2026, 3, 31, 16, 30, tzinfo=UTC), SHANGHAI) == end_of(
        date(2026, 7, 1)
    )


def test_add_months_clamps_and_goes_backwards() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 15), -1) == date(2025, 12, 15)
    assert add_months(date(2025, 11, 30), 14) == date(2027, 1, 30)


def test_after_three_months_a_progress_reply_is_due_every_month() -> None:
    result_due = end_of(date(2026, 5, 31))
    reminders = progress_reminders_after(result_due, end_of(date(2026, 9, 30)), SHANGHAI)
    assert reminders == [
        end_of(date(2026, 6, 30)),
        end_of(date(2026, 7, 31)),
        end_of(date(2026, 8, 31)),
        end_of(date(2026, 9, 30)),
    ]
    assert progress_reminders_after(result_due, result_due, SHANGHAI) == []


# ------------------------------------------------------------- a case's deadlines


def test_a_new_case_gets_its_deadlines_earliest_first() -> None:
    received = at(date(2026, 2, 12))
    assert case_deadlines(CaseKind.COMPLAINT, received, WORKING, SHANGHAI) == [
        Deadline(kind=DeadlineKind.PROCEDURAL, due_at=end_of(date(2026, 2, 28))),
        Deadline(kind=DeadlineKind.RESULT, due_at=end_of(date(2026, 5, 12))),
    ]
    wages = case_deadlines(CaseKind.WAGE_ARREARS, received, WORKING, SHANGHAI)
    assert [(d.kind, d.due_at) for d in wages] == [
        (DeadlineKind.FAST_TRACK, end_of(date(2026, 2, 24))),
        (DeadlineKind.PROCEDURAL, end_of(date(2026, 2, 28))),
        (DeadlineKind.RESULT, end_of(date(2026, 5, 12))),
    ]


# ------------------------------------------------------------------- overdue


def test_overdue_means_late_reply_or_no_reply_past_due() -> None:
    due = end_of_day(date(2026, 3, 8), SHANGHAI)
    before, after = due - timedelta(hours=1), due + timedelta(microseconds=1)
    assert not is_overdue(due, met_at=None, now=before)
    assert not is_overdue(due, met_at=None, now=due)
    assert is_overdue(due, met_at=None, now=after)
    assert not is_overdue(due, met_at=before, now=after + timedelta(days=30))
    assert is_overdue(due, met_at=after, now=after)


def test_due_within_looks_ahead_only() -> None:
    due = end_of_day(date(2026, 3, 8), SHANGHAI)
    assert due_within(due, now=due - timedelta(days=1), days=1)
    assert not due_within(due, now=due - timedelta(days=2), days=1)
    assert not due_within(due, now=due + timedelta(seconds=1), days=1)
