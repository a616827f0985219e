"""Time what every message costs: the danger check, then the FAQ answer.

    python bench/bench_faq.py

Goal: danger check + answer p99 at most 10 ms per message, for each language.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.domain.encoder import encoder  # noqa: E402
from bot.domain.faq import load_index  # noqa: E402
from bot.domain.triage import detect_danger  # noqa: E402

LANGS = ("zh-CN", "en")
ROUNDS = 3


def questions(lang: str) -> list[str]:
    """Every KB question and variant plus the dev set's messages for ``lang``."""
    kb = yaml.safe_load((ROOT / "locales" / lang / "faq.yaml").read_text(encoding="utf-8"))
    dev = ROOT / "tests" / "data" / "dev"
    faq = yaml.safe_load((dev / f"faq_{lang}.yaml").read_text("utf-8"))
    danger = yaml.safe_load((dev / f"danger_{lang}.yaml").read_text("utf-8"))
    texts = [t for e in kb for t in (e["question"], *e["variants"])]
    texts += [str(i["text"]) for k in ("answerable", "unanswerable") for i in faq[k]]
    return texts + [str(i["text"]) for k in ("danger", "not_danger") for i in danger[k]]


def handle(index, text: str) -> None:  # type: ignore[no-untyped-def]
    """What the bot does with a message outside a form: the danger check, then the matcher."""
    if detect_danger(text, index.lang) is None:
        index.match(text)


def main() -> None:
    """Print build time and p50/p99/max match time per language."""
    for lang in LANGS:
        start = time.perf_counter()
        index = load_index(ROOT / "locales", lang)
        index.prepare(encoder(wait=True))
        detect_danger("预热", wait=True)
        build_ms = (time.perf_counter() - start) * 1000
        texts = questions(lang)
        for text in texts[:20]:
            handle(index, text)  # warm-up
        timings = []
        for _ in range(ROUNDS):
            for text in texts:
                t0 = time.perf_counter()
                handle(index, text)
                timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        p50 = statistics.median(timings)
        p99 = timings[int(len(timings) * 0.99) - 1]
        print(
            f"{lang}: {len(index.entries)} entries, {len(texts)} questions x {ROUNDS}; "
            f"build {build_ms:.0f} ms; p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {timings[-1]:.2f} ms"
        )


if __name__ == "__main__":
    main()
