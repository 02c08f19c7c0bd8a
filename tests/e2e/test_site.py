"""The course website (`make site`, tools/course_site.py) in Chromium, served on loopback only.

build/ is served on 127.0.0.1 (so the site's relative links to ../lite/ resolve when Lite is
built too) to a Chromium that resolves no host but loopback; every request is recorded and one to
any other host is aborted and fails the test. A reader without a kernel must find the course by
search, walk it by its Next links in course.toml's order, see every figure (with its alt text)
and every widget's still picture, open every folded solution, and meet no axe-core violation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from build_lite import serve  # tools/, on the path by pyproject's pythonpath
from conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, missing
from labserver import NOTEBOOKS, REPO
from playwright.sync_api import Page, Route

from muscletwitch.course import load_course

BUILD = REPO / "build"
SITE = BUILD / "site"
COURSE = [n.id for n in load_course().notebooks]
PAGES = ["index", *COURSE]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
OFFLINE_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
# axe rules switched off, each with the reason (none blanket-wise: every other rule applies)
AXE_EXCLUDED: dict[str, str] = {}

_IMAGES_JS = """() => Array.from(document.images).map((img) => {
  const r = img.getBoundingClientRect();
  return {loaded: img.complete && img.naturalWidth > 0, width: r.width, height: r.height,
          alt: img.getAttribute('alt'), src: img.getAttribute('src').slice(0, 60)};
})"""


_TRANSITIONS_DONE_JS = "() => Promise.all(document.getAnimations().map((a) => a.finished))"


@dataclass
class Offsite:
    """Every request to a host that is not loopback (recorded, then aborted)."""

    requests: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname in LOOPBACK:
            route.continue_()
        else:
            self.requests.append(f"{route.request.method} {url}")
            route.abort("blockedbyclient")


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    """build/ on 127.0.0.1; the site's address (build it with `make site`)."""
    if not (SITE / "index.html").exists():
        missing(f"no course site in {SITE}", "build it with `make site`")
    with serve(BUILD) as url:
        yield f"{url}/site"


@pytest.fixture(scope="session")
def offline_browser(browser: object) -> Iterator[object]:
    """A Chromium, launched like the session's, that resolves only loopback."""
    chromium = browser.browser_type.launch(  # type: ignore[attr-defined]
        executable_path=str(CHROMIUM), headless=True, args=OFFLINE_ARGS
    )
    yield chromium
    chromium.close()


@pytest.fixture
def offsite() -> Offsite:
    return Offsite()


@pytest.fixture
def page(offline_browser, offsite: Offsite) -> Iterator[Page]:  # noqa: ANN001
    """A fresh page; after the test, no request may have left loopback."""
    context = offline_browser.new_context(viewport=VIEWPORT)
    context.route("**/*", offsite.route)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
    assert offsite.requests == [], f"requests left loopback: {offsite.requests}"


def open_page(page: Page, site_url: str, name: str) -> None:
    page.goto(f"{site_url}/{name}.html", wait_until="load")


def page_name(page: Page) -> str:
    return Path(unquote(urlsplit(page.url).path)).stem


@pytest.mark.parametrize("name", PAGES)
def test_page_shows_every_picture_and_the_disclaimer(
    name: str, page: Page, site_url: str, artifacts: Path
) -> None:
    """Figures and widgets' pictures load, with alt text; the disclaimer is on the page."""
    open_page(page, site_url, name)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title().strip()
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    images = page.evaluate(_IMAGES_JS)
    (artifacts / "site").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / "site" / f"{name}.png"), full_page=True)
    broken = [i for i in images if not i["loaded"] or not (i["width"] > 0 and i["height"] > 0)]
    assert not broken, f"{name}: broken or invisible images:\n" + "\n".join(map(str, broken))
    no_alt = [i["src"] for i in images if not (i["alt"] or "").strip()]
    assert not no_alt, f"{name}: images without alt text: {no_alt}"
    text = page.inner_text("body")
    assert "we do not diagnose" in text.lower(), f"{name}: no disclaimer"
    assert "999" in text and "112" in text and "911" in text, f"{name}: no emergency numbers"
    assert "Loading widget" not in text, f"{name}: a widget shows no static picture"
    if name != "index":
        nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        assert len(images) >= _pictures(nb), f"{name}: fewer images than the notebook stores"


@pytest.mark.parametrize("name", COURSE)
def test_launch_links(name: str, page: Page, site_url: str) -> None:
    """Each notebook page links to its notebook in JupyterLite, on Binder and on a hub."""
    open_page(page, site_url, name)
    bar = page.locator("nav.mt-launch")
    lite = bar.locator("a.mt-launch-lite").get_attribute("href")
    assert lite == f"../lite/lab/index.html?path={name}.ipynb"
    binder = bar.locator("a.mt-launch-binder").get_attribute("href")
    assert binder.startswith("https://mybinder.org/v2/gh/")
    assert binder.endswith(f"notebooks%2F{name}.ipynb")
    hub = bar.locator("a.mt-launch-hub").get_attribute("href")
    assert "/hub/user-redirect/git-pull?" in hub and hub.endswith(f"notebooks%2F{name}.ipynb")
    download = page.locator(f"a[href$='_sources/{name}.ipynb']").first.get_attribute("href")
    got = page.request.get(f"{site_url}/{download}").body()
    assert got == (NOTEBOOKS / f"{name}.ipynb").read_bytes(), "the download is not the notebook"


def test_lite_links_reach_the_lite_site(page: Page, site_url: str) -> None:
    """With `make lite` built beside the site (make test builds it first), each page's
    JupyterLite link is served; tests/e2e/test_lite.py opens notebooks by the same URL form."""
    if not (BUILD / "lite" / "lab" / "index.html").exists():
        missing("no JupyterLite site in build/lite to link to", "build it with `make lite`")
    for name in COURSE:
        open_page(page, site_url, name)
        href = page.locator("nav.mt-launch a.mt-launch-lite").get_attribute("href")
        response = page.request.get(f"{site_url}/{href}")
        assert response.ok, f"{name}: {href} answers {response.status}"


def test_next_links_walk_the_course_in_order(page: Page, site_url: str) -> None:
    """From the landing page, Next reaches every notebook of course.toml in order, and back."""
    open_page(page, site_url, "index")
    seen = []
    while page.locator("a.right-next").count():
        page.locator("a.right-next").click()
        page.wait_for_load_state("load")
        seen.append(page_name(page))
    assert seen == COURSE
    back = []
    while page.locator("a.left-prev").count():
        page.locator("a.left-prev").click()
        page.wait_for_load_state("load")
        back.append(page_name(page))
    assert back == [*COURSE[-2::-1], "index"]


def test_sidebar_lists_the_course_in_order(page: Page, site_url: str) -> None:
    open_page(page, site_url, "index")
    links = page.locator("nav.bd-links a.reference.internal").evaluate_all(
        "(as) => as.map((a) => a.getAttribute('href'))"
    )
    assert [Path(h).stem for h in links if h != "#"] == COURSE  # "#": the landing page itself


def test_search_finds_fasciculation(page: Page, site_url: str) -> None:
    """Typed into the search box, the word brings results; a result opens its page."""
    open_page(page, site_url, "index")
    page.locator("button.search-button-field").first.click()
    box = page.locator("input[name='q']:visible").first
    box.fill("fasciculation")
    box.press("Enter")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for()
    assert results.count() >= 1
    target = results.first.get_attribute("href")
    results.first.click()
    page.wait_for_load_state("load")
    assert page_name(page) in COURSE, f"result {target} opened {page.url}"
    assert "fasciculation" in page.inner_text("article").lower()


@pytest.mark.parametrize("name", COURSE)
def test_solutions_are_folded(name: str, page: Page, site_url: str) -> None:
    """Every solution starts folded behind "Show solution" and opens on a click."""
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    solutions = sum("solution" in c.metadata.get("tags", []) for c in nb.cells)
    open_page(page, site_url, name)
    folded = page.locator("details.hide:has(summary:has-text('Show solution'))")
    assert folded.count() == solutions, f"{name}: {solutions} solutions, {folded.count()} folded"
    details = page.locator("article details")
    for index in range(details.count()):
        item = details.nth(index)
        assert item.get_attribute("open") is None, f"{name}: <details> #{index} starts open"
        item.locator("summary").first.click()
        assert item.get_attribute("open") is not None, f"{name}: <details> #{index} did not open"
        shown = item.evaluate(
            "(d) => Array.from(d.children).filter((c) => c.tagName !== 'SUMMARY')"
            ".some((c) => c.getBoundingClientRect().height > 0)"
        )
        assert shown, f"{name}: <details> #{index} opens on nothing"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", [*PAGES, "search"])
def test_accessibility(
    name: str, scheme: str, page: Page, site_url: str, axe_script: Path, artifacts: Path
) -> None:
    """axe-core reports no violation, whatever its impact, in either colour mode (the theme
    follows the reader's system setting)."""
    page.emulate_media(color_scheme=scheme)
    open_page(page, site_url, name)
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    # the theme switches after load and its buttons fade their colour in (CSS transitions):
    # axe measured one mid-fade once (black text on the dark background), so let them end
    page.evaluate(_TRANSITIONS_DONE_JS)
    page.add_script_tag(path=str(axe_script))
    options = {
        "resultTypes": ["violations"],
        "rules": {r: {"enabled": False} for r in AXE_EXCLUDED},
    }
    result = page.evaluate("async (o) => await axe.run(document, o)", options)
    out = artifacts / "axe-site" / f"{name}-{scheme}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result["violations"], indent=1), encoding="utf-8")
    lines = []
    for v in result["violations"]:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} elements]")
        lines += [f"    {n['target']}: {n['html'][:160]}" for n in v["nodes"][:5]]
    assert not result["violations"], f"{name}: axe violations (all in {out}):\n" + "\n".join(lines)


def _pictures(nb: nbformat.NotebookNode) -> int:
    """How many image outputs (not widget HTML) the notebook stores: each must reach the page."""
    return sum(
        1
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if any(m in output.get("data", {}) for m in ("image/png", "image/jpeg"))
        and "text/html" not in output.get("data", {})
    )
