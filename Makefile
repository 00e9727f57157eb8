# Accroche — every set-up step in one place. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/accroche

.PHONY: run test quality fix test-sqlite test-postgres install install-dev chromium bench bench-linkage clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $@ $(VENV)/.installed-base

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(VENV)/.installed-base node_modules/.package-lock.json
install-dev: $(VENV)/.installed-dev node_modules/.package-lock.json chromium

# Browser tests drive Debian's Chromium (never `playwright install`); installed when root.
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium) || echo "Chromium missing: browser tests will be skipped (apt-get install chromium)"; }

## make run: install, migrate, load reference data and the demo consortium, start the server.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_reference
	DEBUG=1 $(BIN)/python manage.py seed_demo
	DEBUG=1 $(BIN)/python manage.py run_jobs
	@echo
	@echo "  Accroche : http://127.0.0.1:$(PORT)/"
	@DEBUG=1 $(BIN)/python manage.py seed_demo --logins
	@echo
	@trap 'kill 0' EXIT; \
	DEBUG=1 $(BIN)/python manage.py run_jobs --loop 300 > /dev/null & \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make test: install what tests need, check quality, run the suite on SQLite then PostgreSQL.
test: install-dev quality test-sqlite test-postgres

quality: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djlint --lint accroche/templates accroche/jinja2
	$(BIN)/lint-imports
	DEBUG=1 $(BIN)/mypy
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

## make fix: format and auto-fix what the linters can (then `make quality` says what is left).
fix: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test-sqlite: install-dev
	$(BIN)/pytest

test-postgres: install-dev
	bash scripts/ensure-postgres.sh "$(PG_URL)"
	DATABASE_URL="$(PG_URL)" $(BIN)/pytest

## make bench: pages under gunicorn + PostgreSQL, loaded by wrk (1, 8 and 32 users), small data
## set (SIZE=metro or national for more), then the name search among everyone and a programme's
## dashboard one request at a time. Writes bench/results/pages-<size>.json and single-<size>.json.
bench: install-dev
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq wrk; }
	bash scripts/ensure-postgres.sh "$(PG_URL)"
	$(BIN)/python bench/pages.py --size $(or $(SIZE),small) --pg "$(dir $(PG_URL))"
	DATABASE_URL="$(dir $(PG_URL))accroche_bench" $(BIN)/python bench/single.py --size $(or $(SIZE),small)

## make bench-linkage: duplicates — F1 on FEBRL3/4 and a French synthetic set (clear and
## privacy-preserving), splink as a reference, time for 1.5 M records. Writes bench/results/linkage.json.
bench-linkage: install-dev
	$(BIN)/pip install --quiet -r requirements/bench.txt
	$(BIN)/python bench/linkage.py --with-splink $(if $(SIZE),--size $(SIZE))

## make bench-reports: steering figures for 10,000 enrolled young people and 200,000 events,
## on SQLite then on PostgreSQL (scratch databases). Writes bench/results/reports.json.
.PHONY: bench-reports
bench-reports: install-dev
	DEBUG=1 DATABASE_URL= $(BIN)/python bench/reports.py
	bash scripts/ensure-postgres.sh "$(PG_URL)"
	DEBUG=1 DATABASE_URL="$(PG_URL)" $(BIN)/python bench/reports.py

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
