"""EMG by ear: listen to models of the classic needle-EMG patterns, see their traces, read what each
sounds like, and test yourself with a "what is this?" listening quiz."""

from __future__ import annotations

import base64
import random

import ipywidgets as W

from muscletwitch import emg, progress
from muscletwitch.course import load_course
from muscletwitch.plots import emg as emg_plots
from muscletwitch.taxonomy import Taxonomy
from muscletwitch.widgets._base import Base, esc, labelled

NOT_RECORDINGS = (
    "These sounds are generated from simple models of the patterns clinicians learn to recognise "
    "on needle EMG; they are not recordings of patients. Each clip is played at the same loudness."
)


class ListeningQuiz:
    """Pure state of the quiz: a seeded sequence of patterns to name, the answer, the score."""

    def __init__(self, ids: tuple[str, ...], seed: int = 0):
        self.ids = ids
        self.rng = random.Random(seed)
        self.current = ""
        self.sample_seed = 0
        self.answered: str | None = None
        self.asked = self.score = 0
        self.next()

    def next(self) -> None:
        """A new sound: a pattern other than the last one, and a new sample of it."""
        self.current = self.rng.choice([i for i in self.ids if i != self.current])
        self.sample_seed = self.rng.randrange(2**31)
        self.answered = None
        self.asked += 1

    def answer(self, pattern_id: str) -> bool:
        """Record the first answer to this sound (later presses change nothing); True if right."""
        emg.pattern(pattern_id)  # an unknown id is an error, not a wrong answer
        if self.answered is None:
            self.answered = pattern_id
            self.score += pattern_id == self.current
        return self.answered == self.current

    def feedback(self) -> str:
        """The feedback sentence (plain text) for the answer given, or '' before one."""
        if self.answered is None:
            return ""
        right = emg.pattern(self.current)
        if self.answered == self.current:
            return f"Right: this is a {right.name.lower()}, which sounds like {right.sounds_like}."
        chosen = emg.pattern(self.answered)
        return (
            f"Not quite: you chose {chosen.name.lower()}, but this is a {right.name.lower()}: "
            f"{right.description}"
        )


class EMGSounds(Base):
    """Choose a pattern to hear and see it; the quiz plays a random one for you to name."""

    def __init__(
        self,
        *,
        taxonomy: Taxonomy | None = None,
        lecture: bool | None = None,
        pattern: str = "normal-recruitment",
        seed: int = 0,
        notebook: str | None = None,
        section: str = "",
    ):
        """``notebook`` (and the ``section`` heading the widget sits under): where the listening
        quiz's answers count in the learner's progress; None keeps them out of it."""
        super().__init__(taxonomy=taxonomy, lecture=lecture)
        self.seed = seed
        if notebook is not None:
            load_course().notebook(notebook)  # an unknown id: UnknownIdError, "did you mean"
        self.where = (notebook, section)
        ids = emg.pattern_ids()
        first = emg.pattern(pattern)
        self.controls = {
            "pattern": labelled(
                W.Dropdown(options=[(emg.pattern(i).name, i) for i in ids], value=first.id),
                "EMG pattern",
            ),
        }
        for i in ids:
            button = W.Button(description=emg.pattern(i).name, layout=W.Layout(width="auto"))
            button.tooltip = f"This is: {emg.pattern(i).name}"
            self.controls[f"answer_{i}"] = button
            self.actions[f"answer_{i}"] = lambda i=i: self.answer(i)
        self.controls["next"] = W.Button(description="Next sound", icon="arrow-right")
        self.controls["next"].tooltip = "Play another sound to name"
        self.actions["next"] = self.next_sound
        self.quiz = ListeningQuiz(ids, seed=seed)
        self.audio = W.Audio(format="wav", autoplay=False, loop=False, controls=True)
        self.quiz_audio = W.Audio(format="wav", autoplay=False, loop=False, controls=True)
        self.header = W.HTML()
        self.caption = W.HTML()
        self.quiz_header = W.HTML()
        self.feedback = W.HTML()
        zoom = emg.AUDIO.zoom_ms
        with self.styled():
            self.fig = self.new_figure(11, 4.8)
            ax_clip, ax_zoom = self.fig.subplots(2, 1, gridspec_kw={"hspace": 0.65})
            drawn = emg_plots.emg_traces(ax_clip, ax_zoom, self._discharge(first.id), zoom)
            self.fig.subplots_adjust(left=0.07, right=0.98, top=0.93, bottom=0.11)
        self.clip_line, self.zoom_line, self.span = drawn.artists
        self.freeze(*drawn.artists)
        answers = W.HBox(
            [self.controls[f"answer_{i}"] for i in ids],
            layout=W.Layout(flex_flow="row wrap"),
        )
        quiz_box = W.VBox(
            [self.quiz_header, self.quiz_audio, answers, self.feedback, self.controls["next"]]
        )
        self._load_quiz_sound()
        self._finish(
            self.controls["pattern"],
            self.header,
            W.HBox([W.HTML("<b>Listen:</b>&nbsp;"), self.audio]),
            self.image,
            self.caption,
            quiz_box,
        )

    # --- pure core -------------------------------------------------------------------------------

    def _discharge(self, pattern_id: str, seed: int | None = None) -> emg.Discharge:
        return emg.generate(pattern_id, seed=self.seed if seed is None else seed)

    def compute(self) -> tuple[emg.Discharge, tuple[float, float], bytes]:
        """The chosen pattern's clip, its zoom window and its WAV."""
        d = self._discharge(self.controls["pattern"].value)
        return d, d.window(emg.AUDIO.zoom_ms / 1000), emg.wav_bytes(d.sound, d.fs_hz)

    def answer(self, pattern_id: str) -> None:
        first = self.quiz.answered is None
        right = self.quiz.answer(pattern_id)
        notebook, section = self.where
        note = ""
        if first and notebook:  # the first answer to a sound counts, as in the score
            note = progress.record_listening(self.quiz.current, right, notebook, section)
        self._show_quiz()
        if note:
            self.feedback.value += f'<p class="mt-note">{esc(note)}</p>'

    def next_sound(self) -> None:
        self.quiz.next()
        self._load_quiz_sound()
        self._show_quiz()

    # --- view ------------------------------------------------------------------------------------

    def _load_quiz_sound(self) -> None:
        d = self._discharge(self.quiz.current, seed=self.quiz.sample_seed)
        self.quiz_audio.value = emg.wav_bytes(d.sound, d.fs_hz)

    def _show_quiz(self) -> None:
        q = self.quiz
        self.quiz_header.value = (
            f"<h4>What is this? Sound {q.asked}</h4><p>Play the sound, then choose its name. "
            f"Score: {q.score} of {q.asked - (q.answered is None)} answered.</p>"
        )
        for i in q.ids:  # the right answer green, a wrong choice red (the sentence says it too)
            right, chosen = q.answered is not None and i == q.current, i == q.answered
            style = "success" if right else "danger" if chosen else ""
            self.controls[f"answer_{i}"].button_style = style
        text = q.feedback()
        if text:
            verdict = "mt-right" if q.answered == q.current else "mt-wrong"
            self.feedback.value = (
                f'<p class="{verdict}">{esc(text)}</p><p class="mt-note">Press "Next sound" for '
                "another.</p>"
            )
        else:
            self.feedback.value = ""

    def update(self) -> None:
        d, window, wav = self.compute()
        p = d.pattern
        self.audio.value = wav
        self.clip_line.set_data(*emg_plots.clip_data(d))
        self.zoom_line.set_data(*emg_plots.zoom_data(d, window))
        self.span.set_x(window[0])
        self.span.set_width(window[1] - window[0])
        self.header.value = (
            f"<h3>{esc(p.name)}</h3><p><b>Sounds like:</b> {esc(p.sounds_like)}.</p>"
            f'<p class="mt-note">{esc(NOT_RECORDINGS)}</p>'
        )
        cited = "; ".join(self.taxonomy.source(s).short for s in p.sources if s != "illustrative")
        self.caption.value = (
            f"<p><b>For those who cannot hear it:</b> {esc(p.description)}</p>"
            f"<p><b>What it means:</b> {esc(p.meaning)}</p>"
            f'<p class="mt-note">Sources: {esc(cited)}. {esc(p.note)}</p>'
        )
        self.alt_text = emg_plots.alt_text(d, window)
        self._show_quiz()
        self._render()

    def header_html(self) -> str:
        return self.header.value

    def panels_html(self) -> str:
        data = base64.b64encode(self.audio.value).decode("ascii")
        player = f'<p><audio controls src="data:audio/wav;base64,{data}"></audio></p>'
        quiz = '<p class="mt-note">The listening quiz needs a running kernel.</p>'
        return player + self.caption.value + quiz


__all__ = ["EMGSounds", "ListeningQuiz"]
