"""Build script of notebooks/02_types_of_involuntary_movement.ipynb (python tools/run_notebooks.py).

Organised as a clinician reasons: from what a person sees (the presentations of course.toml) to
the questions that tell the movements apart. Cards and tables are generated from the course data.
"""

from nbbuild import code, exercise, md, quiz, references, solution, widget

import muscletwitch as mt
from muscletwitch.course import load_course

tax = mt.load_taxonomy()
course = load_course()
TIC = tax.cause("tic-disorder")


def sites(p) -> str:
    return ", ".join(tax.site(s).name.lower() for s in p.site)


def examples(p, most: int = 3) -> str:
    names = [c.name for c in tax.filter(phenomenon=p.id)]
    more = f", and {len(names) - most} more" if len(names) > most else ""
    return "; ".join(names[:most]) + more


RHYTHM = {"irregular": "irregular", "regular": "rhythmic", "sustained": "sustained"}
RHYTHM["either"] = "rhythmic or irregular"


def card(p, *, full: bool = False) -> str:
    """A movement in a few lines: its definition and what it involves (extent from course.toml)."""
    seen = f"Seen with: {examples(p)}." if tax.filter(phenomenon=p.id) else ""
    first = p.summary if full else p.summary.split(". ")[0].rstrip(".") + "."
    return (
        f"### {p.name}\n\n{first} "
        f"*{RHYTHM[p.rhythm].capitalize()}; involves {course.level(p.extent).involves}; "
        f"starts in: {sites(p)}.* {seen}"
    )


def slides(cards: list[str], most_words: int = 130) -> list[object]:
    """Cards packed into as few subslides as keep each under ``most_words`` words."""
    packed: list[list[str]] = [[]]
    for c in cards:
        if packed[-1] and len(" ".join([*packed[-1], c]).split()) > most_words:
            packed.append([])
        packed[-1].append(c)
    return [md("\n\n".join(group), slide="subslide") for group in packed]


def presentation(pid: str, *extra: object) -> list[object]:
    """A presentation's slide (its questions), then its movements' cards."""
    pr = course.presentation(pid)
    ask = "\n".join(f"{i}. {q}" for i, q in enumerate(pr.ask, 1))
    movements = ", ".join(tax.phenomenon(i).name.split(" (")[0].lower() for i in pr.phenomena)
    full = len(pr.phenomena) == 1
    return [
        md(f"## {pr.name}\n\nCould be: {movements}. Ask:\n\n{ask}"),
        *slides([card(tax.phenomenon(i), full=full) for i in pr.phenomena]),
        *extra,
    ]


GLANCE = "\n".join(
    ["| What you see | Could be | Rhythm | Involves |", "|---|---|---|---|"]
    + [
        f"| {pr.name} | {tax.phenomenon(i).name} | {RHYTHM[tax.phenomenon(i).rhythm]} "
        f"| {course.level(tax.phenomenon(i).extent).involves} |"
        for pr in course.presentations
        for i in pr.phenomena
    ]
)
SYSTEM = {"hpo": "HPO", "icd10": "ICD-10", "icd10cm": "ICD-10-CM", "mesh": "MeSH"}
CODES = "\n".join(
    ["| Movement | Codes (HPO, WHO ICD-10, ICD-10-CM) |", "|---|---|"]
    + [
        f"| {p.name} | "
        + ", ".join(f"{SYSTEM[c.system]} {c.code}" for c in p.codes if c.system != "mesh")
        + " |"
        for p in tax.phenomena
    ]
)

TITLE = "02 Types of involuntary movement"
CELLS = [
    md(
        """
        # 02 Types of involuntary movement

        **From what you see to what it could be: flicker, jerk, shaking, spasm, tic, stiffness**

        *muscletwitch course, notebook 02 of 08. We teach, we do not diagnose.*
        """
    ),
    md(
        """
        ## Overview

        "Twitching" covers very different movements. A clinician does not start from a list of
        definitions but from **what the person sees**: a brief flicker, a jerk, rhythmic shaking,
        a sustained spasm or posture, a repeated stereotyped movement. Each presentation has a
        few **questions that tell its movements apart**. This notebook follows that route.

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | [01 What is a twitch?](01_what_is_a_twitch.ipynb) | Necessary | Motor units, fasciculation |
        | [08 The motor pathway and reflexes](08_motor_pathway_and_reflexes.ipynb) | Helpful | Upper and lower motor neuron, the stretch reflex |

        ## Time to learn

        25 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. **Decide** from what a person sees (flicker, jerk, shaking, sustained spasm or
           posture, stereotyped movement, stiffness) which movements to consider.
        2. **Distinguish** them with the discriminating questions: rhythm, urge and
           suppression, trigger (rest, posture, stretch, action) and the company it keeps.
        3. **Distinguish** rigidity from spasticity by how resistance changes with the speed of
           a passive stretch, and **explain why** each points to a different part of the
           nervous system.
        4. **Predict** what a movement's trace looks like from its rhythm, and identify a trace.
        5. **Explain why** fibrillation is an EMG finding, not a visible twitch, and why the seed
           article's "tick" is a tic.
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
        f"""
        ## At a glance: what you see, what it could be

        {GLANCE}

        The next slides take each presentation in turn: first the questions to ask, then the
        movements it could be. Definitions come from the course data.
        """
    ),
    *presentation("flicker"),
    *presentation("jerk"),
    *presentation("shaking"),
    *presentation("sustained"),
    *presentation(
        "stereotyped",
        md(
            f"""
            ### Common belief: the "tick"

            *The seed article:* "{TIC.seed_says}"

            **Imprecise.** {TIC.correction}

            Tics are common in children: Tourette syndrome affects 3-8 per 1,000 children; tics
            usually start at 4-6 years and are worst at 10-12 (MSD Manual).
            """,
            slide="subslide",
        ),
    ),
    *presentation("stiffness"),
    md(
        """
        ### Rigidity or spasticity: feel the difference

        An examiner moves a relaxed limb slowly, then fast. In **spasticity** the resistance
        rises with speed: the stretch reflex is released from the upper motor neuron's
        control, so the faster stretch excites the spindles more (a "catch"). In **rigidity**
        it is the same at any speed and in both directions (lead-pipe), ratcheting when a
        tremor rides on it (cogwheel): a basal-ganglia sign of Parkinson's disease.
        Predict the two lines before you look. (The reflex behind it:
        [08 The motor pathway and reflexes](08_motor_pathway_and_reflexes.ipynb).)
        """
    ),
    code(
        """
        stiff = [tax.phenomenon("spasticity"), tax.phenomenon("rigidity")]
        with style.lecture():
            fig, ax = plots.subplots(figsize=(11, 5.5))
            drawn = plots.tone(ax, stiff)
        plots.show(fig, drawn.alt_text)
        """,
        slide="-",
    ),
    *presentation("emg-only"),
    md(
        """
        ## Rhythm

        Rhythm is the quickest clue. Below, each movement's trace over 5 seconds, all on the
        same scales (illustrative model, not a recording):

        - **irregular**: fasciculation, myoclonus, tic, chorea: events at random times;
        - **rhythmic**: tremor, clonus, clonic seizure jerks: like a clock;
        - **sustained**: cramp, tetany, dystonia: one long contraction;
        - spasticity and rigidity: resistance during each passive stretch, no rhythm of their
          own; fibrillation: tiny, on EMG only.
        """
    ),
    code(
        """
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 10))
            drawn = plots.comparison(ax, tax.phenomena, duration_s=5)
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        """
        ## Try it: the twitch simulator

        Pick a movement and change its rate or pattern; tick "Overlay a second movement" to
        compare two on one scale. The middle panel shows the discharge train driving the trace,
        the bottom one the force of a single event. All illustrative model.

        Predict first, then try: set the tremor to 10 Hz (physiological tremor, 8-12 Hz), then to
        5 Hz. Five hertz lies in Parkinson's typical 4-6 Hz but also in essential tremor's
        4-12 Hz: frequency alone cannot decide; when the tremor appears (at rest or in action)
        does. Then overlay fasciculation and myokymia: single flickers against bursts.
        """
    ),
    widget(
        """
        from muscletwitch import widgets

        widgets.TwitchSimulator(phenomenon="tremor")
        """
    ),
    md(
        """
        ## Exercise: match the trace

        The four traces A-D below come from four of the movements. For each, decide:

        1. Is it irregular, rhythmic or sustained?
        2. Which type is it? Pick from: fasciculation, myoclonus, tic, tremor, spasm / cramp,
           seizure jerks.

        Don't reveal the code of the next cell: it gives the answer away. Compare with the stacked
        traces above instead.
        """
    ),
    code(
        """
        mystery = {"A": "seizure", "B": "fasciculation", "C": "tremor", "D": "spasm-cramp"}
        traces = [tax.phenomenon(pid) for pid in mystery.values()]
        labels = [f"Trace {label}" for label in mystery]
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 5))
            drawn = plots.comparison(ax, traces, seed=7, labels=labels, colour=style.INK)
            ax.set_title("Four mystery traces on one scale (illustrative model)")
        alt = drawn.alt_text.replace("signatures", "unnamed traces")
        plots.show(fig, alt + " Identify each by its timing.")
        """,
        hidden=True,
        slide="-",
    ),
    solution(
        """
        for label, pid in mystery.items():
            p = tax.phenomenon(pid)
            print(f"Trace {label}: {p.name}, rhythm: {p.rhythm}")
        """,
        """
        - **A: seizure jerks** (clonic): rhythmic, large jerks at a steady rate, starting and
          stopping: a seizure, from the brain.
        - **B: fasciculation**: irregular, small, isolated twitches: single motor units.
        - **C: tremor**: rhythmic oscillation that never stops.
        - **D: spasm / cramp**: sustained: many motor units firing fast, fused into one long
          contraction.

        The clue is rhythm first (irregular, rhythmic, sustained), then size and duration.
        Real recordings are noisier; these traces are an illustrative model. At the bedside the
        questions of each presentation (urge? at rest? with a stretch?) decide, not the trace.
        """,
    ),
    # exercises 02-tremor-frequency and 02-tremor-type: stub + check; solutions stay here
    exercise(
        "02-tremor-frequency",
        """
        from muscletwitch import exercises

        t, y = exercises.trace("02-tremor-frequency")
        """,
        """
        import numpy as np

        freqs = np.fft.rfftfreq(len(y), 1 / 1000)
        answer = freqs[np.argmax(np.abs(np.fft.rfft(y)))]
        """,
        hint="the frequency in Hz",
    ),
    exercise(
        "02-tremor-type",
        """
        from muscletwitch import exercises

        t, y = exercises.trace("02-tremor-type")
        """,
        """
        import numpy as np
        from muscletwitch import physiology

        freqs = np.fft.rfftfreq(len(y), 1 / 1000)
        f = freqs[np.argmax(np.abs(np.fft.rfft(y)))]
        fits = [k for k in ("parkinsonian", "essential") if physiology.tremor_range_hz(k)[0] <= f <= physiology.tremor_range_hz(k)[1]]
        answer = fits[0]
        """,
        hint='"parkinsonian" or "essential"',
    ),
    md(
        """
        ## Quiz

        Check yourself: each answer explains why it is right or wrong and links to the slide
        that teaches it.
        """
    ),
    *quiz("02_types_of_involuntary_movement", n=8),
    md(
        """
        ## Summary

        - Start from **what you see**: a flicker (fasciculation, myokymia), a jerk (myoclonus,
          chorea, seizure), rhythmic shaking (tremor, clonus), a sustained spasm or posture
          (cramp, tetany, dystonia), a stereotyped movement (tic).
        - Then ask: rhythmic? urge and suppressible? at rest, in a posture, with a stretch, in
          action? what company (weakness, tingling, fever, lost awareness)?
        - **Stiffness** is found by moving the limb: spasticity rises with speed (upper motor
          neuron), rigidity does not (Parkinson's).
        - **Fibrillation** is an EMG finding, never a visible twitch.
        - The seed article's "tick" is a **tic**: it comes from the brain, not from single fibres.

        ## What's next

        [03 Benign causes](03_benign_causes.ipynb): the everyday, harmless reasons muscles
        twitch, and the evidence that they are harmless.
        """
    ),
    md(
        f"""
        ## Appendix: codes

        For reference, not to learn: the ontology codes each movement carries in the course data
        (HPO = Human Phenotype Ontology).

        {CODES}
        """
    ),
    references(
        *tax.phenomena,
        TIC,
        *course.presentations,
        intro="Generated from the course data (`muscletwitch/data/sources.toml`).",
    ),
]
