"""Citizens ask questions: answered at once, a short list, or a person. Danger is checked first."""

from __future__ import annotations

from pathlib import Path

from bot.domain.faq import FaqEntry, load_index
from tests.harness import BotHarness, Chat

LOCALES = Path(__file__).resolve().parents[2] / "locales"


def kb(lang: str, entry_id: str) -> FaqEntry:
    entry = load_index(LOCALES, lang).get(entry_id)
    assert entry is not None
    return entry


def staff_texts(bot: BotHarness) -> list[str]:
    return [s.text or "" for s in bot.telegram.sent_to(bot.settings.staff_chat_id or 0)]


async def rows(bot: BotHarness, sql: str) -> list:
    assert bot.app is not None
    return await bot.app.services.db.fetchall(sql)


async def test_everyday_chinese_question_gets_the_answer_and_its_form_button(
    bot: BotHarness,
) -> None:
    chat = bot.citizen()
    replies = await chat.send("怎么申诉")
    assert replies[-1].startswith(kb("zh-CN", "how_to_file_appeal").answer[:30])
    assert replies[-1].endswith("这个回答有帮助吗？")
    buttons = chat.buttons()
    assert buttons[0] == "📝 开始办理：申诉"
    assert buttons[-3:] == ["👍 有帮助", "👎 没帮助", "🙋 转人工"]
    # The form opens with the kind already chosen: its first question is not "which kind".
    replies = await chat.press("📝 开始办理：申诉")
    assert "请选择类型" not in replies[-1] and "(1/" not in replies[-1]


async def test_everyday_english_question_answered_in_english(bot: BotHarness) -> None:
    chat = bot.citizen(user_id=20002, name="Anna Smith", language_code="en")
    replies = await chat.send("I want to appeal the verdict")
    assert replies[-1].startswith(kb("en", "how_to_file_appeal").answer[:30])
    assert chat.buttons()[-3:] == ["👍 Yes", "👎 No", "🙋 Ask a person"]


async def test_vague_question_gets_a_short_list_then_the_chosen_answer(bot: BotHarness) -> None:
    chat = bot.citizen(user_id=20002, name="Anna Smith", language_code="en")
    replies = await chat.send("hearing")  # what a hearing is, or how to book one: really close
    assert "not sure which" in replies[-1]
    buttons = chat.buttons()
    assert len(buttons) <= 4 and buttons[-1] == "🙋 Ask a person"
    choice = kb("en", "hearings_attend")
    assert choice.question in buttons
    replies = await chat.press(choice.question)
    assert replies[-1].startswith(choice.answer[:30])


async def test_mixed_language_question_is_answered_in_the_citizens_language(
    bot: BotHarness,
) -> None:
    chat = bot.citizen()  # a Chinese-speaking citizen typing an English term
    replies = await chat.send("what is an access code")
    assert replies[-1].startswith(kb("zh-CN", "access_code_what").answer[:30])


async def test_menu_ask_prompts_for_a_question(bot: BotHarness) -> None:
    chat = bot.citizen()
    await chat.send("/start")
    replies = await chat.press("💬 法律咨询")
    assert "请用几句话写下您的问题" in replies[-1]


async def test_unknown_question_is_stored_and_asking_a_person_files_an_inquiry(
    bot: BotHarness,
) -> None:
    chat = bot.citizen(user_id=20002, name="Anna Smith", language_code="en")
    question = "How do I renew my passport while I live here?"
    replies = await chat.send(question)
    assert "no ready answer" in replies[-1]
    assert chat.buttons() == ["🙋 Ask a person"]
    assert [r["question"] for r in await rows(bot, "SELECT question FROM faq_unanswered")] == [
        question
    ]

    replies = await chat.press("🙋 Ask a person")
    assert question in replies[-1]  # confirm first, with the question shown
    replies = await chat.press("✅ Send to staff")
    assert "SD-2026-000001" in "\n".join(replies)

    cases = await rows(bot, "SELECT kind, description, contact_name, user_id, anonymous FROM cases")
    assert [tuple(c) for c in cases] == [("inquiry", question, "Anna Smith", 20002, 0)]
    assert any("SD-2026-000001" in text and question in text for text in staff_texts(bot))
    feedback = await rows(bot, "SELECT entry_id, helpful, user_id FROM faq_feedback")
    assert [tuple(f) for f in feedback] == [(None, "person", 20002)]

    # Pressing Send again does not file a second case.
    await chat.press("✅ Send to staff", message=chat.sent[-len(replies) - 1])
    assert len(await rows(bot, "SELECT id FROM cases")) == 1


async def test_a_too_short_question_asks_for_more_before_it_goes_to_staff(bot: BotHarness) -> None:
    chat = bot.citizen()
    await chat.send("签证")
    await chat.press("🙋 转人工")
    replies = await chat.press("✅ 发给工作人员")
    assert "请再写详细一点" in replies[-1]
    assert await rows(bot, "SELECT id FROM cases") == []
    await chat.send("外国人的工作签证过期了怎么办")  # typed again in full
    cases = await rows(bot, "SELECT kind, description FROM cases")
    assert [tuple(c) for c in cases] == [("inquiry", "外国人的工作签证过期了怎么办")]


async def test_helpful_and_unhelpful_answers_are_stored(bot: BotHarness) -> None:
    chat = bot.citizen()
    await chat.send("怎么申诉")
    replies = await chat.press("👍 有帮助")
    assert "谢谢" in replies[-1]
    await chat.send("怎么申诉")
    replies = await chat.press("👎 没帮助")
    assert "怎么申诉" in replies[-1] and chat.buttons() == ["✅ 发给工作人员", "✖️ 取消"]
    replies = await chat.press("✖️ 取消")
    assert "没有发送" in replies[-1]
    feedback = await rows(
        bot, "SELECT entry_id, lang, question, helpful FROM faq_feedback ORDER BY id"
    )
    assert [tuple(f) for f in feedback] == [
        ("how_to_file_appeal", "zh-CN", "怎么申诉", "yes"),
        ("how_to_file_appeal", "zh-CN", "怎么申诉", "no"),
    ]
    assert await rows(bot, "SELECT id FROM cases") == []


async def test_faq_report_is_for_staff_only_and_shows_the_figures(bot: BotHarness) -> None:
    citizen = bot.citizen()
    await citizen.send("怎么申诉")
    await citizen.press("👎 没帮助")
    await citizen.send("护照怎么续签")
    replies = await citizen.send("/faq_report")
    assert replies == ["此命令仅限工作人员使用。"]

    report = (await bot.staff().send("/faq_report"))[-1]
    assert "how_to_file_appeal" in report and "👎 1" in report
    assert "未能答复的问题：1 条" in report and "护照怎么续签" in report


async def open_complaint_at_contact_step(chat: Chat) -> None:
    await chat.send("/start")
    await chat.press("控告 / 申诉 / 举报")
    await chat.press("控告")
    await chat.send("某某贸易有限公司")
    await chat.send("2026年2月，某公司冒用我的名义签订合同，骗走五万元，我要求追究责任。")
    await chat.press("跳过")
    await chat.press("没有材料")


async def test_danger_in_the_middle_of_a_form_alerts_staff_and_the_form_goes_on(
    bot: BotHarness,
) -> None:
    chat = bot.citizen()
    await open_complaint_at_contact_step(chat)
    asked = chat.last_text
    replies = await chat.send("他现在正在打我，电话13812345678")
    assert "110" in replies[0] and "12338" in replies[0] and "已通知工作人员" in replies[0]
    alert = staff_texts(bot)[-1]
    assert "紧急" in alert and str(chat.person.chat_id) in alert
    assert "13812345678" not in alert  # phone-like digits are masked
    # The message still reached the form, which asks the same step again.
    assert replies[-1].endswith(asked.split("\n\n")[-1])
    alerts = await rows(bot, "SELECT user_id, category, text FROM danger_alerts")
    assert [(a["user_id"], a["category"]) for a in alerts] == [(10001, "violence_now")]
    assert "13812345678" not in alerts[0]["text"]
    await chat.send("138 1234 5678")
    assert "姓名" in chat.last_text  # the form moved on to the next step as usual


async def test_danger_about_a_child_offers_the_confidential_form(bot: BotHarness) -> None:
    chat = bot.citizen()
    replies = await chat.send("邻居正在打他的孩子，孩子一直在哭")
    assert "12355" in replies[0]
    assert "🔒 未成年人保护（保密）" in [b["text"] for b in chat.sent[0].flat_buttons]
    assert len(replies) == 1  # the hotlines alone: no FAQ answer next to them
    replies = await chat.press("🔒 未成年人保护（保密）", message=chat.sent[0])
    assert "严格保密" in replies[-1]  # the minor-protection form, its kind already chosen


async def test_past_or_legal_mention_of_violence_does_not_alarm(bot: BotHarness) -> None:
    chat = bot.citizen()
    replies = await chat.send("去年被人打了，法院判决不公，我想申诉")
    assert not any("110" in r for r in replies)
    assert staff_texts(bot) == []
    assert await rows(bot, "SELECT id FROM danger_alerts") == []
