"""Time per diagram (new figure, draw, save PNG at 100 dpi) and per signature (60 s at 1 kHz).

Each figure is the median of several runs, next to a baseline measured in the same run: a one-line
``ax.plot`` figure saved the same way for diagrams, ``rng.random(60000)`` for signatures. Figures
are saved uncropped with ``plots.png_bytes``, the library's PNG settings (``plots.show`` and the
widgets use them); the cropping ``plots.show`` adds for notebooks is timed separately.
Targets (issue 3): each diagram < 150 ms, each signature < 10 ms. Exits 1 if any row fails.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from muscletwitch import physiology, plots  # noqa: E402
from muscletwitch.plots import examples  # noqa: E402

DIAGRAM_MS, SIGNATURE_MS = 150.0, 10.0


Case = tuple[str, str, Callable[[], object], float | None]  # kind, name, work, target ms


def median_ms(cases: list[Case], rounds: int) -> list[float]:
    """Median time of each case's ``work()``, measured in interleaved rounds (one run of every case
    per round), so that a slow spell of the machine hits every case alike."""
    for _, _, work, _ in cases:
        work()  # warm caches (taxonomy, fonts, parameters)
    times: list[list[float]] = [[] for _ in cases]
    for _ in range(rounds):
        for (_, _, work, _), row in zip(cases, times, strict=True):
            start = time.perf_counter()
            work()
            row.append((time.perf_counter() - start) * 1000)
    return [statistics.median(row) for row in times]


def save(fig: Figure) -> None:
    assert fig.dpi == 100, fig.dpi  # the target is for 100 dpi; house style and default
    plots.png_bytes(fig, crop=False)


def crop(name: str) -> None:
    plots.png_bytes(examples.figure(name)[0], crop=True)


def one_line_figure() -> None:
    fig = Figure(figsize=(6.4, 4.8))
    fig.subplots().plot([0, 1], [0, 1])
    save(fig)


def main() -> int:
    # the first case of each kind is its baseline
    diagrams: list[Case] = [("diagram", "baseline: one-line plot", one_line_figure, None)]
    diagrams += [
        ("diagram", name, lambda n=name: save(examples.figure(n)[0]), DIAGRAM_MS)
        for name in examples.EXAMPLES
    ]
    diagrams += [  # for information: what plots.show spends, with the crop to the content
        ("diagram", f"{name}, cropped", lambda n=name: crop(n), None) for name in examples.EXAMPLES
    ]
    rng = np.random.default_rng()
    signatures: list[Case] = [
        ("signature", "baseline: rng.random(60000)", lambda: rng.random(60_000), None)
    ]
    signatures += [
        ("signature", pid, lambda p=pid: physiology.signature(p, duration_s=60), SIGNATURE_MS)
        for pid in physiology.signature_ids()
    ]
    rows = [
        (kind, name, ms, target)
        for cases, rounds in ((diagrams, 15), (signatures, 50))
        for (kind, name, _, target), ms in zip(cases, median_ms(cases, rounds), strict=True)
    ]
    baseline: dict[str, float] = {}
    for kind, _, ms, _ in rows:
        baseline.setdefault(kind, ms)
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
