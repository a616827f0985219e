"""Filing a complaint or petition: the kind, its own questions, the story, place, files, contact."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.domain.cases import (
    DESCRIPTION_MAX,
    DESCRIPTION_MIN,
    FILEABLE_KINDS,
    KIND_SPECS,
    CaseKind,
    FieldSpec,
    NewCase,
    new_access_code,
)
from bot.domain.validation import check_field_value, check_text
from bot.i18n import Translator, format_date
from handlers.callbacks import pattern
from handlers.context import BotContext
from handlers.forms import Draft, Form, Step, attachments_of, begin, register
from handlers.keyboards import main_menu


def _kind(draft: Draft) -> CaseKind | None:
    value = draft.values.get("kind")
    return CaseKind(value) if value in CaseKind.__members__.values() else None


def _field_step(field: FieldSpec) -> Step:
    def parse(text: str, draft: Draft, context: BotContext) -> Any:
        today = context.services.clock.now().astimezone(context.services.settings.tz).date()
        return check_field_value(field, text, today)

    return Step(
        name=f"x_{field.name}",
        kind="choice" if field.kind == "choice" else "text",
        prompt=field.key,
        label=f"{field.key}-label",
        parse=parse,
        choices=tuple((c, f"{field.key}-{c}") for c in field.choices),
        optional=not field.required,
        columns=2 if len(field.choices) > 3 else 1,
    )


def _description(text: str, draft: Draft, context: BotContext) -> str:
    return check_text(text, DESCRIPTION_MIN, DESCRIPTION_MAX)


def _short(value: Any, t: Translator) -> str:
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def complaint_steps(draft: Draft) -> list[Step]:
    kind = _kind(draft)
    steps = [
        Step(
            "kind",
            "choice",
            "complaint-choose-kind",
            "complaint-kind-label",
            choices=tuple((k.value, f"kind-{k.value}") for k in FILEABLE_KINDS),
            columns=2,
        ),
    ]
    if kind is not None:
        steps.extend(_field_step(f) for f in KIND_SPECS[kind].extra_fields)
    steps.extend(
        [
            Step(
                "description",
                "text",
                "complaint-ask-description",
                "complaint-description-label",
                parse=_description,
                render=_short,
                prompt_args=lambda d, t: {"min": DESCRIPTION_MIN, "max": DESCRIPTION_MAX},
            ),
            Step("place", "place", "complaint-ask-place", "complaint-place-label", optional=True),
            Step(
                "evidence",
                "evidence",
                "complaint-ask-evidence",
                "complaint-evidence-label",
                optional=True,
            ),
            Step("contact", "contact", "complaint-ask-contact", "complaint-contact-label"),
        ]
    )
    if draft.values.get("contact") != "anonymous":
        steps.append(Step("name", "name", "complaint-ask-name", "complaint-name-label"))
    return steps


def _anonymous_allowed(draft: Draft) -> bool:
    kind = _kind(draft)
    return kind is not None and KIND_SPECS[kind].anonymous_allowed


async def submit_complaint(update: Update, context: BotContext, draft: Draft) -> None:
    """Turn the draft into a case and tell the citizen its number, code and promised dates."""
    kind = _kind(draft)
    assert kind is not None
    values = draft.values
    place = values.get("place") or {}
    anonymous = values.get("contact") == "anonymous"
    draft.data.setdefault("code", new_access_code())
    user = update.effective_user
    new = NewCase(
        kind=kind,
        description=values["description"],
        place=place.get("text"),
        latitude=place.get("lat"),
        longitude=place.get("lon"),
        extra={k[2:]: str(v) for k, v in values.items() if k.startswith("x_") and v is not None},
        anonymous=anonymous,
        contact_name=None if anonymous else values.get("name"),
        contact_phone=None if anonymous else values.get("contact"),
        attachments=attachments_of(draft),
        submission_key=draft.id,
        user_id=user.id if user else None,
        locale=context.locale,
    )
    filed = await context.services.cases.file_case(new, access_code=draft.data["code"])
    await send_filed_receipt(update, context, filed.case, filed.access_code)


async def send_filed_receipt(
    update: Update,
    context: BotContext,
    case: Any,
    access_code: str | None,
    extra: str | None = None,
) -> None:
    """The receipt every citizen gets after filing: number, code once, the two promised dates."""
    t, settings = context.t, context.services.settings
    lines = [t("case-filed", number=case.number, kind=t(f"kind-{case.kind.value}"))]
    if access_code:
        lines.append(t("case-filed-code", code=access_code))
    if case.fast_track_due is not None:
        lines.append(
            t(
                "case-promise-fast-track",
                date=format_date(case.fast_track_due, t.locale, settings.tz),
            )
        )
    lines.append(
        t("case-promise-procedural", date=format_date(case.procedural_due, t.locale, settings.tz))
    )
    lines.append(t("case-promise-result", date=format_date(case.result_due, t.locale, settings.tz)))
    if case.anonymous:
        lines.append(t("case-filed-anonymous"))
    if case.confidential:
        lines.append(t("case-filed-confidential"))
    if extra:
        lines.append(extra)
    lines.append(t("case-filed-follow"))
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    await context.bot.send_message(chat_id, "\n\n".join(lines), reply_markup=main_menu(t))


COMPLAINT_FORM = register(
    Form(
        code="cp",
        title="complaint-form-title",
        steps=complaint_steps,
        submit=submit_complaint,
        anonymous_allowed=_anonymous_allowed,
    )
)


async def start_complaint(update: Update, context: BotContext) -> int:
    return await begin(update, context, COMPLAINT_FORM)


def entry_points() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(start_complaint, pattern=pattern("menu", "file")),
        CommandHandler("complaint", start_complaint),
    ]
