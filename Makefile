# `make test` is the one command CI (.ci/run) and the README use.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lock term-weights venv train-venv oss-venv lint typecheck infra models test test-training eval demo schemas bench

venv: $(STAMP)

# Re-installs whenever a pyproject.toml or the lock changes. Never installs torch (training extra is left out).
# The runtime (layers/) and the tooling (tooling/, the root project) install side by side, editable, every
# third-party package at the version requirements/dev.txt pins (`make lock` writes it).
$(STAMP): pyproject.toml layers/pyproject.toml requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --constraint requirements/dev.txt -e './layers[inference]' -e '.[dev]'
	touch $@

# The training venv: torch==2.13.0 first (a CPU build from this machine's disk), then the training extra.
TRAIN_VENV := .venv-train
TRAIN_STAMP := $(TRAIN_VENV)/.installed
MODEL_ENV := HF_HUB_OFFLINE=1 MLFLOW_DISABLE_TELEMETRY=true

train-venv: $(TRAIN_STAMP)

$(TRAIN_STAMP): pyproject.toml layers/pyproject.toml training/pyproject.toml requirements/training.txt
	$(PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/pip install --quiet torch==2.13.0
	$(TRAIN_VENV)/bin/pip install --quiet --constraint requirements/training.txt \
		-e './layers[inference]' -e '.[training,dev]' -e training/
	touch $@

# The constraints every install uses (the venvs, CI, the function and training images): one universal lock per
# install, for every Python the project supports (3.11 here and in CI, 3.12 in the function image). Pins already
# in a file are kept unless the pyproject files need otherwise; `make lock UPGRADE=1` moves them to the latest.
LOCK = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 $(if $(UPGRADE),--upgrade) \
	--no-emit-package talent-runtime --no-emit-package talent-screening --no-emit-package talent-training

# Training first: the serving locks are resolved under it, so a package both sides use has one version
# (mlflow caps some; the function image then serves what the models were trained and evaluated with).
lock: $(STAMP)
	$(LOCK) requirements/training.in -o requirements/training.txt
	$(foreach name,runtime dev,$(LOCK) --constraint requirements/training.txt requirements/$(name).in \
		-o requirements/$(name).txt &&) true

# Model artifacts and their manifests are built, never committed: a build leaves the checkout clean.
models/encoder/model.onnx: $(TRAIN_STAMP)
	$(MODEL_ENV) $(TRAIN_VENV)/bin/python -m talent_training.encoder.export --out models/encoder/

models/skill_tagger/model.onnx: $(TRAIN_STAMP)
	$(MODEL_ENV) $(TRAIN_VENV)/bin/python -m talent_training.skill_tagger.train --out models/skill_tagger/

models/skills/taxonomy.embeddings.npz: models/skills/taxonomy.json.gz models/encoder/model.onnx $(STAMP)
	$(BIN)/python -m talent_tools.skills.linker_index

# The lexical features' term weights are versioned with the code (the feature spec records their sha256);
# rebuild them from ../shared/data only on purpose, then update the spec's sha256 and retrain.
term-weights: $(STAMP)
	$(BIN)/python -m talent_tools.ranking.term_corpus

# The ranking benchmark (livecareer x O*NET postings) in two stages around the job-family classifier,
# which one feature needs: embed → train the classifier → complete → train the ranker.
models/ranker/build/embedded.npz: models/ranker/feature_spec.json models/lexical/term_weights.json.gz \
		models/skills/taxonomy.json.gz models/encoder/model.onnx \
		models/skill_tagger/model.onnx models/skills/taxonomy.embeddings.npz \
		$(STAMP)
	$(BIN)/python -m talent_tools.ranking.benchmark embed

models/job_family/model.onnx: models/ranker/build/embedded.npz $(TRAIN_STAMP)
	$(MODEL_ENV) $(TRAIN_VENV)/bin/python -m talent_training.job_family.terms_train --out models/job_family/

models/ranker/build/benchmark.npz: models/job_family/model.onnx
	$(BIN)/python -m talent_tools.ranking.benchmark complete

models/ranker/model.onnx: models/ranker/build/benchmark.npz $(TRAIN_STAMP)
	$(MODEL_ENV) $(TRAIN_VENV)/bin/python -m talent_training.ranker.train --out models/ranker/

models: models/encoder/model.onnx models/skill_tagger/model.onnx models/skills/taxonomy.embeddings.npz \
	models/job_family/model.onnx models/ranker/model.onnx

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

infra: $(STAMP)
	$(BIN)/pytest tests/infra
	.ci/sam-validate.sh

# The suite runs on TEST_WORKERS processes (pytest-xdist), each test file whole on one worker: a file's fixtures
# start its servers or stack once. Most of the integration and e2e time is waiting on those servers (2 cores
# measured 33 % busy over tests/integration run alone), so two workers on CI's 2 cores take about 40 % off.
TEST_WORKERS ?= 2
test: lint typecheck models
	$(BIN)/pytest tests --durations=25 -n $(TEST_WORKERS) --dist loadfile
	@# Side by side: most evaluations run on one core's Python; the training tests keep 2 cores 72 % busy. The
	@# pipeline test's promotion gate reads the fit suite's tables tests/eval cached (one built at once, under a lock).
	$(MAKE) -j2 --output-sync=target eval test-training
	.ci/sam-validate.sh

# PyTorch-side code is type-checked and tested (export parity, CUDA, torchrun) in the training venv.
test-training: $(TRAIN_STAMP) models
	$(TRAIN_VENV)/bin/mypy training bench
	$(TRAIN_VENV)/bin/pytest tests/training

# An open-source resume parser from PyPI (spaCy 2: its own venv), run beside ours by `talent eval parser`.
OSS_VENV := .venv-oss
# spaCy 2.3 has wheels for CPython 3.11 and older only.
OSS_PYTHON ?= $(shell command -v python3.11 || echo $(PYTHON))
OSS_STAMP := $(OSS_VENV)/.installed
oss-venv: $(OSS_STAMP)
$(OSS_STAMP): bench/open_source_parser/requirements.txt
	$(OSS_PYTHON) -m venv $(OSS_VENV)
	$(OSS_VENV)/bin/pip install --quiet -r bench/open_source_parser/requirements.txt
	touch $@

# The evaluations on ../shared/data, printed as tables.
eval: models $(OSS_STAMP)
	$(BIN)/talent eval skills
	$(BIN)/talent eval parser --side-by-side $(OSS_VENV)/bin/python
	$(BIN)/talent eval jobs
	$(BIN)/talent eval classifier
	$(BIN)/talent eval ranker --fast

# What the functions serve (the skill tagger and its linker index read job postings).
SERVING_MODELS := models/encoder/model.onnx models/skill_tagger/model.onnx models/skills/taxonomy.embeddings.npz \
	models/job_family/model.onnx models/ranker/model.onnx

demo: $(STAMP) $(SERVING_MODELS)
	$(BIN)/talent dev --once

schemas: $(STAMP)
	$(BIN)/talent schema export

# Every benchmark, each alone in order, into docs/benchmarks.md and docs/bench/*.png (about 10 min on 2 cores).
bench: $(STAMP) $(TRAIN_STAMP) models
	$(BIN)/python bench/run_all.py
