# syntax=docker/dockerfile:1
#
# The training job: `talent train` on a CUDA machine, logging to MLflow, promoting to S3.
#   docker build -f docker/training.Dockerfile -t talent-training .
#   docker run --gpus all \
#     -v "$PWD/../shared/data:/data:ro" -v "$PWD/models:/models" \
#     -e MLFLOW_TRACKING_URI=http://127.0.0.1:5000 --network host talent-training \
#     --device cuda --publish s3://ARTIFACTS_BUCKET/models/champion.json
# On SageMaker Training or AWS Batch: the same image and arguments, data synced to /data, credentials from
# the job role (docs/training.md).
#
# Configuration comes from the environment only:
#   TALENT_DATA_DIR      where the training data is read from (mount it read-only; default /data)
#   TALENT_MODELS_DIR    the encoder (built on first run if absent) and the taxonomy (default /models)
#   MLFLOW_TRACKING_URI  the MLflow server runs and models are logged to. Required and deliberately not
#                        defaulted: MLflow's own fallback (./mlruns in the container) dies with it
#
# torch comes from the base image. Its version must equal the `training` extra's pin (torch==2.13.0):
# the install below is constrained to the torch already present, so a mismatch fails the build
# instead of silently pulling a second multi-GB torch.
FROM pytorch/pytorch:2.13.0-cuda12.8-cudnn9-runtime

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MLFLOW_DISABLE_TELEMETRY=true \
    HF_HUB_OFFLINE=1 \
    TALENT_DATA_DIR=/data \
    TALENT_MODELS_DIR=/models

WORKDIR /src
COPY pyproject.toml ./
COPY layers/ ./layers/
COPY tooling/ ./tooling/
COPY training/ ./training/
# The rest at the versions requirements/training.txt pins (`make lock`), the same set `make train-venv` installs.
COPY requirements/training.txt ./requirements/
RUN python -c 'import importlib.metadata as m; print("torch==" + m.version("torch"))' > /tmp/torch-constraint.txt \
    && pip install --no-cache-dir --constraint /tmp/torch-constraint.txt --constraint requirements/training.txt \
        './layers[inference]' './[training]' ./training \
    && rm /tmp/torch-constraint.txt

# 10001: recent Ubuntu bases already give uid 1000 to `ubuntu`.
RUN useradd --create-home --uid 10001 trainer \
    && mkdir -p /data /models/skills \
    && chown -R trainer:trainer /models

USER 10001:10001
WORKDIR /home/trainer

COPY --chown=trainer:trainer models/skills/taxonomy.json.gz models/skills/taxonomy.json.gz.sha256 /models/skills/
ENTRYPOINT ["talent", "train", "--config", "/src/training/configs/screening.toml", "--out", "/models/run"]
