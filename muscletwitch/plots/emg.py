"""Needle-EMG traces of the sound models (``muscletwitch.emg``): the whole clip, with the window
that a zoomed trace shows in milliseconds. Negative is up, as on an EMG screen."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from muscletwitch import emg, style
from muscletwitch.plots.base import Drawn

MODEL = "model, not a recording"
YLIM = (-1.25, 1.25)  # one amplitude scale for every pattern, so sizes compare
CLIP_POINTS = 800  # the whole clip is drawn as a min/max envelope of this many columns


def clip_data(d: emg.Discharge) -> tuple[np.ndarray, np.ndarray]:
    """The whole clip as a min/max envelope (time s, value): every spike stays visible, and the
    line has ~2 points per pixel column, not one per sample."""
    y = d.signal
    columns = min(CLIP_POINTS, len(y))
    edges = np.linspace(0, len(y), columns + 1).astype(int)
    low = np.minimum.reduceat(y, edges[:-1])
    high = np.maximum.reduceat(y, edges[:-1])
    t = np.repeat(edges[:-1] / d.fs_hz, 2)
    return t, np.column_stack([low, high]).ravel()


def zoom_data(d: emg.Discharge, window_s: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """The samples inside ``window_s``, as (ms from the window's start, value)."""
    start, stop = (round(w * d.fs_hz) for w in window_s)
    y = d.signal[start:stop]
    return np.arange(len(y)) * 1000 / d.fs_hz, y


def alt_text(d: emg.Discharge, window_s: tuple[float, float]) -> str:
    """One sentence saying what the two traces show."""
    p = d.pattern
    n = len(d.events)
    return (
        f"{p.name} ({MODEL}): {d.duration_s:g} s trace with {n} potentials from "
        f"{len(d.units)} {'unit' if len(d.units) == 1 else 'units'}, and a "
        f"{(window_s[1] - window_s[0]) * 1000:.0f} ms zoom from {window_s[0]:.2f} s. "
        f"{p.description}"
    )


def emg_traces(ax_clip: Axes, ax_zoom: Axes, d: emg.Discharge, zoom_ms: float) -> Drawn:
    """The whole clip (s) with the zoom window shaded, and that window in ms below it.

    Artists: clip line, zoom line, the shaded window.
    """
    window = d.window(zoom_ms / 1000)
    colour = style.OKABE_ITO["blue"]
    (clip,) = ax_clip.plot(*clip_data(d), color=colour, linewidth=0.8)
    # a Rectangle in (data x, axes y), not axvspan: axvspan returns a Polygon before matplotlib
    # 3.9 (the browser kernel's 3.8), and the widget moves the window with set_x / set_width
    span = ax_clip.add_patch(
        Rectangle(
            (window[0], 0), window[1] - window[0], 1, transform=ax_clip.get_xaxis_transform(),
            color=style.OKABE_ITO["orange"], alpha=0.25, linewidth=0,
        )
    )  # fmt: skip
    ax_clip.set(xlim=(0, d.duration_s), ylim=YLIM, xlabel="time (s)", ylabel="a.u.")
    ax_clip.set_title(f"Whole clip ({MODEL}; negative up, as on an EMG screen)", loc="left")
    (zoom,) = ax_zoom.plot(*zoom_data(d, window), color=colour, linewidth=1.2)
    ax_zoom.set(
        xlim=(0, zoom_ms), ylim=YLIM, xlabel="time in the shaded window (ms)", ylabel="a.u."
    )
    ax_zoom.set_title(f"Zoom: the shaded {zoom_ms:g} ms", loc="left")
    for ax in (ax_clip, ax_zoom):
        ax.axhline(0, color="#8C8C8C", linewidth=0.6, zorder=0)
    return Drawn((clip, zoom, span), alt_text(d, window))
