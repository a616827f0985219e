"""Calendar files (.ics) a citizen can add to a phone's calendar after booking.

Pure: the stamp time is passed in, nothing reads the clock or the network.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Component, Event, vCalAddress

PRODID = "-//citizen-bot//Procuratorate citizen services//ZH"
DEFAULT_TZ_NAME = "Asia/Shanghai"
DEFAULT_ALARM_BEFORE = timedelta(hours=2)
# ORGANIZER must be a URI; .invalid is reserved and never delivers mail.
NO_REPLY_ADDRESS = "mailto:noreply@citizen-bot.invalid"


def build_ics(
    *,
    uid: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str,
    description: str,
    dtstamp: datetime,
    tz_name: str = DEFAULT_TZ_NAME,
    organizer_name: str | None = None,
    organizer_email: str | None = None,
    alarm_before: timedelta | None = DEFAULT_ALARM_BEFORE,
    alarm_text: str | None = None,
) -> bytes:
    """Build a one-event iCalendar file (METHOD:PUBLISH) for a hearing or reception slot.

    Start and end are written with TZID=``tz_name`` and a matching VTIMEZONE,
    so calendars in any zone show the right instant. ``dtstamp`` is when the
    file was made (pass the clock's now). ``alarm_before=None`` leaves out the
    VALARM; ``alarm_text`` defaults to ``title``.
    """
    if starts_at.tzinfo is None or ends_at.tzinfo is None or dtstamp.tzinfo is None:
        raise ValueError("starts_at, ends_at and dtstamp must be timezone-aware")
    if ends_at <= starts_at:
        raise ValueError("ends_at must be after starts_at")
    zone = ZoneInfo(tz_name)
    local_start, local_end = starts_at.astimezone(zone), ends_at.astimezone(zone)

    event = Event.new(
        uid=uid,
        summary=title,
        start=local_start,
        end=local_end,
        stamp=dtstamp.astimezone(UTC),
        location=location or None,
        description=description or None,
    )
    if organizer_name:
        organizer = vCalAddress(
            f"mailto:{organizer_email}" if organizer_email else NO_REPLY_ADDRESS
        )
        organizer.params["CN"] = organizer_name
        event.organizer = organizer
    if alarm_before is not None:
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", alarm_text or title)
        alarm.add("TRIGGER", -abs(alarm_before))
        event.add_component(alarm)

    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("METHOD", "PUBLISH")
    cal.add_component(event)
    # Cover only the years of the event: a small VTIMEZONE, and the same bytes for the same input.
    cal.add_component(_vtimezone(tz_name, local_start.year, local_end.year + 1))
    return cal.to_ical()


@lru_cache(maxsize=32)
def _vtimezone(tz_name: str, first_year: int, last_year: int) -> Component:
    """The VTIMEZONE of a zone for some years, computed once: icalendar takes ~30 ms to build it."""
    zone = ZoneInfo(tz_name)
    probe = Calendar()
    probe.add_component(
        Event.new(
            uid="vtimezone-probe",
            start=datetime(first_year, 1, 1, 12, tzinfo=zone),
            end=datetime(first_year, 1, 1, 13, tzinfo=zone),
            stamp=datetime(first_year, 1, 1, tzinfo=UTC),
        )
    )
    probe.add_missing_timezones(first_date=date(first_year, 1, 1), last_date=date(last_year, 1, 1))
    return next(c for c in probe.subcomponents if c.name == "VTIMEZONE")
