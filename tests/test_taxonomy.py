"""The taxonomy: content rules, look-ups, filter, search, tree, and every validation error."""

import json
import re

import pytest

import muscletwitch as mt
from muscletwitch import schema

TAX = mt.load_taxonomy()
SEED_CAUSES = {
    "stress",
    "overtraining",
    "tic-disorder",
    "epilepsy",
    "high-fever",
    "hypoglycaemia",
    "parkinsons-disease",
    "als",
    "multiple-sclerosis",
    "autonomic-dysfunction",
}
CONTENT_CAUSES = SEED_CAUSES | {
    "caffeine",
    "sleep-deprivation",
    "benign-fasciculation-syndrome",
    "electrolytes",
    "neuropathy",
    "medication",
    "hyperthyroidism",
    "eyelid-myokymia",
    "physiological-myoclonus",
}
CONTENT_CAUSES |= {  # issue 14: the causes a clinician expects beside the seed's (DESIGN.md ids)
    *("essential-tremor", "nocturnal-leg-cramps", "restless-legs-syndrome", "hyperventilation"),
    *("alcohol-withdrawal", "convulsive-syncope", "hemifacial-spasm", "isaacs-syndrome"),
    *("functional-movement-disorder", "post-polio-syndrome"),
    *("serotonin-syndrome", "acute-dystonic-reaction"),
}
CONTENT_CAUSES |= {  # the neurologist's review: a poisoning, chorea's cause, asterixis
    *("organophosphate-poisoning", "huntingtons-disease", "metabolic-myoclonus"),
}
PHENOMENA = {
    "fasciculation",
    "fibrillation",
    "myoclonus",
    "tic",
    "tremor",
    "spasm-cramp",
    "myokymia",
    "spasticity",
    "seizure",
    "tetany",
    *("clonus", "rigidity", "dystonia", "chorea"),  # issue 14: spasticity is tone, clonus rhythm
}
DESIGN_FINDINGS = {  # DESIGN.md: finding ids include at least these
    *("twitching", "muscle-weakness", "muscle-wasting", "lasting-over-2-weeks", "spreading"),
    *("seizure", "fever", "child", "diabetes", "trembling", "sweating", "confusion", "stress"),
    *("recent-strenuous-exercise", "caffeine", "poor-sleep", "new-medicine", "blinking"),
    *("eyelid", "rest-tremor", "stiffness", "slurred-speech", "difficulty-swallowing"),
    *("cramps", "tingling"),
}


# --- content ------------------------------------------------------------------------------------


def test_load_is_cached():
    assert mt.load_taxonomy() is TAX


def test_every_cause_of_content_md_and_seed_is_present():
    assert {c.id for c in TAX.causes} >= CONTENT_CAUSES  # later rounds add causes (DESIGN.md)
    assert {c.id for c in TAX.causes if c.in_seed} == SEED_CAUSES


def test_phenomena_and_findings_cover_the_design_contract():
    assert {p.id for p in TAX.phenomena} == PHENOMENA
    assert {f.id for f in TAX.findings} >= DESIGN_FINDINGS


def test_every_entry_names_a_source():
    for table in (TAX.causes, TAX.phenomena, TAX.red_flags, TAX.therapies, TAX.sites):
        for entry in table:
            assert entry.sources, entry.id
            assert all(TAX.source(s) for s in entry.sources)


def test_a_citation_names_authors_date_title_and_link():
    s = TAX.source("blexrud-1993")
    assert s.citation.startswith(f"{s.authors} (1993). {s.title}.")
    assert s.citation.endswith(f"https://doi.org/{s.doi}") and s.link == f"https://doi.org/{s.doi}"
    web = next(s for s in TAX.sources if s.year is None)
    assert f"(accessed {web.accessed})" in web.citation


def test_every_pathological_cause_says_how_it_differs_from_a_harmless_twitch():
    # notebook 04's tables and slides show this text; a new cause without it would show a blank
    missing = [c.id for c in TAX.filter(category="pathological") if not c.differs.strip()]
    assert not missing, f"pathological causes without 'differs' in causes.toml: {missing}"


def test_seed_causes_say_what_the_article_claims_where_we_correct_it():
    for cid in ("tic-disorder", "parkinsons-disease", "high-fever", "autonomic-dysfunction", "als"):
        cause = TAX.cause(cid)
        assert cause.seed_says and cause.correction, cid


def test_content_corrections_are_in_the_data():
    assert "tremor" in TAX.cause("parkinsons-disease").phenomena
    assert "fasciculation" not in TAX.cause("parkinsons-disease").phenomena
    assert "fasciculation" not in TAX.cause("multiple-sclerosis").phenomena
    assert "spasticity" in TAX.cause("multiple-sclerosis").phenomena
    assert TAX.phenomenon("fibrillation").visible is False
    assert TAX.phenomenon("fasciculation").extent == "motor-unit"
    autonomic = TAX.cause("autonomic-dysfunction").site
    assert autonomic[0] == "autonomic-nerves" and "psychological" not in autonomic
    assert {"upper-motor-neuron", "lower-motor-neuron"} <= set(TAX.cause("als").site)
    assert "lower-motor-neuron" not in TAX.cause("multiple-sclerosis").site
    assert TAX.site("lower-motor-neuron").kind == "peripheral"
    assert TAX.site("upper-motor-neuron").kind == "central"
    for therapy in ("breuss-massage", "dorn-method"):
        t = TAX.therapy(therapy)
        assert (t.kind, t.evidence) == ("complementary", "unproven")
    for therapy in ("physiotherapy-ms", "physiotherapy-spasticity"):
        assert TAX.therapy(therapy).kind == "physiotherapy"
    assert {"rietberg-2005", "amatya-2019"} == set(TAX.therapy("physiotherapy-ms").sources)
    assert {"amatya-2013"} == set(TAX.therapy("physiotherapy-spasticity").sources)


def test_emergency_red_flags_are_those_of_content_md():
    emergencies = {r.id for r in TAX.red_flags if r.urgency == "emergency"}
    assert emergencies >= {"seizure", "febrile-child", "hypo-severe", "stroke", "first-seizure"}
    assert TAX.red_flag("hypo").urgency == "urgent"  # "act now"; 999 only if fitting/unconscious


def test_lists_load_as_tuples_so_a_loaded_entry_cannot_be_changed():
    cause = TAX.cause("als")
    assert isinstance(cause.phenomena, tuple) and isinstance(cause.codes[0], mt.Code)
    assert dict(cause.supported_by)["muscle-weakness"] >= 1


# --- look-ups -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method", ["cause", "phenomenon", "red_flag", "finding", "therapy", "source", "site", "group"]
)
def test_every_look_up_returns_its_entry_and_raises_for_unknown(method):
    table = {"phenomenon": "phenomena", "therapy": "therapies"}.get(method, method + "s")
    first = getattr(TAX, table)[0]
    assert getattr(TAX, method)(first.id) is first
    with pytest.raises(mt.UnknownIdError) as e:
        getattr(TAX, method)(first.id + "x")
    assert isinstance(e.value, KeyError)
    assert f"did you mean {first.id}" in str(e.value)


def test_unknown_cause_suggests_close_ids():
    with pytest.raises(KeyError, match="unknown cause 'parkinsn'; did you mean parkinsons-dis"):
        TAX.cause("parkinsn")


def test_unknown_id_without_close_match_lists_what_is_known():
    with pytest.raises(mt.UnknownIdError, match="known: fasciculation, fibrillation"):
        TAX.phenomenon("zzzzzz")


# --- filter, search, tree -------------------------------------------------------------------------


def test_filter_is_an_and_of_the_given_fields():
    benign_fasc = TAX.filter(category="benign", phenomenon="fasciculation")
    assert benign_fasc and all(
        c.category == "benign" and "fasciculation" in c.phenomena for c in benign_fasc
    )
    assert "als" not in {c.id for c in benign_fasc}
    seed_brain = {c.id for c in TAX.filter(site="brain", in_seed=True)}
    # every seed cause but the two that start below the brain: exercise cramps in the spinal
    # reflex and muscle, ALS in the upper and lower motor neurons
    assert seed_brain == SEED_CAUSES - {"overtraining", "als"}
    assert TAX.filter() == TAX.causes
    assert TAX.filter(category="benign", group="metabolic") == ()
    assert {c.id for c in TAX.filter(rhythm="sustained")} == {
        *("electrolytes", "nocturnal-leg-cramps", "hyperventilation", "acute-dystonic-reaction"),
        *("stroke", "myopathy"),
    }
    assert {c.id for c in TAX.filter(extent="whole-muscle")} >= {"tic-disorder"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"category": "bad"}, "category 'bad' is not one of benign, pathological"),
        ({"rhythm": "fast"}, "rhythm 'fast' is not one of regular, irregular"),
        ({"extent": "cell"}, "extent 'cell' is not one of single-fibres"),
        ({"in_seed": "yes"}, "in_seed must be True, False or None"),
    ],
)
def test_filter_rejects_values_outside_the_vocabulary(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        TAX.filter(**kwargs)


def test_filter_rejects_unknown_ids():
    with pytest.raises(mt.UnknownIdError, match="did you mean fasciculation"):
        TAX.filter(phenomenon="fasciculaton")


def test_search_is_case_insensitive_over_names_synonyms_summaries():
    assert TAX.search("BLINK")[0].id == "tic-disorder"  # summary
    assert TAX.search("lou gehrig")[0].id == "als"  # synonym
    assert TAX.search("Eyelid")[0].id == "eyelid-myokymia"  # name before summaries
    assert TAX.search("tick")[0].id == "tic-disorder"  # the seed's spelling
    assert TAX.search("   ") == ()
    assert TAX.search("no such thing") == ()
    with pytest.raises(ValueError, match="search text must be a string"):
        TAX.search(3)


def test_tree_has_every_cause_once_under_its_category_and_group():
    tree = TAX.tree()
    assert list(tree) == ["benign", "pathological"]
    flat = [c for groups in tree.values() for causes in groups.values() for c in causes]
    assert sorted(c.id for c in flat) == sorted(c.id for c in TAX.causes)
    for category, groups in tree.items():
        for group_id, causes in groups.items():
            assert all(c.category == category and c.group == group_id for c in causes)


def test_sources_of_collects_distinct_sources_in_order():
    sources = TAX.sources_of(TAX.cause("als"), TAX.cause("benign-fasciculation-syndrome"))
    ids = [s.id for s in sources]
    assert ids[0] == "brown-alchalabi-2017" and len(ids) == len(set(ids))
    assert "blexrud-1993" in ids and "reed-kurland-1963" in ids


# --- validation: broken copies of the data ------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "causes.toml",
            'category = "pathological"\ngroup = "motor-nerve"\nsite = ["lower-motor-neuron"',
            'category = "bad"\ngroup = "motor-nerve"\nsite = ["lower-motor-neuron"',
            "causes.toml, cause 'als', field 'category': 'bad' is not one of benign, pathological",
        ),
        (
            "causes.toml",
            'phenomena = ["tic"]',
            'phenomena = ["tics"]',
            "causes.toml, cause 'tic-disorder', field 'phenomena': 'tics' is not a known "
            "phenomenon id; did you mean tic?",
        ),
        (
            "causes.toml",
            'red_flags = ["weakness", "bulbar", "spreading"]',
            'red_flags = ["weakness", "bulbr", "spreading"]',
            "cause 'als', field 'red_flags': 'bulbr' is not a known red flag id; "
            "did you mean bulbar?",
        ),
        (
            "phenomena.toml",
            'sources = ["hpo-2025", "bhatia-2018", "findley-1981"',
            'sources = ["hpo-2025", "bhatia-2019", "findley-1981"',
            "phenomena.toml, phenomenon 'tremor', field 'sources': 'bhatia-2019' is not a known "
            "source id; did you mean bhatia-2018",
        ),
        (
            "causes.toml",
            'id = "caffeine"',
            'id = "stress"',
            "causes.toml, cause 'stress', field 'id': duplicate id (ids must be unique)",
        ),
        (
            "therapies.toml",
            'evidence = "strong"',
            "",
            "therapies.toml, therapy 'anti-seizure-medicine', field 'evidence': missing required "
            "field",
        ),
        (
            "causes.toml",
            "in_seed = true",
            'in_seed = "yes"',
            "causes.toml, cause 'stress', field 'in_seed': expected bool, got str 'yes'",
        ),
        (
            "phenomena.toml",
            'visible = true\ntiming = "isolated',
            'visible = true\ncolour = "red"\ntiming = "isolated',
            "phenomena.toml, phenomenon 'fasciculation', field 'colour': unknown field; "
            "allowed: id",
        ),
        (
            "phenomena.toml",
            '{ system = "hpo", code = "HP:0002380", label = "Fasciculations" },',
            '{ system = "snomed", code = "1", label = "x" },',
            "phenomena.toml, phenomenon 'fasciculation', field 'codes': system 'snomed' is not one "
            "of hpo, icd10, icd10cm, mesh",
        ),
        (
            "red_flags.toml",
            'when = [["seizure"]]',
            'when = [["fit"]]',
            "red_flags.toml, red flag 'seizure', field 'when': 'fit' is not a known finding id",
        ),
        (
            "causes.toml",
            "supported_by = { stress = 3,",
            "supported_by = { stress = 0,",
            "causes.toml, cause 'stress', field 'supported_by': weight of 'stress' must be a whole "
            "number >= 1, got 0",
        ),
        (
            "causes.toml",
            'extent = "motor-unit"',
            'extent = "single-cell"',
            "field 'extent': 'single-cell' is not one of single-fibres, motor-unit, whole-muscle",
        ),
        (
            "causes.toml",
            'summary = "Stress and anxiety',
            'summary = "  "\nnote = "Stress and anxiety',
            "causes.toml, cause 'stress', field 'note': unknown field",
        ),
        (
            "sources.toml",
            'year = 1993\njournal = "Ann Neurol 34(4):622-625"\ndoi = "10.1002/ana.410340419"',
            'year = 1993\njournal = "Ann Neurol 34(4):622-625"',
            "sources.toml, source 'blexrud-1993', field 'url': a source needs a url or a doi",
        ),
        (
            "findings.toml",
            'group = "context"',
            'group = "mood"',
            "findings.toml, finding 'stress', field 'group': 'mood' is not one of noticed, context",
        ),
        (
            "red_flags.toml",
            "disclaimer = ",
            "disclaimer_text = ",
            "red_flags.toml: unknown top-level key 'disclaimer_text'; this file holds urgency, "
            "note, red_flag, disclaimer; did you mean disclaimer?",
        ),
        (
            "findings.toml",
            'name = "Muscle twitching"',
            'name = " "',
            "findings.toml, finding 'twitching', field 'name': must not be empty",
        ),
        (
            "sites.toml",
            'id = "brain"',
            "",
            "sites.toml, site number 1: missing required field 'id'",
        ),
        (
            "therapies.toml",
            'name = "Breuss massage"',
            'name = "Breuss massage"\nname = "twice"',
            "therapies.toml: not valid TOML",
        ),
        (  # the gap the code review found: a code's label was never type-checked
            "phenomena.toml",
            'label = "Fasciculations" },',
            "label = 42 },",
            "phenomena.toml, phenomenon 'fasciculation', field 'codes': label: expected str, "
            "got int 42",
        ),
        (
            "causes.toml",
            '{ system = "hpo", code = "HP:0002380", label = "Fasciculations" },',
            '{ system = "hpo", code = "HP:0002380", lable = "Fasciculations" },',
            "field 'codes': lable: unknown field; allowed: system, code, label; "
            "did you mean label?",
        ),
        (
            "phenomena.toml",
            'timing = "isolated',
            'timeing = "isolated',
            "phenomenon 'fasciculation', field 'timeing': unknown field; allowed: id, name, "
            "summary, site, extent, rhythm, visible, timing, codes, sources, synonyms; "
            "did you mean timing?",
        ),
        (
            "causes.toml",
            'category = "pathological"\ngroup = "motor-nerve"\nsite = ["lower-motor-neuron"',
            'category = "benign"\ngroup = "motor-nerve"\nsite = ["lower-motor-neuron"',
            "causes.toml, cause 'als', field 'category': 'benign' disagrees with group "
            "'motor-nerve', whose category is 'pathological'",
        ),
        (
            "causes.toml",
            'group = "motor-nerve"',
            'group = "motor-nerves"',
            "field 'group': 'motor-nerves' is not a known group id; did you mean motor-nerve?",
        ),
        (
            "red_flags.toml",
            'when = [["seizure"]]',
            "when = []",
            "red flag 'seizure', field 'when': expected a list of at least 1, got 0",
        ),
        (
            "sources.toml",
            "year = 1993",
            'year = "1993"',
            "sources.toml, source 'blexrud-1993', field 'year': expected int, got str '1993'",
        ),
        (
            "sites.toml",
            'kind = "central"',
            'kind = "centre"',
            "sites.toml, site 'brain', field 'kind': 'centre' is not one of central, peripheral",
        ),
    ],
)
def test_broken_data_gives_a_taxonomy_error_naming_file_entry_field(
    data_copy, file, old, new, message
):
    data_copy.replace(file, old, new)
    with pytest.raises(mt.TaxonomyError, match=re.escape(message)):
        data_copy.load()


def test_missing_file_and_empty_table_are_named(data_copy):
    (data_copy.path / "therapies.toml").unlink()
    with pytest.raises(mt.TaxonomyError, match=r"therapies.toml: file missing"):
        data_copy.load()


def test_empty_table_is_named(data_copy):
    (data_copy.path / "findings.toml").write_text("# nothing\n")
    with pytest.raises(mt.TaxonomyError, match=re.escape("findings.toml: expected one or more")):
        data_copy.load()


def test_a_valid_copy_loads_and_is_cached_per_folder(data_copy):
    tax = data_copy.load()
    assert tax is not TAX and tax == data_copy.load()
    assert [c.id for c in tax.causes] == [c.id for c in TAX.causes]


def test_every_table_is_declared_by_its_dataclass_and_exports_a_json_schema():
    for table in mt.taxonomy.TABLES:
        doc = schema.json_schema(table.cls)
        json.dumps(doc)  # plain JSON
        assert doc["additionalProperties"] is False and "id" in doc["required"]
    cause = schema.json_schema(mt.Cause)
    assert cause["properties"]["category"] == {"enum": ["benign", "pathological"]}
    assert "seed_says" not in cause["required"] and "summary" in cause["required"]
    assert cause["properties"]["codes"]["items"]["properties"]["system"]["enum"][0] == "hpo"
    assert cause["properties"]["supported_by"]["type"] == "object"


def test_every_data_file_has_a_generated_json_schema():
    schemas = schema.all_schemas()
    assert {key.split("#")[0] for key in schemas} == {
        p.name for p in schema.DATA_DIR.glob("*.toml")
    }
    question = schemas["quiz.toml#question"]
    assert "generated" not in question["properties"]  # never from a file
    assert question["properties"]["options"]["items"]["required"] == ["text", "correct", "why"]
    assert "id" not in schemas["signatures.toml#signature"]["properties"]  # the table's key


def test_cramp_fasciculation_syndrome_is_on_the_hyperexcitability_spectrum_not_bfs():
    """Clinical review 2026-12, 1b: CFS overlaps with BFS but belongs with Isaacs syndrome."""
    tax = mt.load_taxonomy()
    assert "cramp-fasciculation syndrome" in tax.cause("isaacs-syndrome").synonyms
    bfs = tax.cause("benign-fasciculation-syndrome")
    assert not [s for s in bfs.synonyms if "cramp" in s.casefold()]
    assert "hart-2002" in bfs.sources  # the summary's overlap with CFS is sourced
