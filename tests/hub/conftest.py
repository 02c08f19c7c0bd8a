"""The hub tests drive tools/classroom.py; they need the `hub` extra and `npm ci`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
