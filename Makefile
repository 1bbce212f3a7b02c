# `make test` is the one command CI (.ci/run) and the README use.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv train-venv lint typecheck infra models test test-training eval demo schemas

venv: $(STAMP)

# Re-installs whenever pyproject.toml changes. Never installs torch (training extra is left out).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The training venv: torch==2.13.0 first (a CPU build from this machine's disk), then the training extra.
TRAIN_VENV := .venv-train
TRAIN_STAMP := $(TRAIN_VENV)/.installed
MODEL_ENV := HF_HUB_OFFLINE=1 MLFLOW_DISABLE_TELEMETRY=true

train-venv: $(TRAIN_STAMP)

$(TRAIN_STAMP): pyproject.toml training/pyproject.toml
	$(PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/pip install --quiet torch==2.13.0
	$(TRAIN_VENV)/bin/pip install --quiet -e '.[training,dev]' -e training/
	touch $@

# Model artifacts are built, never committed (their manifests with checksums are).
models/encoder/model.onnx: $(TRAIN_STAMP)
	$(MODEL_ENV) $(TRAIN_VENV)/bin/python -m talent_training.encoder.export --out models/encoder/

models/skill_tagger/model.onnx: $(TRAIN_STAMP)
	$(MODEL_ENV) $(TRAIN_VENV)/bin/python -m talent_training.skill_tagger.train --out models/skill_tagger/

models/skills/taxonomy.embeddings.npz: models/encoder/model.onnx $(STAMP)
	$(BIN)/python -m talent.skills.linker

models: models/encoder/model.onnx models/skill_tagger/model.onnx models/skills/taxonomy.embeddings.npz

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

infra: $(STAMP)
	$(BIN)/pytest tests/infra
	.ci/sam-validate.sh

test: lint typecheck models
	$(BIN)/pytest tests
	$(MAKE) test-training eval
	.ci/sam-validate.sh

# PyTorch-side tests (export parity) need torch, so they run in the training venv.
test-training: $(TRAIN_STAMP) models
	$(TRAIN_VENV)/bin/pytest tests/training

# The evaluations on ../shared/data, printed as tables.
eval: models
	$(BIN)/talent eval skills
	$(BIN)/talent eval parser
	$(BIN)/talent eval jobs

demo: $(STAMP)
	$(BIN)/talent dev --once

schemas: $(STAMP)
	$(BIN)/talent schema export
