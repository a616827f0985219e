"""Telegram without the network: a fake Bot API wire, update factories and a chat driver.

Used by the offline console, the conversation tests and the loopback Bot API server of the
end-to-end tests. Only the wire is fake: the Application, handlers and database are the real ones.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

BOT_ID = 7_000_000_001
BOT_USERNAME = "citizen_service_bot"
SEND_METHODS = {
    "sendMessage": "text",
    "sendPhoto": "photo",
    "sendDocument": "document",
    "sendLocation": "location",
    "sendContact": "contact",
    "copyMessage": "copy",
    "forwardMessage": "forward",
}


@dataclass
class Sent:
    """One message the bot sent (or edited), as the fake Telegram keeps it."""

    method: str
    chat_id: int
    message_id: int
    text: str | None
    reply_markup: dict[str, Any] | None
    params: dict[str, Any]
    edited: bool = False

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        """Rows of buttons (inline or reply keyboard), empty when there are none."""
        if not self.reply_markup:
            return []
        return self.reply_markup.get("inline_keyboard") or self.reply_markup.get("keyboard") or []

    @property
    def is_inline(self) -> bool:
        return bool(self.reply_markup and "inline_keyboard" in self.reply_markup)

    @property
    def flat_buttons(self) -> list[dict[str, Any]]:
        return [button for row in self.buttons for button in row]


def _json_value(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeTelegram:
    """Answers Bot API methods as Telegram would and records what the bot sent, per chat."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._message_ids: dict[int, itertools.count[int]] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.messages: dict[int, dict[int, Sent]] = {}
        self.log: list[Sent] = []
        self.listeners: list[Callable[[Sent], None]] = []
        self.chat_titles: dict[int, str] = {}
        self.chat_members: dict[tuple[int, int], str] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.uploads: list[
            tuple[str, str, bytes]
        ] = []  # (method, file name, content) of files the bot sent

    def next_message_id(self, chat_id: int) -> int:
        with self._lock:
            counter = self._message_ids.setdefault(chat_id, itertools.count(1))
            return next(counter)

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "12309 Citizen Service",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def chat(self, chat_id: int) -> dict[str, Any]:
        if chat_id < 0:
            return {
                "id": chat_id,
                "type": "supergroup",
                "title": self.chat_titles.get(chat_id, "Staff"),
            }
        return {"id": chat_id, "type": "private", "first_name": f"user{chat_id}"}

    def answer(self, method: str, params: dict[str, Any]) -> Any:
        """The `result` Telegram would return for `method` called with `params`."""
        params = {k: _json_value(v) for k, v in params.items()}
        with self._lock:
            self.calls.append((method, params))
            if method == "getMe":
                return self.bot_user()
            if method in SEND_METHODS:
                return self._send(method, params)
            if method == "sendMediaGroup":
                return [
                    self._send(
                        "sendPhoto" if item.get("type") == "photo" else "sendDocument",
                        {"chat_id": params["chat_id"], **item},
                    )
                    for item in params.get("media", [])
                ]
            if method in ("editMessageText", "editMessageReplyMarkup", "editMessageCaption"):
                return self._edit(method, params)
            if method == "getChat":
                return self.chat(int(params["chat_id"]))
            if method == "getChatMember":
                status = self.chat_members.get(
                    (int(params["chat_id"]), int(params["user_id"])), "member"
                )
                return {
                    "status": status,
                    "user": {"id": int(params["user_id"]), "is_bot": False, "first_name": "member"},
                }
            if method == "getFile":
                file_id = str(params["file_id"])
                return self.files.get(
                    file_id,
                    {
                        "file_id": file_id,
                        "file_unique_id": file_id[-8:],
                        "file_size": 1024,
                        "file_path": f"files/{file_id}",
                    },
                )
            if method == "getMyCommands":
                return []
            return True

    def _send(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message_id = self.next_message_id(chat_id)
        text = params.get("text") or params.get("caption")
        if method == "sendDocument" and text is None:
            text = f"[document {params.get('document')}]"
        if method == "sendPhoto" and text is None:
            text = f"[photo {params.get('photo')}]"
        sent = Sent(method, chat_id, message_id, text, params.get("reply_markup"), params)
        self.messages.setdefault(chat_id, {})[message_id] = sent
        self.log.append(sent)
        for listener in self.listeners:
            listener(sent)
        if method in ("copyMessage", "forwardMessage"):
            return {"message_id": message_id}
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self.chat(chat_id),
            "from": self.bot_user(),
        }
        if method == "sendMessage":
            message["text"] = params.get("text", "")
        elif method == "sendDocument":
            message["document"] = {
                "file_id": str(params.get("document")),
                "file_unique_id": f"d{message_id}",
            }
        elif method == "sendPhoto":
            message["photo"] = [
                {
                    "file_id": str(params.get("photo")),
                    "file_unique_id": f"p{message_id}",
                    "width": 800,
                    "height": 600,
                }
            ]
        if params.get("caption"):
            message["caption"] = params["caption"]
        if params.get("reply_markup") and "inline_keyboard" in params["reply_markup"]:
            message["reply_markup"] = params["reply_markup"]
        return message

    def _edit(self, method: str, params: dict[str, Any]) -> dict[str, Any] | bool:
        if "inline_message_id" in params:
            return True
        chat_id = int(params["chat_id"])
        message_id = int(params["message_id"])
        old = self.messages.get(chat_id, {}).get(message_id)
        text = params.get("text", params.get("caption", old.text if old else None))
        markup = (
            params.get("reply_markup")
            if method != "editMessageText" or "reply_markup" in params
            else None
        )
        sent = Sent(method, chat_id, message_id, text, markup, params, edited=True)
        self.messages.setdefault(chat_id, {})[message_id] = sent
        self.log.append(sent)
        for listener in self.listeners:
            listener(sent)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "edit_date": int(time.time()),
            "chat": self.chat(chat_id),
            "from": self.bot_user(),
            "text": text or "",
        }
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        return message

    def sent_to(self, chat_id: int) -> list[Sent]:
        """Everything sent or edited in a chat, in order."""
        with self._lock:
            return [s for s in self.log if s.chat_id == chat_id]

    def current(self, chat_id: int, message_id: int) -> Sent | None:
        """The message as it stands now, after any edits."""
        return self.messages.get(chat_id, {}).get(message_id)


class OfflineRequest(BaseRequest):
    """A BaseRequest that never touches the network: FakeTelegram answers every call."""

    def __init__(self, telegram: FakeTelegram) -> None:
        self.telegram = telegram

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if request_data is not None and request_data.contains_files:
            for (
                param
            ) in request_data._parameters:  # file uploads: the name in params, bytes in uploads
                if param.input_files:
                    params[param.name] = ",".join(f.filename or "file" for f in param.input_files)
                    for upload in param.input_files:
                        self.telegram.uploads.append(
                            (api_method, upload.filename or "file", upload.input_file_content)
                        )
        result = self.telegram.answer(api_method, params)
        return 200, json.dumps({"ok": True, "result": result}).encode()


@dataclass
class Person:
    """Someone typing into the bot: a Telegram user in a chat (private, or the staff group)."""

    user_id: int
    first_name: str
    chat_id: int
    language_code: str | None = "zh-CN"
    username: str | None = None

    def user_dict(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        if self.username:
            user["username"] = self.username
        return user


@dataclass
class UpdateFactory:
    """Builds Bot API update JSON the way Telegram sends it."""

    telegram: FakeTelegram
    update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def _message(self, person: Person, **content: Any) -> dict[str, Any]:
        message_id = self.telegram.next_message_id(person.chat_id)
        return {
            "update_id": next(self.update_ids),
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": self.telegram.chat(person.chat_id)
                if person.chat_id < 0
                else {"id": person.chat_id, "type": "private", "first_name": person.first_name},
                "from": person.user_dict(),
                **content,
            },
        }

    def text(self, person: Person, text: str, reply_to: int | None = None) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            replied = self.telegram.current(person.chat_id, reply_to)
            content["reply_to_message"] = {
                "message_id": reply_to,
                "date": int(time.time()),
                "chat": self.telegram.chat(person.chat_id),
                "from": self.telegram.bot_user(),
                "text": (replied.text if replied else "") or "",
            }
        return self._message(person, **content)

    def contact(self, person: Person, phone: str, first_name: str | None = None) -> dict[str, Any]:
        return self._message(
            person,
            contact={
                "phone_number": phone,
                "first_name": first_name or person.first_name,
                "user_id": person.user_id,
            },
        )

    def location(self, person: Person, latitude: float, longitude: float) -> dict[str, Any]:
        return self._message(person, location={"latitude": latitude, "longitude": longitude})

    def photo(
        self, person: Person, file_id: str, size: int = 200_000, caption: str | None = None
    ) -> dict[str, Any]:
        content: dict[str, Any] = {
            "photo": [
                {
                    "file_id": file_id + "-s",
                    "file_unique_id": file_id + "s",
                    "width": 90,
                    "height": 90,
                    "file_size": 2_000,
                },
                {
                    "file_id": file_id,
                    "file_unique_id": file_id,
                    "width": 1280,
                    "height": 960,
                    "file_size": size,
                },
            ]
        }
        if caption:
            content["caption"] = caption
        return self._message(person, **content)

    def document(
        self, person: Person, file_id: str, file_name: str, mime_type: str, size: int
    ) -> dict[str, Any]:
        return self._message(
            person,
            document={
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_name": file_name,
                "mime_type": mime_type,
                "file_size": size,
            },
        )

    def callback(self, person: Person, message: Sent, data: str) -> dict[str, Any]:
        update_id = next(self.update_ids)
        return {
            "update_id": update_id,
            "callback_query": {
                "id": f"cq{update_id}",
                "from": person.user_dict(),
                "chat_instance": f"ci{person.chat_id}",
                "data": data,
                "message": {
                    "message_id": message.message_id,
                    "date": int(time.time()),
                    "chat": self.telegram.chat(message.chat_id),
                    "from": self.telegram.bot_user(),
                    "text": message.text or "",
                    "reply_markup": message.reply_markup,
                },
            },
        }


class ButtonNotFound(LookupError):
    pass


def find_button(message: Sent, label: str | int) -> dict[str, Any]:
    """A button by 1-based number or by (part of) its label."""
    buttons = message.flat_buttons
    if isinstance(label, int):
        if 1 <= label <= len(buttons):
            return buttons[label - 1]
        raise ButtonNotFound(f"no button {label}; there are {len(buttons)}")
    exact = [b for b in buttons if b.get("text") == label]
    if exact:
        return exact[0]
    partial = [b for b in buttons if label.casefold() in str(b.get("text", "")).casefold()]
    if len(partial) == 1:
        return partial[0]
    labels = [b.get("text") for b in buttons]
    raise ButtonNotFound(f"{'several' if partial else 'no'} buttons match {label!r}: {labels}")


def decode_update(data: dict[str, Any], bot: Any) -> Update:
    update = Update.de_json(data, bot)
    assert update is not None
    return update
