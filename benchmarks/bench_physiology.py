"""Time per diagram (new figure, draw, save PNG at 100 dpi) and per signature (60 s at 1 kHz).

Each figure is the median of several runs, next to a baseline measured in the same run: a one-line
``ax.plot`` figure saved at 100 dpi for diagrams, ``rng.random(60000)`` for signatures.
Targets (issue 3): each diagram < 150 ms, each signature < 10 ms. Exits 1 if any row fails.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from muscletwitch import physiology  # noqa: E402
from muscletwitch.plots import examples  # noqa: E402

DIAGRAM_MS, SIGNATURE_MS = 150.0, 10.0


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm caches (taxonomy, fonts, parameters)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def save(fig: Figure) -> None:
    fig.savefig(io.BytesIO(), format="png", dpi=100)


def one_line_figure() -> None:
    fig = Figure(figsize=(6.4, 4.8))
    fig.subplots().plot([0, 1], [0, 1])
    save(fig)


def main() -> int:
    rows = [("diagram", "baseline: one-line plot", median_ms(one_line_figure, 10), None)]
    rows += [
        ("diagram", name, median_ms(lambda n=name: save(examples.figure(n)[0]), 10), DIAGRAM_MS)
        for name in examples.EXAMPLES
    ]
    rng = np.random.default_rng()
    rows.append(
        (
            "signature",
            "baseline: rng.random(60000)",
            median_ms(lambda: rng.random(60_000), 50),
            None,
        )
    )
    rows += [
        (
            "signature",
            pid,
            median_ms(lambda p=pid: physiology.signature(p, duration_s=60), 50),
            SIGNATURE_MS,
        )
        for pid in physiology.signature_ids()
    ]
    baseline = {kind: ms for kind, _, ms, target in rows if target is None}
    failed = False
    print(f"{'kind':<10} {'case':<28} {'ms':>8} {'x baseline':>11} {'target':>8}  result")
    for kind, name, ms, target in rows:
        verdict = "" if target is None else ("PASS" if ms < target else "FAIL")
        failed |= verdict == "FAIL"
        limit = f"< {target:g}" if target else ""
        print(f"{kind:<10} {name:<28} {ms:8.2f} {ms / baseline[kind]:11.1f} {limit:>8}  {verdict}")
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
