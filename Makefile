# The two commands a user needs are `make serve` and `make test`; each sets itself up.
# Everything is installed inside this folder (.venv/, node_modules/); only Chromium comes from apt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PROFILE ?= $(shell cat src/lp_rules/authorities/DEFAULT)
# mkdocs (Material for MkDocs) or zensical (its successor): the same steps before and after.
BUILDER ?= mkdocs
# 0.0.0.0 serves to other devices on the network (a phone on the same Wi-Fi): see README.md.
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
JAVA ?= java
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: fictional-site list-authorities site-folder new-authority check-authority setup build build-all serve test test-compiled-all check check-tests chromium java typecheck jscheck pyodide-wheels bench wheel clean

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

# The rules wheel, built with the standard PEP 517 builder (pure Python, so no pyodide-build needed),
# again only when the package's source has changed. setuptools' own build/lib/ copy goes first: it
# keeps files deleted from src/ (a removed authority's folder) and would put them in the wheel.
RULES_SOURCES := $(shell find src -type f -not -path '*/__pycache__/*' -not -path '*.egg-info/*') pyproject.toml
dist/.built: $(RULES_SOURCES) $(VENV)/.installed
	rm -rf dist build/lib build/bdist.*
	$(PY) -m build --wheel --no-isolation --outdir dist . >/dev/null
	touch $@
wheel: dist/.built

# Everything a site is built from. A site is rebuilt only when one of these is newer than its
# last build (build/stamps/<profile>.<builder>), so a second `make serve` or `make build` with
# nothing changed starts at once. A site folder deleted by hand is rebuilt too.
SITE_INPUTS := $(shell find docs tools overrides -type f -not -path '*/__pycache__/*') \
	mkdocs.yml redirects.yml hazard-log.toml training-scenarios.toml package-lock.json \
	dist/.built node_modules/.installed $(VENV)/.installed
# One folder per authority (decisions/0009): the list of authorities is the list of folders,
# and each one's site folder is decided once, by lp_rules.profiles.site_folder.
AUTHORITIES := src/lp_rules/authorities
PROFILES := $(patsubst $(AUTHORITIES)/%/profile.toml,%,$(wildcard $(AUTHORITIES)/*/profile.toml))
site_of = $(shell PYTHONPATH=src $(PYTHON) -c 'import sys; from lp_rules.profiles import site_folder; print(site_folder(sys.argv[1]))' $(1))
$(foreach p,$(PROFILES),$(if $(wildcard $(call site_of,$(p))/index.html),,$(shell rm -f build/stamps/$(p).*)))

# The compiled wheel and the trimmed standard library every site shares (build/wheel/,
# build/stdlib/), made once before the sites, so that sites built side by side (make -j2) never
# write them at the same time (a file, not a phony target, so that `make -q build-all` can say
# the sites are up to date). Each cache is made only when its inputs' hash is new.
RUNTIME_CACHES := build/runtime-caches.stamp
$(RUNTIME_CACHES): dist/.built node_modules/.installed tools/sitegen/runtime.py tools/sitegen/stdlib.py
	@mkdir -p build
	PYTHONPATH=tools $(PY) -c 'from sitegen.runtime import site_wheel; from sitegen.stdlib import trimmed_stdlib; site_wheel(); trimmed_stdlib()'
	touch $@

build/stamps/%: $(SITE_INPUTS) | $(RUNTIME_CACHES)
	@mkdir -p build/stamps
	rm -f build/stamps/$(basename $*).*
	$(PY) tools/build_site.py --profile $(basename $*) --builder $(subst .,,$(suffix $*))
	touch $@

# The default authority's site (authorities/DEFAULT) into site/; `make build PROFILE=<id>` builds into
# site-<id>/; BUILDER=zensical builds with Zensical instead of MkDocs.
build: build/stamps/$(PROFILE).$(BUILDER)

build-all: $(foreach p,$(PROFILES),build/stamps/$(p).$(BUILDER))

serve: build
	$(PY) tools/serve.py --host $(HOST) --port $(PORT) $(call site_of,$(PROFILE))

chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Java for the W3C Nu HTML checker (vnu-jar from npm; tests/site/test_html_valid.py).
java:
	@command -v $(JAVA) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

typecheck: setup
	$(BIN)/mypy

# The site's JavaScript: types (tsc --checkJs: the pages', then the workers'), lint (ESLint) and the checklist core's unit tests.
jscheck: setup
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.workers.json
	node_modules/.bin/eslint docs/assets/js docs/sw.js tests/js tools/bench
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

# Every test: types, the rules natively, the built sites, the browser; the rules again inside
# Pyodide under Node, on the site's trimmed, precompiled stdlib plus (for pytest and hypothesis
# only) the stock modules it leaves out (see tools/sitegen/stdlib.py).
# What the tests need is made first, two jobs at a time (the sites, the fictional authority's
# site, the type and JavaScript checks); chromium and java go first, one after the other, as
# each may run apt-get. The tests' fictional site is built here, once, so that the two lanes'
# processes only read it (tests/conftest.py's build_fictional_site also takes a lock).
# Then two lanes run side by side, one process at a time each, so a 2-core machine is kept busy:
#   1. the rules (one shared walk of every answer set per build: tests/rules/space.py), the CLI,
#      the built sites (one Zensical build into build/<profile>/), the rules in Pyodide, then
#      the browser tests in BROWSER_LANE_1;
#   2. every other browser test, then tests/perf's offline and saved-start tests (one
#      Chromium; every served site on its own ephemeral port, every site a test changes a
#      private copy in a temporary folder).
# BROWSER_LANE_1 balances the lanes: move a browser test file between them when one lane ends
# long before the other (each run's log gives both lanes' times; DEVELOPING.md, "How make test
# spends its time"). Fresh clone of 725b717 (2026-12-07, AMD EPYC, 2 CPUs, load 5-7): set-up
# about 140 s; lane 1 native 741 s, Pyodide 224 s, accessibility and stdlib 424 s (1,389 s);
# lane 2 with tests/perf 1,604 s; 1,743 s in all. So test_maps_and_compare.py (about 75 s,
# half of it axe at phone width) moved to lane 1 after that run, beside test_accessibility.py.
# Fresh clone of 26000e4 (2026-12-08): lane 1 ended about 130 s before lane 2 (1,591 s
# in all), and the next stop halved the Pyodide run's CPU (tests/rules/space.examples), so
# tests/perf/test_update.py (about 90 s of CPU) moved to lane 1 after it.
# Not pytest-xdist: its workers would each repeat the rules' walk and the Zensical build (which
# write the same build/<profile>/ folders), and start a Chromium and a Pyodide each.
# Lane 2 writes to build/test-logs/browser.log, shown when both lanes are done; the recipe fails
# if either lane failed. tests/perf holds no timed test (benchmarks are `make bench`), so it runs
# in lane 2, not alone afterwards as it did until 2026-12-07 (202 s then); its trimmed-stdlib
# proofs (STDLIB_PROOFS: about 50 s of Pyodide under Node) end lane 1. Each run prints its slowest
# tests (--durations), so a slow test is seen where it is, in every run and in CI.
NATIVE_TESTS := tests/rules tests/cli tests/test_waits.py tests/site
BROWSER_LANE_1 := tests/browser/test_accessibility.py tests/browser/test_maps_and_compare.py \
	tests/perf/test_update.py
STDLIB_PROOFS := tests/perf/test_stdlib.py
test:
	@$(MAKE) --no-print-directory chromium java
	@$(MAKE) --no-print-directory -j2 build-all fictional-site typecheck jscheck pyodide-wheels
	@mkdir -p build/test-logs
	@CHROMIUM=$(CHROMIUM) $(BIN)/pytest --durations=15 tests/browser tests/perf \
		$(addprefix --ignore=,$(BROWSER_LANE_1) $(STDLIB_PROOFS)) >build/test-logs/browser.log 2>&1 & browser=$$!; \
	echo "make test: the browser tests run beside these, into build/test-logs/browser.log"; \
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest --durations=15 $(NATIVE_TESTS) \
	&& PYTHONPATH=tools $(PY) -m sitegen.stdlib --test-zip build/pyodide-stdlib-test.zip \
	&& node tests/pyodide/run_rules_tests.mjs --stdlib build/pyodide-stdlib-test.zip \
	&& CHROMIUM=$(CHROMIUM) $(BIN)/pytest --durations=15 $(BROWSER_LANE_1) $(STDLIB_PROOFS); \
	native=$$?; wait $$browser; browsers=$$?; cat build/test-logs/browser.log; \
	echo "make test: lane 1 (rules, CLI, sites, Pyodide, $(notdir $(BROWSER_LANE_1))) exit $$native; lane 2 (the other browser tests, tests/perf) exit $$browsers"; \
	[ $$native -eq 0 ] && [ $$browsers -eq 0 ]

# The tests' fictional authority's site (tests/conftest.py), built when missing or stale.
fictional-site: dist/.built node_modules/.installed | $(RUNTIME_CACHES)
	@$(PY) -c 'from tests.conftest import FICTIONAL, build_fictional_site; build_fictional_site(FICTIONAL)'

# The quick loop while editing (no site build, no browser): types, the page's JavaScript, the
# rules natively on every combination of answers, and the CLI. One pytest process: the rules tests
# share one walk of each build's answer space (tests/rules/space.py, the builds walked side by side
# by forked workers, one per core), which xdist workers would repeat. It runs beside the type and
# JavaScript checks (one after the other), so a 2-core machine is kept busy; each job's output is
# shown whole when it ends, the tests' with their slowest.
CHECK_TESTS := tests/rules tests/cli tests/test_waits.py
check: setup
	@$(MAKE) --no-print-directory -j2 --output-sync=target check-tests typecheck jscheck
check-tests: setup
	$(BIN)/pytest --durations=10 $(CHECK_TESTS) -q

# The page's compiled decisions against the rules on every one of the 788,880 answer sets per
# build and variant (make test compares every full set and every 32nd of the rest): about 22
# minutes on a 2-core machine.
test-compiled-all: setup
	LP_COMPILED_STRIDE=1 $(BIN)/pytest tests/site/test_compiled.py -q -k test_every_answer_set

# Speed and size against their targets (tools/bench/); BENCH_ARGS=--record writes the results
# into docs/includes/performance-results.md (the performance page).
bench: build-all chromium
	PYTHONPATH=tools $(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf build dist site site-* .pytest_cache .mypy_cache .hypothesis

# The authorities the Makefile builds, one per folder (tests/rules/test_authorities.py reads it).
list-authorities:
	@echo $(PROFILES)

# The folder PROFILE's site is built into (the publishing workflow uploads it).
site-folder:
	@echo $(call site_of,$(PROFILE))

# A new authority: one folder, src/lp_rules/authorities/$(ID)/, and nothing outside it
# (decisions/0009). Then `make check-authority PROFILE=$(ID)` and `make build PROFILE=$(ID)`.
new-authority: $(VENV)/.installed
	@test -n "$(ID)" -a -n "$(NAME)" || { echo 'Give both: make new-authority ID=exampleshire NAME="Exampleshire"'; exit 2; }
	@$(PY) tools/authority.py new "$(ID)" "$(NAME)"

# What is still missing or wrong in an authority's folder, in plain words (exit 1 if wrong).
check-authority: $(VENV)/.installed
	@$(PY) tools/authority.py check "$(PROFILE)"
