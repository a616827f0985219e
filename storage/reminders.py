"""The reminders table: schedule, claim before sending, mark the outcome."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from storage import jsoncodec
from storage.db import Database
from storage.timefmt import from_db, opt_from_db, opt_to_db, to_db


class ReminderRow(BaseModel):
    id: int
    kind: str
    dedupe_key: str
    due_at: datetime
    not_after: datetime | None
    payload: dict[str, Any]
    status: str
    attempts: int


def _row(r: Any) -> ReminderRow:
    return ReminderRow(
        id=r["id"],
        kind=r["kind"],
        dedupe_key=r["dedupe_key"],
        due_at=from_db(r["due_at"]),
        not_after=opt_from_db(r["not_after"]),
        payload=jsoncodec.loads(r["payload"]),
        status=r["status"],
        attempts=r["attempts"],
    )


class ReminderRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def schedule(
        self,
        kind: str,
        dedupe_key: str,
        due_at: datetime,
        payload: dict[str, Any],
        not_after: datetime | None,
        now: datetime,
    ) -> bool:
        """Insert unless a reminder with this key exists; True when inserted."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO reminders(kind, dedupe_key, due_at, not_after, payload, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(dedupe_key) DO NOTHING",
                (
                    kind,
                    dedupe_key,
                    to_db(due_at),
                    opt_to_db(not_after),
                    jsoncodec.dumps(payload),
                    to_db(now),
                ),
            )
            return cursor.rowcount == 1

    async def cancel(self, dedupe_key_prefix: str) -> int:
        """Cancel every pending reminder whose key starts with the prefix (e.g. 'booking:12:')."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE reminders SET status = 'cancelled' WHERE status = 'pending' AND dedupe_key LIKE ? ESCAPE '\\'",
                (_like_prefix(dedupe_key_prefix),),
            )
            return cursor.rowcount

    async def postpone(self, dedupe_key: str, due_at: datetime) -> None:
        """Move a still-pending reminder to a new time (e.g. 24 hours after the latest answer)."""
        await self.db.execute(
            "UPDATE reminders SET due_at = ? WHERE dedupe_key = ? AND status = 'pending'",
            (to_db(due_at), dedupe_key),
        )

    async def due(self, now: datetime, limit: int = 200) -> list[ReminderRow]:
        rows = await self.db.fetchall(
            "SELECT * FROM reminders WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?",
            (to_db(now), limit),
        )
        return [_row(r) for r in rows]

    async def claim(self, reminder_id: int, now: datetime) -> bool:
        """pending -> sending, atomically; False if someone else (or an earlier run) took it."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE reminders SET status = 'sending', claimed_at = ?, attempts = attempts + 1 "
                "WHERE id = ? AND status = 'pending'",
                (to_db(now), reminder_id),
            )
            return cursor.rowcount == 1

    async def finish(self, reminder_id: int, status: str, now: datetime) -> None:
        await self.db.execute(
            "UPDATE reminders SET status = ?, sent_at = ? WHERE id = ?",
            (status, to_db(now), reminder_id),
        )

    async def retry_later(self, reminder_id: int, due_at: datetime) -> None:
        await self.db.execute(
            "UPDATE reminders SET status = 'pending', due_at = ? WHERE id = ?",
            (to_db(due_at), reminder_id),
        )

    async def expire(self, reminder_id: int, now: datetime) -> None:
        await self.finish(reminder_id, "expired", now)

    async def interrupted(self) -> list[ReminderRow]:
        """Rows left in 'sending' by a crash: we cannot know whether they went out."""
        rows = await self.db.fetchall("SELECT * FROM reminders WHERE status = 'sending'")
        return [_row(r) for r in rows]

    async def keys_with_prefix(self, prefix: str) -> set[str]:
        """Every dedupe key (any status) starting with `prefix`, in one query."""
        rows = await self.db.fetchall(
            "SELECT dedupe_key FROM reminders WHERE dedupe_key LIKE ? ESCAPE '\\'",
            (_like_prefix(prefix),),
        )
        return {r["dedupe_key"] for r in rows}

    async def by_key_prefix(self, prefix: str) -> list[ReminderRow]:
        rows = await self.db.fetchall(
            "SELECT * FROM reminders WHERE dedupe_key LIKE ? ESCAPE '\\' ORDER BY due_at, id",
            (_like_prefix(prefix),),
        )
        return [_row(r) for r in rows]


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
