"""Hearings, seat bookings and reception-day slots: the only place with their SQL."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

import aiosqlite
from pydantic import BaseModel

from bot.domain.booking import BookingStatus, Hearing, HearingDraft, HearingType
from storage.db import Database
from storage.timefmt import from_db, opt_from_db, opt_to_db, to_db

_ACTIVE_SQL = "('confirmed', 'waitlisted', 'offered')"


class BookingRow(BaseModel):
    """A stored booking: a hearing seat (``hearing_id``) or a reception slot (``slot_start``)."""

    id: int
    code: str
    kind: str
    hearing_id: int | None
    slot_start: datetime | None
    slot_end: datetime | None
    reception_date: date | None
    user_id: int
    name: str
    phone: str
    locale: str | None
    topic: str | None
    group_size: int
    status: BookingStatus
    offer_expires_at: datetime | None
    cancel_reason: str | None
    created_at: datetime
    updated_at: datetime


class HearingCounts(BaseModel):
    """A hearing with how its seats are taken."""

    hearing: Hearing
    confirmed: int = 0
    offered: int = 0
    waitlisted: int = 0
    attended: int = 0
    no_show: int = 0


def _hearing(r: sqlite3.Row) -> Hearing:
    return Hearing(
        id=r["id"],
        title=r["title"],
        case_type=HearingType(r["case_type"]),
        public=bool(r["public"]),
        involves_minor=bool(r["involves_minor"]),
        venue=r["venue"],
        address=r["address"],
        on_site=bool(r["on_site"]),
        starts_at=from_db(r["starts_at"]),
        ends_at=from_db(r["ends_at"]),
        seats=r["seats"],
        notes=r["notes"],
        cancelled=bool(r["cancelled"]),
    )


def _booking(r: sqlite3.Row) -> BookingRow:
    return BookingRow(
        id=r["id"],
        code=r["code"],
        kind=r["kind"],
        hearing_id=r["hearing_id"],
        slot_start=opt_from_db(r["slot_start"]),
        slot_end=opt_from_db(r["slot_end"]),
        reception_date=date.fromisoformat(r["reception_date"]) if r["reception_date"] else None,
        user_id=r["user_id"],
        name=r["name"],
        phone=r["phone"],
        locale=r["locale"],
        topic=r["topic"],
        group_size=r["group_size"],
        status=BookingStatus(r["status"]),
        offer_expires_at=opt_from_db(r["offer_expires_at"]),
        cancel_reason=r["cancel_reason"],
        created_at=from_db(r["created_at"]),
        updated_at=from_db(r["updated_at"]),
    )


_COUNTS_SQL = (
    "SELECT h.*, "
    "COALESCE(SUM(b.status = 'confirmed'), 0) AS n_confirmed, "
    "COALESCE(SUM(b.status = 'offered'), 0) AS n_offered, "
    "COALESCE(SUM(b.status = 'waitlisted'), 0) AS n_waitlisted, "
    "COALESCE(SUM(b.status = 'attended'), 0) AS n_attended, "
    "COALESCE(SUM(b.status = 'no_show'), 0) AS n_no_show "
    "FROM hearings h LEFT JOIN bookings b ON b.hearing_id = h.id "
)


def _counts(r: sqlite3.Row) -> HearingCounts:
    return HearingCounts(
        hearing=_hearing(r),
        confirmed=r["n_confirmed"],
        offered=r["n_offered"],
        waitlisted=r["n_waitlisted"],
        attended=r["n_attended"],
        no_show=r["n_no_show"],
    )


class BookingTx:
    """The statements of one write transaction (BEGIN IMMEDIATE): read, decide, write, atomically."""

    def __init__(
        self, conn: aiosqlite.Connection, seal: Callable[[str | None], str | None]
    ) -> None:
        self.conn = conn
        self.seal = seal  # phone numbers are stored sealed (storage/crypto.py)

    async def _one(self, sql: str, params: tuple[Any, ...]) -> sqlite3.Row | None:
        async with self.conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def _all(self, sql: str, params: tuple[Any, ...]) -> list[sqlite3.Row]:
        async with self.conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def hearing(self, hearing_id: int) -> Hearing | None:
        row = await self._one("SELECT * FROM hearings WHERE id = ?", (hearing_id,))
        return _hearing(row) if row else None

    async def booking(self, booking_id: int) -> BookingRow | None:
        row = await self._one("SELECT * FROM bookings WHERE id = ?", (booking_id,))
        return _booking(row) if row else None

    async def active_booking(self, hearing_id: int, user_id: int) -> BookingRow | None:
        row = await self._one(
            f"SELECT * FROM bookings WHERE hearing_id = ? AND user_id = ? AND status IN {_ACTIVE_SQL}",
            (hearing_id, user_id),
        )
        return _booking(row) if row else None

    async def seat_counts(self, hearing_id: int) -> tuple[int, int]:
        """(confirmed, offered) for a hearing."""
        row = await self._one(
            "SELECT COALESCE(SUM(status = 'confirmed'), 0), COALESCE(SUM(status = 'offered'), 0) "
            "FROM bookings WHERE hearing_id = ?",
            (hearing_id,),
        )
        assert row is not None
        return int(row[0]), int(row[1])

    async def waitlist(self, hearing_id: int) -> list[BookingRow]:
        rows = await self._all(
            "SELECT * FROM bookings WHERE hearing_id = ? AND status = 'waitlisted' "
            "ORDER BY created_at, id",
            (hearing_id,),
        )
        return [_booking(r) for r in rows]

    async def waitlist_position(self, booking: BookingRow) -> int:
        """1 for the first in line."""
        row = await self._one(
            "SELECT COUNT(*) FROM bookings WHERE hearing_id = ? AND status = 'waitlisted' "
            "AND (created_at < ? OR (created_at = ? AND id <= ?))",
            (booking.hearing_id, to_db(booking.created_at), to_db(booking.created_at), booking.id),
        )
        return int(row[0]) if row else 0

    async def active_bookings_of_hearing(self, hearing_id: int) -> list[BookingRow]:
        rows = await self._all(
            f"SELECT * FROM bookings WHERE hearing_id = ? AND status IN {_ACTIVE_SQL} "
            "ORDER BY created_at, id",
            (hearing_id,),
        )
        return [_booking(r) for r in rows]

    async def slot_taken(self, slot_start: datetime) -> bool:
        row = await self._one(
            "SELECT 1 FROM bookings WHERE kind = 'reception' AND slot_start = ? "
            "AND status = 'confirmed'",
            (to_db(slot_start),),
        )
        return row is not None

    async def reception_booking_on(self, user_id: int, day: date) -> BookingRow | None:
        row = await self._one(
            "SELECT * FROM bookings WHERE kind = 'reception' AND user_id = ? "
            "AND reception_date = ? AND status = 'confirmed'",
            (user_id, day.isoformat()),
        )
        return _booking(row) if row else None

    async def insert_booking(
        self,
        *,
        new_code: Callable[[], str],
        kind: str,
        user_id: int,
        name: str,
        phone: str,
        status: BookingStatus,
        now: datetime,
        hearing_id: int | None = None,
        slot_start: datetime | None = None,
        slot_end: datetime | None = None,
        reception_date: date | None = None,
        topic: str | None = None,
        group_size: int = 1,
        locale: str | None = None,
    ) -> BookingRow:
        """Insert a booking with a fresh code (drawn again on the rare clash)."""
        code = new_code()
        while await self._one("SELECT 1 FROM bookings WHERE code = ?", (code,)):
            code = new_code()
        cursor = await self.conn.execute(
            "INSERT INTO bookings(code, kind, hearing_id, slot_start, slot_end, reception_date, "
            "user_id, name, phone, locale, topic, group_size, status, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                code,
                kind,
                hearing_id,
                opt_to_db(slot_start),
                opt_to_db(slot_end),
                reception_date.isoformat() if reception_date else None,
                user_id,
                name,
                self.seal(phone),
                locale,
                topic,
                group_size,
                status.value,
                to_db(now),
                to_db(now),
            ),
        )
        booking = await self.booking(int(cursor.lastrowid or 0))
        assert booking is not None
        return booking

    async def set_status(
        self,
        booking_id: int,
        status: BookingStatus,
        now: datetime,
        *,
        offer_expires_at: datetime | None = None,
        cancel_reason: str | None = None,
    ) -> None:
        await self.conn.execute(
            "UPDATE bookings SET status = ?, offer_expires_at = ?, "
            "cancel_reason = COALESCE(?, cancel_reason), updated_at = ? WHERE id = ?",
            (status.value, opt_to_db(offer_expires_at), cancel_reason, to_db(now), booking_id),
        )

    async def cancel_hearing(self, hearing_id: int, message: str, now: datetime) -> None:
        await self.conn.execute(
            "UPDATE hearings SET cancelled = 1, cancel_message = ? WHERE id = ?",
            (message, hearing_id),
        )
        await self.conn.execute(
            f"UPDATE bookings SET status = 'cancelled', cancel_reason = 'hearing cancelled', "
            f"updated_at = ? WHERE hearing_id = ? AND status IN {_ACTIVE_SQL}",
            (to_db(now), hearing_id),
        )


class BookingRepository:
    """Reads outside transactions; writes through `transaction()`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[BookingTx]:
        """One BEGIN IMMEDIATE transaction under the process write lock."""
        async with self.db.transaction() as conn:
            yield BookingTx(conn, self.db.seal)

    async def add_hearing(
        self, draft: HearingDraft, created_by: int | None, now: datetime
    ) -> Hearing:
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO hearings(title, case_type, public, involves_minor, venue, address, "
                "on_site, starts_at, ends_at, seats, notes, created_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    draft.title,
                    draft.case_type.value,
                    int(draft.public),
                    int(draft.involves_minor),
                    draft.venue,
                    draft.address,
                    int(draft.on_site),
                    to_db(draft.starts_at),
                    to_db(draft.ends_at),
                    draft.seats,
                    draft.notes,
                    created_by,
                    to_db(now),
                ),
            )
            hearing_id = int(cursor.lastrowid or 0)
        return Hearing(id=hearing_id, **draft.model_dump())

    async def hearing(self, hearing_id: int) -> Hearing | None:
        row = await self.db.fetchone("SELECT * FROM hearings WHERE id = ?", (hearing_id,))
        return _hearing(row) if row else None

    async def hearing_counts(self, hearing_id: int) -> HearingCounts | None:
        row = await self.db.fetchone(_COUNTS_SQL + "WHERE h.id = ? GROUP BY h.id", (hearing_id,))
        return _counts(row) if row else None

    async def listed_hearings(
        self, now: datetime, offset: int, limit: int
    ) -> tuple[list[HearingCounts], int]:
        """Open public hearings, soonest first, one page; and how many there are in all."""
        where = (
            "WHERE h.public = 1 AND h.involves_minor = 0 AND h.cancelled = 0 AND h.starts_at > ? "
        )
        rows = await self.db.fetchall(
            _COUNTS_SQL + where + "GROUP BY h.id ORDER BY h.starts_at, h.id LIMIT ? OFFSET ?",
            (to_db(now), limit, offset),
        )
        total = await self.db.fetchone("SELECT COUNT(*) FROM hearings h " + where, (to_db(now),))
        return [_counts(r) for r in rows], int(total[0]) if total else 0

    async def staff_hearings(self, ends_after: datetime, limit: int = 30) -> list[HearingCounts]:
        """Hearings not cancelled that end after ``ends_after`` (incl. closed ones), soonest first."""
        rows = await self.db.fetchall(
            _COUNTS_SQL + "WHERE h.cancelled = 0 AND h.ends_at > ? "
            "GROUP BY h.id ORDER BY h.starts_at, h.id LIMIT ?",
            (to_db(ends_after), limit),
        )
        return [_counts(r) for r in rows]

    async def booking(self, booking_id: int) -> BookingRow | None:
        row = await self.db.fetchone("SELECT * FROM bookings WHERE id = ?", (booking_id,))
        return _booking(row) if row else None

    async def active_booking(self, hearing_id: int, user_id: int) -> BookingRow | None:
        """The citizen's confirmed, offered or waitlisted booking of a hearing, if any."""
        row = await self.db.fetchone(
            f"SELECT * FROM bookings WHERE hearing_id = ? AND user_id = ? AND status IN {_ACTIVE_SQL}",
            (hearing_id, user_id),
        )
        return _booking(row) if row else None

    async def hearing_bookings(self, hearing_id: int) -> list[BookingRow]:
        """Every booking of a hearing, in queue order."""
        rows = await self.db.fetchall(
            "SELECT * FROM bookings WHERE hearing_id = ? ORDER BY created_at, id", (hearing_id,)
        )
        return [_booking(r) for r in rows]

    async def user_bookings(self, user_id: int, limit: int = 20) -> list[BookingRow]:
        """A citizen's active bookings, newest first."""
        rows = await self.db.fetchall(
            f"SELECT * FROM bookings WHERE user_id = ? AND status IN {_ACTIVE_SQL} "
            "ORDER BY created_at DESC, id DESC LIMIT ?",
            (user_id, limit),
        )
        return [_booking(r) for r in rows]

    async def last_contact(self, user_id: int) -> tuple[str, str] | None:
        """(name, phone) of the citizen's most recent booking, to offer it again."""
        row = await self.db.fetchone(
            "SELECT name, phone FROM bookings WHERE user_id = ? ORDER BY created_at DESC, id DESC "
            "LIMIT 1",
            (user_id,),
        )
        return (row["name"], row["phone"]) if row else None

    async def taken_slots(self, day: date) -> set[datetime]:
        rows = await self.db.fetchall(
            "SELECT slot_start FROM bookings WHERE kind = 'reception' AND reception_date = ? "
            "AND status = 'confirmed'",
            (day.isoformat(),),
        )
        return {from_db(r["slot_start"]) for r in rows}

    async def pending_work(self, now: datetime) -> list[BookingRow]:
        """Confirmed and offered bookings of events still ahead, to re-schedule their reminders."""
        rows = await self.db.fetchall(
            "SELECT b.* FROM bookings b LEFT JOIN hearings h ON h.id = b.hearing_id "
            "WHERE b.status IN ('confirmed', 'offered') "
            "AND COALESCE(h.starts_at, b.slot_start) > ? ORDER BY b.id",
            (to_db(now),),
        )
        return [_booking(r) for r in rows]
