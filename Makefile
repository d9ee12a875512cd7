# The few verbs a newcomer needs. `make run` and `make test` set everything up first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2

# Python 3.10 (Rasa 3.6 needs it): pyenv's first, then any python3.10 on PATH that runs.
PYTHON310 := $(shell for p in $$(pyenv root 2>/dev/null)/versions/3.10*/bin/python3.10 \
	$$(command -v python3.10 2>/dev/null); do "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' \
	>/dev/null 2>&1 && { echo "$$p"; break; }; done)

.PHONY: install browser services train run run-scaled test lint format bench lock clean

install: $(STAMP)

$(STAMP): requirements.in requirements-dev.in constraints.txt
	@if [ ! -x $(PY) ]; then \
	  if [ -z "$(PYTHON310)" ]; then \
	    echo "error: Python 3.10 not found; install it (e.g. 'pyenv install 3.10.13' or 'apt-get install python3.10 python3.10-venv') and run make again" >&2; exit 1; \
	  fi; \
	  echo "Creating $(VENV) with $(PYTHON310)"; \
	  $(PYTHON310) -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip==24.2
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -r requirements.in -r requirements-dev.in
	@touch $(STAMP)

# Debian's Chromium for the browser tests (never a browser download).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null \
	  || { echo "error: could not install chromium; run 'apt-get install chromium' as root" >&2; exit 1; }; \
	fi

# Debian's PostgreSQL, Redis and nginx for `make run-scaled` and tests/scale (never a download
# from anywhere else). Installed only; the assistant starts its own instances under .scaled/.
SERVICE_PACKAGES := postgresql redis-server nginx
services:
	@if [ -z "$$(ls /usr/lib/postgresql/*/bin/postgres 2>/dev/null)" ] || [ ! -x /usr/bin/redis-server ] \
	  || [ ! -x /usr/sbin/nginx ]; then \
	  echo "Installing Debian's $(SERVICE_PACKAGES) for the scaled-out assistant"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends $(SERVICE_PACKAGES) >/dev/null \
	  || { echo "error: could not install $(SERVICE_PACKAGES); run 'apt-get install $(SERVICE_PACKAGES)' as root" >&2; exit 1; }; \
	  for unit in postgresql redis-server nginx; do $$SUDO systemctl disable --now $$unit >/dev/null 2>&1 || true; done; \
	fi

train: install
	$(PY) -m bot.serve --train-only

run: install
	$(PY) -m bot.serve

# REPLICAS Rasa servers (default 2) + action servers on PostgreSQL and Redis, behind nginx on RASA_PORT.
run-scaled: install services train
	$(PY) -m bot.scale

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy bot actions

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: install browser services lint train
	$(VENV)/bin/pytest -p no:cacheprovider -rfEs --durations=15

bench: install train
	$(PY) bench/engine.py
	$(PY) bench/conversation.py
	$(PY) bench/scale.py

# Re-resolve the pinned set after changing requirements*.in.
lock:
	rm -rf .lock-venv && $(PYTHON310) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in -r requirements-dev.in
	(echo "# Every package of the venv, resolved once from requirements.in + requirements-dev.in (make lock)."; \
	 .lock-venv/bin/pip freeze --exclude-editable) > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf .run models results .rasa test-artifacts .pytest_cache .mypy_cache .ruff_cache
