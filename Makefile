# One entry point for people and CI. `make test` runs every suite the project has.
PYTHON ?= python3

.PHONY: install test test-lib test-addons lint bench

install:
	$(PYTHON) -m pip install -e '.[dev]'

test: lint test-lib test-addons

test-lib:
	$(PYTHON) -m pytest

test-addons:
	scripts/run-odoo-tests

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .

bench:
	$(PYTHON) bench/run_all.py
