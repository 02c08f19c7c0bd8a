"""A self-check question, its options, and grading: the records that also declare ``quiz.toml``
(checked by the one loader, ``muscletwitch.schema``). Pure: standard library only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, get_args

from .errors import FieldError, TaxonomyError
from .model import ids

Kind = Literal["single", "multiple", "true-false", "trace"]
KINDS: tuple[str, ...] = get_args(Kind)


class QuizError(TaxonomyError):
    """The question bank is invalid; the message names the question and the field."""


@dataclass(frozen=True, slots=True)
class Option:
    """One answer of a question, and why it is right or wrong."""

    text: str
    correct: bool
    why: str


@dataclass(frozen=True, slots=True)
class Question:
    """A self-check question; ``quiz.toml`` entries are checked against these fields."""

    id: str
    kind: Kind
    prompt: str
    options: tuple[Option, ...] = field(metadata={"min": 2})
    notebook: str = field(metadata=ids("notebook"))  # e.g. "02_types_of_involuntary_movement"
    section: str  # a heading of that notebook, e.g. "Tremor"
    explanation: str = ""
    trace: str = field(default="", metadata=ids("phenomenon"))  # "trace": whose signature shows
    causes: tuple[str, ...] = field(default=(), metadata=ids("cause"))
    phenomena: tuple[str, ...] = field(default=(), metadata=ids("phenomenon"))
    red_flags: tuple[str, ...] = field(default=(), metadata=ids("red_flag"))
    therapies: tuple[str, ...] = field(default=(), metadata=ids("therapy"))
    sites: tuple[str, ...] = field(default=(), metadata=ids("site"))
    sources: tuple[str, ...] = field(default=(), metadata=ids("source"))  # ids in sources.toml
    generated: bool = field(default=False, metadata={"data": False})

    def __post_init__(self) -> None:
        n_correct = sum(o.correct for o in self.options)
        if n_correct == 0 or (self.kind != "multiple" and n_correct != 1):
            need = "at least one" if self.kind == "multiple" else "exactly one"
            raise FieldError("options", f"a {self.kind} question needs {need} correct option")
        if self.kind == "true-false" and [o.text for o in self.options] != ["True", "False"]:
            raise FieldError("options", "a true-false question has the options True, False")
        if not self.ids:
            raise FieldError("causes", "a question must name the taxonomy ids it tests")
        if self.kind == "trace" and not self.trace:
            raise FieldError("trace", "a trace question needs the phenomenon id it shows")
        if self.trace and self.trace not in self.phenomena:
            raise FieldError("trace", f"{self.trace!r} must also be listed in 'phenomena'")

    @property
    def link(self) -> str:
        """Relative link to the notebook section that teaches the answer."""
        return f"notebooks/{self.notebook}.ipynb#{anchor(self.section)}"

    @property
    def correct(self) -> tuple[int, ...]:
        return tuple(i for i, o in enumerate(self.options) if o.correct)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every taxonomy id the question tests."""
        return self.causes + self.phenomena + self.red_flags + self.therapies + self.sites


@dataclass(frozen=True, slots=True)
class OptionFeedback:
    text: str
    chosen: bool
    correct: bool
    why: str

    @property
    def verdict(self) -> str:
        if self.correct:
            return "Right answer" if self.chosen else "Missed: this one is right"
        return "Not right" if self.chosen else "Correctly left out"


@dataclass(frozen=True, slots=True)
class Feedback:
    question: Question
    chosen: tuple[int, ...]
    correct: bool
    options: tuple[OptionFeedback, ...]

    @property
    def points(self) -> int:
        return int(self.correct)

    @property
    def headline(self) -> str:
        return "Correct!" if self.correct else "Not quite."

    @property
    def link(self) -> str:
        return self.question.link


def anchor(heading: str) -> str:
    """The anchor Jupyter gives a Markdown heading: spaces become hyphens."""
    return heading.strip().replace(" ", "-")


def grade(question: Question, answer: int | Iterable[int]) -> Feedback:
    """Grade an answer (an option index, or indices for "multiple"); ValueError if malformed."""
    chosen = (answer,) if isinstance(answer, int) else tuple(answer)
    n = len(question.options)
    if not all(type(i) is int and 0 <= i < n for i in chosen):  # not bool: True is not option 1
        raise ValueError(
            f"question {question.id!r}: answer must be option numbers 0-"
            f"{len(question.options) - 1}, got {answer!r}"
        )
    if question.kind != "multiple" and len(chosen) != 1:
        raise ValueError(f"question {question.id!r} ({question.kind}) takes exactly one answer")
    picked = set(chosen)
    per_option = tuple(
        OptionFeedback(o.text, i in picked, o.correct, o.why)
        for i, o in enumerate(question.options)
    )
    return Feedback(question, tuple(sorted(picked)), picked == set(question.correct), per_option)
