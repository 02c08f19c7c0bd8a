"""Drive each widget through 200 random state changes; print median and p95 update times against a
baseline measured in the same run, and check that figures and memory do not grow.

The changes are timed without tracemalloc, which slows every allocation (it tripled
TwitchSimulator's p95); memory growth is traced over a second run of as many changes. Next to the
wall times (the targets) it prints the CPU time of each change, which a busy shared machine
inflates far less than the wall time."""

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
    MotorUnitPool,
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
    MotorUnitPool,
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


def p95(ordered: list[float]) -> float:
    """The 95th percentile of sorted values (nearest rank below)."""
    return ordered[int(0.95 * (len(ordered) - 1))]


def walk(
    w: Any, names: list[str], changes: int, rng: random.Random
) -> list[tuple[str, float, float]]:
    """(control, wall ms, CPU ms) of each of ``changes`` random changes (disabled ones skipped)."""
    times = []
    for _ in range(changes):
        name = rng.choice(names)
        control = w.controls[name]
        if control.disabled:
            continue
        start, cpu = time.perf_counter(), time.process_time()
        change(control, rng)
        wall_ms = (time.perf_counter() - start) * 1000
        times.append((name, wall_ms, (time.process_time() - cpu) * 1000))
    return times


def bench(cls: type, changes: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    w = cls()
    names = [n for n, c in w.controls.items() if not c.disabled]
    for _ in range(20):  # warm-up: caches, fonts
        change(w.controls[rng.choice(names)], rng)
    figs, rss = plt.get_fignums(), rss_mb()
    timed = walk(w, names, changes, rng)
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    walk(w, names, changes, rng)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    growth = sum(s.size_diff for s in after.compare_to(before, "filename")) / 2**20
    wall, cpu = sorted(t for _, t, _ in timed), sorted(c for _, _, c in timed)
    # the slowest control on its own: many quick buttons must not hide one slow control
    by_control: dict[str, list[float]] = {}
    for name, t, _ in timed:
        by_control.setdefault(name, []).append(t)
    slow, slow_times = max(by_control.items(), key=lambda kv: statistics.median(kv[1]))
    slow_times.sort()
    return {
        "slowest": f"{slow} (n={len(slow_times)}): median {statistics.median(slow_times):.1f} ms,"
        f" p95 {p95(slow_times):.1f} ms",
        "widget": cls.__name__,
        "n": len(timed),
        "median": statistics.median(wall),
        "p95": p95(wall),
        "cpu_median": statistics.median(cpu),
        "cpu_p95": p95(cpu),
        "figs": len(plt.get_fignums()) - len(figs),
        "traced_mb": growth,
        "rss_mb": rss_mb() - rss,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", nargs="*", metavar="WIDGET", help="these widgets only, by name")
    args = parser.parse_args()
    base = baseline_ms()
    print(f"baseline: set_data + draw of a trivial figure = {base:.1f} ms (median of 30)")
    print(f"targets: median < {TARGET_MEDIAN_MS:g} ms, p95 < {TARGET_P95_MS:g} ms, no growth")
    head = f"{'widget':<16}{'n':>5}{'median ms':>11}{'p95 ms':>9}{'x base':>8}{'CPU med':>9}"
    print(head + f"{'CPU p95':>9}{'figs+':>7}{'traced MB':>11}{'RSS MB':>8}  verdict")
    failed = False
    for cls in [c for c in WIDGETS if not args.only or c.__name__ in args.only]:
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
            f"{r['median'] / base:>8.2f}{r['cpu_median']:>9.1f}{r['cpu_p95']:>9.1f}"
            f"{r['figs']:>7}{r['traced_mb']:>11.2f}{r['rss_mb']:>8.1f}"
            f"  {'ok' if ok else 'FAIL'}"
        )
        print(f"{'':<16}slowest control: {r['slowest']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
