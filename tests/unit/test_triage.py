"""Danger triage: the examples from the brief, guards, minors, and the evaluation thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.triage import DangerSignal, detect_danger, mentions_minor

DATA = Path(__file__).resolve().parents[1] / "data"
LANGS = ("zh-CN", "en")
MAX_FALSE_ALARM_RATE = 0.03


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("他现在在打我", "violence_now"),
        ("my dad is beating my little brother right now", "child_harm"),
        ("I want to kill myself", "self_harm"),
        ("不想活了", "self_harm"),
        ("有人威胁要杀我全家", "threat"),
        ("判得不公，我不想活了", "self_harm"),
    ],
)
def test_present_danger_fires(text: str, category: str) -> None:
    signal = detect_danger(text, "zh-CN")
    assert isinstance(signal, DangerSignal)
    assert signal.category == category
    assert signal.hotlines and signal.matched


@pytest.mark.parametrize(
    "text",
    [
        "I want to appeal my assault conviction",
        "the court case about the fight last year",
        "我要举报去年打架的案子判得不公",
        "老板跑路了气死我了",
        "我不会自杀的，只想要回工资",
        "I'm not going to kill myself, I just want justice",
        "以前被家暴过，现在已经离婚了，想咨询抚养费",
    ],
)
def test_past_legal_or_negated_talk_does_not_fire(text: str) -> None:
    assert detect_danger(text, "en") is None


def test_both_languages_checked_whatever_the_chat_language() -> None:
    assert detect_danger("I want to kill myself", "zh-CN") is not None
    assert detect_danger("我不想活了", "en") is not None


def test_hotlines_fit_the_danger() -> None:
    assert "12355" in detect_danger("我想自杀", "zh-CN").hotlines
    assert {"110", "12355"} <= set(detect_danger("继父性侵我妹妹", "zh-CN").hotlines)
    assert {"110", "12338"} <= set(detect_danger("老公天天家暴我", "zh-CN").hotlines)
    assert "110" in detect_danger("he threatened to kill my whole family", "en").hotlines


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_is_safe(text: str) -> None:
    assert detect_danger(text, "en") is None


@pytest.mark.parametrize(
    "text",
    ["我家孩子在学校被欺负", "未成年人", "我女儿上初中", "my kid", "a 15-year-old boy", "under 18"],
)
def test_minors_are_noticed(text: str) -> None:
    assert mentions_minor(text)


@pytest.mark.parametrize("text", ["老板欠我工资", "my boss owes me wages", "听证会预约"])
def test_adults_only_talk_is_not_about_minors(text: str) -> None:
    assert not mentions_minor(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_handled(text: str) -> None:
    result = detect_danger(text, "en")
    assert result is None or isinstance(result, DangerSignal)
    assert isinstance(mentions_minor(text), bool)


@pytest.mark.parametrize("lang", LANGS)
def test_eval_recall_and_false_alarms(lang: str) -> None:
    data = yaml.safe_load((DATA / f"triage_eval_{lang}.yaml").read_text(encoding="utf-8"))
    danger, ordinary = data["danger"], data["ordinary"]
    assert len(danger) >= 60 and len(ordinary) >= 200
    missed = [d["text"] for d in danger if detect_danger(d["text"], lang) is None]
    false_alarms = [t for t in ordinary if detect_danger(t, lang) is not None]
    recall = 1 - len(missed) / len(danger)
    false_alarm_rate = len(false_alarms) / len(ordinary)
    print(
        f"\ntriage eval {lang}: recall {recall:.3f} ({len(danger)} danger), "
        f"false alarms {false_alarm_rate:.3f} ({len(ordinary)} ordinary)"
    )
    assert missed == []
    assert false_alarm_rate < MAX_FALSE_ALARM_RATE, false_alarms
