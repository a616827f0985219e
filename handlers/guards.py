"""Checks shared by handlers: who may use staff commands."""

from __future__ import annotations

import logging

from telegram import Update

from handlers.context import BotContext

log = logging.getLogger(__name__)


async def require_staff(update: Update, context: BotContext) -> bool:
    """True for configured staff; otherwise a polite refusal, logged and audited. Checked on every call."""
    user = update.effective_user
    if user is not None and context.services.settings.is_staff(user.id):
        return True
    log.warning("refused staff action to user %s", user.id if user else None)
    await context.services.audit.record(
        context.services.clock.now(),
        user.id if user else None,
        "staff_refused",
        detail=(update.effective_message.text or "")[:64]
        if update.effective_message
        else (update.callback_query.data if update.callback_query else None),
    )
    if update.callback_query:
        await update.callback_query.answer(context.t("not-staff"), show_alert=True)
    elif update.effective_message:
        await update.effective_message.reply_text(context.t("not-staff"))
    return False
