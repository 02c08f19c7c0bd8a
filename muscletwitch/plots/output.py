"""Where a figure is made and where it leaves: Agg figures outside pyplot, PNG bytes, display."""

from __future__ import annotations

import io
from typing import Any

import matplotlib as mpl
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL.PngImagePlugin import PngInfo

from muscletwitch import style

PNG_OPTIONS = {"compress_level": 1}  # zlib level 1: a third faster to write than 6, ~5 % larger


def agg_figure(**kwargs: Any) -> Figure:
    """A new Figure outside pyplot, drawn by Agg: nothing registers or auto-displays it, and no
    GUI or inline backend has to load for it. ``kwargs`` go to ``Figure`` (figsize, dpi, layout)."""
    fig = Figure(**kwargs)
    FigureCanvasAgg(fig)
    return fig


def subplots(nrows: int = 1, ncols: int = 1, *, figsize: Any = None, **kwargs: Any) -> Any:
    """``plt.subplots`` for the course: (fig, ax or array of axes) on an ``agg_figure``.

    Use it inside ``with style.lecture():`` and finish with ``show(fig, alt_text)``; ``kwargs``
    go to ``Figure.subplots`` (sharex, sharey, gridspec_kw, ...). The house style lays it out
    with matplotlib's constrained layout.
    """
    fig = agg_figure(figsize=figsize)
    return fig, fig.subplots(nrows, ncols, **kwargs)


def pixels_png(rgba: np.ndarray, *, dpi: float | None = None, text: dict | None = None) -> bytes:
    """``rgba`` (rows x columns x RGBA, uint8) as PNG bytes, RGB when every pixel is opaque.

    Deterministic: the picture, the ``dpi`` if given and the ``text`` chunks (None values left
    out), no time or software chunk. Written by Pillow at ``PNG_OPTIONS``, as ``savefig`` does.
    """
    image = PIL.Image.fromarray(rgba)  # no copy unless ``rgba`` is a view with gaps (a crop)
    if (rgba[..., 3] == 255).all():
        image = image.convert("RGB")  # Pillow drops alpha 5-10x faster than a numpy copy
    info = PngInfo()
    for key, value in (text or {}).items():
        if value is not None:
            info.add_text(key, value)  # iTXt when the value is not Latin-1
    buf = io.BytesIO()
    extra = {} if dpi is None else {"dpi": (dpi, dpi)}
    image.save(buf, "png", pnginfo=info, **PNG_OPTIONS, **extra)
    return buf.getvalue()


def png_bytes(
    fig: Figure, *, crop: bool = True, metadata: dict[str, str | None] | None = None
) -> bytes:
    """``fig`` as PNG at its dpi; ``crop`` trims blank margins to ``savefig.pad_inches``.

    Drawn with the draw-time house style (``style.drawing()``); deterministic: no "Software" chunk
    unless ``metadata`` sets one. The crop cuts the blank margins from the drawn pixels, so that a
    diagram narrower than its figure (the cause tree) comes out no wider than what it shows; it
    also draws once where ``savefig(bbox_inches="tight")`` lays the figure out twice. When
    something lies beyond the figure's edge, matplotlib's "tight" box takes it in instead.
    """
    meta = {"Software": None} | (metadata or {})
    with style.drawing():
        if crop and isinstance(fig.canvas, FigureCanvasAgg):
            fig.canvas.draw()
            pixels = _ink(fig)
            if pixels is not None and not _placed_beyond(fig):
                return pixels_png(pixels, dpi=fig.dpi, text=meta)
        buf = io.BytesIO()
        fig.savefig(
            buf,
            format="png",
            dpi="figure",
            bbox_inches="tight" if crop else None,
            metadata=meta,
            pil_kwargs=PNG_OPTIONS,
        )
    return buf.getvalue()


def _ink(fig: Figure) -> np.ndarray | None:
    """The pixels ``fig``'s canvas last drew without the blank margins beyond the pad, or None if
    something was drawn up to the edge (it may go on beyond)."""
    rgba = np.asarray(fig.canvas.buffer_rgba())  # a view: no copy of the picture
    pixel = rgba.view(np.uint32)[..., 0]  # one number per pixel
    ink = pixel != pixel[0, 0]  # the corner is background
    if ink[0].any() or ink[-1].any() or ink[:, 0].any() or ink[:, -1].any():
        return None
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if not rows.size:
        return rgba
    pad = round(mpl.rcParams["savefig.pad_inches"] * fig.dpi)
    top, left = max(rows[0] - pad, 0), max(cols[0] - pad, 0)
    return rgba[top : rows[-1] + pad + 1, left : cols[-1] + pad + 1]


def _placed_beyond(fig: Figure) -> bool:
    """Whether a text, legend or axis label of ``fig`` (as last drawn) lies wholly beyond it.

    What lies partly beyond leaves ink at the edge, and tick labels sit at the axes' edges, so
    only these need a look. Their extents were cached by the draw just done: ``fig.get_tightbbox``
    would measure every tick again, which costs a sixth of the drawing time.
    """
    free = [*fig.texts, *fig.legends]
    for ax in fig.axes:
        free += [*ax.texts, *ax.child_axes, ax.get_legend(), ax.xaxis.label, ax.yaxis.label]
    renderer, frame = fig.canvas.get_renderer(), fig.bbox
    boxes = [a.get_window_extent(renderer) for a in free if a is not None and a.get_visible()]
    return any(not frame.overlaps(box) for box in boxes if box.width and box.height)


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
