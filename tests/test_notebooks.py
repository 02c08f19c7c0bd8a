"""Hygiene of the stored course notebooks: structure, metadata, clean outputs, in sync with source.

nbval (make nbval) re-executes the notebooks and compares outputs; these tests check what nbval does
not: the course's structure and metadata rules (DESIGN.md "Notebooks", tools/nbbuild.py).
"""

from __future__ import annotations

import json
import re
import runpy
import subprocess
import sys
from pathlib import Path

import nbbuild  # tools/, on the path by pyproject's [tool.pytest.ini_options] pythonpath
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TEMPLATE = ROOT / "notebooks" / "src" / "_template.py"  # the specification of a lesson
SCRIPTS = [*sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py")), TEMPLATE]

MAX_BYTES = 2_000_000
MAX_WORDS = 150  # a projector slide's worth of prose (tables, solutions, reference lists excluded)
REQUIRED_SECTIONS = runpy.run_path(str(TEMPLATE))["REQUIRED_SECTIONS"]
ABSOLUTE_PATH = re.compile(r"(?<![\w.~-])/(work|home|tmp|root)(/|\b)")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
IGNORE_TAG = "nbval-ignore-output"
TEXT_MIME = ("text/plain", "text/html", "text/markdown", "text/latex", "application/json")


def _id(path: Path) -> str:
    return path.stem


@pytest.fixture(params=NOTEBOOKS, ids=_id)
def nb(request) -> nbformat.NotebookNode:
    nb = nbformat.read(request.param, as_version=4)
    nb.path = request.param
    return nb


def _code(nb):
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]


def _texts(nb):
    """(where, text) for every source and every textual output (not images: base64 is random)."""
    for i, cell in enumerate(nb.cells):
        yield f"cell {i} source", cell.source
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                yield f"cell {i} {out.name}", out.text
            elif out.output_type == "error":
                yield f"cell {i} error", "\n".join(out.traceback)
            for mime, value in out.get("data", {}).items():
                if mime in TEXT_MIME:
                    yield f"cell {i} {mime}", value if isinstance(value, str) else json.dumps(value)


def test_title_slide_comes_first(nb):
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), (
        "the first cell is the title slide: a markdown cell starting with '# <title>'"
    )
    assert first.metadata.get("slideshow", {}).get("slide_type") == "slide", "the deck opens"


def _sections_in_order(headings: list[str]) -> list[str]:
    """The template's sections found in order, each the first heading after the previous one."""
    found, at = [], 0
    for section in REQUIRED_SECTIONS:
        later = [
            i for i, h in enumerate(headings[at:], at) if h.lower().startswith(section.lower())
        ]
        if later:
            found.append(section)
            at = later[0]
    return found


def test_required_sections_in_template_order(nb):
    """The sections of notebooks/src/_template.py, in its order (headings starting so)."""
    headings = _heading_list(nb)
    found = _sections_in_order(headings)
    missing = [s for s in REQUIRED_SECTIONS if s not in found]
    assert not missing, (
        f"{nb.path.name}: no heading (in the order of notebooks/src/_template.py) for "
        f"{', '.join(missing)}"
    )


def test_the_template_builds_and_has_its_own_sections():
    cells, title = nbbuild.load(TEMPLATE)
    built = nbbuild.build(cells, title=title)
    assert _sections_in_order(_heading_list(built)) == list(REQUIRED_SECTIONS)


def _heading_list(nb) -> list[str]:
    return [
        line.lstrip("#").strip()
        for c in nb.cells
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if line.startswith("#")
    ]


def _headings(nb) -> set[str]:
    return set(_heading_list(nb))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every build script's notebook (and the template's), freshly built, not executed."""
    out = tmp_path_factory.mktemp("built")
    for src in SCRIPTS:
        cells, title = nbbuild.load(src)
        nbbuild.write(out / f"{src.stem}.ipynb", cells, title=title)
    return out


@pytest.mark.parametrize("command", [["check"], ["format", "--check", "--diff"]], ids=" ".join)
def test_cell_code_passes_ruff(built: Path, command: list[str]):
    """The code students read and run is linted and formatted like the package (pyproject's
    [tool.ruff]), checked on a fresh build so a build script cannot wait for a regeneration."""
    config = ["--config", str(ROOT / "pyproject.toml")]
    r = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *config, "--no-cache", str(built)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 0, f"ruff {' '.join(command)} on the built notebooks:\n{r.stdout}"


def _solutions(nb) -> list[tuple[int, nbformat.NotebookNode]]:
    return [
        (i, c) for i, c in enumerate(nb.cells) if nbbuild.SOLUTION_TAG in c.metadata.get("tags", [])
    ]


def test_exercises_have_solutions_that_run(nb):
    """An exercise's solution is code executed with the notebook (nbval re-runs it), collapsed,
    and shows its result; no code hides unexecuted in a markdown <details> block."""
    solutions = _solutions(nb)
    assert solutions, f"{nb.path.name}: an exercise but no solution cell (nbbuild.solution)"
    for i, cell in solutions:
        assert cell.cell_type == "code", f"cell {i}: a solution is a code cell"
        hidden = cell.metadata.get("jupyter", {})
        assert hidden.get("source_hidden") and hidden.get("outputs_hidden"), f"cell {i}: shown"
        assert cell.outputs, f"cell {i}: a solution shows its result (print it)"
    unrun = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "markdown" and re.search(r"<details>.*```py", c.source, re.DOTALL)
    ]
    assert not unrun, f"{nb.path.name}: code in markdown solutions, never run: cells {unrun}"


def test_quiz_links_land_on_a_heading(nb):
    """Quiz feedback links to notebooks/<notebook>.ipynb#<section>: that heading must exist."""
    from muscletwitch import quiz

    sections = {q.section for q in quiz.all_questions() if q.notebook == nb.path.stem}
    missing = sorted(sections - _headings(nb))
    assert not missing, f"{nb.path.name}: quiz questions link to missing headings {missing}"


def test_executed_in_order(nb):
    counts = [c.execution_count for _, c in _code(nb)]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{nb.path.name}: execution counts {counts}; run tools/run_notebooks.py"
    )


def test_no_errors_or_stderr(nb):
    bad = [
        f"cell {i}: {out.output_type} {out.get('name', out.get('ename', ''))}"
        for i, c in _code(nb)
        for out in c.outputs
        if out.output_type == "error" or (out.output_type == "stream" and out.name == "stderr")
    ]
    assert not bad, f"{nb.path.name}: error or stderr (warning) outputs: {bad}"


def test_every_figure_carries_alt_text(nb):
    """Figures go through plots.show(), which stores alt text for screen readers and exports."""
    for _, cell in _code(nb):
        for out in cell.get("outputs", []):
            if "image/png" in out.get("data", {}):
                alt = out.get("metadata", {}).get("image/png", {}).get("alt", "")
                assert len(alt.split()) >= 5, f"figure without alt text in: {cell.source[:60]!r}"


AXES_CALL = re.compile(r"^\s*(ax|axes|fig)\b[\w\[\]., ]*\.(set|legend|text|annotate|suptitle)")


def test_figures_are_styled_inside_the_lecture_block(nb):
    """Titles, labels and legends take their font size when made: outside ``with
    style.lecture():`` they come out at screen size, too small on the projector."""
    for _, cell in _code(nb):
        lines = cell.source.splitlines()
        for i, line in enumerate(lines):
            if line.strip() != "with style.lecture():":
                continue
            indent = len(line) - len(line.lstrip())
            after = [
                later
                for later in lines[i + 1 :]
                if later.strip() and len(later) - len(later.lstrip()) <= indent
            ]
            outside = [later.strip() for later in after if AXES_CALL.match(later)]
            assert not outside, f"styled after the lecture block: {outside}"


def test_kernel_is_python3(nb):
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.metadata.language_info.name == "python"


def test_no_absolute_paths(nb):
    bad = [where for where, text in _texts(nb) if ABSOLUTE_PATH.search(text)]
    assert not bad, f"{nb.path.name}: absolute paths in {bad}"


def test_size(nb):
    size = nb.path.stat().st_size
    assert size < MAX_BYTES, f"{nb.path.name} is {size / 1e6:.1f} MB (limit {MAX_BYTES / 1e6} MB)"


def test_every_cell_has_slide_metadata(nb):
    bad = [
        i
        for i, c in enumerate(nb.cells)
        if c.metadata.get("slideshow", {}).get("slide_type") not in nbbuild.SLIDE_TYPES
    ]
    assert not bad, f"{nb.path.name}: cells without slideshow.slide_type: {bad}"


def test_widget_cells_are_hidden(nb):
    bad = [
        i
        for i, c in _code(nb)
        if any(WIDGET_VIEW in out.get("data", {}) for out in c.outputs)
        and not c.metadata.get("jupyter", {}).get("source_hidden")
    ]
    assert not bad, f"{nb.path.name}: widget cells with visible source: {bad}"


def test_ignored_outputs_are_justified_and_nothing_skipped(nb):
    for i, c in enumerate(nb.cells):
        tags = c.metadata.get("tags", [])
        assert "nbval-skip" not in tags, f"cell {i}: nbval-skip is not allowed"
        assert "NBVAL_SKIP" not in c.source, f"cell {i}: NBVAL_SKIP is not allowed"
        if IGNORE_TAG in tags:
            first = c.source.splitlines()[0] if c.source else ""
            reason = first.removeprefix(f"# {IGNORE_TAG}:").strip()
            assert first.startswith(f"# {IGNORE_TAG}:") and len(reason.split()) >= 3, (
                f"cell {i}: first line must be '# {IGNORE_TAG}: <reason>', got {first!r}"
            )


def _prose_words(markdown: str) -> int:
    if re.match(r"#+ .*references", markdown, re.IGNORECASE):
        return 0  # a reference list is as long as the sources it cites
    text = re.sub(r"<details>.*</details>", " ", markdown, flags=re.DOTALL)  # nested: greedy
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("|"))
    text = re.sub(r"\(https?://[^)]*\)|https?://\S+", " ", text)
    return len(re.findall(r"[A-Za-z0-9][\w'-]*", text))


def test_text_cells_fit_a_slide(nb):
    long = {
        i: n
        for i, c in enumerate(nb.cells)
        if c.cell_type == "markdown" and (n := _prose_words(c.source)) > MAX_WORDS
    }
    assert not long, f"{nb.path.name}: cells over {MAX_WORDS} words (cell: words): {long}"


def test_in_sync_with_build_script(nb):
    src = nbbuild.source_of(nb.path)
    if not src.exists():
        pytest.skip(f"no build script {src.name}: the .ipynb is its own source")
    cells, _ = nbbuild.load(src)
    built = nbbuild.build(cells)
    stored = [(c.cell_type, c.source, dict(c.metadata)) for c in nb.cells]
    expected = [(c.cell_type, c.source, dict(c.metadata)) for c in built.cells]
    assert stored == expected, (
        f"{nb.path.name} differs from {src.relative_to(ROOT)}: edit the script, then run "
        f"python tools/run_notebooks.py {nb.path.relative_to(ROOT)}"
    )
