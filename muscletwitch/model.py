"""The taxonomy's records: frozen dataclasses that are also the schema of the TOML tables.

How to read a field (the loader, ``muscletwitch.schema``, checks every file against it):
a type without a default is required; ``Literal`` is a closed vocabulary; ``tuple[str, ...]`` is a
list; ``field(metadata={"ref": "site"})`` means "ids of the site table". Adding a field here is all
it takes to allow (and check) it in the data.
"""

from dataclasses import dataclass, field
from typing import Literal, get_args

from .errors import FieldError

Category = Literal["benign", "pathological"]
Extent = Literal["single-fibres", "motor-unit", "whole-muscle", "body-region"]
Rhythm = Literal["regular", "irregular", "either", "sustained"]
CodeSystem = Literal["hpo", "icd10", "icd10cm", "mesh"]
UrgencyLevel = Literal["self-care", "see-a-doctor", "urgent", "emergency"]  # least urgent first
RedFlagUrgency = Literal["see-a-doctor", "urgent", "emergency"]
Tier = Literal["reason-to-see-a-gp", "warning-sign", "emergency"]  # how red flags are presented
Evidence = Literal["strong", "moderate", "low", "consensus", "unproven"]
TherapyKind = Literal["self-care", "medical", "physiotherapy", "psychological", "complementary"]
FindingGroup = Literal["noticed", "context", "symptoms", "onset"]
SiteKind = Literal["central", "peripheral", "muscle", "systemic"]
SourceKind = Literal["article", "review", "guideline", "web", "ontology", "book", "seed", "note"]

CATEGORIES: tuple[str, ...] = get_args(Category)
EXTENTS: tuple[str, ...] = get_args(Extent)
RHYTHMS: tuple[str, ...] = get_args(Rhythm)
CODE_SYSTEMS: tuple[str, ...] = get_args(CodeSystem)
URGENCIES: tuple[str, ...] = get_args(UrgencyLevel)
URGENCY_LEVELS = URGENCIES  # the public name; red_flags.toml's [[urgency]] holds their advice
TIERS: tuple[str, ...] = get_args(Tier)
EVIDENCE_LEVELS: tuple[str, ...] = get_args(Evidence)
THERAPY_KINDS: tuple[str, ...] = get_args(TherapyKind)
FINDING_GROUPS: tuple[str, ...] = get_args(FindingGroup)
SITE_KINDS: tuple[str, ...] = get_args(SiteKind)
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
OFFLINE_SOURCES = ("seed", "note")  # kinds that need no url or doi (the seed text ships offline)


def ids(table: str, *, least: int = 0) -> dict:
    """Metadata of a field that lists ids of ``table`` (at least ``least`` of them)."""
    return {"ref": table, "min": least} if least else {"ref": table}


@dataclass(frozen=True, slots=True)
class Code:
    """An ontology code with the ontology's exact label (checked against pinned releases)."""

    system: CodeSystem
    code: str
    label: str


def _surname(author: str) -> str:
    """ "van der Heijden A" -> "van der Heijden"; "" when it is not a name with initials."""
    head, _, initials = author.strip().rpartition(" ")
    return head if head and initials.isalpha() and initials.isupper() and len(initials) <= 3 else ""


@dataclass(frozen=True, slots=True)
class Source:
    """A cited source: a DOI or URL, and a year (or the date a web page was read)."""

    id: str
    title: str
    authors: str
    kind: SourceKind
    year: int | None = None
    accessed: str | None = None  # web pages: when the page was read
    journal: str = ""
    url: str = ""
    doi: str = ""

    def __post_init__(self) -> None:
        if not (self.year or self.accessed):
            raise FieldError("year", "a source needs a year (or 'accessed' for a web page)")
        if self.kind not in OFFLINE_SOURCES and not (self.url or self.doi):
            raise FieldError("url", "a source needs a url or a doi")

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    @property
    def short(self) -> str:
        """A short citation: "Sica & McComas 1971", "Bhatia et al. 2018" (organisations whole)."""
        parts = [a for a in self.authors.split(",") if a.strip() != "et al."]
        names = [_surname(a) for a in parts]
        many = len(names) > 2 or len(parts) < len(self.authors.split(","))
        if not all(names):
            who = self.authors
        else:
            who = f"{names[0]} et al." if many else " & ".join(names)
        return f"{who} {self.year or self.accessed}"

    @property
    def citation(self) -> str:
        when = str(self.year) if self.year else f"accessed {self.accessed}"
        where = f" {self.journal}." if self.journal else ""
        link = f" {self.link}" if self.link else ""
        return f"{self.authors} ({when}). {self.title}.{where}{link}"


@dataclass(frozen=True, slots=True)
class Sign:
    """An examination sign of damage at a site: what the examiner finds for one ``feature``."""

    id: str
    feature: str  # what is examined (tone, reflexes, ...): the row of the UMN/LMN table
    text: str


@dataclass(frozen=True, slots=True)
class Site:
    """Where in the body a twitch starts."""

    id: str
    name: str
    kind: SiteKind
    summary: str
    sources: tuple[str, ...] = field(metadata=ids("source"))
    signs: tuple[Sign, ...] = ()  # what damage here looks like on examination (UMN, LMN)

    def __post_init__(self) -> None:
        seen = [s.id for s in self.signs]
        if len(set(seen)) != len(seen):
            raise FieldError("signs", f"lists a sign id twice: {seen}")


@dataclass(frozen=True, slots=True)
class Phenomenon:
    """A kind of involuntary movement (fasciculation, tremor, ...)."""

    id: str
    name: str
    summary: str
    site: tuple[str, ...] = field(metadata=ids("site"))
    extent: Extent
    rhythm: Rhythm
    visible: bool
    timing: str
    codes: tuple[Code, ...]
    sources: tuple[str, ...] = field(metadata=ids("source"))
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    """A group of causes, benign or pathological."""

    id: str
    name: str
    category: Category
    summary: str


@dataclass(frozen=True, slots=True)
class Cause:
    """A cause of twitching, with its movements, red flags, therapies and assessment rules."""

    id: str
    name: str
    category: Category = field(metadata={"same_as": ("group", "category")})
    group: str = field(metadata=ids("group"))
    site: tuple[str, ...] = field(metadata=ids("site"))
    phenomena: tuple[str, ...] = field(metadata=ids("phenomenon"))
    extent: Extent
    rhythm: Rhythm
    summary: str
    mechanism: str
    worse: tuple[str, ...]
    better: tuple[str, ...]
    red_flags: tuple[str, ...] = field(metadata=ids("red_flag"))
    therapies: tuple[str, ...] = field(metadata=ids("therapy"))
    codes: tuple[Code, ...]
    sources: tuple[str, ...] = field(metadata=ids("source"))
    in_seed: bool
    # assessment rules: finding id -> weight; listed when the score reaches `threshold`
    supported_by: tuple[tuple[str, int], ...] = field(
        metadata={"ref": "finding", "min": 1, "each": "weight"}
    )
    synonyms: tuple[str, ...] = ()
    # how it looks unlike a harmless twitch (a fasciculation in a strong, normal muscle); the
    # notebooks' tables and slides show it, so every pathological cause needs one (tests check)
    differs: str = ""
    seed_says: str = ""  # what the source article claims, where it is imprecise
    correction: str = ""  # what we teach instead
    argued_against_by: tuple[tuple[str, int], ...] = field(
        default=(), metadata={"ref": "finding", "min": 1, "each": "weight"}
    )
    threshold: int = 1
    # listed only if one set of `requires` is all present and no `excludes` is; `min_urgency` is
    # the least urgency when listed (a pathological cause gives at least see-a-doctor anyway)
    requires: tuple[tuple[str, ...], ...] = field(default=(), metadata=ids("finding"))
    excludes: tuple[str, ...] = field(default=(), metadata=ids("finding"))
    min_urgency: UrgencyLevel = "self-care"


@dataclass(frozen=True, slots=True)
class Urgency:
    """One urgency level with its fixed advice and banner colour (a name of style.PALETTE)."""

    id: UrgencyLevel
    name: str  # the banner's words, e.g. "Call emergency services now"
    advice: str
    colour: str
    sources: tuple[str, ...] = field(metadata=ids("source"))


@dataclass(frozen=True, slots=True)
class Note:
    """A fixed note shown with an assessment when any of its sets of findings is all present."""

    id: str
    name: str
    text: str
    when: tuple[tuple[str, ...], ...] = field(metadata=ids("finding", least=1))
    sources: tuple[str, ...] = field(metadata=ids("source"))


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a person notices or reports, used by the assessment."""

    id: str
    name: str
    group: FindingGroup
    question: str
    implies: tuple[str, ...] = field(default=(), metadata=ids("finding"))  # first-seizure: seizure


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A warning sign: any of its sets of findings, all present, raises it."""

    id: str
    name: str
    urgency: RedFlagUrgency
    advice: str
    when: tuple[tuple[str, ...], ...] = field(metadata=ids("finding", least=1))
    sources: tuple[str, ...] = field(metadata=ids("source"))
    tier: Tier = "warning-sign"
    unless: tuple[str, ...] = field(default=(), metadata=ids("finding"))  # not raised if present


@dataclass(frozen=True, slots=True)
class Therapy:
    """A treatment with its kind and level of evidence."""

    id: str
    name: str
    kind: TherapyKind
    evidence: Evidence
    summary: str
    sources: tuple[str, ...] = field(metadata=ids("source"))
