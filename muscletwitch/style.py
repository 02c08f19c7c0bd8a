"""One look for every figure: the Okabe-Ito colour-blind-safe palette, category hatches and line
styles that survive greyscale, DejaVu Sans fonts, and a projector-sized ``lecture()`` mode."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import matplotlib as mpl

# Okabe & Ito (2008), "Color Universal Design": safe for common colour-vision deficiencies
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky-blue": "#56B4E9",
    "bluish-green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish-purple": "#CC79A7",
}
NEUTRAL = "#D9D9D9"  # boxes that are not highlighted
INK = OKABE_ITO["black"]

# benign and pathological: always these colours, plus a hatch / line style for greyscale
CATEGORY_COLOURS = {"benign": OKABE_ITO["blue"], "pathological": OKABE_ITO["vermillion"]}
CATEGORY_HATCHES = {"benign": "", "pathological": "//"}
CATEGORY_LINESTYLES = {"benign": "-", "pathological": "--"}

# every colour a data file may name (course.toml gives each site one of these names)
PALETTE = OKABE_ITO | {"grey": "#7F7F7F"}

# matplotlib reads these when it draws, not when a figure is made, so ``plots.png_bytes`` and the
# widgets apply them around every draw (``drawing()``). Unhinted glyphs look the same at our sizes
# and take 10-20 % less of a text-heavy figure's drawing time than FreeType's default hinting.
DRAW_RC: dict[str, Any] = {"text.hinting": "no_hinting"}

_BASE_RC: dict[str, Any] = DRAW_RC | {
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs on every machine
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    # titles at a fixed height above the axes: matplotlib would otherwise lay out the tick labels
    # again on every draw to check none sits on top, which none of our plots puts there
    "axes.titley": 1.0,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=[OKABE_ITO[k] for k in OKABE_ITO if k != "yellow"]),
    "lines.linewidth": 1.5,
    "legend.frameon": False,
    # 100 dpi in both modes: a 12 in lecture figure is 1200 px, about a projected notebook
    # column, so the browser shows it near 1:1; 120 dpi only made the browser shrink it, after
    # Pillow had spent 40 % longer encoding it (plots.output.png_bytes)
    "figure.dpi": 100,
    # lay every figure out so labels stay inside it, whatever the font size (projector!)
    "figure.constrained_layout.use": True,
    "savefig.dpi": 100,
    "image.cmap": "cividis",
}
LECTURE_SCALE = 1.6  # projector: everything 60 % larger


def rc(*, lecture: bool = False) -> dict[str, Any]:
    """The rcParams of the house style; ``lecture=True`` scales fonts and lines for a projector."""
    if not lecture:
        return dict(_BASE_RC)
    scaled = {
        key: _BASE_RC[key] * LECTURE_SCALE for key in _BASE_RC if key.endswith(("size", "width"))
    }
    return _BASE_RC | scaled | {"axes.linewidth": LECTURE_SCALE}


# Lecture mode is a flag, not something read back from rcParams: ``use`` sets it for the rest of
# the session (a module setting: a notebook's next cells must see it), ``lecture()`` and
# ``context(lecture=...)`` for the code inside them only (a ContextVar, reset on exit).
_session_lecture = False
_lecture: ContextVar[bool | None] = ContextVar("muscletwitch_lecture", default=None)


def use(*, lecture: bool = False) -> None:
    """Apply the house style globally (for a whole notebook), lecture mode for later widgets too."""
    global _session_lecture
    mpl.rcParams.update(rc(lecture=lecture))
    _session_lecture = lecture


def is_lecture() -> bool:
    """Whether the projector style is on: inside ``lecture()``, or after ``use(lecture=True)``."""
    inside = _lecture.get()
    return _session_lecture if inside is None else inside


@contextmanager
def _applied(changes: dict[str, Any]) -> Iterator[None]:
    """Set ``changes`` in rcParams; on exit restore those keys only.

    (``matplotlib.rc_context`` restores every setting: if pyplot's inline backend was first loaded
    inside it, it switched on interactive mode for its display hook and the exit switched that off
    again, so later figures in the notebook silently did not show.)
    """
    saved = {key: mpl.rcParams[key] for key in changes}
    mpl.rcParams.update(changes)
    try:
        yield
    finally:
        mpl.rcParams.update(saved)


@contextmanager
def context(*, lecture: bool = False) -> Iterator[None]:
    """Context manager applying the house style to figures (and widgets) created inside it."""
    token = _lecture.set(lecture)
    try:
        with _applied(rc(lecture=lecture)):
            yield
    finally:
        _lecture.reset(token)


def drawing() -> Any:
    """Context manager for drawing a finished figure: the draw-time part of the house style."""
    return _applied(DRAW_RC)


def lecture() -> Any:
    """Context manager: projector-sized house style. ``with style.lecture(): fig, ax = ...``"""
    return context(lecture=True)


def colour_of(x: Any) -> str:
    """Kept for code written before ``plots.colour_of``: the same function, which reads the data.
    Style itself knows no data; use ``muscletwitch.plots.colour_of``."""
    from muscletwitch.plots.colours import colour_of as of_data  # lazy: style needs no data

    return of_data(x)
