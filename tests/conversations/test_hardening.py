"""Floods, repeated buttons, redelivered updates and forged callback data."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.harness import BotHarness, make_settings


async def test_a_flood_is_told_once_then_dropped_until_it_passes(tmp_path: Path) -> None:
    bot = await BotHarness(
        make_settings(tmp_path, flood_max_messages=20, flood_window_seconds=10)
    ).start()
    try:
        chat = bot.citizen()
        replies = []
        for i in range(25):
            replies += await chat.send("/help" if i % 2 else "/privacy")
        slow = [r for r in replies if "发送得太快" in r]
        assert len(slow) == 1
        assert len(replies) == 20 + 1  # twenty answered, one warning, four dropped
        await bot.advance(timedelta(seconds=11))
        assert await chat.send("/help")

        staff = bot.staff()
        for _ in range(30):
            await staff.send("/help")
        assert not any("发送得太快" in (s.text or "") for s in staff.sent)
    finally:
        await bot.stop()


async def test_the_same_button_pressed_twice_acts_once(bot: BotHarness) -> None:
    chat = bot.citizen()
    await chat.send("/start")
    menu = chat.last_with_buttons()
    await chat.press("语言", message=menu)
    await chat.press("语言", message=menu)
    assert sum("请选择语言" in t for t in chat.texts_since(0)) == 1
    await bot.advance(timedelta(seconds=5))
    await chat.press("语言", message=menu)
    assert sum("请选择语言" in t for t in chat.texts_since(0)) == 2


async def test_an_update_delivered_again_after_a_crash_is_handled_once(bot: BotHarness) -> None:
    chat = bot.citizen()
    update = bot.factory.text(chat.person, "/help")
    await bot.feed(update)
    await bot.restart(clean=False)
    await bot.feed(update)  # Telegram redelivers what was not confirmed before the crash
    assert sum("12309 民生检察服务可以为您" in t for t in chat.texts_since(0)) == 1


def test_forged_callback_data_never_raises(tmp_path: Path) -> None:
    runner = asyncio.Runner()
    bot = runner.run(BotHarness(make_settings(tmp_path)).start())
    chat = bot.citizen()
    runner.run(chat.send("/start"))
    menu = chat.last_with_buttons()
    prefixes = st.sampled_from(["menu", "f", "mc", "rate", "lang", "hb", "sc", "x", ""])
    structured = st.builds(
        lambda p, rest: f"{p}:{rest}",
        prefixes,
        st.text("abcdefghijklmnopqrstuvwxyz0123456789:_-.+", max_size=50),
    )
    anything = st.text(min_size=1, max_size=64).filter(lambda s: len(s.encode()) <= 64)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.one_of(structured, anything))
    def press(data: str) -> None:
        before = len(bot.calls("answerCallbackQuery"))
        replies = runner.run(chat.press_data(data, message=menu))
        assert not any("出了点问题" in r for r in replies), (data, replies)
        assert len(bot.calls("answerCallbackQuery")) > before, data  # every press gets an answer

    try:
        press()
        staff_chat = bot.telegram.sent_to(bot.settings.staff_chat_id or 0)
        assert not any("Error" in (s.text or "") for s in staff_chat)
    finally:
        runner.run(bot.stop())
        runner.close()
