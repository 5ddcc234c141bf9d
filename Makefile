# One entry point for developers and CI. Every target sets up what it needs by itself.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# The site engine: mkdocs (MkDocs + Material, the default) or zensical.
ENGINE ?= mkdocs

.DEFAULT_GOAL := help
.PHONY: help serve test build build-internal check check-reviews lint bench schema system-packages node-packages clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# axe-core and linkinator for the accessibility and link tests, ESLint, and lighthouse for make bench, exactly as package-lock.json pins them.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "node and npm are needed: apt-get install nodejs npm" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-packages: $(NODE_STAMP) ## the npm test tools (axe-core, linkinator, ESLint, lighthouse) from package-lock.json

SYSTEM_PACKAGES := chromium poppler-utils nginx-light
system-packages: ## Debian's Chromium, pdftoppm and nginx for the tests (never a downloaded browser)
	@if [ ! -x $(CHROMIUM) ] || ! command -v pdftoppm >/dev/null || [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else echo "install them first: sudo apt-get install $(SYSTEM_PACKAGES)" >&2; exit 1; fi; \
	fi

check: $(STAMP) ## validate playbooks/ and checklists/ (file:line: where: what)
	@$(PY) -m macros check

check-reviews: $(STAMP) ## like check, and fail when a playbook review is overdue
	@$(PY) -m macros check --strict-reviews

# The linters, each run once: ruff and mypy (strict, the pydantic plugin; its cache in .mypy_cache)
# on macros/ and tests/ as pyproject.toml configures them, ESLint on the site's scripts as
# eslint.config.js does. Any finding fails.
RUFF := $(PY) -m ruff check --quiet macros tests
MYPY := $(PY) -m mypy macros tests
ESLINT := node node_modules/eslint/bin/eslint.js --max-warnings 0 docs/assets/javascripts eslint.config.js
lint: $(STAMP) $(NODE_STAMP) ## ruff and mypy on macros/ and tests/, ESLint on docs/assets/javascripts/ (zero findings)
	@$(RUFF)
	@$(MYPY)
	@$(ESLINT)

schema: $(STAMP) ## regenerate schemas/ from the models
	$(PY) -m macros schema

SERVE_mkdocs := -m mkdocs serve --livereload
SERVE_zensical := -m macros.engine.run_zensical serve
serve: check ## live preview of the staff edition at http://127.0.0.1:8000 (HANDBOOK_LANG=uk|en, ENGINE=zensical)
	HANDBOOK_EDITION=internal $(PY) $(SERVE_$(ENGINE))

build: check ## the public edition, every language, into site/ (ENGINE=zensical for Zensical)
	$(PY) -m macros.engine.build --engine $(ENGINE) --out site

build-internal: check ## the staff edition, every language, into site-internal/ (ENGINE=zensical too)
	$(PY) -m macros.engine.build --engine $(ENGINE) --edition internal --out site-internal

# The tests run on two workers (pytest-xdist: CI has 2 cores; each worker builds the sites its
# tests ask for); the slowest are printed at the end: the run has a 10-minute aim on 2 cores.
TEST_WORKERS ?= 2
test: $(STAMP) $(NODE_STAMP) system-packages ## everything CI runs
	$(PY) -m macros check
	$(PY) -m macros schema --check
	$(RUFF)
	$(MYPY)
	$(ESLINT)
	$(PY) -m pytest -n $(TEST_WORKERS) --durations=25

bench: $(STAMP) $(NODE_STAMP) system-packages ## benchmarks, printing ratios
	$(PY) -m pytest tests/bench -m bench -s -q

clean: ## remove build output and the build cache
	rm -rf site site-internal .site.staging .site-internal.staging .cache/handbook
