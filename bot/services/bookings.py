"""Booking public-hearing seats and reception-day slots; waitlist offers, reminders, staff tools.

No telegram import: other chats are reached through the Notifier port, and the buttons on those
messages come from a `BookingMarkup` that bot.app plugs in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, Protocol

import holidays
from pydantic import BaseModel

from bot.clock import Clock
from bot.config import Settings
from bot.domain.booking import (
    BookingError,
    BookingStatus,
    Hearing,
    HearingDraft,
    ReceptionRule,
    Slot,
    WaitEntry,
    check_can_book,
    check_can_book_slot,
    check_can_cancel,
    check_can_mark_attendance,
    check_group_size,
    check_hearing_start,
    check_offer_open,
    check_topic,
    decide_new_booking,
    is_listed,
    moved_for_holiday,
    new_booking_code,
    next_in_line,
    offer_expiry,
    reception_dates,
    reminder_times,
    seats_left,
    slots_for,
    validate_new_hearing,
)
from bot.domain.calendar_files import build_ics
from bot.i18n import Catalog, Translator
from bot.services.notifier import Notifier
from bot.services.reminders import ReminderService
from bot.services.users import UserService
from storage.audit import AuditRepository
from storage.bookings import BookingRepository, BookingRow, BookingTx, HearingCounts
from storage.reminders import ReminderRow

PAGE_SIZE = 5
RECEPTION_DAYS_SHOWN = 4
# Staff may mark attendance for a week after a hearing ends.
ADMIN_LOOKBACK = timedelta(days=7)
REMINDER_KIND = "booking_reminder"
OFFER_KIND = "offer_expiry"


class BookingMarkup(Protocol):
    """Buttons on messages sent to other chats; bot.app plugs in the Telegram ones."""

    def offer(self, t: Translator, booking_id: int) -> Any:
        """Accept / decline buttons under a seat offer."""
        ...

    def reminder(self, t: Translator, booking_id: int) -> Any:
        """A cancel button under a reminder."""
        ...


class ListedHearing(BaseModel):
    hearing: Hearing
    seats_left: int


class HearingPage(BaseModel):
    items: list[ListedHearing]
    page: int
    pages: int


class ReceptionDay(BaseModel):
    day: date
    moved: bool
    free: int


class BookingDetails(BaseModel):
    """A booking with what the citizen needs to find the event."""

    booking: BookingRow
    hearing: Hearing | None
    starts_at: datetime
    ends_at: datetime
    position: int | None = None  # place on the waitlist

    @property
    def is_reception(self) -> bool:
        return self.booking.kind == "reception"


class Attendees(BaseModel):
    counts: HearingCounts
    bookings: list[BookingRow]


def format_when(starts_at: datetime, ends_at: datetime, tz: Any) -> str:
    """``2026-03-10 09:30–11:30`` in the office's zone (the end date only when it differs)."""
    start, end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    if start.date() == end.date():
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"


def format_moment(moment: datetime, tz: Any) -> str:
    return f"{moment.astimezone(tz):%Y-%m-%d %H:%M}"


def booking_reminder_key(booking_id: int) -> str:
    return f"booking:{booking_id}:"


def offer_key(booking_id: int) -> str:
    return f"offer:{booking_id}"


class BookingService:
    """One booking engine: hearings have seats and a waitlist, reception days have slots."""

    def __init__(
        self,
        repo: BookingRepository,
        *,
        settings: Settings,
        clock: Clock,
        catalog: Catalog,
        users: UserService,
        reminders: ReminderService,
        notifier: Notifier,
        audit: AuditRepository,
        markup: BookingMarkup | None = None,
        new_code: Callable[[], str] = new_booking_code,
    ) -> None:
        self.repo = repo
        self.settings = settings
        self.clock = clock
        self.catalog = catalog
        self.users = users
        self.reminders = reminders
        self.notifier = notifier
        self.audit = audit
        self.markup = markup
        self.new_code = new_code
        self.rule: ReceptionRule = settings.reception
        self._days_off = holidays.China()

    # --- helpers ---------------------------------------------------------------

    @property
    def tz(self) -> Any:
        return self.settings.tz

    def translator_for(self, booking: BookingRow) -> Translator:
        """The citizen's language: their choice, else the language they booked in."""
        return self.catalog.for_locale(self.users.locale_for(booking.user_id, booking.locale))

    def when(self, starts_at: datetime, ends_at: datetime) -> str:
        """Start and end as citizens read them, in the office's time zone."""
        return format_when(starts_at, ends_at, self.tz)

    def where(self, t: Translator, details: BookingDetails) -> str:
        """Venue and address as a citizen reads them; on-site hearings say so."""
        if details.hearing is None:
            return t(
                "reception-where",
                office=self.settings.office_name_for(t.locale),
                address=self.settings.office_address,
            )
        return hearing_where(t, details.hearing)

    def event_title(self, t: Translator, details: BookingDetails) -> str:
        """The hearing's title, or "reception day" in the reader's language."""
        if details.hearing is None:
            return t("reception-title")
        return details.hearing.title

    async def _details(self, booking: BookingRow, tx: BookingTx | None = None) -> BookingDetails:
        if booking.kind == "reception":
            assert booking.slot_start and booking.slot_end
            return BookingDetails(
                booking=booking,
                hearing=None,
                starts_at=booking.slot_start,
                ends_at=booking.slot_end,
            )
        assert booking.hearing_id is not None
        hearing = await (
            tx.hearing(booking.hearing_id) if tx else self.repo.hearing(booking.hearing_id)
        )
        assert hearing is not None
        position = None
        if tx is not None and booking.status == BookingStatus.waitlisted:
            position = await tx.waitlist_position(booking)
        return BookingDetails(
            booking=booking,
            hearing=hearing,
            starts_at=hearing.starts_at,
            ends_at=hearing.ends_at,
            position=position,
        )

    async def _own_booking(self, booking_id: int, user_id: int) -> BookingRow:
        booking = await self.repo.booking(booking_id)
        if booking is None or booking.user_id != user_id:
            raise BookingError("booking-error-not-found")
        return booking

    # --- citizens: hearings ------------------------------------------------------

    async def list_hearings(self, page: int = 0) -> HearingPage:
        """Open public hearings, soonest first, ``PAGE_SIZE`` per page, with seats left."""
        page = max(page, 0)
        rows, total = await self.repo.listed_hearings(self.clock.now(), page * PAGE_SIZE, PAGE_SIZE)
        items = [
            ListedHearing(
                hearing=r.hearing, seats_left=seats_left(r.hearing.seats, r.confirmed, r.offered)
            )
            for r in rows
        ]
        return HearingPage(
            items=items, page=page, pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
        )

    async def listed_hearing(self, hearing_id: int) -> ListedHearing:
        """One hearing as citizens see it; closed, cancelled or past ones are not found."""
        counts = await self.repo.hearing_counts(hearing_id)
        if counts is None or not is_listed(counts.hearing, self.clock.now()):
            raise BookingError("booking-error-not-found")
        return ListedHearing(
            hearing=counts.hearing,
            seats_left=seats_left(counts.hearing.seats, counts.confirmed, counts.offered),
        )

    async def check_seat_booking(self, hearing_id: int, user_id: int) -> ListedHearing:
        """Raise BookingError unless this citizen may start booking a seat at this hearing."""
        listed = await self.listed_hearing(hearing_id)
        check_can_book(listed.hearing, self.clock.now(), self.settings.booking_cutoff_hours)
        existing = await self.repo.active_booking(hearing_id, user_id)
        if existing is not None:
            raise BookingError("booking-error-already-booked", code=existing.code)
        return listed

    async def saved_contact(self, user_id: int) -> tuple[str, str] | None:
        """(name, phone) from the citizen's previous booking, if any."""
        return await self.repo.last_contact(user_id)

    async def book_seat(
        self, hearing_id: int, user_id: int, name: str, phone: str, locale: str | None = None
    ) -> BookingDetails:
        """Book an observer seat, or a place on the waitlist when the hearing is full.

        The seat count and the insert happen in one BEGIN IMMEDIATE transaction: no overbooking.
        """
        now = self.clock.now()
        async with self.repo.transaction() as tx:
            hearing = await tx.hearing(hearing_id)
            if hearing is None:
                raise BookingError("booking-error-not-found")
            check_can_book(hearing, now, self.settings.booking_cutoff_hours)
            existing = await tx.active_booking(hearing_id, user_id)
            if existing is not None:
                raise BookingError("booking-error-already-booked", code=existing.code)
            confirmed, offered = await tx.seat_counts(hearing_id)
            status = decide_new_booking(hearing.seats, confirmed, offered)
            booking = await tx.insert_booking(
                new_code=self.new_code,
                kind="hearing",
                hearing_id=hearing_id,
                user_id=user_id,
                name=name,
                phone=phone,
                status=status,
                locale=locale,
                now=now,
            )
            details = await self._details(booking, tx)
        if status == BookingStatus.confirmed:
            await self._schedule_reminders(details)
        return details

    # --- citizens: reception day ---------------------------------------------------

    def _today(self) -> date:
        return self.clock.now().astimezone(self.tz).date()

    def _bookable_slots(self, day: date, taken: set[datetime]) -> list[Slot]:
        now = self.clock.now()
        cutoff = timedelta(hours=self.settings.booking_cutoff_hours)
        return [
            slot
            for slot in slots_for(self.rule, day)
            if slot.start not in taken and now < slot.start - cutoff
        ]

    async def reception_days(self, count: int = RECEPTION_DAYS_SHOWN) -> list[ReceptionDay]:
        """The next reception days with bookable slots, holidays moved to the next week."""
        days = reception_dates(self.rule, self._today(), count + 1, self._days_off)
        result = []
        for day in days:
            free = len(self._bookable_slots(day, await self.repo.taken_slots(day)))
            past_cutoff = not self._bookable_slots(day, set())
            if past_cutoff:
                continue
            result.append(ReceptionDay(day=day, moved=moved_for_holiday(self.rule, day), free=free))
        return result[:count]

    async def free_slots(self, day: date) -> list[Slot]:
        """Free, still bookable slots of a reception day; BookingError if it is not one."""
        if day not in reception_dates(self.rule, day, 1, self._days_off):
            raise BookingError("booking-error-not-reception-day")
        return self._bookable_slots(day, await self.repo.taken_slots(day))

    def slot_at(self, start: datetime) -> Slot:
        """The reception slot starting at ``start``; BookingError if there is none."""
        day = start.astimezone(self.tz).date()
        if day not in reception_dates(self.rule, day, 1, self._days_off):
            raise BookingError("booking-error-not-reception-day")
        for slot in slots_for(self.rule, day):
            if slot.start == start:
                return slot
        raise BookingError("booking-error-slot-taken")

    async def open_slot(self, start: datetime) -> Slot:
        """The free, still bookable reception slot starting at ``start``; BookingError if not."""
        slot = self.slot_at(start)
        check_can_book_slot(slot.start, self.clock.now(), self.settings.booking_cutoff_hours)
        if slot not in await self.free_slots(slot.start.astimezone(self.tz).date()):
            raise BookingError("booking-error-slot-taken")
        return slot

    async def book_slot(
        self,
        user_id: int,
        slot_start: datetime,
        topic: str,
        group_size: int,
        name: str,
        phone: str,
        locale: str | None = None,
    ) -> BookingDetails:
        """Book one reception slot for a citizen (and up to 4 companions)."""
        now = self.clock.now()
        topic = check_topic(topic)
        check_group_size(group_size)
        slot = self.slot_at(slot_start)
        check_can_book_slot(slot.start, now, self.settings.booking_cutoff_hours)
        day = slot.start.astimezone(self.tz).date()
        async with self.repo.transaction() as tx:
            if await tx.slot_taken(slot.start):
                raise BookingError("booking-error-slot-taken")
            if await tx.reception_booking_on(user_id, day) is not None:
                raise BookingError("booking-error-one-slot-a-day")
            booking = await tx.insert_booking(
                new_code=self.new_code,
                kind="reception",
                slot_start=slot.start,
                slot_end=slot.end,
                reception_date=day,
                user_id=user_id,
                name=name,
                phone=phone,
                topic=topic,
                group_size=group_size,
                status=BookingStatus.confirmed,
                locale=locale,
                now=now,
            )
        details = await self._details(booking)
        await self._schedule_reminders(details)
        return details

    # --- citizens: my bookings -------------------------------------------------------

    async def my_bookings(self, user_id: int) -> list[BookingDetails]:
        """The citizen's active bookings of events not yet over, soonest first."""
        now = self.clock.now()
        result = [await self._details(b) for b in await self.repo.user_bookings(user_id)]
        return sorted((d for d in result if d.ends_at > now), key=lambda d: d.starts_at)

    async def booking_details(self, booking_id: int, user_id: int) -> BookingDetails:
        """One of the citizen's bookings, with its waitlist place."""
        booking = await self._own_booking(booking_id, user_id)
        async with self.repo.transaction() as tx:
            return await self._details(booking, tx)

    async def calendar_file(self, details: BookingDetails, t: Translator) -> tuple[str, bytes]:
        """(file name, .ics bytes) for a confirmed booking."""
        booking = details.booking
        prefix = "reception" if details.is_reception else "hearing"
        title = self.event_title(t, details)
        data = build_ics(
            uid=f"{prefix}-{booking.code}@citizen-bot",
            title=title,
            starts_at=details.starts_at,
            ends_at=details.ends_at,
            location=self.where(t, details),
            description=t("booking-ics-description", code=booking.code, name=booking.name),
            dtstamp=self.clock.now(),
            tz_name=self.settings.timezone,
            organizer_name=self.settings.office_name_for(t.locale),
            alarm_text=title,
        )
        return f"{prefix}-{booking.code}.ics", data

    async def cancellable(self, booking_id: int, user_id: int) -> BookingDetails:
        """The citizen's booking if it can still be cancelled; BookingError otherwise."""
        details = await self.booking_details(booking_id, user_id)
        check_can_cancel(details.booking.status, details.starts_at, self.clock.now())
        return details

    async def cancel_booking(
        self, booking_id: int, user_id: int, reason: str | None = None
    ) -> BookingDetails:
        """Cancel a citizen's booking; a freed seat is offered to the waitlist at once."""
        now = self.clock.now()
        await self._own_booking(booking_id, user_id)
        async with self.repo.transaction() as tx:
            booking = await tx.booking(booking_id)
            assert booking is not None
            details = await self._details(booking, tx)
            check_can_cancel(booking.status, details.starts_at, now)
            await tx.set_status(
                booking_id,
                BookingStatus.cancelled,
                now,
                cancel_reason=(reason or "").strip()[:500] or None,
            )
            offers: list[BookingRow] = []
            if details.hearing is not None and booking.status != BookingStatus.waitlisted:
                offers = await self._offer_free_seats(tx, details.hearing, now)
            cancelled = await tx.booking(booking_id)
        await self._forget_reminders(booking_id)
        await self._announce_offers(offers)
        assert cancelled is not None
        return details.model_copy(update={"booking": cancelled})

    async def accept_offer(self, booking_id: int, user_id: int) -> BookingDetails:
        """Take the seat offered from the waitlist, if the offer is still open."""
        now = self.clock.now()
        await self._own_booking(booking_id, user_id)
        async with self.repo.transaction() as tx:
            booking = await tx.booking(booking_id)
            assert booking is not None
            check_offer_open(booking.status, booking.offer_expires_at, now)
            await tx.set_status(booking_id, BookingStatus.confirmed, now)
            confirmed = await tx.booking(booking_id)
            assert confirmed is not None
            details = await self._details(confirmed, tx)
        await self.reminders.cancel(offer_key(booking_id))
        await self._schedule_reminders(details)
        return details

    async def decline_offer(self, booking_id: int, user_id: int) -> BookingDetails:
        """Turn an offered seat down; the next person in line is offered it."""
        now = self.clock.now()
        await self._own_booking(booking_id, user_id)
        async with self.repo.transaction() as tx:
            booking = await tx.booking(booking_id)
            assert booking is not None
            check_offer_open(booking.status, None, now)
            await tx.set_status(booking_id, BookingStatus.cancelled, now, cancel_reason="declined")
            declined = await tx.booking(booking_id)
            assert declined is not None
            details = await self._details(declined, tx)
            assert details.hearing is not None
            offers = await self._offer_free_seats(tx, details.hearing, now)
        await self.reminders.cancel(offer_key(booking_id))
        await self._announce_offers(offers)
        return details

    # --- waitlist --------------------------------------------------------------------

    async def _offer_free_seats(
        self, tx: BookingTx, hearing: Hearing, now: datetime
    ) -> list[BookingRow]:
        """Offer every free seat to the next in line; inside the caller's transaction."""
        if hearing.cancelled:
            return []
        offered: list[BookingRow] = []
        confirmed, outstanding = await tx.seat_counts(hearing.id)
        free = seats_left(hearing.seats, confirmed, outstanding)
        if free == 0:
            return []
        expires = offer_expiry(
            now,
            hearing.starts_at,
            self.settings.waitlist_offer_hours,
            self.settings.booking_cutoff_hours,
        )
        if expires is None:
            return []  # too close to the start for anyone to take a seat in time
        waiting = {b.id: b for b in await tx.waitlist(hearing.id)}
        for _ in range(free):
            entry = next_in_line(
                [WaitEntry(id=b.id, created_at=b.created_at) for b in waiting.values()]
            )
            if entry is None:
                break
            await tx.set_status(entry.id, BookingStatus.offered, now, offer_expires_at=expires)
            row = await tx.booking(entry.id)
            assert row is not None
            offered.append(row)
            del waiting[entry.id]
        return offered

    async def _announce_offers(self, offers: list[BookingRow]) -> None:
        for booking in offers:
            assert booking.offer_expires_at is not None and booking.hearing_id is not None
            await self.reminders.schedule(
                OFFER_KIND,
                offer_key(booking.id),
                booking.offer_expires_at,
                {"booking_id": booking.id},
            )
            hearing = await self.repo.hearing(booking.hearing_id)
            assert hearing is not None
            t = self.translator_for(booking)
            await self.notifier.to_user(
                booking.user_id,
                t(
                    "hearing-offer",
                    title=hearing.title,
                    when=self.when(hearing.starts_at, hearing.ends_at),
                    where=hearing_where(t, hearing),
                    expires=format_moment(booking.offer_expires_at, self.tz),
                ),
                self.markup.offer(t, booking.id) if self.markup else None,
            )

    async def expire_offer(self, row: ReminderRow) -> bool:
        """Reminder handler (offer_expiry): a seat not taken in time goes to the next in line."""
        booking_id = int(row.payload["booking_id"])
        now = self.clock.now()
        async with self.repo.transaction() as tx:
            booking = await tx.booking(booking_id)
            if booking is None or booking.status != BookingStatus.offered:
                return False
            await tx.set_status(booking_id, BookingStatus.expired, now)
            assert booking.hearing_id is not None
            hearing = await tx.hearing(booking.hearing_id)
            assert hearing is not None
            offers = await self._offer_free_seats(tx, hearing, now)
        t = self.translator_for(booking)
        await self.notifier.to_user(
            booking.user_id, t("hearing-offer-expired", title=hearing.title)
        )
        await self._announce_offers(offers)
        return True

    # --- reminders -------------------------------------------------------------------

    async def _schedule_reminders(self, details: BookingDetails) -> None:
        booking = details.booking
        for reminder in reminder_times(
            details.starts_at, self.settings.reminder_offsets_hours, now=self.clock.now()
        ):
            await self.reminders.schedule(
                REMINDER_KIND,
                f"{booking_reminder_key(booking.id)}{reminder.kind}",
                reminder.due_at,
                {"booking_id": booking.id, "hours": int(reminder.kind.removesuffix("h"))},
                not_after=details.starts_at,
            )

    async def _forget_reminders(self, booking_id: int) -> None:
        await self.reminders.cancel(booking_reminder_key(booking_id))
        await self.reminders.cancel(offer_key(booking_id))

    async def send_reminder(self, row: ReminderRow) -> bool:
        """Reminder handler (booking_reminder): never for a cancelled booking or hearing."""
        booking = await self.repo.booking(int(row.payload["booking_id"]))
        if booking is None or booking.status != BookingStatus.confirmed:
            return False
        details = await self._details(booking)
        if details.hearing is not None and details.hearing.cancelled:
            return False
        if self.clock.now() >= details.starts_at:
            return False
        t = self.translator_for(booking)
        await self.notifier.to_user(
            booking.user_id,
            t(
                "booking-reminder",
                hours=int(row.payload.get("hours", 0)),
                title=self.event_title(t, details),
                when=self.when(details.starts_at, details.ends_at),
                where=self.where(t, details),
                code=booking.code,
            ),
            self.markup.reminder(t, booking.id) if self.markup else None,
        )
        return True

    async def resync_reminders(self) -> int:
        """At start-up: make sure every confirmed or offered booking has its reminder rows.

        Scheduling is idempotent (dedupe keys), so this only fills gaps a crash left between a
        booking's commit and its reminders.
        """
        added = 0
        # One query for what is already scheduled, so a start with thousands of bookings stays fast.
        scheduled = await self.reminders.existing_keys(
            "booking:"
        ) | await self.reminders.existing_keys("offer:")
        booked = {key.rsplit(":", 1)[0] + ":" for key in scheduled if key.startswith("booking:")}
        for booking in await self.repo.pending_work(self.clock.now()):
            if offer_key(booking.id) in scheduled or booking_reminder_key(booking.id) in booked:
                continue
            if booking.status == BookingStatus.offered and booking.offer_expires_at is not None:
                added += await self.reminders.schedule(
                    OFFER_KIND,
                    offer_key(booking.id),
                    booking.offer_expires_at,
                    {"booking_id": booking.id},
                )
            elif booking.status == BookingStatus.confirmed:
                await self._schedule_reminders(await self._details(booking))
        return added

    # --- staff -----------------------------------------------------------------------

    def check_start(self, starts_at: datetime) -> None:
        """Raise BookingError unless a new hearing may start then (3 days' notice)."""
        check_hearing_start(starts_at, self.clock.now())

    async def create_hearing(self, draft: HearingDraft, staff_id: int | None) -> Hearing:
        """Validate and store a hearing staff entered; refused with a BookingError key."""
        now = self.clock.now()
        hearing = await self.repo.add_hearing(validate_new_hearing(draft, now), staff_id, now)
        await self.audit.record(now, staff_id, "hearing_created", subject=f"hearing:{hearing.id}")
        return hearing

    async def staff_hearings(self) -> list[HearingCounts]:
        """Hearings still ahead or ended within a week (for attendance), soonest first."""
        return await self.repo.staff_hearings(self.clock.now() - ADMIN_LOOKBACK)

    async def attendees(self, hearing_id: int, staff_id: int | None) -> Attendees:
        """A hearing's bookings in queue order; the view is audited."""
        counts = await self.repo.hearing_counts(hearing_id)
        if counts is None:
            raise BookingError("booking-error-not-found")
        await self.audit.record(
            self.clock.now(), staff_id, "attendees_viewed", subject=f"hearing:{hearing_id}"
        )
        return Attendees(counts=counts, bookings=await self.repo.hearing_bookings(hearing_id))

    async def mark_attendance(
        self, booking_id: int, attended: bool, staff_id: int | None
    ) -> BookingRow:
        """Record that an observer came (or did not); only once the hearing has started."""
        now = self.clock.now()
        async with self.repo.transaction() as tx:
            booking = await tx.booking(booking_id)
            if booking is None or booking.hearing_id is None:
                raise BookingError("booking-error-not-found")
            hearing = await tx.hearing(booking.hearing_id)
            assert hearing is not None
            check_can_mark_attendance(booking.status, hearing.starts_at, now)
            status = BookingStatus.attended if attended else BookingStatus.no_show
            await tx.set_status(booking_id, status, now)
            marked = await tx.booking(booking_id)
        await self.audit.record(
            now, staff_id, f"booking_{status.value}", subject=f"booking:{booking_id}"
        )
        assert marked is not None
        return marked

    async def cancel_hearing(self, hearing_id: int, message: str, staff_id: int | None) -> int:
        """Cancel a hearing and tell every booked and waitlisted citizen; returns how many."""
        now = self.clock.now()
        async with self.repo.transaction() as tx:
            hearing = await tx.hearing(hearing_id)
            if hearing is None or hearing.cancelled:
                raise BookingError("booking-error-not-found")
            affected = await tx.active_bookings_of_hearing(hearing_id)
            await tx.cancel_hearing(hearing_id, message, now)
        await self.audit.record(now, staff_id, "hearing_cancelled", subject=f"hearing:{hearing_id}")
        for booking in affected:
            await self._forget_reminders(booking.id)
        for booking in affected:
            t = self.translator_for(booking)
            await self.notifier.to_user(
                booking.user_id,
                t(
                    "hearing-cancelled-notice",
                    title=hearing.title,
                    when=self.when(hearing.starts_at, hearing.ends_at),
                    message=message,
                ),
            )
        return len(affected)


def hearing_where(t: Translator, hearing: Hearing) -> str:
    """Venue and address; an on-site hearing says it is held on site."""
    key = "hearing-where-onsite" if hearing.on_site else "hearing-where"
    return t(key, venue=hearing.venue, address=hearing.address or "-")
