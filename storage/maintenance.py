"""Work on the database file as a whole: key rotation and restoring a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.crypto import SEALED_COLUMNS, Cipher
from storage.db import Database


async def rotate_sealed(path: Path, cipher: Cipher) -> int:
    """Re-seal every sealed value under the cipher's current key, in one transaction.

    Refuses (DatabaseInUse) while a bot holds the database. Returns how many values changed.
    """
    db = Database(path)  # no cipher: rotation reads the sealed text as stored
    db.hold()
    await db.open()
    try:
        await db.migrate()
        changed = 0
        async with db.transaction() as conn:
            for table, key, column in SEALED_COLUMNS:
                sql = f"SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL"
                async with conn.execute(sql) as cursor:
                    rows = list(await cursor.fetchall())
                updates = [(cipher.rotate(row[1]), row[0]) for row in rows]
                await conn.executemany(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", updates)
                changed += len(updates)
        return changed
    finally:
        await db.close()


def integrity_problem(source: Path) -> str | None:
    """None if `source` is a sound SQLite database, else what PRAGMA integrity_check says."""
    check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        verdict = str(check.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        verdict = str(exc)
    finally:
        check.close()
    return None if verdict == "ok" else verdict


def restore_from(source: Path, target: Path) -> None:
    """Replace `target`'s content with `source` (checked first); refuses while a bot holds it."""
    problem = integrity_problem(source)
    if problem is not None:
        raise ValueError(f"{source} is not a sound database ({problem})")
    holder = Database(target)
    holder.hold()  # raises DatabaseInUse while a bot runs on it
    try:
        origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dest = sqlite3.connect(target)
        try:
            origin.backup(dest)  # page by page, WAL-safe, replaces the whole content
        finally:
            dest.close()
            origin.close()
    finally:
        holder.release()
