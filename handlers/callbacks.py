"""Callback data: short, structured, parsed in one place ("ns:action:arg1:arg2")."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64  # Telegram's limit for callback_data
_PART = re.compile(r"^[\w\-.+]*$")


@dataclass(frozen=True)
class Callback:
    ns: str
    action: str
    args: tuple[str, ...] = ()

    def arg(self, index: int, default: str = "") -> str:
        return self.args[index] if index < len(self.args) else default


def encode(ns: str, action: str, *args: object) -> str:
    """Build callback data; refuses parts with ':' or data over 64 bytes."""
    parts = [ns, action, *(str(a) for a in args)]
    for part in parts:
        if not _PART.match(part):
            raise ValueError(f"callback part {part!r} has characters outside [\\w-.+]")
    data = ":".join(parts)
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def parse(data: object) -> Callback | None:
    """The parsed callback, or None for anything malformed (forged, stale, too long)."""
    if not isinstance(data, str) or not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 2 or not all(_PART.match(p) for p in parts) or not parts[0] or not parts[1]:
        return None
    return Callback(parts[0], parts[1], tuple(parts[2:]))


def pattern(ns: str, *actions: str) -> str:
    """A regex for CallbackQueryHandler matching one namespace (and optionally some actions)."""
    if actions:
        return rf"^{re.escape(ns)}:(?:{'|'.join(map(re.escape, actions))})(?::|$)"
    return rf"^{re.escape(ns)}:"
