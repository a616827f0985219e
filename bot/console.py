"""`citizen-bot console`: the real Application in a terminal chat, offline.

Typed lines become messages; buttons are numbered and chosen by number; messages the bot sends
to other chats (the staff chat, another citizen) are printed with a label.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TextIO

from bot.app import CitizenBotApp, build_application
from bot.clock import ManualClock
from bot.config import Settings
from bot.offline import (
    ButtonNotFound,
    FakeTelegram,
    OfflineRequest,
    Person,
    Sent,
    UpdateFactory,
    decode_update,
    find_button,
)

CONSOLE_STAFF_CHAT = -1000000000001
CONSOLE_STAFF_USER = 900001
CITIZEN_BASE_ID = 10001

HELP = """Console commands (not sent to the bot):
  1, 2, ...          press button N of the last message with buttons
  =TEXT              send TEXT literally (e.g. =5 when the answer is a number)
  /as staff          type as a staff member in the staff chat
  /as citizen [NAME] type as a citizen (a new NAME is a new person)
  /contact [PHONE]   share your phone with Telegram's contact button
  /location LAT LON  send a map pin
  /photo [NAME]      send a photo;  /file NAME [SIZE_KB]  send a document
  /reply N TEXT      reply (Telegram reply) to bot message N in this chat
  /clock [+2h|+3d]   show or move the bot's clock
  /restart           stop the bot and start it again on the same database
  /console-help      this text;  /quit  leave"""


@dataclass
class ConsoleState:
    telegram: FakeTelegram
    factory: UpdateFactory
    people: dict[str, Person] = field(default_factory=dict)
    current: str = "citizen"


def console_settings(settings: Settings) -> Settings:
    """Fill in a staff chat and a staff member when the office has not configured them."""
    update: dict[str, object] = {}
    if settings.staff_chat_id is None:
        update["staff_chat_id"] = CONSOLE_STAFF_CHAT
    if not settings.staff_user_ids:
        update["staff_user_ids"] = [CONSOLE_STAFF_USER]
    return settings.model_copy(update=update) if update else settings


class Console:
    def __init__(
        self, settings: Settings, out: TextIO = sys.stdout, read_line: Callable[[str], str] = input
    ) -> None:
        self.settings = console_settings(settings)
        self.out = out
        self.read_line = read_line
        self.clock = ManualClock()
        telegram = FakeTelegram()
        telegram.chat_titles[self.settings.staff_chat_id or CONSOLE_STAFF_CHAT] = "Staff"
        self.state = ConsoleState(telegram, UpdateFactory(telegram))
        staff_id = self.settings.staff_user_ids[0]
        self.state.people["staff"] = Person(
            staff_id, "Staff", self.settings.staff_chat_id or CONSOLE_STAFF_CHAT, "zh-CN", "staff"
        )
        self.state.people["citizen"] = Person(CITIZEN_BASE_ID, "Citizen", CITIZEN_BASE_ID, "zh-CN")
        telegram.listeners.append(self._print_sent)
        self.app: CitizenBotApp | None = None

    @property
    def person(self) -> Person:
        return self.state.people[self.state.current]

    def _label(self, chat_id: int) -> str:
        if chat_id == self.settings.staff_chat_id:
            return "staff chat"
        for name, person in self.state.people.items():
            if person.chat_id == chat_id:
                return name
        return f"chat {chat_id}"

    def _print_sent(self, sent: Sent) -> None:
        here = sent.chat_id == self.person.chat_id
        head = "🤖" if here else f"  [→ {self._label(sent.chat_id)}]"
        action = " (edited)" if sent.edited else ""
        text = sent.text or ""
        if sent.method in ("sendDocument", "sendPhoto") and not sent.edited:
            attached = sent.params.get("document") or sent.params.get("photo")
            text = f"📎 [{attached}] {text}"
        print(f"{head}{action} #{sent.message_id} {text}".rstrip(), file=self.out)
        for number, button in enumerate(sent.flat_buttons, 1):
            extra = " (shares your phone)" if button.get("request_contact") else ""
            extra += " (link)" if button.get("url") else ""
            print(f"     [{number}] {button.get('text')}{extra}", file=self.out)

    def _last_with_buttons(self) -> Sent | None:
        for sent in reversed(self.state.telegram.sent_to(self.person.chat_id)):
            current = self.state.telegram.current(sent.chat_id, sent.message_id)
            if current and current.buttons:
                return current
            if sent.method == "sendMessage" and not sent.edited:
                # A newer plain message hides an older reply keyboard only if it removed it.
                if sent.reply_markup and sent.reply_markup.get("remove_keyboard"):
                    return None
        return None

    async def start(self) -> None:
        self.app = build_application(
            self.settings,
            request=OfflineRequest(self.state.telegram),
            clock=self.clock,
            rate_limit=False,
        )
        await self.app.initialize()
        # Telegram's update ids only grow; a new console session on an old database must too,
        # or its updates would be dropped as already handled.
        last = await self.app.services.updates.last_id()
        self.state.factory.update_ids = itertools.count(
            max(last + 1, next(self.state.factory.update_ids))
        )
        await self.app.start()

    async def stop(self) -> None:
        if self.app is not None:
            app, self.app = self.app, None
            if app.running:
                await app.stop()
            if app._initialized:  # a start that failed half-way has nothing to shut down
                await app.shutdown()

    async def feed(self, data: dict) -> None:
        assert self.app is not None
        await self.app.update_queue.put(decode_update(data, self.app.bot))
        await self.app.update_queue.join()

    async def handle_line(self, line: str) -> bool:
        """One typed line; returns False when the user wants to leave."""
        line = line.strip()
        if not line:
            return True
        factory, person = self.state.factory, self.person
        if line in ("/quit", "/exit"):
            return False
        if line == "/console-help":
            print(HELP, file=self.out)
        elif line.startswith("/as"):
            await self._switch(line[3:].strip())
        elif line == "/restart":
            await self.stop()
            print("… restarting the bot on the same database …", file=self.out)
            await self.start()
        elif line.startswith("/clock"):
            await self._clock(line[6:].strip())
        elif line.startswith("/contact"):
            phone = line[8:].strip() or "+8613800138000"
            await self.feed(factory.contact(person, phone))
        elif line.startswith("/location"):
            parts = line.split()
            try:
                lat, lon = float(parts[1]), float(parts[2])
            except (IndexError, ValueError):
                print("usage: /location 43.88 125.32", file=self.out)
                return True
            await self.feed(factory.location(person, lat, lon))
        elif line.startswith("/photo"):
            name = line[6:].strip() or "photo"
            await self.feed(factory.photo(person, f"console-photo-{name}"))
        elif line.startswith("/file"):
            parts = line.split()
            if len(parts) < 2:
                print("usage: /file contract.pdf [size_kb]", file=self.out)
                return True
            size = int(parts[2]) * 1024 if len(parts) > 2 and parts[2].isdigit() else 300_000
            await self.feed(
                factory.document(person, f"console-doc-{parts[1]}", parts[1], _mime(parts[1]), size)
            )
        elif line.startswith("/reply"):
            match = re.match(r"/reply\s+(\d+)\s+(.+)", line, re.S)
            if not match:
                print("usage: /reply MESSAGE_NUMBER text", file=self.out)
                return True
            await self.feed(factory.text(person, match.group(2), reply_to=int(match.group(1))))
        elif re.fullmatch(r"\d{1,2}", line) and self._last_with_buttons() is not None:
            await self._press(int(line))
        else:
            await self.feed(factory.text(person, line[1:] if line.startswith("=") else line))
        return True

    async def _press(self, number: int) -> None:
        message = self._last_with_buttons()
        assert message is not None
        try:
            button = find_button(message, number)
        except ButtonNotFound as exc:
            print(f"  ({exc})", file=self.out)
            return
        factory, person = self.state.factory, self.person
        if message.is_inline:
            if "callback_data" not in button:
                print(f"  (a link: {button.get('url')})", file=self.out)
                return
            await self.feed(factory.callback(person, message, button["callback_data"]))
        elif button.get("request_contact"):
            await self.feed(factory.contact(person, "+8613800138000"))
        elif button.get("request_location"):
            await self.feed(factory.location(person, 43.88, 125.32))
        else:
            await self.feed(factory.text(person, button["text"]))

    async def _switch(self, who: str) -> None:
        people = self.state.people
        name = who or "citizen"
        if name.startswith("citizen") and name != "citizen":
            name = name.split(maxsplit=1)[1] if " " in name else name
        is_new = name not in people
        if is_new:
            new_id = CITIZEN_BASE_ID + len(people)
            people[name] = Person(new_id, name, new_id, "zh-CN")
        self.state.current = name
        person = people[name]
        where = "the staff chat" if person.chat_id < 0 else "a private chat with the bot"
        print(f"… you are now {name} (user {person.user_id}) in {where}", file=self.out)
        if is_new:  # a new person opens the bot the way everyone does
            await self.feed(self.state.factory.text(person, "/start"))

    async def _clock(self, arg: str) -> None:
        match = re.fullmatch(r"\+(\d+)([mhd])", arg)
        if arg and not match:
            print("usage: /clock +30m | +2h | +3d", file=self.out)
            return
        if match:
            amount, unit = int(match.group(1)), match.group(2)
            delta = {
                "m": timedelta(minutes=amount),
                "h": timedelta(hours=amount),
                "d": timedelta(days=amount),
            }[unit]
            self.clock.advance(delta)
            if self.app is not None:
                # Whatever fell due while the clock jumped goes out now, as the job would send it.
                await self.app.services.reminders.dispatch_due()
        print(
            f"… bot clock: {self.clock.now().astimezone(self.settings.tz):%Y-%m-%d %H:%M %Z}",
            file=self.out,
        )

    async def run(self) -> None:
        print(
            f"Offline console of {self.settings.office_name} — no network, no token. "
            "Type /console-help for console commands, /quit to leave.",
            file=self.out,
        )
        await self.start()
        try:
            await self.feed(self.state.factory.text(self.person, "/start"))
            loop = asyncio.get_running_loop()
            while True:
                prompt = f"{self.state.current}> "
                try:
                    line = await loop.run_in_executor(None, self.read_line, prompt)
                except EOFError:
                    break
                if not await self.handle_line(line):
                    break
        finally:
            await self.stop()


def _mime(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {
        "pdf": "application/pdf",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "png": "image/png",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "txt": "text/plain",
        "exe": "application/x-msdownload",
        "zip": "application/zip",
    }.get(ext, "application/octet-stream")
