"""Muscle anatomy from fibre to body region, with the motor unit drawn across its fascicles."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle, Ellipse, FancyBboxPatch

from muscletwitch import physiology, style
from muscletwitch.course import load_course
from muscletwitch.plots.base import Drawn, box, finish, shape
from muscletwitch.plots.colours import colour_of

ANATOMY_LEVELS = tuple((lv.id, lv.name) for lv in load_course().levels)  # (id, name), from data
_SIZE, _STEP = 1.2, 2.0  # size and spacing of the structure panels (data units)
# the cross-section of the motor-unit panel: fascicle centres (two rows of three), and for each
# fascicle the fibres (0 centre, 1-6 around it) of one motor unit and of a second one; the rest
# belong to other units. One unit's fibres lie in five of six fascicles, interleaved with others'.
_FASCICLES = tuple((x, y) for y in (1.65, 0.75) for x in (0.0, 0.9, 1.8))
_UNIT_FIBRES = ((1, 4), (0,), (3, 5), (2,), (6,), ())
_OTHER_UNIT_FIBRES = ((3,), (2, 5), (0,), (4, 6), (1,), (2, 4))
_FASCICLE_R, _FIBRE_R, _RING = 0.42, 0.1, 0.24


def _fibre_centres(fx: float, fy: float) -> list[tuple[float, float]]:
    """The seven fibre centres of a fascicle centred at (fx, fy): the middle one, then a ring."""
    ring = np.linspace(0, 2 * np.pi, 7)[:-1] + np.pi / 6
    return [(fx, fy)] + [(fx + _RING * np.cos(a), fy + _RING * np.sin(a)) for a in ring]


def _structure_icon(level: str, x: float, face: str) -> list[Any]:
    """Patches sketching one level of structure inside the panel whose lower-left is (x, 0)."""
    kw = {"facecolor": face, "edgecolor": style.INK, "linewidth": 1}
    c = x + _SIZE / 2
    if level == "single-fibres":
        return [Ellipse((c, 0.6), 1.0, 0.14, **kw)]
    if level == "fascicle":
        return [Circle((c, 0.6), 0.45, **kw | {"facecolor": "white"})] + [
            Circle(p, 0.12, **kw) for p in _fibre_centres(c, 0.6)
        ]
    if level == "whole-muscle":
        return [Ellipse((c, 0.6), 1.0, 0.5, **kw)] + [
            Ellipse((c, 0.6 + dy), 0.7, 0.12, **kw | {"facecolor": "white"}) for dy in (-0.12, 0.12)
        ]
    return [Ellipse((c, y), 0.9, 0.26, **kw) for y in (0.3, 0.6, 0.9)]  # body region: muscles


def _motor_unit_overlay(ax: Axes, x: float, colour: str, lit: bool) -> list[Any]:
    """A muscle cross-section at x: six fascicles; one motor neuron's fibres (filled) scattered
    across five of them, a second unit's (hatched) among them, other units' fibres white."""
    unit_face = colour if lit else "#595959"
    x0, y0 = x + 1.6, 0.0  # origin of the fascicle grid
    artists: list[Any] = [
        shape(ax,
            FancyBboxPatch(
                (x + 1.0, 0.15), 3.0, 2.1, boxstyle="round,pad=0,rounding_size=0.3",
                facecolor="white", edgecolor=style.INK, linewidth=1.5, label="muscle",
            )
        )
    ]  # fmt: skip
    soma = (x + 0.35, 2.5)
    ends: list[tuple[float, float]] = []
    for i, (fx, fy) in enumerate(_FASCICLES):
        centre = (x0 + fx, y0 + fy)
        artists.append(
            shape(ax,
                Circle(
                    centre, _FASCICLE_R, facecolor="white", edgecolor=style.INK,
                    linewidth=1.5, zorder=1, label=f"fascicle {i}",
                )
            )
        )  # fmt: skip
        for j, (px, py) in enumerate(_fibre_centres(*centre)):
            mine, other = j in _UNIT_FIBRES[i], j in _OTHER_UNIT_FIBRES[i]
            kw = {"edgecolor": style.INK, "linewidth": 1, "zorder": 3}
            if mine:  # a thicker rim too: told apart from the others in greyscale as well
                kw |= {"facecolor": unit_face, "linewidth": 2, "label": f"unit:{i}"}
                ends.append((px, py))
            elif other:
                kw |= {"facecolor": "white", "hatch": "////", "label": f"other-unit:{i}"}
            else:
                kw |= {"facecolor": "white", "label": f"fibre:{i}"}
            artists.append(shape(ax, Circle((px, py), _FIBRE_R, **kw)))
    branch = (x + 0.75, 1.2)  # the axon runs down, then branches to each of its fibres
    axon = [[soma, branch]] + [[branch, end] for end in ends]
    line_colour = colour if lit else style.INK
    artists.append(
        ax.add_collection(LineCollection(axon, colors=line_colour, linewidths=2, zorder=2))
    )
    artists.append(
        shape(ax, Circle(soma, 0.16, facecolor=unit_face, edgecolor=style.INK, zorder=3))
    )
    artists.append(ax.text(soma[0] + 0.3, soma[1], "one motor neuron", va="center"))
    return artists


def anatomy(ax: Axes, *, highlight: Any = None) -> Drawn:
    """Muscle anatomy: fibre -> fascicle -> whole muscle -> body region, and the motor unit drawn
    as what it is, an overlay across that chain: one motor neuron's fibres scattered across many
    fascicles, interleaved with the fibres of other units (a cross-section, schematic).

    ``highlight``: an extent id (or "fascicle"), or an object with ``.extent`` (a cause or
    phenomenon, which then also gives the colour). Innervation ratios come from the course data.
    """
    level = getattr(highlight, "extent", highlight)
    ids = [lid for lid, _ in ANATOMY_LEVELS]
    if level is not None and level not in ids:
        raise ValueError(f"highlight must be one of {', '.join(ids)}, got {level!r}")
    colour = colour_of(highlight) if hasattr(highlight, "extent") else style.OKABE_ITO["orange"]
    extents, names = physiology.EXTENTS, dict(ANATOMY_LEVELS)
    chain = [lid for lid in ids if lid != "motor-unit"]
    artists: list[Any] = []

    def caption(x: float, lid: str) -> None:
        if lid in extents:
            seen = "visible" if extents[lid].visible else "EMG only"
            artists.append(ax.text(x, -0.5, seen, ha="center", va="center", style="italic"))

    for i, lid in enumerate(chain):
        x, lit = i * _STEP, lid == level
        artists += box(
            ax, (x, 0), (_SIZE, _SIZE), names[lid], gid=lid, colour=colour if lit else None,
            text_y=-0.2,
        )  # fmt: skip
        caption(x + _SIZE / 2, lid)
        for patch in _structure_icon(lid, x, colour if lit else "#BDBDBD"):
            artists.append(shape(ax, patch))
        if i:
            artists.append(
                ax.annotate(
                    "", (x - 0.05, 0.6), (x - _STEP + _SIZE + 0.05, 0.6),
                    arrowprops={"arrowstyle": "->"},
                )
            )  # fmt: skip
    x, lit = (len(chain) - 1) * _STEP + _SIZE + 0.6, level == "motor-unit"
    ratios = sorted(f.value for f in load_course().figures if f.unit == "fibres per motor unit")
    artists += box(
        ax, (x, 0), (4.2, 2.85), f"{names['motor-unit']}: the filled fibres", gid="motor-unit",
        colour=colour if lit else None, text_y=-0.2,
    )  # fmt: skip
    artists += _motor_unit_overlay(ax, x, colour, lit)
    artists.append(
        ax.text(
            x + 2.1, -0.5, f"visible; {ratios[0]:,.0f} to {ratios[-1]:,.0f} fibres per unit",
            ha="center", va="center", style="italic",
        )
    )  # fmt: skip
    note = (
        "Fascicles: bundles that pack fibres.\nMotor unit: all the fibres of one\n"
        "motor neuron, spread over many \u2192"
    )
    artists.append(ax.text(0.0, 2.1, note, va="center", linespacing=1.4))
    title = "Muscle anatomy: a motor unit's fibres are scattered across fascicles"
    finish(ax, title, (-0.1, x + 4.3), (-0.75, 2.95))
    where = f"; {names[level].lower()} highlighted" if level else ""
    alt = (
        "Schematic of a muscle fibre, a fascicle, a whole muscle and a body region in a row, "
        "beside a muscle cross-section in which one motor neuron's filled fibres lie scattered "
        "across five of six fascicles, interleaved with a second unit's hatched fibres and "
        f"other units' white ones{where}."
    )
    return Drawn(tuple(artists), alt)
