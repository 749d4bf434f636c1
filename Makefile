# The front door. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Django 6.1 needs Python 3.12+; `python3` here may be older, and pyenv shims may refuse.
PYTHON ?= $(shell for c in python3.13 python3.12 /root/.pyenv/versions/3.13*/bin/python3.13 \
	/root/.pyenv/versions/3.12*/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12 python3; do \
	$$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$c; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages bench bench-tools install db demo check clean search-quality \
	test-browser browser-deps

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.12 / python3.13)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Arabic is the source language: msgen fills new Arabic entries with their own text
# (plural entries then need their six Arabic forms written by hand); English is translated.
# msgmerge's fuzzy guesses borrow a neighbour's text, never right in the source language:
# those Arabic entries are emptied and filled again. tests/project/test_translations.py
# fails until no entry is left untranslated or fuzzy.
AR_PO := locale/ar/LC_MESSAGES/django.po
messages: install
	$(MANAGE) makemessages --locale ar --locale en --ignore '.venv/*' --ignore 'var/*' \
		--ignore 'tests/*' --ignore 'bench/*' --ignore 'node_modules/*' --no-obsolete
	msgattrib --clear-fuzzy --empty --clear-previous $(AR_PO) -o $(AR_PO)
	msgen $(AR_PO) -o $(AR_PO)
	$(MANAGE) compilemessages --ignore '.venv/*' --ignore 'node_modules/*'
	msgfmt --check --statistics -o /dev/null $(AR_PO)
	msgfmt --check --statistics -o /dev/null locale/en/LC_MESSAGES/django.po

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | install
	$(MANAGE) compilemessages --ignore '.venv/*' --ignore 'node_modules/*' --locale $*

UPSTREAM_AR = locale/upstream/ar/LC_MESSAGES
$(UPSTREAM_AR)/django.mo $(UPSTREAM_AR)/djangojs.mo: $(UPSTREAM_AR)/%.mo: $(UPSTREAM_AR)/%.po
	msgfmt --check -o $@ $<

compiled: locale/ar/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.mo \
	$(UPSTREAM_AR)/django.mo $(UPSTREAM_AR)/djangojs.mo

db: install compiled
	DEBUG=1 $(MANAGE) migrate --no-input

demo: db
	DEBUG=1 $(MANAGE) load_demo
	DEBUG=1 $(MANAGE) load_demo_reactions

run: demo
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

# Two pytest-xdist workers, each with its own test database (tests/conftest.py keeps each
# browser module, and tests/faults, on one worker). TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
test: install compiled browser-deps
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-browser: install compiled browser-deps
	$(PY) -m pytest -n $(TEST_WORKERS) -m browser $(PYTEST_ARGS)

# The browser tests drive Debian's Chromium (Playwright's own browser download cannot work
# here) with Arabic fonts, and inject axe-core from npm. Each is installed only when missing.
browser-deps: node_modules/axe-core/axe.min.js
	@missing=""; \
	test -x /usr/bin/chromium || missing=" chromium"; \
	dpkg -s fonts-noto-core >/dev/null 2>&1 || missing="$$missing fonts-noto-core"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing for the browser tests (apt-get, as root)"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

node_modules/axe-core/axe.min.js: package.json
	@command -v npm >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y npm; }
	npm install --no-audit --no-fund
	touch $@

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

search-quality: demo
	DEBUG=1 $(MANAGE) search_quality

# Load tools from Debian when missing (we run as root on these machines).
bench-tools:
	@command -v wrk >/dev/null && command -v nginx >/dev/null || \
		{ apt-get update -qq && apt-get install -y -qq wrk nginx-light; }

bench: install compiled bench-tools
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
