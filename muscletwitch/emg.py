"""Models of the classic needle-EMG sounds (numpy): seeded discharge generators at an audio rate and
their WAV encoding (standard-library ``wave``). Parameters and sources: ``data/emg.toml``.

These are models of the patterns clinicians learn to recognise by ear, generated from a few
numbers, not recordings of anyone. Display convention as on an EMG screen: negative is up, so a
"positive" sharp wave points down.
"""

from __future__ import annotations

import io
import math
import wave
from dataclasses import dataclass

import numpy as np

from muscletwitch.emg_data import EmgData, Pattern, UnknownPatternError, load_emg

DATA: EmgData = load_emg()
AUDIO = DATA.audio
Seed = int | np.random.Generator

__all__ = [
    "AUDIO",
    "DATA",
    "Discharge",
    "UnknownPatternError",
    "generate",
    "pattern",
    "pattern_ids",
    "rates_hz",
    "wav_bytes",
    "waveform",
]


def pattern_ids() -> tuple[str, ...]:
    """Every pattern's id, in the order of ``emg.toml``."""
    return tuple(DATA.patterns)


def pattern(pattern_id: str) -> Pattern:
    """The pattern ``pattern_id``; ``UnknownPatternError`` (a ValueError) with "did you mean"."""
    return DATA.pattern(pattern_id)


@dataclass(frozen=True)
class Discharge:
    """A generated clip: the potentials (a.u., negative up, what a trace shows), the background
    hiss the loudspeaker adds, and each unit's firing times and sizes."""

    pattern: Pattern
    fs_hz: int
    signal: np.ndarray
    units: tuple[np.ndarray, ...]  # firing times (s) of each motor unit or fibre, sorted
    gains: tuple[np.ndarray, ...]  # each potential's size relative to the unit's peak
    hiss: np.ndarray

    @property
    def sound(self) -> np.ndarray:
        """What is heard: the potentials over a faint hiss."""
        return self.signal + self.hiss

    @property
    def t_s(self) -> np.ndarray:
        return np.arange(len(self.signal)) / self.fs_hz

    @property
    def duration_s(self) -> float:
        return len(self.signal) / self.fs_hz

    @property
    def events(self) -> np.ndarray:
        """Every potential's time (s), all units together, sorted."""
        return np.sort(np.concatenate(self.units)) if self.units else np.zeros(0)

    def window(self, length_s: float) -> tuple[float, float]:
        """The ``length_s`` window (from 20 ms before a potential) holding the most potentials."""
        events = self.events
        if len(events) == 0 or length_s >= self.duration_s:
            return 0.0, min(length_s, self.duration_s)
        starts = np.clip(events - 0.02, 0, self.duration_s - length_s)
        counts = np.searchsorted(events, starts + length_s) - np.searchsorted(events, starts)
        start = float(starts[int(np.argmax(counts))])
        return start, start + length_s


def rates_hz(times_s: np.ndarray) -> np.ndarray:
    """Instantaneous firing rates (Hz): one over each interval of a sorted train."""
    return 1.0 / np.diff(np.asarray(times_s, dtype=float))


def waveform(kind: str, width_ms: float, fs_hz: float) -> np.ndarray:
    """One potential of ``kind`` ("muap", "spike", "positive-wave"), ``width_ms`` long, peak 1."""
    if not (width_ms > 0 and fs_hz > 0):
        raise ValueError(f"width_ms and fs_hz must be > 0, got {width_ms!r}, {fs_hz!r}")
    n = max(3, round(width_ms * fs_hz / 1000))
    x = np.linspace(-1, 1, n)  # the potential's span
    if kind == "muap":  # triphasic, asymmetric: small down, large up, deeper down (negative up)
        s = 1 / 3
        y = (1 - (x / s) ** 2 - 0.6 * x / s) * np.exp(-(x**2) / (2 * s**2))
    elif kind == "spike":  # biphasic, initial positive (down) then a sharp negative (up) phase
        s = 1 / 3
        y = (x / s) * np.exp(-(x**2) / (2 * s**2))
    elif kind == "positive-wave":  # a sharp positive (down) deflection and a slow return
        u = (x + 1) / 2  # 0 .. 1
        y = -(1 - np.exp(-u / 0.03)) * np.exp(-u / 0.25) * (1 - u)
    else:
        raise ValueError(f"waveform kind must be muap, spike or positive-wave, got {kind!r}")
    return y / np.abs(y).max()


# --- firing ---------------------------------------------------------------------------------------


def _train(
    start: float,
    stop: float,
    rate_at,
    p: Pattern,
    rng: np.random.Generator,
) -> np.ndarray:
    """Times from ``start`` to ``stop``: each interval 1/rate_at(t), jittered by ``jitter_cv`` and
    kept inside the pattern's published range [1/high, 1/low]."""
    low, high = p.rate_hz
    shortest, longest = 1 / high, 1 / low
    most = int((stop - start) * high) + 2  # more intervals than the train can hold
    jitter = (1 + p.jitter_cv * rng.standard_normal(most)).tolist()
    times, t = [], start
    for j in jitter:
        if t >= stop:
            break
        times.append(t)
        t += min(max(j / rate_at(t), shortest), longest)
    return np.array(times)


def _firing(p: Pattern, duration_s: float, rng: np.random.Generator):
    """(times, gains) per unit for the pattern's kind of firing (see the top of emg.toml)."""
    low, high = p.rate_hz
    if p.firing == "recruitment":
        slope = (high - low) / duration_s  # every unit's rate rises like the first's
        onset = float(rng.uniform(0.02, 0.1))
        units = []
        for _ in range(p.units):
            if onset >= duration_s:
                break
            units.append(
                _train(onset, duration_s, lambda t, t0=onset: low + slope * (t - t0), p, rng)
            )
            onset += (p.recruit_at_hz - low) / slope  # the next joins at recruit_at_hz
        return units, [np.ones(len(u)) for u in units]
    if p.firing == "irregular":
        times, t = [], float(rng.uniform(0.1, 0.6))
        while t < duration_s:
            times.append(t)
            t += float(rng.uniform(1 / high, 1 / low))
        return [np.array(times)], [np.ones(len(times))]
    if p.firing == "regular":
        units = []
        for _ in range(p.units):
            rate = float(rng.uniform(low, high))
            units.append(
                _train(float(rng.uniform(0, 1 / rate)), duration_s, lambda _t, r=rate: r, p, rng)
            )
        return units, [np.ones(len(u)) for u in units]
    if p.firing == "bursts":
        times = []
        onset = float(rng.uniform(0.05, 0.3))
        while onset < duration_s:
            size = int(rng.integers(p.burst_size[0], p.burst_size[1] + 1))
            gap = 1 / float(rng.uniform(low, high))
            times += [t for t in onset + gap * np.arange(size) if t < duration_s]
            onset += (1 + p.jitter_cv * rng.standard_normal()) / p.burst_hz
        return [np.array(times)], [np.ones(len(times))]
    starts = [float(rng.uniform(0.05, 0.2))]
    if p.firing == "decrementing":
        while starts[-1] + 1 / p.burst_hz < duration_s:
            starts.append(starts[-1] + 1 / p.burst_hz)
    times, gains = [], []
    for t0 in starts:
        stop = min(t0 + p.run_s, duration_s)
        run = _train(t0, stop, lambda t, t0=t0: _run_rate(p, (t - t0) / p.run_s), p, rng)
        x = (run - t0) / p.run_s
        if p.firing == "waxing-waning":  # the amplitude waxes and wanes with the rate
            rates = np.array([_run_rate(p, f) for f in x.tolist()])
            gain = 0.35 + 0.65 * (rates - low) / (high - low)
        else:  # decrementing: the amplitude falls along the run
            gain = 1 - (1 - p.decrement) * x
        times.append(run)
        gains.append(gain)
    return [np.concatenate(times)], [np.concatenate(gains)]


def _run_rate(p: Pattern, x: float) -> float:
    """The rate (Hz) at the fraction ``x`` of a run: waxing-waning rises to high at ``peak_at`` and
    falls back to low; decrementing falls from high to low."""
    low, high = p.rate_hz
    x = min(max(x, 0.0), 1.0)
    if p.firing == "decrementing":
        return high - (high - low) * x
    peak = p.peak_at
    if x < peak:
        return low + (high - low) * math.sin(math.pi / 2 * x / peak)
    return low + (high - low) * math.cos(math.pi / 2 * (x - peak) / (1 - peak))


def generate(
    pattern_id: str,
    *,
    duration_s: float | None = None,
    fs_hz: int | None = None,
    seed: Seed = 0,
) -> Discharge:
    """A clip of ``pattern_id`` (``duration_s`` long, the data's clip length by default) at an
    audio rate, with a faint background hiss in its sound; the same seed gives the same clip."""
    p = pattern(pattern_id)
    duration_s = AUDIO.clip_s if duration_s is None else duration_s
    fs_hz = AUDIO.fs_hz if fs_hz is None else fs_hz
    if not (isinstance(duration_s, int | float) and 0 < duration_s <= 600):
        raise ValueError(f"duration_s must be a number of seconds in (0, 600], got {duration_s!r}")
    if not (isinstance(fs_hz, int) and 2000 <= fs_hz <= 96000):
        raise ValueError(f"fs_hz must be a whole number of Hz in [2000, 96000], got {fs_hz!r}")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    units, gains = _firing(p, float(duration_s), rng)
    n = max(1, round(duration_s * fs_hz))
    signal = np.zeros(n)
    for i, (times, gain) in enumerate(zip(units, gains, strict=True)):
        # each unit its own size and width (a recruited unit looks and sounds different)
        size = p.amplitude * (1.0 if i == 0 else float(rng.uniform(0.55, 0.85)))
        width = p.width_ms * (1.0 if i == 0 else float(rng.uniform(1.15, 1.5)))
        kernel = waveform(p.waveform, width, fs_hz)
        if i % 2:
            kernel = kernel[::-1]  # another shape, not only another size
        _place(signal, times, size * gain, kernel, fs_hz)
    hiss = AUDIO.noise * rng.standard_normal(n)
    return Discharge(p, fs_hz, signal, tuple(units), tuple(gains), hiss)


def _place(signal: np.ndarray, times: np.ndarray, sizes: np.ndarray, kernel, fs_hz: int) -> None:
    """Add ``kernel`` centred on each time, scaled by its size (cut at the clip's ends)."""
    if len(times) == 0:
        return
    idx = np.round(np.asarray(times) * fs_hz).astype(int)[:, None] - len(kernel) // 2
    idx = idx + np.arange(len(kernel))
    values = np.asarray(sizes, dtype=float)[:, None] * kernel
    inside = (idx >= 0) & (idx < len(signal))
    np.add.at(signal, idx[inside], values[inside])


def wav_bytes(signal: np.ndarray, fs_hz: int) -> bytes:
    """A mono 16-bit PCM WAV of ``signal``, scaled so its peak is 90 % of full scale."""
    y = np.asarray(signal, dtype=float)
    if y.ndim != 1 or len(y) == 0 or not np.all(np.isfinite(y)):
        raise ValueError("signal must be a non-empty 1-D array of finite numbers")
    if not (isinstance(fs_hz, int) and fs_hz > 0):
        raise ValueError(f"fs_hz must be a positive whole number, got {fs_hz!r}")
    peak = np.abs(y).max()
    pcm = np.round(y * (0.9 * 32767 / peak if peak > 0 else 0)).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(fs_hz)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()
