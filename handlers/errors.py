"""Errors the bot causes: an apology to the citizen, a short report to the staff chat."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, TelegramError

from handlers.context import BotContext

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    # Redacted by the logging filter; the traceback stays in the log, never in a chat.
    log.error("error handling update %s: %r", update_id, error, exc_info=error)
    if isinstance(error, (Forbidden, NetworkError)):
        return
    if (
        isinstance(update, Update)
        and update.effective_chat
        and update.effective_chat.type == "private"
    ):
        try:
            if update.callback_query:
                await update.callback_query.answer()
            await context.bot.send_message(update.effective_chat.id, context.t("error-apology"))
        except TelegramError:
            log.warning("could not send the apology for update %s", update_id)
    case_number = getattr(error, "case_number", None)
    staff_t = context.services.catalog.for_locale(context.services.settings.default_locale)
    await context.services.notifier.to_staff(
        staff_t(
            "staff-error-report",
            update=str(update_id) if update_id is not None else "-",
            error=type(error).__name__,
            case=f" ({case_number})" if case_number else "",
        )
    )
