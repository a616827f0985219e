"""Time the FAQ matcher per question over the whole KB: `python bench/bench_faq.py`.

Goal: p99 below 5 ms per question for each language.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.domain.faq import load_index  # noqa: E402

LANGS = ("zh-CN", "en")
ROUNDS = 5


def questions(lang: str) -> list[str]:
    """Every KB question and variant plus the evaluation questions for ``lang``."""
    kb = yaml.safe_load((ROOT / "locales" / lang / "faq.yaml").read_text(encoding="utf-8"))
    ev = yaml.safe_load((ROOT / "tests" / "data" / f"faq_eval_{lang}.yaml").read_text("utf-8"))
    return [t for e in kb for t in (e["question"], *e["variants"])] + [i["q"] for i in ev]


def main() -> None:
    """Print build time and p50/p99/max match time per language."""
    for lang in LANGS:
        start = time.perf_counter()
        index = load_index(ROOT / "locales", lang)
        build_ms = (time.perf_counter() - start) * 1000
        texts = questions(lang)
        for text in texts[:20]:
            index.match(text)  # warm-up
        timings = []
        for _ in range(ROUNDS):
            for text in texts:
                t0 = time.perf_counter()
                index.match(text)
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
