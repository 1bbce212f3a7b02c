"""Train the default job-family classifier (kind `terms`): `python -m talent_training.job_family.terms_train
--out models/job_family/` (what `make models` runs; about half a minute on 2 CPU cores).

Reads the benchmark's stored blind texts and embeddings (`python -m talent.ranking.benchmark embed`), fits the
vocabulary on the training split, trains TermsHead full-batch (the term half on a sparse tensor), keeps the
best validation epoch, fits the temperature on validation, and exports the ONNX graph plus `terms.npz`.
Why this kind and these settings: models/job_family/README.md (chosen on the validation split).
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch

from talent.ranking.benchmark import EMBEDDED_PATH
from talent.ranking.family_terms import TermVectors
from talent_training.job_family.model import temperature_for
from talent_training.job_family.terms import TermsData, fit_vocabulary, load_texts, sparse_rows
from talent_training.job_family.terms_model import TermsHead
from talent_training.manifest import write_manifest
from talent_training.ranker.data import TrainingDataError
from talent_training.ranker.train import seed_everything

log = logging.getLogger("talent_training.job_family")
PARITY_TOLERANCE = 1e-5
TERMS_FILE = "terms.npz"


@dataclass(frozen=True)
class TermsConfig:
    seed: int = 11
    epochs: int = 200
    lr: float = 0.02
    term_l2: float = 3e-4  # on the sum of squared term weights: ~25k of them, most seen in a few texts
    weight_decay: float = 1e-2  # the embedding MLP's, as FamilyHead's
    hidden: int = 256
    first_line_weight: float = 0.5
    max_terms: int = 20_000
    use_embeddings: bool = True


@dataclass(frozen=True)
class Tensors:
    terms: torch.Tensor
    embeddings: torch.Tensor
    labels: torch.Tensor


def tensors(data: TermsData, vectors: TermVectors, split: str, use_embeddings: bool) -> Tensors:
    part = data.splits[split]
    embeddings = part.embeddings if use_embeddings else torch.zeros(len(part.texts), 0)
    return Tensors(sparse_rows(vectors, part.texts), embeddings, part.labels)


def accuracy(model: TermsHead, rows: Tensors) -> float:
    model.eval()
    with torch.no_grad():
        correct = (model.logits(rows.terms, rows.embeddings).argmax(-1) == rows.labels).float().mean().item()
    model.train()
    return float(correct)


def train(data: TermsData, config: TermsConfig) -> tuple[TermsHead, TermVectors, dict[str, float]]:
    started = time.perf_counter()
    seed_everything(config.seed)
    vectors = fit_vocabulary(data.splits["train"].texts, config.max_terms)
    fit, val = (tensors(data, vectors, s, config.use_embeddings) for s in ("train", "val"))
    width = int(fit.embeddings.shape[1])
    model = TermsHead(
        vectors.width, width, len(data.families), config.hidden, first_line_weight=config.first_line_weight
    )
    term_params = [model.term_weight, model.bias]
    mlp_params = list(model.embedding_net.parameters()) if model.embedding_net is not None else []
    optimiser = torch.optim.AdamW(
        [{"params": term_params, "weight_decay": 0.0}, {"params": mlp_params, "weight_decay": config.weight_decay}],
        lr=config.lr,
    )
    best = (-1.0, 0, copy.deepcopy(model.state_dict()))
    model.train()
    for epoch in range(1, config.epochs + 1):
        logits = model.logits(fit.terms, fit.embeddings)
        loss = torch.nn.functional.cross_entropy(logits, fit.labels, label_smoothing=0.1)
        loss = loss + config.term_l2 * model.term_weight.pow(2).sum()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if epoch % 10 == 0:
            top1 = accuracy(model, val)
            if top1 > best[0]:
                best = (top1, epoch, copy.deepcopy(model.state_dict()))
            log.info("epoch %d loss %.4f val top-1 %.4f", epoch, loss.item(), top1)
    model.load_state_dict(best[2])
    model.eval()
    with torch.no_grad():
        val_logits = model.logits(val.terms, val.embeddings)
    temperature = temperature_for(val_logits, val.labels)
    model.temperature.fill_(temperature)
    return (
        model,
        vectors,
        {
            "val_top1": best[0],
            "best_epoch": float(best[1]),
            "temperature": temperature,
            "terms": float(len(vectors.terms)),
            "train_seconds": time.perf_counter() - started,
        },
    )


def parity(model: TermsHead, path: Path, terms: torch.Tensor, embeddings: torch.Tensor) -> float:
    """Largest |ONNX - PyTorch| over the given rows; the sparse (training) and dense (export) paths as well."""
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    feed = {"terms": terms.to_dense().numpy(), "embedding": embeddings.numpy()}
    (onnx_out,) = session.run(["probabilities"], {i.name: feed[i.name] for i in session.get_inputs()})
    with torch.no_grad():
        dense = model(terms.to_dense(), embeddings).numpy()
        trained = model(terms, embeddings).numpy()
    return float(max(np.abs(onnx_out - dense).max(), np.abs(trained - dense).max()))


def export(
    model: TermsHead,
    vectors: TermVectors,
    check: tuple[torch.Tensor, torch.Tensor],
    families: list[str],
    out: Path,
    training: dict[str, object],
) -> Path:
    """`check`: real rows (sparse terms, embeddings) the exported graph must reproduce within PARITY_TOLERANCE."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "model.onnx"
    example = (torch.zeros(2, vectors.width), torch.zeros(2, model.embedding_width))
    torch.onnx.export(
        model.eval(),
        example,
        str(path),
        input_names=["terms", "embedding"],
        output_names=["probabilities"],
        dynamic_axes={"terms": {0: "rows"}, "embedding": {0: "rows"}, "probabilities": {0: "rows"}},
        opset_version=17,
        dynamo=False,
    )
    difference = parity(model, path, *check)
    if not difference <= PARITY_TOLERANCE:  # NaN included
        raise RuntimeError(f"ONNX differs from PyTorch by {difference:.2e} (> {PARITY_TOLERANCE:.0e})")
    vectors.save(out / TERMS_FILE)
    inputs = ["terms", "embedding"] if model.embedding_net is not None else ["terms"]
    write_manifest(
        out,
        ["model.onnx", TERMS_FILE],
        name="job_family",
        model=(
            f"TermsHead: TF-IDF of the text and of its first line ({vectors.width} terms) → Linear, plus "
            f"embeddings ({model.embedding_width}) → MLP; logits summed → softmax / T"
        ),
        families=families,
        export={"opset": 17, "exporter": "torchscript (dynamo=False)", "parity_max_abs_diff": difference},
        serving={
            "kind": "terms",
            "model": "model.onnx",
            "terms": TERMS_FILE,
            "inputs": inputs,
            "outputs": ["probabilities"],
        },
        training=training,
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedded", type=Path, default=EMBEDDED_PATH)
    parser.add_argument("--out", type=Path, default=Path("models/job_family"))
    parser.add_argument("--seed", type=int, default=TermsConfig.seed)
    parser.add_argument("--epochs", type=int, default=TermsConfig.epochs)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    torch.set_num_threads(min(2, torch.get_num_threads()))
    try:
        data = load_texts(args.embedded)
    except TrainingDataError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    config = TermsConfig(seed=args.seed, epochs=args.epochs)
    model, vectors, metrics = train(data, config)
    val = data.splits["val"]
    check = (sparse_rows(vectors, val.texts[:64]), val.embeddings[:64] if config.use_embeddings else torch.zeros(0))
    if not config.use_embeddings:
        check = (check[0], torch.zeros(check[0].shape[0], 0))
    export(model, vectors, check, data.families, args.out, {"config": asdict(config), "metrics": metrics})
    sys.stdout.write(json.dumps(metrics, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
