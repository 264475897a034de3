# kneeload: every target sets up what it needs, and does nothing again when nothing changed.
#   make serve   build and serve the site on http://127.0.0.1:8000
#   make test    the whole test suite (native, in Pyodide under Node, end to end in Chromium)
#   make site    build the static site into site/
#   make bench   print size and speed figures (not part of the tests)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material 9.8 prints a banner about its successor on every build; keep build logs to what matters.
export NO_MKDOCS_2_WARNING := 1
PYODIDE_WHEELS := .cache/pyodide-wheels
# pyodide-build (it writes the site's pyodide-lock.json) needs Python 3.12+: its own small venv.
LOCK_VENV := .venv-lock

.PHONY: serve test site bench setup chromium clean

setup: $(VENV)/.installed node_modules/.installed $(LOCK_VENV)/.installed

# Python dependencies, pinned in requirements.txt; the calculator installed in editable mode.
$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kneeload needs Python 3.11 or newer: set PYTHON=python3.11 (or newer)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The lock tool: pyodide-build and everything it needs, pinned in requirements-lock.txt, in a
# Python 3.12+ found by tools/lock_python.py (LOCK_PYTHON=... picks one; it says what is missing).
$(LOCK_VENV)/.installed: requirements-lock.txt tools/lock_python.py
	@$(PYTHON) tools/lock_python.py >/dev/null
	rm -rf $(LOCK_VENV)
	"$$($(PYTHON) tools/lock_python.py)" -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-lock.txt
	$(LOCK_VENV)/bin/python -m pip check --disable-pip-version-check >/dev/null
	touch $@

# The Pyodide runtime, pinned by package.json and package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Pure-Python wheels that the unit tests need inside Pyodide (Python 3.14).
$(PYODIDE_WHEELS)/.installed: requirements-pyodide.txt $(VENV)/.installed
	rm -rf $(PYODIDE_WHEELS)
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
		--python-version 3.14 --implementation py --abi none --platform any \
		--dest $(PYODIDE_WHEELS) -r requirements-pyodide.txt
	touch $@

# Debian's Chromium for the end-to-end tests, unless CHROMIUM_PATH names a browser already.
chromium:
	@if [ -n "$$CHROMIUM_PATH" ] || command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "No Chromium found and apt-get cannot install one here: the end-to-end tests will use"; \
		echo "CHROMIUM_PATH or a browser Playwright already has, and say so if there is none."; \
	fi

site: setup
	$(BIN)/mkdocs build --strict --quiet

serve: setup
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# In parallel (pytest-xdist): one worker per core, at most 4 (TEST_WORKERS=0 runs in this process).
TEST_WORKERS ?= auto
test: setup $(PYODIDE_WHEELS)/.installed chromium
	$(BIN)/python -m pytest --numprocesses $(TEST_WORKERS) --maxprocesses 4 --dist worksteal

bench: setup chromium
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf site .cache build *.egg-info
