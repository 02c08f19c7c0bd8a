"""Data plots of the physiology models: discharge rasters, phenomenon signatures (one or all, on the
same scales) and the summation of twitches into tetanus."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes

from muscletwitch import physiology, style
from muscletwitch.plots.base import Drawn
from muscletwitch.plots.colours import colour_of

ILLUSTRATIVE = "illustrative model"
LINESTYLES = ("-", "--", "-.", ":")  # so overlaid lines stay apart in greyscale


def raster(ax: Axes, trains: Sequence[np.ndarray], labels: Sequence[str] | None = None) -> Drawn:
    """One row of ticks per discharge train (event times in s), first train on top."""
    labels = list(labels or [f"unit {i + 1}" for i in range(len(trains))])
    if len(labels) != len(trains):
        raise ValueError(f"labels: need one per train ({len(trains)}), got {len(labels)}")
    colours = [c["color"] for c, _ in zip(style.rc()["axes.prop_cycle"], trains, strict=False)]
    rows = np.arange(len(trains))[::-1]
    events = ax.eventplot(trains, lineoffsets=rows, linelengths=0.7, colors=colours, linewidths=1.5)
    ax.set(yticks=rows, yticklabels=labels, xlabel="time (s)", title="Discharge trains")
    ax.set_ylim(-0.6, len(trains) - 0.4)
    counts = ", ".join(
        f"{label}: {len(t)} discharges" for label, t in zip(labels, trains, strict=True)
    )
    return Drawn(tuple(events), f"Raster of {len(trains)} discharge trains ({counts}).")


def _name(phenomenon: Any) -> str:
    return getattr(phenomenon, "name", phenomenon)


def signal(
    ax: Axes, t_s: np.ndarray, activity: np.ndarray, *, phenomenon: Any, unit: str | None = None
) -> Drawn:
    """Activity over time for one phenomenon (object with ``.name``, or an id), titled as a model.

    ``unit`` "s" or "ms"; by default ms for traces up to 2 s long.
    """
    unit = unit or ("ms" if t_s[-1] <= 2 else "s")
    if unit not in ("s", "ms"):
        raise ValueError(f"unit must be 's' or 'ms', got {unit!r}")
    (line,) = ax.plot(t_s * (1000 if unit == "ms" else 1), activity, color=colour_of(phenomenon))
    ax.set(xlabel=f"time ({unit})", ylabel="activity (a.u.)")
    # one title with the note in it: a separate note beside the title ran into long titles
    ax.set_title(f"{_name(phenomenon)} ({ILLUSTRATIVE})", loc="left")
    peak = np.abs(activity).max(initial=0)
    alt = f"{_name(phenomenon)}: {ILLUSTRATIVE} of activity over {t_s[-1]:.3g} s, peak {peak:.2g}."
    return Drawn((line,), alt)


def comparison(
    ax: Axes,
    phenomena: Sequence[Any],
    *,
    duration_s: float = 5.0,
    seed: int = 0,
    labels: Sequence[str] | None = None,
    colour: str | None = None,
) -> Drawn:
    """Every phenomenon's signature in one Axes, stacked top to bottom like an EMG montage.

    All traces share one time axis and one amplitude scale (each row is only shifted), so their
    timing and size compare at a glance. ``phenomena``: objects with ``.id .name``; rows are
    labelled with the names, each trace in the phenomenon's colour, unless ``labels`` and
    ``colour`` say otherwise (e.g. unnamed, all black traces for a "which is which?" exercise).
    """
    if not phenomena:
        raise ValueError("phenomena: need at least one to compare")
    names = [p.name for p in phenomena] if labels is None else list(labels)
    if len(names) != len(phenomena):
        raise ValueError(f"labels: need one per phenomenon ({len(phenomena)}), got {len(names)}")
    traces = [physiology.signature(p.id, duration_s=duration_s, seed=seed) for p in phenomena]
    low = min(y.min() for _, y in traces)
    high = max(y.max() for _, y in traces)
    step = (high - low) * 1.15  # row spacing: the full common range plus a gap
    offsets = -step * np.arange(len(phenomena))
    lines = [
        ax.plot(t, y + off, color=colour or colour_of(p), linewidth=1.2)[0]
        for (t, y), off, p in zip(traces, offsets, phenomena, strict=True)
    ]
    ax.set(
        xlim=(0, duration_s),
        ylim=(offsets[-1] + low - 0.1 * step, high + 0.1 * step),
        yticks=offsets,
        yticklabels=names,
        xlabel="time (s)",
        title=f"Side by side on one scale ({ILLUSTRATIVE})",
    )
    ax.tick_params(axis="y", length=0)
    ax.spines[["left", "top", "right"]].set_visible(False)
    alt = (
        f"{len(phenomena)} signatures stacked on one time and amplitude scale over "
        f"{duration_s:g} s ({ILLUSTRATIVE}): {', '.join(names)}."
    )
    return Drawn(tuple(lines), alt)


def summation(
    ax: Axes,
    rates_hz: Sequence[float] = (2, 5, 10, 20, 40),
    *,
    contraction_ms: float = 60.0,
    duration_s: float = 1.0,
) -> Drawn:
    """Force of one motor unit at several firing rates: separate twitches, then fused tetanus."""
    lines = []
    for i, rate in enumerate(rates_hz):
        t, force = physiology.summed_force(
            rate, contraction_ms=contraction_ms, duration_s=duration_s
        )
        label = f"{rate:g} Hz (fusion {physiology.fusion_index(force):.2f})"
        lines += ax.plot(t * 1000, force, label=label, linestyle=LINESTYLES[i % len(LINESTYLES)])
    ax.set(
        xlabel="time (ms)",
        ylabel="force (single twitches)",
        title=f"Twitches fuse as the rate rises (T = {contraction_ms:g} ms)",
    )
    # headroom above the highest curve for a legend in rows, so it never covers a line
    top = max(line.get_ydata().max() for line in lines)
    ax.set_ylim(top=top * 1.45)
    ax.legend(loc="upper left", title="firing rate", fontsize="small", ncols=3)
    rates = ", ".join(f"{r:g}" for r in rates_hz)
    alt = (
        f"Force of one motor unit firing at {rates} Hz: separate twitches at low rates fuse "
        "into a smooth tetanus at high rates."
    )
    return Drawn(tuple(lines), alt)
