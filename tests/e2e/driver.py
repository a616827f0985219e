"""Driving `citizen-bot run` subprocesses through the loopback Bot API server, as a citizen would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bot.offline import Person, Sent, UpdateFactory
from storage.crypto import new_key
from tests.e2e.fake_bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456789:E2E-driver-token"
STAFF_CHAT_ID = -1001234567890


class BotProcess:
    """`citizen-bot run` on a database in tmp_path, talking to `api`."""

    def __init__(self, api: FakeBotApi, tmp_path: Path, **env: str) -> None:
        self.api = api
        self.tmp_path = tmp_path
        self.key = env.pop("DATA_KEY", None) or new_key()
        self.env = {
            **os.environ,
            "BOT_TOKEN": api.token,
            "DATA_KEY": self.key,
            "BOT_API_BASE_URL": api.base_url,
            "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
            "STAFF_CHAT_ID": str(STAFF_CHAT_ID),
            "STAFF_USER_IDS": "900001",
            "PYTHONPATH": str(ROOT),
            **env,
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> BotProcess:
        log = (self.tmp_path / "bot.log").open("ab")
        self.starts += 1
        before = sum(1 for name, _ in list(self.api.telegram.calls) if name == "setMyCommands")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"],
            cwd=self.tmp_path,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.api.wait_for_call("setMyCommands", before + 3, timeout=30)
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, as a power cut or the OOM killer would."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> int:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)

    def log(self) -> str:
        return (self.tmp_path / "bot.log").read_text(errors="replace")


class HttpChat:
    """One citizen typing to the bot over the loopback Bot API server."""

    def __init__(self, api: FakeBotApi, person: Person, factory: UpdateFactory) -> None:
        self.api = api
        self.person = person
        self.factory = factory

    def _wait_reply(self, count: int, timeout: float = 20.0) -> Sent:
        return self.api.wait_for(
            lambda s: s.chat_id == self.person.chat_id and self.api.telegram.log.index(s) >= count,
            timeout,
        )

    def say(self, text: str, wait: bool = True) -> None:
        count = len(self.api.telegram.log)
        self.api.push(self.factory.text(self.person, text))
        if wait:
            self._wait_reply(count)

    def last_with_buttons(self) -> Sent:
        for sent in reversed(self.api.telegram.sent_to(self.person.chat_id)):
            current = self.api.telegram.current(sent.chat_id, sent.message_id) or sent
            if current.buttons:
                return current
        raise AssertionError("no message with buttons")

    def press(self, label: str, wait: bool = True) -> dict[str, Any]:
        # The bot may still be sending: wait until its newest keyboard offers this button.
        wait_until(lambda: any(label in b["text"] for b in self.last_with_buttons().flat_buttons))
        message = self.last_with_buttons()
        button = next(b for b in message.flat_buttons if label in b["text"])
        count = len(self.api.telegram.log)
        if message.is_inline:
            update = self.factory.callback(self.person, message, button["callback_data"])
        else:  # a reply-keyboard button sends its label as a message
            update = self.factory.text(self.person, button["text"])
        self.api.push(update)
        if wait:
            self._wait_reply(count)
        return update

    def texts(self) -> list[str]:
        return [s.text or "" for s in self.api.telegram.sent_to(self.person.chat_id)]


def wait_until(predicate: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached in time")


def run_cli(
    tmp_path: Path, *args: str, drop: tuple[str, ...] = (), stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """`citizen-bot ARGS` in tmp_path (its own database), with `env` added and `drop` removed."""
    full = {k: v for k, v in os.environ.items() if k not in drop}
    full.update({"PYTHONPATH": str(ROOT), "DATABASE_PATH": str(tmp_path / "bot.sqlite3"), **env})
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=tmp_path,
        env=full,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
