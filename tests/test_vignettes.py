"""The vignette suite: realistic cases with the urgency and causes their sources expect."""

from collections import Counter

import pytest

import muscletwitch as mt
from muscletwitch.assess import check, load_vignettes

TAX = mt.load_taxonomy()
CASES = load_vignettes()
SEED = ("stress", "overtraining", "tic-disorder", "epilepsy", "high-fever", "hypoglycaemia")
SEED += ("parkinsons-disease", "als", "multiple-sclerosis", "autonomic-dysfunction")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_vignette(case):
    assert check(case) == []


def test_suite_is_large_and_covers_every_level_flag_and_seed_cause():
    assert len(CASES) >= 40 and len({c.id for c in CASES}) == len(CASES)
    assert set(Counter(c.urgency for c in CASES)) == set(mt.URGENCY_LEVELS)
    raised = {f for c in CASES for f in mt.assess(*c.findings).triggers}
    assert raised == {f.id for f in TAX.red_flags}, "red flags no vignette raises"
    expected = {cid for c in CASES for cid in c.top3}
    assert set(SEED) <= expected


def test_every_case_has_a_story_an_age_and_a_source():
    for c in CASES:
        assert c.story.strip() and 0 <= c.age < 120 and c.sources and c.findings, c.id


def test_a_bad_finding_in_a_vignette_names_the_case(tmp_path):
    bad = tmp_path / "vignettes.toml"
    bad.write_text(
        '[[vignette]]\nid = "x"\nage = 3\nstory = "s"\nfindings = ["siezure"]\n'
        'urgency = "emergency"\ntop3 = []\nsources = ["nhs-twitching"]\n',
        encoding="utf-8",
    )
    with pytest.raises(
        mt.TaxonomyError, match="vignette 'x', field 'findings'.*did you mean seizure"
    ):
        load_vignettes(bad)


def test_check_reports_what_is_wrong():
    case = mt.Vignette(
        id="x",
        age=30,
        story="s",
        findings=("twitching",),
        urgency="emergency",
        top3=("als",),
        sources=("nhs-twitching",),
        not_first=("benign-fasciculation-syndrome",),
    )
    problems = check(case)
    assert "urgency self-care, expected emergency" in problems
    assert any("lack ['als']" in p for p in problems)
    assert "benign-fasciculation-syndrome leads" in problems
