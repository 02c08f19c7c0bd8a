"""nbval runs these notebooks with the same kernel environment as tools/run_notebooks.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import run_notebooks  # noqa: E402

run_notebooks.apply_env()
