"""CaseNotices on Telegram: what the staff chat and the citizen are sent when a case moves."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters
from telegram.error import BadRequest, TelegramError

from bot.domain.cases import Attachment, Case, CaseEvent, Satisfaction
from bot.domain.staffdesk import StaffAction
from bot.i18n import Translator, format_date
from handlers.callbacks import encode
from storage.staff import Buttons

if TYPE_CHECKING:
    from bot.app import CitizenBotApp

log = logging.getLogger(__name__)
CAPTION_MAX = 1024


class TelegramCaseNotices:
    def __init__(self, app: CitizenBotApp) -> None:
        self.app = app

    @property
    def _services(self):  # type: ignore[no-untyped-def]
        return self.app.services

    def _citizen_t(self, case: Case) -> Translator:
        users = self._services.users
        locale = (
            users.locale_for(case.user_id, None) if case.user_id in users._chosen else case.locale
        )
        return self._services.catalog.for_locale(locale)

    async def new_case(self, case: Case, attachments: list[Attachment]) -> None:
        # the card, its files and the deadline reminders are the staff desk's
        await self._services.staffdesk.case_arrived(case, attachments)

    async def citizen_activity(
        self, case: Case, event: CaseEvent, attachments: list[Attachment]
    ) -> None:
        await self._services.staffdesk.citizen_activity(case, event, attachments)

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
        sent = await self._services.notifier.to_user(
            case.user_id, "\n\n".join(lines), reply_markup=buttons
        )
        if sent is not None:  # the citizen may answer it with a Telegram reply
            await self._services.staffdesk.remember_citizen_message(case, sent)

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


# ---------------------------------------------------------------------------- staff desk

STAFF_CALLBACK_NS = "sc"
# the order of a card's buttons, two to a row
_ACTION_KEYS: dict[StaffAction, str] = {
    StaffAction.ACCEPT: "staff-button-accept",
    StaffAction.NEEDS_INFO: "staff-button-needinfo",
    StaffAction.TRANSFER: "staff-button-transfer",
    StaffAction.REJECT: "staff-button-reject",
    StaffAction.ANSWER: "staff-button-answer",
    StaffAction.CLOSE: "staff-button-close",
    StaffAction.ASSIGN: "staff-button-assign",
}


class TelegramStaffMarkup:
    """The buttons of the staff desk, as callback data parsed by handlers/staff.py."""

    def card(self, t: Translator, number: str, actions: list[StaffAction]) -> Buttons:
        buttons = [
            (t(key), encode(STAFF_CALLBACK_NS, action.value, number))
            for action, key in _ACTION_KEYS.items()
            if action in actions
        ]
        return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]

    def show_card(self, t: Translator, number: str) -> tuple[str, str]:
        return (
            t("staff-button-show-card", number=number),
            encode(STAFF_CALLBACK_NS, "card", number),
        )

    def citizen_open(self, t: Translator, number: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t("mycases-open-button", number=number),
                        callback_data=encode("mc", "open", number),
                    )
                ]
            ]
        )


def inline_markup(buttons: Buttons) -> InlineKeyboardMarkup | None:
    """Stored (label, callback data) rows as Telegram's inline keyboard."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=data) for label, data in row]
            for row in buttons
        ]
    )


class TelegramStaffChat:
    """The staff desk's ports on Telegram: the staff chat (posts, files, card edits) and the
    citizen's chat (staff replies)."""

    def __init__(self, app: CitizenBotApp) -> None:
        self.app = app

    @property
    def _chat_id(self) -> int | None:
        return self.app.services.settings.staff_chat_id

    @staticmethod
    def _reply(message_id: int | None) -> ReplyParameters | None:
        # a deleted card must not stop the post
        return (
            ReplyParameters(message_id=message_id, allow_sending_without_reply=True)
            if message_id
            else None
        )

    async def post(self, text: str, buttons: Buttons, reply_to: int | None) -> int | None:
        if self._chat_id is None:
            return None
        try:
            message = await self.app.bot.send_message(
                self._chat_id,
                text,
                reply_markup=inline_markup(buttons),
                reply_parameters=self._reply(reply_to),
            )
        except TelegramError as exc:
            log.error("could not post to the staff chat: %s", exc)
            return None
        return message.message_id

    async def post_file(
        self, kind: str, file_id: str, caption: str, reply_to: int | None
    ) -> int | None:
        if self._chat_id is None:
            return None
        send = self.app.bot.send_photo if kind == "photo" else self.app.bot.send_document
        try:
            message = await send(
                self._chat_id, file_id, caption=caption, reply_parameters=self._reply(reply_to)
            )
        except TelegramError as exc:
            log.warning("could not forward a file to the staff chat: %s", type(exc).__name__)
            return None
        return message.message_id

    async def edit(self, message_id: int, text: str, buttons: Buttons) -> bool:
        if self._chat_id is None:
            return False
        try:
            await self.app.bot.edit_message_text(
                text,
                chat_id=self._chat_id,
                message_id=message_id,
                reply_markup=inline_markup(buttons),
            )
        except BadRequest as exc:
            # "message is not modified" and a deleted card are both fine to ignore
            log.info("card %s not edited: %s", message_id, exc)
            return False
        except TelegramError as exc:
            log.warning("card %s not edited: %s", message_id, type(exc).__name__)
            return False
        return True

    async def to_citizen(
        self, user_id: int, text: str, attachment: Attachment | None, markup: Any
    ) -> int | None:
        bot = self.app.bot
        try:
            if attachment is None:
                message = await bot.send_message(user_id, text, reply_markup=markup)
            elif len(text) > CAPTION_MAX:
                await bot.send_message(user_id, text)
                send = bot.send_photo if attachment.kind == "photo" else bot.send_document
                message = await send(user_id, attachment.file_id, reply_markup=markup)
            else:
                send = bot.send_photo if attachment.kind == "photo" else bot.send_document
                message = await send(user_id, attachment.file_id, caption=text, reply_markup=markup)
        except TelegramError as exc:
            log.warning("could not send a staff reply to a citizen: %s", type(exc).__name__)
            return None
        return message.message_id
