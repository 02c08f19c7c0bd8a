"""Build script of notebooks/06_therapy_and_physiotherapy.ipynb (run: python tools/run_notebooks.py)."""

from nbbuild import code, exercise, md, references, solution, widget

import muscletwitch as mt

tax = mt.load_taxonomy()
MS_EX, SPAST = tax.therapy("physiotherapy-ms"), tax.therapy("physiotherapy-spasticity")
BREUSS, DORN = tax.therapy("breuss-massage"), tax.therapy("dorn-method")
TICS = tax.therapy("behavioural-therapy-tics")
RIETBERG, AMATYA = tax.source("rietberg-2005"), tax.source("amatya-2013")
AMATYA19 = tax.source("amatya-2019")
ASM, LEVODOPA = tax.therapy("anti-seizure-medicine"), tax.therapy("parkinsons-medicine")
RILUZOLE, PD_PHYSIO = tax.therapy("riluzole"), tax.therapy("physiotherapy-parkinsons")
MAGNESIUM, QUININE = tax.therapy("magnesium-for-cramps"), tax.therapy("quinine-for-cramps")

BENIGN_THERAPIES = list(
    dict.fromkeys(t for c in tax.filter(category="benign") for t in c.therapies)
)
BENIGN_TABLE = "\n".join(
    ["| What helps | Evidence | In short |", "|---|---|---|"]
    + [f"| {t.name} | {t.evidence} | {t.summary} |" for t in map(tax.therapy, BENIGN_THERAPIES)]
)
CAUSE_TABLE = "\n".join(
    ["| Cause | Treatment | Kind | Evidence |", "|---|---|---|---|"]
    + [
        f"| {c.name} | {t.name} | {t.kind} | {t.evidence} |"
        for c in tax.filter(category="pathological")
        for t in map(tax.therapy, c.therapies)
        if t.kind != "complementary"
    ]
)
# the scale of the data (taxonomy.EVIDENCE_LEVELS), explained for students; one example each
SCALE = {
    "strong": "Randomised trials show a benefit, rated high certainty with GRADE, or a "
    "guideline recommends it on trials it graded with GRADE (NICE).",
    "moderate": "Trials show a benefit, rated moderate certainty (GRADE): new research may "
    "change how large the effect is.",
    "low": "Few or small trials, or results that disagree (GRADE low or very low): the true "
    "effect could be quite different.",
    "consensus": "Advice from guidelines or health services without graded trial evidence, "
    "often because trials are not needed or not possible (first aid).",
    "unproven": "No controlled trial shows a benefit, or trials show it is unlikely to help.",
}
SCALE_TABLE = "\n".join(
    ["| Level | What it means | Example in the course data |", "|---|---|---|"]
    + [
        f"| **{level}** | {meaning} | {next(t.name for t in tax.therapies if t.evidence == level)} |"
        for level, meaning in SCALE.items()
    ]
)
# the claims of the exercise: claim -> the therapy that answers it
CLAIMS = {
    "Exercise therapy improves mobility and muscle strength in people with MS.": MS_EX,
    "A course of Dorn treatment relieves spasticity in MS.": DORN,
    "Stretching a cramping calf eases the cramp.": tax.therapy("stretching"),
    "Physical activity programmes reduce spasticity in MS.": SPAST,
    "Behavioural therapy helps troublesome tics.": TICS,
}
CLAIMS_SOLUTION = (  # the solution's code: the claims' therapies, looked up in the data
    "claims = [\n"
    + "".join(f'    "{t.id}",\n' for t in CLAIMS.values())
    + """]
for i, tid in enumerate(claims, 1):
    t = tax.therapy(tid)
    print(f"{i}. {t.name}: {t.kind}, evidence {t.evidence}")
"""
)

TITLE = "06 Therapy and physiotherapy"
CELLS = [
    md(
        """
        # 06 Therapy and physiotherapy

        **What helps, and how strong the evidence is for each treatment**

        *muscletwitch course, notebook 06 of 08. We teach, we do not diagnose.*
        """
    ),
    md(
        """
        ## Overview

        The seed article ends with five links: exercises in MS, physiotherapy for MS,
        physiotherapy for spasticity, Breuss massage and "thorn massage". They are not equal.
        This notebook sorts treatments by **the evidence behind them**: what helps harmless
        twitching, what trials show for physiotherapy and exercise, and why two massage methods
        belong in a different box.

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | [03 Benign causes](03_benign_causes.ipynb) | Necessary | Triggers of harmless twitching |
        | [04 Pathological causes](04_pathological_causes.ipynb) | Necessary | MS, spasticity, tics |

        ## Time to learn

        20 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. **Decide** what to advise for harmless twitching and night cramps, and **explain
           why** magnesium is not the answer for ordinary cramps.
        2. **Explain** the course's **evidence levels** and the grading system behind them
           (GRADE), and **explain why** the same word on two scales need not mean the same.
        3. **Distinguish** how certain the evidence is for exercise in MS, physiotherapy for
           spasticity and Parkinson's, and medicines such as levodopa and riluzole.
        4. **Distinguish** physiotherapy from **complementary practices** such as Breuss
           massage and the Dorn method, and **explain why** they are kept apart.
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
        ## What helps harmless twitching

        Harmless twitching needs no treatment: it settles on its own once the trigger goes.
        What speeds that up:

        {BENIGN_TABLE}

        If it lasts more than 2 weeks, spreads, or comes with weakness: see a doctor
        (notebook 05).
        """
    ),
    md(
        f"""
        ## How to read evidence levels

        Every treatment in the course data carries one of five levels. The first three grade
        **trials** with one system, **GRADE** (Grading of Recommendations, Assessment,
        Development and Evaluation), which Cochrane and NICE use: it rates how certain we can
        be of an effect. The last two say there are **no graded trials** in its favour.

        {SCALE_TABLE}

        *Consensus* is not weak: first aid, such as laying a fitting child on their side, rests
        on agreement, not trials.
        *Unproven* means no trial shows a benefit, whatever the claims.
        """
    ),
    md(
        f"""
        ### Re-graded: one scale for every label

        An earlier version of this course called anti-seizure medicines and levodopa
        "consensus" and exercise in MS "strong": the hierarchy upside down. Now every
        trial-based label uses GRADE. Anti-seizure medicines (**{ASM.evidence}**) and levodopa
        (**{LEVODOPA.evidence}**) rest on randomised trials graded in NICE guidelines.
        **Riluzole** in ALS: a Cochrane review of trials, a modest survival benefit:
        **{RILUZOLE.evidence}**. **Exercise in MS**: **{MS_EX.evidence}** in the
        {AMATYA19.year} overview of Cochrane reviews ({AMATYA19.authors.split()[0]} et al.); the
        {RIETBERG.year} review's "strong" came from an older best-evidence synthesis, a
        different scale.
        """,
        slide="subslide",
    ),
    md(
        """
        ## Every treatment by its evidence

        Each row is a treatment in the course data, each column an evidence level; the marker
        shows the kind of treatment. Note where physiotherapy sits, and where the two massage
        methods from the seed article sit.
        """
    ),
    code(
        """
        with style.lecture():
            fig, ax = plots.subplots(figsize=(15, 10))
            drawn = plots.evidence(ax, tax.therapies)  # kinds' markers from course.toml
        ms, dorn = tax.therapy("physiotherapy-ms"), tax.therapy("dorn-method")
        plots.show(
            fig,
            f"{drawn.alt_text[:-1]}; exercise in MS sits at {ms.evidence}, the Dorn method at "
            f"{dorn.evidence}.",
        )
        """
    ),
    md(
        f"""
        ## Physiotherapy

        Physiotherapy is a health profession with its own training. A physiotherapist assesses
        what a person can and cannot do, then plans exercise, stretching, positioning and
        practice of everyday movements. Its methods are tested in **randomised trials**, and
        Cochrane reviews pool those trials.

        Cochrane reviews answer the seed article's links "exercises in MS", "physiotherapy for
        MS" and "physiotherapy for spasticity": {AMATYA19.authors.split()[0]} et al.
        {AMATYA19.year} (an overview of 15 reviews) and {AMATYA.authors.split()[0]} et al.
        {AMATYA.year}.
        """
    ),
    md(
        f"""
        ### Exercise therapy in multiple sclerosis

        **Cochrane overview CD012732** ({AMATYA19.authors.split()[0]} et al. {AMATYA19.year}).
        Evidence: **{MS_EX.evidence}**.

        {MS_EX.summary}

        In practice: mobility, strength and fatigue are what MS wears down, and what
        exercise, planned around the person's abilities, improves. It does not cure MS; it is
        one part of care alongside the specialists' treatment.
        """,
        slide="subslide",
    ),
    md(
        f"""
        ### Physiotherapy for spasticity

        **Cochrane review CD009974** (Amatya et al. {AMATYA.year}). Evidence:
        **{SPAST.evidence}**.

        {SPAST.summary}

        *Low* does not mean "does not work": the trials were too few or too small to be sure
        how much it helps. The grade tells you how confident to be.
        """,
        slide="subslide",
    ),
    md(
        f"""
        ### Physiotherapy in Parkinson's disease

        **{PD_PHYSIO.name}.** Evidence: **{PD_PHYSIO.evidence}**. {PD_PHYSIO.summary}
        """,
        slide="subslide",
    ),
    md(
        f"""
        ## Night cramps: magnesium and quinine

        **{MAGNESIUM.name}**, evidence **{MAGNESIUM.evidence}**. {MAGNESIUM.summary}

        **{QUININE.name}**, evidence **{QUININE.evidence}**: it works a little, but
        {QUININE.summary.split(", but ")[1]}

        What health services advise: regular calf stretches (consensus, not graded).
        *Unproven* here does not mean "untested": trials were done and found no benefit.
        """
    ),
    md(
        f"""
        ## Tics

        Tics come from the brain, not the muscles, so treating the muscles does nothing for
        them. What helps many people with troublesome tics is **{TICS.name}**, evidence
        **{TICS.evidence}**: {TICS.summary[0].lower() + TICS.summary[1:]}

        For the other pathological causes, specialists lead treatment; some of it rests on
        graded trials, much is **consensus** care from guidelines:

        {CAUSE_TABLE}
        """
    ),
    md(
        f"""
        ## Complementary practices

        **{BREUSS.name}.** {BREUSS.summary}

        **{DORN.name}.** {DORN.summary} *Dorn* is the inventor's surname; it also means
        "thorn" in German, hence the mistranslation.

        Both are evidence level **{BREUSS.evidence}**. That is why the course keeps them
        apart from physiotherapy: a gentle massage can feel pleasant, but feeling relaxed is
        not evidence that a disease is treated. Whoever tries one should not let it replace
        care that has evidence.
        """
    ),
    md(
        """
        ## Interactive demo: treatments per cause

        The cause explorer's card lists each cause's treatments with their evidence level.
        It opens on multiple sclerosis: compare its four treatments. Then pick a benign cause,
        such as *Psychological stress and anxiety*, and compare.
        """
    ),
    widget(
        """
        from muscletwitch import widgets

        widgets.CauseExplorer(cause="multiple-sclerosis")
        """
    ),
    md(
        """
        ## Exercise: grade the claim

        Give each claim an evidence level (strong, moderate, low, consensus or unproven) and
        say what kind of treatment it is. Then check with `tax.therapy(...)` or the plot.
        """
        + "\n\n"
        + "\n".join(f"{i}. {claim}" for i, claim in enumerate(CLAIMS, 1))
    ),
    code(
        """
        t = tax.therapy("stretching")
        t.kind, t.evidence
        """
    ),
    solution(
        CLAIMS_SOLUTION,
        """
        Claims 1 and 4 are about the same illness, but the evidence differs: moderate for
        mobility and strength (GRADE, Cochrane overview CD012732), low for spasticity
        (CD009974). Claim 2 has no trial behind it, however confidently it is made. Claim 3 is
        sound advice without trials (consensus).
        """,
    ),
    # exercises 06-best-evidence and 06-unproven: stub + check; solutions stay here
    exercise(
        "06-best-evidence",
        """
        listed = tax.cause("multiple-sclerosis").therapies
        """,
        """
        from muscletwitch import taxonomy

        answer = min(listed, key=lambda t: taxonomy.EVIDENCE_LEVELS.index(tax.therapy(t).evidence))
        """,
        hint="a therapy id",
    ),
    exercise(
        "06-unproven",
        "first = tax.therapies[0]  # each therapy has .id and .evidence",
        'answer = [t.id for t in tax.therapies if t.evidence == "unproven"]',
        hint="a list of therapy ids",
    ),
    md(
        """
        ## Quiz: check yourself

        Questions on treatments and their evidence. Each answer says why it is right or wrong.
        """
    ),
    widget(
        """
        from muscletwitch import widgets

        widgets.Quiz(notebook="06_therapy_and_physiotherapy", n=4)
        """
    ),
    md(
        """
        ## Summary

        - Harmless twitching settles on its own; sleep, less caffeine, less stress and
          stretching for cramps help (consensus advice).
        - Evidence levels: **strong, moderate, low** grade trials with **GRADE**; **consensus**
          is advice without graded trials; **unproven** means no trial shows a benefit.
        - Anti-seizure medicines and levodopa rest on trials (strong); riluzole and exercise
          in MS: moderate (Cochrane CD012732); physical activity for spasticity: low.
        - Magnesium is unlikely to help night cramps in older adults (Cochrane); quinine
          helps a little but has serious harms.
        - Breuss massage and the Dorn method ("thorn massage") are **unproven** complementary
          practices, not physiotherapy.

        ## What's next

        [07 Review](07_review.ipynb): the whole course on one map, the seed article's
        imprecisions side by side with what we teach, and a final quiz.
        """
    ),
    references(
        *tax.therapies,
        intro="Generated from the course data (`muscletwitch/data/sources.toml`). Breuss massage "
        "and the Dorn method cite only the seed article: no trial exists to cite.",
    ),
]
