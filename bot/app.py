"""build_application(settings): the one place that wires handlers, storage, persistence and jobs."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ContextTypes,
    Defaults,
    TypeHandler,
)
from telegram.request import BaseRequest

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.i18n import Catalog
from bot.services import Services
from bot.services.bookings import BookingService
from bot.services.cases import CaseService
from bot.services.faq import FaqService
from bot.services.flood import FloodGuard
from bot.services.outbox import StaffOutbox
from bot.services.privacy import PrivacyService
from bot.services.reminders import ReminderService
from bot.services.staffdesk import DEADLINE_KINDS, DIGEST_KIND, PROGRESS_KIND, StaffDeskService
from bot.services.users import UserService
from bot.services.wages import WageService
from handlers import (
    complaints,
    errors,
    faq,
    forms,
    guards,
    hearings,
    privacy,
    staff,
    start,
    status,
    wages,
)
from handlers.context import BotContext
from handlers.flow import REQUEUED_KEY
from handlers.hearings import TelegramBookingMarkup
from handlers.notices import TelegramCaseNotices, TelegramStaffChat, TelegramStaffMarkup
from storage.audit import AuditRepository
from storage.bookings import BookingRepository
from storage.cases import CaseRepository
from storage.crypto import Cipher
from storage.db import Database, DatabaseInUse
from storage.faq import FaqRepository
from storage.persistence import SqlitePersistence
from storage.privacy import PrivacyRepository
from storage.reminders import ReminderRepository
from storage.secrets import SecretStore
from storage.staff import StaffRepository
from storage.updates import UpdateLog
from storage.users import UserRepository
from storage.wages import WageRepository

log = logging.getLogger(__name__)

REMINDER_INTERVAL_SECONDS = 20
OUTBOX_INTERVAL_SECONDS = 5
OFFLINE_TOKEN = "123456789:OFFLINE-console-token-not-for-telegram"


class DurableQueue(asyncio.Queue):  # type: ignore[type-arg]
    """The update queue: every update is stored in the inbox before it is queued (see storage/updates.py)."""

    updates: UpdateLog | None = None
    clock: Clock | None = None

    async def put(self, item: Any) -> None:
        if isinstance(item, Update) and self.updates is not None and self.clock is not None:
            await self.updates.receive(item.update_id, item.to_json(), self.clock.now())
        await super().put(item)


class StartupError(RuntimeError):
    """The bot cannot start (e.g. the database cannot be opened); the message says why."""


class CitizenBotApp(Application):  # type: ignore[type-arg]
    """PTB's Application plus our services, database lifecycle and write-through persistence."""

    services: Services

    async def initialize(self) -> None:
        db = self.services.db
        try:
            db.hold()
            await db.open()
            await db.migrate()
        except DatabaseInUse as exc:
            raise StartupError(str(exc)) from exc
        except Exception as exc:
            # aiosqlite's worker thread would keep the process alive after a failed start.
            await db.close()
            raise StartupError(f"cannot open the database {db.path}: {exc}") from exc
        await self.services.users.load()
        # The sentence encoder and the question index load in a thread: the rules answer
        # danger from the first update, the full model a second or so later.
        self.services.faq.warm_up_in_background()
        await super().initialize()
        # Updates received before a crash and never handled go first, in order.
        for payload in await self.services.updates.unhandled():
            update = Update.de_json(json.loads(payload), self.bot)
            if update is not None:
                self.update_queue.put_nowait(update)
        await self._register_commands()
        interrupted = await self.services.reminders.recover()
        await self.services.privacy.schedule_next_purge()
        await self.services.bookings.resync_reminders()
        await self.services.staffdesk.outbox.recover()
        await self.services.staffdesk.ensure_digest()
        if interrupted:
            t = self.services.catalog.for_locale(self.services.settings.default_locale)
            await self.services.notifier.to_staff(
                t("staff-reminders-interrupted", count=len(interrupted))
            )

    async def start(self) -> None:
        await super().start()
        if self.job_queue is not None:
            # Reminders that fell due while the bot was down go out now (APScheduler would run
            # first=0 only after one interval), then every few seconds.
            self.create_task(self.services.reminders.dispatch_due(), name="reminders_at_start")
            self.job_queue.run_repeating(
                _dispatch_reminders,
                interval=REMINDER_INTERVAL_SECONDS,
                first=REMINDER_INTERVAL_SECONDS,
                name="reminders",
            )
            # Staff-chat posts held back by the group's rate limit go out as the minute frees up.
            self.job_queue.run_repeating(
                _flush_staff_outbox, interval=OUTBOX_INTERVAL_SECONDS, first=1, name="staff_outbox"
            )

    async def shutdown(self) -> None:
        try:
            await super().shutdown()
        finally:
            await self.services.db.close()

    async def process_update(self, update: object) -> None:
        tracked = isinstance(update, Update) and not self._handed_over(update)
        if tracked and await self.services.updates.seen(update.update_id):  # type: ignore[union-attr]
            log.info("update %s was handled before; dropped", update.update_id)  # type: ignore[union-attr]
            return
        try:
            await super().process_update(update)
        finally:
            # Write the conversation state and form drafts now, not a minute later, and in the
            # same transaction mark the update handled: a crash right after a citizen answers a
            # step loses nothing, and a redelivered update is not handled twice.
            persistence: SqlitePersistence = self.persistence  # type: ignore[assignment]
            persistence.begin_batch()
            try:
                await self.update_persistence()
            finally:
                marks = (
                    self.services.updates.mark(update.update_id, self.services.clock.now())  # type: ignore[union-attr]
                    if tracked
                    else []
                )
                await persistence.commit_batch(marks)

    def _handed_over(self, update: Update) -> bool:
        # A conversation re-queued this update for its real target (handlers/flow.py).
        return update.update_id in self.bot_data.get(REQUEUED_KEY, set())

    async def _register_commands(self) -> None:
        for language_code, commands in start.bot_commands(self.services.catalog).items():
            try:
                await self.bot.set_my_commands(commands, language_code=language_code)
            except TelegramError as exc:  # the menu is a nicety; never block start-up on it
                log.warning("setMyCommands(%s) failed: %s", language_code, exc)


class BotNotifier:
    """The Notifier port on top of the bot."""

    def __init__(self, app: Application, settings: Settings) -> None:  # type: ignore[type-arg]
        self.app = app
        self.settings = settings

    async def to_staff(self, text: str, reply_markup: Any = None) -> int | None:
        if self.settings.staff_chat_id is None:
            return None
        try:
            message = await self.app.bot.send_message(
                self.settings.staff_chat_id, text, reply_markup=reply_markup
            )
        except (Forbidden, BadRequest) as exc:
            log.error("could not post to the staff chat: %s", exc)
            return None
        return message.message_id

    async def to_user(self, user_id: int, text: str, reply_markup: Any = None) -> int | None:
        """None when the citizen cannot be reached (blocked the bot); network errors propagate,
        so a reminder is retried rather than counted as sent."""
        try:
            message = await self.app.bot.send_message(user_id, text, reply_markup=reply_markup)
        except (Forbidden, BadRequest) as exc:
            log.warning("could not message user: %s", type(exc).__name__)
            return None
        return message.message_id


async def _dispatch_reminders(context: BotContext) -> None:
    await context.services.reminders.dispatch_due()


async def _flush_staff_outbox(context: BotContext) -> None:
    await context.services.staffdesk.outbox.flush()


async def _note_user(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is not None and not user.is_bot:
        await context.services.users.note_seen(user.id, user.language_code)


def data_cipher(settings: Settings) -> Cipher:
    """The cipher for phone and ID numbers at rest; the bot does not run without one."""
    if settings.data_key is None:
        raise StartupError(
            "DATA_KEY is not set. Phone and ID numbers are encrypted at rest: create a key with "
            "`citizen-bot new-key` and put DATA_KEY=... in .env (keep a copy somewhere safe)."
        )
    old = [settings.data_key_old.get_secret_value()] if settings.data_key_old else []
    return Cipher(settings.data_key.get_secret_value(), *old)


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    clock: Clock | None = None,
    rate_limit: bool = True,
) -> CitizenBotApp:
    """The whole bot. `request` replaces the network (console, tests); `clock` replaces time."""
    clock = clock or SystemClock()
    db = Database(settings.database_path, cipher=data_cipher(settings))
    queue = DurableQueue()
    builder = (
        ApplicationBuilder()
        .application_class(CitizenBotApp)
        .token(settings.bot_token.get_secret_value() if settings.bot_token else OFFLINE_TOKEN)
        .persistence(SqlitePersistence(db))
        .context_types(ContextTypes(context=BotContext))
        .defaults(Defaults(tzinfo=settings.tz))
        .update_queue(queue)
        .concurrent_updates(False)  # conversations assume one update of a chat at a time
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if settings.bot_api_base_url:
        builder = builder.base_url(settings.bot_api_base_url.rstrip("/"))
        if settings.bot_api_base_file_url:
            builder = builder.base_file_url(settings.bot_api_base_file_url.rstrip("/"))
    if rate_limit:
        # One message every 1/30 s rather than bursts of 30: Telegram counts any one-second window.
        builder = builder.rate_limiter(
            AIORateLimiter(overall_max_rate=1, overall_time_period=1 / 30, max_retries=3)
        )
    app: CitizenBotApp = builder.build()  # type: ignore[assignment]

    catalog = Catalog(settings.default_locale)
    app.services = Services(
        settings=settings,
        clock=clock,
        db=db,
        catalog=catalog,
        notifier=BotNotifier(app, settings),
        users=UserService(UserRepository(db), clock, settings.default_locale),
        audit=AuditRepository(db),
        reminders=ReminderService(ReminderRepository(db), clock),
        updates=UpdateLog(db),
        flood=FloodGuard(
            settings.flood_max_messages, timedelta(seconds=settings.flood_window_seconds)
        ),
        cases=CaseService(
            CaseRepository(db), clock, settings, TelegramCaseNotices(app), SecretStore(db)
        ),
    )
    queue.updates, queue.clock = app.services.updates, clock
    app.services.privacy = PrivacyService(
        PrivacyRepository(db), app.services.audit, app.services.reminders, clock, settings
    )
    app.services.reminders.on("purge", app.services.privacy.run_scheduled_purge)
    app.services.wages = WageService(
        WageRepository(db), app.services.cases, app.services.audit, clock
    )
    app.services.faq = FaqService(
        FaqRepository(db), clock, app.services.cases, settings.default_locale
    )
    for kind, handler in forms.reminder_handlers(app).items():
        app.services.reminders.on(kind, handler)
    app.services.bookings = BookingService(
        BookingRepository(db),
        settings=settings,
        clock=clock,
        catalog=catalog,
        users=app.services.users,
        reminders=app.services.reminders,
        notifier=app.services.notifier,
        audit=app.services.audit,
        markup=TelegramBookingMarkup(),
    )
    app.services.reminders.on("booking_reminder", app.services.bookings.send_reminder)
    app.services.reminders.on("offer_expiry", app.services.bookings.expire_offer)
    staff_t = catalog.for_locale(settings.default_locale)
    staff_chat = TelegramStaffChat(app)
    app.services.staffdesk = StaffDeskService(
        StaffRepository(db),
        cases=app.services.cases,
        wages=app.services.wages,
        reminders=app.services.reminders,
        outbox=StaffOutbox(
            StaffRepository(db),
            clock,
            staff_chat,
            settings.staff_chat_id,
            lambda count: staff_t("staff-merged-title", count=count),
        ),
        chat=staff_chat,
        citizens=staff_chat,
        notifier=app.services.notifier,
        users=app.services.users,
        audit=app.services.audit,
        clock=clock,
        settings=settings,
        catalog=catalog,
        markup=TelegramStaffMarkup(),
    )
    for kind in DEADLINE_KINDS:
        app.services.reminders.on(kind, app.services.staffdesk.on_deadline)
    app.services.reminders.on(PROGRESS_KIND, app.services.staffdesk.on_progress)
    app.services.reminders.on(DIGEST_KIND, app.services.staffdesk.on_digest)

    app.add_handler(TypeHandler(Update, _note_user), group=-10)
    app.add_handler(TypeHandler(Update, guards.flood_guard), group=-7)
    # Danger is checked before anything else, and never stops the message reaching its form.
    app.add_handler(faq.danger_handler(), group=-8)
    for handler in start.handlers():
        app.add_handler(handler)
    # Conversations that wait for input come before the general fallbacks.
    app.add_handler(
        forms.conversation(
            [*complaints.entry_points(), *wages.entry_points(), *faq.form_entry_points()]
        )
    )
    # The hearing conversations before the case look-up: a reception-day topic that names a
    # case number is the topic, not a look-up.
    for handler in hearings.handlers():
        app.add_handler(handler)
    app.add_handler(status.conversation())
    app.add_handler(status.typed_lookup(settings.tracking_prefix))
    for handler in [*forms.outside_handlers(), *status.handlers()]:
        app.add_handler(handler)
    for handler in privacy.handlers():
        app.add_handler(handler)
    # Free text nobody else took is a question for the FAQ matcher.
    for handler in faq.handlers():
        app.add_handler(handler)
    for handler in staff.handlers():
        app.add_handler(handler)
    for handler in start.fallback_handlers():
        app.add_handler(handler)
    app.add_error_handler(errors.on_error)  # type: ignore[arg-type]
    return app
