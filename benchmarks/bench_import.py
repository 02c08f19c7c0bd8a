"""Start-up cost: `import muscletwitch` + load, and `muscletwitch list`, against a bare interpreter.

    python benchmarks/bench_import.py [--runs N]

Each figure is the median of N fresh processes (and, next to it, the minimum: the run the other
work on a shared machine disturbed least), measured in this run next to a baseline
`python -c pass`; the cases take turns (one run of each, then again), so a busy machine slows all of
them alike and the ratio to the bare interpreter stays fair. Next to wall time it prints the CPU
time of each process (user + system), which waiting for a busy CPU does not inflate. Targets
(issue 2), judged on the medians: import + load under 60 ms more than the bare interpreter,
`muscletwitch list` under 150 ms.
"""

from __future__ import annotations

import argparse
import compileall
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15
CASES = {
    "baseline: python -c pass": [sys.executable, "-c", "pass"],
    "import muscletwitch": [sys.executable, "-c", "import muscletwitch"],
    "import + load_taxonomy()": [
        sys.executable,
        "-c",
        "import muscletwitch as mt; mt.load_taxonomy()",
    ],
    "muscletwitch list": [sys.executable, "-m", "muscletwitch", "list"],
}
# the part of each case's wall time that is ours, after subtracting the bare interpreter
TARGETS_MS = {"import + load_taxonomy()": 60.0, "muscletwitch list": 150.0}


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def once_ms(cmd: list[str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one fresh process."""
    cpu, start = _cpu_s(), time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000, (_cpu_s() - cpu) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="fresh processes per case")
    runs_wanted = parser.parse_args(argv).runs
    # an installed wheel has its bytecode compiled by pip; an editable install under
    # PYTHONDONTWRITEBYTECODE=1 (set on the build machine) would recompile every module each run
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "muscletwitch", quiet=1)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in CASES}
    for _ in range(runs_wanted):  # interleaved: every case sees the same load
        for name, cmd in CASES.items():
            times[name].append(once_ms(cmd))
    results = {name: statistics.median(w for w, _ in runs) for name, runs in times.items()}
    cpu = {name: statistics.median(c for _, c in runs) for name, runs in times.items()}
    least = {name: min(w for w, _ in runs) for name, runs in times.items()}
    base = results["baseline: python -c pass"]
    failed = False
    cpu_base = cpu["baseline: python -c pass"]
    print(f"{runs_wanted} runs each; median (min) of wall and CPU time")
    head = f"{'case':<28}{'wall ms':>9}{'x base':>8}{'+ms':>8}{'+ms min':>8}"
    print(head + f"{'cpu ms':>8}{'+cpu':>7}  target")
    for name, ms in results.items():
        target = TARGETS_MS.get(name)
        # import + load is judged on what it adds to the interpreter; `list` on its whole wall time
        judged = ms - base if name.startswith("import") else ms
        verdict = ""
        if target is not None:
            ok = judged < target
            failed |= not ok
            verdict = f"{'PASS' if ok else 'FAIL'} ({judged:.0f} < {target:.0f} ms)"
        extra = f"{least[name] - least['baseline: python -c pass']:8.1f}"
        extra += f"{cpu[name]:8.1f}{cpu[name] - cpu_base:7.1f}"
        print(f"{name:<28}{ms:9.1f}{ms / base:8.2f}{ms - base:8.1f}{extra}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
