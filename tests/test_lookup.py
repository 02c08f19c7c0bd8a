"""Look-ups as people type them: any case, names, synonyms and abbreviations; ambiguous names
rejected with their candidates; "did you mean" for near misses; exact names first in search."""

import shutil

import pytest

import muscletwitch as mt
from muscletwitch import cli
from muscletwitch.taxonomy import DATA_DIR, TABLE_ORDER, _plural, name_key

TAX = mt.load_taxonomy()


@pytest.mark.parametrize(
    ("method", "typed", "expected"),
    [
        ("cause", "ALS", "als"),
        ("cause", "MND", "als"),
        ("cause", "motor neurone disease", "als"),
        ("cause", "Motor Neuron Disease", "als"),
        ("cause", "lou gehrig\u2019s disease", "als"),  # a curly apostrophe, as phones type it
        ("cause", "Parkinson", "parkinsons-disease"),
        ("cause", "Parkinson's", "parkinsons-disease"),
        ("cause", "PARKINSON'S DISEASE", "parkinsons-disease"),
        ("cause", "parkinsons disease", "parkinsons-disease"),
        ("cause", "  ms ", "multiple-sclerosis"),
        ("cause", "BFS", "benign-fasciculation-syndrome"),
        ("cause", "Tourette syndrome", "tic-disorder"),
        ("cause", "Stress", "stress"),
        ("phenomenon", "Charley Horse", "spasm-cramp"),
        ("phenomenon", "TREMOR", "tremor"),
        ("finding", "Muscle twitching", "twitching"),
        ("finding", "slurred speech", "slurred-speech"),
    ],
)
def test_look_ups_accept_any_case_names_synonyms_and_abbreviations(method, typed, expected):
    assert getattr(TAX, method)(typed).id == expected


@pytest.mark.parametrize("table", TABLE_ORDER)
def test_every_id_name_and_synonym_in_the_data_finds_its_entry_in_any_case(table):
    look_up = getattr(TAX, table)
    for entry in getattr(TAX, _plural(table)):
        assert look_up(entry.id) is entry
        typed = [getattr(entry, "name", entry.id), *getattr(entry, "synonyms", ())]
        for name in typed:
            for form in (name, name.upper(), name.lower()):
                try:
                    assert look_up(form) is entry, (table, form)
                except mt.AmbiguousIdError as e:  # shared with another entry: listed, not lost
                    assert entry.id in e.candidates, (table, form)


@pytest.fixture(scope="module")
def shared_synonym(tmp_path_factory):
    """The shipped data with "MS" also given as a synonym of benign fasciculation syndrome."""
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA_DIR, folder)
    causes = folder / "causes.toml"
    text = causes.read_text(encoding="utf-8")
    assert 'synonyms = ["BFS", ' in text
    causes.write_text(text.replace('synonyms = ["BFS", ', 'synonyms = ["MS", "BFS", '), "utf-8")
    return mt.load_taxonomy(folder)


def test_a_name_that_two_entries_share_is_rejected_with_both_candidates(shared_synonym):
    with pytest.raises(mt.AmbiguousIdError) as e:
        shared_synonym.cause("ms")
    assert isinstance(e.value, KeyError) and isinstance(e.value, mt.UnknownIdError)
    assert e.value.candidates == ("benign-fasciculation-syndrome", "multiple-sclerosis")
    assert str(e.value) == (
        "cause 'ms' is ambiguous: it names benign-fasciculation-syndrome (Benign fasciculation "
        "syndrome); multiple-sclerosis (Multiple sclerosis (MS)); give an id"
    )
    # an id or an unshared name still finds its one entry
    assert shared_synonym.cause("multiple-sclerosis").id == "multiple-sclerosis"
    assert shared_synonym.cause("multiple sclerosis").id == "multiple-sclerosis"


def test_the_cli_names_the_candidates_of_an_ambiguous_name(shared_synonym, monkeypatch, capsys):
    monkeypatch.setattr(cli, "load_taxonomy", lambda: shared_synonym)
    assert cli.main(["show", "MS"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("muscletwitch: cause 'MS' is ambiguous: it names benign-fasc")
    assert "multiple-sclerosis (Multiple sclerosis (MS))" in err


@pytest.mark.parametrize(
    ("method", "typed", "message"),
    [
        ("cause", "alss", "unknown cause 'alss'; did you mean als"),
        ("cause", "Parkinsns", "unknown cause 'Parkinsns'; did you mean parkinsons-disease?"),
        # words of several names: all of them, and nothing chosen for the user
        ("cause", "sclerosis", "unknown cause 'sclerosis'; did you mean als, multiple-sclerosis?"),
        ("cause", "motor neurone", "unknown cause 'motor neurone'; did you mean als?"),
        # a rash is not a non-blanching rash: suggested, never assumed
        ("finding", "rash", "unknown finding 'rash'; did you mean non-blanching-rash?"),
        ("phenomenon", "zzzzzz", "unknown phenomenon 'zzzzzz'; known: fasciculation, fibrillat"),
    ],
)
def test_near_misses_are_rejected_with_did_you_mean(method, typed, message):
    with pytest.raises(mt.UnknownIdError) as e:
        getattr(TAX, method)(typed)
    assert not isinstance(e.value, mt.AmbiguousIdError)
    assert str(e.value).startswith(message)


@pytest.mark.parametrize("bad", [None, 3, ["als"], ""])
def test_look_ups_of_what_is_not_a_name_raise_unknown_id(bad):
    with pytest.raises(mt.UnknownIdError, match="unknown cause"):
        TAX.cause(bad)


def test_assess_takes_finding_names_in_any_case_and_reports_ids():
    typed = mt.assess("Diabetes", "TREMBLING", "sweating")
    exact = mt.assess("diabetes", "trembling", "sweating")
    assert typed.findings == ("diabetes", "trembling", "sweating")
    assert (typed.causes, typed.reasons, typed.urgency) == (
        exact.causes,
        exact.reasons,
        "urgent",  # a possible hypo: act now (fast sugar), 999 only if unconscious or fitting
    )
    assert mt.assess("Muscle twitching", "twitching").findings == ("twitching",)


def test_filter_takes_names_and_filters_by_the_ids_they_name():
    by_id = TAX.filter(phenomenon="fasciculation", site="peripheral-nerve")
    assert by_id and TAX.filter(phenomenon="Muscle twitch", site="Peripheral nerve") == by_id


def test_search_ranks_an_exact_name_or_synonym_first():
    # "fits" is a synonym of epilepsy; febrile seizures only contain it ("fever fits")
    assert [c.id for c in TAX.search("fits")][:2] == ["epilepsy", "high-fever"]
    assert TAX.search("MS")[0].id == "multiple-sclerosis"
    assert TAX.search("Parkinson\u2019s")[0].id == "parkinsons-disease"
    assert TAX.search("motor-neurone")[0].id == "als"


@pytest.mark.parametrize(
    ("typed", "start"),
    [("ALS", "ALS (motor neurone disease) (als)"), ("motor neurone disease", "ALS (motor")],
)
def test_cli_show_takes_names_as_typed(typed, start, capsys):
    assert cli.main(["show", typed]) == 0
    assert capsys.readouterr().out.startswith(start)


def test_cli_assess_takes_finding_names(capsys):
    assert cli.main(["assess", "Diabetes", "Trembling", "Sweating"]) == 0
    assert capsys.readouterr().out.startswith("URGENCY: URGENT")


def test_name_key_folds_case_apostrophes_hyphens_and_unicode_forms():
    assert name_key(" Parkinson\u2019s-Disease ") == name_key("parkinsons disease")
    assert name_key("\uff2d\uff33") == "ms"  # full-width letters (NFKC)
    assert name_key("Stra\u00dfe") == name_key("STRASSE")  # casefold, not lower


def test_names_are_indexed_on_first_use_not_at_load(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    tax = mt.load_taxonomy(tmp_path / "data")
    tax.cause("als")  # an id: no index needed
    assert tax._keys == {}
    tax.cause("MND")
    assert set(tax._keys) == {"cause"}


def test_widgets_given_a_name_show_the_entry_it_names():
    from muscletwitch import widgets

    assert widgets.CauseExplorer(cause="MND").selected.id == "als"
    sim = widgets.TwitchSimulator(phenomenon="Tremor")
    assert sim.controls["phenomenon"].value == "tremor"
