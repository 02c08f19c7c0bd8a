"""nbgitpuller links: the URL parses back to exactly what was asked; bad input says why."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

import muscletwitch as mt
from muscletwitch import cli, hub


def parts(link: str) -> tuple[str, dict[str, list[str]]]:
    u = urlsplit(link)
    return f"{u.scheme}://{u.netloc}{u.path}", parse_qs(u.query, strict_parsing=True)


def test_default_link_pulls_the_course_and_opens_start_here():
    base, query = parts(mt.hub_link("https://hub.example.edu"))
    assert base == "https://hub.example.edu/hub/user-redirect/git-pull"
    assert query == {
        "repo": [hub.REPO_URL],
        "branch": ["main"],
        "targetpath": ["muscletwitch"],
        "urlpath": ["lab/tree/muscletwitch/notebooks/00_start_here.ipynb"],
    }


def test_base_path_and_trailing_slash_are_kept_once():
    base, _ = parts(mt.hub_link("https://uni.example.edu/jupyter/"))
    assert base == "https://uni.example.edu/jupyter/hub/user-redirect/git-pull"


def test_every_value_is_percent_encoded():
    link = mt.hub_link(
        "http://127.0.0.1:8000",
        repo="https://git.example.edu/a b/course.git?x=1&y=2",
        branch="fall/2026 #1",
        notebook="extra/ü & more.ipynb",
    )
    query = urlsplit(link).query
    assert " " not in query and "#" not in query and "ü" not in query
    assert query.count("&") == 3, "no & of a value leaks into the query"
    _, q = parts(link)
    assert q["repo"] == ["https://git.example.edu/a b/course.git?x=1&y=2"]
    assert q["branch"] == ["fall/2026 #1"]
    assert q["urlpath"] == ["lab/tree/course.git?x=1&y=2/notebooks/extra/ü & more.ipynb"]


@given(
    branch=st.text(min_size=1).filter(str.strip),
    stem=st.text(
        st.characters(blacklist_characters="/", blacklist_categories=["Cs"]), min_size=1
    ).filter(lambda s: s not in {".", ".."}),
)
def test_any_branch_and_notebook_round_trip(branch: str, stem: str):
    _, q = parts(mt.hub_link("https://h.example", branch=branch, notebook=f"{stem}.ipynb"))
    assert q["branch"] == [branch]
    assert q["urlpath"] == [f"lab/tree/muscletwitch/notebooks/{stem}.ipynb"]


@pytest.mark.parametrize(
    ("repo", "folder"),
    [
        ("https://github.com/org/course", "course"),
        ("https://github.com/org/course.git", "course"),
        ("https://github.com/org/course/", "course"),
        ("file:///srv/courses/muscletwitch", "muscletwitch"),
    ],
)
def test_the_folder_is_named_after_the_repository(repo: str, folder: str):
    _, q = parts(mt.hub_link("https://h.example", repo=repo))
    assert q["targetpath"] == [folder]
    assert q["urlpath"][0].startswith(f"lab/tree/{folder}/notebooks/")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"hub_url": "hub.example.edu"}, "scheme"),
        ({"hub_url": "https://"}, "host"),
        ({"hub_url": "ftp://hub.example.edu"}, "http"),
        ({"hub_url": "https://hub.example.edu/?next=x"}, "query"),
        ({"notebook": "00_start_here.py"}, ".ipynb"),
        ({"notebook": "00_start_here"}, ".ipynb"),
        ({"notebook": "/etc/00.ipynb"}, "relative"),
        ({"notebook": "../00.ipynb"}, "relative"),
        ({"branch": " "}, "branch"),
        ({"repo": ""}, "repo"),
    ],
)
def test_bad_input_raises_a_clear_value_error(kwargs: dict, message: str):
    args = {"hub_url": "https://hub.example.edu", **kwargs}
    with pytest.raises(ValueError, match=message):
        mt.hub_link(args.pop("hub_url"), **args)


def test_cli_prints_the_link(capsys):
    argv = ["hub-link", "https://hub.example.edu", "--notebook", "07_review.ipynb"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out.strip()
    assert out == mt.hub_link("https://hub.example.edu", notebook="07_review.ipynb")


def test_cli_passes_repo_and_branch(capsys):
    argv = ["hub-link", "https://h.example", "--repo", "https://x.example/c.git", "--branch", "b"]
    assert cli.main(argv) == 0
    _, q = parts(capsys.readouterr().out.strip())
    assert q["repo"] == ["https://x.example/c.git"] and q["branch"] == ["b"]


@pytest.mark.parametrize("argv", [["hub.example.edu"], ["https://h.example", "--notebook", "x"]])
def test_cli_bad_input_exits_2_with_a_message(argv: list[str]):
    r = subprocess.run(
        [sys.executable, "-m", "muscletwitch", "hub-link", *argv],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert r.stderr.startswith("muscletwitch: ") and "Traceback" not in r.stderr
    assert r.stdout == ""


def test_hub_module_uses_only_the_standard_library():
    tree = ast.parse(Path(hub.__file__).read_text())
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert {m.split(".")[0] for m in imported} <= sys.stdlib_module_names
