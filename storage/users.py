"""Users and their chosen language."""

from __future__ import annotations

from datetime import datetime

from storage.db import Database


class UserRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get_locale(self, user_id: int) -> str | None:
        row = await self.db.fetchone("SELECT locale FROM users WHERE user_id = ?", (user_id,))
        return row["locale"] if row else None

    async def seen(self, user_id: int, language_code: str | None, now: datetime) -> None:
        await self.db.execute(
            "INSERT INTO users(user_id, language_code, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(user_id) DO UPDATE SET language_code = excluded.language_code, "
            "last_seen = excluded.last_seen",
            (user_id, language_code, now.isoformat(), now.isoformat()),
        )

    async def set_locale(self, user_id: int, locale: str, now: datetime) -> None:
        await self.db.execute(
            "INSERT INTO users(user_id, locale, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(user_id) DO UPDATE SET locale = excluded.locale, last_seen = excluded.last_seen",
            (user_id, locale, now.isoformat(), now.isoformat()),
        )

    async def known_locales(self) -> dict[int, str]:
        rows = await self.db.fetchall("SELECT user_id, locale FROM users WHERE locale IS NOT NULL")
        return {int(r["user_id"]): r["locale"] for r in rows}
