"""Build the static course site: every notebook as one HTML page, plus an index.

    python tools/build_site.py notebooks site

Pages use nbconvert's "lab" template with images embedded, so each page is one self-contained file
that works offline (from file://). For a page without a kernel:
- a widget output shows its static fallback (the picture or HTML the widget also provides) instead
  of a live widget that would need the widget manager from a CDN;
- code that is collapsed in JupyterLab (`jupyter.source_hidden`) and hidden outputs
  (`jupyter.outputs_hidden`) stay collapsed but can be opened (`<details>`); so do cells tagged
  `solution` or `hide-input`/`hide-output`;
- an image's alt text comes from its output metadata (`{"image/png": {"alt": ...}}`).
Outputs that lack a static fallback or alt text are listed on stderr (the e2e tests fail on them).
"""

from __future__ import annotations

import argparse
import base64
import html
import mimetypes
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import nbformat
from nbconvert import HTMLExporter

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
STATIC = ("image/png", "image/jpeg", "image/svg+xml", "text/html")
IMAGES = ("image/png", "image/jpeg")
SOLUTION_TAGS = {"solution"}
HIDE_INPUT_TAGS = {"hide-input", "hide_input"}
HIDE_OUTPUT_TAGS = {"hide-output", "hide_output"}

FOLD = "mt_site_fold"  # cell metadata set by `mark_folds`, read by TEMPLATE (by this name)
TEMPLATE_NAME = "muscletwitch_site.html.j2"
TEMPLATE = r"""
{%- extends 'index.html.j2' -%}
{% block html_head_js_requirejs %}{% endblock html_head_js_requirejs %}
{% block html_head_js_mathjax %}
{%- if resources.needs_mathjax %}{{ super() }}{% endif -%}
{% endblock html_head_js_mathjax %}
{% block html_head_css %}
<style type="text/css">
  .mt-nav { margin: 1em 0 0 1em; font-family: var(--jp-ui-font-family); }
  details.mt-fold > summary { cursor: pointer; color: #1a4f8b; margin: 0.3em 0; }
  /* WCAG AA contrast (axe): the lab theme's grey prompts and a few code colours fall short */
  /* (!important: the theme dims inactive prompts with opacity from very specific selectors) */
  .jp-InputPrompt, .jp-OutputPrompt { color: #595959 !important; opacity: 1 !important; }
  body .highlight .m, body .highlight .mb, body .highlight .mf, body .highlight .mh,
  body .highlight .mi, body .highlight .il, body .highlight .mo { color: #006100; }
  body .highlight .ow { color: #7a1fa8; }
  body .highlight .c, body .highlight .ch, body .highlight .cm, body .highlight .c1,
  body .highlight .cs, body .highlight .cp, body .highlight .cpf { color: #356f6f; }
  /* links inside text are underlined, not told apart by colour alone (the lab theme's own
     ".jp-RenderedHTMLCommon a:link" rule removes the underline: same selectors, later, win) */
  .jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited { text-decoration: underline; }
</style>
{% endblock html_head_css %}
{%- block body_header -%}
{{ super() }}
<nav class="mt-nav" aria-label="Course"><a href="index.html">Course index</a></nav>
{%- endblock body_header -%}
{% macro fold(summary, kind, body) -%}
{%- if summary -%}
<details class="mt-fold mt-{{ kind }}"><summary>{{ summary }}</summary>
{{ body }}
</details>
{%- else -%}
{{ body }}
{%- endif -%}
{%- endmacro %}
{% block any_cell %}{% set body %}{{ super() }}{% endset -%}
{{ fold(cell.metadata.get('mt_site_fold', {}).get('cell'), 'solution', body) }}
{%- endblock any_cell %}
{% block input_group %}{% set body %}{{ super() }}{% endset -%}
{{ fold(cell.metadata.get('mt_site_fold', {}).get('input'), 'code', body) }}
{%- endblock input_group %}
{% block output_group %}{% set body %}{{ super() }}{% endset -%}
{{ fold(cell.metadata.get('mt_site_fold', {}).get('output'), 'output', body) }}
{%- endblock output_group %}
{% block data_png scoped %}{{ image(output, 'image/png', extra_class) }}{% endblock data_png %}
{% block data_jpg scoped %}{{ image(output, 'image/jpeg', extra_class) }}{% endblock data_jpg %}
{% macro image(output, mime, extra_class) %}
{%- set alt = output | get_metadata('alt', mime) -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:{{ mime }};base64,{{ output.data[mime] | escape_html }}"
{%- if alt %} alt="{{ alt | escape_html }}"{% endif %}
{%- set width = output | get_metadata('width', mime) -%}
{%- if width is not none %} width="{{ width | escape_html }}"{% endif %}
{%- set height = output | get_metadata('height', mime) -%}
{%- if height is not none %} height="{{ height | escape_html }}"{% endif %}>
</div>
{% endmacro %}
"""

INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
         color: #1b1b1b; background: #fff; line-height: 1.5; }}
  a {{ color: #1a4f8b; }}
  li {{ margin: 0.4em 0; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>The course notebooks as static pages: every figure is here; to move the sliders, open the
notebooks in JupyterLab (<code>make lab</code>).</p>
<ol>
{items}
</ol>
</main>
</body>
</html>
"""


@dataclass
class Page:
    """One exported notebook: where it went, its title and what a static reader would miss."""

    source: Path
    href: str
    title: str
    no_fallback: list[str] = field(default_factory=list)
    no_alt: list[str] = field(default_factory=list)


def notebook_title(nb: nbformat.NotebookNode, default: str) -> str:
    """The first level-1 heading of the notebook's markdown, else `default`."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if match := re.match(r"^#\s+(.+?)\s*#*\s*$", line):
                return re.sub(r"[*_`]", "", match.group(1))
    return default


def prefer_static(nb: nbformat.NotebookNode, page: Page) -> None:
    """Show each widget's static fallback; note widget outputs and images a reader would miss."""
    nb.metadata.pop("widgets", None)  # no live widgets: they would need a CDN and a kernel state
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            where = f"cell {index} ({cell.source.splitlines()[0][:60] if cell.source else ''!r})"
            if WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                if not any(mime in data for mime in STATIC):
                    page.no_fallback.append(where)
            for mime in IMAGES:
                if mime in data and not output.get("metadata", {}).get(mime, {}).get("alt"):
                    page.no_alt.append(f"{where} {mime}")


def mark_folds(nb: nbformat.NotebookNode) -> None:
    """Note in each cell which parts start collapsed on the page, and the summary to open them.
    A solution (tag ``solution``: code and output collapsed in JupyterLab) folds as one piece."""
    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        hidden = cell.metadata.get("jupyter", {})
        if tags & SOLUTION_TAGS:
            cell.metadata[FOLD] = {"cell": "Show solution"}
            continue
        folds = {
            "input": "Show code" if hidden.get("source_hidden") or tags & HIDE_INPUT_TAGS else "",
            "output": (
                "Show output" if hidden.get("outputs_hidden") or tags & HIDE_OUTPUT_TAGS else ""
            ),
        }
        cell.metadata[FOLD] = {part: text for part, text in folds.items() if text}


def embed_local_images(text: str, base: Path) -> str:
    """Inline `<img src="relative/file.png">` as data URIs, so a page is one file.

    Done here rather than with nbconvert's `embed_images`, which re-parses each raw HTML block on
    its own and so closes an open `<details>` before the markdown it wraps (collapsed solutions
    would lose their content).
    """

    def inline(match: re.Match[str]) -> str:
        src = html.unescape(match.group(2))
        path = base / src
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or not path.is_file():
            return match.group(0)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"{match.group(1)}data:{mime};base64,{data}{match.group(3)}"

    return re.sub(r'(<img\b[^>]*?\bsrc=")([^"]+)(")', inline, text)


def link_pages(text: str, stems: set[str]) -> str:
    """Point links to sibling notebooks (`NN_name.ipynb#part`) at their pages (`NN_name.html`)."""

    def page(match: re.Match[str]) -> str:
        stem = match.group(2)
        return f"{match.group(1)}{stem}.html" if stem in stems else match.group(0)

    return re.sub(r'(<a\b[^>]*?\bhref=")(?:\./)?([\w.-]+)\.ipynb(?=[#"])', page, text)


def exporter() -> HTMLExporter:
    """nbconvert's lab template with the site's additions (output images are data URIs)."""
    return HTMLExporter(
        template_name="lab",
        extra_loaders=[jinja2.DictLoader({TEMPLATE_NAME: TEMPLATE})],
        template_file=TEMPLATE_NAME,
    )


def export(
    source: Path, out_dir: Path, html_exporter: HTMLExporter, stems: set[str] | None = None
) -> Page:
    """Write `source` as `out_dir/<stem>.html`."""
    nb = nbformat.read(source, as_version=4)
    title = nb.metadata.get("title") or notebook_title(nb, source.stem)
    page = Page(source=source, href=f"{source.stem}.html", title=title)
    prefer_static(nb, page)
    mark_folds(nb)
    nb.metadata["title"] = page.title
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    resources = {
        "metadata": {"name": source.stem, "path": str(source.parent)},
        "needs_mathjax": "$" in markdown or "\\(" in markdown,
    }
    body, _ = html_exporter.from_notebook_node(nb, resources=resources)
    body = link_pages(embed_local_images(body, source.parent), stems or {source.stem})
    (out_dir / page.href).write_text(body, encoding="utf-8")
    return page


def write_index(pages: list[Page], out_dir: Path, title: str) -> None:
    """index.html: the notebooks in course order, by title."""
    items = "\n".join(
        f'<li><a href="{html.escape(p.href)}">{html.escape(p.title)}</a></li>' for p in pages
    )
    text = INDEX.format(title=html.escape(title), items=items)
    (out_dir / "index.html").write_text(text, encoding="utf-8")


def build(notebook_dir: Path, out_dir: Path, title: str = "muscletwitch course") -> list[Page]:
    """Export every notebook in `notebook_dir` (sorted by name) and write the index."""
    sources = sorted(notebook_dir.glob("*.ipynb"))
    if not sources:
        raise SystemExit(f"no notebooks in {notebook_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    html_exporter = exporter()
    stems = {source.stem for source in sources}
    pages = [export(source, out_dir, html_exporter, stems) for source in sources]
    write_index(pages, out_dir, title)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", type=Path, help="folder of .ipynb files")
    parser.add_argument("out", type=Path, help="output folder (created)")
    args = parser.parse_args(argv)
    pages = build(args.notebooks, args.out)
    for page in pages:
        for where in page.no_fallback:
            print(f"{page.source}: {where}: widget without a static fallback", file=sys.stderr)
        for where in page.no_alt:
            print(f"{page.source}: {where}: image without alt text", file=sys.stderr)
    print(f"wrote {len(pages)} pages and index.html to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
