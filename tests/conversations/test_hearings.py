"""Hearings and reception day, as citizens and staff see them in the chat."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.domain.booking import BookingStatus, HearingDraft, HearingType
from bot.offline import OfflineRequest
from bot.services.bookings import BookingService
from tests.harness import STAFF_USER_ID, BotHarness, Chat

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The harness clock starts on Monday 2026-03-02 09:00 in Shanghai.
HEARING_START = datetime(2026, 3, 10, 9, 30, tzinfo=SHANGHAI)


@pytest.fixture
def uploads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bytes]]:
    """Files the bot uploads (name, bytes): the fake wire itself keeps only the names."""
    captured: list[tuple[str, bytes]] = []
    original = OfflineRequest.do_request

    async def recording(
        self: OfflineRequest,
        url: str,
        method: str,
        request_data: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        if request_data is not None and request_data.contains_files:
            for param in request_data._parameters:
                for upload in param.input_files or []:
                    captured.append((upload.filename or "", upload.input_file_content))
        return await original(self, url, method, request_data, *args, **kwargs)

    monkeypatch.setattr(OfflineRequest, "do_request", recording)
    return captured


def service(bot: BotHarness) -> BookingService:
    assert bot.app is not None
    return bot.app.services.bookings


async def publish(
    bot: BotHarness,
    title: str = "张某拟不起诉案公开听证",
    seats: int = 2,
    start: datetime = HEARING_START,
    **extra: Any,
) -> int:
    draft = HearingDraft(
        title=title,
        case_type=HearingType.non_prosecution,
        venue="本院听证室",
        address="示例区检察路1号",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        seats=seats,
        **extra,
    )
    return (await service(bot).create_hearing(draft, STAFF_USER_ID)).id


async def open_hearings(chat: Chat) -> list[str]:
    await chat.send("/start")
    await chat.press("听证会与接待日")
    return await chat.press("近期公开听证会")


async def book(chat: Chat, title: str, name: str = "李明", phone: str = "13812345678") -> list[str]:
    """List, open the hearing, book a seat with a typed name and phone."""
    await open_hearings(chat)
    await chat.press(title)
    replies = await chat.press(1)  # book a seat / join the waitlist
    if "使用上次预约时的联系方式" in replies[-1]:
        return await chat.press("使用这个联系方式")
    if "姓名" not in replies[-1]:
        return replies
    await chat.send(name)
    return await chat.send(phone)


async def stored(bot: BotHarness, user_id: int, hearing_id: int) -> Any:
    for booking in await service(bot).repo.hearing_bookings(hearing_id):
        if booking.user_id == user_id:
            return booking
    return None


# --- listing ---------------------------------------------------------------------------


async def test_hearings_are_listed_soonest_first_in_pages_and_closed_ones_never(
    bot: BotHarness,
) -> None:
    for day in (9, 5, 7, 6, 8, 11, 12):
        await publish(bot, title=f"3月{day}日听证会", start=HEARING_START.replace(day=day))
    await publish(bot, title="不公开的听证会", seats=0, public=False)
    await publish(bot, title="涉未成年人听证会", seats=0, public=False, involves_minor=True)
    chat = bot.citizen()
    page_one = (await open_hearings(chat))[-1]
    assert "第 1/2 页" in page_one
    order = [page_one.index(f"3月{day}日听证会") for day in (5, 6, 7, 8, 9)]
    assert order == sorted(order)
    assert "2026-03-05 09:30–11:30" in page_one
    assert "本院听证室（示例区检察路1号）" in page_one
    assert "剩余旁听席位 2 个" in page_one
    assert "3月11日" not in page_one and "不公开" not in page_one
    page_two = (await chat.press("下一页"))[-1]
    assert "3月11日听证会" in page_two and "3月12日听证会" in page_two
    assert "未成年" not in page_two and "不公开" not in page_two


async def test_a_closed_hearing_cannot_be_opened_with_forged_buttons(bot: BotHarness) -> None:
    closed = await publish(
        bot, title="涉未成年人听证会", seats=0, public=False, involves_minor=True
    )
    chat = bot.citizen()
    await chat.send("/start")
    replies = await chat.press_data(f"hr:show:{closed}")
    assert "没有找到" in replies[-1]
    replies = await chat.press_data(f"hr:book:{closed}")
    assert "没有找到" in replies[-1]
    assert await service(bot).repo.hearing_bookings(closed) == []


# --- booking ---------------------------------------------------------------------------


async def test_booking_a_seat_gives_a_code_and_a_calendar_file(
    bot: BotHarness, uploads: list[tuple[str, bytes]]
) -> None:
    hearing_id = await publish(bot)
    chat = bot.citizen()
    replies = await book(chat, "张某拟不起诉案公开听证")
    confirmation = next(r for r in replies if "旁听预约成功" in r)
    booking = await stored(bot, chat.person.user_id, hearing_id)
    assert booking.status == BookingStatus.confirmed
    assert booking.name == "李明" and booking.phone == "+8613812345678"
    assert booking.code in confirmation
    assert "2026-03-10 09:30–11:30" in confirmation

    (document,) = [s for s in chat.sent if s.method == "sendDocument"]
    assert document.params["document"] == f"hearing-{booking.code}.ics"
    (name, data), *_ = uploads
    assert name == f"hearing-{booking.code}.ics"
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == HEARING_START and end == HEARING_START + timedelta(hours=2)
    assert str(start.tzinfo) == "Asia/Shanghai"
    assert start.astimezone(UTC) == datetime(2026, 3, 10, 1, 30, tzinfo=UTC)
    assert "本院听证室" in str(event["LOCATION"]) and "检察路1号" in str(event["LOCATION"])
    assert str(event["SUMMARY"]) == "张某拟不起诉案公开听证"
    assert b"TZID:Asia/Shanghai" in data  # the VTIMEZONE travels with the file


async def test_one_booking_per_person_and_the_contact_is_offered_again(bot: BotHarness) -> None:
    first = await publish(bot, title="第一场听证会")
    second = await publish(bot, title="第二场听证会", start=HEARING_START + timedelta(days=1))
    chat = bot.citizen()
    await book(chat, "第一场听证会")
    again = await book(chat, "第一场听证会")
    assert "您已预约" in again[-1]
    assert len(await service(bot).repo.hearing_bookings(first)) == 1

    await open_hearings(chat)
    await chat.press("第二场听证会")
    replies = await chat.press("预约旁听")
    assert "使用上次预约时的联系方式" in replies[-1] and "138****5678" in replies[-1]
    replies = await chat.press("使用这个联系方式")
    assert any("旁听预约成功" in r for r in replies)
    assert (await stored(bot, chat.person.user_id, second)).phone == "+8613812345678"


async def test_a_bad_phone_or_name_keeps_the_step(bot: BotHarness) -> None:
    await publish(bot)
    chat = bot.citizen()
    await open_hearings(chat)
    await chat.press("张某拟不起诉案公开听证")
    await chat.press("预约旁听")
    assert "姓名" in (await chat.send("   "))[-1]
    await chat.send("李明")
    assert "不像是有效的电话号码" in (await chat.send("12345"))[-1]
    replies = await chat.send_contact("+86 139 0000 1111")
    assert any("旁听预约成功" in r for r in replies)


async def test_bookings_close_at_the_cutoff(bot: BotHarness) -> None:
    await publish(bot, start=datetime(2026, 3, 5, 9, 30, tzinfo=SHANGHAI))
    bot.clock.advance(timedelta(days=2, hours=1))  # 23.5 hours before the start
    chat = bot.citizen()
    await open_hearings(chat)
    await chat.press("张某拟不起诉案公开听证")
    replies = await chat.press("预约旁听")
    assert "预约已截止" in replies[-1]


# --- waitlist ------------------------------------------------------------------------------


async def _full_hearing_with_two_waiting(bot: BotHarness) -> tuple[int, Chat, Chat, Chat]:
    hearing_id = await publish(bot, seats=1)
    first, second, third = (bot.citizen(user_id=uid, name=f"市民{uid}") for uid in (101, 102, 103))
    await book(first, "张某拟不起诉案公开听证", name="甲", phone="13800000101")
    replies = await book(second, "张某拟不起诉案公开听证", name="乙", phone="13800000102")
    assert "已登记候补，排在第 1 位" in replies[-1]
    replies = await book(third, "张某拟不起诉案公开听证", name="丙", phone="13800000103")
    assert "排在第 2 位" in replies[-1]
    return hearing_id, first, second, third


async def _cancel_first_booking(chat: Chat, reason: str | None = None) -> list[str]:
    await chat.send("/start")
    await chat.press("听证会与接待日")
    await chat.press("我的预约")
    await chat.press(1)
    await chat.press("取消预约")
    if reason is None:
        return await chat.press("不填原因")
    return await chat.send(reason)


async def test_a_freed_seat_is_offered_to_the_first_waiting_who_accepts(
    bot: BotHarness, uploads: list[tuple[str, bytes]]
) -> None:
    hearing_id, first, second, third = await _full_hearing_with_two_waiting(bot)
    replies = await _cancel_first_booking(first, reason="临时出差")
    assert "已取消" in replies[-1]
    cancelled = await stored(bot, 101, hearing_id)
    assert cancelled.status == BookingStatus.cancelled and cancelled.cancel_reason == "临时出差"

    offer = second.last
    assert "空出了一个旁听席位" in (offer.text or "")
    assert "2026-03-02 21:00" in (offer.text or "")  # 12 hours to answer
    assert (await stored(bot, 102, hearing_id)).status == BookingStatus.offered
    assert "空出了一个旁听席位" not in third.last_text

    replies = await second.press("接受席位", message=offer)
    assert any("旁听预约成功" in r for r in replies)
    assert (await stored(bot, 102, hearing_id)).status == BookingStatus.confirmed
    assert [name for name, _ in uploads][-1].startswith("hearing-")
    assert (await stored(bot, 103, hearing_id)).status == BookingStatus.waitlisted


async def test_an_offer_not_taken_in_time_goes_to_the_next_in_line(bot: BotHarness) -> None:
    hearing_id, first, second, third = await _full_hearing_with_two_waiting(bot)
    await _cancel_first_booking(first)
    offer = second.last
    await bot.advance(timedelta(hours=12, minutes=1))
    assert "逾期未确认" in second.last_text
    assert (await stored(bot, 102, hearing_id)).status == BookingStatus.expired
    assert "空出了一个旁听席位" in third.last_text
    assert (await stored(bot, 103, hearing_id)).status == BookingStatus.offered

    replies = await second.press("接受席位", message=offer)
    assert "确认时间已过" in replies[-1] or "不再为您保留" in replies[-1]
    replies = await third.press("不需要了")
    assert "已放弃" in replies[-1]
    assert (await stored(bot, 103, hearing_id)).status == BookingStatus.cancelled


# --- reception day ---------------------------------------------------------------------------


async def test_reception_day_slot_with_holiday_shift_and_group_size_limit(
    bot: BotHarness, uploads: list[tuple[str, bytes]]
) -> None:
    # Monday 2026-09-28: the 1st Wednesday of October (Oct 7) falls in the National Day break.
    bot.clock.set(datetime(2026, 9, 28, 9, 0, tzinfo=SHANGHAI))
    chat = bot.citizen(language_code="zh-CN")
    await chat.send("/start")
    await chat.press("听证会与接待日")
    days = (await chat.press("检察长接待日"))[-1]
    assert "2026-10-14 的接待日因法定节假日顺延一周" in days
    assert chat.buttons()[0].startswith("2026-10-14 周三")
    assert "2026-10-07" not in " ".join(chat.buttons())

    slots = await chat.press("2026-10-14")
    assert "2026-10-14" in slots[-1]
    assert chat.buttons()[:3] == ["09:00", "09:20", "09:40"]
    await chat.press("09:20")
    assert "至少 10 个字" in (await chat.send("工资"))[-1]
    await chat.send("申请对一起民事判决进行监督，法院已经判决但没有执行")
    assert "最多 5 人" in chat.last_text
    assert "1 至 5 人" in (await chat.send("8"))[-1]
    await chat.press("3")
    await chat.send("王芳")
    await chat.send("13912345678")
    assert "来访人数：3" in chat.last_text and "2026-10-14 09:20–09:40" in chat.last_text
    replies = await chat.press("确认")
    confirmation = next(r for r in replies if "接待日预约成功" in r)
    assert "身份证件" in confirmation and "判决书" in confirmation
    assert "录音、录像设备" in confirmation

    (booking,) = await service(bot).repo.user_bookings(chat.person.user_id)
    assert booking.kind == "reception" and booking.group_size == 3
    assert booking.slot_start == datetime(2026, 10, 14, 9, 20, tzinfo=SHANGHAI)
    assert uploads[-1][0] == f"reception-{booking.code}.ics"
    event = Calendar.from_ical(uploads[-1][1]).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == datetime(2026, 10, 14, 9, 20, tzinfo=SHANGHAI)

    other = bot.citizen(user_id=20202)
    await other.send("/start")
    await other.press("听证会与接待日")
    await other.press("检察长接待日")
    await other.press("2026-10-14")
    assert "09:20" not in other.buttons()


# --- my bookings and reminders -------------------------------------------------------------


async def test_reminders_come_24h_and_2h_before_once_across_restarts(bot: BotHarness) -> None:
    hearing_id = await publish(bot)
    chat = bot.citizen(language_code="en")
    await open_hearings_en(chat)
    await chat.press("1.")
    await chat.press("Book a seat")
    await chat.send("Li Ming")
    await chat.send("13812345678")
    booking = await stored(bot, chat.person.user_id, hearing_id)

    def reminders() -> list[str]:
        return [s.text or "" for s in chat.sent if "Reminder" in (s.text or "")]

    await bot.advance(HEARING_START - timedelta(hours=24, minutes=1) - bot.clock.now())
    assert reminders() == []
    await bot.advance(timedelta(minutes=2))
    (first,) = reminders()
    assert "in 24 hours" in first and "示例区检察路1号" in first and booking.code in first
    assert "Cancel booking" in chat.buttons()

    await bot.restart()
    await bot.tick()
    await bot.restart(clean=False)
    await bot.advance(timedelta(hours=1))
    assert len(reminders()) == 1

    bot.clock.set(HEARING_START - timedelta(hours=1, minutes=59))
    await bot.restart(clean=False)  # down while the 2-hour reminder fell due: sent once at start
    await bot.tick()
    await bot.tick()
    assert len(reminders()) == 2 and "in 2 hours" in reminders()[1]
    await bot.advance(timedelta(hours=3))
    assert len(reminders()) == 2


async def open_hearings_en(chat: Chat) -> list[str]:
    await chat.send("/start")
    await chat.press("Hearings and reception day")
    return await chat.press("Upcoming public hearings")


async def test_no_reminder_for_a_cancelled_booking(bot: BotHarness) -> None:
    await publish(bot)
    chat = bot.citizen()
    await book(chat, "张某拟不起诉案公开听证")
    reminder = await _first_reminder(bot, chat)
    assert "提醒" in reminder
    await chat.press("取消预约")
    await chat.press("不填原因")
    await bot.advance(timedelta(hours=30))
    sent = [s.text for s in chat.sent if "⏰" in (s.text or "") and not s.edited]
    assert sent == [reminder]


async def _first_reminder(bot: BotHarness, chat: Chat) -> str:
    await bot.advance(HEARING_START - timedelta(hours=24) - bot.clock.now())
    return chat.last_text


# --- staff ----------------------------------------------------------------------------------


async def test_staff_create_a_hearing_and_are_refused_under_three_days(bot: BotHarness) -> None:
    staff = bot.staff()
    assert "名称" in (await staff.send("/new_hearing"))[-1]
    await staff.send("李某公益诉讼案现场听证")
    await staff.press("公益诉讼案件")
    await staff.press("可预约旁听")
    await staff.send("示例村东头农田")
    await staff.send("示例区示例镇示例村")
    await staff.press("现场听证")
    assert "至少提前 3 天" in (await staff.send("2026-03-04 09:30"))[-1]
    assert "看不懂" in (await staff.send("明天上午"))[-1]
    assert "结束时间" in (await staff.send("2026-03-06 09:30"))[-1]
    assert "晚于开始时间" in (await staff.send("08:00"))[-1]
    await staff.send("11:30")
    assert "0 至 500" in (await staff.send("很多"))[-1]
    await staff.send("20")
    summary = (await staff.press("跳过"))[-1]
    assert "现场听证：示例村东头农田" in summary and "2026-03-06 09:30–11:30" in summary
    replies = await staff.press("发布")
    assert "已发布" in replies[-1]

    (listed,) = (await service(bot).list_hearings()).items
    assert listed.hearing.on_site and listed.hearing.seats == 20
    assert listed.hearing.case_type == HearingType.public_interest
    page = (await open_hearings(bot.citizen()))[-1]
    assert "现场听证：示例村东头农田（示例区示例镇示例村）" in page


async def test_a_hearing_involving_a_minor_is_closed_and_unlisted(bot: BotHarness) -> None:
    staff = bot.staff()
    await staff.send("/new_hearing")
    await staff.send("王某涉未成年人案听证")
    await staff.press("其他案件")
    await staff.press("涉及未成年人")
    await staff.send("本院听证室")
    await staff.send("示例区检察路1号")
    await staff.press("在本院听证室")
    await staff.send("2026-03-09 14:00")
    replies = await staff.send("16:00")  # no seats step for a closed hearing
    assert "说明" in replies[-1]
    await staff.send("不公开")
    replies = await staff.press("发布")
    assert "不向群众展示" in replies[-1]
    assert (await service(bot).list_hearings()).items == []


async def test_citizens_are_refused_staff_commands(bot: BotHarness) -> None:
    hearing_id = await publish(bot)
    chat = bot.citizen()
    for command in ("/new_hearing", "/hearings_admin"):
        assert "仅限工作人员" in (await chat.send(command))[-1]
    await chat.send("/start")
    await chat.press_data(f"ha:show:{hearing_id}")
    await chat.press_data(f"ha:cancel:{hearing_id}")
    answers = [a.get("text", "") for a in bot.calls("answerCallbackQuery")]
    assert sum("仅限工作人员" in a for a in answers) == 2
    assert not (await service(bot).repo.hearing(hearing_id)).cancelled  # type: ignore[union-attr]
    # Someone in the staff chat who is not configured staff is refused too.
    assert "仅限工作人员" in (await bot.staff(user_id=555, name="路人").send("/new_hearing"))[-1]


async def test_staff_see_attendees_mark_attendance_and_cancel_a_hearing(bot: BotHarness) -> None:
    hearing_id = await publish(bot, seats=1)
    later = await publish(bot, title="第二场听证会", start=HEARING_START + timedelta(days=2))
    first, second = bot.citizen(user_id=301), bot.citizen(user_id=302)
    await book(first, "张某拟不起诉案公开听证", name="甲", phone="13800000301")
    await book(second, "张某拟不起诉案公开听证", name="乙", phone="13800000302")
    await book(second, "第二场听证会", name="乙", phone="13800000302")

    staff = bot.staff()
    await staff.send("/hearings_admin")
    assert staff.buttons()[0].endswith("1/1 · 候补 1")
    details = (await staff.press(1))[-1]
    assert "甲 138****0301" in details and "乙 138****0302" in details
    assert "13800000301" not in details

    await staff.send("/hearings_admin")
    await staff.press("第二场听证会")
    await staff.press("取消听证会")
    await staff.send("因当事人申请延期，改期另行通知")
    replies = await staff.press("确定取消并通知")
    assert "已通知 1 位群众" in replies[-1]
    assert "第二场听证会" in second.last_text and "改期另行通知" in second.last_text
    assert (await service(bot).repo.hearing(later)).cancelled  # type: ignore[union-attr]
    assert (await stored(bot, 302, later)).status == BookingStatus.cancelled

    bot.clock.set(HEARING_START + timedelta(minutes=10))
    await staff.send("/hearings_admin")
    await staff.press("张某")
    await staff.press("登记到场情况")
    replies = await staff.press("甲 到场")
    assert "已到场" in replies[-1]
    assert (await stored(bot, 301, hearing_id)).status == BookingStatus.attended


async def test_a_cancelled_hearing_tells_booked_and_waitlisted_and_sends_no_reminders(
    bot: BotHarness,
) -> None:
    hearing_id = await publish(bot, seats=1)
    booked, waiting = bot.citizen(user_id=401), bot.citizen(user_id=402, language_code="en")
    await book(booked, "张某拟不起诉案公开听证")
    await service(bot).book_seat(hearing_id, 402, "Wang", "+8613900000402", locale="en")
    told = await service(bot).cancel_hearing(hearing_id, "场地维修", STAFF_USER_ID)
    assert told == 2
    assert "已取消" in booked.last_text and "场地维修" in booked.last_text
    assert "has been cancelled" in waiting.last_text
    mark = booked.mark()
    await bot.advance(timedelta(days=9))
    assert not any("⏰" in t for t in booked.texts_since(mark))


async def test_a_half_filled_booking_survives_a_crash(bot: BotHarness) -> None:
    hearing_id = await publish(bot)
    chat = bot.citizen()
    await open_hearings(chat)
    await chat.press("张某拟不起诉案公开听证")
    await chat.press("预约旁听")
    await chat.send("李明")
    await bot.restart(clean=False)
    replies = await chat.send("13812345678")
    assert any("旁听预约成功" in r for r in replies)
    assert (await stored(bot, chat.person.user_id, hearing_id)).name == "李明"


async def test_staff_mark_several_observers_from_one_list(bot: BotHarness) -> None:
    hearing_id = await publish(bot)
    await book(bot.citizen(user_id=501), "张某拟不起诉案公开听证", name="甲", phone="13800000501")
    await book(bot.citizen(user_id=502), "张某拟不起诉案公开听证", name="乙", phone="13800000502")
    staff = bot.staff()
    await staff.send("/hearings_admin")
    await staff.press(1)
    assert "登记到场情况" not in " ".join(staff.buttons())  # not before the start
    bot.clock.set(HEARING_START + timedelta(minutes=5))
    await staff.send("/hearings_admin")
    await staff.press(1)
    await staff.press("登记到场情况")
    await staff.press("甲 到场")
    replies = await staff.press("乙 未到")
    assert "已登记：乙 · 未到场" in replies[-1] and "甲 138****0501" in replies[-1]
    statuses = {b.name: b.status for b in await service(bot).repo.hearing_bookings(hearing_id)}
    assert statuses == {"甲": BookingStatus.attended, "乙": BookingStatus.no_show}
