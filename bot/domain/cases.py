"""Cases: what a citizen can file, how a case moves, and the rules around it.

Allowed status transitions (anything not listed raises :class:`TransitionError`):

============  ==========================================================
from          to
============  ==========================================================
submitted     accepted, transferred, needs_info, rejected
needs_info    accepted, in_progress, transferred, rejected, needs_info
accepted      in_progress, answered, transferred, needs_info
in_progress   answered, needs_info, transferred
answered      closed, in_progress
transferred   closed
rejected      closed
closed        reopened (also needs :func:`can_reopen`: within 30 days, once)
reopened      accepted, in_progress, answered, needs_info
============  ==========================================================

Why the less obvious rows:

- ``needs_info -> needs_info``: staff may ask a second time when the material sent
  is still not enough; each request is its own timeline event and citizen notice.
- ``needs_info -> in_progress``: a case asked for more material *after* it was
  accepted goes back to work without a second "accepted" notice.
- ``reopened -> needs_info``: a citizen who reopens often has to send something new.
- ``answered -> in_progress``: staff take an answered case back before closing it.

Everything a kind asks for lives as data in :data:`KIND_SPECS`; handlers render
forms from it and never branch on a kind themselves.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.domain.errors import DomainError

__all__ = [
    "ALLOWED_EXTENSIONS",
    "ALLOWED_FILE_TYPES",
    "ALLOWED_MIME_TYPES",
    "CASE_NUMBER_DIGITS",
    "DESCRIPTION_MAX",
    "DESCRIPTION_MIN",
    "FILEABLE_KINDS",
    "KIND_SPECS",
    "LOOKUP_LOCK",
    "LOOKUP_MAX_FAILURES",
    "LOOKUP_WINDOW",
    "MAX_ATTACHMENTS",
    "MAX_FILE_BYTES",
    "OPEN_STATUSES",
    "PROCEDURAL_REPLY_STATUSES",
    "REOPEN_WINDOW_DAYS",
    "TRANSITIONS",
    "CaseKind",
    "CaseStatus",
    "DomainError",
    "EventType",
    "FieldSpec",
    "KindSpec",
    "Priority",
    "Satisfaction",
    "TransitionError",
    "Visibility",
    "can_reopen",
    "check_attachment",
    "check_reopen",
    "check_transition",
    "event_for_status",
    "format_case_number",
    "hash_access_code",
    "is_bad_rating",
    "is_open",
    "is_satisfied",
    "lookup_locked",
    "new_access_code",
    "parse_case_number",
    "verify_access_code",
    "visible_to_citizen",
]


# --------------------------------------------------------------------------- kinds


class CaseKind(StrEnum):
    """What a citizen files; the value is stored and used in callback data."""

    INQUIRY = "inquiry"
    COMPLAINT = "complaint"
    APPEAL = "appeal"
    REPORT = "report"
    COMPENSATION = "compensation"
    JUDICIAL_AID = "judicial_aid"
    WAGE_ARREARS = "wage_arrears"
    MINOR_PROTECTION = "minor_protection"
    SUGGESTION = "suggestion"


class Priority(StrEnum):
    """How soon staff should look at a case."""

    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Visibility(StrEnum):
    """Who on the staff side may see a case's details."""

    # every member of the staff chat
    STAFF = "staff"
    # details withheld from the staff chat; only assigned staff and admins (minors)
    CONFIDENTIAL = "confidential"


FieldKind = Literal["text", "date", "choice"]


class FieldSpec(BaseModel):
    """One extra question a kind asks (like an Open311 service attribute).

    The prompt is ``key``; a choice's label is ``f"{key}-{choice}"``.
    """

    model_config = ConfigDict(frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    key: str
    kind: FieldKind = "text"
    required: bool = True
    max_len: int | None = None
    choices: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _choices_only_for_choice(self) -> FieldSpec:
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"choice field {self.name!r} needs choices")
        if self.kind != "choice" and self.choices:
            raise ValueError(f"only choice fields take choices ({self.name!r})")
        return self


class KindSpec(BaseModel):
    """Everything that differs between case kinds, as data."""

    model_config = ConfigDict(frozen=True)

    kind: CaseKind
    key: str
    anonymous_allowed: bool = True
    visibility: Visibility = Visibility.STAFF
    priority: Priority = Priority.NORMAL
    fast_track_days: int | None = None
    extra_fields: tuple[FieldSpec, ...] = ()

    @property
    def confidential(self) -> bool:
        """True when the case must not be shown in full in the staff chat."""
        return self.visibility is Visibility.CONFIDENTIAL

    def field(self, name: str) -> FieldSpec:
        """Return the extra field called ``name`` (KeyError if the kind has none)."""
        for spec in self.extra_fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


def _text(name: str, kind: CaseKind, *, required: bool = True, max_len: int = 200) -> FieldSpec:
    return FieldSpec(name=name, key=f"field-{kind}-{name}", required=required, max_len=max_len)


def _date(name: str, kind: CaseKind, *, required: bool = True) -> FieldSpec:
    return FieldSpec(name=name, key=f"field-{kind}-{name}", kind="date", required=required)


def _choice(
    name: str, kind: CaseKind, choices: Sequence[str], *, required: bool = True
) -> FieldSpec:
    return FieldSpec(
        name=name,
        key=f"field-{kind}-{name}",
        kind="choice",
        required=required,
        choices=tuple(choices),
    )


_K = CaseKind

KIND_SPECS: dict[CaseKind, KindSpec] = {
    _K.INQUIRY: KindSpec(kind=_K.INQUIRY, key="kind-inquiry"),
    _K.COMPLAINT: KindSpec(
        kind=_K.COMPLAINT,
        key="kind-complaint",
        extra_fields=(_text("respondent", _K.COMPLAINT),),
    ),
    _K.APPEAL: KindSpec(
        kind=_K.APPEAL,
        key="kind-appeal",
        # an appeal is against a decision about the appellant: we must reach them
        anonymous_allowed=False,
        extra_fields=(
            _text("decision", _K.APPEAL),
            _date("decision_date", _K.APPEAL, required=False),
        ),
    ),
    _K.REPORT: KindSpec(
        kind=_K.REPORT,
        key="kind-report",
        extra_fields=(
            _text("subject", _K.REPORT),
            _choice("public_interest", _K.REPORT, ("yes", "no")),
        ),
    ),
    _K.COMPENSATION: KindSpec(
        kind=_K.COMPENSATION,
        key="kind-compensation",
        anonymous_allowed=False,
        extra_fields=(
            _text("organ", _K.COMPENSATION),
            _text("decision", _K.COMPENSATION, required=False),
        ),
    ),
    _K.JUDICIAL_AID: KindSpec(
        kind=_K.JUDICIAL_AID,
        key="kind-judicial_aid",
        anonymous_allowed=False,
        extra_fields=(_text("harm", _K.JUDICIAL_AID, max_len=1000),),
    ),
    _K.WAGE_ARREARS: KindSpec(
        kind=_K.WAGE_ARREARS,
        key="kind-wage_arrears",
        anonymous_allowed=False,
        priority=Priority.HIGH,
        # "三快一优": a decision on supporting a lawsuit within 3 days
        fast_track_days=3,
        extra_fields=(
            _choice("work_type", _K.WAGE_ARREARS, ("construction", "other")),
            _text("employer", _K.WAGE_ARREARS),
            _text("employer_address", _K.WAGE_ARREARS, required=False),
            _text("project", _K.WAGE_ARREARS, required=False),
            _date("unpaid_from", _K.WAGE_ARREARS),
            _date("unpaid_to", _K.WAGE_ARREARS, required=False),
            _text("amount", _K.WAGE_ARREARS, max_len=30),
            _text("workers", _K.WAGE_ARREARS, required=False, max_len=10),
            _text("work_done", _K.WAGE_ARREARS, required=False, max_len=500),
        ),
    ),
    _K.MINOR_PROTECTION: KindSpec(
        kind=_K.MINOR_PROTECTION,
        key="kind-minor_protection",
        visibility=Visibility.CONFIDENTIAL,
        priority=Priority.URGENT,
        extra_fields=(
            # age bands follow the thresholds of criminal responsibility (12, 14, 16)
            _choice(
                "child_age",
                _K.MINOR_PROTECTION,
                ("age_0_5", "age_6_11", "age_12_13", "age_14_15", "age_16_17", "unknown"),
            ),
            _choice(
                "relation",
                _K.MINOR_PROTECTION,
                ("parent", "relative", "teacher", "neighbour", "child_self", "other"),
            ),
        ),
    ),
    _K.SUGGESTION: KindSpec(
        kind=_K.SUGGESTION,
        key="kind-suggestion",
        extra_fields=(_choice("topic", _K.SUGGESTION, ("parking", "rubbish", "wires", "other")),),
    ),
}

# order of the kind menu; inquiries arrive through the FAQ instead
FILEABLE_KINDS: list[CaseKind] = [
    CaseKind.COMPLAINT,
    CaseKind.APPEAL,
    CaseKind.REPORT,
    CaseKind.COMPENSATION,
    CaseKind.JUDICIAL_AID,
    CaseKind.MINOR_PROTECTION,
    CaseKind.SUGGESTION,
]


# ------------------------------------------------------------------------ statuses


class CaseStatus(StrEnum):
    """Where a case stands; see the module docstring for the transitions."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    TRANSFERRED = "transferred"
    NEEDS_INFO = "needs_info"
    REJECTED = "rejected"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CLOSED = "closed"
    REOPENED = "reopened"


_S = CaseStatus

TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    _S.SUBMITTED: frozenset({_S.ACCEPTED, _S.TRANSFERRED, _S.NEEDS_INFO, _S.REJECTED}),
    _S.NEEDS_INFO: frozenset(
        {_S.ACCEPTED, _S.IN_PROGRESS, _S.TRANSFERRED, _S.REJECTED, _S.NEEDS_INFO}
    ),
    _S.ACCEPTED: frozenset({_S.IN_PROGRESS, _S.ANSWERED, _S.TRANSFERRED, _S.NEEDS_INFO}),
    _S.IN_PROGRESS: frozenset({_S.ANSWERED, _S.NEEDS_INFO, _S.TRANSFERRED}),
    _S.ANSWERED: frozenset({_S.CLOSED, _S.IN_PROGRESS}),
    _S.TRANSFERRED: frozenset({_S.CLOSED}),
    _S.REJECTED: frozenset({_S.CLOSED}),
    _S.CLOSED: frozenset({_S.REOPENED}),
    _S.REOPENED: frozenset({_S.ACCEPTED, _S.IN_PROGRESS, _S.ANSWERED, _S.NEEDS_INFO}),
}

# a first move to one of these keeps the 7-day promise (DOMAIN.md "The two promises")
PROCEDURAL_REPLY_STATUSES: frozenset[CaseStatus] = frozenset(
    {_S.ACCEPTED, _S.TRANSFERRED, _S.NEEDS_INFO, _S.REJECTED}
)

OPEN_STATUSES: frozenset[CaseStatus] = frozenset(set(CaseStatus) - {_S.CLOSED})

REOPEN_WINDOW_DAYS = 30
MAX_REOPENS = 1


class TransitionError(DomainError):
    """A status change the rules do not allow."""

    def __init__(self, old: CaseStatus, new: CaseStatus) -> None:
        super().__init__("error-transition", old=str(old), new=str(new))
        self.old = old
        self.new = new


def check_transition(old: CaseStatus, new: CaseStatus) -> None:
    """Raise :class:`TransitionError` unless ``old -> new`` is in :data:`TRANSITIONS`."""
    if new not in TRANSITIONS[CaseStatus(old)]:
        raise TransitionError(CaseStatus(old), CaseStatus(new))


def is_open(status: CaseStatus) -> bool:
    """True while the office still owes the citizen something on this case."""
    return status in OPEN_STATUSES


def can_reopen(closed_at: datetime, now: datetime, reopen_count: int) -> bool:
    """True if a closed case may be reopened: within 30 days of closing, and only once."""
    if reopen_count >= MAX_REOPENS:
        return False
    return now - closed_at <= timedelta(days=REOPEN_WINDOW_DAYS)


def check_reopen(closed_at: datetime, now: datetime, reopen_count: int) -> None:
    """Like :func:`can_reopen`, but raises a DomainError saying why not.

    Keys: ``error-reopen-once`` (no kwargs), ``error-reopen-expired`` (``days``).
    """
    if reopen_count >= MAX_REOPENS:
        raise DomainError("error-reopen-once")
    if not can_reopen(closed_at, now, reopen_count):
        raise DomainError("error-reopen-expired", days=REOPEN_WINDOW_DAYS)


# ------------------------------------------------------------------------- limits

DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 4000
MAX_ATTACHMENTS = 10
# the cloud Bot API's getFile refuses larger files anyway
MAX_FILE_BYTES = 20 * 1024 * 1024

# MIME type -> file name extensions it may carry
ALLOWED_FILE_TYPES: dict[str, frozenset[str]] = {
    "image/jpeg": frozenset({"jpg", "jpeg"}),
    "image/png": frozenset({"png"}),
    "image/webp": frozenset({"webp"}),
    "image/heic": frozenset({"heic"}),
    "image/heif": frozenset({"heif", "heic"}),
    "application/pdf": frozenset({"pdf"}),
    "application/msword": frozenset({"doc"}),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": frozenset({"docx"}),
    "application/vnd.ms-excel": frozenset({"xls"}),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": frozenset({"xlsx"}),
    "text/plain": frozenset({"txt"}),
}
ALLOWED_MIME_TYPES: frozenset[str] = frozenset(ALLOWED_FILE_TYPES)
ALLOWED_EXTENSIONS: frozenset[str] = frozenset().union(*ALLOWED_FILE_TYPES.values())

# clients send these when they do not know; then the extension decides
_GENERIC_MIME_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})


def _extension(filename: str | None) -> str | None:
    if not filename or "." not in filename:
        return None
    return filename.rsplit(".", 1)[1].strip().lower() or None


def check_attachment(
    mime: str | None, filename: str | None, size: int | None, count_so_far: int
) -> None:
    """Raise a DomainError if this file may not be attached to a case.

    ``size`` may be None (Telegram does not always say); ``count_so_far`` is the
    number already attached. Keys: ``error-too-many-files`` (``max``),
    ``error-file-too-big`` (``max_mb``), ``error-file-type`` (``name``).
    """
    if count_so_far >= MAX_ATTACHMENTS:
        raise DomainError("error-too-many-files", max=MAX_ATTACHMENTS)
    if size is not None and size > MAX_FILE_BYTES:
        raise DomainError("error-file-too-big", max_mb=MAX_FILE_BYTES // (1024 * 1024))
    mime_type = (mime or "").split(";", 1)[0].strip().lower()
    ext = _extension(filename)
    if mime_type in _GENERIC_MIME_TYPES:
        allowed = ext is not None and ext in ALLOWED_EXTENSIONS
    else:
        # a known type with a name that claims another type is refused (e.g. x.exe as jpeg)
        allowed = mime_type in ALLOWED_FILE_TYPES and (
            ext is None or ext in ALLOWED_FILE_TYPES[mime_type]
        )
    if not allowed:
        raise DomainError("error-file-type", name=filename or "")


# ---------------------------------------------------------------- tracking numbers

CASE_NUMBER_DIGITS = 6
_PREFIX_RE = re.compile(r"^[A-Z]{1,10}$")
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\ufe58\ufe63\uff0d"
_CASE_NUMBER_RE = re.compile(
    r"^(?P<prefix>[A-Z]{1,10})[\s\-_/.]*(?P<year>\d{4})[\s\-_/.]*(?P<seq>\d{1,6})$",
    re.ASCII,
)


def format_case_number(prefix: str, year: int, seq: int) -> str:
    """Return the tracking number shown to citizens, e.g. ``CY-2026-000012``."""
    prefix = prefix.strip().upper()
    if not _PREFIX_RE.match(prefix):
        raise ValueError(f"tracking prefix must be 1-10 letters A-Z, got {prefix!r}")
    if not 1 <= seq < 10**CASE_NUMBER_DIGITS:
        raise ValueError(f"sequence out of range: {seq}")
    if not 2000 <= year <= 2999:
        raise ValueError(f"year out of range: {year}")
    return f"{prefix}-{year:04d}-{seq:0{CASE_NUMBER_DIGITS}d}"


_CASE_NUMBER_IN_TEXT = re.compile(
    r"(?<![A-Z0-9])(?P<prefix>[A-Z]{1,10})[\s\-_/.]{0,2}(?P<year>2\d{3})[\s\-_/.]{1,2}(?P<seq>\d{1,6})(?!\d)",
    re.ASCII,
)
_ACCESS_CODE_ALONE = re.compile(r"^\s*(\d{6})\s*$")


def find_case_number(text: str) -> str | None:
    """A tracking number typed anywhere in a message ("我的案子 sd-2026-12 怎么样了"), formatted;
    None when there is none."""
    normalized = unicodedata.normalize("NFKC", text).upper()
    normalized = normalized.translate({ord(dash): "-" for dash in _DASHES})
    for match in _CASE_NUMBER_IN_TEXT.finditer(normalized):
        seq = int(match["seq"])
        if seq:
            return format_case_number(match["prefix"], int(match["year"]), seq)
    return None


def typed_access_code(text: str) -> str | None:
    """The message is nothing but a 6-digit access code."""
    match = _ACCESS_CODE_ALONE.match(unicodedata.normalize("NFKC", text))
    return match.group(1) if match else None


def parse_case_number(text: str) -> tuple[str, int, int] | None:
    """Read a tracking number as a citizen types it; None if it is not one.

    Tolerates lower case, spaces, full-width characters, any dash, and a
    sequence typed without its leading zeros (``cy 2026 12``).
    """
    normalized = unicodedata.normalize("NFKC", text).strip().upper()
    normalized = normalized.translate({ord(dash): "-" for dash in _DASHES})
    match = _CASE_NUMBER_RE.match(normalized)
    if match is None:
        return None
    year, seq = int(match["year"]), int(match["seq"])
    if not 2000 <= year <= 2999 or seq == 0:
        return None
    return match["prefix"], year, seq


# -------------------------------------------------------------------- access codes

ACCESS_CODE_DIGITS = 6
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


class _IntSource(Protocol):
    def randrange(self, stop: int, /) -> int: ...


def new_access_code(rng: _IntSource | None = None) -> str:
    """Return a fresh 6-digit code the citizen uses with the case number to look it up."""
    source = rng if rng is not None else secrets.SystemRandom()
    return f"{source.randrange(10**ACCESS_CODE_DIGITS):0{ACCESS_CODE_DIGITS}d}"


def _clean_code(code: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", code))


def hash_access_code(code: str, key: bytes | None = None, salt: bytes | None = None) -> str:
    """Hash an access code for storage.

    With the office's secret key: ``hmac1$salt_hex$digest_hex`` (HMAC-SHA256). A 6-digit code has
    only a million values, so a slow hash barely slows an offline guesser, while a key that is not
    in the database stops one outright; it is also microseconds instead of tens of milliseconds.
    Without a key (older rows, tests): ``scrypt$n$r$p$salt_hex$hash_hex``.
    """
    salt = salt if salt is not None else secrets.token_bytes(16)
    if key is not None:
        digest = hmac.new(key, salt + _clean_code(code).encode(), hashlib.sha256).digest()
        return f"hmac1${salt.hex()}${digest.hex()}"
    digest = hashlib.scrypt(
        _clean_code(code).encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_access_code(code: str, stored: str, key: bytes | None = None) -> bool:
    """True if ``code`` matches the stored hash (either scheme); compares in constant time."""
    try:
        scheme, *parts = stored.split("$")
        if scheme == "hmac1":
            if key is None:
                return False
            salt_hex, digest_hex = parts
            expected = bytes.fromhex(digest_hex)
            actual = hmac.new(
                key, bytes.fromhex(salt_hex) + _clean_code(code).encode(), hashlib.sha256
            ).digest()
        elif scheme == "scrypt":
            n, r, p, salt_hex, digest_hex = parts
            expected = bytes.fromhex(digest_hex)
            actual = hashlib.scrypt(
                _clean_code(code).encode(),
                salt=bytes.fromhex(salt_hex),
                n=int(n),
                r=int(r),
                p=int(p),
                dklen=len(expected),
            )
        else:
            return False
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


LOOKUP_MAX_FAILURES = 5
LOOKUP_WINDOW = timedelta(hours=1)
LOOKUP_LOCK = timedelta(hours=1)


def lookup_locked(failure_times: Sequence[datetime], now: datetime) -> datetime | None:
    """Return until when case lookups are locked, or None if they are not.

    The 5th failure within one hour locks lookups for one hour from that failure.
    """
    times = sorted(failure_times)
    locked_until: datetime | None = None
    first = 0
    for last, failed_at in enumerate(times):
        while failed_at - times[first] >= LOOKUP_WINDOW:
            first += 1
        if last - first + 1 >= LOOKUP_MAX_FAILURES:
            locked_until = failed_at + LOOKUP_LOCK
    if locked_until is not None and locked_until > now:
        return locked_until
    return None


# -------------------------------------------------------------------- satisfaction


class Satisfaction(IntEnum):
    """The five 好差评 levels; higher is better."""

    VERY_DISSATISFIED = 1
    DISSATISFIED = 2
    BASICALLY_SATISFIED = 3
    SATISFIED = 4
    VERY_SATISFIED = 5


# a bad rating asks staff to call the citizen back within this time
BAD_RATING_CALLBACK = timedelta(days=1)


def is_bad_rating(rating: Satisfaction | int) -> bool:
    """True for the lower two levels, which alert staff for a call-back."""
    return Satisfaction(rating) <= Satisfaction.DISSATISFIED


def is_satisfied(rating: Satisfaction | int) -> bool:
    """True for the top three levels, the numerator of the satisfaction rate."""
    return Satisfaction(rating) >= Satisfaction.BASICALLY_SATISFIED


# ------------------------------------------------------------------------ timeline


class EventType(StrEnum):
    """One entry on a case's timeline."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    TRANSFERRED = "transferred"
    NEEDS_INFO = "needs_info"
    REJECTED = "rejected"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CLOSED = "closed"
    REOPENED = "reopened"
    CITIZEN_INFO = "citizen_info"
    STAFF_NOTE = "staff_note"
    ASSIGNED = "assigned"
    RATED = "rated"
    REMINDER = "reminder"


_INTERNAL_EVENTS = frozenset({EventType.STAFF_NOTE, EventType.ASSIGNED, EventType.REMINDER})


def visible_to_citizen(event_type: EventType) -> bool:
    """True if the citizen sees (and is notified of) this kind of event."""
    return EventType(event_type) not in _INTERNAL_EVENTS


def event_for_status(status: CaseStatus) -> EventType:
    """The timeline event recorded when a case moves to ``status``."""
    return EventType(str(status))


# ------------------------------------------------------------------------ records


class Attachment(BaseModel):
    """A file a citizen sent, kept as Telegram's file id (the bytes stay with Telegram)."""

    file_id: str
    file_unique_id: str | None = None
    kind: Literal["photo", "document"]
    name: str | None = None
    mime: str | None = None
    size: int | None = None


class NewCase(BaseModel):
    """What a completed form hands to the filing service."""

    kind: CaseKind
    description: str
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    extra: dict[str, str] = Field(default_factory=dict)
    anonymous: bool = False
    contact_name: str | None = None
    contact_phone: str | None = None
    id_number: str | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    submission_key: str
    user_id: int | None
    locale: str

    @model_validator(mode="after")
    def _contact_rules(self) -> NewCase:
        spec = KIND_SPECS[self.kind]
        if self.anonymous and not spec.anonymous_allowed:
            raise DomainError("error-anonymous-not-allowed")
        # A citizen writing from Telegram can always be answered through the bot.
        if not self.anonymous and not self.contact_phone and self.user_id is None:
            raise DomainError("error-contact-required")
        if len(self.attachments) > MAX_ATTACHMENTS:
            raise DomainError("error-too-many-files", max=MAX_ATTACHMENTS)
        return self


class Case(BaseModel):
    """A case as stored."""

    id: int
    number: str
    kind: CaseKind
    status: CaseStatus
    priority: Priority
    confidential: bool
    user_id: int | None
    locale: str
    anonymous: bool
    contact_name: str | None
    contact_phone: str | None
    id_number: str | None
    description: str
    place: str | None
    latitude: float | None
    longitude: float | None
    extra: dict[str, str]
    received_at: datetime
    procedural_due: datetime
    result_due: datetime
    fast_track_due: datetime | None
    first_reply_at: datetime | None
    result_at: datetime | None
    closed_at: datetime | None
    reopen_count: int
    assignee_id: int | None
    rating: int | None
    rating_comment: str | None

    @property
    def is_open(self) -> bool:
        return self.status is not CaseStatus.CLOSED

    def next_promise(self) -> datetime | None:
        """The next date promised to the citizen: the procedural reply, then the result."""
        if self.status is CaseStatus.CLOSED:
            return None
        if self.first_reply_at is None:
            if self.fast_track_due is not None:
                return min(self.fast_track_due, self.procedural_due)
            return self.procedural_due
        return self.result_due if self.result_at is None else None


class CaseEvent(BaseModel):
    """One entry of a case's timeline."""

    id: int
    case_id: int
    at: datetime
    type: EventType
    actor: Literal["citizen", "staff", "system"]
    actor_id: int | None
    visible: bool
    body: str | None
    data: dict[str, str]


class FiledCase(BaseModel):
    """The outcome of filing: the case, and the access code shown to the citizen once."""

    case: Case
    access_code: str | None  # None when this submission had already been filed
    duplicate: bool = False
