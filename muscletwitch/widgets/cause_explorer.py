"""Cause explorer: filter and search the causes, read a cause's card beside the nervous-system
diagram with the cause's sites highlighted.

The cause tree (the course map, ``plots.tree``) is not drawn here: the list of matching causes and
the card (category, group) already place a cause, and the tree's 50-odd labels were half of the
explorer's drawing time in every notebook that shows it."""

from __future__ import annotations

import textwrap
from typing import Any

import ipywidgets as W
from matplotlib.patches import FancyBboxPatch
from matplotlib.text import Text

from muscletwitch import plots, style
from muscletwitch.course import load_course
from muscletwitch.taxonomy import CATEGORIES, EXTENTS, RHYTHMS, Cause, Taxonomy
from muscletwitch.widgets._base import URGENCY, Base, badge, esc, labelled, opaque

ANY = ""
NO_MATCH = "No cause matches these filters."


def _dropdown(label: str, choices: list[tuple[str, str]]) -> W.Dropdown:
    return labelled(W.Dropdown(options=[("any", ANY), *choices], value=ANY), label)


def _link(source: Any) -> str:
    url = source.link
    text = esc(source.citation)
    if url.startswith(("https://", "http://")):
        return f'<a href="{esc(url)}" target="_blank" rel="noopener">{text}</a>'
    return text


class CauseExplorer(Base):
    """Filter by category, phenomenon, site, rhythm, extent and free text; pick a cause to read."""

    def __init__(
        self,
        *,
        taxonomy: Taxonomy | None = None,
        lecture: bool | None = None,
        cause: str | None = None,
    ):
        super().__init__(taxonomy=taxonomy, lecture=lecture)
        tax = self.taxonomy
        self.controls = {
            "search": labelled(
                W.Text(placeholder="e.g. blink, coffee, ALS", continuous_update=True), "Search"
            ),
            "category": _dropdown("Category", [(c, c) for c in CATEGORIES]),
            "phenomenon": _dropdown("Movement", [(p.name, p.id) for p in tax.phenomena]),
            "site": _dropdown("Starts in", [(s.name, s.id) for s in tax.sites]),
            "rhythm": _dropdown("Rhythm", [(r, r) for r in RHYTHMS]),
            "extent": _dropdown("Extent", [(load_course().level(e).involves, e) for e in EXTENTS]),
            "cause": labelled(W.Select(options=[], rows=10), "Cause"),
            "clear": W.Button(description="Clear filters", icon="times", tooltip="Clear filters"),
        }
        self.status = W.HTML()
        self.card = W.HTML(layout=W.Layout(min_width="22em"))
        with self.styled():
            self.fig = self.new_figure(6.6, 5.4)
            ax = self.fig.subplots()
            levels = plots.levels(ax, tax.sites)
            self.fig.subplots_adjust(left=0.01, right=0.99, top=0.87, bottom=0.01)
        self.site_boxes: dict[str, list[Any]] = {}
        for a in levels.artists:
            if isinstance(a, FancyBboxPatch | Text) and a.get_gid():
                self.site_boxes.setdefault(a.get_gid(), []).append(a)
        self.levels_alt = levels.alt_text
        self.neurons = [a for a in levels.artists if ":" in (a.get_gid() or "")]  # over lit boxes
        self.title = ax.title  # names the cause lit below it: drawn with the moving artists
        self.title.set_text("")
        self.freeze(self.title)
        self._shown: tuple | None = None  # what the figure shows, to skip needless re-rendering
        filters = [self.controls[k] for k in ("search", "category", "phenomenon", "site")]
        filters += [self.controls[k] for k in ("rhythm", "extent", "clear")]
        left = W.VBox([*filters, self.status, self.controls["cause"]])
        left.layout.min_width, left.layout.max_width = "20em", "26em"
        if cause is not None:
            cause = self.taxonomy.cause(cause).id  # UnknownIdError for a typo; names: the id
        self._initial = cause
        row = W.HBox([left, self.card, self.image], layout=W.Layout(flex_flow="row wrap"))
        self._finish(row)

    # --- pure core -------------------------------------------------------------------------------

    def matches(self) -> tuple[Cause, ...]:
        """Causes passing every filter (AND) and, if text is given, the search."""
        values = {k: self.controls[k].value or None for k in ("category", "phenomenon", "site")}
        values |= {k: self.controls[k].value or None for k in ("rhythm", "extent")}
        found = self.taxonomy.filter(**values)
        text = self.controls["search"].value.strip()
        if text:
            hits = {c.id for c in self.taxonomy.search(text)}
            found = tuple(c for c in found if c.id in hits)
        return found

    @property
    def selected(self) -> Cause | None:
        value = self.controls["cause"].value
        return self.taxonomy.cause(value) if value else None

    def on_click(self, name: str) -> None:
        with self.quiet():
            self.controls["search"].value = ""
            for key in ("category", "phenomenon", "site", "rhythm", "extent"):
                self.controls[key].value = ANY
        self.update()

    def update(self) -> None:
        found = self.matches()
        select = self.controls["cause"]
        ids = [c.id for c in found]
        keep = select.value if select.value in ids else None
        if keep is None and self._initial in ids:
            keep, self._initial = self._initial, None
        with self.quiet():
            select.options = [(c.name, c.id) for c in found]
            select.value = keep if keep is not None else (ids[0] if ids else None)
        self.status.value = self._status(found)
        cause = self.selected
        self.card.value = self.card_html(cause) if cause else self._empty_html()
        self._highlight(cause)

    def _status(self, found: tuple[Cause, ...]) -> str:
        total = len(self.taxonomy.causes)
        return f'<span class="mt-note">{len(found)} of {total} causes match</span>'

    def _empty_html(self) -> str:
        text = self.controls["search"].value.strip()
        hint = "Try removing a filter (or press Clear filters)"
        if text:
            hint += f", or a shorter or different word than \u201c{esc(text)}\u201d"
        return f'<div class="mt-card mt-empty"><b>{NO_MATCH}</b><br>{hint}.</div>'

    def card_html(self, cause: Cause) -> str:
        """The cause's card: everything the data says about it, escaped, with its sources."""
        tax = self.taxonomy
        colour = style.CATEGORY_COLOURS[cause.category]
        seed = " \u2605 named in the seed article" if cause.in_seed else ""
        phenomena = ", ".join(esc(tax.phenomenon(p).name) for p in cause.phenomena)
        sites = ", ".join(esc(tax.site(s).name) for s in cause.site)
        flags = "".join(
            f"<li>{badge(URGENCY[f.urgency][1], URGENCY[f.urgency][0])} {esc(f.name)}: "
            f"{esc(f.advice)}</li>"
            for f in map(tax.red_flag, cause.red_flags)
        )
        therapies = "".join(
            f"<li><b>{esc(t.name)}</b> ({esc(t.kind)}; evidence: {esc(t.evidence)}). "
            f"{esc(t.summary)}</li>"
            for t in map(tax.therapy, cause.therapies)
        )
        codes = "".join(
            f"<li>{esc(c.system.upper())} {esc(c.code)}: {esc(c.label)}</li>" for c in cause.codes
        )
        sources = "".join(f"<li>{_link(s)}</li>" for s in tax.sources_of(cause))
        seed_says = (
            f"<h4>The seed article says</h4><p>{esc(cause.seed_says)}</p>"
            f"<h4>What we teach</h4><p>{esc(cause.correction)}</p>"
            if cause.seed_says
            else ""
        )
        return (
            f'<div class="mt-card"><h3>{esc(cause.name)}</h3>'
            f"<p>{badge(cause.category, colour)} {esc(tax.group(cause.group).name)}{seed}</p>"
            f"<p>{esc(cause.summary)}</p>"
            f"<h4>How it works</h4><p>{esc(cause.mechanism)}</p>"
            f"<p><b>Movements:</b> {phenomena}<br><b>Starts in:</b> {sites}<br>"
            f"<b>Extent:</b> {esc(load_course().level(cause.extent).involves)}; "
            f"<b>rhythm:</b> {esc(cause.rhythm)}</p>{seed_says}"
            f"<h4>Red flags: see a doctor if</h4><ul>{flags or '<li>none listed</li>'}</ul>"
            f"<h4>Management</h4><ul>{therapies or '<li>none listed</li>'}</ul>"
            f"<h4>Codes</h4><ul>{codes or '<li>none</li>'}</ul>"
            f"<h4>Sources</h4><ol>{sources}</ol></div>"
        )

    def _highlight(self, cause: Cause | None) -> None:
        """Name the cause above the diagram and light its sites in it (existing artists)."""
        shown = cause.id if cause else None
        if shown == self._shown:
            return
        self._shown = shown
        colour = style.CATEGORY_COLOURS[cause.category] if cause else None
        heading = f"Where it starts: {cause.name}" if cause else "No cause selected"
        self.title.set_text(textwrap.fill(heading, 44))  # names run to 67 characters: 2 lines
        self.alt_text = (
            f"{self.levels_alt} Highlighted: where {cause.name} starts: "
            f"{', '.join(self.taxonomy.site(s).name for s in cause.site)}."
            if cause
            else f"{self.levels_alt} No cause selected."
        )
        # the background shows everything plain; lit artists are drawn over it, opaque
        self.dynamic = [self.title]
        where = cause.site if cause else ()
        for gid in where:
            patch, text = self.site_boxes[gid]
            strong = gid == where[0]
            patch.set_facecolor(opaque(colour, 0.35 if strong else 0.15))
            patch.set_edgecolor(colour)
            patch.set_linewidth(3)
            patch.set_linestyle("-" if strong else "--")
            patch.set_hatch(style.CATEGORY_HATCHES[cause.category])
            text.set_fontweight("bold")
            self.dynamic += [patch, text]
        self.dynamic += self.neurons if where else []
        self._render()

    def panels_html(self) -> str:
        return f'<div style="display: flex; gap: 1em">{self.status.value}</div>{self.card.value}'
