"""Migrant workers report unpaid wages on the fast track; staff see reports grouped by employer."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.harness import BotHarness, Chat


async def report_wages(
    chat: Chat,
    employer: str,
    amount: str = "三万五千",
    workers: str = "5",
    period: str = "去年10月到今年1月",
) -> list[str]:
    await chat.send("/start")
    await chat.press("农民工讨薪")
    await chat.press("建筑工地")
    await chat.send(employer)
    await chat.send("长春市示例区幸福小区3期工地")
    await chat.send("钢筋工")
    await chat.send(period)
    await chat.send(amount)
    await chat.send(workers)
    await chat.press("没有材料")
    await chat.press("发送我的手机号")
    await chat.send("张建国")
    await chat.press("跳过")
    await chat.press("我已知晓并确认")
    return await chat.press("提交")


def case_number(replies: list[str]) -> str:
    match = re.search(r"SD-\d{4}-\d{6}", "\n".join(replies))
    assert match, replies
    return match.group(0)


async def test_worker_reports_in_chinese_and_sees_the_fast_track(bot: BotHarness) -> None:
    chat = bot.citizen()
    replies = await report_wages(chat, "吉林某某建筑工程有限公司")
    text = "\n".join(replies)
    # Received Monday 2026-03-02: a decision on supporting a lawsuit within 3 days.
    assert "快速通道：2026年3月5日前决定是否支持起诉" in text
    assert "12348" in text and "12333" in text and "考勤记录" in text
    assert bot.app is not None
    row = (await bot.app.services.db.fetchall("SELECT * FROM cases"))[0]
    assert (row["kind"], row["priority"], row["contact_phone"], row["contact_name"]) == (
        "wage_arrears",
        "high",
        "+8613800138000",
        "张建国",
    )
    assert '"amount": "35000.00"' in row["extra"] and '"unpaid_from": "2025-10-01"' in row["extra"]
    assert '"unpaid_to": "2026-01-01"' in row["extra"] and '"workers": "5"' in row["extra"]
    assert row["fast_track_due"] is not None
    staff = [s.text or "" for s in bot.telegram.sent_to(bot.settings.staff_chat_id or 0)]
    assert any("快速通道" in t and row["number"] in t for t in staff)


async def test_amount_is_said_back_and_bad_answers_keep_the_step(bot: BotHarness) -> None:
    chat = bot.citizen()
    await chat.send("/start")
    await chat.press("农民工讨薪")
    await chat.press("其他行业")
    await chat.send("某某餐饮店")
    await chat.send("示例区美食街8号")
    await chat.send("服务员")
    replies = await chat.send("下个月")
    assert "看不懂这个时间" in replies[-1] or "还没到" in replies[-1]
    assert "哪几个月的工资没发" in replies[-1]
    await chat.press("2026年1月")  # a month button: the form asks where it ends
    assert "到哪个月为止" in chat.last_text
    await chat.press("2026年2月")
    replies = await chat.send("很多钱")
    assert "看不懂这个金额" in replies[-1] and "一共欠您多少钱" in replies[-1]
    replies = await chat.send("3.5万")
    assert "已记录：35,000 元" in replies[0]
    replies = await chat.send("好多人")
    assert "看不懂人数" in replies[-1]
    await chat.send("我们5个")
    await chat.press("没有材料")
    replies = await chat.send("12")
    assert "号码看起来不对" in replies[-1]
    await chat.send("13912345678")
    await chat.send("王小二")
    replies = await chat.send("110105194912310021")
    assert "身份证号不对" in replies[-1]
    await chat.send("11010519491231002x")
    summary = (await chat.press("我已知晓并确认"))[-1]
    assert (
        "欠薪期间: 2026年1月" in summary
        and "截止月份: 2026年2月" in summary
        and "35,000 元" in summary
        and "1101**********002X" in summary
    )
    await chat.press("提交")
    assert bot.app is not None
    row = (await bot.app.services.db.fetchall("SELECT id_number, extra FROM cases"))[0]
    assert row["id_number"] == "11010519491231002X" and '"workers": "5"' in row["extra"]


async def test_worker_reports_in_english(bot: BotHarness) -> None:
    chat = bot.citizen(user_id=60006, name="Ivan", language_code="en")
    await chat.send("/start")
    await chat.press("I am owed wages")
    await chat.press("Other work")
    await chat.send("Golden Dragon Restaurant")
    await chat.send("Food street 8, Sample District")
    await chat.send("kitchen helper")
    await chat.send("Oct-Dec 2025")
    replies = await chat.send("35,000")
    assert replies[0] == "💰 Noted: ¥35,000"
    await chat.press("Only me")
    await chat.press("No files")
    await chat.send("+7 912 345 6789")
    await chat.send("Ivan Petrov")
    await chat.press("Skip")
    await chat.press("I understand and confirm")
    replies = await chat.press("Submit")
    text = "\n".join(replies)
    assert "Fast track: a decision on supporting a lawsuit by 5 March 2026" in text
    assert "12348" in text


async def test_a_wage_question_gets_its_answer_with_the_wage_form_beside_it(
    bot: BotHarness,
) -> None:
    chat = bot.citizen()
    replies = await chat.send("老板跑了，工资没发怎么办")
    assert "总承包单位" in replies[-1] and "👷 反映欠薪" in chat.buttons()
    await chat.press("👷 反映欠薪")
    assert "您做的是什么工作" in chat.last_text


async def test_two_words_about_unpaid_pay_get_the_wage_answer_and_the_form(
    bot: BotHarness,
) -> None:
    chat = bot.citizen()
    replies = await chat.send("工钱 没给 咋整啊")
    assert "👷 农民工讨薪" in replies[-1] and "这个回答有帮助吗" in replies[-1]
    await chat.press("👷 反映欠薪")
    assert "您做的是什么工作" in chat.last_text


async def test_a_crew_reporting_the_same_employer_is_grouped(bot: BotHarness) -> None:
    first = case_number(
        await report_wages(bot.citizen(10001, "张一"), "吉林某某建筑工程有限公司", "35000", "5")
    )
    second = case_number(
        await report_wages(
            bot.citizen(10002, "张二"), "某某建筑公司", "2万", "3", "2025年11月到12月"
        )
    )
    third = case_number(
        await report_wages(bot.citizen(10003, "张三"), "吉林省某某建筑有限责任公司", "1.2万", "2")
    )
    other = case_number(
        await report_wages(bot.citizen(10004, "李四"), "鸿运物业管理公司", "8000", "1")
    )
    assert bot.app is not None
    wages = bot.app.services.wages
    group = await wages.group_for(second)
    assert group.summary.report_count == 3
    assert set(group.summary.case_numbers) == {first, second, third}
    assert group.summary.total_owed == Decimal("67000.00")
    assert group.summary.total_workers == 10
    assert group.summary.earliest_month.isoformat() == "2025-10-01"
    assert (await wages.group_for(other)).summary.report_count == 1

    await wages.split(first, third, actor_id=900001)
    assert third not in (await wages.group_for(first)).summary.case_numbers
    await wages.confirm_same_employer(other, first, actor_id=900001)
    assert other in (await wages.group_for(first)).summary.case_numbers
    audit = await bot.app.services.db.fetchall("SELECT action FROM audit_log ORDER BY id")
    assert [a["action"] for a in audit][-2:] == ["wage_link_different", "wage_link_same"]


@pytest.mark.parametrize("clean", [True, False])
async def test_restart_mid_wage_form_keeps_the_answers(bot: BotHarness, clean: bool) -> None:
    chat = bot.citizen()
    await chat.send("/start")
    await chat.press("农民工讨薪")
    await chat.press("建筑工地")
    await chat.send("某某建筑公司")
    await bot.restart(clean=clean)
    replies = await chat.send("幸福小区工地")
    assert "具体干的什么活" in replies[-1]
