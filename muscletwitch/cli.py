"""Command line: list, show, search and assess the taxonomy, or open the course in JupyterLab."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from .assess import TIER_TITLES, assess
from .hub import DEFAULT_BRANCH, DEFAULT_NOTEBOOK, REPO_URL, hub_link
from .taxonomy import Cause, Taxonomy, TaxonomyError, UnknownIdError, load_taxonomy

WIDTH = 88
SEED = "*"  # marks a cause named by the source article


def _wrap(text: str, indent: str = "  ", bullet: str = "") -> str:
    first = indent + bullet
    return textwrap.fill(text, WIDTH, initial_indent=first, subsequent_indent=" " * len(first))


def format_tree(tax: Taxonomy) -> str:
    lines = []
    for category, groups in tax.tree().items():
        lines.append(category.upper())
        for group_id, causes in groups.items():
            lines.append(f"  {tax.group(group_id).name}")
            lines += [f"    {c.id:<32}{c.name}{' ' + SEED if c.in_seed else ''}" for c in causes]
    lines.append(f"\n{SEED} named in the source article")
    return "\n".join(lines)


def format_card(tax: Taxonomy, cause: Cause) -> str:
    def names(ids: Sequence[str], look_up) -> str:
        return ", ".join(look_up(i).name for i in ids) or "none"

    parts = [
        f"{cause.name} ({cause.id})",
        "=" * min(WIDTH, len(cause.name) + len(cause.id) + 3),
        f"Category: {cause.category}; group: {tax.group(cause.group).name}"
        + ("; named in the source article" if cause.in_seed else ""),
        f"Acts at: {names(cause.site, tax.site)}",
        f"Movements: {names(cause.phenomena, tax.phenomenon)}",
        f"Extent: {cause.extent}; rhythm: {cause.rhythm}",
        "",
        "Summary:",
        _wrap(cause.summary),
        "Mechanism:",
        _wrap(cause.mechanism),
        f"Worse with: {', '.join(cause.worse)}",
        f"Better with: {', '.join(cause.better)}",
    ]
    if cause.correction:
        parts += ["Source article says:", _wrap(cause.seed_says), "What we teach:"]
        parts.append(_wrap(cause.correction))
    parts.append("Management (evidence):")
    parts += [f"  - {t.name} ({t.evidence})" for t in map(tax.therapy, cause.therapies)]
    parts.append("See a doctor when:")
    flags = [tax.red_flag(r) for r in cause.red_flags]
    parts += [f"  - [{f.urgency}] {f.name}" for f in flags] or ["  - no specific red flags listed"]
    parts.append("Codes:")
    parts += [f"  {c.system:<8}{c.code:<12}{c.label}" for c in cause.codes]
    parts.append("Sources:")
    parts += [_wrap(s.citation, bullet="- ") for s in tax.sources_of(cause)]
    parts += ["", _wrap(tax.disclaimer, "")]
    return "\n".join(parts)


def format_assessment(tax: Taxonomy, finding_ids: Sequence[str]) -> str:
    a = assess(*finding_ids, taxonomy=tax)
    levels = " < ".join(u.id.upper() if u.id == a.urgency else u.id for u in tax.urgencies)
    lines = [f"URGENCY: {a.urgency.upper()} ({a.level.name})", _wrap(a.advice), f"  [{levels}]"]
    if a.red_flags:
        lines.append("Red flags, most urgent first:")
    for flag in a.red_flags:
        why = ", ".join(tax.finding(f).name.lower() for f in a.triggers[flag.id])
        tier = TIER_TITLES[flag.tier]
        lines += [f"  ! {tier}: {flag.name} [{flag.urgency}]", _wrap(f"why: {why}", "    ")]
        lines.append(_wrap(flag.advice, "    "))
    lines.append("Causes that fit, best first:")
    for cause in a.causes:
        lines.append(f"  {cause.name} ({cause.category}): {a.reasons[cause.id].describe(tax)}")
    if not a.causes:
        lines.append("  none fits these findings strongly; add what was going on (context).")
    lines += [_wrap(f"Note: {n}", "  ") for n in a.notes]
    lines += ["", _wrap(a.disclaimer, "")]
    return "\n".join(lines)


LEARNER_FOLDER = "~/muscletwitch-course"  # where `muscletwitch lab` copies the course


def course_dir() -> Path:
    """The notebooks folder of a source checkout, which `make lab` opens in place."""
    return Path(__file__).resolve().parent.parent / "notebooks"


def in_checkout() -> bool:
    return course_dir().is_dir() and (course_dir().parent / "pyproject.toml").is_file()


def lab_command(folder: Path, extra: Sequence[str] = ()) -> list[str]:
    return [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--notebook-dir={folder}",
        f"--LabApp.default_url=/lab/tree/{DEFAULT_NOTEBOOK}",
        *extra,
    ]


def _learner_folder(arg: str | None) -> Path:
    """The folder the course is copied to: never inside the installed packages."""
    import sysconfig

    from . import course_folder

    folder = Path(arg or LEARNER_FOLDER).expanduser().resolve()
    installed = {Path(sysconfig.get_path(k)).resolve() for k in ("purelib", "platlib")}
    for root in installed | {Path(__file__).resolve().parent}:
        if folder == root or root in folder.parents:
            raise course_folder.CourseError(
                f"{folder} is inside the installed packages ({root}); choose a folder of yours"
                f" with --dir (default {LEARNER_FOLDER})"
            )
    return folder


def _course_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("muscletwitch")
    except PackageNotFoundError:
        return "unknown"


def _prepare_course(args: argparse.Namespace) -> Path | None:
    """The folder to open: notebooks/ in a checkout (no --dir), else the learner's copy, brought
    up to date. None after --reset, which only restores."""
    from . import course_folder

    if args.dir is None and not args.reset and in_checkout():
        print(f"source checkout: opening {course_dir()} in place")
        return course_dir()
    folder, files, version = _learner_folder(args.dir), course_folder.shipped(), _course_version()
    if args.reset:
        for name in args.reset:
            print(course_folder.reset(folder, name, files, version))
        return None
    for line in course_folder.install(folder, files, version).messages(folder):
        print(line)
    return folder


def _lab(args: argparse.Namespace) -> int:
    # imported here: copying and hashing the course (course_folder) and finding jupyter (shutil)
    # cost the commands that only read the data a tenth of their start-up
    import shutil

    from . import course_folder

    try:
        folder = _prepare_course(args)
    except course_folder.CourseError as e:
        print(f"muscletwitch: {e}", file=sys.stderr)
        return 2
    if folder is None:
        return 0
    if shutil.which("jupyter") is None and not _has_module("jupyterlab"):
        print("muscletwitch: JupyterLab is not installed (pip install jupyterlab)", file=sys.stderr)
        return 2
    extra = ["--no-browser"] if args.no_browser or not os.environ.get("DISPLAY") else []
    if getattr(os, "geteuid", lambda: 1)() == 0:  # containers and CI machines often run as root
        extra.append("--allow-root")
    sys.stdout.flush()  # the course messages before JupyterLab's, also when piped to a file
    return subprocess.call(lab_command(folder, extra))


def _hub_link(args: argparse.Namespace) -> int:
    try:
        link = hub_link(args.hub_url, repo=args.repo, branch=args.branch, notebook=args.notebook)
    except ValueError as e:
        print(f"muscletwitch: {e}", file=sys.stderr)
        return 2
    print(link)
    return 0


def _progress_file(folder: str | None) -> Path:
    """The learner's progress file: $MUSCLETWITCH_PROGRESS, else in ``folder``, else here if
    one is here, else in the folder ``lab`` opens (notebooks run there and keep it there)."""
    from . import progress

    if os.environ.get(progress.ENV) or (folder is None and progress.path().exists()):
        return progress.path()
    if folder is None:
        folder = str(course_dir()) if in_checkout() else LEARNER_FOLDER
    return Path(folder).expanduser() / progress.FILE


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="muscletwitch",
        description="Explore the causes of muscle twitches. Teaching material, not a diagnosis.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("list", help="tree of categories, groups and causes")
    show = sub.add_parser("show", help="a card of one cause with codes and sources")
    show.add_argument("id", help="a cause id, name or synonym, any case: als, MND, Parkinson")
    search = sub.add_parser("search", help="find causes by name, synonym or summary")
    search.add_argument("text", nargs="+")
    a = sub.add_parser("assess", help="findings -> causes that fit, red flags, urgency")
    a.add_argument("findings", nargs="+", metavar="FINDING", help="finding ids or names, any case")
    sub.add_parser("findings", help="the finding ids that 'assess' accepts")
    lab = sub.add_parser(
        "lab",
        help="open the course in JupyterLab",
        description="Copy the course into a folder of yours (first use; later runs add a newer"
        " version without overwriting a notebook you changed) and open it in JupyterLab."
        " In a source checkout without --dir: open notebooks/ in place.",
    )
    lab.add_argument("--no-browser", action="store_true", help="print the URL only")
    lab.add_argument("--dir", metavar="DIR", help=f"your course folder (default: {LEARNER_FOLDER})")
    lab.add_argument(
        "--reset",
        metavar="NOTEBOOK",
        action="append",
        help="restore this notebook as shipped (your version is kept beside it), then stop",
    )
    progress = sub.add_parser(
        "progress",
        help="your quiz and exercise results per notebook (kept locally)",
        description="Your quiz and exercise results per notebook, from the progress file of your"
        f" course folder: --dir, else this folder if it holds one, else {LEARNER_FOLDER} (in a"
        " source checkout: notebooks/). MUSCLETWITCH_PROGRESS names a file instead.",
    )
    progress.add_argument("--dir", metavar="DIR", help="your course folder")
    link = sub.add_parser("hub-link", help="an nbgitpuller link that opens the course on a hub")
    link.add_argument("hub_url", metavar="HUB_URL", help="e.g. https://hub.example.edu")
    link.add_argument("--repo", default=REPO_URL, help="course repository (default: %(default)s)")
    link.add_argument(
        "--branch", default=DEFAULT_BRANCH, help="branch to pull (default: %(default)s)"
    )
    link.add_argument(
        "--notebook", default=DEFAULT_NOTEBOOK, help="notebook to open (default: %(default)s)"
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "lab":
            return _lab(args)
        if args.command == "hub-link":
            return _hub_link(args)
        if args.command == "progress":
            from .progress import report

            print(report(_progress_file(args.dir)))
            return 0
        tax = load_taxonomy()
        if args.command == "list":
            out = format_tree(tax)
        elif args.command == "show":
            out = format_card(tax, tax.cause(args.id))
        elif args.command == "search":
            text = " ".join(args.text)
            hits = tax.search(text)
            out = "\n".join(f"{c.id:<32}{c.name}" for c in hits) or f"no cause matches {text!r}"
        elif args.command == "findings":
            out = "\n".join(f"{f.id:<28}{f.name} ({f.group})" for f in tax.findings)
        else:
            out = format_assessment(tax, args.findings)
    except UnknownIdError as e:
        print(f"muscletwitch: {e}", file=sys.stderr)
        return 2
    except TaxonomyError as e:
        print(f"muscletwitch: invalid data: {e}", file=sys.stderr)
        return 2
    try:
        print(out, flush=True)
    except BrokenPipeError:  # `muscletwitch list | head`: the reader left; Python docs' recipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
