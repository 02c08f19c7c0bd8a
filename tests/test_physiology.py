"""Statistics of the physiology models: rates, regularity, twitch shape, fusion, timing."""

import re

import numpy as np
import pytest

import muscletwitch as mt
from muscletwitch import physiology as ph
from muscletwitch.errors import UnknownIdError
from muscletwitch.parameters import load_parameters

FS = 1000


def isi_cv(train: np.ndarray) -> float:
    isi = np.diff(train)
    return float(isi.std() / isi.mean())


@pytest.mark.parametrize("regular", [True, False])
@pytest.mark.parametrize("rate", [2.0, 10.0, 40.0])
def test_train_mean_rate_and_refractory_gap(rate: float, regular: bool) -> None:
    train = ph.discharge_train(rate, 200, regular=regular, seed=3)
    assert np.all(np.diff(train) >= ph.PARAMETERS.train.refractory_ms / 1000 - 1e-12)
    assert np.all((train >= 0) & (train < 200)) and np.all(np.diff(train) > 0)
    expected = rate * 200  # Poisson count: 4 standard deviations (regular trains vary far less)
    assert len(train) == pytest.approx(expected, abs=4 * np.sqrt(expected))


def test_regular_train_has_low_cv_irregular_high() -> None:
    assert isi_cv(ph.discharge_train(10, 100, regular=True)) < 0.1
    assert isi_cv(ph.discharge_train(10, 100, regular=False)) > 0.8


def test_seeded_reproducibility() -> None:
    a = ph.discharge_train(5, 10, regular=False, seed=7)
    assert np.array_equal(a, ph.discharge_train(5, 10, regular=False, seed=7))
    assert not np.array_equal(a, ph.discharge_train(5, 10, regular=False, seed=8))
    for pid in ph.signature_ids():
        assert np.array_equal(ph.signature(pid, seed=4)[1], ph.signature(pid, seed=4)[1])


@pytest.mark.parametrize("contraction_ms", [35.0, 60.0, 98.0])
def test_twitch_peaks_at_one_at_contraction_time(contraction_ms: float) -> None:
    t = np.arange(0, 1, 1 / 10_000)
    f = ph.twitch(t, contraction_ms=contraction_ms)
    assert t[f.argmax()] * 1000 == pytest.approx(contraction_ms, abs=0.1)
    assert f.max() == pytest.approx(1.0) and ph.twitch(-0.01, contraction_ms=contraction_ms) == 0
    assert ph.contraction_range_ms() == (35.0, 98.0)


def test_fusion_rises_with_rate_towards_tetanus() -> None:
    fusion = [
        ph.fusion_index(ph.summed_force(r, contraction_ms=60, duration_s=2)[1])
        for r in (2, 5, 10, 20, 40)
    ]
    assert fusion[0] < 0.05 and fusion[-1] > 0.9
    assert np.all(np.diff(fusion) > 0)


def test_extent_single_fibres_invisible_whole_muscle_strong() -> None:
    forces = {
        e: ph.extent_signal(e)
        for e in ("single-fibres", "motor-unit", "whole-muscle", "body-region")
    }
    assert forces["single-fibres"][2].max() == 0 and forces["single-fibres"][1].max() > 0
    peaks = [f.max() for _, f, _ in forces.values()]
    assert peaks == sorted(peaks) and forces["motor-unit"][1].max() == pytest.approx(1.0)


def widths_ms(activity: np.ndarray) -> np.ndarray:
    """Durations (ms) of the runs above half the maximum."""
    above = np.r_[False, activity > activity.max() / 2, False].astype(int)
    edges = np.flatnonzero(np.diff(above))
    return (edges[1::2] - edges[::2]) * 1000 / FS


def onsets_s(activity: np.ndarray) -> np.ndarray:
    above = activity > activity.max() / 2
    return np.flatnonzero(above[1:] & ~above[:-1]) / FS


def test_myoclonic_jerks_last_under_100_ms_and_are_irregular() -> None:
    _, a = ph.signature("myoclonus", duration_s=120)
    assert len(widths_ms(a)) > 20 and widths_ms(a).max() < 100
    assert isi_cv(onsets_s(a)) > 0.5


@pytest.mark.parametrize(
    ("tremor_type", "frequency"), [(None, 5.0), ("parkinsonian", 4.0), ("orthostatic", 16.0)]
)
def test_tremor_spectral_peak_at_chosen_frequency(
    tremor_type: str | None, frequency: float
) -> None:
    kw = {"tremor_type": tremor_type} if tremor_type else {}
    _, a = ph.signature("tremor", duration_s=20, frequency_hz=frequency, **kw)
    spectrum = np.abs(np.fft.rfft(a))
    assert np.fft.rfftfreq(a.size, 1 / FS)[spectrum.argmax()] == pytest.approx(frequency, abs=0.1)


def test_myokymia_bursts_recur_at_2_to_10_per_second() -> None:
    _, a = ph.signature("myokymia", duration_s=30)
    assert 2 <= len(onsets_s(a)) / 30 <= 10


def test_cramp_and_tetany_are_sustained_for_seconds() -> None:
    for pid in ("spasm-cramp", "tetany"):
        assert widths_ms(ph.signature(pid)[1]).max() > 3000, pid


def test_rhythmic_signatures_are_regular_and_tics_come_in_clusters() -> None:
    for pid, rate in (("clonus", 6.0), ("seizure", 2.0)):
        onsets = onsets_s(ph.signature(pid, duration_s=30)[1])
        assert isi_cv(onsets) < 0.15 and np.median(np.diff(onsets)) == pytest.approx(
            1 / rate, rel=0.1
        )
    gaps = np.diff(onsets_s(ph.signature("tic", duration_s=120)[1]))
    assert gaps.min() < 0.5 < 2 < gaps.max()  # short gaps inside clusters, long ones between


def test_fibrillation_is_tiny_and_fasciculations_are_isolated() -> None:
    assert np.abs(ph.signature("fibrillation")[1]).max() < 0.05
    _, a = ph.signature("fasciculation", duration_s=120)
    assert widths_ms(a).max() < 300 and isi_cv(onsets_s(a)) > 0.5


@pytest.mark.parametrize("pid", ph.signature_ids())
def test_signature_events_are_the_events_the_trace_shows(pid: str) -> None:
    t, y = ph.signature(pid, duration_s=10, seed=3)
    events = ph.signature_events(pid, duration_s=10, seed=3)
    assert events.size and np.all((events >= 0) & (events < 10))
    active = np.abs(y) > 0.01 * np.abs(y).max()
    for e in events:  # every event shows in the trace right after it ...
        assert active[(t >= e - 0.05) & (t <= e + 0.3)].any(), f"{pid}: nothing at {e:.2f} s"
    if ph.SIGNATURES[pid].shape != "oscillation":  # ... and nothing else does
        onsets = t[np.flatnonzero(np.diff(active.astype(int)) == 1) + 1]
        assert all(np.any(np.abs(events - o) < 0.1) for o in onsets), pid
    with pytest.raises(ValueError, match="has no parameter colour"):
        ph.signature_events(pid, colour="red")


def test_signature_table_covers_every_phenomenon_with_sources() -> None:
    tax = mt.load_taxonomy()
    assert set(ph.signature_ids()) == {p.id for p in tax.phenomena}
    assert ph.SIGNATURES["tremor"].frequency_hz == 5.0  # named, typed records
    assert ph.EXTENTS["single-fibres"].visible is False
    p = ph.PARAMETERS
    for table in (p.train, p.twitch, p.tremor, *p.extents.values(), *p.signatures.values()):
        assert all(tax.source(s) for s in table.sources) and table.note


def test_max_rate_is_what_the_refractory_gap_allows() -> None:
    assert ph.max_rate_hz() == 1000 / ph.PARAMETERS.train.refractory_ms
    assert ph.max_rate_hz("fasciculation") == 1000 / ph.SIGNATURES["fasciculation"].refractory_ms
    assert ph.max_rate_hz("spasm-cramp") == float("inf")  # a pooled train: no gap
    with pytest.raises(ValueError, match="rate_hz must be below"):
        ph.discharge_train(ph.max_rate_hz("fasciculation"), 1, regular=False, refractory_ms=500)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (  # a bad type
            'rate_hz = 5.0\nshape = "spike"',
            'rate_hz = "fast"\nshape = "spike"',
            "signatures.toml, signature 'fibrillation', field 'rate_hz': expected float, got str",
        ),
        (  # an unknown key, with did-you-mean
            "width_ms = 3.0",
            "widht_ms = 3.0",
            "signature 'fibrillation', field 'widht_ms': unknown field; allowed: sources",
        ),
        (  # a dangling reference
            "[signature.fibrillation]",
            "[signature.fibrilation]",
            "signatures.toml, signature 'fibrilation', field 'id': 'fibrilation' is not a known "
            "phenomenon id; did you mean fibrillation",
        ),
        (
            'sources = ["hpo-2025", "caviness-brown-2004", "illustrative"]',
            'sources = ["hpo-2025", "caviness-brown-2005", "illustrative"]',
            "signature 'myoclonus', field 'sources': 'caviness-brown-2005' is not a known source",
        ),
        (  # a missing required field
            "jitter_cv = 0.05\n",
            "",
            "signatures.toml, [train], field 'jitter_cv': missing required field",
        ),
        (  # a missing field that the shape needs
            "width_ms = 3.0",
            "",
            "signature 'fibrillation', field 'width_ms': a 'spike' signature needs width_ms",
        ),
        (
            'shape = "spike"',
            'shape = "wave"',
            "field 'shape': 'wave' is not one of twitch, jerk, spike, oscillation",
        ),
        ("[extent.whole-muscle]", "[extent.organ]", "'organ' is not one of single-fibres"),
        (
            "units = 50",
            "units = 0",
            "extent 'whole-muscle', field 'units': value must be a whole number >= 1, got 0",
        ),
        ("window = [0.15, 0.85]", "window = [0.85, 0.15]", "field 'window': must be [start, stop]"),
        (
            "contraction_ms_range = [35.0, 98.0]",
            "contraction_ms_range = [35.0]",
            "[twitch], field 'contraction_ms_range': expected a list of 2 values, got [35.0]",
        ),
        (
            'sources = ["illustrative"]\nillustrative = true\nnote = "Minimum gap',
            'sources = ["illustrative"]\nillustrative = false\nnote = "Minimum gap',
            "[train], field 'illustrative': must be true exactly when 'sources' lists",
        ),
    ],
)
def test_broken_parameters_give_a_taxonomy_error_naming_file_entry_field(
    data_copy, old, new, message
) -> None:
    data_copy.replace("signatures.toml", old, new)
    with pytest.raises(mt.TaxonomyError, match=re.escape(message)):
        load_parameters(data_copy.path)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: ph.discharge_train(-1, 1, regular=True),
            "rate_hz must be a finite number > 0, got -1",
        ),
        (lambda: ph.discharge_train(1, 0, regular=True), "duration_s must be"),
        (lambda: ph.discharge_train(500, 1, regular=True), "rate_hz must be below 1/refractory"),
        (lambda: ph.signature("tic", fs_hz=0), "fs_hz must be a finite number > 0"),
        (lambda: ph.signature("tremor", frequency_hz=30), r"within 2.5-18 Hz for any tremor"),
        (
            lambda: ph.signature("tremor", frequency_hz=10, tremor_type="holmes"),
            "within 2.5-5 Hz for holmes tremor",
        ),
        (
            lambda: ph.signature("tremor", tremor_type="bad"),
            "tremor_type must be one of physiological",
        ),
        (lambda: ph.signature("tic", frequency_hz=3), "has no parameter frequency_hz; allowed"),
        (lambda: ph.twitch(0.1, contraction_ms=0), "contraction_ms must be"),
        (lambda: ph.extent_signal("organ"), "extent must be one of single-fibres"),
        (lambda: ph.signature("seizure", window=[0.5, 0.2]), "window must be"),
    ],
)
def test_impossible_arguments_raise_clear_value_errors(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_unknown_phenomenon_suggests_close_ids() -> None:
    with pytest.raises(UnknownIdError, match="did you mean tremor"):
        ph.signature("tremour")


# --- issue 14: tone (spasticity vs rigidity), clonus, dystonia, chorea ----------------------------


def stretch_peaks(pid: str) -> dict[float, float]:
    """Peak resistance of each passive stretch in 30 s of ``pid``, by stretch velocity (deg/s)."""
    t, y = ph.signature(pid, duration_s=30)
    spec = ph.SIGNATURES[pid]
    velocities = spec.stretch_velocities_deg_s
    peaks: dict[float, list[float]] = {}
    for i, onset in enumerate(ph.signature_events(pid, duration_s=30)):
        v = velocities[i % len(velocities)]
        during = (t >= onset) & (t < onset + spec.stretch_range_deg / v)
        peaks.setdefault(v, []).append(float(y[during].max()))
    return {v: float(np.mean(p)) for v, p in peaks.items()}


def test_spasticity_resistance_rises_with_stretch_velocity_rigidity_does_not() -> None:
    spastic, rigid = stretch_peaks("spasticity"), stretch_peaks("rigidity")
    assert len(spastic) == len(rigid) == 3  # slow, medium and fast stretches all present
    slow_to_fast = [spastic[v] for v in sorted(spastic)]
    assert np.all(np.diff(slow_to_fast) > 0) and slow_to_fast[-1] > 3 * slow_to_fast[0]  # Lance
    flat = [rigid[v] for v in sorted(rigid)]
    assert max(flat) < 1.1 * min(flat)  # lead-pipe: the same at every speed


def test_spasticity_and_rigidity_have_no_rhythm_of_their_own_but_cogwheeling_ratchets() -> None:
    t, y = ph.signature("rigidity", duration_s=30)
    onset = ph.signature_events("rigidity", duration_s=30)[0]  # the first, slowest stretch (1 s)
    during = y[(t >= onset + 0.1) & (t < onset + 0.9)]
    spectrum = np.abs(np.fft.rfft(during - during.mean()))
    ratchet = np.fft.rfftfreq(during.size, 1 / FS)[spectrum.argmax()]
    assert 5 <= ratchet <= 9  # cogwheeling at 6-6.5 and 7.5-9 Hz (Findley et al. 1981)
    for pid in ("spasticity", "rigidity"):  # activity only while a stretch lasts
        events = ph.signature_events(pid, duration_s=30)
        assert np.median(np.diff(events)) > 1.5  # one stretch every ~2 s, not a beat


def test_clonus_beats_regularly_at_the_measured_rate_while_stretched() -> None:
    onsets = onsets_s(ph.signature("clonus", duration_s=30)[1])
    low, high = ph.PARAMETERS.clonus.beat_hz
    assert low <= 1 / np.median(np.diff(onsets)) <= high and isi_cv(onsets) < 0.15


def test_dystonic_contractions_are_sustained_and_recur() -> None:
    widths = widths_ms(ph.signature("dystonia", duration_s=60)[1])
    assert len(widths) >= 3 and widths.min() > 500  # held for seconds, not jerks


def test_chorea_is_irregular_and_lasts_longer_than_myoclonus_shorter_than_dystonia() -> None:
    _, a = ph.signature("chorea", duration_s=120)
    assert len(onsets_s(a)) > 20 and isi_cv(onsets_s(a)) > 0.5
    assert 100 < np.median(widths_ms(a)) < 500


def test_parkinsonian_rest_tremor_is_slower_than_physiological_tremor() -> None:
    assert ph.tremor_range_hz("parkinsonian")[1] < ph.tremor_range_hz("physiological")[0]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"stretch_velocities_deg_s": [0.0, 10.0]}, "stretch_velocities_deg_s must be positive"),
        ({"baseline": 0.0, "velocity_gain": 0.0}, "must not both be 0"),
        ({"cogwheel_depth": 1.5}, r"cogwheel_depth must be in \[0, 1\)"),
    ],
)
def test_impossible_stretch_parameters_raise(params: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ph.signature("rigidity", **params)
