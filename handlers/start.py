"""The menu, /help, /privacy, /language and /cancel."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.config import SUPPORTED_LOCALES
from bot.i18n import Catalog
from handlers.callbacks import parse, pattern
from handlers.context import BotContext
from handlers.keyboards import language_menu, main_menu, menu_label

COMMANDS = ("start", "help", "language", "privacy", "cancel")


async def start(update: Update, context: BotContext) -> None:
    t = context.t
    office = context.services.settings.office_name_for(t.locale)
    assert update.effective_message
    await update.effective_message.reply_text(
        t("start-greeting", office=office), reply_markup=main_menu(t)
    )


async def show_menu(update: Update, context: BotContext) -> None:
    if update.callback_query:
        await update.callback_query.answer()
    assert update.effective_chat
    await context.bot.send_message(
        update.effective_chat.id, context.t("menu-title"), reply_markup=main_menu(context.t)
    )


async def help_command(update: Update, context: BotContext) -> None:
    t, settings = context.t, context.services.settings
    assert update.effective_message
    await update.effective_message.reply_text(
        t(
            "help-text",
            office=settings.office_name_for(t.locale),
            address=settings.office_address,
            hours=settings.office_hours,
        ),
        reply_markup=main_menu(t),
    )


async def privacy(update: Update, context: BotContext) -> None:
    t = context.t
    assert update.effective_message
    await update.effective_message.reply_text(
        t(
            "privacy-text",
            office=context.services.settings.office_name_for(t.locale),
            days=context.services.settings.retention_days,
        )
    )


async def choose_language(update: Update, context: BotContext) -> None:
    if update.callback_query:
        await update.callback_query.answer()
    assert update.effective_chat
    await context.bot.send_message(
        update.effective_chat.id,
        context.t("language-choose"),
        reply_markup=language_menu(context.t),
    )


async def set_language(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query and update.effective_user
    callback = parse(query.data)
    locale = callback.arg(0) if callback else ""
    if locale not in SUPPORTED_LOCALES:
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    await context.services.users.choose_locale(update.effective_user.id, locale)
    t = context.t
    await query.answer()
    await query.edit_message_text(t("language-set"))
    await context.bot.send_message(
        query.message.chat.id, t("menu-title"), reply_markup=main_menu(t)
    )  # type: ignore[union-attr]


async def cancel(update: Update, context: BotContext) -> None:
    """/cancel outside any form: nothing to leave, so show the menu."""
    assert update.effective_message
    await update.effective_message.reply_text(
        context.t("nothing-to-cancel"), reply_markup=main_menu(context.t)
    )


async def coming_soon(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query
    callback = parse(query.data)
    await query.answer()
    feature = menu_label(context.t, callback.action if callback else "")
    await context.bot.send_message(
        query.message.chat.id,  # type: ignore[union-attr]
        context.t("coming-soon", feature=feature),
        reply_markup=main_menu(context.t),
    )


async def expired_button(update: Update, context: BotContext) -> None:
    """Any callback no handler claimed: a button from before a restart, or forged data."""
    if update.callback_query:
        await update.callback_query.answer(context.t("button-expired"), show_alert=True)


async def unknown_command(update: Update, context: BotContext) -> None:
    assert update.effective_message
    await update.effective_message.reply_text(context.t("unknown-command"))


def handlers() -> list[BaseHandler]:
    """Menu and general commands; registered before the feature conversations."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("start", start, filters=private),
        CommandHandler("help", help_command),
        CommandHandler("privacy", privacy),
        CommandHandler("language", choose_language, filters=private),
        CallbackQueryHandler(show_menu, pattern=pattern("menu", "home")),
        CallbackQueryHandler(choose_language, pattern=pattern("menu", "lang")),
        CallbackQueryHandler(set_language, pattern=pattern("lang", "set")),
    ]


def fallback_handlers() -> list[BaseHandler]:
    """Registered after every feature: what nobody else claimed."""
    return [
        CommandHandler("cancel", cancel),
        CallbackQueryHandler(coming_soon, pattern=pattern("menu")),
        CallbackQueryHandler(expired_button),
        MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, unknown_command),
    ]


def bot_commands(catalog: Catalog) -> dict[str | None, list[BotCommand]]:
    """Telegram's command menu per language_code (None = users of any other language)."""
    result: dict[str | None, list[BotCommand]] = {}
    for locale in SUPPORTED_LOCALES:
        t = catalog.for_locale(locale)
        result[locale.split("-")[0]] = [BotCommand(c, t(f"cmd-{c}")) for c in COMMANDS]
    default = catalog.for_locale(catalog.default_locale)
    result[None] = [BotCommand(c, default(f"cmd-{c}")) for c in COMMANDS]
    return result
