"""Setup steps: fill a database straight with SQL (executemany) before the bot starts on it."""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.mix import EMPLOYERS, STORY
from storage.crypto import Cipher
from storage.db import Database
from storage.timefmt import to_db

PREFIX = "SD"
KINDS = (
    ["complaint"] * 30
    + ["appeal"] * 20
    + ["report"] * 15
    + ["inquiry"] * 15
    + ["wage_arrears"] * 12
    + ["compensation", "judicial_aid", "minor_protection", "suggestion"] * 2
)
STATUSES = ["closed"] * 6 + ["answered", "in_progress", "accepted", "submitted"]


async def migrate(path: Path, data_key: str) -> None:
    """Create the schema the bot would create (every migration)."""
    db = Database(path, cipher=Cipher(data_key))
    await db.open()
    try:
        await db.migrate()
    finally:
        await db.close()


def prefill_cases(path: Path, data_key: str, count: int, seed: int = 1) -> None:
    """`count` cases from the last two years, each with its 'submitted' event, as SQL rows."""
    asyncio.run(migrate(path, data_key))
    if count == 0:
        return
    rng = random.Random(seed)
    cipher = Cipher(data_key)
    sealed_phone = cipher.seal("+8613812345678")  # one ciphertext reused: sealing is not measured
    now = datetime.now(UTC)
    start = now - timedelta(days=730)
    step = timedelta(days=729) / count
    counters: dict[int, int] = {}
    cases = []
    events = []
    for i in range(count):
        received = start + step * i
        counters[received.year] = counters.get(received.year, 0) + 1
        number = f"{PREFIX}-{received.year}-{counters[received.year]:06d}"
        kind = rng.choice(KINDS)
        status = rng.choice(STATUSES)
        extra: dict[str, str] = {}
        if kind == "wage_arrears":
            extra = {"employer": rng.choice(EMPLOYERS), "amount": "35000.00", "workers": "3"}
        elif kind == "complaint":
            extra = {"respondent": "某某贸易有限公司"}
        anonymous = kind in ("report", "complaint") and rng.random() < 0.1
        cases.append(
            (
                i + 1,
                number,
                f"seed-{i}",
                kind,
                status,
                "high" if kind == "wage_arrears" else "normal",
                int(kind == "minor_protection"),
                5_000_000 + rng.randrange(count // 2 + 1),  # other citizens, a few cases each
                "zh-CN",
                int(anonymous),
                None if anonymous else "李明",
                None if anonymous else sealed_phone,
                STORY,
                "示例区人民路 10 号",
                json.dumps(extra, ensure_ascii=False),
                "seed-not-a-real-hash",
                to_db(received),
                to_db(received + timedelta(days=7)),
                to_db(received + timedelta(days=90)),
                to_db(received + timedelta(days=3)) if kind == "wage_arrears" else None,
                to_db(received + timedelta(days=60)) if status == "closed" else None,
                to_db(received),
            )
        )
        events.append((i + 1, to_db(received), "submitted", "citizen", None, 1, None, "{}"))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO cases(id, number, submission_key, kind, status, priority, confidential, "
            "user_id, locale, anonymous, contact_name, contact_phone, description, place, extra, "
            "access_hash, received_at, procedural_due, result_due, fast_track_due, closed_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            cases,
        )
        conn.executemany(
            "INSERT INTO case_events(case_id, at, type, actor, actor_id, visible, body, data) "
            "VALUES (?,?,?,?,?,?,?,?)",
            events,
        )
        conn.executemany(
            "INSERT INTO case_counters(prefix, year, last_seq) VALUES (?, ?, ?)",
            [(PREFIX, year, seq) for year, seq in counters.items()],
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
