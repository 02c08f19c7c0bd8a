"""The course site's accessibility fix to MyST-NB (loaded by tools/course_site.py's book).

MyST-NB's folded cells are `<details>` whose `<summary>` carries aria-label="Toggle hidden
content" while it shows "Show solution": the visible words must be (part of) the name (axe
"label-content-name-mismatch", WCAG 2.5.3). The same HTML, without that label.
"""

from html import escape

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput


def visit_folded_cell(self, node: HideCodeCellNode) -> None:  # noqa: ANN001
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def setup(app) -> dict:  # noqa: ANN001
    app.add_node(HideCodeCellNode, override=True, html=(visit_folded_cell, depart_HideCellInput))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
