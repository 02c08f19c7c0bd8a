"""Build script of notebooks/01_what_is_a_twitch.ipynb (run: python tools/run_notebooks.py)."""

from nbbuild import code, exercise, md, quiz, references, solution, widget

import muscletwitch as mt
from muscletwitch.course import load_course

tax = mt.load_taxonomy()
FASC, FIB = tax.phenomenon("fasciculation"), tax.phenomenon("fibrillation")
CRAMP = tax.phenomenon("spasm-cramp")
RATIOS = [f for f in load_course().figures if f.unit == "fibres per motor unit"]
RATIO_TABLE = "\n".join(
    ["| Muscle | Fibres per motor unit (about) |", "|---|---|"]
    + [f"| {f.label.capitalize()} | {f.value:,.0f} |" for f in RATIOS]
)
RATIOS.sort(key=lambda f: f.value)
RATIO_STUDY = RATIOS[0].study

TITLE = "01 What is a twitch?"
CELLS = [
    md(
        """
        # 01 What is a twitch?

        **Fibres, motor units and muscles; fasciculation, fibrillation and fusion**

        *muscletwitch course, notebook 01 of 08. We teach, we do not diagnose.*
        """
    ),
    md(
        """
        ## Overview

        The word "twitch" is used loosely. This notebook makes it precise: what contracts when a
        muscle twitches, which twitches you can see and which you cannot, how fast one twitch is,
        and why a cramp is something different.

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | [00 Start here](00_start_here.ipynb) | Helpful | How to run cells and move sliders |
        | Nerve and muscle, school level | Helpful | Nerves carry signals; muscles contract |

        ## Time to learn

        20 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. **Distinguish** the muscle's structure (fibre, fascicle, muscle) from the **motor
           unit**, and explain why one unit's fibres lie scattered across many fascicles.
        2. **Explain why** a visible twitch is one motor unit, not a single fibre, and
           **predict** how large a force step one unit adds in an eye muscle and in the calf.
        3. **Distinguish** a **fasciculation** from a **fibrillation**, and decide which needs an
           EMG to be seen.
        4. **Predict** from a twitch's time course (35-98 ms) when one unit's twitches sum and
           fuse.
        5. **Explain why** normal force is smooth (recruitment, rate coding, units out of step),
           and why a cramp is not a big twitch.
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
        ## Motor units

        A skeletal muscle is built from long cells, the **muscle fibres**. Connective tissue
        packs fibres into bundles (**fascicles**), and many fascicles make a **muscle**.

        The nerve groups fibres differently. One **motor neuron** in the spinal cord sends its
        axon into the muscle, where it branches to many fibres. That neuron and all the fibres
        it supplies form a **motor unit**: when the neuron fires once, all its fibres twitch at
        once. These fibres are not side by side in one fascicle: they are **scattered across
        many fascicles**, interleaved with other units' fibres. A motor unit is an overlay
        across the muscle's structure, not a step between fibre and fascicle.
        """
    ),
    code(
        """
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 4.2))
            drawn = plots.anatomy(ax, highlight="motor-unit")
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        f"""
        ### How many fibres per motor unit?

        The **innervation ratio** is the number of muscle fibres one motor neuron supplies
        ({RATIO_STUDY}):

        {RATIO_TABLE}

        It matches how fine the control must be. Recruiting one more eye-muscle unit adds a tiny
        force step, so eye movements can be graded very finely; one more calf unit adds a big
        step, as suits a muscle that lifts the body. Either way the motor unit is the smallest piece of
        muscle the nervous system can move.
        """
    ),
    md(
        f"""
        ## What "twitch" means, and what it does not

        In physiology a **twitch** is the brief contraction of a motor unit (or a muscle) after a
        single nerve impulse: it rises, peaks and relaxes within a fraction of a second.

        In everyday speech a twitch is a brief, involuntary flicker you can see or feel. Most
        often that is a **fasciculation**: {FASC.summary[0].lower() + FASC.summary[1:]}

        Not twitches: a **cramp** (sustained, lasting seconds to minutes), a **tremor**
        (rhythmic), a **tic** (a whole movement from the brain, preceded by an urge).
        Notebook 02 compares them all.
        """
    ),
    md(
        """
        ## Fasciculation

        *Common belief (the seed article): "usually individual muscle fibres are affected".*

        That is imprecise for anything you can see. A single fibre is far too small to move the
        skin. A **visible twitch is one motor unit**: one motor neuron firing on its own, and
        every fibre it supplies twitching with it.

        Fasciculations are very common in healthy people: about 70% notice them at some time,
        particularly people with medical training (Reed & Kurland 1963, as Blexrud et al. 1993
        sum it up). Whether they matter depends on what comes with them (notebooks 03-05).
        """
    ),
    md(
        """
        *A word with a history:* "fasciculation" comes from *fasciculus*, a fascicle. It was
        named when the twitch was thought to be a whole bundle of fibres contracting (Baker &
        Williams 2020). We now know it is one motor unit, whose fibres are spread over many
        fascicles: the name stayed, the idea did not. Keep the name; picture the overlay.
        """,
        slide="-",
    ),
    md(
        f"""
        ## Fibrillation: the twitch nobody sees

        {FIB.summary}

        | Feature | Fasciculation | Fibrillation |
        |---|---|---|
        | What fires | one motor unit | one muscle fibre |
        | Visible through the skin | yes | no: EMG only |
        | In healthy people | common | a sign of denervation |
        | HPO term | {FASC.codes[0].code} {FASC.codes[0].label} | {FIB.codes[0].code} {FIB.codes[0].label} |

        The figure below simulates the movement of the skin for each: same scale, illustrative
        model.
        """
    ),
    code(
        """
        pairs = {"fasciculation": "motor-unit", "fibrillation": "single-fibres"}
        labels = {
            "fasciculation": "fasciculation: one motor unit",
            "fibrillation": "fibrillation: single fibres",
        }
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 3.4))
            for (pid, extent), dashes in zip(pairs.items(), ["-", "--"], strict=True):
                t, force, surface = physiology.extent_signal(extent)
                ax.plot(t * 1000, surface, dashes, color=style.colour_of(pid), label=labels[pid])
            ax.set(
                xlabel="time (ms)",
                ylabel="skin movement (a.u.)",
                title="Skin movement on one scale (illustrative model)",
            )
            ax.legend()
        plots.show(
            fig,
            "Skin movement on one scale (illustrative model): a fibrillation of single fibres "
            "leaves the skin still, a fasciculation of one motor unit makes a visible flicker.",
        )
        """
    ),
    md(
        """
        ## Rhythm: regular or irregular?

        The seed article says twitches "can occur regularly or at irregular intervals". True, but
        it depends on the type, and the difference is a useful clue:

        - **irregular**: fasciculations, myoclonus, tics;
        - **rhythmic**: tremor, clonus, clonic seizure jerks.

        Each tick below is one discharge of a motor neuron, firing about 8 times a second in both
        rows: once like a clock, once at random. Illustrative model.
        """
    ),
    code(
        """
        regular = physiology.discharge_train(8, 3, regular=True, seed=1)
        irregular = physiology.discharge_train(8, 3, regular=False, seed=2)
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 2.8))
            plots.raster(ax, [regular, irregular], labels=["regular", "irregular"])
            ax.set_title("Discharge trains, 8 per second on average (illustrative model)")
        plots.show(
            fig,
            "Two discharge trains at 8 per second (illustrative model): the regular one evenly "
            "spaced like a clock, the irregular one clustered with gaps.",
        )
        """
    ),
    # exercise 01-discharge-cv: stub + check; the solution stays here (tests/test_exercises.py)
    exercise(
        "01-discharge-cv",
        """
        train = physiology.discharge_train(8, 3, regular=False, seed=2)
        """,
        """
        import numpy as np

        intervals = np.diff(train)
        answer = intervals.std() / intervals.mean()
        """,
        hint="the CV of the intervals",
    ),
    md(
        """
        ## How long is one twitch?

        Sica and McComas (1971) measured single motor units in a human foot muscle: the
        **contraction time** (from the start of the twitch to its peak) ranged from **35 to 98
        ms**. Slow units rise slowly and relax slowly; fast units are brisk.

        So one twitch is over within a few tenths of a second. The curves below use the two ends
        of that measured range.
        """
    ),
    code(
        """
        fast, slow = physiology.contraction_range_ms()
        t = physiology.summed_force(1, contraction_ms=fast, duration_s=0.5)[0]
        with style.lecture():
            fig, ax = plots.subplots(figsize=(10, 3.4))
            for T in (fast, slow):
                force = physiology.twitch(t, contraction_ms=T)
                ax.plot(t * 1000, force, label=f"contraction time {T:g} ms")
            ax.set(
                xlabel="time (ms)",
                ylabel="force (peak = 1)",
                title="One motor-unit twitch (Sica & McComas 1971)",
            )
            ax.legend()
        plots.show(
            fig,
            f"Force of one motor-unit twitch peaking at {fast:g} ms and at {slow:g} ms, the range "
            "Sica & McComas measured; both are over within a few tenths of a second.",
        )
        """
    ),
    md(
        """
        ## Summation

        If a motor neuron fires again before its twitch has relaxed, the second twitch starts
        from a higher force: twitches **sum**. Fire fast enough and one unit's twitches **fuse**
        into a smooth, sustained contraction (a tetanus).

        The figure below shows one motor unit (contraction time 60 ms) at five firing rates.
        Illustrative model.
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
        ## Try it: the summation lab

        One motor unit, two sliders: its **firing rate** and its **twitch contraction time**
        (35-98 ms, the measured range). The top row shows the discharges, the plot below the
        summed force next to a single twitch.

        Things to try: at 5 Hz the twitches stay separate; slide the rate up and watch them
        fuse. Then make the twitch faster (35 ms): it needs a higher rate to fuse.
        Illustrative model.
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
        ## Exercise: when do twitches fuse?

        `physiology.summed_force(rate_hz, contraction_ms=...)` returns the force of one motor unit,
        and `physiology.fusion_index(force)` says how smooth it is (0 = separate twitches,
        1 = fully fused).

        1. For a unit with a 60 ms contraction time, find the lowest firing rate among 5, 10, 15,
           ... 100 Hz whose fusion index reaches 0.9.
        2. Repeat for a fast unit (35 ms). Does a fast unit need a higher or a lower rate?

        Start from the cell below.
        """
    ),
    # exercise 01-fusion-rate: stub + check; the solution stays here (tests/test_exercises.py)
    exercise(
        "01-fusion-rate",
        """
        t, force = physiology.summed_force(20, contraction_ms=60)
        print(f"fusion index at 20 Hz: {physiology.fusion_index(force):.2f}")  # now other rates
        """,
        """
        answer = next(
            rate
            for rate in range(5, 105, 5)
            if physiology.fusion_index(physiology.summed_force(rate, contraction_ms=60)[1]) >= 0.9
        )
        """,
        hint="the lowest rate in Hz",
    ),
    solution(
        """
        for T in (60, 35):
            t, force = physiology.summed_force(40, contraction_ms=T)
            print(f"{T} ms unit at 40 Hz: fusion index {physiology.fusion_index(force):.2f}")
        """,
        """
        Part 2: at the same rate the fast 35 ms unit is less fused than the 60 ms unit, so it
        needs a higher rate to fuse: the shorter the twitch, the sooner it has relaxed, and the
        neuron must fire faster for the next twitch to arrive before it has. (Illustrative
        model: the threshold 0.9 is our choice.)
        """,
    ),
    md(
        """
        ## Recruitment and rate coding

        Fusing one unit is **not** how normal movement is graded. The nervous system grades
        force in two ways: **recruitment**, adding motor units in order of size, small and slow
        ones first (Henneman's size principle, 1957), and **rate coding**, firing each unit
        faster. In a normal contraction single units fire at roughly 8-30 Hz, mostly below
        fusion, and out of step with one another: it is this asynchrony across many units that
        makes total force smooth (Fuglevand et al. 1993). A fused tetanus of one unit is the
        exception.

        *Predict:* to lift a heavy bag rather than a cup, which units join in, and in what order?
        """
    ),
    md("<!-- MOTORUNITPOOL -->", slide="-"),
    md(
        f"""
        ## Why a cramp is not a twitch

        A **cramp** is different again (Schwellnus 2009): {CRAMP.summary.split(": ", 1)[1]}
        Nor is it normal summation switched on: it is an involuntary discharge the motor neurons
        are driven into.
        """
    ),
    md(
        """
        ## Quiz

        Check yourself: each answer explains why it is right or wrong and links to the slide
        that teaches it.
        """
    ),
    *quiz("01_what_is_a_twitch", n=5),
    md(
        f"""
        ## Summary

        - A **motor unit** is one motor neuron and all the muscle fibres it supplies, scattered
          across many fascicles; it is the smallest piece of muscle the nervous system moves,
          from about {RATIOS[0].value:,.0f} fibres (eye) to about {RATIOS[-1].value:,.0f} (calf).
        - A visible twitch (**fasciculation**) is one motor unit firing on its own. Single fibres
          (**fibrillations**) are invisible and show up only on EMG.
        - One twitch lasts a fraction of a second (contraction times 35-98 ms).
        - One unit's twitches **sum** and **fuse** when it fires fast, but normal force is graded
          by **recruitment** (small units first) and **rate coding**, units firing out of step
          and mostly below fusion. A **cramp** is a sustained involuntary discharge of many units,
          not a big twitch.
        - Some movements are irregular (fasciculation, myoclonus, tics), others rhythmic (tremor,
          clonus).
        """
    ),
    md(
        """
        ## What's next

        [08 The motor pathway and reflexes](08_motor_pathway_and_reflexes.ipynb): the two motor
        neurons between brain and muscle, the stretch reflex, and the signs that tell which one is
        damaged. Then [02 Types of involuntary movement](02_types_of_involuntary_movement.ipynb).
        """
    ),
    references(
        FASC,
        FIB,
        CRAMP,
        "sica-mccomas-1971",
        "henneman-1957",
        "fuglevand-1993",
        *sorted({s for f in RATIOS for s in f.sources}),
        "baker-williams-2020",
        "schwellnus-2009",
        "reed-kurland-1963",
        "blexrud-1993",
        "seed-article",
        intro="Generated from the course data (`muscletwitch/data/sources.toml`).",
    ),
]
