"""Keyboards shared by several conversations."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.config import SUPPORTED_LOCALES
from bot.i18n import Translator
from handlers.callbacks import encode

MENU_ENTRIES: tuple[tuple[str, str], ...] = (
    ("ask", "menu-ask"),
    ("file", "menu-file"),
    ("wages", "menu-wages"),
    ("cases", "menu-my-cases"),
    ("hearings", "menu-hearings"),
    ("lang", "menu-language"),
)


def main_menu(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t(key), callback_data=encode("menu", entry))]
            for entry, key in MENU_ENTRIES
        ]
    )


def menu_label(t: Translator, entry: str) -> str:
    """The label of a main-menu entry, e.g. for 'coming soon' messages."""
    for name, key in MENU_ENTRIES:
        if name == entry:
            return t(key).split(" ", 1)[-1]
    return entry


def language_menu(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(f"language-name-{loc}"), callback_data=encode("lang", "set", loc)
                )
            ]
            for loc in SUPPORTED_LOCALES
        ]
    )


def back_to_menu(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t("menu-back"), callback_data=encode("menu", "home"))]]
    )
