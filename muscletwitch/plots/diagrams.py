"""Schematic diagrams: the cause tree, the levels of the motor system where a cause or phenomenon
starts, and which causes act at which site (muscle anatomy is in ``plots.anatomy``)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import Circle, Polygon
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from muscletwitch import style
from muscletwitch.plots.base import Drawn, axes_off, box, finish, shape
from muscletwitch.plots.colours import colour_of
from muscletwitch.taxonomy import CATEGORIES

SEED_MARK = "\u2605 "  # a black star, in DejaVu Sans
# the box of a highlighted label: a small pad, so that it stays inside its row of the tree
LABEL_BOX = "square,pad=0.12"


def tree(ax: Axes, taxonomy: Any, *, highlight: Iterable[str] = ()) -> Drawn:
    """Cause tree: category -> group -> cause, one column per category; seed causes starred.

    ``taxonomy`` needs ``.causes`` and ``.groups``; causes whose ids are in ``highlight`` get a box.
    Columns are placed in inches from the measured label widths, so larger (lecture) fonts push
    the second column right instead of overlapping it.
    """
    marked = set(highlight)
    if unknown := marked - {c.id for c in taxonomy.causes}:
        raise ValueError(f"highlight: unknown cause ids {', '.join(sorted(unknown))}")
    fig = ax.figure
    inches = fig.dpi_scale_trans + ScaledTranslation(0, 0, ax.transAxes)  # from the axes corner
    at = blended_transform_factory(inches, ax.transData)  # x in inches, y in rows
    artists: list[Any] = []
    left, deepest = 0.1, 0  # inches from the axes corner
    # measure label widths with the renderer that will draw them (its text layouts are cached);
    # a figure without an Agg canvas gets a throwaway renderer at the same dpi
    canvas = fig.canvas
    if isinstance(canvas, FigureCanvasAgg):
        measure = canvas.get_renderer()
    else:
        measure = RendererAgg(1, 1, fig.dpi)
    for category in CATEGORIES:
        colour = style.CATEGORY_COLOURS[category]
        rows: list[tuple[int, Any, str]] = [(0, None, category.capitalize())]  # depth, cause, label
        for group in (g for g in taxonomy.groups if g.category == category):
            members = [c for c in taxonomy.causes if c.group == group.id]
            rows += [(1, None, group.name)] * bool(members)
            rows += [(2, c, SEED_MARK * c.in_seed + c.name) for c in members]
        deepest = max(deepest, len(rows))
        x = left + 0.25 * np.array([depth for depth, _, _ in rows])
        segments, texts = [], []
        for row, (depth, cause, label) in enumerate(rows):
            parent = max((r for r in range(row) if rows[r][0] == depth - 1), default=None)
            if parent is not None:  # elbow from the parent's stem to this row
                stem = x[parent] + 0.08
                segments.append([(stem, -parent - 0.35), (stem, -row), (x[row] - 0.03, -row)])
            lit = depth == 0 or (cause is not None and cause.id in marked)
            bbox = (
                {"facecolor": to_rgba(colour, 0.3), "edgecolor": colour, "boxstyle": LABEL_BOX}
                if lit
                else None
            )
            if lit and depth == 0:
                bbox |= {"hatch": style.CATEGORY_HATCHES[category]}
            weight = "bold" if depth < 2 or lit else "normal"
            gid = cause.id if cause else None
            texts.append(
                ax.text(
                    x[row],
                    -row,
                    label,
                    va="center",
                    bbox=bbox,
                    fontweight=weight,
                    gid=gid,
                    transform=at,
                )
            )
        lines = LineCollection(
            segments, colors=colour, linestyles=style.CATEGORY_LINESTYLES[category], transform=at
        )
        for text in texts:  # the layout engine must not shrink the axes around them
            text.set_in_layout(False)
        artists += [*texts, ax.add_collection(lines)]
        widths = [t.get_window_extent(measure).width / fig.dpi for t in texts]
        left = max(x + widths) + 0.3
    seed_note = f"{SEED_MARK}named in the seed article"
    artists.append(ax.text(0.1, -deepest, seed_note, style="italic", transform=at))
    ax.set(ylim=(-deepest - 0.5, 0.7), title="Causes of muscle twitching")
    axes_off(ax)
    n_benign = sum(c.category == "benign" for c in taxonomy.causes)
    shown = f"; highlighted: {', '.join(sorted(marked))}" if marked else ""
    alt = (
        f"Tree of {len(taxonomy.causes)} causes of muscle twitching, {n_benign} benign and "
        f"{len(taxonomy.causes) - n_benign} pathological, grouped; seed causes starred{shown}."
    )
    return Drawn(tuple(artists), alt)


def levels(ax: Axes, sites: Iterable[Any], *, highlight: Any = None) -> Drawn:
    """Levels of the motor system, brain to muscle, with body-wide influences beside them.

    ``sites``: Site objects (``.id .name .kind``) in order, top to bottom; kind "systemic" goes to
    the side column. ``highlight``: a cause or phenomenon (its ``.site``: primary solid, others
    dashed), or a site id.
    """
    sites = tuple(sites)
    where = (highlight,) if isinstance(highlight, str) else tuple(getattr(highlight, "site", ()))
    if unknown := set(where) - {s.id for s in sites}:
        raise ValueError(f"highlight: unknown site ids {', '.join(sorted(unknown))}")
    colour = colour_of(highlight) if where else None
    hatch = style.CATEGORY_HATCHES.get(getattr(highlight, "category", ""), "")
    path = [s for s in sites if s.kind != "systemic"]
    side = [s for s in sites if s.kind == "systemic"]
    neurons = {NEURON_SITES[0], NEURON_SITES[1]} <= {s.id for s in path}
    # box size (the chain's boxes wider when the two neurons run down their left edge), row
    # spacing, x of the influence line
    width, height, step = 3.4, 0.7, 1.0
    chain = width + 1.2 * neurons
    bus = chain + 0.5
    grey = {"color": "#595959", "linestyle": "--"}

    def level(site: Any, xy: tuple[float, float], w: float = width) -> tuple[Any, Any]:
        lit = site.id in where
        return box(
            ax, xy, (w, height), textwrap.fill(site.name, 16), gid=site.id,
            colour=colour if lit else None, strong=lit and site.id == where[0], hatch=hatch * lit,
        )  # fmt: skip

    def arrow(start: tuple[float, float], end: tuple[float, float], **kw: Any) -> Any:
        return ax.annotate("", end, start, arrowprops={"arrowstyle": "->", "color": style.INK} | kw)

    artists: list[Any] = []
    for i, site in enumerate(path):
        y, mid = -i * step, -i * step + height / 2
        artists += level(site, (0, y), chain)
        artists.append(ax.text(-0.15, mid, site.kind, ha="right", va="center", style="italic"))
        artists.append(arrow((bus, mid), (chain + 0.05, mid), **grey))
        if i:
            artists.append(arrow((chain / 2, y + step), (chain / 2, y + height)))
    if neurons:
        mids = [-i * step + height / 2 for i in range(len(path))]
        artists += _neurons(ax, [s.id for s in path], mids)
    low = -(len(path) - 1) * step
    artists += ax.plot([bus, bus], [height / 2, low + height / 2], **grey)
    for i, site in enumerate(side):
        y = low * (i + 0.5) / len(side)
        artists += level(site, (bus + 0.4, y))
        artists += ax.plot([bus, bus + 0.4], [y + height / 2] * 2, **grey)
    artists.append(
        ax.text(bus + 0.4 + width / 2, low, "act on every level", ha="center", style="italic")
    )
    name = getattr(highlight, "name", highlight)
    finish(
        ax,
        f"Where it starts: {name}" if where else "Levels of the motor system",
        (-1.6, bus + 0.5 + width),
        (-(len(path) - 1) * step - 0.2, height + 0.2),
    )
    alt = (
        f"Motor system from {path[0].name.lower()} down to {path[-1].name.lower()}, with "
        f"{' and '.join(s.name.lower() for s in side)} beside it"
        + (f"; {name} starts at: {', '.join(where)}" if where else "")
        + (NEURONS_ALT if neurons else "")
        + "."
    )
    return Drawn(tuple(artists), alt)


NEURON_SITES = ("upper-motor-neuron", "lower-motor-neuron")
NEURONS_ALT = (
    "; two neurons run down the left edge: the upper motor neuron, cell body (triangle) in the "
    "brain, axon down to the spinal cord, where it ends on the lower motor neuron, cell body "
    "(circle) in the spinal cord, axon through the peripheral nerve to the muscle"
)


def _neurons(ax: Axes, ids: list[str], mids: list[float]) -> list[Any]:
    """The upper and lower motor neuron drawn down the left of the chain's boxes (rows ``ids`` at
    heights ``mids``): each a cell body one row above its own box, an axon through it and a
    forked ending, the upper ending on the lower's cell body, the lower on the muscle. Their gids
    are "site:cell", "site:axon" and "site:ending"."""
    x, r = 0.32, 0.13  # the lane's x, the cell bodies' radius
    umn, lmn = (ids.index(i) for i in NEURON_SITES)
    last = len(ids) - 1  # the lower motor neuron ends at the bottom row (the muscle)
    artists: list[Any] = []
    for k, (row, end, form) in enumerate(((umn, lmn - 1, "^"), (lmn, last, "o"))):
        ink = colour_of(ids[row])
        top = mids[max(row - 1, 0)] - (0.08 if k else -0.05)  # cell body: the row above its box
        stop = mids[end] + 0.2  # UMN: just above the LMN's cell body; LMN: on the muscle
        gid = f"{ids[row]}:"  # "site:part", told apart from the boxes' plain site ids
        artists += ax.plot(
            [x, x], [top, stop], color=ink, linewidth=3, solid_capstyle="round", gid=gid + "axon"
        )
        artists += ax.plot(
            [x - 0.12, x, x + 0.12], [stop - 0.1, stop, stop - 0.1], color=ink, linewidth=2.5,
            gid=gid + "ending",
        )  # fmt: skip
        body = (
            Polygon([(x - r, top - r), (x + r, top - r), (x, top + r)], closed=True)
            if form == "^"
            else Circle((x, top), r)
        )
        body.set(facecolor=ink, edgecolor=style.INK, linewidth=1, zorder=3, gid=gid + "cell")
        shape(ax, body)
        artists.append(body)
    return artists


MAIN_MARK, ALSO_MARK = "\u25cf", "\u25cb"  # filled and open circle: shape, not colour, tells them


def site_matrix(ax: Axes, sites: Iterable[Any], causes: Iterable[Any]) -> Drawn:
    """Where several causes start, side by side: one row per level, one column per cause.

    ``sites``: Site objects (``.id .name .kind``) top to bottom, as for ``levels`` (the body-wide
    kind "systemic" goes below a rule); ``causes``: objects with ``.id .name .site`` (primary
    site first) and ``.category`` (the colour). A filled circle marks the main site, an open one
    every other site involved.
    """
    sites, causes = tuple(sites), tuple(causes)
    if not causes:
        raise ValueError("causes: need at least one to compare")
    ids = [s.id for s in sites]
    for cause in causes:
        if unknown := set(cause.site) - set(ids):
            raise ValueError(f"{cause.id}: unknown site ids {', '.join(sorted(unknown))}")
    rows = sorted(sites, key=lambda s: s.kind == "systemic")  # the chain first, body-wide last
    y = {s.id: -i for i, s in enumerate(rows)}
    artists: list[Any] = []
    for site in rows:
        artists.append(ax.text(-0.45, y[site.id], site.name, ha="right", va="center"))
        artists += ax.plot([-0.4, len(causes) - 0.6], [y[site.id]] * 2, color=style.NEUTRAL, lw=1)
    n_chain = sum(s.kind != "systemic" for s in rows)
    if n_chain < len(rows):  # a rule between the chain and the body-wide influences
        rule = -n_chain + 0.5
        artists += ax.plot([-0.4, len(causes) - 0.6], [rule] * 2, color=style.INK, lw=1, ls=":")
    headers = [textwrap.fill(cause.name, 14) for cause in causes]
    size = 1.6 * mpl.rcParams["font.size"]  # marker diameter (points): grows in lecture mode
    for x, (cause, header) in enumerate(zip(causes, headers, strict=True)):
        colour = colour_of(cause)
        artists.append(ax.text(x, 0.6, header, ha="center", va="bottom", fontweight="bold"))
        main, *also = (y[s] for s in cause.site)
        artists += ax.plot([x], [main], "o", ms=size, color=colour, gid=f"{cause.id}:main")
        if also:
            artists += ax.plot(
                [x] * len(also), also, "o", ms=size, mfc="white", mec=colour, mew=size / 6,
                gid=f"{cause.id}:also",
            )  # fmt: skip
    key = f"{MAIN_MARK} main site    {ALSO_MARK} also involved"
    artists.append(ax.text(-0.45, -len(rows) + 0.3, key, ha="right", va="center", style="italic"))
    ax.set(xlim=(-0.5, len(causes) - 0.5), ylim=(-len(rows) + 0.5, 0.5))
    lines = max(header.count("\n") for header in headers) + 1
    ax.set_title("Where each cause starts", pad=(lines * 1.3 + 0.6) * artists[-1].get_fontsize())
    axes_off(ax)
    name = {s.id: s.name.lower() for s in sites}
    places = "; ".join(
        f"{c.name}: {name[c.site[0]]}"
        + (f" (also {', '.join(name[s] for s in c.site[1:])})" if c.site[1:] else "")
        for c in causes
    )
    alt = f"Matrix of where {len(causes)} causes start in the motor system: {places}."
    return Drawn(tuple(artists), alt)
