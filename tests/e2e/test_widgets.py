"""Each widget type, used in JupyterLab as a person would: the view must answer every control.

Each widget is built alone in a small notebook written here (so these tests do not depend on the
course notebooks' layout). The notebook tags every control with the class `e2e-control-<name>`
and every other ipywidget attribute of the object (card, banner, image, ...) with `e2e-<attr>`,
so the tests find them by role, not by position. Expected values come from the library itself,
asked in the same kernel (`kernel_exec`), never from the widget under test.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from labpage import (
    LabTab,
    check_outputs,
    kernel_exec,
    kernel_log,
    picture_digest,
    run_all,
    screenshot_notebook,
)
from labserver import LabServer
from nbmaker import write_notebook
from playwright.sync_api import Page, expect

BUILD = """\
%matplotlib inline
import json
import ipywidgets as W
import muscletwitch as mt
from muscletwitch import widgets

w = widgets.{name}()
for attr, value in vars(w).items():
    if isinstance(value, W.DOMWidget) and attr != "widget":
        value.add_class("e2e-" + attr)
for control_name, control in w.controls.items():
    control.add_class("e2e-control-" + control_name)
w"""

WIDGETS = ["CauseExplorer", "TwitchSimulator", "SummationLab", "RedFlagChecker", "Quiz"]


def control(name: str) -> str:
    """CSS selector of the control `name` of the widget under test."""
    return f".e2e-control-{name}"


def ask(page: Page, code: str) -> object:
    """Evaluate `code` (an expression) in the kernel; its value, via JSON."""
    return json.loads(kernel_exec(page, f"print(json.dumps({code}))"))


def settled(page: Page, code: str, expected: float, timeout_s: float = 10.0) -> None:
    """Wait until the kernel's number `code` is `expected` (updates arrive asynchronously)."""
    deadline = time.monotonic() + timeout_s
    value = ask(page, code)
    while value != pytest.approx(expected) and time.monotonic() < deadline:
        time.sleep(0.1)
        value = ask(page, code)
    assert value == pytest.approx(expected), f"kernel: {code} == {value!r}, expected {expected!r}"


def in_sync(page: Page, code: str, selector: str, text: str, timeout_s: float = 10.0) -> float:
    """Wait until `selector` shows `text` formatted with the kernel's value of `code`."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = ask(page, code)
        shown = page.locator(selector).inner_text()
        if text.format(value) in shown:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{selector} shows {shown!r}, kernel: {code} == {value!r}")
        time.sleep(0.1)


def changed_picture(page: Page, selector: str, before: str, timeout_s: float = 10.0) -> str:
    """Wait until the picture in `selector` differs from `before`; the new digest."""
    deadline = time.monotonic() + timeout_s
    now = before
    while time.monotonic() < deadline:
        now = picture_digest(page, selector)
        if now != before:
            return now
        time.sleep(0.1)
    raise AssertionError(f"the picture in {selector} did not change within {timeout_s}s")


def check_cause_explorer(page: Page) -> None:
    """Pick a category, search, clear, pick a cause: count, card and picture follow."""
    total = ask(page, "len(mt.load_taxonomy().causes)")
    status, card, image = ".e2e-status", ".e2e-card", ".e2e-image"
    expect(page.locator(status)).to_contain_text(f"{total} of {total} causes match")
    picture = picture_digest(page, image)

    page.locator(f"{control('category')} select").select_option(label="pathological")
    patho = ask(page, "[c.name for c in mt.load_taxonomy().filter(category='pathological')]")
    assert isinstance(patho, list) and patho
    expect(page.locator(status)).to_contain_text(f"{len(patho)} of {total} causes match")
    expect(page.locator(f"{card} h3")).to_have_text(patho[0])
    picture = changed_picture(page, image, picture)

    page.locator(f"{control('cause')} select").select_option(label=patho[-1])
    expect(page.locator(f"{card} h3")).to_have_text(patho[-1])
    picture = changed_picture(page, image, picture)

    page.locator(f"{control('search')} input").fill("zzzz-no-such-cause")
    expect(page.locator(card)).to_contain_text("No cause matches these filters.")
    expect(page.locator(status)).to_contain_text(f"0 of {total} causes match")

    page.locator(control("clear")).click()
    expect(page.locator(status)).to_contain_text(f"{total} of {total} causes match")
    expect(page.locator(f"{control('search')} input")).to_have_value("")


def press(page: Page, selector: str, key: str, times: int = 1) -> None:
    """Focus a slider's handle (or any control) and press `key`, as a keyboard user would."""
    handle = page.locator(f"{selector} .noUi-handle, {selector} input, {selector} select").first
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)


def check_twitch_simulator(page: Page) -> None:
    """Rate slider (keyboard), movement dropdown, overlay checkbox, extent toggle."""
    header, caption, image = ".e2e-header", ".e2e-caption", ".e2e-image"
    picture = picture_digest(page, image)
    before = page.locator(header).inner_text()
    press(page, control("rate"), "ArrowRight", 3)
    expect(page.locator(header)).not_to_have_text(before)
    # key presses reach the kernel one comm message at a time: wait until the header shows the
    # kernel's value. (Under heavy load the slider's own readout was seen ahead of the kernel,
    # an ipywidgets sync matter outside this widget, so the readout is not compared here.)
    in_sync(page, "w.controls['rate'].value", header, "Discharges: {:.3g}/s")
    picture = changed_picture(page, image, picture)

    tremor = ask(
        page,
        "[mt.load_taxonomy().phenomenon('tremor').name,"
        " mt.load_taxonomy().phenomenon('tremor').summary]",
    )
    page.locator(f"{control('phenomenon')} select").select_option(label=tremor[0])
    expect(page.locator(f"{header} h3")).to_have_text(tremor[0])
    expect(page.locator(caption)).to_contain_text(tremor[1])
    picture = changed_picture(page, image, picture)

    other = page.locator(f"{control('other')} select")
    expect(other).to_be_disabled()
    page.locator(f"{control('compare')} input[type=checkbox]").check()
    second = ask(page, "mt.load_taxonomy().phenomenon(w.controls['other'].value).name")
    expect(page.locator(f"{header} h3")).to_contain_text(f"(dashed: {second}")
    expect(other).to_be_enabled()
    picture = changed_picture(page, image, picture)

    buttons = page.locator(f"{control('extent')} button")
    target = next(b for b in buttons.all() if "mod-active" not in (b.get_attribute("class") or ""))
    label = target.inner_text().strip()
    target.click()
    expect(page.locator(header)).to_contain_text(f"One event of a {label}")
    changed_picture(page, image, picture)


def check_summation_lab(page: Page) -> None:
    """Both sliders by keyboard: the caption reports the fusion the physiology model computes."""
    caption, image = ".e2e-caption", ".e2e-image"
    expected_caption = (
        "(lambda r, ms: f'{r:g} Hz, contraction time {ms:g} ms: fusion '"
        " f'{physiology.fusion_index(physiology.summed_force(r, contraction_ms=ms,"
        " duration_s=summation_lab.DURATION_S)[1]):.2f}')"
        "(w.controls['rate'].value, w.controls['contraction_ms'].value)"
    )
    kernel_exec(
        page, "from muscletwitch import physiology\nfrom muscletwitch.widgets import summation_lab"
    )
    expect(page.locator(caption)).to_contain_text(ask(page, expected_caption))
    picture = picture_digest(page, image)
    for name, key in (("rate", "ArrowRight"), ("contraction_ms", "ArrowLeft")):
        start, step = ask(page, f"[w.controls[{name!r}].value, w.controls[{name!r}].step]")
        press(page, control(name), key, 10)
        moved = start + (10 if key == "ArrowRight" else -10) * step
        expect(page.locator(f"{control(name)} .noUi-handle")).to_have_attribute(
            "aria-valuenow", f"{moved:.1f}"
        )
        settled(page, f"w.controls[{name!r}].value", moved)
        expect(page.locator(caption)).to_contain_text(ask(page, expected_caption))
        picture = changed_picture(page, image, picture)


def check_red_flag_checker(page: Page) -> None:
    """Tick findings: banner (words and class) and ranked causes follow `mt.assess`; untick all."""
    banner, causes = ".e2e-banner", ".e2e-causes"
    kernel_exec(page, "from muscletwitch.widgets._base import URGENCY")

    def expect_assessment(*findings: str) -> None:
        args = ", ".join(repr(f) for f in findings)
        urgency, word, first = ask(
            page,
            f"(lambda a: [a.urgency, URGENCY[a.urgency][1],"
            f" a.causes[0].name if a.causes else None])(mt.assess({args}))",
        )
        expect(page.locator(f"{banner} .mt-banner")).to_have_class(
            re.compile(f"mt-urgency-{urgency}")
        )
        expect(page.locator(banner)).to_contain_text(f"{word}:")
        if first and findings:
            expect(page.locator(f"{causes} li").first).to_contain_text(first)

    expect_assessment()
    expect(page.locator(causes)).to_contain_text("Tick what you notice")
    ticked: list[str] = []
    for finding in ("twitching", "stress", "muscle-weakness", "seizure"):
        page.locator(f"{control(finding)} input[type=checkbox]").check()
        ticked.append(finding)
        expect_assessment(*ticked)
    page.locator(control("clear")).click()
    expect_assessment()
    for finding in ticked:
        expect(page.locator(f"{control(finding)} input[type=checkbox]")).not_to_be_checked()


def hex_to_rgb(colour: str) -> str:
    """'#D55E00' -> 'rgb(213, 94, 0)', as the browser reports a computed colour."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


# findings that bring each urgency level (the test checks mt.assess agrees before using them)
LEVEL_CASES = {
    "self-care": ("twitching",),
    "see-a-doctor": ("twitching", "lasting-over-2-weeks"),
    "urgent": ("diabetes", "trembling"),
    "emergency": ("slurred-speech", "sudden-onset"),
}


def check_banner_levels_and_onset(page: Page) -> None:
    """Each of the four levels: tick its findings; the banner shows the level's words and advice,
    its class and its colour from the [[urgency]] table. Then the onset question: slurred speech
    alone is see-a-doctor; ticking "started suddenly" in the onset column makes it a stroke."""
    banner, flags = ".e2e-banner .mt-banner", ".e2e-flags"
    kernel_exec(page, "from muscletwitch.widgets._base import URGENCY")
    levels = ask(page, "list(mt.URGENCY_LEVELS)")
    assert levels == list(LEVEL_CASES), "every level is exercised, in order"

    def tick(*findings: str) -> None:
        page.locator(control("clear")).click()
        expect(page.locator(".e2e-causes")).to_contain_text("Tick what you notice")
        for finding in findings:
            page.locator(f"{control(finding)} input[type=checkbox]").check()

    def expect_banner(level: str) -> None:
        colour, word, advice = ask(
            page,
            f"[URGENCY[{level!r}][0], mt.load_taxonomy().urgency({level!r}).name,"
            f" mt.load_taxonomy().urgency({level!r}).advice]",
        )
        expect(page.locator(banner)).to_have_class(re.compile(f"mt-urgency-{level}"))
        expect(page.locator(banner)).to_have_text(f"{word}: {advice}")
        expect(page.locator(banner)).to_have_css("border-left-color", hex_to_rgb(colour))

    for level, findings in LEVEL_CASES.items():
        got = ask(page, f"mt.assess(*{list(findings)!r}).urgency")
        assert got == level, f"mt.assess{findings} is {got}, the test expects {level}"
        tick(*findings)
        expect_banner(level)

    # the onset question, asked in its own column, in lay words
    onset = page.locator(".e2e-grid .widget-vbox", has=page.locator("h4", has_text="When and how"))
    sudden = ask(page, "mt.load_taxonomy().finding('sudden-onset').name")
    expect(onset.locator(control("sudden-onset"))).to_contain_text(sudden)
    tick("slurred-speech")
    expect_banner(ask(page, "mt.assess('slurred-speech').urgency"))
    stroke = ask(page, "mt.load_taxonomy().red_flag('stroke').name")
    expect(page.locator(flags)).not_to_contain_text(stroke)
    onset.locator(f"{control('sudden-onset')} input[type=checkbox]").check()
    expect_banner("emergency")
    expect(page.locator(f"{flags} li").first).to_contain_text(stroke)


def check_quiz(page: Page) -> None:
    """Check without an answer, answer right, go on, answer wrong: feedback and score follow."""
    feedback, progress = ".e2e-feedback", ".e2e-progress"
    kernel_exec(page, "from muscletwitch import quiz")
    total = ask(page, "w.session.total")
    expect(page.locator(progress)).to_contain_text(f"Question 1 of {total}")
    page.locator(control("check")).click()
    expect(page.locator(feedback)).to_contain_text("Choose an answer first.")

    for number, right in ((1, True), (2, False)):
        kind, options, correct = ask(
            page,
            "[w.session.current.kind, [o.text for o in w.session.current.options],"
            " list(w.session.current.correct)]",
        )
        wrong = [i for i in range(len(options)) if i not in correct]
        chosen = correct if right or not wrong else wrong[:1]
        for i in chosen:
            if kind == "multiple":
                page.locator(f"{control(f'tick_{i}')} input[type=checkbox]").check()
            else:
                page.locator(control("choice")).get_by_label(options[i], exact=True).check()
        headline = ask(page, f"quiz.grade(w.session.current, {chosen}).headline")
        page.locator(control("check")).click()
        verdict = "mt-right" if chosen == correct else "mt-wrong"
        expect(page.locator(f"{feedback} p.{verdict}").first).to_have_text(headline)
        expect(page.locator(f"{feedback} li")).to_have_count(len(options))
        page.locator(control("next")).click()
        expect(page.locator(progress)).to_contain_text(
            f"Question {number + 1} of {total} \u00b7 score so far 1"
        )
        expect(page.locator(feedback)).to_have_text("")


SCENARIOS: dict[str, Callable[[Page], None]] = {
    "CauseExplorer": check_cause_explorer,
    "TwitchSimulator": check_twitch_simulator,
    "SummationLab": check_summation_lab,
    "RedFlagChecker": check_red_flag_checker,
    "Quiz": check_quiz,
}


def drive_widget(
    open_lab: Callable[[str], LabTab],
    lab: LabServer,
    shot: Path,
    stem: str,
    cells: list[str],
    check: Callable[[Page], None],
    *,
    widgets: int | None = 1,
) -> None:
    """Run a notebook of ``cells`` in JupyterLab, then ``check`` its live page.

    It must run without an error output and show ``widgets`` widget outputs (None: any number);
    ``check`` must raise no kernel error and no browser console error. ``shot``: a screenshot of
    the notebook, taken also when the check fails.
    """
    write_notebook(lab.root / "_e2e" / f"{stem}.ipynb", cells)
    tab = open_lab(f"_e2e/{stem}.ipynb")
    run_all(tab.page)
    report = check_outputs(tab.page)
    assert report.problems == [], "\n".join(report.problems)
    if widgets is not None:
        assert report.widget_outputs == widgets
    try:
        check(tab.page)
    finally:
        screenshot_notebook(tab.page, shot)
    log = kernel_log(tab.page)
    assert not log, "kernel errors during interaction:\n" + "\n".join(e[-1500:] for e in log)
    assert not tab.console.errors, "browser console errors:\n" + "\n".join(tab.console.errors)


def test_red_flag_checker_shows_each_urgency_level_and_asks_onset(
    open_lab: Callable[[str], LabTab], lab: LabServer, artifacts: Path
) -> None:
    """The four banners (words, class, colour) and the onset question, in the live widget."""
    shot = artifacts / "widgets" / "RedFlagChecker-levels.png"
    cells = [BUILD.format(name="RedFlagChecker")]
    drive_widget(
        open_lab, lab, shot, "triage_levels", cells, check_banner_levels_and_onset, widgets=None
    )


@pytest.mark.parametrize("name", WIDGETS)
def test_widget_answers_its_controls(
    name: str, open_lab: Callable[[str], LabTab], lab: LabServer, artifacts: Path
) -> None:
    """The widget renders, and each interaction changes what is shown, correctly."""
    shot = artifacts / "widgets" / f"{name}.png"
    drive_widget(open_lab, lab, shot, f"widget_{name}", [BUILD.format(name=name)], SCENARIOS[name])
