"""A schematic of the stretch reflex arc: muscle spindle, Ia afferent through the dorsal root,
synapse on the alpha motor neuron in the anterior horn, its axon back to the same muscle; the
Golgi tendon organ's Ib afferent acting through an inhibitory interneuron; and the descending
(upper motor neuron) input that normally damps the reflex."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.patches import Circle, Ellipse, Polygon, Rectangle

from muscletwitch import style
from muscletwitch.plots.base import Drawn, finish, shape

# each pathway: colour, line style (tells them apart in greyscale) and width
PATHWAYS = {
    "ia-afferent": (style.OKABE_ITO["blue"], "-", 2.6),
    "ib-afferent": (style.OKABE_ITO["orange"], "--", 2.6),
    "efferent": (style.OKABE_ITO["vermillion"], "-", 4.0),
    "descending": (style.OKABE_ITO["bluish-green"], "-.", 2.6),
}
CORD = (10.5, 6.0)  # centre of the spinal cord's cross-section
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 1.5, "alpha": 0.9}


def _grey_matter() -> np.ndarray:
    """The butterfly of grey matter (dorsal horns up, ventral horns down), symmetric about the
    cord's midline."""
    x0, _ = CORD
    half = np.array(
        [(0, 6.3), (-0.4, 6.4), (-0.75, 7.2), (-0.95, 7.35), (-1.15, 7.2), (-0.8, 6.35),
         (-1.05, 6.0), (-0.95, 5.75), (-1.55, 5.4), (-1.75, 4.95), (-1.45, 4.6), (-0.85, 4.55),
         (-0.45, 4.85), (-0.25, 5.55), (0, 5.65)]
    )  # fmt: skip
    right = half[::-1] * [-1, 1]
    return np.vstack([half, right[1:-1]]) + [x0, 0]


def _path(ax: Axes, points: Sequence[tuple[float, float]], gid: str, *, arrow_at: int = 1) -> list:
    """A pathway as a polyline in its style, with an arrowhead on segment ``arrow_at``."""
    colour, linestyle, width = PATHWAYS[gid]
    xs, ys = zip(*points, strict=True)
    (line,) = ax.plot(
        xs, ys, color=colour, linestyle=linestyle, lw=width, solid_capstyle="round", gid=gid
    )
    (x1, y1), (x2, y2) = points[arrow_at - 1], points[arrow_at]
    tip = (x1 + 0.62 * (x2 - x1), y1 + 0.62 * (y2 - y1))
    tail = (x1 + 0.5 * (x2 - x1), y1 + 0.5 * (y2 - y1))
    head = ax.annotate(
        "",
        tip,
        tail,
        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 0, "mutation_scale": 26},
        gid=gid,
    )
    return [line, head]


def _label(ax: Axes, xy: tuple[float, float], text: str, gid: str, **kw) -> object:
    kw = {"ha": "center", "va": "center", "bbox": LABEL_BOX, "gid": gid} | kw
    return ax.text(*xy, text, **kw)


def _leader(ax: Axes, text: str, to: tuple[float, float], at: tuple[float, float], gid: str):
    """A label at ``at`` with a thin line to the part it names at ``to``."""
    leader = {"arrowstyle": "-", "color": style.INK, "lw": 0.8}
    return ax.annotate(
        text, to, at, ha="center", va="center", bbox=LABEL_BOX, arrowprops=leader, gid=gid
    )


def reflex_arc(ax: Axes) -> Drawn:
    """The stretch reflex arc, from the stretched muscle to the spinal cord and back.

    Pathways differ in colour, line style and width, and each is labelled, so the diagram reads in
    greyscale and on a projector. Shapes carry gids (``spindle``, ``ia-afferent``,
    ``alpha-motor-neuron``, ``efferent``, ``gto``, ``ib-afferent``, ``interneuron``,
    ``descending``, ...) for tests.
    """
    ink = {"edgecolor": style.INK, "linewidth": 1.2}
    x0, y0 = CORD
    mn = (x0 - 1.05, 5.0)  # the alpha motor neuron, in the ventral (anterior) horn
    inter = (x0 - 0.5, 6.1)  # the inhibitory interneuron, in the intermediate grey
    parts = [  # the spinal cord in cross-section; the muscle, spindle, tendon and bone
        Ellipse(CORD, 5.0, 3.7, facecolor="#F2F2F2", gid="spinal-cord", **ink),
        Polygon(_grey_matter(), facecolor="#BDBDBD", gid="grey-matter", **ink),
        Circle((x0, 6.0), 0.09, facecolor="white", gid="grey-matter", **ink),
        Ellipse(
            (3.2, 2.0),
            5.4,
            1.7,
            facecolor=to_rgba(PATHWAYS["efferent"][0], 0.18),
            gid="muscle",
            **ink,
        ),
        Rectangle((5.85, 1.85), 2.2, 0.3, facecolor="#E0E0E0", gid="tendon", **ink),
        Rectangle((8.05, 1.0), 0.6, 2.0, facecolor="#BDBDBD", hatch="..", gid="bone", **ink),
        Ellipse((2.5, 2.1), 1.7, 0.45, facecolor="white", hatch="////", gid="spindle", **ink),
        Ellipse((6.7, 2.0), 0.75, 0.42, facecolor="white", hatch="xxx", gid="gto", **ink),
        Ellipse((6.9, 7.05), 1.0, 0.62, facecolor="#E0E0E0", gid="drg", **ink),
    ]
    drawn: list = [shape(ax, p) for p in parts]
    drawn += [
        _label(ax, (x0 - 1.3, 8.3), "spinal cord (section)", "spinal-cord", fontweight="bold"),
        _label(ax, (x0, 7.55), "dorsal", "spinal-cord", style="italic", fontsize="small"),
        _label(ax, (x0, 4.4), "ventral", "spinal-cord", style="italic", fontsize="small"),
        _label(ax, (3.2, 0.72), "muscle, being stretched", "muscle", fontweight="bold"),
        _label(ax, (8.35, 0.62), "bone", "bone"),
        _label(ax, (6.9, 7.75), "dorsal root ganglion", "drg"),
        _leader(ax, "muscle spindle", (2.0, 2.2), (1.2, 3.45), "spindle"),
        _leader(ax, "Golgi tendon organ", (6.75, 1.8), (7.0, 0.25), "gto"),
    ]
    # Ia afferent: spindle -> dorsal root -> straight onto the alpha motor neuron (monosynaptic)
    ia = [(2.9, 2.33), (4.3, 6.75), (6.9, 7.15), (x0 - 0.85, 7.2), (mn[0] - 0.05, mn[1] + 0.5)]
    drawn += _path(ax, ia, "ia-afferent", arrow_at=1)
    drawn.append(
        _label(
            ax,
            (1.75, 5.3),
            "Ia afferent:\nthe spindle\nsenses stretch",
            "ia-afferent",
            color=PATHWAYS["ia-afferent"][0],
        )
    )
    drawn.append(
        _label(
            ax,
            (mn[0] - 0.45, mn[1] + 0.75),
            "+",
            "ia-afferent",
            fontweight="bold",
            color=PATHWAYS["ia-afferent"][0],
            bbox=None,
        )
    )
    # Ib afferent: tendon organ -> dorsal root -> the inhibitory interneuron
    ib = [(6.75, 2.22), (6.55, 6.55), (6.9, 6.85), (x0 - 0.75, 6.85), (inter[0], inter[1] + 0.15)]
    drawn += _path(ax, ib, "ib-afferent", arrow_at=1)
    drawn.append(
        _label(
            ax,
            (5.25, 5.55),
            "Ib afferent:\ntendon tension",
            "ib-afferent",
            color=PATHWAYS["ib-afferent"][0],
        )
    )
    drawn.append(shape(ax, Circle(inter, 0.17, facecolor=style.INK, gid="interneuron")))
    bar = {"arrowstyle": "-[, widthB=0.6, lengthB=0.0", "color": style.INK, "lw": 2.2}
    drawn.append(
        ax.annotate(
            "",
            (mn[0] + 0.25, mn[1] + 0.45),
            (inter[0] - 0.1, inter[1] - 0.12),
            arrowprops=bar,
            gid="interneuron",
        )
    )
    drawn.append(_leader(ax, "inhibitory\ninterneuron (\u2212)", inter, (14.5, 6.6), "interneuron"))
    # alpha motor neuron in the anterior horn, and its axon back to the same muscle
    soma = [(mn[0] - 0.3, mn[1]), (mn[0] + 0.3, mn[1]), (mn[0], mn[1] + 0.55)]
    drawn.append(
        shape(ax, Polygon(soma, facecolor=PATHWAYS["efferent"][0], gid="alpha-motor-neuron", **ink))
    )
    drawn.append(
        _leader(
            ax,
            "\u03b1 motor neuron\n(anterior horn)",
            (mn[0] + 0.2, mn[1] + 0.1),
            (14.5, 4.1),
            "alpha-motor-neuron",
        )
    )
    efferent = [(mn[0] - 0.15, mn[1] + 0.05), (7.7, 4.3), (4.45, 2.8)]
    drawn += _path(ax, efferent, "efferent", arrow_at=2)
    drawn.append(
        _label(
            ax,
            (8.1, 3.3),
            "\u03b1 motor axon:\nthe muscle contracts",
            "efferent",
            color=PATHWAYS["efferent"][0],
        )
    )
    # descending (upper motor neuron) input from the brain onto the motor neuron
    descending = [(x0 + 1.1, 9.7), (x0 + 1.1, 6.6), (mn[0] + 0.35, mn[1] + 0.3)]
    drawn += _path(ax, descending, "descending", arrow_at=1)
    drawn.append(
        _label(
            ax,
            (14.5, 8.9),
            "from the brain: upper\nmotor neuron input,\nnormally damps the reflex",
            "descending",
            color=PATHWAYS["descending"][0],
        )
    )
    finish(ax, "The stretch reflex arc", (0, 16), (0, 10))
    alt = (
        "The stretch reflex arc: stretching a muscle excites its muscle spindle, whose Ia "
        "afferent enters the spinal cord through the dorsal root and excites the alpha motor "
        "neuron in the anterior horn, whose axon makes the same muscle contract; the Golgi "
        "tendon organ's Ib afferent acts through an inhibitory interneuron, and descending upper "
        "motor neuron input from the brain normally damps the reflex."
    )
    return Drawn(tuple(drawn), alt)
