"""The course in the browser against JupyterLab: site size and time to the first interactive widget.

    python benchmarks/bench_lite.py [--site build/lite] [--notebook 00_start_here.ipynb]

Both are opened in headless Debian Chromium on 127.0.0.1. "First interactive widget": from
opening the notebook's URL until its kernel is idle (Lite: Pyodide and its packages loaded) and,
after Run All, the first widget is drawn and its kernel has answered it. Cold: a fresh browser
profile (nothing cached); warm: the same notebook again in the same profile. Build the site first
(`make lite`); the Lite browser resolves no host but loopback, as in tests/e2e/test_lite.py.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from build_lite import serve  # noqa: E402
from labpage import menu, open_notebook  # noqa: E402
from labserver import NOTEBOOKS, LabServer, copy_notebooks  # noqa: E402

CHROMIUM = os.environ.get("MUSCLETWITCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
WIDGET = ".jp-OutputArea-output .jupyter-widgets"


def first_widget(page: Page, url: str) -> tuple[float, float]:
    """Seconds from opening `url` to an idle kernel, and to the first widget after Run All."""
    start = time.perf_counter()
    open_notebook(page, url, timeout_s=300)
    kernel = time.perf_counter() - start
    menu(page, "Run", "Run All Cells")
    page.locator(WIDGET).first.wait_for(state="visible", timeout=300_000)
    # interactive: the kernel has run the widget's cell and answers (idle again after it)
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
        " === 'idle'",
        timeout=300_000,
    )
    return kernel, time.perf_counter() - start


def cold_and_warm(browser: Browser, url: Callable[[], str]) -> list[tuple[float, float]]:
    """(kernel, widget) seconds in a fresh profile, then again in the same profile."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    times = []
    for _ in ("cold", "warm"):
        page = context.new_page()
        times.append(first_widget(page, url()))
        page.close()
    context.close()
    return times


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "build" / "lite")
    parser.add_argument("--notebook", default="00_start_here.ipynb")
    args = parser.parse_args()
    if not (args.site / "static" / "pyodide").is_dir():
        sys.exit(f"bench_lite: no JupyterLite site in {args.site}: run `make lite` first")
    rows = []
    with sync_playwright() as pw:
        lite_browser = pw.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, OFFLINE])
        with serve(args.site) as base:
            lite = cold_and_warm(
                lite_browser, lambda: f"{base}/lab/index.html?path={args.notebook}"
            )
        lite_browser.close()
        rows += [("JupyterLite", "cold", *lite[0]), ("JupyterLite", "warm", *lite[1])]
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        with tempfile.TemporaryDirectory(prefix="bench_lite-") as tmp:
            copy_notebooks(NOTEBOOKS, Path(tmp) / "root")
            server = LabServer(root=Path(tmp) / "root", home=Path(tmp) / "home")
            try:
                server.start()
                lab = cold_and_warm(browser, lambda: server.notebook_url(args.notebook))
            finally:
                server.stop()
        browser.close()
        rows += [("JupyterLab", "cold", *lab[0]), ("JupyterLab", "warm", *lab[1])]
    pyodide = args.site / "static" / "pyodide"
    print(f"site {args.site}: {size_mb(args.site):.1f} MB ({size_mb(pyodide):.1f} MB Pyodide)")
    print(f"first interactive widget in {args.notebook} (seconds, {os.cpu_count()} cores):")
    print(f"{'':12} {'cache':6} {'kernel idle':>12} {'widget':>8}")
    for app, cache, kernel, widget in rows:
        print(f"{app:12} {cache:6} {kernel:12.1f} {widget:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
