# Two commands on a fresh machine with python3 and make: `make demo`, `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE := examples/phu-luc-2-thanh-tra-tinh-2021.txt

.PHONY: demo test lint typecheck install fuzz bench clean
FUZZ_RUNS ?= 20000

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Bytecode for the package and the bundled plugins: where PYTHONDONTWRITEBYTECODE is set,
# imports never write .pyc files, and every `cchc` start would compile them from source.
# compileall skips what is up to date, so this is quick after the first time.
install: $(VENV)/.installed
	$(BIN)/python -m compileall -q cchc_rules plugins

# Check the bundled sample: exit 1 only means "the report has errors", which it does.
demo: install
	$(BIN)/cchc check $(SAMPLE) || [ $$? -eq 1 ]

lint: install
	$(BIN)/ruff check cchc_rules tests plugins bench examples fuzz
	$(BIN)/ruff format --check cchc_rules tests plugins bench examples fuzz

typecheck: install
	$(BIN)/mypy

test: install lint typecheck
	$(BIN)/pytest -q

# Coverage-guided fuzzing of the readers (atheris is installed on demand; seeds in fuzz/corpus).
fuzz: install
	$(BIN)/python -m pip install --quiet 'atheris>=2.3'
	mkdir -p fuzz/corpus-work
	$(BIN)/python fuzz/fuzz_readers.py -atheris_runs=$(FUZZ_RUNS) fuzz/corpus-work fuzz/corpus

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
