"""assess(): urgency levels, rules from data (requires, excludes, implies, unless), ranking by
severity, and properties over random finding sets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import muscletwitch as mt
from muscletwitch.assess import rank, severity

TAX = mt.load_taxonomy()
FINDING_IDS = [f.id for f in TAX.findings]


def ids(assessment):
    return [c.id for c in assessment.causes]


# --- the four levels ------------------------------------------------------------------------------


def test_four_ordered_urgency_levels_with_fixed_advice_in_data():
    assert mt.URGENCY_LEVELS == ("self-care", "see-a-doctor", "urgent", "emergency")
    assert tuple(u.id for u in TAX.urgencies) == mt.URGENCY_LEVELS
    emergency, urgent, gp = (
        TAX.urgency("emergency"),
        TAX.urgency("urgent"),
        TAX.urgency("see-a-doctor"),
    )
    assert all(n in emergency.advice for n in ("999", "112", "911"))
    assert "111" in urgent.advice and "today" in urgent.advice and "sugar" in urgent.advice
    assert "GP" in gp.advice and "appointment" in gp.advice
    assert len({u.colour for u in TAX.urgencies}) == 4


def test_urgency_colours_are_palette_names():
    from muscletwitch import style

    assert {u.colour for u in TAX.urgencies} <= set(style.OKABE_ITO)


def test_a_missing_or_reordered_urgency_level_is_a_taxonomy_error(data_copy):
    data_copy.replace("red_flags.toml", 'id = "urgent"\nname', 'id = "emergency"\nname')
    with pytest.raises(mt.TaxonomyError, match="urgency"):
        data_copy.load()


def test_each_assessment_carries_its_level_and_advice():
    a = mt.assess("sudden-onset", "slurred-speech")
    assert a.urgency == "emergency" and a.level is TAX.urgency("emergency")
    assert "999" in a.advice


# --- the combinations a clinician checks first ------------------------------------------------


def test_twitching_alone_lists_benign_causes_with_bfs_first():
    a = mt.assess("twitching")
    assert a.urgency == "self-care"
    assert ids(a)[0] == "benign-fasciculation-syndrome"
    assert len(a.causes) > 1 and all(c.category == "benign" for c in a.causes)


def test_twitching_with_felt_weakness_lists_a_differential_not_als_first_and_a_note():
    a = mt.assess("twitching", "muscle-weakness")
    assert a.urgency == "see-a-doctor"
    assert ids(a)[0] != "als" and "als" in ids(a)
    assert {
        "radiculopathy",
        "multifocal-motor-neuropathy",
        "electrolytes",
        "hyperthyroidism",
    } <= set(ids(a))
    assert a.notes == (TAX.notes[0].text,) and TAX.notes[0].id == "weakness-on-examination"
    assert "weakness found on examination" in a.notes[0]
    assert mt.assess("twitching").notes == ()


@pytest.mark.parametrize(
    "extra", [("muscle-wasting",), ("slurred-speech", "difficulty-swallowing"), ("stiffness",)]
)
def test_als_leads_with_wasting_bulbar_signs_or_upper_plus_lower_motor_neuron_signs(extra):
    assert ids(mt.assess("twitching", "muscle-weakness", *extra))[0] == "als"


def test_anxious_student_ticking_weakness_keeps_stress_listed():
    assert "stress" in ids(mt.assess("twitching", "muscle-weakness", "stress"))


def test_febrile_seizure_requires_seizure_fever_and_child():
    assert "high-fever" not in ids(mt.assess("child", "fever"))
    assert "high-fever" not in ids(mt.assess("fever", "seizure"))
    assert "high-fever" not in ids(mt.assess("child", "seizure"))
    assert ids(mt.assess("child", "fever", "seizure"))[0] == "high-fever"


def test_a_feverish_confused_child_is_an_emergency():
    a = mt.assess("child", "fever", "confusion")
    assert a.urgency == "emergency" and "febrile-child-drowsy" in a.triggers
    assert ids(a)[0] == "cns-infection"


def test_fever_with_a_seizure_in_an_adult_is_cns_infection_not_a_febrile_seizure():
    a = mt.assess("fever", "seizure")
    assert a.urgency == "emergency" and ids(a)[0] == "cns-infection"
    assert "fever-seizure-adult" in a.triggers
    assert "fever-seizure-adult" not in mt.assess("child", "fever", "seizure").triggers  # unless


def test_confusion_alone_is_urgent_and_sudden_confusion_an_emergency():
    assert mt.assess("confusion").urgency == "urgent"
    assert mt.assess("sudden-onset", "confusion").urgency == "emergency"


def test_organophosphate_poisoning_is_an_emergency_led_by_its_cause():
    a = mt.assess("pesticide-exposure", "twitching", "sweating")
    assert a.urgency == "emergency" and a.red_flags[0].id == "pesticide-poisoning"
    assert ids(a)[0] == "organophosphate-poisoning"
    assert "emergency services" in a.red_flags[0].advice
    assert mt.assess("pesticide-exposure").urgency == "emergency"  # before symptoms start (NHS)
    for alone in (("twitching",), ("twitching", "sweating"), ("sweating", "muscle-weakness")):
        b = mt.assess(*alone)  # twitching and sweating without an exposure: not a poisoning
        assert "organophosphate-poisoning" not in ids(b) and "pesticide-poisoning" not in b.triggers


def test_chorea_lists_huntingtons_and_sudden_chorea_in_a_child_is_urgent():
    a = mt.assess("flowing-movements")
    assert ids(a) == ["huntingtons-disease"] and a.urgency == "see-a-doctor"
    child = mt.assess("child", "sudden-onset", "flowing-movements")
    assert child.urgency == "urgent" and "sudden-chorea-child" in child.triggers
    assert "huntingtons-disease" not in ids(child)  # sudden, in a child: Sydenham's, not HD
    assert "huntingtons-disease" not in ids(mt.assess("twitching", "trembling"))


def test_flapping_hands_are_urgent_and_need_their_own_finding():
    a = mt.assess("flapping-hands")
    assert ids(a) == ["metabolic-myoclonus"] and a.urgency == "urgent"
    b = mt.assess("flapping-hands", "sudden-onset", "confusion")
    assert b.urgency == "emergency" and ids(b)[0] == "metabolic-myoclonus"
    assert "metabolic-myoclonus" not in ids(mt.assess("confusion", "trembling", "alcohol"))


@pytest.mark.parametrize(
    "findings",
    [
        ("sudden-onset", "slurred-speech"),
        ("sudden-onset", "facial-droop"),
        ("sudden-onset", "vision-loss"),
        ("sudden-onset", "one-side-of-body", "muscle-weakness"),
        ("facial-droop", "muscle-weakness"),
    ],
)
def test_fast_signs_are_a_stroke_emergency(findings):
    a = mt.assess(*findings)
    assert a.urgency == "emergency" and a.red_flags[0].id == "stroke"
    assert ids(a)[0] == "stroke"


def test_sudden_weakness_of_a_limb_is_an_emergency_even_without_a_side():
    a = mt.assess("sudden-onset", "muscle-weakness")
    assert a.urgency == "emergency" and a.red_flags[0].id == "stroke"
    assert mt.assess("muscle-weakness").urgency == "see-a-doctor"


def test_gradual_slurred_speech_is_see_a_doctor_not_stroke():
    a = mt.assess("twitching", "slurred-speech", "difficulty-swallowing")
    assert a.urgency == "see-a-doctor" and "stroke" not in ids(a) and ids(a)[0] == "als"


def test_hypo_is_act_now_and_an_emergency_only_when_fitting_or_unconscious():
    a = mt.assess("diabetes", "sweating", "recent-strenuous-exercise")
    assert a.urgency == "urgent" and [r.id for r in a.red_flags] == ["hypo"]
    assert "Act now" in a.red_flags[0].advice
    for severe in ("seizure", "unconscious"):
        b = mt.assess("diabetes", "trembling", severe)
        assert b.urgency == "emergency" and b.red_flags[0].urgency == "emergency"


def test_ties_break_by_severity_not_file_order():
    a = mt.assess("diabetes", "trembling", "stress")
    assert a.reasons["hypoglycaemia"].score == a.reasons["stress"].score
    assert ids(a)[:2] == ["hypoglycaemia", "stress"]


def test_ranking_ignores_the_order_of_the_data(data_copy):
    """Moving the hypoglycaemia entry to the end of the file changes nothing."""
    path = data_copy.path / "causes.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('[[cause]]\nid = "hypoglycaemia"')
    end = text.index("[[cause]]", start + 1)
    path.write_text(text[:start] + text[end:] + "\n" + text[start:end], encoding="utf-8")
    tax = data_copy.load()
    assert tax.causes[-1].id == "hypoglycaemia"
    got = ids(mt.assess("diabetes", "trembling", "stress", taxonomy=tax))
    assert got == ids(mt.assess("diabetes", "trembling", "stress"))


@pytest.mark.parametrize(
    ("findings", "cause"),
    [
        (("tingling", "twitching"), "neuropathy"),
        (("trembling", "weight-loss", "sweating"), "hyperthyroidism"),
    ],
)
def test_a_listed_disease_is_never_self_care(findings, cause):
    a = mt.assess(*findings)
    assert ids(a)[0] == cause and a.urgency == "see-a-doctor"


def test_persistent_and_spreading_are_reasons_to_see_a_gp_not_alarms():
    for flag in ("persistent", "spreading"):
        rf = TAX.red_flag(flag)
        assert (rf.tier, rf.urgency) == ("reason-to-see-a-gp", "see-a-doctor")
    assert {TAX.red_flag(f).tier for f in ("weakness", "bulbar")} == {"warning-sign"}


def test_emergency_tier_is_exactly_the_emergency_flags():
    for rf in TAX.red_flags:
        assert (rf.tier == "emergency") == (rf.urgency == "emergency"), rf.id


def test_hiccups_over_48_hours_see_a_gp():
    a = mt.assess("hiccups", "lasting-over-48-hours")
    assert [r.id for r in a.red_flags] == ["hiccups-48-hours"] and a.urgency == "see-a-doctor"
    assert mt.assess("hiccups").urgency == "self-care"


def test_known_epilepsy_with_a_typical_seizure_is_not_999_but_status_epilepticus_is():
    a = mt.assess("known-epilepsy", "seizure")
    assert a.urgency == "see-a-doctor" and "seizure" not in a.triggers
    assert mt.assess("known-epilepsy", "seizure-over-5-minutes").urgency == "emergency"
    assert mt.assess("seizure").urgency == "emergency"


def test_implied_findings_count_and_are_reported():
    a = mt.assess("first-seizure")
    assert a.implied == ("seizure",) and a.findings == ("first-seizure",)
    assert {"first-seizure", "seizure"} <= set(a.triggers)
    assert "lasting-over-48-hours" in mt.assess("lasting-over-3-months").implied


def test_triggers_say_which_findings_raised_each_flag():
    a = mt.assess("back-pain", "saddle-numbness")
    assert a.triggers["cauda-equina"] == ("back-pain", "saddle-numbness")
    assert a.red_flags[0].id == "cauda-equina"


# --- rules from data: requires, excludes, unless --------------------------------------------------


def test_requires_comes_from_the_data(data_copy):
    tax = data_copy.replace(
        "causes.toml",
        'requires = [["seizure", "fever", "child"]]',
        'requires = [["fever", "child"]]',
    ).load()
    assert "high-fever" in ids(mt.assess("child", "fever", "twitching", taxonomy=tax))
    assert "high-fever" not in ids(mt.assess("child", "fever", "twitching"))


def test_excludes_comes_from_the_data(data_copy):
    tax = data_copy.replace(
        "causes.toml",
        'requires = [["seizure", "fever", "child"]]',
        'requires = [["seizure", "fever", "child"]]\nexcludes = ["known-epilepsy"]',
    ).load()
    f = ("child", "fever", "seizure", "known-epilepsy")
    assert "high-fever" not in ids(mt.assess(*f, taxonomy=tax))
    assert "high-fever" in ids(mt.assess(*f))


def test_min_urgency_comes_from_the_data(data_copy):
    tax = data_copy.replace(
        "causes.toml",
        "supported_by = { caffeine = 3,",
        'min_urgency = "urgent"\nsupported_by = { caffeine = 3,',
    ).load()
    assert mt.assess("caffeine", taxonomy=tax).urgency == "urgent"
    assert mt.assess("caffeine").urgency == "self-care"


def test_an_unknown_required_finding_is_a_taxonomy_error(data_copy):
    data_copy.replace(
        "causes.toml", 'requires = [["seizure", "fever", "child"]]', 'requires = [["siezure"]]'
    )
    with pytest.raises(
        mt.TaxonomyError, match="'siezure' is not a known finding id; did you mean seizure"
    ):
        data_copy.load()


def test_a_bad_min_urgency_is_a_taxonomy_error(data_copy):
    data_copy.replace("causes.toml", 'min_urgency = "urgent"', 'min_urgency = "soon"')
    with pytest.raises(
        mt.TaxonomyError, match="'soon' is not one of self-care, see-a-doctor, urgent"
    ):
        data_copy.load()


def test_severity_floor_for_pathological_causes():
    assert severity(TAX.cause("neuropathy")) == "see-a-doctor"
    assert severity(TAX.cause("stress")) == "self-care"
    assert severity(TAX.cause("stroke")) == "emergency"
    with pytest.raises(ValueError, match="urgency 'soon' is not one of self-care"):
        rank("soon")


# --- properties over random finding sets ----------------------------------------------------------

findings_sets = st.lists(st.sampled_from(FINDING_IDS), max_size=8, unique=True)


@settings(max_examples=400, deadline=None)
@given(findings_sets)
def test_no_pathological_cause_is_ever_listed_beside_self_care(findings):
    a = mt.assess(*findings)
    if a.urgency == "self-care":
        assert all(c.category == "benign" for c in a.causes), ids(a)
    assert rank(a.urgency) >= max((rank(severity(c)) for c in a.causes), default=0)


@settings(max_examples=400, deadline=None)
@given(findings_sets)
def test_no_emergency_red_flag_can_be_outranked(findings):
    a = mt.assess(*findings)
    levels = [rank(r.urgency) for r in a.red_flags]
    assert levels == sorted(levels, reverse=True)
    if any(r.urgency == "emergency" for r in a.red_flags):
        assert a.urgency == "emergency" and a.red_flags[0].urgency == "emergency"
    assert rank(a.urgency) >= max(levels, default=0)


@settings(max_examples=200, deadline=None)
@given(findings_sets)
def test_ranking_is_by_score_then_severity(findings):
    a = mt.assess(*findings)
    keys = [(a.reasons[c.id].score, rank(severity(c))) for c in a.causes]
    assert keys == sorted(keys, reverse=True)
    for c in a.causes:
        r = a.reasons[c.id]
        assert r.supporting and r.score >= c.threshold


# --- the basics ---------------------------------------------------------------------------------


def test_twitching_after_exercise_alone_is_self_care():
    a = mt.assess("twitching", "recent-strenuous-exercise")
    assert a.urgency == "self-care" and a.red_flags == ()
    assert ids(a)[0] == "overtraining"
    assert a.reasons["overtraining"].supporting == ("recent-strenuous-exercise", "twitching")


def test_findings_arguing_against_a_cause_are_given_as_reasons():
    a = mt.assess("eyelid", "twitching", "eye-closes-fully", "caffeine", "stress", "poor-sleep")
    reasons = a.reasons["eyelid-myokymia"]
    assert reasons.against == ("eye-closes-fully",)
    assert "argues against: the eye closes fully" in reasons.describe(TAX)
    assert a.urgency == "see-a-doctor"  # the face red flag


def test_wasting_argues_a_harmless_cause_off_the_list():
    """Stress explains twitching, but not twitching with a wasting muscle (causes.toml)."""
    assert "stress" in ids(mt.assess("twitching", "stress"))
    a = mt.assess("twitching", "stress", "muscle-wasting")
    assert "stress" not in ids(a) and a.urgency == "see-a-doctor"


def test_disclaimer_is_always_there_and_names_stroke():
    for a in (mt.assess(), mt.assess("seizure")):
        assert "not a diagnosis" in a.disclaimer and "see a doctor" in a.disclaimer
    assert "sudden weakness of the face, arm or leg" in TAX.disclaimer
    assert "sudden difficulty speaking (stroke)" in TAX.disclaimer


def test_duplicate_findings_count_once():
    assert mt.assess("stress", "stress", "twitching").findings == ("stress", "twitching")


def test_unknown_finding_suggests_close_ids():
    with pytest.raises(mt.UnknownIdError, match="unknown finding 'siezure'; did you mean seizure"):
        mt.assess("twitching", "siezure")
    with pytest.raises(mt.UnknownIdError, match="did you mean sudden-onset"):
        mt.assess("sudden-onst")


def test_rules_come_from_the_data(data_copy):
    tax = data_copy.replace(
        "causes.toml", "supported_by = { stress = 3,", "supported_by = { stress = 9,"
    ).load()
    assert mt.assess("stress", taxonomy=tax).reasons["stress"].score == 9
