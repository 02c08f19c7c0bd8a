"""Lecture mode: each notebook renders as reveal.js slides (`jupyter nbconvert --to slides`),
one page per slide and subslide, without the cells marked "skip" (the static quiz).

That every cell has a slide type is checked with the other metadata (tests/test_notebooks.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import nbformat
import pytest

COURSE = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(COURSE.glob("[0-9][0-9]_*.ipynb"))


def test_the_course_starts_at_start_here():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb", "hub and Binder links open it"


@pytest.fixture(scope="module")
def slides(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All notebooks through one `jupyter nbconvert --to slides` run (one start-up, not eight)."""
    out = tmp_path_factory.mktemp("slides")
    cmd = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "slides", "--output-dir"]
    r = subprocess.run(
        [*cmd, str(out), *map(str, NOTEBOOKS)], capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 0, r.stderr[-3000:]
    return out


def _first_words(markdown: str) -> str:
    """The first line of a markdown cell as plain words (tags and markup removed)."""
    line = re.sub(r"<[^>]+>", " ", markdown).strip().splitlines()[0]
    return " ".join(re.findall(r"[A-Za-z0-9]+", line))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_slide_is_a_page_and_skipped_cells_stay_out(path: Path, slides: Path):
    cells = nbformat.read(path, as_version=4).cells
    kinds = Counter(c.metadata["slideshow"]["slide_type"] for c in cells)
    html = (slides / f"{path.stem}.slides.html").read_text()
    # reveal.js: a slide is a <section> holding its first vertical <section>; a subslide adds one
    assert html.count("<section") == 2 * kinds["slide"] + kinds["subslide"], (
        f"{path.name}: {kinds['slide']} slides and {kinds['subslide']} subslides, "
        f"{html.count('<section')} sections in the deck"
    )
    text = " ".join(re.findall(r"[A-Za-z0-9]+", re.sub(r"<[^>]+>", " ", html)))
    shown = [
        words
        for c in cells
        if c.cell_type == "markdown" and c.metadata["slideshow"]["slide_type"] == "skip"
        if (words := _first_words(c.source)) and words in text
    ]
    assert not shown, f"{path.name}: cells marked skip appear in the slides: {shown}"
