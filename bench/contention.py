"""Item 3: 1,000 citizens book one hearing of 50 seats at the same moment.

    python -m bench.contention [--attempts 1000] [--seats 50]

Calls BookingService.book_seat concurrently (asyncio.gather) on the real app's services; prints
one JSON line: time until every attempt has an answer, and how many were confirmed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.driver import BenchTelegram, bench_settings, percentile
from bench.mix import publish_hearings
from bot.app import build_application
from bot.offline import OfflineRequest


async def contend(db_path: Path, attempts: int, seats: int) -> dict[str, Any]:
    settings = bench_settings(db_path)
    app = build_application(settings, request=OfflineRequest(BenchTelegram()), rate_limit=False)
    await app.initialize()
    await app.start()
    try:
        await publish_hearings(app, seats=seats)
        bookings = app.services.bookings
        hearing = (await bookings.list_hearings()).items[0].hearing
        waits: list[float] = []

        async def attempt(user_id: int) -> str:
            start = time.perf_counter()
            try:
                details = await bookings.book_seat(
                    hearing.id, user_id, f"市民{user_id}", "+8613800138000", "zh-CN"
                )
                return details.booking.status.value
            except Exception as exc:  # counted, never hidden
                return f"error: {type(exc).__name__}: {exc}"
            finally:
                waits.append(time.perf_counter() - start)

        start = time.perf_counter()
        outcomes = await asyncio.gather(*(attempt(200_000 + i) for i in range(attempts)))
        settle = time.perf_counter() - start
        stored = await app.services.db.fetchall(
            "SELECT status, COUNT(*) FROM bookings WHERE hearing_id = ? GROUP BY status",
            (hearing.id,),
        )
        waits.sort()
        return {
            "attempts": attempts,
            "seats": seats,
            "settle_s": settle,
            "attempts_per_s": attempts / settle,
            "answers": dict(Counter(outcomes)),
            "stored": {row[0]: row[1] for row in stored},
            "confirmed": sum(1 for o in outcomes if o == "confirmed"),
            "wait_p50_ms": percentile(waits, 50) * 1000,
            "wait_p99_ms": percentile(waits, 99) * 1000,
        }
    finally:
        await app.stop()
        await app.shutdown()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=50)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="citizen-bench-") as tmp:
        result = asyncio.run(contend(Path(tmp) / "bench.sqlite3", args.attempts, args.seats))
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
