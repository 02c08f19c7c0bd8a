"""Build script of notebooks/08_motor_pathway_and_reflexes.ipynb (run: python
tools/run_notebooks.py). Taught right after 01 (course.toml's order); numbered 08 because
published notebook numbers and exercise ids never change."""

from nbbuild import code, exercise, md, quiz, references, solution

import muscletwitch as mt

tax = mt.load_taxonomy()
UMN, LMN = tax.site("upper-motor-neuron"), tax.site("lower-motor-neuron")
CLONUS, SPASTICITY, RIGIDITY = (tax.phenomenon(p) for p in ("clonus", "spasticity", "rigidity"))
ALS, MS, PD = (tax.cause(c) for c in ("als", "multiple-sclerosis", "parkinsons-disease"))


def _sign_table() -> str:
    """The UMN and LMN signs of sites.toml side by side, one row per examined feature."""
    lower = {s.feature: s.text for s in LMN.signs}
    rows = [f"| {s.feature} | {s.text} | {lower.get(s.feature, '')} |" for s in UMN.signs]
    rows += [
        f"| {f} | | {t} |" for f, t in lower.items() if f not in {s.feature for s in UMN.signs}
    ]
    return "\n".join([f"| Examination | {UMN.name} | {LMN.name} |", "|---|---|---|", *rows])


SIGN_TABLE = _sign_table()

TITLE = "08 The motor pathway and reflexes"
CELLS = [
    md(
        """
        # 08 The motor pathway and reflexes

        **Two neurons from brain to muscle, and the reflex that shows which one is damaged**

        *muscletwitch course, notebook 08 of 08. We teach, we do not diagnose.*
        """
    ),
    md(
        """
        ## Overview

        Every voluntary movement runs along two neurons in series: an upper motor neuron in the
        brain and a lower motor neuron that drives the muscle. Damage to each gives a different
        set of signs, and the stretch reflex is the bedside test that tells them apart. This
        explains why ALS twitches and MS or Parkinson's disease do not. It also explains clonus,
        spasticity and the cramp after a long run. Take this notebook right after 01; it is
        numbered 08 only because it was added later.

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | [01 What is a twitch?](01_what_is_a_twitch.ipynb) | Necessary | Motor units, fasciculation |

        ## Time to learn

        20 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. Explain why damage to the lower motor neuron causes wasting and fasciculations and
           damage to the upper motor neuron does not.
        2. Decide from a set of examination signs whether they point to the upper motor neuron,
           the lower motor neuron, both (as in ALS), or neither.
        3. Explain why MS and Parkinson's disease do not cause fasciculations.
        4. Predict, with the stretch reflex arc, how spasticity and rigidity respond to a
           faster stretch, and explain clonus and the exercise-associated cramp.
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
        ## Two neurons from cortex to muscle

        - The **upper motor neuron** (UMN) has its cell body in the motor cortex. Its axon runs
          down through the brainstem and spinal cord in the corticospinal tract and never leaves
          the brain and spinal cord (Emos & Rosner 2023).
        - The **lower motor neuron** (LMN) has its cell body in the anterior horn of the spinal
          cord (or in a brainstem motor nucleus for the face, tongue and throat). Its axon leaves
          in a nerve root and peripheral nerve and ends on the muscle fibres. Together with those
          fibres it forms one motor unit, the unit that fasciculates (notebook 01; Javed & Daly 2020).

        The diagram draws the two neurons along the levels of the motor system.
        """
    ),
    code(
        """
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 7))
            drawn = plots.levels(ax, tax.sites)
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        f"""
        ## Upper or lower motor neuron?

        What a neurologist finds on examination, from the course data:

        {SIGN_TABLE}

        **Why they differ.** The lower motor neuron is the only way to reach the muscle. When it
        fails, its fibres lose their nerve: they weaken, waste, and the reflex loop through them
        is cut. A sick motor neuron also fires on its own, and its whole unit twitches. The upper
        motor neuron only controls the lower one. When it fails, the muscle keeps its nerve but
        loses the brake from above, so spinal reflexes are released (Lance 1980).
        """
    ),
    md(
        f"""
        ## ALS: both at once

        {ALS.name} damages **both** neurons: upper motor neurons in the cortex and lower motor
        neurons in the brainstem and spinal cord (Brown & Al-Chalabi 2017). That is why one
        patient can have a wasted, twitching hand with brisk reflexes in the same arm. A brisk
        reflex in a wasted muscle is the combination that makes a neurologist think of ALS.

        Twitching on its own is not that combination. Fasciculations with normal strength,
        normal reflexes and no wasting are usually benign (Blexrud et al. 1993; notebook 03).
        ALS is rare: about 2 new cases per 100,000 people a year in Europe (Logroscino et al.
        2010).
        """
    ),
    md(
        f"""
        ## Why MS and Parkinson's disease do not cause fasciculations

        - **{MS.name}** strips myelin from nerve fibres in the brain and spinal cord. The
          damaged pathways include upper motor neuron axons, so MS gives spasticity, brisk
          reflexes and painful spasms (NHS). The lower motor neurons and their motor units are
          intact, so there is no wasting from denervation and no fasciculations.
        - **{PD.name}** is a disease of the basal ganglia, which scale and start movements. It
          causes slowness (bradykinesia), rigidity and a rest tremor (Postuma et al. 2015), but
          leaves both motor neurons working: reflexes are normal and motor units do not fire on
          their own. People with Parkinson's do have other involuntary movements, such as
          dyskinesias from levodopa (NICE NG71), but not fasciculations.

        Fasciculations point to the lower motor neuron, its axon or the muscle's own
        excitability, never to the brain alone.
        """
    ),
    md(
        """
        ## The stretch reflex arc

        1. A **muscle spindle**, a stretch sensor lying among the muscle fibres, fires when the
           muscle is stretched (a tap on the tendon stretches it briefly).
        2. Its **Ia afferent** fibre carries the signal into the spinal cord.
        3. There it excites the **alpha motor neuron** (the lower motor neuron) of the same
           muscle directly, through one synapse.
        4. The muscle contracts: the knee jerk.
        5. A **Golgi tendon organ** in the tendon senses the tension and, through Ib fibres and
           an inhibitory interneuron, damps the alpha motor neuron: the reflex's brake.

        Upper motor neurons normally hold this loop in check. Without them its gain rises
        (Lance 1980; Schwellnus 2009).
        """
    ),
    md(
        """
        <!-- REFLEX ARC DIAGRAM -->

        *The reflex-arc diagram (`plots.reflex_arc`) goes here.*
        """,
        slide="subslide",
    ),
    md(
        f"""
        ## Clonus: a reflex that re-triggers itself

        With the brake from above gone, push the foot up briskly and hold it. The stretch fires
        the spindles, the calf contracts and pulls the foot down. As it relaxes, the held
        stretch fires the spindles again, and the loop repeats. The result is rhythmic beats, about
        5-7 per second (4.7-7.0 Hz measured after spinal cord injury, Wallace et al. 2005). A
        few beats can be normal; **sustained** clonus is an upper motor neuron sign. The trace is
        an illustrative model of {CLONUS.name.lower()} while the foot is held.
        """
    ),
    code(
        """
        t, y = physiology.signature("clonus", duration_s=4)
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 3.6))
            drawn = plots.signal(ax, t, y, phenomenon=tax.phenomenon("clonus"), unit="s")
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        f"""
        ## Spasticity versus rigidity

        Both feel stiff when someone else moves the limb, but they behave differently:

        - **{SPASTICITY.name}** (upper motor neuron): the resistance rises the faster the
          muscle is stretched (velocity-dependent), because a fast stretch drives the
          released stretch reflex harder (Lance 1980). A fast stretch can set off clonus.
        - **{RIGIDITY.name}** (basal ganglia, for example Parkinson's): the resistance is
          about the same at slow and fast speeds and in both directions (lead-pipe); with a
          tremor on top it ratchets (cogwheel; Findley et al. 1981).

        Below, the same three stretches (slow, medium, fast) in each; illustrative model.
        """
    ),
    code(
        """
        phenomena = [tax.phenomenon("spasticity"), tax.phenomenon("rigidity")]
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 4.2))
            drawn = plots.comparison(ax, phenomena, duration_s=8)
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        """
        ## Exercise-associated cramps

        A common belief is that cramps during sport come from dehydration or lost salts. The
        evidence does not support it (Schwellnus 2009). The better-supported explanation is
        **altered neuromuscular control**, the reflex arc again: in a tired muscle the spindles
        (Ia) excite the alpha motor neuron more and the Golgi tendon organs (Ib) brake it less,
        so it keeps firing and the muscle locks in a cramp: many motor units firing fast, not a
        twitch.

        This is also why **stretching** eases a cramp: stretching the muscle raises the tension
        on its tendon organs, and their brake returns.
        """
    ),
    md(
        """
        <!-- REFLEXLAB -->

        *The reflex lab (`widgets.ReflexLab`) goes here.*
        """
    ),
    md(
        """
        ## Exercise: predict, then measure

        1. **Predict** before you run anything: if a stretch is five times faster, what happens
           to the resistance in spasticity, and in rigidity?
        2. The cell below measures the highest resistance during each of the first three
           stretches of the spasticity model (60, 150 and 300 degrees per second in turn).
           Run it, then do the same for rigidity and compare with your prediction.
        """
    ),
    code(
        """
        t, y = physiology.signature("spasticity", duration_s=8)
        starts = physiology.signature_events("spasticity", duration_s=8)
        [round(float(y[(t >= s) & (t < s + 1)].max()), 2) for s in starts[:3]]
        """
    ),
    solution(
        """
        for pid in ("spasticity", "rigidity"):
            t, y = physiology.signature(pid, duration_s=8)
            starts = physiology.signature_events(pid, duration_s=8)
            peaks = [float(y[(t >= s) & (t < s + 1)].max()) for s in starts[:3]]
            print(f"{pid}: " + ", ".join(f"{p:.2f}" for p in peaks))
        """,
        """
        In the spasticity model the peak resistance climbs from the slow to the fast stretch:
        the faster stretch drives the released reflex harder. In the rigidity model the three
        peaks are about the same: the stiffness does not depend on speed. That difference is what
        a physiotherapist feels when moving a limb slowly, then quickly. It separates an upper
        motor neuron problem from a basal ganglia one. The numbers are an illustrative model;
        the pattern is what Lance (1980) defined.
        """,
    ),
    # exercises 08-umn-or-lmn and 08-clonus-frequency: stub + check; solutions stay here
    exercise(
        "08-umn-or-lmn",
        """
        from muscletwitch import exercises

        cases = exercises.cases("08-umn-or-lmn")
        for name, findings in cases.items():
            print(name, *findings, sep="\\n  ")
        """,
        """
        upper = ("brisk", "extensor", "(spasticity)", "clonus: often")
        lower = ("wasting", "fasciculations: common", "reduced or absent", "flaccid")


        def level(findings):
            text = " ".join(findings).lower()
            umn, lmn = any(w in text for w in upper), any(w in text for w in lower)
            return "both" if umn and lmn else "UMN" if umn else "LMN" if lmn else "neither"


        answer = {name: level(findings) for name, findings in cases.items()}
        """,
        hint='a dict: case -> "UMN", "LMN", "both" or "neither"',
    ),
    exercise(
        "08-clonus-frequency",
        """
        from muscletwitch import exercises

        t, y = exercises.clonus("08-clonus-frequency")
        """,
        """
        h = y.max() / 2
        up = t[1:][(y[1:] > h) & (y[:-1] <= h)]
        answer = (len(up) - 1) / (up[-1] - up[0])
        """,
        hint="the beat frequency in Hz",
    ),
    md(
        """
        ## Quiz

        Check yourself: each answer explains why it is right or wrong and links to the slide
        that teaches it.
        """
    ),
    *quiz("08_motor_pathway_and_reflexes", n=8),
    md(
        """
        ## Summary

        - Lower motor neuron damage: weakness, wasting, fasciculations, weak reflexes, floppy
          tone. Upper motor neuron damage: spasticity, brisk reflexes, clonus, an upgoing toe.
        - Read every sign: a mix of both kinds is the pattern of ALS; rigidity and tremor point
          to the basal ganglia, not to the motor neurons.
        - MS (central, upper motor neuron) and Parkinson's disease (basal ganglia) leave the motor
          units intact: no fasciculations.
        - The stretch reflex (spindle, Ia, alpha motor neuron; tendon-organ brake) explains
          clonus, velocity-dependent spasticity and why stretching stops a cramp.

        ## What's next

        [02 Types of involuntary movement](02_types_of_involuntary_movement.ipynb): the kinds of
        involuntary movement side by side, now with the pathway that produces each.
        """
    ),
    references(
        "emos-rosner-2023",
        "javed-daly-2020",
        "lance-1980",
        "brown-alchalabi-2017",
        "blexrud-1993",
        "logroscino-2010",
        "nhs-ms",
        "postuma-2015",
        "nice-ng71",
        "schwellnus-2009",
        "wallace-2005",
        "findley-1981",
        UMN,
        LMN,
        CLONUS,
        SPASTICITY,
        RIGIDITY,
        intro="Generated from the course data (`muscletwitch/data/sources.toml`).",
    ),
]
