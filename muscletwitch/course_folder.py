"""The learner's own copy of the course: copied from the package, updated without losing edits.

`muscletwitch lab` copies the course notebooks that ship inside the package into a folder of the
learner's (never into site-packages) and records in a manifest, `MANIFEST_NAME` in that folder,
the sha256 of every file it copied. On later runs, with a newer course:

- a notebook the learner never changed (its sha256 is the recorded one) is replaced silently;
- a notebook the learner changed is kept, and the newer one goes beside it (`beside_name`),
  with a message saying so;
- a notebook the learner deleted is copied again;
- `reset` puts the shipped notebook back on request, keeping the learner's version beside it.

Standard library only: this runs before JupyterLab starts.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from itertools import count
from pathlib import Path

MANIFEST_NAME = ".muscletwitch-course.json"
SUFFIX = ".ipynb"


class CourseError(Exception):
    """The course cannot be copied or restored; the message says why and what to do."""


@dataclass
class Report:
    """What `install` did, file by file (names relative to the course folder)."""

    copied: list[str] = field(default_factory=list)  # new in the folder
    updated: list[str] = field(default_factory=list)  # unchanged by the learner, replaced
    kept: dict[str, str] = field(default_factory=dict)  # learner's file -> newer one beside it

    def messages(self, folder: Path) -> list[str]:
        lines = []
        if self.copied:
            lines.append(f"copied {len(self.copied)} notebook(s) into {folder}")
        if self.updated:
            lines.append(f"updated to the newer course: {', '.join(self.updated)}")
        for mine, newer in self.kept.items():
            lines.append(
                f"kept your changed {mine}; the newer course version is beside it as {newer}"
                f" (muscletwitch lab --reset {mine} replaces yours, keeping a copy)"
            )
        return lines


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def shipped() -> dict[str, bytes]:
    """The course files shipped in the package (`muscletwitch/notebooks/`, put there by the build),
    or, in a source checkout or editable install, the notebooks/ folder beside the package."""
    packaged = resources.files("muscletwitch") / "notebooks"
    checkout = Path(__file__).resolve().parent.parent / "notebooks"
    for source in (packaged, checkout):
        if source.is_dir():
            files = {f.name: f.read_bytes() for f in source.iterdir() if f.name.endswith(SUFFIX)}
            if files:
                return dict(sorted(files.items()))
    raise CourseError(
        f"the course notebooks are not installed with this package (looked in {packaged} and "
        f"{checkout}); reinstall it: pip install --force-reinstall muscletwitch"
    )


def beside_name(name: str, version: str) -> str:
    """Where the newer version of a notebook the learner changed goes."""
    stem = name.removesuffix(SUFFIX)
    return f"{stem} (course {version}){SUFFIX}"


def backup_name(folder: Path, name: str) -> str:
    """Where `reset` keeps the learner's version of a notebook: a name not yet taken."""
    stem = name.removesuffix(SUFFIX)
    names = (f"{stem} (your changes{f' {n}' if n > 1 else ''}){SUFFIX}" for n in count(1))
    return next(n for n in names if not (folder / n).exists())


def read_manifest(folder: Path) -> dict[str, str]:
    """name -> sha256 of the file as last copied; empty if there is no (readable) manifest."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}


def _write(path: Path, data: bytes) -> None:
    """Write atomically: a crash never leaves half a notebook."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_manifest(folder: Path, files: Mapping[str, str], version: str) -> None:
    """Record what was copied (written only when that changes)."""
    text = json.dumps({"version": version, "files": dict(sorted(files.items()))}, indent=1)
    path, data = folder / MANIFEST_NAME, (text + "\n").encode()
    if not path.is_file() or path.read_bytes() != data:
        _write(path, data)


def _prepare(folder: Path) -> None:
    """Make the course folder; CourseError if it cannot be made or written to."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as e:
        raise CourseError(
            f"cannot write the course into {folder}: {e.strerror or e}; "
            "choose a folder of yours with --dir"
        ) from None


def install(folder: Path, files: Mapping[str, bytes], version: str) -> Report:
    """Bring `folder` up to the course `files` (name -> content) without losing a learner's edit."""
    _prepare(folder)
    recorded = read_manifest(folder)
    manifest = dict(recorded)
    report = Report()
    for name, data in files.items():
        target, new = folder / name, sha256(data)
        if not target.exists():
            _write(target, data)
            report.copied.append(name)
        else:
            current = sha256(target.read_bytes())
            if current == new:
                pass
            elif current == recorded.get(name):
                _write(target, data)
                report.updated.append(name)
            else:  # the learner's edit (or a file we did not copy): never overwritten
                newer = folder / beside_name(name, version)
                if not newer.exists() or sha256(newer.read_bytes()) != new:
                    _write(newer, data)
                report.kept[name] = newer.name
                continue  # the manifest keeps the sha256 we last copied to it
        manifest[name] = new
    _write_manifest(folder, manifest, version)
    return report


def resolve(name: str, files: Mapping[str, bytes]) -> str:
    """The course file `name` means ('00_start_here', '00_start_here.ipynb' or a path to it)."""
    base = Path(name).name
    for candidate in (base, base + SUFFIX):
        if candidate in files:
            return candidate
    stems = {n.removesuffix(SUFFIX): n for n in files}
    close = difflib.get_close_matches(base.removesuffix(SUFFIX), list(stems), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(stems[c] for c in close)}? " if close else ""
    raise CourseError(
        f"no notebook {name!r} in the course; {hint}the notebooks: {', '.join(files)}"
    )


def reset(folder: Path, name: str, files: Mapping[str, bytes], version: str) -> str:
    """Restore the shipped version of notebook `name`. A learner's changed version is kept as
    `backup_name`; returns a message saying what was done."""
    name = resolve(name, files)
    _prepare(folder)
    target, data = folder / name, files[name]
    message = f"restored {name} in {folder}"
    if target.exists() and sha256(target.read_bytes()) != sha256(data):
        backup = folder / backup_name(folder, name)
        _write(backup, target.read_bytes())
        message += f"; your version is kept as {backup.name}"
    _write(target, data)
    manifest = read_manifest(folder)
    manifest[name] = sha256(data)
    _write_manifest(folder, manifest, version)
    return message
