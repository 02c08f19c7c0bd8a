"""Build script of notebooks/02_types_of_involuntary_movement.ipynb (python tools/run_notebooks.py).

The definition slides and the overview table are generated from the course data at build time.
"""

from nbbuild import code, exercise, md, quiz, references, solution, widget

import muscletwitch as mt

tax = mt.load_taxonomy()
EXTENT = {
    "single-fibres": "single fibres",
    "motor-unit": "one motor unit",
    "whole-muscle": "a muscle or muscle group",
    "body-region": "a body region",
}
SYSTEM = {"hpo": "HPO", "icd10": "ICD-10", "icd10cm": "ICD-10-CM", "mesh": "MeSH"}
TIC = tax.cause("tic-disorder")


def sites(p) -> str:
    return ", ".join(tax.site(s).name.lower() for s in p.site)


def examples(p, most: int = 4) -> str:
    names = [c.name for c in tax.filter(phenomenon=p.id)]
    if not names:
        return "no cause of its own here: it is a finding on EMG (notebook 04)"
    more = f", and {len(names) - most} more" if len(names) > most else ""
    return "; ".join(names[:most]) + more


def codes(p) -> str:
    first = {}
    for c in p.codes:
        first.setdefault(c.system, c)
    return ", ".join(f"{SYSTEM[c.system]} {c.code}" for c in first.values() if c.system != "mesh")


def definition(p) -> object:
    return md(
        f"""
        ## {p.name}

        > {p.summary}

        - **Rhythm:** {p.rhythm}; **involves:** {EXTENT[p.extent]}; **visible:** {"yes" if p.visible else "no, EMG only"}
        - **Starts in:** {sites(p)}
        - **Pattern:** {p.timing}
        - **Seen with, for example:** {examples(p)}
        - **Codes:** {codes(p)}
        """
    )


GLANCE = "\n".join(
    ["| Movement | Rhythm | Involves | Visible | Starts in |", "|---|---|---|---|---|"]
    + [
        f"| {p.name} | {p.rhythm} | {EXTENT[p.extent]} | {'yes' if p.visible else 'EMG only'} "
        f"| {sites(p)} |"
        for p in tax.phenomena
    ]
)

TITLE = "02 Types of involuntary movement"
CELLS = [
    md(
        """
        # 02 Types of involuntary movement

        **Fasciculation, myoclonus, tic, tremor, cramp, myokymia, clonus, seizure jerks, tetany**

        *muscletwitch course, notebook 02 of 08. We teach, we do not diagnose.*
        """
    ),
    md(
        """
        ## Overview

        "Twitching" covers very different movements. Some come from one motor unit, some from
        the brain; some are rhythmic, some random, some sustained. Knowing the type is the first
        step to knowing the cause, and it is what a doctor asks about first.

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | [01 What is a twitch?](01_what_is_a_twitch.ipynb) | Necessary | Motor units, fasciculation, summation |

        ## Time to learn

        25 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. Define ten kinds of involuntary movement and give an example of each.
        2. Sort them by **rhythm** (irregular, rhythmic, sustained) and by **extent** (one motor
           unit to a whole body region).
        3. Say where each starts: brain, spinal cord, nerve or muscle.
        4. Recognise a movement from its trace (an illustrative model).
        5. Explain why the seed article's "tick" is a **tic**, and what a tic is.
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
        ## Ten types at a glance

        {GLANCE}

        The next slides take them one by one. Definitions, examples and codes come from the
        course data; HPO is the Human Phenotype Ontology.
        """
    ),
    *[definition(p) for p in tax.phenomena if p.id != "tic"][:3],
    definition(tax.phenomenon("tic")),
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
    *[definition(p) for p in tax.phenomena if p.id != "tic"][3:],
    md(
        """
        ## Rhythm

        The quickest clue is the rhythm. Below, each movement's trace over 5 seconds, all on the
        same scales (illustrative model, not a recording):

        - **irregular**: fasciculation, myoclonus, tic: events at random times;
        - **rhythmic**: tremor, clonus, clonic seizure jerks: like a clock;
        - **sustained**: cramp and tetany: one long contraction (twitches fused).

        Fibrillation is rhythmic too, but tiny: invisible, on EMG only.
        """
    ),
    code(
        """
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 9))
            drawn = plots.comparison(ax, tax.phenomena, duration_s=5)
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        """
        ## Try it: the twitch simulator

        Pick a movement and change its rate or pattern; tick "Overlay a second movement" to
        compare two on one scale. The middle panel shows the discharge train driving the trace,
        the bottom one the force of a single event. All illustrative model, built from the
        course data.

        Things to try: set the tremor to 10 Hz (physiological tremor, 8-12 Hz), then to 5 Hz
        (within the parkinsonian range, 3-8 Hz); switch the extent of a fasciculation from one
        motor unit to a whole muscle and watch the force jump.
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

        The four traces A-D below come from four of the ten types. For each, decide:

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
        - **D: spasm / cramp**: sustained: the twitches of many motor units fuse into one long
          contraction.

        The clue is rhythm first (irregular, rhythmic, sustained), then size and duration.
        Real recordings are noisier; these traces are an illustrative model.
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

        - **Irregular**: fasciculation (one motor unit), myoclonus (a brief jerk, under 100 ms),
          tic (a movement pattern from the brain, preceded by an urge).
        - **Rhythmic**: tremor (oscillation; physiological 8-12 Hz, parkinsonian 3-8 Hz),
          clonus, clonic seizure jerks; myokymia ripples in bursts.
        - **Sustained**: spasm / cramp and tetany: many motor units firing fast, twitches fused.
        - **Invisible**: fibrillation, single fibres on EMG only.
        - The seed article's "tick" is a **tic**: it comes from the brain, not from single fibres.

        ## What's next

        [03 Benign causes](03_benign_causes.ipynb): the everyday, harmless reasons muscles
        twitch, and the evidence that they are harmless.
        """
    ),
    references(
        *tax.phenomena,
        TIC,
        intro="Generated from the course data (`muscletwitch/data/sources.toml`).",
    ),
]
