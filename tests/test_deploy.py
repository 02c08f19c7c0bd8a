"""deploy/z2jh-values.yaml: sized from the hub benchmark's measured figures, culls idle servers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
VALUES = ROOT / "deploy" / "z2jh-values.yaml"
MEASURED = ROOT / "benchmarks" / "results" / "hub.json"
# JupyterHub's ByteSpecification, which KubeSpawner applies to these values: binary multiples
UNITS = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def to_bytes(spec: str | int) -> int:
    """'384M' -> bytes, as JupyterHub reads singleuser.memory (M = MiB)."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT]?)", str(spec).strip())
    assert m, f"not a JupyterHub memory size: {spec!r}"
    return int(float(m[1]) * UNITS.get(m[2], 1))


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load(VALUES.read_text())


@pytest.fixture(scope="module")
def measured() -> dict:
    return json.loads(MEASURED.read_text())


def test_memory_guarantee_covers_the_measured_peak_per_student(values, measured):
    memory = values["singleuser"]["memory"]
    peak = measured["per_student_peak_rss_mib"] * 2**20
    assert peak > 0
    assert to_bytes(memory["guarantee"]) >= peak
    assert to_bytes(memory["limit"]) >= 2 * peak, "room for a second kernel"


def test_cpu_guarantee_matches_the_largest_class_that_ran_clean(values, measured):
    cpu = values["singleuser"]["cpu"]
    clean = [c["students"] for c in measured["classes"] if not c["failed_students"]]
    assert clean, "the benchmark has a class size without failures"
    per_student = measured["machine"]["cores"] / max(clean)
    assert cpu["guarantee"] >= per_student - 1e-9
    assert cpu["limit"] >= 1 >= cpu["guarantee"] > 0


def test_idle_servers_and_kernels_are_culled(values):
    cull = values["cull"]
    assert cull["enabled"] is True and 0 < cull["timeout"] <= 4 * 3600
    kernels = values["singleuser"]["extraFiles"]["kernel-culling"]["data"]
    assert kernels["MappingKernelManager"]["cull_idle_timeout"] > 0


def test_image_is_the_binder_build_opening_jupyterlab(values):
    single = values["singleuser"]
    assert single["image"]["name"] and single["defaultUrl"] == "/lab"
    assert single["cmd"] == "jupyterhub-singleuser"
    reqs = (ROOT / "binder" / "requirements.txt").read_text()
    assert "-e ." in reqs and "nbgitpuller" in reqs, "the image can pull the course"
