# Tasks for working on freecv-tui; run `make help` for the list.
PY ?= .venv/bin/python

help:  ## list the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

install:  ## make .venv with the app, test and dev tools
	python3 -m venv .venv && .venv/bin/pip install -e ".[dev]"

test:  ## run the test suite
	$(PY) -m pytest

check:  ## lint and format check
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

bench:  ## measure start-up and export times
	$(PY) benchmarks/bench.py

dev:  ## run the app with live CSS reloading
	.venv/bin/textual run --dev freecv_tui.app:FreeCVApp

.PHONY: help install test check bench dev
