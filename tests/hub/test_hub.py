"""A real JupyterHub on 127.0.0.1 with the login of deploy/z2jh-values.yaml: it refuses to start
without a proper class password; a class logs in, pulls the course with an nbgitpuller link built
by `hub_link` and runs every notebook at once; students cannot reach each other's servers or
files; the course run's service token can do only what the run needs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytest.importorskip("jupyterhub", reason="needs the hub extra: pip install -e '.[hub]'")
pytest.importorskip("nbgitpuller", reason="needs the hub extra: pip install -e '.[hub]'")

import requests  # noqa: E402  (the hub extra)
from support import classroom  # noqa: E402  (tests/support: tests/ is on sys.path, see conftest)

STUDENTS = ["ada", "ben", "chloe"]
REFUSED = (403, 404)  # JupyterHub answers 404 where saying "forbidden" would confirm a user exists


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory):
    password = classroom.class_password()
    with classroom.running_hub(tmp_path_factory.mktemp("hub"), password=password) as hub:
        yield hub


@pytest.fixture(scope="module")
def course_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return classroom.make_course_repo(tmp_path_factory.mktemp("origin"))


@pytest.fixture(scope="module")
def lesson(hub, course_repo):
    """The whole class runs the whole course at once; (what each saw, seconds it took)."""
    notebooks = [p.name for p in classroom.course_notebooks()]
    t0 = time.monotonic()
    cls = classroom.teach(hub, STUDENTS, course_repo.as_uri(), notebooks)
    return cls, time.monotonic() - t0


def test_the_course_has_notebooks():
    names = [p.name for p in classroom.course_notebooks()]
    assert names and names[0] == "00_start_here.ipynb", names


@pytest.mark.parametrize(
    ("password", "why"),
    [
        (None, "No class password: pass one at deploy time"),
        ("", "No class password: pass one at deploy time"),
        ("twitch7", "user_password must be at least 8 characters long, got 7"),
    ],
    ids=["not-passed", "empty", "short"],
)
def test_the_hub_refuses_to_start_without_a_proper_class_password(tmp_path, password, why):
    with (
        pytest.raises(classroom.ClassroomError, match="the hub exited") as refused,
        classroom.running_hub(tmp_path, password=password),
    ):
        pass
    assert why in str(refused.value)


def test_wrong_class_password_is_refused(hub):
    with pytest.raises(classroom.ClassroomError, match="refused"):
        classroom.log_in(hub, "mallory", password="not-the-class-password")


def test_a_class_runs_every_notebook(hub, course_repo, lesson):
    cls, elapsed = lesson
    notebooks = [p.name for p in classroom.course_notebooks()]
    print(classroom.report(cls))
    if not all(s.ok for s in cls.students):
        print("the hub's log, its last warnings and errors:", hub.log_warnings(), sep="\n")
    for student in cls.students:
        assert not student.error, f"{student.name}: {student.error}"
        assert [Path(n.path).name for n in student.notebooks] == notebooks
        assert not student.failures, "\n".join(
            f"{student.name} {f.notebook} cell {f.cell}: {f.error}" for f in student.failures
        )
        home = hub.workdir / "home" / student.name / course_repo.name / "notebooks"
        assert sorted(p.name for p in home.glob("*.ipynb")) == sorted(notebooks), "pulled course"
    assert all(n.cells > 0 for s in cls.students for n in s.notebooks)
    # how long it took is a figure for benchmarks/bench_hub.py, not a pass mark of a test
    print(f"the class of {len(cls.students)} took {elapsed:.0f} s")


def _as(token: str, method: str, url: str, **kw) -> requests.Response:
    headers = {"Authorization": f"token {token}"}
    return requests.request(method, url, headers=headers, allow_redirects=False, timeout=60, **kw)


def test_a_students_token_cannot_reach_another_students_server_or_files(hub, course_repo, lesson):
    """ada, with her own token and her own browser session, against ben's running server."""
    ada, ben = STUDENTS[:2]
    session = classroom.log_in(hub, ada)
    token = classroom.student_token(hub, session, ada)
    notebook = f"{course_repo.name}/notebooks/00_start_here.ipynb"
    ben_home = hub.workdir / "home" / ben
    assert (ben_home / notebook).exists(), "ben pulled the course"
    own, other = hub.server_url(ada), hub.server_url(ben)
    assert _as(token, "GET", f"{own}/api/contents/{notebook}").status_code == 200, "her own"

    attempts = {
        "ben's file list": ("GET", f"{other}/api/contents", {}),
        "ben's notebook": ("GET", f"{other}/api/contents/{notebook}", {}),
        "ben's raw file": ("GET", f"{other}/files/{notebook}", {}),
        "a file into ben's home": (
            "PUT",
            f"{other}/api/contents/from-ada.txt",
            {"json": {"type": "file", "format": "text", "content": "hi"}},
        ),
        "ben's kernels": ("GET", f"{other}/api/kernels", {}),
        "a kernel on ben's server": ("POST", f"{other}/api/kernels", {"json": {}}),
        "ben's home, from her own server": ("GET", f"{own}/api/contents/..%2F{ben}", {}),
        "ben's user record": ("GET", f"{hub.url}/hub/api/users/{ben}", {}),
        "stopping ben's server": ("DELETE", f"{hub.url}/hub/api/users/{ben}/server", {}),
        "a token for ben": ("POST", f"{hub.url}/hub/api/users/{ben}/tokens", {"json": {}}),
    }
    answers = {what: _as(token, m, url, **kw) for what, (m, url, kw) in attempts.items()}
    reached = {w: r.status_code for w, r in answers.items() if r.status_code not in REFUSED}
    assert not reached, f"ada's token reached {reached}"
    assert all("cells" not in r.text for r in answers.values()), "no notebook content leaked"
    # her browser session (cookie) does not open ben's server either
    page = session.get(f"{other}/api/contents/{notebook}", allow_redirects=True, timeout=60)
    assert page.status_code in REFUSED and "cells" not in page.text
    assert not (ben_home / "from-ada.txt").exists()
    server = _as(hub.token, "GET", f"{hub.url}/hub/api/users/{ben}").json()["servers"][""]
    assert server["ready"], "ben's server still runs"


def test_the_service_token_has_only_the_scopes_a_course_run_needs(hub, lesson):
    # what the run needs (it ran: test_a_class_runs_every_notebook), with what they imply
    needed = {"start:servers", "read:servers", "read:users:name", "access:servers"}
    me = _as(hub.token, "GET", f"{hub.url}/hub/api/user")
    assert me.status_code == 200 and me.json()["kind"] == "service"
    assert set(classroom.SERVICE_SCOPES) <= set(me.json()["scopes"]) <= needed, me.json()
    beyond = {
        "list users": ("GET", "/users", {}),
        "create a user": ("POST", "/users/eve", {}),
        "make a student admin": ("PATCH", "/users/ada", {"json": {"admin": True}}),
        "delete a student": ("DELETE", "/users/ada", {}),
        "read a student's tokens": ("GET", "/users/ada/tokens", {}),
        "make a token for a student": ("POST", "/users/ada/tokens", {"json": {}}),
        "stop a student's server": ("DELETE", "/users/ada/server", {}),
        "list groups": ("GET", "/groups", {}),
        "read the proxy's routes": ("GET", "/proxy", {}),
        "shut the hub down": ("POST", "/shutdown", {}),
    }
    allowed = {
        what: r.status_code
        for what, (method, path, kw) in beyond.items()
        if (r := hub.api(method, path, **kw)).status_code not in REFUSED
    }
    assert not allowed, f"the service token may {allowed}"
    assert hub.api("GET", "/users/ada").json()["servers"][""]["ready"], "still running"
