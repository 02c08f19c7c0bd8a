"""The motor-unit pool model (muscletwitch.pool, Fuglevand, Winter & Patla 1993): size principle,
rate coding within its limits, force graded by drive, the contrasts, determinism, bad arguments."""

from __future__ import annotations

import numpy as np
import pytest

import muscletwitch as mt
from muscletwitch import pool
from muscletwitch.errors import TaxonomyError
from muscletwitch.pool_parameters import SCENARIO_IDS, load_pool_parameters

P = pool.PARAMETERS.pool


def test_parameters_are_fuglevands_with_their_sources():
    assert "fuglevand-1993" in P.sources and not P.illustrative
    tax = mt.load_taxonomy()
    assert tax.source("fuglevand-1993").doi == "10.1152/jn.1993.70.6.2470"
    for spec in pool.SCENARIOS.values():  # every scenario's wording is sourced
        assert [s for s in spec.sources if s != "illustrative"], spec.id
        for s in spec.sources:
            tax.source(s)
    assert tuple(pool.SCENARIOS) == SCENARIO_IDS


def test_size_principle_thresholds_forces_and_contraction_times():
    p = pool.make_pool()
    assert p.size == P.units
    # thresholds, twitch forces rise with unit number; contraction times fall (small = slow)
    assert np.all(np.diff(p.thresholds) > 0) and np.all(np.diff(p.forces) > 0)
    assert np.all(np.diff(p.contraction_ms) < 0)
    assert p.thresholds[-1] / p.thresholds[0] == pytest.approx(P.recruitment_range)
    assert p.forces[-1] / p.forces[0] == pytest.approx(P.force_range)
    assert p.contraction_ms[0] == pytest.approx(P.longest_contraction_ms)
    assert p.contraction_ms[0] / p.contraction_ms[-1] == pytest.approx(P.contraction_range)
    # exponential spread: most units have low thresholds (equal ratios between neighbours)
    ratios = p.thresholds[1:] / p.thresholds[:-1]
    assert np.allclose(ratios, ratios[0])
    assert np.median(p.thresholds) < np.mean(p.thresholds)


def test_recruitment_follows_size_order_as_drive_rises():
    previous = set()
    for drive in np.linspace(0, 1, 41):
        firing = set(np.flatnonzero(pool.rates_hz(drive)) + 1)
        assert previous <= firing  # once recruited, a unit stays recruited
        if firing:  # the recruited units are always the smallest ones
            assert firing == set(range(1, max(firing) + 1))
        previous = firing
    assert previous == set(range(1, P.units + 1))
    assert not np.any(pool.rates_hz(0.0))


def test_rates_stay_within_the_models_limits():
    peaks = pool.make_pool().peak_rates_hz
    for drive in np.linspace(0, 1, 21):
        rates = pool.rates_hz(drive)
        on = rates > 0
        assert np.all(rates[on] >= P.min_rate_hz) and np.all(rates <= peaks + 1e-9)
    at_max = pool.rates_hz(1.0)
    assert at_max == pytest.approx(peaks)  # every unit reaches its peak at full drive
    assert peaks[0] == pytest.approx(
        P.peak_rate_first_hz - P.peak_rate_drop_hz / P.recruitment_range
    )
    # rate coding: a recruited unit fires faster as drive rises, until its peak
    assert pool.rates_hz(0.5)[0] > pool.rates_hz(0.2)[0]
    # the discharges of a run have intervals near their unit's rate (CV ~0.2)
    run = pool.simulate("voluntary", 0.5, seed=3)
    unit = 10
    intervals = np.diff(run.spikes[unit - 1])
    assert 1 / intervals.mean() == pytest.approx(run.rates_hz[unit - 1], rel=0.15)
    assert intervals.std() / intervals.mean() == pytest.approx(P.isi_cv, abs=0.1)


def test_force_increases_with_drive():
    forces = [pool.simulate("voluntary", d, seed=1).mean_force for d in np.linspace(0, 1, 11)]
    assert forces[0] == 0.0
    assert np.all(np.diff(forces) > 0)
    assert forces[-1] == pytest.approx(100, abs=3)  # 100 % = the maximal voluntary force


def test_gain_gives_a_sigmoid_force_frequency_relation_that_saturates():
    """Fuglevand's gain: linear summation up to T/ISI = 0.4, then each twitch is scaled so that a
    unit's mean force (rate x gain) follows 1 - exp(-2 (T/ISI)^3): rising, then saturating."""
    contraction = np.array([90.0])

    def mean_force(rate_hz: float) -> float:  # per second, in twitches: rate x gain
        t = np.arange(4) / rate_hz
        return rate_hz * pool._gains(t[None, :], contraction)[0][-1]

    slow = pool._gains(np.array([[0.0, 1.0, 2.0]]), contraction)[0]
    assert np.all(slow == 1)  # 1 Hz: T/ISI 0.09, linear
    knee_hz = P.fusion_knee / 0.09
    assert mean_force(knee_hz) == pytest.approx(knee_hz)  # continuous at the knee
    rates = [2, 4, 8, 12, 20, 35, 60, 100]
    forces = [mean_force(r) for r in rates]
    assert np.all(np.diff(forces) >= -1e-9)  # more rate never gives less force
    ceiling = knee_hz / (1 - np.exp(-2 * P.fusion_knee**3))
    assert forces[-1] == pytest.approx(ceiling, rel=1e-6)  # saturated: S(T/ISI) = 1
    assert forces[-2] == pytest.approx(forces[-1], rel=1e-6)


def test_units_fire_out_of_step():
    run = pool.simulate("voluntary", 0.5, seed=0)
    firsts = np.array([s[0] for s in run.spikes if s.size])
    assert np.ptp(firsts) > 0.02  # the first discharges are spread out, not one volley
    steady = run.force[run.force.size // 4 :]
    assert steady.std() / steady.mean() < 0.05  # asynchrony: a smooth total force


def test_fasciculation_is_one_unit_firing_once_at_rest():
    for seed in range(12):
        run = pool.simulate("fasciculation", 0.7, seed=seed)  # the drive does not apply
        assert run.drive == 0.0
        assert len(run.active) == 1
        assert sum(s.size for s in run.spikes) == 1
        assert not np.any(run.rates_hz)
        assert 0 < run.force.max() < 1  # one unit: a tiny fraction of the pool's force
    units = {pool.simulate("fasciculation", seed=s).active[0] for s in range(12)}
    assert len(units) > 1  # which unit fires is random


def test_denervation_silences_the_lost_unit_and_reinnervation_enlarges_its_neighbour():
    lost, adopter = pool._denervated(P.units)
    plain = pool.simulate("denervation", 0.8, seed=2)
    assert plain.lost_unit == lost and plain.adopter is None
    assert plain.spikes[lost - 1].size == 0 and lost not in plain.active
    assert plain.intact_force is not None
    assert plain.mean_force < plain.intact_force.mean()  # the same drive gives less force
    healed = pool.simulate("denervation", 0.8, seed=2, reinnervated=True)
    p = pool.make_pool()
    assert healed.adopter == adopter
    assert healed.forces[adopter - 1] == pytest.approx(p.forces[adopter - 1] + p.forces[lost - 1])
    assert healed.forces[lost - 1] == 0
    assert healed.mean_force > plain.mean_force
    assert healed.mean_force == pytest.approx(healed.intact_force.mean(), rel=0.02)
    # the adopter's potential is larger: its discharges alone give a bigger EMG peak
    assert np.abs(healed.emg).max() >= np.abs(plain.emg).max() * 0.99
    with pytest.raises(ValueError, match="reinnervated applies to the 'denervation' scenario"):
        pool.simulate("voluntary", 0.5, reinnervated=True)


def test_cramp_is_involuntary_high_rate_firing_of_many_units():
    run = pool.simulate("cramp", 0.9, seed=0)
    spec = pool.SCENARIOS["cramp"]
    assert run.drive == 0.0
    assert len(run.active) > P.units * 0.8
    assert run.rates_hz.max() > P.peak_rate_first_hz  # faster than a voluntary contraction
    onset = spec.onset_fraction * run.duration_s
    assert all(s.size == 0 or s[0] >= onset for s in run.spikes)
    assert run.force[run.t_s < onset - 0.002].max() < 1e-9  # at rest before the cramp
    assert run.force.max() > 80


def test_same_seed_same_run_other_seed_other_run():
    a, b = pool.simulate("voluntary", 0.4, seed=5), pool.simulate("voluntary", 0.4, seed=5)
    assert all(np.array_equal(x, y) for x, y in zip(a.spikes, b.spikes, strict=True))
    assert np.array_equal(a.force, b.force) and np.array_equal(a.emg, b.emg)
    c = pool.simulate("voluntary", 0.4, seed=6)
    assert not np.array_equal(a.force, c.force)


def test_emg_has_one_potential_per_discharge_larger_for_larger_units():
    small = pool.simulate("voluntary", 0.02, seed=0)
    big = pool.simulate("voluntary", 1.0, seed=0)
    assert np.abs(big.emg).max() > 3 * np.abs(small.emg).max()
    rest = pool.simulate("voluntary", 0.0, seed=0)
    assert np.abs(rest.emg).max() < 0.2  # only the recording noise
    assert small.emg_t_s.size == round(small.duration_s * pool.PARAMETERS.emg.fs_hz)


def test_a_smaller_pool_works_the_same_way():
    run = pool.simulate("voluntary", 0.5, units=20)
    assert len(run.spikes) == 20 and 0 < run.mean_force < 100
    assert pool.simulate("denervation", 0.5, units=20).lost_unit <= 20


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scenario": "twitch"}, "scenario must be one of voluntary, fasciculation, denervation"),
        ({"drive": 1.5}, "drive must be a fraction of the maximal voluntary drive, from 0 to 1"),
        ({"drive": -0.1}, "from 0 to 1, got -0.1"),
        ({"drive": float("nan")}, "from 0 to 1, got nan"),
        ({"drive": "high"}, "drive must be a number from 0 to 1, got 'high'"),
        ({"seed": -1}, "seed must be a whole number >= 0, got -1"),
        ({"seed": 1.5}, "seed must be a whole number >= 0"),
        ({"units": 1}, "units must be a whole number of motor units >= 2, got 1"),
        ({"units": 12.0}, "units must be a whole number of motor units >= 2"),
        ({"reinnervated": "yes", "scenario": "denervation"}, "reinnervated must be True or False"),
    ],
)
def test_impossible_arguments_say_what_is_allowed(kwargs, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        pool.simulate(**kwargs)


def test_rates_refuse_a_drive_outside_0_1():
    with pytest.raises(ValueError, match="drive must be a fraction"):
        pool.rates_hz(2)


def test_the_loader_checks_the_pool_data(data_copy):
    data_copy.replace("pool.toml", "units = 120", "units = 1")
    with pytest.raises(TaxonomyError, match=r"pool.toml, \[pool\], field 'units'"):
        load_pool_parameters(data_copy.path)


def test_the_loader_refuses_an_unknown_source_and_a_missing_scenario_field(tmp_path, data_copy):
    data_copy.replace("pool.toml", '["henneman-1957", "fuglevand-1993"]', '["fuglevand-1939"]')
    with pytest.raises(TaxonomyError, match="'fuglevand-1939' is not a known source id"):
        load_pool_parameters(data_copy.path)


def test_the_loader_needs_the_cramps_numbers(data_copy):
    data_copy.replace("pool.toml", "peak_rate_hz = 50.0\n", "")
    with pytest.raises(TaxonomyError, match="the 'cramp' scenario needs peak_rate_hz"):
        load_pool_parameters(data_copy.path)
