"""The specification of a lesson: copy this to notebooks/src/NN_short_name.py to start one.

Every course notebook has the sections in `REQUIRED_SECTIONS`, as headings that start with these
words, in this order (tests/test_notebooks.py checks each notebook against this list). Between
"Learning objectives" and "Exercise" go the lesson's ideas, one per slide (<= ~120 words), each
figure through `plots.show(fig, alt_text)` and each medical statement backed by a source in
muscletwitch/data/sources.toml. `python tools/run_notebooks.py notebooks/src/NN_short_name.py`
builds and executes it (files starting with "_" are not built). See CONTRIBUTING.md, "Add a
notebook", for what else a new notebook needs (its title in the course's notebook list, quiz
questions).
"""

from nbbuild import code, md, quiz, references, solution, widget

REQUIRED_SECTIONS = (
    "Overview",
    "Prerequisites",
    "Time to learn",
    "Learning objectives",
    "Exercise",
    "Quiz",
    "Summary",
    "What's next",
    "Resources and references",
)

TITLE = "NN Title of the lesson"
CELLS = [
    md(
        """
        # NN Title of the lesson

        **One line saying what the lesson is about**

        *muscletwitch course, notebook NN of 08. We teach, we do not diagnose.*
        """
    ),
    md(
        """
        ## Overview

        Two or three sentences: the question this lesson answers and why it matters.

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | [01 What is a twitch?](01_what_is_a_twitch.ipynb) | Necessary | Motor units |

        ## Time to learn

        20 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. A verb a student can be checked on: name, explain, tell apart, decide.
        2. One objective per idea of the lesson.
        """
    ),
    code(
        """
        import muscletwitch as mt
        from muscletwitch import physiology, plots, style

        tax = mt.load_taxonomy()
        """
    ),
    md(
        """
        ## One idea per slide

        Short prose. Where a common belief (for example the seed article) is imprecise, say
        what it says, why it is imprecise, and teach the correct version with its source.
        """
    ),
    code(
        """
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 4.2))
            drawn = plots.summation(ax, contraction_ms=60)
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        """
        ## Interactive demo: a widget

        Say what to try, and what to look for. Illustrative model.
        """
    ),
    widget(
        """
        from muscletwitch import widgets

        widgets.SummationLab(rate_hz=5)
        """
    ),
    md(
        """
        ## Exercise: a question answered with the public API

        State the task in numbered steps, then: start from the cell below.
        """
    ),
    code(  # the starting cell the student edits; it runs as it stands
        """
        t, force = physiology.summed_force(20, contraction_ms=60)
        physiology.fusion_index(force)
        """
    ),
    solution(  # code that runs with the notebook; the explanation reasons, the code prints
        """
        for rate in (10, 20, 40):
            t, force = physiology.summed_force(rate, contraction_ms=60)
            print(f"{rate} Hz: fusion index {physiology.fusion_index(force):.2f}")
        """,
        """
        Why the output looks as it does, without repeating its numbers.
        """,
    ),
    md(
        """
        ## Quiz

        Check yourself: each answer explains why it is right or wrong and links to the slide
        that teaches it.
        """
    ),
    # quiz("NN_short_name", n=5) once the lesson has questions in muscletwitch/data/quiz.toml
    *quiz(None, n=3),
    md(
        """
        ## Summary

        - One line per learning objective.

        ## What's next

        [Next notebook](00_start_here.ipynb): one line on what it adds.
        """
    ),
    references(
        "sica-mccomas-1971",
        "seed-article",
        intro="Generated from the course data (`muscletwitch/data/sources.toml`).",
    ),
]
