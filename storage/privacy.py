"""Personal data: what is stored about one citizen, and removing it after the retention period."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from storage.db import Database
from storage.timefmt import to_db

REMOVED = "[removed]"


class PrivacyRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def everything_about(self, user_id: int) -> dict[str, Any]:
        """All rows tied to this Telegram user, personal fields opened, as plain data."""
        user = await self.db.fetchone("SELECT * FROM users WHERE user_id = ?", (user_id,))
        cases = await self.db.fetchall(
            "SELECT * FROM cases WHERE user_id = ? ORDER BY id", (user_id,)
        )
        out_cases = []
        for case in cases:
            row = {k: case[k] for k in case.keys() if k not in ("access_hash", "submission_key")}
            row["extra"] = json.loads(case["extra"])
            events = await self.db.fetchall(
                "SELECT at, type, actor, body FROM case_events WHERE case_id = ? AND visible = 1 ORDER BY id",
                (case["id"],),
            )
            files = await self.db.fetchall(
                "SELECT kind, name, mime, size, added_at FROM attachments WHERE case_id = ? ORDER BY id",
                (case["id"],),
            )
            row["timeline"] = [dict(e) for e in events]
            row["files"] = [dict(f) for f in files]
            out_cases.append(row)
        bookings = await self.db.fetchall(
            "SELECT * FROM bookings WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return {
            "user": dict(user) if user else {"user_id": user_id},
            "cases": out_cases,
            "bookings": [dict(b) for b in bookings],
        }

    async def purgeable(self, cutoff: datetime) -> tuple[int, int]:
        """(cases closed before cutoff still holding personal data, bookings made before cutoff)."""
        cases = await self.db.fetchone(
            "SELECT COUNT(*) FROM cases WHERE status = 'closed' AND closed_at < ? AND description != ?",
            (to_db(cutoff), REMOVED),
        )
        bookings = await self.db.fetchone(
            "SELECT COUNT(*) FROM bookings WHERE created_at < ? AND phone != ?",
            (to_db(cutoff), REMOVED),
        )
        return (int(cases[0]) if cases else 0, int(bookings[0]) if bookings else 0)

    async def purge(self, cutoff: datetime) -> tuple[int, int]:
        """Remove personal data, keep what the statistics need (kind, dates, status, rating)."""
        async with self.db.transaction() as conn:
            ids_sql = "SELECT id FROM cases WHERE status = 'closed' AND closed_at < ? AND description != ?"
            params = (to_db(cutoff), REMOVED)
            await conn.execute(f"DELETE FROM attachments WHERE case_id IN ({ids_sql})", params)
            await conn.execute(
                f"UPDATE case_events SET body = NULL, data = '{{}}' WHERE case_id IN ({ids_sql})",
                params,
            )
            await conn.execute(f"DELETE FROM lookup_failures WHERE case_id IN ({ids_sql})", params)
            cursor = await conn.execute(
                "UPDATE cases SET contact_name = NULL, contact_phone = NULL, id_number = NULL, description = ?, "
                "place = NULL, latitude = NULL, longitude = NULL, extra = '{}', rating_comment = NULL "
                "WHERE status = 'closed' AND closed_at < ? AND description != ?",
                (REMOVED, *params),
            )
            cases = cursor.rowcount
            cursor = await conn.execute(
                "UPDATE bookings SET name = ?, phone = ?, topic = NULL, cancel_reason = NULL "
                "WHERE created_at < ? AND phone != ?",
                (REMOVED, REMOVED, to_db(cutoff), REMOVED),
            )
            return cases, cursor.rowcount

    async def audit_entries(self, limit: int) -> list[dict[str, Any]]:
        rows = await self.db.fetchall("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(r) for r in rows]
