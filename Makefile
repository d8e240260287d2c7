# The two promises of the README: `make demo` and `make test` work on a fresh machine.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install bench eval clean

$(BIN)/veille: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/veille

install: $(BIN)/veille

demo: install
	$(BIN)/veille extract examples/articles --db demo.db -o demo-events.jsonl --format table
	$(BIN)/veille fuse --db demo.db

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/veille extract ../shared/dev/articles.jsonl --no-db -o /tmp/veille-dev.jsonl
	$(BIN)/veille eval ../shared/dev/gold.jsonl /tmp/veille-dev.jsonl

bench: install
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) demo.db demo-events.jsonl .pytest_cache
