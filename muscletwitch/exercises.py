"""Code exercises with feedback: ``check("01-fusion-rate", answer)`` returns a `Feedback` (verdict,
points with the reason for partial credit, a message per misconception and a link to the section
that teaches it). Definitions are data (``data/exercises.toml``, declared by `Exercise`); scoring is
code. Standard library and numpy only (runs the same in JupyterLab and in a Pyodide kernel).

No expected answer is stored: each grader computes it from the library's models and data when
``check`` runs (so it stays true when the data changes); pure facts that no model gives (which
signs are upper or lower motor neuron) are stored only as salted SHA-256 digests. Messages never
contain the expected value.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal

import numpy as np

from .course import load_course
from .errors import FieldError, did_you_mean
from .model import ids
from .question import anchor
from .schema import Table, data_folder, load_tables

SALT = "muscletwitch-exercises-v1"
Kind = Literal[
    "number",
    "choice",
    "urgency",
    "cause",
    "red-flag",
    "therapy",
    "therapies",
    "signs",
    "order",
    "levels",
]
Status = Literal["correct", "partial", "wrong", "unanswered", "invalid"]
WHAT = {  # what an answer of each kind is, for "fill this in" and bad-type messages
    "number": "a number",
    "choice": "one of the names given",
    "urgency": "an urgency level (a string)",
    "cause": "a cause id (a string)",
    "red-flag": "a red flag id (a string)",
    "therapy": "a therapy id (a string)",
    "therapies": "a list of therapy ids",
    "signs": 'a dict: sign -> "UMN" or "LMN"',
    "order": "a list of unit names",
    "levels": 'a dict: case -> "UMN", "LMN", "both" or "neither"',
}


@dataclass(frozen=True, slots=True)
class Misconception:
    """A typical mistake `check` recognises, the message it gives and the points it still earns."""

    id: str
    message: str
    section: str = ""  # the section to read, if not the exercise's own
    partial: int = field(default=0, metadata={"min": 0})


@dataclass(frozen=True, slots=True)
class Exercise:
    """One code exercise; ``exercises.toml`` entries are checked against these fields."""

    id: str
    notebook: str = field(metadata=ids("notebook"))
    section: str  # the heading of the section that teaches it
    title: str
    prompt: str  # markdown
    points: int = field(metadata={"min": 1})
    answer: Kind
    unrecognised: str  # the message for a wrong answer no misconception explains
    misconceptions: tuple[Misconception, ...] = ()
    unit: str = ""
    tolerance: float = field(default=0.0, metadata={"min": 0})  # relative, for numbers
    numbers: tuple[tuple[str, float], ...] = ()  # model inputs the grader uses
    options: tuple[str, ...] = ()
    findings: tuple[str, ...] = field(default=(), metadata=ids("finding"))
    cause: str = field(default="", metadata=ids("cause"))
    signs: tuple[tuple[str, str], ...] = ()  # sign -> digest of its class
    cases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # case -> its sign or phenomenon ids
    sources: tuple[str, ...] = field(default=(), metadata=ids("source"))  # of the messages' facts

    def __post_init__(self) -> None:
        seen = [m.id for m in self.misconceptions]
        if len(set(seen)) != len(seen):
            raise FieldError("misconceptions", f"lists a misconception id twice: {seen}")
        if too := [m.id for m in self.misconceptions if m.partial >= self.points]:
            raise FieldError("misconceptions", f"{too[0]!r}: partial must be below {self.points}")

    def number(self, key: str) -> float:
        return dict(self.numbers)[key]

    def misconception(self, mid: str) -> Misconception:
        return next(m for m in self.misconceptions if m.id == mid)

    def link(self, section: str = "") -> str:
        return f"{self.notebook}.ipynb#{anchor(section or self.section)}"


TABLE = Table("exercises.toml", "exercise", Exercise)


@cache
def load_exercises(data_dir: str | None = None) -> dict[str, Exercise]:
    """The exercises by id, checked (TaxonomyError names file, entry and field)."""
    from .taxonomy import load_taxonomy

    folder = data_folder(data_dir)
    course = load_course(folder)
    known = load_taxonomy(folder).known | {"notebook": {n.id: n for n in course.notebooks}}
    table = load_tables(folder, (TABLE,), known)["exercise"]
    for ex in table.values():
        if ex.id not in GRADERS:
            raise FieldError("id", f"exercise {ex.id!r} has no grader in muscletwitch.exercises")
    return table


def exercise(exercise_id: str) -> Exercise:
    return load_exercises()[exercise_id]


# --- Feedback ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Feedback:
    """The verdict on one answer. Never contains the expected answer."""

    exercise: str
    status: Status
    points: int
    max_points: int
    message: str
    link: str = ""
    misconception: str = ""
    note: str = ""  # e.g. a problem saving progress

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def headline(self) -> str:
        return {
            "correct": "Correct!",
            "partial": "Partly right.",
            "wrong": "Not quite.",
            "unanswered": "Fill this in.",
            "invalid": "Cannot check this answer.",
        }[self.status]

    def _lines(self) -> list[str]:
        lines = [f"{self.exercise}: {self.headline} {self.points} / {self.max_points} points."]
        lines.append(self.message)
        if self.link:
            lines.append(f"Read more: {self.link}")
        return lines + ([self.note] if self.note else [])

    def __str__(self) -> str:
        return "\n".join(self._lines())

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        head, *rest = self._lines()
        if self.link:
            rest = [f"[Read more]({self.link})" if r.startswith("Read more") else r for r in rest]
        return "\n\n".join([f"**{head}**", *rest])

    def _repr_html_(self) -> str:
        css = {"correct": "mt-right", "partial": "mt-note"}.get(self.status, "mt-wrong")
        parts = [f'<p class="{css}"><b>{html.escape(self._lines()[0])}</b></p>']
        parts.append(f"<p>{html.escape(self.message)}</p>")
        if self.link:
            parts.append(f'<p>Read more: <a href="{html.escape(self.link)}">{self.link}</a></p>')
        if self.note:
            parts.append(f'<p class="mt-note">{html.escape(self.note)}</p>')
        return f'<div class="mt-exercise">{"".join(parts)}</div>'


class _Invalid(Exception):
    """The answer has the wrong type or names something unknown; the message says what."""


def check(exercise_id: str, answer: Any) -> Feedback:
    """Check ``answer`` to an exercise; records the result in the learner's progress file."""
    table = load_exercises()
    if exercise_id not in table:
        hint = did_you_mean(exercise_id, table) or f"; known: {', '.join(table)}"
        return Feedback(str(exercise_id), "invalid", 0, 0, f"Unknown exercise{hint}")
    ex = table[exercise_id]
    if answer is Ellipsis:
        return Feedback(
            ex.id,
            "unanswered",
            0,
            ex.points,
            f"Replace the `...` in `answer = ...` with your answer ({WHAT[ex.answer]}"
            f"{' in ' + ex.unit if ex.unit else ''}), run "
            "that cell, then run this one again.",
        )
    try:
        verdict = GRADERS[ex.id](ex, answer)
    except _Invalid as e:
        msg = str(e)
        text = f"Expected {WHAT[ex.answer]}, {msg}" if msg.startswith("got ") else msg
        text += "" if text.endswith("?") else "."
        return Feedback(ex.id, "invalid", 0, ex.points, text)
    feedback = _feedback(ex, verdict)
    from . import progress  # lazy: progress imports this module for the exercise list

    note = progress.record_exercise(feedback, ex.notebook)
    return feedback if not note else _with_note(feedback, note)


def _with_note(fb: Feedback, note: str) -> Feedback:
    return replace(fb, note=note)


def _feedback(ex: Exercise, verdict: tuple) -> Feedback:
    """verdict: (None = right | misconception id | "" = not recognised, points or None[, why the
    points]); without a reason, partial points mean the method is right and the result is not."""
    mid, points, *why = verdict
    if mid is None:
        return Feedback(ex.id, "correct", ex.points, ex.points, "Well done.", ex.link())
    if not mid:
        return Feedback(ex.id, "wrong", points or 0, ex.points, ex.unrecognised, ex.link())
    m = ex.misconception(mid)
    got = m.partial if points is None else points
    message = m.message
    if why:
        message += f" ({got} of {ex.points} points: {why[0]}.)"
    elif got:
        message += f" ({got} of {ex.points} points: the method is right, the result is not yet.)"
    return Feedback(
        ex.id, "partial" if got else "wrong", got, ex.points, message, ex.link(m.section), mid
    )


# --- reading answers -----------------------------------------------------------------------------


def _number(answer: Any, ex: Exercise) -> float:
    unit = f" in {ex.unit}" if ex.unit else ""
    if isinstance(answer, np.ndarray) and answer.size == 1:
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.number)):
        if isinstance(answer, (list, tuple, np.ndarray)):
            raise _Invalid(
                f"Expected one number{unit}, got {len(answer)} values; pick the one asked for"
            )
        raise _Invalid(f"Expected one number{unit}, got {type(answer).__name__} {answer!r}"[:160])
    value = float(answer)
    if not np.isfinite(value):
        raise _Invalid(f"Expected a finite number{unit}, got {value!r}")
    return value


def _close(value: float, target: float, rel: float) -> bool:
    return bool(np.isclose(value, target, rtol=max(rel, 1e-9), atol=0))


def _match(value: float, candidates: dict[str, float], rel: float) -> str | None:
    return next((k for k, v in candidates.items() if _close(value, v, max(rel, 0.01))), None)


def _name(answer: Any, known: Any, what: str) -> str:
    if not isinstance(answer, str):
        raise _Invalid(f"got {type(answer).__name__} {answer!r}"[:160])
    if answer not in known:
        raise _Invalid(f"{answer!r} is not a known {what}{did_you_mean(answer, known)}")
    return answer


def _names(answer: Any) -> list[str]:
    if isinstance(answer, (str, dict)) or not isinstance(answer, (list, tuple, set)):
        raise _Invalid(f"got {type(answer).__name__} {answer!r}"[:160])
    if bad := [a for a in answer if not isinstance(a, str)]:
        raise _Invalid(f"Every item must be a string, got {bad[0]!r}")
    return list(answer)


def digest(exercise_id: str, key: str, value: str) -> str:
    """The salted digest ``exercises.toml`` stores for a fact (first 12 hex digits)."""
    text = f"{SALT}|{exercise_id}|{key}|{value}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _fraction(exercise_id: str) -> float:
    """A fixed number in [0, 1) per exercise, for choosing its data."""
    return int(digest(exercise_id, "seed", "x"), 16) / 16**12


# --- the data the student works on ---------------------------------------------------------------

from .exercise_graders import GRADERS, pool, trace  # noqa: E402  (the graders use the above)
from .pathway_graders import cases, clonus  # noqa: E402  (notebook 08's, registered in GRADERS)

__all__ = ["Exercise", "Feedback", "Misconception", "check", "exercise", "load_exercises"]
__all__ += ["pool", "trace", "digest", "cases", "clonus"]
