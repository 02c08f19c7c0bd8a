"""Build script of notebooks/00_start_here.ipynb (run: python tools/run_notebooks.py)."""

from nbbuild import code, md, quiz, references, solution, widget

import muscletwitch as mt
from muscletwitch.course import load_course

tax = mt.load_taxonomy()

COURSE = [  # (notebook, title, what you learn, minutes), in course order (course.toml)
    (nb.id, nb.title, nb.learn, nb.minutes) for nb in load_course().notebooks
]
PATH_TABLE = "\n".join(
    ["| # | Notebook | You learn | Minutes |", "|---|---|---|---|"]
    + [
        f"| {nb[:2]} | [{title}]({nb}.ipynb) | {what} | {mins} |"
        for nb, title, what, mins in COURSE
    ]
)

TITLE = "00 Start here"
CELLS = [
    md(
        """
        # 00 Start here

        **Muscle twitches: an interactive course**

        *muscletwitch course, notebook 00 of 08. We teach, we do not diagnose.*
        """
    ),
    md(
        """
        ## Overview

        Almost everyone has felt an eyelid flicker or a calf twitch. This course explains what
        happens in nerve and muscle when that happens, which kinds of involuntary movement
        exist, what causes them, when a doctor should look, and what helps.

        It is for **students** following a lecture, where the lecturer projects the notebooks and
        moves the sliders, and for **self-learners** working through at their own pace. No
        medical background is needed; no programming either: every code cell is short and you
        can simply run it.
        """
    ),
    md(
        """
        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | A running Jupyter (JupyterLab or Notebook) | Helpful | Without one you can still read; widgets then show a static picture |
        | School biology | Helpful | Nerves carry signals; muscles contract |

        ## Time to learn

        15 minutes.

        ## Learning objectives

        After this notebook you can:

        1. Run a cell, run a whole notebook, and restart it.
        2. Move a slider in a widget and read what changes.
        3. Find your way along the nine notebooks of the course.
        4. Say what this course can do (teach) and what it cannot (diagnose).
        """
    ),
    md(
        """
        ## How to use a notebook

        A notebook is a list of **cells**: text cells like this one, and code cells.

        - **Shift+Enter** runs the selected cell and moves to the next one.
        - **Run > Run All Cells** runs the whole notebook from the top: do this first.
        - **Kernel > Restart Kernel and Run All Cells** starts again from a clean state.
        - Some cells only build an interactive **widget**; their code is hidden (click the
          small "..." to show it). Move a slider or pick from a list and the picture updates.
        - In a static view (GitHub, a web page) you see the pictures but cannot move sliders.

        Try it: select the cell below and press Shift+Enter.
        """
    ),
    code(
        """
        import muscletwitch as mt
        from muscletwitch import plots, style

        tax = mt.load_taxonomy()
        print(f"The course knows {len(tax.causes)} causes and {len(tax.phenomena)} kinds of movement.")
        """
    ),
    md(
        """
        ## The map of the course

        Every cause of twitching the course covers, split into **benign** (harmless) and
        **pathological** (caused by a disease). A star marks the ten causes named by the short
        article this course started from: an article that is imprecise in places. Where it is,
        each notebook says what the common belief is and what is correct instead.
        """
    ),
    code(
        """
        with style.lecture():
            fig, ax = plots.subplots(figsize=(18, 8))
            drawn = plots.tree(ax, tax)
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        f"""
        ## The learning path

        {PATH_TABLE}

        Work through them in order; each takes 15-25 minutes and ends with a quiz.
        """
    ),
    md(
        """
        ## We teach, we do not diagnose

        This course explains; it cannot examine you, and it may be wrong for you. Wherever it
        could be read as advice, it shows the same rule, taken from the course data:
        """
    ),
    code(
        """
        from IPython.display import Markdown

        Markdown("> **Medical disclaimer.** " + tax.disclaimer)
        """
    ),
    md(
        """
        ## A first taste: move a slider

        Below is the **cause explorer** you will use later in the course. Pick a category or a
        kind of movement, or type a word such as *coffee* or *blink*, and the map lights up
        where that cause belongs and where in the nervous system it starts.

        In a lecture: the lecturer moves the controls; watch the map.
        """
    ),
    widget(
        """
        from muscletwitch import widgets

        widgets.CauseExplorer(cause="caffeine")
        """
    ),
    md(
        """
        ## Exercise: ask the course a question

        `tax.filter(...)` returns the causes that match every field you give, for example
        `tax.filter(category="benign")`.

        1. Run the cell below: how many causes are benign?
        2. Change it to count the causes named by the seed article (`in_seed=True`).
        3. Which of those are benign?
        """
    ),
    code(
        """
        len(tax.filter(category="benign"))
        """
    ),
    solution(
        """
        seed = tax.filter(in_seed=True)
        print(len(seed), "causes from the seed article")
        print("benign:", [c.name for c in tax.filter(in_seed=True, category="benign")])
        """,
        """
        Two of the seed article's causes are benign: psychological stress and strenuous
        exercise. The article left out the commonest harmless triggers (caffeine, lack of
        sleep, eyelid myokymia), which notebook 03 adds.
        """,
    ),
    md(
        """
        ## Quiz: a taste of the course

        Three questions from later notebooks, to see what you know already. Don't worry if
        you can't answer them yet: each answer links to the notebook that teaches it.
        """
    ),
    *quiz(None, n=3, seed=1),
    # progress (issue 15): where the learner stands and what to do next
    md(
        """
        ## Your progress

        Your quiz answers and exercise checks are kept on this computer only, in a small file
        `muscletwitch-progress.json` in the course folder (nothing is sent anywhere). The cell
        below shows where you stand; `muscletwitch progress` prints the same in a terminal.
        """
    ),
    code(
        """
        from muscletwitch import progress

        progress.overview()
        """,
        ignore_output="shows this learner's own progress record, which differs from run to run",
    ),
    md(
        """
        ## Summary

        - Run cells with **Shift+Enter**; run everything with **Run All**; restart when stuck.
        - Hidden cells build **widgets**: move their controls and watch the pictures change.
        - Eight notebooks lead from what a twitch is to when to see a doctor and what helps.
        - The course teaches; it does not diagnose. If you are worried, see a doctor.

        ## What's next

        [01 What is a twitch?](01_what_is_a_twitch.ipynb): muscle fibres, motor units, and why
        a visible twitch is never a single fibre.
        """
    ),
    references(
        "seed-article",
        "nhs-twitching",
        "hpo-2025",
        *(tax.red_flag(r) for r in ("seizure", "febrile-child", "hypo")),
        intro="Generated from the course data (`muscletwitch/data/sources.toml`). "
        "The disclaimer's emergency advice comes from these guidance pages.",
    ),
]
