"""The stretch-reflex model: velocity dependence of spasticity, rigidity's flat resistance, clonus
above a critical gain and not below it, determinism, the data's checks and clear errors."""

from __future__ import annotations

import numpy as np
import pytest

import muscletwitch as mt
from muscletwitch import physiology, reflex
from muscletwitch.errors import TaxonomyError
from muscletwitch.reflex_params import load_reflex

LIMB, ARC = reflex.PARAMETERS.limb, reflex.PARAMETERS.arc


def ratio(tone: str) -> float:
    """Peak resistance at the fastest stretch over that at the slowest (the tone's usual gain)."""
    _, peaks = reflex.peak_resistance(tone)
    return float(peaks[-1] / peaks[0])


def test_spastic_resistance_rises_with_velocity_and_beyond_normal():
    v, spastic = reflex.peak_resistance("spasticity")
    _, normal = reflex.peak_resistance("normal")
    assert np.all(np.diff(spastic) > 0), "spastic resistance rises at every faster stretch"
    assert ratio("spasticity") > 2.5
    assert spastic[-1] > 2 * normal[-1] and spastic[0] == pytest.approx(normal[0], rel=0.05)
    # the rise is the reflex: with no gain, only passive stiffness and damping are left
    _, no_reflex = reflex.peak_resistance("spasticity", gain=0.0)
    assert no_reflex[-1] / no_reflex[0] < 1.3


def test_rigidity_is_roughly_velocity_independent_and_present_at_slow_speed():
    assert ratio("rigidity") < 1.25
    slow = LIMB.velocity_range_deg_s[0]
    rigid = reflex.stretch("rigidity", slow)
    normal = reflex.stretch("normal", slow)
    assert rigid.rigid_nm.max() > 0.3 * rigid.resistance_nm.max()  # a real part of it
    assert rigid.resistance_nm.max() > 1.4 * normal.resistance_nm.max()  # even when slow
    assert normal.rigid_nm.max() == 0


def test_cogwheel_ratchets_at_its_frequency():
    tone = reflex.tone("rigidity")
    run = reflex.stretch(tone, LIMB.velocity_range_deg_s[0])
    moving = (run.t_s > LIMB.onset_s + 0.2) & (run.t_s < run.stretch_end_s)
    part = run.rigid_nm[moving] - run.rigid_nm[moving].mean()
    spectrum = np.abs(np.fft.rfft(part))
    freqs = np.fft.rfftfreq(part.size, run.t_s[1] - run.t_s[0])
    assert freqs[1:][np.argmax(spectrum[1:])] == pytest.approx(tone.cogwheel_hz, abs=0.6)


def test_clasp_knife_builds_then_gives_way_while_still_stretching():
    run = reflex.stretch("spasticity", 150)
    stretching = run.t_s <= run.stretch_end_s
    reflex_part = run.reflex_nm[stretching]
    top = int(np.argmax(reflex_part))
    assert reflex_part[top] > 3  # N m: a catch
    assert reflex_part[-1] < 0.6 * reflex_part[top]  # and it gives way before the stretch ends
    # without the length-dependent inhibition it does not give way
    from dataclasses import replace

    plain = reflex.stretch(replace(reflex.tone("spasticity"), clasp_knife=0.0), 150)
    assert plain.reflex_nm[stretching][-1] > 0.9 * plain.reflex_nm[stretching].max()


@pytest.mark.parametrize("velocity", [LIMB.velocity_range_deg_s[0], 150.0, 300.0])
def test_clonus_sustains_above_the_threshold_and_dies_out_below(velocity):
    threshold = reflex.clonus_threshold("clonus")
    assert threshold is not None
    low, high = ARC.gain_range
    above = reflex.beats(reflex.stretch("clonus", velocity, gain=min(high, threshold * 1.2)))
    below = reflex.beats(reflex.stretch("clonus", velocity, gain=threshold * 0.8))
    assert above.sustained and above.count >= 5
    assert not below.sustained
    lo, hi = physiology.PARAMETERS.clonus.beat_hz  # measured clonus (Wallace et al. 2005)
    assert lo <= above.frequency_hz <= hi
    # below the threshold the held joint settles: the last part is still, the start was not
    run = reflex.stretch("clonus", velocity, gain=threshold * 0.8)
    held = run.t_s > run.stretch_end_s
    last = run.t_s > run.t_s[-1] - LIMB.last_ms / 1000
    assert np.ptp(run.angle_deg[last]) < 0.5 * np.ptp(run.angle_deg[held])


def test_the_clonus_tone_beats_at_its_usual_gain_and_the_others_do_not():
    assert reflex.beats(reflex.stretch("clonus", 150)).sustained
    for tone in ("normal", "spasticity", "rigidity"):
        assert not reflex.beats(reflex.stretch(tone, 150)).sustained, tone


def test_simulated_threshold_agrees_with_the_loops_linear_stability():
    critical, frequency = reflex.critical_gain()
    assert reflex.clonus_threshold("clonus") == pytest.approx(critical, rel=0.15)
    run = reflex.stretch("clonus", 150)
    assert reflex.beats(run).frequency_hz == pytest.approx(frequency, rel=0.1)


def test_a_longer_loop_delay_lowers_the_gain_clonus_needs():
    from dataclasses import replace

    longer = replace(reflex.PARAMETERS, arc=replace(ARC, delay_ms=ARC.delay_ms * 1.5))
    assert reflex.critical_gain(params=longer)[0] < reflex.critical_gain()[0]


def test_deterministic_and_batches_agree_with_single_runs():
    a, b = reflex.stretch("clonus", 150), reflex.stretch("clonus", 150)
    assert np.array_equal(a.resistance_nm, b.resistance_nm)
    many = reflex.simulate("spasticity", [60.0, 150.0], [1.0, 2.0])
    one = reflex.stretch("spasticity", 150.0, gain=2.0)
    np.testing.assert_allclose(many.resistance_nm[:, 1], one.resistance_nm)
    assert many.resistance_nm.shape == (many.t_s.size, 2)


def test_resistance_is_the_sum_of_its_parts_and_starts_at_rest():
    run = reflex.stretch("rigidity", 90)
    np.testing.assert_allclose(run.resistance_nm, run.passive_nm + run.reflex_nm + run.rigid_nm)
    before = run.t_s < LIMB.onset_s
    assert np.all(run.resistance_nm[before] == 0) and np.all(run.angle_deg[before] == 0)
    assert run.imposed_deg[-1] == pytest.approx(LIMB.stretch_range_deg)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: reflex.stretch("spasticity", 500), "velocity_deg_s must lie between 30 and 300"),
        (lambda: reflex.stretch("spasticity", 0), "velocity_deg_s must lie between"),
        (lambda: reflex.stretch("spasticity", float("nan")), "got nan"),
        (lambda: reflex.stretch("spasticity", 100, gain=-1), "gain must lie between 0 and 8"),
        (lambda: reflex.simulate("normal", [60, 90], [1, 2, 3]), "the same number of each"),
        (lambda: reflex.simulate("normal", [[60]]), "a flat list"),
        (lambda: reflex.stretch("normal", [60, 90]), "use simulate()"),
        (lambda: reflex.beats(reflex.simulate("normal", [60, 90])), "give one stretch"),
    ],
)
def test_impossible_arguments_say_what_is_allowed(call, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()


def test_an_unknown_tone_suggests_the_known_ones():
    with pytest.raises(mt.UnknownIdError, match="did you mean spasticity"):
        reflex.stretch("spastic", 100)


def test_every_tone_cites_known_sources_and_marks_its_numbers_illustrative():
    tax = mt.load_taxonomy()
    for tone in reflex.TONES.values():
        assert tone.illustrative and "illustrative" in tone.sources
        assert all(tax.source(s) for s in tone.sources)
        assert len(tone.sources) >= 2  # at least one real source besides "illustrative"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("gain = 6.5", "gain = 9.5", "tone 'clonus', field 'gain': 9.5 lies outside"),
        ("step_ms = 2.0", "step_ms = 200.0", "shorter than one step"),
        ('phenomenon = "clonus"', 'phenomenon = "clonos"', "did you mean clonus"),
        ("rigid = 0.25", "rigid = 1.5", "field 'rigid': must be between 0 and 1"),
        ("duration_s = 3.5", "duration_s = 2.0", "field 'duration_s': too short"),
        ("delay_ms = 40.0", "delay_ms = -4.0", "field 'delay_ms': must be a number > 0"),
    ],
)
def test_broken_data_is_rejected_with_where_and_why(data_copy, old, new, message):
    data_copy.replace("reflex.toml", old, new)
    with pytest.raises(TaxonomyError, match=message):
        load_reflex(data_copy.path)
