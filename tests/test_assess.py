"""assess(): clinically sensible on the obvious cases, rules from data, clear errors."""

import pytest

import muscletwitch as mt

TAX = mt.load_taxonomy()


def ids(assessment):
    return [c.id for c in assessment.causes]


def test_twitching_after_exercise_alone_is_self_care():
    a = mt.assess("twitching", "recent-strenuous-exercise")
    assert a.urgency == "self-care" and a.red_flags == ()
    assert ids(a)[0] == "overtraining"
    assert a.reasons["overtraining"].supporting == ("recent-strenuous-exercise", "twitching")


def test_weakness_and_wasting_with_twitching_is_not_self_care_and_ranks_als_first():
    a = mt.assess("twitching", "muscle-weakness", "muscle-wasting")
    assert a.urgency == "see-a-doctor"
    assert ids(a)[0] == "als"
    assert "weakness" in {r.id for r in a.red_flags}
    assert not {"stress", "caffeine", "benign-fasciculation-syndrome"} & set(ids(a))


def test_a_seizure_is_an_emergency():
    a = mt.assess("seizure")
    assert a.urgency == "emergency" and a.is_emergency
    assert a.red_flags[0].id == "seizure"


def test_child_with_fever_and_fit_is_an_emergency_pointing_to_febrile_seizures():
    a = mt.assess("child", "fever", "seizure")
    assert a.urgency == "emergency"
    assert ids(a)[0] == "high-fever"
    assert {"febrile-child", "seizure"} <= {r.id for r in a.red_flags}


def test_shaky_sweaty_person_with_diabetes_is_an_emergency():
    a = mt.assess("diabetes", "trembling", "sweating")
    assert a.urgency == "emergency"
    assert ids(a)[0] == "hypoglycaemia"
    assert [r.id for r in a.red_flags] == ["hypo"]


def test_the_same_symptoms_without_diabetes_are_not_a_hypo_emergency():
    a = mt.assess("trembling", "sweating")
    assert "hypo" not in {r.id for r in a.red_flags}
    assert a.urgency == "self-care"


def test_student_before_exams():
    a = mt.assess("twitching", "eyelid", "stress", "poor-sleep")
    assert a.urgency == "self-care"
    assert ids(a) == ["stress", "eyelid-myokymia", "sleep-deprivation"]
    assert all(c.category == "benign" for c in a.causes)


def test_persistent_twitching_and_cramps_without_weakness_points_to_bfs_and_a_doctor():
    a = mt.assess("twitching", "cramps", "lasting-over-2-weeks")
    assert ids(a)[0] == "benign-fasciculation-syndrome"
    assert a.urgency == "see-a-doctor"
    assert [r.id for r in a.red_flags] == ["persistent"]


def test_rest_tremor_is_parkinsons_not_twitching_and_sees_a_doctor():
    a = mt.assess("rest-tremor", "slowness")
    assert ids(a) == ["parkinsons-disease"] and a.urgency == "see-a-doctor"


def test_twitching_alone_lists_no_disease():
    a = mt.assess("twitching")
    assert a.causes == () and a.urgency == "self-care"


def test_findings_arguing_against_a_cause_are_given_as_reasons():
    a = mt.assess("eyelid", "twitching", "eye-closes-fully", "caffeine", "stress", "poor-sleep")
    reasons = a.reasons["eyelid-myokymia"]
    assert reasons.against == ("eye-closes-fully",)
    assert "argues against: the eye closes fully" in reasons.describe(TAX)
    assert a.urgency == "see-a-doctor"  # the face red flag


def test_emergencies_come_first_and_urgency_is_the_highest():
    a = mt.assess("new-medicine", "diabetes", "confusion")
    assert [r.urgency for r in a.red_flags] == ["emergency", "see-a-doctor"]
    assert a.urgency == "emergency"


def test_ranking_is_by_score_then_data_order():
    a = mt.assess("eyelid", "twitching", "caffeine")
    scores = [a.reasons[c].score for c in ids(a)]
    assert scores == sorted(scores, reverse=True)
    assert ids(a)[:2] == ["caffeine", "eyelid-myokymia"]  # equal scores: data order


def test_wasting_argues_a_harmless_cause_off_the_list():
    """Stress explains twitching, but not twitching with a wasting muscle (causes.toml)."""
    assert "stress" in ids(mt.assess("twitching", "stress"))
    a = mt.assess("twitching", "stress", "muscle-wasting")
    assert "stress" not in ids(a) and a.urgency == "see-a-doctor"


def test_disclaimer_is_always_there():
    for a in (mt.assess(), mt.assess("seizure")):
        assert "not a diagnosis" in a.disclaimer and "see a doctor" in a.disclaimer


def test_duplicate_findings_count_once():
    assert mt.assess("stress", "stress", "twitching").findings == ("stress", "twitching")


def test_unknown_finding_suggests_close_ids():
    with pytest.raises(mt.UnknownIdError, match="unknown finding 'siezure'; did you mean seizure"):
        mt.assess("twitching", "siezure")


def test_rules_come_from_the_data(data_copy):
    tax = data_copy.replace(
        "causes.toml", "supported_by = { stress = 3,", "supported_by = { stress = 9,"
    ).load()
    assert mt.assess("stress", taxonomy=tax).reasons["stress"].score == 9
