"""Messages as people really write them: greetings, emergencies in other words, figures of
speech, case numbers typed as text, replies to the office, and wage questions asked in passing."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.faq import load_index
from tests.conversations.test_faq import LOCALES, rows, staff_texts
from tests.conversations.test_staff import file_complaint as file_complaint_with
from tests.harness import STAFF_CHAT_ID, BotHarness, Chat

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def file_complaint(chat: Chat) -> str:
    return await file_complaint_with(chat, photo=False)


# ------------------------------------------------------------------ smalltalk


async def test_a_greeting_gets_the_menu_not_no_answer(bot: BotHarness) -> None:
    chat = bot.citizen()
    replies = await chat.send("你好 在吗")
    assert "您好" in replies[-1] and "没有现成的答复" not in replies[-1]
    assert "📝 控告 / 申诉 / 举报" in chat.buttons()


async def test_thanks_gets_a_courtesy_and_the_menu(bot: BotHarness) -> None:
    chat = bot.citizen(language_code="en")
    replies = await chat.send("thx")
    assert "welcome" in replies[-1]
    assert chat.buttons()  # the menu


# ------------------------------------------------------------------ danger in other words


async def test_smoke_in_the_stairwell_gets_119_first_and_an_urgent_alert(bot: BotHarness) -> None:
    chat = bot.citizen()
    replies = await chat.send("楼道里全是黑烟 门把手烫 下不去楼")
    assert replies[0].index("119") < replies[0].index("120")
    assert len(replies) == 1  # the numbers alone, no FAQ answer beside them
    assert any("紧急" in t and "火灾" in t for t in staff_texts(bot))


async def test_a_goodbye_without_the_word_gets_the_psychological_line(bot: BotHarness) -> None:
    chat = bot.citizen(language_code="en")
    replies = await chat.send("saved up enough pills. tell my sister the cat is hers now")
    assert "12356" in replies[0]
    assert any("紧急" in t and "自伤" in t for t in staff_texts(bot))  # staff read zh-CN


async def test_a_worker_fallen_on_site_gets_the_ambulance(bot: BotHarness) -> None:
    chat = bot.citizen()
    replies = await chat.send("工友从脚手架上摔下来了 叫不醒 流了好多血")
    assert replies[0].index("120") < replies[0].index("119")


async def test_figures_of_speech_raise_no_alarm(bot: BotHarness) -> None:
    for text in (
        "这个表格填得我要疯了 到底怎么提交",
        "my boss will kill me if I miss work for the hearing",
    ):
        chat = bot.citizen()
        replies = await chat.send(text)
        assert not any("110" in r or "119" in r for r in replies), text
    assert staff_texts(bot) == []


# ------------------------------------------------------------------ case numbers and replies


async def test_a_case_number_typed_as_text_opens_the_citizens_own_case(bot: BotHarness) -> None:
    chat = bot.citizen()
    number = await file_complaint(chat)
    replies = await chat.send(f"我的案子 {number.lower()} 怎么样了")
    assert number in replies[-1] and "已提交" in replies[-1]


async def test_someone_elses_case_number_asks_for_the_access_code(bot: BotHarness) -> None:
    owner = bot.citizen()
    number = await file_complaint(owner)
    code = re.search(r"查询码[:：]\s*(\d{6})", "\n".join(t for t in owner.texts_since(0)))
    assert code
    relative = bot.citizen(user_id=30303, name="李家人")
    replies = await relative.send(number)
    assert "6 位查询码" in replies[-1]
    replies = await relative.send(code.group(1))
    assert number in replies[-1]


async def test_a_reply_to_the_offices_answer_is_added_to_that_case(bot: BotHarness) -> None:
    citizen = bot.citizen()
    number = await file_complaint(citizen)
    staff = bot.staff()
    first_card = next(s for s in bot.telegram.sent_to(STAFF_CHAT_ID) if number in (s.text or ""))
    await staff.send("您好，请补充合同照片。", reply_to=first_card.message_id)
    answer = citizen.sent[-1]
    assert "请补充合同照片" in (answer.text or "")
    replies = await citizen.send("合同在家里，明天拍照发来。", reply_to=answer.message_id)
    assert any(number in r and "已补充" in r for r in replies)
    assert not any("没有现成的答复" in r for r in replies)
    assert any("合同在家里" in t and number in t for t in staff_texts(bot))
    stored = await rows(
        bot,
        "SELECT e.body FROM case_events e JOIN cases c ON c.id = e.case_id "
        f"WHERE c.number = '{number}' AND e.type = 'citizen_info'",
    )
    assert [r["body"] for r in stored] == ["合同在家里，明天拍照发来。"]


# ------------------------------------------------------------------ wages in passing


async def test_a_wage_question_gets_its_answer_and_the_form_beside_it(bot: BotHarness) -> None:
    chat = bot.citizen()
    replies = await chat.send("工资拖了三个月 要准备哪些证据啊")
    evidence = load_index(LOCALES, "zh-CN").get("wage_evidence")
    assert evidence is not None and replies[-1].startswith(evidence.answer[:30])
    await chat.press("👷 反映欠薪")  # the wage form beside the answer
    assert "您做的是什么工作" in chat.last_text


async def test_a_reception_topic_about_wages_stays_the_topic(bot: BotHarness) -> None:
    bot.clock.set(datetime(2026, 9, 28, 9, 0, tzinfo=SHANGHAI))
    chat = bot.citizen()
    await chat.send("/start")
    await chat.press("听证会与接待日")
    await chat.press("检察长接待日")
    await chat.press("2026-10-14")
    await chat.press("09:20")
    replies = await chat.send("工地老板拖欠工资，想当面反映")
    assert "最多 5 人" in replies[-1]  # the next step: how many people come
    assert not any("三快一优" in r for r in replies)
