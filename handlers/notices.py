"""CaseNotices on Telegram: what the staff chat and the citizen are sent when a case moves."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.domain.cases import Attachment, Case, CaseEvent, EventType, Satisfaction, is_bad_rating
from bot.domain.validation import mask_phone
from bot.i18n import Translator, format_date
from handlers.callbacks import encode

if TYPE_CHECKING:
    from bot.app import CitizenBotApp

log = logging.getLogger(__name__)
SUMMARY_CHARS = 300


class TelegramCaseNotices:
    def __init__(self, app: CitizenBotApp) -> None:
        self.app = app

    @property
    def _services(self):  # type: ignore[no-untyped-def]
        return self.app.services

    def _staff_t(self) -> Translator:
        return self._services.catalog.for_locale(self._services.settings.default_locale)

    def _citizen_t(self, case: Case) -> Translator:
        users = self._services.users
        locale = (
            users.locale_for(case.user_id, None) if case.user_id in users._chosen else case.locale
        )
        return self._services.catalog.for_locale(locale)

    async def _forward_files(self, case: Case, attachments: list[Attachment]) -> None:
        chat_id = self._services.settings.staff_chat_id
        if chat_id is None:
            return
        for item in attachments:
            try:
                if item.kind == "photo":
                    await self.app.bot.send_photo(chat_id, item.file_id, caption=case.number)
                else:
                    await self.app.bot.send_document(chat_id, item.file_id, caption=case.number)
            except TelegramError as exc:
                log.warning("could not forward a file of %s: %s", case.number, type(exc).__name__)

    async def new_case(self, case: Case, attachments: list[Attachment]) -> None:
        t, tz = self._staff_t(), self._services.settings.tz
        lines = [
            t(
                "staff-new-case",
                number=case.number,
                kind=t(f"kind-{case.kind.value}"),
                priority=t(f"priority-{case.priority.value}"),
            )
        ]
        if case.confidential:
            lines.append(t("staff-case-confidential"))
        else:
            summary = (
                case.description
                if len(case.description) <= SUMMARY_CHARS
                else case.description[:SUMMARY_CHARS] + "…"
            )
            lines.append(summary)
            if case.place:
                lines.append(t("staff-case-place", place=case.place))
        contact = (
            t("staff-anonymous")
            if case.anonymous
            else t(
                "staff-case-contact",
                name=case.contact_name or "-",
                phone=mask_phone(case.contact_phone or ""),
            )
        )
        lines.append(contact)
        if attachments:
            lines.append(t("staff-case-files", count=len(attachments)))
        lines.append(
            t(
                "staff-case-promises",
                procedural=format_date(case.procedural_due, t.locale, tz),
                result=format_date(case.result_due, t.locale, tz),
            )
        )
        await self._services.notifier.to_staff("\n".join(lines))
        if not case.confidential:
            await self._forward_files(case, attachments)

    async def citizen_activity(
        self, case: Case, event: CaseEvent, attachments: list[Attachment]
    ) -> None:
        t = self._staff_t()
        if event.type is EventType.RATED:
            rating = int(event.data.get("rating", "0"))
            key = "staff-bad-rating" if is_bad_rating(rating) else "staff-rating"
            text = t(key, number=case.number, rating=t(f"rating-{rating}"))
        elif event.type is EventType.REOPENED:
            text = t("staff-case-reopened", number=case.number, reason=event.body or "")
        else:
            text = t(
                "staff-citizen-info",
                number=case.number,
                text=event.body or "",
                count=len(attachments),
            )
        await self._services.notifier.to_staff(text)
        if not case.confidential:
            await self._forward_files(case, attachments)

    async def status_changed(self, case: Case, event: CaseEvent) -> None:
        if case.user_id is None:
            return
        t, tz = self._citizen_t(case), self._services.settings.tz
        lines = [t("notice-status", number=case.number, status=t(f"status-{case.status.value}"))]
        if event.body:
            lines.append(t("notice-office-says", text=event.body))
        if event.data.get("to"):
            lines.append(t("notice-transferred-to", body=event.data["to"]))
        lines.append(
            t(f"notice-next-{case.status.value}", date=format_date(case.result_due, t.locale, tz))
        )
        buttons = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t("mycases-open-button", number=case.number),
                        callback_data=encode("mc", "open", case.number),
                    )
                ]
            ]
        )
        await self._services.notifier.to_user(
            case.user_id, "\n\n".join(lines), reply_markup=buttons
        )

    async def ask_rating(self, case: Case) -> None:
        if case.user_id is None:
            return
        await self._services.notifier.to_user(
            case.user_id,
            self._citizen_t(case)("rate-ask", number=case.number),
            reply_markup=rating_keyboard(self._citizen_t(case), case.number),
        )


def rating_keyboard(t: Translator, number: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(f"rating-{level.value}"),
                    callback_data=encode("rate", str(level.value), number),
                )
            ]
            for level in sorted(Satisfaction, reverse=True)
        ]
    )
