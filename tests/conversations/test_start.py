"""The menu, languages, help, privacy and cancel, as a citizen sees them."""

from __future__ import annotations

from tests.harness import BotHarness

MENU_ZH = [
    "💬 法律咨询",
    "📝 控告 / 申诉 / 举报",
    "👷 农民工讨薪",
    "📂 我的案件",
    "🏛 听证会与接待日",
    "🌐 语言 / Language",
]


async def test_start_greets_with_office_name_and_full_menu(bot: BotHarness) -> None:
    chat = bot.citizen()
    replies = await chat.send("/start")
    assert "示例区人民检察院" in replies[-1]
    assert chat.buttons() == MENU_ZH


async def test_language_follows_telegram_language_code(bot: BotHarness) -> None:
    english = bot.citizen(user_id=20002, language_code="en-GB")
    await english.send("/start")
    assert "Sample District Procuratorate" in english.last_text
    assert english.buttons()[0] == "💬 Ask a question"

    other = bot.citizen(user_id=20003, language_code="fr")
    await other.send("/start")
    assert "示例区人民检察院" in other.last_text  # the default locale
    traditional = bot.citizen(user_id=20004, language_code="zh-hant")
    await traditional.send("/start")
    assert "您好" in traditional.last_text


async def test_switching_language_from_the_menu_survives_restart(bot: BotHarness) -> None:
    chat = bot.citizen()
    await chat.send("/start")
    await chat.press("语言")
    assert "请选择语言" in chat.last_text
    replies = await chat.press("English")
    assert "Language set to English." in replies
    assert chat.buttons()[0] == "💬 Ask a question"

    await bot.restart()
    replies = await chat.send("/start")
    assert "Hello, this is the 12309 citizen service" in replies[-1]


async def test_language_command_and_back_to_chinese(bot: BotHarness) -> None:
    chat = bot.citizen(language_code="en")
    await chat.send("/language")
    await chat.press("中文")
    assert "已切换为中文" in chat.texts_since(0)[-2]
    assert chat.buttons() == MENU_ZH


async def test_every_menu_button_answers(bot: BotHarness) -> None:
    for number, label in enumerate(MENU_ZH, 1):
        chat = bot.citizen(user_id=70000 + number)
        await chat.send("/start")
        replies = await chat.press(label)
        answers = [c.get("text", "") for c in bot.calls("answerCallbackQuery")]
        assert replies, f"{label} sent nothing"
        assert not any("失效" in a for a in answers), label
        assert not any("出了点问题" in r for r in replies), label


async def test_help_privacy_and_cancel(bot: BotHarness) -> None:
    chat = bot.citizen()
    help_text = (await chat.send("/help"))[-1]
    assert "7 日内" in help_text and "/privacy" in help_text
    privacy = (await chat.send("/privacy"))[-1]
    assert "保存多久" in privacy and "1,095 天" in privacy
    cancel = (await chat.send("/cancel"))[-1]
    assert "没有正在进行的操作" in cancel
    assert chat.buttons() == MENU_ZH


async def test_stale_or_forged_buttons_get_a_polite_answer(bot: BotHarness) -> None:
    chat = bot.citizen()
    await chat.send("/start")
    for data in ("case:accept:SD-2025-000001", "garbage", "lang:set:xx", "menu"):
        await chat.press_data(data)
    answers = bot.calls("answerCallbackQuery")
    assert len(answers) == 4
    assert all("按钮已失效" in a.get("text", "") for a in answers), answers
    assert not [c for c in bot.calls("sendMessage") if "出了点问题" in c.get("text", "")]


async def test_unknown_command(bot: BotHarness) -> None:
    chat = bot.citizen(language_code="en")
    replies = await chat.send("/frobnicate")
    assert "no such command" in replies[-1]


async def test_command_menu_registered_per_language(bot: BotHarness) -> None:
    calls = bot.calls("setMyCommands")
    by_language = {c.get("language_code"): c["commands"] for c in calls}
    assert set(by_language) == {"zh", "en", None}
    assert {"command": "language", "description": "Change language"} in by_language["en"]
    assert {"command": "language", "description": "切换语言"} in by_language["zh"]


async def test_a_handler_error_apologises_and_tells_staff_without_details(bot: BotHarness) -> None:
    from telegram.ext import CommandHandler

    async def broken(update, context):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom 13812345678")

    assert bot.app is not None
    bot.app.add_handler(CommandHandler("boom", broken), group=-5)
    chat = bot.citizen()
    replies = await chat.send("/boom")
    assert any("抱歉" in r for r in replies)
    staff_texts = [s.text or "" for s in bot.telegram.sent_to(bot.settings.staff_chat_id or 0)]
    assert any("RuntimeError" in t for t in staff_texts)
    assert not any("13812345678" in t or "boom" in t for t in staff_texts)
