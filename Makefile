# CareBridge — two commands: `make run` and `make test`.
SHELL := /bin/bash
# uv from PATH, else the one pip installs (python3 -m uv works even without a PATH entry).
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PG_URL ?= postgres://postgres@127.0.0.1:5432/carebridge

.PHONY: run test setup lint typecheck migrations-check pytest pytest-sqlite pytest-postgres pytest-schemathesis browser bench bench-writes

setup:  ## install uv if missing, then the locked environment
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --quiet

run: setup  ## migrate, load the demo once, serve on http://127.0.0.1:$${PORT:-8000}
	$(UV) run carebridge migrate --noinput
	$(UV) run carebridge collectstatic --noinput --verbosity 0
	$(UV) run carebridge demo
	@echo "CareBridge: http://127.0.0.1:$${PORT:-8000}/  (demo users: see README.md)"
	$(UV) run carebridge serve

browser:  ## Debian's chromium and poppler (browser journeys, PDF checks) and postgresql-client (backup)
	@bash scripts/ensure-system-packages.sh

lint: setup
	$(UV) run ruff check src tests bench
	$(UV) run ruff format --check src tests bench

typecheck: setup  ## mypy with the django-stubs plugin (configuration: pyproject.toml)
	$(UV) run mypy

migrations-check: setup
	DJANGO_SETTINGS_MODULE=carebridge.settings.test $(UV) run carebridge makemigrations --check --dry-run

# Two workers (pytest-xdist), a test file's tests on one worker (the browser journeys share a
# server per worker; the backup test's databases are named after the worker's).
# The PostgreSQL run keeps the tests that reach the database (tests/conftest.py): the pure ones
# (rules, layouts, parsers) ran on SQLite and no database changes them.
# schemathesis' per-operation tests do not survive the workers (they come back as one test), so
# its file runs on its own, in one process, once: on PostgreSQL when a server answers (its
# integers and its text are the stricter), else on SQLite.
SCHEMATHESIS := tests/api/test_schemathesis.py
PYTEST := $(UV) run pytest -n $${PYTEST_WORKERS:-2} --dist loadfile --ignore=$(SCHEMATHESIS)
PG_REACHABLE := [ -n "$$DATABASE_URL" ] || pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null

pytest-sqlite: setup
	env -u DATABASE_URL $(PYTEST)

pytest-postgres: setup
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if $(PG_REACHABLE); then \
		echo "== pytest on PostgreSQL (the tests that reach the database)"; \
		DATABASE_URL="$$url" CAREBRIDGE_DATABASE_TESTS_ONLY=1 $(PYTEST); \
	else echo "== PostgreSQL not reachable on 127.0.0.1:5432: PostgreSQL run skipped"; fi

pytest-schemathesis: setup
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if $(PG_REACHABLE); then \
		echo "== schemathesis on PostgreSQL"; DATABASE_URL="$$url" $(UV) run pytest $(SCHEMATHESIS); \
	else echo "== schemathesis on SQLite"; env -u DATABASE_URL $(UV) run pytest $(SCHEMATHESIS); fi

test: setup browser lint typecheck migrations-check pytest-sqlite pytest-postgres pytest-schemathesis  ## the whole suite

bench: setup  ## clients list, billing (calculator, month close, 国保連 export) and the exchange's month set
	$(UV) run python bench/clients.py
	$(UV) run python bench/billing.py
	$(UV) run python bench/exchange.py

bench-writes: setup  ## 20 writers × 30 s through gunicorn on SQLite (BENCH_DB=postgres for PostgreSQL)
	$(UV) run python bench/concurrent_writes.py --db $${BENCH_DB:-sqlite} --writers 20 --seconds 30
