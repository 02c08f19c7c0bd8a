"""What a widget leaves behind when a student builds it again (re-runs its cell): figures,
callbacks, ipywidgets objects and memory, against a plain-ipywidgets baseline from the same run.

    python benchmarks/bench_rebuild.py [--builds 10]

For each widget: build it once (warm-up: fonts, data, caches), then `--builds` more times,
dropping each one as a re-run cell does, and measure what stayed alive (gc, tracemalloc, RSS):

- while open: ipywidgets keeps every widget until it is closed (the frontend may still show
  it), so each build's controls stay alive, and with them the callbacks and figure they hold;
- after close: the same builds, each with its view closed, every ipywidget in it (what
  closing the notebook's comms does): anything still alive then (a figure, an ipywidget
  outside the view) is held by something else, a real leak.

The baseline is a plain ipywidgets view (slider, HTML, a PNG in an Image, a callback) built
the same way: what ipywidgets itself keeps per build. Fails (exit 1) if pyplot figures
accumulate, a build adds callbacks to controls other than its own, or a closed widget leaves
a figure alive. ipywidgets still alive after close are reported: a Style or Layout replaced
after a control was made (e.g. ``control.style = {...}``) is never closed by ipywidgets.
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as W
import matplotlib.pyplot as plt
from ipywidgets.widgets.widget import _instances
from matplotlib.figure import Figure

from muscletwitch.widgets import CauseExplorer, Quiz, RedFlagChecker, SummationLab, TwitchSimulator

WIDGETS: dict[str, Callable[[], Any]] = {
    "CauseExplorer": lambda: CauseExplorer(cause="caffeine"),
    "TwitchSimulator": lambda: TwitchSimulator(phenomenon="tremor"),
    "SummationLab": lambda: SummationLab(rate_hz=5),
    "RedFlagChecker": RedFlagChecker,
    "Quiz": lambda: Quiz(n=10, seed=7),
}


def baseline() -> W.Widget:
    """A plain ipywidgets view of the widgets' kind: a slider wired to an HTML and a PNG."""
    fig = Figure(figsize=(10, 5), dpi=80)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    image, html = W.Image(value=buf.getvalue(), format="png"), W.HTML("<b>0</b>")
    slider = W.FloatSlider(description="rate")
    slider.observe(lambda c: setattr(html, "value", f"<b>{c['new']}</b>"), "value")
    return W.VBox([slider, html, image])


def rss_mib() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


def live_figures() -> int:
    gc.collect()
    return sum(isinstance(o, Figure) for o in gc.get_objects())


def callbacks(widgets: list[W.Widget]) -> int:
    """Trait observers and click handlers registered on these ipywidgets."""
    n = 0
    for w in widgets:
        n += sum(len(h) for kinds in w._trait_notifiers.values() for h in kinds.values())
        clicks = getattr(w, "_click_handlers", None)  # a Button's
        n += len(clicks.callbacks) if clicks else 0
    return n


def close_view(view: W.Widget) -> None:
    """Close a view and every ipywidget in it (children, layouts, styles), as closing its
    comms in the frontend does."""
    view.close()
    for name in view.keys:
        value = getattr(view, name)
        for part in value if isinstance(value, list | tuple) else (value,):
            if isinstance(part, W.Widget) and part.comm is not None:
                close_view(part)


def rebuild(build: Callable[[], Any], builds: int, *, close: bool) -> dict[str, float]:
    """Build once, then `builds` times more; what the extra builds left alive (per build)."""
    start = set(_instances)
    build()  # warm-up; its controls are the "old widget" whose callbacks are counted
    gc.collect()
    first = set(_instances)
    before_cb = callbacks([_instances[k] for k in first])
    figs, pyplot_figs, rss = live_figures(), len(plt.get_fignums()), rss_mib()
    tracemalloc.start()
    snap = tracemalloc.take_snapshot()
    for _ in range(builds):
        w = build()
        if close:
            close_view(getattr(w, "widget", w))
        del w
    figs_after = live_figures()
    grown = tracemalloc.take_snapshot().compare_to(snap, "filename")
    tracemalloc.stop()
    left = len(set(_instances) - first)
    old_cb = callbacks([_instances[k] for k in first if k in _instances])
    for k in set(_instances) - start:  # leave the next measurement a clean registry
        _instances[k].close()
    gc.collect()
    return {
        "figures": (figs_after - figs) / builds,
        "pyplot": len(plt.get_fignums()) - pyplot_figs,
        "widgets": left / builds,
        "traced_kib": sum(s.size_diff for s in grown) / 1024 / builds,
        "rss_mib": rss_mib() - rss,
        "foreign_callbacks": old_cb - before_cb,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--builds", type=int, default=10)
    args = p.parse_args(argv)
    print(f"{args.builds} builds of each widget after a warm-up build; per build, but RSS")
    head = (
        f"{'widget':<16}{'state':<8}{'figs/build':>11}{'pyplot':>7}{'widgets/build':>14}"
        f"{'KiB/build':>11}{'x base':>8}{'RSS MiB':>9}{'cb+':>5}  verdict"
    )
    print(head)
    failed = False
    for close in (False, True):
        state = "closed" if close else "open"
        base = rebuild(baseline, args.builds, close=close)
        unit = max(base["traced_kib"], 1.0)
        rows = [
            ("baseline", base),
            *((n, rebuild(b, args.builds, close=close)) for n, b in WIDGETS.items()),
        ]
        for name, r in rows:
            ok = r["pyplot"] == 0 and r["foreign_callbacks"] == 0
            ok &= not (close and r["figures"] > 0)
            failed |= not ok
            verdict = "ok" if ok else "FAIL"
            if close and r["widgets"]:
                verdict += " (ipywidgets outside the view: orphaned)"
            print(
                f"{name:<16}{state:<8}{r['figures']:>11.2f}{r['pyplot']:>7}{r['widgets']:>14.0f}"
                f"{r['traced_kib']:>11.0f}{r['traced_kib'] / unit:>8.1f}{r['rss_mib']:>9.1f}"
                f"{r['foreign_callbacks']:>5}  {verdict}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
