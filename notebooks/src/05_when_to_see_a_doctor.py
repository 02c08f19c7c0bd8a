"""Build script of notebooks/05_when_to_see_a_doctor.ipynb (run: python tools/run_notebooks.py)."""

from nbbuild import code, exercise, md, references, solution, widget

import muscletwitch as mt

tax = mt.load_taxonomy()


def tier_table(tier: str) -> str:
    """The red flags of one tier (their `tier` in red_flags.toml), with how soon and what to do."""
    rows = [
        f"| {f.name} | {tax.urgency(f.urgency).name} | {f.advice} |"
        for f in tax.red_flags
        if f.tier == tier
    ]
    return "\n".join(["| Red flag | How soon | What to do |", "|---|---|---|", *rows])


REPORT = """
print("Urgency:", a.level.name)
for f in a.red_flags:
    why = ", ".join(tax.finding(i).name.lower() for i in a.triggers[f.id])
    print(f"{TIER_TITLES[f.tier]}: {f.name} (why: {why})")
for c in a.causes[:4]:
    print(f"Fits: {c.name} ({a.reasons[c.id].describe(tax)})")
for note in a.notes:
    print("Note:", note)
"""

# the vignettes (muscletwitch/data/vignettes.toml) of the predict-then-reveal exercise
PREDICT = (
    "anxious-student",
    "night-cramps-at-75",
    "salbutamol-tremor",
    "sudden-slurred-speech",
    "faint-with-jerks",
    "known-epilepsy-typical-seizure",
)

PREDICT_SRC = (
    "PREDICT = (\n" + "".join(f'    "{i}",\n' for i in PREDICT) + ")"
)  # as ruff formats it


def assessed(*findings: str) -> str:
    """The code of a case's solution: `mt.assess` on the case's findings, printed with reasons."""
    return "a = mt.assess(" + ", ".join(f'"{f}"' for f in findings) + ")" + REPORT


CASES = {  # case -> the findings a careful reader picks
    "grip": ("twitching", "muscle-weakness", "lasting-over-2-weeks"),
    "fever": ("child", "fever", "seizure"),
    "diabetes": ("diabetes", "trembling", "sweating", "confusion"),
}

TITLE = "05 When to see a doctor"
CELLS = [
    md(
        """
        # 05 When to see a doctor

        **Reasons to see a GP, warning signs and emergencies, practised on real cases**

        *muscletwitch course, notebook 05 of 08. We teach, we do not diagnose.*

        Most twitching is harmless and settles by itself. This notebook is about the few
        findings that change that, and how soon each one needs a doctor.

        > **Emergency? Call 999 (UK), 112 (EU) or 911 (US).** This notebook teaches how doctors
        > think about twitching. It cannot examine you: if you are worried, see a doctor.
        """
    ),
    md(
        """
        ## Overview

        The course sorts the findings that need a doctor into three tiers: **reasons to see a
        GP**, **warning signs** and **emergencies**. Every assessment ends in one of four
        **urgency levels**, from self-care to "call emergency services now". This notebook
        teaches both from the guidance they come from (NHS, NICE, the Epilepsy Society), teaches
        **stroke** (FAST) explicitly, then practises on real-life cases: you predict first, then
        reveal what the guidance says.

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | [03 Benign causes](03_benign_causes.ipynb) | Necessary | Harmless twitching and its triggers |
        | [04 Pathological causes](04_pathological_causes.ipynb) | Necessary | Seizures, hypoglycaemia, ALS |

        ## Time to learn

        25 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. **Distinguish** a reason to see a GP from a warning sign and from an emergency, and
           **explain why** twitching that persists or spreads is the first, not an alarm.
        2. **Decide** the urgency level of a short case (self-care, see a doctor, urgent: today,
           or call emergency services now) and the next step.
        3. **Explain why** sudden slurred speech means 999 (stroke, FAST) while speech that
           slurs slowly over months means a GP appointment.
        4. **Predict** what `mt.assess(...)` says before you run it, and explain why a teaching
           tool cannot diagnose.
        """
    ),
    code(
        """
        from IPython.display import Markdown

        import muscletwitch as mt
        from muscletwitch import plots, style
        from muscletwitch.assess import TIER_TITLES

        tax = mt.load_taxonomy()
        """
    ),
    md(
        """
        ## We teach, we do not diagnose

        A doctor listens, examines and, when needed, tests. This course can do none of that. It
        shows how findings and red flags are **reasoned about**, so that you know when to ask
        for help. It is not a verdict on anyone's symptoms. The same rule, from the course data,
        appears in every widget:
        """
    ),
    code(
        """
        Markdown("> **Medical disclaimer.** " + tax.disclaimer)
        """
    ),
    md(
        """
        ## Four urgency levels

        Every assessment in this course ends in one of four levels, least urgent first. They
        come from one table of the course data, so the red-flag checker, the command line
        (`muscletwitch assess`) and this notebook use the same words and the same colours. The
        words carry the meaning: the colour only repeats it.

        - **Self-care**: nothing needs a doctor now.
        - **See a doctor**: book a GP appointment; not an emergency.
        - **Urgent: today**: a same-day GP appointment or NHS 111; for a hypo, act now.
        - **Call emergency services now**: 999, 112 or 911.

        These are the banners the checker shows:
        """
    ),
    code(
        """
        from IPython.display import HTML

        from muscletwitch.widgets._base import CSS
        from muscletwitch.widgets.red_flag_checker import banner_html

        HTML(CSS + '<div class="mt-widget">' + "".join(map(banner_html, tax.urgencies)) + "</div>")
        """
    ),
    md(
        f"""
        ## Red flags

        Twitching that is **harmless** comes and goes, in a muscle of normal strength, and
        settles within days to weeks. It can last months and still be harmless. The course
        sorts the findings that need a doctor into three tiers.

        **Reasons to see a GP.** Not alarms: the NHS phrases them "see a GP if". Persistent
        twitching or twitching in several places is how harmless twitching often looks; the GP's
        examination is what tells.

        {tier_table("reason-to-see-a-gp")}
        """
    ),
    md(
        f"""
        **Warning signs.** Weakness or wasting found on examination, slurred speech or
        difficulty swallowing, shaking at rest: see a GP soon. Some need help **today**.

        {tier_table("warning-sign")}
        """
    ),
    md(
        f"""
        ## Emergencies

        Most are not about twitching at all, but they are what the seed article's "epilepsy",
        "very high fever" and "hypoglycaemic diabetic" really mean, and what a sudden change
        can mean. Each needs emergency services **now**:

        {tier_table("emergency")}
        """
    ),
    md(
        """
        ### Stroke: think FAST

        A stroke comes on **suddenly**, within minutes. The NHS teaches **FAST**:

        - **F**ace: has it dropped on one side? Can the person smile?
        - **A**rms: can they lift both arms and keep them there?
        - **S**peech: is it slurred or garbled?
        - **T**ime: call 999 at once, and note the time the symptoms started.

        Sudden loss of vision, or sudden numbness or weakness of one side of the body, count too.
        Call even if the symptoms go away: that can be a warning stroke (a TIA). NICE NG128 asks
        for a validated tool such as FAST outside hospital, because clot-busting treatment must
        start within hours. **Onset is what decides**: slurred speech that crept up over months is a warning
        sign for a GP; the same words starting suddenly are a 999 call.

        Predict both urgencies, then run the cell:
        """
    ),
    code(
        """
        gradual = mt.assess("slurred-speech")
        sudden = mt.assess("sudden-onset", "slurred-speech")
        print("Slurred speech, crept up over months:", gradual.level.name)
        print("Slurred speech, started an hour ago: ", sudden.level.name)
        print([f.name for f in sudden.red_flags])
        """
    ),
    md(
        """
        ## Few causes, urgent ones

        On the map of all causes, the highlighted ones can bring a red flag marked
        **emergency**. Most causes of twitching cannot: most of the time the question is
        "wait, or see a GP?", not "call an ambulance?".
        """
    ),
    code(
        """
        urgent = {f.id for f in tax.red_flags if f.tier == "emergency"}
        emergency = [c.id for c in tax.filter(category="pathological") if urgent & set(c.red_flags)]
        with style.lecture():
            fig, ax = plots.subplots(figsize=(18, 8))
            drawn = plots.tree(ax, tax, highlight=emergency)
        plots.show(fig, drawn.alt_text)
        """
    ),
    md(
        """
        ## Interactive demo: the red-flag checker

        Tick what a person notices, when and how it started, the context, and other symptoms.
        The banner shows the urgency in words and colour, then the red flags with their tier,
        advice and reasons, and the causes that fit, each with its reasons.

        Try: tick *Muscle twitching* and *Stress or anxiety*; then add *Muscle weakness*. What
        changes, and why? Then untick all, tick *Slurred speech*, and add *It started
        suddenly*. Predict the banner before each click.
        """
    ),
    widget(
        """
        from muscletwitch import widgets

        widgets.RedFlagChecker()
        """
    ),
    md(
        """
        ## Exercise: predict, then reveal

        Six people from the course's case collection (`mt.load_vignettes()`), each with the
        answer its sources give. Read each story below and **write your prediction first**: one
        of self-care, see-a-doctor, urgent or emergency. Only then open the solution, which runs
        `mt.assess` on each case and sets your prediction beside it.

        For each, also decide the next step, and which tier the red flag belongs to, if any.
        """
    ),
    code(
        f"""
        cases = {{v.id: v for v in mt.load_vignettes()}}
        {PREDICT_SRC}
        Markdown(
            "| Case | Age | Story |\\n|---|---|---|\\n"
            + "\\n".join(f"| `{{i}}` | {{cases[i].age}} | {{cases[i].story}} |" for i in PREDICT)
        )
        """
    ),
    code(
        """
        # your predictions first: one of mt.URGENCY_LEVELS for each case
        my_prediction = {
            "anxious-student": "...",
            "night-cramps-at-75": "...",
            "salbutamol-tremor": "...",
            "sudden-slurred-speech": "...",
            "faint-with-jerks": "...",
            "known-epilepsy-typical-seizure": "...",
        }
        """
    ),
    solution(
        """
        for i in PREDICT:
            a = mt.assess(*cases[i].findings)
            guess = my_prediction.get(i, "...")
            if guess not in mt.URGENCY_LEVELS:
                verdict = "no prediction yet"
            else:
                verdict = "right" if guess == a.urgency else f"you said {guess}"
            print(f"{i}: {a.level.name} ({verdict}); sources expect {cases[i].urgency}")
            for f in a.red_flags:
                print(f"    {TIER_TITLES[f.tier]}: {f.name}")
            print("    Fits:", ", ".join(c.name for c in a.causes[:3]) or "no cause listed")
        """,
        """
        - **Anxious student**: see a doctor, once. Persistent, widespread twitching with normal
          strength is benign fasciculation in almost everyone: of 121 people with a normal
          examination at the start, none developed motor neuron disease (Blexrud 1993). One GP
          examination, then stop testing strength at home: checking keeps the worry going.
        - **Night cramps at 75**: self-care. Night cramps are common in older people, usually
          with no disease behind them; stretching the calf stops a cramp, and magnesium tablets
          are unlikely to help (Cochrane 2020). Cramps with weakness or wasting need a doctor.
        - **Tremor on salbutamol**: a reason to see a GP or pharmacist, not an alarm:
          salbutamol is a known cause of fine tremor. Do not stop an asthma inhaler yourself.
        - **Sudden slurred speech**: call 999: FAST, stroke until proven otherwise.
        - **A faint with jerks**: a few jerks are common in an ordinary faint (convulsive
          syncope). See a GP, who tells a faint from a seizure.
        - **Known epilepsy, typical brief seizure**: often no 999 (Epilepsy Society): follow the
          care plan; call if it lasts over 5 minutes, repeats, or they are injured.
        """,
    ),
    md(
        """
        ### Three cases in depth

        For each person, **predict before you open the solution**: which findings apply
        (`tax.findings` lists the ids), which urgency level, and what should happen next. Then
        try your findings in the cell below, or in the checker above.
        """
    ),
    code(
        """
        a = mt.assess("twitching", "stress")
        a.level.name, [c.name for c in a.causes]
        """
    ),
    md(
        """
        ### Case 1: a 60-year-old with a weak grip

        Mr Okafor, 60, has noticed twitching in his right forearm for two months. Over the same
        time his grip has become weak: he struggles to open jars and to turn a key.
        """,
        slide="subslide",
    ),
    solution(
        assessed(*CASES["grip"]),
        """
        **See a GP soon.** Twitching that lasts over 2 weeks is a reason to see a GP, and
        **weakness** is the warning sign: twitching together with a weak muscle is what needs
        examining. The tool lists a differential, led by a trapped nerve root in the neck, with
        a salt imbalance, multifocal motor neuropathy and thyroid disease; ALS is only one of
        several, and rare. "Weakness" here means weakness a doctor finds on examination.
        The doctor examines the arm and, if needed, refers for nerve tests: the decision
        belongs to a doctor, not a tool.
        """,
    ),
    md(
        """
        ### Case 2: a child with fever and a fit

        Mia, 2, has had a cold since this morning and feels hot. In the afternoon she suddenly
        goes stiff, then her arms and legs jerk rhythmically and she does not respond. She has
        never had a fit before.
        """,
        slide="subslide",
    ),
    solution(
        assessed(*CASES["fever"]),
        """
        **Call emergency services: it is her first fit.** This looks like a **febrile
        seizure**: about 1 in 20 young children have one, often as a temperature rises at the
        start of an infection, and most are harmless. Meanwhile: lay her on her side on a soft
        surface, stay with her, time the fit, put nothing in her mouth. Fever medicines make a
        child comfortable but do not prevent febrile seizures.
        """,
    ),
    md(
        """
        ### Case 3: a person with diabetes, shaky and sweaty

        Mr Berger, 55, treats his diabetes with insulin. He skipped lunch and went for a long
        walk. Now his hands shake, he is sweating, and he answers questions slowly and
        strangely.
        """,
        slide="subslide",
    ),
    solution(
        assessed(*CASES["diabetes"]),
        """
        **Urgent: act now, this is probably a hypo (low blood sugar).** Missed meals and extra exercise
        lower blood sugar; adrenaline brings the trembling and sweating, and the brain short of
        glucose the confusion. If he is awake and can swallow: fast-acting sugar (glucose
        tablets, a sugary drink), recheck, then a snack. If he becomes unconscious, fits, or
        does not improve: call emergency services. Never give insulin.
        """,
    ),
    # exercises 05-urgency and 05-red-flag: stub + check; solutions stay here
    exercise(
        "05-urgency",
        """
        findings = ["sudden-onset", "slurred-speech", "facial-droop"]
        """,
        "answer = mt.assess(*findings).urgency",
        hint="an urgency level",
    ),
    exercise(
        "05-red-flag",
        """
        findings = ["sudden-onset", "slurred-speech", "facial-droop"]
        """,
        "answer = mt.assess(*findings).red_flags[0].id",
        hint="a red flag id",
    ),
    md(
        """
        ## Quiz: check yourself

        Questions on red flags and emergencies. Each answer says why it is right or wrong.
        """
    ),
    widget(
        """
        from muscletwitch import widgets

        widgets.Quiz(notebook="05_when_to_see_a_doctor", n=6)
        """
    ),
    md(
        """
        ## Summary

        - Four urgency levels, one set of words and colours: self-care, see a doctor, urgent:
          today, call emergency services now.
        - **Reasons to see a GP**: twitching over 2 weeks, in several places, or after a new
          medicine. Not alarms: harmless twitching often looks like this.
        - **Warning signs**: weakness or wasting found on examination, slurred speech or
          difficulty swallowing that creeps up, shaking at rest; a hypo or low calcium: today.
        - **Emergencies**: sudden face, arm or speech problems (stroke: FAST, call 999); a
          first seizure or one over 5 minutes; fever with confusion, a stiff neck or a rash that
          does not fade; weakness spreading over days or with breathing trouble.
        - Tools such as `mt.assess` show the reasoning; a doctor makes the diagnosis.

        ## What's next

        [06 Therapy and physiotherapy](06_therapy_and_physiotherapy.ipynb): what helps, and how
        strong the evidence for each treatment is.
        """
    ),
    references(
        *tax.urgencies,
        *tax.red_flags,
        intro="Generated from the course data (`muscletwitch/data/sources.toml`): the guidance "
        "each urgency level and red flag comes from.",
    ),
]
