# `make test` is the one command CI (.ci/run) and the README use.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv lint typecheck infra test demo schemas

venv: $(STAMP)

# Re-installs whenever pyproject.toml changes. Never installs torch (training extra is left out).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

infra: $(STAMP)
	$(BIN)/pytest tests/infra
	.ci/sam-validate.sh

test: lint typecheck
	$(BIN)/pytest tests
	.ci/sam-validate.sh

demo: $(STAMP)
	$(BIN)/talent dev --once

schemas: $(STAMP)
	$(BIN)/talent schema export
