"""The staff-chat outbox: every post to the staff chat waits here, within Telegram's group limit.

Telegram accepts about 20 messages a minute into one group. Posts are stored first (so a crash
loses none), then `flush` sends what the last 60 seconds leave room for. While the budget lasts
each post goes alone (a card keeps its own buttons and thread). When more are waiting than the
budget allows, the one-line ones are merged into a single post per 25 lines, with an "open"
button per case; files are never merged, they wait. Nothing is ever dropped: what does not fit
stays pending for the next flush (after every post, and every few seconds from the JobQueue).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Protocol

from bot.clock import Clock
from storage.staff import Buttons, MessageKind, OutboxRow, StaffRepository

log = logging.getLogger(__name__)

GROUP_LIMIT_PER_MINUTE = 20
# the outbox leaves two messages a minute for the bot's answers to staff pressing buttons
OUTBOX_BUDGET = GROUP_LIMIT_PER_MINUTE - 2
WINDOW = timedelta(seconds=60)
MERGE_LINES = 25
TEXT_MAX = 4000


class StaffChat(Protocol):
    """The staff chat (and citizens' chats) on the other side; bot.app plugs in Telegram."""

    async def post(self, text: str, buttons: Buttons, reply_to: int | None) -> int | None:
        """Post to the staff chat; the message id, or None if Telegram refused."""
        ...

    async def post_file(
        self, kind: str, file_id: str, caption: str, reply_to: int | None
    ) -> int | None:
        """Forward a citizen's file (a photo or a document) to the staff chat."""
        ...

    async def edit(self, message_id: int, text: str, buttons: Buttons) -> bool:
        """Change a staff-chat message (a case card) in place."""
        ...


_KIND_OF_PURPOSE: dict[str, MessageKind] = {"card": "card", "relay": "relay", "file": "file"}


class StaffOutbox:
    def __init__(
        self,
        repo: StaffRepository,
        clock: Clock,
        chat: StaffChat,
        chat_id: int | None,
        merged_header: Callable[[int], str],
    ) -> None:
        self.repo = repo
        self.clock = clock
        self.chat = chat
        self.chat_id = chat_id
        self.merged_header = merged_header
        self._lock = asyncio.Lock()

    async def post(
        self,
        text: str,
        *,
        purpose: str,
        case_id: int | None = None,
        line: str | None = None,
        buttons: Buttons | None = None,
        merge_button: tuple[str, str] | None = None,
        file: dict[str, str] | None = None,
        thread: bool = False,
    ) -> None:
        """Queue a post for the staff chat and send what the minute's budget allows.

        `line` is the post's line in a merged post (None: never merged); `thread` posts it as a
        reply to the case's card.
        """
        if self.chat_id is None:
            return
        await self.repo.enqueue(
            case_id=case_id,
            purpose=purpose,
            text=text[:TEXT_MAX],
            line=line,
            buttons=buttons or [],
            merge_button=merge_button,
            file=file,
            thread=thread,
            now=self.clock.now(),
        )
        await self.flush()

    async def recover(self) -> int:
        """At start-up: posts a crash interrupted are sent again."""
        return await self.repo.release_interrupted()

    async def flush(self) -> int:
        """Send what is waiting, within the group limit; returns how many messages went out."""
        if self.chat_id is None:
            return 0
        async with self._lock:  # the job and a handler may flush at the same time
            now = self.clock.now()
            rows = await self.repo.pending(now)
            if not rows:
                return 0
            budget = OUTBOX_BUDGET - await self.repo.messages_sent_since(now - WINDOW)
            if budget <= 0:
                return 0
            if len(rows) <= budget:
                plan = [[row] for row in rows]
            else:
                lines = [row for row in rows if row.line is not None]
                alone = [row for row in rows if row.line is None]
                plan = [lines[i : i + MERGE_LINES] for i in range(0, len(lines), MERGE_LINES)]
                plan += [[row] for row in alone]
            sent = 0
            for group in plan[:budget]:
                if await self._send(group):
                    sent += 1
            return sent

    async def _send(self, group: list[OutboxRow]) -> bool:
        assert self.chat_id is not None
        ids = [row.id for row in group]
        await self.repo.claim(ids)
        now = self.clock.now()
        if len(group) == 1:
            row = group[0]
            reply_to = await self._thread_anchor(row)
            if row.file:
                message_id = await self.chat.post_file(
                    row.file["kind"], row.file["file_id"], row.text, reply_to
                )
            else:
                message_id = await self.chat.post(row.text, row.buttons, reply_to)
            kind = _KIND_OF_PURPOSE.get(row.purpose)
            case_ids = [row.case_id] if row.case_id is not None and kind else []
        else:
            text = "\n".join([self.merged_header(len(group)), *(row.line or "" for row in group)])
            buttons = [row.merge_button for row in group if row.merge_button]
            rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
            message_id = await self.chat.post(text[:TEXT_MAX], rows, None)
            kind = "merged"
            case_ids = sorted({row.case_id for row in group if row.case_id is not None})
        if message_id is None:
            attempts = max(row.attempts for row in group) + 1
            await self.repo.retry_later(ids, now + timedelta(minutes=min(2**attempts, 60)))
            log.warning("staff chat refused a post; %d rows retried later", len(ids))
            return False
        await self.repo.mark_sent(ids, message_id, now)
        if case_ids and kind:
            await self.repo.remember(case_ids, self.chat_id, message_id, kind, now)
        return True

    async def _thread_anchor(self, row: OutboxRow) -> int | None:
        if not row.thread or row.case_id is None or self.chat_id is None:
            return None
        anchor = await self.repo.anchor(row.case_id, self.chat_id)
        return anchor[0] if anchor else None
