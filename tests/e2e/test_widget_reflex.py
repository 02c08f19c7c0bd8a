"""ReflexLab in JupyterLab, used as a person would: the stretch-velocity slider by keyboard, the
tone buttons, the reflex-gain slider; the caption and the picture must follow each change.

The widget is built alone in a small notebook (as in test_widgets.py, whose helpers this uses).
Expected values come from the model itself (``muscletwitch.reflex``), asked in the same kernel,
never from the widget under test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from labpage import LabTab, kernel_exec, picture_digest
from labserver import LabServer
from playwright.sync_api import Page, expect
from test_widgets import BUILD, ask, changed_picture, control, drive_widget, press, settled

CAPTION, IMAGE = ".e2e-caption", ".e2e-image"
# the current stretch as the model gives it, from the controls' values
STRETCH = (
    "reflex.stretch(w.controls['tone'].value, w.controls['velocity'].value,"
    " gain=w.controls['gain'].value)"
)


def expected_headline(page: Page) -> str:
    """What the caption must say about the current stretch, computed by the model."""
    return ask(
        page,
        f'(lambda run: f\'{{reflex.tone(w.controls["tone"].value).name}}, '
        f'{{w.controls["velocity"].value:g}} deg/s, reflex gain {{w.controls["gain"].value:g}}:'
        f" peak resistance {{reflex.peak(run):.1f}} N m')({STRETCH})",
    )


def check_reflex_lab(page: Page) -> None:
    kernel_exec(page, "from muscletwitch import reflex")
    expect(page.locator(CAPTION)).to_contain_text(expected_headline(page))
    picture = picture_digest(page, IMAGE)

    # a faster stretch: the slider by keyboard
    start, step = ask(page, "[w.controls['velocity'].value, w.controls['velocity'].step]")
    press(page, control("velocity"), "ArrowRight", 5)
    settled(page, "w.controls['velocity'].value", start + 5 * step)
    expect(page.locator(CAPTION)).to_contain_text(expected_headline(page))
    picture = changed_picture(page, IMAGE, picture)

    # clonus: the tone's own gain, and beats that go on while the stretch is held
    page.locator(f"{control('tone')} button", has_text="Clonus").click()
    usual = ask(page, "reflex.tone('clonus').gain")
    settled(page, "w.controls['gain'].value", usual)
    assert ask(page, f"reflex.beats({STRETCH}).sustained") is True
    expect(page.locator(CAPTION)).to_contain_text(expected_headline(page))
    expect(page.locator(CAPTION)).to_contain_text("going on while held")
    picture = changed_picture(page, IMAGE, picture)

    # a lower gain, below the threshold: the beats die out
    step = ask(page, "w.controls['gain'].step")
    press(page, control("gain"), "ArrowLeft", 30)
    settled(page, "w.controls['gain'].value", round(usual - 30 * step, 6))
    assert ask(page, f"reflex.beats({STRETCH}).sustained") is False
    expect(page.locator(CAPTION)).to_contain_text(expected_headline(page))
    expect(page.locator(CAPTION)).not_to_contain_text("going on while held")
    changed_picture(page, IMAGE, picture)


def test_reflex_lab_answers_its_controls(
    open_lab: Callable[[str], LabTab], lab: LabServer, artifacts: Path
) -> None:
    """The lab renders without errors, and each interaction changes caption and picture."""
    shot = artifacts / "widgets" / "ReflexLab.png"
    cells = [BUILD.format(name="ReflexLab")]
    drive_widget(open_lab, lab, shot, "widget_ReflexLab", cells, check_reflex_lab)
