# One command per task. Every target bootstraps the virtual environment it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: install generate check-generated lint typecheck test test-fast demo bench clean

# A new spec (generator config) is a new top-level package: the editable install must learn it.
$(STAMP): pyproject.toml constraints.txt generator/requirements.txt $(wildcard generator/config/*.yaml)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -c constraints.txt -r generator/requirements.txt -e '.[dev,devserver,dataframes,dask,spark,fast,contract]'
	@# setuptools' editable finder hook (two package roots) is invisible to mypy and pyright:
	@# a plain .pth listing the roots lets them resolve dnastack like a normal install.
	$(PY) -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "dnastack_sdk_source_roots.pth").write_text("$(CURDIR)/facade\n$(CURDIR)/generated\n")'
	@touch $(STAMP)

install: $(STAMP) ## create .venv with the project and every dev/test dependency

generate: $(STAMP) ## delete and regenerate every package under generated/ from specs/
	$(PY) generator/generate.py

check-generated: $(STAMP) ## regenerate into a temp dir; fail on any difference or untracked file
	$(PY) generator/generate.py --check

lint: $(STAMP) ## ruff (lint + format check) and mypy --strict on facade/ and generated/
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy facade/dnastack
	$(VENV)/bin/mypy generated

typecheck: lint

test: $(STAMP) lint check-generated ## everything CI runs
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP) ## unit and spec tests only
	$(PY) -m pytest tests/unit tests/spec $(PYTEST_ARGS)

demo: $(STAMP) ## the main job against the embedded local GA4GH node
	$(PY) demo/run_demo.py

bench: $(STAMP) ## side-by-side benchmarks (see bench/README.md); BASELINE=ref adds ours at that commit
	$(PY) bench/run.py $(if $(BASELINE),--baseline $(BASELINE))

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
