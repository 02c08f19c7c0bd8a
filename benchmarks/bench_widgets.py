"""Drive each widget through 200 random state changes; print median and p95 update times against a
baseline measured in the same run, and check that figures and memory do not grow."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import ipywidgets as W
import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from muscletwitch.widgets import (
    CauseExplorer,
    EMGSounds,
    Quiz,
    RedFlagChecker,
    ReflexLab,
    SummationLab,
    TwitchSimulator,
)

TARGET_MEDIAN_MS, TARGET_P95_MS = 40.0, 80.0
MAX_GROWTH_MB = 2.0
WORDS = ["", "blink", "ALS", "coffee", "<script>", "zzz", "nerve", "s"]


WIDGETS = (
    CauseExplorer,
    TwitchSimulator,
    SummationLab,
    RedFlagChecker,
    Quiz,
    EMGSounds,
    ReflexLab,
)


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


def baseline_ms(n: int = 30) -> float:
    """One set_data + Agg draw of a trivial line plot: this machine's unit of drawing cost."""
    fig = Figure(figsize=(4, 3), dpi=80)
    FigureCanvasAgg(fig)
    (line,) = fig.subplots().plot([0, 1], [0, 1])
    times = []
    for i in range(n):
        start = time.perf_counter()
        line.set_data([0, 1], [i % 2, 1 - i % 2])
        fig.canvas.draw()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def change(control: W.Widget, rng: random.Random) -> None:
    """One random state change a student could make."""
    if isinstance(control, W.Button):
        control.click()
    elif isinstance(control, W.Checkbox):
        control.value = not control.value
    elif isinstance(control, W.Text):
        control.value = rng.choice(WORDS)
    elif isinstance(control, W.FloatLogSlider | W.FloatSlider):
        lo, hi = control.min, control.max
        x = rng.uniform(lo, hi)
        control.value = 10**x if isinstance(control, W.FloatLogSlider) else x
    elif control.options:
        control.value = rng.choice(control._options_values)


def bench(cls: type, changes: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    w = cls()
    names = [n for n, c in w.controls.items() if not c.disabled]
    for _ in range(20):  # warm-up: caches, fonts
        change(w.controls[rng.choice(names)], rng)
    figs, rss = plt.get_fignums(), rss_mb()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    times, by_control = [], {}
    for _ in range(changes):
        name = rng.choice(names)
        control = w.controls[name]
        if control.disabled:
            continue
        start = time.perf_counter()
        change(control, rng)
        times.append((time.perf_counter() - start) * 1000)
        by_control.setdefault(name, []).append(times[-1])
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    growth = sum(s.size_diff for s in after.compare_to(before, "filename")) / 2**20
    times.sort()
    # the slowest control on its own: many quick buttons must not hide one slow control
    slow, slow_times = max(by_control.items(), key=lambda kv: statistics.median(kv[1]))
    slow_times.sort()
    return {
        "slowest": f"{slow} (n={len(slow_times)}): median {statistics.median(slow_times):.1f} ms,"
        f" p95 {slow_times[int(0.95 * (len(slow_times) - 1))]:.1f} ms",
        "widget": cls.__name__,
        "n": len(times),
        "median": statistics.median(times),
        "p95": times[int(0.95 * (len(times) - 1))],
        "figs": len(plt.get_fignums()) - len(figs),
        "traced_mb": growth,
        "rss_mb": rss_mb() - rss,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--widget", nargs="*", help="only these widgets (class names)")
    args = parser.parse_args()
    base = baseline_ms()
    print(f"baseline: set_data + draw of a trivial figure = {base:.1f} ms (median of 30)")
    print(f"targets: median < {TARGET_MEDIAN_MS:g} ms, p95 < {TARGET_P95_MS:g} ms, no growth")
    head = f"{'widget':<16}{'n':>5}{'median ms':>11}{'p95 ms':>9}{'x base':>8}"
    print(head + f"{'figs+':>7}{'traced MB':>11}{'RSS MB':>8}  verdict")
    failed = False
    for cls in WIDGETS:
        if args.widget and cls.__name__ not in args.widget:
            continue
        r = bench(cls, args.changes, args.seed)
        ok = (
            r["median"] < TARGET_MEDIAN_MS
            and r["p95"] < TARGET_P95_MS
            and r["figs"] == 0
            and r["traced_mb"] < MAX_GROWTH_MB
        )
        failed |= not ok
        print(
            f"{r['widget']:<16}{r['n']:>5}{r['median']:>11.1f}{r['p95']:>9.1f}"
            f"{r['median'] / base:>8.2f}{r['figs']:>7}{r['traced_mb']:>11.2f}{r['rss_mb']:>8.1f}"
            f"  {'ok' if ok else 'FAIL'}"
        )
        print(f"{'':<16}slowest control: {r['slowest']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
