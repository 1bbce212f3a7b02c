# syntax=docker/dockerfile:1
#
# The event-source-mapping runner of docker/compose.yaml: `talent runner` reads the template's Kafka
# mappings and invokes the function containers over the Runtime Interface Emulator's invoke API, as
# `talent dev` does over in-process pools. A local-stack image (the tooling), never deployed: on AWS the
# event source mappings are Lambda's own.
#   docker build -f docker/runner.Dockerfile -t talent-runner .
# BASE_IMAGE: as in function.Dockerfile, a stand-in only where no registry is reachable (docker/local-images/).
ARG BASE_IMAGE=python:3.12-slim
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# The runtime and the tooling at the versions the lock pins (`make lock`; CI installs the same pins).
COPY requirements/dev.txt ./requirements/
COPY layers/ ./layers/
COPY pyproject.toml README.md template.yaml ./
COPY tooling/ ./tooling/
RUN pip install --no-cache-dir --constraint requirements/dev.txt './layers[inference]' '.[dev]'

USER 65534:65534

ENTRYPOINT ["talent", "--quiet", "runner"]
