"""What every widget shares: controls wired to ``update``, a persistent Agg figure shown as a PNG in
an ``ipywidgets.Image`` (blitting), HTML escaping, lecture mode, and a static HTML fallback."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any

import ipywidgets as W
import numpy as np
from matplotlib.artist import Artist
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure

from muscletwitch import style
from muscletwitch.plots.output import agg_figure, pixels_png
from muscletwitch.taxonomy import Taxonomy, load_taxonomy

# urgency: colour from the house palette and the words that say it without colour; both from the
# [[urgency]] table of red_flags.toml, so banner, badges and CLI agree
URGENCY = {u.id: (style.OKABE_ITO[u.colour], u.name) for u in load_taxonomy().urgencies}
DPI = 80  # a 12.5 in figure is 1000 px wide: the width of a notebook column, no browser rescaling
CONTROL_STYLE = {"description_width": "initial"}

CSS = """<style>
.mt-widget { font-size: 14px; line-height: 1.4; }
.mt-widget .mt-card { max-width: 46em; }
.mt-widget h3 { margin: 0.2em 0 0.4em; font-size: 1.3em; }
.mt-widget h4, .mt-widget h3.mt-question { margin: 0.8em 0 0.2em; font-size: 1.05em; }
.mt-widget .mt-badge { display: inline-block; padding: 0 0.5em; border-radius: 0.6em;
  border: 2px solid; font-weight: bold; font-size: 0.9em; }
.mt-widget .mt-banner { padding: 0.6em 0.9em; border-left: 0.6em solid; font-weight: bold;
  font-size: 1.15em; margin: 0.3em 0; }
.mt-widget .mt-note { color: #404040; font-style: italic; }
.mt-widget .mt-empty { padding: 0.6em; border: 2px dashed #8c8c8c; }
.mt-widget .mt-right { color: #005a8c; font-weight: bold; }
.mt-widget .mt-wrong { color: #a33c00; font-weight: bold; }
.mt-lecture, .mt-lecture .widget-label, .mt-lecture .widget-html-content,
.mt-lecture .widget-inline-hbox, .mt-lecture button, .mt-lecture input, .mt-lecture select,
.mt-lecture label { font-size: 22px !important; line-height: 1.35 !important; }
.mt-lecture .widget-checkbox input, .mt-lecture .widget-radio-box input { width: 1.2em;
  height: 1.2em; }
</style>"""


def esc(value: Any) -> str:
    """HTML-escape any text that comes from data or from the user."""
    return html.escape(str(value), quote=True)


def tint(colour: str, alpha: float = 0.15) -> str:
    """A CSS rgba() of ``colour`` at ``alpha`` (for light backgrounds behind dark text)."""
    r, g, b, _ = to_rgba(colour)
    return f"rgba({round(r * 255)}, {round(g * 255)}, {round(b * 255)}, {alpha})"


def opaque(colour: str, alpha: float) -> tuple[float, float, float, float]:
    """``colour`` at ``alpha`` over white, as an opaque colour (covers what lies beneath)."""
    r, g, b, _ = to_rgba(colour)
    return (1 - alpha + alpha * r, 1 - alpha + alpha * g, 1 - alpha + alpha * b, 1.0)


def badge(text: str, colour: str) -> str:
    return (
        f'<span class="mt-badge" style="border-color: {to_hex(colour)}; '
        f'background: {tint(colour)}">{esc(text)}</span>'
    )


def labelled(widget: W.Widget, label: str) -> W.Widget:
    """Give a control its visible description and an accessible tooltip."""
    widget.description = label
    for key, value in CONTROL_STYLE.items():  # set on the control's own style: a new one orphans it
        setattr(widget.style, key, value)
    if not getattr(widget, "tooltip", None) and hasattr(widget, "tooltip"):
        widget.tooltip = label
    return widget


class Base:
    """A widget: ``controls`` (name -> ipywidget), ``widget`` (the view), ``update()``.

    How to write one (``SummationLab`` is the smallest real example):

    1. **State and view**, in ``__init__``: call ``super().__init__(taxonomy=..., lecture=...)``,
       fill ``self.controls`` (give each a label with ``labelled``) and make the HTML panels.
       A figure is made once, inside ``with self.styled():``, by ``self.fig = self.new_figure(w,
       h)``; place its axes with ``subplots_adjust`` (no layout engine runs on later frames), draw
       everything, then ``self.freeze(*moving)`` with the artists that ``update()`` will change.
       Each ``Button`` in ``controls`` needs a handler without arguments in
       ``self.actions[name]`` (or override ``on_click(name)`` for a single button); handlers
       change the state, then call ``update()``. Last, ``self._finish(*children)`` lays out
       ``self.widget``, wires every control and runs ``update()`` once.
    2. **Pure core**: one method computes what is shown from the control values, touching no
       view (``SummationLab.compute()``, ``CauseExplorer.matches()``), so tests can call it.
    3. **update()**: read the controls, call the core, change the existing artists (``set_data``,
       ``set_text``) and HTML, set ``self.alt_text``, then ``self._render()``: it restores the
       frozen background, draws only the moving artists (matplotlib's blitting API) and puts the
       PNG into ``self.image``. Change controls from code inside ``with self.quiet():``.
    4. **Static fallback**: ``header_html()`` and ``panels_html()`` return the current state as
       HTML; ``static_html()`` puts them around the PNG, so a notebook saved with its outputs
       shows the picture and the state without a kernel (GitHub, nbconvert, the static site).
    """

    fig: Figure | None = None
    alt_text: str = ""
    dynamic: list[Artist]

    def __init__(self, *, taxonomy: Taxonomy | None = None, lecture: bool | None = None):
        self.taxonomy = taxonomy or load_taxonomy()
        self.lecture = style.is_lecture() if lecture is None else lecture
        self.controls: dict[str, W.Widget] = {}
        self.actions: dict[str, Callable[[], None]] = {}  # button name -> its handler
        self._busy = False  # set while update() changes controls itself

    # --- figure ----------------------------------------------------------------------------------

    @cached_property
    def image(self) -> W.Image:
        """The view of the figure; made on first use, so a widget without one leaves none behind."""
        return W.Image(format="png", layout=W.Layout(max_width="100%", height="auto"))

    @contextmanager
    def styled(self) -> Iterator[None]:
        """House style (projector-sized in lecture mode) for figures and artists made inside."""
        with style.context(lecture=self.lecture):
            yield

    def new_figure(self, width_in: float, height_in: float) -> Figure:
        """A figure outside pyplot (no global registry, never auto-displayed), drawn by Agg."""
        scale = style.LECTURE_SCALE if self.lecture else 1.0
        # the widgets place their axes themselves (subplots_adjust), once: no layout engine
        return agg_figure(figsize=(width_in * scale, height_in * scale), dpi=DPI, layout="none")

    def freeze(self, *dynamic: Artist) -> None:
        """Draw the figure once without the ``dynamic`` artists and keep that as the background.

        Updates then restore the background and draw only the dynamic artists on top (blitting):
        the figure is never rebuilt, and axes, ticks and labels are never redrawn.
        """
        assert self.fig is not None
        for artist in dynamic:
            artist.set_animated(True)
        with style.drawing():
            self.fig.canvas.draw()
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        self.dynamic = list(dynamic)

    def _render(self) -> None:
        """Compose background + dynamic artists and show the result in the Image widget."""
        if self.fig is None:
            return
        canvas = self.fig.canvas
        canvas.restore_region(self._background)
        with style.drawing():
            for artist in self.dynamic:
                if artist.get_visible():
                    self.fig.draw_artist(artist)
        self.image.value = self.png()

    def png(self) -> bytes:
        """The composed figure as PNG: deterministic (no metadata chunks, fixed size)."""
        assert self.fig is not None
        return pixels_png(np.asarray(self.fig.canvas.buffer_rgba()))

    # --- view and wiring -------------------------------------------------------------------------

    def _finish(self, *children: W.Widget) -> None:
        """Build ``self.widget`` from ``children``, wire every control, run ``update()``.

        A button's ``on_click`` callback runs ``self.actions[name]`` (filled in here from
        ``on_click(name)`` for buttons without one), so tests can call each handler directly.
        """
        css = W.HTML(CSS, layout=W.Layout(display="none"))
        self.widget = W.VBox([css, *children], layout=W.Layout(width="100%"))
        self.widget.add_class("mt-widget")
        if self.lecture:
            self.widget.add_class("mt-lecture")
        for name, control in self.controls.items():
            if isinstance(control, W.Button):
                action = self.actions.setdefault(name, lambda name=name: self.on_click(name))
                control.on_click(lambda _button, action=action: action())
            else:
                control.observe(self._changed, "value")
        self.update()

    def _changed(self, _change: dict) -> None:
        if not self._busy:
            self.update()

    def on_click(self, name: str) -> None:
        """The handler of button ``name`` when ``actions`` has none (a widget with one button)."""
        raise NotImplementedError(f"{type(self).__name__}: no handler for button {name!r}")

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Change controls without triggering update() for each change."""
        busy, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = busy

    def update(self) -> None:
        raise NotImplementedError

    # --- static fallback -------------------------------------------------------------------------

    def header_html(self) -> str:
        """HTML shown above the figure in the static fallback."""
        return ""

    def panels_html(self) -> str:
        """The HTML shown beside the figure in the static fallback (current state)."""
        return ""

    def static_html(self) -> str:
        """The current state as self-contained HTML: the figure as a base64 PNG, then panels."""
        parts = [CSS, '<div class="mt-widget">', self.header_html()]
        if self.fig is not None:
            data = base64.b64encode(self.image.value or self.png()).decode("ascii")
            width = round(self.fig.get_figwidth() * DPI)
            parts.append(
                f'<img src="data:image/png;base64,{data}" alt="{esc(self.alt_text)}" '
                f'style="max-width: 100%; width: {width}px">'
            )
        parts += [self.panels_html(), "</div>"]
        return "\n".join(p for p in parts if p)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The live widget for Jupyter, plus a static HTML picture for GitHub and exports."""
        data = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        data["text/html"] = self.static_html()
        return data
