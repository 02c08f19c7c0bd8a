"""From findings to ranked causes, red flags and urgency. Pure: every rule comes from the data."""

from __future__ import annotations

from dataclasses import dataclass

from .taxonomy import URGENCIES, Cause, RedFlag, Taxonomy, UnknownIdError, load_taxonomy


@dataclass(frozen=True, slots=True)
class Reasons:
    """Why a cause is listed: the given findings that support it and those that argue against."""

    supporting: tuple[str, ...]
    against: tuple[str, ...]
    score: int

    def describe(self, taxonomy: Taxonomy) -> str:
        def names(ids: tuple[str, ...]) -> str:
            return ", ".join(taxonomy.finding(i).name.lower() for i in ids)

        text = f"fits: {names(self.supporting)}"
        return text + (f"; argues against: {names(self.against)}" if self.against else "")


@dataclass(frozen=True, slots=True)
class Assessment:
    findings: tuple[str, ...]
    causes: tuple[Cause, ...]  # best fit first
    reasons: dict[str, Reasons]  # cause id -> reasons
    red_flags: tuple[RedFlag, ...]  # emergencies first
    urgency: str  # "self-care" | "see-a-doctor" | "emergency"
    disclaimer: str

    @property
    def is_emergency(self) -> bool:
        return self.urgency == "emergency"


def _score(cause: Cause, given: frozenset[str]) -> Reasons:
    supporting = tuple(f for f, _ in cause.supported_by if f in given)
    against = tuple(f for f, _ in cause.argued_against_by if f in given)
    score = sum(w for f, w in cause.supported_by if f in given) - sum(
        w for f, w in cause.argued_against_by if f in given
    )
    return Reasons(supporting, against, score)


def assess(*finding_ids: str, taxonomy: Taxonomy | None = None) -> Assessment:
    """Rank the causes that fit the findings and say how urgent. Teaching, not diagnosis."""
    tax = taxonomy or load_taxonomy()
    ids = tuple(tax.finding(f).id for f in finding_ids)  # ids or names; UnknownIdError
    given = frozenset(ids)
    scored = []
    for order, cause in enumerate(tax.causes):
        reasons = _score(cause, given)
        if reasons.supporting and reasons.score >= cause.threshold:
            scored.append((-reasons.score, order, cause, reasons))
    scored.sort(key=lambda s: s[:2])
    flags = [
        rf for rf in tax.red_flags if any(given.issuperset(condition) for condition in rf.when)
    ]
    flags.sort(key=lambda rf: -URGENCIES.index(rf.urgency))
    urgency = max((rf.urgency for rf in flags), key=URGENCIES.index, default="self-care")
    return Assessment(
        findings=tuple(dict.fromkeys(ids)),
        causes=tuple(s[2] for s in scored),
        reasons={s[2].id: s[3] for s in scored},
        red_flags=tuple(flags),
        urgency=urgency,
        disclaimer=tax.disclaimer,
    )


__all__ = ["Assessment", "Reasons", "assess", "UnknownIdError"]
