"""Use cases. Handlers call these with plain values; these call storage and domain rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import Catalog
from bot.services.bookings import BookingService
from bot.services.cases import CaseService
from bot.services.faq import FaqService
from bot.services.flood import FloodGuard
from bot.services.notifier import Notifier
from bot.services.privacy import PrivacyService
from bot.services.reminders import ReminderService
from bot.services.staffdesk import StaffDeskService
from bot.services.users import UserService
from bot.services.wages import WageService
from storage.audit import AuditRepository
from storage.db import Database
from storage.updates import UpdateLog


@dataclass
class Services:
    """Everything a handler may use, built once in bot.app and handed to handlers via the context."""

    settings: Settings
    clock: Clock
    db: Database
    catalog: Catalog
    notifier: Notifier
    users: UserService
    audit: AuditRepository
    reminders: ReminderService
    updates: UpdateLog
    flood: FloodGuard
    # Built right after the others (it uses them), in bot.app.
    bookings: BookingService = field(init=False)
    cases: CaseService
    # Built right after the case service (it files through it), in bot.app.
    wages: WageService = field(init=False)
    # Built right after the case service (it files inquiries through it), in bot.app.
    faq: FaqService = field(init=False)
    # Built last: it works with cases, wages, reminders and the staff chat, in bot.app.
    staffdesk: StaffDeskService = field(init=False)
    # Built right after the others (it uses the reminders), in bot.app.
    privacy: PrivacyService = field(init=False)
