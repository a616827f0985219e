"""Phone and ID numbers are sealed at rest, opened transparently, and re-sealed on key rotation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.crypto import PREFIX, Cipher, KeyError_, new_key, valid_key
from storage.db import Database, DatabaseInUse
from storage.persistence import SqlitePersistence


def test_seal_open_and_rotate() -> None:
    old, new = new_key(), new_key()
    sealed = Cipher(old).seal("+8613812345678")
    assert sealed is not None and sealed.startswith(PREFIX) and "138" not in sealed
    assert Cipher(old).open(sealed) == "+8613812345678"
    rotated = Cipher(new, old).rotate(sealed)
    assert Cipher(new).open(rotated) == "+8613812345678"
    with pytest.raises(KeyError_):
        Cipher(old).open(rotated)
    assert Cipher(new).open("plain legacy value") == "plain legacy value"
    assert valid_key(new) and not valid_key("not-a-key")


async def test_rows_are_opened_on_read_and_stored_sealed(tmp_path: Path) -> None:
    db = Database(tmp_path / "c.sqlite3", cipher=Cipher(new_key()))
    await db.open()
    await db.migrate()
    persistence = SqlitePersistence(db)
    await persistence.update_user_data(7, {"form": {"values": {"contact": "+8613812345678"}}})
    assert (await persistence.get_user_data())[7]["form"]["values"]["contact"] == "+8613812345678"
    await db.close()
    raw = (
        sqlite3.connect(tmp_path / "c.sqlite3")
        .execute("SELECT data FROM ptb_user_data")
        .fetchone()[0]
    )
    assert raw.startswith(PREFIX) and "13812345678" not in raw


async def test_a_held_database_cannot_be_held_again(tmp_path: Path) -> None:
    first, second = Database(tmp_path / "d.sqlite3"), Database(tmp_path / "d.sqlite3")
    first.hold()
    with pytest.raises(DatabaseInUse):
        second.hold()
    first.release()
    second.hold()
    second.release()
