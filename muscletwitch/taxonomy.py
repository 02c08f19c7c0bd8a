"""The cause taxonomy: loading (through the one schema loader) and look-ups, filter, search, tree.

The records and vocabularies are in ``muscletwitch.model``, the loader in ``muscletwitch.schema``;
both are re-exported here. Standard library only, so that `import muscletwitch` and the CLI stay
fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import TaxonomyError, UnknownIdError, close_matches, did_you_mean
from .model import (
    CATEGORIES,
    CODE_SYSTEMS,
    EVIDENCE_LEVELS,
    EXTENTS,
    FINDING_GROUPS,
    OFFLINE_SOURCES,
    RHYTHMS,
    SITE_KINDS,
    SOURCE_KINDS,
    THERAPY_KINDS,
    TIERS,
    URGENCIES,
    URGENCY_LEVELS,
    Cause,
    Code,
    Finding,
    Group,
    Note,
    Phenomenon,
    RedFlag,
    Site,
    Source,
    Therapy,
    Urgency,
)
from .schema import DATA_DIR, Known, Table, data_folder, load_tables

__all__ = [
    "CATEGORIES",
    "CODE_SYSTEMS",
    "DATA_DIR",
    "EVIDENCE_LEVELS",
    "EXTENTS",
    "FINDING_GROUPS",
    "OFFLINE_SOURCES",
    "RHYTHMS",
    "SITE_KINDS",
    "SOURCE_KINDS",
    "TABLES",
    "THERAPY_KINDS",
    "TIERS",
    "URGENCIES",
    "URGENCY_LEVELS",
    "Cause",
    "Code",
    "Finding",
    "Group",
    "Note",
    "Phenomenon",
    "RedFlag",
    "Site",
    "Source",
    "Taxonomy",
    "TaxonomyError",
    "Therapy",
    "UnknownIdError",
    "Urgency",
    "close_matches",
    "did_you_mean",
    "load_taxonomy",
]

# the tables in the order they are read: a table's references point to earlier tables
TABLES = (
    Table("sources.toml", "source", Source),
    Table("sites.toml", "site", Site),
    Table("phenomena.toml", "phenomenon", Phenomenon),
    Table("causes.toml", "group", Group),
    Table("findings.toml", "finding", Finding),
    Table("red_flags.toml", "urgency", Urgency),
    Table("red_flags.toml", "note", Note),
    Table("red_flags.toml", "red_flag", RedFlag),
    Table("therapies.toml", "therapy", Therapy),
    Table("causes.toml", "cause", Cause),
)
TABLE_ORDER = tuple(t.key for t in TABLES)
PLURAL = {"phenomenon": "phenomena", "therapy": "therapies", "urgency": "urgencies"}


def _plural(table: str) -> str:
    return PLURAL.get(table, table + "s")


def _disclaimer(doc: dict[str, Any]) -> str:
    text = doc.get("disclaimer")
    if not isinstance(text, str) or not text.strip():
        raise TaxonomyError("red_flags.toml: missing top-level 'disclaimer' text")
    return text.strip()


# --- the taxonomy ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    """Everything the course knows, loaded once; look-ups by id raise UnknownIdError."""

    sources: tuple[Source, ...]
    sites: tuple[Site, ...]
    phenomena: tuple[Phenomenon, ...]
    groups: tuple[Group, ...]
    findings: tuple[Finding, ...]
    urgencies: tuple[Urgency, ...]  # the four levels, least urgent first, with their advice
    notes: tuple[Note, ...]
    red_flags: tuple[RedFlag, ...]
    therapies: tuple[Therapy, ...]
    causes: tuple[Cause, ...]
    disclaimer: str
    _index: dict[str, dict[str, Any]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {t: {o.id: o for o in getattr(self, _plural(t))} for t in TABLE_ORDER}
        object.__setattr__(self, "_index", index)

    def _get(self, table: str, id_: str) -> Any:
        try:
            return self._index[table][id_]
        except (KeyError, TypeError):
            raise UnknownIdError(table.replace("_", " "), id_, self._index[table]) from None

    def source(self, id_: str) -> Source:
        return self._get("source", id_)

    def site(self, id_: str) -> Site:
        return self._get("site", id_)

    def phenomenon(self, id_: str) -> Phenomenon:
        return self._get("phenomenon", id_)

    def group(self, id_: str) -> Group:
        return self._get("group", id_)

    def finding(self, id_: str) -> Finding:
        return self._get("finding", id_)

    def red_flag(self, id_: str) -> RedFlag:
        return self._get("red_flag", id_)

    def therapy(self, id_: str) -> Therapy:
        return self._get("therapy", id_)

    def urgency(self, id_: str) -> Urgency:
        return self._get("urgency", id_)

    def cause(self, id_: str) -> Cause:
        return self._get("cause", id_)

    def filter(
        self,
        *,
        category: str | None = None,
        group: str | None = None,
        phenomenon: str | None = None,
        site: str | None = None,
        extent: str | None = None,
        rhythm: str | None = None,
        in_seed: bool | None = None,
    ) -> tuple[Cause, ...]:
        """Causes matching every given field (AND); None means 'any'. Unknown values raise."""
        for name, value, allowed in (
            ("category", category, CATEGORIES),
            ("extent", extent, EXTENTS),
            ("rhythm", rhythm, RHYTHMS),
        ):
            if value is not None and value not in allowed:
                raise ValueError(f"{name} {value!r} is not one of {', '.join(allowed)}")
        for table, value in (("group", group), ("phenomenon", phenomenon), ("site", site)):
            if value is not None:
                self._get(table, value)
        if in_seed is not None and not isinstance(in_seed, bool):
            raise ValueError(f"in_seed must be True, False or None, got {in_seed!r}")
        return tuple(
            c
            for c in self.causes
            if (category is None or c.category == category)
            and (group is None or c.group == group)
            and (phenomenon is None or phenomenon in c.phenomena)
            and (site is None or site in c.site)
            and (extent is None or c.extent == extent)
            and (rhythm is None or c.rhythm == rhythm)
            and (in_seed is None or c.in_seed == in_seed)
        )

    def search(self, text: str) -> tuple[Cause, ...]:
        """Causes whose name, synonyms or summary contain `text` (case-insensitive); names first."""
        if not isinstance(text, str):
            raise ValueError(f"search text must be a string, got {type(text).__name__}")
        needle = text.strip().casefold()
        if not needle:
            return ()

        def rank(c: Cause) -> int | None:
            if needle in c.name.casefold() or needle in c.id:
                return 0
            if any(needle in s.casefold() for s in c.synonyms):
                return 1
            if needle in c.summary.casefold():
                return 2
            return None

        ranked = [(r, i, c) for i, c in enumerate(self.causes) if (r := rank(c)) is not None]
        return tuple(c for _, _, c in sorted(ranked, key=lambda x: x[:2]))

    def tree(self) -> dict[str, dict[str, tuple[Cause, ...]]]:
        """category -> group id -> causes, in data order."""
        return {
            cat: {g.id: self.filter(group=g.id) for g in self.groups if g.category == cat}
            for cat in CATEGORIES
        }

    def sources_of(self, *objects: Any) -> tuple[Source, ...]:
        """The distinct sources cited by the given entries, in first-cited order."""
        ids = dict.fromkeys(s for o in objects for s in o.sources)
        return tuple(self.source(s) for s in ids)

    def __iter__(self) -> Iterator[Cause]:
        return iter(self.causes)

    @property
    def known(self) -> Known:
        """table -> id -> entry: what other data files (quiz, course) may refer to."""
        return self._index


def load_taxonomy(data_dir: str | Path | None = None) -> Taxonomy:
    """Load and validate the taxonomy (cached per folder); TaxonomyError on invalid data."""
    return _load(data_folder(data_dir))


@cache
def _load(folder: Path) -> Taxonomy:
    docs: dict[str, dict[str, Any]] = {}
    known = load_tables(folder, TABLES, docs=docs)
    tables = {_plural(t): tuple(known[t].values()) for t in TABLE_ORDER}
    if tuple(u.id for u in tables["urgencies"]) != URGENCIES:
        raise TaxonomyError(
            f"red_flags.toml: [[urgency]] must list {', '.join(URGENCIES)} in order"
        )
    return Taxonomy(**tables, disclaimer=_disclaimer(docs["red_flags.toml"]))
