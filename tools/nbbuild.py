"""Write course notebooks from Python, with the metadata the course needs set by construction.

The source of truth of each notebook is a build script ``notebooks/src/NN_name.py`` that defines
``CELLS`` (a list made with `md`, `code`, `widget`, `solution`, `quiz`, `references`);
`tools/run_notebooks.py` builds ``notebooks/NN_name.ipynb`` from it and executes it.
``notebooks/src/_template.py`` is the specification of a lesson: copy it to start one. A build
script reads like this::

    from nbbuild import code, md, widget

    CELLS = [
        md("# 01 What is a twitch?"),                       # every cell gets slide metadata
        md("## Overview\\n...", slide="slide"),
        code("import muscletwitch as mt\\ntax = mt.load_taxonomy()"),
        widget("widgets.SummationLab().widget"),     # source hidden, own slide
    ]

Figures: draw on ``plots.subplots(...)`` inside ``with style.lecture():`` and end the cell with
``plots.show(fig, alt_text)``, which displays the figure as a PNG carrying its alt text (no
pyplot state, no stray last value as an extra output).

Metadata rules (checked by tests/test_notebooks.py):
- every cell has ``slideshow.slide_type`` (lecture mode: one idea per slide, widgets on their own);
- a cell that only builds a widget has ``jupyter.source_hidden`` and the tag ``hide-input``;
- an exercise's solution is code (`solution`): executed with the notebook, tagged ``solution``,
  source and output collapsed; its explanation sits in a ``<details>`` block after it;
- ``nbval-ignore-output`` needs a reason: pass ``ignore_output="why"``; the reason becomes the
  cell's first line ``# nbval-ignore-output: why``. ``nbval-skip`` is not offered.
"""

from __future__ import annotations

import json
import runpy
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")
IGNORE_TAG = "nbval-ignore-output"
HIDE_TAG = "hide-input"
SOLUTION_TAG = "solution"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
LANGUAGE_INFO = {
    "name": "python",
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "pygments_lexer": "ipython3",
    "codemirror_mode": {"name": "ipython", "version": 3},
    "nbconvert_exporter": "python",
}
NBFORMAT_MINOR = 5  # 4.5: cells carry stable ids, which we derive from the position (see `build`)


def _slide(slide: str) -> dict[str, str]:
    if slide not in SLIDE_TYPES:
        raise ValueError(f"slide {slide!r} is not one of {', '.join(SLIDE_TYPES)}")
    return {"slide_type": slide}


def _text(text: str) -> str:
    """Strip the indentation of the first line from every line that has it, and surrounding blank
    lines: triple-quoted strings stay indented in the script, and multi-line values inserted into
    an f-string (tables generated from the data) keep their own layout."""
    lines = text.strip("\n").splitlines()
    indent = lines[0][: len(lines[0]) - len(lines[0].lstrip())] if lines else ""
    return "\n".join(
        line[len(indent) :] if line.startswith(indent) else line.strip() and line for line in lines
    ).strip("\n")


def md(text: str, slide: str = "slide") -> NotebookNode:
    """A markdown cell, by default starting a new slide (a slide's worth: <= ~120 words)."""
    return nbformat.v4.new_markdown_cell(_text(text), metadata={"slideshow": _slide(slide)})


def code(
    src: str,
    *,
    hidden: bool = False,
    tags: Iterable[str] = (),
    slide: str | None = None,
    ignore_output: str = "",
) -> NotebookNode:
    """A code cell. ``hidden=True`` collapses the source (widget-only cells) and, unless ``slide``
    is given, puts the cell on its own slide; otherwise the cell continues the slide (``"-"``).
    ``ignore_output="reason"`` tags it ``nbval-ignore-output`` with that reason as first line."""
    tags = list(tags)
    if "nbval-skip" in tags:
        raise ValueError("nbval-skip is not allowed: make the output deterministic instead")
    if IGNORE_TAG in tags:
        raise ValueError(f"use ignore_output='reason' instead of the {IGNORE_TAG} tag")
    source = _text(src)
    if ignore_output:
        source = f"# {IGNORE_TAG}: {ignore_output.strip()}\n{source}"
        tags.append(IGNORE_TAG)
    if hidden and HIDE_TAG not in tags:
        tags.append(HIDE_TAG)
    metadata: dict[str, Any] = {"slideshow": _slide(slide or ("slide" if hidden else "-"))}
    if hidden:
        metadata["jupyter"] = {"source_hidden": True}
    if tags:
        metadata["tags"] = tags
    return nbformat.v4.new_code_cell(source, metadata=metadata)


def widget(src: str, *, slide: str = "slide", ignore_output: str = "") -> NotebookNode:
    """A cell that only shows a widget: source hidden, on its own slide."""
    return code(src, hidden=True, slide=slide, ignore_output=ignore_output)


def solution(
    src: str, explanation: str = "", *, slide: str = "subslide", ignore_output: str = ""
) -> list[NotebookNode]:
    """An exercise's solution: a real code cell, run with the notebook (so nbval checks what it
    prints), with source and output collapsed (``jupyter.source_hidden``/``outputs_hidden``) and
    the tag ``solution`` (the static site folds it). ``explanation`` (markdown) follows in a
    collapsed ``<details>`` block; let the code print the numbers rather than the prose repeat
    them. Put it right after the exercise's starting cell (the stub the student edits)::

        code("answer = ...  # your code"),
        solution("answer = 30\nanswer", "Why 30: ..."),
    """
    if not src.strip():
        raise ValueError("a solution is code that runs; put a prose answer in md('<details>...')")
    cell = code(src, tags=[SOLUTION_TAG], slide=slide, ignore_output=ignore_output)
    cell.metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}
    if not explanation.strip():
        return [cell]
    body = _text(explanation)
    why = md(f"<details><summary>Explanation</summary>\n\n{body}\n\n</details>", slide="-")
    return [cell, why]


def build(cells: Sequence[NotebookNode | list[NotebookNode]], *, title: str = "") -> NotebookNode:
    """A notebook with the course metadata; cell ids are ``cell-NN`` (stable across rebuilds).
    An item may be a list of cells (what `solution` and `quiz` return): its cells go in order."""
    nb = nbformat.v4.new_notebook()
    nb.nbformat_minor = NBFORMAT_MINOR
    nb.metadata = nbformat.from_dict(
        {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)}
    )
    if title:
        nb.metadata["title"] = title
    nb.cells = []
    flat = [c for item in cells for c in (item if isinstance(item, list) else [item])]
    for i, cell in enumerate(flat):
        cell = nbformat.from_dict(json.loads(json.dumps(cell)))  # a copy: CELLS may be reused
        cell["id"] = f"cell-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def write(path: str | Path, cells: Sequence[NotebookNode], *, title: str = "") -> Path:
    """Build and write a notebook (unexecuted) to ``path``; returns the path."""
    path = Path(path)
    nbformat.write(build(cells, title=title), path)
    return path


def load(src: str | Path) -> tuple[list[NotebookNode], str]:
    """Run a build script and return its ``CELLS`` and optional ``TITLE``."""
    # the script's `from nbbuild import ...` finds this module: whoever imported nbbuild by name
    # has tools/ on sys.path (a script in tools/, or pytest's pythonpath)
    namespace = runpy.run_path(str(src))
    cells = namespace.get("CELLS")
    if not isinstance(cells, list) or not cells:
        raise ValueError(f"{src}: a build script must define a non-empty list CELLS")
    return cells, namespace.get("TITLE", "")


def source_of(notebook: str | Path) -> Path:
    """The build script of ``notebooks/NN_name.ipynb``: ``notebooks/src/NN_name.py``."""
    notebook = Path(notebook)
    return notebook.parent / "src" / f"{notebook.stem}.py"


def target_of(src: str | Path) -> Path:
    """The notebook a build script writes: ``notebooks/src/NN.py`` -> ``notebooks/NN.ipynb``."""
    src = Path(src)
    return src.parent.parent / f"{src.stem}.ipynb"


def _citation_md(source: Any) -> str:
    when = str(source.year) if source.year else f"accessed {source.accessed}"
    where = f" {source.journal}." if source.journal else ""
    link = f" <{source.link}>" if source.link else ""
    return f"- {source.authors} ({when}). *{source.title}*.{where}{link}"


def references(
    *items: Any, heading: str = "## Resources and references", intro: str = ""
) -> NotebookNode:
    """A markdown cell citing the sources of taxonomy entries (objects with ``.sources``) and of
    source ids, in first-cited order, generated from the data (rebuild when the data changes)."""
    import muscletwitch as mt  # tools may import the library; the library never imports tools

    tax = mt.load_taxonomy()
    ids: dict[str, None] = {}
    for item in items:
        ids.update(dict.fromkeys([item] if isinstance(item, str) else item.sources))
    sources = [tax.source(i) for i in ids]
    body = "\n".join(_citation_md(s) for s in sources)
    return md(f"{heading}\n\n{intro}\n\n{body}" if intro else f"{heading}\n\n{body}")


def quiz(notebook: str | None, *, n: int = 8, seed: int = 0) -> list[NotebookNode]:
    """The self-check quiz: the Quiz widget (hidden source, own slide), then the same questions as
    a collapsed static list with answers, for readers without a kernel (skipped in slides).
    ``notebook=None`` draws from the whole course."""
    from muscletwitch import quiz as q

    args = f"n={n}, seed={seed}"
    if notebook:  # json.dumps: double quotes, as ruff format writes them
        args = f"notebook={json.dumps(notebook)}, {args}"
    cells = [widget(f"from muscletwitch import widgets\n\nwidgets.Quiz({args})")]
    items = []
    for i, question in enumerate(q.questions(notebook=notebook, n=n, seed=seed), 1):
        options = "\n".join(f"   - {o.text}" for o in question.options)
        answers = "; ".join(o.text for o in question.options if o.correct)
        why = question.explanation or next(o.why for o in question.options if o.correct)
        trace = ""
        if question.trace:  # a description would name the answer: point to the live trace
            trace = " *(Run the notebook to see the simulated trace.)*"
        items.append(
            f"{i}. {question.prompt}{trace}\n{options}\n\n"
            f"   <details><summary>Answer</summary>\n\n   **{answers}.** {why}\n\n   </details>"
        )
    body = "\n\n".join(items)
    cells.append(
        md(
            f"<details><summary>The questions without a kernel (static version)</summary>\n\n"
            f"{body}\n\n</details>",
            slide="skip",
        )
    )
    return cells


class ExerciseCells(list):
    """The cells of a code exercise (what `exercise` returns); ``.solution`` is its hidden solution,
    which the tests run through ``check`` and which never goes into the notebook."""

    exercise_id: str
    setup: str
    solution: str


def exercise(exercise_id: str, stub: str, solution: str, *, hint: str = "") -> ExerciseCells:
    """A code exercise of ``muscletwitch/data/exercises.toml``: its prompt (markdown, from the
    data), the stub cell the student completes (``stub``: setup code; ``answer = ...`` is added),
    and the ``check`` cell. ``solution`` (code that sets ``answer`` after ``stub`` ran) stays in
    the build script: tests/test_exercises.py runs it through ``check`` for full marks."""
    from muscletwitch import exercises

    ex = exercises.exercise(exercise_id)
    setup = _text(stub)
    comment = f"  # {hint}" if hint else "  # your answer"
    cells = ExerciseCells(
        [
            md(
                f"### Exercise: {ex.title}\n\n{ex.prompt}\n\n*{ex.points} points.*",
                slide="subslide",
            ),
            code(f"{setup}\n\nanswer = ...{comment}" if setup else f"answer = ...{comment}"),
            code(
                "from muscletwitch import exercises\n\n"
                f"exercises.check({json.dumps(exercise_id)}, answer)"
            ),
        ]
    )
    cells.exercise_id, cells.setup, cells.solution = exercise_id, setup, _text(solution)
    return cells
