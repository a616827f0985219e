"""Filing cases, following them, and moving them along their life."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Protocol

from bot.clock import Clock
from bot.config import Settings
from bot.domain.cases import (
    KIND_SPECS,
    LOOKUP_WINDOW,
    PROCEDURAL_REPLY_STATUSES,
    Attachment,
    Case,
    CaseEvent,
    CaseStatus,
    DomainError,
    EventType,
    FiledCase,
    NewCase,
    Satisfaction,
    check_reopen,
    check_transition,
    event_for_status,
    format_case_number,
    hash_access_code,
    is_bad_rating,
    lookup_locked,
    new_access_code,
    parse_case_number,
    verify_access_code,
    visible_to_citizen,
)
from bot.domain.deadlines import DeadlineKind, ReplyDaysMode, case_deadlines
from bot.domain.validation import check_text
from storage.cases import CaseChanged, CaseRepository
from storage.secrets import SecretStore

log = logging.getLogger(__name__)

PAGE_SIZE = 5
INFO_MAX = 4000


class CaseNotices(Protocol):
    """How the office and the citizen hear about a case; the Telegram side implements it."""

    async def new_case(self, case: Case, attachments: list[Attachment]) -> None: ...

    async def citizen_activity(
        self, case: Case, event: CaseEvent, attachments: list[Attachment]
    ) -> None: ...

    async def status_changed(self, case: Case, event: CaseEvent) -> None: ...

    async def ask_rating(self, case: Case) -> None: ...


class CaseService:
    def __init__(
        self,
        repo: CaseRepository,
        clock: Clock,
        settings: Settings,
        notices: CaseNotices,
        secrets: SecretStore | None = None,
    ) -> None:
        self.repo = repo
        self.clock = clock
        self.settings = settings
        self.notices = notices
        self.secrets = secrets

    async def _access_key(self) -> bytes | None:
        """The office's key for access-code hashes (None: the slower keyless scheme)."""
        return await self.secrets.get("access_code_key") if self.secrets is not None else None

    # ----------------------------------------------------------------- citizens

    async def file_case(self, new: NewCase, access_code: str | None = None) -> FiledCase:
        """Store a submitted form as a case with its promised dates.

        A repeated submission (same form id) returns the first case; its access code is shown
        again only if the caller still holds it (the form keeps it until the reply is sent).
        """
        now = self.clock.now()
        spec = KIND_SPECS[new.kind]
        deadlines = {
            d.kind: d.due_at
            for d in case_deadlines(
                new.kind, now, ReplyDaysMode(self.settings.reply_days_mode), self.settings.tz
            )
        }
        code = access_code or new_access_code()
        case, created = await self.repo.create(
            new,
            prefix=self.settings.tracking_prefix,
            priority=spec.priority,
            confidential=spec.confidential,
            access_hash=hash_access_code(code, await self._access_key()),
            now=now,
            procedural_due=deadlines[DeadlineKind.PROCEDURAL],
            result_due=deadlines[DeadlineKind.RESULT],
            fast_track_due=deadlines.get(DeadlineKind.FAST_TRACK),
        )
        if not created:
            stored = await self.repo.access_hash(case.id)
            known = (
                access_code
                if stored
                and access_code
                and verify_access_code(access_code, stored, await self._access_key())
                else None
            )
            return FiledCase(case=case, access_code=known, duplicate=True)
        log.info("case %s filed (%s)", case.number, case.kind)
        await self.notices.new_case(case, new.attachments)
        return FiledCase(case=case, access_code=code)

    async def my_cases(self, user_id: int, page: int = 0) -> tuple[list[Case], int]:
        """One page of the citizen's cases, newest first, and how many there are in all."""
        total = await self.repo.count_for_user(user_id)
        cases = await self.repo.for_user(user_id, PAGE_SIZE, max(page, 0) * PAGE_SIZE)
        return cases, total

    async def case_for(
        self, number: str, user_id: int, granted: list[str] | tuple[str, ...] = ()
    ) -> Case:
        """The case if this user filed it or unlocked it with its access code."""
        case = await self.repo.by_number(number)
        if case is None or (case.user_id != user_id and case.number not in granted):
            raise DomainError("error-case-not-found")
        return case

    async def timeline(self, case: Case) -> list[CaseEvent]:
        """The events the citizen sees, oldest first."""
        return [
            e
            for e in await self.repo.events(case.id, visible_only=True)
            if visible_to_citizen(e.type)
        ]

    async def lookup(self, number_text: str, code: str) -> Case:
        """Open a case by number and access code (e.g. one filed on paper or from another account).

        Five wrong codes for one case within an hour lock it for an hour.
        """
        parsed = parse_case_number(number_text)
        if parsed is None:
            raise DomainError("error-case-number-format")
        case = await self.repo.by_number(format_case_number(*parsed))
        if case is None:
            raise DomainError("error-lookup-failed")
        now = self.clock.now()
        failures = await self.repo.lookup_failures_since(case.id, now - 2 * LOOKUP_WINDOW)
        locked_until = lookup_locked(failures, now)
        if locked_until is not None:
            raise DomainError("error-lookup-locked", minutes=_minutes_until(locked_until, now))
        stored = await self.repo.access_hash(case.id)
        if stored is None or not verify_access_code(code, stored, await self._access_key()):
            await self.repo.record_lookup_failure(case.id, now)
            locked_until = lookup_locked([*failures, now], now)
            if locked_until is not None:
                raise DomainError("error-lookup-locked", minutes=_minutes_until(locked_until, now))
            raise DomainError("error-lookup-failed")
        await self.repo.clear_lookup_failures(case.id)
        return case

    async def add_information(
        self, case: Case, user_id: int, text: str | None, attachments: list[Attachment]
    ) -> CaseEvent:
        """More material from the citizen on an open case; staff are told."""
        if not case.is_open:
            raise DomainError("error-case-closed")
        body = check_text(text, 1, INFO_MAX) if text else None
        if body is None and not attachments:
            raise DomainError("error-info-empty")
        event = await self.repo.add_event(
            case.id,
            EventType.CITIZEN_INFO,
            "citizen",
            user_id,
            True,
            body,
            self.clock.now(),
            data={"files": str(len(attachments))},
            attachments=attachments,
        )
        await self.notices.citizen_activity(case, event, attachments)
        return event

    async def rate(self, number: str, user_id: int, level: int) -> Case:
        """The citizen's rating of a closed case (once); a bad one alerts staff for a call-back."""
        case = await self.case_for(number, user_id)
        if case.status is not CaseStatus.CLOSED:
            raise DomainError("error-rate-not-closed")
        rating = Satisfaction(level)
        if not await self.repo.rate(case.id, int(rating), self.clock.now()):
            raise DomainError("error-already-rated")
        rated = await self.repo.by_id(case.id)
        assert rated is not None
        if is_bad_rating(rating):
            events = await self.repo.events(case.id, visible_only=True)
            await self.notices.citizen_activity(rated, events[-1], [])
        return rated

    async def comment_rating(self, number: str, user_id: int, comment: str) -> None:
        case = await self.case_for(number, user_id)
        await self.repo.set_rating_comment(case.id, check_text(comment, 1, 1000), self.clock.now())

    async def reopen(self, number: str, user_id: int, reason: str) -> Case:
        """Reopen a closed case once, within 30 days of closing, with a reason."""
        case = await self.case_for(number, user_id)
        if case.status is not CaseStatus.CLOSED or case.closed_at is None:
            raise DomainError("error-reopen-not-closed")
        now = self.clock.now()
        check_reopen(case.closed_at, now, case.reopen_count)
        body = check_text(reason, 5, 2000)
        try:
            reopened, event = await self.repo.transition(
                case.id,
                CaseStatus.CLOSED,
                CaseStatus.REOPENED,
                EventType.REOPENED,
                "citizen",
                user_id,
                True,
                body,
                now,
                set_fields={"reopen_count": case.reopen_count + 1},
            )
        except CaseChanged:
            raise DomainError("error-case-changed") from None
        await self.notices.citizen_activity(reopened, event, [])
        return reopened

    # ----------------------------------------------------------------- staff

    async def change_status(
        self,
        number: str,
        new_status: CaseStatus,
        actor_id: int | None,
        message: str | None = None,
        data: dict[str, str] | None = None,
    ) -> tuple[Case, CaseEvent]:
        """Move a case along its life (staff); the citizen is told of every change meant for them."""
        case = await self.repo.by_number(number)
        if case is None:
            raise DomainError("error-case-not-found")
        check_transition(case.status, new_status)
        now = self.clock.now()
        fields: dict[str, object] = {}
        if new_status in PROCEDURAL_REPLY_STATUSES and case.first_reply_at is None:
            fields["first_reply_at"] = now
        if new_status is CaseStatus.ANSWERED and case.result_at is None:
            fields["result_at"] = now
            fields.setdefault("first_reply_at", case.first_reply_at or now)
        if new_status is CaseStatus.CLOSED:
            fields["closed_at"] = now
        event_type = event_for_status(new_status)
        try:
            updated, event = await self.repo.transition(
                case.id,
                case.status,
                new_status,
                event_type,
                "staff",
                actor_id,
                visible_to_citizen(event_type),
                message,
                now,
                data=data,
                set_fields=fields,
            )
        except CaseChanged:
            raise DomainError("error-case-changed") from None
        if event.visible:
            await self.notices.status_changed(updated, event)
        if new_status is CaseStatus.CLOSED and updated.rating is None:
            await self.notices.ask_rating(updated)
        return updated, event

    async def staff_case(self, number: str) -> Case:
        """Any case by its number, for staff (no ownership check: staff guards come first)."""
        case = await self.repo.by_number(number)
        if case is None:
            raise DomainError("error-case-not-found")
        return case

    async def all_events(self, case: Case) -> list[CaseEvent]:
        """Every event of a case, internal ones included, oldest first (staff only)."""
        return await self.repo.events(case.id, visible_only=False)

    async def files(self, case: Case) -> list[Attachment]:
        """Every file of a case (from the form and later additions), oldest first."""
        return await self.repo.attachments(case.id)

    async def open_cases(self) -> list[Case]:
        """Every case still open, oldest first."""
        return await self.repo.open_cases()

    async def cases_received(self, start: datetime, end: datetime) -> list[Case]:
        """The cases received in [start, end)."""
        return await self.repo.received_between(start, end)

    async def assign(self, number: str, assignee_id: int, data: dict[str, str]) -> Case:
        """Staff: take a case ("Assign to me"); an internal event, the citizen is not told."""
        case = await self.staff_case(number)
        updated, _ = await self.repo.assign(case.id, assignee_id, data, self.clock.now())
        return updated

    async def staff_message(
        self,
        case: Case,
        actor_id: int | None,
        text: str | None,
        attachments: list[Attachment],
        *,
        internal: bool,
        data: dict[str, str] | None = None,
    ) -> tuple[Case, CaseEvent]:
        """A staff reply to the citizen (visible; the first one keeps the procedural promise)
        or an internal note. Sending the reply is the caller's job."""
        body = check_text(text, 1, INFO_MAX) if text else None
        if body is None and not attachments:
            raise DomainError("error-info-empty")
        event_type = EventType.STAFF_NOTE if internal else EventType.ANSWERED
        return await self.repo.add_staff_message(
            case.id,
            event_type,
            actor_id,
            not internal,
            body,
            self.clock.now(),
            {
                **(data or {}),
                "files": str(len(attachments)),
                "kind": "note" if internal else "reply",
            },
            attachments,
        )


def _minutes_until(until: datetime, now: datetime) -> int:
    return max(1, int((until - now).total_seconds() // 60) + 1)
