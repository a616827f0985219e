"""The office's figures, checked against 20 cases worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.cases import CaseKind, CaseStatus, Satisfaction
from bot.domain.deadlines import ReplyDaysMode, procedural_deadline, result_deadline
from bot.domain.errors import DomainError
from bot.domain.metrics import CaseFacts, compute_rates, parse_period, received_in

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 4, 20, 12, 0, tzinfo=SHANGHAI)
K, S = CaseKind, CaseStatus
ANON, UNREACHABLE = "anonymous", "unreachable"

# number, kind, who, received (10:00), hours to first reply, days to result, status, rating
# procedural due = end of received + 7 days; result due = end of received + 3 months
ROWS: list[tuple[int, CaseKind, str, date, float | None, int | None, CaseStatus, int | None]] = [
    (1, K.COMPLAINT, "", date(2026, 1, 5), 48, 30, S.CLOSED, 5),
    (2, K.COMPLAINT, "", date(2026, 1, 6), 192, 100, S.CLOSED, 1),  # both replies late
    (3, K.APPEAL, "", date(2026, 1, 10), 24, None, S.IN_PROGRESS, None),  # result overdue
    (4, K.REPORT, ANON, date(2026, 1, 12), 72, 20, S.CLOSED, 4),
    (5, K.REPORT, UNREACHABLE, date(2026, 1, 15), None, None, S.SUBMITTED, None),
    (6, K.WAGE_ARREARS, "", date(2026, 1, 20), 12, 2, S.CLOSED, 5),
    (7, K.WAGE_ARREARS, "", date(2026, 1, 25), 168, None, S.IN_PROGRESS, None),  # day 7: in time
    (8, K.COMPENSATION, "", date(2026, 2, 1), None, None, S.SUBMITTED, None),  # never replied
    (9, K.JUDICIAL_AID, "", date(2026, 2, 3), 144, 50, S.ANSWERED, None),
    (10, K.MINOR_PROTECTION, ANON, date(2026, 2, 10), 24, None, S.IN_PROGRESS, None),
    (11, K.SUGGESTION, "", date(2026, 2, 14), 96, 10, S.CLOSED, 3),
    (12, K.SUGGESTION, "", date(2026, 2, 20), 216, 30, S.CLOSED, 2),  # procedural late
    (13, K.INQUIRY, "", date(2026, 3, 1), 48, 2, S.CLOSED, 4),
    (14, K.INQUIRY, "", date(2026, 3, 2), 24, 1, S.CLOSED, None),
    (15, K.COMPLAINT, "", date(2026, 3, 5), 192, None, S.NEEDS_INFO, None),  # procedural late
    (16, K.APPEAL, "", date(2026, 4, 15), None, None, S.SUBMITTED, None),  # not yet due
    (17, K.REPORT, "", date(2026, 4, 16), 24, None, S.ACCEPTED, None),
    (18, K.COMPLAINT, "", date(2026, 3, 20), 48, 10, S.REOPENED, 1),
    (19, K.COMPENSATION, "", date(2026, 3, 25), 181, None, S.TRANSFERRED, None),  # 23:00 day 7
    (20, K.WAGE_ARREARS, UNREACHABLE, date(2026, 4, 1), 24, 3, S.CLOSED, 5),
]


def facts(
    row: tuple[int, CaseKind, str, date, float | None, int | None, CaseStatus, int | None],
) -> CaseFacts:
    number, kind, who, day, reply_hours, result_days, status, rating = row
    received = datetime.combine(day, time(10), tzinfo=SHANGHAI)
    result_at = received + timedelta(days=result_days) if result_days is not None else None
    return CaseFacts(
        number=f"CY-2026-{number:06d}",
        kind=kind,
        anonymous=who == ANON,
        contact_reachable=who != UNREACHABLE,
        received_at=received,
        first_reply_at=received + timedelta(hours=reply_hours) if reply_hours is not None else None,
        procedural_due=procedural_deadline(received, ReplyDaysMode.CALENDAR, SHANGHAI),
        result_due=result_deadline(received, SHANGHAI),
        result_at=result_at,
        closed_at=result_at if status is S.CLOSED else None,
        status=status,
        rating=Satisfaction(rating) if rating is not None else None,
    )


CASES = [facts(row) for row in ROWS]


def test_counts_by_kind_and_status() -> None:
    rates = compute_rates(CASES, NOW)
    assert rates.total == 20
    assert rates.by_kind == {
        K.COMPLAINT: 4,
        K.APPEAL: 2,
        K.REPORT: 3,
        K.WAGE_ARREARS: 3,
        K.COMPENSATION: 2,
        K.JUDICIAL_AID: 1,
        K.MINOR_PROTECTION: 1,
        K.SUGGESTION: 2,
        K.INQUIRY: 2,
    }
    assert rates.by_status == {
        S.CLOSED: 9,
        S.IN_PROGRESS: 3,
        S.SUBMITTED: 3,
        S.ANSWERED: 1,
        S.NEEDS_INFO: 1,
        S.ACCEPTED: 1,
        S.REOPENED: 1,
        S.TRANSFERRED: 1,
    }


def test_procedural_reply_rate_counts_only_cases_that_can_be_replied_to() -> None:
    rates = compute_rates(CASES, NOW)
    # out: 4 and 10 anonymous, 5 and 20 unreachable, 16 not yet due -> 15 judged
    # missed: 2 and 12 and 15 late, 8 never replied -> 11 kept
    assert (rates.procedural_met, rates.procedural_n) == (11, 15)
    assert rates.procedural_rate == pytest.approx(11 / 15)


def test_result_reply_rate_judges_cases_replied_or_past_three_months() -> None:
    rates = compute_rates(CASES, NOW)
    # judged: 1, 2, 3 (due 10 Apr, passed), 6, 9, 11, 12, 13, 14, 18
    # not yet: 7 (due 25 Apr), 8, 15, 16, 17, 19; out: 4, 5, 10, 20
    # missed: 2 (replied 16 Apr, due 6 Apr), 3 (no reply) -> 8 of 10
    assert (rates.result_met, rates.result_n) == (8, 10)
    assert rates.result_rate == pytest.approx(0.8)


def test_completion_satisfaction_and_time_to_reply() -> None:
    rates = compute_rates(CASES, NOW)
    assert (rates.completed, rates.completion_n) == (9, 20)
    assert rates.completion_rate == pytest.approx(0.45)
    # ratings 5 1 4 5 3 2 4 1 5: the top three levels six times, bad three times
    assert (rates.satisfied, rates.ratings_n, rates.bad_ratings) == (6, 9, 3)
    assert rates.satisfaction_rate == pytest.approx(6 / 9)
    # 17 first replies, 1537 hours in all
    assert rates.first_reply_n == 17
    assert rates.avg_hours_to_first_reply == pytest.approx(1537 / 17)


def test_a_reply_one_instant_after_the_deadline_is_late() -> None:
    case = CASES[0]
    late = case.model_copy(
        update={"first_reply_at": case.procedural_due + timedelta(microseconds=1)}
    )
    on_time = case.model_copy(update={"first_reply_at": case.procedural_due})
    assert compute_rates([late], NOW).procedural_rate == 0.0
    assert compute_rates([on_time], NOW).procedural_rate == 1.0


def test_no_cases_give_no_rates() -> None:
    rates = compute_rates([], NOW)
    assert rates.total == 0 and rates.by_kind == {} and rates.by_status == {}
    assert rates.procedural_rate is None and rates.procedural_n == 0
    assert rates.result_rate is None and rates.completion_rate is None
    assert rates.satisfaction_rate is None and rates.avg_hours_to_first_reply is None


def test_only_anonymous_cases_give_no_reply_rate() -> None:
    anonymous = [CASES[3], CASES[9]]
    rates = compute_rates(anonymous, NOW)
    assert rates.procedural_rate is None and rates.result_rate is None
    assert rates.satisfaction_rate == 1.0  # case 4 rated 4


def test_cases_of_a_period() -> None:
    start, end = parse_period("2026-02", NOW, SHANGHAI)
    assert [c.number[-2:] for c in received_in(CASES, start, end)] == ["08", "09", "10", "11", "12"]


# -------------------------------------------------------------------- periods


def midnight(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("arg", "start", "end"),
    [
        (None, midnight(2026, 4, 1), midnight(2026, 5, 1)),
        ("this-month", midnight(2026, 4, 1), midnight(2026, 5, 1)),
        ("last-month", midnight(2026, 3, 1), midnight(2026, 4, 1)),
        ("2025-12", midnight(2025, 12, 1), midnight(2026, 1, 1)),
        ("2026-2", midnight(2026, 2, 1), midnight(2026, 3, 1)),
        ("2026-01-01 2026-03-31", midnight(2026, 1, 1), midnight(2026, 4, 1)),
        ("2026-01-01..2026-01-01", midnight(2026, 1, 1), midnight(2026, 1, 2)),
        ("２０２６－０３－０５", midnight(2026, 3, 5), midnight(2026, 3, 6)),
        (" Last-Month ", midnight(2026, 3, 1), midnight(2026, 4, 1)),
    ],
)
def test_periods_are_half_open_in_the_office_zone(
    arg: str | None, start: datetime, end: datetime
) -> None:
    assert parse_period(arg, NOW, SHANGHAI) == (start, end)


def test_this_month_follows_the_office_zone_not_utc() -> None:
    # 31 Jan 17:00 UTC is already 1 February in Shanghai
    now = datetime(2026, 1, 31, 17, 0, tzinfo=UTC)
    assert parse_period("this-month", now, SHANGHAI) == (midnight(2026, 2, 1), midnight(2026, 3, 1))
    assert parse_period("last-month", now, SHANGHAI) == (midnight(2026, 1, 1), midnight(2026, 2, 1))


@pytest.mark.parametrize("arg", ["yesterday", "2026-13", "2026-02-30", "2026-01-01 soon", "26-01"])
def test_bad_periods_are_refused(arg: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_period(arg, NOW, SHANGHAI)
    assert (caught.value.key, caught.value.kwargs) == ("error-period", {"text": arg})


def test_a_backwards_range_is_refused() -> None:
    with pytest.raises(DomainError) as caught:
        parse_period("2026-03-31 2026-01-01", NOW, SHANGHAI)
    assert caught.value.key == "error-period-order"
    assert caught.value.kwargs == {"start": "2026-03-31", "end": "2026-01-01"}
