"""The course facts (course.toml): what they hold, and every validation error through the loader."""

import re
from pathlib import Path

import pytest

import muscletwitch as mt
from muscletwitch.course import PALETTE_NAMES, load_course

ROOT = Path(__file__).resolve().parents[1]
COURSE = load_course()


def test_the_notebook_list_is_the_course_on_disk():
    built = sorted(p.stem for p in (ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
    assert sorted(COURSE.notebook_ids) == built
    # course order is not file order: 08 (the motor pathway) is taught right after 01
    order = list(COURSE.notebook_ids)
    assert order[:3] == ["00_start_here", "01_what_is_a_twitch", "08_motor_pathway_and_reflexes"]
    assert order[-1] == "07_review"
    assert COURSE.notebook("01_what_is_a_twitch").title == "What is a twitch?"
    with pytest.raises(mt.UnknownIdError, match="did you mean 07_review"):
        COURSE.notebook("07_reveiw")


def test_every_extent_is_a_level_and_every_site_has_a_palette_colour():
    from muscletwitch import plots, style

    assert set(mt.taxonomy.EXTENTS) <= {lv.id for lv in COURSE.levels}
    assert set(PALETTE_NAMES) == set(style.PALETTE)
    tax = mt.load_taxonomy()
    for site in tax.sites:
        assert plots.colour_of(site.id) == style.PALETTE[COURSE.site_colour(site.id)]
    tremor = tax.phenomenon("tremor")
    assert plots.colour_of("tremor") == plots.colour_of(tax.site(tremor.site[0]))
    assert plots.colour_of(tax.cause("als")) == style.CATEGORY_COLOURS["pathological"]


def test_verdicts_cover_the_fusion_index():
    assert COURSE.verdict(0.0).startswith("Separate")
    assert COURSE.verdict(0.5).startswith("Partly")
    assert COURSE.verdict(1.0).startswith("Fused")


def test_cited_figures_name_their_sources():
    tax = mt.load_taxonomy()
    notice = COURSE.figure("notice-fasciculations")
    assert (notice.value, notice.unit) == (70.0, "%")
    assert "reed-kurland-1963" in notice.sources
    for f in COURSE.figures:
        assert all(tax.source(s) for s in f.sources) and f.study


def test_every_movement_is_in_exactly_one_presentation():
    tax = mt.load_taxonomy()
    placed = [i for p in COURSE.presentations for i in p.phenomena]
    assert sorted(placed) == sorted(p.id for p in tax.phenomena)
    assert COURSE.presentation_of("rigidity").id == "stiffness"
    assert COURSE.presentation_of("fibrillation").id == "emg-only"
    assert all(p.ask and p.sources for p in COURSE.presentations)
    with pytest.raises(mt.UnknownIdError, match="did you mean tremor"):
        COURSE.presentation_of("tremer")


def test_therapy_kinds_each_have_a_marker():
    assert {k.id for k in COURSE.therapy_kinds} == set(mt.taxonomy.THERAPY_KINDS)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'brain = "reddish-purple"',
            'brain = "red"',
            "course.toml, [colours], field 'sites': 'red' is not one of black, orange",
        ),
        (
            'brain = "reddish-purple", ',
            'brian = "reddish-purple", ',
            "course.toml, [colours], field 'sites': 'brian' is not a known site id; "
            "did you mean brain?",
        ),
        (
            'muscle = "orange", ',
            "",
            "course.toml, [colours], field 'sites': no colour for site 'muscle'; add muscle = ",
        ),
        (
            'trace_notebook = "02_types_of_involuntary_movement"',
            'trace_notebook = "02_types"',
            "course.toml, [quiz], field 'trace_notebook': '02_types' is not a known notebook id",
        ),
        (
            "minutes = 15",
            'minutes = "15"',
            "field 'minutes': expected int",
        ),
        ("below = 0.8", "below = 0.2", "field 'below': must rise and end above 1"),
        (
            'id = "whole-muscle"',
            'id = "whole-muscles"',
            "no [[level]] for the extent",
        ),
        ('marker = "o"', 'marker = "circle"', "therapy kind 'physiotherapy', field 'marker':"),
        ("[therapy_kind.medical]", "[therapy_kind.surgery]", "'surgery' is not one of self-care"),
        (
            'phenomena = ["tremor", "clonus"]',
            'phenomena = ["tremor"]',
            "[[presentation]], field 'phenomena': the phenomenon 'clonus' is in 0 presentations",
        ),
        (
            'phenomena = ["tremor", "clonus"]',
            'phenomena = ["tremor", "tic", "clonus"]',
            "the phenomenon 'tic' is in 2 presentations; put it in exactly one",
        ),
        (
            'phenomena = ["fibrillation"]',
            'phenomena = ["fibrilation"]',
            "presentation 'emg-only', field 'phenomena': 'fibrilation' is not a known phenomenon",
        ),
        (
            'sources = ["schwellnus-2022"]',
            "sources = []",
            "field 'sources': expected a list of at least 1",
        ),
    ],
)
def test_broken_course_data_names_file_entry_field(data_copy, old, new, message):
    data_copy.replace("course.toml", old, new)
    with pytest.raises(mt.TaxonomyError, match=re.escape(message)):
        load_course(data_copy.path)
