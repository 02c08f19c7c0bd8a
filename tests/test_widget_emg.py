"""EMGSounds without a browser: set controls and press buttons, assert on artists, audio and HTML.
Expected values come from the model (``muscletwitch.emg``), never from the widget."""

from __future__ import annotations

import base64
import io
import wave

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
import pytest

from muscletwitch import emg
from muscletwitch.widgets import EMGSounds
from muscletwitch.widgets.emg_sounds import NOT_RECORDINGS, ListeningQuiz


@pytest.fixture(scope="module")
def w() -> EMGSounds:
    return EMGSounds()


def test_contract_labels_audio_and_static_fallback():
    before = plt.get_fignums()
    w = EMGSounds()
    assert plt.get_fignums() == before
    for name, control in w.controls.items():
        assert control.description.strip(), name
        if isinstance(control, W.Button):
            assert name in w.actions and control.tooltip
    bundle = w._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    html = bundle["text/html"]
    assert html == EMGSounds()._repr_mimebundle_()["text/html"]  # deterministic, for nbval
    png = base64.b64decode(html.split("data:image/png;base64,")[1].split('"')[0])
    assert png == w.png() and f'alt="{w.alt_text.split(":")[0]}' in html
    wav = base64.b64decode(html.split("data:audio/wav;base64,")[1].split('"')[0])
    assert wav == w.audio.value
    # the model disclaimer and the description for those who cannot hear are in the static page
    p = emg.pattern(w.controls["pattern"].value)
    assert NOT_RECORDINGS in html and p.description in html


def test_lecture_mode_is_larger():
    small, large = EMGSounds(lecture=False), EMGSounds(lecture=True)
    assert large.fig.get_figwidth() > small.fig.get_figwidth()
    assert "mt-lecture" in large.widget._dom_classes


@pytest.mark.parametrize("pid", emg.pattern_ids())
def test_choosing_a_pattern_shows_its_trace_sound_and_words(w, pid):
    other = next(i for i in emg.pattern_ids() if i != pid)
    w.controls["pattern"].value = other
    before = (w.zoom_line.get_ydata().copy(), w.image.value, w.audio.value)
    w.controls["pattern"].value = pid
    d = emg.generate(pid, seed=0)
    assert w.audio.value == emg.wav_bytes(d.sound, d.fs_hz) != before[2]
    with wave.open(io.BytesIO(w.audio.value)) as f:
        assert f.getnframes() == len(d.signal) and f.getframerate() == d.fs_hz
    start, stop = d.window(emg.AUDIO.zoom_ms / 1000)
    assert np.array_equal(
        w.zoom_line.get_ydata(), d.signal[round(start * d.fs_hz) :][: len(w.zoom_line.get_ydata())]
    )
    assert w.span.get_x() == pytest.approx(start) and w.span.get_width() == pytest.approx(
        stop - start
    )
    assert w.clip_line.get_xdata().max() <= d.duration_s
    assert w.image.value != before[1]
    p = d.pattern
    assert p.name in w.header.value and p.sounds_like in w.header.value
    assert p.description in w.caption.value and p.meaning in w.caption.value
    assert p.name in w.alt_text and p.description in w.alt_text


def test_the_header_says_these_are_models_and_the_caption_names_the_sources(w):
    w.controls["pattern"].value = "myotonic"
    assert "not recordings" in w.header.value
    assert "Daube" in w.caption.value and "Dengler" in w.caption.value


def answer(w: EMGSounds, pid: str) -> None:
    w.controls[f"answer_{pid}"].click()


def test_listening_quiz_right_wrong_and_next():
    w = EMGSounds(seed=4)
    q = w.quiz
    first = q.current
    d = emg.generate(first, seed=q.sample_seed)
    assert w.quiz_audio.value == emg.wav_bytes(d.sound, d.fs_hz)
    assert w.feedback.value == "" and "Sound 1" in w.quiz_header.value
    answer(w, first)
    assert "mt-right" in w.feedback.value and emg.pattern(first).sounds_like in w.feedback.value
    assert "Score: 1 of 1" in w.quiz_header.value
    wrong = next(i for i in emg.pattern_ids() if i != first)
    answer(w, wrong)  # a second press on the same sound changes nothing
    assert "mt-right" in w.feedback.value and q.score == 1
    sound = w.quiz_audio.value
    w.controls["next"].click()
    assert q.current != first and w.feedback.value == "" and w.quiz_audio.value != sound
    assert {w.controls[f"answer_{i}"].button_style for i in emg.pattern_ids()} == {""}
    assert "Sound 2" in w.quiz_header.value and "Score: 1 of 1" in w.quiz_header.value
    wrong = next(i for i in emg.pattern_ids() if i != q.current)
    answer(w, wrong)
    right = emg.pattern(q.current)
    assert "mt-wrong" in w.feedback.value and right.description in w.feedback.value
    styles = {i: w.controls[f"answer_{i}"].button_style for i in emg.pattern_ids()}
    assert styles.pop(q.current) == "success" and styles.pop(wrong) == "danger"
    assert set(styles.values()) == {""}
    assert emg.pattern(wrong).name.lower() in w.feedback.value
    assert "Score: 1 of 2" in w.quiz_header.value
    # the quiz does not move the explorer (its trace would give the answer away)
    assert w.controls["pattern"].value == "normal-recruitment"


def test_quiz_is_seeded_and_never_repeats_a_pattern_twice_in_a_row():
    a, b = ListeningQuiz(emg.pattern_ids(), seed=9), ListeningQuiz(emg.pattern_ids(), seed=9)
    seen = []
    for _ in range(30):
        assert (a.current, a.sample_seed) == (b.current, b.sample_seed)
        seen.append(a.current)
        a.next()
        b.next()
    assert all(x != y for x, y in zip(seen, seen[1:], strict=False))
    assert set(seen) == set(emg.pattern_ids())  # every pattern comes up
    with pytest.raises(ValueError, match="did you mean"):
        a.answer("myotnic")


def test_every_button_and_every_pattern_in_turn_never_breaks():
    """Every button pressed as the browser presses it (a raising handler fails), each pattern."""
    from test_widgets_hypothesis import press

    w = EMGSounds(seed=1)
    buttons = [c for c in w.controls.values() if isinstance(c, W.Button)]
    assert len(buttons) == len(emg.pattern_ids()) + 1  # one answer per pattern, and "next"
    for pid in emg.pattern_ids():
        w.controls["pattern"].value = pid
        for button in buttons:
            press(button)
            assert w.static_html()
    assert w.quiz.asked == len(emg.pattern_ids()) + 1


def test_listening_answers_count_in_the_learners_progress_only_when_placed_in_a_notebook():
    from muscletwitch import progress

    EMGSounds(seed=4).controls[f"answer_{emg.pattern_ids()[0]}"].click()
    assert progress.read()[0]["quiz"] == {}, "a widget outside a notebook records nothing"
    w = EMGSounds(seed=4, notebook="04_pathological_causes", section="What the EMG adds")
    first = w.quiz.current
    answer(w, first)
    answer(w, next(i for i in emg.pattern_ids() if i != first))  # a second press: not counted
    w.controls["next"].click()
    second = w.quiz.current
    answer(w, next(i for i in emg.pattern_ids() if i != second))
    quiz = progress.read()[0]["quiz"]
    assert quiz == {
        f"listening:{first}": {
            "notebook": "04_pathological_causes", "section": "What the EMG adds", "correct": True
        },
        f"listening:{second}": {
            "notebook": "04_pathological_causes", "section": "What the EMG adds", "correct": False
        },
    }  # fmt: skip
    row = next(r for r in progress.rows() if r.notebook == "04_pathological_causes")
    assert (row.quiz_right, row.quiz_answered) == (1, 2)
    assert "04_pathological_causes.ipynb#What-the-EMG-adds" in str(progress.weak_spots())


def test_an_unknown_notebook_is_refused_with_a_suggestion():
    from muscletwitch.errors import UnknownIdError

    with pytest.raises(UnknownIdError, match="04_pathological_causes"):
        EMGSounds(notebook="04_pathological_cause")
