"""Muscle tone: the resistance to a passive stretch against the speed of the stretch, contrasting
velocity-dependent spasticity with velocity-independent rigidity (parameters from the data)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes

from muscletwitch import physiology, style
from muscletwitch.plots.base import Drawn
from muscletwitch.plots.signals import ILLUSTRATIVE, LINESTYLES

MARKERS = ("o", "s", "D", "^")


def tone(ax: Axes, phenomena: Sequence[Any]) -> Drawn:
    """One line per phenomenon (objects with ``.id`` and ``.name``, e.g. spasticity and rigidity):
    the resistance to a passive stretch from rest up to the fastest stretch of its signature, with
    markers at the stretch speeds of that signature and a band where a cogwheel ratchets it.

    ``drawn.artists`` starts with the lines, in the order given.
    """
    if not phenomena:
        raise ValueError(f"phenomena: give at least one of {', '.join(physiology.STRETCH_IDS)}")
    unknown = [p.id for p in phenomena if p.id not in physiology.STRETCH_IDS]
    if unknown:
        raise ValueError(
            f"phenomena: {', '.join(unknown)} has no stretch model; "
            f"allowed: {', '.join(physiology.STRETCH_IDS)}"
        )
    colours = [c["color"] for c in style.rc()["axes.prop_cycle"]]
    lines, extras, described = [], [], []
    for i, p in enumerate(phenomena):
        model = physiology.SIGNATURES[p.id]
        speeds = np.asarray(model.stretch_velocities_deg_s, dtype=float)
        v = np.linspace(0, speeds.max(), 61)
        low, high = physiology.stretch_resistance(p.id, v)
        colour, style_ = colours[i % len(colours)], LINESTYLES[i % len(LINESTYLES)]
        rises = high[-1] > high[0] * 1.05
        kind = "velocity-dependent" if rises else "velocity-independent"
        (line,) = ax.plot(
            v, high, color=colour, linestyle=style_, linewidth=3, label=f"{p.name}: {kind}"
        )
        lines.append(line)
        _, at = physiology.stretch_resistance(p.id, speeds)
        extras.append(
            ax.scatter(speeds, at, s=90, color=colour, marker=MARKERS[i % len(MARKERS)], zorder=3)
        )
        if np.any(low < high):
            extras.append(
                ax.fill_between(
                    v,
                    low,
                    high,
                    color=colour,
                    alpha=0.2,
                    hatch="..",
                    label=f"{p.name}: cogwheel ratchet",
                )
            )
        change = "rises with speed" if rises else "stays flat"
        described.append(f"{p.name} {change} ({high[0]:.2g} to {high[-1]:.2g})")
    ax.set(
        xlabel="speed of the passive stretch (deg/s)",
        ylabel="resistance (a.u.)",
        xlim=(0, None),
        ylim=(0, None),
    )
    ax.set_title(f"Resistance to passive stretch ({ILLUSTRATIVE})", loc="left")
    ax.legend(loc="upper left")
    alt = (
        f"Resistance to a passive stretch against its speed, {ILLUSTRATIVE}: "
        + "; ".join(described)
        + "."
    )
    return Drawn((*lines, *extras), alt)
