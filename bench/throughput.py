"""Items 1, 2 and 6: the full bot fed the scripted mix, the bare echo bot, and memory.

    python -m bench.throughput mix --citizens 1000 [--cases 100000] [--profile FILE]
    python -m bench.throughput echo --updates 9000
    python -m bench.throughput memory --users 10000

Each prints one JSON line with its figures. Run in a fresh process so RSS is this run's own.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import logging
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bench.driver import (
    BenchTelegram,
    Citizen,
    Timings,
    bench_settings,
    current_rss_mb,
    peak_rss_mb,
    play,
    time_updates,
)
from bench.mix import Mix, publish_hearings
from bench.seed import prefill_cases
from bot.app import OFFLINE_TOKEN, build_application
from bot.offline import OfflineRequest, Person, UpdateFactory


async def run_mix(
    db_path: Path, settings_key: str, citizens: int, steps: int | None, seats: int
) -> dict[str, Any]:
    settings = bench_settings(db_path, data_key=settings_key)
    telegram = BenchTelegram()
    app = build_application(settings, request=OfflineRequest(telegram), rate_limit=False)
    await app.initialize()
    await app.start()
    try:
        await publish_hearings(app, seats=seats)
        rss_ready = current_rss_mb()
        mix = Mix()
        people: list[Citizen] = mix.citizens(citizens, steps=steps)
        timings = Timings()
        time_updates(app, timings)
        await play(app, telegram, UpdateFactory(telegram), people, timings)
        errors = Counter(c.error for c in people if c.error)
        cases = await app.services.db.fetchone("SELECT COUNT(*) FROM cases")
        bookings = await app.services.db.fetchone("SELECT COUNT(*) FROM bookings")
        result: dict[str, Any] = {
            **timings.summary(),
            "citizens": citizens,
            "scripts": dict(Counter(c.kind for c in people)),
            "script_errors": sum(errors.values()),
            "error_samples": [e for e, _ in errors.most_common(5)],
            "cases_after": cases[0] if cases else 0,
            "bookings_after": bookings[0] if bookings else 0,
            "bot_messages": telegram.sent_count,
            "rss_ready_mb": rss_ready,
            "rss_now_mb": current_rss_mb(),
            "rss_peak_mb": peak_rss_mb(),
        }
        return result
    finally:
        await app.stop()
        await app.shutdown()


async def run_echo(updates: int, users: int) -> dict[str, Any]:
    """A bare PTB application with one MessageHandler echoing text, on the same fake wire."""
    telegram = BenchTelegram()
    request = OfflineRequest(telegram)
    app = (
        ApplicationBuilder()
        .token(OFFLINE_TOKEN)
        .request(request)
        .get_updates_request(request)
        .application_class(EchoApplication)
        .build()
    )

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message and update.effective_message.text
        await update.effective_message.reply_text(update.effective_message.text)

    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    await app.start()
    try:
        factory = UpdateFactory(telegram)
        people = [Person(100_000 + i, f"市民{i}", 100_000 + i) for i in range(users)]
        timings = Timings()
        time_updates(app, timings)
        rounds = max(1, updates // users)
        for n in range(rounds):
            batch = [factory.text(p, f"第{n}条消息：{p.first_name}你好") for p in people]
            start = time.perf_counter()
            for data in batch:
                app.update_queue.put_nowait(Update.de_json(data, app.bot))
            await app.update_queue.join()
            timings.busy += time.perf_counter() - start
            timings.fed += len(batch)
            telegram.inbox.clear()
        return {**timings.summary(), "rss_peak_mb": peak_rss_mb()}
    finally:
        await app.stop()
        await app.shutdown()


class EchoApplication(Application):  # type: ignore[type-arg]
    """Plain Application; a subclass only so the bench can time process_update on the instance."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", choices=["mix", "echo", "memory"])
    parser.add_argument("--citizens", type=int, default=1000)
    parser.add_argument("--cases", type=int, default=0, help="cases in the database beforehand")
    parser.add_argument("--updates", type=int, default=9000, help="echo: updates to feed")
    parser.add_argument("--users", type=int, default=10000, help="memory: distinct users")
    parser.add_argument("--steps", type=int, default=4, help="memory: actions per user")
    parser.add_argument("--seats", type=int, default=40, help="seats per hearing")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the run here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="citizen-bench-") as tmp:
        db_path = Path(tmp) / "bench.sqlite3"
        key = bench_settings(db_path).data_key
        assert key is not None
        data_key = key.get_secret_value()
        if args.what == "echo":
            coro = run_echo(args.updates, 1000)
        else:
            setup = time.perf_counter()
            prefill_cases(db_path, data_key, args.cases)
            setup_s = time.perf_counter() - setup
            citizens, steps = (
                (args.users, args.steps) if args.what == "memory" else (args.citizens, None)
            )
            coro = run_mix(db_path, data_key, citizens, steps, args.seats)
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        result = asyncio.run(coro)
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        if args.what != "echo":
            result["cases_before"] = args.cases
            result["setup_s"] = setup_s
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
