"""Item 4: time from process start to the first update served, with a loaded database.

    python -m bench.restart [--conversations 5000] [--bookings 2500] [--runs 3]

Setup: a real bot run leaves one half-filled complaint form and one booked seat; their rows
(conversation state, sealed draft, form nudge, booking and its two reminders) are cloned with SQL
into 5,000 half-filled forms and 2,500 bookings: 10,000 pending reminders in all. Then
`python -m bot.cli run` starts as a subprocess against tests/e2e/fake_bot_api.py on loopback,
with a /start already waiting; the clock runs from Popen to the reply arriving at the fake API.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.driver import (
    ROOT,
    STAFF_CHAT_ID,
    STAFF_USER_ID,
    BenchTelegram,
    Timings,
    bench_settings,
    play,
)
from bench.mix import Mix, publish_hearings
from bot.app import build_application
from bot.offline import OfflineRequest, Person, Sent, UpdateFactory
from storage.crypto import Cipher
from tests.e2e.fake_bot_api import FakeBotApi

TOKEN = "123456789:BENCH-restart-token"
SAMPLE_USER = 4242


async def _sample(db_path: Path, data_key: str) -> None:
    """One half-filled complaint form and one booked seat, made by the real bot."""
    settings = bench_settings(db_path, data_key=data_key)
    telegram = BenchTelegram()
    app = build_application(settings, request=OfflineRequest(telegram), rate_limit=False)
    await app.initialize()
    await app.start()
    try:
        await publish_hearings(app, seats=400)
        citizen = next(c for c in Mix().citizens(20, steps=6) if c.kind == "complaint")
        await play(app, telegram, UpdateFactory(telegram), [citizen], Timings())
        await app.services.bookings.book_seat(1, SAMPLE_USER, "李明", "+8613800138000", "zh-CN")
    finally:
        await app.stop()
        await app.shutdown()


def seed(db_path: Path, data_key: str, conversations: int, bookings: int) -> dict[str, int]:
    """Clone the sample rows into `conversations` drafts and `bookings` bookings."""
    asyncio.run(_sample(db_path, data_key))
    cipher = Cipher(data_key)
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        name, key, state = conn.execute("SELECT name, key, state FROM ptb_conversations").fetchone()
        sample_user = json.loads(key)[0]
        (sealed,) = conn.execute(
            "SELECT data FROM ptb_user_data WHERE user_id = ?", (sample_user,)
        ).fetchone()
        nudge = conn.execute(
            "SELECT kind, due_at, not_after, payload FROM reminders WHERE kind = 'form_nudge'"
        ).fetchone()
        draft_id = json.loads(nudge[3])["draft"]
        draft_json = cipher.open(sealed)
        booking_cols = [r[1] for r in conn.execute("PRAGMA table_info(bookings)")]
        booking = dict(
            zip(booking_cols, conn.execute("SELECT * FROM bookings").fetchone(), strict=True)
        )
        reminders = conn.execute(
            "SELECT kind, dedupe_key, due_at, not_after, payload, created_at FROM reminders "
            "WHERE kind = 'booking_reminder'"
        ).fetchall()
        now = time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())
        conv_rows, data_rows, nudge_rows = [], [], []
        for i in range(conversations):
            user_id = 300_000 + i
            draft = f"{i:016x}"
            conv_rows.append((name, json.dumps([user_id, user_id]), state, now))
            data_rows.append((user_id, cipher.seal(draft_json.replace(draft_id, draft))))
            nudge_rows.append(
                (
                    nudge[0],
                    f"form:{user_id}:{draft}",
                    nudge[1],
                    nudge[2],
                    json.dumps({"user_id": user_id, "draft": draft}),
                    now,
                )
            )
        booking_rows, reminder_rows = [], []
        hearings = [r[0] for r in conn.execute("SELECT id FROM hearings ORDER BY id")]
        for i in range(bookings):
            booking_id = 1000 + i
            row = {
                **booking,
                "id": booking_id,
                "code": f"B{i:06d}",
                "user_id": 400_000 + i,
                "hearing_id": hearings[i % len(hearings)],
            }
            booking_rows.append(tuple(row[c] for c in booking_cols))
            for kind, dedupe, due, not_after, payload, created in reminders:
                body = json.loads(payload)
                body["booking_id"] = booking_id
                reminder_rows.append(
                    (
                        kind,
                        dedupe.replace(f":{booking['id']}:", f":{booking_id}:"),
                        due,
                        not_after,
                        json.dumps(body),
                        created,
                    )
                )
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO ptb_conversations(name, key, state, updated) VALUES (?, ?, ?, ?)",
            conv_rows,
        )
        conn.executemany("INSERT INTO ptb_user_data(user_id, data) VALUES (?, ?)", data_rows)
        reminder_sql = (
            "INSERT INTO reminders(kind, dedupe_key, due_at, not_after, payload, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)"
        )
        conn.executemany(reminder_sql, nudge_rows)
        conn.executemany(
            f"INSERT INTO bookings({', '.join(booking_cols)}) "
            f"VALUES ({', '.join('?' for _ in booking_cols)})",
            booking_rows,
        )
        conn.executemany(reminder_sql, reminder_rows)
        conn.execute("COMMIT")
        counts = {
            "pending_reminders": conn.execute(
                "SELECT COUNT(*) FROM reminders WHERE status = 'pending'"
            ).fetchone()[0],
            "conversations": conn.execute("SELECT COUNT(*) FROM ptb_conversations").fetchone()[0],
            "drafts": conn.execute("SELECT COUNT(*) FROM ptb_user_data").fetchone()[0],
            "bookings": conn.execute("SELECT COUNT(*) FROM bookings").fetchone()[0],
        }
    finally:
        conn.close()
    return counts


def time_to_first_reply(
    api: FakeBotApi, factory: UpdateFactory, db_path: Path, data_key: str, user_id: int
) -> float:
    """Seconds from Popen of `citizen-bot run` to its reply to a /start that was waiting."""
    citizen = Person(user_id, "李明", user_id, "zh-CN")
    answered: list[float] = []

    def on_sent(sent: Sent) -> None:
        if sent.chat_id == user_id and not answered:
            answered.append(time.perf_counter())

    api.telegram.listeners.append(on_sent)
    api.push(factory.text(citizen, "/start"))
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "DATA_KEY": data_key,
        "BOT_API_BASE_URL": api.base_url,
        "DATABASE_PATH": str(db_path),
        "STAFF_CHAT_ID": str(STAFF_CHAT_ID),
        "STAFF_USER_IDS": str(STAFF_USER_ID),
        "LOG_LEVEL": os.environ.get("BENCH_BOT_LOG_LEVEL", "WARNING"),
        "PYTHONPATH": str(ROOT),
    }
    log = (db_path.parent / "bot.log").open("ab")
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=db_path.parent,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = start + 60
        while not answered and time.perf_counter() < deadline and process.poll() is None:
            time.sleep(0.005)
        if not answered:
            tail = (db_path.parent / "bot.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"the bot did not answer /start; its log ends:\n{tail}")
        return answered[0] - start
    finally:
        api.telegram.listeners.remove(on_sent)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=5000)
    parser.add_argument("--bookings", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    api = FakeBotApi(TOKEN).start()
    api.server.handle_error = lambda *args: None  # a killed bot's open long poll: not news
    # Update ids above any the setup run used: those count as handled already.
    factory = UpdateFactory(api.telegram, update_ids=itertools.count(10_000_000))
    try:
        with tempfile.TemporaryDirectory(prefix="citizen-bench-") as tmp:
            empty_dir, loaded_dir = Path(tmp) / "empty", Path(tmp) / "loaded"
            empty_dir.mkdir()
            loaded_dir.mkdir()
            key = bench_settings(Path(tmp) / "x").data_key
            assert key is not None
            data_key = key.get_secret_value()
            setup = time.perf_counter()
            counts = seed(loaded_dir / "bot.sqlite3", data_key, args.conversations, args.bookings)
            setup_s = time.perf_counter() - setup
            # The first start of an empty database also creates it; the second is the baseline.
            time_to_first_reply(api, factory, empty_dir / "bot.sqlite3", data_key, 1)
            empty = [
                time_to_first_reply(api, factory, empty_dir / "bot.sqlite3", data_key, 2 + i)
                for i in range(args.runs)
            ]
            loaded = [
                time_to_first_reply(api, factory, loaded_dir / "bot.sqlite3", data_key, 10 + i)
                for i in range(args.runs)
            ]
    finally:
        api.stop()
    result = {
        **counts,
        "setup_s": setup_s,
        "loaded_s": loaded,
        "loaded_median_s": statistics.median(loaded),
        "empty_s": empty,
        "empty_median_s": statistics.median(empty),
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
