"""Progress for self-learners: a local JSON record of quiz answers and exercise checks, written
atomically; a corrupt file is reported and replaced; `muscletwitch progress` works from a clean
install."""

from __future__ import annotations

import json
from pathlib import Path

from muscletwitch import cli, progress, quiz
from muscletwitch.exercises import check, load_exercises, pool
from muscletwitch.widgets import Quiz


def _right_order() -> list[str]:
    units = pool("04-recruitment-order")
    return sorted(units, key=units.get)


def test_the_file_is_where_the_env_var_says(_progress_file: Path):
    assert progress.path() == _progress_file


def test_the_file_defaults_to_the_course_folder(monkeypatch, tmp_path: Path):
    monkeypatch.delenv(progress.ENV)
    monkeypatch.chdir(tmp_path)
    assert progress.path() == tmp_path / "muscletwitch-progress.json"


def test_nothing_yet_from_a_clean_install(capsys, _progress_file: Path):
    assert cli.main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "Nothing recorded yet" in out
    assert "04_pathological_causes" in out and out.count("\n") > 8
    assert not _progress_file.exists()  # reading never creates the file


def test_an_exercise_check_is_recorded_with_its_best_points(_progress_file: Path):
    check("04-recruitment-order", _right_order()[::-1])
    record = json.loads(_progress_file.read_text())
    assert record["exercises"]["04-recruitment-order"]["points"] == 0
    check("04-recruitment-order", _right_order())
    check("04-recruitment-order", _right_order()[::-1])  # a later slip keeps the best
    entry = json.loads(_progress_file.read_text())["exercises"]["04-recruitment-order"]
    assert entry == {"notebook": "04_pathological_causes", "points": 0, "max": 2, "best": 2}
    row = next(r for r in progress.rows() if r.notebook == "04_pathological_causes")
    assert (row.done, row.points) == (1, 2)
    assert row.exercises == sum(e.notebook == row.notebook for e in load_exercises().values())


def test_a_stub_or_bad_input_is_not_recorded(_progress_file: Path):
    check("04-recruitment-order", ...)
    check("04-recruitment-order", "MU-A")
    assert not _progress_file.exists()


def test_the_quiz_widget_records_through_the_progress_module(_progress_file: Path):
    w = Quiz(notebook="01_what_is_a_twitch", n=2, seed=0)
    q = w.session.current
    w.controls["choice"].value = q.correct[0] if q.kind != "multiple" else None
    if q.kind == "multiple":
        for i in q.correct:
            w.ticks[i].value = True
    w.actions["check"]()
    record = json.loads(_progress_file.read_text())
    assert record["quiz"][q.id] == {"notebook": q.notebook, "section": q.section, "correct": True}
    row = next(r for r in progress.rows() if r.notebook == q.notebook)
    assert (row.quiz_right, row.quiz_answered) == (1, 1)


def test_a_corrupt_file_is_reported_kept_aside_and_replaced(_progress_file: Path, capsys):
    _progress_file.write_text("{not json")
    fb = check("04-recruitment-order", _right_order())
    assert fb.correct and "could not be read" in fb.note and "corrupt" in fb.note
    assert _progress_file.with_name(_progress_file.name + ".corrupt").read_text() == "{not json"
    assert json.loads(_progress_file.read_text())["exercises"]["04-recruitment-order"]["best"] == 2
    _progress_file.write_text('["a list"]')
    assert cli.main(["progress"]) == 0
    assert "could not be read (not a progress record)" in capsys.readouterr().out


def test_an_unwritable_folder_is_reported_not_raised(monkeypatch, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(progress.ENV, str(blocker / "progress.json"))  # its folder is a file
    fb = check("04-recruitment-order", _right_order())
    assert fb.correct and "Could not save your progress" in fb.note


def test_writes_are_atomic_and_leave_no_temporary_file(_progress_file: Path):
    check("04-recruitment-order", _right_order())
    assert sorted(p.name for p in _progress_file.parent.iterdir()) == [_progress_file.name]


def test_overview_says_what_to_do_next_and_weak_spots_link_to_sections(_progress_file: Path):
    assert "Nothing yet. Start with [What is a twitch?](01_what_is_a_twitch.ipynb)" in str(
        progress.overview()
    )
    assert str(progress.weak_spots()) == "Nothing recorded yet."
    check("04-recruitment-order", _right_order()[::-1])
    question = quiz.questions(notebook="02_types_of_involuntary_movement", n=1)[0]
    progress.record_quiz(question, False)
    spots = str(progress.weak_spots())
    ex = load_exercises()["04-recruitment-order"]
    assert f"[{ex.section}]({ex.link()})" in spots
    assert f"02_types_of_involuntary_movement.ipynb#{quiz.anchor(question.section)}" in spots
    assert "Continue with" in str(progress.overview())
    assert progress.overview()._repr_markdown_().startswith("| Notebook |")


def _recorded_in(folder: Path, monkeypatch) -> None:
    """A right exercise check, as a notebook whose kernel works in ``folder`` records it."""
    monkeypatch.chdir(folder)
    check("04-recruitment-order", _right_order())


def test_the_command_finds_the_course_folders_record_from_anywhere(
    monkeypatch, tmp_path: Path, capsys
):
    """The notebooks keep the file in the course folder; `muscletwitch progress` run elsewhere
    (the learner's home) reads it there: --dir, or the folder `lab` opens by default."""
    monkeypatch.delenv(progress.ENV)
    course, elsewhere = tmp_path / "course", tmp_path / "home"
    course.mkdir(), elsewhere.mkdir()
    _recorded_in(course, monkeypatch)
    monkeypatch.chdir(elsewhere)
    assert cli.main(["progress", "--dir", str(course)]) == 0
    out = capsys.readouterr().out
    assert str(course / progress.FILE) in out and "Nothing recorded" not in out
    row = next(line for line in out.splitlines() if line.startswith("04_pathological_causes"))
    assert "1/2" in row.split(), row  # one of the notebook's two exercises done
    # no --dir: the folder `muscletwitch lab` copies the course to (outside a source checkout)
    monkeypatch.setattr(cli, "in_checkout", lambda: False)
    monkeypatch.setattr(cli, "LEARNER_FOLDER", str(course))
    assert cli.main(["progress"]) == 0
    assert str(course / progress.FILE) in capsys.readouterr().out
    # a record in the folder it is run in comes first
    _recorded_in(elsewhere, monkeypatch)
    assert cli.main(["progress"]) == 0
    assert str(elsewhere / progress.FILE) in capsys.readouterr().out
