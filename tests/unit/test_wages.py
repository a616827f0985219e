"""Unpaid wages: what workers type for amount, months and headcount, and grouping by employer."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.domain.wages import (
    EVIDENCE_KINDS,
    EVIDENCE_LABEL_KEYS,
    SAME_EMPLOYER_THRESHOLD,
    EvidenceKind,
    WageInputError,
    WageReport,
    WageReportFacts,
    WorkType,
    employer_similarity,
    format_amount,
    group_reports,
    month_choices,
    normalize_employer,
    parse_amount,
    parse_headcount,
    parse_period,
    summarize_group,
)

TODAY = date(2026, 1, 15)
amounts = st.integers(min_value=1, max_value=99_999_999)


def _key(call: Callable[..., object], *args: object) -> str:
    with pytest.raises(WageInputError) as caught:
        call(*args)
    return caught.value.key


# --------------------------------------------------------------------------- a Chinese numeral writer

_DIGITS = "零一二三四五六七八九"
_FORMAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")


def _section(n: int) -> str:
    """1..9999 the way it is written, with 零 for a gap: 1010 -> 一千零一十."""
    out, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            gap = gap or bool(out)
            continue
        out += ("零" if gap else "") + _DIGITS[digit] + unit
        gap = False
    return out


def to_chinese(n: int) -> str:
    """1..99,999,999 in Chinese numerals: 35000 -> 三万五千, 100010 -> 十万零一十."""
    high, low = divmod(n, 10_000)
    text = _section(high) + "万" if high else ""
    if low:
        text += ("零" if high and low < 1000 else "") + _section(low)
    return text[1:] if text.startswith("一十") else text


@pytest.mark.parametrize(
    ("n", "written"),
    [(10, "十"), (15, "十五"), (105, "一百零五"), (1010, "一千零一十"), (35000, "三万五千"),
     (30005, "三万零五"), (100010, "十万零一十"), (10_100_000, "一千零一十万")],
)  # fmt: skip
def test_the_test_writer_writes_numerals_as_people_do(n: int, written: str) -> None:
    assert to_chinese(n) == written


# --------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [
        ("35000", "35000"),
        ("35,000", "35000"),
        ("35，000", "35000"),
        ("35 000", "35000"),
        ("３５０００", "35000"),
        ("３５，０００元", "35000"),
        ("35000元", "35000"),
        ("35000 元", "35000"),
        ("￥35,000", "35000"),
        ("¥35000", "35000"),
        ("RMB 35000", "35000"),
        ("rmb35000", "35000"),
        ("人民币35000元", "35000"),
        ("35000块", "35000"),
        ("35000块钱", "35000"),
        ("35k", "35000"),
        ("35K", "35000"),
        ("3.5k", "3500"),
        ("3.5万", "35000"),
        ("3.5w", "35000"),
        ("3.5W", "35000"),
        ("3万5", "35000"),
        ("3万5千", "35000"),
        ("3万5000", "35000"),
        ("3万500", "30500"),
        ("35万", "350000"),
        ("12.3456万", "123456"),
        ("1亿", "100000000"),
        ("0.5亿", "50000000"),
        ("三万五千", "35000"),
        ("三万五", "35000"),
        ("三万五千元", "35000"),
        ("三万零五", "30005"),
        ("三千五", "3500"),
        ("一百五", "150"),
        ("两万", "20000"),
        ("两千五百", "2500"),
        ("十万", "100000"),
        ("十五万", "150000"),
        ("一千零一十万", "10100000"),
        ("〇", None),
        ("叁万伍仟元整", "35000"),
        ("壹拾万元整", "100000"),
        ("贰仟零伍拾", "2050"),
        ("约3万", "30000"),
        ("大概3万左右", "30000"),
        ("about 35000", "35000"),
        ("35000.5", "35000.5"),
        ("35,000.50元", "35000.50"),
        ("1", "1"),
        ("0.01", "0.01"),
    ],
)
def test_amounts_as_workers_type_them(typed: str, yuan: str | None) -> None:
    if yuan is None:
        assert _key(parse_amount, typed) == "wage-error-amount-not-positive"
        return
    assert parse_amount(typed) == Decimal(yuan)


def test_amount_is_kept_to_the_fen() -> None:
    assert str(parse_amount("3.5万")) == "35000.00"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "wage-error-amount"),
        ("   ", "wage-error-amount"),
        ("很多", "wage-error-amount"),
        ("三万多", "wage-error-amount"),
        ("几千", "wage-error-amount"),
        ("万", "wage-error-amount"),
        ("千五", "wage-error-amount"),
        ("三五", "wage-error-amount"),
        ("三百五千", "wage-error-amount"),
        ("三万五万", "wage-error-amount"),
        ("3万50000", "wage-error-amount"),
        ("3万5.5", "wage-error-amount"),
        ("35,00", "wage-error-amount"),
        ("3,5000", "wage-error-amount"),
        ("3 5", "wage-error-amount"),
        ("35000 USD", "wage-error-amount"),
        ("1" * 80, "wage-error-amount"),
        ("0", "wage-error-amount-not-positive"),
        ("0元", "wage-error-amount-not-positive"),
        ("零", "wage-error-amount-not-positive"),
        ("-5000", "wage-error-amount-not-positive"),
        ("负五千", "wage-error-amount-not-positive"),
        ("100000000.01", "wage-error-amount-too-large"),
        ("1.2亿", "wage-error-amount-too-large"),
        ("2亿", "wage-error-amount-too-large"),
        ("三万亿", "wage-error-amount-too-large"),
        ("35000.123", "wage-error-amount-precision"),
        ("35.000", "wage-error-amount-precision"),
        ("1.2345678万", "wage-error-amount-precision"),
    ],
)
def test_amounts_the_bot_asks_again_for(typed: str, key: str) -> None:
    assert _key(parse_amount, typed) == key


def test_amount_errors_carry_their_placeholders() -> None:
    with pytest.raises(WageInputError) as too_large:
        parse_amount("5亿")
    assert too_large.value.kwargs == {"max": 100_000_000}
    with pytest.raises(ValueError) as unreadable:
        parse_amount("lots")
    assert unreadable.value.kwargs == {"text": "lots"}
    copy = pickle.loads(pickle.dumps(too_large.value))
    assert (copy.key, copy.kwargs) == ("wage-error-amount-too-large", {"max": 100_000_000})


@given(amounts)
def test_any_amount_in_digits_round_trips(n: int) -> None:
    assert parse_amount(str(n)) == n
    assert parse_amount(f"{n}元") == n
    assert parse_amount(str(n).translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})) == n


@given(amounts, st.sampled_from([",", "，"]))
def test_any_amount_with_thousands_separators_round_trips(n: int, comma: str) -> None:
    assert parse_amount(f"{n:,}".replace(",", comma)) == n
    assert parse_amount(f"￥{n:,}".replace(",", comma)) == n


@given(amounts)
def test_any_amount_in_wan_round_trips(n: int) -> None:
    # 350000 -> 35万, 35000 -> 3.5万, 123456 -> 12.3456万
    wan = format(Decimal(n).scaleb(-4).normalize(), "f")
    assert parse_amount(f"{wan}万") == n


@given(st.integers(1, 9999), st.integers(1, 9))
def test_a_digit_after_wan_means_thousands(wan: int, digit: int) -> None:
    assert parse_amount(f"{wan}万{digit}") == wan * 10_000 + digit * 1000


@given(amounts)
def test_any_amount_in_chinese_numerals_round_trips(n: int) -> None:
    written = to_chinese(n)
    assert parse_amount(written) == n
    assert parse_amount(written.translate(_FORMAL) + "元整") == n


@pytest.mark.parametrize(
    ("amount", "lang", "shown"),
    [
        ("35000", "zh-CN", "35,000 元"),
        ("35000.00", "zh", "35,000 元"),
        ("35000.5", "zh-CN", "35,000.50 元"),
        ("35000", "en", "¥35,000"),
        ("1234567.89", "en", "¥1,234,567.89"),
        ("8", "ru", "¥8"),
    ],
)
def test_amounts_are_shown_with_separators(amount: str, lang: str, shown: str) -> None:
    assert format_amount(Decimal(amount), lang) == shown


# --------------------------------------------------------------------------- months


def _m(year: int, month: int) -> date:
    return date(year, month, 1)


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("2025年10月到12月", _m(2025, 10), _m(2025, 12)),
        ("2025年10月-2025年12月", _m(2025, 10), _m(2025, 12)),
        ("2025年10月至2026年1月", _m(2025, 10), _m(2026, 1)),
        ("2025年10月份到12月份", _m(2025, 10), _m(2025, 12)),
        ("2025年10-12月", _m(2025, 10), _m(2025, 12)),
        ("二〇二五年十月到十二月", _m(2025, 10), _m(2025, 12)),
        ("去年10月到今年1月", _m(2025, 10), _m(2026, 1)),
        ("去年十月到今年一月", _m(2025, 10), _m(2026, 1)),
        ("前年3月到去年5月", _m(2024, 3), _m(2025, 5)),
        ("10月到12月", _m(2025, 10), _m(2025, 12)),
        ("10-12月", _m(2025, 10), _m(2025, 12)),
        ("十月到十二月", _m(2025, 10), _m(2025, 12)),
        ("11月到1月", _m(2025, 11), _m(2026, 1)),
        ("10月到次年1月", _m(2025, 10), _m(2026, 1)),
        ("2024年10月到次年3月", _m(2024, 10), _m(2025, 3)),
        ("2025.10-2025.12", _m(2025, 10), _m(2025, 12)),
        ("2025-10 ~ 2025-12", _m(2025, 10), _m(2025, 12)),
        ("2025/10-12", _m(2025, 10), _m(2025, 12)),
        ("10/2025 - 12/2025", _m(2025, 10), _m(2025, 12)),
        ("Oct-Dec 2025", _m(2025, 10), _m(2025, 12)),
        ("Nov - Jan 2026", _m(2025, 11), _m(2026, 1)),
        ("October to December 2025", _m(2025, 10), _m(2025, 12)),
        ("from Oct 2025 to Jan 2026", _m(2025, 10), _m(2026, 1)),
        ("Sept. 2025 until Nov 2025", _m(2025, 9), _m(2025, 11)),
        ("2025年10月至今", _m(2025, 10), _m(2026, 1)),
        ("从去年10月开始", _m(2025, 10), _m(2026, 1)),
        ("since Oct 2025", _m(2025, 10), _m(2026, 1)),
        ("Oct 2025 - now", _m(2025, 10), _m(2026, 1)),
        ("2025年10月", _m(2025, 10), _m(2025, 10)),
        ("Oct 2025", _m(2025, 10), _m(2025, 10)),
        ("12月", _m(2025, 12), _m(2025, 12)),
        ("1月", _m(2026, 1), _m(2026, 1)),
        ("上个月", _m(2025, 12), _m(2025, 12)),
        ("本月", _m(2026, 1), _m(2026, 1)),
        ("２０２５年１０月到１２月", _m(2025, 10), _m(2025, 12)),
    ],
)
def test_periods_as_workers_type_them(typed: str, start: date, end: date) -> None:
    assert parse_period(typed, TODAY) == (start, end)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "wage-error-period"),
        ("好几个月", "wage-error-period"),
        ("2025年", "wage-error-period"),
        ("2025年13月", "wage-error-period"),
        ("0月", "wage-error-period"),
        ("10月到", "wage-error-period"),
        ("到12月", "wage-error-period"),
        ("10月到11月到12月", "wage-error-period"),
        ("Octember 2025", "wage-error-period"),
        ("2025年12月到2025年10月", "wage-error-period-order"),
        ("Dec 2025 - Oct 2025", "wage-error-period-order"),
        ("2026年2月", "wage-error-period-future"),
        ("2025年11月到2月", "wage-error-period-future"),
        ("明年1月", "wage-error-period-future"),
        ("2015年1月到2025年1月", "wage-error-period-too-long"),
        ("2015年12月", "wage-error-period-too-long"),
    ],
)
def test_periods_the_bot_asks_again_for(typed: str, key: str) -> None:
    assert _key(parse_period, typed, TODAY) == key


def test_ten_years_back_is_the_limit() -> None:
    assert parse_period("2016年1月到2026年1月", TODAY) == (_m(2016, 1), _m(2026, 1))
    with pytest.raises(WageInputError) as caught:
        parse_period("2015年12月到2026年1月", TODAY)
    assert caught.value.kwargs == {"years": 10}


@pytest.mark.parametrize(
    ("today", "typed", "start", "end"),
    [
        # early January: December is last year's, January this year's
        (date(2026, 1, 1), "12月", _m(2025, 12), _m(2025, 12)),
        (date(2026, 1, 1), "1月", _m(2026, 1), _m(2026, 1)),
        (date(2026, 1, 1), "12月到1月", _m(2025, 12), _m(2026, 1)),
        (date(2026, 1, 31), "10月到12月", _m(2025, 10), _m(2025, 12)),
        (date(2026, 1, 31), "1月到2月", _m(2025, 1), _m(2025, 2)),
        (date(2025, 12, 31), "1月到12月", _m(2025, 1), _m(2025, 12)),
        (date(2025, 12, 31), "11月到1月", _m(2024, 11), _m(2025, 1)),
        (date(2026, 2, 1), "去年12月到1月", _m(2025, 12), _m(2026, 1)),
    ],
)
def test_the_year_is_the_latest_that_is_not_in_the_future(
    today: date, typed: str, start: date, end: date
) -> None:
    assert parse_period(typed, today) == (start, end)


todays = st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31))


@given(todays, st.integers(0, 119), st.integers(0, 119))
def test_any_written_out_period_round_trips(today: date, back1: int, back2: int) -> None:
    months = month_choices(today, 120)  # newest first
    newer, older = sorted((back1, back2))
    start, end = months[older], months[newer]
    expected = (start, end)
    assert (
        parse_period(f"{start.year}年{start.month}月到{end.year}年{end.month}月", today) == expected
    )
    assert parse_period(f"{start:%b %Y} to {end:%B %Y}", today) == expected
    assert parse_period(f"{start.month}/{start.year} - {end.month}/{end.year}", today) == expected


@given(todays, st.integers(1, 12), st.integers(1, 12))
def test_months_without_a_year_are_the_latest_such_period(today: date, m1: int, m2: int) -> None:
    start, end = parse_period(f"{m1}月到{m2}月", today)
    this_month = today.replace(day=1)
    assert (start.month, end.month) == (m1, m2)
    assert this_month >= end > date(this_month.year - 1, this_month.month, 1)
    assert 0 <= (end.year - start.year) * 12 + end.month - start.month < 12


def test_month_buttons_go_back_from_this_month() -> None:
    assert month_choices(date(2026, 2, 28), 4) == [
        _m(2026, 2),
        _m(2026, 1),
        _m(2025, 12),
        _m(2025, 11),
    ]
    assert len(month_choices(TODAY)) == 12
    with pytest.raises(ValueError):
        month_choices(TODAY, 0)


# --------------------------------------------------------------------------- headcount


@pytest.mark.parametrize(
    ("typed", "count"),
    [
        ("5", 5),
        ("５", 5),
        ("5人", 5),
        ("5 人", 5),
        ("5个人", 5),
        ("五个人", 5),
        ("我们5个", 5),
        ("我们一共十二个人", 12),
        ("共20名工人", 20),
        ("二十个", 20),
        ("两个", 2),
        ("大概30人左右", 30),
        ("就我一个", 1),
        ("我自己", 1),
        ("just me", 1),
        ("one", 1),
        ("five", 5),
        ("Twenty-five", 25),
        ("a hundred", 100),
        ("about 20", 20),
        ("around 20 workers", 20),
        ("we are 12", 12),
        ("12 of us", 12),
        ("1,200", 1200),
        ("一万", 10_000),
    ],
)
def test_headcounts_as_workers_type_them(typed: str, count: int) -> None:
    assert parse_headcount(typed) == count


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "wage-error-headcount"),
        ("很多", "wage-error-headcount"),
        ("二十多个", "wage-error-headcount"),
        ("几个人", "wage-error-headcount"),
        ("1.5", "wage-error-headcount"),
        ("-3", "wage-error-headcount"),
        ("a lot", "wage-error-headcount"),
        ("0", "wage-error-headcount-range"),
        ("零个", "wage-error-headcount-range"),
        ("10001", "wage-error-headcount-range"),
        ("两万人", "wage-error-headcount-range"),
    ],
)
def test_headcounts_the_bot_asks_again_for(typed: str, key: str) -> None:
    assert _key(parse_headcount, typed) == key


def test_headcount_range_error_names_the_limits() -> None:
    with pytest.raises(WageInputError) as caught:
        parse_headcount("0")
    assert caught.value.kwargs == {"min": 1, "max": 10_000}


# --------------------------------------------------------------------------- anything at all


@given(st.text(max_size=40), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_whatever_is_typed_gets_an_answer_or_a_keyed_error(text: str, today: date) -> None:
    for parse in (parse_amount, parse_headcount, lambda typed: parse_period(typed, today)):
        try:
            parse(text)
        except WageInputError as error:
            assert error.key.startswith("wage-error-")


# --------------------------------------------------------------------------- the report


def _report(**changes: object) -> WageReport:
    fields: dict[str, object] = {
        "worker_name": " 张三 ",
        "phone": "138 1234 5678",
        "work_type": WorkType.CONSTRUCTION,
        "employer_name": "吉林某某建筑工程有限公司",
        "project_site": "示例区幸福小区三期",
        "work_done": "钢筋工",
        "period_start": _m(2025, 10),
        "period_end": _m(2025, 12),
        "amount_owed": Decimal("35000.00"),
        "workers_owed": 5,
        "evidence": ["attendance", "photos", "attendance"],
        "acknowledged_liability": True,
    }
    return WageReport.model_validate(fields | changes)


def test_a_complete_report_is_cleaned_up() -> None:
    report = _report()
    assert report.worker_name == "张三"
    assert report.phone == "+8613812345678"
    assert report.id_number is None
    assert report.evidence == [EvidenceKind.ATTENDANCE, EvidenceKind.PHOTOS]


@pytest.mark.parametrize(
    "changes",
    [
        {"acknowledged_liability": False},
        {"period_start": _m(2026, 1)},
        {"period_end": date(2025, 12, 15)},
        {"amount_owed": Decimal("0")},
        {"amount_owed": Decimal("1.005")},
        {"amount_owed": Decimal("100000000.01")},
        {"workers_owed": 0},
        {"phone": "12345"},
        {"id_number": "110101199003071234"},
        {"evidence": ["selfie"]},
        {"employer_name": "  "},
        {"work_type": "mining"},
    ],
)
def test_a_report_refuses_what_the_form_should_have_caught(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        _report(**changes)


def test_evidence_kinds_are_data_with_label_keys() -> None:
    assert [kind.value for kind in EVIDENCE_KINDS] == [
        "contract", "attendance", "payslips", "transfers", "photos", "chat_records", "other"
    ]  # fmt: skip
    assert EVIDENCE_LABEL_KEYS[EvidenceKind.CHAT_RECORDS] == "wage-evidence-chat-records"


# --------------------------------------------------------------------------- employers

SAME_FIRM = ["吉林某某建筑工程有限公司", "某某建筑公司", "吉林省某某建筑有限责任公司"]


@pytest.mark.parametrize(
    ("written", "brand"),
    [
        ("吉林某某建筑工程有限公司", "某某"),
        ("某某建筑公司", "某某"),
        ("吉林省某某建筑有限责任公司", "某某"),
        ("吉林省长春市某某建筑有限公司", "某某"),
        ("某某建筑工程有限公司长春分公司", "某某"),
        ("某某（吉林）建筑有限公司", "某某"),
        ("某某集团长春分公司项目部", "某某"),
        ("某 某 建 筑", "某某"),
        ("某某物业服务有限公司", "某某物业"),
        ("长春市政工程公司", "长春市政"),
        ("吉林建筑公司", "吉林"),
        ("九台区宏达建筑", "宏达"),
        ("Mouomou Construction Co., Ltd.", "mouomou"),
        ("MOUMOU construction company", "moumou"),
        ("", ""),
    ],
)
def test_employer_names_are_reduced_to_the_brand(written: str, brand: str) -> None:
    assert normalize_employer(written) == brand


@pytest.mark.parametrize(
    ("a", "b"),
    [
        *[(SAME_FIRM[i], SAME_FIRM[j]) for i in range(3) for j in range(i + 1, 3)],
        ("Mouomou Construction Co., Ltd.", "MOUMOU construction company"),
        ("宏达建筑", "长春宏达建筑工程有限公司"),
        ("华夏幸福", "华夏幸福基业股份有限公司"),
    ],
)
def test_the_same_employer_written_differently_is_similar(a: str, b: str) -> None:
    assert employer_similarity(a, b) >= SAME_EMPLOYER_THRESHOLD
    assert employer_similarity(b, a) >= SAME_EMPLOYER_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("宏达建筑", "鸿运建筑"),
        ("宏达建筑", "宏大建筑"),
        ("中建三局", "中建八局"),
        ("某某建筑公司", "某某物业公司"),
        ("吉林建筑公司", "长春建筑公司"),
        ("长春市政工程公司", "吉林市政工程公司"),
        ("Golden Bridge Construction", "Golden Construction"),
        ("宏达建筑", "Hongda Construction"),
        ("", "宏达建筑"),
    ],
)
def test_different_employers_are_not_similar(a: str, b: str) -> None:
    assert employer_similarity(a, b) < SAME_EMPLOYER_THRESHOLD


def test_three_ways_of_writing_one_firm_make_one_group() -> None:
    reports = [
        ("CY-2026-000001", SAME_FIRM[0]),
        ("CY-2026-000002", "宏达建筑"),
        ("CY-2026-000003", SAME_FIRM[1]),
        ("CY-2026-000004", "鸿运建筑"),
        ("CY-2026-000005", SAME_FIRM[2]),
        ("CY-2026-000006", "中建三局"),
        ("CY-2026-000007", "中建八局"),
    ]
    assert group_reports(reports) == [
        ["CY-2026-000001", "CY-2026-000003", "CY-2026-000005"],
        ["CY-2026-000002"],
        ["CY-2026-000004"],
        ["CY-2026-000006"],
        ["CY-2026-000007"],
    ]


def test_staff_links_join_and_splits_separate() -> None:
    reports = [("A", "宏达建筑"), ("B", "鸿运建筑"), ("C", "宏达建筑公司"), ("D", "Hongda")]
    assert group_reports(reports, confirmed_links=[("A", "D")]) == [["A", "C", "D"], ["B"]]
    assert group_reports(reports, split_links=[("C", "A")]) == [["A"], ["B"], ["C"], ["D"]]
    # staff who both link and split a pair meant the link
    assert group_reports(reports, [("A", "B")], [("A", "B")]) == [["A", "B", "C"], ["D"]]


def test_a_split_holds_against_a_chain_of_similar_names() -> None:
    reports = [("A", SAME_FIRM[0]), ("B", SAME_FIRM[1]), ("C", SAME_FIRM[2])]
    groups = group_reports(reports, split_links=[("A", "C")])
    assert sorted(case for group in groups for case in group) == ["A", "B", "C"]
    assert not any({"A", "C"} <= set(group) for group in groups)
    assert len(groups) == 2


def test_links_to_unknown_cases_and_repeated_reports_are_harmless() -> None:
    reports = [("A", "宏达建筑"), ("A", "宏达建筑"), ("B", "鸿运建筑")]
    assert group_reports(reports, [("A", "Z")], [("B", "Y")]) == [["A"], ["B"]]
    assert group_reports([]) == []


# --------------------------------------------------------------------------- summaries


def test_a_group_is_summed_up_for_staff() -> None:
    facts = [
        WageReportFacts.from_report("CY-2026-000001", _report()),
        WageReportFacts(
            case_number="CY-2026-000003",
            employer_name="某某建筑公司",
            amount_owed=Decimal("12000.50"),
            workers_owed=8,
            period_start=_m(2025, 8),
            period_end=_m(2025, 11),
        ),
    ]
    summary = summarize_group(facts)
    assert summary.report_count == 2
    assert summary.case_numbers == ["CY-2026-000001", "CY-2026-000003"]
    assert summary.employer_names == ["吉林某某建筑工程有限公司", "某某建筑公司"]
    assert summary.total_owed == Decimal("47000.50")
    # one crew may report twice: the sum is an upper bound, the largest report a lower one
    assert (summary.total_workers, summary.max_workers) == (13, 8)
    assert (summary.earliest_month, summary.latest_month) == (_m(2025, 8), _m(2025, 12))


def test_an_empty_group_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        summarize_group([])
