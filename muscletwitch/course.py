"""Facts about the course itself (``data/course.toml``): its notebooks, the levels of a muscle and
their labels, colours by palette name, the summation verdicts and the cited figures the notebooks
quote. Declared by the dataclasses below, checked by the one loader (``muscletwitch.schema``)
against the taxonomy. Standard library only."""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from .errors import TaxonomyError, UnknownIdError
from .model import EXTENTS, TherapyKind, ids
from .schema import Table, data_folder, load_tables
from .taxonomy import load_taxonomy

# names of muscletwitch.style.PALETTE (the Okabe-Ito colours and a neutral grey)
Palette = Literal[
    "black",
    "orange",
    "sky-blue",
    "bluish-green",
    "yellow",
    "blue",
    "vermillion",
    "reddish-purple",
    "grey",
]
PALETTE_NAMES: tuple[str, ...] = get_args(Palette)
Marker = Literal["o", "s", "D", "^", "v", "X", "P", "*"]


@dataclass(frozen=True, slots=True)
class Notebook:
    """One lesson; ``id`` is its file name without ``.ipynb``."""

    id: str
    title: str
    learn: str  # what the student learns, for the course table
    minutes: int = field(metadata={"min": 1})


@dataclass(frozen=True, slots=True)
class QuizPlaces:
    """The notebooks that generated questions link to."""

    benign_notebook: str = field(metadata=ids("notebook"))
    pathological_notebook: str = field(metadata=ids("notebook"))
    trace_notebook: str = field(metadata=ids("notebook"))


@dataclass(frozen=True, slots=True)
class Level:
    """A level of a muscle, from one fibre to a body region; the taxonomy's extents are levels."""

    id: str
    name: str  # "Motor unit"
    involves: str  # "one motor unit": completes "an event involves ..."


@dataclass(frozen=True, slots=True)
class Presentation:
    """What a person sees, the way a clinician starts (notebooks 02 and 04): the movements that
    look like it and the questions that tell them apart."""

    id: str
    name: str  # "A brief flicker under the skin"
    phenomena: tuple[str, ...] = field(metadata=ids("phenomenon", least=1))
    ask: tuple[str, ...] = field(metadata={"min": 1})  # the discriminating questions
    sources: tuple[str, ...] = field(metadata=ids("source", least=1))


@dataclass(frozen=True, slots=True)
class Colours:
    """A palette name for every site id (a phenomenon takes its primary site's colour)."""

    sites: tuple[tuple[str, Palette], ...] = field(metadata={"ref": "site"})


@dataclass(frozen=True, slots=True)
class KindStyle:
    """How a therapy kind is drawn."""

    id: TherapyKind
    marker: Marker
    colour: Palette


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a fusion index under ``below`` means, in words."""

    id: str
    below: float
    text: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A cited number a notebook quotes."""

    id: str
    value: float
    unit: str
    label: str
    study: str  # short citation shown with the number
    sources: tuple[str, ...] = field(metadata=ids("source", least=1))


TABLES = (
    Table("course.toml", "notebook", Notebook),
    Table("course.toml", "quiz", QuizPlaces, form="single"),
    Table("course.toml", "level", Level),
    Table("course.toml", "presentation", Presentation),
    Table("course.toml", "colours", Colours, form="single"),
    Table("course.toml", "therapy_kind", KindStyle, form="keyed"),
    Table("course.toml", "verdict", Verdict),
    Table("course.toml", "figure", Figure),
)


@dataclass(frozen=True)
class Course:
    notebooks: tuple[Notebook, ...]
    quiz: QuizPlaces
    levels: tuple[Level, ...]
    presentations: tuple[Presentation, ...]
    colours: Colours
    therapy_kinds: tuple[KindStyle, ...]
    verdicts: tuple[Verdict, ...]
    figures: tuple[Figure, ...]

    @property
    def notebook_ids(self) -> tuple[str, ...]:
        return tuple(n.id for n in self.notebooks)

    def _get(self, kind: str, items: tuple[Any, ...], id_: str) -> Any:
        for item in items:
            if item.id == id_:
                return item
        raise UnknownIdError(kind, id_, [i.id for i in items])

    def notebook(self, id_: str) -> Notebook:
        return self._get("notebook", self.notebooks, id_)

    def level(self, id_: str) -> Level:
        return self._get("level", self.levels, id_)

    def presentation(self, id_: str) -> Presentation:
        return self._get("presentation", self.presentations, id_)

    def presentation_of(self, phenomenon_id: str) -> Presentation:
        """The presentation a movement belongs to (UnknownIdError for an unknown movement)."""
        for p in self.presentations:
            if phenomenon_id in p.phenomena:
                return p
        raise UnknownIdError(
            "phenomenon", phenomenon_id, [i for p in self.presentations for i in p.phenomena]
        )

    def figure(self, id_: str) -> Figure:
        return self._get("figure", self.figures, id_)

    def therapy_kind(self, id_: str) -> KindStyle:
        return self._get("therapy kind", self.therapy_kinds, id_)

    def site_colour(self, site_id: str) -> str:
        """The palette name of a site."""
        return dict(self.colours.sites)[site_id]

    def verdict(self, fusion: float) -> str:
        """What a fusion index (0 separate, 1 fused) means, in words."""
        return next(v.text for v in self.verdicts if fusion < v.below)


def _check(course: Course, sites: tuple[str, ...], phenomena: tuple[str, ...]) -> Course:
    """Rules across tables: every extent is a level, every movement in one presentation, every
    site has a colour, verdicts cover 0-1."""
    levels = {lv.id for lv in course.levels}
    if missing := [e for e in EXTENTS if e not in levels]:
        raise TaxonomyError(f"course.toml: no [[level]] for the extent {missing[0]!r}")
    placed = [i for p in course.presentations for i in p.phenomena]
    if missing := [i for i in phenomena if placed.count(i) != 1]:
        raise TaxonomyError(
            f"course.toml, [[presentation]], field 'phenomena': the phenomenon {missing[0]!r} is "
            f"in {placed.count(missing[0])} presentations; put it in exactly one"
        )
    coloured = dict(course.colours.sites)
    if missing := [s for s in sites if s not in coloured]:
        raise TaxonomyError(
            f"course.toml, [colours], field 'sites': no colour for site {missing[0]!r}; add "
            f'{missing[0]} = "<one of {", ".join(PALETTE_NAMES)}>"'
        )
    limits = [v.below for v in course.verdicts]
    if limits != sorted(limits) or limits[-1] <= 1:
        raise TaxonomyError(
            f"course.toml, [[verdict]], field 'below': must rise and end above 1, got {limits}"
        )
    return course


def load_course(data_dir: str | Path | None = None) -> Course:
    """The course facts (cached per folder), checked against that folder's taxonomy."""
    return _load(data_folder(data_dir))


@cache
def _load(folder: Path) -> Course:
    tax = load_taxonomy(folder)
    known = load_tables(folder, TABLES, tax.known)
    one = {t.key: tuple(known[t.key].values()) for t in TABLES}
    course = Course(
        notebooks=one["notebook"],
        quiz=one["quiz"][0],
        levels=one["level"],
        presentations=one["presentation"],
        colours=one["colours"][0],
        therapy_kinds=one["therapy_kind"],
        verdicts=one["verdict"],
        figures=one["figure"],
    )
    return _check(course, tuple(s.id for s in tax.sites), tuple(p.id for p in tax.phenomena))
