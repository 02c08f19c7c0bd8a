"""Plots of the stretch-reflex model (``muscletwitch.reflex``): one stretch over time (joint angle,
resistance and its passive part) and the peak resistance against stretch velocity per tone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes

from muscletwitch import style
from muscletwitch.plots.base import Drawn
from muscletwitch.plots.signals import ILLUSTRATIVE, LINESTYLES

if TYPE_CHECKING:
    from muscletwitch.reflex import Stretch

# one look per tone, in data order: colour, line style and marker differ, so greyscale works too
TONE_LOOKS = (
    (style.INK, LINESTYLES[0], "o"),
    (style.OKABE_ITO["vermillion"], LINESTYLES[1], "s"),
    (style.OKABE_ITO["blue"], LINESTYLES[2], "^"),
    (style.OKABE_ITO["reddish-purple"], LINESTYLES[3], "D"),
)
GUIDE = "#8C8C8C"  # the hand's path and the passive part: grey, behind the data


def tone_look(index: int) -> tuple[str, str, str]:
    """(colour, line style, marker) of the tone at ``index`` of the data's tones."""
    return TONE_LOOKS[index % len(TONE_LOOKS)]


def stretch_trace(
    ax_angle: Axes,
    ax_resistance: Axes,
    run: Stretch,
    *,
    label: str = "resistance",
    colour: str = style.INK,
) -> Drawn:
    """One stretch and hold (a ``reflex.Stretch`` of one stretch) over time: the joint and the
    examiner's hand in ``ax_angle``; the resistance and its passive part in ``ax_resistance``.

    Artists: joint angle, hand, resistance, passive part, and the end of the stretch in each axes.
    """
    t = run.t_s
    if np.ndim(run.angle_deg) != 1:
        raise ValueError("stretch_trace: give one stretch (reflex.stretch()), not several")
    (joint,) = ax_angle.plot(t, run.angle_deg, color=colour, label="joint")
    (hand,) = ax_angle.plot(
        t, run.imposed_deg, color=GUIDE, linestyle=LINESTYLES[1], label="examiner's hand"
    )
    (total,) = ax_resistance.plot(t, run.resistance_nm, color=colour, label=label)
    (passive,) = ax_resistance.plot(
        t, run.passive_nm, color=GUIDE, linestyle=LINESTYLES[1], label="passive stiffness alone"
    )
    ends = [
        ax.axvline(float(run.stretch_end_s), color=GUIDE, linestyle=":", lw=1)
        for ax in (ax_angle, ax_resistance)
    ]
    ax_angle.set(ylabel="joint angle (deg)", title=f"A stretch, then held ({ILLUSTRATIVE})")
    ax_angle.legend(loc="lower right", ncols=2)
    ax_resistance.set(xlabel="time (s)", ylabel="resistance (N m)")
    ax_resistance.legend(loc="upper right", ncols=2)
    for ax in (ax_angle, ax_resistance):
        ax.set_xlim(0, t[-1])
    alt = (
        f"A stretch at {float(run.velocity_deg_s):g} deg/s, then held ({ILLUSTRATIVE}): peak "
        f"resistance {run.resistance_nm.max():.1f} N m against {run.passive_nm.max():.1f} N m "
        "from passive stiffness alone."
    )
    return Drawn((joint, hand, total, passive, *ends), alt)


def velocity_curves(
    ax: Axes,
    curves: Mapping[str, tuple[np.ndarray, np.ndarray]],
    *,
    looks: Sequence[tuple[str, str, str]] | None = None,
    faint: bool = False,
) -> Drawn:
    """Peak resistance against stretch velocity, one line per tone (name -> (velocities, peaks)).

    ``faint`` draws them thin and pale (a background for comparison). The teaching point: spastic
    resistance rises with speed, rigid resistance does not.
    """
    if not curves:
        raise ValueError("curves: need at least one tone's (velocities, peaks)")
    looks = list(looks or [tone_look(i) for i in range(len(curves))])
    if len(looks) != len(curves):
        raise ValueError(f"looks: need one per curve ({len(curves)}), got {len(looks)}")
    lines = []
    for (name, (v, peak)), (colour, linestyle, marker) in zip(curves.items(), looks, strict=True):
        (line,) = ax.plot(
            v,
            peak,
            color=colour,
            linestyle=linestyle,
            marker=marker,
            markersize=4 if faint else 6,
            lw=1 if faint else 2.2,
            alpha=0.45 if faint else 1.0,
            label=name,
        )
        lines.append(line)
    ax.set(
        xlabel="stretch velocity (deg/s)",
        ylabel="peak resistance (N m)",
        title="Resistance against speed of stretch",
    )
    words = "; ".join(
        f"{name} {peak[0]:.1f} to {peak[-1]:.1f} N m" for name, (_, peak) in curves.items()
    )
    first = next(iter(curves.values()))[0]
    alt = f"Peak resistance from {first[0]:g} to {first[-1]:g} deg/s ({ILLUSTRATIVE}): {words}."
    return Drawn(tuple(lines), alt)
