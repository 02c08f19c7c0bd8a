"""Code exercises: every hidden solution scores full marks through `check`, typical wrong answers
get their own misconception message, stubs and bad input get a clear message (no traceback), and
no expected value appears in a message, the notebook or the package."""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from nbbuild import ExerciseCells, build, load

import muscletwitch as mt
from muscletwitch import exercises, pathway_graders, physiology
from muscletwitch.exercises import check, load_exercises

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "notebooks" / "src").glob("0*.py"))
# what the notebooks' first code cells define, before any exercise
PREAMBLE = (
    "import muscletwitch as mt\nfrom muscletwitch import physiology\ntax = mt.load_taxonomy()\n"
)


def _blocks() -> dict[str, tuple[Path, ExerciseCells]]:
    out = {}
    for script in SCRIPTS:
        cells, _ = load(script)
        for item in cells:
            if isinstance(item, ExerciseCells):
                out[item.exercise_id] = (script, item)
    return out


BLOCKS = _blocks()


@cache
def _solve(exercise_id: str):
    """The hidden solution's answer: the stub's setup, then the solution, run as a student would."""
    _, block = BLOCKS[exercise_id]
    namespace: dict = {}
    exec(PREAMBLE + block.setup + "\n" + block.solution, namespace)  # noqa: S102 (our own code)
    return namespace["answer"]


def test_every_exercise_is_in_its_notebook_and_every_content_notebook_has_two():
    defs = load_exercises()
    assert set(BLOCKS) == set(defs)
    for exercise_id, (script, _) in BLOCKS.items():
        assert script.stem == defs[exercise_id].notebook
    for n in (*range(1, 7), 8):
        assert sum(e.notebook.startswith(f"0{n}_") for e in defs.values()) >= 2


@pytest.mark.parametrize("exercise_id", sorted(BLOCKS))
def test_the_hidden_solution_scores_full_marks(exercise_id):
    fb = check(exercise_id, _solve(exercise_id))
    assert fb.correct, str(fb)
    assert fb.points == fb.max_points == exercises.exercise(exercise_id).points


@pytest.mark.parametrize("exercise_id", sorted(BLOCKS))
def test_the_stub_asks_to_fill_it_in_without_an_exception(exercise_id):
    _, block = BLOCKS[exercise_id]
    namespace: dict = {}
    stub, check_cell = (c.source for c in block[1:3])
    head, _, call = check_cell.rpartition("\n")
    exec(f"{PREAMBLE}{stub}\n{head}\n_fb = {call}", namespace)  # noqa: S102 (the notebook's own cells)
    fb = namespace["_fb"]
    assert fb.status == "unanswered" and fb.points == 0
    assert "Replace the `...`" in fb.message and "answer = ..." in stub


def _fused_from(contraction_ms: float) -> int:
    return next(
        rate
        for rate in range(5, 105, 5)
        if physiology.fusion_index(physiology.summed_force(rate, contraction_ms=contraction_ms)[1])
        >= 0.9
    )


def _wrong_answers() -> list[tuple[str, object, str]]:
    """(exercise, a typical wrong answer, the misconception it must be told)."""
    f_rate = _solve("01-fusion-rate")
    cv = _solve("01-discharge-cv")
    train = physiology.discharge_train(8, 3, regular=False, seed=2)
    regular = np.diff(physiology.discharge_train(8, 3, regular=True, seed=1))
    f = _solve("02-tremor-frequency")
    tremor_type = _solve("02-tremor-type")
    pool = exercises.pool("04-recruitment-order")
    order = sorted(pool, key=pool.get)
    signs = _solve("04-umn-lmn")
    flags = mt.assess("sudden-onset", "slurred-speech", "facial-droop").red_flags
    levels = exercises_levels()
    urgent = mt.assess("sudden-onset", "slurred-speech", "facial-droop").urgency
    tax = mt.load_taxonomy()
    graded = [t.id for t in tax.therapies if t.evidence != "unproven"]
    clonus_hz = _solve("08-clonus-frequency")
    clonus_args = pathway_graders._clonus_args(exercises.exercise("08-clonus-frequency"))
    beats = physiology.signature_events("clonus", **clonus_args).size
    out = [
        ("01-fusion-rate", 1000 / f_rate, "interval-ms"),
        ("01-fusion-rate", 1 / f_rate, "interval-s"),
        ("01-fusion-rate", f_rate + 20, "not-lowest"),
        ("01-fusion-rate", 5, "not-fused"),
        ("01-fusion-rate", _fused_from(35), "fast-unit"),
        ("01-discharge-cv", np.diff(train).std(), "std-not-cv"),
        ("01-discharge-cv", 100 * cv, "percent"),
        ("01-discharge-cv", regular.std() / regular.mean(), "regular-train"),
        ("01-discharge-cv", train.std() / train.mean(), "times-not-intervals"),
        ("02-tremor-frequency", 2 * f, "double"),
        ("02-tremor-frequency", 10 * f, "count"),
        ("02-tremor-frequency", 1 / f, "period-s"),
        ("02-tremor-frequency", 1000 / f, "period-ms"),
        ("02-tremor-frequency", 2 * math.pi * f, "angular"),
        ("02-tremor-frequency", f / 1000, "per-sample"),
        ("02-tremor-type", ({"parkinsonian", "essential"} - {tremor_type}).pop(), "out-of-range"),
        ("03-benign-urgency", "emergency", "over-triage"),
        ("03-best-fit", "als", "pathological"),
        ("04-recruitment-order", order[::-1], "reversed"),
        ("04-recruitment-order", list(pool), "as-listed"),
        ("04-recruitment-order", [order[1], order[0], *order[2:]], "one-swap"),
        ("04-recruitment-order", order[:-1], "not-the-pool"),
        ("04-umn-lmn", signs | {"clonus": "LMN"}, "umn-as-lmn"),
        ("04-umn-lmn", signs | {"wasting": "UMN"}, "lmn-as-umn"),
        ("04-umn-lmn", {"clonus": "UMN"}, "missing"),
        ("05-red-flag", "slurred-speech", "finding-not-flag"),
        ("05-red-flag", "hypo", "not-raised"),
        ("06-best-evidence", "fever-first-aid", "not-for-cause"),
        ("06-unproven", [*_solve("06-unproven"), graded[0]], "includes-proven"),
        ("06-unproven", _solve("06-unproven")[:1], "some-missing"),
        ("08-clonus-frequency", beats / 6, "whole-trace"),
        ("08-clonus-frequency", float(beats), "count"),
        ("08-clonus-frequency", 2 * clonus_hz, "double"),
        ("08-clonus-frequency", 1 / clonus_hz, "period-s"),
        ("08-clonus-frequency", 1000 / clonus_hz, "period-ms"),
    ]
    out += _level_mistakes(_solve("08-umn-or-lmn"))
    below = levels[: levels.index(urgent)]
    above = levels[levels.index(urgent) + 1 :]
    out += [("05-urgency", below[-1], "under-triage")] if below else []
    out += [("05-urgency", above[0], "over-triage")] if above else []
    if len(flags) > 1 and flags[-1].urgency != flags[0].urgency:
        out.append(("05-red-flag", flags[-1].id, "less-urgent"))
    fits = mt.assess("twitching", "caffeine", "poor-sleep", "stress")
    top = max(r.score for r in fits.reasons.values())
    out += [("03-best-fit", c, "fits-less") for c, r in fits.reasons.items() if r.score < top][:1]
    unlisted = [c.id for c in tax.causes if c.category == "benign" and c.id not in fits.reasons]
    out += [("03-best-fit", unlisted[0], "not-listed")]
    listed = tax.cause("multiple-sclerosis").therapies
    best = _solve("06-best-evidence")
    out += [("06-best-evidence", t, "weaker") for t in listed if t != best][:1]
    return out


def exercises_levels() -> tuple[str, ...]:
    from muscletwitch.taxonomy import URGENCIES

    return tuple(getattr(mt, "URGENCY_LEVELS", URGENCIES))


def _level_mistakes(levels: dict[str, str]) -> list[tuple[str, object, str]]:
    """Typical wrong answers to 08-umn-or-lmn, each on one case of the solved answer."""
    case = {want: c for c, want in levels.items()}  # the case of each level (one each)
    umn, lmn, both, neither = (case[k] for k in ("UMN", "LMN", "both", "neither"))
    ex = "08-umn-or-lmn"
    return [
        (ex, levels | {both: "LMN"}, "missed-both"),
        (ex, levels | {both: "UMN", neither: "UMN"}, "missed-both"),  # the mix is told first
        (ex, levels | {neither: "UMN"}, "rigidity-as-umn"),
        (ex, levels | {neither: "LMN"}, "neither-as-motor-neuron"),
        (ex, levels | {umn: "neither"}, "sign-as-neither"),
        (ex, levels | {lmn: "both"}, "mixed-as-both"),
        (ex, levels | {umn: "LMN", lmn: "UMN"}, "umn-lmn-swapped"),
        (ex, {umn: "UMN"}, "missing"),
    ]


WRONG = _wrong_answers()


@pytest.mark.parametrize(("exercise_id", "answer", "misconception"), WRONG)
def test_a_typical_wrong_answer_gets_its_misconception_message(exercise_id, answer, misconception):
    fb = check(exercise_id, answer)
    ex = exercises.exercise(exercise_id)
    assert fb.misconception == misconception, str(fb)
    assert not fb.correct
    if ex.answer in ("signs", "levels"):  # credit per sign or case sorted right
        assert 0 <= fb.points < fb.max_points
    else:
        assert fb.points == ex.misconception(misconception).partial
    assert ex.misconception(misconception).message in fb.message
    assert fb.link.startswith(f"{ex.notebook}.ipynb#")


def test_every_misconception_is_exercised_by_a_wrong_answer():
    tested = {(e, m) for e, _, m in WRONG}
    for ex in load_exercises().values():
        for m in ex.misconceptions:
            if (ex.id, m.id) in {("05-urgency", "over-triage"), ("05-red-flag", "less-urgent")}:
                continue  # depend on the red flags of the day; tested whenever the data allows
            if (ex.id, m.id) == ("03-benign-urgency", "under-triage"):
                continue  # the benign case has the lowest urgency: nothing below it to answer
            assert (ex.id, m.id) in tested, f"{ex.id}: no wrong answer shows {m.id!r}"


@pytest.mark.parametrize(
    ("exercise_id", "answer", "says"),
    [
        ("01-fusion-rate", "20 Hz", "Expected one number in Hz, got str '20 Hz'"),
        ("01-fusion-rate", [5, 10], "got 2 values"),
        ("01-fusion-rate", True, "got bool True"),
        ("01-fusion-rate", float("nan"), "finite"),
        ("02-tremor-type", "esential", "did you mean essential?"),
        ("03-best-fit", 3, "Expected a cause id (a string), got int 3."),
        ("04-umn-lmn", ["clonus"], 'Expected a dict: sign -> "UMN" or "LMN"'),
        ("04-umn-lmn", {"klonus": "UMN"}, "did you mean clonus?"),
        ("08-umn-or-lmn", "UMN", 'Expected a dict: case -> "UMN", "LMN", "both" or "neither"'),
        ("08-umn-or-lmn", {"E": "UMN"}, "'E' is not a known case here"),
        ("08-umn-or-lmn", {"A": "brainstem"}, "'brainstem' is not a known level"),
        ("08-clonus-frequency", "5 Hz", "Expected one number in Hz, got str '5 Hz'"),
        ("06-unproven", "dorn-method", "Expected a list of therapy ids, got str"),
        ("05-urgency", "urgentt", "did you mean"),
    ],
)
def test_bad_input_gets_a_clear_message_not_a_traceback(exercise_id, answer, says):
    fb = check(exercise_id, answer)
    assert fb.status == "invalid" and fb.points == 0
    assert says in fb.message


def test_an_unknown_exercise_suggests_the_right_id():
    fb = check("01-fusion-rat", 30)
    assert fb.status == "invalid" and "did you mean 01-fusion-rate?" in fb.message


def _expected_texts() -> dict[str, set[str]]:
    """Each exercise's expected answer written as text in the forms a reader would find it."""
    out = {}
    for exercise_id in BLOCKS:
        answer = _solve(exercise_id)
        if isinstance(answer, (int, float, np.number)):
            value = float(answer)
            texts = {f"{value:.{d}f}" for d in (1, 2, 3)} | {f"{value:g}"}
            out[exercise_id] = {t for t in texts if len(t.replace(".", "")) >= 2}
        else:
            out[exercise_id] = set()
    return out


EXPECTED = _expected_texts()


@pytest.mark.parametrize("exercise_id", sorted(BLOCKS))
def test_no_message_shows_the_expected_value(exercise_id):
    texts = EXPECTED[exercise_id]
    answers = [a for e, a, _ in WRONG if e == exercise_id] + [_solve(exercise_id), ...]
    for answer in answers:
        fb = check(exercise_id, answer)
        shown = str(fb) + fb._repr_html_() + fb._repr_markdown_()
        assert not [t for t in texts if re.search(rf"(?<![\d.]){re.escape(t)}(?!\d)", shown)]


def test_no_expected_value_is_in_the_notebook_or_the_package_text():
    numeric = {e: t for e, t in EXPECTED.items() if t}
    assert len(numeric) >= 3  # fusion rate, CV, tremor frequency
    package = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [ROOT / "muscletwitch" / "data" / "exercises.toml"]
        + sorted(
            {
                *(ROOT / "muscletwitch").glob("exercise*.py"),
                *(ROOT / "muscletwitch").glob("*_graders.py"),
            }
        )
    )
    for exercise_id, texts in numeric.items():
        script, block = BLOCKS[exercise_id]
        notebook = json.dumps(build(load(script)[0]).cells)
        # the fusion rate is a multiple of 5 Hz that the notebook's lab may show; the computed
        # CV and tremor frequency must not appear at all
        if exercise_id == "01-fusion-rate":
            notebook = json.dumps(build(list(block)).cells)
        for t in texts:
            pattern = rf"(?<![\d.]){re.escape(t)}(?!\d)"
            assert not re.search(pattern, notebook), f"{exercise_id}: {t} in the notebook"
            if exercise_id != "01-fusion-rate":  # "5" and "10" are everywhere in code
                assert not re.search(pattern, package), f"{exercise_id}: {t} in the package"


def test_the_solution_never_goes_into_the_notebook():
    for exercise_id, (script, block) in BLOCKS.items():
        notebook = json.dumps(build(load(script)[0]).cells)
        for line in block.solution.splitlines():
            if line.strip().startswith("answer ="):
                assert json.dumps(line.strip())[1:-1] not in notebook, exercise_id


def test_feedback_displays_in_jupyter_and_as_text():
    fb = check("01-discharge-cv", 1.0e6)
    assert fb.status == "wrong" and fb.message == exercises.exercise("01-discharge-cv").unrecognised
    assert str(fb).startswith("01-discharge-cv: Not quite. 0 / 2 points.")
    assert '<a href="01_what_is_a_twitch.ipynb#Rhythm:-regular-or-irregular?">' in fb._repr_html_()
    assert fb._repr_markdown_().startswith("**01-discharge-cv: Not quite.")


def test_sorting_signs_earns_credit_per_sign_and_says_so():
    signs = _solve("04-umn-lmn")
    fb = check("04-umn-lmn", signs | {"wasting": "UMN"})
    assert (fb.status, fb.points) == ("partial", 1)
    assert f"(1 of 2 points: {len(signs) - 1} of {len(signs)} signs sorted right.)" in fb.message
    flipped = {s: "UMN" if c == "LMN" else "LMN" for s, c in signs.items()}
    fb = check("04-umn-lmn", flipped)
    assert fb.points == 0 and "0 of 2 points: 0 of 7 signs sorted right" in fb.message


def test_signs_may_be_named_in_words():
    words = {
        s: "upper" if c == "UMN" else "lower motor neuron" for s, c in _solve("04-umn-lmn").items()
    }
    assert check("04-umn-lmn", words).correct
    assert check("04-umn-lmn", {"clonus": "middle"}).status == "invalid"


def test_partial_credit_says_why():
    cv = _solve("01-discharge-cv")
    fb = check("01-discharge-cv", 100 * cv)
    assert fb.status == "partial" and fb.points == 1
    assert "1 of 2 points: the method is right" in fb.message


def test_every_exercise_links_to_a_heading_of_its_notebook():
    for ex in load_exercises().values():
        script, _ = BLOCKS[ex.id]
        sections = {ex.section} | {m.section for m in ex.misconceptions if m.section}
        headings = {
            line.lstrip("#").strip()
            for cell in build(load(script)[0]).cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
            if line.startswith("#")
        }
        missing = sections - headings
        assert not missing, f"{ex.id}: no heading {missing} in {script.stem}"


def test_the_module_needs_only_the_standard_library_and_numpy():
    import ast

    allowed = {"numpy", "hashlib", "html", "dataclasses", "functools", "typing", "collections"}
    allowed |= {"__future__", "json", "os", "pathlib", "muscletwitch"}
    for name in ("exercises.py", "exercise_graders.py", "progress.py"):
        tree = ast.parse((ROOT / "muscletwitch" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            assert roots <= allowed, f"{name} imports {roots - allowed}"
