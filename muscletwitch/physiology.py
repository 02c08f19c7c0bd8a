"""Illustrative numpy models of muscle twitches: discharge trains, motor-unit twitches, force
summation, extent, and each phenomenon's activity signature (parameters: data/signatures.toml)."""

from __future__ import annotations

from typing import Any

import numpy as np

from muscletwitch.errors import UnknownIdError
from muscletwitch.parameters import (
    ExtentModel,
    Parameters,
    Signature,
    load_parameters,
)

Seed = int | np.random.Generator
PARAMETERS: Parameters = load_parameters()  # typed records, checked on load
SIGNATURES = PARAMETERS.signatures  # phenomenon id -> Signature, e.g. SIGNATURES["tremor"]
# the phenomena whose signature is resistance to passive stretches (spasticity, rigidity)
STRETCH_IDS = tuple(k for k, s in SIGNATURES.items() if s.shape == "stretch")
EXTENTS = PARAMETERS.extents  # extent id -> ExtentModel

__all__ = ["EXTENTS", "PARAMETERS", "SIGNATURES", "ExtentModel", "Parameters", "Signature"]


def parameters() -> Parameters:
    """The model parameters with their sources (``data/signatures.toml``), as typed records."""
    return PARAMETERS


def _check(name: str, value: float, *, minimum: float = 0.0, inclusive: bool = False) -> float:
    """``value`` if finite and above ``minimum`` (or equal, when inclusive), else ValueError."""
    ok = value >= minimum if inclusive else value > minimum
    if not (ok and np.isfinite(value)):
        allowed = f"{'>=' if inclusive else '>'} {minimum:g}"
        raise ValueError(f"{name} must be a finite number {allowed}, got {value!r}")
    return value


def _time(duration_s: float, fs_hz: float) -> np.ndarray:
    _check("duration_s", duration_s)
    _check("fs_hz", fs_hz)
    return np.arange(max(1, round(duration_s * fs_hz))) / fs_hz


def contraction_range_ms() -> tuple[float, float]:
    """Cited range of human motor-unit twitch contraction times (Sica & McComas 1971)."""
    return PARAMETERS.twitch.contraction_ms_range


def tremor_types() -> tuple[str, ...]:
    """Tremor types with a cited frequency range (Bhatia et al. 2018)."""
    return tuple(PARAMETERS.tremor.ranges())


def tremor_range_hz(tremor_type: str | None = None) -> tuple[float, float]:
    """Frequency range of ``tremor_type``, or of all tremor types together when None."""
    table = PARAMETERS.tremor.ranges()
    if tremor_type is None:
        return min(lo for lo, _ in table.values()), max(hi for _, hi in table.values())
    if tremor_type not in table:
        raise ValueError(f"tremor_type must be one of {', '.join(table)}, got {tremor_type!r}")
    return table[tremor_type]


def max_rate_hz(phenomenon_id: str | None = None) -> float:
    """The fastest rate the model allows for a train: 1 / the refractory gap (of that phenomenon's
    signature, else the default); infinite without a gap."""
    gap_ms = PARAMETERS.train.refractory_ms
    if phenomenon_id is not None:
        own = _signature(phenomenon_id).refractory_ms
        gap_ms = gap_ms if own is None else own
    return 1000 / gap_ms if gap_ms > 0 else float("inf")


def discharge_train(
    rate_hz: float,
    duration_s: float,
    *,
    regular: bool,
    seed: Seed = 0,
    refractory_ms: float | None = None,
    jitter_cv: float | None = None,
) -> np.ndarray:
    """Sorted discharge times (s) of one motor neuron firing at ``rate_hz`` on average.

    Irregular: Poisson-like, each interval a refractory gap plus an exponential wait.
    Regular: periodic, intervals spread by ``jitter_cv`` (coefficient of variation), never below
    the gap.
    Defaults for ``refractory_ms`` and ``jitter_cv`` come from the ``[train]`` table.
    """
    _check("rate_hz", rate_hz)
    _check("duration_s", duration_s)
    defaults = PARAMETERS.train
    gap_ms = defaults.refractory_ms if refractory_ms is None else refractory_ms
    gap_s = _check("refractory_ms", gap_ms, inclusive=True) / 1000
    cv = _check("jitter_cv", defaults.jitter_cv if jitter_cv is None else jitter_cv, inclusive=True)
    mean_s = 1 / rate_hz
    if gap_s >= mean_s:
        raise ValueError(
            f"rate_hz must be below 1/refractory gap = {1 / gap_s:g} Hz, got {rate_hz!r}"
        )
    rng = np.random.default_rng(seed)
    expected = duration_s * rate_hz
    n = int(expected + 8 * np.sqrt(expected) + 10)  # enough intervals to pass duration_s
    if regular:
        intervals = np.maximum(mean_s * (1 + cv * rng.standard_normal(n)), gap_s)
    else:
        intervals = gap_s + rng.exponential(mean_s - gap_s, n)
    times = rng.uniform(0, mean_s) + np.cumsum(intervals) - intervals[0]
    return times[times < duration_s]


def twitch(t_s: np.ndarray | float, *, contraction_ms: float) -> np.ndarray:
    """Motor-unit twitch f(t) = (t/T) exp(1 - t/T) (Fuglevand form): 0 before t = 0, peak 1 at T."""
    x = np.clip(
        np.asarray(t_s, dtype=float) / (_check("contraction_ms", contraction_ms) / 1000), 0, None
    )
    return x * np.exp(1 - x)


def _twitch_kernel(contraction_ms: float, fs_hz: float) -> np.ndarray:
    length_s = PARAMETERS.twitch.kernel_length_contractions * contraction_ms / 1000
    return twitch(np.arange(int(length_s * fs_hz) + 1) / fs_hz, contraction_ms=contraction_ms)


def _place(events_s: np.ndarray, kernel: np.ndarray, n: int, fs_hz: float) -> np.ndarray:
    """Sum of ``kernel`` started at every event (impulses convolved by FFT), first ``n`` samples."""
    index = np.round(events_s * fs_hz).astype(int)
    impulses = np.bincount(index[(index >= 0) & (index < n)], minlength=n).astype(float)
    size = 1 << (n + kernel.size - 2).bit_length()
    return np.fft.irfft(np.fft.rfft(impulses, size) * np.fft.rfft(kernel, size), size)[:n]


def summed_force(
    rate_hz: float,
    *,
    contraction_ms: float,
    duration_s: float = 1.0,
    fs_hz: float = 1000,
    regular: bool = True,
    seed: Seed = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """(t_s, force) of one motor unit firing at ``rate_hz``; force in multiples of one twitch peak.

    Twitches sum: at low rates they stay separate, at high rates they fuse into a tetanus.
    """
    t = _time(duration_s, fs_hz)
    events = discharge_train(rate_hz, duration_s, regular=regular, seed=seed)
    return t, _place(events, _twitch_kernel(contraction_ms, fs_hz), t.size, fs_hz)


def fusion_index(force: np.ndarray) -> float:
    """1 - ripple / peak over the second (steady) half of ``force``: 0 separate, 1 fused."""
    steady = np.asarray(force, dtype=float)[len(force) // 2 :]
    peak = steady.max(initial=0.0)
    return float(1 - (peak - steady.min()) / peak) if peak > 0 else 0.0


def extent_signal(
    extent: str,
    *,
    duration_s: float = 0.5,
    fs_hz: float = 1000,
    seed: Seed = 0,
    contraction_ms: float | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(t_s, force, surface) of one event involving ``extent`` (an id of ``[extent]`` in the data).

    Force is in multiples of one motor-unit twitch; surface is the movement seen through the skin:
    zero for single fibres, which only EMG shows.
    """
    if extent not in EXTENTS:
        raise ValueError(f"extent must be one of {', '.join(EXTENTS)}, got {extent!r}")
    spec = EXTENTS[extent]
    t = _time(duration_s, fs_hz)
    rng = np.random.default_rng(seed)
    onsets = 0.1 * duration_s + rng.uniform(0, spec.dispersion_ms / 1000, spec.units)
    kernel = _twitch_kernel(contraction_ms or PARAMETERS.twitch.contraction_ms, fs_hz)
    force = spec.unit_force * _place(onsets, kernel, t.size, fs_hz)
    return t, force, force * spec.visible


def _events(p: dict[str, Any], duration_s: float, rng: np.random.Generator) -> np.ndarray:
    """Event times of a signature: discharge train, grouped into bursts, kept inside the window."""
    train = {key: p[key] for key in ("refractory_ms", "jitter_cv") if key in p}
    events = discharge_train(
        p["rate_hz"], duration_s, regular=p["train"] == "regular", seed=rng, **train
    )
    if "burst_size" in p:
        low, high = p["burst_size"]
        sizes = rng.integers(low, high + 1, events.size).astype(np.intp)  # wasm32: int32 repeats
        rank = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        events = np.repeat(events, sizes) + rank * _check("burst_gap_ms", p["burst_gap_ms"]) / 1000
    if "window" in p:
        start, stop = p["window"]
        if not 0 <= start < stop <= 1:
            raise ValueError(
                f"window must be [start, stop] with 0 <= start < stop <= 1, got {p['window']}"
            )
        events = events[(events >= start * duration_s) & (events < stop * duration_s)]
    return events


def _kernel(p: dict[str, Any], fs_hz: float) -> np.ndarray:
    """One event's shape: a twitch, a Gaussian jerk (width at half height) or a biphasic spike."""
    if p["shape"] == "twitch":
        return _twitch_kernel(p["contraction_ms"], fs_hz)
    sigma_s = _check("width_ms", p["width_ms"]) / 1000 / np.sqrt(8 * np.log(2))
    x = np.arange(-3 * sigma_s, 3 * sigma_s, 1 / fs_hz) / sigma_s
    shape = np.exp(-0.5 * x**2) * (1 if p["shape"] == "jerk" else -x)
    return shape / np.abs(shape).max()


def _oscillation(t: np.ndarray, p: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    """Tremor: a sinusoid at ``frequency_hz`` whose phase drifts slowly (a random walk)."""
    low, high = tremor_range_hz(p.get("tremor_type"))
    frequency = p["frequency_hz"]
    if not low <= frequency <= high:
        kind = p.get("tremor_type", "any")
        raise ValueError(
            f"frequency_hz must be within {low:g}-{high:g} Hz for {kind} tremor "
            f"(Bhatia et al. 2018), got {frequency!r}"
        )
    step = p["phase_drift_rad_per_sqrt_s"] * np.sqrt(t[1] - t[0] if t.size > 1 else 0.0)
    return np.sin(2 * np.pi * frequency * t + np.cumsum(rng.normal(0, step, t.size)))


def _resistance(velocities: np.ndarray, v_max: float, p: dict[str, Any]) -> np.ndarray:
    """``(baseline + velocity_gain * v / v_max) / (baseline + velocity_gain)``: 1 at ``v_max``."""
    base = _check("baseline", p["baseline"], inclusive=True)
    gain = _check("velocity_gain", p["velocity_gain"], inclusive=True)
    if base + gain == 0:
        raise ValueError("baseline and velocity_gain must not both be 0")
    return (base + gain * velocities / v_max) / (base + gain)


def stretch_resistance(
    phenomenon_id: str, velocities_deg_s: Any, **params: Any
) -> tuple[np.ndarray, np.ndarray]:
    """(lowest, highest) resistance (a.u., the scale of ``signature``) during a passive stretch at
    each of ``velocities_deg_s``, for a phenomenon whose signature is a "stretch" (spasticity,
    rigidity). The two differ only where a cogwheel ratchets the resistance."""
    p = _signature_spec(phenomenon_id, params)
    if p["shape"] != "stretch":
        raise ValueError(
            f"phenomenon_id must be one of {', '.join(STRETCH_IDS)}, got {phenomenon_id!r}"
        )
    v = np.asarray(velocities_deg_s, dtype=float)
    if v.size == 0 or not np.all(v >= 0):
        raise ValueError(f"velocities_deg_s must be >= 0, got {v.tolist()}")
    v_max = float(np.max(p["stretch_velocities_deg_s"]))  # the model's own scale, as in signature
    high = _resistance(v, v_max, p) * _check("amplitude", p["amplitude"], inclusive=True)
    depth = p.get("cogwheel_depth", 0.5) if "cogwheel_hz" in p else 0.0
    return high * (1 - depth), high


def _stretches(t: np.ndarray, onsets: np.ndarray, p: dict[str, Any]) -> np.ndarray:
    """Resistance to passive stretches starting at ``onsets``: the i-th stretch moves the joint
    through ``stretch_range_deg`` at the i-th of ``stretch_velocities_deg_s`` (cycled).

    During a stretch the resistance is ``baseline + velocity_gain * v / v_max`` (spasticity rises
    with speed; rigidity, with no gain, does not), scaled so the fastest stretch reaches 1, with
    ``ramp_ms`` smooth edges; ``cogwheel_hz`` (optional) ratchets it by ``cogwheel_depth``.
    """
    velocities = np.asarray(p["stretch_velocities_deg_s"], dtype=float)
    if velocities.size == 0 or not np.all(velocities > 0):
        raise ValueError(f"stretch_velocities_deg_s must be positive, got {velocities.tolist()}")
    span = _check("stretch_range_deg", p["stretch_range_deg"])
    resistance = _resistance(velocities, velocities.max(), p)
    ramp_s = _check("ramp_ms", p["ramp_ms"]) / 1000
    activity = np.zeros_like(t)
    for i, start in enumerate(onsets):
        k = i % velocities.size
        length_s = span / velocities[k]
        inside = slice(*np.searchsorted(t, (start, start + length_s)))  # only this stretch
        x = t[inside] - start
        edge = np.clip(np.minimum(x, length_s - x) / ramp_s, 0, 1)
        activity[inside] += resistance[k] * np.sin(np.pi / 2 * edge) ** 2
    if "cogwheel_hz" in p:
        depth = p.get("cogwheel_depth", 0.5)
        if not 0 <= depth < 1:
            raise ValueError(f"cogwheel_depth must be in [0, 1), got {depth!r}")
        cycle = 2 * np.pi * _check("cogwheel_hz", p["cogwheel_hz"]) * t
        activity *= 1 - depth * (0.5 - 0.5 * np.cos(cycle))
    return activity


def signature_ids() -> tuple[str, ...]:
    """Phenomenon ids that have a signature, in data order."""
    return tuple(SIGNATURES)


def _signature(phenomenon_id: str) -> Signature:
    if phenomenon_id not in SIGNATURES:
        raise UnknownIdError("phenomenon", phenomenon_id, SIGNATURES)
    return SIGNATURES[phenomenon_id]


def _signature_spec(phenomenon_id: str, params: dict[str, Any]) -> dict[str, Any]:
    """That phenomenon's signature parameters with ``params`` applied (UnknownIdError,
    ValueError)."""
    spec = _signature(phenomenon_id).model
    allowed = set(spec) | ({"tremor_type"} if spec["shape"] == "oscillation" else set())
    if unknown := sorted(set(params) - allowed):
        raise ValueError(
            f"signature({phenomenon_id!r}) has no parameter {', '.join(unknown)}; "
            f"allowed: {', '.join(sorted(allowed))}"
        )
    return spec | params


def signature(
    phenomenon_id: str,
    *,
    duration_s: float = 10.0,
    fs_hz: float = 1000,
    seed: Seed = 0,
    **params: Any,
) -> tuple[np.ndarray, np.ndarray]:
    """(t_s, activity) typical of a phenomenon, an illustrative model in a.u. (see ``amplitude``).

    ``params`` override that phenomenon's table in ``data/signatures.toml`` (e.g. ``rate_hz``,
    ``amplitude``; for tremor ``frequency_hz`` and ``tremor_type``).
    """
    p = _signature_spec(phenomenon_id, params)
    t = _time(duration_s, fs_hz)
    rng = np.random.default_rng(seed)
    if p["shape"] == "oscillation":
        activity = _oscillation(t, p, rng)
    elif p["shape"] == "stretch":
        activity = _stretches(t, _events(p, duration_s, rng), p)
    else:
        activity = _place(_events(p, duration_s, rng), _kernel(p, fs_hz), t.size, fs_hz)
    peak = np.abs(activity).max() if p.get("scale") == "trace" else 1.0
    scale = _check("amplitude", p["amplitude"], inclusive=True) / peak if peak > 0 else 0.0
    return t, activity * scale


def signature_events(
    phenomenon_id: str, *, duration_s: float = 10.0, seed: Seed = 0, **params: Any
) -> np.ndarray:
    """Event times (s) behind ``signature`` with the same arguments: the discharges its trace is
    built from, bursts and window included; for a tremor, one per cycle (regular, at its
    frequency)."""
    p = _signature_spec(phenomenon_id, params)
    rng = np.random.default_rng(seed)
    if p["shape"] == "oscillation":
        return discharge_train(p["frequency_hz"], duration_s, regular=True, seed=rng)
    return _events(p, duration_s, rng)
