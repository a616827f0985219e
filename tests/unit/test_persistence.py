from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from storage.db import Database
from storage.persistence import SqlitePersistence


async def _open(path: Path) -> tuple[Database, SqlitePersistence]:
    db = Database(path)
    await db.open()
    await db.migrate()
    return db, SqlitePersistence(db)


async def test_round_trip_of_drafts_and_conversations(tmp_path: Path) -> None:
    db, persistence = await _open(tmp_path / "p.sqlite3")
    draft = {
        "form": {
            "kind": "appeal",
            "amount": Decimal("35000.50"),
            "from": date(2025, 10, 1),
            "at": datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
            "files": ["a", "b"],
        }
    }
    await persistence.update_user_data(42, draft)
    await persistence.update_chat_data(-100, {"thread": 3})
    await persistence.update_conversation("complaint", (42, 42), "DESCRIPTION")
    await persistence.update_conversation("complaint", (43, 43), 2)
    await db.close()  # no flush, no shutdown: as after a crash

    db, persistence = await _open(tmp_path / "p.sqlite3")
    assert await persistence.get_user_data() == {42: draft}
    assert await persistence.get_chat_data() == {-100: {"thread": 3}}
    assert await persistence.get_conversations("complaint") == {
        (42, 42): "DESCRIPTION",
        (43, 43): 2,
    }
    await persistence.update_conversation("complaint", (42, 42), None)
    await persistence.update_user_data(42, {})
    assert await persistence.get_conversations("complaint") == {(43, 43): 2}
    assert await persistence.get_user_data() == {}
    await persistence.drop_chat_data(-100)
    assert await persistence.get_chat_data() == {}
    await db.close()
