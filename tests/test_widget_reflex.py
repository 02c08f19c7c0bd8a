"""ReflexLab without a browser: set controls, assert on artists, HTML and the static fallback."""

from __future__ import annotations

import numpy as np
import pytest
import test_widgets as contract  # the checks every widget passes (labels, fallback, lecture)

from muscletwitch import reflex
from muscletwitch.widgets import ReflexLab


@pytest.fixture(scope="module")
def lab() -> ReflexLab:
    return ReflexLab()


def test_meets_the_widget_contract():
    contract.test_contract_labels_and_static_fallback(ReflexLab)
    contract.test_lecture_mode_is_larger(ReflexLab)


def test_controls_are_constrained_to_the_models_ranges(lab):
    c = lab.controls
    assert (c["velocity"].min, c["velocity"].max) == reflex.PARAMETERS.limb.velocity_range_deg_s
    assert (c["gain"].min, c["gain"].max) == reflex.PARAMETERS.arc.gain_range
    assert [v for _, v in c["tone"].options] == list(reflex.TONES)


def test_velocity_moves_the_trace_and_the_marker(lab):
    c = lab.controls
    c["tone"].value = "spasticity"
    c["velocity"].value = 60
    slow = lab.total.get_ydata().max()
    png = lab.image.value
    c["velocity"].value = 300
    run = reflex.stretch("spasticity", 300, gain=c["gain"].value)
    np.testing.assert_allclose(lab.total.get_ydata(), run.resistance_nm)
    np.testing.assert_allclose(lab.joint.get_ydata(), run.angle_deg)
    assert lab.total.get_ydata().max() > 1.5 * slow  # spasticity: faster meets more resistance
    assert lab.here.get_xdata()[0] == 300 and lab.image.value != png
    assert lab.ends[0].get_xdata()[0] == pytest.approx(float(run.stretch_end_s))
    assert "300 deg/s" in lab.caption.value and "velocity-dependent" in lab.caption.value


def test_tone_sets_its_usual_gain_and_the_curve_follows(lab):
    c = lab.controls
    for tone in reflex.TONES.values():
        c["tone"].value = tone.id
        assert c["gain"].value == pytest.approx(tone.gain)
        v, peaks = reflex.peak_resistance(tone)
        np.testing.assert_allclose(lab.curve.get_ydata(), peaks)
        assert tone.name in lab.caption.value and tone.name in lab.alt_text
    c["tone"].value = "rigidity"
    assert "velocity-independent" in lab.caption.value
    assert "Sanger et al. 2003" in lab.caption.value and "illustrative model" in lab.caption.value


def test_gain_brings_clonus_and_takes_it_away(lab):
    c = lab.controls
    c["tone"].value = "clonus"
    threshold = reflex.clonus_threshold("clonus")
    c["gain"].value = round(threshold * 1.2, 1)
    assert lab.state.beats.sustained
    assert "going on while held" in lab.caption.value and "is above" in lab.caption.value
    c["gain"].value = round(threshold * 0.8, 1)
    assert not lab.state.beats.sustained
    assert "going on" not in lab.caption.value and "is below" in lab.caption.value
    assert "4.7-7.0 Hz" in lab.caption.value  # the measured range, cited


def test_a_tone_without_lasting_beats_says_so(lab):
    lab.controls["tone"].value = "normal"
    lab.controls["gain"].value = lab.controls["gain"].max
    assert reflex.clonus_threshold("normal") is None
    assert "no gain on this slider makes the beats last" in lab.caption.value


def test_static_fallback_shows_the_current_state(lab):
    lab.controls["tone"].value = "spasticity"
    html = lab.static_html()
    assert "Spasticity" in html and 'alt="Spasticity' in html
    assert "Lance 1980" in html


def test_impossible_start_values_are_refused():
    with pytest.raises(ValueError, match="velocity_deg_s must lie between"):
        ReflexLab(velocity_deg_s=1000)
    with pytest.raises(KeyError, match="did you mean"):
        ReflexLab(tone="spastic")


@pytest.mark.parametrize("tone", list(reflex.TONES))
def test_every_tone_fits_the_fixed_resistance_scale(lab, tone):
    """The axes never rescale (blitting): whatever the setting, the trace stays inside them."""
    c = lab.controls
    c["tone"].value = tone
    top = lab.total.axes.get_ylim()[1]
    for gain in (c["gain"].min, c["gain"].max):
        for velocity in (c["velocity"].min, c["velocity"].max):
            c["gain"].value, c["velocity"].value = gain, velocity
            assert lab.total.get_ydata().max() < top
            assert lab.here.get_ydata()[0] < lab.here.axes.get_ylim()[1]
