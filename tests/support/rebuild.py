"""What a widget built again leaves behind: the measurement of benchmarks/bench_rebuild.py,
also asserted (with fewer builds) by tests/test_rerun.py."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as W
import matplotlib.pyplot as plt
from ipywidgets.widgets.widget import _instances  # the registry that keeps open widgets alive
from matplotlib.figure import Figure


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


def rebuild(
    build: Callable[[], Any], builds: int, *, close: bool, trace: bool = True
) -> dict[str, float]:
    """Build once, then `builds` times more, closing each view if `close`; what the extra
    builds left alive (per build). `trace`: also the memory they kept (tracemalloc, slow)."""
    start = set(_instances)
    build()  # warm-up; its controls are the "old widget" whose callbacks are counted
    gc.collect()
    first = set(_instances)
    before_cb = callbacks([_instances[k] for k in first])
    figs, pyplot_figs, rss = live_figures(), len(plt.get_fignums()), rss_mib()
    if trace:
        tracemalloc.start()
        snap = tracemalloc.take_snapshot()
    for _ in range(builds):
        w = build()
        if close:
            close_view(getattr(w, "widget", w))
        del w
    figs_after = live_figures()
    grown = tracemalloc.take_snapshot().compare_to(snap, "filename") if trace else []
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
