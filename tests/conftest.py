from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from tests.harness import BotHarness, make_settings


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    # Tests never read the developer's .env or environment.
    monkeypatch.chdir(tmp_path)
    for name in (
        "BOT_TOKEN",
        "BOT_API_BASE_URL",
        "STAFF_CHAT_ID",
        "STAFF_USER_IDS",
        "DATABASE_PATH",
        "TIMEZONE",
        "DEFAULT_LOCALE",
        "TRACKING_PREFIX",
        "REPLY_DAYS_MODE",
    ):
        monkeypatch.delenv(name, raising=False)
    return make_settings(tmp_path)


@pytest.fixture
async def bot(settings: Settings) -> AsyncIterator[BotHarness]:
    harness = await BotHarness(settings).start()
    try:
        yield harness
    finally:
        await harness.stop()
