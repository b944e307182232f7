# The two commands a user needs are `make serve` and `make test`; each sets itself up.
# Everything is installed inside this folder (.venv/, node_modules/); only Chromium comes from apt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PROFILE ?= merton
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup build build-all serve test test-rules test-pyodide test-site test-browser typecheck bench wheel clean

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

# The rules wheel, built with the standard PEP 517 builder (pure Python, so no pyodide-build needed).
wheel: setup
	rm -rf dist
	$(PY) -m build --wheel --no-isolation --outdir dist . >/dev/null

# The default (Merton) site into site/; `make build PROFILE=graduated-pathway` builds into site-graduated-pathway/.
build: wheel
	$(PY) tools/build_site.py --profile $(PROFILE)

build-all: wheel
	$(PY) tools/build_site.py --all

serve: build
	$(PY) tools/serve.py --port $(PORT) $(if $(filter merton,$(PROFILE)),site,site-$(PROFILE))

chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

typecheck: setup
	$(BIN)/mypy

test: build-all chromium typecheck
	$(PY) tools/run_tests.py

bench: build-all chromium
	$(PY) tools/bench.py

clean:
	rm -rf build dist site site-* .pytest_cache .mypy_cache .hypothesis
