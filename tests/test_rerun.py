"""The course as students run it.

- Each stored notebook: Run All, then every cell again on its own (last to first, so each runs
  in a state the notebook's order never gives it), then Run All again, all in one kernel.
  Nothing may raise (apart from cells tagged ``raises-exception``) or write to stderr. One
  kernel per notebook (nbclient, as nbval and tools/run_notebooks.py use it), started in
  notebooks/ like Jupyter does; outputs are not compared (nbval does that for the first run).
- Each widget built again, as a re-run cell builds it: no pyplot figure, no callback on the
  old widget's controls, and once its view is closed no figure left alive. (While a view is
  open, ipywidgets keeps it and so its figure: benchmarks/bench_rebuild.py measures that.)
"""

from __future__ import annotations

import functools
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from support.rebuild import close_view, rebuild

from muscletwitch import widgets

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "notebooks"
NOTEBOOKS = sorted(COURSE.glob("[0-9][0-9]_*.ipynb"))
TIMEOUT_S = 300


def _problems(cell: nbformat.NotebookNode) -> list[str]:
    """What a student would see go wrong in a cell's outputs: an error or stderr text."""
    found = []
    for out in cell.get("outputs", []):
        if out.output_type == "error" and "raises-exception" not in cell.metadata.get("tags", []):
            found.append(f"{out.ename}: {out.evalue}")
        elif out.output_type == "stream" and out.name == "stderr":
            found.append(f"stderr: {out.text.strip()}")
    return found


def runs(nb: nbformat.NotebookNode) -> list[tuple[str, list[int]]]:
    """The order a student runs code cells in: (what, cell indices) per pass."""
    code = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    return [
        ("Run All", code),
        ("each cell again on its own, last to first", code[::-1]),
        ("Run All again", code),
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_notebook_survives_run_all_twice_and_any_cell_rerun(path: Path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=TIMEOUT_S, kernel_name="python3", resources={"metadata": {"path": COURSE}}
    )
    failures, seconds = [], {}
    with client.setup_kernel():
        for what, cells in runs(nb):
            t0 = time.monotonic()
            for i in cells:
                cell = nb.cells[i]
                try:
                    client.execute_cell(cell, i)
                except CellExecutionError as e:
                    failures.append(f"{what}, cell {i}: {e.ename}: {e.evalue}")
                    continue
                failures += [f"{what}, cell {i}: {p}" for p in _problems(cell)]
            seconds[what] = round(time.monotonic() - t0, 1)
    print(f"{path.name}: {seconds}")
    assert not failures, "\n".join(failures)


# --- widgets built again: a re-run cell builds a new widget; the old one must not pile up -------

REBUILDS = 3
WIDGETS = {
    "CauseExplorer": lambda: widgets.CauseExplorer(cause="caffeine"),
    "TwitchSimulator": lambda: widgets.TwitchSimulator(phenomenon="tremor"),
    "SummationLab": lambda: widgets.SummationLab(rate_hz=5),
    "RedFlagChecker": lambda: widgets.RedFlagChecker(),
    "Quiz, with a trace question": lambda: widgets.Quiz(n=3, seed=_trace_seed()),
    "EMGSounds": lambda: widgets.EMGSounds(pattern="fibrillation"),
}


@functools.cache
def _trace_seed() -> int:
    """A quiz seed whose first question draws a trace, so the quiz has a figure to leak."""
    for seed in range(200):
        w = widgets.Quiz(n=3, seed=seed)
        if w.fig is not None:
            close_view(w.widget)
            return seed
    raise AssertionError("no quiz seed under 200 starts with a trace question")


@pytest.mark.parametrize("build", WIDGETS.values(), ids=WIDGETS.keys())
def test_a_rebuilt_widget_leaves_no_figure_or_callback_behind(build):
    left = rebuild(build, REBUILDS, close=True, trace=False)
    assert left["pyplot"] == 0, "widgets draw outside pyplot"
    assert left["foreign_callbacks"] == 0, "a new build adds no callbacks to the old one"
    assert left["figures"] == 0, "a closed widget's figure is freed, nothing else holds it"
    # a style or layout replaced after construction, or a view never shown, stays registered
    assert left["widgets"] == 0, "closing the view closes every ipywidget the build made"
