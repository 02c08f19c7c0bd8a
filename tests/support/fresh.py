"""Run code in a fresh interpreter: for what a test process, which imported everything long ago,
cannot show (which modules an import loads, what an import does once)."""

import subprocess
import sys
import textwrap


def python_output(code: str) -> str:
    """The stripped standard output of ``python -c code`` (dedented); raises if it fails."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()
