"""Reminders are stored first, sent once, never after their event, and survive restarts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.services.reminders import ReminderService
from storage.db import Database
from storage.reminders import ReminderRepository, ReminderRow

T0 = datetime(2026, 5, 1, 1, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "r.sqlite3")
    await database.open()
    await database.migrate()
    yield database
    await database.close()


def service(
    db: Database, clock: ManualClock, sent: list[str], fail_times: int = 0
) -> ReminderService:
    failures = {"left": fail_times}

    async def send(row: ReminderRow) -> bool:
        if failures["left"] > 0:
            failures["left"] -= 1
            raise ConnectionError("telegram down")
        if row.payload.get("skip"):
            return False
        sent.append(row.dedupe_key)
        return True

    svc = ReminderService(ReminderRepository(db), clock)
    svc.on("ping", send)
    return svc


async def test_sent_once_when_due_and_not_before(db: Database) -> None:
    clock, sent = ManualClock(T0), []
    svc = service(db, clock, sent)
    assert await svc.schedule("ping", "booking:1:24h", T0 + timedelta(hours=1))
    assert not await svc.schedule(
        "ping", "booking:1:24h", T0 + timedelta(hours=1)
    )  # same key: no-op
    await svc.dispatch_due()
    assert sent == []
    clock.advance(timedelta(hours=1))
    report = await svc.dispatch_due()
    assert (report.sent, sent) == (1, ["booking:1:24h"])
    await svc.dispatch_due()
    assert sent == ["booking:1:24h"]


async def test_restart_after_downtime_sends_overdue_once_but_not_past_the_event(
    db: Database,
) -> None:
    clock, sent = ManualClock(T0), []
    svc = service(db, clock, sent)
    event = T0 + timedelta(hours=5)
    await svc.schedule("ping", "b:1:24h", T0 + timedelta(hours=1), not_after=event)
    await svc.schedule("ping", "b:1:2h", T0 + timedelta(hours=3), not_after=event)
    await svc.schedule(
        "ping", "b:2:2h", T0 + timedelta(hours=4), not_after=T0 + timedelta(hours=3, minutes=30)
    )
    clock.advance(timedelta(hours=4))  # the bot was down all this time
    restarted = service(db, clock, sent)
    await restarted.recover()
    report = await restarted.dispatch_due()
    assert sorted(sent) == ["b:1:24h", "b:1:2h"]
    assert report.expired == 1
    await restarted.dispatch_due()
    assert len(sent) == 2


async def test_crash_mid_send_is_never_resent(db: Database) -> None:
    clock, sent = ManualClock(T0), []
    repo = ReminderRepository(db)
    await repo.schedule("ping", "k", T0, {}, None, T0)
    row = (await repo.due(T0))[0]
    assert await repo.claim(row.id, T0)  # claimed, then the process died before finishing
    svc = service(db, clock, sent)
    interrupted = await svc.recover()
    assert [r.dedupe_key for r in interrupted] == ["k"]
    await svc.dispatch_due()
    assert sent == []
    assert (await repo.by_key_prefix("k"))[0].status == "unknown"


async def test_cancelled_and_skipped_reminders_are_not_sent(db: Database) -> None:
    clock, sent = ManualClock(T0), []
    svc = service(db, clock, sent)
    await svc.schedule("ping", "booking:7:24h", T0)
    await svc.schedule("ping", "booking:7:2h", T0)
    await svc.schedule("ping", "booking:70:2h", T0)  # a prefix must not catch booking 70
    await svc.schedule("ping", "case:1", T0, {"skip": True})
    assert await svc.cancel("booking:7:") == 2
    await svc.dispatch_due()
    assert sent == ["booking:70:2h"]
    assert (await svc.repo.by_key_prefix("case:1"))[0].status == "cancelled"


async def test_failures_are_retried_then_given_up(db: Database) -> None:
    clock, sent = ManualClock(T0), []
    svc = service(db, clock, sent, fail_times=1)
    await svc.schedule("ping", "flaky", T0)
    assert (await svc.dispatch_due()).retried == 1
    clock.advance(timedelta(minutes=5))
    await svc.dispatch_due()
    assert sent == ["flaky"]

    broken = service(db, clock, sent, fail_times=10)
    await broken.schedule("ping", "broken", clock.now())
    for _ in range(5):
        await broken.dispatch_due()
        clock.advance(timedelta(minutes=30))
    assert (await broken.repo.by_key_prefix("broken"))[0].status == "failed"
    assert sent == ["flaky"]
