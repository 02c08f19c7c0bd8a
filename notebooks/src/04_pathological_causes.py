"""Build script of notebooks/04_pathological_causes.ipynb (run: python tools/run_notebooks.py)."""

from nbbuild import code, exercise, md, references, solution, widget

import muscletwitch as mt

tax = mt.load_taxonomy()
PATHOLOGICAL = tax.filter(category="pathological")


def names(ids, look_up) -> str:
    return ", ".join(look_up(i).name.lower() for i in ids)


OVERVIEW_TABLE = "\n".join(
    ["| Cause | Acts at | Movement | Unlike a harmless twitch |", "|---|---|---|---|"]
    + [
        f"| {c.name} | {names(c.site, tax.site)} | {names(c.phenomena, tax.phenomenon)} "
        f"| {c.differs} |"
        for c in PATHOLOGICAL
    ]
)
SITE_TABLE = "\n".join(
    ["| Level | Pathological causes acting here |", "|---|---|"]
    + [
        f"| {s.name} | {', '.join(c.name for c in tax.filter(site=s.id, category='pathological'))} |"
        for s in tax.sites
        if tax.filter(site=s.id, category="pathological")
    ]
)


def cause_slide(cause_id: str, text: str) -> object:
    """One slide per cause: heading = the cause's name (quiz questions link to it), where it acts,
    the movement, our teaching text, and for seed causes the article's claim beside the correction."""
    c = tax.cause(cause_id)
    seed = (
        f"\n\n> *The seed article says:* {c.seed_says}\n>\n> **We teach:** {c.correction}"
        if c.in_seed
        else ""
    )
    return md(
        f"### {c.name}\n\n"
        f"**Acts at:** {names(c.site, tax.site)}. **Movement:** {names(c.phenomena, tax.phenomenon)}."
        f"\n\n{text.strip()}{seed}",
        slide="subslide",
    )


TITLE = "04 Pathological causes"
CELLS = [
    md(
        """
        # 04 Pathological causes

        **When an involuntary movement is the sign of a disease: where it starts, what it looks
        like, and how it differs from a harmless twitch**

        *muscletwitch course, notebook 04 of 08. We teach, we do not diagnose.*
        """
    ),
    md(
        """
        ## Overview

        Notebook 03 showed that most twitching is harmless. This notebook covers the diseases
        that cause involuntary movements, including all those the seed article names. For each:
        where in the nervous system it acts, which movement it causes, and what tells it apart
        from a harmless twitch. It also corrects the article where it is imprecise.

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | [02 Types of involuntary movement](02_types_of_involuntary_movement.ipynb) | Necessary | Tic, tremor, seizure, spasticity, tetany |
        | [03 Benign causes](03_benign_causes.ipynb) | Necessary | What a harmless twitch looks like |

        ## Time to learn

        25 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. Place each pathological cause on the **map of the nervous system**, from brain to
           muscle.
        2. Name the **movement** each one causes: tic, seizure, tremor, spasticity, tetany or
           fasciculation.
        3. Say what tells it apart from a **harmless twitch**: the movement itself, or the
           symptoms that come with it.
        4. Correct the seed article's claims about Parkinson's disease, ALS, MS and the
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
        """
        ## The nervous-system map

        A command to move runs **down a chain**: from the brain, through the spinal cord, to a
        motor neuron, along its axon in a peripheral nerve, across the neuromuscular junction,
        to the muscle. **Body-wide** influences (blood sugar, salts, hormones, stress) act on
        every level at once.

        Where a disease acts decides what you see. Brain: tics, seizures, tremor. Brain and
        spinal cord pathways: stiffness and clonus. Motor neuron and nerve: fasciculations and
        cramps. Body-wide: tremor and tetany.
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
    md(
        f"""
        ## Every cause on the map

        The pathological causes in the course data, by the level where they act (a cause can
        act at several):

        {SITE_TABLE}
        """
    ),
    md(
        """
        ## The seed article's four "well-known" causes

        The seed article says muscle twitching is "much better known" with Parkinson's disease,
        ALS and MS, and with a disturbed autonomic nervous system. Look where each really acts:
        filled circle = main site, open circle = also involved. Only ALS reaches the **motor
        neuron**, whose motor unit makes a visible twitch. The other three cause different
        movements, or none directly.
        """
    ),
    code(
        """
        famous = ["parkinsons-disease", "als", "multiple-sclerosis", "autonomic-dysfunction"]
        with style.lecture():
            fig, ax = plots.subplots(figsize=(12, 6.5))
            drawn = plots.site_matrix(ax, tax.sites, [tax.cause(c) for c in famous])
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        f"""
        ## At a glance: how each differs from a harmless twitch

        A harmless twitch is a **fasciculation**: one motor unit, at irregular intervals, in a
        muscle of normal strength. Disease shows itself by a **different movement**, or by the
        **company** the twitch keeps.

        {OVERVIEW_TABLE}
        """
    ),
    md(
        """
        ## The causes, one by one

        Eleven short slides follow, grouped by where the cause acts: the brain; brain and spinal
        cord; motor neurons and nerves; the whole body. Each names the level and the movement,
        says what tells it apart, and, for the causes the seed article names, sets its claim
        beside what we teach.
        """
    ),
    cause_slide(
        "tic-disorder",
        """
        A tic is a whole, well-formed movement such as a blink, a shrug or a grimace, repeated in
        the same way. Before it comes an **urge**; the person can hold it back for a while.
        Stress and excitement make tics worse. The muscles and nerves are healthy: the brain
        circuits that select movements are different.
        """,
    ),
    cause_slide(
        "epilepsy",
        """
        In a seizure, many cortical neurons fire together. **Clonic** jerks are rhythmic, a few
        per second; **myoclonic** jerks are single and last under 100 ms. Seizures often come
        with loss of awareness. A first seizure, or one lasting over 5 minutes, is an
        emergency (notebook 05).
        """,
    ),
    cause_slide(
        "high-fever",
        """
        About 1 in 20 young children have a fit with a fever, often as the temperature rises
        at the start of an infection. It is frightening, usually harmless, and most children
        outgrow it by about 6 years. A first fit, or one over 5 minutes, means calling
        emergency services.
        """,
    ),
    cause_slide(
        "hypoglycaemia",
        """
        When the blood sugar of a person treated for diabetes falls too low, adrenaline brings
        **trembling, sweating** and a racing heart; a brain short of glucose becomes **confused**
        and can seize. This develops within minutes and needs action at once.
        """,
    ),
    cause_slide(
        "parkinsons-disease",
        """
        Loss of dopamine neurons disturbs the circuits that scale and start movement. The
        signs: **slowness**, **stiffness**, and a rhythmic **rest tremor** of 3-8 Hz, typically
        of one hand, which eases when the hand moves. A tremor is a rhythmic to-and-fro; a
        twitch is a single, irregular flicker.
        """,
    ),
    cause_slide(
        "multiple-sclerosis",
        """
        Inflammation damages the upper motor pathways in the brain and spinal cord, which keep
        muscle tone in check. The result is **stiffness** (spasticity), painful **spasms** and
        **clonus** (a rhythmic beating of a stretched muscle), with tingling, vision problems
        and fatigue. What helps, and what does not: notebook 06.
        """,
    ),
    cause_slide(
        "als",
        """
        ALS is rare. Its dying lower motor neurons fire on their own, so fasciculations are
        common in it, but fasciculations are common in healthy people too: about 70% notice
        them. The warning sign is fasciculations **with progressive weakness and wasting**,
        sometimes with slurred speech or difficulty swallowing.
        """,
    ),
    cause_slide(
        "neuropathy",
        """
        Damaged nerves (for example after years of diabetes) or a nerve root pressed on in the
        spine make motor axons irritable: twitches and cramps, in the **area that nerve
        supplies**. The company is the clue: **tingling, numbness, pain**, sometimes weakness.
        """,
    ),
    cause_slide(
        "electrolytes",
        """
        Calcium outside nerve cells keeps their membranes stable. When it (or magnesium) falls,
        motor axons fire on their own and in bursts: tingling around the mouth and fingers,
        cramps, twitching, and **tetany**, sustained spasms of the hands and feet. A doctor checks
        the blood levels and treats the cause.
        """,
    ),
    cause_slide(
        "hyperthyroidism",
        """
        Too much thyroid hormone speeds the body up and makes nerves and muscles more sensitive
        to adrenaline: a fine **tremor** and twitching, together with weight loss, sweating, a
        fast heartbeat and anxiety. Treating the thyroid treats the movements.
        """,
    ),
    cause_slide(
        "autonomic-dysfunction",
        """
        The autonomic system runs heart rate, blood pressure, sweating and digestion. It does
        **not** drive skeletal muscle: motor nerves do. What is true in the seed's claim is
        indirect: adrenaline (sympathetic activation) makes muscles more excitable and a tremor
        stronger, which is how stress acts (notebook 03).
        """,
    ),
    md(
        """
        ## Interactive demo: the cause explorer

        Pick a cause, or filter by **Starts in** or **Movement**: the tree shows where it sits,
        the map where it acts, and the card its red flags, treatments and sources.

        Try: *Starts in: Brain*; then *Movement: Fasciculation*. Which pathological causes make
        fasciculations, and what do they have in common?
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

        For each person, name (a) the **level** where the problem starts, (b) the **movement**,
        and (c) what tells it apart from a harmless twitch. Then check with `tax.cause(...)`.

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
        1. **Tic disorder.** Brain; a tic; a whole movement with an urge before it, briefly held
           back (the "tick" of the seed article).
        2. **Parkinson's disease** is the classic picture: brain (basal ganglia); a rhythmic
           **rest tremor** with slowness. Rhythmic and at rest, unlike an irregular twitch. Only
           a doctor can diagnose it.
        3. **Multiple sclerosis.** Brain and spinal cord (upper motor pathways); **spasticity
           with clonus**: rhythmic beats while the muscle is held stretched, not fasciculations.
        4. **Low calcium or magnesium** (electrolytes), for example after vomiting or diarrhoea.
           Body-wide, acting on peripheral nerves; **tetany**: sustained spasms with tingling.
           A doctor checks the blood.
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

        - Where a disease acts decides the movement: **brain** (tics, seizures, rest tremor),
          **brain and spinal cord** pathways (spasticity, clonus), **motor neuron and nerve**
          (fasciculations, cramps), **body-wide** (tremor, tetany).
        - A harmless twitch is one motor unit, irregular, in a strong muscle. Disease shows
          itself by a **different movement** or by its **company**: weakness, wasting, tingling,
          confusion, a fever in a child, diabetes.
        - Parkinson's disease causes rest tremor, not twitching; MS causes spasticity, not
          fasciculations; the autonomic system does not drive skeletal muscle.
        - Twitching alone is rarely ALS: weakness and wasting are the warning sign.

        ## What's next

        [05 When to see a doctor](05_when_to_see_a_doctor.ipynb): the red flags and emergencies,
        practised on five cases.
        """
    ),
    references(
        *PATHOLOGICAL,
        intro="Generated from the course data (`muscletwitch/data/sources.toml`).",
    ),
]
