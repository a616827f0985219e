"""The staff desk in Telegram: card buttons, replies to cards, /queue, /case, /stats, /export.

Every handler checks `require_staff` on each call. Actions the citizen hears about run in the
"staffdesk" conversation (per staff member in the staff chat): the bot shows the ready text in
the citizen's language; the staff member replies with their own text or sends it as it is.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyParameters, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.domain.cases import CaseKind, DomainError, format_case_number, parse_case_number
from bot.domain.staffdesk import StaffAction, parse_queue_filter
from bot.domain.validation import format_phone_national
from bot.i18n import Translator, format_date
from bot.services.staffdesk import CaseView, StatsReport
from handlers.callbacks import encode, parse, pattern
from handlers.context import BotContext
from handlers.flow import navigation_fallbacks
from handlers.forms import _attachment
from handlers.guards import require_staff
from handlers.notices import STAFF_CALLBACK_NS as NS
from handlers.notices import TelegramStaffMarkup, inline_markup
from handlers.staff_chart import chart_translator, render_stats_chart

ASK_BODY, ASK_TEXT = "body", "text"
PENDING = "staffdesk"
TEXT_ACTIONS = tuple(a.value for a in StaffAction if a is not StaffAction.ASSIGN)
TIMELINE_MAX = 15
DESCRIPTION_MAX = 1500


def _error(t: Translator, error: DomainError) -> str:
    return t(error.key, **error.kwargs)


def _in_staff_chat(update: Update, context: BotContext) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.id == context.services.settings.staff_chat_id


async def _say(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
    """Answer in the chat of the update, as a reply to the message or card it came from."""
    message = update.effective_message
    assert message is not None
    return await message.reply_text(
        text,
        reply_markup=markup,
        reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
    )


# ------------------------------------------------------------------ actions (the conversation)


async def start_action(update: Update, context: BotContext) -> str | int:
    """A card button that tells the citizen something: ask for the text (transfer: the body first)."""
    query = update.callback_query
    assert query is not None
    if not await require_staff(update, context):
        return ConversationHandler.END
    callback = parse(query.data)
    t = context.t
    try:
        action = StaffAction(callback.action if callback else "")
        draft = await context.services.staffdesk.prepare(
            callback.arg(0) if callback else "", action
        )
    except (DomainError, ValueError) as error:
        text = _error(t, error) if isinstance(error, DomainError) else t("button-expired")
        await query.answer(text, show_alert=True)
        return ConversationHandler.END
    await query.answer()
    context.user_data[PENDING] = {  # type: ignore[index]
        "number": draft.number,
        "action": action.value,
        "template": draft.template,
        "locale": draft.citizen_locale,
    }
    if action is StaffAction.TRANSFER:
        return await _ask(update, context, t("staff-ask-body", number=draft.number), ASK_BODY)
    return await _ask_text(update, context)


async def _ask(update: Update, context: BotContext, text: str, state: str) -> str:
    pending = context.user_data[PENDING]  # type: ignore[index]
    t = context.t
    rows = []
    if state == ASK_TEXT:
        rows.append(
            [
                InlineKeyboardButton(
                    t("staff-send-template"), callback_data=encode(NS, "tpl", pending["number"])
                )
            ]
        )
    rows.append(
        [
            InlineKeyboardButton(
                t("staff-cancel"), callback_data=encode(NS, "cancel", pending["number"])
            )
        ]
    )
    prompt = await _say(update, text, InlineKeyboardMarkup(rows))
    pending["prompt"] = prompt.message_id
    return state


async def _ask_text(update: Update, context: BotContext) -> str:
    pending = context.user_data[PENDING]  # type: ignore[index]
    t = context.t
    user = update.effective_user
    text = t(
        "staff-ask-text",
        name=user.full_name if user else "",
        action=t(f"staff-button-{pending['action']}"),
        number=pending["number"],
        language=t(f"language-name-{pending['locale']}"),
        template=pending["template"],
    )
    return await _ask(update, context, text, ASK_TEXT)


def _answers_prompt(update: Update, context: BotContext) -> bool:
    """Text in the staff chat counts as the answer unless it replies to some other message."""
    message = update.effective_message
    replied = message.reply_to_message if message else None
    pending = (context.user_data or {}).get(PENDING) or {}
    return replied is None or replied.message_id == pending.get("prompt")


async def got_body(update: Update, context: BotContext) -> str | int:
    if not _answers_prompt(update, context):
        await on_reply(update, context)
        return ASK_BODY
    if not await require_staff(update, context):
        return ConversationHandler.END
    pending = context.user_data[PENDING]  # type: ignore[index]
    body = (update.effective_message.text or "").strip()  # type: ignore[union-attr]
    try:
        draft = await context.services.staffdesk.prepare(
            pending["number"], StaffAction.TRANSFER, body
        )
    except DomainError as error:
        await _say(update, _error(context.t, error))
        return ASK_BODY
    pending.update(body=body, template=draft.template)
    return await _ask_text(update, context)


async def got_text(update: Update, context: BotContext) -> str | int:
    if not _answers_prompt(update, context):
        await on_reply(update, context)
        return ASK_TEXT
    return await _finish(update, context, (update.effective_message.text or "").strip())  # type: ignore[union-attr]


async def send_template(update: Update, context: BotContext) -> str | int:
    query = update.callback_query
    assert query is not None
    pending = (context.user_data or {}).get(PENDING)
    callback = parse(query.data)
    if not pending or not callback or callback.arg(0) != pending.get("number"):
        await query.answer(context.t("button-expired"), show_alert=True)
        return ASK_TEXT if pending else ConversationHandler.END
    await query.answer()
    return await _finish(update, context, str(pending["template"]))


async def _finish(update: Update, context: BotContext, text: str) -> str | int:
    if not await require_staff(update, context):
        return ConversationHandler.END
    pending = context.user_data[PENDING]  # type: ignore[index]
    user = update.effective_user
    assert user is not None
    t = context.t
    try:
        case = await context.services.staffdesk.act(
            pending["number"],
            StaffAction(pending["action"]),
            user.id,
            user.full_name,
            text,
            pending.get("body"),
        )
    except DomainError as error:
        await _say(update, _error(t, error))
        if error.key.startswith("error-too"):
            return ASK_TEXT  # a text too long: fix it and send again
        context.user_data.pop(PENDING, None)  # type: ignore[union-attr]
        return ConversationHandler.END
    context.user_data.pop(PENDING, None)  # type: ignore[union-attr]
    await _say(
        update, t("staff-action-done", number=case.number, status=t(f"status-{case.status.value}"))
    )
    return ConversationHandler.END


async def cancel_action(update: Update, context: BotContext) -> int:
    pending = (context.user_data or {}).pop(PENDING, None)
    if update.callback_query:
        await update.callback_query.answer()
    await _say(
        update, context.t("staff-action-cancelled", number=(pending or {}).get("number", ""))
    )
    return ConversationHandler.END


async def stale_prompt(update: Update, context: BotContext) -> None:
    """ "Send as is" or "Cancel" of a prompt that is not (or no longer) this person's."""
    if not await require_staff(update, context):
        return
    await update.callback_query.answer(context.t("staff-prompt-not-yours"), show_alert=True)  # type: ignore[union-attr]


# ------------------------------------------------------------------ buttons without text


async def assign_to_me(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    if not await require_staff(update, context):
        return
    callback = parse(query.data)
    user = update.effective_user
    assert user is not None
    try:
        case = await context.services.staffdesk.assign(
            callback.arg(0) if callback else "", user.id, user.full_name
        )
    except DomainError as error:
        await query.answer(_error(context.t, error), show_alert=True)
        return
    await query.answer(context.t("staff-assigned", number=case.number))


async def show_card(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    if not await require_staff(update, context):
        return
    callback = parse(query.data)
    try:
        await context.services.staffdesk.post_card(callback.arg(0) if callback else "")
    except DomainError as error:
        await query.answer(_error(context.t, error), show_alert=True)
        return
    await query.answer()


async def wage_link(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    if not await require_staff(update, context):
        return
    callback = parse(query.data)
    if callback is None or len(callback.args) != 2:
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    a, b = callback.args
    try:
        await context.services.staffdesk.link_wage_reports(
            a, b, callback.action == "same", update.effective_user.id
        )  # type: ignore[union-attr]
    except DomainError as error:
        await query.answer(_error(context.t, error), show_alert=True)
        return
    key = "staff-wage-linked" if callback.action == "same" else "staff-wage-split"
    await query.answer()
    await _say(update, context.t(key, a=a, b=b))


# ------------------------------------------------------------------ replies to case messages


async def on_reply(update: Update, context: BotContext) -> None:
    """A Telegram reply to a card or a relayed message: to the citizen, or `#note` internal."""
    message = update.effective_message
    if message is None or message.reply_to_message is None or not _in_staff_chat(update, context):
        return
    desk = context.services.staffdesk
    numbers = await desk.cases_of_message(message.chat_id, message.reply_to_message.message_id)
    if not numbers:
        return  # staff talking among themselves
    if not await require_staff(update, context):
        return
    t = context.t
    if len(numbers) > 1:
        await _say(update, t("staff-error-ambiguous", count=len(numbers)))
        return
    user = update.effective_user
    assert user is not None
    try:
        outcome = await desk.reply(
            numbers[0],
            user.id,
            user.full_name,
            message.text or message.caption,
            _attachment(message),
        )
    except DomainError as error:
        await _say(update, _error(t, error))
        return
    if outcome.internal:
        key = "staff-note-saved"
    else:
        key = "staff-reply-sent" if outcome.delivered else "staff-reply-not-delivered"
    await _say(update, t(key, number=outcome.number))


# ------------------------------------------------------------------ commands


async def queue(update: Update, context: BotContext) -> None:
    """/queue [kind] [overdue]: open cases by their next deadline."""
    if not await require_staff(update, context):
        return
    t = context.t
    names = {t(f"kind-{kind.value}"): kind for kind in CaseKind}
    try:
        wanted = parse_queue_filter(context.args or [], names)
    except DomainError as error:
        await _say(update, _error(t, error))
        return
    entries = await context.services.staffdesk.queue(wanted)
    if not entries:
        await _say(update, t("staff-queue-empty"))
        return
    tz = context.services.settings.tz
    lines = [t("staff-queue-title", count=len(entries))]
    buttons: list[tuple[str, str]] = []
    for entry in entries:
        case = entry.case
        due = case.next_promise()
        lines.append(
            t(
                "staff-queue-line",
                number=case.number,
                kind=t(f"kind-{case.kind.value}"),
                status=t(f"status-{case.status.value}"),
                due=format_date(due, t.locale, tz) if due else "—",
                overdue="yes" if entry.overdue else "no",
                assignee=entry.assignee or t("staff-unassigned"),
            )
        )
        buttons.append((case.number, encode(NS, "open", case.number)))
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    await _say(update, "\n".join(lines), inline_markup(rows))


async def case_command(update: Update, context: BotContext) -> None:
    """/case NUMBER: the whole case, contact unmasked (audited)."""
    if not await require_staff(update, context):
        return
    parsed = parse_case_number(" ".join(context.args or []))
    if parsed is None:
        await _say(update, context.t("staff-case-usage"))
        return
    await _show_case(update, context, format_case_number(*parsed))


async def open_from_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    if not await require_staff(update, context):
        return
    callback = parse(query.data)
    await query.answer()
    await _show_case(update, context, callback.arg(0) if callback else "")


async def _show_case(update: Update, context: BotContext, number: str) -> None:
    t = context.t
    chat = update.effective_chat
    assert chat is not None and update.effective_user is not None
    desk = context.services.staffdesk
    try:
        view = await desk.case_view(number, update.effective_user.id, chat.type == "private")
    except DomainError as error:
        await _say(update, _error(t, error))
        return
    rows = (
        TelegramStaffMarkup().card(t, view.case.number, view.actions)
        if _in_staff_chat(update, context)
        else []
    )
    if view.wage_group is not None:
        for other in [n for n in view.wage_group.summary.case_numbers if n != view.case.number][:5]:
            rows.append(
                [
                    (
                        t("staff-wage-same", number=other),
                        encode(NS, "same", view.case.number, other),
                    ),
                    (
                        t("staff-wage-different", number=other),
                        encode(NS, "split", view.case.number, other),
                    ),
                ]
            )
    sent = await _say(update, case_view_text(view, t, context), inline_markup(rows))
    await desk.remember_view(view.case.number, chat.id, sent.message_id)


def case_view_text(view: CaseView, t: Translator, context: BotContext) -> str:
    tz = context.services.settings.tz
    case = view.case

    def day(moment) -> str:  # type: ignore[no-untyped-def]
        return format_date(moment, t.locale, tz, with_time=True)

    lines = [
        t(
            "staff-view-title",
            number=case.number,
            kind=t(f"kind-{case.kind.value}"),
            priority=t(f"priority-{case.priority.value}"),
        ),
        t(
            "staff-card-status",
            status=t(f"status-{case.status.value}"),
            assignee=view.assignee or t("staff-unassigned"),
        ),
        t("staff-view-received", date=day(case.received_at)),
        t(
            "staff-case-promises",
            procedural=format_date(case.procedural_due, t.locale, tz),
            result=format_date(case.result_due, t.locale, tz),
        ),
    ]
    if case.fast_track_due is not None:
        lines.append(
            t("staff-card-fast-track", date=format_date(case.fast_track_due, t.locale, tz))
        )
    if case.anonymous:
        lines.append(t("staff-anonymous"))
    else:
        lines.append(
            t(
                "staff-view-contact",
                name=case.contact_name or "-",
                phone=format_phone_national(case.contact_phone) if case.contact_phone else "-",
                id_number=case.id_number or "-",
            )
        )
    if case.place:
        lines.append(t("staff-case-place", place=case.place))
    for name, value in case.extra.items():
        lines.append(_extra_line(case.kind.value, name, value, t))
    description = case.description
    if len(description) > DESCRIPTION_MAX:
        description = description[:DESCRIPTION_MAX] + "…"
    lines += ["", description, ""]
    if view.files:
        lines.append(t("staff-case-files", count=view.files))
    lines.append(t("staff-view-timeline"))
    for event in view.events[-TIMELINE_MAX:]:
        line = f"• {day(event.at)} {t(f'event-{event.type.value}')}"
        if event.data.get("by"):
            line += f" ({event.data['by']})"
        if event.data.get("to"):
            line += " → " + event.data["to"]
        if event.body:
            line += f": {event.body[:300]}"
        lines.append(line)
    if view.wage_group is not None:
        summary = view.wage_group.summary
        lines += [
            "",
            t(
                "staff-wage-group",
                count=summary.report_count,
                numbers=", ".join(summary.case_numbers),
                owed=f"{summary.total_owed:,.2f}",
                workers=summary.total_workers,
                most=summary.max_workers,
                earliest=f"{summary.earliest_month:%Y-%m}",
            ),
        ]
    return "\n".join(lines)[:4000]


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _extra_line(kind: str, name: str, value: str, t: Translator) -> str:
    """A kind's own field as staff read it: its label, and a choice's label rather than its code."""
    label_key, value_key = f"field-{kind}-{name}-label", f"field-{kind}-{name}-{value}"
    label = t(label_key) if t.has(label_key) else name
    return f"{label}: {t(value_key) if t.has(value_key) else value}"


def stats_text(report: StatsReport, t: Translator, tz: ZoneInfo) -> str:
    """The figures as text (also used by `citizen-bot stats`)."""
    rates = report.rates
    period = _period_label(report, tz)
    by_kind = " · ".join(f"{t(f'kind-{k.value}')} {n}" for k, n in sorted(rates.by_kind.items()))
    by_status = " · ".join(
        f"{t(f'status-{s.value}')} {n}" for s, n in sorted(rates.by_status.items())
    )
    hours = (
        "—" if rates.avg_hours_to_first_reply is None else f"{rates.avg_hours_to_first_reply:.1f}"
    )
    return t(
        "staff-stats",
        period=period,
        total=rates.total,
        by_kind=by_kind or "—",
        by_status=by_status or "—",
        procedural=_pct(rates.procedural_rate),
        procedural_met=rates.procedural_met,
        procedural_n=rates.procedural_n,
        result=_pct(rates.result_rate),
        result_met=rates.result_met,
        result_n=rates.result_n,
        completion=_pct(rates.completion_rate),
        completed=rates.completed,
        completion_n=rates.completion_n,
        satisfaction=_pct(rates.satisfaction_rate),
        satisfied=rates.satisfied,
        ratings_n=rates.ratings_n,
        bad=rates.bad_ratings,
        hours=hours,
        first_reply_n=rates.first_reply_n,
    )


def _period_label(report: StatsReport, tz: ZoneInfo) -> str:
    first = report.start.astimezone(tz).date()
    last = (report.end - timedelta(days=1)).astimezone(tz).date()
    return f"{first.isoformat()} – {last.isoformat()}"


async def stats(update: Update, context: BotContext) -> None:
    """/stats [this-month|last-month|YYYY-MM|from to]: the figures as text and a chart."""
    if not await require_staff(update, context):
        return
    t = context.t
    try:
        report = await context.services.staffdesk.stats(" ".join(context.args or []) or None)
    except DomainError as error:
        await _say(update, _error(t, error) + "\n" + t("staff-stats-usage"))
        return
    await _say(update, stats_text(report, t, context.services.settings.tz))
    chart_t = chart_translator(context.services.catalog, t.locale)
    png = await asyncio.to_thread(
        render_stats_chart,
        report.rates,
        chart_t,
        _period_label(report, context.services.settings.tz),
    )
    await update.effective_message.reply_photo(png, filename="stats.png")  # type: ignore[union-attr]


async def export(update: Update, context: BotContext) -> None:
    """/export [period] [full]: the period's cases as CSV (full contacts: admins only, audited)."""
    if not await require_staff(update, context):
        return
    t = context.t
    args = list(context.args or [])
    full = any(a.casefold() == "full" for a in args)
    period = " ".join(a for a in args if a.casefold() != "full") or None
    try:
        result = await context.services.staffdesk.export(period, full, update.effective_user.id)  # type: ignore[union-attr]
    except DomainError as error:
        await _say(update, _error(t, error))
        return
    await update.effective_message.reply_document(  # type: ignore[union-attr]
        result.content,
        filename=result.filename,
        caption=t("staff-export-caption", count=result.rows, masked="no" if result.full else "yes"),
    )


# ------------------------------------------------------------------ wiring


def _group_text() -> filters.BaseFilter:
    return filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND


def _buttons() -> list[BaseHandler]:
    """Buttons that work whether or not the staff member is in the middle of an action."""
    return [
        CallbackQueryHandler(assign_to_me, pattern=pattern(NS, "assign")),
        CallbackQueryHandler(show_card, pattern=pattern(NS, "card")),
        CallbackQueryHandler(open_from_button, pattern=pattern(NS, "open")),
        CallbackQueryHandler(wage_link, pattern=pattern(NS, "same", "split")),
    ]


def conversation() -> ConversationHandler:
    """The actions that ask for text first, one per staff member in the staff chat."""
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(start_action, pattern=pattern(NS, *TEXT_ACTIONS))],
        states={
            ASK_BODY: [MessageHandler(_group_text(), got_body), *_buttons()],
            ASK_TEXT: [
                MessageHandler(_group_text(), got_text),
                CallbackQueryHandler(send_template, pattern=pattern(NS, "tpl")),
                *_buttons(),
            ],
        },
        fallbacks=[
            CallbackQueryHandler(cancel_action, pattern=pattern(NS, "cancel")),
            CommandHandler("cancel", cancel_action),
            *navigation_fallbacks(),
        ],
        name="staffdesk",
        persistent=True,
        allow_reentry=True,
    )


def handlers() -> list[BaseHandler]:
    """The staff desk: its conversation, then buttons, commands and replies to case messages."""
    replies = filters.REPLY & filters.ChatType.GROUPS & ~filters.COMMAND
    return [
        conversation(),
        *_buttons(),
        CallbackQueryHandler(stale_prompt, pattern=pattern(NS, "tpl", "cancel")),
        CommandHandler("queue", queue),
        CommandHandler("case", case_command),
        CommandHandler("stats", stats),
        CommandHandler("export", export),
        MessageHandler(replies & (filters.TEXT | filters.PHOTO | filters.Document.ALL), on_reply),
    ]
