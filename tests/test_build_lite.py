"""tools/build_lite.py: Pyodide files are used only when they match the official lock."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import build_lite  # noqa: E402

GOOD = {"numpy": b"numpy wheel bytes", "six": b"six wheel bytes", "scipy": b"scipy wheel bytes"}


def fake_lock() -> dict[str, object]:
    """A lock like Pyodide's: numpy needs six; scipy is not wanted by anything."""
    packages = {
        name: {
            "name": name,
            "file_name": f"{name}-1.0-py3-none-any.whl",
            "sha256": hashlib.sha256(data).hexdigest(),
            "depends": ["six"] if name == "numpy" else [],
        }
        for name, data in GOOD.items()
    }
    return {"info": {"version": build_lite.PYODIDE_VERSION}, "packages": packages}


@pytest.fixture
def lock(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    lock = fake_lock()
    monkeypatch.setattr(build_lite, "official_lock", lambda: lock)
    monkeypatch.setattr(build_lite, "WANTED", ("numpy",))
    return lock


def mirror(tmp_path: Path, files: dict[str, bytes]) -> str:
    folder = tmp_path / "mirror"
    folder.mkdir()
    for name, data in files.items():
        (folder / f"{name}-1.0-py3-none-any.whl").write_bytes(data)
    return str(folder)


def test_needed_follows_dependencies_and_leaves_the_rest(lock: dict[str, object]) -> None:
    assert sorted(build_lite.needed(lock, ["numpy"])) == ["numpy", "six"]


def test_needed_names_an_unknown_package(lock: dict[str, object]) -> None:
    with pytest.raises(build_lite.BuildError, match="'pandas' is not in Pyodide"):
        build_lite.needed(lock, ["pandas"])


def test_matching_files_are_used(lock: dict[str, object], tmp_path: Path) -> None:
    store, served = build_lite.verified_pyodide([mirror(tmp_path, GOOD)], tmp_path / "cache")
    assert sorted(served["packages"]) == ["numpy", "six"]
    assert (store / "numpy-1.0-py3-none-any.whl").read_bytes() == GOOD["numpy"]
    assert not (store / "scipy-1.0-py3-none-any.whl").exists()


def test_a_mismatching_file_stops_the_build(lock: dict[str, object], tmp_path: Path) -> None:
    tampered = mirror(tmp_path, {**GOOD, "six": b"six wheel bytes, changed"})
    with pytest.raises(SystemExit, match=r"six-1\.0-py3-none-any\.whl does not match"):
        build_lite.verified_pyodide([tampered], tmp_path / "cache")
    # the bad copy is not kept in the cache for the next build
    assert not list((tmp_path / "cache").rglob("six-*.whl"))


def test_an_unreachable_mirror_gives_way_to_the_next(
    lock: dict[str, object], tmp_path: Path
) -> None:
    first = str(tmp_path / "no-such-archive.tar.bz2")
    store, _ = build_lite.verified_pyodide([first, mirror(tmp_path, GOOD)], tmp_path / "cache")
    assert (store / "six-1.0-py3-none-any.whl").exists()


def test_no_mirror_with_the_files_is_an_error(lock: dict[str, object], tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="no mirror had six-1.0-py3-none-any.whl"):
        build_lite.verified_pyodide([mirror(tmp_path, {"numpy": GOOD["numpy"]})], tmp_path / "c")
