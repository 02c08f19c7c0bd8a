"""The learner's progress, kept locally: quiz answers and exercise results in a small JSON file in
the course folder (the folder the notebook runs in), or the file named by ``MUSCLETWITCH_PROGRESS``.
Nothing is sent anywhere. Writes are atomic (a temporary file, then ``os.replace``); a corrupt
file is reported, kept as ``*.corrupt`` and replaced, never a traceback. Standard library only."""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .course import load_course
from .question import anchor

ENV = "MUSCLETWITCH_PROGRESS"
FILE = "muscletwitch-progress.json"
VERSION = 1


def path() -> Path:
    """Where progress is kept: ``$MUSCLETWITCH_PROGRESS``, else ``./muscletwitch-progress.json``."""
    return Path(os.environ.get(ENV) or Path.cwd() / FILE)


def _empty() -> dict[str, Any]:
    return {"version": VERSION, "quiz": {}, "exercises": {}}


def read(where: Path | None = None) -> tuple[dict[str, Any], str]:
    """(the record, a problem to report or ""). A missing file is an empty record; an unreadable
    one is moved aside to ``<name>.corrupt`` and reported."""
    where = where or path()
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _empty(), ""
    except (OSError, ValueError) as e:
        return _empty(), _set_aside(where, f"{type(e).__name__}: {e}")
    ok = isinstance(data, dict) and all(
        isinstance(data.get(k), dict) for k in ("quiz", "exercises")
    )
    if not ok:
        return _empty(), _set_aside(where, "not a progress record")
    return data, ""


def _set_aside(where: Path, why: str) -> str:
    kept = where.with_name(where.name + ".corrupt")
    try:
        os.replace(where, kept)
    except OSError:
        return f"Your progress file {where} could not be read ({why}); starting a new record."
    return (
        f"Your progress file {where} could not be read ({why}); it is kept as {kept.name} "
        "and a new record has started."
    )


def _write(data: dict[str, Any], where: Path) -> str:
    tmp = where.with_name(f".{where.name}.tmp")
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, where)
    except OSError as e:
        return f"Could not save your progress to {where} ({e.strerror or e}); it is not kept."
    return ""


def _update(kind: str, key: str, entry: dict[str, Any]) -> str:
    where = path()
    data, problem = read(where)
    old = data[kind].get(key, {})
    if kind == "exercises":
        entry["best"] = max(entry["points"], old.get("best", 0))
    data[kind][key] = entry
    return " ".join(p for p in (problem, _write(data, where)) if p)


def record_exercise(feedback: Any, notebook: str) -> str:
    """Keep an exercise result (its best points too); returns a problem to show, or ""."""
    entry = {"notebook": notebook, "points": feedback.points, "max": feedback.max_points}
    return _update("exercises", feedback.exercise, entry)


def _record_answer(key: str, notebook: str, section: str, correct: bool) -> str:
    entry = {"notebook": notebook, "section": section, "correct": correct}
    return _update("quiz", key, entry)


def record_quiz(question: Any, correct: bool) -> str:
    """Keep the latest answer to a quiz question; returns a problem to show, or ""."""
    return _record_answer(question.id, question.notebook, question.section, correct)


def record_listening(pattern_id: str, correct: bool, notebook: str, section: str) -> str:
    """Keep the latest answer of the EMG listening quiz for one pattern (a quiz entry of the
    notebook and section the widget is in); returns a problem to show, or ""."""
    return _record_answer(f"listening:{pattern_id}", notebook, section, correct)


# --- reading it back -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    notebook: str
    title: str
    quiz_right: int
    quiz_answered: int
    done: int  # exercises with full marks
    exercises: int
    points: int  # best points
    max_points: int

    @property
    def started(self) -> bool:
        return bool(self.quiz_answered or self.points)


def rows(data: dict[str, Any] | None = None) -> list[Row]:
    """One row per notebook of the course."""
    from .exercises import load_exercises

    data = data if data is not None else read()[0]
    defs = load_exercises()
    out = []
    for nb in load_course().notebooks:
        quiz = [q for q in data["quiz"].values() if q.get("notebook") == nb.id]
        mine = [e for e in defs.values() if e.notebook == nb.id]
        best = {e.id: int(data["exercises"].get(e.id, {}).get("best", 0)) for e in mine}
        out.append(
            Row(
                notebook=nb.id,
                title=nb.title,
                quiz_right=sum(bool(q.get("correct")) for q in quiz),
                quiz_answered=len(quiz),
                done=sum(best[e.id] >= e.points for e in mine),
                exercises=len(mine),
                points=sum(best.values()),
                max_points=sum(e.points for e in mine),
            )
        )
    return out


def table(data: dict[str, Any] | None = None) -> str:
    """A plain-text table: per notebook, quiz score and exercises done / points."""
    lines = [f"{'notebook':<36}{'quiz right':>12}{'exercises done':>16}{'points':>10}"]
    for r in rows(data):
        quiz = f"{r.quiz_right}/{r.quiz_answered}" if r.quiz_answered else "-"
        done = f"{r.done}/{r.exercises}" if r.exercises else "-"
        points = f"{r.points}/{r.max_points}" if r.max_points else "-"
        lines.append(f"{r.notebook:<36}{quiz:>12}{done:>16}{points:>10}")
    return "\n".join(lines)


def report(where: Path | None = None) -> str:
    """What ``muscletwitch progress`` prints (``where``: the progress file; default ``path()``)."""
    where = where or path()
    data, problem = read(where)
    head = [problem] if problem else []
    if not (data["quiz"] or data["exercises"]):
        head.append(f"Nothing recorded yet ({where} does not exist or is empty).")
        head.append("Answer a quiz or run an exercise's check in a notebook to start.")
    else:
        head.append(f"Your progress, kept only on this computer in {where}:")
    return "\n".join([*head, "", table(data)])


@dataclass(frozen=True, slots=True)
class View:
    """Markdown for a notebook cell, with a plain-text form."""

    markdown: str

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __str__(self) -> str:
        return self.markdown

    __repr__ = __str__

    def _repr_html_(self) -> str:  # a plain fallback; Jupyter renders the markdown
        return f"<pre>{html.escape(self.markdown)}</pre>"


def overview(data: dict[str, Any] | None = None) -> View:
    """Notebook 00: where the learner stands and what to do next."""
    all_rows = rows(data)
    lines = ["| Notebook | Quiz right | Exercises done | Points |", "|---|---|---|---|"]
    for r in all_rows:
        quiz = f"{r.quiz_right} of {r.quiz_answered}" if r.quiz_answered else "-"
        ex = f"{r.done} of {r.exercises}" if r.exercises else "-"
        lines.append(f"| [{r.title}]({r.notebook}.ipynb) | {quiz} | {ex} | {r.points} |")
    todo = next((r for r in all_rows if r.exercises and r.done < r.exercises), None)
    started = any(r.started for r in all_rows)
    if todo is None:
        nxt = "Every exercise has full marks: try the final quiz in 07 Review."
    else:
        verb = "Continue with" if started else "Nothing yet. Start with"
        nxt = f"{verb} [{todo.title}]({todo.notebook}.ipynb)."
    return View("\n".join([*lines, "", f"**Next:** {nxt}"]))


def weak_spots(data: dict[str, Any] | None = None) -> View:
    """Notebook 07: exercises without full marks and quiz questions answered wrong, with links."""
    from .exercises import load_exercises

    data = data if data is not None else read()[0]
    items = []
    for eid, got in data["exercises"].items():
        ex = load_exercises().get(eid)
        if ex and got.get("best", 0) < ex.points:
            items.append(f"- Exercise *{ex.title}*: [{ex.section}]({ex.link()})")
    for q in data["quiz"].values():
        if not q.get("correct") and q.get("notebook") and q.get("section"):
            link = f"{q['notebook']}.ipynb#{anchor(q['section'])}"
            items.append(f"- Quiz: [{q['section']}]({link}) ({q['notebook']})")
    if not items:
        started = data["quiz"] or data["exercises"]
        return View("No weak spots recorded." if started else "Nothing recorded yet.")
    return View("**Worth another look:**\n\n" + "\n".join(dict.fromkeys(items)))
