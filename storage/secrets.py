"""Secrets kept in the database itself, sealed with DATA_KEY (e.g. the access-code key)."""

from __future__ import annotations

import secrets as random_source

from storage.db import Database


class SecretStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: dict[str, bytes] = {}

    async def get(self, name: str) -> bytes:
        """The secret called `name`, created (32 random bytes) the first time it is asked for."""
        if name in self._cache:
            return self._cache[name]
        async with self.db.transaction() as conn:
            fresh = random_source.token_hex(32)
            await conn.execute(
                "INSERT INTO secrets(name, value) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                (name, self.db.seal(fresh)),
            )
        row = await self.db.fetchone("SELECT value FROM secrets WHERE name = ?", (name,))
        assert row is not None
        self._cache[name] = bytes.fromhex(row["value"])
        return self._cache[name]
