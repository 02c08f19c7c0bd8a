"""The cause taxonomy: loading (through the one schema loader) and look-ups, filter, search, tree.

The records and vocabularies are in ``muscletwitch.model``, the loader in ``muscletwitch.schema``;
both are re-exported here. Standard library only, so that `import muscletwitch` and the CLI stay
fast.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import AmbiguousIdError, TaxonomyError, UnknownIdError, close_matches, did_you_mean
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
    "AmbiguousIdError",
    "Taxonomy",
    "TaxonomyError",
    "Therapy",
    "UnknownIdError",
    "Urgency",
    "close_matches",
    "did_you_mean",
    "load_taxonomy",
    "name_key",
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


# --- names as people type them -----------------------------------------------------------------

# apostrophes (straight, curly, backtick) go; hyphens, dashes and underscores become spaces
_FOLD = str.maketrans({**dict.fromkeys("'\u2018\u2019`"), **dict.fromkeys("-_\u2010\u2013", " ")})


def name_key(text: str) -> str:
    """A name reduced to how it compares: any case and Unicode form, no apostrophes, hyphens as
    spaces ("Parkinson\u2019s-Disease" and "parkinsons disease" have the same key)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().translate(_FOLD).split())


def _aliases(entry: Any) -> tuple[tuple[str, ...], ...]:
    """What an entry may be called, most specific first: its id, its name, its synonyms."""
    name = getattr(entry, "name", None)
    return ((entry.id,), (name,) if name else (), getattr(entry, "synonyms", ()))


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
    _keys: dict[str, dict[str, tuple[tuple[int, str], ...]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index = {t: {o.id: o for o in getattr(self, _plural(t))} for t in TABLE_ORDER}
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_keys", {})  # table -> name key -> (rank, id); built when asked

    def names_of(self, table: str) -> dict[str, tuple[tuple[int, str], ...]]:
        """name key -> (rank, id) of the entries of ``table`` it names; rank 0 for an id, 1 for
        a name, 2 for a synonym. Built on the first look-up by name, then kept."""
        if table not in self._keys:
            keys: dict[str, list[tuple[int, str]]] = {}
            for entry in self._index[table].values():
                for rank, names in enumerate(_aliases(entry)):
                    for name in names:
                        hits = keys.setdefault(name_key(name), [])
                        if (rank, entry.id) not in hits:
                            hits.append((rank, entry.id))
            self._keys[table] = {k: tuple(sorted(v)) for k, v in keys.items()}
        return self._keys[table]

    def _get(self, table: str, id_: str) -> Any:
        """The entry of ``table`` that ``id_`` names: its id, or in any case its name, a synonym
        or an abbreviation in the data. Several entries with that name: AmbiguousIdError; none:
        UnknownIdError with the names that look like it. Every look-up comes through here."""
        entries = self._index[table]
        kind = table.replace("_", " ")
        if isinstance(id_, str) and id_ in entries:
            return entries[id_]
        key = name_key(id_) if isinstance(id_, str) else ""
        names = self.names_of(table)
        if hits := names.get(key):
            best = [i for rank, i in hits if rank == hits[0][0]]
            if len(best) == 1:
                return entries[best[0]]
            raise AmbiguousIdError(kind, id_, {i: getattr(entries[i], "name", i) for i in best})
        raise UnknownIdError(kind, id_, entries, self._near(names, key) if key else None)

    @staticmethod
    def _near(names: dict[str, tuple[tuple[int, str], ...]], key: str) -> tuple[str, ...]:
        """Ids whose names hold the typed words ("sclerosis"), then those that look like them."""
        near = [n for n in names if f" {key} " in f" {n} "]
        near = near or close_matches(key, names)
        return tuple(dict.fromkeys(i for n in near for _, i in names[n]))[:5]

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

    def note(self, id_: str) -> Note:
        return self._get("note", id_)

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
        group, phenomenon, site = (  # ids, or names as typed: the ids they name
            None if value is None else self._get(table, value).id
            for table, value in (("group", group), ("phenomenon", phenomenon), ("site", site))
        )
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
        """Causes whose id, name, synonyms or summary contain `text` (any case, as ``name_key``
        compares): exact ids, names and synonyms first, then names, synonyms, summaries."""
        if not isinstance(text, str):
            raise ValueError(f"search text must be a string, got {type(text).__name__}")
        needle = name_key(text)
        if not needle:
            return ()
        exact = {i for _, i in self.names_of("cause").get(needle, ())}

        def rank(c: Cause) -> int | None:
            if c.id in exact:
                return 0
            if needle in name_key(c.name) or needle in name_key(c.id):
                return 1
            if any(needle in name_key(s) for s in c.synonyms):
                return 2
            if needle in name_key(c.summary):
                return 3
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
    known = load_tables(folder, TABLES, docs=docs, also={"red_flags.toml": ("disclaimer",)})
    tables = {_plural(t): tuple(known[t].values()) for t in TABLE_ORDER}
    if tuple(u.id for u in tables["urgencies"]) != URGENCIES:
        raise TaxonomyError(
            f"red_flags.toml: [[urgency]] must list {', '.join(URGENCIES)} in order"
        )
    return Taxonomy(**tables, disclaimer=_disclaimer(docs["red_flags.toml"]))
