"""The booking repository and service on a real SQLite file: no overbooking, ever."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.domain.booking import BookingError, BookingStatus, HearingDraft, HearingType
from bot.i18n import Catalog
from bot.services.bookings import BookingService
from bot.services.hearing_import import import_hearings
from bot.services.reminders import ReminderService
from bot.services.users import UserService
from storage.audit import AuditRepository
from storage.bookings import BookingRepository
from storage.db import Database
from storage.reminders import ReminderRepository
from storage.users import UserRepository
from tests.harness import make_settings

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


class RecordingNotifier:
    def __init__(self) -> None:
        self.to_users: list[tuple[int, str]] = []

    async def to_staff(self, text: str, reply_markup: Any = None) -> int | None:
        return None

    async def to_user(self, user_id: int, text: str, reply_markup: Any = None) -> int | None:
        self.to_users.append((user_id, text))
        return 1


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "bookings.sqlite3")
    await database.open()
    await database.migrate()
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


@pytest.fixture
def booking_service(
    db: Database, settings: Settings, notifier: RecordingNotifier
) -> BookingService:
    clock = ManualClock(NOW)
    return BookingService(
        BookingRepository(db),
        settings=settings,
        clock=clock,
        catalog=Catalog("zh-CN"),
        users=UserService(UserRepository(db), clock, "zh-CN"),
        reminders=ReminderService(ReminderRepository(db), clock),
        notifier=notifier,
        audit=AuditRepository(db),
    )


def draft(seats: int = 10, **extra: Any) -> HearingDraft:
    start = datetime(2026, 3, 10, 9, 30, tzinfo=SHANGHAI)
    values: dict[str, Any] = {
        "title": "公开听证",
        "case_type": HearingType.criminal_appeal,
        "venue": "本院听证室",
        "address": "示例区检察路1号",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "seats": seats,
    }
    values.update(extra)
    return HearingDraft(**values)


async def test_200_concurrent_bookings_fill_10_seats_and_queue_190_in_order(
    booking_service: BookingService,
) -> None:
    hearing = await booking_service.create_hearing(draft(seats=10), staff_id=1)
    results = await asyncio.gather(
        *(
            booking_service.book_seat(hearing.id, 5000 + n, f"市民{n}", f"+86138000{n:05d}")
            for n in range(200)
        )
    )
    statuses = [r.booking.status for r in results]
    assert statuses.count(BookingStatus.confirmed) == 10
    assert statuses.count(BookingStatus.waitlisted) == 190

    stored = await booking_service.repo.hearing_bookings(hearing.id)
    assert len(stored) == 200
    confirmed = [b.user_id for b in stored if b.status == BookingStatus.confirmed]
    waiting = [b.user_id for b in stored if b.status == BookingStatus.waitlisted]
    assert confirmed == [5000 + n for n in range(10)]
    assert waiting == [5000 + n for n in range(10, 200)]
    assert [r.position for r in results[10:]] == list(range(1, 191))
    assert len({b.code for b in stored}) == 200


async def test_concurrent_double_clicks_of_one_person_give_one_booking(
    booking_service: BookingService,
) -> None:
    hearing = await booking_service.create_hearing(draft(seats=3), staff_id=1)
    outcomes = await asyncio.gather(
        *(booking_service.book_seat(hearing.id, 42, "李明", "+8613812345678") for _ in range(5)),
        return_exceptions=True,
    )
    refused = [o for o in outcomes if isinstance(o, BookingError)]
    assert len(refused) == 4 and all(e.key == "booking-error-already-booked" for e in refused)
    assert len(await booking_service.repo.hearing_bookings(hearing.id)) == 1


async def test_the_database_itself_refuses_a_second_active_booking(
    booking_service: BookingService, db: Database
) -> None:
    hearing = await booking_service.create_hearing(draft(), staff_id=1)
    await booking_service.book_seat(hearing.id, 42, "李明", "+8613812345678")
    with pytest.raises(sqlite3.IntegrityError):
        async with booking_service.repo.transaction() as tx:
            await tx.insert_booking(
                new_code=lambda: "ZZZ-ZZZ",
                kind="hearing",
                hearing_id=hearing.id,
                user_id=42,
                name="李明",
                phone="+8613812345678",
                status=BookingStatus.waitlisted,
                now=NOW,
            )


async def test_a_clashing_code_is_drawn_again(booking_service: BookingService) -> None:
    codes = iter(["AAA-AAA", "AAA-AAA", "BBB-BBB"])
    booking_service.new_code = lambda: next(codes)
    hearing = await booking_service.create_hearing(draft(), staff_id=1)
    first = await booking_service.book_seat(hearing.id, 1, "甲", "+8613800000001")
    second = await booking_service.book_seat(hearing.id, 2, "乙", "+8613800000002")
    assert (first.booking.code, second.booking.code) == ("AAA-AAA", "BBB-BBB")


async def test_cancelling_offers_the_seat_and_schedules_its_expiry(
    booking_service: BookingService, notifier: RecordingNotifier
) -> None:
    hearing = await booking_service.create_hearing(draft(seats=1), staff_id=1)
    first = await booking_service.book_seat(hearing.id, 1, "甲", "+8613800000001")
    await booking_service.book_seat(hearing.id, 2, "乙", "+8613800000002")
    await booking_service.cancel_booking(first.booking.id, 1, "有事")
    (offered,) = [
        b
        for b in await booking_service.repo.hearing_bookings(hearing.id)
        if b.status == BookingStatus.offered
    ]
    assert offered.user_id == 2 and offered.offer_expires_at == NOW + timedelta(hours=12)
    assert notifier.to_users[-1][0] == 2
    rows = await booking_service.reminders.repo.by_key_prefix(f"offer:{offered.id}")
    assert [r.due_at for r in rows] == [NOW + timedelta(hours=12)]
    cancelled_rows = await booking_service.reminders.repo.by_key_prefix(
        f"booking:{first.booking.id}:"
    )
    assert {r.status for r in cancelled_rows} == {"cancelled"}


async def test_listing_counts_offers_as_taken_and_hides_closed_hearings(
    booking_service: BookingService,
) -> None:
    public = await booking_service.create_hearing(draft(seats=2), staff_id=1)
    await booking_service.create_hearing(draft(seats=0, public=False), staff_id=1)
    await booking_service.create_hearing(
        draft(seats=0, public=False, involves_minor=True), staff_id=1
    )
    await booking_service.book_seat(public.id, 1, "甲", "+8613800000001")
    page = await booking_service.list_hearings()
    assert [(i.hearing.id, i.seats_left) for i in page.items] == [(public.id, 1)]


async def test_a_csv_import_reports_row_by_row(booking_service: BookingService) -> None:
    text = (
        "\ufefftitle,case_type,public,involves_minor,venue,address,on_site,starts_at,ends_at,seats,notes\n"
        "甲案公开听证,non_prosecution,yes,no,本院听证室,检察路1号,no,2026-03-10 09:30,11:30,20,\n"
        "乙案听证,criminal_appeal,yes,no,本院听证室,检察路1号,no,2026-03-03 09:30,11:30,20,\n"
        "丙案听证,bogus,yes,no,本院听证室,检察路1号,no,2026-03-10 09:30,11:30,20,\n"
        "丁案听证,other,是,是,本院听证室,检察路1号,否,2026-03-11 09:30,2026-03-11 11:00,0,\n"
        "戊案听证,other,no,no,本院听证室,检察路1号,no,2026-03-11 09:30,11:00,5,\n"
        "己案听证,other,yes,no,示例村,示例村,yes,2026/03/12 9:00,明天,5,\n"
    )
    t = booking_service.catalog.for_locale("zh-CN")
    report = await import_hearings(text, booking_service, t)
    assert (report.created, report.refused) == (2, 4)
    assert report.lines[0].startswith("第 2 行：已导入听证会")
    assert "第 3 行：未导入" in report.lines[1] and "至少提前 3 天" in report.lines[1]
    assert "bogus" in report.lines[2]
    assert "第 5 行：已导入" in report.lines[3]  # a minor's hearing, stored closed
    assert "不公开的听证会不能设置公众旁听席位" in report.lines[4]
    assert "ends_at" in report.lines[5]
    assert report.lines[-1] == "共导入 2 场，拒绝 4 行。"

    missing = await import_hearings("title,venue\nx,y\n", booking_service, t)
    assert "case_type" in missing.lines[0] and missing.created == 0


def test_settings_for_bookings_are_validated(tmp_path: Path) -> None:
    from bot.config import ConfigError

    settings = make_settings(tmp_path, reminder_offsets_hours="2, 24")
    assert settings.reminder_offsets_hours == [24, 2]
    assert settings.booking_cutoff_hours == 24 and settings.waitlist_offer_hours == 12
    with pytest.raises(ConfigError, match=r"^RECEPTION_RULE: reception rule: unknown weekday"):
        make_settings(tmp_path, reception_rule="XYZ 1 09:00-11:30 20")
    with pytest.raises(ConfigError, match=r"^REMINDER_OFFSETS_HOURS:"):
        make_settings(tmp_path, reminder_offsets_hours="24,soon")
    with pytest.raises(ConfigError, match=r"^WAITLIST_OFFER_HOURS:"):
        make_settings(tmp_path, waitlist_offer_hours=0)
