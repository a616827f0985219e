"""Booking rules: hearings, seats, waitlist offers, codes, reception day, reminders."""

from __future__ import annotations

import pickle
import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.booking import (
    BOOKING_CODE_ALPHABET,
    RECEPTION_MAX_GROUP,
    BookingError,
    BookingStatus,
    Hearing,
    HearingDraft,
    HearingType,
    ReceptionRule,
    Reminder,
    WaitEntry,
    booking_cutoff,
    check_can_book,
    check_group_size,
    check_topic,
    decide_new_booking,
    is_listed,
    new_booking_code,
    next_in_line,
    normalize_booking_code,
    offer_expiry,
    reception_dates,
    reminder_times,
    should_send,
    slots_for,
    validate_new_hearing,
)
from bot.domain.errors import DomainError

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 9, 1, 10, 0, tzinfo=SH)
CHINA = holidays.China(years=(2026, 2027))


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


def draft(**changes: object) -> HearingDraft:
    values: dict[str, object] = {
        "title": "拟不起诉案件公开听证",
        "case_type": HearingType.non_prosecution,
        "venue": "听证室",
        "address": "示例区人民路1号",
        "starts_at": at(9, 10, 9, 30),
        "ends_at": at(9, 10, 11, 30),
        "seats": 20,
    }
    values.update(changes)
    return HearingDraft.model_validate(values)


def hearing(**changes: object) -> Hearing:
    base = draft().model_dump()
    base.update({"id": 7, **changes})
    return Hearing.model_validate(base)


def refusal(excinfo: pytest.ExceptionInfo[BookingError]) -> tuple[str, dict[str, object]]:
    return excinfo.value.key, excinfo.value.kwargs


# --- the error type ---------------------------------------------------------


def test_booking_error_carries_key_and_placeholders() -> None:
    error = BookingError("booking-error-topic-short", min=10, count=3)

    assert isinstance(error, ValueError)
    assert isinstance(error, DomainError)
    assert error.key == "booking-error-topic-short"
    assert error.kwargs == {"min": 10, "count": 3}
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.key, copy.kwargs) == (error.key, error.kwargs)


# --- staff publish a hearing ------------------------------------------------


def test_a_well_formed_public_hearing_is_accepted_and_tidied() -> None:
    accepted = validate_new_hearing(draft(title="  公开听证  ", notes=" 请携带身份证 "), NOW)

    assert accepted.title == "公开听证"
    assert accepted.notes == "请携带身份证"
    assert accepted.public is True


def test_participants_must_be_told_three_days_ahead() -> None:
    just_too_soon = NOW + timedelta(days=3) - timedelta(minutes=1)
    with pytest.raises(BookingError) as excinfo:
        validate_new_hearing(
            draft(starts_at=just_too_soon, ends_at=just_too_soon + timedelta(hours=2)), NOW
        )
    assert refusal(excinfo) == ("booking-error-notice", {"days": 3})

    exactly_three_days = NOW + timedelta(days=3)
    validate_new_hearing(
        draft(starts_at=exactly_three_days, ends_at=exactly_three_days + timedelta(hours=1)), NOW
    )


def test_notice_period_is_a_setting() -> None:
    with pytest.raises(BookingError) as excinfo:
        validate_new_hearing(draft(), NOW, min_notice_days=14)
    assert refusal(excinfo) == ("booking-error-notice", {"days": 14})


@pytest.mark.parametrize(
    ("changes", "key", "args"),
    [
        ({"ends_at": at(9, 10, 9, 30)}, "booking-error-end-before-start", {}),
        ({"ends_at": at(9, 10, 8, 0)}, "booking-error-end-before-start", {}),
        ({"seats": -1}, "booking-error-seats-range", {"min": 0, "max": 500}),
        ({"seats": 501}, "booking-error-seats-range", {"min": 0, "max": 500}),
        ({"public": False, "seats": 5}, "booking-error-closed-seats", {}),
        ({"title": "   "}, "booking-error-title-empty", {}),
        ({"title": "听" * 201}, "booking-error-title-long", {"max": 200, "count": 201}),
        ({"venue": ""}, "booking-error-venue-empty", {}),
    ],
)
def test_staff_mistakes_are_refused_with_a_key(
    changes: dict[str, object], key: str, args: dict[str, object]
) -> None:
    with pytest.raises(BookingError) as excinfo:
        validate_new_hearing(draft(**changes), NOW)
    assert refusal(excinfo) == (key, args)


def test_a_hearing_involving_a_minor_is_always_closed() -> None:
    closed = validate_new_hearing(draft(involves_minor=True, public=True, seats=0), NOW)
    assert closed.public is False

    with pytest.raises(BookingError) as excinfo:
        validate_new_hearing(draft(involves_minor=True, public=True, seats=10), NOW)
    assert excinfo.value.key == "booking-error-closed-seats"


def test_naive_times_are_a_programming_error_not_a_user_error() -> None:
    with pytest.raises(ValueError) as excinfo:
        draft(starts_at=datetime(2026, 9, 10, 9, 30))
    assert not isinstance(excinfo.value, BookingError)


# --- which hearings citizens see --------------------------------------------


def test_only_open_future_hearings_are_listed() -> None:
    assert is_listed(hearing(), NOW)
    assert not is_listed(hearing(public=False, seats=0), NOW)
    assert not is_listed(hearing(involves_minor=True), NOW)
    assert not is_listed(hearing(cancelled=True), NOW)
    assert not is_listed(hearing(), at(9, 10, 9, 30))
    assert is_listed(hearing(), at(9, 10, 9, 29))


# --- seats ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seats", "confirmed", "offered", "expected"),
    [
        (20, 0, 0, BookingStatus.confirmed),
        (20, 19, 0, BookingStatus.confirmed),
        (20, 20, 0, BookingStatus.waitlisted),
        # A seat held for someone from the waitlist is not free for a newcomer.
        (20, 19, 1, BookingStatus.waitlisted),
        (20, 18, 1, BookingStatus.confirmed),
        (0, 0, 0, BookingStatus.waitlisted),
    ],
)
def test_a_new_booking_gets_a_seat_only_if_one_is_free(
    seats: int, confirmed: int, offered: int, expected: BookingStatus
) -> None:
    assert decide_new_booking(seats, confirmed, offered) is expected


@given(seats=st.integers(0, 500), confirmed=st.integers(0, 600), offered=st.integers(0, 600))
def test_confirming_never_overfills_the_room(seats: int, confirmed: int, offered: int) -> None:
    if decide_new_booking(seats, confirmed, offered) is BookingStatus.confirmed:
        assert confirmed + offered + 1 <= seats


def test_negative_counts_are_a_bug() -> None:
    with pytest.raises(ValueError):
        decide_new_booking(10, -1, 0)


def test_bookings_close_a_day_before_the_hearing() -> None:
    start = at(9, 10, 9, 30)
    assert booking_cutoff(start) == at(9, 9, 9, 30)
    assert booking_cutoff(start, hours=48) == at(9, 8, 9, 30)

    check_can_book(hearing(), at(9, 9, 9, 29))
    with pytest.raises(BookingError) as excinfo:
        check_can_book(hearing(), at(9, 9, 9, 30))
    assert refusal(excinfo) == ("booking-error-cutoff", {"hours": 24})

    with pytest.raises(BookingError) as excinfo:
        check_can_book(hearing(), at(9, 8, 10, 0), cutoff_hours=48)
    assert refusal(excinfo) == ("booking-error-cutoff", {"hours": 48})


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"public": False, "seats": 0}, "booking-error-closed"),
        ({"involves_minor": True}, "booking-error-closed"),
        # A closed hearing says "closed" even when cancelled: reveal nothing else.
        ({"involves_minor": True, "cancelled": True}, "booking-error-closed"),
        ({"cancelled": True}, "booking-error-cancelled"),
        ({"seats": 0}, "booking-error-no-seats"),
    ],
)
def test_seats_cannot_be_booked_at_unbookable_hearings(
    changes: dict[str, object], key: str
) -> None:
    with pytest.raises(BookingError) as excinfo:
        check_can_book(hearing(**changes), NOW)
    assert refusal(excinfo) == (key, {})


# --- waitlist ---------------------------------------------------------------


START = at(9, 10, 9, 30)


@pytest.mark.parametrize(
    ("before_start", "expected_window"),
    [
        # Far ahead: the default 12 hours.
        (timedelta(days=5), timedelta(hours=12)),
        # Cut-off (start - 24 h) is 6 h away: the offer ends at the cut-off.
        (timedelta(hours=30), timedelta(hours=6)),
        # 1 h to the cut-off: still ends at the cut-off.
        (timedelta(hours=25), timedelta(hours=1)),
        # 10 min to the cut-off: 30 minutes anyway.
        (timedelta(hours=24, minutes=10), timedelta(minutes=30)),
        # After the cut-off a freed seat still goes to the waitlist, for 30 minutes.
        (timedelta(hours=10), timedelta(minutes=30)),
        # The last possible offer ends exactly 2 h before the start.
        (timedelta(hours=2, minutes=30), timedelta(minutes=30)),
    ],
)
def test_offer_expiry_shrinks_near_the_start(
    before_start: timedelta, expected_window: timedelta
) -> None:
    now = START - before_start
    expiry = offer_expiry(now, START)
    assert expiry == now + expected_window
    assert expiry <= START - timedelta(hours=2)


@pytest.mark.parametrize(
    "before_start", [timedelta(hours=2, minutes=29), timedelta(hours=1), timedelta(0)]
)
def test_no_offer_when_under_30_minutes_would_remain_before_start_minus_2h(
    before_start: timedelta,
) -> None:
    assert offer_expiry(START - before_start, START) is None


def test_offer_window_and_cutoff_are_settings() -> None:
    now = START - timedelta(days=5)
    assert offer_expiry(now, START, default_hours=6) == now + timedelta(hours=6)
    near = START - timedelta(hours=8)
    assert offer_expiry(near, START, cutoff_hours=4) == START - timedelta(hours=4)


@given(
    before_start=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30)),
    default_hours=st.integers(1, 48),
    cutoff_hours=st.integers(0, 72),
)
def test_an_offer_always_gets_30_minutes_and_ends_2h_before_start(
    before_start: timedelta, default_hours: int, cutoff_hours: int
) -> None:
    now = START - before_start
    expiry = offer_expiry(now, START, default_hours, cutoff_hours)
    if expiry is None:
        assert now + timedelta(minutes=30) > START - timedelta(hours=2)
    else:
        assert expiry - now >= timedelta(minutes=30)
        assert expiry - now <= timedelta(hours=default_hours) or expiry - now == timedelta(
            minutes=30
        )
        assert expiry <= START - timedelta(hours=2)


def test_the_longest_waiting_person_is_next() -> None:
    first = WaitEntry(id=9, created_at=at(9, 1, 8, 0))
    tie_lower_id = WaitEntry(id=3, created_at=at(9, 1, 9, 0))
    tie_higher_id = WaitEntry(id=4, created_at=at(9, 1, 9, 0))

    assert next_in_line([tie_higher_id, first, tie_lower_id]) == first
    assert next_in_line([tie_higher_id, tie_lower_id]) == tie_lower_id
    assert next_in_line([]) is None


# --- booking codes ----------------------------------------------------------


def test_codes_avoid_characters_that_look_alike() -> None:
    assert not set("0O1IL") & set(BOOKING_CODE_ALPHABET)


def test_a_code_is_three_and_three_from_the_alphabet() -> None:
    rng = random.Random(2026)
    codes = [new_booking_code(rng) for _ in range(500)]
    for code in codes:
        head, sep, tail = code.partition("-")
        assert sep == "-" and len(head) == 3 and len(tail) == 3
        assert set(head + tail) <= set(BOOKING_CODE_ALPHABET)
    assert len(set(codes)) == len(codes)
    assert new_booking_code(random.Random(1)) == new_booking_code(random.Random(1))


def test_a_code_from_the_default_generator_is_valid() -> None:
    code = new_booking_code()
    assert normalize_booking_code(code) == code


@pytest.mark.parametrize(
    "typed", ["H7K-3QP", "h7k3qp", " h7k 3qp ", "Ｈ７Ｋ－３ＱＰ", "H7K_3QP", "h7k—3qp"]
)
def test_a_code_is_recognised_however_it_is_typed(typed: str) -> None:
    assert normalize_booking_code(typed) == "H7K-3QP"


@pytest.mark.parametrize("typed", ["", "H7K-3Q", "H7K-3QPX", "H0K-3QP", "HIK-3QP", "听证会代码"])
def test_a_wrong_code_is_refused(typed: str) -> None:
    with pytest.raises(BookingError) as excinfo:
        normalize_booking_code(typed)
    assert refusal(excinfo) == ("booking-error-code-invalid", {})


# --- reception day: the rule ------------------------------------------------


RULE = ReceptionRule.parse("WED 1,4 09:00-11:30,14:00-16:30 20", "Asia/Shanghai")


def test_the_settings_string_is_parsed() -> None:
    assert RULE.weekday == 2
    assert RULE.nth_weeks == [1, 4]
    assert [(s.start, s.end) for s in RULE.sessions] == [
        (time(9, 0), time(11, 30)),
        (time(14, 0), time(16, 30)),
    ]
    assert RULE.slot_minutes == 20
    assert RULE.tz == "Asia/Shanghai"


def test_chinese_weekdays_and_full_width_punctuation_are_understood() -> None:
    assert ReceptionRule.parse("周三 1，4 09：00-11：30，14：00-16：30 20", "Asia/Shanghai") == RULE
    assert ReceptionRule.parse("wednesday 4,1 09:00-11:30,14:00-16:30 20") == RULE


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("WED 1,4 09:00-11:30", "expected 4 parts"),
        ("WEN 1,4 09:00-11:30 20", "unknown weekday 'WEN'"),
        ("WED first 09:00-11:30 20", "week numbers 'first'"),
        ("WED 1,6 09:00-11:30 20", "must be 1 to 5"),
        ("WED 1 9am-11am 20", "must look like 09:00-11:30"),
        ("WED 1 09:00-24:30 20", "impossible time"),
        ("WED 1 11:30-09:00 20", "ends before it starts"),
        ("WED 1 09:00-11:30,11:00-12:00 20", "overlap"),
        ("WED 1 09:00-09:10 20", "shorter than one 20-minute slot"),
        ("WED 1 09:00-11:30 twenty", "whole minutes"),
        ("WED 1 09:00-11:30 1", "slot_minutes"),
    ],
)
def test_a_bad_settings_string_says_what_is_wrong(text: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        ReceptionRule.parse(text, "Asia/Shanghai")


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        ReceptionRule.parse("WED 1 09:00-11:30 20", "Asia/Beijing")


# --- reception day: dates across 2026 holidays -------------------------------


def test_the_2026_holiday_data_is_what_these_tests_assume() -> None:
    # Oct 1-7 off (Oct 4 is a Sunday); Sep 20 and Oct 10 are make-up workdays.
    assert {date(2026, 10, d) for d in (1, 2, 3, 5, 6, 7)} <= set(CHINA)
    assert date(2026, 9, 25) in CHINA  # Mid-Autumn, a Friday
    assert date(2026, 9, 20) not in CHINA
    assert CHINA.is_working_day(date(2026, 9, 20))


def test_the_first_wednesday_in_national_day_week_moves_a_week() -> None:
    # Oct 7 2026 is the 1st Wednesday and a substituted day off.
    dates = reception_dates(RULE, date(2026, 9, 1), 4, CHINA)
    assert dates == [date(2026, 9, 2), date(2026, 9, 23), date(2026, 10, 14), date(2026, 10, 28)]


def test_a_day_moved_from_before_from_date_is_still_found() -> None:
    assert reception_dates(RULE, date(2026, 10, 8), 2, CHINA) == [
        date(2026, 10, 14),
        date(2026, 10, 28),
    ]


def test_a_moved_day_that_is_again_a_holiday_keeps_moving() -> None:
    # 4th Friday of Sep 2026 is Mid-Autumn (Sep 25); a week later is National Day (Oct 2).
    rule = ReceptionRule.parse("FRI 4 09:00-11:30 30")
    assert reception_dates(rule, date(2026, 9, 1), 2, CHINA) == [
        date(2026, 10, 9),
        date(2026, 10, 23),
    ]


def test_a_make_up_workday_is_not_a_holiday() -> None:
    # Sunday Sep 20 2026 is a working day made up for National Day: the reception stays.
    rule = ReceptionRule.parse("SUN 3 09:00-11:30 30")
    assert reception_dates(rule, date(2026, 9, 1), 1, CHINA) == [date(2026, 9, 20)]


def test_spring_festival_2026() -> None:
    # 3rd Wednesday of Feb 2026 is Feb 18, the 2nd day of Spring Festival.
    rule = ReceptionRule.parse("WED 3 09:00-11:30 30")
    assert reception_dates(rule, date(2026, 2, 1), 2, CHINA) == [
        date(2026, 2, 25),
        date(2026, 3, 18),
    ]


def test_two_days_moved_onto_the_same_date_become_one() -> None:
    rule = ReceptionRule.parse("WED 1,2 09:00-11:30 30")
    days_off = {date(2026, 9, 2), date(2026, 9, 9)}
    assert reception_dates(rule, date(2026, 9, 1), 3, days_off) == [
        date(2026, 9, 16),
        date(2026, 10, 7),
        date(2026, 10, 14),
    ]


def test_a_fifth_weekday_is_skipped_in_months_without_one() -> None:
    rule = ReceptionRule.parse("WED 5 09:00-11:30 30")
    assert reception_dates(rule, date(2026, 1, 1), 3, set()) == [
        date(2026, 4, 29),
        date(2026, 7, 29),
        date(2026, 9, 30),
    ]


def test_from_date_itself_counts_and_the_default_calendar_is_china() -> None:
    assert reception_dates(RULE, date(2026, 9, 2), 1) == [date(2026, 9, 2)]
    assert reception_dates(RULE, date(2026, 10, 1), 1) == [date(2026, 10, 14)]
    assert reception_dates(RULE, date(2026, 10, 1), 0) == []


def test_dates_are_in_order_and_never_on_a_day_off() -> None:
    dates = reception_dates(RULE, date(2026, 1, 1), 48, CHINA)
    assert len(dates) == 48
    assert dates == sorted(set(dates))
    assert all(d.weekday() == 2 and d not in CHINA for d in dates)


# --- reception day: slots, groups, topics -----------------------------------


def test_a_reception_day_is_cut_into_20_minute_slots() -> None:
    slots = slots_for(RULE, date(2026, 10, 14))

    assert len(slots) == 14  # 7 in the morning, 7 in the afternoon
    assert slots[0].start == datetime(2026, 10, 14, 9, 0, tzinfo=SH)
    assert slots[0].end == datetime(2026, 10, 14, 9, 20, tzinfo=SH)
    assert slots[6].end == datetime(2026, 10, 14, 11, 20, tzinfo=SH)
    assert slots[7].start == datetime(2026, 10, 14, 14, 0, tzinfo=SH)
    assert slots[-1].end == datetime(2026, 10, 14, 16, 20, tzinfo=SH)
    assert slots[0].start.utcoffset() == timedelta(hours=8)


def test_slots_fill_a_session_exactly_when_they_fit() -> None:
    rule = ReceptionRule.parse("WED 1 09:00-11:30 30")
    slots = slots_for(rule, date(2026, 10, 14))
    assert [s.start.strftime("%H:%M") for s in slots] == [
        "09:00",
        "09:30",
        "10:00",
        "10:30",
        "11:00",
    ]
    assert slots[-1].end == datetime(2026, 10, 14, 11, 30, tzinfo=SH)


@pytest.mark.parametrize("size", [1, RECEPTION_MAX_GROUP])
def test_a_group_of_up_to_five_may_come(size: int) -> None:
    check_group_size(size)


@pytest.mark.parametrize("size", [0, RECEPTION_MAX_GROUP + 1, 30])
def test_a_larger_group_must_send_representatives(size: int) -> None:
    with pytest.raises(BookingError) as excinfo:
        check_group_size(size)
    assert refusal(excinfo) == ("booking-error-group-size", {"max": 5})


def test_the_topic_must_be_10_to_500_characters() -> None:
    assert check_topic("  工资被拖欠三个月了怎么办  ") == "工资被拖欠三个月了怎么办"
    assert check_topic("一" * 10) == "一" * 10
    assert check_topic("一" * 500) == "一" * 500

    with pytest.raises(BookingError) as excinfo:
        check_topic("  拖欠工资  ")
    assert refusal(excinfo) == ("booking-error-topic-short", {"min": 10, "count": 4})

    with pytest.raises(BookingError) as excinfo:
        check_topic("一" * 501)
    assert refusal(excinfo) == ("booking-error-topic-long", {"max": 500, "count": 501})


# --- reminders --------------------------------------------------------------


def test_booking_well_ahead_gets_both_reminders() -> None:
    assert reminder_times(START, now=START - timedelta(days=5)) == [
        Reminder("24h", START - timedelta(hours=24)),
        Reminder("2h", START - timedelta(hours=2)),
    ]


def test_a_reminder_already_due_at_booking_time_is_skipped() -> None:
    reminders = reminder_times(START, now=START - timedelta(hours=23))
    assert reminders == [Reminder("2h", START - timedelta(hours=2))]
    kind, due_at = reminders[0]
    assert (kind, due_at) == ("2h", START - timedelta(hours=2))


@pytest.mark.parametrize("before_start", [timedelta(hours=2), timedelta(minutes=30)])
def test_booking_within_two_hours_gets_no_reminders(before_start: timedelta) -> None:
    assert reminder_times(START, (24, 2, 1), now=START - before_start) == []


def test_reminder_offsets_are_a_setting() -> None:
    reminders = reminder_times(START, (2, 48, 2), now=START - timedelta(days=5))
    assert [r.kind for r in reminders] == ["48h", "2h"]


def test_a_reminder_is_sent_when_due_and_not_once_the_event_has_started() -> None:
    due = START - timedelta(hours=2)
    assert not should_send(due, START, due - timedelta(seconds=1))
    assert should_send(due, START, due)
    # Sent late after a restart, but still before the start: still useful.
    assert should_send(due, START, START - timedelta(minutes=5))
    assert not should_send(due, START, START)
    assert not should_send(due, START, START + timedelta(hours=1))
