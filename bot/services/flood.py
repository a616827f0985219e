"""The flood guard: a burst past the limit is told once to slow down, then dropped until it passes."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass
class _Window:
    times: deque[datetime] = field(default_factory=deque)
    warned: bool = False
    last_press: tuple[int, str, datetime] | None = None


class FloodGuard:
    """Per-user sliding window, in memory (a restart forgives everyone, which is fine)."""

    def __init__(
        self, max_messages: int, window: timedelta, repeat_press: timedelta = timedelta(seconds=3)
    ) -> None:
        self.max_messages = max_messages
        self.window = window
        self.repeat_press = repeat_press
        self._users: dict[int, _Window] = {}

    def check(self, user_id: int, now: datetime) -> str:
        """'ok', 'warn' (the first message over the limit) or 'drop'."""
        state = self._users.setdefault(user_id, _Window())
        while state.times and now - state.times[0] >= self.window:
            state.times.popleft()
        if len(state.times) >= self.max_messages:
            if state.warned:
                return "drop"
            state.warned = True
            return "warn"
        state.times.append(now)
        state.warned = False
        if len(self._users) > 50_000:  # forget idle users so memory stays flat
            self._forget_idle(now)
        return "ok"

    def repeated_press(self, user_id: int, message_id: int, data: str, now: datetime) -> bool:
        """True when the same button was pressed again within a few seconds (act once)."""
        state = self._users.setdefault(user_id, _Window())
        last = state.last_press
        state.last_press = (message_id, data, now)
        return (
            last is not None
            and last[:2] == (message_id, data)
            and now - last[2] < self.repeat_press
        )

    def _forget_idle(self, now: datetime) -> None:
        idle = [
            u for u, s in self._users.items() if not s.times or now - s.times[-1] >= self.window
        ]
        for user_id in idle:
            del self._users[user_id]
