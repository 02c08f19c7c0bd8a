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
from .taxonomy import Taxonomy, load_taxonomy

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


def _pick(rng: random.Random, pool: Sequence, k: int) -> list:
    return rng.sample(list(pool), min(k, len(pool)))


@dataclass
class _Generator:
    tax: Taxonomy
    out: list[Question] = field(default_factory=list)

    def add(self, **fields: Any) -> None:
        self.out.append(Question(generated=True, **fields))

    def rng(self, qid: str) -> random.Random:
        return random.Random(f"generated:{qid}")  # str seeds are stable across runs

    def trace(self, phenomenon_id: str) -> None:
        qid = f"gen-trace-{phenomenon_id}"
        shown = self.tax.phenomenon(phenomenon_id)
        others = [  # a different rhythm: same-shaped traces differ only by model artefacts
            p for p in self.tax.phenomena if p.rhythm != shown.rhythm and p.rhythm != "either"
        ]
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
    """Questions built from the taxonomy itself: matching a simulated trace to its movement. (The
    "where does it act" and "which movement goes with" generators keyed answers by list
    membership, not truth, and were dropped.)"""
    gen = _Generator(taxonomy or load_taxonomy())
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
    return tuple(_shuffled(q, rng) for q in _capped(pool, n, rng))


GENERATED_SHARE = 1 / 3  # at most this share of any selection is generated


def _capped(pool: Sequence[Question], n: int | None, rng: random.Random) -> list[Question]:
    """A random sample of ``n`` (all if None) in which generated questions are at most a third."""
    written = [q for q in pool if not q.generated]
    made = [q for q in pool if q.generated]
    size = len(pool) if n is None else min(n, len(pool))
    k_made = min(len(made), int(size * GENERATED_SHARE))
    if len(written) < size - k_made:  # too few written ones: shrink the quiz, keep the share
        k_made = min(k_made, int(len(written) * GENERATED_SHARE / (1 - GENERATED_SHARE)))
    chosen = rng.sample(written, min(len(written), size - k_made)) + rng.sample(made, k_made)
    rng.shuffle(chosen)
    return chosen


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
