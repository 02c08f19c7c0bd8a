"""Cost of running each course notebook, next to a baseline notebook measured in the same run.

    python benchmarks/bench_notebooks.py [NOTEBOOK ...] [--repeat N]   (default: notebooks/*.ipynb)

Per notebook: wall time of "restart kernel and run all" (kernel start to last cell, best of N
fresh kernels) and the kernel's peak resident memory (ru_maxrss, read by one extra final cell).
The baseline notebook, generated in a temporary folder, only imports numpy, matplotlib and
ipywidgets. Targets (issue 5): time < 1.5 x baseline and peak memory < baseline + 40 MB for every
notebook; exits 1 on a miss.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import run_notebooks  # noqa: E402

TIME_RATIO = 1.5
EXTRA_MB = 40.0
PEAK_RSS = (  # ru_maxrss is kilobytes on Linux, bytes on macOS
    "import resource, sys\n"
    "_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "print(_peak / (2**20 if sys.platform == 'darwin' else 2**10))"
)
BASELINE = "import numpy\nimport matplotlib.pyplot as plt\nimport ipywidgets"


def run(path: Path) -> tuple[float, float]:
    """(wall seconds, peak MB) of executing the notebook at ``path`` in a fresh kernel."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_RSS))
    client = NotebookClient(
        nb,
        kernel_name=run_notebooks.KERNEL_NAME,
        timeout=run_notebooks.TIMEOUT_S,
        resources={"metadata": {"path": str(ROOT / "notebooks")}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    out = nb.cells[-1].outputs[-1]
    return seconds, float(out.text.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="fresh kernels per notebook")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        print("no notebooks to measure", file=sys.stderr)
        return 1
    run_notebooks.apply_env()
    with tempfile.TemporaryDirectory() as tmp:
        baseline = Path(tmp) / "baseline.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell(BASELINE)]
        nbformat.write(nb, baseline)
        results: dict[str, list[tuple[float, float]]] = {}
        for _ in range(args.repeat):  # interleaved, so that drift hits every notebook alike
            for path in [baseline, *notebooks]:
                results.setdefault(path.stem, []).append(run(path))
    best = {name: (min(t for t, _ in r), max(m for _, m in r)) for name, r in results.items()}
    base_s, base_mb = best.pop("baseline")
    print(f"baseline (numpy, matplotlib, ipywidgets): {base_s:.2f} s, {base_mb:.0f} MB peak")
    print(f"{'notebook':<40} {'time s':>7} {'ratio':>6} {'peak MB':>8} {'+MB':>6}  verdict")
    misses = 0
    for name, (seconds, mb) in best.items():
        ratio, extra = seconds / base_s, mb - base_mb
        ok = ratio < TIME_RATIO and extra < EXTRA_MB
        misses += not ok
        verdict = "ok" if ok else f"MISS (targets < {TIME_RATIO}x, < +{EXTRA_MB:.0f} MB)"
        print(f"{name:<40} {seconds:7.2f} {ratio:6.2f} {mb:8.0f} {extra:+6.0f}  {verdict}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
