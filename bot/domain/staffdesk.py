"""The staff desk's rules: which actions a case offers, which promises are near or broken.

Pure functions over :class:`~bot.domain.cases.Case`; no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from bot.domain.cases import TRANSITIONS, Case, CaseKind, CaseStatus
from bot.domain.deadlines import DeadlineKind, add_months, end_of_day, local_date
from bot.domain.errors import DomainError

__all__ = [
    "ACTION_STATUS",
    "DIGEST_LOOKAHEAD",
    "DUE_AFTER",
    "DueItem",
    "QueueFilter",
    "StaffAction",
    "actions_for",
    "deadline_met",
    "digest_items",
    "due_items",
    "next_digest_at",
    "parse_digest_time",
    "parse_queue_filter",
    "progress_due",
    "queue_order",
]

# a deadline "passes" the instant after its last moment
DUE_AFTER = timedelta(microseconds=1)
# the digest lists promises falling due within this time
DIGEST_LOOKAHEAD = timedelta(days=2)


class StaffAction(StrEnum):
    """A button on a case card; the value goes into callback data."""

    ACCEPT = "accept"
    NEEDS_INFO = "needinfo"
    TRANSFER = "transfer"
    REJECT = "reject"
    ANSWER = "answer"
    CLOSE = "close"
    ASSIGN = "assign"


# actions the citizen hears about, and the status each moves the case to
ACTION_STATUS: dict[StaffAction, CaseStatus] = {
    StaffAction.ACCEPT: CaseStatus.ACCEPTED,
    StaffAction.NEEDS_INFO: CaseStatus.NEEDS_INFO,
    StaffAction.TRANSFER: CaseStatus.TRANSFERRED,
    StaffAction.REJECT: CaseStatus.REJECTED,
    StaffAction.ANSWER: CaseStatus.ANSWERED,
    StaffAction.CLOSE: CaseStatus.CLOSED,
}


def actions_for(status: CaseStatus) -> list[StaffAction]:
    """The card's buttons for a case in ``status``: the moves TRANSITIONS allows, then assign."""
    allowed = TRANSITIONS[CaseStatus(status)]
    actions = [action for action, target in ACTION_STATUS.items() if target in allowed]
    if status is not CaseStatus.CLOSED:
        actions.append(StaffAction.ASSIGN)
    return actions


class DueItem(BaseModel):
    """One promise of one case that is near or past."""

    model_config = ConfigDict(frozen=True)

    number: str
    kind: DeadlineKind
    due_at: datetime
    overdue: bool


def deadline_met(case: Case, kind: DeadlineKind) -> bool:
    """True once the office kept (or no longer owes) this promise."""
    if case.status is CaseStatus.CLOSED:
        return True
    if kind in (DeadlineKind.PROCEDURAL, DeadlineKind.FAST_TRACK):
        return case.first_reply_at is not None
    return case.result_at is not None


def _promises(case: Case) -> list[tuple[DeadlineKind, datetime]]:
    promises = [(DeadlineKind.PROCEDURAL, case.procedural_due)]
    if case.fast_track_due is not None:
        promises.append((DeadlineKind.FAST_TRACK, case.fast_track_due))
    promises.append((DeadlineKind.RESULT, case.result_due))
    return promises


def due_items(case: Case, now: datetime, lookahead: timedelta = DIGEST_LOOKAHEAD) -> list[DueItem]:
    """The unmet promises of a case that are overdue or fall due within ``lookahead``."""
    items = []
    for kind, due_at in _promises(case):
        if deadline_met(case, kind):
            continue
        if now > due_at or due_at <= now + lookahead:
            items.append(
                DueItem(number=case.number, kind=kind, due_at=due_at, overdue=now > due_at)
            )
    return items


def digest_items(cases: Iterable[Case], now: datetime) -> list[DueItem]:
    """The daily digest: overdue promises first (oldest first), then those due soonest."""
    items = [item for case in cases for item in due_items(case, now)]
    return sorted(items, key=lambda item: (not item.overdue, item.due_at, item.number))


def progress_due(result_due: datetime, month: int, tz: ZoneInfo) -> datetime:
    """The ``month``-th monthly progress reply after the result deadline (end of that day)."""
    return end_of_day(add_months(local_date(result_due, tz), month), tz)


def parse_digest_time(text: str) -> time:
    """``HH:MM`` (24-hour) -> a time; ValueError otherwise."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError("a time of day like 09:00")
    return time(int(match[1]), int(match[2]))


def next_digest_at(now: datetime, at: time, tz: ZoneInfo) -> datetime:
    """The first digest time strictly after ``now``, in ``tz``."""
    today = now.astimezone(tz).date()
    for day in (today, today + timedelta(days=1)):
        moment = datetime.combine(day, at, tzinfo=tz)
        if moment > now:
            return moment
    raise AssertionError("unreachable")  # pragma: no cover


# ------------------------------------------------------------------------ the queue


class QueueFilter(BaseModel):
    """What /queue was asked for."""

    model_config = ConfigDict(frozen=True)

    kind: CaseKind | None = None
    overdue_only: bool = False


_OVERDUE_WORDS = frozenset({"overdue", "超期", "逾期", "过期"})


def parse_queue_filter(args: Iterable[str], kind_names: dict[str, CaseKind]) -> QueueFilter:
    """Read ``/queue [kind] [overdue]``; ``kind_names`` maps translated names to kinds.

    Raises DomainError ``staff-error-queue-arg`` (``text``) for a word it does not know.
    """
    kind: CaseKind | None = None
    overdue = False
    names = {unicodedata.normalize("NFKC", k).casefold(): v for k, v in kind_names.items()}
    for raw in args:
        word = unicodedata.normalize("NFKC", raw).strip().casefold()
        if not word:
            continue
        if word in _OVERDUE_WORDS:
            overdue = True
        elif word in {k.value for k in CaseKind}:
            kind = CaseKind(word)
        elif word in names:
            kind = names[word]
        else:
            raise DomainError("staff-error-queue-arg", text=raw)
    return QueueFilter(kind=kind, overdue_only=overdue)


def queue_order(cases: Iterable[Case], now: datetime, wanted: QueueFilter) -> list[Case]:
    """Open cases matching the filter, the next promise first (those with none last)."""
    far = datetime.max.replace(tzinfo=now.tzinfo)
    chosen = [
        case
        for case in cases
        if case.is_open
        and (wanted.kind is None or case.kind is wanted.kind)
        and (not wanted.overdue_only or any(item.overdue for item in due_items(case, now)))
    ]
    return sorted(chosen, key=lambda case: (case.next_promise() or far, case.number))


def may_see_confidential(assignee_id: int | None, viewer_id: int, admin_ids: Iterable[int]) -> bool:
    """A confidential case (a minor) is read in full by the officer assigned to it and by admins.

    Everyone else sees that it exists (the card) and can take it with "Assign to me".
    """
    return viewer_id in set(admin_ids) or (assignee_id is not None and assignee_id == viewer_id)
