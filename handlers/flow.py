"""Moving between conversations: a menu button or command pressed inside one form reaches its target.

A conversation that is waiting for input would otherwise swallow the update (or leave two
conversations waiting for the same text). Instead the waiting conversation ends (its draft stays
in user_data, so the citizen can continue later) and the update is queued again, to be handled
after this one by whoever it was meant for.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler

from handlers.context import BotContext

NAVIGATION_COMMANDS = (
    "start",
    "help",
    "privacy",
    "language",
    "mycases",
    "hearings",
    "new_hearing",
    "hearings_admin",
    "mydata",
)
REQUEUED_KEY = "_requeued_update_ids"


async def hand_over(update: Update, context: BotContext) -> int:
    """End the current conversation and let the update be handled again by its real target."""
    requeued: set[int] = context.application.bot_data.setdefault(REQUEUED_KEY, set())
    if update.update_id in requeued:  # never loop: a second pass goes nowhere
        requeued.discard(update.update_id)
        return ConversationHandler.END
    if len(requeued) > 1000:  # only the last few matter; keep the set small
        requeued.clear()
    requeued.add(update.update_id)
    await context.application.update_queue.put(update)
    return ConversationHandler.END


def navigation_fallbacks() -> list[BaseHandler]:
    """Fallbacks for every conversation: other buttons and general commands leave it (draft kept)."""
    return [
        CommandHandler(list(NAVIGATION_COMMANDS), hand_over),
        # Any button this conversation's state does not claim belongs to another flow.
        CallbackQueryHandler(hand_over),
    ]


def was_requeued(context: BotContext, update: Update) -> bool:
    return update.update_id in context.application.bot_data.get(REQUEUED_KEY, set())
