"""Every diagram drawn with example data on a new figure, for the gallery, tests and benchmark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from matplotlib.figure import Figure

from muscletwitch import physiology, style
from muscletwitch.plots import diagrams, signals
from muscletwitch.plots.anatomy import anatomy
from muscletwitch.plots.base import Drawn
from muscletwitch.plots.evidence import evidence
from muscletwitch.plots.output import agg_figure
from muscletwitch.plots.tone import tone

Example = tuple[tuple[float, float], Callable[[Figure, Any], Drawn]]  # size (in), draw(fig, tax)


def _signal(fig: Figure, tax: Any) -> Drawn:
    myoclonus = tax.phenomenon("myoclonus")
    t, activity = physiology.signature(myoclonus.id)
    return signals.signal(fig.subplots(), t, activity, phenomenon=myoclonus)


def _raster(fig: Figure, tax: Any) -> Drawn:
    trains = [physiology.discharge_train(8, 3, regular=r, seed=1) for r in (True, False)]
    return signals.raster(fig.subplots(), trains, ["regular", "irregular"])


def _tree(fig: Figure, tax: Any) -> Drawn:
    return diagrams.tree(fig.subplots(), tax, highlight=[c.id for c in tax.causes if c.in_seed][:3])


def _site_matrix(fig: Figure, tax: Any) -> Drawn:
    famous = ("parkinsons-disease", "als", "multiple-sclerosis", "autonomic-dysfunction")
    return diagrams.site_matrix(fig.subplots(), tax.sites, [tax.cause(c) for c in famous])


def _comparison(fig: Figure, tax: Any) -> Drawn:
    return signals.comparison(fig.subplots(), tax.phenomena)


def _evidence(fig: Figure, tax: Any) -> Drawn:
    shown = ("parkinsons-medicine", "physiotherapy-ms", "physiotherapy-spasticity", "stretching")
    shown += ("behavioural-therapy-tics", "dorn-method")  # a fixed few: new therapies keep it
    return evidence(fig.subplots(), [tax.therapy(t) for t in shown])


EXAMPLES: dict[str, Example] = {
    "tree": ((11, 6), _tree),
    "anatomy": ((10, 3), lambda fig, tax: anatomy(fig.subplots(), highlight="motor-unit")),
    "levels": (
        (8, 5.5),
        lambda fig, tax: diagrams.levels(fig.subplots(), tax.sites, highlight=tax.cause("als")),
    ),
    "site_matrix": ((8, 5), _site_matrix),
    "raster": ((8, 2.5), _raster),
    "signal": ((8, 3), _signal),
    "comparison": ((8, 6.5), _comparison),
    "summation": ((8, 4), lambda fig, tax: signals.summation(fig.subplots())),
    "evidence": ((8, 4), _evidence),
    "tone": (
        (8, 4.5),
        lambda fig, tax: tone(
            fig.subplots(), [tax.phenomenon(p) for p in ("spasticity", "rigidity")]
        ),
    ),
}


def figure(name: str, *, lecture: bool = False) -> tuple[Figure, Drawn]:
    """A new (pyplot-free) Figure in the house style with example ``name`` drawn on it."""
    from muscletwitch.taxonomy import load_taxonomy

    if name not in EXAMPLES:
        raise ValueError(f"name must be one of {', '.join(EXAMPLES)}, got {name!r}")
    (width, height), draw = EXAMPLES[name]
    scale = style.LECTURE_SCALE if lecture else 1
    with style.context(lecture=lecture):
        fig = agg_figure(figsize=(width * scale, height * scale), layout="constrained")
        return fig, draw(fig, load_taxonomy())
