from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.db import Database, migration_files


async def test_fresh_database_gets_every_migration(tmp_path: Path) -> None:
    db = Database(tmp_path / "fresh.sqlite3")
    await db.open()
    try:
        version = await db.migrate()
        assert version == len(migration_files())
        tables = {
            r["name"]
            for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type='table'")
        }
        assert {"users", "ptb_user_data", "ptb_conversations", "audit_log"} <= tables
        mode = await db.fetchone("PRAGMA journal_mode")
        assert mode is not None and mode[0] == "wal"
        fk = await db.fetchone("PRAGMA foreign_keys")
        assert fk is not None and fk[0] == 1
        assert await db.migrate() == version  # running again changes nothing
    finally:
        await db.close()


async def test_upgrade_from_first_version_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    first_sql = migration_files()[0][2]
    raw = sqlite3.connect(path)
    raw.executescript(first_sql + "\nPRAGMA user_version = 1;")
    raw.execute(
        "INSERT INTO users(user_id, locale, first_seen, last_seen) VALUES (1, 'en', 'x', 'x')"
    )
    raw.commit()
    raw.close()
    db = Database(path)
    await db.open()
    try:
        assert await db.migrate() == len(migration_files())
        row = await db.fetchone("SELECT locale FROM users WHERE user_id = 1")
        assert row is not None and row["locale"] == "en"
    finally:
        await db.close()


async def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    db = Database(tmp_path / "t.sqlite3")
    await db.open()
    await db.migrate()
    try:
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO users(user_id, first_seen, last_seen) VALUES (5, 'a', 'a')"
                )
                raise RuntimeError("abort")
        assert await db.fetchone("SELECT 1 FROM users WHERE user_id = 5") is None
    finally:
        await db.close()


async def test_online_backup_is_a_sound_copy(tmp_path: Path) -> None:
    db = Database(tmp_path / "live.sqlite3")
    await db.open()
    await db.migrate()
    await db.execute(
        "INSERT INTO users(user_id, locale, first_seen, last_seen) VALUES (7, 'en', 'a', 'a')"
    )
    await db.backup_to(tmp_path / "copy.sqlite3")
    await db.close()
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT locale FROM users WHERE user_id = 7").fetchone()[0] == "en"
    copy.close()
