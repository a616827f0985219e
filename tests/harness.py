"""A test reads like a chat: `await chat.send("/start")`, `await chat.press("Language")`."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import CitizenBotApp, build_application
from bot.clock import ManualClock
from bot.config import Settings, load_settings
from bot.offline import (
    FakeTelegram,
    OfflineRequest,
    Person,
    Sent,
    UpdateFactory,
    decode_update,
    find_button,
)
from storage.crypto import new_key

STAFF_CHAT_ID = -1001234567890
STAFF_USER_ID = 900001
TEST_DATA_KEY = new_key()


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_path": tmp_path / "bot.sqlite3",
        "staff_chat_id": STAFF_CHAT_ID,
        "staff_user_ids": [STAFF_USER_ID],
        "bot_token": None,
        "data_key": TEST_DATA_KEY,
        "flood_max_messages": 10000,  # the injected clock stands still; flood tests set their own
    }
    values.update(overrides)
    return load_settings(**values)


class Chat:
    """One person talking to the bot in one chat."""

    def __init__(self, harness: BotHarness, person: Person) -> None:
        self.harness = harness
        self.person = person

    @property
    def sent(self) -> list[Sent]:
        """Everything the bot sent or edited in this chat, in order."""
        return self.harness.telegram.sent_to(self.person.chat_id)

    @property
    def last(self) -> Sent:
        messages = self.sent
        assert messages, f"the bot has said nothing in chat {self.person.chat_id}"
        return (
            self.harness.telegram.current(self.person.chat_id, messages[-1].message_id)
            or messages[-1]
        )

    @property
    def last_text(self) -> str:
        return self.last.text or ""

    def texts_since(self, mark: int) -> list[str]:
        return [s.text or "" for s in self.sent[mark:]]

    def mark(self) -> int:
        return len(self.sent)

    async def send(self, text: str, reply_to: int | None = None) -> list[str]:
        """Type a message; returns the texts the bot sent back in this chat."""
        mark = self.mark()
        await self.harness.feed(self.harness.factory.text(self.person, text, reply_to=reply_to))
        return self.texts_since(mark)

    async def send_contact(self, phone: str) -> list[str]:
        mark = self.mark()
        await self.harness.feed(self.harness.factory.contact(self.person, phone))
        return self.texts_since(mark)

    async def send_location(self, latitude: float, longitude: float) -> list[str]:
        mark = self.mark()
        await self.harness.feed(self.harness.factory.location(self.person, latitude, longitude))
        return self.texts_since(mark)

    async def send_photo(self, file_id: str, size: int = 200_000) -> list[str]:
        mark = self.mark()
        await self.harness.feed(self.harness.factory.photo(self.person, file_id, size))
        return self.texts_since(mark)

    async def send_document(self, file_name: str, mime_type: str, size: int = 100_000) -> list[str]:
        mark = self.mark()
        await self.harness.feed(
            self.harness.factory.document(
                self.person, f"doc-{file_name}", file_name, mime_type, size
            )
        )
        return self.texts_since(mark)

    def last_with_buttons(self) -> Sent:
        for sent in reversed(self.sent):
            current = self.harness.telegram.current(sent.chat_id, sent.message_id) or sent
            if current.buttons:
                return current
        raise AssertionError("no message with buttons in this chat")

    def buttons(self) -> list[str]:
        return [b["text"] for b in self.last_with_buttons().flat_buttons]

    async def press(self, label: str | int, message: Sent | None = None) -> list[str]:
        """Press a button (by label or 1-based number) of the last message that has buttons."""
        target = message or self.last_with_buttons()
        button = find_button(target, label)
        mark = self.mark()
        if target.is_inline:
            await self.harness.feed(
                self.harness.factory.callback(self.person, target, button["callback_data"])
            )
        elif button.get("request_contact"):
            await self.harness.feed(self.harness.factory.contact(self.person, "+8613800138000"))
        else:
            await self.harness.feed(self.harness.factory.text(self.person, button["text"]))
        return self.texts_since(mark)

    async def press_data(self, data: str, message: Sent | None = None) -> list[str]:
        """Send raw callback data, as a forged or stale button would."""
        target = message or self.last
        mark = self.mark()
        await self.harness.feed(self.harness.factory.callback(self.person, target, data))
        return self.texts_since(mark)


class BotHarness:
    """The real Application with every handler, on a real SQLite file, with a fake Telegram wire."""

    def __init__(self, settings: Settings, clock: ManualClock | None = None) -> None:
        self.settings = settings
        self.clock = clock or ManualClock(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
        self.telegram = FakeTelegram()
        self.factory = UpdateFactory(self.telegram)
        self.app: CitizenBotApp | None = None

    async def start(self) -> BotHarness:
        self.app = build_application(
            self.settings, request=OfflineRequest(self.telegram), clock=self.clock, rate_limit=False
        )
        await self.app.initialize()
        # Tests see the bot as it is once the models have loaded, never a race with them.
        await asyncio.to_thread(self.app.services.faq.warm_up)
        await self.app.start()
        return self

    async def stop(self) -> None:
        if self.app is not None:
            await self.app.stop()
            await self.app.shutdown()
            self.app = None

    async def crash(self) -> None:
        """Drop the Application without a clean shutdown (no final persistence flush)."""
        assert self.app is not None
        app, self.app = self.app, None
        app.job_queue.scheduler.shutdown(wait=False) if app.job_queue else None  # type: ignore[func-returns-value]
        await app.services.db.close()

    async def restart(self, clean: bool = True) -> None:
        """A new Application on the same database, as after a process restart."""
        if clean:
            await self.stop()
        else:
            await self.crash()
        await self.start()

    async def advance(self, delta: timedelta) -> None:
        """Move the bot's clock and let the reminder dispatcher run, as the job would."""
        self.clock.advance(delta)
        await self.tick()

    async def tick(self) -> None:
        assert self.app is not None
        await self.app.services.reminders.dispatch_due()

    async def feed(self, data: dict[str, Any]) -> None:
        assert self.app is not None, "start the harness first"
        # Through the update queue, as in production, and wait until it (and any update a
        # conversation handed over) has been handled.
        await self.app.update_queue.put(decode_update(data, self.app.bot))
        await self.app.update_queue.join()

    def citizen(
        self, user_id: int = 10001, name: str = "李明", language_code: str | None = "zh-CN"
    ) -> Chat:
        return Chat(self, Person(user_id, name, user_id, language_code))

    def staff(self, user_id: int = STAFF_USER_ID, name: str = "王检察官") -> Chat:
        chat_id = self.settings.staff_chat_id
        assert chat_id is not None
        return Chat(self, Person(user_id, name, chat_id, "zh-CN", "staffer"))

    def calls(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.telegram.calls if name == method]
