"""Item 5: FAQ answer time per question over the whole knowledge base (reuses bench/bench_faq.py).

    python -m bench.matching

Prints one JSON line per language: p50/p99/max per question and the index build time.
"""

from __future__ import annotations

import json
import sys
import time

from bench.bench_faq import LANGS, ROOT, ROUNDS, questions
from bench.driver import percentile
from bot.domain.faq import load_index


def main() -> None:
    result = {}
    for lang in LANGS:
        start = time.perf_counter()
        index = load_index(ROOT / "locales", lang)
        build_s = time.perf_counter() - start
        texts = questions(lang)
        for text in texts[:20]:
            index.match(text)  # warm-up, as bench_faq does
        timings = []
        for _ in range(ROUNDS):
            for text in texts:
                t0 = time.perf_counter()
                index.match(text)
                timings.append(time.perf_counter() - t0)
        timings.sort()
        result[lang] = {
            "questions": len(texts),
            "rounds": ROUNDS,
            "build_s": build_s,
            "p50_ms": percentile(timings, 50) * 1000,
            "p99_ms": percentile(timings, 99) * 1000,
            "max_ms": timings[-1] * 1000,
        }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
