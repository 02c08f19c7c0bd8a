"""MotorUnitPool in real JupyterLab: the drive slider, the scenario switch, the reinnervation box
and the "new random run" button each change the picture and the numbers the model gives.

Built alone in a small notebook, as tests/e2e/test_widgets.py builds the other widgets (its
notebook cell, selectors and helpers are reused). Expected values come from the kernel's own
model (`kernel_exec`), never from the page under test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from labpage import LabTab, picture_digest
from labserver import LabServer
from playwright.sync_api import Page, expect
from test_widgets import BUILD, ask, changed_picture, control, drive_widget, in_sync, press, settled

HEADER, CAPTION, IMAGE = ".e2e-header", ".e2e-caption", ".e2e-image"


def check_motor_unit_pool(page: Page) -> None:
    picture = picture_digest(page, IMAGE)
    expect(page.locator(f"{HEADER} h3")).to_have_text(ask(page, "pool.SCENARIOS['voluntary'].name"))

    # the drive slider by keyboard: recruitment and force follow the model in the kernel
    start = ask(page, "w.controls['drive'].value")
    press(page, control("drive"), "ArrowRight", 10)
    settled(page, "w.controls['drive'].value", start + 10)
    in_sync(page, "round(w.controls['drive'].value)", HEADER, "Drive {} %")
    expected = ask(
        page,
        "(lambda r: f'{len(r.active)} of {len(r.spikes)} units fire')"
        "(pool.simulate('voluntary', w.controls['drive'].value / 100, seed=w.seed))",
    )
    expect(page.locator(HEADER)).to_contain_text(expected)
    picture = changed_picture(page, IMAGE, picture)

    # a fasciculation: one unit, at rest; the drive slider is disabled
    name = ask(page, "pool.SCENARIOS['fasciculation'].name")
    page.locator(f"{control('scenario')} select").select_option(label=name)
    expect(page.locator(f"{HEADER} h3")).to_have_text(name)
    unit = ask(page, "pool.simulate('fasciculation', seed=w.seed).active[0]")
    expect(page.locator(HEADER)).to_contain_text(f"only unit {unit} discharges, once")
    expect(page.locator(f"{control('drive')} .noUi-target")).to_have_attribute("disabled", "true")
    picture = changed_picture(page, IMAGE, picture)

    # a new random run: the kernel's seed moves on and the picture changes
    page.locator(control("again")).click()
    settled(page, "w.seed", 1)
    unit = ask(page, "pool.simulate('fasciculation', seed=1).active[0]")
    expect(page.locator(HEADER)).to_contain_text(f"only unit {unit} discharges, once")
    picture = changed_picture(page, IMAGE, picture)

    # a lost motor neuron, then reinnervation by a unit nearby
    name = ask(page, "pool.SCENARIOS['denervation'].name")
    page.locator(f"{control('scenario')} select").select_option(label=name)
    lost = ask(page, "pool.simulate('denervation', 0.5).lost_unit")
    expect(page.locator(HEADER)).to_contain_text(f"Unit {lost} stays silent")
    picture = changed_picture(page, IMAGE, picture)
    page.locator(f"{control('reinnervate')} input[type=checkbox]").check()
    adopter = ask(page, "pool.simulate('denervation', 0.5, reinnervated=True).adopter")
    expect(page.locator(HEADER)).to_contain_text(f"Unit {adopter} (orange) now has")
    changed_picture(page, IMAGE, picture)
    expect(page.locator(CAPTION)).to_contain_text("Daube")


def test_motor_unit_pool_answers_its_controls(
    open_lab: Callable[[str], LabTab], lab: LabServer, artifacts: Path
) -> None:
    build = BUILD.format(name="MotorUnitPool").replace(
        "from muscletwitch import widgets", "from muscletwitch import pool, widgets"
    )
    shot = artifacts / "widgets" / "MotorUnitPool.png"
    drive_widget(open_lab, lab, shot, "widget_MotorUnitPool", [build], check_motor_unit_pool)
