"""How many students one JupyterHub node serves: a whole class runs the whole course at once.

    make bench-hub
    PYTHONPATH=tests python benchmarks/bench_hub.py [--students 5 10 20] [--out hub.json]

For each class size: a fresh hub on 127.0.0.1 (tests/support/classroom.py, the harness of the
hub tests, hence PYTHONPATH=tests); every student logs in, starts a server, pulls the course
with an nbgitpuller link and runs every notebook, all at the same moment, as fast as the
machine lets them (the worst minute of a lecture: everyone presses "Run all" together).
Prints per-student time to start the server and to run all notebooks, per-student peak memory
(RSS of the single-user server plus its kernel, sampled every 0.5 s), and failures. Writes the
figures to --out, which deploy/z2jh-values.yaml is checked against.
Needs the `hub` extra and `npm ci`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

try:
    from support import classroom
except ModuleNotFoundError as e:  # run without tests/ on the path
    raise SystemExit(f"{e}: run `make bench-hub`, or PYTHONPATH=tests {sys.argv[0]}") from e

ROOT = Path(__file__).resolve().parent.parent

MiB = 1024 * 1024


def summarise(cls: classroom.ClassRun) -> dict:
    """The figures of one class: medians and worst cases per student."""
    done = [s for s in cls.students if not s.error]
    nb_s = [s.notebook_s for s in done] or [0.0]
    rss = [s.peak_rss_mib for s in done] or [0.0]
    spawn = [s.spawn_s for s in done] or [0.0]
    n_notebooks = len(done[0].notebooks) if done else 0
    failures = [f"{s.name}: {s.error}" for s in cls.students if s.error]
    failures += [f"{s.name} {f.notebook}[{f.cell}] {f.error}" for s in done for f in s.failures]
    return {
        "students": len(cls.students),
        "failed_students": sum(not s.ok for s in cls.students),
        "failures": failures,
        "notebooks": n_notebooks,
        "spawn_s_median": round(statistics.median(spawn), 1),
        "spawn_s_max": round(max(spawn), 1),
        "course_s_median": round(statistics.median(nb_s), 1),
        "course_s_max": round(max(nb_s), 1),
        "notebook_s_median": round(statistics.median(nb_s) / max(1, n_notebooks), 1),
        "peak_rss_mib_median": round(statistics.median(rss)),
        "peak_rss_mib_max": round(max(rss)),
        "hub_rss_mib": round(cls.hub_rss_mib),
        "wall_s": round(cls.wall_s, 1),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, nargs="+", default=[5, 10, 20])
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "hub.json")
    args = p.parse_args(argv)
    rows = []
    for n in args.students:
        with tempfile.TemporaryDirectory(prefix=f"bench-hub-{n}-") as tmp:
            cls = classroom.run_class(Path(tmp), n)
        print(f"--- {n} students")
        print(classroom.report(cls))
        rows.append(summarise(cls))
    head = (
        f"{'students':>8}{'spawn s':>9}{'course s':>10}{'per nb s':>10}{'max s':>8}"
        f"{'RSS MiB':>9}{'max MiB':>9}{'hub MiB':>9}{'failed':>8}"
    )
    print("\n" + head)
    for r in rows:
        print(
            f"{r['students']:>8}{r['spawn_s_median']:>9}{r['course_s_median']:>10}"
            f"{r['notebook_s_median']:>10}{r['course_s_max']:>8}{r['peak_rss_mib_median']:>9}"
            f"{r['peak_rss_mib_max']:>9}{r['hub_rss_mib']:>9}{r['failed_students']:>8}"
        )
    result = {
        "what": "one JupyterHub node, whole class runs the whole course at once (bench_hub.py)",
        "date": time.strftime("%Y-%m-%d"),
        "machine": {
            "cores": os.cpu_count(),
            "memory_gib": round(psutil.virtual_memory().total / 1024**3),
            "python": platform.python_version(),
        },
        "course_notebooks": [p.name for p in classroom.course_notebooks()],
        "per_student_peak_rss_mib": max(r["peak_rss_mib_max"] for r in rows),
        "classes": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 1 if any(r["failed_students"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
