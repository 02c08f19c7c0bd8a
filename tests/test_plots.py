"""Diagrams: image regression against baseline PNGs (pytest-mpl) and structural checks."""

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")  # before pyplot: deterministic, no display

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import same_color, to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import muscletwitch as mt  # noqa: E402
from muscletwitch import physiology, plots, style  # noqa: E402
from muscletwitch.plots import examples  # noqa: E402

# RMS tolerance (0-255 per pixel) of the image comparison: absorbs anti-aliasing differences
# between FreeType builds; a moved label, changed colour or missing artist gives RMS well above 5.
IMAGE = {
    "baseline_dir": "baseline",
    "tolerance": 5,
    "savefig_kwargs": {"dpi": 60, "pil_kwargs": {"optimize": True}},  # baselines stay < 60 KB
    "style": "default",
}


@pytest.mark.parametrize("name", list(examples.EXAMPLES))
@pytest.mark.mpl_image_compare(**IMAGE)
def test_diagram_looks_like_baseline(name: str) -> Figure:
    fig, drawn = examples.figure(name)
    assert drawn.artists and drawn.alt_text.endswith(".") and drawn.alt_text.count(". ") == 0
    return fig


@pytest.fixture
def ax():
    with style.context():
        yield Figure().subplots()


def stand_in_taxonomy() -> SimpleNamespace:
    cause = SimpleNamespace
    return SimpleNamespace(
        groups=(
            SimpleNamespace(id="g1", name="Everyday", category="benign"),
            SimpleNamespace(id="g2", name="Nerve disorders", category="pathological"),
        ),
        causes=(
            cause(
                id="a", name="Alpha", category="benign", group="g1", in_seed=True, site=("brain",)
            ),
            cause(
                id="b", name="Beta", category="benign", group="g1", in_seed=False, site=("muscle",)
            ),
            cause(
                id="c",
                name="Gamma",
                category="pathological",
                group="g2",
                in_seed=True,
                site=("brain",),
            ),
        ),
    )


def texts(ax) -> dict[str, object]:
    return {t.get_text(): t for t in ax.texts}


def patch(ax, gid: str):
    (found,) = [p for p in ax.patches if p.get_gid() == gid]
    return found


@pytest.mark.parametrize("tax", [stand_in_taxonomy(), mt.load_taxonomy()], ids=["stand-in", "real"])
def test_tree_draws_every_cause_stars_seed_causes_and_boxes_only_highlighted(ax, tax) -> None:
    highlighted = {tax.causes[-1].id}
    drawn = plots.tree(ax, tax, highlight=highlighted)
    labels = texts(ax)
    for c in tax.causes:
        assert (plots.diagrams.SEED_MARK + c.name if c.in_seed else c.name) in labels
    boxed = {t.get_gid() for t in ax.texts if t.get_bbox_patch() and t.get_gid()}
    assert boxed == highlighted
    (lit,) = [t for t in ax.texts if t.get_gid() in highlighted]
    assert same_color(
        lit.get_bbox_patch().get_facecolor(), to_rgba(style.colour_of(tax.causes[-1]), 0.3)
    )
    assert "highlighted" in drawn.alt_text


def test_tree_rejects_unknown_highlight(ax) -> None:
    with pytest.raises(ValueError, match="highlight: unknown cause ids nope"):
        plots.tree(ax, stand_in_taxonomy(), highlight=["nope"])


def assert_only_lit(ax, lit: set[str], colour: str) -> None:
    for p in ax.patches:
        if p.get_gid():
            assert same_color(p.get_edgecolor(), colour) == (p.get_gid() in lit), p.get_gid()


@pytest.mark.parametrize("phenomenon", mt.load_taxonomy().phenomena, ids=lambda p: p.id)
def test_levels_highlights_the_sites_of_each_phenomenon(ax, phenomenon) -> None:
    plots.levels(ax, mt.load_taxonomy().sites, highlight=phenomenon)
    assert_only_lit(ax, set(phenomenon.site), style.colour_of(phenomenon))
    primary = patch(ax, phenomenon.site[0])
    assert primary.get_linestyle() == "-" and primary.get_linewidth() == 3


def test_levels_with_a_stand_in_cause_and_a_site_id(ax) -> None:
    sites = [
        SimpleNamespace(id=i, name=i.title(), kind=k)
        for i, k in [("brain", "central"), ("muscle", "muscle"), ("systemic", "systemic")]
    ]
    plots.levels(ax, sites, highlight=stand_in_taxonomy().causes[2])
    assert_only_lit(ax, {"brain"}, style.CATEGORY_COLOURS["pathological"])
    assert patch(ax, "brain").get_hatch() == style.CATEGORY_HATCHES["pathological"]
    with pytest.raises(ValueError, match="highlight: unknown site ids liver"):
        plots.levels(ax, sites, highlight="liver")


def labels_outside_their_boxes(fig: Figure) -> list[str]:
    """gids of box labels whose drawn text pokes out of the box they name (1 px tolerance)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    out = []
    for ax in fig.axes:
        boxes = {p.get_gid(): p for p in ax.patches if p.get_gid()}
        for text in (t for t in ax.texts if t.get_gid() in boxes):
            inner = text.get_window_extent(renderer)
            outer = boxes[text.get_gid()].get_window_extent(renderer).padded(1)
            if not (outer.contains(inner.x0, inner.y0) and outer.contains(inner.x1, inner.y1)):
                out.append(text.get_gid())
    return out


@pytest.mark.parametrize("lecture", [False, True], ids=["screen", "lecture"])
def test_level_names_fit_their_boxes(lecture: bool) -> None:
    tax = mt.load_taxonomy()
    assert labels_outside_their_boxes(examples.figure("levels", lecture=lecture)[0]) == []
    with style.context(lecture=lecture):  # the size notebook 04 uses on the projector
        fig = Figure(figsize=(11, 6))
        plots.levels(fig.subplots(), tax.sites, highlight=tax.cause("autonomic-dysfunction"))
    assert labels_outside_their_boxes(fig) == []
    # and the check can fail: a long name (four lines) in a box drawn for the usual ones
    fig = Figure(figsize=(8, 5.5))
    name = "Neuromuscularjunctionwithoutanyspacesbetweenitswords"
    long = [SimpleNamespace(id="x", name=name, kind="muscle")]
    plots.levels(fig.subplots(), long)
    assert labels_outside_their_boxes(fig) == ["x"]


def test_site_matrix_marks_main_and_other_sites_of_each_cause(ax) -> None:
    tax = mt.load_taxonomy()
    causes = [tax.cause(c) for c in ("als", "parkinsons-disease", "autonomic-dysfunction")]
    drawn = plots.site_matrix(ax, tax.sites, causes)
    labels = texts(ax)
    rows = {s.id: labels[s.name].get_position()[1] for s in tax.sites}
    assert rows["brain"] > rows["muscle"] > rows["systemic"]  # chain top down, body-wide below
    marks = {line.get_gid(): line for line in ax.lines if line.get_gid()}
    for x, cause in enumerate(causes):
        main = marks[f"{cause.id}:main"]
        assert list(main.get_xdata()) == [x] and list(main.get_ydata()) == [rows[cause.site[0]]]
        assert same_color(main.get_markerfacecolor(), style.colour_of(cause))
        also = marks.get(f"{cause.id}:also")
        assert sorted(also.get_ydata() if also else []) == sorted(rows[s] for s in cause.site[1:])
        if also:  # open circles: told apart by shape in greyscale, not by colour
            assert same_color(also.get_markerfacecolor(), "white")
    assert "ALS (motor neurone disease): lower motor neuron (also upper motor neuron)" in (
        drawn.alt_text
    )


def test_site_matrix_rejects_no_causes_and_unknown_sites(ax) -> None:
    sites = mt.load_taxonomy().sites
    with pytest.raises(ValueError, match="causes: need at least one"):
        plots.site_matrix(ax, sites, [])
    stray = SimpleNamespace(id="odd", name="Odd", site=("liver",), category="benign")
    with pytest.raises(ValueError, match="odd: unknown site ids liver"):
        plots.site_matrix(ax, sites, [stray])


@pytest.mark.parametrize("level", [lid for lid, _ in plots.ANATOMY_LEVELS])
def test_anatomy_highlights_the_level_asked_for(ax, level: str) -> None:
    plots.anatomy(ax, highlight=level)
    assert_only_lit(ax, {level}, style.OKABE_ITO["orange"])


def test_anatomy_takes_a_phenomenon_and_rejects_unknown_levels(ax) -> None:
    tic = mt.load_taxonomy().phenomenon("tic")
    plots.anatomy(ax, highlight=tic)
    assert_only_lit(ax, {tic.extent}, style.colour_of(tic))
    with pytest.raises(ValueError, match="highlight must be one of single-fibres, motor-unit"):
        plots.anatomy(ax, highlight="organ")


def test_anatomy_draws_the_motor_unit_across_fascicles_not_as_a_step(ax) -> None:
    drawn = plots.anatomy(ax, highlight="motor-unit")
    labels = [p.get_label() for p in ax.patches]
    mine = [p for p in ax.patches if p.get_label().startswith("unit:")]
    fascicles = {p.get_label().split(":")[1] for p in mine}
    assert len(fascicles) >= 4  # one neuron's fibres are scattered over many fascicles
    for f in fascicles:  # and interleaved there with fibres of other units
        assert f"other-unit:{f}" in labels and f"fibre:{f}" in labels
    assert all(same_color(p.get_facecolor(), style.OKABE_ITO["orange"]) for p in mine)
    chain = [t.get_text() for t in ax.texts if t.get_gid() and t.get_gid() != "motor-unit"]
    arrows = [a for a in ax.texts if a.get_text() == "" and hasattr(a, "arrow_patch")]
    assert len(arrows) == len(chain) - 1  # the arrows join the structure levels only
    from muscletwitch.course import load_course

    figures = load_course()
    eye, calf = (figures.figure(f"innervation-ratio-{m}").value for m in ("eye", "gastrocnemius"))
    assert f"{eye:,.0f} to {calf:,.0f} fibres per unit" in " ".join(t.get_text() for t in ax.texts)
    assert "scattered across five of six fascicles" in drawn.alt_text


def test_raster_one_row_per_train(ax) -> None:
    trains = [physiology.discharge_train(5, 2, regular=r) for r in (True, False)]
    drawn = plots.raster(ax, trains, ["regular", "irregular"])
    assert [len(c.get_positions()) for c in drawn.artists] == [len(t) for t in trains]
    rows = {t.get_text(): y for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)}
    assert rows["regular"] > rows["irregular"]  # first train on top
    with pytest.raises(ValueError, match=r"labels: need one per train \(2\), got 1"):
        plots.raster(ax, trains, ["one"])


def test_signal_is_titled_labelled_and_marked_illustrative(ax) -> None:
    tremor = mt.load_taxonomy().phenomenon("tremor")
    drawn = plots.signal(ax, *physiology.signature("tremor", duration_s=1), phenomenon=tremor)
    assert (
        ax.get_title(loc="left") == f"{tremor.name} (illustrative model)"
        and ax.get_xlabel() == "time (ms)"
        and ax.get_ylabel()
    )
    assert same_color(drawn.artists[0].get_color(), style.colour_of(tremor))
    assert "illustrative model" in drawn.alt_text
    with pytest.raises(ValueError, match="unit must be 's' or 'ms', got 'h'"):
        plots.signal(ax, np.arange(3.0), np.zeros(3), phenomenon=tremor, unit="h")


def test_comparison_stacks_every_phenomenon_on_one_scale(ax) -> None:
    phenomena = mt.load_taxonomy().phenomena
    drawn = plots.comparison(ax, phenomena, duration_s=2)
    lines = drawn.artists[: len(phenomena)]
    assert [t.get_text() for t in ax.get_yticklabels()] == [p.name for p in phenomena]
    assert all(line.get_xdata()[-1] == pytest.approx(2, abs=0.01) for line in lines)
    rows = [float(np.median(line.get_ydata())) for line in lines]
    assert rows == sorted(rows, reverse=True)  # first phenomenon on top, no row crossing
    ranges = [np.ptp(line.get_ydata()) for line in lines]
    assert max(ranges) < abs(rows[0] - rows[1]) * 1.0001  # a row never reaches into the next
    assert [line.get_color() for line in lines] == [style.colour_of(p) for p in phenomena]
    assert "illustrative model" in drawn.alt_text and ax.get_xlabel() == "time (s)"
    with pytest.raises(ValueError, match="phenomena: need at least one"):
        plots.comparison(ax, [])


def test_comparison_can_hide_which_trace_is_which(ax) -> None:
    tax = mt.load_taxonomy()
    phenomena = [tax.phenomenon(p) for p in ("tremor", "fasciculation")]
    drawn = plots.comparison(ax, phenomena, labels=["Trace A", "Trace B"], colour=style.INK)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Trace A", "Trace B"]
    assert all(same_color(line.get_color(), style.INK) for line in drawn.artists)
    assert not any(p.name in drawn.alt_text for p in phenomena)  # the answer stays hidden
    with pytest.raises(ValueError, match="labels: need one per phenomenon \\(2\\), got 1"):
        plots.comparison(ax, phenomena, labels=["Trace A"])


def test_summation_lines_show_fusion_rising(ax) -> None:
    drawn = plots.summation(ax, (2, 10, 40))
    fusion = [float(line.get_label().split("fusion ")[1].rstrip(")")) for line in drawn.artists]
    assert fusion == sorted(fusion) and len(set(fusion)) == 3
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_plots_never_touch_pyplot() -> None:
    before = plt.get_fignums()
    for name in examples.EXAMPLES:
        examples.figure(name)
    assert plt.get_fignums() == before


def test_show_displays_png_with_alt_text_and_closes_the_figure(monkeypatch) -> None:
    import IPython.display
    import matplotlib.pyplot as plt

    from muscletwitch import plots

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *a, **kw: shown.append((a, kw)))
    fig, ax = plt.subplots()
    drawn = plots.anatomy(ax, highlight="motor-unit")
    plots.show(fig, drawn.alt_text)
    ((args, kwargs),) = shown
    assert args[0]["text/plain"] == drawn.alt_text
    assert kwargs == {"raw": True, "metadata": {"image/png": {"alt": drawn.alt_text}}}
    assert args[0]["image/png"].startswith("iVBORw0KGgo")  # base64 of the PNG signature
    assert fig.number not in plt.get_fignums()


def _pixels(png: bytes) -> np.ndarray:
    import io

    import PIL.Image

    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB"))


def _ink_margins(pixels: np.ndarray) -> list[int]:
    """Blank rows / columns at the top, bottom, left and right of a picture."""
    ink = np.any(pixels != pixels[0, 0], axis=2)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return [rows[0], len(ink) - 1 - rows[-1], cols[0], ink.shape[1] - 1 - cols[-1]]


def _figure(*, outside: str = "") -> Figure:
    """A lecture-size line plot with margins set by hand, wider than its labels need."""
    with style.lecture():
        fig = plots.agg_figure(figsize=(8, 3), layout="none")
        ax = fig.subplots()
        ax.plot([0, 1], [0, 2], label="a line")
        ax.set(title="A title", xlabel="time (s)", ylabel="force")
        ax.legend()
        fig.subplots_adjust(left=0.15, bottom=0.3, top=0.85)
        if outside == "text":
            ax.text(1.3, 1, "a label beyond the right edge of the figure")
        elif outside == "xlabel":  # big fonts, small margin: the x label falls below the figure
            fig.subplots_adjust(bottom=0.12)
    return fig


def test_png_bytes_crops_blank_margins_and_keeps_every_drawn_pixel() -> None:
    whole_png, cropped_png = plots.png_bytes(_figure(), crop=False), plots.png_bytes(_figure())
    assert cropped_png == plots.png_bytes(_figure())  # deterministic: stored notebooks stay put
    whole, cropped = _pixels(whole_png), _pixels(cropped_png)
    dpi = style.rc(lecture=True)["figure.dpi"]
    assert whole.shape[:2] == (3 * dpi, 8 * dpi)  # uncropped: the whole figure at its dpi
    margins, kept_margins = _ink_margins(whole), _ink_margins(cropped)
    pad = matplotlib.rcParams["savefig.pad_inches"] * dpi
    assert max(margins) > 3 * pad and min(kept_margins) > 0 and max(kept_margins) <= 2 * pad
    for axis, ends in ((0, slice(0, 2)), (1, slice(2, 4))):  # every drawn pixel kept: the
        # drawing is as high and wide as before (1 px: a crop may move it by a fraction of one)
        drawing = cropped.shape[axis] - sum(kept_margins[ends])
        assert abs(drawing - (whole.shape[axis] - sum(margins[ends]))) <= 1


@pytest.mark.parametrize("outside", ["text", "xlabel"])
def test_png_bytes_takes_in_what_lies_beyond_the_figure(outside: str) -> None:
    whole = _pixels(plots.png_bytes(_figure(outside=outside), crop=False))
    cropped = _pixels(plots.png_bytes(_figure(outside=outside)))
    axis = 1 if outside == "text" else 0
    assert cropped.shape[axis] > whole.shape[axis]  # what lies beyond the edge is in the picture
    assert min(_ink_margins(cropped)) > 0  # and nothing is cut off at the picture's edge


@pytest.mark.parametrize("crop", [True, False])
def test_png_bytes_carries_the_alt_text_but_no_software_chunk(crop: bool) -> None:
    import io

    import PIL.Image

    fig = Figure()
    fig.subplots().plot([0, 1])
    alt = "A line rising \u2605 from 0 to 1, caf\u00e9."  # not Latin-1: needs an iTXt chunk
    png = plots.png_bytes(fig, crop=crop, metadata={"Description": alt, "Title": None})
    info = PIL.Image.open(io.BytesIO(png)).info
    assert info.get("Description") == alt
    assert "Software" not in info and "Title" not in info


def _one_axes_plots() -> dict:
    """Every course plot drawn on one Axes with its axes shown, plus a plain line plot."""
    tax = mt.load_taxonomy()
    fasc = tax.phenomenon("fasciculation")
    t = np.linspace(0, 0.5, 500)

    def line(ax):
        ax.plot(t * 1000, physiology.twitch(t, contraction_ms=35), label="35 ms")
        ax.set(xlabel="time (ms)", ylabel="force (peak = 1)", title="One motor-unit twitch")
        ax.legend()

    return {
        "line": line,
        "raster": lambda ax: plots.raster(ax, [np.array([0.1, 0.5]), np.array([0.3])]),
        "signal": lambda ax: plots.signal(ax, t, np.sin(40 * t), phenomenon=fasc),
        "comparison": lambda ax: plots.comparison(ax, tax.phenomena, duration_s=2),
        "summation": lambda ax: plots.summation(ax, contraction_ms=60),
        "negative": lambda ax: ax.plot([-1200, 0], [-35000, 0]),  # wide tick labels with minus
    }


@pytest.mark.parametrize("lecture", [False, True], ids=["screen", "lecture"])
def test_course_figures_keep_every_label_inside_the_picture(lecture: bool) -> None:
    size = (12, 3.4) if lecture else (8, 3)  # as in the notebooks
    for name, draw in _one_axes_plots().items():
        with style.context(lecture=lecture):
            fig, ax = plots.subplots(figsize=size)
            draw(ax)
        picture = _pixels(plots.png_bytes(fig))
        frame, drawn = fig.bbox, ax.get_tightbbox(fig.canvas.get_renderer())  # all decorations
        assert frame.x0 <= drawn.x0 and drawn.x1 <= frame.x1, name
        assert frame.y0 <= drawn.y0 and drawn.y1 <= frame.y1, name
        assert ax.bbox.width > 0.6 * frame.width, name  # margins no wider than the labels need
        assert min(_ink_margins(picture)) > 0, name  # nothing cut off at the picture's edge


def test_subplots_makes_house_style_figures_outside_pyplot() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    before = plt.get_fignums()
    with style.lecture():
        fig, axes = plots.subplots(1, 2, figsize=(6, 2), sharey=True)
    assert plt.get_fignums() == before  # nothing registered: nothing for a backend to show
    assert isinstance(fig.canvas, FigureCanvasAgg) and fig.canvas.manager is None
    assert len(axes) == 2 and axes[0].get_shared_y_axes().joined(axes[0], axes[1])
    assert fig.dpi == style.rc(lecture=True)["figure.dpi"]
    assert fig.get_layout_engine() is not None  # the house style's constrained layout
    assert plots.png_bytes(fig).startswith(b"\x89PNG")


def test_tone_spasticity_rises_with_stretch_speed_and_rigidity_does_not(ax) -> None:
    tax = mt.load_taxonomy()
    spasticity, rigidity = tax.phenomenon("spasticity"), tax.phenomenon("rigidity")
    drawn = plots.tone(ax, [spasticity, rigidity])
    fast = max(physiology.SIGNATURES["spasticity"].stretch_velocities_deg_s)
    (v_s, r_s), (v_r, r_r) = (line.get_data() for line in drawn.artists[:2])
    assert v_s[0] == 0 and v_s[-1] == fast
    assert np.all(np.diff(r_s) > 0)  # velocity-dependent
    assert np.ptp(r_r) == 0 and r_r[0] > r_s[0]  # velocity-independent, stiffer when slow
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Spasticity: velocity-dependent" in labels
    assert "Rigidity: velocity-independent" in labels
    assert "illustrative model" in ax.get_title(loc="left")
    assert (
        "Spasticity rises with speed" in drawn.alt_text and "Rigidity stays flat" in drawn.alt_text
    )


def test_tone_takes_its_numbers_from_the_signature_data(ax) -> None:
    rigidity = mt.load_taxonomy().phenomenon("rigidity")
    model = physiology.SIGNATURES["rigidity"]
    (line,) = plots.tone(ax, [rigidity]).artists[:1]
    assert np.allclose(line.get_ydata(), model.amplitude)
    low, high = physiology.stretch_resistance("rigidity", [100.0], cogwheel_depth=0.25)
    assert np.allclose(low, 0.75 * high)


def test_tone_rejects_movements_without_a_stretch_model(ax) -> None:
    tremor = mt.load_taxonomy().phenomenon("tremor")
    with pytest.raises(ValueError, match="tremor has no stretch model; allowed: spasticity"):
        plots.tone(ax, [tremor])
    with pytest.raises(ValueError, match="at least one"):
        plots.tone(ax, [])
    with pytest.raises(ValueError, match="phenomenon_id must be one of"):
        physiology.stretch_resistance("tremor", [10.0])


def test_evidence_places_each_therapy_in_its_level_with_its_kinds_marker(ax) -> None:
    from muscletwitch.course import load_course
    from muscletwitch.taxonomy import EVIDENCE_LEVELS

    tax = mt.load_taxonomy()
    drawn = plots.evidence(ax, tax.therapies)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(rows) == sorted(t.name for t in tax.therapies)
    by_name = {t.name: t for t in tax.therapies}
    levels = [EVIDENCE_LEVELS.index(by_name[r].evidence) for r in rows]
    assert levels == sorted(levels)  # strongest on top
    styles = {k.id: k for k in load_course().therapy_kinds}
    for scatter in drawn.artists:
        kind = styles[scatter.get_label()]
        assert same_color(scatter.get_facecolor()[0], style.PALETTE[kind.colour])
        for x, y in scatter.get_offsets():
            therapy = by_name[rows[int(y)]]
            assert therapy.kind == kind.id and EVIDENCE_LEVELS[int(x)] == therapy.evidence
    assert str(len(rows)) in drawn.alt_text


def test_evidence_rejects_no_therapies_and_unknown_levels(ax) -> None:
    with pytest.raises(ValueError, match="at least one"):
        plots.evidence(ax, [])
    odd = SimpleNamespace(name="Odd cure", kind="medical", evidence="anecdotal")
    with pytest.raises(ValueError, match="'Odd cure' has an evidence level not among strong"):
        plots.evidence(ax, [odd])
