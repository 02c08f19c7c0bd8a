"""Matplotlib figures for the course: each function draws into Axes it is given, returns ``Drawn``.

Convention: ``drawn = plots.f(ax, ...)`` never creates or shows a figure. ``drawn.artists`` holds
what was drawn (first the main data artists, e.g. the lines a widget updates with ``set_data``);
``drawn.alt_text`` is one sentence describing the picture for screen readers and static exports.
``show(fig, alt_text)`` displays a finished figure in a notebook with its alt text attached;
``png_bytes(fig)`` is the PNG it shows (cropped to the content, quick to write). ``subplots`` is
``plt.subplots`` outside pyplot (``agg_figure`` a bare Figure): no backend needs to load for it.
Colours, hatches and fonts come from ``muscletwitch.style``; apply ``style.context()`` or
``style.lecture()`` around figure creation.
"""

from muscletwitch import heap
from muscletwitch.plots.anatomy import ANATOMY_LEVELS, anatomy
from muscletwitch.plots.base import Drawn
from muscletwitch.plots.colours import colour_of, site_colour
from muscletwitch.plots.diagrams import levels, site_matrix, tree
from muscletwitch.plots.evidence import evidence
from muscletwitch.plots.output import agg_figure, png_bytes, show, subplots
from muscletwitch.plots.reflex_arc import reflex_arc
from muscletwitch.plots.signals import comparison, raster, signal, summation
from muscletwitch.plots.tone import tone

heap.settle()  # matplotlib, numpy and IPython: alive until exit, out of the collector's way

__all__ = [
    "ANATOMY_LEVELS",
    "Drawn",
    "agg_figure",
    "anatomy",
    "colour_of",
    "comparison",
    "evidence",
    "levels",
    "png_bytes",
    "raster",
    "reflex_arc",
    "show",
    "signal",
    "site_colour",
    "site_matrix",
    "subplots",
    "summation",
    "tone",
    "tree",
]
