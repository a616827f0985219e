"""Times in the database: fixed-width UTC text, so SQL string comparison orders them correctly."""

from __future__ import annotations

from datetime import UTC, datetime

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_db(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("times stored in the database must be aware datetimes")
    return moment.astimezone(UTC).strftime(_FORMAT)


def from_db(text: str) -> datetime:
    if text.endswith("Z"):
        return datetime.strptime(text, _FORMAT).replace(tzinfo=UTC)
    return datetime.fromisoformat(text)


def opt_to_db(moment: datetime | None) -> str | None:
    return to_db(moment) if moment is not None else None


def opt_from_db(text: str | None) -> datetime | None:
    return from_db(text) if text else None
