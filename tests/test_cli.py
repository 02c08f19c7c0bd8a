"""The command line: every command, exit codes, and no traceback on bad input."""

import os
import subprocess
import sys

import pytest
from support.fresh import python_output

from muscletwitch import cli


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "muscletwitch", *args], capture_output=True, text=True, timeout=60
    )


def test_list_shows_the_tree_with_seed_marks(capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    assert out.index("BENIGN") < out.index("Everyday triggers") < out.index("PATHOLOGICAL")
    assert "als                             ALS (motor neurone disease) *" in out
    assert "caffeine                        Caffeine and stimulants\n" in out


def test_show_prints_a_card_with_codes_sources_and_the_correction(capsys):
    assert cli.main(["show", "parkinsons-disease"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Parkinson's disease (parkinsons-disease)")
    assert "hpo     HP:0002322  Resting tremor" in out
    assert "What we teach:" in out and "not fasciculations" in out
    assert "Postuma RB" in out and "https://doi.org/10.1002/mds.26424" in out
    assert "not a diagnosis" in out


def test_search_finds_and_says_when_nothing_matches(capsys):
    assert cli.main(["search", "eyelid"]) == 0
    assert capsys.readouterr().out.startswith("eyelid-myokymia")
    assert cli.main(["search", "no", "such"]) == 0
    assert "no cause matches 'no such'" in capsys.readouterr().out


def test_assess_prints_urgency_flags_causes_and_disclaimer(capsys):
    assert cli.main(["assess", "diabetes", "trembling", "sweating"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("URGENCY: URGENT (Urgent: today)")
    assert "[self-care < see-a-doctor < URGENT < emergency]" in out
    assert "Possible low blood sugar in diabetes: act now [urgent]" in out
    assert "why: diabetes (treated with insulin or tablets), trembling or shaking" in out
    assert "Hypoglycaemia (low blood sugar) in diabetes (pathological): fits: diabetes" in out
    assert "not a diagnosis" in out


def test_assess_prints_the_emergency_level_and_its_advice(capsys):
    assert cli.main(["assess", "sudden-onset", "slurred-speech"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("URGENCY: EMERGENCY (Call emergency services now)")
    assert "999" in out and "Stroke (pathological)" in out


def test_assess_prints_the_examination_note_for_weakness(capsys):
    assert cli.main(["assess", "twitching", "muscle-weakness"]) == 0
    out = capsys.readouterr().out
    assert "Note: 'Weakness' here means weakness found on examination" in out
    assert out.index("Trapped nerve root") < out.index("ALS")


def test_assess_with_no_fitting_cause_says_so(capsys):
    assert cli.main(["assess", "dizziness-on-standing"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("URGENCY: SELF-CARE") and "none fits these findings strongly" in out


def test_findings_lists_the_vocabulary(capsys):
    assert cli.main(["findings"]) == 0
    assert "muscle-weakness" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "alss"], "muscletwitch: unknown cause 'alss'; did you mean als"),
        (["assess", "siezure"], "muscletwitch: unknown finding 'siezure'; did you mean seizure"),
    ],
)
def test_unknown_ids_exit_2_with_a_message_and_no_traceback(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_usage_errors_exit_2_without_traceback():
    result = run("frobnicate")
    assert result.returncode == 2 and "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_console_script_entry_point_is_declared():
    from importlib.metadata import entry_points

    (ep,) = [e for e in entry_points(group="console_scripts") if e.name == "muscletwitch"]
    assert ep.value == "muscletwitch.cli:main"


def test_lab_command_opens_the_start_notebook(monkeypatch, tmp_path):
    monkeypatch.setattr(cli, "course_dir", lambda: tmp_path)
    (tmp_path.parent / "pyproject.toml").write_text("")  # tmp_path looks like a checkout's
    calls = []
    monkeypatch.setattr(cli.subprocess, "call", lambda cmd: calls.append(cmd) or 0)
    monkeypatch.delenv("DISPLAY", raising=False)
    assert cli.main(["lab"]) == 0
    (cmd,) = calls
    assert cmd[1:4] == ["-m", "jupyter", "lab"]
    assert f"--notebook-dir={tmp_path}" in cmd
    assert "--LabApp.default_url=/lab/tree/00_start_here.ipynb" in cmd
    assert "--no-browser" in cmd  # headless machine: print the URL
    assert ("--allow-root" in cmd) == (os.geteuid() == 0)  # JupyterLab refuses root otherwise


def test_lab_without_the_course_fails_clearly(monkeypatch, tmp_path, capsys):
    from muscletwitch import course_folder as course

    monkeypatch.setattr(cli, "course_dir", lambda: tmp_path / "missing")
    monkeypatch.setattr(course.resources, "files", lambda _: tmp_path / "site-packages")
    monkeypatch.setattr(course, "__file__", str(tmp_path / "site-packages" / "course_folder.py"))
    assert cli.main(["lab", "--dir", str(tmp_path / "mine")]) == 2
    assert "course notebooks are not installed" in capsys.readouterr().err


def test_invalid_data_is_reported_not_raised(monkeypatch, capsys):
    import muscletwitch.taxonomy as taxonomy

    def broken(*_):
        raise taxonomy.TaxonomyError("causes.toml, cause 'x', field 'y': bad")

    monkeypatch.setattr(cli, "load_taxonomy", broken)
    assert cli.main(["list"]) == 2
    assert "invalid data: causes.toml" in capsys.readouterr().err


def test_import_does_not_load_numpy_matplotlib_or_ipywidgets():
    code = (
        "import sys, muscletwitch as mt; mt.load_taxonomy(); mt.assess('twitching');"
        "from muscletwitch import cli;"
        "print(sorted(m for m in ('numpy','matplotlib','ipywidgets') if m in sys.modules))"
    )
    assert python_output(code) == "[]"


def test_a_closed_pipe_ends_quietly_without_a_traceback():
    # `muscletwitch list | head -1`: the reader has gone before the output is written
    read_end, write_end = os.pipe()
    os.close(read_end)
    cmd = [sys.executable, "-m", "muscletwitch", "list"]
    proc = subprocess.run(cmd, stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60)
    os.close(write_end)
    assert "Traceback" not in proc.stderr and "BrokenPipeError" not in proc.stderr
    assert proc.returncode == 1
