"""What a widget leaves behind when a student builds it again (re-runs its cell): figures,
callbacks, ipywidgets objects and memory, against a plain-ipywidgets baseline from the same run.

    PYTHONPATH=tests python benchmarks/bench_rebuild.py [--builds 10]   (or: make bench)

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
import io
import sys
from collections.abc import Callable
from typing import Any

import ipywidgets as W
from matplotlib.figure import Figure

from muscletwitch.widgets import CauseExplorer, Quiz, RedFlagChecker, SummationLab, TwitchSimulator

try:
    from support.rebuild import rebuild
except ModuleNotFoundError as e:  # run without tests/ on the path
    raise SystemExit(f"{e}: run `make bench`, or PYTHONPATH=tests {sys.argv[0]}") from e

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
