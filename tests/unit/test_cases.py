"""Case kinds, the life of a case, tracking numbers, access codes, ratings, timeline."""

from __future__ import annotations

import pickle
import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.cases import (
    ALLOWED_EXTENSIONS,
    FILEABLE_KINDS,
    KIND_SPECS,
    LOOKUP_LOCK,
    MAX_ATTACHMENTS,
    MAX_FILE_BYTES,
    PROCEDURAL_REPLY_STATUSES,
    REOPEN_WINDOW_DAYS,
    TRANSITIONS,
    CaseKind,
    CaseStatus,
    DomainError,
    EventType,
    FieldSpec,
    Priority,
    Satisfaction,
    TransitionError,
    Visibility,
    can_reopen,
    check_attachment,
    check_reopen,
    check_transition,
    event_for_status,
    format_case_number,
    hash_access_code,
    is_bad_rating,
    is_open,
    is_satisfied,
    lookup_locked,
    new_access_code,
    parse_case_number,
    verify_access_code,
    visible_to_citizen,
)

S = CaseStatus
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

# --------------------------------------------------------------------- kind specs


def test_every_kind_has_a_spec_named_after_it() -> None:
    assert set(KIND_SPECS) == set(CaseKind)
    for kind, spec in KIND_SPECS.items():
        assert spec.kind is kind
        assert spec.key == f"kind-{kind}"
        names = [field.name for field in spec.extra_fields]
        assert len(names) == len(set(names)), kind


def test_the_kind_menu_offers_everything_but_inquiries_in_order() -> None:
    assert FILEABLE_KINDS == [
        CaseKind.COMPLAINT,
        CaseKind.APPEAL,
        CaseKind.REPORT,
        CaseKind.COMPENSATION,
        CaseKind.JUDICIAL_AID,
        CaseKind.MINOR_PROTECTION,
        CaseKind.SUGGESTION,
    ]
    assert KIND_SPECS[CaseKind.INQUIRY].extra_fields == ()


def test_kinds_that_need_contact_details_refuse_anonymous_filing() -> None:
    no_anonymous = {kind for kind, spec in KIND_SPECS.items() if not spec.anonymous_allowed}
    assert no_anonymous == {
        CaseKind.WAGE_ARREARS,
        CaseKind.COMPENSATION,
        CaseKind.JUDICIAL_AID,
        CaseKind.APPEAL,
    }


def test_minors_are_confidential_and_urgent_wages_are_fast_tracked() -> None:
    minors = KIND_SPECS[CaseKind.MINOR_PROTECTION]
    assert minors.confidential and minors.visibility is Visibility.CONFIDENTIAL
    assert minors.priority is Priority.URGENT
    wages = KIND_SPECS[CaseKind.WAGE_ARREARS]
    assert wages.priority is Priority.HIGH and wages.fast_track_days == 3
    others = set(CaseKind) - {CaseKind.MINOR_PROTECTION}
    assert not any(KIND_SPECS[kind].confidential for kind in others)
    assert [k for k, s in KIND_SPECS.items() if s.fast_track_days] == [CaseKind.WAGE_ARREARS]


def test_extra_fields_ask_what_each_kind_needs() -> None:
    appeal = KIND_SPECS[CaseKind.APPEAL]
    assert appeal.field("decision").required and appeal.field("decision").kind == "text"
    assert appeal.field("decision_date").kind == "date"
    report = KIND_SPECS[CaseKind.REPORT]
    assert report.field("subject").required
    assert report.field("public_interest").choices == ("yes", "no")
    assert KIND_SPECS[CaseKind.COMPLAINT].field("respondent").required
    assert KIND_SPECS[CaseKind.COMPENSATION].field("organ").required
    assert KIND_SPECS[CaseKind.JUDICIAL_AID].field("harm").required
    minors = KIND_SPECS[CaseKind.MINOR_PROTECTION]
    assert {f.name for f in minors.extra_fields} == {"child_age", "relation"}
    topic = KIND_SPECS[CaseKind.SUGGESTION].field("topic")
    assert topic.choices == ("parking", "rubbish", "wires", "other")
    assert topic.key == "field-suggestion-topic"
    with pytest.raises(KeyError):
        appeal.field("nope")


def test_choice_values_fit_in_callback_data() -> None:
    for spec in KIND_SPECS.values():
        for field in spec.extra_fields:
            for choice in field.choices:
                # e.g. "form:minor_protection:child_age:age_16_17" stays far below 64 bytes
                assert choice.isascii() and len(choice) <= 16


def test_a_choice_field_needs_choices_and_only_choice_fields_take_them() -> None:
    with pytest.raises(ValueError):
        FieldSpec(name="topic", key="k", kind="choice")
    with pytest.raises(ValueError):
        FieldSpec(name="topic", key="k", kind="text", choices=("a",))


# ----------------------------------------------------------------- transitions


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (S.SUBMITTED, S.ACCEPTED),
        (S.SUBMITTED, S.TRANSFERRED),
        (S.SUBMITTED, S.NEEDS_INFO),
        (S.SUBMITTED, S.REJECTED),
        (S.NEEDS_INFO, S.NEEDS_INFO),
        (S.NEEDS_INFO, S.ACCEPTED),
        (S.NEEDS_INFO, S.IN_PROGRESS),
        (S.ACCEPTED, S.IN_PROGRESS),
        (S.ACCEPTED, S.ANSWERED),
        (S.IN_PROGRESS, S.ANSWERED),
        (S.ANSWERED, S.CLOSED),
        (S.ANSWERED, S.IN_PROGRESS),
        (S.TRANSFERRED, S.CLOSED),
        (S.REJECTED, S.CLOSED),
        (S.CLOSED, S.REOPENED),
        (S.REOPENED, S.IN_PROGRESS),
        (S.REOPENED, S.ANSWERED),
    ],
)
def test_allowed_transitions_pass(old: CaseStatus, new: CaseStatus) -> None:
    check_transition(old, new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (S.SUBMITTED, S.CLOSED),
        (S.SUBMITTED, S.ANSWERED),
        (S.SUBMITTED, S.SUBMITTED),
        (S.CLOSED, S.ACCEPTED),
        (S.TRANSFERRED, S.ACCEPTED),
        (S.REJECTED, S.REOPENED),
        (S.ANSWERED, S.ACCEPTED),
        (S.REOPENED, S.CLOSED),
    ],
)
def test_forbidden_transitions_raise_with_an_i18n_key(old: CaseStatus, new: CaseStatus) -> None:
    with pytest.raises(TransitionError) as caught:
        check_transition(old, new)
    assert isinstance(caught.value, DomainError)
    assert caught.value.key == "error-transition"
    assert caught.value.kwargs == {"old": str(old), "new": str(new)}


def test_every_status_has_a_row_and_nothing_goes_back_to_submitted() -> None:
    assert set(TRANSITIONS) == set(CaseStatus)
    assert all(S.SUBMITTED not in targets for targets in TRANSITIONS.values())
    assert is_open(S.REOPENED) and not is_open(S.CLOSED)
    assert S.IN_PROGRESS not in PROCEDURAL_REPLY_STATUSES


def test_domain_errors_survive_pickling() -> None:
    error = pickle.loads(pickle.dumps(TransitionError(S.CLOSED, S.ACCEPTED)))
    assert error.key == "error-transition" and error.old is S.CLOSED


def test_a_closed_case_reopens_within_30_days_and_only_once() -> None:
    closed_at = NOW
    assert REOPEN_WINDOW_DAYS == 30
    assert can_reopen(closed_at, closed_at + timedelta(days=30), reopen_count=0)
    assert not can_reopen(closed_at, closed_at + timedelta(days=30, seconds=1), reopen_count=0)
    assert not can_reopen(closed_at, closed_at + timedelta(days=1), reopen_count=1)
    with pytest.raises(DomainError) as once:
        check_reopen(closed_at, closed_at, reopen_count=1)
    assert once.value.key == "error-reopen-once"
    with pytest.raises(DomainError) as late:
        check_reopen(closed_at, closed_at + timedelta(days=31), reopen_count=0)
    assert (late.value.key, late.value.kwargs) == ("error-reopen-expired", {"days": 30})
    check_reopen(closed_at, closed_at + timedelta(days=2), reopen_count=0)


# ------------------------------------------------------------------- attachments


@pytest.mark.parametrize(
    ("mime", "filename"),
    [
        ("image/jpeg", None),  # a Telegram photo has no name
        ("image/jpeg", "合同.JPG"),
        ("image/heic", "IMG_0001.heic"),
        ("application/pdf", "判决书.pdf"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a.docx"),
        ("application/vnd.ms-excel", "考勤表.xls"),
        ("application/octet-stream", "工资条.xlsx"),  # the client did not know the type
        (None, "notes.txt"),
    ],
)
def test_evidence_files_are_accepted(mime: str | None, filename: str | None) -> None:
    check_attachment(mime, filename, 1024, count_so_far=0)


@pytest.mark.parametrize(
    ("mime", "filename"),
    [
        ("application/x-msdownload", "setup.exe"),
        ("image/jpeg", "photo.exe"),
        ("application/octet-stream", "archive.zip"),
        ("application/octet-stream", None),
        (None, None),
        ("video/mp4", "clip.mp4"),
    ],
)
def test_other_files_are_refused_by_type(mime: str | None, filename: str | None) -> None:
    with pytest.raises(DomainError) as caught:
        check_attachment(mime, filename, 1024, count_so_far=0)
    assert caught.value.key == "error-file-type"
    assert caught.value.kwargs == {"name": filename or ""}


def test_file_size_and_count_limits() -> None:
    check_attachment("application/pdf", "a.pdf", MAX_FILE_BYTES, count_so_far=MAX_ATTACHMENTS - 1)
    check_attachment("application/pdf", "a.pdf", None, count_so_far=0)
    with pytest.raises(DomainError) as big:
        check_attachment("application/pdf", "a.pdf", MAX_FILE_BYTES + 1, count_so_far=0)
    assert (big.value.key, big.value.kwargs) == ("error-file-too-big", {"max_mb": 20})
    with pytest.raises(DomainError) as many:
        check_attachment("application/pdf", "a.pdf", 10, count_so_far=MAX_ATTACHMENTS)
    assert (many.value.key, many.value.kwargs) == ("error-too-many-files", {"max": 10})
    assert {"jpg", "png", "webp", "heic", "pdf", "doc", "docx", "xls", "xlsx"} <= ALLOWED_EXTENSIONS


# -------------------------------------------------------------- tracking numbers


def test_case_numbers_have_six_digit_sequences() -> None:
    assert format_case_number("CY", 2026, 12) == "CY-2026-000012"
    assert format_case_number("cy", 2026, 999_999) == "CY-2026-999999"
    for bad in [("C1", 2026, 1), ("CY", 2026, 0), ("CY", 2026, 1_000_000), ("", 2026, 1)]:
        with pytest.raises(ValueError):
            format_case_number(*bad)


@pytest.mark.parametrize(
    "typed",
    [
        "CY-2026-000012",
        "cy-2026-000012",
        " CY 2026 000012 ",
        "CY-2026-12",
        "ＣＹ－２０２６－０００１２",
        "CY–2026—000012",
        "CY2026000012",
        "cy/2026/12",
    ],
)
def test_citizens_may_type_case_numbers_loosely(typed: str) -> None:
    assert parse_case_number(typed) == ("CY", 2026, 12)


@pytest.mark.parametrize(
    "typed", ["", "2026-000012", "CY-26-000012", "CY-2026-0000012", "CY-2026-000000", "CY-2026-abc"]
)
def test_non_case_numbers_parse_to_none(typed: str) -> None:
    assert parse_case_number(typed) is None


@given(
    prefix=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=10),
    year=st.integers(2000, 2999),
    seq=st.integers(1, 999_999),
)
def test_formatting_then_parsing_gives_the_same_number(prefix: str, year: int, seq: int) -> None:
    assert parse_case_number(format_case_number(prefix, year, seq)) == (prefix, year, seq)


# ------------------------------------------------------------------ access codes


def test_access_codes_are_six_digits_from_the_given_source() -> None:
    assert new_access_code(random.Random(1)) == new_access_code(random.Random(1))
    codes = {new_access_code(random.Random(seed)) for seed in range(50)}
    assert all(len(code) == 6 and code.isdigit() for code in codes)
    assert len(codes) > 40
    assert len(new_access_code()) == 6


def test_access_codes_are_stored_hashed_and_verified() -> None:
    stored = hash_access_code("042137", salt=b"0123456789abcdef")
    assert "042137" not in stored and stored.startswith("scrypt$")
    assert verify_access_code("042137", stored)
    assert verify_access_code(" ０４２１３７ ", stored)  # full-width and spaces as typed
    assert not verify_access_code("042138", stored)
    assert hash_access_code("042137") != hash_access_code("042137")  # random salt
    for broken in ["", "plain", "md5$1$2$3$00$00", "scrypt$x$8$1$00$00"]:
        assert not verify_access_code("042137", broken)


def test_five_failures_within_an_hour_lock_lookups_for_an_hour() -> None:
    start = NOW
    four = [start + timedelta(minutes=10 * i) for i in range(4)]
    assert lookup_locked(four, start + timedelta(minutes=40)) is None
    fifth = start + timedelta(minutes=59)
    assert lookup_locked([*four, fifth], fifth) == fifth + LOOKUP_LOCK
    assert lookup_locked([*four, fifth], fifth + LOOKUP_LOCK) is None


def test_failures_spread_over_more_than_an_hour_do_not_lock() -> None:
    spread = [NOW + timedelta(minutes=20 * i) for i in range(10)]
    assert lookup_locked(spread, spread[-1]) is None
    assert lookup_locked([], NOW) is None


# --------------------------------------------------------------- ratings, events


def test_the_lower_two_ratings_are_bad_and_the_top_three_satisfied() -> None:
    assert [r.value for r in Satisfaction] == [1, 2, 3, 4, 5]
    assert [is_bad_rating(r) for r in Satisfaction] == [True, True, False, False, False]
    assert [is_satisfied(r) for r in Satisfaction] == [False, False, True, True, True]
    assert is_satisfied(3) and is_bad_rating(1)


def test_citizens_see_their_case_events_but_not_internal_ones() -> None:
    internal = {e for e in EventType if not visible_to_citizen(e)}
    assert internal == {EventType.STAFF_NOTE, EventType.ASSIGNED, EventType.REMINDER}
    for status in CaseStatus:
        assert event_for_status(status).value == status.value


def test_keyed_access_code_hash_needs_the_key_and_old_scrypt_rows_still_verify() -> None:
    key = b"k" * 32
    stored = hash_access_code("042137", key)
    assert stored.startswith("hmac1$") and "042137" not in stored
    assert verify_access_code(" ０４２１３７", stored, key)
    assert not verify_access_code("042138", stored, key)
    assert not verify_access_code(
        "042137", stored, b"x" * 32
    )  # a stolen database alone is not enough
    assert not verify_access_code("042137", stored)
    legacy = hash_access_code("042137", salt=b"0123456789abcdef")
    assert verify_access_code("042137", legacy, key)
