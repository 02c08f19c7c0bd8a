"""Tests of the quiz bank, the generated questions, grading and the quiz session."""

from __future__ import annotations

import re

import pytest
from support.fresh import python_output

import muscletwitch as mt
from muscletwitch import quiz
from muscletwitch.course import load_course

SEED_CAUSES = {
    c.id for c in mt.load_taxonomy().causes if c.in_seed
}  # the ten, tested in test_taxonomy


@pytest.fixture(scope="module")
def everything() -> tuple[quiz.Question, ...]:
    return quiz.all_questions()


def test_bank_has_at_least_40_questions_and_unique_ids(everything):
    assert len(quiz.load_bank()) >= 40
    ids = [q.id for q in everything]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("source", ["bank", "all"])
def test_every_seed_cause_and_every_phenomenon_is_tested(source, everything):
    pool = quiz.load_bank() if source == "bank" else everything
    tested = {i for q in pool for i in q.causes}
    assert set(SEED_CAUSES) <= tested
    tax = mt.load_taxonomy()
    assert {p.id for p in tax.phenomena} <= {i for q in pool for i in q.phenomena}
    assert len(SEED_CAUSES) == 10


def test_questions_are_well_formed(everything):
    for q in everything:
        assert q.kind in quiz.KINDS
        assert q.correct, q.id
        assert q.kind == "multiple" or len(q.correct) == 1, q.id
        assert all(o.why.strip() and o.text.strip() for o in q.options), q.id
        assert len({o.text for o in q.options}) == len(q.options), q.id
        assert q.link.startswith(f"notebooks/{q.notebook}.ipynb#") and " " not in q.link
        assert q.notebook in load_course().notebook_ids


def test_trace_questions_have_a_signature(everything):
    from muscletwitch import physiology

    traces = [q for q in everything if q.kind == "trace"]
    assert traces
    assert all(q.trace in physiology.signature_ids() for q in traces)


def test_generated_questions_follow_the_data():
    tax = mt.load_taxonomy()
    gen = quiz.generated(tax)
    assert all(q.generated for q in gen)
    for q in gen:
        right = [o.text for o in q.options if o.correct]
        if q.kind == "trace":
            assert right == [tax.phenomenon(q.trace).name]


def test_grade_single_and_multiple():
    bank = {q.id: q for q in quiz.load_bank()}
    q = bank["tic-not-tick"]
    right = q.correct[0]
    fb = quiz.grade(q, right)
    assert fb.correct and fb.points == 1 and fb.headline == "Correct!"
    assert [o.chosen for o in fb.options].count(True) == 1
    wrong = quiz.grade(q, (right + 1) % len(q.options))
    assert not wrong.correct and "Not right" in [o.verdict for o in wrong.options]
    m = bank["which-are-rhythmic"]
    assert quiz.grade(m, m.correct).correct
    assert not quiz.grade(m, m.correct[:1]).correct
    missed = quiz.grade(m, m.correct[:1]).options[m.correct[1]]
    assert missed.verdict.startswith("Missed")


@pytest.mark.parametrize("answer", [99, -1, (0, 1), "a", ()])
def test_grade_rejects_malformed_answers(answer):
    q = next(q for q in quiz.load_bank() if q.kind == "single")
    with pytest.raises(ValueError, match=q.id):
        quiz.grade(q, answer)


def test_selection_is_seeded_and_filtered():
    a = quiz.questions(notebook="02_types_of_involuntary_movement", n=5, seed=0)
    b = quiz.questions(notebook="02_types_of_involuntary_movement", n=5, seed=0)
    assert [q.id for q in a] == [q.id for q in b] and len(a) == 5
    assert [q.options for q in a] == [q.options for q in b]
    assert all(q.notebook == "02_types_of_involuntary_movement" for q in a)
    c = quiz.questions(notebook="02_types_of_involuntary_movement", n=5, seed=1)
    assert [q.id for q in a] != [q.id for q in c]
    assert all(q.kind == "trace" for q in quiz.questions(kinds=["trace"]))
    tf = [q for q in quiz.questions(seed=3) if q.kind == "true-false"]
    assert all([o.text for o in q.options] == ["True", "False"] for q in tf)
    with pytest.raises(ValueError, match="notebook"):
        quiz.questions(notebook="99_nope")
    with pytest.raises(ValueError, match="n must"):
        quiz.questions(n=0)


def test_session_score_next_and_retry():
    qs = quiz.questions(n=4, seed=2)
    s = quiz.QuizSession(qs)
    assert s.current is qs[0] and not s.finished
    s.answer(qs[0].correct if qs[0].kind == "multiple" else qs[0].correct[0])
    s.answer(0)  # a second answer gets feedback but does not change the score
    assert s.score == 1
    s.next()
    s.next()  # skipped question counts as wrong
    while not s.finished:
        s.next()
    assert s.total == 4 and s.score == 1 and len(s.wrong) == 3
    assert s.summary() == "You scored 1 out of 4."
    with pytest.raises(ValueError, match="finished"):
        s.answer(0)
    s.retry(only_wrong=True)
    assert s.total == 3 and s.index == 0 and s.score == 0


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'causes = ["tic-disorder"]',
            'causes = ["tik-disorder"]',
            "field 'causes': 'tik-disorder' is not a known cause id; did you mean tic-disorder",
        ),
        ('kind = "single"', 'kind = "essay"', "'essay' is not one of single, multiple"),
        (
            'notebook = "01_what_is_a_twitch"',
            'notebook = "01_twitch"',
            "question 'visible-twitch-is-a-motor-unit', field 'notebook': '01_twitch' is not a "
            "known notebook id; did you mean 01_what_is_a_twitch?",
        ),
        ("correct = true", "correct = false", "a single question needs exactly one correct"),
        ("correct = true", 'correct = "yes"', "field 'options': correct: expected bool, got str"),
        (  # a bad type
            'section = "Motor units"',
            "section = 3",
            "question 'visible-twitch-is-a-motor-unit', field 'section': expected str, got int 3",
        ),
        (  # an unknown key, with a suggestion
            'explanation = "A motor unit',
            'explaination = "A motor unit',
            "field 'explaination': unknown field; allowed: id, kind, prompt, options, notebook, "
            "section, explanation, trace, causes, phenomena, red_flags, therapies, sites, sources; "
            "did you mean explanation",
        ),
        (  # a missing required field
            'prompt = "A visible twitch under the skin (a fasciculation) is usually..."',
            "",
            "question 'visible-twitch-is-a-motor-unit', field 'prompt': missing required field",
        ),
        ("why = ", "reason = ", "field 'options': reason: unknown field; allowed: text, correct"),
        ('sites = ["lower-motor-neuron"]', "generated = true", "field 'generated': unknown field"),
    ],
)
def test_invalid_bank_names_the_question_and_field(data_copy, old, new, message):
    data_copy.replace("quiz.toml", old, new)
    with pytest.raises(quiz.QuizError, match=re.escape(message)):
        quiz.load_bank(data_copy.path, data_copy.load())


def test_a_trace_must_be_among_the_phenomena_a_question_lists(data_copy):
    data_copy.append(
        "quiz.toml",
        """
[[question]]
id = "extra-trace"
kind = "trace"
prompt = "Which movement is this?"
notebook = "02_types_of_involuntary_movement"
section = "Tremor"
trace = "tremor"
phenomena = ["tic"]
options = [
  { text = "Tremor", correct = true, why = "Rhythmic." },
  { text = "Tic", correct = false, why = "Not rhythmic." },
]
""",
    )
    with pytest.raises(quiz.QuizError, match="field 'trace': 'tremor' must also be listed in"):
        quiz.load_bank(data_copy.path, data_copy.load())


def test_grade_does_not_take_true_for_option_one():
    q = next(q for q in quiz.load_bank() if q.kind == "single")
    with pytest.raises(ValueError, match="answer must be option numbers"):
        quiz.grade(q, True)


def test_quiz_module_is_pure():
    code = (
        "import sys, muscletwitch.quiz as q; q.all_questions();"
        "print([m for m in ('numpy', 'matplotlib', 'ipywidgets') if m in sys.modules])"
    )
    assert python_output(code) == "[]"


def test_generated_questions_are_at_most_a_third_of_the_bank_and_of_every_quiz(everything):
    assert 3 * sum(q.generated for q in everything) <= len(everything)
    calls = [(nb, n) for nb in load_course().notebook_ids for n in (4, 5, 6, 8, 10, None)]
    for notebook, n in [*calls, (None, 10), (None, 3)]:
        for seed in range(5):
            qs = quiz.questions(notebook=notebook, n=n, seed=seed)
            assert 3 * sum(q.generated for q in qs) <= len(qs), (notebook, n, seed)


def test_no_prompt_names_its_answer(everything):
    """The text a student sees before answering names neither the right option nor, for a
    trace question, the phenomenon shown."""
    tax = mt.load_taxonomy()
    for q in everything:
        stem = q.prompt.casefold()
        for o in q.options:
            if o.correct and o.text not in ("True", "False"):
                assert o.text.casefold() not in stem, q.id
        if q.trace:
            names = (tax.phenomenon(q.trace).name.split(" (")[0], *tax.phenomenon(q.trace).synonyms)
            assert not [w for w in names if w.casefold() in stem], q.id


def test_no_question_has_every_option_correct(everything):
    assert not [q.id for q in everything if len(q.correct) == len(q.options)]


def test_written_questions_cite_sources_that_exist():
    tax = mt.load_taxonomy()
    known = {s.id for s in tax.sources}
    for q in quiz.load_bank():
        assert set(q.sources) <= known, q.id
