# Every target sets up what it needs: a local virtual environment (.venv)
# from pyproject.toml on first use, and Node packages for the tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
CONTENT ?= content
export CONTENT
OUTPUT ?= output
CACHE ?=
BUILD_FOLDERS = --content $(CONTENT) --output $(OUTPUT) $(if $(CACHE),--cache $(CACHE))
N ?= 10000
SCALE ?=

.PHONY: help html serve publish check new test test-fast bench clean setup

help:
	@echo "make serve    build the sample site and serve it on http://127.0.0.1:$(PORT), rebuilding on change"
	@echo "make html     build the site into output/"
	@echo "make publish  production build (publishconf.py); any warning is fatal"
	@echo "make check    validate content/ only (fast, writes nothing)"
	@echo "make new TYPE=decision TITLE=\"privind …\"   start a document (TYPE: decision, report, meeting, page, …)"
	@echo "              html, serve, publish, check and new take CONTENT=folder (default content/);"
	@echo "              html, serve and publish OUTPUT=folder (default output/) and CACHE=folder"
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
	PYTHONPATH=plugins $(PY) -m transparency build --settings pelicanconf.py $(BUILD_FOLDERS)

publish: $(STAMP)
	PYTHONPATH=plugins $(PY) -m transparency build --settings publishconf.py --strict $(BUILD_FOLDERS)

check: $(STAMP)
	PYTHONPATH=plugins $(PY) -m transparency check $(CONTENT) --settings pelicanconf.py $(if $(CACHE),--cache $(CACHE))

# Builds, serves output/ and rebuilds once per save; a build's problems are listed once and the
# server keeps running until they are fixed; Ctrl-C stops it with every process it started.
serve: $(STAMP)
	PYTHONPATH=plugins $(PY) -m transparency serve --settings pelicanconf.py $(BUILD_FOLDERS) --port $(PORT)

# TYPE, TITLE and CONTENT are read from the environment (make puts the variables given on its
# command line there), so that a title may hold quotes, colons, $ or `.
new: $(STAMP)
	@test -n "$$TYPE" -a -n "$$TITLE" || { echo 'make new TYPE=decision TITLE="privind …" (TYPE: decision, report, meeting, page, …)'; exit 2; }
	PYTHONPATH=plugins $(PY) -m transparency new "$$TYPE" "$$TITLE" --content "$$CONTENT"

test: $(STAMP)
	bash tests/setup-tools.sh
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not slow"

bench: $(STAMP)
	PYTHONPATH=plugins $(PY) -m bench --documents $(N) $(if $(SCALE),--scale $(SCALE))

clean:
	rm -rf output .cache
