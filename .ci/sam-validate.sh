#!/usr/bin/env bash
# Runs `sam validate --lint` from its own virtualenv: aws-sam-cli pins many packages
# (boto3, cfn-lint, aws-sam-translator, ...) that must not fight the project's .venv.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SAM_VERSION="1.170.0"
SAM_VENV=".venv-sam"
PYTHON="${PYTHON:-python3}"

if [[ ! -x "${SAM_VENV}/bin/sam" ]] || ! "${SAM_VENV}/bin/sam" --version 2>/dev/null | grep -q "${SAM_VERSION}"; then
  rm -rf "${SAM_VENV}"
  "${PYTHON}" -m venv "${SAM_VENV}"
  "${SAM_VENV}/bin/pip" install --quiet --disable-pip-version-check "aws-sam-cli==${SAM_VERSION}"
fi

# validate --lint is offline: it translates locally with bundled managed-policy data and cfn-lint.
# SAM CLI telemetry would try the network; the region is given explicitly, so no profile is read.
export SAM_CLI_TELEMETRY=0
export AWS_DEFAULT_REGION="us-east-1"

"${SAM_VENV}/bin/sam" validate --lint --template template.yaml --region us-east-1
