"""Shared fixtures: a writable copy of the data folder for feeding broken data to the loader."""

import shutil
from pathlib import Path

import pytest

import muscletwitch as mt
from muscletwitch.schema import DATA_DIR


class DataCopy:
    """A copy of muscletwitch/data that a test may break, one text replacement at a time."""

    def __init__(self, path: Path):
        self.path = path

    def replace(self, file: str, old: str, new: str, count: int = 1) -> "DataCopy":
        target = self.path / file
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        target.write_text(text.replace(old, new, count), encoding="utf-8")
        return self

    def append(self, file: str, text: str) -> "DataCopy":
        with (self.path / file).open("a", encoding="utf-8") as f:
            f.write(text)
        return self

    def load(self) -> mt.Taxonomy:
        return mt.load_taxonomy(self.path)


@pytest.fixture
def data_copy(tmp_path: Path) -> DataCopy:
    dest = tmp_path / "data"
    shutil.copytree(DATA_DIR, dest)
    return DataCopy(dest)


@pytest.fixture(autouse=True)
def _progress_file(tmp_path_factory, monkeypatch) -> Path:
    """Every test keeps learner progress (quiz clicks, exercise checks) in a fresh temporary file,
    never in the working folder."""
    path = tmp_path_factory.mktemp("progress") / "muscletwitch-progress.json"
    monkeypatch.setenv("MUSCLETWITCH_PROGRESS", str(path))
    return path
