"""PTB persistence in the bot's own SQLite file, written through on every change."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict, ConversationKey

from storage import jsoncodec
from storage.db import Database

log = logging.getLogger(__name__)


class SqlitePersistence(BasePersistence[dict[str, Any], dict[str, Any], dict[str, Any]]):
    """Stores user_data, chat_data and conversation states; bot_data and callback data are not used.

    The application calls `update_persistence()` after every update (see bot.app), so a step a
    citizen answered is on disk before the next update is read, not a minute later.
    """

    def __init__(self, db: Database, update_interval: float = 60) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=True, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self.db = db
        self._batch: list[tuple[str, tuple[Any, ...]]] | None = None

    def begin_batch(self) -> None:
        """Collect writes instead of running them, until `commit_batch`."""
        self._batch = []

    async def commit_batch(self, extra: list[tuple[str, tuple[Any, ...]]] | None = None) -> None:
        """Write everything collected, plus `extra` statements, in one transaction."""
        statements, self._batch = [*(self._batch or []), *(extra or [])], None
        if not statements:
            return
        async with self.db.transaction() as conn:
            for sql, params in statements:
                await conn.execute(sql, params)

    async def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        if self._batch is not None:
            self._batch.append((sql, params))
        else:
            await self.db.execute(sql, params)

    async def get_user_data(self) -> dict[int, dict[str, Any]]:
        rows = await self.db.fetchall("SELECT user_id, data FROM ptb_user_data")
        return {int(r["user_id"]): jsoncodec.loads(r["data"]) for r in rows}

    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        rows = await self.db.fetchall("SELECT chat_id, data FROM ptb_chat_data")
        return {int(r["chat_id"]): jsoncodec.loads(r["data"]) for r in rows}

    async def get_bot_data(self) -> dict[str, Any]:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        rows = await self.db.fetchall(
            "SELECT key, state FROM ptb_conversations WHERE name = ?", (name,)
        )
        return {tuple(jsoncodec.loads(r["key"])): jsoncodec.loads(r["state"]) for r in rows}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        key_json = jsoncodec.dumps(list(key))
        if new_state is None:
            await self._write(
                "DELETE FROM ptb_conversations WHERE name = ? AND key = ?", (name, key_json)
            )
            return
        await self._write(
            "INSERT INTO ptb_conversations(name, key, state, updated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name, key) DO UPDATE SET state = excluded.state, updated = excluded.updated",
            (name, key_json, jsoncodec.dumps(new_state), datetime.now(UTC).isoformat()),
        )

    async def update_user_data(self, user_id: int, data: dict[str, Any]) -> None:
        await self._upsert("ptb_user_data", "user_id", user_id, data)

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None:
        await self._upsert("ptb_chat_data", "chat_id", chat_id, data)

    async def _upsert(self, table: str, column: str, ident: int, data: dict[str, Any]) -> None:
        if not data:
            await self._write(f"DELETE FROM {table} WHERE {column} = ?", (ident,))
            return
        await self._write(
            f"INSERT INTO {table}({column}, data) VALUES (?, ?) "
            f"ON CONFLICT({column}) DO UPDATE SET data = excluded.data",
            (ident, self.db.seal(jsoncodec.dumps(data))),  # drafts hold phone and ID numbers
        )

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._write("DELETE FROM ptb_chat_data WHERE chat_id = ?", (chat_id,))

    async def drop_user_data(self, user_id: int) -> None:
        await self._write("DELETE FROM ptb_user_data WHERE user_id = ?", (user_id,))

    async def refresh_user_data(self, user_id: int, user_data: dict[str, Any]) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        return None

    async def flush(self) -> None:
        # Everything is written through already; nothing is buffered here.
        return None
