"""The checks themselves: they pass a good notebook and catch each kind of breakage."""

from __future__ import annotations

from collections.abc import Callable

from labpage import LabTab, check_outputs, run_all, unexecuted_cells
from labserver import LabServer
from nbmaker import write_notebook

GOOD = [
    ("markdown", "# A good notebook"),
    "import ipywidgets as w\nw.IntSlider(value=3, description='rate')",
    "%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.plot([1, 2, 3]); plt.show()",
    "print('hello')",
]

BAD = [
    # a widget view whose model the kernel never created: stays "Loading widget..." for ever
    "from IPython.display import display\n"
    "display({'application/vnd.jupyter.widget-view+json':"
    " {'model_id': 'f' * 32, 'version_major': 2, 'version_minor': 0}}, raw=True)",
    "1 / 0",
    "print('never runs')",
]


def test_good_notebook_has_no_problems(open_lab: Callable[[str], LabTab], lab: LabServer) -> None:
    write_notebook(lab.root / "_e2e" / "good.ipynb", GOOD)
    tab = open_lab("_e2e/good.ipynb")
    state = run_all(tab.page)
    report = check_outputs(tab.page)
    assert unexecuted_cells(state) == []
    assert report.problems == []
    assert report.widget_outputs == 1
    assert tab.console.errors == []


def test_bad_notebook_is_caught(open_lab: Callable[[str], LabTab], lab: LabServer) -> None:
    write_notebook(lab.root / "_e2e" / "bad.ipynb", BAD)
    tab = open_lab("_e2e/bad.ipynb")
    state = run_all(tab.page)
    report = check_outputs(tab.page)
    assert unexecuted_cells(state) == [2]  # Run All stops at the failing cell
    assert len(report.errors) == 1 and "ZeroDivisionError" in report.errors[0]
    assert len(report.widgets) == 1 and "cell 0" in report.widgets[0], report.widgets
