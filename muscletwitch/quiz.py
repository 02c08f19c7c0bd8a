"""Self-check questions: a reviewed bank (data/quiz.toml) plus questions generated from the
taxonomy, so they stay true when the data changes; seeded selection and a quiz session. The
question records and grading are in ``muscletwitch.question``. Pure: standard library only."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from .course import load_course
from .errors import TaxonomyError
from .question import (
    KINDS,
    Feedback,
    Kind,
    Option,
    OptionFeedback,
    Question,
    QuizError,
    anchor,
    grade,
)
from .schema import Table, data_folder, load_tables
from .taxonomy import Cause, Taxonomy, load_taxonomy

__all__ = [
    "KINDS",
    "Feedback",
    "Kind",
    "Option",
    "OptionFeedback",
    "Question",
    "QuizError",
    "QuizSession",
    "all_questions",
    "anchor",
    "generated",
    "grade",
    "load_bank",
    "questions",
]
BANK = Table("quiz.toml", "question", Question)


# --- loading the bank -----------------------------------------------------------------------------


def load_bank(
    data_dir: str | Path | None = None, taxonomy: Taxonomy | None = None
) -> tuple[Question, ...]:
    """The reviewed questions of ``quiz.toml``, checked against the taxonomy (QuizError)."""
    folder = data_folder(data_dir)
    return _bank(folder, taxonomy or load_taxonomy(folder))


@cache
def _bank(folder: Path, tax: Taxonomy) -> tuple[Question, ...]:
    course = load_course(folder)
    known = tax.known | {"notebook": {n.id: n for n in course.notebooks}}
    try:
        return tuple(load_tables(folder, (BANK,), known)["question"].values())
    except TaxonomyError as e:
        raise QuizError(str(e)) from None


# --- questions generated from the taxonomy --------------------------------------------------------


def _sentence(text: str) -> str:
    """The first sentence of a data text."""
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def _lower(name: str) -> str:
    """Lower-case a name for use inside a sentence, keeping acronyms and proper names."""
    first, _, rest = name.partition(" ")
    keep = first.isupper() or "'" in first or any(ch.isupper() for ch in first[1:])
    return name if keep else first.lower() + (" " + rest if rest else "")


def _mentioned(term: Any, cause: Cause) -> bool:
    """Whether the cause's own text names ``term`` (so it would be unfair as a wrong option)."""
    text = " ".join((cause.summary, cause.mechanism, cause.correction)).casefold()
    words = (term.name, *getattr(term, "synonyms", ()))
    return any(w.casefold().split(" (")[0] in text for w in words)


def _pick(rng: random.Random, pool: Sequence, k: int) -> list:
    return rng.sample(list(pool), min(k, len(pool)))


def _cause_notebook(cause: Cause) -> str:
    places = load_course().quiz
    return places.benign_notebook if cause.category == "benign" else places.pathological_notebook


@dataclass
class _Generator:
    tax: Taxonomy
    out: list[Question] = field(default_factory=list)

    def add(self, **fields: Any) -> None:
        self.out.append(Question(generated=True, **fields))

    def rng(self, qid: str) -> random.Random:
        return random.Random(f"generated:{qid}")  # str seeds are stable across runs

    def benign(self, cause: Cause) -> None:
        qid = f"gen-benign-{cause.id}"
        others = [  # leave out the "usually harmless" pathological ones: unfair as wrong options
            c
            for c in self.tax.causes
            if c.category == "pathological" and "harmless" not in c.summary.casefold()
        ]
        options = [cause, *_pick(self.rng(qid), others, 3)]
        self.add(
            id=qid,
            kind="single",
            prompt="Which of these causes of twitching is benign (harmless)?",
            options=tuple(
                Option(c.name, c is cause, f"{c.name} is {c.category}: {_sentence(c.summary)}")
                for c in options
            ),
            notebook=_cause_notebook(cause),
            section=cause.name,
            causes=tuple(c.id for c in options),
        )

    def site(self, cause: Cause) -> None:
        qid = f"gen-site-{cause.id}"
        others = [s for s in self.tax.sites if s.id not in cause.site and not _mentioned(s, cause)]
        sites = [self.tax.site(s) for s in cause.site] + _pick(self.rng(qid), others, 2)
        self.rng(qid).shuffle(sites)
        kind: Kind = "multiple" if len(cause.site) > 1 else "single"
        self.add(
            id=qid,
            kind=kind,
            prompt=f"Where in the body does {_lower(cause.name)} act?"
            + (" Tick all that apply." if kind == "multiple" else ""),
            options=tuple(
                Option(
                    s.name,
                    s.id in cause.site,
                    ("Yes, " if s.id in cause.site else "Not listed for this cause: ")
                    + f"{_lower(s.name)}. {_sentence(s.summary)}",
                )
                for s in sites
            ),
            notebook=_cause_notebook(cause),
            section=cause.name,
            explanation=cause.mechanism,
            causes=(cause.id,),
            sites=tuple(s.id for s in sites),
        )

    def movement(self, cause: Cause) -> None:
        qid = f"gen-movement-{cause.id}"
        typical = self.tax.phenomenon(cause.phenomena[0])
        others = [
            p
            for p in self.tax.phenomena
            if p.id not in cause.phenomena and not _mentioned(p, cause)
        ]
        options = [typical, *_pick(self.rng(qid), others, 3)]
        self.rng(qid).shuffle(options)
        self.add(
            id=qid,
            kind="single",
            prompt=f"Which of these movements goes with {_lower(cause.name)}?",
            options=tuple(
                Option(
                    p.name,
                    p is typical,
                    (
                        f"Yes: {_lower(p.name)} goes with {_lower(cause.name)}. "
                        if p is typical
                        else f"No: the course does not list {_lower(p.name)} for this cause. "
                    )
                    + _sentence(p.summary),
                )
                for p in options
            ),
            notebook=_cause_notebook(cause),
            section=cause.name,
            explanation=cause.correction or cause.summary,
            causes=(cause.id,),
            phenomena=tuple(p.id for p in options),
        )

    def trace(self, phenomenon_id: str) -> None:
        qid = f"gen-trace-{phenomenon_id}"
        shown = self.tax.phenomenon(phenomenon_id)
        others = [p for p in self.tax.phenomena if p.id != phenomenon_id]
        options = [shown, *_pick(self.rng(qid), others, 3)]
        self.rng(qid).shuffle(options)
        self.add(
            id=qid,
            kind="trace",
            prompt="Which movement does this simulated trace show?",
            options=tuple(
                Option(
                    p.name,
                    p is shown,
                    f"{p.name}: {p.timing}." + ("" if p.visible else " Invisible: EMG only."),
                )
                for p in options
            ),
            notebook=load_course().quiz.trace_notebook,
            section=shown.name,
            trace=phenomenon_id,
            phenomena=tuple(p.id for p in options),
        )


def generated(taxonomy: Taxonomy | None = None) -> tuple[Question, ...]:
    """Questions built from the taxonomy itself: benign or not, where a cause acts, its movement,
    and matching each phenomenon to its simulated trace."""
    gen = _Generator(taxonomy or load_taxonomy())
    for cause in gen.tax.causes:
        if cause.category == "benign":
            gen.benign(cause)
        gen.site(cause)
        gen.movement(cause)
    for p in gen.tax.phenomena:
        gen.trace(p.id)
    return tuple(gen.out)


def all_questions(
    taxonomy: Taxonomy | None = None, data_dir: str | Path | None = None
) -> tuple[Question, ...]:
    """The reviewed bank followed by the generated questions."""
    tax = taxonomy or load_taxonomy(data_dir)
    return load_bank(data_dir, tax) + generated(tax)


def questions(
    *,
    notebook: str | None = None,
    n: int | None = None,
    seed: int = 0,
    kinds: Iterable[str] | None = None,
    include_generated: bool = True,
    taxonomy: Taxonomy | None = None,
) -> tuple[Question, ...]:
    """A seeded selection: questions of ``notebook`` (all if None), ``n`` of them (all if None),
    in a shuffled order with shuffled options (true/false keeps True, False)."""
    notebooks = load_course().notebook_ids
    if notebook is not None and notebook not in notebooks:
        raise ValueError(f"notebook {notebook!r} is not one of {', '.join(notebooks)}")
    if n is not None and (not isinstance(n, int) or n < 1):
        raise ValueError(f"n must be a whole number >= 1 or None, got {n!r}")
    wanted = set(kinds) if kinds is not None else set(KINDS)
    if unknown := wanted - set(KINDS):
        raise ValueError(f"kinds: {', '.join(sorted(unknown))} not among {', '.join(KINDS)}")
    tax = taxonomy or load_taxonomy()
    pool = [
        q
        for q in (all_questions(tax) if include_generated else load_bank(None, tax))
        if q.kind in wanted and (notebook is None or q.notebook == notebook)
    ]
    rng = random.Random(seed)
    chosen = rng.sample(pool, len(pool) if n is None else min(n, len(pool)))
    return tuple(_shuffled(q, rng) for q in chosen)


def _shuffled(q: Question, rng: random.Random) -> Question:
    if q.kind == "true-false":
        return q
    options = list(q.options)
    rng.shuffle(options)
    return replace(q, options=tuple(options))


class QuizSession:
    """One pass through a list of questions: answer, next, score; ``retry`` starts again."""

    def __init__(self, questions: Sequence[Question]):
        if not questions:
            raise ValueError("a quiz needs at least one question")
        self.questions = tuple(questions)
        self.retry()

    def retry(self, *, only_wrong: bool = False) -> None:
        """Start again: all questions, or only those answered wrongly last time."""
        if only_wrong and self.feedback and (wrong := [f.question for f in self.wrong]):
            self.questions = tuple(wrong)
        self.index = 0
        self.feedback: list[Feedback] = []

    @property
    def current(self) -> Question | None:
        return self.questions[self.index] if self.index < len(self.questions) else None

    @property
    def answered(self) -> bool:
        """Whether the current question has been answered."""
        return len(self.feedback) > self.index

    @property
    def finished(self) -> bool:
        return self.index >= len(self.questions)

    @property
    def score(self) -> int:
        return sum(f.points for f in self.feedback)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def wrong(self) -> tuple[Feedback, ...]:
        return tuple(f for f in self.feedback if not f.correct)

    def answer(self, answer: int | Iterable[int]) -> Feedback:
        """Grade the current question; the first answer counts, later ones only get feedback."""
        q = self.current
        if q is None:
            raise ValueError("the quiz is finished: call retry() to start again")
        fb = grade(q, answer)
        if not self.answered:
            self.feedback.append(fb)
        return fb

    def next(self) -> Question | None:
        """Move on (an unanswered question counts as wrong); None when finished."""
        if self.current is not None and not self.answered:
            self.feedback.append(Feedback(self.current, (), False, ()))
        self.index = min(self.index + 1, len(self.questions))
        return self.current

    def summary(self) -> str:
        return f"You scored {self.score} out of {self.total}."
