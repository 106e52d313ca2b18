# Every target sets up what it needs: a local virtual environment (.venv)
# from pyproject.toml on first use, and Node packages for the tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
N ?= 10000
SCALE ?=

.PHONY: help html serve publish check test test-fast bench clean setup

help:
	@echo "make serve    build the sample site and serve it on http://127.0.0.1:$(PORT), rebuilding on change"
	@echo "make html     build the site into output/"
	@echo "make publish  production build (publishconf.py); any warning is fatal"
	@echo "make check    validate content/ only (fast, writes nothing)"
	@echo "make test     run every test"
	@echo "make bench    benchmark on two synthetic councils (default shape: N=$(N) documents; long history);"
	@echo "              make bench SCALE=50000 also runs 50,000 documents and reports the ratios to N"

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

html: $(STAMP)
	PYTHONPATH=plugins $(PY) -m transparency build --settings pelicanconf.py

publish: $(STAMP)
	PYTHONPATH=plugins $(PY) -m transparency build --settings publishconf.py --strict

check: $(STAMP)
	PYTHONPATH=plugins $(PY) -m transparency check content --settings pelicanconf.py

# Pelican builds first, then rebuilds on every save; content errors are listed
# and the server keeps running until they are fixed.
serve: $(STAMP)
	PYTHONPATH=plugins $(VENV)/bin/pelican --autoreload --listen --port $(PORT) --fatal errors -s pelicanconf.py

test: $(STAMP)
	bash tests/setup-tools.sh
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not slow"

bench: $(STAMP)
	PYTHONPATH=plugins $(PY) -m bench --documents $(N) $(if $(SCALE),--scale $(SCALE))

clean:
	rm -rf output .cache
