"""Render every diagram of muscletwitch.plots to PNG files, to look at them as a student would.

Usage: python benchmarks/gallery.py [OUTPUT_DIR] [--lecture]   (default test-artifacts/gallery/)
"""

from __future__ import annotations

import sys
from pathlib import Path

from muscletwitch import plots
from muscletwitch.plots import examples


def main(argv: list[str]) -> None:
    lecture = "--lecture" in argv
    out = Path(next((a for a in argv if a != "--lecture"), "test-artifacts/gallery"))
    out.mkdir(parents=True, exist_ok=True)
    for name in examples.EXAMPLES:
        fig, drawn = examples.figure(name, lecture=lecture)
        path = out / f"{name}{'-lecture' * lecture}.png"
        path.write_bytes(plots.png_bytes(fig, metadata={"Description": drawn.alt_text}))
        print(f"{path}: {drawn.alt_text}")


if __name__ == "__main__":
    main(sys.argv[1:])
