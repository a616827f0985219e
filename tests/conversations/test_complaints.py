"""Citizens file complaints and petitions and follow them: the chat, and what is stored."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.domain.cases import CaseStatus
from tests.harness import BotHarness, Chat

STORY = "2026年2月，某公司冒用我的名义签订合同，骗走五万元，我要求追究责任。"


async def open_form(chat: Chat) -> None:
    await chat.send("/start")
    await chat.press("控告 / 申诉 / 举报")


async def stored_cases(bot: BotHarness) -> list:
    assert bot.app is not None
    return await bot.app.services.db.fetchall("SELECT * FROM cases ORDER BY id")


def receipt_code(texts: list[str]) -> tuple[str, str]:
    joined = "\n".join(texts)
    number = re.search(r"(SD-\d{4}-\d{6})", joined)
    code = re.search(r"(?:查询码|Access code)[:：]\s*(\d{6})", joined)
    assert number and code, joined
    return number.group(1), code.group(1)


async def file_complaint(chat: Chat, anonymous: bool = False) -> list[str]:
    await open_form(chat)
    await chat.press("控告")
    await chat.send("某某贸易有限公司")
    await chat.send(STORY)
    await chat.send("示例区人民路 10 号")
    await chat.send_photo("photo-contract")
    await chat.press("材料已发完")
    if anonymous:
        await chat.press("匿名提交")
    else:
        await chat.send("138 1234 5678")
        await chat.send("李明")
    return await chat.press("提交")


async def test_complaint_happy_path_stores_case_event_and_files(bot: BotHarness) -> None:
    chat = bot.citizen()
    replies = await file_complaint(chat)
    number, code = receipt_code(replies)
    assert number == "SD-2026-000001"
    text = "\n".join(replies)
    # Received 2026-03-02 09:00 Asia/Shanghai: 7 days and 3 months later.
    assert "2026年3月9日前告知您是否受理" in text
    assert "2026年6月2日前答复办理结果" in text

    rows = await stored_cases(bot)
    assert len(rows) == 1
    case = rows[0]
    assert (case["kind"], case["status"], case["contact_phone"], case["contact_name"]) == (
        "complaint",
        "submitted",
        "+8613812345678",
        "李明",
    )
    assert case["access_hash"] != code and code not in case["access_hash"]
    assert '"respondent": "某某贸易有限公司"' in case["extra"]
    assert case["place"] == "示例区人民路 10 号"
    assert bot.app is not None
    files = await bot.app.services.db.fetchall("SELECT * FROM attachments")
    events = await bot.app.services.db.fetchall("SELECT type FROM case_events")
    assert [f["file_id"] for f in files] == ["photo-contract"]
    assert [e["type"] for e in events] == ["submitted"]

    staff = bot.telegram.sent_to(bot.settings.staff_chat_id or 0)
    card = next(s.text or "" for s in staff if "SD-2026-000001" in (s.text or ""))
    assert "138****5678" in card and "13812345678" not in card
    assert any(s.method == "sendPhoto" for s in staff)


@pytest.mark.parametrize(
    ("kind", "answers", "stored_extra"),
    [
        ("申诉", ["某某区人民法院（2025）示刑初字第12号判决", "2025-03-07"], "decision_date"),
        ("举报", ["某化工厂", ("press", "是，涉及公共利益")], "public_interest"),
        ("国家赔偿", ["某某派出所", ("press", "跳过")], "organ"),
        ("司法救助", ["被告人没有赔偿能力，我丈夫受伤后无法工作，家里没有收入"], "harm"),
        ("未成年人保护", [("press", "12–13 岁"), ("press", "老师")], "child_age"),
        ("社会治理建议", [("press", "电线 / 消防通道")], "topic"),
    ],
)
async def test_every_kind_can_be_filed(
    bot: BotHarness, kind: str, answers: list, stored_extra: str
) -> None:
    chat = bot.citizen()
    await open_form(chat)
    await chat.press(kind)
    for answer in answers:
        if isinstance(answer, tuple):
            await chat.press(answer[1])
        else:
            await chat.send(answer)
    await chat.send(STORY)
    await chat.press("跳过")
    await chat.press("没有材料")
    await chat.send("13812345678")
    await chat.send("李明")
    replies = await chat.press("提交")
    number, _ = receipt_code(replies)
    rows = await stored_cases(bot)
    assert rows[-1]["number"] == number and stored_extra in rows[-1]["extra"]
    if kind == "未成年人保护":
        assert rows[-1]["confidential"] == 1 and rows[-1]["priority"] == "urgent"
        assert any("严格保密" in r for r in replies)
        staff = [s.text or "" for s in bot.telegram.sent_to(bot.settings.staff_chat_id or 0)]
        assert not any(STORY[:10] in t for t in staff)  # the story never goes to the group


async def test_anonymous_where_allowed_and_not_for_appeals(bot: BotHarness) -> None:
    chat = bot.citizen()
    replies = await file_complaint(chat, anonymous=True)
    assert any("匿名" in r for r in replies)
    row = (await stored_cases(bot))[0]
    assert row["anonymous"] == 1 and row["contact_phone"] is None and row["contact_name"] is None

    await open_form(chat)
    await chat.press("申诉")
    await chat.send("某某区人民法院判决")
    await chat.press("跳过")
    await chat.send(STORY)
    await chat.press("跳过")
    await chat.press("没有材料")
    assert "匿名提交" not in chat.buttons()


async def test_validation_errors_keep_the_step(bot: BotHarness) -> None:
    chat = bot.citizen()
    await open_form(chat)
    await chat.press("控告")
    await chat.send("某公司")
    replies = await chat.send("太短了")
    assert "内容太短了（现在 3 字，至少 10 字）" in replies[-1] and "请写下事情经过" in replies[-1]
    replies = await chat.send("长" * 4001)
    assert "现在 4001 字，最多 4000 字" in replies[-1].replace(",", "")
    await chat.send(STORY)
    await chat.press("跳过")
    replies = await chat.send_document("virus.exe", "application/x-msdownload")
    assert "不支持「virus.exe」" in replies[-1]
    replies = await chat.send_document("huge.pdf", "application/pdf", size=25 * 1024 * 1024)
    assert "超过了 20MB" in replies[-1]
    for i in range(10):
        await chat.send_photo(f"p{i}")
    replies = await chat.send_photo("p10")
    assert "最多只能发送 10 个文件" in replies[-1]
    await chat.press("材料已发完")
    replies = await chat.send("12345")
    assert "这个号码看起来不对" in replies[-1]
    await chat.send("+44 7911 123456")
    await chat.send("Li Ming")
    replies = await chat.press("提交")
    receipt_code(replies)
    assert bot.app is not None
    assert len(await bot.app.services.db.fetchall("SELECT * FROM attachments")) == 10
    assert (await stored_cases(bot))[0]["contact_phone"] == "+447911123456"


async def test_edit_from_the_summary_and_back(bot: BotHarness) -> None:
    chat = bot.citizen()
    await open_form(chat)
    await chat.press("控告")
    await chat.send("某公司")
    await chat.send(STORY)
    await chat.send("旧地址")
    await chat.press("没有材料")
    await chat.send_contact("+8613800138000")
    await chat.press("用「李明」")
    assert "请核对" in chat.last_text
    await chat.press("✏️ 地点")
    await chat.press("上一步")  # back from an edit returns to the summary
    assert "请核对" in chat.last_text and "旧地址" in chat.last_text
    await chat.press("✏️ 地点")
    replies = await chat.send("新地址 88 号")
    assert "请核对" in replies[-1] and "新地址 88 号" in replies[-1]
    await chat.press("提交")
    assert (await stored_cases(bot))[0]["place"] == "新地址 88 号"


async def test_cancel_at_any_step_leaves_nothing(bot: BotHarness) -> None:
    chat = bot.citizen()
    await open_form(chat)
    await chat.press("控告")
    await chat.send("某公司")
    replies = await chat.send("/cancel")
    assert "已退出当前操作" in replies[0]
    assert await stored_cases(bot) == []
    await open_form(chat)
    assert "请选择您要提交的事项" in chat.last_text  # a fresh form, not the old draft
    await chat.press("取消")
    assert "已退出当前操作" in chat.sent[-2].text


@pytest.mark.parametrize("clean", [True, False])
async def test_a_restart_mid_form_continues_at_the_same_step(bot: BotHarness, clean: bool) -> None:
    chat = bot.citizen()
    await open_form(chat)
    await chat.press("控告")
    await chat.send("某公司")
    await chat.send(STORY)
    await bot.restart(clean=clean)  # clean=False: no shutdown, as after kill -9
    replies = await chat.send("重启后输入的地址")
    assert "有证据材料吗" in replies[-1]
    await chat.press("没有材料")
    await chat.send("13812345678")
    await chat.send("李明")
    await chat.press("提交")
    row = (await stored_cases(bot))[0]
    assert row["description"] == STORY and row["place"] == "重启后输入的地址"


async def test_submit_twice_and_duplicate_update_make_one_case(bot: BotHarness) -> None:
    chat = bot.citizen()
    await open_form(chat)
    await chat.press("控告")
    await chat.send("某公司")
    await chat.send(STORY)
    await chat.press("跳过")
    await chat.press("没有材料")
    await chat.send("13812345678")
    await chat.send("李明")
    summary = chat.last_with_buttons()
    submit = next(b for b in summary.flat_buttons if "提交" in b["text"])
    update = bot.factory.callback(chat.person, summary, submit["callback_data"])
    await bot.feed(update)
    await bot.feed(update)  # the same update delivered again
    await chat.press("提交", message=summary)  # pressed again at once: acts once, silently
    await bot.advance(timedelta(seconds=5))
    await chat.press("提交", message=summary)  # and again later: told it is already filed
    assert len(await stored_cases(bot)) == 1
    answers = [a.get("text", "") for a in bot.calls("answerCallbackQuery")]
    assert any("已经提交过了" in a for a in answers)


async def test_menu_pressed_mid_form_pauses_it_and_resume_continues(bot: BotHarness) -> None:
    chat = bot.citizen()
    await open_form(chat)
    await chat.press("控告")
    await chat.send("某公司")
    await chat.send("/start")
    replies = await chat.press("我的案件")
    assert "还没有提交过案件" in replies[-1]
    replies = await chat.send("/start")
    await chat.press("控告 / 申诉 / 举报")
    assert "未填完的控告申诉" in chat.last_text
    replies = await chat.press("继续填写")
    assert "请写下事情经过" in replies[-1]


async def test_unfinished_form_gets_one_nudge_after_a_day(bot: BotHarness) -> None:
    chat = bot.citizen()
    await open_form(chat)
    await chat.press("控告")
    mark = chat.mark()
    await bot.advance(timedelta(hours=23))
    assert chat.texts_since(mark) == []
    await bot.advance(timedelta(hours=2))
    nudges = [t for t in chat.texts_since(mark) if "还没有填完" in t]
    assert len(nudges) == 1
    await bot.restart()
    await bot.advance(timedelta(days=2))
    assert len([t for t in chat.texts_since(mark) if "还没有填完" in t]) == 1
    await chat.press("继续填写")
    assert "您要控告谁" in chat.last_text
    await bot.advance(timedelta(days=6))
    replies = await chat.send("某公司")
    assert "已经过期" in replies[-1]


async def test_my_cases_timeline_and_status_notices(bot: BotHarness) -> None:
    chat = bot.citizen()
    number, _ = receipt_code(await file_complaint(chat))
    assert bot.app is not None
    cases = bot.app.services.cases
    await cases.change_status(
        number, CaseStatus.ACCEPTED, 900001, "您的控告已受理，承办检察官将联系您。"
    )
    notice = chat.last_text
    assert "有新进展：已受理" in notice and "承办检察官将联系您" in notice
    await chat.press(f"查看 {number}")
    page = chat.last_text
    assert "状态：已受理" in page and "受理" in page and "承办检察官将联系您" in page
    await chat.send("/start")
    await chat.press("我的案件")
    assert f"{number} · 控告 · 已受理" in chat.last_text


async def test_needs_info_round_trip_adds_an_event_and_tells_staff(bot: BotHarness) -> None:
    chat = bot.citizen()
    number, _ = receipt_code(await file_complaint(chat))
    assert bot.app is not None
    await bot.app.services.cases.change_status(
        number, CaseStatus.NEEDS_INFO, 900001, "请补充合同照片。"
    )
    await chat.press(f"查看 {number}")
    await chat.press("补充材料")
    await chat.send("合同在这里，另有转账记录。")
    await chat.send_photo("photo-transfer")
    await chat.press("完成")
    events = await bot.app.services.db.fetchall("SELECT type, body FROM case_events ORDER BY id")
    assert [e["type"] for e in events] == [
        "submitted",
        "needs_info",
        "citizen_info",
        "citizen_info",
    ]
    staff = [s.text or "" for s in bot.telegram.sent_to(bot.settings.staff_chat_id or 0)]
    assert any("合同在这里" in t and number in t for t in staff)


async def test_lookup_by_number_and_code_from_another_account_and_lockout(bot: BotHarness) -> None:
    owner = bot.citizen()
    number, code = receipt_code(await file_complaint(owner))
    other = bot.citizen(user_id=30003, name="王芳")
    await other.send("/start")
    await other.press("我的案件")
    await other.press("用编号和查询码查询")
    await other.send(number.lower().replace("-", " "))
    replies = await other.send(code)
    assert f"案件 {number}" in replies[-1] and "办理记录" in replies[-1]

    stranger = bot.citizen(user_id=40004, name="赵六")
    for _attempt in range(5):
        await stranger.send("/start")
        await stranger.press("我的案件")
        await stranger.press("用编号和查询码查询")
        await stranger.send(number)
        replies = await stranger.send("000000" if code != "000000" else "111111")
    assert "已锁定" in replies[-1]
    await stranger.send("/start")
    await stranger.press("我的案件")
    await stranger.press("用编号和查询码查询")
    await stranger.send(number)
    replies = await stranger.send(code)  # even the right code waits out the lock
    assert "已锁定" in replies[-1]
    await bot.advance(timedelta(minutes=61))
    await stranger.send("/start")
    await stranger.press("我的案件")
    await stranger.press("用编号和查询码查询")
    await stranger.send(number)
    replies = await stranger.send(code)
    assert "办理记录" in replies[-1]


async def test_rating_after_close_and_a_bad_rating_alerts_staff(bot: BotHarness) -> None:
    chat = bot.citizen()
    number, _ = receipt_code(await file_complaint(chat))
    assert bot.app is not None
    cases = bot.app.services.cases
    await cases.change_status(number, CaseStatus.ACCEPTED, 900001, "已受理")
    await cases.change_status(number, CaseStatus.ANSWERED, 900001, "经调查，已督促公安机关立案。")
    await cases.change_status(number, CaseStatus.CLOSED, 900001)
    assert "满意吗" in chat.last_text
    await chat.press("🙁 不满意")
    replies = await chat.send("一直没人给我打电话")
    assert "意见已记录" in replies[-1]
    row = (await stored_cases(bot))[0]
    assert (row["rating"], row["rating_comment"]) == (2, "一直没人给我打电话")
    staff = [s.text or "" for s in bot.telegram.sent_to(bot.settings.staff_chat_id or 0)]
    assert any("差评" in t and number in t and "1 日内回访" in t for t in staff)
    await chat.press_data(f"rate:5:{number}")
    assert "已经评价过了" in chat.last_text


async def test_reopen_once_within_thirty_days(bot: BotHarness) -> None:
    chat = bot.citizen()
    number, _ = receipt_code(await file_complaint(chat))
    assert bot.app is not None
    cases = bot.app.services.cases
    await cases.change_status(number, CaseStatus.REJECTED, 900001, "不属于检察机关管辖。")
    await cases.change_status(number, CaseStatus.CLOSED, 900001)
    await chat.press("非常满意")
    await chat.press("跳过")
    await chat.send("/mycases")
    await chat.press(number)
    await chat.press("申请重新办理")
    replies = await chat.send("有新的证据证明属于检察院管辖")
    assert "已申请重新办理" in replies[-1]
    row = (await stored_cases(bot))[0]
    assert (row["status"], row["reopen_count"]) == ("reopened", 1)
    staff = [s.text or "" for s in bot.telegram.sent_to(bot.settings.staff_chat_id or 0)]
    assert any("申请重新办理" in t and "新的证据" in t for t in staff)
    await cases.change_status(number, CaseStatus.ANSWERED, 900001, "已复查。")
    await cases.change_status(number, CaseStatus.CLOSED, 900001)
    await chat.send("/mycases")
    await chat.press(number)
    assert "申请重新办理" not in chat.buttons()


async def test_english_citizen_files_in_english(bot: BotHarness) -> None:
    chat = bot.citizen(user_id=50005, name="Anna", language_code="en")
    await chat.send("/start")
    await chat.press("File a complaint or petition")
    await chat.press("Report")
    await chat.send("A chemical plant upstream")
    await chat.press("Yes, the public interest")
    await chat.send("The plant dumps waste water into the river every night since May.")
    await chat.send_location(43.88, 125.32)
    await chat.press("No files")
    await chat.press("Stay anonymous")
    replies = await chat.press("Submit")
    text = "\n".join(replies)
    assert "Case number: SD-2026-000001" in text and "By 9 March 2026" in text
    row = (await stored_cases(bot))[0]
    assert row["latitude"] == pytest.approx(43.88) and row["locale"] == "en"
