"""Training time and held-out quality of both screening models on each device, side by side in one run.

    .venv-train/bin/python bench/training_devices.py [--devices cpu,cuda] [--runs 2] [--json OUT.json]

Input: the embedded benchmark `make models` builds (models/ranker/build/embedded.npz: the encoder's
outputs for every livecareer resume and O*NET posting, so no encoder runs here). For each device and run:
the job-family classifier (400 full-batch epochs) → ONNX export with parity check → `family_match` for
every pair → the ranker (1,500 pairwise steps) → ONNX export with parity check → held-out NDCG@10 and
classifier top-1 on the test split, the same evaluation `talent eval` prints. Both models are small (a
256-wide head, 13 per-feature MLPs), so the GPU mostly pays launch overhead: the figure says whether
`--device cuda` is worth asking for, it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "layers"), str(ROOT / "training")]

from talent_training.job_family import train as family  # noqa: E402
from talent_training.ranker import train as ranker  # noqa: E402
from talent_training.ranker.data import load_benchmark  # noqa: E402
from talent_training.ranker.export import export_ranker  # noqa: E402

from talent.features.spec import FeatureSpec  # noqa: E402
from talent.ranking.family_classifier import load_family_classifier  # noqa: E402
from talent.ranking.ranker import OnnxRanker  # noqa: E402
from talent_tools.ranking.benchmark import EMBEDDED_PATH, complete  # noqa: E402
from talent_tools.ranking.evaluate import evaluate_ranker  # noqa: E402
from talent_tools.ranking.family_classifier_evaluation import evaluate_classifier  # noqa: E402


def one_run(device: str, embedded: Path, work: Path) -> dict[str, float]:
    data = family.load_data(embedded)
    head, family_metrics = family.train(data, family.TrainConfig(device=device))
    family.export(head, data.families, work / "job_family", {"metrics": family_metrics})
    classifier = load_family_classifier(work / "job_family")
    benchmark = complete(classifier, embedded, work / "benchmark.npz")
    model, ranker_metrics = ranker.train(load_benchmark(benchmark), ranker.TrainConfig(device=device))
    spec = FeatureSpec.load()
    export_ranker(model, spec, work / "ranker", training={"metrics": ranker_metrics})
    results = evaluate_ranker(OnnxRanker.load(work / "ranker", spec), benchmark)
    manifest = json.loads((work / "ranker" / "manifest.json").read_text())
    return {
        "classifier_seconds": family_metrics["train_seconds"],
        "ranker_seconds": ranker_metrics["train_seconds"],
        "classifier_top1": evaluate_classifier(classifier, embedded).top1,
        "ranker_ndcg_at_10": results[0].ndcg_at_10,
        "ranker_parity": float(manifest["export"]["parity_max_diff_relative"]),
    }


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--embedded", type=Path, default=EMBEDDED_PATH)
    parser.add_argument("--devices", default="cpu,cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if not args.embedded.is_file():
        sys.stderr.write(f"{args.embedded} is missing: `make models` builds it\n")
        return 2
    devices = args.devices.split(",")
    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none"
    say(f"torch {torch.__version__}, {torch.get_num_threads()} CPU threads, GPU: {gpu}; {args.runs} runs each")
    runs: dict[str, list[dict[str, float]]] = {d: [] for d in devices}
    for run in range(args.runs):
        for device in devices:  # interleaved, so drift in the machine hits every device alike
            with tempfile.TemporaryDirectory() as work:
                runs[device].append(one_run(device, args.embedded, Path(work)))
            say(f"run {run + 1} {device}: " + ", ".join(f"{k} {v:.4g}" for k, v in runs[device][-1].items()))
    say("\n| device | classifier s (median) | ranker s (median) | classifier top-1 | ranker NDCG@10 | parity |")
    say("|---|---:|---:|---:|---:|---:|")
    for device, results in runs.items():
        median = {k: statistics.median(r[k] for r in results) for k in results[0]}
        say(
            f"| {device} | {median['classifier_seconds']:.2f} | {median['ranker_seconds']:.2f} | "
            f"{median['classifier_top1']:.3f} | {median['ranker_ndcg_at_10']:.3f} | {median['ranker_parity']:.1e} |"
        )
    if args.json:
        args.json.write_text(json.dumps({"gpu": gpu, "torch": torch.__version__, "runs": runs}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
