"""Random walks through every widget: no exception, no traceback, sensible empty states.

Every control is driven, buttons included: a button is pressed as the browser presses it
(`Button.click`), and an exception in its handler fails the walk. Outside IPython, ipywidgets'
CallbackDispatcher catches such an exception and only logs it to the widget's logger, so `press`
listens on that logger.
"""

from __future__ import annotations

import logging
from typing import Any

import ipywidgets as W
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muscletwitch.widgets import (
    CauseExplorer,
    EMGSounds,
    Quiz,
    RedFlagChecker,
    ReflexLab,
    SummationLab,
    TwitchSimulator,
)

WIDGETS = {}  # one instance per class, reused across examples (building figures is slow)


def _widget(cls: type) -> Any:
    if cls not in WIDGETS:
        WIDGETS[cls] = cls()
    return WIDGETS[cls]


def _values(control: W.Widget) -> st.SearchStrategy:
    """Values a student could give this control (any option, any slider position, any text)."""
    if isinstance(control, W.Button):
        return st.just("click")
    if isinstance(control, W.Checkbox):
        return st.booleans()
    if isinstance(control, W.Text):
        return st.one_of(
            st.text(max_size=12), st.sampled_from(["", " ", "<script>", "blink", "ALS", "zzz"])
        )
    if isinstance(control, W.FloatLogSlider):
        return st.floats(0, 1).map(lambda f: ("log", f))
    if isinstance(control, W.FloatSlider):
        return st.floats(0, 1).map(lambda f: ("lin", f))
    return st.integers(0, 40).map(lambda i: ("option", i))  # Dropdown, Select, Toggle, Radio


class _Failures(logging.Handler):
    """Collects the log records that carry an exception (what the dispatcher logs)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.failures: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.failures.append(logging.Formatter().format(record))


def press(button: W.Button) -> None:
    """Click `button`; AssertionError with the traceback if one of its handlers raises."""
    listener = _Failures()
    button.log.addHandler(listener)
    try:
        button.click()
    finally:
        button.log.removeHandler(listener)
    assert not listener.failures, f"button {button.description!r} raised:\n{listener.failures[0]}"


def _set(control: W.Widget, value: Any) -> None:
    if value == "click":
        press(control)
    elif isinstance(value, tuple) and value[0] == "option":
        options = control.options
        if options:  # an empty selector (no cause matches) offers nothing to pick
            control.value = control._options_values[value[1] % len(options)]
    elif isinstance(value, tuple):
        kind, f = value
        control.value = (
            10 ** (control.min + f * (control.max - control.min))
            if kind == "log"
            else control.min + f * (control.max - control.min)
        )
    else:
        control.value = value


def _outputs(widget: W.Widget) -> list[W.Output]:
    found = [widget] if isinstance(widget, W.Output) else []
    for child in getattr(widget, "children", ()):
        found += _outputs(child)
    return found


def _check(w: Any) -> None:
    for out in _outputs(w.widget):
        assert not any(o.get("output_type") == "error" for o in out.outputs)
        assert "Traceback" not in str(out.outputs)
    if isinstance(w, CauseExplorer) and not w.controls["cause"].options:
        assert "No cause matches these filters" in w.card.value


def _steps(cls: type) -> st.SearchStrategy:
    controls = _widget(cls).controls
    return st.lists(
        st.sampled_from(sorted(controls)).flatmap(
            lambda name: st.tuples(st.just(name), _values(controls[name]))
        ),
        min_size=1,
        max_size=12,
    )


@pytest.mark.parametrize(
    ("cls", "examples"),
    [
        (CauseExplorer, 25),
        (TwitchSimulator, 15),
        (SummationLab, 15),
        (RedFlagChecker, 25),
        (Quiz, 20),
        (EMGSounds, 20),
        (ReflexLab, 15),
    ],
)
def test_random_walk_never_breaks(cls, examples):
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(steps=_steps(cls))
    def walk(steps):
        w = _widget(cls)
        for name, value in steps:
            _set(w.controls[name], value)
            _check(w)
        assert w.widget is not None and w.static_html()

    walk()


def test_all_filters_empty_and_contradictory():
    w = _widget(CauseExplorer)
    press(w.controls["clear"])
    assert len(w.controls["cause"].options) == len(w.taxonomy.causes)
    w.controls["category"].value = "benign"
    w.controls["extent"].value = "single-fibres"
    w.controls["rhythm"].value = "sustained"
    _check(w)
    assert "No cause matches these filters" in w.card.value


def test_press_fails_when_a_button_handler_raises():
    """The walk can fail on a broken button (the dispatcher alone would only log it)."""
    button = W.Button(description="Broken")
    button.on_click(lambda _b: 1 / 0)
    with pytest.raises(AssertionError, match="'Broken' raised:(.|\n)*ZeroDivisionError"):
        press(button)
