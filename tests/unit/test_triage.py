"""Danger triage: emergencies in any wording, the same words in another sense, the numbers
that fit, the rules that work before the model loads, and minors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.triage import (
    DANGER_KINDS,
    KIND_HOTLINES,
    DangerSignal,
    detect_danger,
    load_rules,
    mentions_minor,
)

LOCALES = Path(__file__).resolve().parents[2] / "locales"


def danger(text: str) -> DangerSignal | None:
    return detect_danger(text, "zh-CN", wait=True)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("他现在在打我", "violence_now"),
        ("I want to kill myself", "self_harm"),
        ("药都攒够了 今晚就不用再麻烦谁了", "self_harm"),
        ("楼道里全是黑烟 门打不开", "fire_gas_flood"),
        ("whole flat smells like rotten eggs and my mum is dizzy", "fire_gas_flood"),
        ("工友从架子上掉下来了 一动不动", "workplace_accident"),
        ("老板把宿舍门从外面锁了 手机也收走了 不让我们走", "person_held"),
        ("有个男的跟了我三条街 现在还在后面", "stalking"),
    ],
)
def test_an_emergency_in_plain_words_is_danger_of_its_kind(text: str, kind: str) -> None:
    signal = danger(text)
    assert signal is not None and signal.category == kind
    assert signal.hotlines == KIND_HOTLINES[kind]


@pytest.mark.parametrize(
    "text",
    [
        "这表格填得我要疯了",
        "this form is torture lol",
        "I'm scared to death of the interview tomorrow",
        "去年被打的案子判了 我想申诉",
        "新闻里说有人跳楼了 好吓人",
        "如果有人打我 我应该先报警还是先找你们",
        "故意伤害罪一般判几年",
        "老师发现学生身上有伤 强制报告要报给谁",
        "老板跑路了气死我了",
    ],
)
def test_the_same_words_in_another_sense_are_not_danger(text: str) -> None:
    assert danger(text) is None


def test_every_kind_has_numbers_and_self_harm_gets_the_psychological_line() -> None:
    assert set(KIND_HOTLINES) == set(DANGER_KINDS)
    assert KIND_HOTLINES["self_harm"][0] == "12356"
    assert KIND_HOTLINES["fire_gas_flood"][0] == "119"
    assert KIND_HOTLINES["collapsed"][0] == "120"


def test_before_the_model_loads_the_rules_catch_the_unmistakable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bot.domain.triage as triage

    monkeypatch.setattr(triage, "encoder", lambda wait=False: None)
    signal = detect_danger("我想自杀")
    assert signal is not None and signal.pattern != "model"
    assert detect_danger("我不会自杀的，只想要回工资") is None


def test_both_languages_are_checked_whatever_the_chat_language() -> None:
    assert detect_danger("I want to kill myself", "zh-CN", wait=True) is not None
    assert detect_danger("我不想活了", "en", wait=True) is not None


def test_a_long_story_with_the_danger_at_the_end_is_danger() -> None:
    story = (
        "我在工地干了八个月，老板一直说年底结工资，我们十几个人都没拿到钱。"
        "上个月去劳动监察也没有结果，包工头换了电话号码。今天我们去公司要说法，"
        "保安把我们推出来，还说再来就打断腿。现在他们把我们锁在工棚里，门外有人拿着钢管守着。"
    )
    signal = danger(story)
    assert signal is not None and signal.category in ("person_held", "threat", "violence_now")


def test_rule_cues_are_features_of_the_model() -> None:
    rules = load_rules(LOCALES)
    assert {"now", "past", "hypothetical", "story", "legal"} <= set(rules.cue_names)
    assert rules.rule_kinds("他现在在打我") == {"violence_now"}


def test_the_shipped_danger_model_was_trained_on_the_examples_in_the_repository() -> None:
    from bot.domain.linear_model import MODEL_PATH, MlpModel, fingerprint
    from bot.domain.triage import memory_examples

    # Editing an example file without `citizen-bot train danger` leaves stale weights.
    assert MlpModel.load(MODEL_PATH).fingerprint == fingerprint(memory_examples(LOCALES))


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_is_safe(text: str) -> None:
    assert detect_danger(text, "en", wait=True) is None


@pytest.mark.parametrize(
    "text",
    ["我家孩子在学校被欺负", "未成年人", "我女儿上初中", "my kid", "a 15-year-old boy", "under 18"],
)
def test_minors_are_noticed(text: str) -> None:
    assert mentions_minor(text)


@pytest.mark.parametrize("text", ["老板欠我工资", "my boss owes me wages", "听证会预约"])
def test_adults_only_talk_is_not_about_minors(text: str) -> None:
    assert not mentions_minor(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_handled(text: str) -> None:
    result = detect_danger(text, "en", wait=True)
    assert result is None or isinstance(result, DangerSignal)
    assert isinstance(mentions_minor(text), bool)


def test_an_unsure_alarm_lets_the_question_be_answered_too() -> None:
    def signal(score: float) -> DangerSignal:
        return DangerSignal(
            category="threat", matched="x", pattern="model", hotlines=("110",), score=score
        )

    assert signal(0.9).sure and signal(1.0).sure
    assert not signal(0.2).sure
