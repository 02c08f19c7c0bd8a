"""Graders and data of notebook 08's exercises (the motor pathway and reflexes), registered in
``muscletwitch.exercises`` like the others (``exercise_graders``). Each computes the expected
answer from the data or the models when it runs: which level a set of signs points to from the
signs of the ``upper-motor-neuron`` and ``lower-motor-neuron`` sites (sites.toml), the clonus
frequency from the beats of the clonus model. Standard library and numpy only."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import physiology
from .exercise_graders import Verdict, _grader, _tax
from .exercises import Exercise, _close, _fraction, _Invalid, _match, _name, _number, exercise

LEVEL_SITES = {"UMN": "upper-motor-neuron", "LMN": "lower-motor-neuron"}
BOTH, NEITHER = "both", "neither"
LEVELS = (*LEVEL_SITES, BOTH, NEITHER)


# --- 08-umn-or-lmn: decide the level from a case's signs -----------------------------------------


def _signs() -> dict[str, tuple[str, Any]]:
    """sign id -> (level, Sign) for the signs of the two motor neuron sites."""
    tax = _tax()
    return {s.id: (level, s) for level, site in LEVEL_SITES.items() for s in tax.site(site).signs}


def _describe(item: str) -> str:
    """What the examiner finds: a sign of the data, or a phenomenon's first sentence."""
    signs = _signs()
    if item in signs:
        sign = signs[item][1]
        return f"{sign.feature}: {_lower(sign.text)}"
    tax = _tax()
    known = {p.id for p in tax.phenomena}
    if item not in known:
        raise RuntimeError(f"case item {item!r} is neither a UMN/LMN sign nor a phenomenon id")
    p = tax.phenomenon(item)
    return f"{p.name}: {_lower(p.summary.split('. ')[0].rstrip('.'))}"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def level_of(items: tuple[str, ...] | list[str]) -> str:
    """The level a set of findings points to: UMN, LMN, both, or neither (no motor neuron sign)."""
    signs = _signs()
    found = {signs[i][0] for i in items if i in signs}
    return BOTH if len(found) == 2 else NEITHER if not found else found.pop()


def cases(exercise_id: str) -> dict[str, list[str]]:
    """The cases of an exercise: case name -> what the examination finds, in words."""
    return {name: [_describe(i) for i in items] for name, items in exercise(exercise_id).cases}


def _as_level(value: Any) -> str:
    """A level from what a student may write: "umn", "Upper motor neuron", "Both", "none"..."""
    if isinstance(value, str):
        word = value.strip().lower()
        value = next((lv for lv in LEVELS if lv.lower() == word), value)
        value = {"upper": "UMN", "lower": "LMN", "none": NEITHER}.get(word.split(" ")[0], value)
    return _name(value, LEVELS, "level")


@_grader("08-umn-or-lmn")
def _umn_or_lmn(ex: Exercise, answer: Any) -> Verdict:
    if tuple(ex.options) != LEVELS:
        raise RuntimeError(f"{ex.id}: options must be {LEVELS}, got {ex.options}")
    if not isinstance(answer, dict):
        raise _Invalid(f"got {type(answer).__name__} {answer!r}"[:160])
    expected = {name: level_of(items) for name, items in ex.cases}
    given = {_name(k, expected, "case here"): _as_level(v) for k, v in answer.items()}
    if missing := [c for c in expected if c not in given]:
        return "missing", 0, f"{len(missing)} of {len(expected)} cases not decided yet"
    wrong = [c for c in expected if given[c] != expected[c]]
    if not wrong:
        return None, None
    right = len(expected) - len(wrong)
    points = ex.points * right // len(expected)
    return _level_mistake(expected, given, wrong), points, f"{right} of {len(expected)} right"


def _level_mistake(expected: dict[str, str], given: dict[str, str], wrong: list[str]) -> str:
    """The misconception of the most telling wrong case."""
    order = (BOTH, NEITHER, "UMN", "LMN")  # a missed mix or rigidity read as UMN teaches most
    case = min(wrong, key=lambda c: order.index(expected[c]))
    want, got = expected[case], given[case]
    if want == BOTH:
        return "missed-both"
    if want == NEITHER:
        return "rigidity-as-umn" if got == "UMN" else "neither-as-motor-neuron"
    if got == NEITHER:
        return "sign-as-neither"
    return "mixed-as-both" if got == BOTH else "umn-lmn-swapped"


# --- 08-clonus-frequency: the frequency of a clonus trace -----------------------------------------


def _clonus_args(ex: Exercise) -> dict[str, Any]:
    low, high = physiology.parameters().clonus.beat_hz
    margin = (high - low) * 0.15
    rate = low + margin + (high - low - 2 * margin) * _fraction(ex.id)
    return {
        "duration_s": ex.number("duration_s"),
        "seed": int(_fraction(ex.id) * 2**31),
        "rate_hz": round(rate, 2),
    }


def clonus(exercise_id: str) -> tuple[np.ndarray, np.ndarray]:
    """(t_s, y) of the clonus trace an exercise asks about (a model: ``physiology.signature``)."""
    ex = exercise(exercise_id)
    return physiology.signature("clonus", fs_hz=ex.number("fs_hz"), **_clonus_args(ex))


@_grader("08-clonus-frequency")
def _clonus_beats(ex: Exercise, answer: Any) -> Verdict:
    value = _number(answer, ex)
    args = _clonus_args(ex)
    beats = physiology.signature_events("clonus", **args)
    if beats.size < 3:
        raise RuntimeError(f"{ex.id}: the clonus trace has {beats.size} beats")
    f = (beats.size - 1) / (beats[-1] - beats[0])  # beats per second while they last
    if _close(value, f, ex.tolerance):
        return None, None
    wrong = {
        "whole-trace": beats.size / args["duration_s"],
        "count": float(beats.size),
        "double": 2 * f,
        "period-s": 1 / f,
        "period-ms": 1000 / f,
    }
    return _match(value, wrong, ex.tolerance) or "", None
