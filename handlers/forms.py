"""A form engine: a form is data (its steps); this module asks, checks, goes back, edits and submits.

The draft lives in `context.user_data["form"]` (persisted after every update), so a citizen can
stop, restart the app, or wait days, and continue at the same step. Each step says what kind of
answer it takes; checks are domain functions that raise DomainError with a translated key.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.domain.cases import MAX_ATTACHMENTS, Attachment, check_attachment, new_access_code
from bot.domain.errors import DomainError
from bot.domain.validation import mask_phone, normalize_name, normalize_phone
from bot.i18n import Translator
from handlers.callbacks import encode, parse
from handlers.context import BotContext
from handlers.flow import navigation_fallbacks
from handlers.keyboards import main_menu
from storage.reminders import ReminderRow

log = logging.getLogger(__name__)

FORM = 1
DRAFT = "form"
LAST_SUBMITTED = "last_submitted"
FORM_TTL = timedelta(days=7)
NUDGE_AFTER = timedelta(hours=24)
PLACE_MAX = 300

StepKind = Literal["choice", "text", "place", "evidence", "contact", "name", "ack"]
Parser = Callable[[str, "Draft", BotContext], Any]


@dataclass(frozen=True)
class Step:
    """One question of a form."""

    name: str
    kind: StepKind
    prompt: str  # i18n key of the question
    label: str  # i18n key of the field's name in the summary
    parse: Parser | None = None  # typed text -> stored value; raises DomainError
    choices: tuple[tuple[str, str], ...] = ()  # (value, label key)
    optional: bool = False
    render: Callable[[Any, Translator], str] | None = None  # stored value -> summary text
    columns: int = 1
    prompt_args: Callable[[Draft, Translator], dict[str, Any]] | None = None
    confirm: Callable[[Any, Translator], str] | None = (
        None  # parsed value said back before the next question
    )
    choice_label: Callable[[str, Translator], str] | None = (
        None  # buttons whose labels are computed
    )


@dataclass
class Draft:
    """The persisted state of one form being filled in (a view over a plain dict)."""

    data: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def form(self) -> str:
        return str(self.data["form"])

    @property
    def values(self) -> dict[str, Any]:
        return self.data.setdefault("values", {})

    @property
    def files(self) -> list[dict[str, Any]]:
        return self.data.setdefault("files", [])

    @property
    def step(self) -> str:
        return str(self.data["step"])


@dataclass
class Form:
    """A form: its code (in callback data), its title, its steps (which may depend on answers)."""

    code: str
    title: str
    steps: Callable[[Draft], list[Step]]
    submit: Callable[[Update, BotContext, Draft], Awaitable[None]]
    anonymous_allowed: Callable[[Draft], bool] = lambda draft: False
    anonymous_note: str = "form-anonymous-note"
    start_values: dict[str, Any] = field(default_factory=dict)


FORMS: dict[str, Form] = {}


def register(form: Form) -> Form:
    FORMS[form.code] = form
    return form


# ------------------------------------------------------------------ draft helpers


def current_draft(context: BotContext) -> Draft | None:
    data = context.user_data.get(DRAFT) if context.user_data is not None else None
    return Draft(data) if isinstance(data, dict) and data.get("form") in FORMS else None


def _steps(draft: Draft) -> list[Step]:
    return FORMS[draft.form].steps(draft)


def _index(draft: Draft) -> int:
    names = [s.name for s in _steps(draft)]
    return names.index(draft.step) if draft.step in names else len(names)


def _step(draft: Draft) -> Step | None:
    steps = _steps(draft)
    index = _index(draft)
    return steps[index] if index < len(steps) else None


def _cb(draft: Draft, action: str, *args: object) -> str:
    return encode("f", draft.form, action, _index(draft), *args)


async def _touch(context: BotContext, draft: Draft) -> None:
    """Note activity: the 24-hour nudge counts from the last answer."""
    now = context.services.clock.now()
    draft.data["touched"] = now
    await context.services.reminders.postpone(_nudge_key(draft, context), now + NUDGE_AFTER)


def _nudge_key(draft: Draft, context: BotContext) -> str:
    return f"form:{draft.data.get('user_id')}:{draft.id}"


def _expired(draft: Draft, now: datetime) -> bool:
    started = draft.data.get("started")
    return isinstance(started, datetime) and now - started > FORM_TTL


# ------------------------------------------------------------------ asking


def _question(draft: Draft, step: Step, t: Translator, error: str | None) -> str:
    steps = _steps(draft)
    position = f"({_index(draft) + 1}/{len(steps)}) "
    args = step.prompt_args(draft, t) if step.prompt_args else {}
    text = position + t(step.prompt, **args)
    if step.kind == "evidence":
        text += "\n" + t("form-files-count", count=len(draft.files), max=MAX_ATTACHMENTS)
    if step.kind == "contact" and FORMS[draft.form].anonymous_allowed(draft):
        text += "\n\n" + t(FORMS[draft.form].anonymous_note)
    return f"{error}\n\n{text}" if error else text


def _nav_row(draft: Draft, step: Step, t: Translator) -> list[InlineKeyboardButton]:
    row = []
    if _index(draft) > 0:
        row.append(InlineKeyboardButton(t("form-back"), callback_data=_cb(draft, "back")))
    if step.optional and step.kind != "evidence":
        row.append(InlineKeyboardButton(t("form-skip"), callback_data=_cb(draft, "skip")))
    row.append(InlineKeyboardButton(t("form-cancel"), callback_data=_cb(draft, "cancel")))
    return row


def _keyboard(
    draft: Draft, step: Step, t: Translator
) -> InlineKeyboardMarkup | ReplyKeyboardMarkup:
    if step.kind == "contact":
        rows = [[KeyboardButton(t("form-share-phone"), request_contact=True)]]
        if FORMS[draft.form].anonymous_allowed(draft):
            rows.append([KeyboardButton(t("form-anonymous"))])
        rows.append([KeyboardButton(t("form-back")), KeyboardButton(t("form-cancel"))])
        return ReplyKeyboardMarkup(rows, resize_keyboard=True, one_time_keyboard=True)
    buttons: list[list[InlineKeyboardButton]] = []
    if step.choices:
        row: list[InlineKeyboardButton] = []
        for i, (value, label) in enumerate(step.choices):
            text = step.choice_label(value, t) if step.choice_label else t(label)
            row.append(InlineKeyboardButton(text, callback_data=_cb(draft, "c", i)))
            if len(row) == step.columns:
                buttons.append(row)
                row = []
        if row:
            buttons.append(row)
    elif step.kind == "evidence":
        buttons.append(
            [
                InlineKeyboardButton(
                    t("form-files-done" if draft.files else "form-files-none"),
                    callback_data=_cb(draft, "done"),
                )
            ]
        )
    elif step.kind == "name":
        suggested = draft.data.get("suggested_name")
        if suggested:
            buttons.append(
                [
                    InlineKeyboardButton(
                        t("form-use-name", name=suggested), callback_data=_cb(draft, "me")
                    )
                ]
            )
    elif step.kind == "ack":
        buttons.append([InlineKeyboardButton(t("form-ack"), callback_data=_cb(draft, "ack"))])
    buttons.append(_nav_row(draft, step, t))
    return InlineKeyboardMarkup(buttons)


async def ask(update: Update, context: BotContext, draft: Draft, error: str | None = None) -> int:
    """Send the current step's question (or the summary when every step is answered)."""
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    t = context.t
    step = _step(draft)
    if step is None:
        return await _summary(update, context, draft, error)
    await context.bot.send_message(
        chat_id, _question(draft, step, t, error), reply_markup=_keyboard(draft, step, t)
    )
    return FORM


def _display(step: Step, value: Any, t: Translator) -> str:
    if value is None or value == "":
        return t("form-not-given")
    if step.render is not None:
        return step.render(value, t)
    if step.kind == "choice":
        for choice_value, label in step.choices:
            if choice_value == value:
                return t(label)
    if step.kind == "place" and isinstance(value, dict):
        parts = [value.get("text") or ""]
        if value.get("lat") is not None:
            parts.append(t("form-map-pin", lat=f"{value['lat']:.5f}", lon=f"{value['lon']:.5f}"))
        return " ".join(p for p in parts if p)
    if step.kind == "contact":
        return t("form-anonymous-chosen") if value == "anonymous" else mask_phone(str(value))
    if step.kind == "evidence":
        return t("form-files-summary", count=len(value)) if value else t("form-not-given")
    if step.kind == "ack":
        return t("form-acknowledged")
    return str(value)


async def _summary(update: Update, context: BotContext, draft: Draft, error: str | None) -> int:
    t = context.t
    draft.data["step"] = "_summary"
    lines = [t("form-summary-title", form=t(FORMS[draft.form].title))]
    edit_buttons = []
    for i, step in enumerate(_steps(draft)):
        value = draft.files if step.kind == "evidence" else draft.values.get(step.name)
        lines.append(f"• {t(step.label)}: {_display(step, value, t)}")
        edit_buttons.append(
            InlineKeyboardButton(
                t("form-edit", field=t(step.label)),
                callback_data=encode("f", draft.form, "edit", i),
            )
        )
    rows = [edit_buttons[i : i + 2] for i in range(0, len(edit_buttons), 2)]
    rows.append(
        [
            InlineKeyboardButton(
                t("form-submit"), callback_data=encode("f", draft.form, "submit", draft.id[:8])
            )
        ]
    )
    rows.append(
        [
            InlineKeyboardButton(
                t("form-cancel"), callback_data=encode("f", draft.form, "cancel", "s")
            )
        ]
    )
    text = "\n".join(lines)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    await context.bot.send_message(
        chat_id, f"{error}\n\n{text}" if error else text, reply_markup=InlineKeyboardMarkup(rows)
    )
    return FORM


# ------------------------------------------------------------------ moving


async def _advance(update: Update, context: BotContext, draft: Draft) -> int:
    """After an answer: back to the summary when editing, else the next step."""
    if draft.data.pop("editing", False):
        draft.data["step"] = "_summary"
    else:
        steps = _steps(draft)
        index = _index(draft) + 1
        draft.data["step"] = steps[index].name if index < len(steps) else "_summary"
    await _touch(context, draft)
    return await ask(update, context, draft)


async def begin(
    update: Update, context: BotContext, form: Form, values: dict[str, Any] | None = None
) -> int:
    """Start a form, or offer to continue the unfinished one."""
    if update.callback_query:
        await update.callback_query.answer()
    existing = current_draft(context)
    t = context.t
    now = context.services.clock.now()
    if existing is not None and not _expired(existing, now):
        chat_id = update.effective_chat.id  # type: ignore[union-attr]
        buttons = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t("form-resume"), callback_data=encode("f", existing.form, "resume")
                    )
                ],
                [
                    InlineKeyboardButton(
                        t("form-restart"), callback_data=encode("f", form.code, "restart")
                    )
                ],
            ]
        )
        await context.bot.send_message(
            chat_id, t("form-unfinished", form=t(FORMS[existing.form].title)), reply_markup=buttons
        )
        return FORM
    return await _new_draft(update, context, form, values)


async def _new_draft(
    update: Update, context: BotContext, form: Form, values: dict[str, Any] | None
) -> int:
    user = update.effective_user
    now = context.services.clock.now()
    data: dict[str, Any] = {
        "form": form.code,
        "id": secrets.token_hex(8),
        "values": {**form.start_values, **(values or {})},
        "files": [],
        "started": now,
        "touched": now,
        "today": now.astimezone(context.services.settings.tz).date(),
        "user_id": user.id if user else None,
        # Made now, stored with the draft: a crash right after filing cannot lose the code shown.
        "code": new_access_code(),
    }
    draft = Draft(data)
    data["step"] = _steps(draft)[0].name
    if values:  # skip the steps already answered (e.g. the kind chosen from an FAQ answer)
        for step in _steps(draft):
            if step.name not in values:
                data["step"] = step.name
                break
    context.user_data[DRAFT] = data  # type: ignore[index]
    await context.services.reminders.schedule(
        "form_nudge",
        _nudge_key(draft, context),
        now + NUDGE_AFTER,
        {"user_id": data["user_id"], "draft": draft.id},
        not_after=now + FORM_TTL,
    )
    return await ask(update, context, draft)


async def _finish(context: BotContext, draft: Draft) -> None:
    context.user_data.pop(DRAFT, None)  # type: ignore[union-attr]
    await context.services.reminders.cancel(_nudge_key(draft, context))


async def cancel(update: Update, context: BotContext) -> int:
    """/cancel or the Cancel button: drop the draft, say so, show the menu."""
    if update.callback_query:
        await update.callback_query.answer()
    draft = current_draft(context)
    if draft is not None:
        await _finish(context, draft)
    t = context.t
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    await context.bot.send_message(chat_id, t("cancelled"), reply_markup=ReplyKeyboardRemove())
    await context.bot.send_message(chat_id, t("menu-title"), reply_markup=main_menu(t))
    return ConversationHandler.END


async def _stale(update: Update, context: BotContext) -> int:
    if update.callback_query:
        await update.callback_query.answer(context.t("button-expired"), show_alert=True)
    return FORM


async def _gone(update: Update, context: BotContext) -> int:
    """The draft expired or was dropped while the conversation still waited for it."""
    if update.callback_query:
        await update.callback_query.answer()
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    await context.bot.send_message(
        chat_id, context.t("form-expired"), reply_markup=main_menu(context.t)
    )
    return ConversationHandler.END


async def on_callback(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None
    callback = parse(query.data)
    if callback is None or callback.ns != "f" or callback.action not in FORMS:
        return await _stale(update, context)
    code, action, args = callback.action, callback.arg(0), callback.args[1:]
    draft = current_draft(context)
    if action == "cancel":
        return await cancel(update, context)
    if action == "restart":
        if draft is not None:
            await _finish(context, draft)
        await query.answer()
        return await _new_draft(update, context, FORMS[code], None)
    if draft is None or draft.form != code:
        return await _gone(update, context)
    if _expired(draft, context.services.clock.now()):
        await _finish(context, draft)
        return await _gone(update, context)
    if action == "resume":
        await query.answer()
        return await ask(update, context, draft)
    if action == "submit":
        if not args or args[0] != draft.id[:8]:
            return await _stale(update, context)
        await query.answer()
        return await _submit(update, context, draft)
    if action == "edit":
        steps = _steps(draft)
        index = int(args[0]) if args and args[0].isdigit() else -1
        if not 0 <= index < len(steps):
            return await _stale(update, context)
        await query.answer()
        draft.data["step"] = steps[index].name
        draft.data["editing"] = True
        return await ask(update, context, draft)
    # The remaining actions belong to one step: refuse buttons of an earlier question.
    if not args or args[0] != str(_index(draft)):
        return await _stale(update, context)
    step = _step(draft)
    if step is None:
        return await _stale(update, context)
    await query.answer()
    if action == "back":
        if draft.data.pop("editing", False):  # editing one field: back means back to the summary
            draft.data["step"] = "_summary"
        else:
            draft.data["step"] = _steps(draft)[max(_index(draft) - 1, 0)].name
        return await ask(update, context, draft)
    if action == "skip" and step.optional:
        draft.values[step.name] = None
        return await _advance(update, context, draft)
    if action == "c" and step.choices:
        choice = int(args[1]) if len(args) > 1 and args[1].isdigit() else -1
        if not 0 <= choice < len(step.choices):
            return await _stale(update, context)
        old = draft.values.get(step.name)
        draft.values[step.name] = step.choices[choice][0]
        if old is not None and old != step.choices[choice][0]:
            draft.data.pop("editing", None)  # a new choice can change the steps after it
        return await _advance(update, context, draft)
    if action == "done" and step.kind == "evidence":
        return await _advance(update, context, draft)
    if action == "me" and step.kind == "name" and draft.data.get("suggested_name"):
        draft.values[step.name] = draft.data["suggested_name"]
        return await _advance(update, context, draft)
    if action == "ack" and step.kind == "ack":
        draft.values[step.name] = True
        return await _advance(update, context, draft)
    return await _stale(update, context)


async def on_message(update: Update, context: BotContext) -> int:
    message = update.effective_message
    assert message is not None
    draft = current_draft(context)
    if draft is None:
        return await _gone(update, context)
    now = context.services.clock.now()
    if _expired(draft, now):
        await _finish(context, draft)
        return await _gone(update, context)
    step = _step(draft)
    t = context.t
    if step is None:  # at the summary: typed text does not change anything
        return await _summary(update, context, draft, t("form-use-buttons"))
    try:
        return await _accept(update, context, draft, step, message)
    except DomainError as error:
        return await ask(update, context, draft, error=t(error.key, **error.kwargs))


async def _accept(
    update: Update, context: BotContext, draft: Draft, step: Step, message: Message
) -> int:
    t = context.t
    text = (message.text or "").strip()
    if step.kind == "contact":
        if text == t("form-back"):
            editing = draft.data.pop("editing", False)
            draft.data["step"] = (
                "_summary" if editing else _steps(draft)[max(_index(draft) - 1, 0)].name
            )
            await message.reply_text("↩", reply_markup=ReplyKeyboardRemove())
            return await ask(update, context, draft)
        if text == t("form-cancel"):
            return await cancel(update, context)
        if text == t("form-anonymous") and FORMS[draft.form].anonymous_allowed(draft):
            draft.values[step.name] = "anonymous"
            await message.reply_text(t("form-anonymous-chosen"), reply_markup=ReplyKeyboardRemove())
            return await _advance(update, context, draft)
        if message.contact is not None:
            raw = message.contact.phone_number
            name = " ".join(p for p in (message.contact.first_name, message.contact.last_name) if p)
            if name:
                draft.data["suggested_name"] = normalize_name(name)
        elif text:
            raw = text
        else:
            raise DomainError("form-error-phone")
        phone = normalize_phone(raw)
        if phone is None:
            raise DomainError("form-error-phone")
        draft.values[step.name] = phone
        await message.reply_text(
            t("form-phone-received", phone=mask_phone(phone)), reply_markup=ReplyKeyboardRemove()
        )
        return await _advance(update, context, draft)
    if step.kind == "evidence":
        attachment = _attachment(message)
        if attachment is None:
            raise DomainError("form-error-evidence")
        check_attachment(attachment.mime, attachment.name, attachment.size or 0, len(draft.files))
        draft.files.append(attachment.model_dump())
        await _touch(context, draft)
        return await ask(update, context, draft)
    if step.kind == "place":
        if message.location is not None:
            value = dict(draft.values.get(step.name) or {})
            value.update(lat=message.location.latitude, lon=message.location.longitude)
            draft.values[step.name] = value
            return await _advance(update, context, draft)
        if not text:
            raise DomainError("form-error-text-expected")
        if len(text) > PLACE_MAX:
            raise DomainError("error-too-long", count=len(text), max=PLACE_MAX)
        draft.values[step.name] = {"text": text}
        return await _advance(update, context, draft)
    if step.kind == "name":
        name = normalize_name(text) if text else None
        if name is None:
            raise DomainError("form-error-name")
        draft.values[step.name] = name
        return await _advance(update, context, draft)
    if step.kind in ("choice", "ack"):
        raise DomainError("form-use-buttons")
    if not text:
        raise DomainError("form-error-text-expected")
    value = step.parse(text, draft, context) if step.parse else text
    draft.values[step.name] = value
    if step.confirm is not None:
        await message.reply_text(step.confirm(value, t))
    return await _advance(update, context, draft)


def _attachment(message: Message) -> Attachment | None:
    if message.photo:
        photo = message.photo[-1]
        return Attachment(
            file_id=photo.file_id,
            file_unique_id=photo.file_unique_id,
            kind="photo",
            name="photo.jpg",
            mime="image/jpeg",
            size=photo.file_size,
        )
    if message.document is not None:
        document = message.document
        return Attachment(
            file_id=document.file_id,
            file_unique_id=document.file_unique_id,
            kind="document",
            name=document.file_name,
            mime=document.mime_type,
            size=document.file_size,
        )
    return None


def attachments_of(draft: Draft) -> list[Attachment]:
    return [Attachment(**item) for item in draft.files]


async def _submit(update: Update, context: BotContext, draft: Draft) -> int:
    missing = [
        s
        for s in _steps(draft)
        if not s.optional and s.kind != "evidence" and draft.values.get(s.name) in (None, "")
    ]
    if missing:
        draft.data["step"] = missing[0].name
        return await ask(
            update,
            context,
            draft,
            error=context.t("form-error-missing", field=context.t(missing[0].label)),
        )
    try:
        await FORMS[draft.form].submit(update, context, draft)
    except DomainError as error:
        return await _summary(update, context, draft, context.t(error.key, **error.kwargs))
    context.user_data[LAST_SUBMITTED] = draft.id[:8]  # type: ignore[index]
    await _finish(context, draft)
    return ConversationHandler.END


async def already_submitted(update: Update, context: BotContext) -> None:
    """Submit pressed again after the form ended (or the update was delivered twice)."""
    query = update.callback_query
    assert query is not None
    callback = parse(query.data)
    last = (context.user_data or {}).get(LAST_SUBMITTED)
    if callback is not None and last and callback.arg(1) == last:
        await query.answer(context.t("form-already-submitted"), show_alert=True)
    else:
        await query.answer(context.t("button-expired"), show_alert=True)


# ------------------------------------------------------------------ reminders


def reminder_handlers(app: Application) -> dict[str, Callable[[ReminderRow], Awaitable[bool]]]:  # type: ignore[type-arg]
    """The 24-hour nudge for an unfinished form (sent once, only if that draft is still open)."""

    async def nudge(row: ReminderRow) -> bool:
        user_id = int(row.payload["user_id"])
        data = app.user_data.get(user_id, {}).get(DRAFT)
        if not isinstance(data, dict) or data.get("id") != row.payload.get("draft"):
            return False
        services = app.services  # type: ignore[attr-defined]
        t = services.catalog.for_locale(services.users.locale_for(user_id, None))
        form = FORMS.get(str(data.get("form")))
        if form is None:
            return False
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t("form-resume"), callback_data=encode("f", form.code, "resume")
                    )
                ],
                [
                    InlineKeyboardButton(
                        t("form-cancel"), callback_data=encode("f", form.code, "cancel", "n")
                    )
                ],
            ]
        )
        await services.notifier.to_user(
            user_id, t("form-nudge", form=t(form.title)), reply_markup=keyboard
        )
        return True

    return {"form_nudge": nudge}


# ------------------------------------------------------------------ wiring


def conversation(entry_points: list[BaseHandler]) -> ConversationHandler:
    """One conversation hosts every form: only one form at a time waits for a citizen's answers."""
    return ConversationHandler(
        entry_points=[
            *entry_points,
            CallbackQueryHandler(on_callback, pattern=r"^f:\w+:resume(?::|$)"),
        ],
        states={
            FORM: [
                CallbackQueryHandler(on_callback, pattern=r"^f:"),
                MessageHandler(filters.ChatType.PRIVATE & ~filters.COMMAND, on_message),
            ]
        },
        fallbacks=[CommandHandler("cancel", cancel), *navigation_fallbacks()],
        name="forms",
        persistent=True,
        allow_reentry=True,
    )


def outside_handlers() -> list[BaseHandler]:
    """Form buttons pressed when no form is open."""
    return [
        CallbackQueryHandler(already_submitted, pattern=r"^f:\w+:submit:"),
        CallbackQueryHandler(_gone_outside, pattern=r"^f:"),
    ]


async def _gone_outside(update: Update, context: BotContext) -> None:
    await _gone(update, context)
