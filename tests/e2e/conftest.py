"""Fixtures for the real-browser tests: one JupyterLab server and one Chromium for the session.

Without Chromium the tests skip (locally) or fail (CI=true). Playwright never downloads a browser:
it drives Debian's /usr/bin/chromium (or $MUSCLETWITCH_CHROMIUM).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from labpage import ConsoleLog, LabTab, LoadError, open_notebook
from labserver import NOTEBOOKS, REPO, LabServer, copy_notebooks

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path(os.environ.get("MUSCLETWITCH_CHROMIUM", "/usr/bin/chromium"))
# No GPU, no sandbox (root in CI), and nothing that phones home: the machine has no network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
IN_CI = os.environ.get("CI", "").lower() == "true"


def missing(what: str, how: str) -> None:
    """Skip locally, fail in CI: a missing browser must not turn CI green."""
    message = f"{what}; {how}"
    if IN_CI:
        pytest.fail(f"CI=true: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ (git-ignored): screenshots and reports to look at after a run."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the whole session."""
    if not CHROMIUM.exists():
        missing(
            f"Chromium not found at {CHROMIUM}",
            "install it with `apt-get install chromium` (Debian) or set MUSCLETWITCH_CHROMIUM",
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is not installed", "run `pip install -e '.[test]'`")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory, browser: object) -> Iterator[LabServer]:
    """JupyterLab on 127.0.0.1 (random port, token, isolated dirs) serving a copy of notebooks/."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    if NOTEBOOKS.is_dir():
        copy_notebooks(NOTEBOOKS, root)
    else:
        root.mkdir()
    server = LabServer(root=root, home=base / "home")
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def lab_context(browser, lab: LabServer) -> Iterator[object]:  # noqa: ANN001
    """One browser context for all JupyterLab pages: its HTTP cache saves reloading the app."""
    context = browser.new_context(viewport=VIEWPORT)
    yield context
    context.close()


@pytest.fixture
def open_lab(lab_context, lab: LabServer) -> Iterator[Callable[[str], LabTab]]:  # noqa: ANN001
    """Open a notebook (path under the served root) in a fresh page; kernel idle on return.

    A page that does not come up is retried once, on a new page (JupyterLab's intermittent
    start-up race); nothing else is retried. Pages are closed and kernels shut down afterwards.
    """
    pages: list[object] = []

    def _open(relpath: str) -> LabTab:
        url = lab.notebook_url(relpath)
        for attempt in (1, 2):
            page = lab_context.new_page()
            pages.append(page)
            page.set_default_timeout(30_000)
            console = ConsoleLog()
            console.attach(page)
            try:
                open_notebook(page, url)
                return LabTab(page=page, console=console, url=url)
            except LoadError as exc:
                page.close()
                pages.remove(page)
                lab.shutdown_kernels()
                if attempt == 2:
                    raise AssertionError(
                        f"{relpath}: {exc}\nserver log:\n{lab.log_tail()}"
                    ) from exc
        raise AssertionError("unreachable")

    yield _open
    for page in pages:
        page.close()
    lab.shutdown_kernels()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's browser bundle from node_modules/, installed with `npm ci` when missing."""
    script = REPO / "node_modules" / "axe-core" / "axe.min.js"
    if script.exists():
        return script
    npm = shutil.which("npm")
    if npm is None:
        missing("npm not found (needed for axe-core)", "install Node.js and npm, then `npm ci`")
    result = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0 or not script.exists():
        missing(f"`npm ci` failed ({result.returncode}): {result.stderr[-1000:]}", "run `npm ci`")
    return script
