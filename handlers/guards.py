"""Checks shared by handlers: who may use staff commands."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from handlers.context import BotContext
from handlers.flow import was_requeued

log = logging.getLogger(__name__)


async def flood_guard(update: Update, context: BotContext) -> None:
    """Past the burst limit a citizen is told once to slow down; then updates are dropped until it passes.

    Staff are never throttled. The same button pressed again within seconds acts once.
    """
    user = update.effective_user
    if user is None or context.services.settings.is_staff(user.id) or was_requeued(context, update):
        return  # a handed-over update was counted on its first pass
    guard, now = context.services.flood, context.services.clock.now()
    query = update.callback_query
    if query is not None and query.message is not None:
        if guard.repeated_press(user.id, query.message.message_id, query.data or "", now):
            await query.answer()
            raise ApplicationHandlerStop
        return
    verdict = guard.check(user.id, now)
    if verdict == "ok":
        return
    if verdict == "warn" and update.effective_message is not None:
        await update.effective_message.reply_text(context.t("flood-slow-down"))
    log.info("flood guard dropped an update from user %s", user.id)
    raise ApplicationHandlerStop


async def _in_staff_chat(context: BotContext, user_id: int) -> bool:
    """Someone removed from the staff group loses staff rights at once, even if still configured."""
    chat_id = context.services.settings.staff_chat_id
    if chat_id is None:
        return True
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError as exc:  # fail closed: no staff action on an unverifiable member
        log.warning("could not check staff chat membership: %s", type(exc).__name__)
        return False
    return member.status in ("creator", "administrator", "member", "restricted")


async def require_staff(update: Update, context: BotContext) -> bool:
    """True for configured staff; otherwise a polite refusal, logged and audited. Checked on every call."""
    user = update.effective_user
    if (
        user is not None
        and context.services.settings.is_staff(user.id)
        and await _in_staff_chat(context, user.id)
    ):
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
