# Two commands on a fresh machine: `make site` builds the site into site/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: help venv generate site serve check test lint format golden bench clean

help:
	@echo "make site     set up .venv, generate docs/ from seeds/, build the site into site/"
	@echo "make serve    live preview on http://127.0.0.1:8000/news-digest/ (rebuilds on edits to seeds/, hand-written docs/, generator/)"
	@echo "make check    validate seeds/ and annotations"
	@echo "make test     set up .venv with test tools and run every test"
	@echo "make lint     ruff's checks and formatting (make format fixes what it can)"
	@echo "make golden   regenerate the golden pages in tests/golden/ after an intended change"
	@echo "make bench    benchmark generator, site build, search and make serve (N=100,1000 to choose sizes)"

$(RUNTIME_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): $(RUNTIME_STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(DEV_STAMP)

# Material 9.8 prints a notice of its end of life (2027-05-05) on every build; the project knows it
# (README, "Dependencies"), and on every contributor's build it buried the generator's own report.
export NO_MKDOCS_2_WARNING := 1

# Every error, but only the warnings of seeds new or changed since the last build: on a digest of
# thousands of articles, the warnings every build would repeat buried the new ones (the others are
# counted; `make check` lists them all).
generate: $(RUNTIME_STAMP)
	$(PY) -m generator build --changed-only

site: generate
	$(PY) -m mkdocs build --strict --site-dir site

serve: $(RUNTIME_STAMP)
	DIGEST_REGENERATE=1 $(PY) -m mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000 --watch seeds --watch generator

check: $(RUNTIME_STAMP)
	$(PY) -m generator check

lint: $(DEV_STAMP)
	$(PY) -m ruff check generator tests
	$(PY) -m ruff format --check generator tests

format: $(DEV_STAMP)
	$(PY) -m ruff format generator tests
	$(PY) -m ruff check --fix generator tests

test: $(DEV_STAMP)
	$(PY) -m ruff check generator tests
	$(PY) -m ruff format --check generator tests
	$(PY) -m pytest

# Not a test: minutes at 10,000 articles. N=100,1000 make bench to choose the sizes. Search is
# timed in Debian's chromium when it is installed, and `make serve` after one change always.
BENCH_FLAGS ?= $(if $(wildcard /usr/bin/chromium),--search) --serve
bench: $(DEV_STAMP)
	N="$(N)" $(PY) -m tests.bench.run $(BENCH_FLAGS)

golden: $(DEV_STAMP)
	$(PY) -m tests.golden_refresh

clean:
	rm -rf site .pytest_cache .ruff_cache
