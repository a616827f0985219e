"""The port through which use cases reach other chats (staff chat, a citizen's chat)."""

from __future__ import annotations

from typing import Any, Protocol


class Notifier(Protocol):
    async def to_staff(self, text: str, reply_markup: Any = None) -> int | None:
        """Post to the staff chat; returns the message id, or None when no staff chat is set."""
        ...

    async def to_user(self, user_id: int, text: str, reply_markup: Any = None) -> int | None:
        """Message a citizen's private chat; returns the message id, or None if it failed."""
        ...
