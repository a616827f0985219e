"""The .ics file a citizen gets after booking, read back as a calendar app would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from bot.domain.calendar_files import PRODID, build_ics

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 10, 14, 9, 30, tzinfo=SH)
END = datetime(2026, 10, 14, 11, 0, tzinfo=SH)
STAMP = datetime(2026, 10, 1, 8, 0, tzinfo=SH)


def hearing_ics(**changes: object) -> bytes:
    values: dict[str, object] = {
        "uid": "hearing-12-H7K3QP@citizen-bot",
        "title": "拟不起诉案件公开听证会",
        "starts_at": START,
        "ends_at": END,
        "location": "示例区人民检察院听证室, 人民路1号",
        "description": "请携带身份证; 禁止录音录像.",
        "dtstamp": STAMP,
        "organizer_name": "示例区人民检察院",
    }
    values.update(changes)
    return build_ics(**values)  # type: ignore[arg-type]


def read_back(data: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(data)
    (event,) = calendar.events
    return calendar, event


def test_the_event_reads_back_as_booked() -> None:
    calendar, event = read_back(hearing_ics())

    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(event["UID"]) == "hearing-12-H7K3QP@citizen-bot"
    assert str(event["SUMMARY"]) == "拟不起诉案件公开听证会"
    assert str(event["LOCATION"]) == "示例区人民检察院听证室, 人民路1号"
    assert str(event["DESCRIPTION"]) == "请携带身份证; 禁止录音录像."
    assert event.start == START
    assert event.end == END
    assert event.start.tzinfo is not None
    assert event.DTSTAMP == datetime(2026, 10, 1, 0, 0, tzinfo=UTC)


def test_start_and_end_name_the_zone_and_the_zone_is_included() -> None:
    data = hearing_ics()
    calendar, event = read_back(data)

    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event["DTEND"].params["TZID"] == "Asia/Shanghai"
    assert b"DTSTART;TZID=Asia/Shanghai:20261014T093000" in data
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Shanghai"]
    assert calendar.get_missing_tzids() == set()


def test_a_utc_consumer_sees_the_right_instant() -> None:
    calendar, event = read_back(hearing_ics())

    assert event.start.astimezone(UTC) == datetime(2026, 10, 14, 1, 30, tzinfo=UTC)
    # Use only the file's own VTIMEZONE, as a calendar without a tz database would.
    shipped_zone = calendar.timezones[0].to_tz()
    local = event.start.replace(tzinfo=None)
    assert local.replace(tzinfo=shipped_zone).astimezone(UTC) == datetime(
        2026, 10, 14, 1, 30, tzinfo=UTC
    )


def test_times_given_in_another_zone_are_written_in_the_office_zone() -> None:
    _, event = read_back(hearing_ics(starts_at=START.astimezone(UTC), ends_at=END.astimezone(UTC)))

    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event.start == START
    assert event.start.hour == 9


def test_a_zone_with_summer_time_gets_its_rules() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2026, 7, 1, 10, 0, tzinfo=berlin)
    calendar, event = read_back(
        hearing_ics(starts_at=start, ends_at=start + timedelta(hours=1), tz_name="Europe/Berlin")
    )

    assert event.start.astimezone(UTC) == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)
    shipped_zone = calendar.timezones[0].to_tz()
    assert start.replace(tzinfo=shipped_zone).utcoffset() == timedelta(hours=2)


def test_an_alarm_rings_two_hours_before_by_default() -> None:
    _, event = read_back(hearing_ics())

    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == "拟不起诉案件公开听证会"
    assert alarm["TRIGGER"].dt == timedelta(hours=-2)


def test_the_alarm_is_optional_and_its_text_can_be_set() -> None:
    _, without = read_back(hearing_ics(alarm_before=None))
    assert without.walk("VALARM") == []

    _, custom = read_back(hearing_ics(alarm_before=timedelta(hours=1), alarm_text="明天听证会"))
    (alarm,) = custom.walk("VALARM")
    assert alarm["TRIGGER"].dt == timedelta(hours=-1)
    assert str(alarm["DESCRIPTION"]) == "明天听证会"


def test_the_organizer_is_named_without_a_real_mailbox() -> None:
    _, event = read_back(hearing_ics())
    assert event["ORGANIZER"].params["CN"] == "示例区人民检察院"
    assert str(event["ORGANIZER"]).endswith(".invalid")

    _, with_mail = read_back(hearing_ics(organizer_email="hearings@example.org"))
    assert str(with_mail["ORGANIZER"]) == "mailto:hearings@example.org"

    _, anonymous = read_back(hearing_ics(organizer_name=None))
    assert "ORGANIZER" not in anonymous


def test_the_same_booking_gives_the_same_bytes() -> None:
    assert hearing_ics() == hearing_ics()


def test_empty_location_and_description_are_left_out() -> None:
    _, event = read_back(hearing_ics(location="", description=""))
    assert "LOCATION" not in event
    assert "DESCRIPTION" not in event


@pytest.mark.parametrize(
    "changes",
    [
        {"starts_at": datetime(2026, 10, 14, 9, 30)},
        {"dtstamp": datetime(2026, 10, 1, 8, 0)},
        {"ends_at": START},
    ],
)
def test_naive_or_backwards_times_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        hearing_ics(**changes)
