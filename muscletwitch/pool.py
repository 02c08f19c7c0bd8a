"""A pool of motor units after Fuglevand, Winter & Patla 1993 (J Neurophysiol 70:2470):
size-ordered recruitment, rate coding, twitch summation with the model's sigmoid force-frequency
gain, a surface-EMG-like signal; plus the contrasts a student should see (a fasciculation, a lost
motor neuron, a cramp).

``simulate(scenario, drive, seed=...)`` returns a ``Run``; parameters come from ``data/pool.toml``
(``PARAMETERS``), each table with its sources. Pure numpy, seeded; ValueError for impossible
arguments. Units are numbered 1 (smallest, lowest threshold) to ``units`` (largest).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from muscletwitch.physiology import twitch
from muscletwitch.pool_parameters import SCENARIO_IDS, PoolParameters, load_pool_parameters

PARAMETERS: PoolParameters = load_pool_parameters()
SCENARIOS = PARAMETERS.scenarios  # scenario id -> Scenario (name, summary, sources, ...)

# the fastest rate any scenario drives a unit at: the number of random draws per unit
_FASTEST_HZ = max(
    [PARAMETERS.pool.peak_rate_first_hz] + [s.peak_rate_hz or 0.0 for s in SCENARIOS.values()]
)

__all__ = ["PARAMETERS", "SCENARIOS", "SCENARIO_IDS", "Pool", "Run", "make_pool", "simulate"]


@dataclass(frozen=True)
class Pool:
    """The units' properties, index 0 = unit 1 (the smallest); excitation in the model's units."""

    thresholds: np.ndarray  # recruitment threshold excitation (first unit: 1)
    peak_rates_hz: np.ndarray
    forces: np.ndarray  # twitch force, multiples of the smallest unit's twitch
    contraction_ms: np.ndarray
    max_excitation: float  # the excitation at which the last unit reaches its peak rate

    @property
    def size(self) -> int:
        return self.thresholds.size


@dataclass(frozen=True)
class Run:
    """One run of the pool: discharges per unit, total force and a surface-EMG-like signal."""

    scenario: str
    drive: float  # fraction of the maximal voluntary drive (0 in the involuntary scenarios)
    t_s: np.ndarray  # force samples
    force: np.ndarray  # % of the intact pool's maximal voluntary force
    emg_t_s: np.ndarray
    emg: np.ndarray  # a.u.: the smallest unit's potential peaks at 1
    spikes: tuple[np.ndarray, ...]  # discharge times (s) in the run, one array per unit
    rates_hz: np.ndarray  # the mean rate each unit was driven at (0: silent)
    forces: np.ndarray  # each unit's twitch force in this run (changed by reinnervation)
    lost_unit: int | None = None  # the unit whose motor neuron died (denervation)
    adopter: int | None = None  # the unit that adopted its fibres (reinnervation)
    intact_force: np.ndarray | None = None  # the same drive and seed with every unit intact

    @property
    def active(self) -> tuple[int, ...]:
        """Numbers of the units that discharged in the run (1 = smallest)."""
        return tuple(i + 1 for i, s in enumerate(self.spikes) if s.size)

    @property
    def mean_force(self) -> float:
        """Mean force over the run, % of the intact pool's maximal voluntary force."""
        return float(self.force.mean())

    @property
    def duration_s(self) -> float:
        return self.t_s.size / PARAMETERS.run.fs_hz


def _check_units(units: int | None) -> int:
    n = PARAMETERS.pool.units if units is None else units
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
        raise ValueError(f"units must be a whole number of motor units >= 2, got {units!r}")
    return int(n)


@cache
def make_pool(units: int | None = None) -> Pool:
    """The pool of Fuglevand et al. 1993 with ``units`` units (default from the data: 120).

    Thresholds, twitch forces and contraction times are spread exponentially over their ranges;
    peak rates fall linearly with threshold.
    """
    n = _check_units(units)
    p = PARAMETERS.pool
    i = np.arange(1, n + 1)
    thresholds = np.exp(np.log(p.recruitment_range) * (i - 1) / (n - 1))  # 1 ... RR
    forces = np.exp(np.log(p.force_range) * (i - 1) / (n - 1))  # 1 ... RP
    # T_i = T_L (1 / P_i) ** (1 / c), c = log_RT(RP): T_L for the smallest, T_L / RT the largest
    c = np.log(p.force_range) / np.log(p.contraction_range)
    contraction = p.longest_contraction_ms * (1 / forces) ** (1 / c)
    peaks = p.peak_rate_first_hz - p.peak_rate_drop_hz * thresholds / thresholds[-1]
    max_excitation = thresholds[-1] + (peaks[-1] - p.min_rate_hz) / p.rate_gain_hz
    for a in (thresholds, forces, contraction, peaks):
        a.setflags(write=False)
    return Pool(thresholds, peaks, forces, contraction, float(max_excitation))


def _check_drive(drive: float) -> float:
    if isinstance(drive, bool) or not isinstance(drive, int | float | np.floating | np.integer):
        raise ValueError(f"drive must be a number from 0 to 1, got {drive!r}")
    if not 0 <= drive <= 1:  # also refuses nan
        raise ValueError(
            f"drive must be a fraction of the maximal voluntary drive, from 0 to 1, got {drive!r}"
        )
    return float(drive)


def rates_hz(
    drive: float, *, units: int | None = None, peak_rate_hz: float | None = None
) -> np.ndarray:
    """Each unit's firing rate at ``drive`` (fraction of the maximal excitation): 0 below its
    threshold, then ``min_rate_hz`` rising by ``rate_gain_hz`` per unit of excitation, up to its
    peak rate (or ``peak_rate_hz`` for every unit, when given)."""
    pool, p = make_pool(units), PARAMETERS.pool
    excitation = _check_drive(drive) * pool.max_excitation
    ceiling = pool.peak_rates_hz if peak_rate_hz is None else peak_rate_hz
    rates = np.minimum(p.min_rate_hz + p.rate_gain_hz * (excitation - pool.thresholds), ceiling)
    return np.where(excitation >= pool.thresholds, rates, 0.0)


def _times(
    rates: np.ndarray, start_s: float, stop_s: float, rng: np.random.Generator
) -> np.ndarray:
    """Discharge times in [start_s, stop_s), one row per unit, NaN-padded: Gaussian intervals
    (CV ``isi_cv``, clipped), each unit starting at a random phase (so the units are out of step).

    The random numbers do not depend on the rates, so a change of drive moves the same discharges.
    """
    p = PARAMETERS.pool
    fastest = max(_FASTEST_HZ, float(rates.max(initial=0.0)))  # fixed: same draws at any drive
    # the mean number of intervals at the fastest rate, plus a margin of many standard deviations
    count = int(fastest * (stop_s - start_s) * 1.25) + 10
    phase = rng.uniform(size=(rates.size, 1))
    z = rng.standard_normal((rates.size, count))
    with np.errstate(divide="ignore", invalid="ignore"):  # a silent unit: rate 0, no discharge
        period = 1 / rates[:, None]
        while True:
            intervals = (1 + p.isi_cv * np.clip(z, -p.isi_clip_sd, p.isi_clip_sd)) * period
            times = start_s + phase * period + np.cumsum(intervals, axis=1) - intervals[:, :1]
            if not np.any(times[:, -1] < stop_s):  # every train runs past the end
                break
            z = np.hstack([z, rng.standard_normal(z.shape)])  # (never seen: 10+ SD short)
    times[~(times < stop_s)] = np.nan
    used = np.flatnonzero(~np.isnan(times).all(axis=0))
    return times[:, : used[-1] + 1 if used.size else 1]


def _gains(times: np.ndarray, contraction_ms: np.ndarray) -> np.ndarray:
    """Fuglevand's twitch gain per discharge. Up to T/ISI = knee twitches sum linearly (gain 1);
    above, each twitch is scaled so that the unit's mean force follows the sigmoid
    force-frequency relation 1 - exp(-2 (T/ISI)^3), which saturates at high rates."""
    knee = PARAMETERS.pool.fusion_knee

    def s(x: np.ndarray | float) -> np.ndarray:
        return 1 - np.exp(-2 * np.power(x, 3))

    gain = np.ones(times.shape)
    if times.shape[1] > 1:
        with np.errstate(invalid="ignore"):
            r = contraction_ms[:, None] / 1000 / np.diff(times, axis=1)
            gain[:, 1:] = np.where(r <= knee, 1.0, (s(r) / r) / (s(knee) / knee))
    return gain


def _fft_size(n: int, kernel: int, discard: int) -> int:
    """The shortest power-of-two FFT whose circular wrap stays within the first ``discard``."""
    size = 1 << (n - 1).bit_length()
    while n + kernel - 1 - size > discard:
        size *= 2
    return size


@cache
def _kernel_length(units: int) -> int:
    run = PARAMETERS.run
    longest = make_pool(units).contraction_ms.max()
    return int(run.kernel_length_contractions * longest / 1000 * run.fs_hz) + 1


@cache
def _kernels(units: int, size: int) -> np.ndarray:
    """rfft of every unit's twitch (peak 1; its force is applied later), FFT length ``size``."""
    pool = make_pool(units)
    t = np.arange(_kernel_length(units)) / PARAMETERS.run.fs_hz
    kernels = np.stack([twitch(t, contraction_ms=ms) for ms in pool.contraction_ms])
    return np.fft.rfft(kernels, size, axis=1)


@cache
def _muap() -> np.ndarray:
    """One biphasic motor-unit potential (a Gaussian's derivative), peaks +-1."""
    emg = PARAMETERS.emg
    sd = emg.muap_width_ms / 1000 * emg.fs_hz  # in samples
    x = np.arange(-int(4 * sd) - 1, int(4 * sd) + 2)
    return -(x / sd) * np.exp(0.5 - 0.5 * (x / sd) ** 2)


def _twitch_sums(times: np.ndarray) -> np.ndarray:
    """Per unit, the spectrum of its summed twitches (gain x unit-peak twitch at every discharge)
    from the start of the warm-up; ``_force`` weighs and sums them."""
    run, units = PARAMETERS.run, times.shape[0]
    warm = round(run.warmup_s * run.fs_hz)
    n = warm + round(run.duration_s * run.fs_hz)
    gains = _gains(times, make_pool(units).contraction_ms)
    idx = np.round((times + run.warmup_s) * run.fs_hz)
    keep = (idx >= 0) & (idx < n)  # NaN compares False: no discharge
    rows = np.nonzero(keep)[0]
    flat = rows * n + idx[keep].astype(int)
    impulses = np.bincount(flat, gains[keep], units * n).reshape(units, n)
    size = _fft_size(n, _kernel_length(units), warm)
    firing = np.unique(rows)
    if firing.size == units:
        return np.fft.rfft(impulses, size, axis=1) * _kernels(units, size)
    spectra = np.zeros((units, size // 2 + 1), complex)  # FFTs only of the units that discharge
    spectra[firing] = np.fft.rfft(impulses[firing], size, axis=1) * _kernels(units, size)[firing]
    return spectra


def _force(spectra: np.ndarray, forces: np.ndarray) -> np.ndarray:
    """Force over the run (warm-up cut off) of units with twitch ``forces``, smallest twitches."""
    run = PARAMETERS.run
    warm, n = round(run.warmup_s * run.fs_hz), round(run.duration_s * run.fs_hz)
    size = 2 * (spectra.shape[1] - 1)
    # real weights times the complex spectra as interleaved floats: a real BLAS product, 100x
    # faster here than numpy's complex matrix-vector product
    spectrum = (forces @ spectra.view(np.float64)).view(np.complex128)
    return np.maximum(np.fft.irfft(spectrum, size)[warm : warm + n], 0.0)  # no FFT round-off < 0


def _emg(times: np.ndarray, forces: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The surface-EMG-like trace: each unit's potential at each of its discharges, plus noise."""
    emg, run = PARAMETERS.emg, PARAMETERS.run
    n = max(1, round(run.duration_s * emg.fs_hz))
    amplitude = np.broadcast_to((forces**emg.amplitude_exponent)[:, None], times.shape)
    idx = np.round(times * emg.fs_hz)
    keep = (idx >= 0) & (idx < n)
    trace = np.convolve(np.bincount(idx[keep].astype(int), amplitude[keep], n), _muap(), "same")
    trace += emg.noise * np.random.default_rng((seed, 1)).standard_normal(n)
    return np.arange(n) / emg.fs_hz, trace


@cache
def max_force(units: int | None = None) -> float:
    """Mean force of the intact pool at the maximal voluntary drive (seed 0), in smallest-unit
    twitches: the 100 % of every run's force."""
    n = _check_units(units)
    run = PARAMETERS.run
    times = _times(rates_hz(1.0, units=n), -run.warmup_s, run.duration_s, _rng(0))
    return float(_force(_twitch_sums(times), make_pool(n).forces).mean())


def _denervated(units: int) -> tuple[int, int]:
    """(lost unit, adopting unit) of the denervation scenario, scaled to a pool of ``units``."""
    spec, full = SCENARIOS["denervation"], PARAMETERS.pool.units
    lost, adopter = (max(1, round(u * units / full)) for u in (spec.lost_unit, spec.adopter_unit))
    return lost, adopter if adopter != lost else (lost % units) + 1


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng((seed, 0))


def _check_seed(seed: int) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a whole number >= 0, got {seed!r}")
    return int(seed)


def simulate(
    scenario: str = "voluntary",
    drive: float = 0.3,
    *,
    reinnervated: bool = False,
    seed: int = 0,
    units: int | None = None,
) -> Run:
    """One run of the pool in ``scenario`` (one of ``SCENARIO_IDS``).

    ``drive`` (0-1, fraction of the maximal voluntary drive) applies to "voluntary" and
    "denervation"; "fasciculation" and "cramp" are involuntary and ignore it (the run says drive 0).
    ``reinnervated`` (denervation only): a surviving unit nearby (``adopter_unit`` in the data)
    adopts the lost unit's fibres, whose twitches then follow its discharges.
    """
    if scenario not in SCENARIOS:
        raise ValueError(f"scenario must be one of {', '.join(SCENARIO_IDS)}, got {scenario!r}")
    drive = _check_drive(drive)
    seed = _check_seed(seed)
    if not isinstance(reinnervated, bool | np.bool_):
        raise ValueError(f"reinnervated must be True or False, got {reinnervated!r}")
    if reinnervated and scenario != "denervation":
        raise ValueError(f"reinnervated applies to the 'denervation' scenario, not {scenario!r}")
    n = _check_units(units)
    spec, run = SCENARIOS[scenario], PARAMETERS.run
    pool = make_pool(n)
    forces = pool.forces.copy()
    lost = adopter = intact = None
    rng = _rng(seed)
    if not spec.drive:
        drive = 0.0
    if scenario == "fasciculation":
        pick = np.random.default_rng((seed, 2))
        unit = int(pick.integers(n))
        rates = np.zeros(n)
        times = np.full((n, 1), np.nan)
        times[unit, 0] = pick.uniform(0.1, 0.5) * run.duration_s
    elif scenario == "cramp":
        rates = rates_hz(spec.excitation, units=n, peak_rate_hz=spec.peak_rate_hz)
        onset = (spec.onset_fraction or 0.0) * run.duration_s
        times = _times(rates, onset, run.duration_s, rng)
    else:
        rates = rates_hz(drive, units=n)
        times = _times(rates, -run.warmup_s, run.duration_s, rng)
    spectra = _twitch_sums(times)
    if scenario == "denervation":
        intact = _force(spectra, forces) / max_force(n) * 100
        lost, adopter = _denervated(n)
        rates[lost - 1] = 0.0
        times[lost - 1] = np.nan
        if reinnervated:  # the adopted fibres twitch with the adopter's discharges
            forces[adopter - 1] += forces[lost - 1]
        else:
            adopter = None
        forces[lost - 1] = 0.0
    force = _force(spectra, forces) / max_force(n) * 100
    emg_t, emg = _emg(times, forces, seed)
    seen = times >= 0  # NaN compares False; row-major order keeps each unit's times together
    shown = tuple(np.split(times[seen], np.cumsum(seen.sum(axis=1))[:-1]))
    for a in (rates, forces):
        a.setflags(write=False)
    return Run(
        scenario=scenario,
        drive=drive,
        t_s=np.arange(force.size) / run.fs_hz,
        force=force,
        emg_t_s=emg_t,
        emg=emg,
        spikes=shown,
        rates_hz=rates,
        forces=forces,
        lost_unit=lost,
        adopter=adopter,
        intact_force=intact,
    )
