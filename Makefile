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
# Quoted wherever a command takes them: a folder's name may hold spaces.
BUILD_FOLDERS = --content "$(CONTENT)" --output "$(OUTPUT)" $(if $(CACHE),--cache "$(CACHE)")
N ?= 10000
SCALE ?=

.PHONY: help html serve editor publish check new verify rsync_upload s3_upload rsync_settings s3_settings test test-fast bench clean setup

help:
	@echo "make serve    build the sample site and serve it on http://127.0.0.1:$(PORT), rebuilding on change"
	@echo "make html     build the site into output/"
	@echo "make publish  production build (publishconf.py); any warning is fatal"
	@echo "make check    validate content/ only (fast, writes nothing but its cache)"
	@echo "make new TYPE=decision TITLE=\"privind …\"   start a document (TYPE: decision, report, meeting, page, …)"
	@echo "              html, serve, publish, check and new take CONTENT=folder (default content/);"
	@echo "              html, serve and publish OUTPUT=folder (default output/) and CACHE=folder"
	@echo "make verify WHERE=… [KEY=…]                                  check a copy of the site (folder or http(s) address) against its manifest"
	@echo "make rsync_upload SSH_HOST=… [SSH_USER=…] SSH_TARGET_DIR=…   publish, then copy output/ to a server over SSH"
	@echo "make s3_upload S3_BUCKET=… [S3_ENDPOINT=https://…]            publish, then copy output/ to S3-compatible storage"
	@echo "make clean    delete the output folder and the build cache (OUTPUT=, CACHE=; nothing else)"
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
	PYTHONPATH=plugins $(PY) -m transparency check "$(CONTENT)" --settings pelicanconf.py $(if $(CACHE),--cache "$(CACHE)")

# Builds, serves output/ and rebuilds once per save; a build's problems are listed once and the
# server keeps running until they are fixed; Ctrl-C stops it with every process it started.
serve: $(STAMP)
	PYTHONPATH=plugins $(PY) -m transparency serve --settings pelicanconf.py $(BUILD_FOLDERS) --port $(PORT) $(if $(EDITOR),--editor)

# make serve with the form editor at /admin/ (Decap CMS; its local backend behind the preview, at /api/v1).
editor: EDITOR = yes
editor: serve

# TYPE, TITLE, CONTENT and DECISION (a report's decision; default: the draft registered last) are
# read from the environment (make puts the variables given on its command line there), so that a
# title may hold quotes, colons or ` (a $ is written $$, as make reads it).
new: $(STAMP)
	@test -n "$$TYPE" -a -n "$$TITLE" || { echo 'make new TYPE=decision TITLE="privind …" (TYPE: decision, report, meeting, page, …)'; exit 2; }
	PYTHONPATH=plugins $(PY) -m transparency new "$$TYPE" "$$TITLE" --content "$$CONTENT" $(if $(DECISION),--decision "$$DECISION")

# Checks a copy of the site (WHERE=: a folder, or an http(s) address) against its signed manifest,
# with KEY= the council's public key obtained elsewhere than the copy (docs/history.md, "Checking a
# copy"). The command's exit status, 1 when the copy differs and 2 when it or the key cannot be read,
# is in make's message ("Error 1"); make's own is 2 for either.
WHERE ?=
KEY ?=

verify: $(STAMP)
	@test -n "$(WHERE)" || { echo "make verify WHERE=folder-or-https://address [KEY=cheie-publica.pem]"; exit 2; }
	PYTHONPATH=plugins $(PY) -m transparency verify "$(WHERE)" $(if $(KEY),--key "$(KEY)")

# Deploy targets for any static host (as Pelican's own Makefile offers): `make publish`, then the
# output folder copied, files gone from the site deleted there too (docs/ci.md). rsync: every path
# (no --cvs-exclude: it skipped pages named core, tags, *.old…), each file put in place whole (no
# --partial), deletions after the copy, the server's .htaccess and .well-known/ kept, one line per
# change; without SSH_USER, ssh's own default user (its config's User, or the local login).
SSH_HOST ?=
SSH_PORT ?= 22
SSH_USER ?=
SSH_TARGET_DIR ?=
S3_BUCKET ?=
S3_ENDPOINT ?=

rsync_upload: rsync_settings publish
	rsync -e "ssh -p $(SSH_PORT)" -rzc --itemize-changes --delete-after --exclude /.transparency-manifest.json --filter "P /.htaccess" --filter "P /.well-known/" "$(OUTPUT)"/ "$(if $(SSH_USER),$(SSH_USER)@)$(SSH_HOST):$(SSH_TARGET_DIR)"

s3_upload: s3_settings publish
	aws s3 sync "$(OUTPUT)"/ "s3://$(S3_BUCKET)" --delete --no-progress --exclude .transparency-manifest.json --exclude ".well-known/*" $(if $(S3_ENDPOINT),--endpoint-url "$(S3_ENDPOINT)")

# Said before the build, not after it.
rsync_settings:
	@test -n "$(SSH_HOST)" -a -n "$(SSH_TARGET_DIR)" || { echo "make rsync_upload SSH_HOST=server [SSH_USER=user] SSH_TARGET_DIR=/var/www/site"; exit 2; }

s3_settings:
	@test -n "$(S3_BUCKET)" || { echo "make s3_upload S3_BUCKET=bucket [S3_ENDPOINT=https://s3.example.ro]"; exit 2; }

test: $(STAMP)
	bash tests/setup-tools.sh
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not slow"

bench: $(STAMP)
	PYTHONPATH=plugins $(PY) -m bench --documents $(N) $(if $(SCALE),--scale $(SCALE))

# The output folder and the build cache (CACHE=, else the settings' build_cache, .cache/transparency),
# and nothing else: checked first, a folder that holds this one or the content is refused, and so is an
# output folder with files but without the build's record of them (.transparency-manifest.json).
CLEANED = "$(OUTPUT)" "$(or $(CACHE),.cache/transparency)"

clean:
	@here=$$(pwd -P); content=$$(cd "$(CONTENT)" 2>/dev/null && pwd -P); \
	for folder in $(CLEANED); do \
	  test -e "$$folder" || continue; \
	  real=$$(cd "$$folder" 2>/dev/null && pwd -P) || { echo "make clean: $$folder is not a folder; nothing deleted" >&2; exit 2; }; \
	  for held in "$$here" "$$content"; do \
	    case "$$held/" in "$${real%/}/"*) echo "make clean: $$folder holds $$held; nothing deleted" >&2; exit 2;; esac; \
	  done; \
	done; \
	if test -d "$(OUTPUT)" && test -n "$$(ls -A "$(OUTPUT)")" && test ! -e "$(OUTPUT)/.transparency-manifest.json"; then \
	  echo "make clean: $(OUTPUT) has no .transparency-manifest.json: not an output folder of the build; nothing deleted" >&2; exit 2; \
	fi; \
	rm -rf -- $(CLEANED)
