"""The staff desk: case cards in the staff chat, actions and replies, deadlines kept, figures.

Everything the staff chat receives goes through the outbox (bot/services/outbox.py). The card
of a case and every later post about it are remembered in `case_messages`, so a Telegram reply
to any of them finds the case without Telegram's forward_from.
"""

from __future__ import annotations

import csv
import io
import logging
from datetime import datetime, timedelta
from typing import Any, Protocol

from pydantic import BaseModel

from bot.clock import Clock
from bot.config import Settings
from bot.domain.cases import (
    Attachment,
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    DomainError,
    EventType,
    Satisfaction,
    check_transition,
    is_bad_rating,
)
from bot.domain.deadlines import DeadlineKind
from bot.domain.metrics import CaseFacts, Rates, compute_rates, parse_period
from bot.domain.staffdesk import (
    ACTION_STATUS,
    DUE_AFTER,
    DueItem,
    QueueFilter,
    StaffAction,
    actions_for,
    deadline_met,
    digest_items,
    may_see_confidential,
    next_digest_at,
    parse_digest_time,
    progress_due,
    queue_order,
)
from bot.domain.validation import check_text, mask_id_number, mask_name, mask_phone
from bot.i18n import Catalog, Translator, format_date
from bot.services.cases import CaseService
from bot.services.notifier import Notifier
from bot.services.outbox import StaffChat, StaffOutbox
from bot.services.reminders import ReminderService
from bot.services.users import UserService
from bot.services.wages import WageGroup, WageService
from storage.audit import AuditRepository
from storage.reminders import ReminderRow
from storage.staff import Buttons, StaffRepository

log = logging.getLogger(__name__)

SUMMARY_CHARS = 300
LINE_CHARS = 160
NOTE_PREFIXES = ("#note", "#备注")
DIGEST_CHUNK = 3500
QUEUE_MAX = 20
DEADLINE_KINDS = ("deadline_procedural", "deadline_result", "deadline_fast_track")
PROGRESS_KIND = "deadline_progress"
DIGEST_KIND = "staff_digest"
EXPORT_COLUMNS = (
    "number",
    "kind",
    "status",
    "priority",
    "confidential",
    "received_at",
    "procedural_due",
    "fast_track_due",
    "first_reply_at",
    "result_due",
    "result_at",
    "closed_at",
    "assignee_id",
    "anonymous",
    "contact_name",
    "contact_phone",
    "id_number",
    "place",
    "rating",
    "description",
)


class StaffMarkup(Protocol):
    """Buttons the desk puts under what it sends; bot.app plugs in the Telegram ones."""

    def card(self, t: Translator, number: str, actions: list[StaffAction]) -> Buttons:
        """The action buttons of a case card."""
        ...

    def show_card(self, t: Translator, number: str) -> tuple[str, str]:
        """One button that posts a case's card (under merged posts and alerts)."""
        ...

    def citizen_open(self, t: Translator, number: str) -> Any:
        """The "open my case" button under a reply sent to the citizen."""
        ...


class CitizenChat(Protocol):
    async def to_citizen(
        self, user_id: int, text: str, attachment: Attachment | None, markup: Any
    ) -> int | None:
        """Send a staff reply (text, photo or document) to a citizen's private chat."""
        ...


class ActionDraft(BaseModel):
    """What an action will send: shown to the staff member to edit first."""

    number: str
    action: StaffAction
    template: str
    citizen_locale: str


class ReplyOutcome(BaseModel):
    number: str
    internal: bool
    delivered: bool


class CaseView(BaseModel):
    """Everything about one case, for /case (unmasked: every view is audited)."""

    case: Case
    events: list[CaseEvent]
    files: int
    assignee: str | None
    actions: list[StaffAction]
    wage_group: WageGroup | None = None


class QueueEntry(BaseModel):
    case: Case
    assignee: str | None
    overdue: bool


class StatsReport(BaseModel):
    start: datetime
    end: datetime
    rates: Rates


class Export(BaseModel):
    filename: str
    content: bytes
    rows: int
    full: bool


def facts_of(case: Case) -> CaseFacts:
    """What the figures need from a case. A case filed from Telegram can always be answered
    through the bot, so it is reachable even without a phone number."""
    return CaseFacts(
        number=case.number,
        kind=case.kind,
        anonymous=case.anonymous,
        contact_reachable=bool(case.contact_phone) or case.user_id is not None,
        received_at=case.received_at,
        first_reply_at=case.first_reply_at,
        procedural_due=case.procedural_due,
        result_due=case.result_due,
        result_at=case.result_at,
        closed_at=case.closed_at,
        status=case.status,
        rating=Satisfaction(case.rating) if case.rating else None,
    )


class StaffDeskService:
    def __init__(
        self,
        repo: StaffRepository,
        *,
        cases: CaseService,
        wages: WageService,
        reminders: ReminderService,
        outbox: StaffOutbox,
        chat: StaffChat,
        citizens: CitizenChat,
        notifier: Notifier,
        users: UserService,
        audit: AuditRepository,
        clock: Clock,
        settings: Settings,
        catalog: Catalog,
        markup: StaffMarkup,
    ) -> None:
        self.repo = repo
        self.cases = cases
        self.wages = wages
        self.reminders = reminders
        self.outbox = outbox
        self.chat = chat
        self.citizens = citizens
        self.notifier = notifier
        self.users = users
        self.audit = audit
        self.clock = clock
        self.settings = settings
        self.catalog = catalog
        self.markup = markup

    # ------------------------------------------------------------------ helpers

    @property
    def t(self) -> Translator:
        """Staff read the office's default language."""
        return self.catalog.for_locale(self.settings.default_locale)

    def _citizen_t(self, case: Case) -> Translator:
        return self.catalog.for_locale(self.users.locale_for(case.user_id, case.locale))

    def _date(self, moment: datetime, with_time: bool = False) -> str:
        return format_date(moment, self.t.locale, self.settings.tz, with_time=with_time)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.staff_admin_ids

    # ------------------------------------------------------------------ cards

    def _contact(self, case: Case) -> str:
        t = self.t
        if case.anonymous:
            return t("staff-anonymous")
        return t(
            "staff-case-contact",
            name=case.contact_name or "-",
            phone=mask_phone(case.contact_phone) if case.contact_phone else "-",
        )

    async def card(self, case: Case) -> tuple[str, Buttons]:
        """A case card: number, kind, priority marks, status, summary, masked contact, dates."""
        t = self.t
        events = await self.cases.all_events(case)
        files = len(await self.cases.files(case))
        assignee = _assignee(events)
        lines = [
            t(
                "staff-new-case",
                number=case.number,
                kind=t(f"kind-{case.kind.value}"),
                priority=t(f"priority-{case.priority.value}"),
            )
        ]
        if case.fast_track_due is not None:
            lines.append(t("staff-card-fast-track", date=self._date(case.fast_track_due)))
        if case.confidential:
            lines.append(t("staff-case-confidential"))
        lines.append(
            t(
                "staff-card-status",
                status=t(f"status-{case.status.value}"),
                assignee=assignee or t("staff-unassigned"),
            )
        )
        if not case.confidential:
            lines.append(_shorten(case.description, SUMMARY_CHARS))
            if case.place:
                lines.append(t("staff-case-place", place=case.place))
        lines.append(self._contact(case))
        if files:
            lines.append(t("staff-case-files", count=files))
        lines.append(
            t(
                "staff-case-promises",
                procedural=self._date(case.procedural_due),
                result=self._date(case.result_due),
            )
        )
        last = _last_staff_action(events)
        if last is not None:
            lines.append(
                t(
                    "staff-card-last",
                    action=t(f"event-{last.type.value}"),
                    who=last.data.get("by", "-"),
                    when=self._date(last.at, with_time=True),
                )
            )
        return "\n".join(lines), self.markup.card(t, case.number, actions_for(case.status))

    async def case_arrived(self, case: Case, attachments: list[Attachment]) -> None:
        """A new case: its deadlines are scheduled, its card and files go to the staff chat."""
        await self.schedule_deadlines(case)
        t = self.t
        text, buttons = await self.card(case)
        line = t(
            "staff-merged-new",
            number=case.number,
            kind=t(f"kind-{case.kind.value}"),
            priority=t(f"priority-{case.priority.value}"),
        )
        await self.outbox.post(
            text,
            purpose="card",
            case_id=case.id,
            line=line,
            buttons=buttons,
            merge_button=self.markup.show_card(t, case.number),
        )
        if not case.confidential:
            await self._post_files(case, attachments)

    async def _post_files(self, case: Case, attachments: list[Attachment]) -> None:
        for item in attachments:
            await self.outbox.post(
                case.number,
                purpose="file",
                case_id=case.id,
                file={"kind": item.kind, "file_id": item.file_id},
                thread=True,
            )

    async def post_card(self, number: str) -> None:
        """Post a case's card again (from a merged post): it becomes the case's thread."""
        case = await self.cases.staff_case(number)
        text, buttons = await self.card(case)
        await self.outbox.post(text, purpose="card", case_id=case.id, buttons=buttons)

    async def refresh_card(self, case: Case) -> None:
        """Edit the case's card in place to show where the case stands now."""
        if self.settings.staff_chat_id is None:
            return
        anchor = await self.repo.anchor(case.id, self.settings.staff_chat_id)
        if anchor is None or anchor[1] != "card":
            return
        text, buttons = await self.card(case)
        await self.chat.edit(anchor[0], text, buttons)

    async def citizen_activity(
        self, case: Case, event: CaseEvent, attachments: list[Attachment]
    ) -> None:
        """Added material, a reopening or a rating: posted as a reply to the case's card."""
        t = self.t
        if event.type is EventType.RATED:
            rating = int(event.data.get("rating", "0"))
            key = "staff-bad-rating" if is_bad_rating(rating) else "staff-rating"
            text = t(key, number=case.number, rating=t(f"rating-{rating}"))
        elif event.type is EventType.REOPENED:
            text = t("staff-case-reopened", number=case.number, reason=event.body or "")
        elif case.confidential:
            text = t("staff-citizen-info-confidential", number=case.number, count=len(attachments))
        else:
            text = t(
                "staff-citizen-info",
                number=case.number,
                text=event.body or "",
                count=len(attachments),
            )
        await self.outbox.post(
            text,
            purpose="relay",
            case_id=case.id,
            line=_shorten(text, LINE_CHARS),
            merge_button=self.markup.show_card(t, case.number),
            thread=True,
        )
        if not case.confidential:
            await self._post_files(case, attachments)
        if event.type is EventType.REOPENED:
            await self.refresh_card(case)

    # ------------------------------------------------------------------ actions

    def template(self, case: Case, action: StaffAction, body: str | None = None) -> str:
        """The ready text for an action, in the citizen's language, for staff to edit."""
        t = self._citizen_t(case)
        return t(
            f"staff-template-{action.value}",
            number=case.number,
            office=self.settings.office_name_for(t.locale),
            body=body or "",
        )

    async def prepare(
        self, number: str, action: StaffAction, body: str | None = None
    ) -> ActionDraft:
        """Check an action is allowed now and give its template (before asking staff for text)."""
        case = await self.cases.staff_case(number)
        check_transition(case.status, ACTION_STATUS[action])
        if body is not None:
            body = check_text(body, 2, 200)
        return ActionDraft(
            number=case.number,
            action=action,
            template=self.template(case, action, body),
            citizen_locale=self._citizen_t(case).locale,
        )

    async def act(
        self,
        number: str,
        action: StaffAction,
        actor_id: int,
        actor_name: str,
        text: str,
        body: str | None = None,
    ) -> Case:
        """Move the case (the citizen hears the text), then edit the card to show it."""
        message = check_text(text, 1, 3000)
        data = {"by": actor_name}
        if action is StaffAction.TRANSFER:
            data["to"] = check_text(body or "", 2, 200)
        updated, _ = await self.cases.change_status(
            number, ACTION_STATUS[action], actor_id, message, data
        )
        await self.audit.record(self.clock.now(), actor_id, f"staff_{action.value}", number)
        await self.refresh_card(updated)
        return updated

    async def assign(self, number: str, actor_id: int, actor_name: str) -> Case:
        """ "Assign to me": internal, recorded as an ASSIGNED event; the card shows who."""
        case = await self.cases.staff_case(number)
        if not case.is_open:
            raise DomainError("error-case-closed")
        updated = await self.cases.assign(number, actor_id, {"by": actor_name})
        await self.refresh_card(updated)
        return updated

    # ------------------------------------------------------------------ replies

    async def remember_citizen_message(self, case: Case, message_id: int) -> None:
        """Note that this message in the citizen's chat is about ``case`` (a reply adds to it)."""
        if case.user_id is not None:
            await self.repo.remember(
                [case.id], case.user_id, message_id, "citizen", self.clock.now()
            )

    async def case_of_citizen_reply(self, user_id: int, message_id: int) -> str | None:
        """The case a citizen's Telegram reply is about, when it answers one of the office's
        messages in their own chat; None otherwise."""
        numbers = await self.repo.cases_for_message(user_id, message_id)
        return numbers[0] if len(numbers) == 1 else None

    async def cases_of_message(self, chat_id: int, message_id: int) -> list[str]:
        """The case numbers a staff-chat message belongs to (empty: not about a case)."""
        return await self.repo.cases_for_message(chat_id, message_id)

    async def reply(
        self,
        number: str,
        actor_id: int,
        actor_name: str,
        text: str | None,
        attachment: Attachment | None,
    ) -> ReplyOutcome:
        """A staff member's Telegram reply: to the citizen, signed as the office, or with
        `#note` an internal note."""
        case = await self.cases.staff_case(number)
        body = (text or "").strip()
        internal = body.casefold().startswith(NOTE_PREFIXES)
        if internal:
            body = body.split(maxsplit=1)[1] if " " in body or "\n" in body else ""
        elif case.user_id is None:
            raise DomainError("staff-error-unreachable", number=case.number)
        files = [attachment] if attachment else []
        updated, _ = await self.cases.staff_message(
            case, actor_id, body or None, files, internal=internal, data={"by": actor_name}
        )
        delivered = False
        if not internal and case.user_id is not None:
            t = self._citizen_t(case)
            message = t(
                "staff-reply-to-citizen",
                number=case.number,
                office=self.settings.office_name_for(t.locale),
                text=body,
            )
            sent = await self.citizens.to_citizen(
                case.user_id, message, attachment, self.markup.citizen_open(t, case.number)
            )
            delivered = sent is not None
            if sent is not None:
                await self.remember_citizen_message(case, sent)
        if updated.first_reply_at != case.first_reply_at:
            await self.refresh_card(updated)
        return ReplyOutcome(number=case.number, internal=internal, delivered=delivered)

    # ------------------------------------------------------------------ looking

    async def queue(self, wanted: QueueFilter) -> list[QueueEntry]:
        """Open cases by next deadline (at most 20), with who is assigned."""
        now = self.clock.now()
        names = await self.repo.assignee_names()
        ordered = queue_order(await self.cases.open_cases(), now, wanted)[:QUEUE_MAX]
        return [
            QueueEntry(
                case=case,
                assignee=names.get(case.id),
                overdue=any(
                    now > due and not deadline_met(case, kind) for kind, due in _promises_of(case)
                ),
            )
            for case in ordered
        ]

    async def case_view(self, number: str, actor_id: int, private_chat: bool) -> CaseView:
        """The whole case with unmasked contact; the view is written to the audit log."""
        case = await self.cases.staff_case(number)
        if case.confidential and not private_chat:
            raise DomainError("staff-error-confidential-here", number=case.number)
        if case.confidential and not may_see_confidential(
            case.assignee_id, actor_id, self.settings.staff_admin_ids
        ):
            await self.audit.record(self.clock.now(), actor_id, "confidential_refused", case.number)
            raise DomainError("staff-error-confidential-assignee", number=case.number)
        events = await self.cases.all_events(case)
        group = None
        if case.kind is CaseKind.WAGE_ARREARS:
            try:
                group = await self.wages.group_for(case.number)
            except (DomainError, ValueError, KeyError):
                log.warning("no wage group for %s", case.number)
        await self.audit.record(
            self.clock.now(), actor_id, "staff_view_case", case.number, "unmasked contact"
        )
        return CaseView(
            case=case,
            events=events,
            files=len(await self.cases.files(case)),
            assignee=_assignee(events),
            actions=actions_for(case.status),
            wage_group=group,
        )

    async def remember_view(self, number: str, chat_id: int, message_id: int) -> None:
        """A /case view in the staff chat: replying to it reaches the citizen too."""
        if chat_id != self.settings.staff_chat_id:
            return
        case = await self.cases.staff_case(number)
        await self.repo.remember([case.id], chat_id, message_id, "view", self.clock.now())

    async def link_wage_reports(self, a: str, b: str, same: bool, actor_id: int) -> None:
        """Staff confirm (or split) a suggested grouping of two wage reports."""
        if same:
            await self.wages.confirm_same_employer(a, b, actor_id)
        else:
            await self.wages.split(a, b, actor_id)

    # ------------------------------------------------------------------ figures

    async def stats(self, period: str | None) -> StatsReport:
        """The figures of DOMAIN.md for the cases received in a period."""
        now = self.clock.now()
        start, end = parse_period(period, now, self.settings.tz)
        cases = await self.cases.cases_received(start, end)
        return StatsReport(
            start=start, end=end, rates=compute_rates([facts_of(c) for c in cases], now)
        )

    async def export(self, period: str | None, full: bool, actor_id: int) -> Export:
        """The period's cases as CSV; contacts masked unless an admin asks for `full` (audited)."""
        now = self.clock.now()
        if full and not self.is_admin(actor_id):
            await self.audit.record(now, actor_id, "staff_export_refused", period or "this-month")
            raise DomainError("staff-error-admin-only")
        start, end = parse_period(period, now, self.settings.tz)
        cases = await self.cases.cases_received(start, end)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(EXPORT_COLUMNS)
        for case in cases:
            writer.writerow(self._export_row(case, full))
        await self.audit.record(
            now,
            actor_id,
            "staff_export_full" if full else "staff_export",
            f"{start.date()}..{end.date()}",
            f"{len(cases)} cases",
        )
        tz = self.settings.tz
        last_day = (end - timedelta(days=1)).astimezone(tz).date()
        name = f"cases-{start.astimezone(tz).date()}-{last_day}{'-full' if full else ''}.csv"
        # a BOM so spreadsheet programs read the Chinese text as UTF-8
        return Export(
            filename=name,
            content=buffer.getvalue().encode("utf-8-sig"),
            rows=len(cases),
            full=full,
        )

    def _export_row(self, case: Case, full: bool) -> list[str]:
        tz = self.settings.tz

        def when(moment: datetime | None) -> str:
            return f"{moment.astimezone(tz):%Y-%m-%d %H:%M}" if moment else ""

        name, phone, id_number = (
            case.contact_name or "",
            case.contact_phone or "",
            case.id_number or "",
        )
        if not full:
            name = mask_name(name) if name else ""
            phone = mask_phone(phone) if phone else ""
            id_number = mask_id_number(id_number) if id_number else ""
        return [
            case.number,
            case.kind.value,
            case.status.value,
            case.priority.value,
            "yes" if case.confidential else "no",
            when(case.received_at),
            when(case.procedural_due),
            when(case.fast_track_due),
            when(case.first_reply_at),
            when(case.result_due),
            when(case.result_at),
            when(case.closed_at),
            str(case.assignee_id or ""),
            "yes" if case.anonymous else "no",
            name,
            phone,
            id_number,
            case.place or "",
            str(case.rating or ""),
            case.description if full and not case.confidential else "",
        ]

    # ------------------------------------------------------------------ deadlines

    async def schedule_deadlines(self, case: Case) -> None:
        """One reminder per promise, the instant after it falls due (re-checked when it fires)."""
        for kind, due in _promises_of(case):
            await self.reminders.schedule(
                f"deadline_{kind.value}",
                f"deadline:{case.number}:{kind.value}",
                due + DUE_AFTER,
                {"number": case.number},
            )

    async def ensure_digest(self) -> None:
        """At start-up: make sure the next daily digest is in the reminders table."""
        now = self.clock.now()
        at = next_digest_at(now, parse_digest_time(self.settings.digest_time), self.settings.tz)
        await self.reminders.schedule(DIGEST_KIND, f"digest:{at.date().isoformat()}", at)

    async def _alert(self, case: Case, text: str) -> None:
        await self.outbox.post(
            text,
            purpose="alert",
            case_id=case.id,
            line=_shorten(text, LINE_CHARS),
            merge_button=self.markup.show_card(self.t, case.number),
            thread=True,
        )
        if case.assignee_id is not None:
            # privately too; Telegram refuses when the assignee never started the bot
            await self.notifier.to_user(case.assignee_id, text)

    async def _find(self, row: ReminderRow) -> Case | None:
        try:
            return await self.cases.staff_case(str(row.payload.get("number", "")))
        except DomainError:
            return None

    async def on_deadline(self, row: ReminderRow) -> bool:
        """A promise just fell due: one alert if it is still unmet (False: kept, nothing sent)."""
        case = await self._find(row)
        if case is None:
            return False
        kind = DeadlineKind(row.kind.removeprefix("deadline_"))
        if kind is DeadlineKind.RESULT and case.is_open and case.status is not CaseStatus.ANSWERED:
            await self._schedule_progress(case, 1)
        if deadline_met(case, kind):
            return False
        t = self.t
        names = await self.repo.assignee_names()
        due = {
            DeadlineKind.PROCEDURAL: case.procedural_due,
            DeadlineKind.RESULT: case.result_due,
            DeadlineKind.FAST_TRACK: case.fast_track_due or case.procedural_due,
        }[kind]
        await self._alert(
            case,
            t(
                "staff-alert-overdue",
                number=case.number,
                kind=t(f"kind-{case.kind.value}"),
                promise=t(f"staff-deadline-{kind.value}"),
                date=self._date(due),
                assignee=names.get(case.id) or t("staff-unassigned"),
            ),
        )
        return True

    async def _schedule_progress(self, case: Case, month: int) -> None:
        due = progress_due(case.result_due, month, self.settings.tz)
        at = datetime.combine(
            due.astimezone(self.settings.tz).date(),
            parse_digest_time(self.settings.digest_time),
            tzinfo=self.settings.tz,
        )
        await self.reminders.schedule(
            PROGRESS_KIND,
            f"deadline:{case.number}:progress:{month}",
            at,
            {"number": case.number, "month": month, "due": due.isoformat()},
        )

    async def on_progress(self, row: ReminderRow) -> bool:
        """Monthly, while a case stays open past 3 months: a progress reply is due today."""
        case = await self._find(row)
        if case is None or not case.is_open or case.status is CaseStatus.ANSWERED:
            return False
        month = int(row.payload.get("month", 1))
        await self._schedule_progress(case, month + 1)
        since = self.clock.now() - timedelta(days=28)
        events = await self.cases.all_events(case)
        if any(e.actor == "staff" and e.visible and e.at >= since for e in events):
            return False  # a reply went out this month: the promise is being kept
        t = self.t
        names = await self.repo.assignee_names()
        await self._alert(
            case,
            t(
                "staff-alert-progress",
                number=case.number,
                months=month + 3,  # 3 months for the result, then monthly
                date=self._date(datetime.fromisoformat(str(row.payload["due"]))),
                assignee=names.get(case.id) or t("staff-unassigned"),
            ),
        )
        return True

    async def on_digest(self, row: ReminderRow) -> bool:
        """09:00 every day: promises due within 2 days and every overdue one, with assignees."""
        await self.ensure_digest()
        now = self.clock.now()
        open_cases = await self.cases.open_cases()
        by_number = {case.number: case for case in open_cases}
        items = digest_items(open_cases, now)
        if not items:
            return True  # nothing near: no post, the chat stays quiet
        names = await self.repo.assignee_names()
        lines = [self._digest_line(item, by_number[item.number], names, now) for item in items]
        t = self.t
        overdue = sum(item.overdue for item in items)
        header = t(
            "staff-digest-title", date=self._date(now), overdue=overdue, soon=len(items) - overdue
        )
        chunk: list[str] = [header]
        for line in lines:
            if sum(len(x) + 1 for x in chunk) + len(line) > DIGEST_CHUNK:
                await self.outbox.post("\n".join(chunk), purpose="digest")
                chunk = [t("staff-digest-more")]
            chunk.append(line)
        await self.outbox.post("\n".join(chunk), purpose="digest")
        return True

    def _digest_line(self, item: DueItem, case: Case, names: dict[int, str], now: datetime) -> str:
        t = self.t
        tz = self.settings.tz
        # whole calendar days in the office's zone, as people count them
        days = abs((item.due_at.astimezone(tz).date() - now.astimezone(tz).date()).days)
        return t(
            "staff-digest-line-overdue" if item.overdue else "staff-digest-line-soon",
            number=item.number,
            kind=t(f"kind-{case.kind.value}"),
            promise=t(f"staff-deadline-{item.kind.value}"),
            date=self._date(item.due_at),
            days=days,
            assignee=names.get(case.id) or t("staff-unassigned"),
        )


def _promises_of(case: Case) -> list[tuple[DeadlineKind, datetime]]:
    promises = [
        (DeadlineKind.PROCEDURAL, case.procedural_due),
        (DeadlineKind.RESULT, case.result_due),
    ]
    if case.fast_track_due is not None:
        promises.append((DeadlineKind.FAST_TRACK, case.fast_track_due))
    return promises


def _assignee(events: list[CaseEvent]) -> str | None:
    assigned = [e for e in events if e.type is EventType.ASSIGNED]
    return assigned[-1].data.get("by") if assigned else None


_STATUS_EVENTS = frozenset(
    {
        EventType.ACCEPTED,
        EventType.TRANSFERRED,
        EventType.NEEDS_INFO,
        EventType.REJECTED,
        EventType.IN_PROGRESS,
        EventType.ANSWERED,
        EventType.CLOSED,
        EventType.ASSIGNED,
    }
)


def _last_staff_action(events: list[CaseEvent]) -> CaseEvent | None:
    for event in reversed(events):
        if event.actor == "staff" and event.type in _STATUS_EVENTS:
            return event
    return None


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
