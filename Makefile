# The two commands of the README:
#   make demo   installs kg in .venv and builds the bundled sample articles into out/
#   make test   installs the test tools (Debian's chromium too), runs ruff, mypy and the whole
#               pytest suite: browser tests of graph.html and the notebook included
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
# The browser tests drive Debian's chromium (no browser download works here); as root in CI,
# otherwise through sudo.
CHROMIUM = /usr/bin/chromium
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo install test lint clean

$(BIN)/kg: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/kg

install: $(BIN)/kg

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests"
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

demo: install
	$(BIN)/kg build articles/ -o out/
	@echo "Try: $(BIN)/kg query out/graph.ttl 'SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }'"

lint: install
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/mypy

test: lint $(CHROMIUM)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .mypy_cache .ruff_cache test-artifacts
