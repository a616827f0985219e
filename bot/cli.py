"""citizen-bot start | run | console | init-db | backup PATH"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import sys
from pathlib import Path

from telegram import Update

from bot.config import ConfigError, Settings, load_settings
from bot.logging_setup import setup_logging

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
    from bot.app import build_application

    app = build_application(settings)
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


def cmd_console(args: argparse.Namespace) -> int:
    settings = _settings()
    setup_logging("WARNING")
    from bot.console import Console

    asyncio.run(Console(settings).run())
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
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
