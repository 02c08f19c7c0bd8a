"""Cost of running each course notebook, next to a baseline notebook measured in the same run.

    PYTHONPATH=tools python benchmarks/bench_notebooks.py [NOTEBOOK ...] [--rounds N]

(default: notebooks/*.ipynb; `make bench` sets PYTHONPATH).

Per notebook: wall time of "restart kernel and run all" (nbclient's execute: a fresh kernel's start,
every cell, and the kernel's shutdown, which a restart in JupyterLab also waits for; "exit s" is
that last part, from the final cell's end until the kernel has gone) and the kernel's peak
resident memory and CPU time (getrusage, read by one extra final cell). The
baseline notebook, generated in a temporary folder, only imports numpy, matplotlib and ipywidgets.
Under each notebook: its cells' total and its costliest cells (kernel busy time, median over
rounds), to find where a notebook's time goes; the baseline's line gives its import cell's time,
to compare with a course notebook's first cell.

The machine's speed drifts by tens of per cent within minutes, so the runs go in rounds (the
baseline, then every notebook) and each notebook's ratio is the median over rounds of its time
divided by the baseline's time in the same round. Targets (issue 5): ratio < 1.5 and peak memory
< baseline + 40 MB for every notebook; exits 1 on a miss.

The package's bytecode is compiled first, as pip compiled the baseline's numpy, matplotlib and
ipywidgets: an editable install under PYTHONDONTWRITEBYTECODE=1 (set on the build machine) would
otherwise compile muscletwitch afresh in every kernel, which a student's install does once.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import nbformat
from nbclient import NotebookClient

try:
    import run_notebooks  # tools/: `make bench` puts it on PYTHONPATH
except ModuleNotFoundError:
    sys.exit("tools/ is not on the path: run `make bench`, or PYTHONPATH=tools python " + __file__)

ROOT = Path(__file__).resolve().parent.parent

TIME_RATIO = 1.5
EXTRA_MB = 40.0
USAGE = (  # peak MB (ru_maxrss is kilobytes on Linux, bytes on macOS) and CPU seconds
    "import resource, sys\n"
    "_use = resource.getrusage(resource.RUSAGE_SELF)\n"
    "print(_use.ru_maxrss / (2**20 if sys.platform == 'darwin' else 2**10),"
    " _use.ru_utime + _use.ru_stime)"
)
BASELINE = "import numpy\nimport matplotlib.pyplot as plt\nimport ipywidgets"
COSTLIEST = 3  # cells listed per notebook: where its time goes


def cell_seconds(cell: nbformat.NotebookNode) -> float:
    """How long the kernel was busy with ``cell`` (nbclient records the busy and idle times)."""
    timing = cell.metadata["execution"]
    busy, idle = (datetime.fromisoformat(timing[f"iopub.status.{k}"]) for k in ("busy", "idle"))
    return (idle - busy).total_seconds()


def code_sources(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def cell_label(source: str) -> str:
    """A cell's last line of code, shortened: what it shows."""
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith("#")]
    return lines[-1].strip()[:48] if lines else ""


class Run(NamedTuple):
    """One execution of a notebook in a fresh kernel."""

    seconds: float  # wall time, kernel start to kernel gone
    peak_mb: float
    cpu_s: float  # the kernel's, until its last cell
    cells: list[float]  # kernel busy seconds of each code cell
    exit_s: float  # from the last cell's end until the kernel has gone


def run(path: Path) -> Run:
    """Execute the notebook at ``path`` in a fresh kernel."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(USAGE))
    client = NotebookClient(
        nb,
        kernel_name=run_notebooks.KERNEL_NAME,
        timeout=run_notebooks.TIMEOUT_S,
        resources={"metadata": {"path": str(ROOT / "notebooks")}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    finished = datetime.now(UTC)  # the cells' times come from the kernel's clock, in UTC
    last_idle = datetime.fromisoformat(nb.cells[-1].metadata["execution"]["iopub.status.idle"])
    peak_mb, cpu_s = (float(x) for x in nb.cells[-1].outputs[-1].text.split())
    cells = [cell_seconds(c) for c in nb.cells[:-1] if c.cell_type == "code"]
    return Run(seconds, peak_mb, cpu_s, cells, (finished - last_idle).total_seconds())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5, help="fresh kernels per notebook")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        print("no notebooks to measure", file=sys.stderr)
        return 1
    run_notebooks.apply_env()
    compileall.compile_dir(ROOT / "muscletwitch", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        baseline = Path(tmp) / "baseline.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell(BASELINE)]
        nbformat.write(nb, baseline)
        run(baseline)  # warm-up, not counted: the first kernel after a pause starts cold
        results: dict[str, list[Run]] = {}
        for _ in range(args.rounds):
            for path in [baseline, *notebooks]:
                results.setdefault(path.stem, []).append(run(path))
        sources = {p.stem: code_sources(p) for p in notebooks}
    base = results.pop("baseline")
    base_times = [r.seconds for r in base]
    base_s = statistics.median(base_times)
    base_mb = max(r.peak_mb for r in base)
    base_cpu = statistics.median(r.cpu_s for r in base)
    base_exit = statistics.median(r.exit_s for r in base)
    print(
        f"baseline (numpy, matplotlib, ipywidgets): {base_s:.2f} s wall (median of "
        f"{args.rounds}, range {min(base_times):.2f}-{max(base_times):.2f}), "
        f"{base_cpu:.2f} s CPU, {base_mb:.0f} MB peak, exit {base_exit:.2f} s; its import cell "
        f"{statistics.median(r.cells[0] for r in base):.2f} s"
    )
    print(
        f"{'notebook':<34} {'wall s':>6} {'ratio':>6} {'range':>11} {'CPU s':>6} {'ratio':>6}"
        f" {'peak MB':>8} {'+MB':>4} {'exit s':>6}  verdict"
    )
    misses = 0
    for name, runs in results.items():
        ratios = [r.seconds / b.seconds for r, b in zip(runs, base, strict=True)]
        ratio = statistics.median(ratios)
        seconds = statistics.median(r.seconds for r in runs)
        cpu = statistics.median(r.cpu_s for r in runs)
        exit_s = statistics.median(r.exit_s for r in runs)
        extra = max(r.peak_mb for r in runs) - base_mb
        ok = ratio < TIME_RATIO and extra < EXTRA_MB
        misses += not ok
        verdict = "ok" if ok else f"MISS (targets < {TIME_RATIO}x, < +{EXTRA_MB:.0f} MB)"
        print(
            f"{name:<34} {seconds:6.2f} {ratio:6.2f} {min(ratios):5.2f}-{max(ratios):<5.2f}"
            f" {cpu:6.2f} {cpu / base_cpu:6.2f} {extra + base_mb:8.0f} {extra:+4.0f}"
            f" {exit_s:6.2f}  {verdict}"
        )
        per_cell = [statistics.median(r.cells[i] for r in runs) for i in range(len(runs[0].cells))]
        top = sorted(range(len(per_cell)), key=per_cell.__getitem__, reverse=True)[:COSTLIEST]
        print(
            f"    cells {sum(per_cell):.2f} s; costliest: "
            + "; ".join(f"[{i}] {cell_label(sources[name][i])} {per_cell[i]:.2f}" for i in top)
        )
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
