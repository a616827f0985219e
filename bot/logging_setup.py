"""Logging that never writes a phone or ID number."""

from __future__ import annotations

import logging
import re

# Mainland mobiles, landlines, international numbers and 18-character ID numbers.
_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<![\d+])(?:\+\d[\d \-]{6,16}\d|(?:86)?1[3-9]\d{9}|0\d{2,3}-\d{7,8})(?!\d)")


# Bot API URLs carry the token: .../bot123456:AAE.../getMe
_TOKEN_IN_URL = re.compile(r"(/(?:file/)?bot)\d+:[A-Za-z0-9_\-]+")
_TOKEN = re.compile(r"\b\d{6,12}:[A-Za-z0-9_\-]{30,}\b")


def redact(text: str) -> str:
    """Replace bot tokens and anything that looks like an ID or phone number with a fixed marker."""
    text = _TOKEN_IN_URL.sub(r"\1[token]", text)
    text = _TOKEN.sub("[token]", text)
    text = _ID.sub("[id]", text)
    return _PHONE.sub("[phone]", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_text is None:
            formatter = logging.Formatter()
            record.exc_text = redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        return True


def setup_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, which contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
