"""The staff desk's tables: case messages in chats, the staff-chat outbox, who is assigned."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from storage.db import Database
from storage.timefmt import opt_from_db, to_db

MessageKind = Literal["card", "relay", "file", "merged", "view", "citizen"]
Buttons = list[list[tuple[str, str]]]


class OutboxRow(BaseModel):
    """One post waiting for (or sent to) the staff chat."""

    id: int
    case_id: int | None
    purpose: str
    text: str
    line: str | None
    buttons: Buttons
    merge_button: tuple[str, str] | None
    file: dict[str, str] | None
    thread: bool
    status: str
    attempts: int
    not_before: datetime | None
    message_id: int | None


def _outbox(r: Any) -> OutboxRow:
    merge = json.loads(r["merge_button"]) if r["merge_button"] else None
    return OutboxRow(
        id=r["id"],
        case_id=r["case_id"],
        purpose=r["purpose"],
        text=r["text"],
        line=r["line"],
        buttons=[[(b[0], b[1]) for b in row] for row in json.loads(r["buttons"])],
        merge_button=(merge[0], merge[1]) if merge else None,
        file=json.loads(r["file"]) if r["file"] else None,
        thread=bool(r["thread"]),
        status=r["status"],
        attempts=r["attempts"],
        not_before=opt_from_db(r["not_before"]),
        message_id=r["message_id"],
    )


class StaffRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------ case messages

    async def remember(
        self, case_ids: list[int], chat_id: int, message_id: int, kind: MessageKind, now: datetime
    ) -> None:
        """Note that this message in this chat belongs to these cases."""
        await self.db.executemany(
            "INSERT INTO case_messages(case_id, chat_id, message_id, kind, at) VALUES (?, ?, ?, ?, ?)",
            [(case_id, chat_id, message_id, kind, to_db(now)) for case_id in case_ids],
        )

    async def cases_for_message(self, chat_id: int, message_id: int) -> list[str]:
        """The numbers of the cases this message belongs to (several for a merged post)."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT c.number FROM case_messages m JOIN cases c ON c.id = m.case_id "
            "WHERE m.chat_id = ? AND m.message_id = ? ORDER BY c.number",
            (chat_id, message_id),
        )
        return [str(r["number"]) for r in rows]

    async def anchor(self, case_id: int, chat_id: int) -> tuple[int, str] | None:
        """(message id, kind) a case's thread hangs from: its latest card, else a merged post."""
        row = await self.db.fetchone(
            "SELECT message_id, kind FROM case_messages WHERE case_id = ? AND chat_id = ? "
            "AND kind IN ('card', 'merged') "
            "ORDER BY CASE kind WHEN 'card' THEN 0 ELSE 1 END, id DESC LIMIT 1",
            (case_id, chat_id),
        )
        return (int(row["message_id"]), str(row["kind"])) if row else None

    # ------------------------------------------------------------ outbox

    async def enqueue(
        self,
        *,
        case_id: int | None,
        purpose: str,
        text: str,
        line: str | None,
        buttons: Buttons,
        merge_button: tuple[str, str] | None,
        file: dict[str, str] | None,
        thread: bool,
        now: datetime,
    ) -> int:
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO staff_outbox(case_id, purpose, text, line, buttons, merge_button, file, "
                "thread, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    purpose,
                    text,
                    line,
                    json.dumps(buttons, ensure_ascii=False),
                    json.dumps(merge_button, ensure_ascii=False) if merge_button else None,
                    json.dumps(file) if file else None,
                    int(thread),
                    to_db(now),
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    async def pending(self, now: datetime) -> list[OutboxRow]:
        """Rows ready to send, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM staff_outbox WHERE status = 'pending' "
            "AND (not_before IS NULL OR not_before <= ?) ORDER BY id",
            (to_db(now),),
        )
        return [_outbox(r) for r in rows]

    async def messages_sent_since(self, since: datetime) -> int:
        """How many messages the outbox put into the staff chat since then (a merged post is one)."""
        row = await self.db.fetchone(
            "SELECT COUNT(DISTINCT message_id) FROM staff_outbox WHERE status = 'sent' AND sent_at > ?",
            (to_db(since),),
        )
        return int(row[0]) if row else 0

    async def claim(self, ids: list[int]) -> None:
        await self.db.executemany(
            "UPDATE staff_outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?",
            [(i,) for i in ids],
        )

    async def mark_sent(self, ids: list[int], message_id: int, now: datetime) -> None:
        await self.db.executemany(
            "UPDATE staff_outbox SET status = 'sent', message_id = ?, sent_at = ? WHERE id = ?",
            [(message_id, to_db(now), i) for i in ids],
        )

    async def retry_later(self, ids: list[int], not_before: datetime) -> None:
        await self.db.executemany(
            "UPDATE staff_outbox SET status = 'pending', not_before = ? WHERE id = ?",
            [(to_db(not_before), i) for i in ids],
        )

    async def release_interrupted(self) -> int:
        """Rows a crash left mid-send go back to pending: a rare double post beats a lost one."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE staff_outbox SET status = 'pending' WHERE status = 'sending'"
            )
            return cursor.rowcount

    # ------------------------------------------------------------ assignees

    async def assignee_names(self) -> dict[int, str]:
        """Case id -> the name of whoever took it last ("Assign to me")."""
        rows = await self.db.fetchall(
            "SELECT case_id, data FROM case_events WHERE type = 'assigned' ORDER BY id"
        )
        names: dict[int, str] = {}
        for r in rows:
            name = json.loads(r["data"]).get("by")
            if name:
                names[int(r["case_id"])] = str(name)
        return names
