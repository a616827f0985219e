"""Who the user is to the bot: their language."""

from __future__ import annotations

from bot.clock import Clock
from bot.config import SUPPORTED_LOCALES
from bot.i18n import pick_locale
from storage.users import UserRepository


class UserService:
    """Keeps each user's chosen language in the database and in memory for fast look-ups."""

    def __init__(self, repo: UserRepository, clock: Clock, default_locale: str) -> None:
        self.repo = repo
        self.clock = clock
        self.default_locale = default_locale
        self._chosen: dict[int, str] = {}
        self._seen: set[int] = set()

    async def load(self) -> None:
        """Read every stored language choice (at start-up)."""
        self._chosen = await self.repo.known_locales()

    def locale_for(self, user_id: int | None, language_code: str | None) -> str:
        """The stored choice if any, else Telegram's language_code mapped to a supported locale."""
        if user_id is not None and user_id in self._chosen:
            return self._chosen[user_id]
        return pick_locale(language_code, self.default_locale)

    async def note_seen(self, user_id: int, language_code: str | None) -> None:
        """Record a user once per process run (first seen / last seen), not on every update."""
        if user_id in self._seen:
            return
        self._seen.add(user_id)
        await self.repo.seen(user_id, language_code, self.clock.now())

    async def choose_locale(self, user_id: int, locale: str) -> str:
        """Store the language a user picked; returns it."""
        if locale not in SUPPORTED_LOCALES:
            raise ValueError(f"unsupported locale {locale}")
        await self.repo.set_locale(user_id, locale, self.clock.now())
        self._chosen[user_id] = locale
        return locale
