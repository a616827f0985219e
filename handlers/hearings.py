"""Hearings and reception day: listing, booking, waitlist offers, my bookings, staff tools.

Thin: each handler parses the update, calls one BookingService function, renders with i18n keys.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.domain.booking import (
    MARKABLE_STATUSES,
    BookingStatus,
    HearingDraft,
    HearingType,
    check_hearing_end,
    check_hearing_title,
    check_topic,
    parse_group_size,
    parse_local_datetime,
    parse_seat_count,
)
from bot.domain.errors import DomainError
from bot.domain.validation import mask_phone, normalize_name, normalize_phone
from bot.i18n import Translator
from bot.services.bookings import (
    BookingDetails,
    BookingService,
    HearingPage,
    format_moment,
    format_when,
    hearing_where,
)
from handlers.callbacks import Callback, encode, parse, pattern
from handlers.context import BotContext
from handlers.guards import require_staff
from handlers.keyboards import main_menu

BOOKING_FORM = "booking_form"
HEARING_FORM = "new_hearing_form"
CANCEL_FORM = "booking_cancel_form"
HEARING_CANCEL_FORM = "hearing_cancel_form"

END = ConversationHandler.END
TEXT = filters.TEXT & ~filters.COMMAND


# --- small helpers ------------------------------------------------------------------


def _service(context: BotContext) -> BookingService:
    return context.services.bookings


def _callback(update: Update) -> Callback | None:
    return parse(update.callback_query.data) if update.callback_query else None


def _int_arg(callback: Callback | None, index: int) -> int | None:
    value = callback.arg(index) if callback else ""
    return int(value) if value.isdigit() else None


def _buttons(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


async def _say(update: Update, context: BotContext, text: str, markup: Any = None) -> Message:
    query = update.callback_query
    if query:
        await query.answer()
        # A pressed keyboard is used up: the answer comes as a new message below it.
        try:
            await query.edit_message_reply_markup(reply_markup=None)
        except TelegramError:
            pass
    assert update.effective_chat
    return await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)


async def _refuse(update: Update, context: BotContext, error: DomainError) -> None:
    """A rule the user ran into: a clear message; the conversation stays where it was."""
    await _say(update, context, context.t(error.key, **error.kwargs))


def _text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if message else ""


def _local(context: BotContext, moment: datetime) -> str:
    return format_moment(moment, context.services.settings.tz)


def _when(context: BotContext, start: datetime, end: datetime) -> str:
    return format_when(start, end, context.services.settings.tz)


def _type_label(t: Translator, kind: HearingType) -> str:
    return t(f"hearing-type-{kind.value.replace('_', '-')}")


def _status_label(t: Translator, status: BookingStatus) -> str:
    return t(f"booking-status-{status.value.replace('_', '-')}")


def _seats_text(t: Translator, seats_left: int) -> str:
    return t("hearing-seats-left", count=seats_left) if seats_left else t("hearing-full")


def _hub_markup(t: Translator) -> InlineKeyboardMarkup:
    return _buttons(
        [(t("hearings-button-list"), encode("hr", "list", 0))],
        [(t("hearings-button-reception"), encode("rc", "days"))],
        [(t("hearings-button-mine"), encode("mb", "list"))],
        [(t("menu-back"), encode("menu", "home"))],
    )


def _after_markup(t: Translator) -> InlineKeyboardMarkup:
    return _buttons(
        [(t("hearings-button-mine"), encode("mb", "list"))],
        [(t("menu-back"), encode("menu", "home"))],
    )


class TelegramBookingMarkup:
    """The buttons the booking service puts under offers and reminders it sends."""

    def offer(self, t: Translator, booking_id: int) -> InlineKeyboardMarkup:
        return _buttons(
            [
                (t("hearing-offer-accept"), encode("offer", "acc", booking_id)),
                (t("hearing-offer-decline"), encode("offer", "dec", booking_id)),
            ]
        )

    def reminder(self, t: Translator, booking_id: int) -> InlineKeyboardMarkup:
        return _buttons([(t("booking-button-cancel"), encode("mb", "cancel", booking_id))])


# --- citizens: hub and listing ------------------------------------------------------------


async def hub(update: Update, context: BotContext) -> None:
    await _say(update, context, context.t("hearings-hub"), _hub_markup(context.t))


def _render_page(context: BotContext, page: HearingPage) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    if not page.items:
        return t("hearings-none"), _hub_markup(t)
    lines = [t("hearings-list-title", page=page.page + 1, pages=page.pages)]
    rows: list[list[tuple[str, str]]] = []
    for number, item in enumerate(page.items, 1 + page.page * 5):
        hearing = item.hearing
        lines.append(
            t(
                "hearings-list-item",
                number=number,
                title=hearing.title,
                when=_when(context, hearing.starts_at, hearing.ends_at),
                where=hearing_where(t, hearing),
                seats=_seats_text(t, item.seats_left),
            )
        )
        rows.append([(f"{number}. {hearing.title}"[:60], encode("hr", "show", hearing.id))])
    nav = []
    if page.page > 0:
        nav.append((t("hearings-previous"), encode("hr", "list", page.page - 1)))
    if page.page + 1 < page.pages:
        nav.append((t("hearings-next"), encode("hr", "list", page.page + 1)))
    if nav:
        rows.append(nav)
    rows.append([(t("hearings-back"), encode("menu", "hearings"))])
    return "\n\n".join(lines), _buttons(*rows)


async def list_hearings(update: Update, context: BotContext) -> None:
    page = await _service(context).list_hearings(_int_arg(_callback(update), 0) or 0)
    text, markup = _render_page(context, page)
    await _say(update, context, text, markup)


async def show_hearing(update: Update, context: BotContext) -> None:
    t = context.t
    hearing_id = _int_arg(_callback(update), 0)
    try:
        listed = await _service(context).listed_hearing(hearing_id or 0)
    except DomainError as error:
        await _refuse(update, context, error)
        return
    hearing = listed.hearing
    text = t(
        "hearing-details",
        title=hearing.title,
        type=_type_label(t, hearing.case_type),
        when=_when(context, hearing.starts_at, hearing.ends_at),
        where=hearing_where(t, hearing),
        seats=_seats_text(t, listed.seats_left),
        notes=hearing.notes or "-",
    )
    book_label = t("hearing-button-book") if listed.seats_left else t("hearing-button-waitlist")
    await _say(
        update,
        context,
        text,
        _buttons(
            [(book_label, encode("hr", "book", hearing.id))],
            [(t("hearings-back"), encode("hr", "list", 0))],
        ),
    )


# --- citizens: the booking form (seat or reception slot) ---------------------------------


def _form(context: BotContext) -> dict[str, Any]:
    assert context.user_data is not None
    return context.user_data.setdefault(BOOKING_FORM, {})


def _drop_form(context: BotContext, key: str) -> None:
    if context.user_data is not None:
        context.user_data.pop(key, None)


async def _ask_contact(update: Update, context: BotContext) -> str:
    """Offer the contact from the last booking, or ask for a name."""
    t = context.t
    assert update.effective_user
    saved = await _service(context).saved_contact(update.effective_user.id)
    if saved is None:
        await _say(update, context, t("booking-ask-name"))
        return "name"
    name, phone = saved
    form = _form(context)
    form["saved_name"], form["saved_phone"] = name, phone
    await _say(
        update,
        context,
        t("booking-use-saved-contact", name=name, phone=mask_phone(phone)),
        _buttons(
            [(t("booking-button-use-contact"), encode("bk", "use"))],
            [(t("booking-button-new-contact"), encode("bk", "new"))],
        ),
    )
    return "contact"


async def start_seat_booking(update: Update, context: BotContext) -> str | int:
    assert update.effective_user
    hearing_id = _int_arg(_callback(update), 0) or 0
    try:
        await _service(context).check_seat_booking(hearing_id, update.effective_user.id)
    except DomainError as error:
        await _refuse(update, context, error)
        return END
    assert context.user_data is not None
    context.user_data[BOOKING_FORM] = {"kind": "seat", "hearing_id": hearing_id}
    return await _ask_contact(update, context)


async def use_saved_contact(update: Update, context: BotContext) -> str | int:
    form = _form(context)
    if "saved_phone" not in form:
        await _say(update, context, context.t("booking-ask-name"))
        return "name"
    form["name"], form["phone"] = form["saved_name"], form["saved_phone"]
    return await _contact_done(update, context)


async def new_contact(update: Update, context: BotContext) -> str:
    await _say(update, context, context.t("booking-ask-name"))
    return "name"


async def got_name(update: Update, context: BotContext) -> str:
    t = context.t
    name = normalize_name(_text(update))
    if name is None:
        await _say(update, context, t("booking-error-name"))
        return "name"
    _form(context)["name"] = name
    share = ReplyKeyboardMarkup(
        [[KeyboardButton(t("booking-button-share-phone"), request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
    await _say(update, context, t("booking-ask-phone"), share)
    return "phone"


async def got_phone(update: Update, context: BotContext) -> str | int:
    message = update.effective_message
    assert message
    typed = message.contact.phone_number if message.contact else (message.text or "")
    phone = normalize_phone(typed)
    if phone is None:
        await _say(update, context, context.t("booking-error-phone"))
        return "phone"
    form = _form(context)
    form["phone"] = phone
    await _say(
        update,
        context,
        context.t("booking-contact-noted", name=form.get("name", ""), phone=mask_phone(phone)),
        ReplyKeyboardRemove(),
    )
    return await _contact_done(update, context)


async def _contact_done(update: Update, context: BotContext) -> str | int:
    form = _form(context)
    if form.get("kind") == "seat":
        return await _book_seat(update, context)
    t = context.t
    start = datetime.fromisoformat(form["slot_start"])
    end = datetime.fromisoformat(form["slot_end"])
    await _say(
        update,
        context,
        t(
            "reception-summary",
            when=_when(context, start, end),
            topic=form["topic"],
            group=form["group"],
            name=form["name"],
            phone=mask_phone(form["phone"]),
        ),
        _buttons(
            [(t("hearings-confirm"), encode("bk", "ok"))],
            [(t("hearings-cancel-form"), encode("bk", "no"))],
        ),
    )
    return "confirm"


async def _send_calendar(update: Update, context: BotContext, details: BookingDetails) -> None:
    t = context.t
    filename, data = await _service(context).calendar_file(details, t)
    assert update.effective_chat
    await context.bot.send_document(
        update.effective_chat.id,
        InputFile(data, filename=filename),
        caption=t("booking-calendar-caption"),
        reply_markup=_after_markup(t),
    )


async def _book_seat(update: Update, context: BotContext) -> str | int:
    form = _form(context)
    assert update.effective_user
    try:
        details = await _service(context).book_seat(
            int(form["hearing_id"]),
            update.effective_user.id,
            form["name"],
            form["phone"],
            locale=context.locale,
        )
    except DomainError as error:
        await _refuse(update, context, error)
        _drop_form(context, BOOKING_FORM)
        return END
    _drop_form(context, BOOKING_FORM)
    await _render_booked(update, context, details)
    return END


async def _render_booked(update: Update, context: BotContext, details: BookingDetails) -> None:
    t, service = context.t, _service(context)
    booking = details.booking
    if booking.status == BookingStatus.waitlisted:
        await _say(
            update,
            context,
            t(
                "booking-waitlisted",
                title=service.event_title(t, details),
                position=details.position or 0,
                code=booking.code,
            ),
            _after_markup(t),
        )
        return
    key = "reception-booked" if details.is_reception else "booking-confirmed"
    await _say(
        update,
        context,
        t(
            key,
            code=booking.code,
            title=service.event_title(t, details),
            when=_when(context, details.starts_at, details.ends_at),
            where=service.where(t, details),
            group=booking.group_size,
        ),
    )
    await _send_calendar(update, context, details)


# --- citizens: reception day -------------------------------------------------------------


async def reception_days(update: Update, context: BotContext) -> None:
    t = context.t
    days = await _service(context).reception_days()
    if not days:
        await _say(update, context, t("reception-no-days"), _hub_markup(t))
        return
    lines = [t("reception-days-title")]
    rows = []
    for day in days:
        label = t(
            "reception-day-button",
            date=day.day.isoformat(),
            weekday=t(f"hearings-weekday-{day.day.weekday()}"),
            free=day.free,
        )
        if day.moved:
            lines.append(t("reception-day-moved", date=day.day.isoformat()))
        rows.append([(label, encode("rc", "day", f"{day.day:%Y%m%d}"))])
    rows.append([(t("hearings-back"), encode("menu", "hearings"))])
    await _say(update, context, "\n".join(lines), _buttons(*rows))


def _parse_day(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


async def reception_slots(update: Update, context: BotContext) -> None:
    t = context.t
    callback = _callback(update)
    day = _parse_day(callback.arg(0) if callback else "")
    if day is None:
        await _say(update, context, t("button-expired"))
        return
    try:
        slots = await _service(context).free_slots(day)
    except DomainError as error:
        await _refuse(update, context, error)
        return
    if not slots:
        await _say(update, context, t("reception-day-full"), _hub_markup(t))
        return
    tz = context.services.settings.tz
    buttons = [
        (
            f"{slot.start.astimezone(tz):%H:%M}",
            encode("rc", "slot", f"{slot.start.astimezone(tz):%Y%m%d%H%M}"),
        )
        for slot in slots
    ]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    rows.append([(t("hearings-back"), encode("rc", "days"))])
    await _say(update, context, t("reception-pick-slot", date=day.isoformat()), _buttons(*rows))


async def start_reception_booking(update: Update, context: BotContext) -> str | int:
    callback = _callback(update)
    try:
        start = datetime.strptime(callback.arg(0) if callback else "", "%Y%m%d%H%M").replace(
            tzinfo=context.services.settings.tz
        )
    except ValueError:
        await _say(update, context, context.t("button-expired"))
        return END
    try:
        slot = await _service(context).open_slot(start)
    except DomainError as error:
        await _refuse(update, context, error)
        return END
    assert context.user_data is not None
    context.user_data[BOOKING_FORM] = {
        "kind": "reception",
        "slot_start": slot.start.isoformat(),
        "slot_end": slot.end.isoformat(),
    }
    await _say(update, context, context.t("reception-ask-topic", min=10, max=500))
    return "topic"


async def got_topic(update: Update, context: BotContext) -> str:
    t = context.t
    try:
        topic = check_topic(_text(update))
    except DomainError as error:
        await _refuse(update, context, error)
        return "topic"
    _form(context)["topic"] = topic
    sizes = [(str(n), encode("bk", "grp", n)) for n in range(1, 6)]
    await _say(update, context, t("reception-ask-group", max=5), _buttons(sizes))
    return "group"


async def got_group(update: Update, context: BotContext) -> str | int:
    callback = _callback(update)
    raw = callback.arg(0) if callback else _text(update)
    try:
        size = parse_group_size(raw)
    except DomainError as error:
        await _refuse(update, context, error)
        return "group"
    _form(context)["group"] = size
    return await _ask_contact(update, context)


async def confirm_reception(update: Update, context: BotContext) -> int:
    form = _form(context)
    assert update.effective_user
    try:
        details = await _service(context).book_slot(
            update.effective_user.id,
            datetime.fromisoformat(form["slot_start"]),
            form["topic"],
            int(form["group"]),
            form["name"],
            form["phone"],
            locale=context.locale,
        )
    except DomainError as error:
        await _refuse(update, context, error)
        _drop_form(context, BOOKING_FORM)
        return END
    _drop_form(context, BOOKING_FORM)
    await _render_booked(update, context, details)
    return END


def _abandon(form_key: str) -> Any:
    """/cancel (or a Cancel button) inside a form: drop its draft, back to the menu."""

    async def abandon(update: Update, context: BotContext) -> int:
        _drop_form(context, form_key)
        await _say(update, context, context.t("cancelled"), main_menu(context.t))
        return END

    return abandon


# --- citizens: my bookings, cancel, offers ---------------------------------------------


def _details_text(context: BotContext, details: BookingDetails) -> str:
    t, service = context.t, _service(context)
    booking = details.booking
    text = t(
        "mybooking-details",
        code=booking.code,
        title=service.event_title(t, details),
        when=_when(context, details.starts_at, details.ends_at),
        where=service.where(t, details),
        status=_status_label(t, booking.status),
    )
    if details.position:
        text += "\n" + t("mybooking-position", position=details.position)
    if booking.status == BookingStatus.offered and booking.offer_expires_at:
        text += "\n" + t("mybooking-offer-until", expires=_local(context, booking.offer_expires_at))
    if booking.topic:
        text += "\n" + t("mybooking-topic", topic=booking.topic, group=booking.group_size)
    return text


async def my_bookings(update: Update, context: BotContext) -> None:
    t = context.t
    assert update.effective_user
    items = await _service(context).my_bookings(update.effective_user.id)
    if not items:
        await _say(update, context, t("mybookings-none"), _hub_markup(t))
        return
    rows = []
    for details in items:
        title = _service(context).event_title(t, details)
        label = f"{_local(context, details.starts_at)} {title}"[:60]
        rows.append([(label, encode("mb", "show", details.booking.id))])
    rows.append([(t("hearings-back"), encode("menu", "hearings"))])
    await _say(update, context, t("mybookings-title", count=len(items)), _buttons(*rows))


async def show_booking(update: Update, context: BotContext) -> None:
    t = context.t
    assert update.effective_user
    try:
        details = await _service(context).booking_details(
            _int_arg(_callback(update), 0) or 0, update.effective_user.id
        )
    except DomainError as error:
        await _refuse(update, context, error)
        return
    booking = details.booking
    rows: list[list[tuple[str, str]]] = []
    if booking.status == BookingStatus.offered:
        rows.append(
            [
                (t("hearing-offer-accept"), encode("offer", "acc", booking.id)),
                (t("hearing-offer-decline"), encode("offer", "dec", booking.id)),
            ]
        )
    rows.append([(t("booking-button-cancel"), encode("mb", "cancel", booking.id))])
    rows.append([(t("hearings-back"), encode("mb", "list"))])
    await _say(update, context, _details_text(context, details), _buttons(*rows))


async def start_cancel(update: Update, context: BotContext) -> str | int:
    t = context.t
    assert update.effective_user
    booking_id = _int_arg(_callback(update), 0) or 0
    try:
        details = await _service(context).cancellable(booking_id, update.effective_user.id)
    except DomainError as error:
        await _refuse(update, context, error)
        return END
    assert context.user_data is not None
    context.user_data[CANCEL_FORM] = {"booking_id": booking_id}
    await _say(
        update,
        context,
        t("booking-cancel-ask-reason", code=details.booking.code),
        _buttons(
            [(t("booking-button-no-reason"), encode("mb", "noreason"))],
            [(t("booking-button-keep"), encode("mb", "keep"))],
        ),
    )
    return "reason"


async def _do_cancel(update: Update, context: BotContext, reason: str | None) -> int:
    t = context.t
    assert update.effective_user and context.user_data is not None
    form = context.user_data.pop(CANCEL_FORM, {})
    try:
        details = await _service(context).cancel_booking(
            int(form.get("booking_id", 0)), update.effective_user.id, reason
        )
    except DomainError as error:
        await _refuse(update, context, error)
        return END
    await _say(
        update,
        context,
        t(
            "booking-cancelled",
            code=details.booking.code,
            title=_service(context).event_title(t, details),
        ),
        _after_markup(t),
    )
    return END


async def cancel_with_reason(update: Update, context: BotContext) -> int:
    return await _do_cancel(update, context, _text(update))


async def cancel_without_reason(update: Update, context: BotContext) -> int:
    return await _do_cancel(update, context, None)


async def keep_booking(update: Update, context: BotContext) -> int:
    _drop_form(context, CANCEL_FORM)
    await _say(update, context, context.t("booking-kept"), _after_markup(context.t))
    return END


async def accept_offer(update: Update, context: BotContext) -> None:
    assert update.effective_user
    try:
        details = await _service(context).accept_offer(
            _int_arg(_callback(update), 0) or 0, update.effective_user.id
        )
    except DomainError as error:
        await _refuse(update, context, error)
        return
    await _render_booked(update, context, details)


async def decline_offer(update: Update, context: BotContext) -> None:
    assert update.effective_user
    try:
        await _service(context).decline_offer(
            _int_arg(_callback(update), 0) or 0, update.effective_user.id
        )
    except DomainError as error:
        await _refuse(update, context, error)
        return
    await _say(update, context, context.t("hearing-offer-declined"), _after_markup(context.t))


# --- staff: /new_hearing -------------------------------------------------------------------


def _draft(context: BotContext) -> dict[str, Any]:
    assert context.user_data is not None
    return context.user_data.setdefault(HEARING_FORM, {})


async def new_hearing(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    assert context.user_data is not None
    context.user_data[HEARING_FORM] = {}
    await _say(update, context, context.t("newhearing-ask-title"))
    return "title"


async def nh_title(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    t = context.t
    try:
        _draft(context)["title"] = check_hearing_title(_text(update))
    except DomainError as error:
        await _refuse(update, context, error)
        return "title"
    rows = [[(_type_label(t, kind), encode("nh", "type", kind.value))] for kind in HearingType]
    await _say(update, context, t("newhearing-ask-type"), _buttons(*rows))
    return "type"


async def nh_type(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    t = context.t
    callback = _callback(update)
    value = callback.arg(0) if callback else ""
    if value not in HearingType.__members__:
        await _say(update, context, t("button-expired"))
        return "type"
    _draft(context)["case_type"] = value
    await _say(
        update,
        context,
        t("newhearing-ask-access"),
        _buttons(
            [(t("newhearing-access-public"), encode("nh", "acc", "public"))],
            [(t("newhearing-access-closed"), encode("nh", "acc", "closed"))],
            [(t("newhearing-access-minor"), encode("nh", "acc", "minor"))],
        ),
    )
    return "access"


async def nh_access(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    callback = _callback(update)
    access = callback.arg(0) if callback else ""
    draft = _draft(context)
    draft["public"] = access == "public"
    draft["involves_minor"] = access == "minor"  # minors: always closed
    await _say(update, context, context.t("newhearing-ask-venue"))
    return "venue"


async def nh_venue(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    venue = _text(update).strip()
    if not venue:
        await _say(update, context, context.t("booking-error-venue-empty"))
        return "venue"
    _draft(context)["venue"] = venue[:200]
    await _say(update, context, context.t("newhearing-ask-address"))
    return "address"


async def nh_address(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    t = context.t
    _draft(context)["address"] = _text(update).strip()[:300]
    await _say(
        update,
        context,
        t("newhearing-ask-onsite"),
        _buttons(
            [
                (t("newhearing-onsite-no"), encode("nh", "site", 0)),
                (t("newhearing-onsite-yes"), encode("nh", "site", 1)),
            ]
        ),
    )
    return "onsite"


async def nh_onsite(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    _draft(context)["on_site"] = _int_arg(_callback(update), 0) == 1
    await _say(update, context, context.t("newhearing-ask-start"))
    return "start"


async def nh_start(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    starts = parse_local_datetime(_text(update), context.services.settings.tz)
    if starts is None:
        await _say(update, context, context.t("newhearing-error-datetime"))
        return "start"
    try:
        _service(context).check_start(starts)
    except DomainError as error:
        await _refuse(update, context, error)
        return "start"
    _draft(context)["starts_at"] = starts
    await _say(update, context, context.t("newhearing-ask-end"))
    return "end"


async def nh_end(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    draft = _draft(context)
    starts: datetime = draft["starts_at"]
    tz = context.services.settings.tz
    ends = parse_local_datetime(_text(update), tz, on_day=starts.astimezone(tz).date())
    if ends is None:
        await _say(update, context, context.t("newhearing-error-datetime"))
        return "end"
    try:
        check_hearing_end(starts, ends)
    except DomainError as error:
        await _refuse(update, context, error)
        return "end"
    draft["ends_at"] = ends
    if draft.get("public") and not draft.get("involves_minor"):
        await _say(update, context, context.t("newhearing-ask-seats"))
        return "seats"
    draft["seats"] = 0
    return await _ask_notes(update, context)


async def nh_seats(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    try:
        _draft(context)["seats"] = parse_seat_count(_text(update))
    except DomainError as error:
        await _refuse(update, context, error)
        return "seats"
    return await _ask_notes(update, context)


async def _ask_notes(update: Update, context: BotContext) -> str:
    t = context.t
    await _say(
        update,
        context,
        t("newhearing-ask-notes"),
        _buttons([(t("hearings-skip"), encode("nh", "skip"))]),
    )
    return "notes"


def _hearing_draft(context: BotContext) -> HearingDraft:
    draft = _draft(context)
    return HearingDraft(
        title=draft["title"],
        case_type=HearingType(draft["case_type"]),
        public=draft["public"],
        involves_minor=draft["involves_minor"],
        venue=draft["venue"],
        address=draft.get("address", ""),
        on_site=draft.get("on_site", False),
        starts_at=draft["starts_at"],
        ends_at=draft["ends_at"],
        seats=draft.get("seats", 0),
        notes=draft.get("notes", ""),
    )


async def nh_notes(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    t = context.t
    _draft(context)["notes"] = "" if update.callback_query else _text(update).strip()[:1000]
    hearing = _hearing_draft(context)
    access = (
        t("newhearing-access-minor")
        if hearing.involves_minor
        else t("newhearing-access-public")
        if hearing.public
        else t("newhearing-access-closed")
    )
    await _say(
        update,
        context,
        t(
            "newhearing-summary",
            title=hearing.title,
            type=_type_label(t, hearing.case_type),
            access=access,
            when=_when(context, hearing.starts_at, hearing.ends_at),
            where=hearing_where(t, hearing),
            seats=hearing.seats,
            notes=hearing.notes or "-",
        ),
        _buttons(
            [(t("hearings-publish"), encode("nh", "ok"))],
            [(t("hearings-cancel-form"), encode("nh", "no"))],
        ),
    )
    return "confirm"


async def nh_confirm(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    assert update.effective_user
    try:
        hearing = await _service(context).create_hearing(
            _hearing_draft(context), update.effective_user.id
        )
    except DomainError as error:
        await _refuse(update, context, error)
        return "confirm"
    _drop_form(context, HEARING_FORM)
    key = "newhearing-created" if hearing.public else "newhearing-created-closed"
    await _say(update, context, context.t(key, id=hearing.id, title=hearing.title))
    return END


# --- staff: /hearings_admin -------------------------------------------------------------


async def hearings_admin(update: Update, context: BotContext) -> None:
    if not await require_staff(update, context):
        return
    t = context.t
    rows = []
    for item in await _service(context).staff_hearings():
        hearing = item.hearing
        label = t(
            "hearing-admin-hearing-button",
            when=_local(context, hearing.starts_at),
            title=hearing.title[:30],
            booked=item.confirmed + item.attended + item.no_show,
            seats=hearing.seats,
            waiting=item.waitlisted + item.offered,
        )
        rows.append([(label[:60], encode("ha", "show", hearing.id))])
    if not rows:
        await _say(update, context, t("hearing-admin-no-hearings"))
        return
    await _say(update, context, t("hearing-admin-hearings-title"), _buttons(*rows))


async def admin_show(update: Update, context: BotContext) -> None:
    if not await require_staff(update, context):
        return
    t = context.t
    assert update.effective_user
    hearing_id = _int_arg(_callback(update), 0) or 0
    try:
        attendees = await _service(context).attendees(hearing_id, update.effective_user.id)
    except DomainError as error:
        await _refuse(update, context, error)
        return
    counts, hearing = attendees.counts, attendees.counts.hearing
    lines = [
        t(
            "hearing-admin-hearing-details",
            title=hearing.title,
            when=_when(context, hearing.starts_at, hearing.ends_at),
            where=hearing_where(t, hearing),
            confirmed=counts.confirmed,
            seats=hearing.seats,
            offered=counts.offered,
            waiting=counts.waitlisted,
        )
    ]
    for number, booking in enumerate(attendees.bookings, 1):
        lines.append(
            t(
                "hearing-admin-attendee",
                number=number,
                name=booking.name,
                phone=mask_phone(booking.phone),
                code=booking.code,
                status=_status_label(t, booking.status),
            )
        )
    rows: list[list[tuple[str, str]]] = []
    now = context.services.clock.now()
    if now >= hearing.starts_at:
        rows.append([(t("hearing-admin-button-attendance"), encode("ha", "att", hearing.id))])
    else:
        rows.append(
            [(t("hearing-admin-button-cancel-hearing"), encode("ha", "cancel", hearing.id))]
        )
    rows.append([(t("hearings-back"), encode("ha", "list"))])
    await _say(update, context, "\n".join(lines), _buttons(*rows))


async def admin_attendance(update: Update, context: BotContext) -> None:
    if not await require_staff(update, context):
        return
    await _send_attendance(update, context, _int_arg(_callback(update), 0) or 0)


async def _send_attendance(
    update: Update, context: BotContext, hearing_id: int, note: str | None = None
) -> None:
    t = context.t
    assert update.effective_user
    try:
        attendees = await _service(context).attendees(hearing_id, update.effective_user.id)
    except DomainError as error:
        await _refuse(update, context, error)
        return
    lines = [note] if note else []
    lines.append(t("hearing-admin-attendance-title", title=attendees.counts.hearing.title))
    rows: list[list[tuple[str, str]]] = []
    for booking in attendees.bookings:
        if booking.status not in MARKABLE_STATUSES:
            continue
        lines.append(
            t(
                "hearing-admin-attendee",
                number=len(rows) + 1,
                name=booking.name,
                phone=mask_phone(booking.phone),
                code=booking.code,
                status=_status_label(t, booking.status),
            )
        )
        rows.append(
            [
                (
                    t("hearing-admin-button-attended", name=booking.name),
                    encode("ha", "mark", booking.id, "a"),
                ),
                (
                    t("hearing-admin-button-no-show", name=booking.name),
                    encode("ha", "mark", booking.id, "n"),
                ),
            ]
        )
    rows.append([(t("hearings-back"), encode("ha", "show", hearing_id))])
    await _say(update, context, "\n".join(lines), _buttons(*rows))


async def admin_mark(update: Update, context: BotContext) -> None:
    if not await require_staff(update, context):
        return
    assert update.effective_user
    callback = _callback(update)
    try:
        booking = await _service(context).mark_attendance(
            _int_arg(callback, 0) or 0,
            callback.arg(1) == "a" if callback else False,
            update.effective_user.id,
        )
    except DomainError as error:
        await _refuse(update, context, error)
        return
    note = context.t(
        "hearing-admin-marked", name=booking.name, status=_status_label(context.t, booking.status)
    )
    # The list again, so the next observer can be marked without reopening it.
    await _send_attendance(update, context, booking.hearing_id or 0, note)


async def start_hearing_cancel(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    assert context.user_data is not None
    context.user_data[HEARING_CANCEL_FORM] = {"hearing_id": _int_arg(_callback(update), 0) or 0}
    await _say(update, context, context.t("hearing-admin-cancel-ask-message"))
    return "message"


async def hearing_cancel_message(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    t = context.t
    message = _text(update).strip()
    if not message:
        await _say(update, context, t("hearing-admin-cancel-ask-message"))
        return "message"
    assert context.user_data is not None
    context.user_data.setdefault(HEARING_CANCEL_FORM, {})["message"] = message[:1000]
    await _say(
        update,
        context,
        t("hearing-admin-cancel-confirm", message=message[:1000]),
        _buttons(
            [(t("hearing-admin-button-cancel-confirm"), encode("ha", "cok"))],
            [(t("hearing-admin-button-cancel-keep"), encode("ha", "cno"))],
        ),
    )
    return "confirm"


async def hearing_cancel_confirm(update: Update, context: BotContext) -> str | int:
    if not await require_staff(update, context):
        return END
    assert context.user_data is not None and update.effective_user
    form = context.user_data.pop(HEARING_CANCEL_FORM, {})
    try:
        told = await _service(context).cancel_hearing(
            int(form.get("hearing_id", 0)), str(form.get("message", "")), update.effective_user.id
        )
    except DomainError as error:
        await _refuse(update, context, error)
        return END
    await _say(update, context, context.t("hearing-admin-hearing-cancelled", count=told))
    return END


async def hearing_cancel_keep(update: Update, context: BotContext) -> int:
    if not await require_staff(update, context):
        return END
    _drop_form(context, HEARING_CANCEL_FORM)
    await _say(update, context, context.t("hearing-admin-hearing-kept"))
    return END


# --- wiring -------------------------------------------------------------------------------


def _cancel_fallbacks(form_key: str, *buttons: tuple[str, str]) -> list[BaseHandler]:
    abandon = _abandon(form_key)
    return [
        CommandHandler("cancel", abandon),
        *(CallbackQueryHandler(abandon, pattern=pattern(ns, action)) for ns, action in buttons),
    ]


def handlers() -> list[BaseHandler]:
    """Registered before start.fallback_handlers(), so "menu:hearings" is ours."""
    booking = ConversationHandler(
        name="hearing_booking",
        persistent=True,
        per_message=False,
        allow_reentry=True,
        entry_points=[
            CallbackQueryHandler(start_seat_booking, pattern=pattern("hr", "book")),
            CallbackQueryHandler(start_reception_booking, pattern=pattern("rc", "slot")),
        ],
        states={
            "contact": [
                CallbackQueryHandler(use_saved_contact, pattern=pattern("bk", "use")),
                CallbackQueryHandler(new_contact, pattern=pattern("bk", "new")),
            ],
            "name": [MessageHandler(TEXT, got_name)],
            "phone": [MessageHandler(TEXT | filters.CONTACT, got_phone)],
            "topic": [MessageHandler(TEXT, got_topic)],
            "group": [
                CallbackQueryHandler(got_group, pattern=pattern("bk", "grp")),
                MessageHandler(TEXT, got_group),
            ],
            "confirm": [CallbackQueryHandler(confirm_reception, pattern=pattern("bk", "ok"))],
        },
        fallbacks=_cancel_fallbacks(BOOKING_FORM, ("bk", "no")),
    )
    cancel_booking = ConversationHandler(
        name="booking_cancel",
        persistent=True,
        per_message=False,
        allow_reentry=True,
        entry_points=[CallbackQueryHandler(start_cancel, pattern=pattern("mb", "cancel"))],
        states={
            "reason": [
                MessageHandler(TEXT, cancel_with_reason),
                CallbackQueryHandler(cancel_without_reason, pattern=pattern("mb", "noreason")),
                CallbackQueryHandler(keep_booking, pattern=pattern("mb", "keep")),
            ]
        },
        fallbacks=_cancel_fallbacks(CANCEL_FORM),
    )
    new_hearing_form = ConversationHandler(
        name="new_hearing",
        persistent=True,
        per_message=False,
        allow_reentry=True,
        entry_points=[CommandHandler("new_hearing", new_hearing)],
        states={
            "title": [MessageHandler(TEXT, nh_title)],
            "type": [CallbackQueryHandler(nh_type, pattern=pattern("nh", "type"))],
            "access": [CallbackQueryHandler(nh_access, pattern=pattern("nh", "acc"))],
            "venue": [MessageHandler(TEXT, nh_venue)],
            "address": [MessageHandler(TEXT, nh_address)],
            "onsite": [CallbackQueryHandler(nh_onsite, pattern=pattern("nh", "site"))],
            "start": [MessageHandler(TEXT, nh_start)],
            "end": [MessageHandler(TEXT, nh_end)],
            "seats": [MessageHandler(TEXT, nh_seats)],
            "notes": [
                MessageHandler(TEXT, nh_notes),
                CallbackQueryHandler(nh_notes, pattern=pattern("nh", "skip")),
            ],
            "confirm": [CallbackQueryHandler(nh_confirm, pattern=pattern("nh", "ok"))],
        },
        fallbacks=_cancel_fallbacks(HEARING_FORM, ("nh", "no")),
    )
    cancel_hearing = ConversationHandler(
        name="hearing_cancel",
        persistent=True,
        per_message=False,
        allow_reentry=True,
        entry_points=[CallbackQueryHandler(start_hearing_cancel, pattern=pattern("ha", "cancel"))],
        states={
            "message": [MessageHandler(TEXT, hearing_cancel_message)],
            "confirm": [
                CallbackQueryHandler(hearing_cancel_confirm, pattern=pattern("ha", "cok")),
                CallbackQueryHandler(hearing_cancel_keep, pattern=pattern("ha", "cno")),
            ],
        },
        fallbacks=_cancel_fallbacks(HEARING_CANCEL_FORM),
    )
    return [
        booking,
        cancel_booking,
        new_hearing_form,
        cancel_hearing,
        CallbackQueryHandler(hub, pattern=pattern("menu", "hearings")),
        CallbackQueryHandler(list_hearings, pattern=pattern("hr", "list")),
        CallbackQueryHandler(show_hearing, pattern=pattern("hr", "show")),
        CallbackQueryHandler(reception_days, pattern=pattern("rc", "days")),
        CallbackQueryHandler(reception_slots, pattern=pattern("rc", "day")),
        CallbackQueryHandler(my_bookings, pattern=pattern("mb", "list")),
        CallbackQueryHandler(show_booking, pattern=pattern("mb", "show")),
        CallbackQueryHandler(accept_offer, pattern=pattern("offer", "acc")),
        CallbackQueryHandler(decline_offer, pattern=pattern("offer", "dec")),
        CommandHandler("hearings_admin", hearings_admin),
        CallbackQueryHandler(hearings_admin, pattern=pattern("ha", "list")),
        CallbackQueryHandler(admin_show, pattern=pattern("ha", "show")),
        CallbackQueryHandler(admin_attendance, pattern=pattern("ha", "att")),
        CallbackQueryHandler(admin_mark, pattern=pattern("ha", "mark")),
    ]
