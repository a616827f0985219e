"""citizen-bot start | run | console | init-db | backup | restore | new-key | rotate-key | hearings"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from telegram import Update

from bot.config import ConfigError, Settings, load_settings
from bot.logging_setup import setup_logging

if TYPE_CHECKING:
    from bot.app import CitizenBotApp

_CSV_COLUMNS = (
    "title,case_type,public,involves_minor,venue,address,on_site,starts_at,ends_at,seats,notes"
).split(",")
NO_TOKEN = (
    "BOT_TOKEN is not set. Create a bot with @BotFather in Telegram, then put the token in .env\n"
    "(BOT_TOKEN=123456:ABC...) or the environment. To try the bot without a token, run:\n"
    "  citizen-bot console"
)


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def webhook_secret(settings: Settings) -> str:
    """A stable secret for Telegram's X-Telegram-Bot-Api-Secret-Token header, derived from the token."""
    assert settings.bot_token
    return hashlib.sha256(b"webhook:" + settings.bot_token.get_secret_value().encode()).hexdigest()[
        :48
    ]


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings()
    setup_logging(settings.log_level)
    if settings.bot_token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    from bot.app import StartupError, build_application

    try:
        return _serve(build_application(settings), args, settings)
    except StartupError as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 1


def _serve(app: CitizenBotApp, args: argparse.Namespace, settings: Settings) -> int:
    if args.webhook_url:
        app.run_webhook(
            listen=args.listen,
            port=args.port,
            url_path=args.url_path,
            webhook_url=args.webhook_url,
            secret_token=webhook_secret(settings),
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )
    else:
        # Never drop pending updates: they are what citizens sent while the bot was down.
        app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    """On Telegram when a token is configured, otherwise the offline console."""
    settings = _settings()
    if settings.bot_token is None:
        print(
            "No BOT_TOKEN configured: starting the offline console. "
            "Set BOT_TOKEN (see README) to run on Telegram."
        )
        return cmd_console(args)
    args.webhook_url = None
    return cmd_run(args)


def _console_key(settings: Settings) -> Settings:
    """The console may run without DATA_KEY: it makes a local key beside the database, and says so."""
    if settings.data_key is not None:
        return settings
    from pydantic import SecretStr

    from storage.crypto import new_key, valid_key

    path = settings.database_path.expanduser().resolve().parent / ".console-data-key"
    key = path.read_text().strip() if path.exists() else ""
    if not valid_key(key):
        key = new_key()
        path.write_text(key + "\n")
        path.chmod(0o600)
    print(
        f"No DATA_KEY set: the console encrypts personal data with a local key in {path} "
        "(set DATA_KEY for real use)."
    )
    return settings.model_copy(update={"data_key": SecretStr(key)})


def cmd_console(args: argparse.Namespace) -> int:
    settings = _settings()
    setup_logging("WARNING")
    from bot.app import StartupError
    from bot.console import Console

    settings = _console_key(settings)
    try:
        asyncio.run(Console(settings).run())
    except StartupError as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 1
    return 0


async def _init_db(settings: Settings) -> int:
    from storage.db import Database

    db = Database(settings.database_path)
    await db.open()
    try:
        return await db.migrate()
    finally:
        await db.close()


def cmd_init_db(args: argparse.Namespace) -> int:
    settings = _settings()
    version = asyncio.run(_init_db(settings))
    print(f"database {settings.database_path} is at schema version {version}")
    return 0


async def _backup(settings: Settings, target: Path) -> None:
    from storage.db import Database

    db = Database(settings.database_path)
    await db.open()
    try:
        await db.backup_to(target)
    finally:
        await db.close()


def cmd_backup(args: argparse.Namespace) -> int:
    settings = _settings()
    target = Path(args.path)
    if target.exists() and not args.force:
        print(f"{target} exists; pass --force to overwrite it", file=sys.stderr)
        return 2
    asyncio.run(_backup(settings, target))
    print(f"backed up {settings.database_path} to {target}")
    return 0


class _NoChats:
    """The import reaches no chat: hearings it creates have no bookings to tell anyone about."""

    async def to_staff(self, text: str, reply_markup: object = None) -> int | None:
        return None

    async def to_user(self, user_id: int, text: str, reply_markup: object = None) -> int | None:
        return None


async def _import_hearings(settings: Settings, text: str) -> int:
    from bot.clock import SystemClock
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

    db = Database(settings.database_path)
    await db.open()
    try:
        await db.migrate()
        clock, catalog = SystemClock(), Catalog(settings.default_locale)
        service = BookingService(
            BookingRepository(db),
            settings=settings,
            clock=clock,
            catalog=catalog,
            users=UserService(UserRepository(db), clock, settings.default_locale),
            reminders=ReminderService(ReminderRepository(db), clock),
            notifier=_NoChats(),
            audit=AuditRepository(db),
        )
        report = await import_hearings(text, service, catalog.for_locale(settings.default_locale))
    finally:
        await db.close()
    for line in report.lines:
        print(line)
    return 0 if report.refused == 0 and report.created > 0 else 1


def cmd_hearings_import(args: argparse.Namespace) -> int:
    settings = _settings()
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"cannot read {path}: {exc}", file=sys.stderr)
        return 2
    return asyncio.run(_import_hearings(settings, text))


def cmd_new_key(args: argparse.Namespace) -> int:
    from storage.crypto import new_key

    print(new_key())
    return 0


async def _rotate(settings: Settings) -> int:
    from storage.crypto import Cipher
    from storage.maintenance import rotate_sealed

    assert settings.data_key is not None and settings.data_key_old is not None
    cipher = Cipher(settings.data_key.get_secret_value(), settings.data_key_old.get_secret_value())
    return await rotate_sealed(settings.database_path, cipher)


def cmd_rotate_key(args: argparse.Namespace) -> int:
    """Re-encrypt personal data: DATA_KEY is the new key, DATA_KEY_OLD the one in use until now."""
    from storage.db import DatabaseInUse

    settings = _settings()
    if settings.data_key is None or settings.data_key_old is None:
        print(
            "Set DATA_KEY to the new key and DATA_KEY_OLD to the current one, then run again.",
            file=sys.stderr,
        )
        return 2
    try:
        changed = asyncio.run(_rotate(settings))
    except DatabaseInUse as exc:
        print(f"Cannot rotate: {exc}", file=sys.stderr)
        return 1
    print(f"re-encrypted {changed} values; now remove DATA_KEY_OLD")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup in place of the database, unless a bot is running on it."""
    from storage.db import DatabaseInUse
    from storage.maintenance import restore_from

    settings = _settings()
    source = Path(args.path)
    if not source.is_file():
        print(f"{source} does not exist", file=sys.stderr)
        return 2
    try:
        restore_from(source, settings.database_path)
    except ValueError as exc:
        print(f"{exc}; nothing was changed", file=sys.stderr)
        return 1
    except DatabaseInUse as exc:
        print(f"Cannot restore: {exc}", file=sys.stderr)
        return 1
    print(f"restored {source} into {settings.database_path}")
    return 0


async def _purge(settings: Settings, dry_run: bool) -> str:
    from bot.app import data_cipher
    from bot.clock import SystemClock
    from bot.services.privacy import PrivacyService
    from bot.services.reminders import ReminderService
    from storage.audit import AuditRepository
    from storage.db import Database
    from storage.privacy import PrivacyRepository
    from storage.reminders import ReminderRepository

    db = Database(settings.database_path, cipher=data_cipher(settings))
    await db.open()
    try:
        await db.migrate()
        clock = SystemClock()
        service = PrivacyService(
            PrivacyRepository(db),
            AuditRepository(db),
            ReminderService(ReminderRepository(db), clock),
            clock,
            settings,
        )
        report = await service.purge(dry_run=dry_run)
    finally:
        await db.close()
    verb = "would remove" if dry_run else "removed"
    return (
        f"{verb} the personal data of {report.cases} cases closed before "
        f"{report.cutoff:%Y-%m-%d} and of {report.bookings} bookings (statistics are kept)"
    )


def cmd_purge(args: argparse.Namespace) -> int:
    """Remove personal data older than RETENTION_DAYS; --dry-run only counts."""
    from bot.app import StartupError

    settings = _settings()
    try:
        print(asyncio.run(_purge(settings, args.dry_run)))
    except StartupError as exc:
        print(f"Cannot purge: {exc}", file=sys.stderr)
        return 1
    return 0


class _NoNotices:
    """Reading statistics tells nobody anything."""

    async def new_case(self, *args: object) -> None: ...

    async def citizen_activity(self, *args: object) -> None: ...

    async def status_changed(self, *args: object) -> None: ...

    async def ask_rating(self, *args: object) -> None: ...


async def _stats(settings: Settings, period: str | None) -> str:
    from bot.app import data_cipher
    from bot.clock import SystemClock
    from bot.domain.errors import DomainError
    from bot.domain.metrics import compute_rates, parse_period
    from bot.i18n import Catalog
    from bot.services.cases import CaseService
    from bot.services.staffdesk import StatsReport, facts_of
    from handlers.staff import stats_text
    from storage.cases import CaseRepository
    from storage.db import Database

    t = Catalog(settings.default_locale).for_locale(settings.default_locale)
    db = Database(settings.database_path, cipher=data_cipher(settings))
    await db.open()
    try:
        await db.migrate()
        clock = SystemClock()
        now = clock.now()
        try:
            start, end = parse_period(period, now, settings.tz)
        except DomainError as error:
            raise SystemExit(t(error.key, **error.kwargs)) from None
        cases = await CaseService(CaseRepository(db), clock, settings, _NoNotices()).cases_received(
            start, end
        )
        report = StatsReport(
            start=start, end=end, rates=compute_rates([facts_of(c) for c in cases], now)
        )
        return stats_text(report, t, settings.tz)
    finally:
        await db.close()


def cmd_stats(args: argparse.Namespace) -> int:
    """The /stats figures in the terminal (works while the bot runs)."""
    from bot.app import StartupError

    settings = _settings()
    period = " ".join(args.period) or None
    try:
        print(asyncio.run(_stats(settings, period)))
    except StartupError as exc:
        print(f"Cannot read: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """Fit the danger and question models from the examples under locales/ (needs scikit-learn)."""
    try:
        from bot import training
    except ImportError as exc:  # scikit-learn is a dev dependency
        print(f"Training needs the dev dependencies (pip install -e '.[dev]'): {exc}")
        return 2
    if args.what in ("danger", "all"):
        model = training.train()
        print(f"danger model: {len(model.labels)} labels, threshold {model.threshold:.4f}")
    if args.what in ("faq", "all"):
        training.train_faq()
        print("question model and matcher parameters written")
    print("figures: python -m bench.understanding")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="citizen-bot", description="12309 citizen-service Telegram bot"
    )
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the bot on Telegram (long polling, or a webhook)")
    run.add_argument("--webhook-url", help="public HTTPS URL Telegram should post updates to")
    run.add_argument("--listen", default="127.0.0.1", help="address the webhook server listens on")
    run.add_argument("--port", type=int, default=8443, help="port the webhook server listens on")
    run.add_argument("--url-path", default="telegram", help="path of the webhook on this server")
    run.set_defaults(func=cmd_run)
    sub.add_parser(
        "start", help="run on Telegram if BOT_TOKEN is set, else the console"
    ).set_defaults(func=cmd_start)
    sub.add_parser("console", help="try the bot offline in this terminal").set_defaults(
        func=cmd_console
    )
    sub.add_parser("init-db", help="create or upgrade the database").set_defaults(func=cmd_init_db)
    backup = sub.add_parser("backup", help="copy the database safely, even while the bot runs")
    backup.add_argument("path")
    backup.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    backup.set_defaults(func=cmd_backup)
    stats = sub.add_parser("stats", help="reply and completion rates for a period (as /stats)")
    stats.add_argument("period", nargs="*", help="this-month | last-month | YYYY-MM | FROM TO")
    stats.set_defaults(func=cmd_stats)
    purge = sub.add_parser("purge", help="remove personal data older than RETENTION_DAYS")
    purge.add_argument("--dry-run", action="store_true", help="only say what would be removed")
    purge.set_defaults(func=cmd_purge)
    restore = sub.add_parser(
        "restore", help="put a backup in place (refused while a bot runs on it)"
    )
    restore.add_argument("path")
    restore.set_defaults(func=cmd_restore)
    sub.add_parser("new-key", help="print a new DATA_KEY").set_defaults(func=cmd_new_key)
    rotate = sub.add_parser(
        "rotate-key", help="re-encrypt personal data (DATA_KEY new, DATA_KEY_OLD current)"
    )
    rotate.set_defaults(func=cmd_rotate_key)
    train = sub.add_parser(
        "train", help="fit the danger and question models from locales/ (dev dependencies)"
    )
    train.add_argument("what", nargs="?", choices=["all", "danger", "faq"], default="all")
    train.set_defaults(func=cmd_train)
    hearings = sub.add_parser("hearings", help="manage public hearings")
    hearings_sub = hearings.add_subparsers(dest="hearings_command", required=True)
    hearings_import = hearings_sub.add_parser(
        "import", help="create hearings from a CSV file, with a row-by-row report"
    )
    hearings_import.add_argument("file", help="CSV with a header row: " + ",".join(_CSV_COLUMNS))
    hearings_import.set_defaults(func=cmd_hearings_import)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
