"""Build the course website (`make site`): a Jupyter Book 1 from the stored notebooks, not re-run.

    python tools/course_site.py [--notebooks notebooks] [--out build/site] [--hub-url URL]

The book's sources are written into a staging folder (`build/site-src`): the landing page, the
table of contents in course order (`muscletwitch.course.load_course()`, so a new notebook in
course.toml is a new page), the book's configuration, and a copy of each notebook prepared for a
reader without a kernel:
- every widget output keeps only its static fallback (the HTML or picture the widget stores
  beside its view), and the notebook's widget state goes, so no page asks a CDN for a widget
  manager and none shows "Loading widget...";
- a figure's alt text (output metadata ``{"image/png": {"alt": ...}}``) becomes the image's alt;
- solutions (tag ``solution``) fold as a whole ("Show solution"), code or output collapsed in
  JupyterLab (``jupyter.source_hidden`` / ``outputs_hidden``) folds behind a button;
- under the title, links that run the notebook: in the browser (JupyterLite, `make lite`, linked
  relatively as ../lite/), on Binder, and on a JupyterHub through an nbgitpuller link
  (`muscletwitch.hub_link`).
Then `jupyter-book build` renders it (nothing executed) and the HTML lands in `--out`.
A widget output without a static fallback or an image without alt text stops the build.
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from a checkout: the package beside tools/

from muscletwitch.course import load_course  # noqa: E402
from muscletwitch.hub import DEFAULT_BRANCH, REPO_URL, hub_link  # noqa: E402
from muscletwitch.taxonomy import load_taxonomy  # noqa: E402

ASSETS = Path(__file__).resolve().parent / "site_assets"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STATIC = ("image/png", "image/jpeg", "image/svg+xml", "text/html")
IMAGES = ("image/png", "image/jpeg")
EXAMPLE_HUB = "https://hub.example.edu"
LITE_LINK = "../lite/lab/index.html?path={name}"
TITLE = "muscletwitch: a course on muscle twitches"


class SiteError(SystemExit):
    """A notebook the site cannot show as it should; the message names it and what is missing."""


@dataclass(frozen=True)
class Links:
    """Where a page's notebook runs."""

    hub_url: str = EXAMPLE_HUB
    repo: str = REPO_URL
    branch: str = DEFAULT_BRANCH

    def binder(self, name: str) -> str:
        owner_repo = urlsplit(self.repo).path.strip("/").removesuffix(".git")
        path = quote(f"lab/tree/notebooks/{name}", safe="")
        return f"https://mybinder.org/v2/gh/{owner_repo}/{self.branch}?urlpath={path}"

    def hub(self, name: str) -> str:
        return hub_link(self.hub_url, repo=self.repo, branch=self.branch, notebook=name)

    def html(self, name: str) -> str:
        """The launch bar under a page's title (raw HTML: MyST would take a relative link for a
        page of the book; the words stay out of the search index)."""
        hub_note = (
            " (an example address: lecturers build the site with "
            "<code>make site HUB_URL=https://your-hub</code>)"
            if self.hub_url == EXAMPLE_HUB
            else ""
        )
        items = [
            (
                "lite",
                LITE_LINK.format(name=quote(name)),
                "In your browser",
                "JupyterLite, nothing to install",
            ),
            ("binder", self.binder(name), "On Binder", "free, 1 to 2 minutes to start"),
            ("hub", self.hub(name), "On your course's JupyterHub", "nbgitpuller link" + hub_note),
        ]
        lis = "\n".join(
            f'<li><a class="mt-launch-{kind}" href="{html.escape(url)}">{label}</a> ({note})</li>'
            for kind, url, label, note in items
        )
        return (
            '<nav class="mt-launch" aria-label="Run this notebook">\n'
            "<p><strong>Run this notebook</strong> with its live widgets:</p>\n"
            f"<ul>\n{lis}\n</ul>\n</nav>"
        )


def prepare(nb: nbformat.NotebookNode, name: str, links: Links) -> nbformat.NotebookNode:
    """A copy of `nb` for the static page (see the module docstring); raises SiteError."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    problems: list[str] = []
    for index, cell in enumerate(nb.cells):
        where = f"{name} cell {index} ({cell.source.splitlines()[0][:60] if cell.source else ''!r})"
        alts = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if data.pop(WIDGET_VIEW, None) is not None and not any(m in data for m in STATIC):
                problems.append(f"{where}: widget output without a static fallback ({STATIC})")
            for mime in IMAGES:
                if mime in data and "text/html" not in data:
                    alt = output.get("metadata", {}).get(mime, {}).get("alt", "").strip()
                    alts.append(alt)
                    if not alt:
                        problems.append(
                            f"{where}: {mime} output without alt text "
                            "(output metadata {'image/png': {'alt': ...}})"
                        )
        mystnb: dict = {}
        if alts:
            if len(set(alts)) > 1:
                problems.append(f"{where}: {len(alts)} images with different alt texts in one cell")
            mystnb["image"] = {"alt": alts[0]}
        fold(cell, mystnb)
        if mystnb:
            cell.metadata["mystnb"] = mystnb
    if problems:
        raise SiteError("the site cannot show these outputs:\n  " + "\n  ".join(problems))
    nb.cells.insert(_title_cell(nb) + 1, nbformat.v4.new_markdown_cell(links.html(name)))
    return nb


def fold(cell: nbformat.NotebookNode, mystnb: dict) -> None:
    """Tag `cell` for sphinx-togglebutton as it starts in JupyterLab: a solution folds whole."""
    tags = list(cell.metadata.get("tags", []))
    hidden = cell.metadata.get("jupyter", {})
    if "solution" in tags:
        tags.append("hide-cell")
        mystnb["code_prompt_show"] = "Show solution"
        mystnb["code_prompt_hide"] = "Hide solution"
    else:
        if hidden.get("source_hidden"):
            tags.append("hide-input")
        if hidden.get("outputs_hidden"):
            tags.append("hide-output")
    if tags:
        cell.metadata["tags"] = list(dict.fromkeys(tags))


def _title_cell(nb: nbformat.NotebookNode) -> int:
    """The index of the cell with the notebook's level-1 heading (-1: none, launch bar first)."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and re.search(r"^#\s", cell.source, re.M):
            return index
    return -1


def landing_page() -> str:
    """index.md: what the course is, for whom, the notebooks in order, the disclaimer."""
    course = load_course()
    disclaimer = load_taxonomy().disclaimer
    rows = "\n".join(
        f"| {i} | [{n.title}]({n.id}.ipynb) | {n.learn} | {n.minutes} |"
        for i, n in enumerate(course.notebooks)
    )
    total = sum(n.minutes for n in course.notebooks)
    first = course.notebooks[0].id
    return f"""# {TITLE}

A free course, in {len(course.notebooks)} Jupyter notebooks, on why muscles twitch: what a
twitch is, the kinds of involuntary movement, their everyday and their medical causes, when to
see a doctor, and what helps. Each notebook has figures, widgets to explore and questions to
check yourself (about {total} minutes in all).

**For whom.** Students in lectures, where the lecturer projects the notebooks and moves the
widgets live while students follow on laptops or a JupyterHub; and self-learners working
through the course alone, with exercises and self-check quizzes.

:::{{admonition}} We teach, we do not diagnose
:class: important

{disclaimer}
:::

## The course

| No. | Notebook | You learn | Minutes |
| --- | --- | --- | --- |
{rows}

Start with [{course.notebooks[0].title}]({first}.ipynb), then follow the *Next* link at the end
of each page.

## Run the notebooks

These pages show every notebook with its figures and the still picture of every widget. To move
the sliders and answer the quizzes, run a notebook (each page has these links under its title):

- **in your browser**, nothing to install: the JupyterLite version of the course (built with
  `make lite`, beside this site);
- **on Binder** or **on your course's JupyterHub**;
- **on your own computer**: `pip install muscletwitch`, then `muscletwitch lab`.

Sources for every medical statement are cited in the notebooks.
"""


def emergency_numbers(disclaimer: str) -> str:
    """ "999 (UK), 112 (EU) or 911 (US)" from the disclaimer's "(999 in the UK, 112 in ...)"."""
    numbers = re.findall(r"\b(\d{3}) in the ([A-Z]{2})\b", disclaimer)
    if not numbers:
        raise SiteError(
            "the disclaimer (red_flags.toml) names no emergency number in the form "
            "'999 in the UK'; the site's banner needs them"
        )
    parts = [f"{number} ({where})" for number, where in numbers]
    return ", ".join(parts[:-1]) + " or " + parts[-1] if len(parts) > 1 else parts[0]


def toc() -> str:
    """_toc.yml: the landing page, then the notebooks in course.toml's order."""
    chapters = "".join(f"  - file: {n.id}\n" for n in load_course().notebooks)
    return f"format: jb-book\nroot: index\nparts:\n- caption: The course\n  chapters:\n{chapters}"


def config(links: Links) -> str:
    """_config.yml for Jupyter Book (JSON is YAML): nothing executed, nothing from a CDN."""
    disclaimer = load_taxonomy().disclaimer
    announcement = (
        "<strong>We teach, we do not diagnose.</strong> Worried about a symptom? See a doctor. "
        f"Emergency: call {emergency_numbers(disclaimer)}."
    )
    conf = {
        "title": TITLE,
        "author": "the muscletwitch authors",
        "copyright": "the muscletwitch authors (MIT licence)",
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "off"},
        "repository": {"url": links.repo, "path_to_book": "notebooks", "branch": links.branch},
        "launch_buttons": {"notebook_interface": "jupyterlab"},  # our own bar: see Links.html
        "html": {
            "use_repository_button": True,
            "use_issues_button": False,
            "use_edit_page_button": False,
            "announcement": announcement,
            "extra_footer": f"<p class='mt-disclaimer'>{html.escape(disclaimer)}</p>",
            "home_page_in_navbar": True,
        },
        "sphinx": {
            "local_extensions": {"course_a11y": "_ext"},
            "config": {
                "language": "en",
                # pydata-sphinx-theme components with their accessibility fixed (axe)
                "templates_path": ["_templates"],
                "html_css_files": ["course.css"],
                "html_show_sourcelink": False,
                # no widget manager (require.js, html-manager) from a CDN: outputs are static
                "nb_ipywidgets_js": {},
                # the heading anchors links like 05_when_to_see_a_doctor.ipynb#red-flags use
                "myst_heading_anchors": 3,
            },
        },
    }
    return json.dumps(conf, indent=1)


def stage(notebooks: Path, src: Path, links: Links) -> list[str]:
    """Write the book's sources into `src` (emptied first); returns the notebook ids."""
    course = load_course()
    missing = [n.id for n in course.notebooks if not (notebooks / f"{n.id}.ipynb").is_file()]
    if missing:
        raise SiteError(
            f"course.toml lists notebooks that {notebooks} does not hold: {', '.join(missing)} "
            "(build them with `make notebooks`)"
        )
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    shutil.copytree(ASSETS, src, dirs_exist_ok=True)  # _static/, _templates/, _ext/
    for n in course.notebooks:
        name = f"{n.id}.ipynb"
        nb = prepare(nbformat.read(notebooks / name, as_version=4), name, links)
        nbformat.write(nb, src / name)
    (src / "index.md").write_text(landing_page(), encoding="utf-8")
    (src / "_toc.yml").write_text(toc(), encoding="utf-8")
    (src / "_config.yml").write_text(config(links), encoding="utf-8")
    return [n.id for n in course.notebooks]


def build(notebooks: Path, out: Path, links: Links, work: Path | None = None) -> list[str]:
    """Stage, render with `jupyter-book build` (warnings are errors), move the HTML to `out`."""
    work = work or out.parent / f"{out.name}-src"
    src, build_dir = work / "book", work / "out"
    ids = stage(notebooks, src, links)
    shutil.rmtree(build_dir, ignore_errors=True)
    jb = Path(sys.executable).with_name("jupyter-book")
    command = [str(jb), "build", str(src), "--path-output", str(build_dir), "-W", "-n", "-q"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SiteError(
            f"jupyter-book build failed:\n{result.stdout[-4000:]}{result.stderr[-4000:]}"
        )
    shutil.rmtree(out, ignore_errors=True)
    shutil.move(build_dir / "_build" / "html", out)
    shutil.rmtree(out / ".doctrees", ignore_errors=True)
    for notebook_id in ids:  # "Download .ipynb" gives the course's notebook, not the page's copy
        shutil.copyfile(
            notebooks / f"{notebook_id}.ipynb", out / "_sources" / f"{notebook_id}.ipynb"
        )
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebooks", type=Path, default=REPO / "notebooks")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "site")
    parser.add_argument(
        "--hub-url",
        default=EXAMPLE_HUB,
        help=f"the JupyterHub the hub links open (default {EXAMPLE_HUB})",
    )
    args = parser.parse_args(argv)
    links = Links(hub_url=args.hub_url or EXAMPLE_HUB)
    try:
        links.hub("00_start_here.ipynb")
    except ValueError as exc:
        parser.error(f"--hub-url: {exc}")
    start = time.perf_counter()
    ids = build(args.notebooks, args.out, links)
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(
        f"wrote {args.out}/index.html and {len(ids)} notebook pages in "
        f"{time.perf_counter() - start:.1f} s ({size / 2**20:.1f} MiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
