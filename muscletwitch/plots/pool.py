"""The motor-unit pool's three panels (``muscletwitch.pool``): a raster of every unit's discharges
in size order, the pool's total force, and a surface-EMG-like signal. ``draw`` makes the artists
once; ``redraw`` puts a new ``Run`` into them (for a widget's blitting); ``alt_text`` describes a
run."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from muscletwitch import pool, style
from muscletwitch.plots.base import Drawn
from muscletwitch.plots.colours import colour_of
from muscletwitch.plots.signals import ILLUSTRATIVE, LINESTYLES

# the discharges of the whole pool; in a cramp they take the colour of the phenomenon
SPIKE_COLOURS = {"cramp": colour_of("spasm-cramp")}
FASCICULATION = colour_of("fasciculation")  # the one unit firing alone
LOST = style.CATEGORY_COLOURS["pathological"]  # the unit whose motor neuron died
ADOPTER = style.OKABE_ITO["orange"]  # the unit that adopted its fibres
ZOOM_BELOW = 5.0  # % of maximal force: a smaller force is also drawn magnified
EMG_LIMIT = 70.0  # the EMG axis, a.u. (the intact pool's maximal drive stays inside)
FORCE_LIMIT = 115.0  # % of maximal voluntary force
HIGHLIGHT_ROWS = 4.0  # height of the lost unit's band and of the highlighted unit's marks


def _markers(ax: Axes, colour: str, units: int, rows: float = 0.9, width: float = 1.0) -> object:
    """An empty line of '|' markers for one row per unit, each marker ``rows`` rows high."""
    fig = ax.figure
    row_pt = ax.get_position().height * fig.get_figheight() * 72 / units
    (line,) = ax.plot([], [], linestyle="none", marker="|", color=colour)
    line.set_markersize(max(row_pt * rows, 1.0))
    line.set_markeredgewidth(width)
    return line


def draw(ax_raster: Axes, ax_force: Axes, ax_emg: Axes, run: pool.Run) -> Drawn:
    """All three panels of ``run``; place the axes before calling (marker size follows rows).

    Artists, in order: discharges, highlighted discharges, lost-unit band, its label, force,
    intact force (dashed), magnified force (dotted), its label, EMG.
    """
    units = len(run.spikes)
    duration = run.duration_s
    spikes = _markers(ax_raster, style.INK, units)
    # the unit that matters is drawn taller and thicker: one row of 120 is a pixel or two high
    highlight = _markers(ax_raster, FASCICULATION, units, rows=HIGHLIGHT_ROWS, width=2.5)
    band = Rectangle((0, 0), duration, HIGHLIGHT_ROWS, color=LOST, alpha=0.3, lw=0)
    ax_raster.add_patch(band)
    label = ax_raster.text(0, 1, "", va="center", fontweight="bold")
    label.set_bbox({"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5})
    ticks = sorted({1, *range(0, units + 1, 30)} - {0} | {units})
    ax_raster.set(
        xlim=(0, duration),
        ylim=(0.5, units + 0.5),
        yticks=ticks,
        ylabel="motor unit\n(1 = smallest)",
        title=f"Discharges of {units} motor units, smallest at the bottom",
    )
    ax_raster.xaxis.set_visible(False)  # the panels below share its time axis

    (force,) = ax_force.plot([], [], color=style.INK)
    (intact,) = ax_force.plot([], [], color=style.INK, linestyle=LINESTYLES[1], lw=1.0)
    (zoom,) = ax_force.plot([], [], color=style.INK, linestyle=LINESTYLES[3], lw=1.2)
    zoom_label = ax_force.text(duration * 0.99, FORCE_LIMIT * 0.9, "", ha="right", va="top")
    ax_force.set(
        xlim=(0, duration),
        ylim=(0, FORCE_LIMIT),
        ylabel="force\n(% of maximum)",
        title=f"Total force: the sum of every unit's twitches ({ILLUSTRATIVE})",
    )
    ax_force.xaxis.set_visible(False)

    (emg,) = ax_emg.plot([], [], color=style.INK, lw=0.8)
    ax_emg.set(
        xlim=(0, duration),
        ylim=(-EMG_LIMIT, EMG_LIMIT),
        xlabel="time (s)",
        ylabel="EMG (a.u.)",
        title=f"Surface-EMG-like signal: one potential per discharge ({ILLUSTRATIVE})",
    )
    artists = (spikes, highlight, band, label, force, intact, zoom, zoom_label, emg)
    redraw(artists, run)
    return Drawn(artists, alt_text(run))


def _points(run: pool.Run, units: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """x, y of the discharges of ``units`` (numbers from 1), for one line of markers."""
    trains = [run.spikes[u - 1] for u in units]
    x = np.concatenate([*trains, np.empty(0)])
    y = np.concatenate(
        [np.full(t.size, u, float) for t, u in zip(trains, units, strict=True)] + [np.empty(0)]
    )
    return x, y


def special_unit(run: pool.Run) -> int | None:
    """The unit drawn in colour: the one firing alone, or the one that adopted the lost fibres."""
    if run.scenario == "fasciculation":
        return run.active[0] if run.active else None
    return run.adopter


def redraw(artists: tuple, run: pool.Run) -> None:
    """Put ``run`` into the artists ``draw`` made (set_data, visibility, colours, texts)."""
    spikes, highlight, band, label, force, intact, zoom, zoom_label, emg = artists
    special = special_unit(run)
    others = [u for u in range(1, len(run.spikes) + 1) if u != special]
    spikes.set_data(*_points(run, others))
    spikes.set_color(SPIKE_COLOURS.get(run.scenario, style.INK))
    highlight.set_data(*_points(run, [special] if special else []))
    highlight.set_color(ADOPTER if run.adopter else FASCICULATION)
    band.set_visible(run.lost_unit is not None)
    label.set_visible(run.lost_unit is not None or bool(special))
    if run.lost_unit is not None:
        band.set_y(run.lost_unit - HIGHLIGHT_ROWS / 2)
        adopted = f"; its fibres adopted by unit {run.adopter}" if run.adopter else ""
        label.set_text(f"unit {run.lost_unit}: motor neuron lost{adopted}")
        label.set(x=run.duration_s * 0.99, y=run.lost_unit + 6, ha="right", color=LOST)
    elif special:
        label.set_text(f"unit {special} fires alone")
        first = run.spikes[special - 1][0]
        y = special - 6 if special > len(run.spikes) / 2 else special + 6
        label.set(x=first + 0.015, y=y, ha="left", color=FASCICULATION)
    force.set_data(run.t_s, run.force)
    intact.set_visible(run.intact_force is not None)
    if run.intact_force is not None:
        intact.set_data(run.t_s, run.intact_force)
    peak = float(run.force.max(initial=0.0))
    small = 0 < peak < ZOOM_BELOW
    zoom.set_visible(small)
    zoom_label.set_visible(small)
    if small:
        factor = zoom_factor(peak)
        zoom.set_data(run.t_s, run.force * factor)
        zoom_label.set_text(f"dotted: the same force x {factor:g}")
    emg.set_data(run.emg_t_s, run.emg)
    emg.set_color(SPIKE_COLOURS.get(run.scenario, style.INK))


def zoom_factor(peak: float) -> float:
    """The power of ten that brings a small force ``peak`` (%) up to 10-100 % of the axis."""
    return float(10 ** np.floor(np.log10(FORCE_LIMIT / peak)))


def alt_text(run: pool.Run) -> str:
    """One sentence: what the three panels of ``run`` show."""
    units, active = len(run.spikes), run.active
    name = pool.SCENARIOS[run.scenario].name
    fired = sum(s.size for s in run.spikes)
    text = (
        f"{name} ({ILLUSTRATIVE}): {len(active)} of {units} motor units discharge "
        f"({fired} discharge{'s' if fired != 1 else ''} in {run.duration_s:g} s)"
    )
    if run.scenario == "fasciculation" and active:
        text += f", only unit {active[0]}, once"
    if run.lost_unit is not None:
        text += f"; unit {run.lost_unit} has lost its motor neuron and stays silent"
        if run.adopter:
            text += f", its fibres adopted by unit {run.adopter}, now larger"
    return (
        text + f"; mean force {run.mean_force:.1f} % of the maximum, peak EMG "
        f"{np.abs(run.emg).max(initial=0):.0f} a.u."
    )
