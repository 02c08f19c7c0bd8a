"""Drive one JupyterLab notebook page as a student would, and read back what the page shows."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import ConsoleMessage, Error, Page

# Console errors that are not ours: (pattern, why it is harmless). Empty: with the isolated settings
# (no news, no update check, read-only extension manager) JupyterLab 4.6 logs no error of its own
# in these tests; add an entry only with the reason it cannot come from the course.
CONSOLE_ALLOWLIST: tuple[tuple[re.Pattern[str], str], ...] = ()

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# State of the notebook in the current tab: kernel status and one entry per code cell.
_STATE_JS = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext) { return null; }
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = [];
  panel.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') { return; }
    const prompt = cell.node.querySelector(':scope .jp-InputArea-prompt');
    cells.push({index, count: cell.model.executionCount,
                prompt: prompt ? prompt.textContent.trim() : ''});
  });
  return {kernel: kernel ? kernel.status : 'none', ready: panel.context.isReady, cells};
}"""

# Every output of every code cell, with what the page shows for it.
_OUTPUTS_JS = """(widgetView) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const found = [];
  panel.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') { return; }
    const source = cell.model.sharedModel.getSource().split('\\n')[0].slice(0, 80);
    const outputs = cell.model.outputs.toJSON();
    const children = cell.outputArea ? cell.outputArea.widgets : [];
    outputs.forEach((out, j) => {
      const node = children[j] ? children[j].node : null;
      const data = out.data || {};
      const widgets = node ? Array.from(node.querySelectorAll('.jupyter-widgets')) : [];
      // hidden pictures (display: none, e.g. a quiz question without a figure) do not count
      const imgs = node ? Array.from(node.querySelectorAll('img')).filter(visible) : [];
      found.push({
        cell: index, output: j, source, type: out.output_type,
        name: out.name || '', text: (out.text || '').toString().slice(0, 2000),
        ename: out.ename || '', evalue: out.evalue || '',
        traceback: (out.traceback || []).join('\\n').replace(/\\x1b\\[[0-9;]*m/g, '').slice(-2000),
        isWidget: widgetView in data,
        shown: node ? node.innerText.slice(0, 2000) : '',
        widgetCount: widgets.length,
        widgetVisible: widgets.some(visible),
        brokenImages: imgs.filter((im) => !(im.complete && im.naturalWidth > 0)).length,
        images: imgs.length,
      });
    });
  });
  return found;
}"""


class LoadError(RuntimeError):
    """The notebook page did not come up (the known, intermittent JupyterLab start-up race)."""


@dataclass
class ConsoleLog:
    """Console errors and uncaught exceptions of one page, minus the allow-listed ones."""

    errors: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        text = message.text
        if any(pattern.search(text) for pattern, _why in CONSOLE_ALLOWLIST):
            self.ignored.append(text)
        else:
            self.errors.append(text)


@dataclass
class LabTab:
    """A fresh browser page showing one notebook, and the console errors it logged."""

    page: Page
    console: ConsoleLog
    url: str


@dataclass
class OutputReport:
    """What is wrong with the outputs of a notebook after Run All; empty lists when all is well."""

    errors: list[str] = field(default_factory=list)
    widgets: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    widget_outputs: int = 0

    @property
    def problems(self) -> list[str]:
        return self.errors + self.widgets + self.images


def kernel_state(page: Page) -> dict | None:
    """Kernel status and code-cell prompts of the notebook in the current tab (None: not yet)."""
    return page.evaluate(_STATE_JS)


def open_notebook(page: Page, url: str, timeout_s: float = 60.0) -> None:
    """Go to `url` and wait until the notebook is shown and its kernel is idle.

    Raises LoadError when that does not happen in time (with what the page shows instead).
    """
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=timeout_s * 1000)
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout_s * 1000)
        page.wait_for_function(
            f"() => {{ const s = ({_STATE_JS})(); return s && s.ready && s.kernel === 'idle'; }}",
            timeout=timeout_s * 1000,
            polling=200,
        )
    except Error as exc:
        dialog = page.locator(".jp-Dialog").all_inner_texts()
        raise LoadError(
            f"notebook did not load: {exc.message.splitlines()[0]}; dialogs: {dialog}"
        ) from exc


def menu(page: Page, top: str, item: str) -> None:
    """Click a main-menu entry, e.g. ("Run", "Run All Cells")."""
    page.locator(f"#jp-MainMenu .lm-MenuBar-itemLabel:text-is('{top}')").click()
    page.locator(f".lm-Menu .lm-Menu-itemLabel:text-is('{item}')").click()


def run_all(page: Page, timeout_s: float = 180.0) -> dict:
    """Run All Cells from the Run menu; wait until the kernel is idle and no cell is queued.

    Returns the final state. Stops early when a cell failed (JupyterLab then skips the rest).
    """
    menu(page, "Run", "Run All Cells")
    deadline = time.monotonic() + timeout_s
    settled = 0
    state: dict | None = None
    while time.monotonic() < deadline:
        time.sleep(0.25)
        state = kernel_state(page)
        if state is None:
            continue
        pending = any(c["prompt"] == "[*]:" for c in state["cells"])
        settled = settled + 1 if state["kernel"] == "idle" and not pending else 0
        if settled >= 4:  # one second of quiet: the last cell's widgets have had time to draw
            return state
    raise AssertionError(f"Run All did not finish in {timeout_s}s; last state: {state}")


def unexecuted_cells(state: dict) -> list[int]:
    """Indexes of the code cells that Run All did not execute, in a fresh kernel (1, 2, ...)."""
    expected = range(1, len(state["cells"]) + 1)
    return [c["index"] for c, n in zip(state["cells"], expected, strict=True) if c["count"] != n]


def check_outputs(page: Page) -> OutputReport:
    """Error outputs, widgets that did not render, broken images; 'cell N' is its 0-based index."""
    report = OutputReport()
    error_text = page.locator("text=Error displaying widget").all_inner_texts()
    report.widgets.extend(f"page shows: {t.strip()[:200]}" for t in error_text)
    for out in page.evaluate(_OUTPUTS_JS, WIDGET_VIEW):
        where = f"cell {out['cell']} ({out['source']!r}) output {out['output']}"
        if out["type"] == "error":
            report.errors.append(f"{where}: {out['ename']}: {out['evalue']}\n{out['traceback']}")
        elif out["name"] == "stderr" and re.search(r"Traceback|Error|Exception", out["text"]):
            report.errors.append(f"{where}: stderr:\n{out['text']}")
        if out["isWidget"]:
            report.widget_outputs += 1
            if not out["widgetCount"] or not out["widgetVisible"]:
                report.widgets.append(
                    f"{where}: widget not rendered (found {out['widgetCount']} widget elements, "
                    f"none with a size); page shows {out['shown'][:200]!r}"
                )
        if out["brokenImages"]:
            report.images.append(f"{where}: {out['brokenImages']} of {out['images']} images broken")
    return report


def screenshot_notebook(page: Page, path: Path, max_height: int = 16000) -> None:
    """A picture of the whole notebook: the window is made as tall as the notebook for the shot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    extra = page.evaluate(
        "() => { const p = window.jupyterapp.shell.currentWidget;"
        " const s = p.content.node.querySelector('.jp-WindowedPanel-outer') || p.content.node;"
        " return s.scrollHeight - s.clientHeight; }"
    )
    size = page.viewport_size or {"width": 1280, "height": 900}
    height = min(max_height, size["height"] + int(extra))
    page.set_viewport_size({"width": size["width"], "height": height})
    page.evaluate(
        "() => { const n = window.jupyterapp.shell.currentWidget.content.node;"
        " for (const s of [n, n.querySelector('.jp-WindowedPanel-outer')]) {"
        " if (s) { s.scrollTop = 0; } } }"
    )
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


# Run `code` in the notebook's kernel (not in a cell: nothing is added to the page); returns what
# it printed, or "ERROR name: value".
_KERNEL_EXEC_JS = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  let out = '';
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  future.onIOPub = (msg) => {
    const t = msg.header.msg_type;
    if (t === 'stream') { out += msg.content.text; }
    if (t === 'error') { out += 'ERROR ' + msg.content.ename + ': ' + msg.content.evalue; }
  };
  await future.done;
  return out;
}"""

# SHA-256 of the bytes an <img> shows (blob: or data: URL), or of a <canvas>'s pixels.
_PICTURE_DIGEST_JS = """async (el) => {
  let bytes;
  if (el.tagName === 'CANVAS') {
    bytes = new TextEncoder().encode(el.toDataURL('image/png'));
  } else {
    if (!(el.complete && el.naturalWidth > 0)) { return 'broken'; }
    bytes = await (await fetch(el.src)).arrayBuffer();
  }
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest)).map((b) => b.toString(16).padStart(2, '0')).join('');
}"""


def kernel_exec(page: Page, code: str) -> str:
    """What `code` prints when run in the notebook's kernel; fails on an exception."""
    out = page.evaluate(_KERNEL_EXEC_JS, code)
    if out.startswith("ERROR "):
        raise AssertionError(f"kernel: {out}\ncode:\n{code}")
    return out


def picture_digest(page: Page, selector: str) -> str:
    """A digest of the picture (first <img> or <canvas>) inside `selector`: changes iff it does."""
    element = page.locator(f"{selector}:is(img, canvas), {selector} :is(img, canvas)").first
    element.wait_for(state="visible")
    return page.evaluate(_PICTURE_DIGEST_JS, element.element_handle())


def kernel_log(page: Page) -> list[str]:
    """What the kernel printed outside any cell (e.g. a traceback from a widget callback).

    JupyterLab sends such output to the Log Console, and its status-bar item counts the entries;
    when there are any, the console is opened and its entries read.
    """
    item = page.locator(".jp-LogConsoleStatusItem .jp-StatusBar-GroupItem")
    if not item.count():
        return []
    title = item.first.get_attribute("title") or ""
    match = re.search(r"(\d+) log entr", title)
    if not match or int(match.group(1)) == 0:
        return []
    item.first.click()
    entries = page.locator(".jp-LogConsolePanel .jp-OutputArea-output")
    entries.first.wait_for(state="attached")
    return [text.strip() for text in entries.all_inner_texts()]
