"""The offline console: numbers press buttons, identities switch, sessions follow each other."""

from __future__ import annotations

import io
from pathlib import Path

from bot.console import Console
from tests.harness import make_settings


async def session(tmp_path: Path, lines: list[str]) -> str:
    out = io.StringIO()
    console = Console(make_settings(tmp_path), out=out)
    await console.start()
    try:
        for line in lines:
            await console.handle_line(line)
    finally:
        await console.stop()
    return out.getvalue()


async def test_buttons_by_number_identities_and_a_second_session(tmp_path: Path) -> None:
    first = await session(tmp_path, ["/start", "6", "2", "/as staff", "/as 王芳", "/clock +2h"])
    assert "Language set to English." in first
    assert "you are now staff" in first and "you are now 王芳" in first
    assert "[1] 💬 法律咨询" in first  # 王芳 is new: the menu opens for her in Chinese
    assert "bot clock:" in first
    second = await session(tmp_path, ["/start"])  # update ids continue: nothing taken as a repeat
    assert "Hello, this is the 12309 citizen service" in second


async def test_a_literal_number_and_console_help(tmp_path: Path) -> None:
    output = await session(tmp_path, ["/console-help", "/start", "=5"])
    assert "press button N" in output
    assert "There is no such command" not in output
