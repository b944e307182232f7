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

.PHONY: setup build build-all serve test chromium typecheck jscheck pyodide-wheels bench wheel clean

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

# The checklist page's JavaScript: types (tsc --checkJs), lint (ESLint) and its core's unit tests.
jscheck: setup
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/eslint docs/assets/js/checklist.js docs/assets/js/checklist tests/js
	node --test tests/js/

# Pure-Python wheels for running the rules' tests inside Pyodide (tests/pyodide).
PYODIDE_WHEELS := build/pyodide-wheels/.downloaded
$(PYODIDE_WHEELS): tests/pyodide/requirements.txt $(VENV)/.installed
	rm -rf build/pyodide-wheels
	$(BIN)/pip download --quiet --only-binary=:all: --no-deps --dest build/pyodide-wheels \
		--python-version 3.14 --implementation py --abi none --platform any \
		-r tests/pyodide/requirements.txt
	touch $@
pyodide-wheels: $(PYODIDE_WHEELS)

# Every test: types, the rules natively, the built sites, the browser; then the rules again
# inside Pyodide under Node, on the site's trimmed, precompiled stdlib plus (for pytest and
# hypothesis only) the stock modules it leaves out: see tools/sitegen/stdlib.py.
test: build-all chromium typecheck jscheck pyodide-wheels
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest tests
	PYTHONPATH=tools $(PY) -m sitegen.stdlib --test-zip build/pyodide-stdlib-test.zip
	node tests/pyodide/run_rules_tests.mjs --stdlib build/pyodide-stdlib-test.zip

# Speed and size against their targets (tools/bench.py); BENCH_ARGS=--record writes the results
# into docs/includes/performance-results.md (the performance page).
bench: build-all chromium
	$(PY) tools/bench.py $(BENCH_ARGS)

clean:
	rm -rf build dist site site-* .pytest_cache .mypy_cache .hypothesis
