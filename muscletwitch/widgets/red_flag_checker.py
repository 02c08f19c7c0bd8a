"""Red-flag checker over ``assess``: tick findings, see ranked causes with reasons, red flags and
the urgency as a banner in words and colour; the disclaimer is always shown."""

from __future__ import annotations

import ipywidgets as W

from muscletwitch import style
from muscletwitch.assess import TIER_TITLES, Assessment, assess, severity
from muscletwitch.taxonomy import Cause, Taxonomy, Urgency
from muscletwitch.widgets._base import URGENCY, Base, badge, esc, labelled, tint

# columns in the order a person tells the story; onset asks "when and how did it start?"
GROUP_TITLES = {
    "noticed": "What you notice",
    "onset": "When and how it started",
    "context": "Context",
    "symptoms": "Other symptoms",
}


def banner_html(level: Urgency) -> str:
    """The banner of an urgency level: its words and advice on its colour (from the [[urgency]]
    table), as the checker shows it; notebook 05 shows all four with this function."""
    colour, word = URGENCY[level.id]
    return (
        f'<div class="mt-banner mt-urgency-{level.id}" role="alert" '
        f'style="border-color: {colour}; background: {tint(colour, 0.2)}">'
        f"{esc(word)}: {esc(level.advice)}</div>"
    )


class RedFlagChecker(Base):
    """Tick findings (grouped); the banner, red flags and ranked causes update at once."""

    def __init__(self, *, taxonomy: Taxonomy | None = None, lecture: bool | None = None):
        super().__init__(taxonomy=taxonomy, lecture=lecture)
        columns = []
        for group, title in GROUP_TITLES.items():
            boxes = []
            for f in (f for f in self.taxonomy.findings if f.group == group):
                # the question is the label: lay words, e.g. "Did it start suddenly, ...?"
                box = labelled(W.Checkbox(value=False, indent=False), f.name)
                box.tooltip = f.question
                self.controls[f.id] = box
                boxes.append(box)
            columns.append(W.VBox([W.HTML(f"<h4>{esc(title)}</h4>"), *boxes]))
        self.controls["clear"] = W.Button(
            description="Untick all", icon="times", tooltip="Untick all"
        )
        self.banner = W.HTML()
        self._banner_class = ""
        self.disclaimer = W.HTML(
            f'<p class="mt-note"><b>Teaching tool, not a diagnosis.</b> '
            f"{esc(self.taxonomy.disclaimer)}</p>"
        )
        self.notes = W.HTML()
        self.flags = W.HTML()
        self.causes = W.HTML()
        self.grid = W.GridBox(
            columns, layout=W.Layout(grid_template_columns="repeat(auto-fit, minmax(18em, 1fr))")
        )
        results = W.VBox([self.banner, self.disclaimer, self.notes, self.flags, self.causes])
        self._finish(self.grid, self.controls["clear"], results)

    @property
    def ticked(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.taxonomy.findings if self.controls[f.id].value)

    def assessment(self) -> Assessment:
        return assess(*self.ticked, taxonomy=self.taxonomy)

    def on_click(self, name: str) -> None:
        with self.quiet():
            for f in self.taxonomy.findings:
                self.controls[f.id].value = False
        self.update()

    def update(self) -> None:
        a = self.assessment()
        if self._banner_class:
            self.banner.remove_class(self._banner_class)
        self._banner_class = f"mt-urgency-{a.urgency}"
        self.banner.add_class(self._banner_class)
        self.banner.value = banner_html(a.level)
        self.notes.value = "".join(f'<p class="mt-note">{esc(n)}</p>' for n in a.notes)
        self.flags.value = self._flags_html(a)
        self.causes.value = self._causes_html(a)

    def _names(self, ids: tuple[str, ...]) -> str:
        return ", ".join(self.taxonomy.finding(i).name.lower() for i in ids)

    def _flags_html(self, a: Assessment) -> str:
        if not a.red_flags:
            return ""
        items = "".join(
            f"<li>{badge(URGENCY[f.urgency][1], URGENCY[f.urgency][0])} "
            f"<b>{esc(f.name)}</b> ({esc(TIER_TITLES[f.tier].lower())}): {esc(f.advice)} "
            f"<i>Why: {esc(self._names(a.triggers[f.id]))}.</i></li>"
            for f in a.red_flags
        )
        return f"<h4>Red flags, most urgent first</h4><ul>{items}</ul>"

    def _causes_html(self, a: Assessment) -> str:
        if not a.findings:
            return '<div class="mt-empty">Tick what you notice to see which causes fit.</div>'
        if not a.causes:
            return (
                '<div class="mt-empty">No cause in the course fits these findings well. '
                "If you are worried, see a doctor.</div>"
            )
        items = "".join(
            f"<li>{badge(c.category, style.CATEGORY_COLOURS[c.category])} <b>{esc(c.name)}</b>"
            f" (why: {esc(a.reasons[c.id].describe(self.taxonomy))}"
            f"{self._brings(c)})</li>"
            for c in a.causes
        )
        return f"<h4>Causes that fit, best first</h4><ol>{items}</ol>"

    def _brings(self, cause: Cause) -> str:
        level = severity(cause)
        return "" if level == "self-care" else f"; at least: {URGENCY[level][1].lower()}"

    def panels_html(self) -> str:
        ticked = ", ".join(esc(self.taxonomy.finding(f).name) for f in self.ticked) or "none"
        return (
            f"<p><b>Ticked:</b> {ticked}</p>{self.banner.value}{self.disclaimer.value}"
            f"{self.notes.value}{self.flags.value}{self.causes.value}"
        )
