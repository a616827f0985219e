"""`python -m bench` (`make bench`): every item of issue 9, one table, bench/results.json.

Each part runs in its own process, one after the other (the machine has two cores; parallel
parts would measure each other), so start-up time and RSS are that part's own.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
PY = "python -m "


def run(module: str, *args: str) -> tuple[dict[str, Any], str]:
    command = [sys.executable, "-m", module, *args]
    shown = PY + " ".join([module, *args])
    print(f"… {shown}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"{shown} failed")
    print(f"  {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return json.loads(done.stdout.strip().splitlines()[-1]), shown


def machine() -> dict[str, Any]:
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def main() -> None:
    began = time.perf_counter()
    rows: list[tuple[str, str, str, str, str]] = []  # item, figure, value, goal, command

    def row(item: str, figure: str, value: str, goal: str, command: str) -> None:
        rows.append((item, figure, value, goal, command))

    mix = {}
    for cases in (0, 10_000, 100_000):
        mix[cases] = run("bench.throughput", "mix", "--citizens", "1000", "--cases", str(cases))
    echo, echo_cmd = run("bench.throughput", "echo", "--updates", "9000")
    contention, contention_cmd = run("bench.contention")
    restart, restart_cmd = run("bench.restart")
    matching, matching_cmd = run("bench.matching")
    memory, memory_cmd = run("bench.throughput", "memory", "--users", "10000")
    limits = [
        run("bench.limits", "--model", "window"),
        run("bench.limits", "--model", "bucket"),
        run("bench.limits", "--model", "window", "--smooth"),
    ]

    base, base_cmd = mix[0]
    ratio = echo["updates_per_s"] / base["updates_per_s"]
    row(
        "1",
        "updates/s, full bot, 1,000 citizens",
        f"{base['updates_per_s']:.0f} /s",
        "≥ 1,000 /s",
        base_cmd,
    )
    row(
        "1",
        "time per update p50 / p95 / p99",
        f"{base['p50_ms']:.1f} / {base['p95_ms']:.1f} / {base['p99_ms']:.1f} ms",
        "p99 < 20 ms",
        base_cmd,
    )
    row("1", "updates/s, bare PTB echo bot", f"{echo['updates_per_s']:.0f} /s", "", echo_cmd)
    row("1", "echo ÷ full bot", f"{ratio:.1f} ×", "≤ 4 ×", f"{echo_cmd} / {base_cmd}")
    for cases in (10_000, 100_000):
        result, command = mix[cases]
        change = result["updates_per_s"] / base["updates_per_s"] - 1
        row(
            "2",
            f"updates/s with {cases:,} cases",
            f"{result['updates_per_s']:.0f} /s ({change:+.0%}); p99 {result['p99_ms']:.1f} ms",
            "≥ −20 %",
            command,
        )
    row(
        "3",
        f"{contention['attempts']:,} book_seat at {contention['seats']} seats: settled",
        f"{contention['settle_s']:.2f} s, {contention['confirmed']} confirmed, "
        f"{contention['stored'].get('waitlisted', 0)} waitlisted",
        "exactly 50",
        contention_cmd,
    )
    row(
        "4",
        f"start → first update served ({restart['pending_reminders']:,} reminders, "
        f"{restart['conversations']:,} conversations)",
        f"{restart['loaded_median_s']:.2f} s (empty db {restart['empty_median_s']:.2f} s)",
        "< 2 s",
        restart_cmd,
    )
    for lang, figures in matching.items():
        row(
            "5",
            f"FAQ match per question, {lang} p50 / p99",
            f"{figures['p50_ms']:.2f} / {figures['p99_ms']:.2f} ms",
            "p99 < 5 ms",
            matching_cmd,
        )
    row(
        "6",
        f"peak RSS after {memory['citizens']:,} distinct users",
        f"{memory['rss_peak_mb']:.0f} MB (ready {memory['rss_ready_mb']:.0f} MB)",
        "< 200 MB",
        memory_cmd,
    )
    for result, command in limits:
        row(
            "7",
            f"500 reminders, {result['limiter']}, {result['wire_model']} wire",
            f"{result['messages_per_s']:.1f} msg/s, {result['refused_429']} × 429",
            "≈ 30 /s, 0 × 429",
            command,
        )

    total = time.perf_counter() - began
    data = {
        "machine": machine(),
        "total_s": total,
        "table": [
            dict(zip(("item", "figure", "value", "goal", "command"), r, strict=True)) for r in rows
        ],
        "raw": {
            "mix": {str(k): v[0] for k, v in mix.items()},
            "echo": echo,
            "contention": contention,
            "restart": restart,
            "matching": matching,
            "memory": memory,
            "limits": [r for r, _ in limits],
        },
    }
    RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    m = data["machine"]
    print(
        f"\n{m['cores']} cores, {m['cpu']}, Python {m['python']}; {total:.0f} s in all; "
        f"figures in {RESULTS.relative_to(ROOT)}"
    )


def table(rows: list[tuple[str, str, str, str, str]]) -> str:
    lines = ["| # | figure | value | goal | command |", "|---|---|---|---|---|"]
    lines += [f"| {i} | {f} | {v} | {g} | `{c}` |" for i, f, v, g, c in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
