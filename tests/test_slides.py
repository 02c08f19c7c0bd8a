"""Lecture mode: every cell of every notebook is a slide part, and each notebook renders as
reveal.js slides (`jupyter nbconvert --to slides`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

COURSE = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(COURSE.glob("[0-9][0-9]_*.ipynb"))
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}


def test_the_course_starts_at_start_here():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb", "hub and Binder links open it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_cell_has_a_slide_type(path: Path):
    cells = json.loads(path.read_text())["cells"]
    missing = [
        i for i, c in enumerate(cells) if "slide_type" not in c["metadata"].get("slideshow", {})
    ]
    assert not missing, f"cells without slideshow.slide_type: {missing}"
    unknown = {c["metadata"]["slideshow"]["slide_type"] for c in cells} - SLIDE_TYPES
    assert not unknown, f"unknown slide types {unknown}"
    assert cells[0]["metadata"]["slideshow"]["slide_type"] == "slide", "the deck opens on a slide"


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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_nbconvert_renders_slides(path: Path, slides: Path):
    html = (slides / f"{path.stem}.slides.html").read_text()
    assert "reveal" in html.lower() and "<section" in html
