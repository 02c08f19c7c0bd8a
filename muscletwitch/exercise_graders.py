"""The graders of ``muscletwitch.exercises``: one function per exercise id. Each computes the
expected answer from the library's models and data when it runs and returns a verdict
``(misconception id | None if right | "" if not recognised, points or None for the default)``.
Standard library and numpy only."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np

from . import physiology
from .exercises import (
    Exercise,
    _close,
    _fraction,
    _Invalid,
    _match,
    _name,
    _names,
    _number,
    digest,
    exercise,
)

Verdict = tuple  # (misconception id | None | "", points | None[, why those points])
GRADERS: dict[str, Callable[[Exercise, Any], Verdict]] = {}


def _grader(exercise_id: str):
    def register(fn: Callable[[Exercise, Any], Verdict]):
        GRADERS[exercise_id] = fn
        return fn

    return register


def _tax():
    from .taxonomy import load_taxonomy

    return load_taxonomy()


def _levels() -> tuple[str, ...]:
    import muscletwitch as mt

    from .taxonomy import URGENCIES

    return tuple(getattr(mt, "URGENCY_LEVELS", URGENCIES))


# --- data for the student ------------------------------------------------------------------------


def _tremor_hz(ex: Exercise) -> float:
    """The frequency of an exercise's tremor trace: inside the band where the answer is unique."""
    f = _fraction(ex.id)
    if ex.answer == "number":
        low, high = ex.number("low_hz"), ex.number("high_hz")
        return low + (high - low) * f
    # only a type with a band no other type covers can be told by frequency alone (Parkinson's
    # 4-6 Hz lies inside essential tremor's 4-12 Hz: such a trace is drawn from the others)
    bands = {o: _only_in(o, [x for x in ex.options if x != o]) for o in ex.options}
    unique = [o for o in ex.options if bands[o] is not None]
    if not unique:
        raise RuntimeError(f"{ex.id}: the tremor ranges of {ex.options} overlap completely")
    low, high = bands[unique[int(f * len(unique))]]
    margin = (high - low) * 0.2
    return low + margin + (high - low - 2 * margin) * (f * len(ex.options) % 1)


def _only_in(target: str, others: list[str]) -> tuple[float, float] | None:
    """The widest band of ``target``'s frequency range that no other type's range covers."""
    low, high = physiology.tremor_range_hz(target)
    bands = [(low, high)]
    for other in others:
        olo, ohi = physiology.tremor_range_hz(other)
        bands = [b for lo, hi in bands for b in ((lo, min(hi, olo)), (max(lo, ohi), hi))]
        bands = [(lo, hi) for lo, hi in bands if hi > lo]
    return max(bands, key=lambda b: b[1] - b[0]) if bands else None


def trace(exercise_id: str) -> tuple[np.ndarray, np.ndarray]:
    """(t_s, y) of the tremor trace an exercise asks about (a model: ``physiology.signature``)."""
    ex = exercise(exercise_id)
    seed = int(_fraction(ex.id) * 2**31)
    return physiology.signature(
        "tremor",
        frequency_hz=_tremor_hz(ex),
        duration_s=ex.number("duration_s"),
        fs_hz=ex.number("fs_hz"),
        seed=seed,
    )


def pool(exercise_id: str) -> dict[str, float]:
    """A motor-unit pool: unit name -> recruitment threshold (% of maximal drive), listed in an
    order that is neither by threshold nor its reverse."""
    ex = exercise(exercise_id)
    rng = np.random.default_rng(int(_fraction(ex.id) * 2**31))
    n = int(ex.number("units"))
    thresholds = np.round(np.sort(rng.uniform(1, 60, n)), 1)
    names = [f"MU-{chr(ord('A') + i)}" for i in range(n)]
    order = list(range(n))
    while order in (list(range(n)), list(range(n))[::-1]):
        order = list(rng.permutation(n))
    return {names[i]: float(thresholds[i]) for i in order}


# --- numbers -------------------------------------------------------------------------------------


def _fused_from(ex: Exercise, contraction_ms: float) -> float:
    step = ex.number("step_hz")
    for rate in np.arange(step, ex.number("top_hz") + step / 2, step):
        if _fusion(rate, contraction_ms) >= ex.number("fused"):
            return float(rate)
    raise RuntimeError(f"{ex.id}: no rate on the list fuses")


@cache
def _fusion(rate: float, contraction_ms: float) -> float:
    return physiology.fusion_index(physiology.summed_force(rate, contraction_ms=contraction_ms)[1])


@_grader("01-fusion-rate")
def _fusion_rate(ex: Exercise, answer: Any) -> Verdict:
    value = _number(answer, ex)
    slow = ex.number("contraction_ms")
    expected = _fused_from(ex, slow)
    if _close(value, expected, ex.tolerance):
        return None, None
    wrong = {
        "interval-ms": 1000 / expected,
        "interval-s": 1 / expected,
        "fast-unit": _fused_from(ex, ex.number("fast_ms")),
    }
    if mid := _match(value, wrong, ex.tolerance):
        return mid, None
    if expected < value < physiology.max_rate_hz():
        return ("not-lowest", None) if _fusion(value, slow) >= ex.number("fused") else ("", None)
    return ("not-fused", None) if 0 < value < expected else ("", None)


@_grader("01-discharge-cv")
def _discharge_cv(ex: Exercise, answer: Any) -> Verdict:
    value = _number(answer, ex)
    train = physiology.discharge_train(8, 3, regular=False, seed=2)
    intervals = np.diff(train)
    cvs = [intervals.std(ddof=d) / intervals.mean() for d in (0, 1)]
    if any(_close(value, cv, ex.tolerance) for cv in cvs):
        return None, None
    regular = np.diff(physiology.discharge_train(8, 3, regular=True, seed=1))
    wrong = {
        "std-not-cv": intervals.std(),
        "percent": 100 * cvs[0],
        "regular-train": regular.std() / regular.mean(),
        "times-not-intervals": train.std() / train.mean(),
    }
    return _match(value, wrong, ex.tolerance) or "", None


@_grader("02-tremor-frequency")
def _tremor_frequency(ex: Exercise, answer: Any) -> Verdict:
    value = _number(answer, ex)
    f = _tremor_hz(ex)
    if _close(value, f, ex.tolerance):
        return None, None
    wrong = {
        "double": 2 * f,
        "count": f * ex.number("duration_s"),
        "period-s": 1 / f,
        "period-ms": 1000 / f,
        "angular": 2 * np.pi * f,
        "per-sample": f / ex.number("fs_hz"),
    }
    return _match(value, wrong, max(ex.tolerance, 0.05)) or "", None


# --- decisions -----------------------------------------------------------------------------------


@_grader("02-tremor-type")
def _tremor_type(ex: Exercise, answer: Any) -> Verdict:
    given = _name(answer, ex.options, "choice here")
    f = _tremor_hz(ex)
    low, high = physiology.tremor_range_hz(given)
    fits = [o for o in ex.options if _within(f, physiology.tremor_range_hz(o))]
    return (None, None) if fits == [given] else ("out-of-range" if not low <= f <= high else "", 0)


def _within(f: float, band: tuple[float, float]) -> bool:
    return band[0] <= f <= band[1]


def _urgency(ex: Exercise, answer: Any) -> Verdict:
    import muscletwitch as mt

    levels = _levels()
    given = _name(answer, levels, "urgency level")
    expected = mt.assess(*ex.findings).urgency
    if given == expected:
        return None, None
    return ("under-triage" if levels.index(given) < levels.index(expected) else "over-triage"), None


GRADERS["03-benign-urgency"] = GRADERS["05-urgency"] = _urgency


@_grader("03-best-fit")
def _best_fit(ex: Exercise, answer: Any) -> Verdict:
    import muscletwitch as mt

    tax = _tax()
    given = _name(answer, [c.id for c in tax.causes], "cause id")
    a = mt.assess(*ex.findings)
    top = max(r.score for r in a.reasons.values())
    if a.reasons.get(given) and a.reasons[given].score == top:
        return None, None
    if given in a.reasons:
        return "fits-less", None
    return ("pathological" if tax.cause(given).category == "pathological" else "not-listed"), None


@_grader("05-red-flag")
def _red_flag(ex: Exercise, answer: Any) -> Verdict:
    import muscletwitch as mt

    tax = _tax()
    if isinstance(answer, str) and answer in {f.id for f in tax.findings}:
        return "finding-not-flag", None
    given = _name(answer, [r.id for r in tax.red_flags], "red flag id")
    flags = mt.assess(*ex.findings).red_flags
    levels = _levels()
    top = max((levels.index(r.urgency) for r in flags), default=-1)
    raised = {r.id: levels.index(r.urgency) for r in flags}
    if raised.get(given) == top:
        return None, None
    return ("less-urgent" if given in raised else "not-raised"), None


def _strength(evidence: str) -> int:
    from .taxonomy import EVIDENCE_LEVELS

    return EVIDENCE_LEVELS.index(evidence)  # 0 = strongest


@_grader("06-best-evidence")
def _best_evidence(ex: Exercise, answer: Any) -> Verdict:
    tax = _tax()
    given = _name(answer, [t.id for t in tax.therapies], "therapy id")
    listed = {t: _strength(tax.therapy(t).evidence) for t in tax.cause(ex.cause).therapies}
    if listed.get(given) == min(listed.values()):
        return None, None
    return ("weaker" if given in listed else "not-for-cause"), None


@_grader("06-unproven")
def _unproven(ex: Exercise, answer: Any) -> Verdict:
    tax = _tax()
    known = [t.id for t in tax.therapies]
    given = {_name(a, known, "therapy id") for a in _names(answer)}
    expected = {t.id for t in tax.therapies if t.evidence == "unproven"}
    if given == expected:
        return None, None
    return ("includes-proven" if given - expected else "some-missing"), None


@_grader("04-umn-lmn")
def _umn_lmn(ex: Exercise, answer: Any) -> Verdict:
    if not isinstance(answer, dict):
        raise _Invalid(f"got {type(answer).__name__} {answer!r}"[:160])
    signs = dict(ex.signs)
    given = {}
    for sign, cls in answer.items():
        _name(sign, signs, "sign here")
        if isinstance(cls, str):  # "umn", "upper" and "upper motor neuron" mean UMN too
            cls = {"U": "UMN", "L": "LMN"}.get(cls.strip()[:1].upper(), cls)
        given[sign] = _name(cls, ex.options, "class")
    if missing := [s for s in signs if s not in given]:
        return "missing", 0, f"{len(missing)} of {len(signs)} signs not sorted yet"
    wrong = [s for s in signs if digest(ex.id, s, given[s]) != signs[s]]
    if not wrong:
        return None, None
    right = len(signs) - len(wrong)
    points = ex.points * right // len(signs) if len(wrong) <= 2 else 0
    why = f"{right} of {len(signs)} signs sorted right" + ("" if points else "; at most 2 may slip")
    return ("umn-as-lmn" if given[wrong[0]] == "LMN" else "lmn-as-umn"), points, why


@_grader("04-recruitment-order")
def _recruitment(ex: Exercise, answer: Any) -> Verdict:
    units = pool(ex.id)
    given = _names(answer)
    if sorted(given) != sorted(units):
        return "not-the-pool", None
    expected = sorted(units, key=units.get)
    if given == expected:
        return None, None
    if given == expected[::-1]:
        return "reversed", None
    if given == list(units):
        return "as-listed", None
    swaps = [i for i in range(len(given) - 1) if given[i] == expected[i + 1]]
    one_swap = len(swaps) == 1 and sum(g != e for g, e in zip(given, expected, strict=True)) == 2
    return ("one-swap" if one_swap else ""), None
