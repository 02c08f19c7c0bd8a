"""The stretch reflex as an illustrative numpy model: an examiner stretches a joint at a chosen
velocity and holds it; the muscle resists with its passive stiffness, the stretch reflex (muscle
spindle Ia afferent -> alpha motor neuron -> muscle, with a gain and a loop delay) and a
velocity-independent part. Tones (normal, spasticity, rigidity, clonus) and every number come from
``data/reflex.toml``; deterministic (no noise)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from muscletwitch.errors import UnknownIdError
from muscletwitch.reflex_params import Arc, Limb, ReflexParameters, Tone, load_reflex

PARAMETERS: ReflexParameters = load_reflex()
TONES = PARAMETERS.tones  # tone id -> Tone, e.g. TONES["spasticity"].gain

__all__ = [
    "PARAMETERS",
    "TONES",
    "Beats",
    "Stretch",
    "beats",
    "clonus_threshold",
    "critical_gain",
    "peak",
    "peak_resistance",
    "simulate",
    "stretch",
    "tone",
]

_STATES = 6  # joint angle, joint velocity, reflex activation (2 stages), rigid activation (2)


@dataclass(frozen=True, eq=False)
class Stretch:
    """One simulated stretch and hold (arrays of shape (n,)), or several side by side (n, k)."""

    t_s: np.ndarray
    angle_deg: np.ndarray  # the joint
    imposed_deg: np.ndarray  # where the examiner's hand takes it
    passive_nm: np.ndarray  # the muscle's passive stiffness and damping
    reflex_nm: np.ndarray  # the stretch reflex's contraction
    rigid_nm: np.ndarray  # the velocity-independent part
    velocity_deg_s: np.ndarray
    gain: np.ndarray
    stretch_end_s: np.ndarray  # when the hand stops

    @property
    def resistance_nm(self) -> np.ndarray:
        """What the examiner feels: passive + reflex + velocity-independent resistance."""
        return self.passive_nm + self.reflex_nm + self.rigid_nm


@dataclass(frozen=True, slots=True)
class Beats:
    """Clonic beats while the stretch is held: how many, how fast, and whether they last."""

    count: int
    frequency_hz: float | None  # None for fewer than two beats
    sustained: bool  # still at least the arc's beat_floor_deg in the last part of the hold


def tone(tone_id: str | Tone) -> Tone:
    """The tone ``tone_id`` ("normal", "spasticity", ...); a Tone is returned as it is."""
    if isinstance(tone_id, Tone):
        return tone_id
    if tone_id not in TONES:
        raise UnknownIdError("tone", tone_id, TONES)
    return TONES[tone_id]


def _checked(name: str, values: np.ndarray, low: float, high: float, unit: str) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    if values.ndim > 1 or values.size == 0:
        raise ValueError(f"{name} must be a number or a flat list of numbers, got {values!r}")
    bad = values[~((values >= low) & (values <= high))]  # NaN fails both
    if bad.size:
        raise ValueError(f"{name} must lie between {low:g} and {high:g}{unit}, got {bad[0]:g}")
    return values


@lru_cache(maxsize=4)
def _system(limb: Limb, arc: Arc) -> tuple[np.ndarray, np.ndarray, int]:
    """The linear part, stepped ``delay`` steps at a time: ``x[j] = A^(j+1) x0 + G w`` for the
    next ``delay`` steps, where ``w`` holds the inputs (motor neuron firing, rigid firing, the
    hand's pull) of those steps. The inputs are all known one delay ahead, so a whole delay's worth
    of steps is one matrix product (semi-implicit Euler: stable for the stiff hand)."""
    dt = limb.step_ms / 1000
    mass = limb.inertia_nm_s2_per_deg / dt
    damping = mass + limb.hand_damping_nm_s_per_deg + limb.passive_damping_nm_s_per_deg
    stiffness = limb.passive_stiffness_nm_per_deg + limb.hand_stiffness_nm_per_deg
    k = dt / (arc.contraction_ms / 1000)  # two first-order stages: a twitch peaking at T
    a = np.zeros((_STATES, _STATES))
    b = np.zeros((_STATES, 3))
    a[1] = [-stiffness, mass, 0, -arc.reflex_torque_nm, 0, -arc.rigid_torque_nm]
    a[1] /= damping
    b[1, 2] = 1 / damping
    a[0] = np.eye(_STATES)[0] + dt * a[1]
    b[0] = dt * b[1]
    for first in (2, 4):  # reflex and rigid activation: input -> stage 1 -> stage 2
        a[first, first] = a[first + 1, first + 1] = 1 - k
        a[first + 1, first] = k
        b[first, (first - 2) // 2] = k
    delay = round(arc.delay_ms / limb.step_ms)
    powers = [np.eye(_STATES)]
    for _ in range(delay):
        powers.append(a @ powers[-1])
    gain = np.zeros((delay, _STATES, delay, 3))
    for j in range(delay):
        for i in range(j + 1):
            gain[j, :, i] = powers[j - i] @ b
    return (
        np.stack(powers[1:]).reshape(delay * _STATES, _STATES),
        gain.reshape(delay * _STATES, delay * 3),
        delay,
    )


def simulate(
    tone_id: str | Tone,
    velocity_deg_s: float | np.ndarray,
    gain: float | np.ndarray | None = None,
    *,
    params: ReflexParameters = PARAMETERS,
) -> Stretch:
    """Stretches of the tone at each velocity (deg/s) with each reflex gain, side by side.

    ``velocity_deg_s`` and ``gain`` are numbers or flat lists (broadcast against each other); the
    gain defaults to the tone's. Arrays of the result are (time, stretch). ValueError when a
    velocity or gain lies outside the ranges in ``reflex.toml``.
    """
    t_ = tone(tone_id)
    v = _velocities(velocity_deg_s, params.limb)
    g = _checked("gain", t_.gain if gain is None else gain, *params.arc.gain_range, "")
    try:
        v, g = np.broadcast_arrays(np.atleast_1d(v), np.atleast_1d(g))
    except ValueError:
        raise ValueError(
            f"velocity_deg_s and gain: give one value or the same number of each, got {v.size} "
            f"velocities and {g.size} gains"
        ) from None
    return _simulate(t_, v, g, params.limb, params.arc)


def _velocities(velocity_deg_s: float | np.ndarray, limb: Limb) -> np.ndarray:
    return _checked("velocity_deg_s", velocity_deg_s, *limb.velocity_range_deg_s, " deg/s")


def _simulate(t_: Tone, v: np.ndarray, g: np.ndarray, limb: Limb, arc: Arc) -> Stretch:
    powers, inputs, delay = _system(limb, arc)
    dt = limb.step_ms / 1000
    n = round(limb.duration_s / dt) // delay * delay
    t = np.arange(1, n + 1) * dt
    ramp = limb.ramp_ms / 1000
    end = limb.onset_s + limb.stretch_range_deg / v + ramp  # trapezoid of area = the range
    speed = (
        v
        * np.clip((t[:, None] - limb.onset_s) / ramp, 0, 1)
        * np.clip((end - t[:, None]) / ramp, 0, 1)
    )
    imposed = np.cumsum(speed, axis=0) * dt
    w = np.zeros((n, 3, v.size))
    w[:, 2] = limb.hand_stiffness_nm_per_deg * imposed + limb.hand_damping_nm_s_per_deg * speed
    moving = np.clip(speed / arc.rigid_velocity_deg_s, 0, 1)
    ratchet = 1 - t_.cogwheel_depth * (0.5 + 0.5 * np.cos(2 * np.pi * t_.cogwheel_hz * t))
    # the rigid part follows the movement one loop delay later, whatever its speed
    w[delay:, 1] = t_.rigid * moving[:-delay] * ratchet[delay:, None]
    x = np.zeros((_STATES, v.size))
    states = np.empty((n, _STATES, v.size))
    span = limb.stretch_range_deg
    inhibition = t_.clasp_knife / (1 - t_.clasp_knife_from)
    for start in range(0, n, delay):
        chunk = slice(start, start + delay)
        block = (powers @ x + inputs @ w[chunk].reshape(delay * 3, -1)).reshape(delay, _STATES, -1)
        states[chunk] = block
        x = block[-1]
        if start + delay < n:  # what the spindles report now reaches the motor neurons next
            angle, velocity = block[:, 0], block[:, 1]
            ia = np.maximum(angle + arc.spindle_velocity_s * velocity, 0) / span
            drive = g * (ia - t_.threshold)
            if inhibition:
                drive -= inhibition * np.maximum(angle / span - t_.clasp_knife_from, 0)
            w[start + delay : start + 2 * delay, 0] = np.clip(drive, 0, 1)
    angle, velocity = states[:, 0], states[:, 1]
    return Stretch(
        t_s=t,
        angle_deg=angle,
        imposed_deg=imposed,
        passive_nm=limb.passive_stiffness_nm_per_deg * angle
        + limb.passive_damping_nm_s_per_deg * velocity,
        reflex_nm=arc.reflex_torque_nm * states[:, 3],
        rigid_nm=arc.rigid_torque_nm * states[:, 5],
        velocity_deg_s=v,
        gain=g,
        stretch_end_s=end,
    )


def stretch(
    tone_id: str | Tone,
    velocity_deg_s: float,
    *,
    gain: float | None = None,
    params: ReflexParameters = PARAMETERS,
) -> Stretch:
    """One stretch of the tone at ``velocity_deg_s`` (and ``gain``, default the tone's): arrays
    over time."""
    if np.ndim(velocity_deg_s) or np.ndim(gain):
        raise ValueError("stretch: velocity_deg_s and gain are single numbers; use simulate()")
    many = simulate(tone_id, velocity_deg_s, gain, params=params)
    return Stretch(
        **{
            name: value[:, 0] if value.ndim == 2 else value[0]
            for name, value in vars(many).items()
            if name != "t_s"
        },
        t_s=many.t_s,
    )


def peak_resistance(
    tone_id: str | Tone,
    velocities_deg_s: np.ndarray | None = None,
    *,
    gain: float | None = None,
    params: ReflexParameters = PARAMETERS,
) -> tuple[np.ndarray, np.ndarray]:
    """(velocities, peak resistance in N m) during each stretch and just after it: how the tone's
    resistance depends on the speed of stretch. Velocities default to the sweep in the data."""
    if velocities_deg_s is None:  # the sweep, asked for again and again as the gain moves
        t_ = tone(tone_id)
        g = float(_checked("gain", t_.gain if gain is None else gain, *params.arc.gain_range, ""))
        v, peaks = _sweep(t_, g, params.limb, params.arc)
        return v.copy(), peaks.copy()
    return _peaks(simulate(tone_id, velocities_deg_s, gain, params=params), params.limb)


def peak(run: Stretch, *, params: ReflexParameters = PARAMETERS) -> float:
    """The peak resistance (N m) of one stretch (``stretch()``), during it and just after it: the
    measure ``peak_resistance`` gives for each velocity."""
    if run.angle_deg.ndim != 1:
        raise ValueError("peak: give one stretch (from stretch()), not several")
    during = run.t_s <= run.stretch_end_s + params.limb.after_stretch_ms / 1000
    return float(run.resistance_nm[during].max())


def _peaks(runs: Stretch, limb: Limb) -> tuple[np.ndarray, np.ndarray]:
    during = runs.t_s[:, None] <= runs.stretch_end_s + limb.after_stretch_ms / 1000
    return runs.velocity_deg_s, np.where(during, runs.resistance_nm, -np.inf).max(axis=0)


@lru_cache(maxsize=256)
def _sweep(t_: Tone, gain: float, limb: Limb, arc: Arc) -> tuple[np.ndarray, np.ndarray]:
    v = np.asarray(limb.sweep_velocities_deg_s)
    return _peaks(_simulate(t_, v, np.full(v.size, gain), limb, arc), limb)


def _held(runs: Stretch, limb: Limb) -> tuple[np.ndarray, np.ndarray]:
    """Masks (time, stretch) of the held stretch after it settled, and of its last part."""
    held = runs.t_s[:, None] >= runs.stretch_end_s + limb.settle_ms / 1000
    last = runs.t_s >= runs.t_s[-1] - limb.last_ms / 1000
    return held, last


def _sustained(runs: Stretch, limb: Limb, arc: Arc) -> np.ndarray:
    """Per stretch: does the joint still beat by at least ``beat_floor_deg`` at the end?"""
    angle = np.atleast_2d(runs.angle_deg.T).T
    _, last = _held(runs, limb)
    return np.ptp(angle[last], axis=0) >= arc.beat_floor_deg


def beats(run: Stretch, *, params: ReflexParameters = PARAMETERS) -> Beats:
    """The clonic beats of one stretch (``stretch()``) while it is held: the joint's oscillations
    of at least the arc's ``beat_floor_deg`` (each top above the lowest point since the top
    before it)."""
    if run.angle_deg.ndim != 1:
        raise ValueError("beats: give one stretch (from stretch()), not several")
    held = _held(run, params.limb)[0][:, 0]
    angle, t = run.angle_deg[held], run.t_s[held]
    tops = np.flatnonzero((angle[1:-1] > angle[:-2]) & (angle[1:-1] >= angle[2:])) + 1
    if tops.size:  # each top against the lowest point since the top before it
        troughs = np.minimum.reduceat(angle, np.concatenate([[0], tops[:-1]]))
        tops = tops[angle[tops] - troughs >= params.arc.beat_floor_deg]
    count = int(tops.size)
    frequency = float((count - 1) / (t[tops[-1]] - t[tops[0]])) if count > 1 else None
    return Beats(count, frequency, bool(_sustained(run, params.limb, params.arc)[0]))


@lru_cache(maxsize=16)
def _threshold(tone_: Tone, limb: Limb, arc: Arc) -> float | None:
    velocity = np.array([limb.velocity_range_deg_s[1]])

    def lasting(gain: float) -> bool:
        return bool(
            _sustained(_simulate(tone_, velocity, np.array([gain]), limb, arc), limb, arc)[0]
        )

    low, high = arc.gain_range
    if not lasting(high):
        return None
    if lasting(low):
        return low
    while high - low > (arc.gain_range[1] - arc.gain_range[0]) / 200:
        middle = (low + high) / 2
        low, high = (low, middle) if lasting(middle) else (middle, high)
    return high


def clonus_threshold(tone_id: str | Tone, *, params: ReflexParameters = PARAMETERS) -> float | None:
    """The least reflex gain (to 1/200 of the gain range) from which the tone's held stretch goes
    on beating (found by bisection, at the fastest stretch, whose hold is the longest); None if no
    gain in the range makes the beats last."""
    return _threshold(tone(tone_id), params.limb, params.arc)


def critical_gain(*, params: ReflexParameters = PARAMETERS) -> tuple[float, float]:
    """(gain, beat frequency in Hz) at which the held stretch's reflex loop becomes unstable, from
    its linear transfer function: spindle (length + velocity) -> delay -> muscle -> limb held by
    the hand. Valid while the motor neurons fire but are not saturated (the clonus tone)."""
    limb, arc = params.limb, params.arc
    w = 2 * np.pi * np.linspace(0.1, 30, 30000)
    s = 1j * w
    loop = (
        arc.reflex_torque_nm
        * (1 + arc.spindle_velocity_s * s)
        / limb.stretch_range_deg
        * np.exp(-s * arc.delay_ms / 1000)
        / (1 + s * arc.contraction_ms / 1000) ** 2
        / (
            limb.inertia_nm_s2_per_deg * s**2
            + (limb.hand_damping_nm_s_per_deg + limb.passive_damping_nm_s_per_deg) * s
            + limb.passive_stiffness_nm_per_deg
            + limb.hand_stiffness_nm_per_deg
        )
    )
    phase = np.unwrap(np.angle(loop))
    at = int(np.argmax(phase <= -np.pi))  # where the reflex's push comes half a cycle late
    return float(1 / abs(loop[at])), float(w[at] / (2 * np.pi))
