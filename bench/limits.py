"""Item 7: a burst of 500 reminders through the real AIORateLimiter, on a wire that enforces
Telegram's published limits and answers 429 with retry_after when they are broken.

    python -m bench.limits [--reminders 500]

The limits, read strictly as sliding windows: at most 30 messages in any second overall, at
most 1 per second into one chat, at most 20 per minute into one group. The bot is the real
Application with `rate_limit=True`; 500 citizens hold a confirmed seat at a hearing four days
away, the clock moves to 24 hours before it, and the reminder dispatcher runs until nothing is due.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import threading
import time
from collections import defaultdict, deque
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram.ext import AIORateLimiter
from telegram.request import RequestData

from bench.driver import STAFF_USER_ID, BenchTelegram, bench_settings
from bot.app import build_application
from bot.clock import ManualClock
from bot.domain.booking import HearingDraft, HearingType
from bot.offline import OfflineRequest

OVERALL = (30, 1.0)  # messages, seconds
PER_CHAT = (1, 1.0)
PER_GROUP = (20, 60.0)
SEND_METHODS = {
    "sendMessage",
    "sendPhoto",
    "sendDocument",
    "sendMediaGroup",
    "sendLocation",
    "sendContact",
    "copyMessage",
    "forwardMessage",
    "editMessageText",
    "editMessageReplyMarkup",
}


class LimitedRequest(OfflineRequest):
    """The instant fake wire, but a message beyond Telegram's limits gets 429 + retry_after."""

    def __init__(self, telegram: BenchTelegram, model: str = "window") -> None:
        super().__init__(telegram)
        self.model = model
        self._lock = threading.Lock()
        self.overall: deque[float] = deque()
        self.chats: dict[int, deque[float]] = defaultdict(deque)
        self.buckets: dict[object, list[float]] = {}
        self.accepted: list[float] = []
        self.refused = 0

    def _full(self, window: deque[float], now: float, limit: tuple[int, float]) -> float:
        """0 if one more message fits, else seconds until it would."""
        count, period = limit
        if self.model == "bucket":  # a leaky bucket: `count` at once, then `count` per period
            level, last = self.buckets.get(id(window), [0.0, now])
            level = max(0.0, level - (now - last) * count / period)
            self.buckets[id(window)] = [level, now]
            return 0.0 if level + 1 <= count else (level + 1 - count) * period / count
        while window and now - window[0] >= period:
            window.popleft()
        return 0.0 if len(window) < count else period - (now - window[0])

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        chat = (request_data.parameters.get("chat_id") if request_data else None) or None
        if api_method in SEND_METHODS and chat is not None:
            chat_id = int(chat)
            with self._lock:
                now = time.monotonic()
                per_chat = PER_GROUP if chat_id < 0 else PER_CHAT
                wait = max(
                    self._full(self.overall, now, OVERALL),
                    self._full(self.chats[chat_id], now, per_chat),
                )
                if wait > 0:
                    self.refused += 1
                    retry_after = max(1, round(wait + 0.5))
                    body = {
                        "ok": False,
                        "error_code": 429,
                        "description": f"Too Many Requests: retry after {retry_after}",
                        "parameters": {"retry_after": retry_after},
                    }
                    return 429, json.dumps(body).encode()
                self.overall.append(now)
                self.chats[chat_id].append(now)
                for window in (self.overall, self.chats[chat_id]):
                    if self.model == "bucket":
                        self.buckets[id(window)][0] += 1
                self.accepted.append(now)
        return await super().do_request(url, method, request_data, *args, **kwargs)


async def burst(db_path: Path, reminders: int, model: str, smooth: bool) -> dict[str, Any]:
    clock = ManualClock(datetime.now(UTC))
    settings = bench_settings(db_path)
    telegram = BenchTelegram()
    wire = LimitedRequest(telegram, model)
    app = build_application(settings, request=wire, clock=clock, rate_limit=True)
    if smooth:  # what bot/app.py could use: 30/s one at a time, without aiolimiter's burst of 30
        app.bot._rate_limiter = AIORateLimiter(
            overall_max_rate=1, overall_time_period=1 / 30, max_retries=3
        )
    # initialize() only: the JobQueue's own 20-second dispatcher stays off, this bench drives it.
    await app.initialize()
    try:
        services = app.services
        start = (clock.now() + timedelta(days=4)).replace(second=0, microsecond=0)
        draft = HearingDraft(
            title="大型公开听证：示例公益诉讼案",
            case_type=HearingType.public_interest,
            venue="示例区体育馆",
            address="示例区体育路1号",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            seats=reminders,
        )
        hearing = await services.bookings.create_hearing(draft, STAFF_USER_ID)
        for i in range(reminders):
            await services.bookings.book_seat(
                hearing.id, 500_000 + i, f"市民{i}", "+8613800138000", "zh-CN"
            )
        clock.set(start - timedelta(hours=24) + timedelta(minutes=1))  # 24-hour reminders due
        wire.accepted.clear()
        began = time.perf_counter()
        sent = 0
        while True:
            report = await services.reminders.dispatch_due()
            sent += report.sent
            if report.sent + report.failed + report.retried + report.skipped == 0:
                break
        elapsed = time.perf_counter() - began
        to_citizens = sum(1 for chat in wire.chats if chat > 0)
        span = wire.accepted[-1] - wire.accepted[0] if len(wire.accepted) > 1 else 0.0
        return {
            "wire_model": model,
            "limiter": "AIORateLimiter(1 per 1/30 s)" if smooth else "AIORateLimiter (bot/app.py)",
            "reminders": reminders,
            "sent": sent,
            "citizens_reached": to_citizens,
            "messages_on_wire": len(wire.accepted),
            "refused_429": wire.refused,
            "elapsed_s": elapsed,
            "messages_per_s": (len(wire.accepted) - 1) / span if span else 0.0,
        }
    finally:
        await app.shutdown()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reminders", type=int, default=500)
    parser.add_argument(
        "--model",
        choices=["window", "bucket"],
        default="window",
        help="window: at most N in any period (strict); bucket: N at once, then N per period",
    )
    parser.add_argument("--smooth", action="store_true", help="a limiter without bursts")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)  # 429s are counted, not logged
    with tempfile.TemporaryDirectory(prefix="citizen-bench-") as tmp:
        result = asyncio.run(
            burst(Path(tmp) / "bench.sqlite3", args.reminders, args.model, args.smooth)
        )
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
