# syntax=docker/dockerfile:1
#
# One image recipe for every function. SAM passes FUNCTION from each function's
# Metadata.DockerBuildArgs; by hand, from the repository root:
#   docker build -f docker/function.Dockerfile --build-arg FUNCTION=sync_jobs -t talent-sync-jobs .
# The image serves only: the runtime package (layers/) with the `inference` extra, never the tooling, torch or mlflow.
# The base image ships the Lambda Runtime Interface Emulator, so `docker run -p 127.0.0.1:9000:8080`
# answers POST /2015-03-31/functions/function/invocations locally.
# BASE_IMAGE is only for machines that cannot pull it: docker/local-images/ builds a stand-in
# (docker/compose.local-images.yaml passes it). Every deployed image is built FROM the default.
ARG BASE_IMAGE=public.ecr.aws/lambda/python:3.12

# ---------------------------------------------------------------- builder
FROM ${BASE_IMAGE} AS builder

WORKDIR /build
# The runtime only (layers/pyproject.toml): the tooling in tooling/ never enters a function image.
COPY layers/ ./layers/
# Every third-party package at the version the lock pins (`make lock` writes it; CI installs the same pins).
COPY requirements/runtime.txt ./requirements/
# `./layers[extra]` (not `layers[extra]`) lets hadolint see a local path rather than an unpinned package.
RUN pip install --no-cache-dir --constraint requirements/runtime.txt --target "${LAMBDA_TASK_ROOT}" './layers[inference]' \
    && python -m compileall -q "${LAMBDA_TASK_ROOT}"

# ---------------------------------------------------------------- runtime
FROM ${BASE_IMAGE}

# The folder under functions/ whose app.py becomes the handler module.
ARG FUNCTION

COPY --from=builder ${LAMBDA_TASK_ROOT} ${LAMBDA_TASK_ROOT}

# The serving models (`make models` builds them before `sam build`; they are not in git). Each folder's
# manifest carries the checksums the code verifies at cold start. Promotion through MLflow replaces them.
COPY models/encoder/model.onnx models/encoder/tokenizer.json models/encoder/manifest.json ${LAMBDA_TASK_ROOT}/models/encoder/
COPY models/skills/taxonomy.json.gz models/skills/taxonomy.json.gz.sha256 models/skills/taxonomy.embeddings.npz ${LAMBDA_TASK_ROOT}/models/skills/
COPY models/skill_tagger/model.onnx models/skill_tagger/tokenizer.json models/skill_tagger/labels.json models/skill_tagger/transitions.json models/skill_tagger/manifest.json ${LAMBDA_TASK_ROOT}/models/skill_tagger/
COPY models/lexical/term_weights.json.gz ${LAMBDA_TASK_ROOT}/models/lexical/
COPY models/job_family/model.onnx models/job_family/manifest.json models/job_family/terms.npz ${LAMBDA_TASK_ROOT}/models/job_family/
COPY models/ranker/model.onnx models/ranker/manifest.json models/ranker/feature_spec.json ${LAMBDA_TASK_ROOT}/models/ranker/
ENV TALENT_MODELS_DIR=${LAMBDA_TASK_ROOT}/models

COPY functions/${FUNCTION}/app.py ${LAMBDA_TASK_ROOT}/app.py

# Lambda itself runs the code as its own least-privileged user; this keeps local runs
# (the emulator) off root too. Everything above is world-readable, nothing needs writing but /tmp.
USER 65534:65534

CMD ["app.handler"]
