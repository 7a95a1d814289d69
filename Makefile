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
# bench: quick sizes (a country database of 10 k indicators, about 10 minutes); bench-full: 0.5 M
# and 1 M indicators (about 800 MB and 1.6 GB in BENCH_DIR; hours on 2 cores while the overview's
# reads grow with the square of the database: reads.py times them, browse.py opens d and m only).
BENCH_DIR ?= /tmp/shishi-bench
.PHONY: bench-full
bench: $(STAMP)
	mkdir -p $(BENCH_DIR)
	$(BIN)/python bench/corpus.py --scale 10k --out $(BENCH_DIR)/country-10k.db --sizes
	$(BIN)/python bench/startup.py --db data/shishi.db --db $(BENCH_DIR)/country-10k.db
	$(BIN)/python bench/search.py --sizes 10000,100000
	$(BIN)/python bench/reads.py --db $(BENCH_DIR)/country-10k.db
	$(BIN)/python bench/browse.py --db $(BENCH_DIR)/country-10k.db
	$(BIN)/python bench/import.py --sizes 1
	$(BIN)/python bench/parse.py

bench-full: $(STAMP)
	mkdir -p $(BENCH_DIR)
	for n in 500k 1M; do \
	  $(BIN)/python bench/corpus.py --scale $$n --out $(BENCH_DIR)/country-$$n.db --sizes && \
	  $(BIN)/python bench/startup.py --db data/shishi.db --db $(BENCH_DIR)/country-$$n.db && \
	  $(BIN)/python bench/reads.py --db $(BENCH_DIR)/country-$$n.db && \
	  $(BIN)/python bench/browse.py --db $(BENCH_DIR)/country-$$n.db --runs 3 --reps 1 --views dm || exit 1; \
	done
	$(BIN)/python bench/search.py --sizes 100000,1000000
	$(BIN)/python bench/import.py --sizes 1,10,50
	$(BIN)/python bench/parse.py

# Fault loops (concurrent imports of one file, builds killed): tests marked slow, a few minutes.
torture: $(STAMP)
	$(BIN)/python -m pytest -m slow -s tests

clean:
	rm -rf $(VENV) build dist src/*.egg-info

# Mutation testing (slow, not part of make test): mutmut per module with the tests that cover it,
# each in its own copy under MUTATE_DIR (config: [tool.mutmut] in pyproject.toml); prints the score.
# make mutate MODULES="status pace" runs only modules whose path contains those words.
MUTATE_DIR ?= /tmp/shishi-mutate
.PHONY: mutate
mutate: $(STAMP)
	$(BIN)/python -c "import mutmut" 2>/dev/null || $(BIN)/pip install --quiet mutmut==3.8.1
	MUTATE_DIR=$(MUTATE_DIR) nice -n 19 $(BIN)/python scripts/mutate.py $(MODULES)
