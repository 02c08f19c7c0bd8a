"""The cause taxonomy: frozen dataclasses, loading and validation of the TOML data, and look-ups.

Standard library only, so that `import muscletwitch` and the CLI stay fast.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

DATA_DIR = Path(__file__).parent / "data"

CATEGORIES = ("benign", "pathological")
EXTENTS = ("single-fibres", "motor-unit", "whole-muscle", "body-region")
RHYTHMS = ("regular", "irregular", "either", "sustained")
CODE_SYSTEMS = ("hpo", "icd10", "icd10cm", "mesh")
URGENCIES = ("self-care", "see-a-doctor", "urgent", "emergency")  # least first (issue 13)
URGENCY_LEVELS = (
    URGENCIES  # public name; the [[urgency]] table of red_flags.toml holds their advice
)
TIERS = (
    "reason-to-see-a-gp",
    "warning-sign",
    "emergency",
)  # how red flags are presented (issue 13)
EVIDENCE_LEVELS = ("strong", "moderate", "low", "consensus", "unproven")
THERAPY_KINDS = ("self-care", "medical", "physiotherapy", "psychological", "complementary")
FINDING_GROUPS = ("noticed", "context", "symptoms", "onset")  # onset: triage (issue 13)
SITE_KINDS = ("central", "peripheral", "muscle", "systemic")
SOURCE_KINDS = ("article", "review", "guideline", "web", "ontology", "book", "seed", "note")
OFFLINE_SOURCES = ("seed", "note")  # kinds that need no url or doi (the seed text ships in shared/)


def close_matches(given: object, known: Iterable[str]) -> tuple[str, ...]:
    """Up to three known ids that look like `given` (typos, missing hyphens)."""
    return tuple(difflib.get_close_matches(str(given), list(known), n=3, cutoff=0.5))


def _hint(close: tuple[str, ...]) -> str:
    return f"; did you mean {', '.join(close)}?" if close else ""


def did_you_mean(given: object, known: Iterable[str]) -> str:
    """'; did you mean a, b?' for an unknown id, or '' when nothing known looks like it."""
    return _hint(close_matches(given, known))


class UnknownIdError(KeyError):
    """An id that the taxonomy does not know; the message suggests close matches."""

    def __init__(self, kind: str, given: str, known: Iterable[str]):
        known = list(known)
        self.kind, self.given, self.suggestions = kind, given, close_matches(given, known)
        hint = _hint(self.suggestions) or f"; known: {', '.join(known)}"
        super().__init__(f"unknown {kind} {given!r}{hint}")

    def __str__(self) -> str:  # KeyError would print the repr of the message
        return self.args[0]


class TaxonomyError(ValueError):
    """The data files are invalid; the message names file, entry, field and what is allowed."""


# --- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Code:
    system: Literal["hpo", "icd10", "icd10cm", "mesh"]
    code: str
    label: str  # the ontology's exact label, checked by tests against pinned releases


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    authors: str
    kind: str
    year: int | None = None
    accessed: str | None = None  # web pages: when the page was read
    journal: str = ""
    url: str = ""
    doi: str = ""

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    @property
    def citation(self) -> str:
        when = str(self.year) if self.year else f"accessed {self.accessed}"
        where = f" {self.journal}." if self.journal else ""
        link = f" {self.link}" if self.link else ""
        return f"{self.authors} ({when}). {self.title}.{where}{link}"


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    name: str
    kind: str
    summary: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Phenomenon:
    id: str
    name: str
    synonyms: tuple[str, ...]
    summary: str
    site: tuple[str, ...]
    extent: str
    rhythm: str
    visible: bool
    timing: str
    codes: tuple[Code, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name: str
    category: str
    summary: str


@dataclass(frozen=True, slots=True)
class Cause:
    id: str
    name: str
    synonyms: tuple[str, ...]
    category: str
    group: str
    site: tuple[str, ...]
    phenomena: tuple[str, ...]
    extent: str
    rhythm: str
    summary: str
    mechanism: str
    worse: tuple[str, ...]
    better: tuple[str, ...]
    red_flags: tuple[str, ...]
    therapies: tuple[str, ...]
    codes: tuple[Code, ...]
    sources: tuple[str, ...]
    in_seed: bool
    seed_says: str = ""  # what the source article claims, where it is imprecise
    correction: str = ""  # what we teach instead
    # assessment rules: finding id -> weight; listed when the score reaches `threshold`
    supported_by: tuple[tuple[str, int], ...] = ()
    argued_against_by: tuple[tuple[str, int], ...] = ()
    threshold: int = 1
    # triage (issue 13): listed only if one set of `requires` is all present and no `excludes` is;
    # `min_urgency` is the least urgency when listed (pathological causes: at least see-a-doctor)
    requires: tuple[tuple[str, ...], ...] = ()
    excludes: tuple[str, ...] = ()
    min_urgency: str = "self-care"


# --- triage (issue 13): the urgency levels with their fixed advice, and fixed notes --------------


@dataclass(frozen=True, slots=True)
class Urgency:
    id: str  # one of URGENCY_LEVELS, in that order
    name: str  # the banner's word, e.g. "Call emergency services now"
    advice: str
    colour: str  # a colour name of style.OKABE_ITO
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    name: str
    text: str
    when: tuple[tuple[str, ...], ...]  # shown when any of these sets of findings is all present
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    name: str
    group: str
    question: str
    implies: tuple[
        str, ...
    ] = ()  # triage (issue 13): findings this one implies (first-seizure: seizure)


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    name: str
    urgency: str
    advice: str
    when: tuple[tuple[str, ...], ...]  # any of these sets of findings, each set all present
    sources: tuple[str, ...]
    tier: str = "warning-sign"  # triage (issue 13): one of TIERS
    unless: tuple[str, ...] = ()  # triage (issue 13): not raised when any of these is present


@dataclass(frozen=True, slots=True)
class Therapy:
    id: str
    name: str
    kind: str
    evidence: str
    summary: str
    sources: tuple[str, ...]


# --- the schema: one place that says what each table holds ---------------------------------------


@dataclass(frozen=True)
class F:
    """A table field: its type, whether required, allowed values or the table it refers to."""

    type: str  # str, int, bool, strs (list of str), codes, weights, sets
    required: bool = True
    choices: tuple[str, ...] = ()
    ref: str = ""  # table name whose ids the value(s) must be


COMMON = {"id": F("str"), "name": F("str")}
SCHEMA: dict[str, tuple[str, type, dict[str, F]]] = {
    # table: (file, dataclass, fields)
    "source": (
        "sources.toml",
        Source,
        {
            "id": F("str"),
            "title": F("str"),
            "authors": F("str"),
            "kind": F("str", choices=SOURCE_KINDS),
            "year": F("int", required=False),
            "accessed": F("str", required=False),
            "journal": F("str", required=False),
            "url": F("str", required=False),
            "doi": F("str", required=False),
        },
    ),
    "site": (
        "sites.toml",
        Site,
        {
            **COMMON,
            "kind": F("str", choices=SITE_KINDS),
            "summary": F("str"),
            "sources": F("strs", ref="source"),
        },
    ),
    "phenomenon": (
        "phenomena.toml",
        Phenomenon,
        {
            **COMMON,
            "synonyms": F("strs", required=False),
            "summary": F("str"),
            "site": F("strs", ref="site"),
            "extent": F("str", choices=EXTENTS),
            "rhythm": F("str", choices=RHYTHMS),
            "visible": F("bool"),
            "timing": F("str"),
            "codes": F("codes"),
            "sources": F("strs", ref="source"),
        },
    ),
    "group": (
        "causes.toml",
        Group,
        {**COMMON, "category": F("str", choices=CATEGORIES), "summary": F("str")},
    ),
    "finding": (
        "findings.toml",
        Finding,
        {
            **COMMON,
            "group": F("str", choices=FINDING_GROUPS),
            "question": F("str"),
            "implies": F("strs", required=False, ref="finding"),  # triage (issue 13)
        },
    ),
    # triage (issue 13): urgency levels and notes
    "urgency": (
        "red_flags.toml",
        Urgency,
        {
            "id": F("str", choices=URGENCIES),
            "name": F("str"),
            "advice": F("str"),
            "colour": F("str"),
            "sources": F("strs", ref="source"),
        },
    ),
    "note": (
        "red_flags.toml",
        Note,
        {
            **COMMON,
            "text": F("str"),
            "when": F("sets", ref="finding"),
            "sources": F("strs", ref="source"),
        },
    ),
    "red_flag": (
        "red_flags.toml",
        RedFlag,
        {
            **COMMON,
            "urgency": F("str", choices=URGENCIES[1:]),
            "advice": F("str"),
            "when": F("sets", ref="finding"),
            "sources": F("strs", ref="source"),
            "tier": F("str", choices=TIERS),  # triage (issue 13)
            "unless": F("strs", required=False, ref="finding"),
        },
    ),
    "therapy": (
        "therapies.toml",
        Therapy,
        {
            **COMMON,
            "kind": F("str", choices=THERAPY_KINDS),
            "evidence": F("str", choices=EVIDENCE_LEVELS),
            "summary": F("str"),
            "sources": F("strs", ref="source"),
        },
    ),
    "cause": (
        "causes.toml",
        Cause,
        {
            **COMMON,
            "synonyms": F("strs", required=False),
            "category": F("str", choices=CATEGORIES),
            "group": F("str", ref="group"),
            "site": F("strs", ref="site"),
            "phenomena": F("strs", ref="phenomenon"),
            "extent": F("str", choices=EXTENTS),
            "rhythm": F("str", choices=RHYTHMS),
            "summary": F("str"),
            "mechanism": F("str"),
            "worse": F("strs"),
            "better": F("strs"),
            "red_flags": F("strs", ref="red_flag"),
            "therapies": F("strs", ref="therapy"),
            "codes": F("codes"),
            "sources": F("strs", ref="source"),
            "in_seed": F("bool"),
            "seed_says": F("str", required=False),
            "correction": F("str", required=False),
            "supported_by": F("weights", ref="finding"),
            "argued_against_by": F("weights", required=False, ref="finding"),
            "threshold": F("int", required=False),
            # triage (issue 13)
            "requires": F("sets", required=False, ref="finding"),
            "excludes": F("strs", required=False, ref="finding"),
            "min_urgency": F("str", required=False, choices=URGENCIES),
        },
    ),
}
# tables in the order they must be read: a table's references point to earlier tables
TABLE_ORDER = (
    *("source", "site", "phenomenon", "group", "finding", "urgency", "note", "red_flag", "therapy"),
    "cause",
)
PLURAL = {"phenomenon": "phenomena", "therapy": "therapies", "urgency": "urgencies"}


def _plural(table: str) -> str:
    return PLURAL.get(table, table + "s")


class _Checker:
    """Checks one entry's fields and says what is wrong like a reviewer would."""

    def __init__(self, file: str, table: str, entry_id: str, known: dict[str, set[str]]):
        self.where = f"{file}, {table.replace('_', ' ')} {entry_id!r}"
        self.known = known

    def fail(self, name: str, problem: str) -> TaxonomyError:
        return TaxonomyError(f"{self.where}, field {name!r}: {problem}")

    def ref(self, name: str, spec: F, value: str) -> None:
        if spec.ref and value not in self.known[spec.ref]:
            hint = did_you_mean(value, sorted(self.known[spec.ref]))
            kind = spec.ref.replace("_", " ")
            raise self.fail(name, f"{value!r} is not a known {kind} id{hint}")

    def strs(self, name: str, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, f"expected a list of strings, got {value!r}")
        return value

    def value(self, name: str, spec: F, value: Any) -> Any:  # noqa: C901 (one branch a type)
        expected = {"str": str, "int": int, "bool": bool}.get(spec.type)
        if expected is not None:
            if type(value) is not expected:
                raise self.fail(name, f"expected {spec.type}, got {type(value).__name__} {value!r}")
            if spec.type == "str" and not value.strip():
                raise self.fail(name, "must not be empty")
            if spec.choices and value not in spec.choices:
                raise self.fail(name, f"{value!r} is not one of {', '.join(spec.choices)}")
            if spec.type == "str":
                self.ref(name, spec, value)
            return value
        if spec.type == "strs":
            for v in self.strs(name, value):
                self.ref(name, spec, v)
            if len(set(value)) != len(value):
                raise self.fail(name, f"lists an id twice: {value!r}")
            return tuple(value)
        if spec.type == "sets":
            if not isinstance(value, list) or not value:
                raise self.fail(name, "expected a non-empty list of lists of finding ids")
            sets = []
            for s in value:
                for v in self.strs(name, s):
                    self.ref(name, spec, v)
                sets.append(tuple(s))
            return tuple(sets)
        if spec.type == "weights":
            if not isinstance(value, dict):
                raise self.fail(name, f"expected a table of finding id = weight, got {value!r}")
            for k, w in value.items():
                self.ref(name, spec, k)
                if type(w) is not int or w < 1:
                    raise self.fail(name, f"weight of {k!r} must be a whole number >= 1, got {w!r}")
            return tuple(value.items())
        if spec.type == "codes":
            return tuple(self.code(name, c) for c in self.list_of_tables(name, value))
        raise AssertionError(spec.type)

    def list_of_tables(self, name: str, value: Any) -> list[dict]:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(name, f"expected a list of tables, got {value!r}")
        return value

    def code(self, name: str, c: dict) -> Code:
        if set(c) != {"system", "code", "label"}:
            raise self.fail(name, f"each code needs exactly system, code, label; got {sorted(c)}")
        if c["system"] not in CODE_SYSTEMS:
            raise self.fail(name, f"system {c['system']!r} is not one of {', '.join(CODE_SYSTEMS)}")
        return Code(c["system"], c["code"], c["label"])


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise TaxonomyError(f"{path.name}: file missing from {path.parent}") from None
    except tomllib.TOMLDecodeError as e:
        raise TaxonomyError(f"{path.name}: not valid TOML: {e}") from None


def _build(data_dir: Path) -> Taxonomy:
    docs: dict[str, dict] = {}
    known: dict[str, set[str]] = {t: set() for t in SCHEMA}
    built: dict[str, tuple] = {}
    for table in TABLE_ORDER:
        file, cls, spec = SCHEMA[table]
        if file not in docs:  # causes.toml holds two tables: read (and parse) it once
            docs[file] = _read(data_dir / file)
        doc = docs[file]
        entries = doc.get(table)
        if not isinstance(entries, list) or not entries:
            raise TaxonomyError(f"{file}: expected one or more [[{table}]] entries")
        objects = []
        for i, entry in enumerate(entries, 1):
            entry_id = entry.get("id")
            if not isinstance(entry_id, str) or not entry_id:
                raise TaxonomyError(f"{file}, {table} number {i}: missing required field 'id'")
            check = _Checker(file, table, entry_id, known)
            if entry_id in known[table]:
                raise TaxonomyError(f"{check.where}: duplicate id (ids must be unique)")
            unknown = sorted(set(entry) - set(spec))
            if unknown:
                raise check.fail(unknown[0], f"unknown field; allowed: {', '.join(spec)}")
            missing = [n for n, s in spec.items() if s.required and n not in entry]
            if missing:
                raise check.fail(missing[0], "missing required field")
            values = {n: check.value(n, spec[n], v) for n, v in entry.items()}
            if cls is Source and not (values.get("year") or values.get("accessed")):
                raise check.fail("year", "a source needs a year (or 'accessed' for a web page)")
            if (
                cls is Source
                and values["kind"] not in OFFLINE_SOURCES
                and not (values.get("url") or values.get("doi"))
            ):
                raise check.fail("url", "a source needs a url or a doi")
            known[table].add(entry_id)
            objects.append(cls(**values))
        built[table] = tuple(objects)
    if tuple(u.id for u in built["urgency"]) != URGENCIES:  # triage (issue 13): ordered levels
        raise TaxonomyError(
            f"red_flags.toml: [[urgency]] must list {', '.join(URGENCIES)} in order"
        )
    return Taxonomy(
        **{_plural(t): v for t, v in built.items()},
        disclaimer=_disclaimer(docs["red_flags.toml"]),
    )


def _disclaimer(doc: dict) -> str:
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
    red_flags: tuple[RedFlag, ...]
    therapies: tuple[Therapy, ...]
    causes: tuple[Cause, ...]
    disclaimer: str
    urgencies: tuple[Urgency, ...] = ()  # triage (issue 13)
    notes: tuple[Note, ...] = ()
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

    def urgency(self, id_: str) -> Urgency:  # triage (issue 13)
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


def load_taxonomy(data_dir: str | Path | None = None) -> Taxonomy:
    """Load and validate the taxonomy (cached per folder); TaxonomyError on invalid data."""
    return _load(Path(data_dir).resolve() if data_dir is not None else DATA_DIR)


@cache
def _load(data_dir: Path) -> Taxonomy:
    return _build(data_dir)
