"""How well the bot understands messages: FAQ answers and danger, on the dev and held-out sets.

    python -m bench.understanding            # every set, both languages
    python -m bench.understanding --set heldout3  # the round that judges the current models
    python -m bench.understanding --json     # one JSON object instead of the table

Figures (answerable questions): **top-1** = the bot did not say "I don't know" and its first
entry (the answer, or the first choice) is right; **top-3** = not "I don't know" and one of
its first three ranked entries is right; **at once** = answered directly (no choice list)
and right; **wrong at once** = answered directly with a wrong entry. Unanswerable questions:
**don't know** = the bot said it has no ready answer. Danger: **recall** = emergencies that
got the hotlines; **kind ok** = of those, the kind's first number is one the writer said fits;
**false alarms** = hard non-emergencies that got them. Failing categories are listed by
label only, never item by item: held-out items are not read to be fixed one by one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from bot.domain.faq import load_index
from bot.domain.triage import detect_danger

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "dev": ROOT / "tests" / "data" / "dev",
    # round 1 judged the first models, then became training examples
    "heldout": ROOT / "tests" / "data" / "heldout",
    # round 2 judged the second models, then became calibration data (bot/training.py)
    "heldout2": ROOT / "tests" / "data" / "heldout2",
    # round 3 judges the models as they are: the only blind figures
    "heldout3": ROOT / "tests" / "data" / "heldout3",
}
LANGS = ("zh-CN", "en")


def _read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def faq_figures(path: Path, lang: str) -> dict[str, Any]:
    """The FAQ figures of one set file."""
    data = _read(path)
    index = load_index(ROOT / "locales", lang)
    top1 = top3 = at_once = wrong_at_once = 0
    missed_topics: Counter[str] = Counter()
    answerable = data.get("answerable") or []
    for item in answerable:
        gold = {item["topic"], *(item.get("also") or [])}
        match = index.match(str(item["text"]), wait=True)
        offered = match.outcome in ("answer", "choices")
        ids = [r.entry.id for r in match.ranked]
        if offered and ids[:1] and ids[0] in gold:
            top1 += 1
        else:
            missed_topics[item["topic"]] += 1
        if offered and gold & set(ids[:3]):
            top3 += 1
        if match.outcome == "answer":
            if ids[0] in gold:
                at_once += 1
            else:
                wrong_at_once += 1
    unanswerable = data.get("unanswerable") or []
    dont_know = sum(
        index.match(str(item["text"]), wait=True).outcome == "unknown" for item in unanswerable
    )
    greetings = data.get("greetings") or []
    small = sum(index.match(str(i["text"]), wait=True).outcome == "smalltalk" for i in greetings)
    n, u = len(answerable) or 1, len(unanswerable) or 1
    out: dict[str, Any] = {
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "top1": round(top1 / n, 3),
        "top3": round(top3 / n, 3),
        "at_once": round(at_once / n, 3),
        "wrong_at_once": round(wrong_at_once / n, 3),
        "dont_know": round(dont_know / u, 3),
        "topics_most_missed": dict(missed_topics.most_common(6)),
    }
    if greetings:
        out["smalltalk"] = round(small / len(greetings), 3)
    return out


def danger_figures(path: Path) -> dict[str, Any]:
    """The danger figures of one set file."""
    data = _read(path)
    danger = data.get("danger") or []
    calm = data.get("not_danger") or []
    found = kind_ok = 0
    missed_kinds: Counter[str] = Counter()
    for item in danger:
        signal = detect_danger(str(item["text"]), wait=True)
        if signal is None:
            missed_kinds[str(item.get("kind"))] += 1
            continue
        found += 1
        fits = {str(n) for n in item.get("numbers") or []}
        if not fits or signal.hotlines[0] in fits:
            kind_ok += 1
    alarms: Counter[str] = Counter()
    for item in calm:
        if detect_danger(str(item["text"]), wait=True) is not None:
            alarms[str(item.get("why", "other"))] += 1
    return {
        "danger": len(danger),
        "not_danger": len(calm),
        "recall": round(found / (len(danger) or 1), 3),
        "kind_ok": round(kind_ok / (found or 1), 3),
        "false_alarms": round(sum(alarms.values()) / (len(calm) or 1), 3),
        "missed_by_kind": dict(missed_kinds.most_common()),
        "false_alarms_by_why": dict(alarms.most_common()),
    }


def evaluate(which: list[str]) -> dict[str, Any]:
    """Every figure for the named sets, per language."""
    result: dict[str, Any] = {}
    for name in which:
        for lang in LANGS:
            faq = SETS[name] / f"faq_{lang}.yaml"
            danger = SETS[name] / f"danger_{lang}.yaml"
            if faq.exists():
                result[f"{name} faq {lang}"] = faq_figures(faq, lang)
            if danger.exists():
                result[f"{name} danger {lang}"] = danger_figures(danger)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    which = list(SETS) if args.set == "all" else [args.set]
    result = evaluate(which)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for name, figures in result.items():
        shown = ", ".join(f"{k} {v}" for k, v in figures.items())
        print(f"{name}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
