"""Build script of notebooks/03_benign_causes.ipynb (run: python tools/run_notebooks.py).

The cause slides, the "what helps" table and the red flags are generated from the course data.
"""

from nbbuild import code, exercise, md, quiz, references, solution, widget

import muscletwitch as mt
from muscletwitch import evidence
from muscletwitch.course import load_course

tax = mt.load_taxonomy()
course = load_course()
BENIGN = tax.filter(category="benign")
FLAG_IDS = dict.fromkeys(f for c in BENIGN for f in c.red_flags)
FLAGS = [tax.red_flag(f) for f in FLAG_IDS]
STUDIES = [  # (figure id, who was studied and how): four numbers that measure different things
    ("notice-fasciculations", "healthy people, above all those with medical training"),
    ("fasciculation-potentials-on-emg", "50 healthy 18-25-year-olds, needle EMG of a foot muscle"),
    ("exercise-cramps-race-entrants", "21-56 km race entrants asked about cramps ever"),
    ("benign-fasciculations-developed-mnd", "121 people with benign fasciculations, followed up"),
]
STUDY_TABLE = "\n".join(
    ["| Number | What it counts | Who, and how | Study |", "|---|---|---|---|"]
    + [
        f"| {f.value:g} {f.unit} | {f.label} | {how} | {f.study} |"
        for f, how in ((course.figure(i), how) for i, how in STUDIES)
    ]
)
NOTICE, ALS = course.figure("notice-fasciculations"), course.figure("als-incidence")
FOLLOWED = int(course.figure("benign-fasciculations-followed").value)
HEALTH_CARE = int(course.figure("benign-fasciculations-health-care").value)
if course.figure("benign-fasciculations-developed-mnd").value:  # the rule needs zero events
    raise ValueError("course.toml: the rule of three applies to 0 events; update notebook 03")
BOUND = evidence.rule_of_three(FOLLOWED)  # 3/121: computed from the data, never typed
EVIDENCE = sorted(
    {s for i, _ in STUDIES for s in course.figure(i).sources}
    | set(ALS.sources)
    | {"hanley-1983", "waterman-weinman-2014", "nhs-health-anxiety"}
    | {"nhs-talking-therapies-health-anxiety", "nice-ng127", "nhs-twitching", "seed-article"}
)


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
URGENCY_HEADINGS = {  # most urgent first: what each level asks the reader to do
    "emergency": "**Emergency: call 999, 112 or 911**",
    "urgent": "**See a doctor today**",
    "see-a-doctor": "**Reasons to book a GP appointment** (for an examination)",
    "self-care": "**Look after yourself, and see a GP if it does not settle**",
}
FLAG_LIST = "\n\n".join(
    f"{URGENCY_HEADINGS[level]}\n\n" + "\n".join(f"- {f.name}" for f in FLAGS if f.urgency == level)
    for level in reversed(mt.URGENCY_LEVELS)
    if any(f.urgency == level for f in FLAGS)
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

        25 minutes.
        """
    ),
    md(
        f"""
        ## Learning objectives

        After this notebook you can:

        1. **Distinguish** the {len(BENIGN)} benign causes by the movement each brings and what
           helps.
        2. **Explain why** stress, caffeine and fatigue make healthy nerves and muscles twitch.
        3. **Explain why** two numbers side by side reassure (twitches are common, ALS is rare),
           and **predict** what "none of {FOLLOWED}" allows you to conclude (the rule of three).
        4. **Decide** the next step for persistent twitching: one examination, not repeated
           self-testing, and which signs mean "see a doctor".
        5. **Distinguish** what the seed article gets wrong: "psychological", "strained muscles"
           and "if they persist, serious illnesses can be behind them".
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
        f"""
        ## The evidence: common and harmless

        {STUDY_TABLE}

        Each number counts something different, in different people, measured in a different
        way: a survey, an EMG, a cramp history, a follow-up. So they are not bars on one axis;
        read each on its own.
        """
    ),
    md(
        f"""
        ## Base rates: common twitches, rare ALS

        Two numbers answer two different questions:

        - **How common are twitches?** About {NOTICE.value:g}% of healthy people notice
          fasciculations at some time ({NOTICE.study}).
        - **How common is ALS?** About {ALS.value:.1f} new cases per 100,000 adults per year
          ({ALS.study}).

        One counts people who *ever* notice a twitch, the other people who *fall ill in a year*:
        not one axis. Side by side, in a town of 100,000, they still show the balance.
        """
    ),
    code(
        """
        from muscletwitch.course import load_course

        course = load_course()
        notice, als = course.figure("notice-fasciculations"), course.figure("als-incidence")
        town = 100_000
        print(f"notice twitches at some time: about {notice.value / 100 * town:,.0f} people")
        print(f"new ALS cases: about {als.value * town / 100_000:.0f} a year")
        """
    ),
    md(
        f"""
        ## The rule of three: what none of {FOLLOWED} means

        None of {FOLLOWED} people with benign fasciculations developed motor neuron disease. That
        does not prove the risk is zero. The **rule of three** (Hanley & Lippman-Hand 1983) says
        how large it could still be: after 0 events in *n* people, the 95% upper bound of the
        risk is about 3/*n*, here 3/{FOLLOWED}, about {BOUND:.1%}. The true risk is probably far
        lower.

        **The reassurance rests on a normal examination.** All {FOLLOWED} had a normal
        neurological examination and EMG when the study began (Blexrud 1993): the numbers apply to a person
        whose examination is normal. That is why persistent twitching calls for one GP
        examination.
        """
    ),
    code(
        """
        import numpy as np

        from muscletwitch import evidence

        followed = int(course.figure("benign-fasciculations-followed").value)
        print(f"rule of three: 3/{followed} = {evidence.rule_of_three(followed):.1%}")
        print(f"exact 95% upper bound: {evidence.zero_events_upper_bound(followed):.1%}")

        n = np.arange(20, 501)
        bound = [100 * evidence.zero_events_upper_bound(int(k)) for k in n]
        with style.lecture():
            fig, ax = plots.subplots(figsize=(10, 4))
            ax.plot(n, bound, color=style.INK, label="exact 95% upper bound")
            ax.plot(n, 300 / n, "--", color=style.colour_of("benign"), label="rule of three, 3/n")
            ax.plot([followed], [300 / followed], "o", color=style.INK, ms=10)
            ax.annotate(
                f"{followed} people: {3 / followed:.1%}",
                (followed, 300 / followed),
                (followed + 40, 300 / followed + 4),
                arrowprops={"arrowstyle": "->"},
            )
            ax.set(
                xlabel="people followed, none fell ill",
                ylabel="risk at most (%)",
                title="What zero events rule out (Hanley & Lippman-Hand 1983)",
            )
            ax.legend()
        plots.show(
            fig,
            f"The 95% upper bound of a risk after none of n people fell ill, falling from "
            f"{bound[0]:.0f}% at {n[0]} people to {bound[-1]:.1f}% at {n[-1]}; at {followed} "
            f"people it is about {3 / followed:.1%}.",
        )
        """
    ),
    md(
        f"""
        ## Health anxiety and the medical students' disease

        Twitches are noticed most by people with medical training, and {HEALTH_CARE} of Blexrud's
        {FOLLOWED} patients worked in health care: medical and physiotherapy students are the
        people who start to worry after the ALS lecture. The worry has a name, **medical
        students' disease**: studying a disease makes ordinary sensations stand out. (Whether
        students really consult more is doubtful: in one London study they sought no more medical
        help than science or law students; Waterman & Weinman 2014.)

        **Why checking keeps the worry going:** watching a muscle, testing your grip again and
        again and searching symptoms bring brief relief, but you notice more twitches and worry
        longer (NHS, health anxiety).
        """
    ),
    md(
        """
        **What helps:**

        - Note how often you check, and check less each day (NHS).
        - One GP examination, not repeated tests: NICE NG127 does not refer fasciculations to a
          specialist unless there are other signs, such as wasting and weakness.
        - If worry keeps you from a normal life, see a GP: talking therapy (CBT) helps, and NHS
          Talking Therapies take self-referrals in England. Your university's counselling service
          is another door.
        """,
        slide="-",
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

        These signs go with the benign causes above (NHS; NICE NG127). Lasting or spreading
        twitches are reasons for an examination, not signs of disease; weakness, wasting or
        slurred speech are warning signs a doctor must assess. The course cannot tell you
        what it is.

        {FLAG_LIST}

        Notebook 05 goes through every red flag and what to do. We teach, we do not diagnose.
        """
    ),
    md(
        """
        *The seed article:* "If they persist, serious illnesses can be behind them."

        **Our reading:** persistence alone does not make a serious illness likely: benign
        fasciculations can go on for years (Blexrud 1993 followed people for 2-32 years). What
        matters is the company a twitch keeps: weakness, wasting, or difficulty speaking or
        swallowing, found on examination. Twitching for more than 2 weeks is a reason for one
        GP examination (NHS), the examination that reassures, not a sign of disease.
        """,
        slide="-",
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
        f"""
        ## Summary

        - Everyday triggers (stress, strenuous exercise, caffeine, lack of sleep, some
          medicines) make healthy nerves and muscles more excitable.
        - Harmless patterns: benign fasciculation syndrome, eyelid myokymia, hiccups and sleep
          starts.
        - Base rates: about {NOTICE.value:g}% of healthy people notice twitches; ALS starts in
          about {ALS.value:.1f} per 100,000 adults a year. None of {FOLLOWED} people with benign
          fasciculations developed MND: by the rule of three the risk is at most about
          {BOUND:.1%}, for people with a normal examination.
        - Checking and self-testing keep health worry going; one GP examination is the step.
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
