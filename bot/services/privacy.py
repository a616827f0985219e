"""What a citizen may see of their data, how long it is kept, and who looked at it."""

from __future__ import annotations

import json
import logging
from datetime import datetime, time, timedelta
from typing import Any

from pydantic import BaseModel

from bot.clock import Clock
from bot.config import Settings
from bot.services.reminders import ReminderService
from storage.audit import AuditRepository
from storage.privacy import PrivacyRepository
from storage.reminders import ReminderRow

log = logging.getLogger(__name__)
PURGE_AT = time(3, 0)  # nightly, when nobody is filing


class PurgeReport(BaseModel):
    cutoff: datetime
    cases: int
    bookings: int
    dry_run: bool


class PrivacyService:
    def __init__(
        self,
        repo: PrivacyRepository,
        audit: AuditRepository,
        reminders: ReminderService,
        clock: Clock,
        settings: Settings,
    ) -> None:
        self.repo = repo
        self.audit = audit
        self.reminders = reminders
        self.clock = clock
        self.settings = settings

    async def export_for(self, user_id: int) -> bytes:
        """Everything stored about this citizen, as a JSON file (their own data, unmasked)."""
        data = await self.repo.everything_about(user_id)
        await self.audit.record(self.clock.now(), user_id, "mydata_export", str(user_id))
        return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()

    async def purge(self, dry_run: bool = False) -> PurgeReport:
        """Remove personal data of cases closed longer than RETENTION_DAYS (statistics stay)."""
        now = self.clock.now()
        cutoff = now - timedelta(days=self.settings.retention_days)
        if dry_run:
            cases, bookings = await self.repo.purgeable(cutoff)
        else:
            cases, bookings = await self.repo.purge(cutoff)
            await self.audit.record(now, None, "purge", None, f"cases={cases} bookings={bookings}")
            log.info("purged personal data of %s cases and %s bookings", cases, bookings)
        return PurgeReport(cutoff=cutoff, cases=cases, bookings=bookings, dry_run=dry_run)

    async def schedule_next_purge(self) -> None:
        """Keep one nightly purge in the reminders table (idempotent: keyed by its date)."""
        tz = self.settings.tz
        local = self.clock.now().astimezone(tz)
        day = local.date() if local.time() < PURGE_AT else local.date() + timedelta(days=1)
        due = datetime.combine(day, PURGE_AT, tzinfo=tz)
        await self.reminders.schedule("purge", f"purge:{day.isoformat()}", due)

    async def run_scheduled_purge(self, row: ReminderRow) -> bool:
        await self.purge()
        await self.schedule_next_purge()
        return True

    async def audit_log(self, limit: int = 30) -> list[dict[str, Any]]:
        return await self.repo.audit_entries(limit)
