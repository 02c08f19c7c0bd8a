"""Widget tests without a browser: set control values, assert on artists, HTML and classes."""

from __future__ import annotations

import base64

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color

import muscletwitch as mt
from muscletwitch import physiology, quiz, style
from muscletwitch.widgets import CauseExplorer, Quiz, RedFlagChecker, SummationLab, TwitchSimulator

ALL = (CauseExplorer, TwitchSimulator, SummationLab, RedFlagChecker, Quiz)


@pytest.mark.parametrize("cls", ALL)
def test_contract_labels_and_static_fallback(cls):
    before = plt.get_fignums()
    w = cls()
    assert plt.get_fignums() == before  # figures live outside pyplot: nothing to leak or show
    assert isinstance(w.widget, W.Widget) and w.controls
    for name, control in w.controls.items():
        assert control.description.strip(), f"{cls.__name__}.controls[{name!r}] has no label"
    bundle = w._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    html = bundle["text/html"]
    assert html == cls()._repr_mimebundle_()["text/html"]  # deterministic, for nbval
    if w.fig is not None and w.image.layout.display != "none":
        png = base64.b64decode(html.split("base64,")[1].split('"')[0])
        assert png.startswith(b"\x89PNG") and png == w.png()
        assert 'alt="' in html and w.alt_text


@pytest.mark.parametrize("cls", ALL)
def test_lecture_mode_is_larger(cls):
    small, large = cls(lecture=False), cls(lecture=True)
    assert "mt-lecture" in large.widget._dom_classes
    assert "mt-lecture" not in small.widget._dom_classes
    if small.fig is not None:
        assert large.fig.get_figwidth() > small.fig.get_figwidth()
    with style.lecture():
        assert cls().lecture


# --- cause explorer -------------------------------------------------------------------------------


def test_explorer_filters_and_card():
    w = CauseExplorer()
    c = w.controls
    c["category"].value = "benign"
    names = {label for label, _ in c["cause"].options}
    tax = mt.load_taxonomy()
    assert names == {x.name for x in tax.causes if x.category == "benign"}
    c["category"].value = ""
    c["phenomenon"].value = "fasciculation"
    c["site"].value = "lower-motor-neuron"
    assert {v for _, v in c["cause"].options} == {
        x.id for x in tax.filter(phenomenon="fasciculation", site="lower-motor-neuron")
    }
    c["cause"].value = "als"
    card = w.card.value
    als = tax.cause("als")
    assert als.name in card and "evidence: consensus" in card and "G12.2" in card
    assert "Sources" in card and "Red flags" in card
    assert "ALS" in w.title.get_text() and "ALS" in w.alt_text  # the picture names its cause
    assert w.site_boxes["lower-motor-neuron"][0].get_linewidth() == 3
    c["clear"].click()
    c["cause"].value = "stress"  # highlight moves
    assert w.site_boxes["psychological"][0].get_linewidth() == 3
    assert "stress" in w.title.get_text() and "ALS" not in w.title.get_text()
    assert "Psychological stress" in w.card.value


def test_explorer_empty_states_and_clear():
    w = CauseExplorer()
    c = w.controls
    c["category"].value = "benign"
    c["phenomenon"].value = "rigidity"  # contradictory
    assert c["cause"].options == () and c["cause"].value is None
    assert "No cause matches these filters" in w.card.value
    c["clear"].click()
    assert len(c["cause"].options) == len(mt.load_taxonomy().causes)
    c["search"].value = "<b>zzz"
    assert "No cause matches" in w.card.value and "&lt;b&gt;zzz" in w.card.value
    c["search"].value = "blink"
    assert c["cause"].value == "tic-disorder"


def test_explorer_search_and_initial_cause():
    w = CauseExplorer(cause="multiple-sclerosis")
    assert w.controls["cause"].value == "multiple-sclerosis"
    assert "unproven" in w.card.value  # Breuss / Dorn: evidence level shown
    with pytest.raises(mt.UnknownIdError):
        CauseExplorer(cause="alss")


@pytest.fixture
def script_taxonomy(data_copy) -> mt.Taxonomy:
    old = 'summary = "Stress and anxiety'
    data_copy.replace("causes.toml", old, 'summary = "<script>alert(1)</script> Stress and anxiety')
    return data_copy.load()


def test_data_text_is_escaped(script_taxonomy):
    w = CauseExplorer(taxonomy=script_taxonomy, cause="stress")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in w.card.value
    assert "<script>" not in w.card.value
    assert "<script>" not in w._repr_mimebundle_()["text/html"]
    r = RedFlagChecker(taxonomy=script_taxonomy)
    r.controls["stress"].value = True
    r.controls["twitching"].value = True
    assert "<script>" not in r.causes.value + r.panels_html()


# --- twitch simulator -----------------------------------------------------------------------------


def test_simulator_controls_change_the_artists():
    w = TwitchSimulator()
    c = w.controls
    before = w.line.get_ydata().copy()
    c["rate"].value = c["rate"].value * 2
    assert not np.array_equal(before, w.line.get_ydata())
    c["phenomenon"].value = "tremor"
    assert c["rate"].disabled and not c["tremor_hz"].disabled
    assert (c["tremor_hz"].min, c["tremor_hz"].max) == physiology.tremor_range_hz()
    c["tremor_hz"].value = 10.0
    assert "physiological" in w.caption.value
    assert not w.overlay.get_visible()
    c["compare"].value = True
    c["other"].value = "fasciculation"
    assert w.overlay.get_visible() and "Fasciculation" in w.header.value
    c["extent"].value = "single-fibres"
    assert "invisible: EMG only" in w.header.value
    assert np.all(np.isnan(w.force_lines[1].get_ydata()))
    c["extent"].value = "whole-muscle"
    assert np.nanmax(w.force_lines[1].get_ydata()) > 10


def test_simulator_discharge_row_shows_the_events_its_trace_is_built_from():
    w = TwitchSimulator()
    c = w.controls
    c["compare"].value = True
    for pid in physiology.signature_ids():
        c["phenomenon"].value = pid
        c["other"].value = "spasticity" if pid != "spasticity" else "tic"
        for row, shown in ((0, pid), (1, c["other"].value)):
            params = w.params() if row == 0 else {}
            events = physiology.signature_events(shown, duration_s=6, seed=w.seed, **params)
            np.testing.assert_allclose(w.trains[row].get_positions(), events, err_msg=shown)
            colour = w.line.get_color() if row == 0 else w.overlay.get_color()
            assert same_color(w.trains[row].get_color(), colour), shown  # row and trace match
    c["phenomenon"].value = "clonus"  # clonus beats only while the stretch lasts
    start, stop = physiology.SIGNATURES["clonus"].window
    beats = np.asarray(w.trains[0].get_positions())
    assert beats.min() >= start * 6 and beats.max() < stop * 6


def test_simulator_log_axis_reads_as_plain_numbers():
    w = TwitchSimulator()
    w.fig.canvas.draw()
    ax = w.axes[2]
    low, high = ax.get_ylim()
    shown = [t.get_text() for t in ax.get_yticklabels() if low <= t.get_position()[1] <= high]
    assert shown == ["0.001", "0.1", "10", "1000"]  # no "$10^{-3}$": no mathtext to set up


def test_simulator_rate_limits_come_from_the_data():
    w = TwitchSimulator()
    for pid in physiology.signature_ids():
        w.controls["phenomenon"].value = pid
        default = physiology.SIGNATURES[pid].rate_hz
        if default:
            assert w.controls["rate"].value == pytest.approx(default)
            assert 10 ** w.controls["rate"].min <= default <= 10 ** w.controls["rate"].max
            assert 10 ** w.controls["rate"].max < physiology.max_rate_hz(pid)


# --- summation lab --------------------------------------------------------------------------------


def test_summation_fuses_as_the_rate_rises():
    w = SummationLab(rate_hz=2)
    low = w.fusion
    assert "Separate twitches" in w.caption.value
    w.controls["rate"].value = 50
    assert w.fusion > 0.8 > low and "Fused" in w.caption.value and "exception" in w.caption.value
    assert w.force.get_ydata().max() > 5


# --- red-flag checker -----------------------------------------------------------------------------


def test_red_flag_checker_banner_and_causes():
    w = RedFlagChecker()
    tax = mt.load_taxonomy()
    assert set(w.controls) == {f.id for f in tax.findings} | {"clear"}
    assert "mt-urgency-self-care" in w.banner.value and "Tick what you notice" in w.causes.value
    assert tax.disclaimer[:40] in w.disclaimer.value
    for f in ("twitching", "stress"):
        w.controls[f].value = True
    assert "Psychological stress" in w.causes.value and "fits:" in w.causes.value
    w.controls["lasting-over-2-weeks"].value = True
    assert "mt-urgency-see-a-doctor" in w.banner._dom_classes
    assert "See a doctor" in w.banner.value
    w.controls["diabetes"].value = True
    w.controls["trembling"].value = True
    assert w.banner._dom_classes == ("mt-urgency-urgent",)  # a hypo: act now, not 999
    assert w.banner.value.split(">", 1)[1].startswith("Urgent: today: ")
    assert "fast-acting sugar" in w.banner.value
    flags = w.flags.value
    assert flags.index("low blood sugar") < flags.index("more than 2 weeks")
    assert "Why: diabetes (treated with insulin or tablets), trembling or shaking." in flags
    w.controls["seizure"].value = True
    assert w.banner._dom_classes == ("mt-urgency-emergency",)
    assert w.banner.value.split(">", 1)[1].startswith("Call emergency services now: ")
    w.controls["clear"].click()
    assert not w.ticked and "mt-urgency-self-care" in w.banner.value
    assert w.banner._dom_classes == ("mt-urgency-self-care",)


def test_red_flag_checker_asks_onset_and_shows_the_examination_note():
    w = RedFlagChecker()
    columns = {c.children[0].value: c.children[1:] for c in w.grid.children}
    onset = columns["<h4>When and how it started</h4>"]
    assert w.controls["sudden-onset"] in onset and w.controls["lasting-over-2-weeks"] in onset
    assert w.controls["sudden-onset"].tooltip.startswith("Did it start suddenly, over minutes")
    for f in ("twitching", "muscle-weakness"):
        w.controls[f].value = True
    assert "weakness found on examination" in w.notes.value
    causes = w.causes.value
    assert causes.index("Trapped nerve root") < causes.index("ALS")
    assert "why: fits: muscle weakness" in causes and "at least: see a doctor" in causes
    w.controls["sudden-onset"].value = True
    w.controls["slurred-speech"].value = True
    assert w.banner._dom_classes == ("mt-urgency-emergency",)
    assert w.flags.value.index("possible stroke") < w.flags.value.index("Weakness, stiffness")


# --- quiz -----------------------------------------------------------------------------------------


def test_quiz_feedback_score_and_retry():
    qs = quiz.questions(n=3, seed=0)
    w = Quiz(questions=qs)
    for q in qs:
        assert q.prompt[:30] in w.prompt.value.replace("&#x27;", "'")
        if q.kind == "multiple":
            for i in q.correct:
                w.controls[f"tick_{i}"].value = True
        else:
            w.controls["choice"].value = q.correct[0]
        w.controls["check"].click()
        assert "Correct!" in w.feedback.value and "Read more" in w.feedback.value
        assert f"{q.notebook}.ipynb#" in w.feedback.value
        w.controls["next"].click()
    assert "3 / 3" in w.prompt.value and w.controls["check"].disabled
    w.controls["retry"].click()
    assert "Question 1 of 3" in w.progress.value


def test_quiz_check_without_answer_and_trace():
    bank = {q.id: q for q in quiz.load_bank()}
    w = Quiz(questions=[bank["tremor-trace"], bank["which-are-rhythmic"]])
    w.controls["check"].click()
    assert "Choose an answer first" in w.feedback.value
    assert w.image.layout.display is None
    t, y = physiology.signature("tremor", duration_s=6.0)
    assert np.allclose(w.trace.get_ydata(), y)
    w.controls["next"].click()
    assert w.image.layout.display == "none"
    assert w.controls["choice"].layout.display == "none"
    assert w.controls["tick_5"].layout.display is None


def test_quiz_draws_its_trace_figure_only_when_a_trace_question_comes():
    bank = {q.id: q for q in quiz.load_bank()}
    w = Quiz(questions=[bank["which-are-rhythmic"], bank["tremor-trace"]])
    assert w.fig is None and w.image.layout.display == "none"  # nothing drawn for text questions
    w.controls["next"].click()
    assert w.fig is not None and w.image.layout.display is None
    assert bytes(w.image.value).startswith(b"\x89PNG")
