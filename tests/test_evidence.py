"""The zero-numerator bounds notebook 03 teaches (Hanley & Lippman-Hand 1983)."""

import math

import pytest

from muscletwitch import evidence


@pytest.mark.parametrize("n", [30, 121, 1000])
def test_rule_of_three_approximates_the_exact_bound(n):
    exact = evidence.zero_events_upper_bound(n)
    assert (1 - exact) ** n == pytest.approx(0.05)  # the definition: 0 events still 5 % likely
    assert evidence.rule_of_three(n) == pytest.approx(exact, rel=0.06)
    assert evidence.rule_of_three(n) > exact  # the rule errs on the cautious side


def test_blexrud_121_gives_about_two_and_a_half_percent():
    assert round(100 * evidence.rule_of_three(121), 1) == 2.5
    assert 0.024 < evidence.zero_events_upper_bound(121) < 0.025


def test_a_higher_confidence_gives_a_higher_bound():
    assert evidence.zero_events_upper_bound(121, 0.99) > evidence.zero_events_upper_bound(121)
    assert math.isclose(evidence.zero_events_upper_bound(1, 0.95), 0.95)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0,), "n: the number of people followed must be a whole number >= 1, got 0"),
        ((12.5,), "got 12.5"),
        ((True,), "got True"),
        ((121, 95), "confidence: must lie between 0 and 1 (e.g. 0.95), got 95"),
    ],
)
def test_bad_input_names_what_is_wrong(args, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        evidence.zero_events_upper_bound(*args)
