"""I am owed wages: a short form for migrant workers, on the fast track (三快一优)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.domain.cases import new_access_code
from bot.domain.errors import DomainError
from bot.domain.validation import check_text, validate_id_number
from bot.domain.wages import (
    WageReport,
    WorkType,
    format_amount,
    month_choices,
    parse_amount,
    parse_headcount,
    parse_period,
)
from bot.i18n import Translator, format_month
from handlers.callbacks import encode, pattern
from handlers.complaints import send_filed_receipt
from handlers.context import BotContext
from handlers.forms import Draft, Form, Step, attachments_of, begin, register

# What workers type when they mean "I am owed wages" (outside any form).
HEADCOUNT_CHOICES = ("1", "2", "3", "5", "10", "20")


def _today(draft: Draft) -> date:
    value = draft.data.get("today")
    return value if isinstance(value, date) else date.today()


def _text(min_len: int, max_len: int) -> Any:
    def parse(text: str, draft: Draft, context: BotContext) -> str:
        return check_text(text, min_len, max_len)

    return parse


def _period(text: str, draft: Draft, context: BotContext) -> dict[str, str]:
    start, end = parse_period(text, _today(draft))
    return {"from": start.isoformat(), "to": end.isoformat()}


def _period_to(text: str, draft: Draft, context: BotContext) -> str:
    start = date.fromisoformat(str(draft.values["period"]))
    first, end = parse_period(text, _today(draft))
    end = max(first, end) if first == end else end
    if end < start:
        raise DomainError("wage-error-period-order", text=text[:30])
    return end.isoformat()


def _amount(text: str, draft: Draft, context: BotContext) -> str:
    return str(parse_amount(text))


def _headcount(text: str, draft: Draft, context: BotContext) -> str:
    return str(parse_headcount(text))


def _id_number(text: str, draft: Draft, context: BotContext) -> str:
    checked = validate_id_number(text, _today(draft))
    if checked is None:
        raise DomainError("wage-error-id-number")
    return checked


def _render_period(value: Any, t: Translator) -> str:
    if isinstance(value, dict):
        start, end = date.fromisoformat(value["from"]), date.fromisoformat(value["to"])
        return t(
            "wage-period-range",
            start=format_month(start, t.locale),
            end=format_month(end, t.locale),
        )
    return format_month(date.fromisoformat(str(value)), t.locale)


def _month_button(value: str, t: Translator) -> str:
    return format_month(date.fromisoformat(value), t.locale)


def _render_amount(value: Any, t: Translator) -> str:
    return format_amount(Decimal(str(value)), t.locale)


def wage_steps(draft: Draft) -> list[Step]:
    today = _today(draft)
    months = month_choices(today, 12)
    steps = [
        Step(
            "work_type",
            "choice",
            "wage-ask-work-type",
            "wage-work-type-label",
            choices=(
                ("construction", "wage-work-type-construction"),
                ("other", "wage-work-type-other"),
            ),
        ),
        Step("employer", "text", "wage-ask-employer", "wage-employer-label", parse=_text(2, 200)),
        Step("site", "text", "wage-ask-site", "wage-site-label", parse=_text(2, 300)),
        Step("work_done", "text", "wage-ask-work", "wage-work-label", parse=_text(2, 500)),
        Step(
            "period",
            "text",
            "wage-ask-period",
            "wage-period-label",
            parse=_period,
            render=_render_period,
            choices=tuple((m.isoformat(), "") for m in months),
            columns=3,
            choice_label=_month_button,
        ),
    ]
    if isinstance(draft.values.get("period"), str):  # a month button was pressed: ask where it ends
        start = date.fromisoformat(str(draft.values["period"]))
        later = [m for m in reversed(months) if m >= start]
        steps.append(
            Step(
                "period_to",
                "text",
                "wage-ask-period-to",
                "wage-period-to-label",
                parse=_period_to,
                render=_render_period,
                choices=tuple((m.isoformat(), "") for m in later),
                columns=3,
                choice_label=_month_button,
            )
        )
    steps.extend(
        [
            Step(
                "amount",
                "text",
                "wage-ask-amount",
                "wage-amount-label",
                parse=_amount,
                render=_render_amount,
                confirm=lambda v, t: t("wage-amount-confirm", amount=_render_amount(v, t)),
            ),
            Step(
                "workers",
                "text",
                "wage-ask-workers",
                "wage-workers-label",
                parse=_headcount,
                choices=tuple((n, f"wage-workers-{n}") for n in HEADCOUNT_CHOICES),
                columns=3,
            ),
            Step("evidence", "evidence", "wage-ask-evidence", "wage-evidence-label", optional=True),
            Step("contact", "contact", "wage-ask-contact", "complaint-contact-label"),
            Step("name", "name", "complaint-ask-name", "complaint-name-label"),
            Step(
                "id_number",
                "text",
                "wage-ask-id",
                "wage-id-label",
                parse=_id_number,
                optional=True,
                render=lambda v, t: str(v)[:4] + "**********" + str(v)[-4:],
            ),
            Step("ack", "ack", "wage-ask-ack", "wage-ack-label"),
        ]
    )
    return steps


def _report(draft: Draft) -> WageReport:
    values = draft.values
    period = values["period"]
    if isinstance(period, dict):
        start, end = date.fromisoformat(period["from"]), date.fromisoformat(period["to"])
    else:
        start = date.fromisoformat(str(period))
        end = date.fromisoformat(str(values.get("period_to") or period))
    return WageReport(
        worker_name=values["name"],
        phone=values["contact"],
        id_number=values.get("id_number"),
        work_type=WorkType(values["work_type"]),
        employer_name=values["employer"],
        project_site=values["site"],
        work_done=values["work_done"],
        period_start=start,
        period_end=end,
        amount_owed=Decimal(str(values["amount"])),
        workers_owed=int(values["workers"]),
        acknowledged_liability=bool(values.get("ack")),
    )


def _description(report: WageReport, t: Translator) -> str:
    return t(
        "wage-description",
        work_type=t(f"wage-work-type-{report.work_type.value}"),
        employer=report.employer_name,
        site=report.project_site or "",
        work=report.work_done,
        start=format_month(report.period_start, t.locale),
        end=format_month(report.period_end, t.locale),
        amount=format_amount(report.amount_owed, t.locale),
        workers=report.workers_owed,
    )


async def submit_wages(update: Update, context: BotContext, draft: Draft) -> None:
    """File the report and show the fast-track promise, the hotlines and what to keep."""
    report = _report(draft)
    draft.data.setdefault("code", new_access_code())
    user = update.effective_user
    filed = await context.services.wages.file_report(
        report,
        description=_description(report, context.t),
        attachments=attachments_of(draft),
        user_id=user.id if user else None,
        locale=context.locale,
        submission_key=draft.id,
        access_code=draft.data["code"],
    )
    await send_filed_receipt(
        update, context, filed.case, filed.access_code, extra=context.t("wage-after-filing")
    )


WAGE_FORM = register(
    Form(code="wg", title="wage-form-title", steps=wage_steps, submit=submit_wages)
)


async def start_wages(update: Update, context: BotContext) -> int:
    return await begin(update, context, WAGE_FORM)


async def offer_wage_form(update: Update, context: BotContext) -> None:
    """A wage problem typed outside any form that no answer fits: the way in, and the hotlines."""
    t = context.t
    button = InlineKeyboardMarkup(
        [[InlineKeyboardButton(t("wage-start-button"), callback_data=encode("menu", "wages"))]]
    )
    await update.effective_message.reply_text(t("wage-offer"), reply_markup=button)  # type: ignore[union-attr]


def entry_points() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(start_wages, pattern=pattern("menu", "wages")),
        CommandHandler("wages", start_wages),
    ]
