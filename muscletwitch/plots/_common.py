"""What every plot returns (``Drawn``) and the drawing helpers the diagrams share."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend import Legend
from matplotlib.patches import FancyBboxPatch
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

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
    ax.add_patch(patch)
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


PNG_COMPRESSION = 1  # zlib level: a third faster to write than the default 6, files ~5 % larger
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def encode_png(
    pixels: np.ndarray, *, dpi: float | None = None, text: dict[str, str | None] | None = None
) -> bytes:
    """``pixels`` (rows x columns x RGBA, uint8) as PNG bytes, RGB when every pixel is opaque.

    Deterministic: the image, the ``dpi`` if given and the ``text`` chunks (None values left out);
    no time or software chunk. Written here with zlib rather than by Pillow: Pillow tries five
    PNG row filters on every row and offers no way to choose one, which took 60-70 % of the
    encoding time; our flat-colour figures pack smaller unfiltered (filter 0 on every row), and the
    whole encoding takes about half the time (10.6 instead of 19.1 ms for a lecture figure).
    """
    height, width, _ = pixels.shape
    opaque = bool((pixels[..., 3] == 255).all())
    channels = 3 if opaque else 4
    rows = np.zeros((height, 1 + width * channels), np.uint8)  # column 0: filter type 0, "none"
    body = rows[:, 1:].reshape(height, width, channels)  # a view: one copy from a cropped view
    assert body.base is rows
    body[...] = pixels[..., :channels]
    header = struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0)
    chunks = [_png_chunk(b"IHDR", header)]
    if dpi is not None:
        per_metre = round(dpi / 0.0254)
        chunks.append(_png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    for key, value in (text or {}).items():
        if value is None:
            continue
        try:
            chunks.append(_png_chunk(b"tEXt", f"{key}\0{value}".encode("latin-1")))
        except UnicodeEncodeError:  # international text: iTXt, uncompressed, no language
            data = key.encode("latin-1") + b"\0\0\0\0\0" + value.encode("utf-8")
            chunks.append(_png_chunk(b"iTXt", data))
    chunks.append(_png_chunk(b"IDAT", zlib.compress(rows.data, PNG_COMPRESSION)))
    chunks.append(_png_chunk(b"IEND", b""))
    return PNG_SIGNATURE + b"".join(chunks)


def _text_beyond(fig: Figure) -> bool:
    """Whether a text or legend lies (partly) outside ``fig`` as last drawn by its Agg canvas.

    Tick labels are not checked: they sit at the axes' edges, so one beyond the figure also
    touches its edge (axis labels can lie wholly beyond it, so they are). The layouts were cached
    by the draw just done, so this is cheap.
    """
    free = [*fig.texts, *fig.legends]
    for ax in fig.axes:
        free += [a for a in ax.get_children() if isinstance(a, Text | Legend)]
        free += [axis.label for axis in (ax.xaxis, ax.yaxis) if axis.get_visible()]
    renderer, frame = fig.canvas.get_renderer(), fig.bbox.padded(1)
    for artist in free:
        if artist.get_visible() and (not isinstance(artist, Text) or artist.get_text()):
            box = artist.get_window_extent(renderer)
            if not (frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)):
                return True
    return False


def _savefig_png(fig: Figure, dpi: float, meta: dict, bbox: str | None) -> bytes:
    buf = io.BytesIO()
    fig.savefig(
        buf,
        format="png",
        dpi=dpi,
        bbox_inches=bbox,
        metadata=meta,
        pil_kwargs={"compress_level": PNG_COMPRESSION},
    )
    return buf.getvalue()


def png_bytes(
    fig: Figure, *, crop: bool = True, metadata: dict[str, str | None] | None = None
) -> bytes:
    """``fig`` as PNG at ``savefig.dpi``; ``crop`` trims the margins to ``savefig.pad_inches``.

    Drawn with the draw-time house style (``style.drawing()``); deterministic: no "Software" chunk
    unless ``metadata`` sets one. The crop works on the drawn pixels: the figure is drawn once on
    its Agg canvas and the blank margins are cut away, where ``savefig(bbox_inches="tight")``
    measures every artist first, which costs as much as the drawing itself. When something reaches
    the figure's edge (it may go beyond) it falls back to matplotlib's "tight" box.
    """
    dpi = mpl.rcParams["savefig.dpi"]
    dpi = fig.dpi if dpi == "figure" else dpi
    meta = {"Software": None} | (metadata or {})
    with style.drawing():
        if not crop or not isinstance(fig.canvas, FigureCanvasAgg):
            return _savefig_png(fig, dpi, meta, "tight" if crop else None)
        original, fig.dpi = fig.dpi, dpi
        try:
            fig.canvas.draw()
            rgba = np.asarray(fig.canvas.buffer_rgba())  # a view: no copy of the picture
            pixel = rgba.view(np.uint32)[..., 0]  # one number per pixel
            ink = pixel != pixel[0, 0]  # the corner is background
            edge = ink[0].any() or ink[-1].any() or ink[:, 0].any() or ink[:, -1].any()
            if not (edge or _text_beyond(fig)):
                pad = round(mpl.rcParams["savefig.pad_inches"] * dpi)
                rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
                if rows.size:
                    top, left = max(rows[0] - pad, 0), max(cols[0] - pad, 0)
                    rgba = rgba[top : rows[-1] + pad + 1, left : cols[-1] + pad + 1]
                return encode_png(rgba, dpi=dpi, text=meta)
        finally:
            fig.dpi = original
        return _savefig_png(fig, dpi, meta, "tight")  # matplotlib finds how far beyond it goes


class OneAxesLayout(ConstrainedLayoutEngine):
    """Constrained layout, with a shortcut for the common figure: one Axes with both axes shown.

    Constrained layout measures every decoration twice per draw, and tick labels need the whole
    tick machinery for that: about 40 % of the time a plot takes to draw. One Axes only needs
    margins for its tick labels, axis labels and title, and those are set here from their texts
    and fonts, without ticks. ``png_bytes`` crops the picture to what is drawn, so a margin wider
    than needed costs nothing; if a label still reaches beyond the figure (a text placed outside
    the Axes, say), ``png_bytes`` notices and draws with matplotlib's tight box instead. Anything
    else (several Axes, a colorbar, an inset or secondary axis, hidden axes as in the diagrams) is
    left to constrained layout.
    """

    def execute(self, fig: Figure) -> Any:
        if len(fig.axes) != 1 or fig.axes[0].child_axes or not _axes_shown(fig.axes[0]):
            return super().execute(fig)  # insets and secondary axes are children of their Axes
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()
        points = fig.dpi / 72  # pixels per point
        wide, high = fig.bbox.width, fig.bbox.height
        w_pad, h_pad = self._params["w_pad"] * fig.dpi, self._params["h_pad"] * fig.dpi
        x_ticks, y_ticks = (_tick_label_extent(axis, renderer) for axis in (ax.xaxis, ax.yaxis))
        x_label, y_label = (_label_extent(axis, renderer, points) for axis in (ax.xaxis, ax.yaxis))
        titles = [t for t in (ax.title, ax._left_title, ax._right_title) if t.get_text()]
        # titles sit at a fixed offset above the axes, whatever their size: measure from its top
        above = [t.get_window_extent(renderer).y1 - ax.bbox.y1 for t in titles]
        title = max(above, default=y_ticks[1] / 2)  # no title: the top tick label's upper half
        left = w_pad + y_ticks[0] + y_label
        right = w_pad + x_ticks[0] / 2  # the last x tick label is centred on the right edge
        bottom = h_pad + x_ticks[1] + x_label
        top = h_pad + title
        position = Bbox.from_extents(left / wide, bottom / high, 1 - right / wide, 1 - top / high)
        ax._set_position(position, which="both")  # as constrained layout itself does
        return None


def _axes_shown(ax: Axes) -> bool:
    return ax.axison and ax.xaxis.get_visible() and ax.yaxis.get_visible()


def _tick_label_extent(axis: Any, renderer: Any) -> tuple[float, float]:
    """(width + tick space, height + tick space) in pixels of ``axis``'s widest tick label."""
    tick = axis.get_major_ticks(1)[0]  # the template tick: fonts, length and pad of all ticks
    low, high = sorted(axis.get_view_interval())
    locs = [loc for loc in axis.get_majorticklocs() if low <= loc <= high]
    labels = axis.get_major_formatter().format_ticks(locs)
    label = Text(text="", fontproperties=tick.label1.get_fontproperties(), figure=axis.figure)
    width = height = 0.0
    for text in labels:
        label.set_text(text)
        box = label.get_window_extent(renderer)
        width, height = max(width, box.width), max(height, box.height)
    space = (tick.get_tick_padding() + tick.get_pad()) * axis.figure.dpi / 72
    return width + space, height + space


def _label_extent(axis: Any, renderer: Any, points: float) -> float:
    """Space in pixels the axis label takes across its axis (its height), with its pad."""
    if not axis.label.get_text() or not axis.label.get_visible():
        return 0.0
    box = axis.label.get_window_extent(renderer)
    across = box.height if axis.axis_name == "x" else box.width
    return across + axis.labelpad * points


def agg_figure(**kwargs: Any) -> Figure:
    """A new Figure outside pyplot, drawn by Agg: nothing registers or auto-displays it, and no
    GUI or inline backend has to load for it. ``kwargs`` go to ``Figure`` (figsize, dpi, layout)."""
    fig = Figure(**kwargs)
    FigureCanvasAgg(fig)
    return fig


def subplots(nrows: int = 1, ncols: int = 1, *, figsize: Any = None, **kwargs: Any) -> Any:
    """``plt.subplots`` for the course: (fig, ax or array of axes) on an ``agg_figure``.

    Use it inside ``with style.lecture():`` and finish with ``show(fig, alt_text)``; ``kwargs``
    go to ``Figure.subplots`` (sharex, sharey, gridspec_kw, ...).
    """
    one = nrows == ncols == 1 and mpl.rcParams["figure.constrained_layout.use"]
    fig = agg_figure(figsize=figsize, layout=OneAxesLayout() if one else None)
    return fig, fig.subplots(nrows, ncols, **kwargs)


def show(fig: Figure, alt_text: str) -> None:
    """Display a finished figure in a notebook as a PNG that carries its alt text, then close it.

    The one place a figure leaves for the screen: the PNG's output metadata holds ``alt_text``
    (static exports turn it into ``<img alt=...>``) and its text form is the alt text too.
    """
    import base64

    from IPython.display import display

    png = base64.b64encode(png_bytes(fig)).decode("ascii")
    if fig.canvas.manager is not None:  # made by pyplot: close it, or the backend shows it again
        import matplotlib.pyplot as plt

        plt.close(fig)
    display(
        {"image/png": png, "text/plain": alt_text},
        raw=True,
        metadata={"image/png": {"alt": alt_text}},
    )
