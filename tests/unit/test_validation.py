"""What citizens type: phone numbers, ID numbers, names, descriptions, form answers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.cases import DESCRIPTION_MAX, DESCRIPTION_MIN, KIND_SPECS, CaseKind
from bot.domain.errors import DomainError
from bot.domain.validation import (
    check_field_value,
    check_text,
    format_phone_national,
    mask_id_number,
    mask_name,
    mask_phone,
    normalize_name,
    normalize_phone,
    parse_date,
    validate_id_number,
)

TODAY = date(2026, 3, 10)

# ------------------------------------------------------------------------ phones


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812345678", "+8613812345678"),
        ("138 1234 5678", "+8613812345678"),
        ("138-1234-5678", "+8613812345678"),
        ("+86 138 1234 5678", "+8613812345678"),
        ("+86-13812345678", "+8613812345678"),
        ("008613812345678", "+8613812345678"),
        ("8613812345678", "+8613812345678"),
        ("１３８１２３４５６７８", "+8613812345678"),
        ("＋８６ １３８１２３４５６７８", "+8613812345678"),
        ("19912345678", "+8619912345678"),
        ("010-12345678", "+861012345678"),
        ("01012345678", "+861012345678"),
        ("(021) 1234 5678", "+862112345678"),
        ("0755-88888888", "+8675588888888"),
        ("0931-8888888", "+869318888888"),
        ("+86 10 1234 5678", "+861012345678"),
        ("+86 (010) 1234 5678", "+861012345678"),
        ("+1 202 555 0143", "+12025550143"),
        ("0044 7911 123456", "+447911123456"),
        ("+852 9123 4567", "+85291234567"),
    ],
)
def test_phone_numbers_are_stored_in_e164(typed: str, stored: str) -> None:
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        "12309",  # a hotline, not a personal number
        "1381234567",  # one digit short
        "138123456789",  # one digit too many
        "12812345678",  # no mobile range starts 12
        "12345678",  # landline without area code
        "+86 12345",
        "+86 138 1234 5678 ext 1",
        "+1234567",  # too short for any country
        "138１２３４abcd",
    ],
)
def test_unusable_phone_numbers_give_none(typed: str) -> None:
    assert normalize_phone(typed) is None


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_any_mainland_mobile_normalizes_once_and_for_all(mobile: str) -> None:
    stored = normalize_phone(mobile)
    assert stored == "+86" + mobile
    assert normalize_phone(stored) == stored
    assert mask_phone(stored) == f"{mobile[:3]}****{mobile[-4:]}"


def test_stored_phones_read_the_way_people_write_them() -> None:
    assert format_phone_national("+8613812345678") == "138 1234 5678"
    assert format_phone_national("+861012345678") == "010-12345678"
    assert format_phone_national("+8675588888888") == "0755-88888888"
    assert format_phone_national("+447911123456") == "+447911123456"


def test_masked_phones_keep_the_first_three_and_last_four_digits() -> None:
    assert mask_phone("+8613812345678") == "138****5678"
    assert mask_phone("+861012345678") == "010****5678"
    assert mask_phone("+447911123456") == "+447*****3456"


# -------------------------------------------------------------------- ID numbers


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("11010519491231002X", "11010519491231002X"),  # GB 11643 worked example
        ("11010519491231002x", "11010519491231002X"),
        (" 110101 19900307 1233 ", "110101199003071233"),
        ("１１０１０１１９９００３０７１２３３", "110101199003071233"),
    ],
)
def test_valid_id_numbers_come_back_canonical(typed: str, stored: str) -> None:
    assert validate_id_number(typed, today=TODAY) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "110101199003071234",  # wrong check digit
        "11010119900307123",  # 17 characters
        "110101199002301230",  # 30 February
        "01010119900307123X",  # region cannot start with 0
        "11010519491231002Y",
        "",
    ],
)
def test_invalid_id_numbers_give_none(typed: str) -> None:
    assert validate_id_number(typed) is None


def test_an_id_number_born_in_the_future_is_refused_when_today_is_known() -> None:
    born_2027 = "110101202701011232"
    assert validate_id_number(born_2027) == born_2027
    assert validate_id_number(born_2027, today=TODAY) is None


def test_masks_hide_most_of_an_id_number_and_a_name() -> None:
    assert mask_id_number("110101199003071233") == "1101**********1233"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳修") == "欧**"
    assert mask_name("王") == "王*"


# ------------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  张三 ", "张三"),
        ("阿卜杜•热合曼", "阿卜杜·热合曼"),
        ("John   Smith", "John Smith"),
        ("Ｌｉ Ｌｅｉ", "Li Lei"),
    ],
)
def test_names_are_tidied(typed: str, stored: str) -> None:
    assert normalize_name(typed) == stored


@pytest.mark.parametrize("typed", ["", "   ", "123", "!!!", "张\x00三", "长" * 51])
def test_non_names_give_none(typed: str) -> None:
    assert normalize_name(typed) is None


def test_a_name_of_fifty_characters_is_fine() -> None:
    assert normalize_name("长" * 50) == "长" * 50


# ------------------------------------------------------------------------ texts


def test_a_description_must_be_long_enough_and_short_enough() -> None:
    assert (
        check_text("  工地老板拖欠三个月工资  ", DESCRIPTION_MIN, DESCRIPTION_MAX)
        == "工地老板拖欠三个月工资"
    )
    with pytest.raises(DomainError) as short:
        check_text("  欠薪 ", DESCRIPTION_MIN, DESCRIPTION_MAX)
    assert (short.value.key, short.value.kwargs) == ("error-too-short", {"count": 2, "min": 10})
    with pytest.raises(DomainError) as long:
        check_text("字" * 4001, DESCRIPTION_MIN, DESCRIPTION_MAX)
    assert (long.value.key, long.value.kwargs) == ("error-too-long", {"count": 4001, "max": 4000})
    assert len(check_text("字" * 4000, DESCRIPTION_MIN, DESCRIPTION_MAX)) == 4000


# ------------------------------------------------------------------ form fields


@pytest.mark.parametrize(
    "typed",
    ["2025-03-07", "2025/3/7", "2025.03.07", "2025年3月7日", "２０２５－０３－０７", "20250307"],
)
def test_dates_are_read_as_typed(typed: str) -> None:
    assert parse_date(typed) == date(2025, 3, 7)


@pytest.mark.parametrize("typed", ["2025-02-30", "07/03/2025", "last week", "2025-3"])
def test_non_dates_give_none(typed: str) -> None:
    assert parse_date(typed) is None


def test_extra_field_answers_are_checked_against_their_spec() -> None:
    appeal = KIND_SPECS[CaseKind.APPEAL]
    assert check_field_value(appeal.field("decision"), " (2025)京0101刑初123号 ", TODAY) == (
        "(2025)京0101刑初123号"
    )
    assert check_field_value(appeal.field("decision_date"), "2025年12月1日", TODAY) == "2025-12-01"
    assert check_field_value(appeal.field("decision_date"), "", TODAY) is None  # optional

    def error(field_name: str, kind: CaseKind, raw: str | None) -> tuple[str, dict[str, object]]:
        with pytest.raises(DomainError) as caught:
            check_field_value(KIND_SPECS[kind].field(field_name), raw, TODAY)
        return caught.value.key, caught.value.kwargs

    assert error("decision", CaseKind.APPEAL, None) == (
        "error-field-required",
        {"field": "field-appeal-decision"},
    )
    assert error("decision_date", CaseKind.APPEAL, "soon") == ("error-date-format", {})
    assert error("decision_date", CaseKind.APPEAL, "2026-03-11") == ("error-date-future", {})
    assert error("topic", CaseKind.SUGGESTION, "noise") == (
        "error-choice",
        {"field": "field-suggestion-topic"},
    )
    assert error("respondent", CaseKind.COMPLAINT, "x" * 201) == (
        "error-too-long",
        {"count": 201, "max": 200},
    )
    assert check_field_value(KIND_SPECS[CaseKind.SUGGESTION].field("topic"), "wires", TODAY) == (
        "wires"
    )
