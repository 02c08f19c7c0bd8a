"""Build script of notebooks/04_pathological_causes.ipynb (run: python tools/run_notebooks.py)."""

from textwrap import dedent

from nbbuild import code, exercise, md, references, solution, widget

import muscletwitch as mt
from muscletwitch import emg
from muscletwitch.course import load_course

tax = mt.load_taxonomy()
course = load_course()
PATHOLOGICAL = tax.filter(category="pathological")


def names(ids, look_up) -> str:
    return ", ".join(look_up(i).name.lower() for i in ids)


def considered(pr) -> list:
    """Pathological causes with any movement of a presentation (a cause can be in several)."""
    return [c for c in PATHOLOGICAL if set(c.phenomena) & set(pr.phenomena)]


def primary(pr) -> list:
    """Pathological causes whose main (first) movement belongs to a presentation."""
    return [c for c in PATHOLOGICAL if course.presentation_of(c.phenomena[0]) is pr]


def short(cause) -> str:
    return cause.name.split(" (")[0]


DDX_TABLE = "\n".join(
    ["| What you see | Ask first | Pathological causes to consider |", "|---|---|---|"]
    + [
        f"| {pr.name} | {pr.ask[0]} | {', '.join(short(c) for c in considered(pr))} |"
        for pr in course.presentations
        if considered(pr)
    ]
)


def group_slide(pid: str, intro: str) -> object:
    """A presentation's causes (main movement there) and how each differs from a harmless twitch."""
    pr = course.presentation(pid)
    rows = "\n".join(f"| {c.name} | {c.differs} |" for c in primary(pr))
    return md(
        f"## {pr.name}: which disease?\n\n{dedent(intro).strip()}\n\n"
        f"| Cause | Unlike a harmless twitch |\n|---|---|\n{rows}"
    )


def cause_slide(cause_id: str, text: str) -> object:
    """A seed cause's slide: heading = the cause's name (quiz questions link to it), where it acts,
    the movement, our teaching text, and the article's claim beside the correction."""
    c = tax.cause(cause_id)
    seed = f"\n\n> *The seed article says:* {c.seed_says}\n>\n> **We teach:** {c.correction}"
    return md(
        f"### {c.name}\n\n"
        f"**Acts at:** {names(c.site, tax.site)}. **Movement:** {names(c.phenomena, tax.phenomenon)}."
        f"\n\n{dedent(text).strip()}{seed if c.in_seed and c.correction else ''}",
        slide="subslide",
    )


TITLE = "04 Pathological causes"
CELLS = [
    md(
        """
        # 04 Pathological causes

        **When an involuntary movement is the sign of a disease: from what you see, through the
        questions that tell causes apart, to where in the nervous system it starts**

        *muscletwitch course, notebook 04 of 08. We teach, we do not diagnose.*
        """
    ),
    md(
        """
        ## Overview

        Notebook 03 showed that most twitching is harmless. This notebook covers the diseases
        behind involuntary movements, organised as a clinician reasons: start from **what you
        see** (notebook 02's presentations), ask the questions that tell causes apart, and look
        at the **company** the movement keeps. It also corrects the seed article where it is
        imprecise. The cause explorer holds the detail of every cause.

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | [02 Types of involuntary movement](02_types_of_involuntary_movement.ipynb) | Necessary | The presentations and their questions |
        | [03 Benign causes](03_benign_causes.ipynb) | Necessary | What a harmless twitch looks like |

        ## Time to learn

        25 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. **Decide**, from a presentation and its company (weakness, wasting, numbness,
           fever, lost awareness), which diseases to consider.
        2. **Distinguish** each from a harmless twitch, and upper from lower motor neuron signs.
        3. **Explain why** a dying lower motor neuron produces fasciculations (and fibrillations
           on EMG) but an MS plaque or Parkinson's disease does not.
        4. **Predict** where in the nervous system a cause acts from the movement it makes.
        5. Correct the seed article's claims about Parkinson's disease, ALS, MS and the
           autonomic nervous system.
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
        ## From what you see to the causes to consider

        A harmless twitch is a **fasciculation**: one motor unit, at irregular intervals, in a
        muscle of normal strength. Disease shows itself by a **different movement**, or by the
        **company** the movement keeps. Start from the presentation (a cause can appear in
        several rows):

        {DDX_TABLE}
        """
    ),
    md(
        """
        ### Five questions for any presentation

        1. Is it **rhythmic**?
        2. Is there an **urge** before it, and can it be held back?
        3. Does it go on in **sleep**?
        4. Is there a **trigger**: a stretch, a posture, rest, an action, a new medicine?
        5. What **company** does it keep: weakness, wasting, numbness, fever, lost awareness?

        The slides that follow take each presentation with these questions in mind.
        """,
        slide="subslide",
    ),
    md(
        """
        ## The nervous-system map

        A command to move runs **down a chain**: from the brain (upper motor neuron), through
        the spinal cord, to the lower motor neuron, whose cell body sits in the spinal cord and
        whose axon runs in a peripheral nerve, across the neuromuscular junction, to the muscle.
        **Body-wide** influences (blood sugar, salts, hormones) act on every level at once.

        Where a disease acts decides what you see: brain, tremor, tics, jerks and seizures;
        upper motor neuron, spasticity and clonus; lower motor neuron and nerve,
        fasciculations, cramps and wasting.
        """
    ),
    code(
        """
        with style.lecture():
            fig, ax = plots.subplots(figsize=(11, 6))
            drawn = plots.levels(ax, tax.sites)
        plots.show(fig, drawn.alt_text)
        """
    ),
    group_slide(
        "flicker",
        """
        Twitches alone are common and usually harmless. What points to a disease of the lower
        motor neuron or nerve is the company: **weakness and wasting** found on examination,
        numbness or pain in one nerve's or root's area, or symptoms over years. Twitching all
        over with sweating, drooling and small pupils after an insecticide is different:
        organophosphates stop acetylcholine being broken down at the neuromuscular junction,
        so muscle fibres fire (twitching), then stop responding (weakness). Call emergency
        services.
        """,
    ),
    cause_slide(
        "als",
        """
        ALS is rare (about 2 per 100,000 people a year). Its dying lower motor neurons fire on
        their own, so fasciculations are common in it, yet about 70% of healthy people notice
        them too. The warning sign is fasciculations **with progressive weakness and wasting**,
        with upper motor neuron signs (brisk reflexes, spasticity) in the same limbs.
        """,
    ),
    md(
        """
        ### What the EMG adds

        A needle EMG records what the eye cannot see. **Fasciculation potentials** are single
        motor units firing on their own: found in healthy people too (in the foot muscles of
        every one of 50 healthy young adults), so alone they prove nothing. **Fibrillation
        potentials** are single muscle fibres firing on their own because they have lost their
        nerve: a sign of denervation (ALS, a damaged nerve or root, some muscle diseases), never seen through the
        skin. Listen to both:
        """,
        slide="subslide",
    ),
    widget(
        """
        from muscletwitch import widgets

        widgets.EMGSounds(
            pattern="fibrillation", notebook="04_pathological_causes", section="What the EMG adds"
        )
        """
    ),
    md(
        """
        Choose a pattern and press play, then try **What is this?**. These sounds are
        **models** built from a few published numbers (Daube & Rubin 2009), not recordings of
        patients: they teach what clinicians listen for, not how to read an EMG.
        """,
        slide="-",
    ),
    group_slide(
        "jerk",
        """
        Ask when the jerks come and what comes with them: lost awareness (a seizure), fever in
        a young child (a febrile seizure), fever with confusion or a stiff neck in anyone
        (meningitis or encephalitis: an emergency), a faint first (convulsive syncope), an urge
        to move the legs at rest in the evening (restless legs). Fidgety movements that flow
        from one body part to the next are chorea: Huntington's disease in a family, Sydenham's
        chorea in a child (sudden chorea in a child: refer immediately). Hands that flap down
        when held out, in someone drowsy with liver, kidney or lung failure, are asterixis.
        """,
    ),
    cause_slide(
        "epilepsy",
        """
        In a seizure, many cortical neurons fire together: **clonic** jerks are rhythmic,
        **myoclonic** jerks single and brief. One seizure is not epilepsy: that needs two
        unprovoked seizures more than 24 hours apart, or one with a high risk of more (ILAE).
        A first seizure, or one over 5 minutes, is an emergency.
        """,
    ),
    cause_slide(
        "high-fever",
        """
        About 1 in 20 young children have a fit with a fever, often as the temperature rises;
        the fever need not be very high. Frightening, usually harmless, and not epilepsy. A
        first fit, or one over 5 minutes, means calling emergency services. In an adult,
        fever with a seizure suggests an infection of the brain.
        """,
    ),
    group_slide(
        "shaking",
        """
        Ask **when** it shakes: at rest (Parkinson's), with the hands held out or used
        (essential tremor, or enhanced physiological tremor from stress, caffeine, medicines, the
        thyroid or low blood sugar), or with a stretch (clonus). Then the company: diabetes,
        weight loss, a new medicine, alcohol stopped.
        """,
    ),
    cause_slide(
        "parkinsons-disease",
        """
        Loss of dopamine neurons disturbs the circuits that scale and start movement:
        **slowness** (required for the diagnosis), **rigidity**, and a rhythmic **rest tremor**
        of typically 4-6 Hz that eases when the hand moves; a quarter of patients never have
        it. Parkinson's does not cause fasciculations.
        """,
    ),
    cause_slide(
        "hypoglycaemia",
        """
        When the blood sugar of a person treated for diabetes falls too low, adrenaline brings
        **trembling, sweating** and a racing heart; a brain short of glucose becomes
        **confused** and can seize. Act at once: fast-acting sugar; emergency services if
        unconscious or fitting.
        """,
    ),
    cause_slide(
        "autonomic-dysfunction",
        """
        The autonomic system runs heart rate, blood pressure, sweating and digestion; it does
        **not** drive skeletal muscle. Adrenaline from stress makes muscles more excitable and
        a tremor stronger (notebook 03). A few rare diseases affect both systems.
        """,
    ),
    group_slide(
        "sustained",
        """
        Ask where and with what: tingling around the mouth and fingers (low calcium or
        magnesium, or over-breathing), a twisting posture within days of a new medicine
        (acute dystonia: same day), weakness of the muscles themselves (a myopathy).
        """,
    ),
    group_slide(
        "stereotyped",
        """
        A tic is the same movement each time, with an urge before it, held back for a while.
        """,
    ),
    cause_slide(
        "tic-disorder",
        """
        Stress and excitement make tics worse; young children may not report the urge. The
        muscles and nerves are healthy: the brain circuits that select movements differ.
        """,
    ),
    group_slide(
        "stiffness",
        """
        Stiffness from upper motor neuron damage: velocity-dependent spasticity with brisk
        reflexes and clonus. **Sudden** weakness of face, arm or leg, or slurred speech, is a
        stroke: call emergency services.
        """,
    ),
    cause_slide(
        "multiple-sclerosis",
        """
        Inflammation damages upper motor pathways in brain and spinal cord: **spasticity**,
        painful central **spasms**, **clonus**, and often an intention **tremor** from the
        cerebellum, with tingling, vision problems and fatigue. It spares the lower motor
        neuron, so no fasciculations.
        """,
    ),
    md(
        """
        ## Interactive demo: the cause explorer

        Every cause in detail: pick one, or filter by **Starts in** or **Movement**. The tree
        shows where it sits, the map where it acts, and the card its red flags, treatments and
        sources.

        Try: *Movement: Fasciculation*. Which pathological causes make fasciculations, and
        which level of the map do they share? Then *Movement: Tremor*.
        """
    ),
    widget(
        """
        from muscletwitch import widgets

        widgets.CauseExplorer(cause="als")
        """
    ),
    md(
        """
        ## Exercise: where does it start?

        For each person, name (a) the **presentation**, (b) the **level** where the problem
        starts, and (c) what tells it apart from a harmless twitch. Then check with
        `tax.cause(...)`.

        1. A 9-year-old blinks hard, again and again. He feels an urge first and can hold it
           back during a test, then blinks more afterwards.
        2. A 68-year-old's right hand shakes as it rests in her lap and stops when she reaches
           for a cup. She has become slow.
        3. A 35-year-old with MS has stiff legs; when her foot is pushed up, the calf beats
           rhythmically.
        4. A 45-year-old after a stomach bug has tingling lips and fingers, and his hands cramp
           into a claw.
        """
    ),
    code(
        """
        cause = tax.cause("tic-disorder")
        cause.site, cause.phenomena
        """
    ),
    solution(
        """
        for cid in ["tic-disorder", "parkinsons-disease", "multiple-sclerosis", "electrolytes"]:
            c = tax.cause(cid)
            print(c.name, c.site, c.phenomena)
        """,
        """
        1. **Tic disorder.** A repeated, stereotyped movement; brain; an urge before it,
           briefly held back (the "tick" of the seed article).
        2. **Parkinson's disease** is the classic picture: rhythmic shaking at **rest**, with
           slowness; brain (basal ganglia). Only a doctor can diagnose it.
        3. **Multiple sclerosis.** Stiffness and rhythmic beats with a stretch: **spasticity
           with clonus** from the upper motor neuron (brain and spinal cord), not
           fasciculations.
        4. **Low calcium or magnesium** (electrolytes), for example after vomiting or
           diarrhoea: a sustained spasm (**tetany**) with tingling, from over-excitable
           peripheral nerves. A doctor checks the blood the same day.
        """,
    ),
    # exercises 04-umn-lmn and 04-recruitment-order: stub + check; solutions stay here
    exercise(
        "04-umn-lmn",
        """
        signs = [
            "wasting",
            "brisk-reflexes",
            "fasciculations",
            "spasticity",
            "reduced-reflexes",
            "extensor-plantar",
            "clonus",
        ]
        """,
        """
        upper = {"spasticity", "brisk-reflexes", "clonus", "extensor-plantar"}
        answer = {s: "UMN" if s in upper else "LMN" for s in signs}
        """,
        hint='{"wasting": "UMN" or "LMN", ...}',
    ),
    exercise(
        "04-recruitment-order",
        """
        from muscletwitch import exercises

        pool = exercises.pool("04-recruitment-order")
        print(pool)
        """,
        "answer = sorted(pool, key=pool.get)",
        hint="a list of unit names",
    ),
    md(
        """
        ## Quiz: check yourself

        Five questions on this notebook. Each answer says why it is right or wrong and links to
        the slide that teaches it.
        """
    ),
    widget(
        """
        from muscletwitch import widgets

        widgets.Quiz(notebook="04_pathological_causes", n=5)
        """
    ),
    md(
        """
        ## Summary

        - Start from **what you see**, then ask: rhythm, urge, trigger, and the **company**:
          weakness, wasting, numbness, fever, lost awareness, diabetes, a new medicine.
        - Where a disease acts decides the movement: **brain** (tremor, tics, jerks, seizures),
          **upper motor neuron** (spasticity, clonus), **lower motor neuron and nerve**
          (fasciculations, cramps, wasting; fibrillations on EMG), **body-wide** (tremor,
          tetany).
        - Parkinson's causes rest tremor and rigidity, not fasciculations; MS causes
          spasticity, not fasciculations; the autonomic system does not drive skeletal muscle.
        - Twitching alone is rarely ALS: weakness and wasting on examination are the warning.

        ## What's next

        [05 When to see a doctor](05_when_to_see_a_doctor.ipynb): the red flags and emergencies,
        practised on cases.
        """
    ),
    references(
        *PATHOLOGICAL,
        *course.presentations,
        *emg.DATA.patterns.values(),
        # cited in the slides' own text
        *["logroscino-2010", "fasciculation-healthy-1994", "fisher-2014", "hughes-1993"],
        "alusi-2001",
        intro="Generated from the course data (`muscletwitch/data/sources.toml`).",
    ),
]
