"""What every bench shares: settings, a lean fake wire, and simulated citizens driving the real app.

Only the Telegram wire is fake (bot/offline.py answers every Bot API call at once). Updates go
through `app.update_queue` as in production; the bench waits with `update_queue.join()`.
"""

from __future__ import annotations

import resource
import statistics
import time
from collections import defaultdict
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.config import Settings, load_settings
from bot.offline import (
    ButtonNotFound,
    FakeTelegram,
    Person,
    Sent,
    UpdateFactory,
    decode_update,
    find_button,
)
from storage.crypto import new_key

STAFF_CHAT_ID = -1001234567890
STAFF_USER_ID = 900001
ROOT = Path(__file__).resolve().parents[1]

# A script yields actions and receives the texts the bot sent back to that chat.
Action = tuple[Any, ...]
Script = Generator[Action, list[str], None]
WAIT: Action = ("wait",)


def bench_settings(database_path: Path, **overrides: Any) -> Settings:
    """Settings for a bench app: a fresh data key, the staff chat, no flood throttling."""
    values: dict[str, Any] = {
        "database_path": database_path,
        "data_key": new_key(),
        "staff_chat_id": STAFF_CHAT_ID,
        "staff_user_ids": [STAFF_USER_ID],
        "bot_token": None,
        "flood_max_messages": 10000,  # one simulated citizen types faster than any person
        "log_level": "WARNING",
    }
    values.update(overrides)
    return load_settings(**values)


class BenchTelegram(FakeTelegram):
    """FakeTelegram that forgets history: keeps only what a chat needs to press its last buttons.

    The recording FakeTelegram keeps every call, which would grow with the bench and count
    against the bot's memory; this one keeps a few recent messages per chat.
    """

    KEEP = 6

    def __init__(self) -> None:
        super().__init__()
        self.inbox: dict[int, list[Sent]] = defaultdict(list)
        self.recent: dict[int, dict[int, Sent]] = defaultdict(dict)
        self.sent_count = 0
        self.listeners.append(self._note)

    def _note(self, sent: Sent) -> None:
        self.sent_count += 1
        self.inbox[sent.chat_id].append(sent)
        recent = self.recent[sent.chat_id]
        recent[sent.message_id] = sent
        if len(recent) > self.KEEP:
            del recent[min(recent)]

    def answer(self, method: str, params: dict[str, Any]) -> Any:
        result = super().answer(method, params)
        self.calls.clear()
        self.log.clear()
        chat_id = params.get("chat_id")
        if chat_id is not None:
            messages = self.messages.get(int(chat_id))
            if messages and len(messages) > self.KEEP:
                for message_id in sorted(messages)[: -self.KEEP]:
                    del messages[message_id]
        return result

    def last_with_buttons(self, chat_id: int) -> Sent | None:
        recent = self.recent.get(chat_id, {})
        for message_id in sorted(recent, reverse=True):
            if recent[message_id].buttons:
                return recent[message_id]
        return None

    def forget(self, chat_id: int) -> None:
        """A citizen who is done: drop what the wire kept for that chat."""
        self.inbox.pop(chat_id, None)
        self.recent.pop(chat_id, None)
        self.messages.pop(chat_id, None)
        self._message_ids.pop(chat_id, None)


@dataclass
class Citizen:
    person: Person
    script: Script
    kind: str
    pending: Action | None = None
    done: bool = False
    error: str | None = None
    updates: int = 0

    def advance(self, replies: list[str] | None) -> None:
        try:
            self.pending = self.script.send(replies)  # type: ignore[arg-type]
        except StopIteration:
            self.done = True
            self.pending = None


@dataclass
class Timings:
    """Per-update handling time (seconds) and the time the bot was busy with the queue."""

    per_update: list[float] = field(default_factory=list)
    busy: float = 0.0
    fed: int = 0

    def summary(self) -> dict[str, float]:
        ordered = sorted(self.per_update)
        return {
            "updates": self.fed,
            "handled": len(ordered),
            "busy_s": self.busy,
            "updates_per_s": self.fed / self.busy if self.busy else 0.0,
            "p50_ms": percentile(ordered, 50) * 1000,
            "p95_ms": percentile(ordered, 95) * 1000,
            "p99_ms": percentile(ordered, 99) * 1000,
            "max_ms": (ordered[-1] if ordered else 0.0) * 1000,
            "mean_ms": (statistics.fmean(ordered) if ordered else 0.0) * 1000,
        }


def percentile(ordered: list[float], pct: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return 0.0
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def time_updates(app: Application, timings: Timings) -> None:  # type: ignore[type-arg]
    """Record how long each `process_update` takes (persistence write-through included)."""
    original = app.process_update

    async def timed(update: object) -> None:
        start = time.perf_counter()
        try:
            await original(update)
        finally:
            timings.per_update.append(time.perf_counter() - start)

    app.process_update = timed  # type: ignore[method-assign]


def build_update(
    telegram: BenchTelegram, factory: UpdateFactory, person: Person, action: Action
) -> dict[str, Any]:
    """The update JSON for one action of a citizen, pressing buttons as a person would."""
    kind = action[0]
    if kind == "text":
        return factory.text(person, action[1])
    if kind == "contact":
        return factory.contact(person, action[1])
    if kind == "photo":
        return factory.photo(person, action[1])
    if kind in ("press", "press?"):
        target = telegram.last_with_buttons(person.chat_id)
        if target is None:
            raise ButtonNotFound(f"no message with buttons to press {action[1]!r}")
        button = find_button(target, action[1])
        if target.is_inline:
            return factory.callback(person, target, button["callback_data"])
        if button.get("request_contact"):
            return factory.contact(person, "+8613800138000")
        return factory.text(person, button["text"])
    raise ValueError(f"unknown action {action!r}")


async def play(
    app: Application,  # type: ignore[type-arg]
    telegram: BenchTelegram,
    factory: UpdateFactory,
    citizens: list[Citizen],
    timings: Timings,
) -> None:
    """Run every citizen's script to the end, one step per citizen per round.

    Each round, every citizen who has something to say sends one update; all go into the
    update queue together (as a burst from getUpdates would) and the bench waits until the
    bot has handled them. Only that wait counts as busy time.
    """
    for citizen in citizens:
        citizen.advance(None)  # start the script
    active = [c for c in citizens if not c.done]
    queue = app.update_queue
    while active:
        batch: list[tuple[Citizen, dict[str, Any]]] = []
        waiting: list[Citizen] = []
        for citizen in active:
            action = citizen.pending
            assert action is not None
            if action == WAIT:
                waiting.append(citizen)
                continue
            try:
                data = build_update(telegram, factory, citizen.person, action)
            except ButtonNotFound as exc:
                if action[0] == "press?":  # an optional button that is not there: go on
                    waiting.append(citizen)
                    continue
                citizen.error = f"{citizen.kind}: {exc}"
                citizen.done = True
                continue
            batch.append((citizen, data))
        start = time.perf_counter()
        for _, data in batch:
            queue.put_nowait(decode_update(data, app.bot))
        await queue.join()
        timings.busy += time.perf_counter() - start
        timings.fed += len(batch)
        for citizen, _ in batch:
            citizen.updates += 1
            replies = [s.text or "" for s in telegram.inbox.pop(citizen.person.chat_id, [])]
            citizen.advance(replies)
        telegram.inbox.clear()  # the staff chat's posts too: nobody reads them here
        for citizen in waiting:
            citizen.advance([])
        for citizen in active:
            if citizen.done:
                telegram.forget(citizen.person.chat_id)
        active = [c for c in active if not c.done]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
