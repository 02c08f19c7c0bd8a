"""Quiz widget over ``muscletwitch.quiz``: one question at a time, feedback on every option with a
link to the notebook section, a simulated trace for matching questions, score and retry."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as W
from matplotlib.lines import Line2D

from muscletwitch import physiology, plots, progress, quiz, style
from muscletwitch.plots.signals import ILLUSTRATIVE
from muscletwitch.taxonomy import Taxonomy
from muscletwitch.widgets._base import Base, esc, labelled

TRACE_S = 6.0
MARK = {True: "\u2714", False: "\u2718"}  # check mark, cross: the verdict is also in words


class Quiz(Base):
    """Answer with the radio buttons (one answer) or tick boxes (several), then Check and Next."""

    def __init__(
        self,
        *,
        notebook: str | None = None,
        n: int | None = 8,
        seed: int = 0,
        questions: Sequence[quiz.Question] | None = None,
        taxonomy: Taxonomy | None = None,
        lecture: bool | None = None,
    ):
        super().__init__(taxonomy=taxonomy, lecture=lecture)
        chosen = questions or quiz.questions(
            notebook=notebook, n=n, seed=seed, taxonomy=self.taxonomy
        )
        self.session = quiz.QuizSession(chosen)
        most = max(len(q.options) for q in self.session.questions)
        self.controls = {"choice": labelled(W.RadioButtons(options=[], value=None), "Answer")}
        self.controls["choice"].layout.width = "auto"
        for i in range(most):
            box = W.Checkbox(value=False, indent=False, layout=W.Layout(width="auto"))
            self.controls[f"tick_{i}"] = labelled(box, f"option {i + 1}")
        self.controls["check"] = W.Button(description="Check answer", button_style="primary")
        self.controls["next"] = W.Button(description="Next question", icon="arrow-right")
        self.controls["retry"] = W.Button(description="Try again", icon="refresh")
        for name in ("check", "next", "retry"):
            self.controls[name].tooltip = self.controls[name].description
        self.actions = {"check": self.check, "next": self.next_question, "retry": self.retry}
        self.prompt = W.HTML()
        self.feedback = W.HTML()
        self.progress = W.HTML()
        self.ticks = [self.controls[f"tick_{i}"] for i in range(most)]
        self.trace: Line2D | None = None  # drawn when the first trace question comes up
        self.trace_ids = set(physiology.signature_ids())
        buttons = W.HBox([self.controls[k] for k in ("check", "next", "retry")])
        self._shown = -1
        self._finish(
            self.progress,
            self.prompt,
            self.image,
            self.controls["choice"],
            W.VBox(self.ticks),
            buttons,
            self.feedback,
        )

    # --- pure core -------------------------------------------------------------------------------

    def answer(self) -> tuple[int, ...]:
        """The option indices currently chosen."""
        q = self.session.current
        if q is None:
            return ()
        if q.kind == "multiple":
            return tuple(i for i, box in enumerate(self.ticks[: len(q.options)]) if box.value)
        value = self.controls["choice"].value
        return () if value is None else (value,)

    def check(self) -> None:
        """Grade the chosen answer and show feedback on every option."""
        s = self.session
        if s.current is not None:
            chosen = self.answer()
            if not chosen:
                self.feedback.value = '<p class="mt-note">Choose an answer first.</p>'
                return
            fb = s.answer(chosen)
            note = progress.record_quiz(fb.question, fb.correct)  # local file; "" when saved
            self.feedback.value = self.feedback_html(fb) + (
                f'<p class="mt-note">{esc(note)}</p>' if note else ""
            )
        self.update()

    def next_question(self) -> None:
        self.session.next()
        self.feedback.value = ""
        self.update()

    def retry(self) -> None:
        """Start the same questions over."""
        self.session.retry()
        self.feedback.value = ""
        self.update()

    def update(self) -> None:
        s, c = self.session, self.controls
        q = s.current
        c["check"].disabled = q is None
        c["next"].disabled = q is None
        c["retry"].disabled = not s.feedback
        if q is None:
            self._show_question(None)
            self.progress.value = f"<b>Finished.</b> {esc(s.summary())}"
            wrong = "".join(
                f'<li><a href="{esc(q_.notebook)}.ipynb#{esc(quiz.anchor(q_.section))}">'
                f"{esc(q_.section)}</a></li>"
                for q_ in dict.fromkeys(f.question for f in s.wrong)
            )
            review = f"<h4>Worth another look</h4><ul>{wrong}</ul>" if wrong else ""
            self.prompt.value = (
                f"<h3>Your score: {s.score} / {s.total}</h3>{review}"
                "<p>Press <b>Try again</b> to start over.</p>"
            )
            return
        self.progress.value = f"Question {s.index + 1} of {s.total} \u00b7 score so far {s.score}"
        if self._shown != (s.index, id(q)):
            self._show_question(q)

    def _show_question(self, q: quiz.Question | None) -> None:
        c = self.controls
        self._shown = (self.session.index, id(q)) if q else -1
        multiple = q is not None and q.kind == "multiple"
        with self.quiet():
            c["choice"].options = (
                [(o.text, i) for i, o in enumerate(q.options)] if q and not multiple else []
            )
            c["choice"].value = None
            for i, box in enumerate(self.ticks):
                box.value = False
                used = multiple and i < len(q.options)
                box.description = q.options[i].text if used else f"option {i + 1}"
                box.layout.display = None if used else "none"
        c["choice"].layout.display = None if q and not multiple else "none"
        if q is None:
            self.image.layout.display = "none"
            return
        hint = " <i>(tick all that apply)</i>" if multiple and "Tick" not in q.prompt else ""
        # h3: the quiz sits under a notebook's "## Quiz" heading, and headings go down one level
        self.prompt.value = f'<h3 class="mt-question">{esc(q.prompt)}{hint}</h3>'
        if q.trace and q.trace in self.trace_ids:
            t, y = physiology.signature(q.trace, duration_s=TRACE_S)
            self._trace_line().set_data(t, y)
            self.alt_text = f"A simulated trace ({ILLUSTRATIVE}) of a movement to identify."
            self.image.layout.display = None
            self._render()
        else:
            self.image.layout.display = "none"

    def _trace_line(self) -> Line2D:
        """The line of the trace figure, which is made (and frozen) the first time it is needed:
        most quizzes have no trace question, and a figure costs more than all the controls."""
        if self.trace is None:
            with self.styled():
                self.fig = self.new_figure(9, 2.6)
                ax = self.fig.subplots()
                first = physiology.signature_ids()[0]
                t, y = physiology.signature(first, duration_s=TRACE_S)
                self.trace = plots.signal(ax, t, y, phenomenon=first).artists[0]
                self.trace.set_color(style.INK)  # neither colour nor title may give it away
                ax.set(
                    title=f"Which movement is this? ({ILLUSTRATIVE})",
                    xlim=(0, TRACE_S),
                    ylim=(-1.05, 1.05),
                )
                ax.set_title("", loc="left")
                self.fig.subplots_adjust(left=0.08, right=0.98, top=0.92, bottom=0.22)
            self.freeze(self.trace)
        return self.trace

    def feedback_html(self, fb: quiz.Feedback) -> str:
        """Feedback on every option: why it is right or wrong, and where to read more."""
        items = "".join(
            f'<li><span class="{"mt-right" if o.correct else "mt-wrong"}">'
            f"{MARK[o.correct]} {esc(o.verdict)}:</span> <b>{esc(o.text)}</b>"
            f" \u2014 {esc(o.why)}</li>"
            for o in fb.options
        )
        q = fb.question
        extra = f"<p>{esc(q.explanation)}</p>" if q.explanation else ""
        href = f"{q.notebook}.ipynb#{quiz.anchor(q.section)}"
        css = "mt-right" if fb.correct else "mt-wrong"
        return (
            f'<p class="{css}">{esc(fb.headline)}</p><ul>{items}</ul>{extra}'
            f'<p>Read more: <a href="{esc(href)}">{esc(q.notebook)}, {esc(q.section)}</a></p>'
        )

    def static_html(self) -> str:
        if self.image.layout.display == "none":
            fig, self.fig = self.fig, None  # the trace is hidden: leave it out of the picture
            try:
                return super().static_html()
            finally:
                self.fig = fig
        return super().static_html()

    def header_html(self) -> str:
        return self.progress.value + self.prompt.value

    def panels_html(self) -> str:
        q = self.session.current
        if q is None:
            return ""
        items = "".join(f"<li>{esc(o.text)}</li>" for o in q.options)
        return f"<ol type='A'>{items}</ol>{self.feedback.value}"
