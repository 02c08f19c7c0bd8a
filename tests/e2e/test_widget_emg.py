"""EMGSounds in a real JupyterLab: choose a pattern (trace, words and sound follow) and answer the
listening quiz once, as a student would. Built like tests/e2e/test_widgets.py (its notebook and
helpers); expected values come from the library, asked in the same kernel."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from labpage import LabTab, kernel_exec
from labserver import LabServer
from playwright.sync_api import Page, expect
from test_widgets import BUILD, ask, changed_picture, control, drive_widget

SOURCE = re.compile(r"^(blob:|data:audio/)")  # how an ipywidgets Audio hands its WAV to <audio>


def check_emg_sounds(page: Page) -> None:
    kernel_exec(page, "from muscletwitch import emg")
    player, image, header = "audio.e2e-audio", ".e2e-image", ".e2e-header"
    expect(page.locator(player)).to_have_attribute("src", SOURCE)
    first_source = page.locator(player).get_attribute("src")
    picture = changed_picture(page, image, "")

    name, sounds_like = ask(
        page, "[emg.pattern('myotonic').name, emg.pattern('myotonic').sounds_like]"
    )
    page.locator(f"{control('pattern')} select").select_option(label=name)
    expect(page.locator(f"{header} h3")).to_have_text(name)
    expect(page.locator(header)).to_contain_text(sounds_like)
    expect(page.locator(header)).to_contain_text("not recordings")
    changed_picture(page, image, picture)
    expect(page.locator(player)).not_to_have_attribute("src", first_source)
    expect(page.locator(player)).to_have_attribute("src", SOURCE)
    same = "w.audio.value == emg.wav_bytes(emg.generate('myotonic').sound, emg.AUDIO.fs_hz)"
    assert ask(page, same) is True

    # the quiz: its own player, one answer, the feedback sentence, then the next sound
    expect(page.locator("audio.e2e-quiz_audio")).to_have_attribute("src", SOURCE)
    current = ask(page, "w.quiz.current")
    page.locator(control(f"answer_{current}")).click()
    right = ask(page, f"emg.pattern({current!r}).sounds_like")
    expect(page.locator(".e2e-feedback p.mt-right")).to_contain_text(right)
    expect(page.locator(".e2e-quiz_header")).to_contain_text("Score: 1 of 1")
    page.locator(control("next")).click()
    expect(page.locator(".e2e-quiz_header")).to_contain_text("Sound 2")
    expect(page.locator(".e2e-feedback")).to_have_text("")


def test_emg_sounds_plays_shows_and_quizzes(
    open_lab: Callable[[str], LabTab], lab: LabServer, artifacts: Path
) -> None:
    shot = artifacts / "widgets" / "EMGSounds.png"
    cells = [BUILD.format(name="EMGSounds")]
    drive_widget(open_lab, lab, shot, "widget_EMGSounds", cells, check_emg_sounds)
