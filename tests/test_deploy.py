"""deploy/z2jh-values.yaml: holds no secret and refuses to start without a class password; sized
from the hub benchmark's measured figures; culls idle servers. tests/hub starts the real
JupyterHub with this file's login (short and missing passwords refused)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
VALUES = ROOT / "deploy" / "z2jh-values.yaml"
MEASURED = ROOT / "benchmarks" / "results" / "hub.json"
# JupyterHub's ByteSpecification, which KubeSpawner applies to these values: binary multiples
UNITS = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
# keys that hold a secret: user_password, admin_password, api_token, apiToken, cookie_secret,
# client_secret, proxy.secretToken, ...
SECRET_KEY = re.compile(r"(password|secret|token|api_?key)$", re.IGNORECASE)


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


def _secrets(node, where: str = "") -> list[str]:
    """Every key in the values that names a secret and holds one, as a dotted path."""
    if isinstance(node, dict):
        found = [
            f"{where}{k}"
            for k, v in node.items()
            if SECRET_KEY.search(str(k)) and v and not isinstance(v, dict | list)
        ]
        return found + [x for k, v in node.items() for x in _secrets(v, f"{where}{k}.")]
    if isinstance(node, list):
        return [x for i, v in enumerate(node) for x in _secrets(v, f"{where}{i}.")]
    return []


def test_values_hold_no_password_or_other_secret(values):
    assert not _secrets(values), "secrets belong in --set-string or a file outside the repository"


def _z2jh_login(values: dict, password: str | None) -> Config:
    """The hub's config as Zero to JupyterHub builds it from these values (hub.config onto `c`,
    then hub.extraConfig by key), with `password` as `helm --set` would pass it."""
    c = Config()
    for app, cfg in values["hub"]["config"].items():
        c[app].update(cfg)
    if password is not None:
        c.SharedPasswordAuthenticator.user_password = password
    for _key, snippet in sorted(values["hub"].get("extraConfig", {}).items()):
        exec(snippet, {"c": c})
    return c


@pytest.mark.parametrize("password", [None, ""], ids=["not-passed", "empty"])
def test_the_hub_config_refuses_to_load_without_a_class_password(values, password):
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "shared-password"
    with pytest.raises(ValueError, match="No class password: pass one at deploy time"):
        _z2jh_login(values, password)


def test_a_class_password_passed_at_deploy_time_is_the_one_used(values):
    c = _z2jh_login(values, "passed-at-deploy-time")
    assert c.SharedPasswordAuthenticator.user_password == "passed-at-deploy-time"
