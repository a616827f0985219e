"""My cases: the list, one case's timeline, look-up by number and code, more material, rating, reopening."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.domain.cases import Case, CaseStatus, DomainError, can_reopen
from bot.i18n import Translator, format_date
from bot.services.cases import PAGE_SIZE
from handlers.callbacks import encode, parse, pattern
from handlers.context import BotContext
from handlers.flow import navigation_fallbacks
from handlers.forms import _attachment
from handlers.keyboards import main_menu
from handlers.notices import rating_keyboard

LOOKUP_NUMBER, LOOKUP_CODE, ADD_INFO, RATING_COMMENT, REOPEN_REASON = range(10, 15)
GRANTED = "granted_cases"
PENDING = "case_followup"
# user_data: an access code typed before its case number.
TYPED_CODE = "typed_access_code"


class _TypedCaseNumber(filters.MessageFilter):
    """A private text that holds one of this office's case numbers."""

    def __init__(self, prefix: str) -> None:
        super().__init__(name="TypedCaseNumber")
        self.prefix = prefix.upper()

    def filter(self, message: Message) -> bool:
        from bot.domain.cases import find_case_number

        number = find_case_number(message.text or "")
        return number is not None and number.startswith(self.prefix + "-")


class _TypedAccessCode(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        from bot.domain.cases import typed_access_code

        return typed_access_code(message.text or "") is not None


def _granted(context: BotContext) -> list[str]:
    return list((context.user_data or {}).get(GRANTED, []))


async def _reply(
    update: Update, context: BotContext, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    if update.callback_query:
        await update.callback_query.answer()
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)  # type: ignore[union-attr]


def _promise_line(case: Case, t: Translator, context: BotContext) -> str:
    due = case.next_promise()
    if due is None:
        return t("mycases-no-promise")
    return t("mycases-next-date", date=format_date(due, t.locale, context.services.settings.tz))


async def show_cases(update: Update, context: BotContext) -> None:
    """The citizen's cases, newest first, five a page."""
    callback = parse(update.callback_query.data) if update.callback_query else None
    page = (
        int(callback.arg(0))
        if callback and callback.action == "page" and callback.arg(0).isdigit()
        else 0
    )
    t = context.t
    user_id = update.effective_user.id  # type: ignore[union-attr]
    cases, total = await context.services.cases.my_cases(user_id, page)
    rows: list[list[InlineKeyboardButton]] = []
    if total == 0:
        text = t("mycases-none")
    else:
        pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
        lines = [t("mycases-title", total=total, page=page + 1, pages=pages)]
        for case in cases:
            lines.append(
                t(
                    "mycases-line",
                    number=case.number,
                    kind=t(f"kind-{case.kind.value}"),
                    status=t(f"status-{case.status.value}"),
                )
                + " · "
                + _promise_line(case, t, context)
            )
            rows.append(
                [InlineKeyboardButton(case.number, callback_data=encode("mc", "open", case.number))]
            )
        nav = []
        if page > 0:
            nav.append(
                InlineKeyboardButton(
                    t("page-previous"), callback_data=encode("mc", "page", page - 1)
                )
            )
        if page + 1 < pages:
            nav.append(
                InlineKeyboardButton(t("page-next"), callback_data=encode("mc", "page", page + 1))
            )
        if nav:
            rows.append(nav)
        text = "\n".join(lines)
    rows.append([InlineKeyboardButton(t("mycases-lookup"), callback_data=encode("mc", "lookup"))])
    rows.append([InlineKeyboardButton(t("menu-back"), callback_data=encode("menu", "home"))])
    await _reply(update, context, text, InlineKeyboardMarkup(rows))


def case_text(case: Case, events: list, t: Translator, context: BotContext) -> str:  # type: ignore[type-arg]
    tz = context.services.settings.tz
    lines = [
        t("case-title", number=case.number, kind=t(f"kind-{case.kind.value}")),
        t("case-status", status=t(f"status-{case.status.value}")),
        t("case-received", date=format_date(case.received_at, t.locale, tz)),
    ]
    if case.fast_track_due is not None and case.first_reply_at is None:
        lines.append(
            t("case-promise-fast-track", date=format_date(case.fast_track_due, t.locale, tz))
        )
    if case.first_reply_at is None:
        lines.append(
            t("case-promise-procedural", date=format_date(case.procedural_due, t.locale, tz))
        )
    if case.result_at is None and case.status is not CaseStatus.CLOSED:
        lines.append(t("case-promise-result", date=format_date(case.result_due, t.locale, tz)))
    lines.append("")
    lines.append(t("case-timeline"))
    for event in events:
        line = f"• {format_date(event.at, t.locale, tz, with_time=True)} {t(f'event-{event.type.value}')}"
        if event.data.get("to"):
            line += " → " + event.data["to"]
        if event.data.get("rating"):
            line += " " + t(f"rating-{event.data['rating']}")
        if event.body:
            line += f"\n  {event.body}"
        if event.data.get("files") not in (None, "0"):
            line += " " + t("case-event-files", count=int(event.data["files"]))
        lines.append(line)
    return "\n".join(lines)


async def open_case(update: Update, context: BotContext, number: str | None = None) -> None:
    """One case: where it stands, what was promised, and everything that happened."""
    t = context.t
    if number is None:
        callback = parse(update.callback_query.data) if update.callback_query else None
        number = callback.arg(0) if callback else ""
    user_id = update.effective_user.id  # type: ignore[union-attr]
    try:
        case = await context.services.cases.case_for(number, user_id, _granted(context))
    except DomainError as error:
        await _reply(update, context, t(error.key, **error.kwargs), main_menu(t))
        return
    events = await context.services.cases.timeline(case)
    rows = []
    now = context.services.clock.now()
    if case.is_open:
        rows.append(
            [
                InlineKeyboardButton(
                    t("case-add-info"), callback_data=encode("mc", "info", case.number)
                )
            ]
        )
    elif case.user_id == user_id:
        if case.rating is None:
            rows.append(
                [
                    InlineKeyboardButton(
                        t("case-rate"), callback_data=encode("mc", "rate", case.number)
                    )
                ]
            )
        if case.closed_at is not None and can_reopen(case.closed_at, now, case.reopen_count):
            rows.append(
                [
                    InlineKeyboardButton(
                        t("case-reopen"), callback_data=encode("mc", "reopen", case.number)
                    )
                ]
            )
    rows.append([InlineKeyboardButton(t("mycases-back"), callback_data=encode("mc", "page", 0))])
    await _reply(update, context, case_text(case, events, t, context), InlineKeyboardMarkup(rows))


async def ask_rating(update: Update, context: BotContext) -> None:
    callback = parse(update.callback_query.data)  # type: ignore[union-attr]
    number = callback.arg(0) if callback else ""
    await _reply(
        update, context, context.t("rate-ask", number=number), rating_keyboard(context.t, number)
    )


# ---------------------------------------------------------------- look-up by number and code


async def start_lookup(update: Update, context: BotContext) -> int:
    await _reply(update, context, context.t("lookup-ask-number"), _cancel_markup(context.t))
    return LOOKUP_NUMBER


async def lookup_number(update: Update, context: BotContext) -> int:
    from bot.domain.cases import find_case_number, format_case_number, parse_case_number

    text = update.effective_message.text or ""  # type: ignore[union-attr]
    parsed = parse_case_number(text)
    number = format_case_number(*parsed) if parsed else find_case_number(text)
    if number is None:
        await _reply(
            update, context, context.t("error-case-number-format"), _cancel_markup(context.t)
        )
        return LOOKUP_NUMBER
    context.user_data[PENDING] = number  # type: ignore[index]
    code = (context.user_data or {}).pop(TYPED_CODE, None)
    if code:  # the access code came first: try the pair now
        return await _try_code(update, context, number, str(code))
    await _reply(update, context, context.t("lookup-ask-code"), _cancel_markup(context.t))
    return LOOKUP_CODE


async def typed_number(update: Update, context: BotContext) -> int:
    """A case number typed outside any form: the citizen's own case opens, another asks
    for its access code."""
    from bot.domain.cases import find_case_number

    number = find_case_number(update.effective_message.text or "")  # type: ignore[union-attr]
    assert number is not None  # the entry filter found one
    try:
        await context.services.cases.case_for(number, update.effective_user.id, _granted(context))  # type: ignore[union-attr]
    except DomainError:
        context.user_data[PENDING] = number  # type: ignore[index]
        await _reply(update, context, context.t("lookup-ask-code"), _cancel_markup(context.t))
        return LOOKUP_CODE
    await open_case(update, context, number)
    return ConversationHandler.END


async def typed_code(update: Update, context: BotContext) -> int:
    """Six digits typed alone outside any form: an access code; ask which case it opens."""
    context.user_data[TYPED_CODE] = (update.effective_message.text or "").strip()  # type: ignore[union-attr, index]
    await _reply(update, context, context.t("lookup-ask-number"), _cancel_markup(context.t))
    return LOOKUP_NUMBER


async def lookup_code(update: Update, context: BotContext) -> int:
    number = str((context.user_data or {}).get(PENDING, ""))
    code = update.effective_message.text or ""  # type: ignore[union-attr]
    return await _try_code(update, context, number, code)


async def _try_code(update: Update, context: BotContext, number: str, code: str) -> int:
    try:
        case = await context.services.cases.lookup(number, code)
    except DomainError as error:
        await _reply(
            update, context, context.t(error.key, **error.kwargs), _cancel_markup(context.t)
        )
        return ConversationHandler.END if error.key == "error-lookup-locked" else LOOKUP_CODE
    granted = _granted(context)
    if case.number not in granted:
        context.user_data[GRANTED] = [*granted, case.number][-20:]  # type: ignore[index]
    context.user_data.pop(PENDING, None)  # type: ignore[union-attr]
    await open_case(update, context, case.number)
    return ConversationHandler.END


# ---------------------------------------------------------------- more material


async def start_add_info(update: Update, context: BotContext) -> int:
    callback = parse(update.callback_query.data)  # type: ignore[union-attr]
    number = callback.arg(0) if callback else ""
    try:
        case = await context.services.cases.case_for(
            number, update.effective_user.id, _granted(context)
        )  # type: ignore[union-attr]
    except DomainError as error:
        await _reply(update, context, context.t(error.key, **error.kwargs))
        return ConversationHandler.END
    context.user_data[PENDING] = case.number  # type: ignore[index]
    await _reply(
        update, context, context.t("info-ask", number=case.number), _done_markup(context.t)
    )
    return ADD_INFO


async def _add_material(update: Update, context: BotContext, number: str) -> str:
    """Add the message (text, photo or document) to case ``number``; the reply key to send."""
    from bot.domain.cases import check_attachment

    message = update.effective_message
    assert message is not None and update.effective_user is not None
    user_id = update.effective_user.id
    try:
        case = await context.services.cases.case_for(number, user_id, _granted(context))
        attachment = _attachment(message)
        if attachment is not None:
            check_attachment(attachment.mime, attachment.name, attachment.size or 0, 0)
        await context.services.cases.add_information(
            case, user_id, message.text or message.caption, [attachment] if attachment else []
        )
    except DomainError as error:
        return context.t(error.key, **error.kwargs)
    return context.t("info-added", number=number)


async def add_info(update: Update, context: BotContext) -> int:
    number = str((context.user_data or {}).get(PENDING, ""))
    await _reply(
        update, context, await _add_material(update, context, number), _done_markup(context.t)
    )
    return ADD_INFO


async def info_done(update: Update, context: BotContext) -> int:
    number = str((context.user_data or {}).pop(PENDING, ""))
    if number:
        await open_case(update, context, number)
    elif update.callback_query:
        await update.callback_query.answer()
    return ConversationHandler.END


# ---------------------------------------------------------------- rating and reopening


async def rate(update: Update, context: BotContext) -> int:
    callback = parse(update.callback_query.data)  # type: ignore[union-attr]
    level = callback.action if callback else ""
    number = callback.arg(0) if callback else ""
    t = context.t
    if not level.isdigit() or not 1 <= int(level) <= 5:
        await update.callback_query.answer(t("button-expired"), show_alert=True)  # type: ignore[union-attr]
        return ConversationHandler.END
    try:
        await context.services.cases.rate(number, update.effective_user.id, int(level))  # type: ignore[union-attr]
    except DomainError as error:
        await _reply(update, context, t(error.key, **error.kwargs))
        return ConversationHandler.END
    context.user_data[PENDING] = number  # type: ignore[index]
    skip = InlineKeyboardMarkup(
        [[InlineKeyboardButton(t("form-skip"), callback_data=encode("mc", "nocomment"))]]
    )
    await _reply(update, context, t("rate-thanks", rating=t(f"rating-{level}")), skip)
    return RATING_COMMENT


async def rating_comment(update: Update, context: BotContext) -> int:
    number = str((context.user_data or {}).pop(PENDING, ""))
    try:
        await context.services.cases.comment_rating(
            number, update.effective_user.id, update.effective_message.text or ""
        )  # type: ignore[union-attr]
    except DomainError as error:
        context.user_data[PENDING] = number  # type: ignore[index]
        await _reply(update, context, context.t(error.key, **error.kwargs))
        return RATING_COMMENT
    await _reply(update, context, context.t("rate-comment-thanks"), main_menu(context.t))
    return ConversationHandler.END


async def no_comment(update: Update, context: BotContext) -> int:
    (context.user_data or {}).pop(PENDING, None)
    await _reply(update, context, context.t("rate-comment-thanks"), main_menu(context.t))
    return ConversationHandler.END


async def start_reopen(update: Update, context: BotContext) -> int:
    callback = parse(update.callback_query.data)  # type: ignore[union-attr]
    context.user_data[PENDING] = callback.arg(0) if callback else ""  # type: ignore[index]
    await _reply(update, context, context.t("reopen-ask-reason"), _cancel_markup(context.t))
    return REOPEN_REASON


async def reopen_reason(update: Update, context: BotContext) -> int:
    number = str((context.user_data or {}).get(PENDING, ""))
    try:
        case = await context.services.cases.reopen(
            number, update.effective_user.id, update.effective_message.text or ""
        )  # type: ignore[union-attr]
    except DomainError as error:
        await _reply(
            update, context, context.t(error.key, **error.kwargs), _cancel_markup(context.t)
        )
        return ConversationHandler.END if error.key.startswith("error-reopen") else REOPEN_REASON
    context.user_data.pop(PENDING, None)  # type: ignore[union-attr]
    await _reply(
        update, context, context.t("reopen-done", number=case.number), main_menu(context.t)
    )
    return ConversationHandler.END


async def leave(update: Update, context: BotContext) -> int:
    (context.user_data or {}).pop(PENDING, None)
    await _reply(update, context, context.t("cancelled"), main_menu(context.t))
    return ConversationHandler.END


def _cancel_markup(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t("form-cancel"), callback_data=encode("mc", "leave"))]]
    )


def _done_markup(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t("info-done"), callback_data=encode("mc", "infodone"))]]
    )


def _lookup_states(text: filters.BaseFilter) -> dict[object, list[BaseHandler]]:
    """The look-up's two typed steps, the same in both conversations that start one."""
    return {
        LOOKUP_NUMBER: [MessageHandler(text, lookup_number)],
        LOOKUP_CODE: [MessageHandler(text, lookup_code)],
    }


def _leave_fallbacks() -> list[BaseHandler]:
    return [
        CommandHandler("cancel", leave),
        CallbackQueryHandler(leave, pattern=pattern("mc", "leave")),
        *navigation_fallbacks(),
    ]


def typed_lookup(tracking_prefix: str = "SD") -> ConversationHandler:
    """A case number or an access code typed outside any form starts the look-up.

    Its own conversation, registered after :func:`conversation`: while that one waits for
    text (more material, a rating comment), the text is its, never taken for a look-up.
    """
    text = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
    return ConversationHandler(
        entry_points=[
            MessageHandler(text & _TypedCaseNumber(tracking_prefix), typed_number),
            MessageHandler(text & _TypedAccessCode(), typed_code),
        ],
        states=_lookup_states(text),
        fallbacks=_leave_fallbacks(),
        name="typedlookup",
        persistent=True,
    )


def conversation() -> ConversationHandler:
    """Steps that wait for the citizen's typing: look-up, more material, rating comment, reopen
    reason."""
    text = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
    return ConversationHandler(
        entry_points=[
            CallbackQueryHandler(start_lookup, pattern=pattern("mc", "lookup")),
            CallbackQueryHandler(start_add_info, pattern=pattern("mc", "info")),
            CallbackQueryHandler(start_reopen, pattern=pattern("mc", "reopen")),
            CallbackQueryHandler(rate, pattern=r"^rate:"),
        ],
        states={
            **_lookup_states(text),
            ADD_INFO: [
                MessageHandler(
                    filters.ChatType.PRIVATE
                    & ~filters.COMMAND
                    & (filters.TEXT | filters.PHOTO | filters.Document.ALL),
                    add_info,
                ),
                CallbackQueryHandler(info_done, pattern=pattern("mc", "infodone")),
            ],
            RATING_COMMENT: [
                MessageHandler(text, rating_comment),
                CallbackQueryHandler(no_comment, pattern=pattern("mc", "nocomment")),
            ],
            REOPEN_REASON: [MessageHandler(text, reopen_reason)],
        },
        fallbacks=_leave_fallbacks(),
        name="casefollow",
        persistent=True,
        allow_reentry=True,
    )


async def on_reply_to_office(update: Update, context: BotContext) -> None:
    """A Telegram reply to one of the office's messages about a case: added to that case."""
    from handlers.faq import on_question

    message = update.effective_message
    assert message is not None and message.reply_to_message is not None
    user_id = update.effective_user.id  # type: ignore[union-attr]
    number = await context.services.staffdesk.case_of_citizen_reply(
        user_id, message.reply_to_message.message_id
    )
    if number is None:
        if message.text:
            await on_question(update, context)  # a reply to anything else is just a message
        return
    await _reply(update, context, await _add_material(update, context, number))


def handlers() -> list[BaseHandler]:
    replies = (
        filters.ChatType.PRIVATE
        & filters.REPLY
        & ~filters.COMMAND
        & (filters.TEXT | filters.PHOTO | filters.Document.ALL)
    )
    return [
        MessageHandler(replies, on_reply_to_office),
        CallbackQueryHandler(show_cases, pattern=pattern("menu", "cases")),
        CallbackQueryHandler(show_cases, pattern=pattern("mc", "page")),
        CallbackQueryHandler(open_case, pattern=pattern("mc", "open")),
        CallbackQueryHandler(ask_rating, pattern=pattern("mc", "rate")),
        CommandHandler("mycases", show_cases, filters=filters.ChatType.PRIVATE),
    ]
