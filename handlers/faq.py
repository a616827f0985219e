"""Questions: answered from the knowledge base, or sent to a person. And danger, checked first."""

from __future__ import annotations

import secrets
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.domain.cases import FILEABLE_KINDS, CaseKind
from bot.domain.errors import DomainError
from bot.domain.faq import FaqEntry
from bot.domain.validation import mask_phone
from bot.i18n import Translator, format_date
from handlers.callbacks import encode, parse, pattern
from handlers.complaints import COMPLAINT_FORM, send_filed_receipt
from handlers.context import BotContext
from handlers.flow import was_requeued
from handlers.forms import DRAFT, begin
from handlers.guards import require_staff
from handlers.keyboards import main_menu
from handlers.wages import offer_wage_form

# user_data: recent questions by short id, because callback data cannot hold their text.
QUESTIONS = "faq_questions"
# user_data: id of a question too short to send to staff; the next text adds to it.
MORE = "faq_more"
KEEP_QUESTIONS = 10
LABEL_MAX = 60  # button labels longer than this are cut; Telegram shows about one line
RELATED_MAX = 3

# FAQ actions that are existing menu buttons: pressing them re-sends the menu's callback.
MENU_ACTIONS = {
    "wages": ("faq-action-wages", encode("menu", "wages")),
    "hearings": ("faq-action-hearings", encode("menu", "hearings")),
    "reception": ("faq-action-reception", encode("menu", "hearings")),
    "my_cases": ("faq-action-my-cases", encode("menu", "cases")),
    "lookup": ("faq-action-lookup", encode("mc", "lookup")),
}
_FILE_KINDS = {k.value for k in FILEABLE_KINDS}


# ------------------------------------------------------------------ remembered questions


def _remember(context: BotContext, question: str, entry_id: str | None) -> str:
    questions: dict[str, Any] = context.user_data.setdefault(QUESTIONS, {})  # type: ignore[union-attr]
    qid = secrets.token_hex(4)
    questions[qid] = {"q": question, "e": entry_id}
    while len(questions) > KEEP_QUESTIONS:  # dicts keep insertion order: drop the oldest
        questions.pop(next(iter(questions)))
    return qid


def _recall(context: BotContext, qid: str) -> dict[str, Any] | None:
    questions = (context.user_data or {}).get(QUESTIONS, {})
    item = questions.get(qid)
    return item if isinstance(item, dict) else None


# ------------------------------------------------------------------ keyboards


def _label(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def _feedback_row(t: Translator, qid: str) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(t("faq-btn-yes"), callback_data=encode("faq", "fb", qid, "y")),
        InlineKeyboardButton(t("faq-btn-no"), callback_data=encode("faq", "fb", qid, "n")),
        InlineKeyboardButton(t("faq-btn-person"), callback_data=encode("faq", "fb", qid, "p")),
    ]


def _minor_button(t: Translator) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        t("faq-minor-offer"), callback_data=encode("faq", "file", CaseKind.MINOR_PROTECTION.value)
    )


def _action_button(entry: FaqEntry, t: Translator) -> InlineKeyboardButton | None:
    if entry.action is None:
        return None
    if entry.action.startswith("file:"):
        kind = entry.action.split(":", 1)[1]
        return InlineKeyboardButton(
            t("faq-action-file", kind=t(f"kind-{kind}")), callback_data=encode("faq", "file", kind)
        )
    key, data = MENU_ACTIONS[entry.action]
    return InlineKeyboardButton(t(key), callback_data=data)


def _wage_button(t: Translator) -> InlineKeyboardButton:
    return InlineKeyboardButton(t("wage-start-button"), callback_data=encode("menu", "wages"))


def _answer_markup(
    entry: FaqEntry,
    related: list[FaqEntry],
    t: Translator,
    qid: str,
    minor: bool,
    wages: bool = False,
) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    action = _action_button(entry, t)
    if action is not None:
        rows.append([action])
    if wages and entry.action != "wages":
        # A question that mentions unpaid wages gets its answer, and the wage form beside it.
        rows.append([_wage_button(t)])
    if minor and entry.action != "file:minor_protection":
        rows.append([_minor_button(t)])
    for other in related[:RELATED_MAX]:
        rows.append(
            [
                InlineKeyboardButton(
                    "↪ " + _label(other.question), callback_data=encode("faq", "e", other.id, qid)
                )
            ]
        )
    rows.append(_feedback_row(t, qid))
    return InlineKeyboardMarkup(rows)


# ------------------------------------------------------------------ citizens asking


async def ask_prompt(update: Update, context: BotContext) -> None:
    """The menu's "Ask a question": any text typed next goes to the matcher."""
    if update.callback_query:
        await update.callback_query.answer()
    await context.bot.send_message(update.effective_chat.id, context.t("faq-ask-prompt"))  # type: ignore[union-attr]


async def on_question(update: Update, context: BotContext) -> None:
    """Free text typed outside any form: answer it, offer choices, or offer a person."""
    message = update.effective_message
    assert message is not None and message.text is not None
    text = message.text.strip()
    if not text:
        return
    if update.update_id in context.application.bot_data.get(DANGER_ANSWERED, set()):
        return  # the hotlines were the answer; an FAQ entry next to them would only confuse
    pending = (context.user_data or {}).pop(MORE, None)
    if pending is not None:
        earlier = _recall(context, pending)
        if earlier is not None:  # the citizen is adding detail to a question meant for staff
            retyped = earlier["q"] in text  # typed again in full, or only the added detail
            await _send_to_person(update, context, text if retyped else f"{earlier['q']}\n{text}")
            return
    faq = context.services.faq
    locale, t = context.locale, context.t
    match = faq.answer(text, locale)
    minor = faq.mentions_minor(text)
    wages = faq.mentions_wages(text)
    if match.outcome == "smalltalk":
        key = f"faq-smalltalk-{match.smalltalk}"
        markup = None if match.smalltalk == "bye" else main_menu(t)
        await message.reply_text(t(key), reply_markup=markup)
        return
    if match.outcome == "answer":
        entry = match.entries[0]
        await _show_answer(
            update, context, entry, _remember(context, text, entry.id), minor, wages=wages
        )
        return
    if match.outcome == "unknown" and wages:
        # A wage problem nothing answers precisely: the way in, and the hotlines at once.
        await offer_wage_form(update, context)
        return
    qid = _remember(context, text, None)
    person = [
        InlineKeyboardButton(t("faq-btn-person"), callback_data=encode("faq", "fb", qid, "p"))
    ]
    rows: list[list[InlineKeyboardButton]] = []
    if match.outcome == "choices":
        body = t("faq-choices-intro")
        rows = [
            [InlineKeyboardButton(_label(e.question), callback_data=encode("faq", "e", e.id, qid))]
            for e in match.entries
        ]
    else:
        body = t("faq-unknown")
        await faq.record_unanswered(text, locale)
    if minor:
        rows.append([_minor_button(t)])
    if wages:
        rows.append([_wage_button(t)])
    rows.append(person)
    await message.reply_text(body, reply_markup=InlineKeyboardMarkup(rows))


async def _show_answer(
    update: Update,
    context: BotContext,
    entry: FaqEntry,
    qid: str,
    minor: bool = False,
    wages: bool = False,
) -> None:
    t = context.t
    related = context.services.faq.related(entry, context.locale)
    text = f"{entry.answer}\n\n{t('faq-answer-footer')}"
    await context.bot.send_message(
        update.effective_chat.id,  # type: ignore[union-attr]
        text,
        reply_markup=_answer_markup(entry, related, t, qid, minor, wages),
    )


async def on_entry(update: Update, context: BotContext) -> None:
    """A choice or a related question pressed: show that entry's answer."""
    query = update.callback_query
    assert query is not None
    callback = parse(query.data)
    entry = context.services.faq.entry(callback.arg(0), context.locale) if callback else None
    asked = _recall(context, callback.arg(1)) if callback else None
    if entry is None:
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    await query.answer()
    # Feedback on this answer is about the citizen's own question, when we still have it.
    qid = _remember(context, asked["q"] if asked else entry.question, entry.id)
    await _show_answer(update, context, entry, qid)


async def on_feedback(update: Update, context: BotContext) -> None:
    """Did this help? Yes thanks; No or Ask a person offers to send the question to staff."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    callback = parse(query.data)
    asked = _recall(context, callback.arg(0)) if callback else None
    choice = callback.arg(1) if callback else ""
    if asked is None or choice not in ("y", "n", "p"):
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    await query.answer()
    t = context.t
    helpful = {"y": "yes", "n": "no", "p": "person"}[choice]
    await context.services.faq.record_feedback(
        asked["e"],
        context.locale,
        asked["q"],
        helpful,
        update.effective_user.id,  # type: ignore[arg-type]
    )
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    if choice == "y":
        await context.bot.send_message(chat_id, t("faq-thanks"))
        return
    qid = callback.arg(0)  # type: ignore[union-attr]
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t("faq-btn-send"), callback_data=encode("faq", "send", qid)),
                InlineKeyboardButton(t("faq-btn-cancel"), callback_data=encode("faq", "keep", qid)),
            ]
        ]
    )
    await context.bot.send_message(
        chat_id, t("faq-person-confirm", question=asked["q"]), reply_markup=buttons
    )


async def on_send(update: Update, context: BotContext) -> None:
    """The citizen confirmed: file the question as an inquiry for staff."""
    query = update.callback_query
    assert query is not None
    callback = parse(query.data)
    qid = callback.arg(0) if callback else ""
    asked = _recall(context, qid)
    if asked is None:
        await query.answer(context.t("button-expired"), show_alert=True)
        return
    await query.answer()
    await _send_to_person(update, context, asked["q"], qid)


async def _send_to_person(
    update: Update, context: BotContext, question: str, qid: str | None = None
) -> None:
    user = update.effective_user
    assert user is not None
    t = context.t
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    try:
        filed = await context.services.faq.ask_person(
            question, user.id, context.locale, user.full_name
        )
    except DomainError as error:
        if error.key == "error-too-short":
            # Keep the question: what the citizen types next is added to it.
            context.user_data[MORE] = qid or _remember(context, question, None)  # type: ignore[index]
            await context.bot.send_message(chat_id, t("faq-person-too-short", **error.kwargs))
        else:
            await context.bot.send_message(chat_id, t("faq-person-too-long", **error.kwargs))
        return
    await send_filed_receipt(update, context, filed.case, filed.access_code)


async def on_keep(update: Update, context: BotContext) -> None:
    """The citizen chose not to send the question to staff."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await context.bot.send_message(update.effective_chat.id, context.t("faq-person-cancelled"))  # type: ignore[union-attr]


async def start_form(update: Update, context: BotContext) -> int | None:
    """An answer's "Start: <kind>" button: the complaint form with its kind already chosen."""
    query = update.callback_query
    assert query is not None
    callback = parse(query.data)
    kind = callback.arg(0) if callback else ""
    if kind not in _FILE_KINDS:
        await query.answer(context.t("button-expired"), show_alert=True)
        return None
    return await begin(update, context, COMPLAINT_FORM, {"kind": kind})


# ------------------------------------------------------------------ staff


async def faq_report(update: Update, context: BotContext) -> None:
    """/faq_report: which answers fail, and what people asked that nothing answered."""
    if not await require_staff(update, context):
        return
    services = context.services
    staff_t = services.catalog.for_locale(services.settings.default_locale)
    tz = services.settings.tz
    report = await services.faq.report()
    lines = [staff_t("faq-report-title", since=format_date(report.since, staff_t.locale, tz)), ""]
    lines.append(staff_t("faq-report-helpful-title"))
    for item in report.least_helpful:
        entry = services.faq.entry(item.entry_id, staff_t.locale)
        name = f"{item.entry_id} — {_label(entry.question)}" if entry else item.entry_id
        lines.append(
            staff_t(
                "faq-report-entry",
                entry=name,
                lang=item.lang,
                yes=item.yes,
                no=item.no,
                person=item.person,
            )
        )
    if not report.least_helpful:
        lines.append(staff_t("faq-report-no-feedback"))
    lines.append("")
    lines.append(staff_t("faq-report-unanswered-title", count=report.unanswered_total))
    for question in report.unanswered:
        lines.append(
            staff_t(
                "faq-report-unanswered-line",
                date=format_date(question.at, staff_t.locale, tz),
                lang=question.lang,
                question=_label(question.question),
            )
        )
    if not report.unanswered:
        lines.append(staff_t("faq-report-no-unanswered"))
    assert update.effective_message is not None
    await update.effective_message.reply_text("\n".join(lines))


# ------------------------------------------------------------------ danger, checked first


DANGER_ANSWERED = "_danger_answered_update_ids"


async def check_danger(update: Update, context: BotContext) -> None:
    """Every private text or caption, in any state: on danger, numbers now and staff alerted.

    The update then goes on to whatever was waiting for it (a form step, the matcher).
    """
    message = update.effective_message
    user = update.effective_user
    text = (message.text or message.caption or "") if message else ""
    if not text.strip() or user is None or was_requeued(context, update):
        return  # a requeued update was checked on its first pass
    services = context.services
    signal = await services.faq.danger(text, context.locale)
    if signal is None:
        return
    t = context.t
    hotlines = "\n".join(t(f"hotline-{number}") for number in signal.hotlines)
    markup = (
        InlineKeyboardMarkup([[_minor_button(t)]]) if services.faq.mentions_minor(text) else None
    )
    await message.reply_text(t("danger-reply", hotlines=hotlines), reply_markup=markup)  # type: ignore[union-attr]
    if signal.sure:  # the hotlines are the answer; when unsure, the question is answered too
        answered: set[int] = context.application.bot_data.setdefault(DANGER_ANSWERED, set())
        if len(answered) > 1000:  # only the update in hand matters
            answered.clear()
        answered.add(update.update_id)
    masked = await services.faq.record_danger(user.id, signal.category, text)
    staff_t = services.catalog.for_locale(services.settings.default_locale)
    await services.notifier.to_staff(
        staff_t(
            "danger-staff-alert",
            category=staff_t(f"danger-category-{signal.category.replace('_', '-')}"),
            name=user.full_name,
            chat=str(update.effective_chat.id),  # type: ignore[union-attr]
            phone=_known_phone(context),
            text=masked,
        )
    )


def _known_phone(context: BotContext) -> str:
    """The phone the citizen gave in the form being filled, masked; "-" when none."""
    draft = (context.user_data or {}).get(DRAFT)
    values = draft.get("values", {}) if isinstance(draft, dict) else {}
    phone = values.get("contact")
    return mask_phone(phone) if isinstance(phone, str) and phone != "anonymous" else "-"


# ------------------------------------------------------------------ wiring


def danger_handler() -> BaseHandler:
    """For an early group: sees every private message before any conversation does."""
    return MessageHandler(filters.ChatType.PRIVATE & (filters.TEXT | filters.CAPTION), check_danger)


def form_entry_points() -> list[BaseHandler]:
    """Buttons that open a form; they belong to the forms conversation's entry points."""
    return [CallbackQueryHandler(start_form, pattern=pattern("faq", "file"))]


def handlers() -> list[BaseHandler]:
    """Registered just before the general fallbacks: free text nobody else took is a question."""
    return [
        CallbackQueryHandler(ask_prompt, pattern=pattern("menu", "ask")),
        CallbackQueryHandler(on_entry, pattern=pattern("faq", "e")),
        CallbackQueryHandler(on_feedback, pattern=pattern("faq", "fb")),
        CallbackQueryHandler(on_send, pattern=pattern("faq", "send")),
        CallbackQueryHandler(on_keep, pattern=pattern("faq", "keep")),
        CommandHandler("faq_report", faq_report),
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, on_question),
    ]
