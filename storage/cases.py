"""Cases, their timeline, files and look-up failures."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

import aiosqlite

from bot.domain.cases import (
    Attachment,
    Case,
    CaseEvent,
    CaseStatus,
    EventType,
    NewCase,
    Priority,
    format_case_number,
)
from storage.db import Database
from storage.timefmt import from_db, opt_from_db, opt_to_db, to_db


def _case(r: sqlite3.Row) -> Case:
    return Case(
        id=r["id"],
        number=r["number"],
        kind=r["kind"],
        status=r["status"],
        priority=r["priority"],
        confidential=bool(r["confidential"]),
        user_id=r["user_id"],
        locale=r["locale"],
        anonymous=bool(r["anonymous"]),
        contact_name=r["contact_name"],
        contact_phone=r["contact_phone"],
        id_number=r["id_number"],
        description=r["description"],
        place=r["place"],
        latitude=r["latitude"],
        longitude=r["longitude"],
        extra=json.loads(r["extra"]),
        received_at=from_db(r["received_at"]),
        procedural_due=from_db(r["procedural_due"]),
        result_due=from_db(r["result_due"]),
        fast_track_due=opt_from_db(r["fast_track_due"]),
        first_reply_at=opt_from_db(r["first_reply_at"]),
        result_at=opt_from_db(r["result_at"]),
        closed_at=opt_from_db(r["closed_at"]),
        reopen_count=r["reopen_count"],
        assignee_id=r["assignee_id"],
        rating=r["rating"],
        rating_comment=r["rating_comment"],
    )


def _event(r: sqlite3.Row) -> CaseEvent:
    return CaseEvent(
        id=r["id"],
        case_id=r["case_id"],
        at=from_db(r["at"]),
        type=r["type"],
        actor=r["actor"],
        actor_id=r["actor_id"],
        visible=bool(r["visible"]),
        body=r["body"],
        data=json.loads(r["data"]),
    )


class CaseChanged(Exception):
    """The case moved on between reading and writing (another staff member acted first)."""


class CaseRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(
        self,
        new: NewCase,
        *,
        prefix: str,
        priority: Priority,
        confidential: bool,
        access_hash: str,
        now: datetime,
        procedural_due: datetime,
        result_due: datetime,
        fast_track_due: datetime | None,
    ) -> tuple[Case, bool]:
        """Store a case, its first event and its files in one transaction; (case, created)."""
        async with self.db.transaction() as conn:
            existing = await _fetchone(
                conn, "SELECT * FROM cases WHERE submission_key = ?", (new.submission_key,)
            )
            if existing is not None:
                return _case(existing), False
            year = now.year
            await conn.execute(
                "INSERT INTO case_counters(prefix, year, last_seq) VALUES (?, ?, 1) "
                "ON CONFLICT(prefix, year) DO UPDATE SET last_seq = last_seq + 1",
                (prefix, year),
            )
            row = await _fetchone(
                conn,
                "SELECT last_seq FROM case_counters WHERE prefix = ? AND year = ?",
                (prefix, year),
            )
            assert row is not None
            number = format_case_number(prefix, year, int(row["last_seq"]))
            cursor = await conn.execute(
                "INSERT INTO cases(number, submission_key, kind, status, priority, confidential, user_id, "
                "locale, anonymous, contact_name, contact_phone, id_number, description, place, latitude, "
                "longitude, extra, access_hash, received_at, procedural_due, result_due, fast_track_due, "
                "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    number,
                    new.submission_key,
                    new.kind.value,
                    CaseStatus.SUBMITTED.value,
                    priority.value,
                    int(confidential),
                    new.user_id,
                    new.locale,
                    int(new.anonymous),
                    None if new.anonymous else new.contact_name,
                    None if new.anonymous else self.db.seal(new.contact_phone),
                    None if new.anonymous else self.db.seal(new.id_number),
                    new.description,
                    new.place,
                    new.latitude,
                    new.longitude,
                    json.dumps(new.extra, ensure_ascii=False),
                    access_hash,
                    to_db(now),
                    to_db(procedural_due),
                    to_db(result_due),
                    opt_to_db(fast_track_due),
                    to_db(now),
                ),
            )
            case_id = cursor.lastrowid
            event_id = await _insert_event(
                conn, case_id, now, EventType.SUBMITTED, "citizen", new.user_id, True, None, {}
            )
            await _insert_attachments(conn, case_id, event_id, new.attachments, now)
            row = await _fetchone(conn, "SELECT * FROM cases WHERE id = ?", (case_id,))
            assert row is not None
            return _case(row), True

    async def by_number(self, number: str) -> Case | None:
        row = await self.db.fetchone("SELECT * FROM cases WHERE number = ?", (number,))
        return _case(row) if row else None

    async def by_id(self, case_id: int) -> Case | None:
        row = await self.db.fetchone("SELECT * FROM cases WHERE id = ?", (case_id,))
        return _case(row) if row else None

    async def access_hash(self, case_id: int) -> str | None:
        row = await self.db.fetchone("SELECT access_hash FROM cases WHERE id = ?", (case_id,))
        return row["access_hash"] if row else None

    async def for_user(self, user_id: int, limit: int, offset: int) -> list[Case]:
        rows = await self.db.fetchall(
            "SELECT * FROM cases WHERE user_id = ? ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?",
            (user_id, limit, offset),
        )
        return [_case(r) for r in rows]

    async def count_for_user(self, user_id: int) -> int:
        row = await self.db.fetchone("SELECT COUNT(*) FROM cases WHERE user_id = ?", (user_id,))
        return int(row[0]) if row else 0

    async def events(self, case_id: int, visible_only: bool) -> list[CaseEvent]:
        sql = "SELECT * FROM case_events WHERE case_id = ?" + (
            " AND visible = 1" if visible_only else ""
        )
        rows = await self.db.fetchall(sql + " ORDER BY at, id", (case_id,))
        return [_event(r) for r in rows]

    async def attachments(self, case_id: int) -> list[Attachment]:
        rows = await self.db.fetchall(
            "SELECT file_id, file_unique_id, kind, name, mime, size FROM attachments WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
        return [Attachment(**dict(r)) for r in rows]

    async def add_event(
        self,
        case_id: int,
        event_type: EventType,
        actor: str,
        actor_id: int | None,
        visible: bool,
        body: str | None,
        now: datetime,
        data: dict[str, str] | None = None,
        attachments: list[Attachment] | None = None,
    ) -> CaseEvent:
        async with self.db.transaction() as conn:
            event_id = await _insert_event(
                conn, case_id, now, event_type, actor, actor_id, visible, body, data or {}
            )
            await _insert_attachments(conn, case_id, event_id, attachments or [], now)
            await conn.execute(
                "UPDATE cases SET updated_at = ? WHERE id = ?", (to_db(now), case_id)
            )
            row = await _fetchone(conn, "SELECT * FROM case_events WHERE id = ?", (event_id,))
        assert row is not None
        return _event(row)

    async def transition(
        self,
        case_id: int,
        old: CaseStatus,
        new: CaseStatus,
        event_type: EventType,
        actor: str,
        actor_id: int | None,
        visible: bool,
        body: str | None,
        now: datetime,
        data: dict[str, str] | None = None,
        set_fields: dict[str, Any] | None = None,
    ) -> tuple[Case, CaseEvent]:
        """Move a case from `old` to `new` with its event, or raise CaseChanged if it is no longer `old`."""
        fields = {"status": new.value, "updated_at": to_db(now)}
        for name, value in (set_fields or {}).items():
            if name not in _SETTABLE:
                raise ValueError(f"cannot set {name}")
            fields[name] = to_db(value) if isinstance(value, datetime) else value
        assignments = ", ".join(f"{name} = ?" for name in fields)
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                f"UPDATE cases SET {assignments} WHERE id = ? AND status = ?",
                (*fields.values(), case_id, old.value),
            )
            if cursor.rowcount != 1:
                raise CaseChanged(case_id)
            event_id = await _insert_event(
                conn, case_id, now, event_type, actor, actor_id, visible, body, data or {}
            )
            case_row = await _fetchone(conn, "SELECT * FROM cases WHERE id = ?", (case_id,))
            event_row = await _fetchone(conn, "SELECT * FROM case_events WHERE id = ?", (event_id,))
        assert case_row is not None and event_row is not None
        return _case(case_row), _event(event_row)

    async def rate(self, case_id: int, rating: int, now: datetime) -> bool:
        """Store the first rating of a closed case; False if it was already rated."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE cases SET rating = ?, rated_at = ?, updated_at = ? WHERE id = ? AND rating IS NULL",
                (rating, to_db(now), to_db(now), case_id),
            )
            if cursor.rowcount != 1:
                return False
            await _insert_event(
                conn,
                case_id,
                now,
                EventType.RATED,
                "citizen",
                None,
                True,
                None,
                {"rating": str(rating)},
            )
            return True

    async def set_rating_comment(self, case_id: int, comment: str, now: datetime) -> None:
        await self.db.execute(
            "UPDATE cases SET rating_comment = ?, updated_at = ? WHERE id = ?",
            (comment, to_db(now), case_id),
        )

    async def record_lookup_failure(self, case_id: int, now: datetime) -> None:
        await self.db.execute(
            "INSERT INTO lookup_failures(case_id, at) VALUES (?, ?)", (case_id, to_db(now))
        )

    async def lookup_failures_since(self, case_id: int, since: datetime) -> list[datetime]:
        rows = await self.db.fetchall(
            "SELECT at FROM lookup_failures WHERE case_id = ? AND at >= ? ORDER BY at",
            (case_id, to_db(since)),
        )
        return [from_db(r["at"]) for r in rows]

    async def clear_lookup_failures(self, case_id: int) -> None:
        await self.db.execute("DELETE FROM lookup_failures WHERE case_id = ?", (case_id,))

    # ------------------------------------------------------------ staff desk

    async def open_cases(self) -> list[Case]:
        """Every case not closed, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM cases WHERE status != ? ORDER BY received_at, id",
            (CaseStatus.CLOSED.value,),
        )
        return [_case(r) for r in rows]

    async def received_between(self, start: datetime, end: datetime) -> list[Case]:
        """The cases received in [start, end), oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM cases WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id",
            (to_db(start), to_db(end)),
        )
        return [_case(r) for r in rows]

    async def assign(
        self, case_id: int, assignee_id: int, data: dict[str, str], now: datetime
    ) -> tuple[Case, CaseEvent]:
        """Set the assignee and record the internal ASSIGNED event, in one transaction."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE cases SET assignee_id = ?, updated_at = ? WHERE id = ?",
                (assignee_id, to_db(now), case_id),
            )
            event_id = await _insert_event(
                conn, case_id, now, EventType.ASSIGNED, "staff", assignee_id, False, None, data
            )
            case_row = await _fetchone(conn, "SELECT * FROM cases WHERE id = ?", (case_id,))
            event_row = await _fetchone(conn, "SELECT * FROM case_events WHERE id = ?", (event_id,))
        assert case_row is not None and event_row is not None
        return _case(case_row), _event(event_row)

    async def add_staff_message(
        self,
        case_id: int,
        event_type: EventType,
        actor_id: int | None,
        visible: bool,
        body: str | None,
        now: datetime,
        data: dict[str, str],
        attachments: list[Attachment],
    ) -> tuple[Case, CaseEvent]:
        """A staff reply or note with its files; a visible reply is the first reply if none was."""
        async with self.db.transaction() as conn:
            event_id = await _insert_event(
                conn, case_id, now, event_type, "staff", actor_id, visible, body, data
            )
            await _insert_attachments(conn, case_id, event_id, attachments, now)
            await conn.execute(
                "UPDATE cases SET updated_at = ?, first_reply_at = "
                "CASE WHEN ? THEN COALESCE(first_reply_at, ?) ELSE first_reply_at END WHERE id = ?",
                (to_db(now), int(visible), to_db(now), case_id),
            )
            case_row = await _fetchone(conn, "SELECT * FROM cases WHERE id = ?", (case_id,))
            event_row = await _fetchone(conn, "SELECT * FROM case_events WHERE id = ?", (event_id,))
        assert case_row is not None and event_row is not None
        return _case(case_row), _event(event_row)


_SETTABLE = frozenset({"first_reply_at", "result_at", "closed_at", "reopen_count", "assignee_id"})


async def _fetchone(
    conn: aiosqlite.Connection, sql: str, params: tuple[Any, ...]
) -> sqlite3.Row | None:
    async with conn.execute(sql, params) as cursor:
        return await cursor.fetchone()


async def _insert_event(
    conn: aiosqlite.Connection,
    case_id: int | None,
    now: datetime,
    event_type: EventType,
    actor: str,
    actor_id: int | None,
    visible: bool,
    body: str | None,
    data: dict[str, str],
) -> int:
    cursor = await conn.execute(
        "INSERT INTO case_events(case_id, at, type, actor, actor_id, visible, body, data) VALUES (?,?,?,?,?,?,?,?)",
        (
            case_id,
            to_db(now),
            event_type.value,
            actor,
            actor_id,
            int(visible),
            body,
            json.dumps(data, ensure_ascii=False),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def _insert_attachments(
    conn: aiosqlite.Connection,
    case_id: int | None,
    event_id: int,
    attachments: list[Attachment],
    now: datetime,
) -> None:
    await conn.executemany(
        "INSERT INTO attachments(case_id, event_id, file_id, file_unique_id, kind, name, mime, size, added_at) "
        "VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (
                case_id,
                event_id,
                a.file_id,
                a.file_unique_id,
                a.kind,
                a.name,
                a.mime,
                a.size,
                to_db(now),
            )
            for a in attachments
        ],
    )
