"""Personal data at rest: phone and ID numbers (and form drafts, which hold them) are sealed with Fernet.

Sealed values are text starting with ``enc1:``; the database's row factory opens them on every
read, so repositories only seal on write. MultiFernet lets `citizen-bot rotate-key` re-seal
everything under a new key while the old one still opens what is not yet rotated.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

PREFIX = "enc1:"

# Where sealed values live: the rotation and the purge walk these.
SEALED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("cases", "id", "contact_phone"),
    ("cases", "id", "id_number"),
    ("bookings", "id", "phone"),
    ("ptb_user_data", "user_id", "data"),
    ("ptb_chat_data", "chat_id", "data"),
    ("inbox", "update_id", "payload"),
    ("secrets", "name", "value"),
)


class KeyError_(ValueError):
    """A sealed value that the configured keys cannot open."""


def valid_key(key: str) -> bool:
    try:
        Fernet(key.encode())
    except (ValueError, TypeError):
        return False
    return True


def new_key() -> str:
    return Fernet.generate_key().decode()


class Cipher:
    """Seals and opens text with the current key; older keys still open (for rotation)."""

    def __init__(self, key: str, *old_keys: str) -> None:
        self._fernet = MultiFernet([Fernet(k.encode()) for k in (key, *old_keys)])

    def seal(self, value: str | None) -> str | None:
        if value is None or value.startswith(PREFIX):
            return value
        return PREFIX + self._fernet.encrypt(value.encode()).decode()

    def open(self, value: str) -> str:
        if not value.startswith(PREFIX):
            return value
        try:
            return self._fernet.decrypt(value[len(PREFIX) :].encode()).decode()
        except InvalidToken:
            raise KeyError_("a stored value cannot be opened with DATA_KEY (wrong key?)") from None

    def rotate(self, value: str) -> str:
        """Re-seal under the current key (plain legacy values get sealed too)."""
        if not value.startswith(PREFIX):
            sealed = self.seal(value)
            assert sealed is not None
            return sealed
        return PREFIX + self._fernet.rotate(value[len(PREFIX) :].encode()).decode()
