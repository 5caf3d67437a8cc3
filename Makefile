# Two commands for a newcomer: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# pytest keeps the test modules it rewrote in __pycache__, as Python keeps the site's modules: with
# PYTHONDONTWRITEBYTECODE set (some images set it) every run, every xdist worker and every manage.py the
# tests start compiled them all again (collection 8.7 s instead of 3.5 s, measured).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast test-postgres test-schema coverage lint setup stack stack-stop bench bench-search lighthouse

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
	mkdir -p var
	$(PY) manage.py migrate --noinput
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore=.venv -v0; \
	else echo "msgfmt not found: using the committed .mo files"; fi
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_dev_admin --host $(HOST)

# The task worker (intake e-mail, Wagtail's background tasks) runs beside the dev server;
# Ctrl-C stops both (the trap stops the worker, which a background job does not get).
run: setup
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py db_worker --no-reload --interval 1 & worker=$$!; \
	$(PY) manage.py runserver $(HOST)

# Tiers (README "Tests"). test-fast: the inner loop, no demo, browser, fault servers or subprocesses.
# test: everything but the stack tests, on three xdist workers for two cores: the timed fault tests (one after
# another on one worker) mostly wait, and the browser tests wait for pages; a third worker uses that time.
# test-postgres: only the tests whose behaviour differs on PostgreSQL (marker db_differs), against DATABASE_URL,
# on two workers (each its own test database, test_<name>_gw0 and _gw1). The tests marked postgres run there once,
# inside tests/test_isolation.py's run of them alone (against a scratch database that must stay empty), not twice.
test-fast: $(VENV)/.installed
	HYPOTHESIS_PROFILE=fast $(PY) -m pytest -q -n 2 -m fast

test: $(VENV)/.installed
	$(PY) -m pytest -q -n 3 -m "not stack"

test-postgres: $(VENV)/.installed
	$(PY) -m pytest -q -n 2 -m "db_differs and not browser and (postgres_alone or not postgres)"

# The migrations' result as SQL, which the tests load instead of migrating (tests/migrated_database.py): make it
# again after a new migration or a package upgrade (tests/test_migrated_database.py says when) and commit it.
test-schema: $(VENV)/.installed
	$(PY) -m tests.migrated_database

# Line coverage of the apps ([tool.coverage] in pyproject.toml: the app packages, without migrations and tests).
# Without the browser tests: their server is `manage.py runserver` in a subprocess, which coverage does not
# measure (nor the manage.py and worker subprocesses of other tests: their lines count as not run).
# SIF_TEST_DB_CACHE=0: the migrations and the demo loader run in every measured run, not only when no copy is kept.
coverage: $(VENV)/.installed
	SIF_TEST_DB_CACHE=0 $(PY) -m pytest -q -n 2 -m "not stack and not browser" --cov --cov-report=term --cov-report=

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Production-like stack on this machine (README "Production-like stack", scripts/stack.sh):
# nginx on 127.0.0.1:8080, two gunicorn instances, the worker; PostgreSQL and Redis.
stack: $(VENV)/.installed
	bash scripts/stack.sh start

stack-stop:
	bash scripts/stack.sh stop

# Throughput of the production app server, page cache off and on, against a static file
# (scripts/bench.py, docs/performance.md): PostgreSQL sif_p_bench, Redis DB 10, port 18931.
bench: $(VENV)/.installed
	$(PY) scripts/bench.py

# The site search's time per query at 60 and at 2,000 pages, both languages (scripts/bench_search.py,
# docs/performance.md): a scratch PostgreSQL database sif_search_bench, dropped at the end. About 5 minutes.
bench-search: $(VENV)/.installed
	$(PY) scripts/bench_search.py

# Lighthouse (mobile, four categories) on home, a case, the menukaart and the intake of the site
# that `make run` serves on HOST (scripts/lighthouse.sh, docs/performance.md). Not part of test or CI.
lighthouse:
	bash scripts/lighthouse.sh http://$(HOST)
