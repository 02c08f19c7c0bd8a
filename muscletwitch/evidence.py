"""What a count of zero events allows you to say: the exact upper confidence bound and the rule of
three (Hanley & Lippman-Hand 1983). Standard library only (runs in Pyodide too)."""

from __future__ import annotations


def _check(n: int, confidence: float) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n: the number of people followed must be a whole number >= 1, got {n!r}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence: must lie between 0 and 1 (e.g. 0.95), got {confidence!r}")


def zero_events_upper_bound(n: int, confidence: float = 0.95) -> float:
    """The exact one-sided upper bound of a proportion when 0 of ``n`` had the event.

    The largest risk p for which seeing no event in n people still has a chance of at least
    1 - confidence: (1 - p) ** n = 1 - confidence.
    """
    _check(n, confidence)
    return 1 - (1 - confidence) ** (1 / n)


def rule_of_three(n: int) -> float:
    """The rule of three: after 0 events in ``n`` people, the 95 % upper bound is about 3 / n."""
    _check(n, 0.95)
    return 3 / n
