"""Figures for the office: reply rates for the two promises, completion, satisfaction.

Who counts (DOMAIN.md "The two promises", "Satisfaction"):

- **Reply rates** (procedural 7 days, result 3 months) count only cases that
  can be replied to: not anonymous and with reachable contact details. Of
  those, a case is *judged* once it has the reply or its deadline has passed
  at ``now``; a case still inside its deadline without a reply is left out
  (it can still be kept). Rate = replied by the deadline / judged.
- **Completion rate** = cases whose status is ``closed`` / all cases given
  (a reopened case is not complete).
- **Satisfaction rate** = ratings in the top three levels / all ratings,
  anonymous cases included (they can still rate in the chat).
- **Average hours to first reply** over every case that has a first reply.

A rate is a float in 0..1, or None when its denominator is 0; each comes with
its denominator (``*_n``) so a report can say "98% of 50". The caller chooses
the cases of a period with :func:`received_in`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict

from bot.domain.cases import CaseKind, CaseStatus, Satisfaction, is_satisfied
from bot.domain.deadlines import add_months
from bot.domain.errors import DomainError

__all__ = [
    "CaseFacts",
    "Rates",
    "compute_rates",
    "parse_period",
    "received_in",
]


class CaseFacts(BaseModel):
    """What the figures need to know about one case."""

    model_config = ConfigDict(frozen=True)

    number: str
    kind: CaseKind
    anonymous: bool
    contact_reachable: bool
    received_at: AwareDatetime
    first_reply_at: AwareDatetime | None = None
    procedural_due: AwareDatetime
    result_due: AwareDatetime
    result_at: AwareDatetime | None = None
    closed_at: AwareDatetime | None = None
    status: CaseStatus
    rating: Satisfaction | None = None

    @property
    def replyable(self) -> bool:
        """True if the office can reply at all, so the case counts for reply rates."""
        return not self.anonymous and self.contact_reachable


class Rates(BaseModel):
    """The office's figures for a set of cases."""

    model_config = ConfigDict(frozen=True)

    total: int
    by_kind: dict[CaseKind, int]
    by_status: dict[CaseStatus, int]
    procedural_rate: float | None
    procedural_met: int
    procedural_n: int
    result_rate: float | None
    result_met: int
    result_n: int
    completion_rate: float | None
    completed: int
    completion_n: int
    satisfaction_rate: float | None
    satisfied: int
    ratings_n: int
    bad_ratings: int
    avg_hours_to_first_reply: float | None
    first_reply_n: int


def _rate(met: int, n: int) -> float | None:
    return met / n if n else None


def _promise(
    cases: Iterable[CaseFacts],
    now: datetime,
    replied: str,
    due: str,
) -> tuple[int, int]:
    """(kept, judged) for one promise, per the rules in the module docstring."""
    met = judged = 0
    for case in cases:
        if not case.replyable:
            continue
        replied_at: datetime | None = getattr(case, replied)
        due_at: datetime = getattr(case, due)
        if replied_at is None and now <= due_at:
            continue
        judged += 1
        met += replied_at is not None and replied_at <= due_at
    return met, judged


def compute_rates(cases: Sequence[CaseFacts], now: datetime) -> Rates:
    """Compute every figure for ``cases`` as they stand at ``now``."""
    procedural_met, procedural_n = _promise(cases, now, "first_reply_at", "procedural_due")
    result_met, result_n = _promise(cases, now, "result_at", "result_due")
    completed = sum(case.status is CaseStatus.CLOSED for case in cases)
    ratings = [case.rating for case in cases if case.rating is not None]
    satisfied = sum(is_satisfied(rating) for rating in ratings)
    reply_hours = [
        (case.first_reply_at - case.received_at) / timedelta(hours=1)
        for case in cases
        if case.first_reply_at is not None
    ]
    return Rates(
        total=len(cases),
        by_kind=dict(Counter(case.kind for case in cases)),
        by_status=dict(Counter(case.status for case in cases)),
        procedural_rate=_rate(procedural_met, procedural_n),
        procedural_met=procedural_met,
        procedural_n=procedural_n,
        result_rate=_rate(result_met, result_n),
        result_met=result_met,
        result_n=result_n,
        completion_rate=_rate(completed, len(cases)),
        completed=completed,
        completion_n=len(cases),
        satisfaction_rate=_rate(satisfied, len(ratings)),
        satisfied=satisfied,
        ratings_n=len(ratings),
        bad_ratings=len(ratings) - satisfied,
        avg_hours_to_first_reply=sum(reply_hours) / len(reply_hours) if reply_hours else None,
        first_reply_n=len(reply_hours),
    )


def received_in(cases: Iterable[CaseFacts], start: datetime, end: datetime) -> list[CaseFacts]:
    """The cases received in ``[start, end)``."""
    return [case for case in cases if start <= case.received_at < end]


# -------------------------------------------------------------------------- periods

_MONTH_RE = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)
_DAY = r"\d{4}-\d{1,2}-\d{1,2}"
_RANGE_RE = re.compile(rf"({_DAY})(?:\s*(?:\.\.|~|to|\s)\s*({_DAY}))?", re.ASCII)


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def _day(text: str, arg: str) -> date:
    try:
        return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        raise DomainError("error-period", text=arg) from None


def parse_period(arg: str | None, now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Turn a /stats argument into ``[start, end)`` in ``tz``.

    Accepts nothing or ``this-month``, ``last-month``, ``YYYY-MM``, ``YYYY-MM-DD``
    (one day) and ``YYYY-MM-DD YYYY-MM-DD`` (both days included; ``..``, ``~``
    or ``to`` between them work too). Raises DomainError ``error-period``
    (``text``) for anything else, and ``error-period-order`` (``start``, ``end``)
    when the range runs backwards.
    """
    shown = arg or ""
    text = unicodedata.normalize("NFKC", shown).strip().lower()
    this_month = now.astimezone(tz).date().replace(day=1)
    if text in ("", "this-month"):
        return _midnight(this_month, tz), _midnight(add_months(this_month, 1), tz)
    if text == "last-month":
        return _midnight(add_months(this_month, -1), tz), _midnight(this_month, tz)
    if match := _MONTH_RE.fullmatch(text):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise DomainError("error-period", text=shown)
        first = date(year, month, 1)
        return _midnight(first, tz), _midnight(add_months(first, 1), tz)
    if match := _RANGE_RE.fullmatch(text):
        start = _day(match[1], shown)
        last = _day(match[2], shown) if match[2] else start
        if last < start:
            raise DomainError("error-period-order", start=start.isoformat(), end=last.isoformat())
        return _midnight(start, tz), _midnight(last + timedelta(days=1), tz)
    raise DomainError("error-period", text=shown)
