# Passerelles — two commands: `make run` (a first look, SQLite, no services) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/passerelles
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15
# pytest-xdist processes: the suite waits on PostgreSQL and Chromium more than it computes, so two
# processes keep a 2-core machine busy; 0 runs it in one process (easier to debug).
PYTEST_WORKERS ?= 2

.PHONY: run test coverage install system-deps lint messages bench worker clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

install: $(VENV)/.installed

system-deps:
	@bash scripts/system_deps.sh

run: install system-deps
	DATABASE_URL=sqlite:///db.sqlite3 CELERY_BROKER_URL= $(PY) manage.py migrate --noinput
	DATABASE_URL=sqlite:///db.sqlite3 CELERY_BROKER_URL= $(PY) manage.py load_demo
	DATABASE_URL=sqlite:///db.sqlite3 CELERY_BROKER_URL= $(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install
	@bash scripts/system_deps.sh --with-browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) manage.py makemigrations --check --dry-run
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) $(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Line coverage of the apps by the whole suite (not part of `make test`: it slows the run).
coverage: install
	@bash scripts/system_deps.sh --with-browser
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) $(VENV)/bin/pytest -n $(PYTEST_WORKERS) \
		--cov --cov-report=term-missing:skip-covered --cov-report=html $(PYTEST_ARGS)

messages: install
	$(PY) scripts/i18n.py

bench: install
	$(PY) scripts/bench.py

worker: install
	$(VENV)/bin/celery -A config worker -B --loglevel=info

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
