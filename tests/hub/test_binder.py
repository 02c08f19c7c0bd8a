"""Binder: repo2docker renders the image build from binder/ without a Docker engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("repo2docker", reason="needs the hub extra: pip install -e '.[hub]'")

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / "binder"


@pytest.fixture(scope="module")
def rendered() -> subprocess.CompletedProcess[str]:
    r2d = Path(sys.executable).parent / "repo2docker"
    return subprocess.run(
        [str(r2d), "--no-build", "--debug", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_requirements_install_the_package_and_nbgitpuller():
    lines = (BINDER / "requirements.txt").read_text().splitlines()
    reqs = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert "-e ." in reqs, "editable, so the notebooks folder beside the package is the course"
    assert any(r.startswith("nbgitpuller") for r in reqs)


def test_runtime_pins_python_311(rendered):
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    assert "Building conda environment for python=3.11" in rendered.stderr


def test_the_build_installs_the_package(rendered):
    dockerfile = rendered.stdout
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    # the repository is copied in before the install, so `-e .` finds the package
    assert dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/") < dockerfile.index(
        '-r "binder/requirements.txt"'
    )
