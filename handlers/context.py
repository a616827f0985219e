"""The callback context every handler gets: its services and the user's translator."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.i18n import Translator

if TYPE_CHECKING:
    from bot.services import Services


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Hands handlers what they need (services, translator) instead of globals."""

    _update: Update | None = None

    @classmethod
    def from_update(
        cls, update: object, application: Application[Any, Any, Any, Any, Any, Any]
    ) -> BotContext:
        context = super().from_update(update, application)
        context._update = update if isinstance(update, Update) else None
        return context  # type: ignore[return-value]

    @property
    def services(self) -> Services:
        return self.application.services  # type: ignore[attr-defined,no-any-return]

    @property
    def locale(self) -> str:
        user = self._update.effective_user if self._update else None
        return self.services.users.locale_for(
            user.id if user else None, user.language_code if user else None
        )

    @property
    def t(self) -> Translator:
        return self.services.catalog.for_locale(self.locale)

    def translator_for(self, user_id: int) -> Translator:
        return self.services.catalog.for_locale(self.services.users.locale_for(user_id, None))
