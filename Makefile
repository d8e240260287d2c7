# The two promises of the README: `make demo` and `make test` work on a fresh machine.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

DESK := src/veille/desk

.PHONY: demo test install bench eval clean browser java

$(BIN)/veille: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/veille

# the desk's browser libraries (Leaflet, topojson-client, world-atlas, swagger-ui), from the
# npm registry into the package: the app serves them itself, no CDN
$(DESK)/node_modules/.package-lock.json: $(DESK)/package.json $(DESK)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(DESK) --ignore-scripts --no-audit --no-fund --silent; \
	else echo "npm not found: the desk's map libraries are not installed (pages work, no map)"; fi

install: $(BIN)/veille $(DESK)/node_modules/.package-lock.json

# Debian's chromium and chromium-driver for the desk's browser tests (apt, never a download
# by the tests); where apt cannot install them, those tests skip and say why
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  $$SUDO apt-get install -y --no-install-recommends chromium chromium-driver >/dev/null 2>&1 || \
	  ($$SUDO apt-get update -qq >/dev/null 2>&1 && \
	   $$SUDO apt-get install -y --no-install-recommends chromium chromium-driver >/dev/null 2>&1) || \
	  echo "could not install chromium with apt: the browser tests will be skipped"; \
	else echo "no apt-get: the browser tests will be skipped"; fi

# a Java runtime for the Spark tests (PySpark runs on the JVM), from apt where missing
java:
	@if command -v java >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  $$SUDO apt-get install -y --no-install-recommends default-jre-headless >/dev/null 2>&1 || \
	  ($$SUDO apt-get update -qq >/dev/null 2>&1 && \
	   $$SUDO apt-get install -y --no-install-recommends default-jre-headless >/dev/null 2>&1) || \
	  echo "could not install a Java runtime with apt: the Spark tests will be skipped"; \
	else echo "no apt-get: the Spark tests will be skipped"; fi

demo: install
	$(BIN)/veille extract examples/articles --db demo.db -o demo-events.jsonl --format table
	$(BIN)/veille fuse --db demo.db

test: install browser java
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/veille extract ../shared/dev/articles.jsonl --no-db -o /tmp/veille-dev.jsonl
	$(BIN)/veille eval ../shared/dev/gold.jsonl /tmp/veille-dev.jsonl

bench: install
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) demo.db demo-events.jsonl .pytest_cache $(DESK)/node_modules
