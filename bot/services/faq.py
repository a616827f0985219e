"""Questions answered from the knowledge base, a person when not, and danger alerts stored."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.clock import Clock
from bot.domain.cases import DESCRIPTION_MAX, DESCRIPTION_MIN, CaseKind, FiledCase, NewCase
from bot.domain.encoder import encoder, release_memory
from bot.domain.faq import FaqEntry, FaqIndex, FaqMatch, load_index
from bot.domain.triage import (
    DangerSignal,
    detect_danger,
    load_detector,
    mentions_minor,
    model_ready,
    wait_for_model,
)
from bot.domain.validation import check_text
from bot.domain.wages import mentions_wages
from bot.logging_setup import redact
from bot.services.cases import CaseService
from storage.faq import EntryFeedback, FaqRepository, Helpful, UnansweredQuestion

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
KB_LANGS = ("zh-CN", "en")
REPORT_DAYS = 30
REPORT_ENTRIES = 10
REPORT_QUESTIONS = 15
# Questions are stored for the staff report; longer text adds nothing there.
STORED_QUESTION_MAX = 500
# How long a message may wait for the danger model right after a start (it loads in ~3 s).
STARTUP_WAIT_SECONDS = 20.0
# The models start loading this long after start-up, once the waiting updates had their turn.
WARM_UP_DELAY_SECONDS = 1.0
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]{3,}")


@dataclass(frozen=True)
class FaqReport:
    """What /faq_report shows: the least helpful entries and recent unanswered questions."""

    since: datetime
    least_helpful: list[EntryFeedback]
    unanswered: list[UnansweredQuestion]
    unanswered_total: int


class FaqService:
    def __init__(
        self,
        repo: FaqRepository,
        clock: Clock,
        cases: CaseService,
        default_locale: str,
        locales_dir: Path = LOCALES_DIR,
    ) -> None:
        self.repo = repo
        self.clock = clock
        self.cases = cases
        self.default_locale = default_locale
        self.locales_dir = locales_dir

    def _lang(self, locale: str) -> str:
        return locale if locale in KB_LANGS else self.default_locale

    def index(self, locale: str) -> FaqIndex:
        """The knowledge base in ``locale``, built on first use and then kept (load_index caches)."""
        return load_index(self.locales_dir, self._lang(locale))

    def warm_up(self) -> None:
        """Load the encoder, encode every wording and the danger examples (a few seconds)."""
        enc = encoder(wait=True)
        for lang in KB_LANGS:
            self.index(lang).prepare(enc)
        detector = load_detector()
        if enc is not None and detector.model is not None:
            detector.memory(enc)
        release_memory()

    def warm_up_in_background(self, delay: float = WARM_UP_DELAY_SECONDS) -> None:
        """:meth:`warm_up` in a daemon thread after ``delay``: loading the encoder holds
        Python's lock for a second or two, and the updates waiting at start go first."""
        timer = threading.Timer(delay, self.warm_up)
        timer.name, timer.daemon = "faq-warm-up", True
        timer.start()

    def answer(self, question: str, locale: str) -> FaqMatch:
        """Match a citizen's question; entries come back in the citizen's language.

        People mix languages: when the citizen's language finds nothing and the text is
        written in the other script, the other language's knowledge base is tried too.
        """
        lang = self._lang(locale)
        match = self.index(lang).match(question)
        if match.outcome != "unknown":
            return match
        other = "zh-CN" if lang == "en" else "en"
        written_in_other = _CJK.search(question) if other == "zh-CN" else _LATIN.search(question)
        if not written_in_other:
            return match
        fallback = self.index(other).match(question)
        if fallback.outcome == "unknown":
            return match
        own = self.index(lang)
        # Same ids in every language: show the citizen the entries in their own language.
        entries = tuple(own.get(e.id) or e for e in fallback.entries)
        return fallback.model_copy(update={"entries": entries})

    def entry(self, entry_id: str, locale: str) -> FaqEntry | None:
        """One entry in the citizen's language, or None if the id is unknown (e.g. a stale button)."""
        return self.index(locale).get(entry_id)

    def related(self, entry: FaqEntry, locale: str) -> list[FaqEntry]:
        """The entries an entry points to, in the citizen's language."""
        return self.index(locale).related(entry)

    async def record_feedback(
        self,
        entry_id: str | None,
        locale: str,
        question: str,
        helpful: Helpful,
        user_id: int | None,
    ) -> None:
        """Store whether an answer helped ("yes", "no" or "person": wants a person)."""
        await self.repo.add_feedback(
            entry_id,
            self._lang(locale),
            _stored(question),
            helpful,
            self.clock.now(),
            user_id,
        )

    async def record_unanswered(self, question: str, locale: str) -> None:
        """Store a question nothing in the knowledge base answered, for the staff report."""
        await self.repo.add_unanswered(_stored(question), self._lang(locale), self.clock.now())

    async def report(self, since: datetime | None = None) -> FaqReport:
        """Least helpful entries and unanswered questions since ``since`` (default: 30 days)."""
        since = since or self.clock.now() - timedelta(days=REPORT_DAYS)
        feedback = await self.repo.feedback_since(since)
        least = [f for f in feedback if f.no + f.person > 0][:REPORT_ENTRIES]
        unanswered, total = await self.repo.unanswered_since(since, REPORT_QUESTIONS)
        return FaqReport(since, least, unanswered, total)

    async def ask_person(
        self, question: str, user_id: int, locale: str, name: str | None
    ) -> FiledCase:
        """File the question as an inquiry case, so it reaches staff like any case.

        Raises DomainError("error-too-short"/"error-too-long") when the question cannot be a
        case description; asking the same question twice returns the first case.
        """
        description = check_text(question, DESCRIPTION_MIN, DESCRIPTION_MAX)
        digest = hashlib.sha256(f"{user_id}:{description}".encode()).hexdigest()[:16]
        new = NewCase(
            kind=CaseKind.INQUIRY,
            description=description,
            anonymous=False,
            contact_name=name,
            contact_phone=None,
            submission_key=f"faq-{digest}",
            user_id=user_id,
            locale=locale,
        )
        return await self.cases.file_case(new)

    async def danger(self, text: str, locale: str) -> DangerSignal | None:
        """Signs in a message that someone is in danger now, or None.

        In the seconds after a start, while the model loads, a message the rules find nothing
        in waits for the model (at most STARTUP_WAIT_SECONDS, off the event loop): the updates
        that arrived while the bot was down are handled first, and a cry for help in unusual
        words among them must not get the rules' "nothing" for want of a few seconds.
        """
        signal = detect_danger(text, locale)
        if signal is None and not text.lstrip().startswith("/") and not model_ready():
            if await asyncio.to_thread(wait_for_model, STARTUP_WAIT_SECONDS):
                signal = detect_danger(text, locale)
        return signal

    def mentions_minor(self, text: str) -> bool:
        """True when a message talks about a child (offer the confidential minor form)."""
        return mentions_minor(text)

    def mentions_wages(self, text: str) -> bool:
        """True when a message is about unpaid wages (offer the wage form beside the answer)."""
        return mentions_wages(text)

    async def record_danger(self, user_id: int | None, category: str, text: str) -> str:
        """Store a danger alert; returns the text with phone and ID numbers masked."""
        masked = redact(text)
        await self.repo.add_danger_alert(self.clock.now(), user_id, category, masked)
        log.warning("danger alert (%s) from user %s", category, user_id)
        return masked


def _stored(question: str) -> str:
    """A question as kept for staff: phone and ID numbers masked, length bounded."""
    return redact(question.strip())[:STORED_QUESTION_MAX]
