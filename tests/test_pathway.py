"""Upper and lower motor neuron (notebook 08): the signs in sites.toml, the level a set of signs
points to, the two neurons of the levels diagram, and the loader's check of the signs."""

from __future__ import annotations

import re

import pytest
from matplotlib.figure import Figure

import muscletwitch as mt
from muscletwitch import exercises, plots
from muscletwitch.pathway_graders import BOTH, LEVEL_SITES, NEITHER, level_of

TAX = mt.load_taxonomy()
UMN, LMN = (TAX.site(s) for s in LEVEL_SITES.values())


def test_umn_and_lmn_list_the_same_examined_features_once_each():
    for site in (UMN, LMN):
        features = [s.feature for s in site.signs]
        assert len(features) == len(set(features)) >= 5, site.id
    assert [s.feature for s in UMN.signs] == [s.feature for s in LMN.signs]
    assert not {s.id for s in UMN.signs} & {s.id for s in LMN.signs}
    # the signs the issue names, on the right side
    assert {"spasticity", "brisk-reflexes", "clonus", "extensor-plantar"} <= {
        s.id for s in UMN.signs
    }
    assert {"wasting", "fasciculations", "reduced-reflexes", "flaccid-tone"} <= {
        s.id for s in LMN.signs
    }
    assert not any(site.signs for site in TAX.sites if site.id not in LEVEL_SITES.values())


def test_notebook_04s_sorted_signs_agree_with_the_sites():
    """04-umn-lmn stores its key as digests; the sites' signs must give the same classes."""
    ex = exercises.exercise("04-umn-lmn")
    side = {s.id: level for level, site in LEVEL_SITES.items() for s in TAX.site(site).signs}
    for sign, stored in ex.signs:
        assert sign in side, f"04-umn-lmn sign {sign!r} is not a sign of either site"
        assert exercises.digest(ex.id, sign, side[sign]) == stored, sign


@pytest.mark.parametrize(
    ("items", "level"),
    [
        (["spasticity", "clonus"], "UMN"),
        (["wasting", "fasciculations"], "LMN"),
        (["fasciculations", "extensor-plantar"], BOTH),  # the pattern of ALS
        (["rigidity", "tremor"], NEITHER),  # basal ganglia: phenomena, not motor neuron signs
        ([], NEITHER),
    ],
)
def test_the_level_of_a_set_of_signs(items, level):
    assert level_of(items) == level


def test_the_exercise_has_one_case_of_each_level_and_describes_each_finding():
    ex = exercises.exercise("08-umn-or-lmn")
    assert sorted(level_of(items) for _, items in ex.cases) == sorted(ex.options)
    described = exercises.cases(ex.id)
    assert list(described) == [name for name, _ in ex.cases]
    for name, items in ex.cases:
        assert len(described[name]) == len(items)
        assert all(re.match(r"[A-Z][\w ]+: [a-z]", line) for line in described[name])
    # a phenomenon's description stops before its summary names where it comes from
    assert not any("basal ganglia" in line for lines in described.values() for line in lines)


def test_the_clonus_trace_beats_inside_the_measured_range():
    t, y = exercises.clonus("08-clonus-frequency")
    h = y.max() / 2
    up = t[1:][(y[1:] > h) & (y[:-1] <= h)]
    low, high = mt.physiology.parameters().clonus.beat_hz
    assert len(up) >= 5
    assert low <= (len(up) - 1) / (up[-1] - up[0]) <= high
    assert up[0] > 0.1 * t[-1] and up[-1] < 0.9 * t[-1]  # beats only while the foot is held


def test_the_levels_diagram_draws_the_two_neurons_in_their_rows():
    fig = Figure(figsize=(12, 7))
    ax = fig.subplots()
    drawn = plots.levels(ax, TAX.sites)
    boxes = {p.get_gid(): p for p in ax.patches if p.get_gid()}

    def rows(gid: str) -> tuple[float, float]:
        b = boxes[gid].get_bbox()
        return b.y0, b.y1

    umn, lmn = boxes["upper-motor-neuron:cell"], boxes["lower-motor-neuron:cell"]
    umn_y = umn.get_xy()[:, 1].mean()  # a triangle: the upper motor neuron's pyramidal cell
    assert rows("brain")[0] <= umn_y <= rows("brain")[1]  # cell body in the cortex
    assert rows("spinal-cord")[0] <= lmn.center[1] <= rows("spinal-cord")[1]  # anterior horn
    assert plots.colour_of("upper-motor-neuron") != plots.colour_of("lower-motor-neuron")
    assert "upper motor neuron, cell body (triangle) in the brain" in drawn.alt_text
    # without the two neuron sites the chain is drawn as before: no neurons
    ax2 = Figure().subplots()
    plots.levels(ax2, [s for s in TAX.sites if s.id != "lower-motor-neuron"])
    assert not [p for p in ax2.patches if ":" in (p.get_gid() or "")]


def test_a_sign_listed_twice_is_named(data_copy):
    data_copy.replace(
        "sites.toml",
        '{ id = "brisk-reflexes", feature',
        '{ id = "spasticity", feature',
    )
    with pytest.raises(mt.TaxonomyError, match="lists a sign id twice"):
        data_copy.load()
