# The two commands of the README:
#   make demo   installs kg in .venv and builds the bundled sample articles into out/
#   make test   installs the test tools (Debian's chromium too), runs ruff, mypy and the whole
#               pytest suite: browser tests of graph.html and the notebook included; graph.html's
#               script is checked by Node (Debian's nodejs, installed like chromium)
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
# The browser tests drive Debian's chromium (no browser download works here); as root in CI,
# otherwise through sudo.
CHROMIUM = /usr/bin/chromium
NODE = /usr/bin/node
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

$(NODE):
	@echo "Installing Debian's nodejs to check graph.html's script"
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null

lint: install $(NODE)
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/ruff format --check kg tests benchmarks
	$(BIN)/mypy
	$(NODE) --check kg/viz/static/app.js

test: lint $(CHROMIUM)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .mypy_cache .ruff_cache test-artifacts
