"""build_application(settings): the one place that wires handlers, storage, persistence and jobs."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import TelegramError
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
from bot.services.reminders import ReminderService
from bot.services.users import UserService
from bot.services.wages import WageService
from handlers import complaints, errors, forms, hearings, start, status, wages
from handlers.context import BotContext
from handlers.hearings import TelegramBookingMarkup
from handlers.notices import TelegramCaseNotices
from storage.audit import AuditRepository
from storage.bookings import BookingRepository
from storage.cases import CaseRepository
from storage.db import Database
from storage.persistence import SqlitePersistence
from storage.reminders import ReminderRepository
from storage.users import UserRepository
from storage.wages import WageRepository

log = logging.getLogger(__name__)

REMINDER_INTERVAL_SECONDS = 20
OFFLINE_TOKEN = "123456789:OFFLINE-console-token-not-for-telegram"


class StartupError(RuntimeError):
    """The bot cannot start (e.g. the database cannot be opened); the message says why."""


class CitizenBotApp(Application):  # type: ignore[type-arg]
    """PTB's Application plus our services, database lifecycle and write-through persistence."""

    services: Services

    async def initialize(self) -> None:
        db = self.services.db
        try:
            await db.open()
            await db.migrate()
        except Exception as exc:
            # aiosqlite's worker thread would keep the process alive after a failed start.
            await db.close()
            raise StartupError(f"cannot open the database {db.path}: {exc}") from exc
        await self.services.users.load()
        await super().initialize()
        await self._register_commands()
        interrupted = await self.services.reminders.recover()
        await self.services.bookings.resync_reminders()
        if interrupted:
            t = self.services.catalog.for_locale(self.services.settings.default_locale)
            await self.services.notifier.to_staff(
                t("staff-reminders-interrupted", count=len(interrupted))
            )

    async def start(self) -> None:
        await super().start()
        if self.job_queue is not None:
            # Due reminders are sent at start (first=0), then checked every few seconds.
            self.job_queue.run_repeating(
                _dispatch_reminders, interval=REMINDER_INTERVAL_SECONDS, first=0, name="reminders"
            )

    async def shutdown(self) -> None:
        try:
            await super().shutdown()
        finally:
            await self.services.db.close()

    async def process_update(self, update: object) -> None:
        try:
            await super().process_update(update)
        finally:
            # Write the conversation state and form drafts now, not a minute later: a crash right
            # after a citizen answers a step must not lose that step.
            await self.update_persistence()

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
        except TelegramError as exc:
            log.error("could not post to the staff chat: %s", exc)
            return None
        return message.message_id

    async def to_user(self, user_id: int, text: str, reply_markup: Any = None) -> int | None:
        try:
            message = await self.app.bot.send_message(user_id, text, reply_markup=reply_markup)
        except TelegramError as exc:
            log.warning("could not message user: %s", type(exc).__name__)
            return None
        return message.message_id


async def _dispatch_reminders(context: BotContext) -> None:
    await context.services.reminders.dispatch_due()


async def _note_user(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is not None and not user.is_bot:
        await context.services.users.note_seen(user.id, user.language_code)


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    clock: Clock | None = None,
    rate_limit: bool = True,
) -> CitizenBotApp:
    """The whole bot. `request` replaces the network (console, tests); `clock` replaces time."""
    clock = clock or SystemClock()
    db = Database(settings.database_path)
    builder = (
        ApplicationBuilder()
        .application_class(CitizenBotApp)
        .token(settings.bot_token.get_secret_value() if settings.bot_token else OFFLINE_TOKEN)
        .persistence(SqlitePersistence(db))
        .context_types(ContextTypes(context=BotContext))
        .defaults(Defaults(tzinfo=settings.tz))
        .concurrent_updates(False)  # conversations assume one update of a chat at a time
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if settings.bot_api_base_url:
        builder = builder.base_url(settings.bot_api_base_url.rstrip("/"))
        if settings.bot_api_base_file_url:
            builder = builder.base_file_url(settings.bot_api_base_file_url.rstrip("/"))
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
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
        cases=CaseService(CaseRepository(db), clock, settings, TelegramCaseNotices(app)),
    )
    app.services.wages = WageService(
        WageRepository(db), app.services.cases, app.services.audit, clock
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

    app.add_handler(TypeHandler(Update, _note_user), group=-10)
    for handler in start.handlers():
        app.add_handler(handler)
    # Conversations that wait for input come before the general fallbacks.
    app.add_handler(forms.conversation([*complaints.entry_points(), *wages.entry_points()]))
    app.add_handler(status.conversation())
    for handler in [*forms.outside_handlers(), *status.handlers(), *wages.keyword_handlers()]:
        app.add_handler(handler)
    for handler in hearings.handlers():
        app.add_handler(handler)
    for handler in start.fallback_handlers():
        app.add_handler(handler)
    app.add_error_handler(errors.on_error)  # type: ignore[arg-type]
    return app
