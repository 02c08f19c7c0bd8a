"""Treatments on the evidence scale: one row per therapy, one column per evidence level, the
marker and colour of its kind from the course data (``course.toml`` ``[therapy_kind.*]``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes

from muscletwitch import style
from muscletwitch.course import load_course
from muscletwitch.plots.base import Drawn
from muscletwitch.taxonomy import EVIDENCE_LEVELS


def evidence(ax: Axes, therapies: Sequence[Any]) -> Drawn:
    """Therapies (objects with ``.name``, ``.kind``, ``.evidence``) sorted strongest first, each
    a marker in its evidence level's column; a legend of the kinds shown.

    ``drawn.artists`` holds one scatter per kind present, in the order of ``course.toml``.
    """
    if not therapies:
        raise ValueError("therapies: give at least one therapy")
    if bad := [t.name for t in therapies if t.evidence not in EVIDENCE_LEVELS]:
        raise ValueError(
            f"therapies: {bad[0]!r} has an evidence level not among {', '.join(EVIDENCE_LEVELS)}"
        )
    rows = sorted(therapies, key=lambda t: EVIDENCE_LEVELS.index(t.evidence))
    drawn = []
    for kind in load_course().therapy_kinds:
        at = [i for i, t in enumerate(rows) if t.kind == kind.id]
        if at:
            levels = [EVIDENCE_LEVELS.index(rows[i].evidence) for i in at]
            colour = style.PALETTE[kind.colour]
            drawn.append(
                ax.scatter(levels, at, s=300, marker=kind.marker, color=colour, label=kind.id)
            )
    ax.set(
        xticks=range(len(EVIDENCE_LEVELS)),
        xticklabels=EVIDENCE_LEVELS,
        yticks=range(len(rows)),
        yticklabels=[t.name for t in rows],
        xlim=(-0.5, len(EVIDENCE_LEVELS) - 0.5),
        ylim=(len(rows) - 0.5, -0.5),  # strongest on top
        title="Treatments by evidence level (course data)",
    )
    ax.grid(axis="x", alpha=0.3)
    ax.legend(title="kind", loc="lower left", markerscale=0.6)  # the lower rows sit on the right
    counts = ", ".join(
        f"{sum(t.evidence == level for t in rows)} {level}" for level in EVIDENCE_LEVELS
    )
    return Drawn(tuple(drawn), f"{len(rows)} treatments on the evidence scale: {counts}.")
