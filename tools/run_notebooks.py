"""Build and execute the course notebooks, in place, deterministically.

    python tools/run_notebooks.py                      # every notebook in notebooks/
    python tools/run_notebooks.py notebooks/01_what_is_a_twitch.ipynb notebooks/src/02_*.py

A notebook ``notebooks/NN_name.ipynb`` is rebuilt from its build script ``notebooks/src/NN_name.py``
when one exists (the script is the source of truth, see tools/nbbuild.py); a notebook without a
script is re-executed as it is. Each runs in a fresh ``python3`` kernel with cwd ``notebooks/`` and
the environment `KERNEL_ENV` (also applied by notebooks/conftest.py, so nbval sees the same). The
result is canonical: no timing metadata, execution counts 1, 2, 3, ..., widget model ids renumbered
in order of appearance, no Python version. Any error or stderr output fails loudly, naming the
notebook and cell, and leaves the stored notebook untouched.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import nbbuild  # a sibling: tools/ is on sys.path as the script's folder (pytest: pythonpath)
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat import NotebookNode

KERNEL_NAME = "python3"
TIMEOUT_S = 300
KERNEL_ENV = {
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",  # inline PNGs, as in Jupyter
    "PYTHONHASHSEED": "0",  # set and dict-of-set iteration order does not change between runs
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",  # debugpy's "frozen modules" note is not an output
    "TZ": "UTC",
}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


class NotebookError(RuntimeError):
    """A notebook produced an error or stderr output."""


def apply_env() -> None:
    """Put `KERNEL_ENV` into this process's environment; kernels started later inherit it."""
    os.environ.update(KERNEL_ENV)


def find(paths: Iterable[str | Path]) -> list[Path]:
    """The notebooks named by ``paths``: notebooks, build scripts, or folders holding either."""
    found: dict[Path, None] = {}
    for p in map(Path, paths):
        if p.is_dir():
            found.update(dict.fromkeys(sorted(p.glob("*.ipynb"))))
            scripts = [s for s in sorted(p.glob("src/*.py")) if not s.name.startswith("_")]
            found.update(dict.fromkeys(nbbuild.target_of(s) for s in scripts))  # _template.py: no
        elif p.suffix == ".py":
            found[nbbuild.target_of(p)] = None
        elif p.suffix == ".ipynb":
            found[p] = None
        else:
            raise SystemExit(f"{p}: not a notebook, build script or folder")
    return sorted(found)


def fresh(path: Path) -> NotebookNode:
    """The notebook to execute: built from its script, or the stored one with outputs cleared."""
    src = nbbuild.source_of(path)
    if src.exists():
        cells, title = nbbuild.load(src)
        return nbbuild.build(cells, title=title)
    if not path.exists():
        raise SystemExit(f"{path}: no such notebook and no build script {src}")
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def problems(nb: NotebookNode) -> list[str]:
    """Error and stderr outputs, each as 'cell N: text'."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                found.append(f"cell {i}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                found.append(f"cell {i}: stderr: {out.text.strip()[:500]}")
    return found


def canonical(nb: NotebookNode) -> NotebookNode:
    """Strip what changes between runs, and renumber widget model ids deterministically."""
    nb.metadata.get("language_info", {}).pop("version", None)
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            for out in cell.outputs:
                if "execution_count" in out:
                    out.execution_count = count
    return _renumber_widgets(nb)


def _renumber_widgets(nb: NotebookNode) -> NotebookNode:
    """ipywidgets model ids are random uuid4 hex strings: renumber them in order of appearance
    (displayed views cell by cell, then the stored widget state in the kernel's creation order).

    This keeps the stored notebooks' diffs stable. nbval compares against a live kernel, whose
    ids are random again: tests/nbval_sanitize.cfg masks 32-hex-digit ids for that. Both are
    needed."""
    order = [
        out.data[WIDGET_VIEW]["model_id"]
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if WIDGET_VIEW in out.get("data", {})
    ]
    order += list(nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}))
    ids = {old: f"{i:032x}" for i, old in enumerate(dict.fromkeys(order), 1)}
    if not ids:
        return nb
    text = re.sub("|".join(map(re.escape, ids)), lambda m: ids[m.group()], nbformat.writes(nb))
    return nbformat.reads(text, as_version=4)


def execute(path: Path) -> NotebookNode:
    """Execute one notebook in a fresh kernel; NotebookError on error or stderr output."""
    nb = fresh(path)
    client = NotebookClient(
        nb,
        kernel_name=KERNEL_NAME,
        timeout=TIMEOUT_S,
        record_timing=False,
        # outputs arrive after the cell's reply; on a loaded machine nbclient's default 4 s
        # wait dropped a widget's output silently (05's checker, load 12): wait, and fail loudly
        iopub_timeout=60,
        raise_on_iopub_timeout=True,
        store_widget_state=True,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    try:
        client.execute()
    except CellExecutionError as e:
        raise NotebookError(f"{path}: {e}") from None
    found = problems(nb)
    if found:
        raise NotebookError(f"{path}:\n  " + "\n  ".join(found))
    return canonical(nb)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=["notebooks"])
    args = parser.parse_args(argv)
    apply_env()
    failed = []
    for path in find(args.paths):
        start = time.perf_counter()
        try:
            nb = execute(path)
        except NotebookError as e:
            print(f"FAILED {e}", file=sys.stderr)
            failed.append(path)
            continue
        nbformat.write(nb, path)
        print(f"ok {path} ({time.perf_counter() - start:.1f} s)")
    if failed:
        print(f"{len(failed)} notebook(s) failed: {', '.join(map(str, failed))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
