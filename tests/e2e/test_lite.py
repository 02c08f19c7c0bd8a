"""The course in the browser (`make lite`): every notebook runs, and nothing leaves the site.

The built site (build/lite, from tools/build_lite.py) is served on 127.0.0.1 and opened in a
Chromium of its own that cannot resolve any host but loopback; on top of that, every request
the pages make is recorded, and one to any other host is aborted and fails the test. So these
tests pass only if the site works from a USB stick or behind a firewall.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, missing
from labpage import (
    LoadError,
    check_outputs,
    open_notebook,
    picture_digest,
    run_all,
    unexecuted_cells,
)
from labserver import REPO, notebook_names
from playwright.sync_api import Page, Route

sys.path.insert(0, str(REPO / "tools"))
from build_lite import serve  # noqa: E402

SITE = REPO / "build" / "lite"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
# Chromium resolves no host name but loopback: a request that slipped past the routing below
# still cannot reach another machine.
OFFLINE_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
# A cold start loads Pyodide and ~30 packages: far slower than JupyterLab's kernel on CI's cores.
KERNEL_START_S = 180.0
# Course notebooks with a widget whose slider redraws its picture (SummationLab, TwitchSimulator)
SLIDER_NOTEBOOKS = ["01_what_is_a_twitch.ipynb", "02_types_of_involuntary_movement.ipynb"]
SLIDER_WIDGET = ".jp-OutputArea-output .jupyter-widgets:has(.widget-slider)"


@dataclass
class Offsite:
    """Every request to a host that is not loopback (recorded, then aborted)."""

    requests: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            self.requests.append(f"{route.request.method} {route.request.url}")
            route.abort("blockedbyclient")

    def on_request(self, request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        host = urlsplit(url).hostname
        if host and host not in LOOPBACK and not url.startswith(("data:", "blob:")):
            entry = f"{request.method} {url}"  # type: ignore[attr-defined]
            if entry not in self.requests:
                self.requests.append(entry)


@pytest.fixture(scope="session")
def lite_site() -> Iterator[str]:
    """The built site on 127.0.0.1 (build it with `make lite`)."""
    if not (SITE / "static" / "pyodide" / "pyodide-lock.json").exists():
        missing(f"no JupyterLite site in {SITE}", "build it with `make lite`")
    with serve(SITE) as url:
        yield url


@pytest.fixture(scope="session")
def offline_browser(browser: object) -> Iterator[object]:
    """A second Chromium, launched like the session's, that resolves only loopback."""
    chromium = browser.browser_type.launch(  # type: ignore[attr-defined]
        executable_path=str(CHROMIUM),
        headless=True,
        args=OFFLINE_ARGS,
    )
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def offsite() -> Offsite:
    return Offsite()


@pytest.fixture(scope="session")
def lite_context(offline_browser, offsite: Offsite) -> Iterator[object]:  # noqa: ANN001
    """One context for all Lite pages, as one student's browser: its cache is shared."""
    context = offline_browser.new_context(viewport=VIEWPORT)
    context.route("**/*", offsite.route)
    context.on("request", offsite.on_request)
    yield context
    context.close()


@pytest.fixture
def open_lite(lite_context, lite_site: str, offsite: Offsite) -> Iterator[object]:  # noqa: ANN001
    """Open a course notebook in Lite; kernel idle on return. Checks no request left loopback."""
    pages: list[Page] = []

    def _open(name: str) -> Page:
        page = lite_context.new_page()
        pages.append(page)
        page.set_default_timeout(30_000)
        try:
            open_notebook(page, f"{lite_site}/lab/index.html?path={name}", KERNEL_START_S)
        except LoadError as exc:
            raise AssertionError(f"{name} did not open in JupyterLite: {exc}") from exc
        return page

    yield _open
    for page in pages:
        page.close()
    assert offsite.requests == [], f"requests left loopback: {offsite.requests}"


def run_notebook(page: Page, name: str) -> None:
    """Run All; every code cell ran in order and no output is an error or a broken widget."""
    state = run_all(page, timeout_s=300)
    assert not unexecuted_cells(state), f"{name}: cells not run: {unexecuted_cells(state)}"
    report = check_outputs(page)
    assert not report.problems, f"{name} in JupyterLite:\n" + "\n".join(report.problems)


@pytest.mark.parametrize("name", notebook_names())
def test_notebook_runs_in_lite(open_lite, offsite: Offsite, name: str) -> None:  # noqa: ANN001
    """Every course notebook, as built into the site, runs all its cells on the Pyodide kernel.

    In the notebooks with a slider widget, the slider is then moved by keyboard: the Python
    callback must send the Image widget a new picture, showing another figure. (One page per
    notebook: a Pyodide start costs more than the checks, so they share it.)
    """
    page = open_lite(name)
    run_notebook(page, name)
    if name.startswith("00_"):
        assert check_outputs(page).widget_outputs, "the start notebook shows no widget"
    if name in SLIDER_NOTEBOOKS:
        slider_redraws_figure(page, name)
    assert offsite.requests == [], f"requests left loopback: {offsite.requests}"


def slider_redraws_figure(page: Page, name: str) -> None:
    """Dragging a slider's handle to the right changes the widget's picture.

    (With the mouse: in JupyterLite 0.5 the arrow keys do not reach a slider's handle, though they
    do in JupyterLab.)
    """
    widget = page.locator(SLIDER_WIDGET).first
    image = widget.locator(".widget-image").first
    image.wait_for(state="visible")
    before_src, before = image.get_attribute("src"), picture_digest(page, SLIDER_WIDGET)
    # the first slider that is enabled (the simulator disables the rate slider for a tremor)
    handle = widget.locator(".widget-slider .noUi-target:not([disabled]) .noUi-handle").first
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    assert box, f"{name}: the slider's handle is not on the page"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y, steps=5)
    page.mouse.up()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and image.get_attribute("src") == before_src:
        time.sleep(0.2)
    assert image.get_attribute("src") != before_src, f"{name}: the picture was not redrawn"
    after = picture_digest(page, SLIDER_WIDGET)
    assert after != before, f"{name}: a new picture was sent, but it shows the same figure"


def test_site_carries_only_what_the_course_needs() -> None:
    """The heavy Pyodide packages the course never imports are not on the site."""
    if not SITE.exists():
        missing(f"no JupyterLite site in {SITE}", "build it with `make lite`")
    shipped = {p.name.split("-")[0].lower() for p in (SITE / "static" / "pyodide").glob("*.whl")}
    assert {"numpy", "matplotlib", "ipywidgets", "muscletwitch"} <= shipped
    assert not shipped & {"pandas", "pyarrow", "scipy", "scikit_learn", "jedi"}
