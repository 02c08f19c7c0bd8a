"""What every plot returns (``Drawn``) and the drawing helpers the diagrams share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyBboxPatch, Patch
from matplotlib.text import Annotation, Text

from muscletwitch import style


@dataclass(frozen=True, slots=True)
class Drawn:
    """The artists a plot function drew (to update or inspect) and a one-sentence alt text."""

    artists: tuple[Artist, ...]
    alt_text: str

    def __iter__(self):
        return iter(self.artists)


def box(
    ax: Axes,
    xy: tuple[float, float],
    size: tuple[float, float],
    label: str,
    *,
    gid: str,
    colour: str | None = None,
    strong: bool = True,
    hatch: str = "",
    text_y: float | None = None,
) -> tuple[FancyBboxPatch, Text]:
    """A rounded box labelled in its middle (or at ``text_y``); ``colour`` highlights it.

    ``strong`` highlights have a solid edge, weak ones a dashed edge and a paler face. Box and label
    carry ``gid`` so tests can find them.
    """
    (x, y), (w, h) = xy, size
    face = to_rgba(colour, 0.35 if strong else 0.15) if colour else style.NEUTRAL
    patch = FancyBboxPatch(
        (x, y),
        w,
        h,
        boxstyle="round,pad=0,rounding_size=0.08",
        facecolor=face,
        edgecolor=colour or "#8C8C8C",
        linewidth=3 if colour else 1,
        linestyle="--" if colour and not strong else "-",
        hatch=hatch,
        gid=gid,
    )
    shape(ax, patch)
    text = ax.text(
        x + w / 2,
        y + h / 2 if text_y is None else text_y,
        label,
        ha="center",
        va="center",
        fontweight="bold" if colour else "normal",
        gid=gid,
    )
    return patch, text


def shape(ax: Axes, patch: Patch) -> Patch:
    """Add ``patch`` to a schematic diagram, whose data limits ``finish`` fixes.

    ``add_artist``, not ``add_patch``: with fixed limits, the data-limit update that ``add_patch``
    makes for every shape (root finding on each curved outline) is wasted work, about a third of
    building the anatomy diagram's 70 circles.
    """
    return ax.add_artist(patch)


def finish(ax: Axes, title: str, xlim: Sequence[float], ylim: Sequence[float]) -> None:
    """Title a schematic diagram, fix its data limits and hide the (meaningless) axes.

    The shapes and arrows lie inside those limits by construction, so the layout engine need not
    measure them (curved outlines are slow to measure); it still measures every label.
    """
    ax.set(xlim=xlim, ylim=ylim, title=title)
    ax.set_aspect("equal")
    axes_off(ax)
    for artist in ax.get_children():
        arrow = isinstance(artist, Annotation) and not artist.get_text()
        if arrow or not isinstance(artist, Text):
            artist.set_in_layout(False)


def axes_off(ax: Axes) -> None:
    """Hide the axes of a schematic diagram, ticks included.

    ``ax.axis("off")`` alone still lets matplotlib lay out the hidden tick labels on every draw
    (to place the title), which is about a third of a diagram's drawing time.
    """
    ax.axis("off")
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
