# e-Cabinet — one entry point for developers and CI.
#   make run     fresh machine → venv, SPA build, migrate, demo data, serve on :8000
#   make test    fresh machine → everything installed → lint + all test suites
#   make bench   benchmarks under tests/bench (print their figures)
#   make lint / fmt / schema

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1
TEST_PG_URL ?= $(or $(DATABASE_URL),postgresql://postgres@127.0.0.1:5432/test)
TEST_REDIS_URL ?= $(or $(REDIS_URL),redis://127.0.0.1:6379/0)
export TEST_PG_URL TEST_REDIS_URL

.PHONY: run serve test test-backend test-backend-sqlite test-backend-services \
        test-backend-services-all test-frontend \
        e2e lint fmt schema bench venv frontend-deps spa system-deps clean

venv: $(BIN)/.installed
$(BIN)/.installed: backend/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e 'backend[dev]'
	touch $@

frontend-deps: frontend/node_modules/.installed
frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

spa: frontend-deps
	cd frontend && npm run build --silent

run: venv spa
	$(BIN)/ecabinet migrate
	$(BIN)/ecabinet seed-demo
	@echo "Open http://127.0.0.1:$(PORT) — log in as staff / chair / secretary … (password above)"
	$(BIN)/ecabinet serve --port $(PORT)

serve: venv
	$(BIN)/ecabinet serve --port $(PORT)

# Debian packages the tests need, installed only when missing (one line says which):
# chromium (browser tests), docker-compose (compose check), redis-server (private Redis of the
# broker and fault tests), postgresql-client (pg_dump/pg_restore of the backup tests).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v docker-compose >/dev/null 2>&1 || missing="$$missing docker-compose"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	command -v pg_dump >/dev/null 2>&1 || missing="$$missing postgresql-client"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd backend && ../$(BIN)/lint-imports --no-cache
	cd backend && ../$(BIN)/mypy

fmt: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

schema: venv
	$(BIN)/ecabinet export-schema -o schema.graphql
	if [ -d frontend/node_modules ]; then cd frontend && npm run codegen --silent; fi

# The SQLite pass runs in PYTEST_WORKERS processes (pytest-xdist, whole files per worker: each
# worker has its own server and database). 2 fits the 2-core CI machine. The PostgreSQL pass
# stays in one process: its multi-process tests (concurrency, faults) open enough connections
# that two of them at once exhaust a default PostgreSQL's 100.
PYTEST_WORKERS ?= 2
XDIST := -n $(PYTEST_WORKERS) --dist loadfile

test-backend-sqlite: venv
	ECABINET_TEST_BACKEND=sqlite $(BIN)/pytest -q $(XDIST)

# On PostgreSQL + Redis: what depends on them (marked `services`) and a smoke subset (`smoke`);
# the SQLite pass runs everything. `make test-backend-services-all` runs everything there too.
test-backend-services: venv
	ECABINET_TEST_BACKEND=postgres $(BIN)/pytest -q -m "services or smoke"

test-backend-services-all: venv
	ECABINET_TEST_BACKEND=postgres $(BIN)/pytest -q

test-backend: test-backend-sqlite test-backend-services

test-frontend: frontend-deps
	cd frontend && npm run codegen:check --silent && npm run typecheck --silent \
	  && npm run lint --silent && npm test --silent

e2e: venv spa system-deps
	tests/e2e/run-browser-tests.sh

test: system-deps lint test-backend test-frontend e2e

bench: venv
	$(BIN)/python -m tests.bench

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist data test-artifacts
