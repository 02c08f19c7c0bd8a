"""Build script of notebooks/03_benign_causes.ipynb (run: python tools/run_notebooks.py).

The cause slides, the "what helps" table and the red flags are generated from the course data.
"""

from nbbuild import code, exercise, md, quiz, references, solution, widget

import muscletwitch as mt

tax = mt.load_taxonomy()
BENIGN = tax.filter(category="benign")
FLAG_IDS = dict.fromkeys(f for c in BENIGN for f in c.red_flags)
FLAGS = [tax.red_flag(f) for f in FLAG_IDS]
EVIDENCE = ["reed-kurland-1963", "blexrud-1993", "fasciculation-healthy-1994", "schwellnus-2022"]


def lower(text: str) -> str:
    return text[0].lower() + text[1:]


def cause_slide(c) -> object:
    movements = ", ".join(tax.phenomenon(p).name.lower() for p in c.phenomena)
    card = md(
        f"""
        ## {c.name}

        {c.summary}

        **How:** {c.mechanism}

        **Movements:** {movements}. **Worse with:** {", ".join(c.worse)}.
        """
    )
    if not c.seed_says:
        return card
    seed = f'*The seed article:* "{c.seed_says}" **Our reading:** {c.correction}'
    return [card, md(seed, slide="-")]  # its own cell: a card stays a slide's worth


HELPS = "\n".join(
    ["| Cause | What helps |", "|---|---|"]
    + [f"| {c.name} | {'; '.join(c.better)} |" for c in BENIGN]
)
FLAG_LIST = "\n".join(
    f"- **{f.name}**"
    + (" (**emergency**: call 999, 112 or 911)" if f.urgency == "emergency" else "")
    for f in FLAGS
)

TITLE = "03 Benign causes"
CELLS = [
    md(
        """
        # 03 Benign causes

        **Stress, exercise, caffeine, sleep, medicines, and harmless twitch patterns**

        *muscletwitch course, notebook 03 of 08. We teach, we do not diagnose.*
        """
    ),
    md(
        """
        ## Overview

        Most muscle twitching is harmless. This notebook covers the everyday triggers and the
        harmless twitch patterns everyone should know, what helps, and the evidence that
        benign twitching is common and stays harmless. It ends with the signs that mean a
        twitch is no longer "just stress".

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | [01 What is a twitch?](01_what_is_a_twitch.ipynb) | Necessary | Motor units and fasciculation |
        | [02 Types of involuntary movement](02_types_of_involuntary_movement.ipynb) | Helpful | Myokymia, myoclonus, cramp |

        ## Time to learn

        20 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. Name eight benign causes of twitching and the movement each brings.
        2. Explain how stress, caffeine and fatigue make nerves and muscles twitch.
        3. Quote the evidence that benign twitching is common and harmless.
        4. Say what helps, and which signs mean "see a doctor" instead.
        5. Correct two claims of the seed article: "psychological" and "strained muscles".
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
        ## Benign: harmless, not imaginary

        *Common belief (the seed article): harmless twitching is "often psychological".*

        Partly right, but "psychological" suggests it is in the mind. The twitches are real
        discharges of healthy motor units; what stress, caffeine and tiredness change is how
        **excitable** nerves and muscles are. Benign means the nerves and muscles are healthy
        and the twitching does no harm.

        The map shows where the benign causes act (highlighted: stress).
        """
    ),
    code(
        """
        with style.lecture():
            fig, ax = plots.subplots(figsize=(10, 5.5))
            drawn = plots.levels(ax, tax.sites, highlight=tax.cause("stress"))
        plots.show(fig, drawn.alt_text)
        """
    ),
    *[cause_slide(c) for c in BENIGN],
    md(
        """
        ## The evidence: common and harmless

        - About **70%** of healthy people notice fasciculations (Reed & Kurland 1963).
        - **121** people with benign fasciculations were followed for 2-32 years: **none**
          developed motor neuron disease (Blexrud, Windebank & Daube 1993).
        - EMG of healthy 18-25-year-olds found fasciculation potentials in a foot muscle
          (abductor hallucis) in **all 50** (van der Heijden et al. 1994).
        - Exercise-associated cramps: **12.8%** lifetime history among 21-56 km race entrants
          (Schwellnus et al. 2022, SAFER XXII).
        """
    ),
    code(
        """
        evidence = {
            "notice fasciculations\\n(Reed & Kurland 1963)": 70,
            "fasciculation potentials on EMG\\n(50 healthy adults, 1994)": 100,
            "exercise cramps, race entrants\\n(SAFER XXII 2022)": 12.8,
            "developed MND in 2-32 years\\n(121 people, Blexrud 1993)": 0,
        }
        with style.lecture():
            fig, ax = plots.subplots(figsize=(11, 4))
            bars = ax.barh(list(evidence), list(evidence.values()), color=style.colour_of("benign"))
            ax.bar_label(bars, fmt="%g%%", padding=4)
            ax.set(
                xlim=(0, 115),
                xlabel="% of people studied",
                title="Benign twitching: the numbers (cited studies)",
            )
            ax.invert_yaxis()
        plots.show(
            fig,
            "Bar chart of the cited studies: 70% notice fasciculations, 100% of 50 healthy "
            "adults had fasciculation potentials on EMG, 12.8% of race entrants had exercise "
            "cramps, 0% of 121 people developed MND.",
        )
        """
    ),
    md(
        f"""
        ## What helps

        {HELPS}

        Most benign twitching settles on its own once the trigger goes. None of this replaces
        a doctor's advice: we teach, we do not diagnose.
        """
    ),
    md(
        f"""
        ## When benign is no longer the answer

        The benign causes above come with these red flags (NHS; NICE NG127). If one applies,
        see a doctor: the course cannot tell you what it is.

        {FLAG_LIST}

        Notebook 05 goes through every red flag and what to do. We teach, we do not diagnose.
        """
    ),
    md(
        """
        ## Explore the benign causes

        The cause explorer, set to benign causes. Pick a cause to read its card: movements,
        mechanism, what helps, red flags and sources. Try the search box with *coffee*,
        *eyelid* or *sleep*.
        """
    ),
    widget(
        """
        from muscletwitch import widgets

        explorer = widgets.CauseExplorer(cause="eyelid-myokymia")
        explorer.controls["category"].value = "benign"
        explorer
        """
    ),
    md(
        """
        ## Exercise: what changes with a red flag?

        `mt.assess(...)` takes findings (ids from the course data) and lists the causes that fit,
        with the red flags and an urgency. It teaches how findings combine; it is not a
        diagnosis.

        1. Run the cell: a student with exam stress and little sleep notices a twitching calf.
           Which causes fit, and how urgent is it?
        2. Add the finding `"lasting-over-2-weeks"`. What changes, and why?
        """
    ),
    code(
        """
        a = mt.assess("twitching", "stress", "poor-sleep")
        print(a.urgency, [c.name for c in a.causes], [f.name for f in a.red_flags])
        """
    ),
    solution(
        """
        a = mt.assess("twitching", "stress", "poor-sleep", "lasting-over-2-weeks")
        print(a.urgency, [c.name for c in a.causes], [f.name for f in a.red_flags])
        """,
        """
        Without it: **self-care**; stress and lack of sleep fit, no red flags. With it:
        **see-a-doctor**, because twitching for more than 2 weeks is a red flag (NHS). Benign
        fasciculation syndrome now also fits. The causes are still benign ones: the urgency
        changes because only an examination can tell, not because the twitch became
        dangerous.
        """,
    ),
    # exercises 03-benign-urgency and 03-best-fit: stub + check; solutions stay here
    exercise(
        "03-benign-urgency",
        """
        findings = ["twitching", "caffeine", "poor-sleep", "stress"]
        """,
        "answer = mt.assess(*findings).urgency",
        hint="an urgency level",
    ),
    exercise(
        "03-best-fit",
        """
        findings = ["twitching", "caffeine", "poor-sleep", "stress"]
        """,
        "answer = mt.assess(*findings).causes[0].id",
        hint="a cause id",
    ),
    md(
        """
        ## Quiz

        Check yourself on the benign causes; each answer explains why and links back to the
        slide that teaches it.
        """
    ),
    *quiz("03_benign_causes", n=8),
    md(
        """
        ## Summary

        - Everyday triggers (stress, strenuous exercise, caffeine, lack of sleep, some
          medicines) make healthy nerves and muscles more excitable.
        - Harmless patterns: benign fasciculation syndrome, eyelid myokymia, hiccups and sleep
          starts.
        - The evidence: about 70% of healthy people notice twitches; none of 121 people with
          benign fasciculations developed MND over 2-32 years.
        - Rest, sleep, less caffeine and stretching help; never stop a prescribed medicine
          without advice.
        - Twitching over 2 weeks, spreading, or with weakness or wasting: see a doctor.

        ## What's next

        [04 Pathological causes](04_pathological_causes.ipynb): the diseases behind some
        involuntary movements, and what the seed article got wrong about them.
        """
    ),
    references(
        *BENIGN,
        *FLAGS,
        *EVIDENCE,
        intro="Generated from the course data (`muscletwitch/data/sources.toml`).",
    ),
]
