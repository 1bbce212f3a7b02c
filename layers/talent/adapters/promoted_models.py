"""Which models a function serves: the promoted ones from the pointer when configured and sound, otherwise
(no pointer, nothing published yet, or a bundle that fails its checks) the models built into the image.
A refused bundle is logged as an error and the previous champion keeps serving."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError

from talent.adapters.aws_errors import error_code
from talent.data_paths import MODELS_DIR
from talent.encoder.artifact import ModelArtifactError
from talent.features.spec import FeatureSpecMismatch
from talent.ranking.screening_model import ScreeningModel, load_screening_model
from talent.runtime.model_bundle import fetch_bundle

logger = Logger(child=True)


def served_model(
    pointer: str | None, s3: Any | None = None, image_models: Path = MODELS_DIR, cache_dir: Path | None = None
) -> ScreeningModel:
    """`cache_dir` (default: the temp dir, /tmp in Lambda) holds downloaded bundles across warm invocations."""
    if pointer:
        if s3 is None:
            import boto3

            s3 = boto3.client("s3")
        try:
            cache = cache_dir or Path(tempfile.gettempdir()) / "models"
            folder, version = fetch_bundle(s3, pointer, image_models, cache)
            model = load_screening_model(folder)
        except ClientError as exc:
            logger.warning("no promoted models at the pointer; serving the image's", extra={"error": error_code(exc)})
        except (ModelArtifactError, FeatureSpecMismatch, ValueError, KeyError) as exc:
            logger.error("promoted models refused; serving the image's", extra={"pointer": pointer, "error": str(exc)})
        else:
            logger.info("serving promoted models", extra={"version": version, "ranker": model.ranker.version})
            return model
    return load_screening_model(image_models)
