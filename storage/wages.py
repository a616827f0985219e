"""Wage reports as staff see them: facts per case, and staff's same/different employer links."""

from __future__ import annotations

import json
from datetime import datetime

from storage.db import Database
from storage.timefmt import to_db


class WageRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def reports(self) -> list[tuple[str, dict[str, str]]]:
        """(case number, extra fields) of every wage report, oldest first."""
        rows = await self.db.fetchall(
            "SELECT number, extra FROM cases WHERE kind = 'wage_arrears' ORDER BY received_at, id"
        )
        return [(r["number"], json.loads(r["extra"])) for r in rows]

    async def links(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(confirmed same-employer pairs, confirmed different-employer pairs)."""
        rows = await self.db.fetchall("SELECT case_a, case_b, relation FROM wage_links")
        same = [(r["case_a"], r["case_b"]) for r in rows if r["relation"] == "same"]
        different = [(r["case_a"], r["case_b"]) for r in rows if r["relation"] == "different"]
        return same, different

    async def set_link(
        self, a: str, b: str, relation: str, actor_id: int | None, now: datetime
    ) -> None:
        """Record staff's decision on a pair; a later decision replaces an earlier one."""
        first, second = sorted((a, b))
        await self.db.execute(
            "INSERT INTO wage_links(case_a, case_b, relation, actor_id, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(case_a, case_b) DO UPDATE SET relation = excluded.relation, "
            "actor_id = excluded.actor_id, at = excluded.at",
            (first, second, relation, actor_id, to_db(now)),
        )
