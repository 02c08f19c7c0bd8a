"""Red-flag checker over ``assess``: tick findings, see ranked causes with reasons, red flags and
the urgency as a banner in words and colour; the disclaimer is always shown."""

from __future__ import annotations

import ipywidgets as W

from muscletwitch import style
from muscletwitch.assess import Assessment, assess
from muscletwitch.taxonomy import FINDING_GROUPS, Taxonomy
from muscletwitch.widgets._base import URGENCY, Base, badge, esc, labelled, tint

GROUP_TITLES = {"noticed": "What you notice", "context": "Context", "symptoms": "Other symptoms"}
URGENCY_TEXT = {
    "self-care": "No red flag among the ticked findings: self-care is usually enough. See a doctor "
    "if it lasts more than 2 weeks, spreads, or you are worried.",
    "see-a-doctor": "See a doctor: at least one red flag is ticked (see below).",
    "emergency": "Call emergency services now (999 UK, 112 EU, 911 US) if the advice below "
    "applies.",
}


class RedFlagChecker(Base):
    """Tick findings (grouped); the banner, red flags and ranked causes update at once."""

    def __init__(self, *, taxonomy: Taxonomy | None = None, lecture: bool | None = None):
        super().__init__(taxonomy=taxonomy, lecture=lecture)
        columns = []
        for group in FINDING_GROUPS:
            boxes = []
            for f in (f for f in self.taxonomy.findings if f.group == group):
                box = labelled(W.Checkbox(value=False, indent=False), f.name)
                box.tooltip = f.question
                self.controls[f.id] = box
                boxes.append(box)
            title = W.HTML(f"<h4>{esc(GROUP_TITLES.get(group, group))}</h4>")
            columns.append(W.VBox([title, *boxes]))
        self.controls["clear"] = W.Button(
            description="Untick all", icon="times", tooltip="Untick all"
        )
        self.banner = W.HTML()
        self.disclaimer = W.HTML(
            f'<p class="mt-note"><b>Teaching tool, not a diagnosis.</b> '
            f"{esc(self.taxonomy.disclaimer)}</p>"
        )
        self.flags = W.HTML()
        self.causes = W.HTML()
        grid = W.GridBox(
            columns, layout=W.Layout(grid_template_columns="repeat(auto-fit, minmax(18em, 1fr))")
        )
        results = W.VBox([self.banner, self.disclaimer, self.flags, self.causes])
        self._finish(grid, self.controls["clear"], results)

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
        colour, word = URGENCY[a.urgency]
        for cls in list(self.banner._dom_classes):
            if cls.startswith("mt-urgency-"):
                self.banner.remove_class(cls)
        self.banner.add_class(f"mt-urgency-{a.urgency}")
        self.banner.value = (
            f'<div class="mt-banner mt-urgency-{a.urgency}" role="alert" '
            f'style="border-color: {colour}; background: {tint(colour, 0.2)}">'
            f"{esc(word)}: {esc(URGENCY_TEXT[a.urgency])}</div>"
        )
        self.flags.value = self._flags_html(a)
        self.causes.value = self._causes_html(a)

    def _flags_html(self, a: Assessment) -> str:
        if not a.red_flags:
            return ""
        items = "".join(
            f"<li>{badge(URGENCY[f.urgency][1], URGENCY[f.urgency][0])} <b>{esc(f.name)}</b>: "
            f"{esc(f.advice)}</li>"
            for f in a.red_flags
        )
        return f"<h4>Red flags</h4><ul>{items}</ul>"

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
            f" ({esc(a.reasons[c.id].describe(self.taxonomy))})</li>"
            for c in a.causes
        )
        return f"<h4>Causes that fit, best first</h4><ol>{items}</ol>"

    def panels_html(self) -> str:
        ticked = ", ".join(esc(self.taxonomy.finding(f).name) for f in self.ticked) or "none"
        return (
            f"<p><b>Ticked:</b> {ticked}</p>{self.banner.value}{self.disclaimer.value}"
            f"{self.flags.value}{self.causes.value}"
        )
