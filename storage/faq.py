"""FAQ feedback, unanswered questions and danger alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from storage.db import Database
from storage.timefmt import from_db, to_db

Helpful = Literal["yes", "no", "person"]


@dataclass(frozen=True)
class EntryFeedback:
    """How one FAQ entry was rated over a period."""

    entry_id: str
    lang: str
    yes: int
    no: int
    person: int

    @property
    def total(self) -> int:
        return self.yes + self.no + self.person


@dataclass(frozen=True)
class UnansweredQuestion:
    at: datetime
    lang: str
    question: str


class FaqRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add_feedback(
        self,
        entry_id: str | None,
        lang: str,
        question: str,
        helpful: Helpful,
        at: datetime,
        user_id: int | None,
    ) -> None:
        await self.db.execute(
            "INSERT INTO faq_feedback(entry_id, lang, question, helpful, at, user_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (entry_id, lang, question, helpful, to_db(at), user_id),
        )

    async def add_unanswered(self, question: str, lang: str, at: datetime) -> None:
        await self.db.execute(
            "INSERT INTO faq_unanswered(question, lang, at) VALUES (?, ?, ?)",
            (question, lang, to_db(at)),
        )

    async def add_danger_alert(
        self, at: datetime, user_id: int | None, category: str, text: str
    ) -> None:
        await self.db.execute(
            "INSERT INTO danger_alerts(at, user_id, category, text) VALUES (?, ?, ?, ?)",
            (to_db(at), user_id, category, text),
        )

    async def danger_alert_count(self) -> int:
        row = await self.db.fetchone("SELECT COUNT(*) FROM danger_alerts")
        return int(row[0]) if row else 0

    async def feedback_since(self, since: datetime) -> list[EntryFeedback]:
        """Ratings per entry and language since ``since``, least helpful first."""
        rows = await self.db.fetchall(
            """
            SELECT entry_id, lang,
                   SUM(helpful = 'yes') AS yes,
                   SUM(helpful = 'no') AS no,
                   SUM(helpful = 'person') AS person
            FROM faq_feedback
            WHERE at >= ? AND entry_id IS NOT NULL
            GROUP BY entry_id, lang
            ORDER BY CAST(yes AS REAL) / COUNT(*) ASC, COUNT(*) DESC, entry_id
            """,
            (to_db(since),),
        )
        return [
            EntryFeedback(r["entry_id"], r["lang"], int(r["yes"]), int(r["no"]), int(r["person"]))
            for r in rows
        ]

    async def unanswered_since(
        self, since: datetime, limit: int
    ) -> tuple[list[UnansweredQuestion], int]:
        """The newest ``limit`` unanswered questions since ``since`` and how many there were."""
        rows = await self.db.fetchall(
            "SELECT at, lang, question FROM faq_unanswered WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?",
            (to_db(since), limit),
        )
        count = await self.db.fetchone(
            "SELECT COUNT(*) FROM faq_unanswered WHERE at >= ?", (to_db(since),)
        )
        return (
            [UnansweredQuestion(from_db(r["at"]), r["lang"], r["question"]) for r in rows],
            int(count[0]) if count else 0,
        )
