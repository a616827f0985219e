"""The SQLite database: one aiosqlite connection, migrations by user_version, write transactions."""

from __future__ import annotations

import asyncio
import fcntl
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import IO, Any

import aiosqlite

from storage.crypto import PREFIX, Cipher

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


def migration_files() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every file in storage/migrations, in order."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations must be numbered 0001, 0002, ... without gaps: {versions}")
    return found


class DatabaseInUse(RuntimeError):
    """Another process (a running bot) holds the database."""


class Row(tuple):  # type: ignore[type-arg]
    """A result row like sqlite3.Row (by index or by name, dict(row) works), with sealed values opened."""

    _names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


class Database:
    """One connection per process. Writes go through `transaction()`, one at a time.

    With a cipher, values sealed by `seal()` are opened on every read (see storage/crypto.py).
    """

    def __init__(self, path: Path | str, cipher: Cipher | None = None) -> None:
        self.path = Path(path)
        self.cipher = cipher
        self._conn: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        self._lock_file: IO[str] | None = None

    def seal(self, value: str | None) -> str | None:
        """Seal personal data before it is written (no-op without a cipher)."""
        return self.cipher.seal(value) if self.cipher is not None else value

    def _row_factory(self, cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> Row:
        cipher = self.cipher
        if cipher is not None:
            values = tuple(
                cipher.open(v) if isinstance(v, str) and v.startswith(PREFIX) else v for v in values
            )
        row = Row(values)
        names = cursor.description
        row._names = {d[0]: i for i, d in enumerate(names)} if names else {}
        return row

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    async def open(self) -> None:
        if self._conn is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we open transactions ourselves (BEGIN IMMEDIATE for writes).
        self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        self._conn.row_factory = self._row_factory
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=10000",
            "PRAGMA synchronous=NORMAL",
        ):
            await self._conn.execute(pragma)

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None
        self.release()

    def hold(self) -> None:
        """Mark the database as in use by this process (released on close or process death).

        `restore` and `rotate-key` refuse to run while another process holds it.
        """
        if self._lock_file is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path.with_name(self.path.name + ".lock"), "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise DatabaseInUse(f"{self.path} is in use by a running bot; stop it first") from None
        self._lock_file = handle

    def release(self) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    async def migrate(self) -> int:
        """Apply every migration newer than PRAGMA user_version; returns the new version."""
        current = await self.user_version()
        for version, name, sql in migration_files():
            if version <= current:
                continue
            log.info("applying migration %s", name)
            async with self._write_lock:
                # executescript commits on its own, so the file and the version bump go in one script.
                script = f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
                try:
                    await self.conn.executescript(script)
                except Exception:
                    if self.conn.in_transaction:
                        await self.conn.execute("ROLLBACK")
                    raise
            current = version
        return current

    async def user_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: BEGIN IMMEDIATE under the process-wide write lock."""
        async with self._write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            else:
                await self.conn.execute("COMMIT")

    async def fetchall(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        async with self.conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        async with self.conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> None:
        """One write statement in its own transaction."""
        async with self.transaction() as conn:
            await conn.execute(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)

    async def backup_to(self, target: Path) -> None:
        """Copy the live database with SQLite's online backup API (safe while the bot runs)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(target)
        try:
            await self.conn.backup(dest)
        finally:
            dest.close()
