"""style.lecture() in a real kernel: figures after the first lecture-sized one still show."""

import nbclient
import nbformat


def test_figures_after_a_lecture_context_still_display():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(src)
        for src in (
            "from muscletwitch import style\nimport matplotlib.pyplot as plt",
            "with style.lecture():\n    fig, ax = plt.subplots()\n    ax.plot([1, 2])",
            "fig2, ax2 = plt.subplots()\nax2.plot([1, 3]);",
        )
    ]
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    shown = [sum("image/png" in o.get("data", {}) for o in cell.outputs) for cell in nb.cells[1:]]
    assert shown == [1, 1]
