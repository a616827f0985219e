"""FAQ matcher: unit behaviour, knowledge-base integrity and the evaluation thresholds."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.faq import Action, FaqEntry, FaqIndex, FaqMatch, load_index

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
LANGS = ("zh-CN", "en")
ACTIONS = set(get_args(Action))  # the form buttons an entry may start


def raw_kb(lang: str) -> list[dict]:
    return yaml.safe_load((LOCALES / lang / "faq.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=LANGS)
def index(request: pytest.FixtureRequest) -> FaqIndex:
    return load_index(LOCALES, request.param)


def test_both_languages_have_the_same_ids_in_the_same_order() -> None:
    zh, en = ([e["id"] for e in raw_kb(lang)] for lang in LANGS)
    assert zh == en
    assert len(zh) >= 65


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_complete_and_links_to_real_entries(lang: str) -> None:
    entries = [FaqEntry.model_validate(e) for e in raw_kb(lang)]
    ids = {e.id for e in entries}
    for entry in entries:
        assert 4 <= len(entry.variants) <= 12, entry.id
        assert set(entry.related) <= ids, entry.id
        assert entry.id not in entry.related
        assert entry.action is None or entry.action in ACTIONS


@pytest.mark.parametrize("lang", LANGS)
def test_same_actions_and_related_in_both_languages(lang: str) -> None:
    other = "en" if lang == "zh-CN" else "zh-CN"
    for mine, theirs in zip(raw_kb(lang), raw_kb(other), strict=True):
        assert mine.get("action") == theirs.get("action"), mine["id"]
        assert mine.get("related") == theirs.get("related"), mine["id"]


def test_answers_name_no_phone_numbers_but_the_national_hotlines() -> None:
    import re

    allowed = {"110", "120", "119", "12309", "12355", "12338", "12333", "12348", "12345"}
    for lang in LANGS:
        for entry in raw_kb(lang):
            # Hotline-like numbers (1xx to 1xxxx) must be the national ones from DOMAIN.md.
            numbers = set(re.findall(r"(?<![\d,-])1\d{2,4}(?![\d,])", entry["answer"]))
            assert numbers <= allowed, (entry["id"], numbers)


def test_a_citizen_asking_the_canonical_question_gets_that_answer(index: FaqIndex) -> None:
    for entry in index.entries:
        match = index.match(entry.question, wait=True)
        assert match.outcome != "unknown", entry.id
        assert entry.id in [r.entry.id for r in match.ranked], entry.id


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "？？？", "..."])
def test_empty_or_punctuation_only_input_is_unknown(index: FaqIndex, text: str) -> None:
    assert index.match(text, wait=True).outcome == "unknown"


def test_a_wage_question_in_dialect_is_answered_with_the_wages_form() -> None:
    index = load_index(LOCALES, "zh-CN")
    match = index.match("包工头欠了俺三个月工钱不给 咋整", wait=True)
    assert match.outcome == "answer"
    assert match.entries[0].action == "wages"


def test_a_question_in_the_other_language_finds_the_same_entry() -> None:
    zh = load_index(LOCALES, "zh-CN").match("how do I book a seat at a hearing", wait=True)
    en = load_index(LOCALES, "en").match("听证会怎么预约旁听", wait=True)
    assert zh.entries[0].id == en.entries[0].id == "hearings_attend"
    assert zh.entries[0].question == load_index(LOCALES, "zh-CN").get("hearings_attend").question


def test_traditional_characters_and_cantonese_are_understood() -> None:
    match = load_index(LOCALES, "zh-CN").match("老闆走佬咗 冇俾人工 點算", wait=True)
    assert match.outcome == "answer" and match.entries[0].id == "wage_employer_fled"


def test_an_english_typo_is_forgiven() -> None:
    match = load_index(LOCALES, "en").match("how do I file an apeal", wait=True)
    assert match.entries and match.entries[0].id == "how_to_file_appeal"


@pytest.mark.parametrize(
    ("text", "kind"),
    [("你好", "greeting"), ("谢谢啦", "thanks"), ("hello?", "greeting"), ("thx", "thanks")],
)
def test_greetings_and_thanks_are_smalltalk_not_questions(text: str, kind: str) -> None:
    for lang in LANGS:
        match = load_index(LOCALES, lang).match(text, wait=True)
        assert match.outcome == "smalltalk" and match.smalltalk == kind


def test_a_question_nothing_answers_gets_unknown() -> None:
    for lang, text in (("zh-CN", "护照过期了去哪里换"), ("en", "what's the weather tomorrow")):
        assert load_index(LOCALES, lang).match(text, wait=True).outcome == "unknown"


def test_without_the_encoder_the_lexical_signal_still_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bot.domain.faq as faq

    monkeypatch.setattr(faq, "encoder", lambda wait=False: None)
    match = load_index(LOCALES, "zh-CN").match("听证会怎么预约旁听")
    assert match.outcome in ("answer", "choices")
    assert match.ranked[0].semantic == 0.0 and match.ranked[0].entry.id == "hearings_attend"


def test_mixed_language_and_huge_input_do_not_crash() -> None:
    for lang in LANGS:
        index = load_index(LOCALES, lang)
        for text in (
            "我的 case number 在哪",
            "how to book 听证会",
            "ID卡 lost 了",
            "🙂🙂",
            "a" * 4000,
        ):
            assert isinstance(index.match(text, wait=True), FaqMatch)


def test_outcome_shapes(index: FaqIndex) -> None:
    answer = index.match(index.entries[0].question, wait=True)
    if answer.outcome == "answer":
        assert len(answer.entries) == 1 and len(answer.scores) == 1
    unknown = index.match("")
    assert unknown.entries == () and unknown.best is None


def test_get_and_related(index: FaqIndex) -> None:
    entry = index.get("wage_arrears_how")
    assert entry is not None and entry.action == "wages"
    assert index.get("no_such_entry") is None
    assert {e.id for e in index.related(entry)} == set(entry.related)


def test_load_index_is_cached() -> None:
    assert load_index(LOCALES, "en") is load_index(LOCALES, "en")


def test_duplicate_ids_are_refused() -> None:
    entry = FaqEntry(id="a", question="q", variants=("x",), answer="a")
    with pytest.raises(ValueError):
        FaqIndex([entry, entry], "en")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_valid_match(text: str) -> None:
    for lang in LANGS:
        match = load_index(LOCALES, lang).match(text, wait=True)
        assert match.outcome in ("answer", "choices", "unknown", "smalltalk")
        assert (match.outcome in ("unknown", "smalltalk")) == (len(match.entries) == 0)


@pytest.mark.parametrize("lang", LANGS)
def test_training_examples_point_at_real_entries(lang: str) -> None:
    ids = {e["id"] for e in raw_kb(lang)}
    data = yaml.safe_load((LOCALES / lang / "faq_examples.yaml").read_text(encoding="utf-8"))
    assert len(data["examples"]) >= 500
    assert all(x["id"] is None or x["id"] in ids for x in data["examples"])


def test_the_shipped_question_model_knows_every_entry() -> None:
    from bot.domain.faq import MODEL_PATH, NONE
    from bot.domain.linear_model import LinearModel

    model = LinearModel.load(MODEL_PATH)
    assert set(model.labels) == {e["id"] for e in raw_kb("en")} | {NONE}


def test_the_shipped_question_model_was_trained_on_the_examples_in_the_repository() -> None:
    from bot.domain.faq import MODEL_PATH, NONE, all_wordings, read_examples
    from bot.domain.linear_model import LinearModel, fingerprint

    pairs = [*all_wordings(LOCALES), *read_examples(LOCALES)]
    assert NONE in {label for _, label in pairs}
    # Changing faq.yaml or the examples without `citizen-bot train faq` leaves stale weights.
    assert LinearModel.load(MODEL_PATH).fingerprint == fingerprint(pairs)
