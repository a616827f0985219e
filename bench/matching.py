"""Item 5: what every message costs (danger check, then the FAQ answer), and the models' cost.

    python -m bench.matching          # corpora from the disk cache, as at a restart
    python -m bench.matching --cold   # encoded afresh, as at the very first start

Prints one JSON object: per language p50/p99/max per message (every KB wording and the dev
set's questions and danger messages, ``ROUNDS`` times, the encoder's cache emptied before each
message so no message is cheaper for having been seen), and the loading of the models: seconds
and resident memory before and after (sentence encoder, question index, danger memory).
"""

from __future__ import annotations

import json
import resource
import sys
import time

from bench.bench_faq import LANGS, ROOT, ROUNDS, handle, questions
from bench.driver import percentile


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    import bot.domain.faq
    import bot.domain.triage  # noqa: F401
    from bot.domain.encoder import encoder, release_memory
    from bot.domain.faq import load_index
    from bot.domain.triage import detect_danger

    rss_before = _rss_mb()
    cached = "--cold" not in sys.argv
    if not cached:  # encode the corpora as at a first start, not from the disk cache
        import os
        import tempfile

        os.environ["CITIZEN_BOT_CACHE_DIR"] = tempfile.mkdtemp()
    start = time.perf_counter()
    enc = encoder(wait=True)
    indexes = {lang: load_index(ROOT / "locales", lang) for lang in LANGS}
    for index in indexes.values():
        index.prepare(enc)
    detect_danger("预热", wait=True)
    release_memory()
    result: dict[str, object] = {
        "models_load_s": round(time.perf_counter() - start, 3),
        "corpus_from_cache": cached,
        "rss_before_models_mb": round(rss_before, 1),
        "rss_after_models_mb": round(_rss_mb(), 1),
    }
    for lang, index in indexes.items():
        texts = questions(lang)
        timings = []
        for _ in range(ROUNDS):
            for text in texts:
                enc._cache.clear()  # type: ignore[union-attr]
                t0 = time.perf_counter()
                handle(index, text)
                timings.append(time.perf_counter() - t0)
        timings.sort()
        result[lang] = {
            "messages": len(texts),
            "rounds": ROUNDS,
            "p50_ms": round(percentile(timings, 50) * 1000, 2),
            "p99_ms": round(percentile(timings, 99) * 1000, 2),
            "max_ms": round(timings[-1] * 1000, 2),
        }
    result["rss_after_run_mb"] = round(_rss_mb(), 1)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
