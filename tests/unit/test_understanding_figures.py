"""The understanding figures on the held-out sets, asserted (printed with `-s`).

Round 3 (`tests/data/heldout3/`) judges the models as they are; it was written blind and
frozen before the tuning it judges (rounds 1 and 2 have judged earlier models and are now
training and calibration data). Where a figure is below the goal of issue 12 the test
holds the line at what was measured, so a change can only make it better; the goal is
printed beside it. `python -m bench.understanding` prints every set, dev included.
"""

from __future__ import annotations

import pytest

from bench.understanding import evaluate

# issue 12's goals
GOAL_TOP1, GOAL_TOP3, GOAL_DONT_KNOW = 0.80, 0.95, 0.85
GOAL_RECALL, GOAL_FALSE_ALARMS = 0.98, 0.02
# Measured on round 3 where a goal is not met yet (the line may only move towards the goal).
FLOOR_RECALL = {"zh-CN": 0.95, "en": GOAL_RECALL}
CEILING_FALSE_ALARMS = {"zh-CN": 0.075, "en": 0.035}


@pytest.fixture(scope="module")
def figures() -> dict:
    return evaluate(["heldout3"])


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_questions_are_answered_on_the_held_out_set(figures: dict, lang: str) -> None:
    faq = figures[f"heldout3 faq {lang}"]
    print(f"\nheld-out FAQ {lang}: {faq} (goals {GOAL_TOP1}/{GOAL_TOP3}/{GOAL_DONT_KNOW})")
    assert faq["answerable"] >= 300 and faq["unanswerable"] >= 80
    assert faq["top1"] >= GOAL_TOP1
    assert faq["top3"] >= GOAL_TOP3
    assert faq["dont_know"] >= GOAL_DONT_KNOW


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_emergencies_are_found_on_the_held_out_set(figures: dict, lang: str) -> None:
    danger = figures[f"heldout3 danger {lang}"]
    print(f"\nheld-out danger {lang}: {danger} (goals {GOAL_RECALL}/{GOAL_FALSE_ALARMS})")
    assert danger["danger"] >= 150 and danger["not_danger"] >= 300
    assert danger["recall"] >= FLOOR_RECALL[lang]
    assert danger["false_alarms"] <= CEILING_FALSE_ALARMS[lang]
    assert danger["kind_ok"] >= 0.95  # the first number shown fits the emergency
