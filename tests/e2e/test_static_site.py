"""The static site (tools/build_site.py) in Chromium from file://, with the network cut off.

A reader without a kernel must still see every figure and every widget's static picture, open
every collapsed solution, and meet no accessibility barrier that axe-core rates critical.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import build_site  # tools/, on the path by pyproject's [tool.pytest.ini_options] pythonpath
import nbformat
import pytest
from labserver import NOTEBOOKS, REPO, notebook_names
from playwright.sync_api import Page, Route

PAGES = ["index.html", *(f"{Path(n).stem}.html" for n in notebook_names())]
NBCONVERT_PLACEHOLDER_ALT = "No description has been provided for this image"
# axe rules that always fail the page, whatever impact axe gives them; any "critical" one does too
REQUIRED_RULES = {
    "image-alt",
    "html-has-lang",
    "html-lang-valid",
    "document-title",
    "color-contrast",
    "link-in-text-block",  # links are underlined, not told apart by colour alone
    "heading-order",  # widgets' headings continue the notebook's, one level down
    "empty-table-header",
}

# Every <img> on the page: whether it loaded, its size, and where it sits in the notebook.
_IMAGES_JS = """() => Array.from(document.images).map((img) => {
  const cell = img.closest('.jp-Cell');
  const source = cell ? cell.querySelector('.jp-InputArea-editor') : null;
  const r = img.getBoundingClientRect();
  return {
    loaded: img.complete && img.naturalWidth > 0,
    width: r.width, height: r.height,
    alt: img.getAttribute('alt'),
    cell: cell ? cell.id : '(not in a cell)',
    source: source ? source.innerText.trim().split('\\n')[0].slice(0, 80) : '',
    src: img.src.slice(0, 60),
  };
})"""


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from notebooks/ by the real command line."""
    if not PAGES[1:]:
        pytest.skip("no notebooks in notebooks/ yet")
    out = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_site.py"), str(NOTEBOOKS), str(out)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return out


def _offline(route: Route) -> None:
    """Only file:// loads; anything else (CDN scripts, fonts, trackers) is refused."""
    if route.request.url.startswith(("file://", "data:", "blob:")):
        route.continue_()
    else:
        route.abort("internetdisconnected")


@pytest.fixture
def site_page(browser, site: Path) -> Iterator[Page]:  # noqa: ANN001
    """A fresh page in an offline context (network requests aborted)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", _offline)
    page = context.new_page()
    yield page
    context.close()


def open_page(page: Page, site: Path, name: str) -> None:
    """Load `name` from file:// and open every collapsed <details>, so all content shows."""
    page.goto((site / name).as_uri(), wait_until="load")
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.wait_for_timeout(100)


@pytest.mark.parametrize("name", PAGES)
def test_page_shows_every_picture_offline(
    name: str, site_page: Page, site: Path, artifacts: Path
) -> None:
    """Every image loads and has a size: figures and widgets' static pictures alike."""
    open_page(site_page, site, name)
    assert site_page.evaluate("document.documentElement.lang") == "en"
    assert site_page.title().strip()
    images = site_page.evaluate(_IMAGES_JS)
    broken = [i for i in images if not i["loaded"] or not (i["width"] > 0 and i["height"] > 0)]
    site_page.screenshot(path=str(artifacts / "site" / f"{Path(name).stem}.png"), full_page=True)
    assert not broken, f"{name}: broken or invisible images:\n" + "\n".join(map(str, broken))
    notebook_links = site_page.locator("a[href*='.ipynb']").evaluate_all(
        "(as) => as.map((a) => a.getAttribute('href')).filter((h) => !/^[a-z]+:/i.test(h))"
    )
    assert not notebook_links, f"{name}: links to .ipynb files, not pages: {notebook_links}"
    if name != "index.html":
        nb = nbformat.read(NOTEBOOKS / f"{Path(name).stem}.ipynb", as_version=4)
        assert len(images) >= _static_pictures(nb), f"{name}: fewer images than the notebook has"


@pytest.mark.parametrize("name", PAGES[1:])
def test_images_have_alt_text(name: str, site_page: Page, site: Path) -> None:
    """Each image says what it shows (nbconvert's placeholder alt text does not count)."""
    open_page(site_page, site, name)
    missing = [
        f"{i['cell']} ({i['source']!r}): {i['src']}..."
        for i in site_page.evaluate(_IMAGES_JS)
        if not (i["alt"] or "").strip() or i["alt"] == NBCONVERT_PLACEHOLDER_ALT
    ]
    assert not missing, (
        f"{name}: {len(missing)} image(s) without alt text; give these outputs alt text "
        "(output metadata {'image/png': {'alt': drawn.alt_text}}):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("name", notebook_names())
def test_every_widget_output_has_a_static_fallback(name: str) -> None:
    """A widget output carries a picture or HTML for readers without a kernel (DESIGN.md)."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    page = build_site.Page(source=NOTEBOOKS / name, href="", title="")
    build_site.prefer_static(nb, page)
    assert not page.no_fallback, f"{name}: widget outputs without a static fallback: " + ", ".join(
        page.no_fallback
    )


@pytest.mark.parametrize("name", PAGES[1:])
def test_solutions_stay_collapsible(name: str, site_page: Page, site: Path) -> None:
    """Each collapsed solution or hidden code is a closed <details> that opens on a click."""
    nb = nbformat.read(NOTEBOOKS / f"{Path(name).stem}.ipynb", as_version=4)
    folded = sum(
        c.source.count("<details")
        if c.cell_type == "markdown"
        else int(bool(c.metadata.get("jupyter", {}).get("source_hidden")))
        for c in nb.cells
    )
    site_page.goto((site / name).as_uri(), wait_until="load")
    details = site_page.locator("details")
    assert details.count() >= folded, f"{name}: {folded} collapsed parts, {details.count()} shown"
    for index in range(details.count()):
        item = details.nth(index)
        assert item.get_attribute("open") is None, f"{name}: <details> #{index} starts open"
        item.locator("summary").first.click()
        assert item.get_attribute("open") is not None, f"{name}: <details> #{index} did not open"
        content = item.evaluate(
            "(d) => Array.from(d.children).filter((c) => c.tagName !== 'SUMMARY')"
            ".some((c) => { const r = c.getBoundingClientRect(); return r.height > 0; })"
        )
        assert content, f"{name}: <details> #{index} opens on nothing"


def test_index_lists_every_notebook(site_page: Page, site: Path) -> None:
    """index.html links each notebook page once, in course order, by its title."""
    open_page(site_page, site, "index.html")
    links = site_page.locator("main a").evaluate_all(
        "(as) => as.map((a) => [a.getAttribute('href'), a.textContent.trim()])"
    )
    assert [href for href, _ in links] == PAGES[1:]
    assert all(title for _, title in links)


@pytest.mark.parametrize("name", PAGES)
def test_accessibility(
    name: str, site_page: Page, site: Path, axe_script: Path, artifacts: Path
) -> None:
    """axe-core finds no critical violation, no missing alt or language, no low contrast."""
    open_page(site_page, site, name)
    site_page.add_script_tag(path=str(axe_script))
    result = site_page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    out = artifacts / "axe" / f"{Path(name).stem}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result["violations"], indent=1), encoding="utf-8")
    failing = [
        v for v in result["violations"] if v["impact"] == "critical" or v["id"] in REQUIRED_RULES
    ]
    lines = []
    for v in failing:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} elements]")
        lines += [f"    {n['target']}: {n['html'][:160]}" for n in v["nodes"][:5]]
    assert not failing, f"{name}: axe violations (all in {out}):\n" + "\n".join(lines)


def _static_pictures(nb: nbformat.NotebookNode) -> int:
    """How many image outputs the notebook stores (each must reach the page)."""
    return sum(
        1
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if any(m in output.get("data", {}) for m in build_site.IMAGES)
    )
