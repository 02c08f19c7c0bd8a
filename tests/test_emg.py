"""The EMG sound models: each pattern's defining property, measured from what the generator makes
(the signal itself where one unit fires alone, else each unit's train), plus WAV, determinism,
errors and the data's checks. Ranges come from data/emg.toml, never typed here twice."""

from __future__ import annotations

import io
import wave

import numpy as np
import pytest

from muscletwitch import emg
from muscletwitch.emg_data import load_emg
from muscletwitch.errors import TaxonomyError, UnknownIdError

LONG_S = 60.0  # long clips, so rates and regularity are measured on many intervals


def peaks(d: emg.Discharge, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Times (s) and sizes of the potentials seen in the signal: local maxima of |signal| above
    ``threshold``, at most one per potential width (a detector independent of the generator)."""
    y = np.abs(d.signal)
    gap = max(1, round(d.pattern.width_ms * d.fs_hz / 1000))
    above = np.flatnonzero((y[1:-1] > threshold) & (y[1:-1] >= y[:-2]) & (y[1:-1] >= y[2:])) + 1
    kept: list[int] = []
    for i in above:
        if kept and i - kept[-1] < gap:
            if y[i] > y[kept[-1]]:
                kept[-1] = i
            continue
        kept.append(i)
    idx = np.array(kept, dtype=int)
    return idx / d.fs_hz, y[idx]


def size(d: emg.Discharge) -> float:
    """The median size of the potentials: the largest |signal| within one width of each."""
    half = max(1, round(d.pattern.width_ms * d.fs_hz / 2000))
    y = np.abs(d.signal)
    return float(
        np.median(
            [y[max(0, i - half) : i + half].max() for i in np.round(d.events * d.fs_hz).astype(int)]
        )
    )


def runs(times: np.ndarray, gap_s: float) -> list[np.ndarray]:
    """Split sorted times into runs wherever two are more than ``gap_s`` apart."""
    return np.split(times, np.flatnonzero(np.diff(times) > gap_s) + 1)


def cv(times: np.ndarray) -> float:
    intervals = np.diff(times)
    return float(intervals.std() / intervals.mean())


@pytest.mark.parametrize("pid", emg.pattern_ids())
def test_every_pattern_is_deterministic_and_sized(pid):
    a, b = emg.generate(pid, seed=3), emg.generate(pid, seed=3)
    assert np.array_equal(a.signal, b.signal)
    assert not np.array_equal(a.signal, emg.generate(pid, seed=4).signal)
    assert len(a.signal) == round(emg.AUDIO.clip_s * emg.AUDIO.fs_hz)
    assert len(a.events) > 0 and np.all(np.diff(a.events) >= 0)
    assert a.events.min() >= 0 and a.events.max() < a.duration_s
    start, stop = a.window(emg.AUDIO.zoom_ms / 1000)
    assert 0 <= start < stop <= a.duration_s
    assert stop - start == pytest.approx(emg.AUDIO.zoom_ms / 1000)


def test_normal_recruitment_rate_rises_and_a_second_unit_joins_at_the_recruitment_rate():
    p = emg.pattern("normal-recruitment")
    low, high = p.rate_hz
    d = emg.generate(p.id, seed=1)
    assert len(d.units) == p.units == 2
    first, second = d.units
    rates = emg.rates_hz(first)
    assert low * (1 - 1e-9) <= rates.min() and rates.max() <= high * (1 + 1e-9)
    assert rates[:3].mean() < low + 1.5 and rates[-3:].mean() > high - 2.5  # it speeds up
    # the second unit's first discharge comes when the first unit fires at recruit_at_hz
    at = np.searchsorted(first, second[0])
    assert emg.rates_hz(first[at - 2 : at + 2]).mean() == pytest.approx(p.recruit_at_hz, abs=1.5)
    assert emg.rates_hz(second)[0] < p.recruit_at_hz  # a newly recruited unit starts slowly
    # the two units look different: another size in the signal
    seen_first = np.median(np.abs(d.signal[np.round(first * d.fs_hz).astype(int)]))
    seen_second = np.median(np.abs(d.signal[np.round(second * d.fs_hz).astype(int)]))
    assert abs(seen_first - seen_second) > 0.1


def test_fasciculation_is_single_irregular_and_slow():
    p = emg.pattern("fasciculation")
    d = emg.generate(p.id, duration_s=LONG_S, seed=2)
    times, _ = peaks(d, p.amplitude / 2)
    assert len(times) == len(d.events)  # each potential seen in the signal, nothing else
    assert np.allclose(times, d.events, atol=p.width_ms / 1000)
    assert cv(times) > 0.25  # irregular (a regular train's is below 0.1)
    low, high = p.rate_hz
    assert low <= 1 / np.diff(times).mean() <= high
    assert np.diff(times).min() >= 1 / high - p.width_ms / 1000


@pytest.mark.parametrize("pid", ["fibrillation", "positive-sharp-waves"])
def test_fibrillation_potentials_are_regular_and_small(pid):
    p = emg.pattern(pid)
    low, high = p.rate_hz
    d = emg.generate(pid, duration_s=LONG_S, seed=5)
    assert len(d.units) == p.units > 1  # several fibres: the "rain"
    for train in d.units:
        assert cv(train) < 0.05  # each fibre is a metronome
        assert low <= 1 / np.diff(train).mean() <= high
    recruit = emg.generate("normal-recruitment", seed=5)
    assert size(d) < 0.5 * size(recruit)  # single fibres: small


def test_fibrillation_spikes_are_brief_and_positive_sharp_waves_point_down():
    spike = emg.waveform("spike", emg.pattern("fibrillation").width_ms, 8000)
    muap = emg.waveform("muap", emg.pattern("normal-recruitment").width_ms, 8000)
    assert len(spike) < len(muap) / 3
    assert spike[np.flatnonzero(np.abs(spike) > 0.1)[0]] < 0  # initial positive phase (down)
    d = emg.generate("positive-sharp-waves", seed=0)
    assert d.signal.min() < -4 * d.signal.max()  # negative up: a positive wave points down


def test_myokymic_bursts_recur_steadily_like_marching():
    p = emg.pattern("myokymic")
    d = emg.generate(p.id, duration_s=LONG_S, seed=7)
    times, _ = peaks(d, p.amplitude / 2)
    assert np.allclose(times, d.events, atol=p.width_ms / 1000)
    bursts = runs(times, gap_s=0.15)
    assert len(bursts) / LONG_S == pytest.approx(p.burst_hz, rel=0.1)
    sizes = [len(b) for b in bursts[:-1]]  # the last may be cut by the clip's end
    assert min(sizes) >= p.burst_size[0] and max(sizes) <= p.burst_size[1]
    low, high = p.rate_hz
    inside = np.concatenate([emg.rates_hz(b) for b in bursts if len(b) > 1])
    assert inside.min() >= low * 0.95 and inside.max() <= high * 1.05
    assert cv(np.array([b[0] for b in bursts])) < 0.1  # the bursts march in step


def test_myotonic_discharge_waxes_and_wanes_in_rate_and_amplitude():
    p = emg.pattern("myotonic")
    low, high = p.rate_hz
    d = emg.generate(p.id, seed=11)
    times, sizes = peaks(d, 0.1)
    assert np.allclose(times, d.events, atol=p.width_ms / 1000)
    rates = emg.rates_hz(times)
    assert rates.min() >= low * 0.95 and rates.max() <= high * 1.05
    top = int(np.argmax(rates))
    assert 0.15 * len(rates) < top < 0.85 * len(rates)  # it waxes, then wanes
    assert rates[:3].mean() < low + 10 and rates[-3:].mean() < low + 10
    assert rates[top] > high - 10
    assert np.corrcoef(rates, sizes[1:])[0, 1] > 0.8  # the amplitude follows the rate


def test_neuromyotonic_discharge_is_faster_than_150_hz_and_decrements():
    p = emg.pattern("neuromyotonic")
    low, high = p.rate_hz
    assert low >= 150
    d = emg.generate(p.id, duration_s=10.0, seed=13)
    times, sizes = peaks(d, 0.1)
    assert np.allclose(times, d.events, atol=p.width_ms / 1000)
    bursts = runs(times, gap_s=0.05)
    assert len(bursts) >= 5
    index = np.split(np.arange(len(times)), np.cumsum([len(b) for b in bursts])[:-1])
    for burst, i in zip(bursts[:-1], index[:-1], strict=True):
        rates = emg.rates_hz(burst)
        one_sample = 1 / d.fs_hz  # the peaks are found to the nearest sample
        assert np.median(rates) > 150 and rates.min() >= 1 / (1 / 150 + one_sample)
        assert rates.max() <= 1 / (1 / high - one_sample)
        assert sizes[i[-1]] < 0.6 * sizes[i[0]]  # decrementing amplitude


def test_wav_header_and_length():
    d = emg.generate("fibrillation", seed=0)
    data = emg.wav_bytes(d.sound, d.fs_hz)
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, d.fs_hz)
        assert w.getnframes() == len(d.signal)
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    assert np.abs(pcm).max() == round(0.9 * 32767)
    assert np.corrcoef(pcm, d.sound)[0, 1] > 0.999
    assert emg.wav_bytes(d.sound, d.fs_hz) == data  # deterministic
    # the hiss is faint: the potentials stand far above it
    assert np.abs(d.hiss).max() < 0.3 * np.abs(d.signal).max()


@pytest.mark.parametrize(
    "signal", [np.zeros(0), np.array([0.0, np.nan]), np.zeros((2, 3)), [1.0, float("inf")]]
)
def test_wav_refuses_bad_signals(signal):
    with pytest.raises(ValueError, match="finite"):
        emg.wav_bytes(signal, 8000)


def test_unknown_pattern_is_a_value_error_with_did_you_mean():
    with pytest.raises(ValueError, match="did you mean myotonic") as caught:
        emg.generate("myotnic")
    assert isinstance(caught.value, UnknownIdError)  # and a KeyError, like every unknown id
    with pytest.raises(ValueError, match="known: normal-recruitment, fasciculation"):
        emg.pattern("zzz")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"duration_s": 0}, "duration_s"),
        ({"duration_s": float("nan")}, "duration_s"),
        ({"fs_hz": 100}, "fs_hz"),
        ({"fs_hz": 8000.5}, "fs_hz"),
    ],
)
def test_bad_arguments_are_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        emg.generate("fasciculation", **kwargs)


def test_every_pattern_has_its_description_and_a_cited_source():
    data = load_emg()
    for p in data.patterns.values():
        assert p.description.endswith(".") and p.sounds_like and p.meaning
        assert [s for s in p.sources if s != "illustrative"], p.id


@pytest.mark.parametrize(
    ("old", "new", "match"),
    [
        ("rate_hz = [20.0, 80.0]", "rate_hz = [80.0, 20.0]", "'myotonic', field 'rate_hz'"),
        ("recruit_at_hz = 10.0\n", "", "needs recruit_at_hz"),
        ('firing = "bursts"', 'firing = "burst"', "is not one of recruitment"),
        ('phenomenon = "myokymia"', 'phenomenon = "myokimia"', "did you mean myokymia"),
        ("width_ms = 3.0", "width_ms = 5.0", "shorter than the fastest interval"),
        ('sources = ["aanem-ifcn-glossary-2020", "daube', 'sources = ["aanem", "daube', "aanem"),
    ],
)
def test_the_loader_names_bad_emg_data(data_copy, old, new, match):
    data_copy.replace("emg.toml", old, new)
    with pytest.raises(TaxonomyError, match=match):
        load_emg(data_copy.path)


def test_trace_plot_draws_into_given_axes_and_keeps_every_spike():
    from muscletwitch.plots import agg_figure
    from muscletwitch.plots import emg as emg_plots

    d = emg.generate("fibrillation", seed=2)
    fig = agg_figure(figsize=(8, 4))
    ax_clip, ax_zoom = fig.subplots(2, 1)
    drawn = emg_plots.emg_traces(ax_clip, ax_zoom, d, emg.AUDIO.zoom_ms)
    clip, zoom, span = drawn.artists
    assert clip.axes is ax_clip and zoom.axes is ax_zoom and span.axes is ax_clip
    _, y = emg_plots.clip_data(d)
    assert len(y) <= 2 * emg_plots.CLIP_POINTS < len(d.signal)  # an envelope, not every sample
    assert y.max() == d.signal.max() and y.min() == d.signal.min()  # no spike lost
    start, stop = d.window(emg.AUDIO.zoom_ms / 1000)
    assert zoom.get_xdata().max() < emg.AUDIO.zoom_ms
    assert span.get_x() == pytest.approx(start)
    assert d.pattern.name in drawn.alt_text and d.pattern.description in drawn.alt_text
