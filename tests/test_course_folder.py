"""The learner's copy of the course (muscletwitch.course_folder): first copy, updates that never
lose an edit, reset on request, and clear errors.
The real wheel is exercised in tests/test_wheel.py."""

import json
from pathlib import Path

import pytest

from muscletwitch import cli
from muscletwitch import course_folder as course

OLD = {"00_start_here.ipynb": b'{"v": 1}', "01_twitch.ipynb": b'{"t": 1}'}
NEW = {"00_start_here.ipynb": b'{"v": 2}', "01_twitch.ipynb": b'{"t": 2}'}


def manifest(folder: Path) -> dict:
    return json.loads((folder / course.MANIFEST_NAME).read_text())


def test_first_use_copies_every_file_and_records_its_sha256(tmp_path):
    folder = tmp_path / "nested" / "course"
    report = course.install(folder, OLD, "1.0")
    assert report.copied == list(OLD) and not report.updated and not report.kept
    assert {p.name: p.read_bytes() for p in folder.glob("*.ipynb")} == OLD
    recorded = manifest(folder)
    assert recorded["version"] == "1.0"
    assert recorded["files"] == {name: course.sha256(data) for name, data in OLD.items()}
    assert report.messages(folder) == [f"copied 2 notebook(s) into {folder}"]


def test_a_second_run_with_the_same_course_changes_nothing(tmp_path):
    course.install(tmp_path, OLD, "1.0")
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    report = course.install(tmp_path, OLD, "1.0")
    assert report.messages(tmp_path) == []
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before


def test_an_unchanged_notebook_is_updated_silently(tmp_path):
    course.install(tmp_path, OLD, "1.0")
    report = course.install(tmp_path, NEW, "2.0")
    assert report.updated == list(NEW) and not report.kept and not report.copied
    assert (tmp_path / "00_start_here.ipynb").read_bytes() == NEW["00_start_here.ipynb"]
    assert manifest(tmp_path)["files"]["01_twitch.ipynb"] == course.sha256(NEW["01_twitch.ipynb"])
    assert not list(tmp_path.glob("* (course *"))


def test_a_changed_notebook_is_kept_and_the_newer_one_goes_beside_it(tmp_path):
    course.install(tmp_path, OLD, "1.0")
    mine = tmp_path / "00_start_here.ipynb"
    mine.write_bytes(b'{"v": 1, "my notes": true}')
    report = course.install(tmp_path, NEW, "2.0")
    assert mine.read_bytes() == b'{"v": 1, "my notes": true}'
    beside = tmp_path / "00_start_here (course 2.0).ipynb"
    assert beside.read_bytes() == NEW["00_start_here.ipynb"]
    assert report.kept == {"00_start_here.ipynb": beside.name}
    assert report.updated == ["01_twitch.ipynb"]  # the other one was not changed
    (message,) = [m for m in report.messages(tmp_path) if m.startswith("kept")]
    assert "00_start_here (course 2.0).ipynb" in message and "--reset 00_start_here" in message
    # still recognised as the learner's on the next run: recorded sha256 is the one we copied
    assert manifest(tmp_path)["files"]["00_start_here.ipynb"] == course.sha256(OLD[mine.name])
    again = course.install(tmp_path, NEW, "2.0")
    assert again.kept == report.kept and mine.read_bytes().endswith(b"true}")


def test_a_file_we_did_not_copy_is_never_overwritten(tmp_path):
    (tmp_path / "00_start_here.ipynb").write_bytes(b"the learner's own")
    report = course.install(tmp_path, OLD, "1.0")
    assert (tmp_path / "00_start_here.ipynb").read_bytes() == b"the learner's own"
    assert "00_start_here.ipynb" in report.kept and report.copied == ["01_twitch.ipynb"]


def test_a_deleted_notebook_is_copied_again(tmp_path):
    course.install(tmp_path, OLD, "1.0")
    (tmp_path / "01_twitch.ipynb").unlink()
    assert course.install(tmp_path, OLD, "1.0").copied == ["01_twitch.ipynb"]
    assert (tmp_path / "01_twitch.ipynb").read_bytes() == OLD["01_twitch.ipynb"]


def test_a_broken_manifest_counts_as_none_and_loses_no_edit(tmp_path):
    course.install(tmp_path, OLD, "1.0")
    (tmp_path / course.MANIFEST_NAME).write_text("{not json")
    (tmp_path / "00_start_here.ipynb").write_bytes(b"edited")
    report = course.install(tmp_path, NEW, "2.0")
    assert (tmp_path / "00_start_here.ipynb").read_bytes() == b"edited"
    assert set(report.kept) == set(NEW)  # without the record, nothing is known to be ours
    assert manifest(tmp_path)["version"] == "2.0"


def test_reset_restores_the_shipped_notebook_and_keeps_the_learners(tmp_path):
    course.install(tmp_path, NEW, "2.0")
    mine = tmp_path / "00_start_here.ipynb"
    for edit in (b"first edit", b"second edit"):
        mine.write_bytes(edit)
        message = course.reset(tmp_path, "00_start_here", NEW, "2.0")
        assert mine.read_bytes() == NEW["00_start_here.ipynb"]
        assert "restored 00_start_here.ipynb" in message
    assert (tmp_path / "00_start_here (your changes).ipynb").read_bytes() == b"first edit"
    assert (tmp_path / "00_start_here (your changes 2).ipynb").read_bytes() == b"second edit"
    assert "(your changes 2).ipynb" in message
    assert manifest(tmp_path)["files"][mine.name] == course.sha256(NEW[mine.name])
    # after a reset the notebook is ours again: the next course version replaces it silently
    assert course.install(tmp_path, OLD, "3.0").updated == list(OLD)


def test_reset_of_an_unchanged_notebook_makes_no_backup(tmp_path):
    course.install(tmp_path, OLD, "1.0")
    assert course.reset(tmp_path, "01_twitch.ipynb", OLD, "1.0").endswith(str(tmp_path))
    assert not list(tmp_path.glob("*your changes*"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("00_start_here", "00_start_here.ipynb"), ("x/01_twitch.ipynb", "01_twitch.ipynb")],
)
def test_resolve_accepts_a_name_with_or_without_suffix(name, expected):
    assert course.resolve(name, OLD) == expected


def test_an_unknown_notebook_names_the_closest_and_all(tmp_path):
    with pytest.raises(course.CourseError) as e:
        course.reset(tmp_path, "00_strat_here", OLD, "1.0")
    assert "no notebook '00_strat_here'" in str(e.value)
    assert "did you mean 00_start_here.ipynb?" in str(e.value)
    assert "01_twitch.ipynb" in str(e.value)
    assert not any(tmp_path.iterdir())  # nothing written for a bad request


def test_a_folder_that_cannot_be_written_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    with pytest.raises(course.CourseError, match="cannot write the course into .*--dir"):
        course.install(blocker / "course", OLD, "1.0")


def test_the_shipped_course_is_every_notebook_of_the_checkout():
    files = course.shipped()
    notebooks = sorted(cli.course_dir().glob("*.ipynb"))
    assert list(files) == [p.name for p in notebooks]
    assert files["00_start_here.ipynb"] == notebooks[0].read_bytes()


# --- the `lab` command on top of it (JupyterLab itself is not started here) ---


@pytest.fixture
def lab_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(cli.subprocess, "call", lambda cmd: calls.append(cmd) or 0)
    monkeypatch.setattr(course, "shipped", lambda: dict(OLD))
    return calls


def test_lab_copies_into_dir_then_opens_it(lab_calls, tmp_path, capsys):
    assert cli.main(["lab", "--no-browser", "--dir", str(tmp_path / "mine")]) == 0
    (cmd,) = lab_calls
    assert f"--notebook-dir={tmp_path / 'mine'}" in cmd and "--no-browser" in cmd
    assert "--LabApp.default_url=/lab/tree/00_start_here.ipynb" in cmd
    assert (tmp_path / "mine" / "01_twitch.ipynb").read_bytes() == OLD["01_twitch.ipynb"]
    assert "copied 2 notebook(s)" in capsys.readouterr().out


def test_lab_defaults_to_a_folder_in_home_outside_a_checkout(lab_calls, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(cli, "in_checkout", lambda: False)
    assert cli.main(["lab"]) == 0
    assert f"--notebook-dir={tmp_path / 'muscletwitch-course'}" in lab_calls[0]
    assert (tmp_path / "muscletwitch-course" / "00_start_here.ipynb").exists()


def test_lab_in_a_checkout_opens_notebooks_in_place(lab_calls, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cli.in_checkout()  # these tests run from the repository
    assert cli.main(["lab"]) == 0
    assert f"--notebook-dir={cli.course_dir()}" in lab_calls[0]
    assert not (tmp_path / "muscletwitch-course").exists()


def test_lab_reset_restores_and_does_not_start_jupyterlab(lab_calls, tmp_path, capsys):
    course.install(tmp_path, OLD, "1.0")
    (tmp_path / "01_twitch.ipynb").write_bytes(b"mine")
    assert cli.main(["lab", "--dir", str(tmp_path), "--reset", "01_twitch"]) == 0
    assert (tmp_path / "01_twitch.ipynb").read_bytes() == OLD["01_twitch.ipynb"]
    assert "your version is kept as 01_twitch (your changes).ipynb" in capsys.readouterr().out
    assert lab_calls == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reset", "01_twich"], "did you mean 01_twitch.ipynb?"),
        (["--dir", "{tmp}/file/sub"], "cannot write the course into"),
        (["--dir", "{site}/muscletwitch-course"], "is inside the installed packages"),
    ],
)
def test_lab_errors_exit_2_with_a_message(lab_calls, tmp_path, capsys, args, message):
    import sysconfig

    (tmp_path / "file").write_text("")
    site = sysconfig.get_path("purelib")
    args = [a.format(tmp=tmp_path, site=site) for a in args]
    if "--dir" not in args:
        args += ["--dir", str(tmp_path / "c")]
    assert cli.main(["lab", *args]) == 2
    assert message in capsys.readouterr().err
    assert lab_calls == []
    assert not Path(site, "muscletwitch-course").exists()
