# Two commands do everything on a fresh machine (python3 + pip): make run, make test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install build bench torture clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/shishi --db data/shishi.db

# The checks first (lint, formatting, types, import layers: config in pyproject.toml), then the tests.
test: lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

build: $(STAMP)
	$(BIN)/shishi build

# Benchmarks print ratios against a baseline measured in the same run (not part of make test).
bench: $(STAMP)
	$(BIN)/python bench/startup.py --db data/shishi.db
	$(BIN)/python bench/search.py --sizes 10000,100000
	$(BIN)/python bench/parse.py

# Fault loops (concurrent imports of one file, builds killed): tests marked slow, a few minutes.
torture: $(STAMP)
	$(BIN)/python -m pytest -m slow -s tests

clean:
	rm -rf $(VENV) build dist src/*.egg-info
