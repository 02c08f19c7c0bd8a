"""Every course notebook, opened in JupyterLab and run with Run All, as a student would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from labpage import (
    LabTab,
    check_outputs,
    kernel_log,
    run_all,
    screenshot_notebook,
    unexecuted_cells,
)
from labserver import notebook_names


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_runs_in_jupyterlab(
    name: str, open_lab: Callable[[str], LabTab], artifacts: Path
) -> None:
    """Run All executes every code cell, with no error output, and every widget renders."""
    tab = open_lab(name)
    state = run_all(tab.page)
    screenshot_notebook(tab.page, artifacts / "lab" / f"{Path(name).stem}.png")
    report = check_outputs(tab.page)
    problems = list(report.problems)
    if skipped := unexecuted_cells(state):
        problems.append(f"code cells not executed by Run All (0-based cell index): {skipped}")
    problems.extend(f"browser console error: {e}" for e in tab.console.errors)
    problems.extend(
        f"kernel output outside cells (Log Console): {e[-1500:]}" for e in kernel_log(tab.page)
    )
    assert not problems, f"{name}:\n" + "\n".join(problems)
