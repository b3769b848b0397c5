# Two commands on a fresh machine with python3 and make: `make demo`, `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE := examples/phu-luc-2-thanh-tra-tinh-2021.txt

.PHONY: demo test lint typecheck install fuzz bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Check the bundled sample: exit 1 only means "the report has errors", which it does.
demo: install
	$(BIN)/cchc check $(SAMPLE) || [ $$? -eq 1 ]

lint: install
	$(BIN)/ruff check cchc_rules tests plugins bench examples
	$(BIN)/ruff format --check cchc_rules tests plugins bench examples

typecheck: install
	$(BIN)/mypy

test: install lint typecheck
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
