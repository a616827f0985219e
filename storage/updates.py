"""Updates: an inbox of those received and not yet handled, and a log of those handled."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from storage.db import Database
from storage.timefmt import to_db

KEEP = timedelta(days=1)
PRUNE_EVERY = 500


class UpdateLog:
    """An update is written to the inbox when it arrives, and leaves it in the same transaction
    that stores the conversation state and marks it handled. So a crash before that transaction
    means the update is handled again at start (nothing lost), and a crash after it means a
    redelivery by Telegram is dropped (nothing done twice)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._marks = 0

    async def receive(self, update_id: int, payload: str, now: datetime) -> None:
        await self.db.execute(
            "INSERT INTO inbox(update_id, payload, received_at) VALUES (?, ?, ?) ON CONFLICT(update_id) DO NOTHING",
            (update_id, self.db.seal(payload), to_db(now)),
        )

    async def unhandled(self) -> list[str]:
        """Payloads of updates received but never handled (a crash came in between), oldest first."""
        rows = await self.db.fetchall(
            "SELECT payload FROM inbox WHERE update_id NOT IN (SELECT update_id FROM processed_updates) "
            "ORDER BY update_id"
        )
        return [r["payload"] for r in rows]

    async def last_id(self) -> int:
        """The highest update id handled or received (0 for a new database)."""
        row = await self.db.fetchone(
            "SELECT MAX(m) FROM (SELECT MAX(update_id) AS m FROM processed_updates "
            "UNION ALL SELECT MAX(update_id) FROM inbox)"
        )
        return int(row[0]) if row and row[0] is not None else 0

    async def seen(self, update_id: int) -> bool:
        row = await self.db.fetchone(
            "SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)
        )
        return row is not None

    def mark(self, update_id: int, now: datetime) -> list[tuple[str, tuple[Any, ...]]]:
        """The statements recording the update handled (and, now and then, pruning day-old marks)."""
        statements: list[tuple[str, tuple[Any, ...]]] = [
            (
                "INSERT INTO processed_updates(update_id, at) VALUES (?, ?) ON CONFLICT(update_id) DO NOTHING",
                (update_id, to_db(now)),
            ),
            ("DELETE FROM inbox WHERE update_id = ?", (update_id,)),
        ]
        self._marks += 1
        if self._marks % PRUNE_EVERY == 0:
            statements.append(("DELETE FROM processed_updates WHERE at < ?", (to_db(now - KEEP),)))
        return statements
