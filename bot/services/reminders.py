"""Scheduled messages: stored first, sent by a dispatcher, each at most once."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel

from bot.clock import Clock
from storage.reminders import ReminderRepository, ReminderRow

log = logging.getLogger(__name__)

# A handler sends one reminder; it returns False when it decided not to (e.g. the booking is gone).
ReminderHandler = Callable[[ReminderRow], Awaitable[bool | None]]
MAX_ATTEMPTS = 3


class DispatchReport(BaseModel):
    sent: int = 0
    skipped: int = 0
    expired: int = 0
    retried: int = 0
    failed: int = 0


class ReminderService:
    """The reminders table is the truth; the JobQueue only calls `dispatch_due` every few seconds."""

    def __init__(self, repo: ReminderRepository, clock: Clock) -> None:
        self.repo = repo
        self.clock = clock
        self._handlers: dict[str, ReminderHandler] = {}

    def on(self, kind: str, handler: ReminderHandler) -> None:
        """Register who sends reminders of this kind."""
        self._handlers[kind] = handler

    async def schedule(
        self,
        kind: str,
        key: str,
        due_at: datetime,
        payload: dict[str, Any] | None = None,
        not_after: datetime | None = None,
    ) -> bool:
        """Store a reminder; scheduling the same key again changes nothing. True when new."""
        return await self.repo.schedule(
            kind, key, due_at, payload or {}, not_after, self.clock.now()
        )

    async def postpone(self, key: str, due_at: datetime) -> None:
        """Move a pending reminder; a sent or cancelled one stays as it is."""
        await self.repo.postpone(key, due_at)

    async def existing_keys(self, key_prefix: str) -> set[str]:
        """The keys already scheduled (whatever their status) under a prefix."""
        return await self.repo.keys_with_prefix(key_prefix)

    async def cancel(self, key_prefix: str) -> int:
        """Cancel the pending reminders whose key starts with `key_prefix`."""
        return await self.repo.cancel(key_prefix)

    async def recover(self) -> list[ReminderRow]:
        """At start-up: rows a crash left mid-send are marked 'unknown' (never re-sent) and returned."""
        interrupted = await self.repo.interrupted()
        for row in interrupted:
            await self.repo.finish(row.id, "unknown", self.clock.now())
            log.warning(
                "reminder %s (%s) was interrupted while sending; not resending", row.id, row.kind
            )
        return interrupted

    async def dispatch_due(self, now: datetime | None = None) -> DispatchReport:
        """Send every reminder that is due, oldest first; each row is claimed before it is sent."""
        now = now or self.clock.now()
        report = DispatchReport()
        for row in await self.repo.due(now):
            if row.not_after is not None and now > row.not_after:
                await self.repo.expire(row.id, now)
                report.expired += 1
                continue
            handler = self._handlers.get(row.kind)
            if handler is None:
                log.error("no handler for reminder kind %s", row.kind)
                continue
            if not await self.repo.claim(row.id, now):
                continue
            try:
                outcome = await handler(row)
            except Exception:
                log.exception("reminder %s (%s) failed", row.id, row.kind)
                if row.attempts + 1 >= MAX_ATTEMPTS:
                    await self.repo.finish(row.id, "failed", now)
                    report.failed += 1
                else:
                    await self.repo.retry_later(
                        row.id, now + timedelta(minutes=2 ** (row.attempts + 1))
                    )
                    report.retried += 1
                continue
            if outcome is False:
                await self.repo.finish(row.id, "cancelled", now)
                report.skipped += 1
            else:
                await self.repo.finish(row.id, "sent", now)
                report.sent += 1
        return report
