"""The course from a wheel, as a self-learner gets it (pip install muscletwitch; muscletwitch lab).

Builds the sdist and, from it, the wheel (`python -m build`, as a release and pip do), installs
the wheel with its dependencies into a fresh virtual environment outside the source tree, and
checks there that `muscletwitch lab --no-browser --dir DIR` copies the course and serves the start
notebook, that every copied notebook runs, and that a learner's edit survives a newer course.

Slow (a venv, a dependency install, every notebook run: 5 to 8 min measured on a busy 2-core
machine): `make wheel`, part of `make test`; `make unit` leaves it out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tools"), str(REPO / "tests" / "e2e")]
from labserver import LabServer  # noqa: E402 (isolated Jupyter directories, free port, token)
from run_notebooks import KERNEL_ENV, problems  # noqa: E402 (the kernel env nbval uses)

NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
START = "00_start_here.ipynb"
EDITED = "03_benign_causes.ipynb"  # the learner edits this one
UNTOUCHED = "04_pathological_causes.ipynb"  # and leaves this one alone

EXECUTE = """
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell, new_notebook


def kernel():
    # local sockets in a folder of its own, not TCP ports: two of these scripts start kernels
    # at the same time, and a port one picked as free could be taken by the other's kernel
    # before its own kernel bound it ("Address already in use")
    sockets = Path(tempfile.mkdtemp(prefix="kernel-")) / "ipc"
    return AsyncKernelManager(kernel_name="python3", transport="ipc", ip=str(sockets))


# the python3 kernel is this environment's, and imports the installed package
probe = new_notebook(cells=[new_code_cell("import muscletwitch, sys; print(sys.prefix)")])
NotebookClient(probe, km=kernel()).execute()
assert probe.cells[0].outputs[0].text.strip() == sys.prefix, probe.cells[0].outputs
out, failed = Path(sys.argv[1]), 0
for path in map(Path, sys.argv[2:]):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, km=kernel(), timeout=300,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as e:
        print(f"FAILED {path.name}: {e}")
        failed += 1
    nbformat.write(nb, out / path.name)
sys.exit(failed)
"""


@dataclass
class Venv:
    root: Path
    timings: dict[str, str]

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    @property
    def shipped(self) -> Path:
        """The course inside the installed package (site-packages/muscletwitch/notebooks)."""
        code = "import muscletwitch, pathlib; print(pathlib.Path(muscletwitch.__file__).parent)"
        out = self.run(self.bin / "python", "-c", code).stdout.strip()
        return Path(out) / "notebooks"

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """`base` (default: this process's) with the venv first on PATH and a home of its own."""
        env = dict(os.environ if base is None else base) | KERNEL_ENV
        env.pop("PYTHONPATH", None)
        env.pop("VIRTUAL_ENV", None)
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        env["HOME"] = str(self.root.parent / "home")
        Path(env["HOME"]).mkdir(exist_ok=True)
        return env

    def run(self, *cmd: str | Path, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
        return subprocess.run(
            list(map(str, cmd)),
            cwd=self.root.parent,  # outside the source tree: nothing imports from the checkout
            env=kw.pop("env", None) or self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=kw.pop("check", True),
            **kw,
        )


def timed(timings: dict[str, str], what: str, *cmd: str | Path, cwd: Path) -> None:
    start = time.perf_counter()
    result = subprocess.run(list(map(str, cmd)), cwd=cwd, capture_output=True, text=True)
    timings[what] = f"{time.perf_counter() - start:.0f} s"
    assert result.returncode == 0, f"{what} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """The sdist, and the wheel built from it, of this checkout."""
    out, timings = tmp_path_factory.mktemp("dist"), {}
    timed(
        timings, "build sdist+wheel", sys.executable, "-m", "build", "--outdir", out, REPO, cwd=REPO
    )
    (sdist,), (wheel,) = out.glob("*.tar.gz"), out.glob("*.whl")
    return sdist, wheel, timings


@pytest.fixture(scope="module")
def venv(dist, tmp_path_factory, request) -> Venv:
    """A fresh virtual environment with the wheel and its dependencies installed."""
    _, wheel, timings = dist

    def report() -> None:  # the figures, also when the run passes
        with request.config.pluginmanager.getplugin("capturemanager").global_and_fixture_disabled():
            print("\ntest_wheel figures:", ", ".join(f"{k} {v}" for k, v in timings.items()))

    request.addfinalizer(report)
    root = tmp_path_factory.mktemp("learner") / "venv"
    timed(timings, "create venv", sys.executable, "-m", "venv", root, cwd=root.parent)
    # --no-compile: bytecode for all of JupyterLab's dependencies costs a minute, and proves nothing
    pip = [root / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-compile"]
    timed(timings, "pip install wheel (with deps)", *pip, wheel, cwd=root.parent)
    return Venv(root, timings)


@contextmanager
def lab(venv: Venv, folder: Path, home: Path) -> Iterator[tuple[LabServer, Path]]:
    """`muscletwitch lab --no-browser --dir folder`, running until the block ends; the server
    (port, token, Jupyter directories in `home`) is set by config files, as a user's would be."""
    server = LabServer(root=folder, home=home)
    env = venv.env(server.env())
    server.write_settings(env)
    config = {
        "ServerApp": {"ip": "127.0.0.1", "port": server.port, "port_retries": 0},
        "IdentityProvider": {"token": server.token},
        "LabApp": {
            "extension_manager": "readonly",
            "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        },
    }
    for name in ("jupyter_server_config.json", "jupyter_lab_config.json"):
        Path(env["JUPYTER_CONFIG_DIR"], name).write_text(json.dumps(config), encoding="utf-8")
    log = home / "lab.log"
    cmd = [venv.bin / "muscletwitch", "lab", "--no-browser", "--dir", folder]
    with log.open("wb") as out:
        process = subprocess.Popen(
            list(map(str, cmd)),
            cwd=home,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server.process = process
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                server.api("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                text = log.read_text(errors="replace")
                assert process.poll() is None, f"muscletwitch lab exited:\n{text[-3000:]}"
                assert time.monotonic() < deadline, f"no answer in 90 s:\n{text[-3000:]}"
                time.sleep(0.25)
        yield server, log
    finally:
        server.stop()  # the whole process group: muscletwitch, JupyterLab and its kernels


def with_new_cell(data: bytes) -> bytes:
    """The notebook `data` as a newer course version would ship it: one cell more."""
    nb = nbformat.reads(data.decode(), as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("New in this version of the course."))
    return nbformat.writes(nb).encode()


def test_sdist_and_wheel_carry_every_notebook_byte_for_byte(dist):
    sdist, wheel, timings = dist
    with tarfile.open(sdist) as tar:
        in_sdist = {Path(n).name for n in tar.getnames() if "/notebooks/" in n}
    assert in_sdist >= set(NOTEBOOKS)
    with zipfile.ZipFile(wheel) as whl:
        shipped = {
            Path(n).name: whl.read(n)
            for n in whl.namelist()
            if n.startswith("muscletwitch/notebooks/") and n.endswith(".ipynb")
        }
    assert shipped == {n: (REPO / "notebooks" / n).read_bytes() for n in NOTEBOOKS}
    for what, path in (("wheel", wheel), ("sdist", sdist)):
        timings[what] = f"{path.stat().st_size / 1e6:.1f} MB"


@dataclass
class FirstRun:
    folder: Path
    messages: str
    start_model: dict
    start_page: str
    listing: set[str]
    package_before: list[Path]
    package_after: list[Path]


def package_files(venv: Venv) -> list[Path]:
    """The installed package's files, bytecode caches aside."""
    files = sorted(venv.shipped.parent.rglob("*"))
    return [p for p in files if "__pycache__" not in p.parts]


@pytest.fixture(scope="module")
def first_run(venv, tmp_path_factory) -> FirstRun:
    """A learner's first `muscletwitch lab --no-browser --dir DIR`, and what the server served."""
    base = tmp_path_factory.mktemp("first-run")
    folder, before = base / "my course", package_files(venv)
    with lab(venv, folder, base / "home") as (server, log):
        model = server.api("GET", f"/api/contents/{START}")
        with urllib.request.urlopen(server.notebook_url(START), timeout=10) as page:
            html = page.read().decode() if page.status == 200 else ""
        listing = {f["name"] for f in server.api("GET", "/api/contents")["content"]}
    return FirstRun(folder, log.read_text(), model, html, listing, before, package_files(venv))


def test_lab_copies_the_course_and_serves_the_start_notebook(venv, first_run):
    assert f"copied {len(NOTEBOOKS)} notebook(s) into {first_run.folder}" in first_run.messages
    assert sorted(p.name for p in first_run.folder.glob("*.ipynb")) == NOTEBOOKS
    for name in NOTEBOOKS:
        assert (first_run.folder / name).read_bytes() == (venv.shipped / name).read_bytes()
    model = first_run.start_model
    assert model["type"] == "notebook" and model["name"] == START
    shipped = nbformat.reads((venv.shipped / START).read_text(), as_version=4)
    assert [c["source"] for c in model["content"]["cells"]] == [c.source for c in shipped.cells]
    assert "JupyterLab" in first_run.start_page
    assert first_run.listing >= set(NOTEBOOKS)
    assert first_run.package_after == first_run.package_before  # nothing written into it


def test_every_copied_notebook_runs_in_the_learners_environment(venv, first_run, tmp_path):
    out = tmp_path / "executed"
    out.mkdir()
    script = tmp_path / "execute.py"
    script.write_text(EXECUTE)
    start = time.perf_counter()
    # two executors, one per core (half the notebooks each), as `make nbval` runs -n 2
    halves = [[first_run.folder / n for n in NOTEBOOKS[i::2]] for i in range(2)]
    with ThreadPoolExecutor(2) as pool:
        runs = pool.map(
            lambda nbs: venv.run(venv.bin / "python", script, out, *nbs, timeout=900, check=False),
            halves,
        )
    venv.timings["execute every notebook (2 at a time)"] = f"{time.perf_counter() - start:.0f} s"
    for result in runs:  # (stderr is the kernels' own log; `problems` checks the outputs)
        assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]
    found = {n: problems(nbformat.read(out / n, as_version=4)) for n in NOTEBOOKS}
    assert found == {n: [] for n in NOTEBOOKS}


def test_an_edit_survives_a_newer_course_and_reset_restores_it(venv, tmp_path):
    folder, home = tmp_path / "course", tmp_path / "home"
    with lab(venv, folder, home):
        pass
    mine = folder / EDITED
    nb = nbformat.read(mine, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("My own notes: ask about magnesium."))
    nbformat.write(nb, mine)
    edited = mine.read_bytes()
    # a newer course: the shipped copies of both notebooks change in the installed package
    originals = {n: (venv.shipped / n).read_bytes() for n in (EDITED, UNTOUCHED)}
    newer = {n: with_new_cell(data) for n, data in originals.items()}
    try:
        for n, data in newer.items():
            (venv.shipped / n).write_bytes(data)
        with lab(venv, folder, home) as (server, log):
            assert server.api("GET", f"/api/contents/{EDITED}")["type"] == "notebook"
        messages = log.read_text()
        assert mine.read_bytes() == edited  # the learner's edit survived
        beside = sorted(folder.glob(f"{EDITED.removesuffix('.ipynb')} (course *).ipynb"))
        assert len(beside) == 1 and beside[0].read_bytes() == newer[EDITED]
        assert f"kept your changed {EDITED}; the newer course version is beside it" in messages
        assert f"as {beside[0].name}" in messages
        assert (folder / UNTOUCHED).read_bytes() == newer[UNTOUCHED]  # updated silently
        assert f"updated to the newer course: {UNTOUCHED}" in messages

        reset = venv.run(venv.bin / "muscletwitch", "lab", "--dir", folder, "--reset", EDITED)
        assert mine.read_bytes() == newer[EDITED]
        assert (folder / f"{EDITED.removesuffix('.ipynb')} (your changes).ipynb").read_bytes() == (
            edited
        )
        assert f"restored {EDITED}" in reset.stdout

        wrong = venv.run(venv.bin / "muscletwitch", "lab", "--reset", "03_benign", check=False)
        assert wrong.returncode == 2 and f"did you mean {EDITED}?" in wrong.stderr
        assert "Traceback" not in wrong.stderr
    finally:
        for n, data in originals.items():
            (venv.shipped / n).write_bytes(data)


RIGHT_CHECK = """
import os, sys
os.chdir(sys.argv[1])  # where the course's kernels run
from muscletwitch.exercises import check, pool
units = pool("04-recruitment-order")
print(check("04-recruitment-order", sorted(units, key=units.get)))
"""


def test_progress_from_a_clean_install_and_after_a_check(venv, first_run):
    """`muscletwitch progress` of the installed package: nothing yet, then a check's result,
    kept in the course folder (where a notebook's check writes it) and read from elsewhere."""
    env = venv.env()
    env.pop("MUSCLETWITCH_PROGRESS", None)  # the tests' own temporary file (conftest): not here
    command = (venv.bin / "muscletwitch", "progress", "--dir", first_run.folder)
    empty = venv.run(*command, env=env)
    assert "Nothing recorded yet" in empty.stdout, empty.stdout
    venv.run(venv.bin / "python", "-c", RIGHT_CHECK, first_run.folder, env=env)
    assert (first_run.folder / "muscletwitch-progress.json").is_file()
    shown = venv.run(*command, env=env).stdout
    row = next(line for line in shown.splitlines() if line.startswith("04_pathological_causes"))
    assert "Nothing recorded" not in shown and "1/2" in row.split(), shown
