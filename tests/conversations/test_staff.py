"""The staff desk: a citizen's chat and the staff chat side by side.

Cases arrive as cards; staff act on them with buttons (the citizen hears each reply), answer by
replying to the card, keep internal notes, see the queue, the whole case, the figures and an
export; deadlines raise one alert each, even across a restart; a burst of cases stays within
Telegram's limit of 20 messages a minute into a group.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.cases import CaseKind, CaseStatus, NewCase
from bot.offline import Sent
from tests.harness import STAFF_CHAT_ID, STAFF_USER_ID, BotHarness, Chat, make_settings

STORY = "2026年2月，某公司冒用我的名义签订合同，骗走五万元，我要求追究责任。"
NUMBER = "SD-2026-000001"


# ------------------------------------------------------------------ helpers


async def file_complaint(chat: Chat, photo: bool = True) -> str:
    await chat.send("/start")
    await chat.press("控告 / 申诉 / 举报")
    await chat.press("控告")
    await chat.send("某某贸易有限公司")
    await chat.send(STORY)
    await chat.send("示例区人民路 10 号")
    if photo:
        await chat.send_photo("photo-contract")
        await chat.press("材料已发完")
    else:
        await chat.press("没有材料")
    await chat.send("138 1234 5678")
    await chat.send("李明")
    replies = await chat.press("提交")
    match = re.search(r"SD-\d{4}-\d{6}", "\n".join(replies))
    assert match, replies
    return match.group(0)


def staff_chat(bot: BotHarness) -> list[Sent]:
    return bot.telegram.sent_to(STAFF_CHAT_ID)


def card(bot: BotHarness, number: str) -> Sent:
    """The case's card as it stands now (after any edits)."""
    first = next(
        s for s in staff_chat(bot) if f"新案件 {number}" in (s.text or "") and not s.edited
    )
    current = bot.telegram.current(STAFF_CHAT_ID, first.message_id)
    assert current is not None
    return current


def labels(message: Sent) -> list[str]:
    return [b["text"] for b in message.flat_buttons]


def replied_to(message: Sent) -> int | None:
    reply = message.params.get("reply_parameters")
    return int(reply["message_id"]) if isinstance(reply, dict) else None


async def case_row(bot: BotHarness, number: str) -> dict:
    assert bot.app is not None
    row = await bot.app.services.db.fetchone("SELECT * FROM cases WHERE number = ?", (number,))
    assert row is not None
    return dict(row)


async def events(bot: BotHarness, number: str) -> list[dict]:
    assert bot.app is not None
    rows = await bot.app.services.db.fetchall(
        "SELECT e.* FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.number = ? ORDER BY e.id",
        (number,),
    )
    return [dict(r) for r in rows]


async def audit(bot: BotHarness, action: str) -> list[dict]:
    assert bot.app is not None
    rows = await bot.app.services.db.fetchall("SELECT * FROM audit_log WHERE action = ?", (action,))
    return [dict(r) for r in rows]


def new_case(
    i: int, kind: CaseKind = CaseKind.COMPLAINT, anonymous: bool = False, **extra: str
) -> NewCase:
    return NewCase(
        kind=kind,
        description=f"第 {i} 件：小区门口的电线太低，消防车过不去，请有关部门处理。",
        anonymous=anonymous,
        contact_name=None if anonymous else f"市民{i}",
        contact_phone=None if anonymous else "+8613812345678",
        extra=dict(extra),
        submission_key=f"fixture-{i}",
        user_id=20000 + i,
        locale="zh-CN",
    )


# ------------------------------------------------------------------ cards and actions


async def test_a_new_case_arrives_as_a_card_with_its_buttons_and_files(bot: BotHarness) -> None:
    citizen = bot.citizen()
    number = await file_complaint(citizen)

    the_card = card(bot, number)
    text = the_card.text or ""
    assert "新案件 SD-2026-000001 · 控告" in text
    assert "138****5678" in text and "13812345678" not in text
    assert "2026年3月9日前程序性答复" in text and "2026年6月2日前答复结果" in text
    assert "状态：已提交 · 承办人：未分配" in text
    # submitted: only the moves TRANSITIONS allows, then "assign to me"
    assert labels(the_card) == ["✅ 受理", "📝 需补充材料", "↪️ 转办", "⛔ 不予受理", "🙋 由我承办"]
    photo = next(s for s in staff_chat(bot) if s.method == "sendPhoto")
    assert replied_to(photo) == the_card.message_id  # the file hangs under its card
    assert bot.app is not None
    stored = await bot.app.services.db.fetchall("SELECT kind, message_id FROM case_messages")
    assert {(r["kind"], r["message_id"]) for r in stored} == {
        ("card", the_card.message_id),
        ("file", photo.message_id),
    }


async def test_accept_with_the_staff_members_own_words(bot: BotHarness) -> None:
    citizen, staff = bot.citizen(), bot.staff()
    number = await file_complaint(citizen)

    await staff.press("✅ 受理", message=card(bot, number))
    prompt = staff.last
    assert "当事人会收到以下答复（中文（简体））" in (prompt.text or "")
    assert "已经受理。我们将依法办理" in (prompt.text or "")  # the template, ready to edit
    assert labels(prompt) == ["📨 按模板发送", "✖ 取消"]

    mark = citizen.mark()
    replies = await staff.send(
        "您的控告已受理，承办检察官会在 3 日内与您电话联系。", reply_to=prompt.message_id
    )
    assert "✅ SD-2026-000001 现在是「已受理」，已通知当事人。" in replies
    notice = "\n".join(citizen.texts_since(mark))
    assert "有新进展：已受理" in notice and "承办检察官会在 3 日内与您电话联系" in notice
    assert "王检察官" not in notice  # the citizen never learns who answered

    the_card = card(bot, number)
    assert "状态：已受理" in (the_card.text or "")
    assert "最近操作：受理（王检察官，2026年3月2日 09:00）" in (the_card.text or "")
    assert labels(the_card) == ["📝 需补充材料", "↪️ 转办", "💬 答复结果", "🙋 由我承办"]
    row = await case_row(bot, number)
    assert row["status"] == "accepted" and row["first_reply_at"] is not None


async def test_needs_information_round_trip_through_the_thread(bot: BotHarness) -> None:
    citizen, staff = bot.citizen(), bot.staff()
    number = await file_complaint(citizen, photo=False)
    the_card = card(bot, number)

    await staff.press("📝 需补充材料", message=the_card)
    mark = citizen.mark()
    await staff.press("📨 按模板发送")
    assert any("还需要您补充以下材料" in t for t in citizen.texts_since(mark))

    # the citizen adds material; it comes into the staff chat as a reply to the card
    await citizen.press(f"查看 {number}")
    await citizen.press("补充材料")
    await citizen.send("合同在这里，另有转账记录。")
    relay = staff_chat(bot)[-1]
    assert "当事人补充：合同在这里" in (relay.text or "") and number in (relay.text or "")
    assert replied_to(relay) == the_card.message_id

    # a staff reply to the relayed message reaches the citizen, signed as the office
    mark = citizen.mark()
    replies = await staff.send("收到，谢谢。请把转账记录的截图也发来。", reply_to=relay.message_id)
    assert "✅ 已发送给 SD-2026-000001 的当事人。" in replies
    got = citizen.texts_since(mark)
    assert got == [
        "📨 示例区人民检察院就案件 SD-2026-000001 回复您：\n收到，谢谢。请把转账记录的截图也发来。"
    ]
    assert citizen.last.flat_buttons[0]["callback_data"] == f"mc:open:{number}"

    # a photo replied to the card goes to the citizen as a photo
    photo = bot.factory.photo(staff.person, "staff-photo-receipt", caption="回执")
    photo["message"]["reply_to_message"] = {
        "message_id": the_card.message_id,
        "date": 0,
        "chat": bot.telegram.chat(STAFF_CHAT_ID),
        "text": the_card.text,
    }
    await bot.feed(photo)
    assert citizen.last.method == "sendPhoto" and "回执" in (citizen.last.text or "")
    answered = [e for e in await events(bot, number) if e["type"] == "answered"]
    assert [e["visible"] for e in answered] == [1, 1] and answered[0]["actor"] == "staff"


async def test_transfer_names_the_receiving_body(bot: BotHarness) -> None:
    citizen, staff = bot.citizen(), bot.staff()
    number = await file_complaint(citizen, photo=False)

    await staff.press("↪️ 转办", message=card(bot, number))
    assert "写明接收单位的名称" in staff.last_text
    replies = await staff.send("示例区人力资源和社会保障局", reply_to=staff.last.message_id)
    assert "已转交示例区人力资源和社会保障局办理" in replies[-1]  # the template names it
    mark = citizen.mark()
    await staff.press("📨 按模板发送")
    notice = "\n".join(citizen.texts_since(mark))
    assert "已转交：示例区人力资源和社会保障局" in notice
    transferred = [e for e in await events(bot, number) if e["type"] == "transferred"]
    assert '"to": "示例区人力资源和社会保障局"' in transferred[0]["data"]
    assert labels(card(bot, number)) == ["🏁 办结", "🙋 由我承办"]


async def test_close_asks_the_citizen_to_rate_and_a_bad_rating_comes_back_to_the_card(
    bot: BotHarness,
) -> None:
    citizen, staff = bot.citizen(), bot.staff()
    number = await file_complaint(citizen, photo=False)
    await staff.press("✅ 受理", message=card(bot, number))
    await staff.press("📨 按模板发送")
    await staff.press("💬 答复结果", message=card(bot, number))
    await staff.send("经调查，该公司已退还全部款项。", reply_to=staff.last.message_id)
    await staff.press("🏁 办结", message=card(bot, number))
    mark = citizen.mark()
    await staff.press("📨 按模板发送")

    texts = citizen.texts_since(mark)
    assert any("已办结" in t and "感谢您对示例区人民检察院工作的信任与支持" in t for t in texts)
    assert texts[-1] == "案件 SD-2026-000001 已办结。您对办理情况满意吗？"
    assert "😠 非常不满意" in labels(citizen.last)
    assert labels(card(bot, number)) == []  # a closed case has no buttons left

    await citizen.press("😠 非常不满意")
    alert = staff_chat(bot)[-1]
    assert "差评" in (alert.text or "") and replied_to(alert) == card(bot, number).message_id


async def test_a_note_stays_internal(bot: BotHarness) -> None:
    citizen, staff = bot.citizen(), bot.staff()
    number = await file_complaint(citizen, photo=False)
    mark = citizen.mark()
    replies = await staff.send(
        "#note 已电话联系，当事人下午来院。", reply_to=card(bot, number).message_id
    )
    assert replies == ["📌 已作为 SD-2026-000001 的内部备注保存，当事人看不到。"]
    assert citizen.texts_since(mark) == []
    note = (await events(bot, number))[-1]
    assert (note["type"], note["visible"], note["body"]) == (
        "staff_note",
        0,
        "已电话联系，当事人下午来院。",
    )
    assert (await case_row(bot, number))["first_reply_at"] is None  # a note is no reply


async def test_staff_talking_among_themselves_is_left_alone(bot: BotHarness) -> None:
    staff = bot.staff()
    own = await staff.send("大家下午好")
    assert own == []
    assert await staff.send("收到", reply_to=staff.sent[-1].message_id if staff.sent else 1) == []


async def test_someone_not_on_staff_pressing_a_card_button_is_refused(bot: BotHarness) -> None:
    citizen = bot.citizen()
    number = await file_complaint(citizen, photo=False)
    stranger = bot.staff(user_id=555, name="群里的访客")
    await stranger.press("✅ 受理", message=card(bot, number))
    answer = bot.calls("answerCallbackQuery")[-1]
    assert answer["text"] == "此命令仅限工作人员使用。" and answer["show_alert"] is True
    await stranger.press("🙋 由我承办", message=card(bot, number))
    assert bot.calls("answerCallbackQuery")[-1]["text"] == "此命令仅限工作人员使用。"
    replies = await stranger.send("/case " + number)
    assert replies == ["此命令仅限工作人员使用。"]
    mark = citizen.mark()
    await stranger.send("我来回复", reply_to=card(bot, number).message_id)
    assert citizen.texts_since(mark) == []
    assert (await case_row(bot, number))["status"] == "submitted"
    assert len(await audit(bot, "staff_refused")) == 4


async def test_assign_queue_and_the_whole_case_with_an_audit_entry(bot: BotHarness) -> None:
    citizen, staff = bot.citizen(), bot.staff()
    number = await file_complaint(citizen, photo=False)
    await staff.press("🙋 由我承办", message=card(bot, number))
    assert bot.calls("answerCallbackQuery")[-1]["text"] == "🙋 SD-2026-000001 已由您承办。"
    assert "承办人：王检察官" in (card(bot, number).text or "")
    assert (await events(bot, number))[-1]["type"] == "assigned"

    queue = (await staff.send("/queue"))[-1]
    assert "SD-2026-000001 · 控告 · 已提交 · 期限 2026年3月9日 · 王检察官" in queue
    assert (await staff.send("/queue 欠薪"))[-1].startswith("看不懂")
    assert (await staff.send("/queue wage_arrears"))[-1] == "没有符合条件的未办结案件。"

    view = (await staff.press(number))[-1]
    assert "电话 138 1234 5678" in view and STORY in view and "由我承办" not in view
    viewed = await audit(bot, "staff_view_case")
    assert [(v["actor_id"], v["subject"]) for v in viewed] == [(STAFF_USER_ID, number)]
    # the view is part of the thread: a reply to it reaches the citizen too
    mark = citizen.mark()
    await staff.send("您好，请明天上午来院。", reply_to=staff.last.message_id)
    assert citizen.texts_since(mark)[-1].endswith("您好，请明天上午来院。")


async def test_an_inquiry_from_ask_a_person_is_answered_by_reply(bot: BotHarness) -> None:
    assert bot.app is not None
    filed = await bot.app.services.cases.file_case(
        new_case(1, CaseKind.INQUIRY).model_copy(update={"user_id": 10001})
    )
    citizen, staff = bot.citizen(), bot.staff()
    the_card = card(bot, filed.case.number)
    assert "法律咨询" in (the_card.text or "")
    await staff.send("电线问题请拨打 12345 市民热线。", reply_to=the_card.message_id)
    assert "电线问题请拨打 12345" in citizen.last_text


async def test_wage_case_shows_its_employer_group_and_staff_can_confirm_it(bot: BotHarness) -> None:
    assert bot.app is not None
    for i, (employer, amount) in enumerate(
        [("示例建筑工程有限公司", "12000"), ("示例建筑工程公司", "8000")], 1
    ):
        await bot.app.services.cases.file_case(
            new_case(
                i,
                CaseKind.WAGE_ARREARS,
                employer=employer,
                amount=amount,
                workers="3",
                unpaid_from="2025-11-01",
                unpaid_to="2026-01-01",
                work_type="construction",
            )
        )
    staff = bot.staff()
    view = (await staff.send("/case SD-2026-000001"))[-1]
    assert "同一用人单位的报告 2 件" in view and "20,000.00" in view and "2025-11" in view
    assert "⚡ 快速通道" in view
    await staff.press("✔ 与 SD-2026-000002 同一单位")
    assert "已记录：SD-2026-000001 和 SD-2026-000002 是同一用人单位。" in staff.last_text
    assert len(await audit(bot, "wage_link_same")) == 1


# ------------------------------------------------------------------ figures and export


async def file_at(bot: BotHarness, when: datetime, cases: list[NewCase]) -> list[str]:
    assert bot.app is not None
    bot.clock.set(when)
    return [(await bot.app.services.cases.file_case(c)).case.number for c in cases]


async def move(bot: BotHarness, when: datetime, numbers: list[str], status: CaseStatus) -> None:
    assert bot.app is not None
    bot.clock.set(when)
    for number in numbers:
        await bot.app.services.cases.change_status(number, status, STAFF_USER_ID, "答复")


def local(day: str) -> datetime:
    """09:00 in Shanghai on that day."""
    return datetime.fromisoformat(f"{day}T09:00:00+08:00").astimezone(UTC)


async def build_march_fixture(bot: BotHarness) -> dict[str, str]:
    """20 cases received 2 March 2026, worked as the comments say (R = replyable, A = anonymous)."""
    assert bot.app is not None
    kinds = [CaseKind.COMPLAINT] * 8 + [CaseKind.REPORT] * 4 + [CaseKind.SUGGESTION] * 4
    replyable = [new_case(i, kind) for i, kind in enumerate(kinds, 1)]
    anonymous = [new_case(16 + i, CaseKind.COMPLAINT, anonymous=True) for i in range(1, 5)]
    numbers = await file_at(bot, local("2026-03-02"), replyable + anonymous)
    r = {f"R{i}": numbers[i - 1] for i in range(1, 17)}
    a = {f"A{i}": numbers[15 + i] for i in range(1, 5)}
    pick = lambda names: [{**r, **a}[n] for n in names.split()]  # noqa: E731
    # procedural: R1-R10 and R15-R16 in time, R11-R12 late, R13-R14 never -> 12 of 16
    await move(
        bot, local("2026-03-04"), pick("R1 R2 R3 R4 R5 R6 R7 R8 R9 R10 A1 A2"), CaseStatus.ACCEPTED
    )
    await move(bot, local("2026-03-05"), pick("R15 R16"), CaseStatus.ACCEPTED)
    await move(bot, local("2026-03-12"), pick("R11 R12"), CaseStatus.ACCEPTED)
    # result (due 2 June): R1-R6 in time, R7-R8 late, the rest never -> 6 of 16
    await move(bot, local("2026-04-01"), pick("R1 R2 R3 R4 R5 R6 A1 A2"), CaseStatus.ANSWERED)
    await move(bot, local("2026-04-02"), pick("R1 R2 R3 R4 R5 R6 A1 A2"), CaseStatus.CLOSED)
    for name, level in (("R1", 5), ("R2", 4), ("R3", 3), ("R4", 2), ("R5", 1), ("A1", 5)):
        number = pick(name)[0]
        await bot.app.services.cases.rate(number, (await case_row(bot, number))["user_id"], level)
    await file_at(bot, local("2026-04-03"), [new_case(99, CaseKind.APPEAL)])  # not in March
    await move(bot, local("2026-06-10"), pick("R7 R8"), CaseStatus.ANSWERED)
    bot.clock.set(local("2026-06-20"))
    return {**r, **a}


async def test_stats_match_a_hand_computed_fixture_of_20_cases(bot: BotHarness) -> None:
    await build_march_fixture(bot)
    staff = bot.staff()
    mark = staff.mark()
    replies = await staff.send("/stats 2026-03")
    text = replies[0]
    assert "2026-03-01 – 2026-03-31" in text
    assert "案件总数：20" in text
    assert "按类型：控告 12 · 举报 4 · 社会治理建议 4" in text
    assert "已提交 4" in text and "已受理 6" in text and "已答复 2" in text and "已办结 8" in text
    # anonymous cases are left out: 16 replyable cases judged
    assert "7日内程序性答复率：75.0%（12/16）" in text
    assert "3个月内答复办理结果率：37.5%（6/16）" in text
    assert "办结率：40.0%（8/20）" in text
    assert "满意率：66.7%（4/6，差评 2）" in text
    # (10 + 2 anonymous) x 48 h + 2 x 72 h + 2 x 240 h = 1200 h over 16 first replies
    assert "平均首次答复用时：75.0 小时（16 件）" in text
    chart = staff.sent[mark:][-1]
    assert chart.method == "sendPhoto"
    assert (await staff.send("/stats 2026-13"))[0].startswith("看不懂这个时间段")


async def test_the_chart_is_a_png(bot: BotHarness) -> None:
    from bot.domain.metrics import compute_rates
    from handlers.staff_chart import chart_translator, render_stats_chart

    await build_march_fixture(bot)
    assert bot.app is not None
    report = await bot.app.services.staffdesk.stats("2026-03")
    t = chart_translator(bot.app.services.catalog, "zh-CN")
    png = render_stats_chart(report.rates, t, "2026-03")
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    empty = render_stats_chart(compute_rates([], bot.clock.now()), t, "2026-02")
    assert empty.startswith(b"\x89PNG")


async def test_export_columns_masking_and_who_may_have_full_contacts(bot: BotHarness) -> None:
    await build_march_fixture(bot)
    assert bot.app is not None
    staff = bot.staff()
    replies = await staff.send("/export 2026-03")
    document = staff.sent[-1]
    assert (
        document.method == "sendDocument"
        and document.params["document"] == "cases-2026-03-01-2026-03-31.csv"
    )
    assert "20 件案件。联系方式已脱敏。" in replies[-1]
    assert (await staff.send("/export 2026-03 full"))[
        -1
    ] == "只有管理员可以导出完整联系方式（/export … full）。"

    export = await bot.app.services.staffdesk.export("2026-03", False, STAFF_USER_ID)
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "number", "kind", "status", "priority", "confidential", "received_at", "procedural_due",
        "fast_track_due", "first_reply_at", "result_due", "result_at", "closed_at", "assignee_id",
        "anonymous", "contact_name", "contact_phone", "id_number", "place", "rating", "description",
    ]  # fmt: skip
    assert len(rows) == 20
    assert rows[0]["contact_phone"] == "138****5678" and rows[0]["contact_name"] == "市**"
    assert rows[0]["description"] == "" and rows[0]["received_at"] == "2026-03-02 09:00"
    assert rows[-1]["anonymous"] == "yes" and rows[-1]["contact_phone"] == ""
    exports = await audit(bot, "staff_export")
    assert len(exports) == 2 and exports[0]["subject"] == "2026-03-01..2026-04-01"


@pytest.fixture
async def admin_bot(tmp_path: Path) -> AsyncIterator[BotHarness]:
    settings = make_settings(tmp_path, staff_admin_ids=[STAFF_USER_ID])
    harness = await BotHarness(settings).start()
    try:
        yield harness
    finally:
        await harness.stop()


async def test_an_admin_exports_full_contacts_and_it_is_audited(admin_bot: BotHarness) -> None:
    bot = admin_bot
    await build_march_fixture(bot)
    assert bot.app is not None
    replies = await bot.staff().send("/export 2026-03 full")
    assert "含完整联系方式" in replies[-1]
    assert bot.staff().sent[-1].params["document"] == "cases-2026-03-01-2026-03-31-full.csv"
    export = await bot.app.services.staffdesk.export("2026-03", True, STAFF_USER_ID)
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0]["contact_phone"] == "+8613812345678" and "电线太低" in rows[0]["description"]
    assert len(await audit(bot, "staff_export_full")) == 2


# ------------------------------------------------------------------ deadlines


def staff_texts_since(bot: BotHarness, mark: int) -> list[str]:
    return [s.text or "" for s in staff_chat(bot)[mark:] if not s.edited]


async def test_digest_and_overdue_alert_fire_at_the_right_times_once_across_a_restart(
    bot: BotHarness,
) -> None:
    citizen, staff = bot.citizen(), bot.staff()
    number = await file_complaint(citizen, photo=False)  # 2 March 09:00; reply due 9 March
    await staff.press("🙋 由我承办", message=card(bot, number))
    mark = len(staff_chat(bot))

    for _ in range(5):  # 3 to 7 March, 09:00: nothing due within 2 days, the chat stays quiet
        await bot.advance(timedelta(days=1))
    assert staff_texts_since(bot, mark) == []

    await bot.advance(timedelta(days=1))  # 8 March 09:00
    digest = staff_texts_since(bot, mark)
    assert len(digest) == 1
    assert digest[0].startswith("🗓 每日期限提醒 2026年3月8日：超期 0 项，2日内到期 1 项")
    assert (
        "SD-2026-000001 · 控告 · 7日内程序性答复 · 2026年3月9日 到期（还有 1 天）· 承办人：王检察官"
        in digest[0]
    )

    mark = len(staff_chat(bot))
    await bot.advance(timedelta(days=1))  # 9 March 09:00: due today
    assert "2026年3月9日 到期（今天）" in staff_texts_since(bot, mark)[0]
    mark = len(staff_chat(bot))
    await bot.advance(timedelta(hours=14, minutes=59))  # 9 March 23:59: still in time
    assert staff_texts_since(bot, mark) == []
    await bot.advance(timedelta(minutes=1))  # 10 March 00:00: the promise is broken
    alerts = staff_texts_since(bot, mark)
    assert alerts == [
        "⏰ 超期：SD-2026-000001（控告）的「7日内程序性答复」已于 2026年3月9日 到期，仍未答复。承办人：王检察官"
    ]
    assert replied_to(staff_chat(bot)[-1]) == card(bot, number).message_id
    # and privately to the assignee, who has talked to the bot
    assert bot.telegram.sent_to(STAFF_USER_ID)[-1].text == alerts[0]

    await bot.restart(clean=False)  # kill -9
    await bot.tick()
    await bot.advance(timedelta(hours=1))
    assert staff_texts_since(bot, mark) == alerts  # not again

    await bot.advance(timedelta(hours=8))  # 10 March 09:00: the digest shows it overdue
    texts = staff_texts_since(bot, mark)
    assert len(texts) == 2 and "超期 1 项" in texts[-1] and "已超期 1 天" in texts[-1]
    await bot.restart(clean=True)
    await bot.advance(timedelta(hours=1))
    assert len(staff_texts_since(bot, mark)) == 2  # one digest a day, whatever happens


async def test_a_promise_kept_in_time_raises_no_alert(bot: BotHarness) -> None:
    citizen, staff = bot.citizen(), bot.staff()
    number = await file_complaint(citizen, photo=False)
    await staff.send("您好，已收到，正在审查。", reply_to=card(bot, number).message_id)
    mark = len(staff_chat(bot))
    await bot.advance(timedelta(days=8))
    assert not any("超期" in t for t in staff_texts_since(bot, mark))
    assert bot.app is not None
    rows = await bot.app.services.db.fetchall(
        "SELECT status FROM reminders WHERE dedupe_key = ?", (f"deadline:{number}:procedural",)
    )
    assert [r["status"] for r in rows] == ["cancelled"]  # re-checked when due: kept, not sent


async def test_wage_fast_track_and_monthly_progress_reminders(bot: BotHarness) -> None:
    assert bot.app is not None
    (number,) = await file_at(
        bot,
        bot.clock.now(),
        [
            new_case(
                1,
                CaseKind.WAGE_ARREARS,
                employer="某劳务公司",
                amount="5000",
                unpaid_from="2026-01-01",
            )
        ],
    )
    mark = len(staff_chat(bot))
    await bot.advance(timedelta(days=3, hours=15))  # 6 March 00:00: 3-day decision missed
    assert any("快速通道3日内决定" in t for t in staff_texts_since(bot, mark))
    await bot.app.services.cases.change_status(number, CaseStatus.ACCEPTED, STAFF_USER_ID, "受理")
    for _ in range(13):  # to 4 June: the 3-month result deadline passes unmet
        await bot.advance(timedelta(days=7))
    texts = staff_texts_since(bot, mark)
    assert any("3个月内答复办理结果" in t for t in texts)
    for _ in range(5):  # to 9 July: the first monthly progress reminder (due 2 July)
        await bot.advance(timedelta(days=7))
    progress = [t for t in staff_texts_since(bot, mark) if t.startswith("📅")]
    assert progress == [
        f"📅 {number} 已受理 4 个月仍未办结：请在 2026年7月2日前向当事人答复办理进展。承办人：未分配"
    ]


# ------------------------------------------------------------------ the group's rate limit


async def test_fifty_cases_at_once_reach_the_staff_chat_within_the_group_limit(
    bot: BotHarness,
) -> None:
    assert bot.app is not None
    sent_at: list[datetime] = []
    bot.telegram.listeners.append(
        lambda s: (
            sent_at.append(bot.clock.now()) if s.chat_id == STAFF_CHAT_ID and not s.edited else None
        )
    )
    numbers = await file_at(bot, bot.clock.now(), [new_case(i) for i in range(1, 51)])
    for _ in range(5):  # the outbox job runs every few seconds; here, once a minute of clock
        bot.clock.advance(timedelta(seconds=61))
        await bot.app.services.staffdesk.outbox.flush()

    texts = "\n".join(s.text or "" for s in staff_chat(bot))
    assert all(number in texts for number in numbers)
    assert len(sent_at) < 50  # merged, not one by one
    for start in sent_at:
        in_window = [t for t in sent_at if start <= t < start + timedelta(seconds=60)]
        assert len(in_window) <= 20
    pending = await bot.app.services.db.fetchall(
        "SELECT id FROM staff_outbox WHERE status != 'sent'"
    )
    assert pending == []

    # a merged post names several cases: replying to it asks for the case's own card
    last_number = numbers[-1]
    merged = next(
        s for s in staff_chat(bot) if "合并发送" in (s.text or "") and last_number in (s.text or "")
    )
    staff = bot.staff()
    assert "涉及" in (await staff.send("请问哪一件？", reply_to=merged.message_id))[-1]
    await staff.press(f"📂 {last_number}", message=merged)
    own_card = card(bot, last_number)
    assert "✅ 受理" in labels(own_card)


async def test_a_confidential_case_is_read_only_by_its_officer_and_admins(bot: BotHarness) -> None:
    assert bot.app is not None
    filed = await bot.app.services.cases.file_case(
        new_case(1, CaseKind.MINOR_PROTECTION, child_age="age_6_11", relation="neighbour")
    )
    number = filed.case.number
    assert "第 1 件" not in (card(bot, number).text or "")  # the group never sees the story
    officer = bot.citizen(
        user_id=STAFF_USER_ID, name="王检察官"
    )  # the same staff member, privately
    colleague = bot.citizen(user_id=900002, name="赵检察官")
    bot.settings.staff_user_ids.append(900002)
    replies = await officer.send(f"/case {number}")
    assert "只有承办人和管理员" in replies[-1] and "第 1 件" not in replies[-1]
    await bot.staff().press("🙋 由我承办", message=card(bot, number))
    replies = await officer.send(f"/case {number}")
    assert "第 1 件" in replies[-1] and "138 1234 5678" in replies[-1]
    replies = await colleague.send(f"/case {number}")
    assert "只有承办人和管理员" in replies[-1]
    bot.settings.staff_admin_ids.append(900002)
    replies = await colleague.send(f"/case {number}")
    assert "第 1 件" in replies[-1]
    refused = await audit(bot, "confidential_refused")
    assert [r["actor_id"] for r in refused] == [STAFF_USER_ID, 900002]
