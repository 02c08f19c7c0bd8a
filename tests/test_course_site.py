"""The website's staging (tools/course_site.py) without building it: what each page is given.

The built site is checked in a browser by tests/e2e/test_site.py (`make site-test`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import course_site  # tools/, on the path by pyproject's [tool.pytest.ini_options] pythonpath
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from muscletwitch.course import load_course

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LINKS = course_site.Links(hub_url="https://hub.example.org")
PNG = "iVBORw0KGgo="


def _notebook(*outputs: dict, tags: list[str] | None = None) -> nbformat.NotebookNode:
    cell = new_code_cell("show()", outputs=list(outputs))
    if tags:
        cell.metadata["tags"] = tags
    nb = new_notebook(cells=[new_markdown_cell("# Title\n\nIntro"), cell])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"a": 1}}}
    return nb


def _widget(with_html: bool = True) -> dict:
    data = {course_site.WIDGET_VIEW: {"model_id": "a"}, "text/plain": "VBox()"}
    if with_html:
        data["text/html"] = "<div><img src='data:image/png;base64,x' alt='a trace'></div>"
    return new_output("display_data", data=data)


def _image(alt: str) -> dict:
    return new_output(
        "display_data",
        data={"image/png": PNG, "text/plain": "<Figure>"},
        metadata={"image/png": {"alt": alt}} if alt else {},
    )


def test_widget_keeps_only_its_static_fallback_and_state_goes() -> None:
    nb = course_site.prepare(_notebook(_widget()), "x.ipynb", LINKS)
    data = nb.cells[2].outputs[0].data  # cell 1 is the launch bar under the title
    assert course_site.WIDGET_VIEW not in data and "text/html" in data
    assert "widgets" not in nb.metadata


def test_widget_without_fallback_stops_the_build_naming_the_cell() -> None:
    with pytest.raises(course_site.SiteError, match=r"x\.ipynb cell 1 .*without a static fallback"):
        course_site.prepare(_notebook(_widget(with_html=False)), "x.ipynb", LINKS)


def test_figure_alt_text_reaches_the_image() -> None:
    nb = course_site.prepare(_notebook(_image("Force rises and falls")), "x.ipynb", LINKS)
    assert nb.cells[2].metadata["mystnb"]["image"] == {"alt": "Force rises and falls"}


@pytest.mark.parametrize("outputs", [[_image("")], [_image("one"), _image("two")]])
def test_missing_or_ambiguous_alt_text_stops_the_build(outputs: list[dict]) -> None:
    with pytest.raises(course_site.SiteError, match="alt text"):
        course_site.prepare(_notebook(*outputs), "x.ipynb", LINKS)


def test_solution_folds_whole_and_hidden_parts_fold_alone() -> None:
    nb = _notebook(tags=["solution"])
    nb.cells.append(new_code_cell("x", metadata={"jupyter": {"source_hidden": True}}))
    out = course_site.prepare(nb, "x.ipynb", LINKS)
    solution, hidden = out.cells[2], out.cells[3]
    assert "hide-cell" in solution.metadata["tags"]
    assert solution.metadata["mystnb"]["code_prompt_show"] == "Show solution"
    assert hidden.metadata["tags"] == ["hide-input"]


def test_launch_bar_sits_under_the_title_with_three_ways_to_run() -> None:
    nb = course_site.prepare(_notebook(), "03_x.ipynb", LINKS)
    bar = nb.cells[1].source
    hrefs = dict(re.findall(r'class="mt-launch-(\w+)" href="([^"]+)"', bar))
    assert hrefs["lite"] == "../lite/lab/index.html?path=03_x.ipynb"
    binder = urlsplit(hrefs["binder"].replace("&amp;", "&"))
    assert binder.netloc == "mybinder.org"
    assert parse_qs(binder.query)["urlpath"] == ["lab/tree/notebooks/03_x.ipynb"]
    hub = urlsplit(hrefs["hub"].replace("&amp;", "&"))
    assert (hub.netloc, hub.path) == ("hub.example.org", "/hub/user-redirect/git-pull")
    assert parse_qs(hub.query)["urlpath"][0].endswith("/notebooks/03_x.ipynb")


def test_toc_and_landing_page_follow_course_toml() -> None:
    ids = [n.id for n in load_course().notebooks]
    assert re.findall(r"- file: (\S+)", course_site.toc()) == ids
    page = course_site.landing_page()
    assert re.findall(r"\]\((\w+)\.ipynb\)", page)[: len(ids)] == ids
    assert "we do not diagnose" in page.lower() and "999" in page


def test_config_runs_nothing_and_loads_no_widget_manager() -> None:
    conf = json.loads(course_site.config(LINKS))
    assert conf["execute"]["execute_notebooks"] == "off"
    assert conf["sphinx"]["config"]["nb_ipywidgets_js"] == {}
    assert "999" in conf["html"]["announcement"]


def test_emergency_numbers_come_from_the_disclaimer() -> None:
    text = "Call emergency services (999 in the UK, 112 in the EU, 911 in the US) for ..."
    assert course_site.emergency_numbers(text) == "999 (UK), 112 (EU) or 911 (US)"
    with pytest.raises(course_site.SiteError, match="emergency number"):
        course_site.emergency_numbers("See a doctor.")


def test_stage_refuses_a_course_notebook_that_is_missing(tmp_path: Path) -> None:
    with pytest.raises(course_site.SiteError, match="make notebooks"):
        course_site.stage(tmp_path / "none", tmp_path / "src", LINKS)


@pytest.mark.parametrize("notebook", [n.id for n in load_course().notebooks])
def test_every_stored_notebook_can_be_shown(notebook: str) -> None:
    """Each course notebook has a fallback for every widget and alt text for every figure."""
    path = NOTEBOOKS / f"{notebook}.ipynb"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make notebooks`")
    course_site.prepare(nbformat.read(path, as_version=4), path.name, LINKS)


def test_bad_hub_url_is_refused_with_its_reason(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        course_site.main(["--hub-url", "hub.example.org"])
    assert "--hub-url" in capsys.readouterr().err
