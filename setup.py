"""The course notebooks ship inside the package (muscletwitch/notebooks/), from one copy in git.

They live in notebooks/ at the repository root, where the tests, nbval and `make lab` use them;
setuptools' package data cannot reach outside the package folder, so build_py copies them into
the built package. MANIFEST.in puts them into the sdist, so a wheel built from it has them too.
Editable installs skip the copy: `muscletwitch lab` in a checkout opens notebooks/ in place.
Everything else about the package is declared in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

COURSE_SOURCE = Path("notebooks")
COURSE_PACKAGE_DIR = Path("muscletwitch", "notebooks")


class BuildPyWithCourse(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        notebooks = sorted(COURSE_SOURCE.glob("*.ipynb"))
        if not notebooks:
            raise SystemExit(f"no notebooks in {COURSE_SOURCE.resolve()}: the course is empty")
        target = Path(self.build_lib, COURSE_PACKAGE_DIR)
        self.mkpath(str(target))
        for notebook in notebooks:
            self.copy_file(str(notebook), str(target / notebook.name))


setup(cmdclass={"build_py": BuildPyWithCourse})
