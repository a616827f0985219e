"""The audit log: who did what, and who saw unmasked personal data."""

from __future__ import annotations

from datetime import datetime

from storage.db import Database


class AuditRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self,
        at: datetime,
        actor_id: int | None,
        action: str,
        subject: str | None = None,
        detail: str | None = None,
    ) -> None:
        await self.db.execute(
            "INSERT INTO audit_log(at, actor_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
            (at.isoformat(), actor_id, action, subject, detail),
        )
