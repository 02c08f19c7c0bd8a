"""The house style: palette, lecture mode as an explicit flag, rcParams restored exactly, and
style.lecture() in a real kernel (figures after the first lecture-sized one still show)."""

import matplotlib
import matplotlib.pyplot as plt
import nbclient
import nbformat
import pytest

import muscletwitch as mt
from muscletwitch import plots, style


def test_style_palette_and_lecture_mode() -> None:
    assert plots.colour_of("benign") == style.OKABE_ITO["blue"]
    assert plots.colour_of(mt.load_taxonomy().cause("als")) == style.OKABE_ITO["vermillion"]
    assert plots.colour_of("tremor") == plots.site_colour("brain")  # its primary site's colour
    assert style.CATEGORY_LINESTYLES["benign"] != style.CATEGORY_LINESTYLES["pathological"]
    with style.lecture():
        big = matplotlib.rcParams["font.size"]
    assert big == pytest.approx(style.rc()["font.size"] * style.LECTURE_SCALE)
    with pytest.raises(KeyError, match="did you mean tremor"):
        plots.colour_of("tremour")


def test_lecture_mode_is_a_flag_set_by_lecture_use_and_context() -> None:
    assert not style.is_lecture()
    with style.lecture():
        assert style.is_lecture()
        with style.context():  # an explicit screen-size block inside a lecture-size one
            assert not style.is_lecture()
        assert style.is_lecture()
    assert not style.is_lecture()
    with matplotlib.rc_context({"font.size": 40}):  # undoes what use() sets, on exit
        assert not style.is_lecture()  # big fonts alone do not make a lecture
        try:
            style.use(lecture=True)  # for the rest of the notebook
            assert style.is_lecture()
            with style.context():
                assert not style.is_lecture()
            assert style.is_lecture()
        finally:
            style.use()
    assert not style.is_lecture()


def test_style_context_restores_only_what_it_set() -> None:
    matplotlib.rcParams["interactive"] = False
    size = matplotlib.rcParams["font.size"]
    with style.lecture():
        assert matplotlib.rcParams["font.size"] == style.rc(lecture=True)["font.size"]
        matplotlib.rcParams["interactive"] = True  # as a backend loaded inside would do
    assert matplotlib.rcParams["interactive"] is True  # kept: later figures still display
    assert matplotlib.rcParams["font.size"] == size  # the style's own settings are undone
    matplotlib.rcParams["interactive"] = False


def test_house_style_keeps_projector_size_labels_inside_the_figure() -> None:
    with style.lecture():  # 16 pt text on a short figure: without a layout the x label falls off
        fig, ax = plt.subplots(figsize=(10, 3))
        ax.plot([0, 500], [0, 1])
        ax.set(title="A title", xlabel="time (ms)", ylabel="force")
    fig.canvas.draw()
    frame = fig.bbox
    for text in (ax.xaxis.label, ax.yaxis.label, ax.title):
        box = text.get_window_extent()
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1, text.get_text()
        assert frame.y0 <= box.y0 and box.y1 <= frame.y1, text.get_text()
    plt.close(fig)


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
