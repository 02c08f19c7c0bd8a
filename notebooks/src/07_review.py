"""Build script of notebooks/07_review.ipynb (run: python tools/run_notebooks.py)."""

from nbbuild import code, md, references, solution, widget

import muscletwitch as mt

tax = mt.load_taxonomy()
SEED = tax.filter(in_seed=True)
SEED_TABLE = "\n".join(
    ["| Cause | The seed article says | What we teach |", "|---|---|---|"]
    + [f"| {c.name} | {c.seed_says} | {c.correction} |" for c in SEED if c.correction]
)
OMITTED = ", ".join(c.name.lower() for c in tax.filter(in_seed=False))

TITLE = "07 Review"
CELLS = [
    md(
        """
        # 07 Review

        **The whole course on one map, the seed article corrected, and a final quiz**

        *muscletwitch course, notebook 07 of 08. We teach, we do not diagnose.*
        """
    ),
    md(
        """
        ## Overview

        This last notebook puts the course together. One concept map holds every cause; three
        questions place any involuntary movement; one table sets each claim of the seed
        article beside what we teach instead. A mixed quiz over all notebooks closes the
        course.

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | Notebooks [01](01_what_is_a_twitch.ipynb) to [06](06_therapy_and_physiotherapy.ipynb) | Necessary | The quiz covers all of them |

        ## Time to learn

        20 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. **Explain** the course's **concept map**: why each cause sits with the benign or
           the pathological ones, and in which group.
        2. **Decide** where any involuntary movement belongs with **three questions**: what
           moves, where it starts, what comes with it.
        3. **Distinguish** the seed article's imprecise claims from what is correct, and
           **explain why** each correction matters to a worried reader.
        4. **Predict** what `mt.assess` says when one finding is added, and **decide** the next
           step for a friend's question.
        """
    ),
    code(
        """
        import muscletwitch as mt
        from muscletwitch import plots, style

        tax = mt.load_taxonomy()
        """
    ),
    md(
        """
        ## The concept map

        Every cause in the course, in two columns. **Benign** on the left: everyday triggers
        and harmless twitch patterns. **Pathological** on the right, grouped by where the
        disease acts: brain and spinal cord; motor neurons and nerves; metabolism and
        hormones; the autonomic system. A star marks the ten causes the seed article names.

        Cover the picture and try to rebuild it; then compare.
        """
    ),
    code(
        """
        with style.lecture():
            fig, ax = plots.subplots(figsize=(18, 10))
            drawn = plots.tree(ax, tax)
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        """
        ## Three questions for any movement

        1. **What moves?** A single fibre (invisible, EMG only), one motor unit (a visible
           twitch), a whole muscle (cramp, tic, jerk), or a body region (tremor, seizure).
        2. **Where does it start?** Brain, spinal cord, motor neuron, nerve, muscle, or
           body-wide (blood sugar, salts, hormones, stress).
        3. **What comes with it?** Weakness, wasting, spreading, slurred speech, a fever in a
           child, diabetes: the red flags of notebook 05.

        The first question, as a picture:
        """
    ),
    code(
        """
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 3.6))
            drawn = plots.anatomy(ax, highlight="motor-unit")
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        """
        ## What the seed article got wrong

        The short article this course started from is right that most twitching is harmless.
        In general terms it is imprecise in three places:

        - "Usually individual muscle fibres are affected": a **visible** twitch is one **motor
          unit**; single fibres (fibrillations) are invisible and show only on EMG.
        - "Regularly or at irregular intervals": it depends on the type. Fasciculations, tics
          and myoclonus are irregular; tremor, clonus and clonic seizures are rhythmic.
        - It leaves out causes, several of them common, that the course adds (listed next).
        """
    ),
    md(f"The causes the course adds to the seed article: {OMITTED}.", slide="-"),
    md(
        f"""
        ## The seed article's causes, corrected

        Cause by cause, from the course data (`seed_says` and `correction`):

        {SEED_TABLE}
        """
    ),
    md(
        """
        ## Exercise: explain it to a friend

        A friend has read the seed article and writes to you:

        > "My calf has twitched on and off for three days, since I started training for a
        > 10 km run. I've got exams too. The article says ALS and MS cause twitching. Should I
        > be worried?"

        Write three or four sentences in reply: what is likely, what the article gets wrong,
        and when they should see a doctor. Then see what `mt.assess` makes of the findings,
        and predict what adding "lasting over 2 weeks", "spreading" or "muscle weakness" does
        to the urgency before you open the solution.
        """
    ),
    code(
        """
        a = mt.assess("twitching", "recent-strenuous-exercise", "stress")
        a.urgency, [c.name for c in a.causes]
        """
    ),
    solution(
        """
        told = ("twitching", "recent-strenuous-exercise", "stress")
        a = mt.assess(*told)
        print("as told:", a.urgency, [c.name for c in a.causes])
        for extra in ["lasting-over-2-weeks", "spreading", "muscle-weakness"]:
            print(f"+ {extra}:", mt.assess(*told, extra).urgency)
        """,
        """
        A model answer:

        "Twitches like yours are very common: about 70% of healthy people notice them, and
        new training and exam stress are typical triggers. The article is misleading: MS
        causes stiffness and spasms, not twitching, and twitching on its own is rarely ALS;
        what matters is weakness or the muscle getting thinner. Rest, sleep and less coffee
        help. See a GP if it lasts more than 2 weeks, spreads, or the leg becomes weak."

        `mt.assess` agrees: as told, self-care, with stress and strenuous exercise ranked
        first among the causes that fit; each finding of the last sentence raises the urgency
        to seeing a doctor. Remember that the tool teaches the reasoning; it cannot examine
        your friend.
        """,
    ),
    md(
        """
        ## Quiz: the final quiz

        Ten questions mixed from all notebooks, including questions generated from the data.
        Each answer explains itself and links to the notebook section that teaches it; go back
        to any topic you missed. Press *Next* for a new question.
        """
    ),
    widget(
        """
        from muscletwitch import widgets

        widgets.Quiz(n=10, seed=7)
        """
    ),
    # progress (issue 15): the learner's weak spots, with links
    md(
        """
        ## Your weak spots

        From your own record (kept on this computer only): the exercises without full marks and
        the quiz questions you answered wrong, each with a link to the section that teaches it.
        """
    ),
    code(
        """
        from muscletwitch import progress

        progress.weak_spots()
        """,
        ignore_output="shows this learner's own progress record, which differs from run to run",
    ),
    md(
        """
        ## Summary

        - A visible twitch is one **motor unit** firing on its own; most twitching is
          **harmless** (stress, exercise, caffeine, lack of sleep) and settles by itself.
        - Movements differ by **what moves**, **where they start** and their **rhythm**: tics,
          tremor, myoclonus, seizures, spasticity, tetany are not twitches.
        - Disease shows itself by a different movement or by its **company**: weakness,
          wasting, spreading, slurred speech, a fever in a child, diabetes.
        - **Emergencies**: a first or long seizure, a febrile fit, a hypo with confusion or
          unconsciousness: call 999 / 112 / 911.
        - Treatments differ in **evidence** (GRADE): anti-seizure medicines and levodopa
          strong, exercise in MS moderate; Breuss and Dorn are unproven.

        ## What's next

        Go back to any notebook from [00 Start here](00_start_here.ipynb). At the command line,
        `muscletwitch show als` prints a card of any cause with its codes and sources. And if
        you are ever worried about a symptom: see a doctor.
        """
    ),
    references(
        *SEED,
        intro="Generated from the course data (`muscletwitch/data/sources.toml`): the sources "
        "behind each correction of the seed article.",
    ),
]
