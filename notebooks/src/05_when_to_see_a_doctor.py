"""Build script of notebooks/05_when_to_see_a_doctor.ipynb (run: python tools/run_notebooks.py)."""

from nbbuild import code, exercise, md, references, solution, widget

import muscletwitch as mt

tax = mt.load_taxonomy()


def flag_table(urgency: str) -> str:
    rows = [f"| {f.name} | {f.advice} |" for f in tax.red_flags if f.urgency == urgency]
    return "\n".join(["| Red flag | What to do |", "|---|---|", *rows])


REPORT = """
print("Urgency:", a.urgency)
for c in a.causes:
    print(f"Fits: {c.name} ({a.reasons[c.id].describe(tax)})")
for f in a.red_flags:
    print(f"Red flag: {f.name} ({f.urgency}): {f.advice}")
"""


def assessed(*findings: str) -> str:
    """The code of a case's solution: `mt.assess` on the case's findings, printed with reasons."""
    return "a = mt.assess(" + ", ".join(f'"{f}"' for f in findings) + ")" + REPORT


CASES = {  # vignette -> the findings a careful reader picks
    "exams": ("twitching", "eyelid", "stress", "poor-sleep", "caffeine"),
    "marathon": ("twitching", "cramps", "recent-strenuous-exercise"),
    "grip": ("twitching", "muscle-weakness", "lasting-over-2-weeks"),
    "fever": ("child", "fever", "seizure"),
    "diabetes": ("diabetes", "trembling", "sweating", "confusion"),
}

TITLE = "05 When to see a doctor"
CELLS = [
    md(
        """
        # 05 When to see a doctor

        **Red flags and emergencies, practised on five cases**

        *muscletwitch course, notebook 05 of 07. We teach, we do not diagnose.*

        > **Emergency? Call 999 (UK), 112 (EU) or 911 (US).** This notebook teaches how doctors
        > think about twitching. It cannot examine you: if you are worried, see a doctor.
        """
    ),
    md(
        """
        ## Overview

        Most twitching is harmless and settles by itself. A few findings change that: some mean
        "see a doctor", a few mean "call emergency services now". This notebook teaches those
        **red flags** from the guidance they come from (NHS, NICE, the Epilepsy Society), then
        practises them on five people.

        ## Prerequisites

        | Concept | Importance | Notes |
        |---|---|---|
        | [03 Benign causes](03_benign_causes.ipynb) | Necessary | Harmless twitching and its triggers |
        | [04 Pathological causes](04_pathological_causes.ipynb) | Necessary | Seizures, hypoglycaemia, ALS |

        ## Time to learn

        20 minutes.
        """
    ),
    md(
        """
        ## Learning objectives

        After this notebook you can:

        1. List the **red flags** that mean twitching needs a doctor.
        2. Recognise the three **emergencies**: a seizure, a child with fever and a fit, and
           low blood sugar in diabetes, and say what to do in each.
        3. Use `mt.assess(...)` and the red-flag checker to reason from findings to urgency,
           and explain why a teaching tool cannot diagnose.
        """
    ),
    code(
        """
        from IPython.display import Markdown

        import muscletwitch as mt
        from muscletwitch import plots, style

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
        f"""
        ## Red flags

        Twitching that is **harmless** comes and goes, in a muscle of normal strength, and
        settles within days to weeks. See a GP (family doctor) when any of these apply:

        {flag_table("see-a-doctor")}
        """
    ),
    md(
        f"""
        ## Emergencies

        These are not about twitching at all, but they are what the seed article's "epilepsy",
        "very high fever" and "hypoglycaemic diabetic" really mean. Each needs action **now**:

        {flag_table("emergency")}
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
        urgent = {f.id for f in tax.red_flags if f.urgency == "emergency"}
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

        Tick what a person notices, the context, and other symptoms. The banner shows the
        urgency in words and colour, then the red flags with their advice, and the causes that
        fit, each with its reasons.

        Try: tick *Muscle twitching* and *Stress or anxiety*; then add *Muscle weakness*. What
        changes, and why?
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
        ## Exercise: five cases

        For each person, **predict before you open the solution**:

        1. Which findings apply? (`tax.findings` lists the ids.)
        2. How urgent is it: self-care, see a doctor, or emergency?
        3. What should happen next?

        Then try your findings in the cell below, or in the checker above.
        """
    ),
    code(
        """
        a = mt.assess("twitching", "stress")
        a.urgency, [c.name for c in a.causes]
        """
    ),
    md(
        """
        ### Case 1: a student before exams

        Lena, 20, has her final exams next week. For five days her left lower eyelid has
        flickered several times a day, a few seconds at a time. She sleeps five hours a night
        and drinks four coffees a day. Nothing else is wrong; the eye does not close.
        """,
        slide="subslide",
    ),
    solution(
        assessed(*CASES["exams"]),
        """
        This is **eyelid myokymia**, a very common, harmless twitch, brought on by stress, too
        little sleep and caffeine together. Self-care: sleep, less coffee, and time; it settles
        on its own. A doctor is needed if it goes on for more than 2 weeks (NHS), or if an
        eyelid twitch lasts over 3 months, closes the eye or spreads in the face (NICE NG127).
        """,
    ),
    md(
        """
        ### Case 2: a runner after a marathon

        Tom, 34, ran his first marathon yesterday. Last night both calves cramped; today he
        sees small flickers under the skin of his calves. His legs are sore but strong: he can
        walk on tiptoe and on his heels.
        """,
        slide="subslide",
    ),
    solution(
        assessed(*CASES["marathon"]),
        """
        Tired muscles after **strenuous exercise** twitch and cramp for hours to a day or two;
        exercise-associated cramps are common in endurance sport. This is fatigue, not a
        "strain" (a strain is a torn muscle). Rest, stretching and gradual training help. Red
        flags would be weakness, or twitching that lasts over 2 weeks.
        """,
    ),
    md(
        """
        ### Case 3: a 60-year-old with a weak grip

        Mr Okafor, 60, has noticed twitching in his right forearm for two months. Over the same
        time his grip has become weak: he struggles to open jars and to turn a key.
        """,
        slide="subslide",
    ),
    solution(
        assessed(*CASES["grip"]),
        """
        **See a GP soon.** Twitching that lasts over 2 weeks is a red flag, and **weakness** is
        the important one: twitching together with a weak muscle is what needs examining.
        The tool lists ALS because that is the cause in its data that weakness and twitching
        fit; it cannot tell what a doctor can. Other conditions, such as a trapped nerve root
        in the neck, also cause weakness. A doctor examines the arm and, if needed, refers for
        nerve tests. ALS is rare; this is why the decision belongs to a doctor, not a tool.
        """,
    ),
    md(
        """
        ### Case 4: a child with fever and a fit

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
        ### Case 5: a person with diabetes, shaky and sweaty

        Mr Berger, 55, treats his diabetes with insulin. He skipped lunch and went for a long
        walk. Now his hands shake, he is sweating, and he answers questions slowly and
        strangely.
        """,
        slide="subslide",
    ),
    solution(
        assessed(*CASES["diabetes"]),
        """
        **Act now: this is probably a hypo (low blood sugar).** Missed meals and extra exercise
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

        - Harmless twitching comes and goes in a muscle of normal strength. **See a GP** if it
          lasts over 2 weeks, spreads, comes with weakness, stiffness or wasting, slurred speech
          or difficulty swallowing, or may be caused by a new medicine.
        - **Emergencies**: a first seizure or one over 5 minutes; a young child with fever and
          a first fit; a person with diabetes who is trembling, sweaty or confused (sugar now)
          and unconscious or fitting (call 999 / 112 / 911).
        - Tools such as `mt.assess` show the reasoning; a doctor makes the diagnosis.

        ## What's next

        [06 Therapy and physiotherapy](06_therapy_and_physiotherapy.ipynb): what helps, and how
        strong the evidence for each treatment is.
        """
    ),
    references(
        *tax.red_flags,
        intro="Generated from the course data (`muscletwitch/data/sources.toml`): the guidance "
        "each red flag comes from.",
    ),
]
