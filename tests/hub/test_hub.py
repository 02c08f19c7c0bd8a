"""A real JupyterHub on 127.0.0.1: a class logs in, pulls the course with an nbgitpuller
link built by `hub_link`, and runs every notebook of the course at once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytest.importorskip("jupyterhub", reason="needs the hub extra: pip install -e '.[hub]'")
pytest.importorskip("nbgitpuller", reason="needs the hub extra: pip install -e '.[hub]'")

import classroom  # noqa: E402  (tools/, put on sys.path by conftest.py)

STUDENTS = ["ada", "ben", "chloe"]
BUDGET_S = 120  # the whole class, spawn to last cell, on a 2-core CI machine


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory):
    with classroom.running_hub(tmp_path_factory.mktemp("hub")) as hub:
        yield hub


@pytest.fixture(scope="module")
def course_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return classroom.make_course_repo(tmp_path_factory.mktemp("origin"))


def test_the_course_has_notebooks():
    names = [p.name for p in classroom.course_notebooks()]
    assert names and names[0] == "00_start_here.ipynb", names


def test_wrong_class_password_is_refused(hub):
    with pytest.raises(classroom.ClassroomError, match="refused"):
        classroom.log_in(hub, "mallory", password="not-the-class-password")


def test_a_class_runs_every_notebook(hub, course_repo):
    notebooks = [p.name for p in classroom.course_notebooks()]
    t0 = time.monotonic()
    cls = classroom.teach(hub, STUDENTS, course_repo.as_uri(), notebooks)
    elapsed = time.monotonic() - t0
    print(classroom.report(cls))
    for student in cls.students:
        assert not student.error, f"{student.name}: {student.error}"
        assert [Path(n.path).name for n in student.notebooks] == notebooks
        assert not student.failures, "\n".join(
            f"{student.name} {f.notebook} cell {f.cell}: {f.error}" for f in student.failures
        )
        home = hub.workdir / "home" / student.name / course_repo.name / "notebooks"
        assert sorted(p.name for p in home.glob("*.ipynb")) == sorted(notebooks), "pulled course"
    assert all(n.cells > 0 for s in cls.students for n in s.notebooks)
    assert elapsed < BUDGET_S, f"the class took {elapsed:.0f} s (budget {BUDGET_S} s)"
