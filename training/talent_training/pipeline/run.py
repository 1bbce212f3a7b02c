"""`talent train` (or `python -m talent_training.pipeline.run`): train, evaluate, register, promote, publish.

    MLFLOW_TRACKING_URI=http://127.0.0.1:5000 talent train --config training/configs/screening.toml \
        --out build/train --publish s3://ARTIFACTS_BUCKET/models/champion.json [--device cuda] [--fast-dev-run]

Data-parallel on several GPUs (or CPU processes, gloo): `torchrun --nproc_per_node=N -m
talent_training.pipeline.run ...` with the same arguments (see talent_training.distributed).

Builds the encoder, the skill tagger and the linker's index into TALENT_MODELS_DIR first where missing;
reads ../shared/data (or TALENT_DATA_DIR). The promoted bundle is published only when this run becomes the
champion; functions read the pointer at cold start.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from pathlib import Path

from talent.data_paths import shared_data_dir
from talent_training import distributed
from talent_training.devices import device_missing
from talent_training.pipeline.config import PipelineConfig
from talent_training.ranker.data import TrainingDataError

FAST_DEV_RUN = {"limit": 150, "family_epochs": 30, "ranker_steps": 60, "finetune_epochs": 1, "finetune_seeds": (11,)}


def build_image_models(models: Path) -> bool:
    """A fresh container: the models the featurizer reads that training does not produce (encoder, skill
    tagger, the linker's index), built in `make models` order where missing. False when a build failed."""
    from talent_tools.skills.linker_index import main as build_linker_index
    from talent_training.encoder.export import main as export_encoder
    from talent_training.skill_tagger.train import main as train_tagger

    steps = (
        (models / "encoder" / "model.onnx", lambda: export_encoder(["--out", str(models / "encoder")])),
        (models / "skill_tagger" / "model.onnx", lambda: train_tagger(["--out", str(models / "skill_tagger")])),
        (
            models / "skills" / "taxonomy.embeddings.npz",
            lambda: build_linker_index(
                ["--encoder", str(models / "encoder"), "--out", str(models / "skills" / "taxonomy.embeddings.npz")]
            ),
        ),
    )
    return all(path.is_file() or build() == 0 for path, build in steps)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=Path("training/configs/screening.toml"))
    parser.add_argument("--out", type=Path, default=Path("build/train"))
    parser.add_argument("--device", default=None, help="cpu (default) or cuda")
    parser.add_argument("--publish", default=None, help="s3://bucket/key of the pointer to write on promotion")
    parser.add_argument(
        "--feedback-lake", default=None, help="s3://LAKE_BUCKET: HR decisions in the event lake as training queries"
    )
    parser.add_argument(
        "--family-kind",
        choices=["terms", "head", "finetune"],
        default=None,
        help="job-family classifier (config: terms)",
    )
    parser.add_argument("--fast-dev-run", action="store_true", help="150 resumes, a few epochs and steps")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    overrides: dict[str, object] = dict(FAST_DEV_RUN) if args.fast_dev_run else {}
    overrides["device"] = args.device
    overrides["feedback_lake"] = args.feedback_lake
    overrides["family_kind"] = args.family_kind
    try:
        config = PipelineConfig.load(args.config, **overrides)
    except (OSError, ValueError) as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    if device_missing(config.device):
        return 2

    from talent.data_paths import MODELS_DIR
    from talent_training.pipeline.registry import register
    from talent_training.pipeline.steps import build_models

    job = distributed.context(config.device)
    if job.main and not build_image_models(MODELS_DIR):
        return 1
    job.barrier()

    try:
        built = build_models(config, shared_data_dir(), args.out)
    except TrainingDataError as exc:
        distributed.finish(together=False)
        sys.stderr.write(f"{exc}\n")
        return 2
    except BaseException:
        distributed.finish(together=False)
        raise
    distributed.finish()
    if built is None:  # a torchrun rank other than 0: it trained; rank 0 registers and publishes
        return 0
    # MLflow prints links to the run on stdout; this command's stdout is its JSON summary alone.
    with contextlib.redirect_stdout(sys.stderr):
        registration = register(config, args.out, built["metrics"], built["plots"], built["spec"])
    summary: dict[str, object] = {
        "run_id": registration.run_id,
        "version": registration.version,
        "metric": {config.promote_metric: registration.metric, "champion_before": registration.champion_before},
        "promoted": registration.promoted,
        "not_promoted_because": list(registration.reasons),
        "metrics": built["metrics"],
    }
    if registration.promoted and args.publish:
        import boto3

        from talent_training.pipeline.publish import publish_bundle

        publish_bundle(
            boto3.client("s3"), args.out, args.publish, registration.version, built["spec"], built["metrics"]
        )
        summary["published"] = args.publish
    sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
