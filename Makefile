# Nashra — two commands matter: `make demo` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/nashra
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install demo dev demo-data serve test test-sqlite test-postgres test-sqlite-unserial test-postgres-unserial test-sqlite-serial test-postgres-serial test-quality browsers bench bench-day bench-wp bench-curve bench-deps messages migrations-check lint clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed  ## Create .venv and install the locked dependencies

# The demo runs as production does (deploy/serve.py, DEBUG off, the page cache on, files for a
# cache instead of Redis); nashra/settings/demo.py gives what an operator would set a local
# default. `make dev` is the developer's server: DEBUG on, reloads on every change.
demo demo-data: export DJANGO_SETTINGS_MODULE := nashra.settings.demo
demo demo-data dev: export PORT := $(PORT)
demo: export WEB_CONCURRENCY ?= 2
dev: export DJANGO_SETTINGS_MODULE := nashra.settings.development

demo: demo-data  ## Set up the SQLite demo (idempotent) and serve it (and its worker) as production does on PORT (default 8000)
	@echo "Serving Nashra (production mode) at http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
# The background worker (deploy/worker.py: scheduled publishing and expiry, the periodic jobs,
# long tasks) runs beside the server and stops with it on Ctrl-C (docs/operators/worker.md).
	@$(PY) deploy/worker.py & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' INT TERM EXIT; \
	BIND=127.0.0.1:$(PORT) $(PY) deploy/serve.py

demo-data: install  ## Migrate, load (or re-date) the demo content, index it and collect static files
	$(PY) manage.py migrate --noinput
	$(PY) manage.py news_load_demo
	$(PY) manage.py engagement_load_demo
	$(PY) manage.py live_load_demo
	$(PY) manage.py update_index
	$(PY) manage.py search_vocabulary
	$(MAKE) --no-print-directory static_collected/staticfiles.json

# Hashed and compressed, as production serves them; collected again only when they change.
static_collected/staticfiles.json: $(VENV)/.installed $(shell find nashra -path '*/static/*' -type f)
	DJANGO_SETTINGS_MODULE=nashra.settings.demo $(PY) manage.py collectstatic --noinput --verbosity 0

dev: install  ## The demo on Django's development server: DEBUG on, reloads on code changes
	$(PY) manage.py migrate --noinput
	$(PY) manage.py news_load_demo
	$(PY) manage.py engagement_load_demo
	$(PY) manage.py live_load_demo
	$(PY) manage.py update_index
	$(PY) manage.py search_vocabulary
	@echo "Serving Nashra (DEBUG) at http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

browsers: node_modules/.installed  ## Chromium (Debian's, when missing and root), Java, and the npm tools (axe-core, lighthouse, vnu-jar)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' for the browser tests."; fi; \
	fi
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
	  else echo "Java is missing: run 'sudo apt-get install openjdk-17-jre-headless' for the Nu HTML checker."; fi; \
	fi

bench-deps:  ## Debian's nginx (with its JavaScript module, for purging) and wrk (when missing and root)
	@if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null || [ ! -e /usr/lib/nginx/modules/ngx_http_js_module.so ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light libnginx-mod-http-js wrk >/dev/null; \
	  else echo "Install nginx, its JS module and wrk (sudo apt-get install nginx-light libnginx-mod-http-js wrk)."; fi; \
	fi

bench: install bench-deps  ## Run the benchmark (BENCH_ARGS="--articles 1000 --duration 5")
	$(PY) bench/run.py $(BENCH_ARGS)

bench-day: install bench-deps  ## A breaking news day: reads, polling, votes, comments at once (DAY_ARGS="--database-url postgres://... --redis-url redis://...")
	$(PY) bench/run.py --only nginx_static --breaking-day --articles 1000 --comments 5000 $(DAY_ARGS)

bench-wp: install  ## WordPress import throughput and memory (WP_ARGS="--posts 2000 --comments 10000")
	$(PY) bench/wp_import.py $(WP_ARGS)

bench-curve: install  ## Latency against archive size, 1k -> 20k -> 100k articles (CURVE_ARGS="--database-url postgres://...")
	$(PY) bench/curve.py $(CURVE_ARGS)

# The page-quality checks (tests/quality: Nu HTML checker, Lighthouse, screenshots; pytest
# marker `quality`) serve the demo from a SQLite database of their own whatever the pass, and
# Lighthouse's performance score needs the machine to itself, so they run once, last
# (docs/developers/site-quality.md). The rest of each pass is in two parts: the tests marked
# `serial` (conftest.SERIAL: they start servers and processes of their own, or check how soon
# something happens) run alone, one pass after the other; everything else runs for both
# databases at once, one pytest per core (the passes share nothing: each has its own
# databases, Redis databases and media folders). One pytest uses one core; run whole passes at
# once, the servers of the serial tests made their timing checks fail on two cores.
PG_ENV := NASHRA_TEST_DATABASE=postgresql DATABASE_URL=$(PG_TEST_URL) NASHRA_TEST_REDIS_DB_OFFSET=3

test: install browsers bench-deps node_modules/.installed  ## Lint, both passes (SQLite, PostgreSQL), then the page-quality checks
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory migrations-check
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite-unserial test-postgres-unserial
	$(MAKE) --no-print-directory test-sqlite-serial
	$(MAKE) --no-print-directory test-postgres-serial
	$(MAKE) --no-print-directory test-quality

test-sqlite: install  ## Run the suite on SQLite but the page-quality checks (PYTEST_ARGS="-k ...")
	$(PY) -m pytest -m "not quality" $(PYTEST_ARGS)

test-postgres: install  ## Run the suite on PostgreSQL (PG_TEST_URL) but the page-quality checks; skips outside CI if it is down
	$(PG_ENV) $(PY) -m pytest -m "not quality" $(PYTEST_ARGS)

test-sqlite-unserial test-postgres-unserial: MARKS := not quality and not serial
test-sqlite-serial test-postgres-serial: MARKS := serial and not quality
test-sqlite-unserial test-sqlite-serial: install
	$(PY) -m pytest -m "$(MARKS)" $(PYTEST_ARGS)
test-postgres-unserial test-postgres-serial: install
	$(PG_ENV) $(PY) -m pytest -m "$(MARKS)" $(PYTEST_ARGS)

test-quality: install node_modules/.installed  ## Only the page-quality checks: Nu HTML checker, Lighthouse, screenshots (about 5 minutes)
	$(PY) -m pytest -m quality tests/quality $(PYTEST_ARGS)

lint: install  ## Ruff (lint, import order, formatting) and compile every template (docs/developers/lint.md)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py core_check_templates

migrations-check: install  ## Fail if models changed without a migration
	$(PY) manage.py makemigrations --check --dry-run

messages: install  ## Compile the Arabic and English message catalogues
	$(PY) manage.py compilemessages --ignore=.venv

clean:  ## Remove the virtualenv, the demo database and generated media
	rm -rf $(VENV) db.sqlite3 media static_collected cache test-artifacts .demo-credentials .demo-secret-key
