"""The stretch reflex arc diagram (image regression against a baseline PNG, pytest-mpl) and the
reflex lab's plots (structure: what they draw and say)."""

import matplotlib

matplotlib.use("Agg")  # before pyplot: deterministic, no display

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from muscletwitch import plots, reflex, style  # noqa: E402
from muscletwitch.plots import reflex_lab  # noqa: E402
from muscletwitch.plots.output import agg_figure  # noqa: E402
from muscletwitch.plots.reflex_arc import PATHWAYS  # noqa: E402

IMAGE = {  # as in tests/test_plots.py
    "baseline_dir": "baseline",
    "tolerance": 5,
    "savefig_kwargs": {"dpi": 60, "pil_kwargs": {"optimize": True}},
    "style": "default",
}
PARTS = (
    "spindle",
    "ia-afferent",
    "drg",
    "alpha-motor-neuron",
    "efferent",
    "gto",
    "ib-afferent",
    "interneuron",
    "descending",
    "muscle",
    "spinal-cord",
)


def arc_figure(*, lecture: bool = False) -> tuple[Figure, plots.Drawn]:
    scale = style.LECTURE_SCALE if lecture else 1
    with style.context(lecture=lecture):
        fig = agg_figure(figsize=(10 * scale, 6.5 * scale), layout="constrained")
        return fig, plots.reflex_arc(fig.subplots())


@pytest.mark.mpl_image_compare(**IMAGE)
def test_reflex_arc_looks_like_baseline() -> Figure:
    fig, drawn = arc_figure()
    assert drawn.alt_text.endswith(".") and drawn.alt_text.count(". ") == 0
    return fig


def test_reflex_arc_draws_and_labels_every_part():
    fig, drawn = arc_figure()
    gids = {a.get_gid() for a in drawn.artists}
    assert set(PARTS) <= gids
    text = " ".join(t.get_text() for t in fig.axes[0].texts)
    for words in ("Ia afferent", "Ib afferent", "dorsal root ganglion", "motor neuron",
                  "anterior horn", "Golgi tendon organ", "muscle spindle", "inhibitory",
                  "upper\nmotor neuron", "damps"):  # fmt: skip
        assert words in text, words
    for words in ("muscle spindle", "Ia afferent", "dorsal root", "anterior horn",
                  "Golgi tendon organ", "Ib afferent", "inhibitory interneuron",
                  "upper motor neuron"):  # fmt: skip
        assert words in drawn.alt_text, words


def test_reflex_arc_pathways_differ_without_colour():
    """Greyscale and colour-blind readers tell the pathways apart by line style or width."""
    _, drawn = arc_figure()
    lines = {
        a.get_gid(): a
        for a in drawn.artists
        if a.get_gid() in PATHWAYS and hasattr(a, "get_linestyle")
    }
    looks = {(line.get_linestyle(), line.get_linewidth()) for line in lines.values()}
    assert len(lines) == 4 and len(looks) == 4


def test_reflex_arc_is_larger_in_lecture_mode():
    _, small = arc_figure()
    _, large = arc_figure(lecture=True)
    size = {a.get_gid(): a.get_fontsize() for a in small.artists if hasattr(a, "get_fontsize")}
    big = {a.get_gid(): a.get_fontsize() for a in large.artists if hasattr(a, "get_fontsize")}
    assert big["drg"] > size["drg"] * 1.4


@pytest.fixture
def axes():
    with style.context():
        yield Figure().subplots(1, 3)


def test_stretch_trace_draws_angle_hand_and_resistance_with_its_passive_part(axes):
    run = reflex.stretch("spasticity", 150)
    drawn = reflex_lab.stretch_trace(axes[0], axes[1], run)
    joint, hand, total, passive, *ends = drawn.artists
    np.testing.assert_array_equal(total.get_ydata(), run.resistance_nm)
    np.testing.assert_array_equal(passive.get_ydata(), run.passive_nm)
    np.testing.assert_array_equal(hand.get_ydata(), run.imposed_deg)
    assert [e.get_xdata()[0] for e in ends] == [float(run.stretch_end_s)] * 2
    assert "150 deg/s" in drawn.alt_text and "illustrative model" in drawn.alt_text
    with pytest.raises(ValueError, match="one stretch"):
        reflex_lab.stretch_trace(axes[0], axes[1], reflex.simulate("normal", [60, 90]))


def test_velocity_curves_one_styled_line_per_tone(axes):
    curves = {t.name: reflex.peak_resistance(t) for t in reflex.TONES.values()}
    drawn = reflex_lab.velocity_curves(axes[2], curves)
    assert [line.get_label() for line in drawn.artists] == list(curves)
    styles = {(line.get_linestyle(), line.get_marker()) for line in drawn.artists}
    assert len(styles) == len(curves)  # apart in greyscale too
    assert "Spasticity" in drawn.alt_text and drawn.alt_text.endswith(".")
    with pytest.raises(ValueError, match="at least one"):
        reflex_lab.velocity_curves(axes[2], {})
