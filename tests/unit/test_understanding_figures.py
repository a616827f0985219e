"""The understanding figures on the held-out sets, asserted (printed with `-s`).

Round 2 (`tests/data/heldout2/`) judges the models as they are; it was written blind and
frozen before the tuning it judges. Where a figure is below the goal of issue 12 the test
holds the line at what was measured, so a change can only make it better; the goal is
printed beside it. `python -m bench.understanding` prints every set, dev included.
"""

from __future__ import annotations

import pytest

from bench.understanding import evaluate

# issue 12's goals
GOAL_TOP1, GOAL_TOP3, GOAL_DONT_KNOW = 0.80, 0.95, 0.85
GOAL_RECALL, GOAL_FALSE_ALARMS = 0.98, 0.02
# Measured on round 2 where a goal is not met yet (the floor may only rise).
FLOOR_DONT_KNOW = {"zh-CN": GOAL_DONT_KNOW, "en": 0.80}
FLOOR_RECALL = 0.94
CEILING_FALSE_ALARMS = 0.045


@pytest.fixture(scope="module")
def figures() -> dict:
    return evaluate(["heldout2"])


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_questions_are_answered_on_the_held_out_set(figures: dict, lang: str) -> None:
    faq = figures[f"heldout2 faq {lang}"]
    print(f"\nheld-out FAQ {lang}: {faq} (goals {GOAL_TOP1}/{GOAL_TOP3}/{GOAL_DONT_KNOW})")
    assert faq["answerable"] >= 300 and faq["unanswerable"] >= 80
    assert faq["top1"] >= GOAL_TOP1
    assert faq["top3"] >= GOAL_TOP3
    assert faq["dont_know"] >= FLOOR_DONT_KNOW[lang]


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_emergencies_are_found_on_the_held_out_set(figures: dict, lang: str) -> None:
    danger = figures[f"heldout2 danger {lang}"]
    print(f"\nheld-out danger {lang}: {danger} (goals {GOAL_RECALL}/{GOAL_FALSE_ALARMS})")
    assert danger["danger"] >= 150 and danger["not_danger"] >= 300
    assert danger["recall"] >= FLOOR_RECALL
    assert danger["false_alarms"] <= CEILING_FALSE_ALARMS
    assert danger["kind_ok"] >= 0.95  # the first number shown fits the emergency
