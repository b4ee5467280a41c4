# One entry point for people and CI. `make test` runs every suite the project has.
PYTHON ?= python3

.PHONY: install test test-lib test-addons lint bench bench-odoo

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

# Benchmarks print ratios against a reference run in the same process; not part of `test`.
bench:
	$(PYTHON) bench/bench_validate.py
	$(PYTHON) bench/bench_ubl.py
	$(PYTHON) bench/bench_spv.py

# The addons' benchmarks build throwaway Odoo databases (minutes each).
bench-odoo:
	$(PYTHON) bench/bench_client_search.py
	$(PYTHON) bench/bench_recurring.py
