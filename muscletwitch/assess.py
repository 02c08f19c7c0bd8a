"""From findings to ranked causes, red flags and urgency. Pure: every rule comes from the data.

The rules (red_flags.toml, causes.toml, findings.toml):
- a finding may imply others (a first seizure is a seizure);
- a red flag is raised when one of its `when` sets is all present and none of its `unless` is;
- a cause is listed when one of its `requires` sets (if any) is all present, none of its
  `excludes` is, a given finding supports it and its score reaches its threshold;
- causes rank by score, ties by severity (the urgency the cause brings), then by name;
- the urgency is the highest of the red flags and of the listed causes: a pathological cause
  brings at least see-a-doctor, and each cause at least its own `min_urgency`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import UrgencyLevel, ids
from .schema import Table, load_tables
from .taxonomy import (
    DATA_DIR,
    URGENCY_LEVELS,
    Cause,
    RedFlag,
    Taxonomy,
    UnknownIdError,
    Urgency,
    load_taxonomy,
)

PATHOLOGICAL_FLOOR = "see-a-doctor"  # the least urgency a listed pathological cause brings
# how the course presents a red flag's `tier` (widget, CLI and notebook 05 use these words)
TIER_TITLES = {
    "emergency": "Emergency",
    "warning-sign": "Warning sign",
    "reason-to-see-a-gp": "Reason to see a GP",
}


@dataclass(frozen=True, slots=True)
class Reasons:
    """Why a cause is listed: the given findings that support it and those that argue against."""

    supporting: tuple[str, ...]
    against: tuple[str, ...]
    score: int
    required: tuple[str, ...] = ()  # the `requires` set that was met, if the cause has one

    def describe(self, taxonomy: Taxonomy) -> str:
        def names(ids: tuple[str, ...]) -> str:
            return ", ".join(taxonomy.finding(i).name.lower() for i in ids)

        text = f"fits: {names(self.supporting)}"
        return text + (f"; argues against: {names(self.against)}" if self.against else "")


@dataclass(frozen=True, slots=True)
class Assessment:
    findings: tuple[str, ...]  # as given, each once
    causes: tuple[Cause, ...]  # best fit first
    reasons: dict[str, Reasons]  # cause id -> reasons
    red_flags: tuple[RedFlag, ...]  # most urgent first
    triggers: dict[str, tuple[str, ...]]  # red flag id -> the findings that raised it
    urgency: str  # one of URGENCY_LEVELS
    level: Urgency  # the urgency with its fixed name, advice and colour
    notes: tuple[str, ...]  # fixed notes for these findings (e.g. what "weakness" means)
    implied: tuple[str, ...]  # findings added because a given one implies them
    disclaimer: str

    @property
    def is_emergency(self) -> bool:
        return self.urgency == "emergency"

    @property
    def advice(self) -> str:
        return self.level.advice


def rank(urgency: str) -> int:
    """Position of an urgency in URGENCY_LEVELS (0 = self-care); ValueError for an unknown one."""
    if urgency not in URGENCY_LEVELS:
        raise ValueError(f"urgency {urgency!r} is not one of {', '.join(URGENCY_LEVELS)}")
    return URGENCY_LEVELS.index(urgency)


def severity(cause: Cause) -> str:
    """The least urgency a listed cause brings: its own minimum; a disease at least see-a-doctor."""
    floor = PATHOLOGICAL_FLOOR if cause.category == "pathological" else "self-care"
    return max(cause.min_urgency, floor, key=rank)


def expand(taxonomy: Taxonomy, finding_ids: Iterable[str]) -> frozenset[str]:
    """The findings with everything they imply; UnknownIdError (with suggestions) for a bad id."""
    todo, seen = list(finding_ids), set()
    while todo:
        f = todo.pop()
        if f not in seen:
            seen.add(f)
            todo.extend(taxonomy.finding(f).implies)
    return frozenset(seen)


def _met(sets: tuple[tuple[str, ...], ...], given: frozenset[str]) -> tuple[str, ...] | None:
    return next((s for s in sets if given.issuperset(s)), None)


def _reasons(cause: Cause, given: frozenset[str]) -> Reasons | None:
    """Reasons if the cause is listed for these findings, else None."""
    required = _met(cause.requires, given) if cause.requires else ()
    if required is None or given.intersection(cause.excludes):
        return None
    supporting = tuple(f for f, _ in cause.supported_by if f in given)
    against = tuple(f for f, _ in cause.argued_against_by if f in given)
    weight = dict(cause.supported_by) | {f: -w for f, w in cause.argued_against_by}
    score = sum(weight[f] for f in supporting + against)
    if not supporting or score < cause.threshold:
        return None
    return Reasons(supporting, against, score, required)


def assess(*finding_ids: str, taxonomy: Taxonomy | None = None) -> Assessment:
    """Rank the causes that fit the findings and say how urgent. Teaching, not diagnosis."""
    tax = taxonomy or load_taxonomy()
    ids = tuple(tax.finding(f).id for f in finding_ids)  # ids or names, any case; UnknownIdError
    given = expand(tax, ids)
    listed = [(c, r) for c in tax.causes if (r := _reasons(c, given)) is not None]
    listed.sort(key=lambda cr: (-cr[1].score, -rank(severity(cr[0])), cr[0].name.casefold()))
    triggers = {
        rf.id: met
        for rf in tax.red_flags
        if (met := _met(rf.when, given)) is not None and not given.intersection(rf.unless)
    }
    flags = sorted((tax.red_flag(i) for i in triggers), key=lambda rf: -rank(rf.urgency))
    urgency = max(
        [rf.urgency for rf in flags] + [severity(c) for c, _ in listed],
        key=rank,
        default="self-care",
    )
    return Assessment(
        findings=tuple(dict.fromkeys(ids)),
        causes=tuple(c for c, _ in listed),
        reasons={c.id: r for c, r in listed},
        red_flags=tuple(flags),
        triggers=triggers,
        urgency=urgency,
        level=tax.urgency(urgency),
        notes=tuple(n.text for n in tax.notes if _met(n.when, given) is not None),
        implied=tuple(sorted(given - set(ids))),
        disclaimer=tax.disclaimer,
    )


# --- vignettes: realistic cases with the answer their sources give --------------------------------


@dataclass(frozen=True, slots=True)
class Vignette:
    """A case, declared like every data table (read by the one loader from vignettes.toml)."""

    id: str
    age: int = field(metadata={"min": 0})
    story: str
    findings: tuple[str, ...] = field(metadata=ids("finding", least=1))
    urgency: UrgencyLevel  # expected
    top3: tuple[str, ...] = field(metadata=ids("cause"))  # expected among the first three
    sources: tuple[str, ...] = field(metadata=ids("source", least=1))
    not_first: tuple[str, ...] = field(default=(), metadata=ids("cause"))  # must not lead
    not_listed: tuple[str, ...] = field(default=(), metadata=ids("cause"))  # must not appear


VIGNETTES = Table("vignettes.toml", "vignette", Vignette)


def load_vignettes(
    path: str | Path | None = None, taxonomy: Taxonomy | None = None
) -> tuple[Vignette, ...]:
    """The vignette suite (``data/vignettes.toml`` or the file at ``path``), checked against the
    taxonomy: TaxonomyError naming the case and field for an unknown finding, cause or source."""
    tax = taxonomy or load_taxonomy()
    path = Path(path) if path is not None else DATA_DIR / "vignettes.toml"
    table = Table(path.name, VIGNETTES.key, Vignette)
    return tuple(load_tables(path.parent, (table,), tax.known)[VIGNETTES.key].values())


def check(case: Vignette, taxonomy: Taxonomy | None = None) -> list[str]:
    """What the assessment gets wrong for this case (empty when it passes)."""
    tax = taxonomy or load_taxonomy()
    problems = []
    for cid in case.top3 + case.not_first + case.not_listed:
        try:
            tax.cause(cid)
        except UnknownIdError as e:
            problems.append(str(e))
    a = assess(*case.findings, taxonomy=tax)
    got = [c.id for c in a.causes]
    if a.urgency != case.urgency:
        problems.append(f"urgency {a.urgency}, expected {case.urgency}")
    missing = [c for c in case.top3 if c not in got[:3]]
    if missing:
        problems.append(f"top three {got[:3]} lack {missing}")
    if got and got[0] in case.not_first:
        problems.append(f"{got[0]} leads")
    listed = [c for c in case.not_listed if c in got]
    if listed:
        problems.append(f"{listed} listed")
    return problems


__all__ = [
    "URGENCY_LEVELS",
    "Assessment",
    "Reasons",
    "TIER_TITLES",
    "UnknownIdError",
    "Vignette",
    "assess",
    "check",
    "expand",
    "load_vignettes",
    "severity",
]
