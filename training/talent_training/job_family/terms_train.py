"""Train the default job-family classifier (kind `terms`): `python -m talent_training.job_family.terms_train
--out models/job_family/` (what `make models` runs; about half a minute on 2 CPU cores).

Reads the benchmark's stored blind texts and embeddings (`python -m talent_tools.ranking.benchmark embed`), fits the
vocabulary on the training split, trains TermsHead's two halves full-batch (the term half on a sparse
tensor), each kept at its best validation epoch, weighs them and fits the temperature on validation, and
exports the ONNX graph plus `terms.npz`.
Why this kind and these settings: models/job_family/README.md (chosen on the validation split).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch

from talent.ranking.family_terms import TermVectors
from talent_tools.progress import tracked
from talent_tools.ranking.benchmark import EMBEDDED_PATH
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
    term_epochs: int = 200
    term_lr: float = 0.05
    term_l2: float = 3e-4  # on the sum of squared term weights: ~12k terms a view, most seen in a few texts
    embedding_epochs: int = 300
    embedding_lr: float = 0.01
    weight_decay: float = 1e-2  # the embedding MLP's, as FamilyHead's
    hidden: int = 256
    first_line_weight: float = 0.5
    max_terms: int = 20_000
    embedding_weights: tuple[float, ...] = (0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 1.0)  # chosen on validation


@dataclass(frozen=True)
class Tensors:
    terms: torch.Tensor
    embeddings: torch.Tensor
    labels: torch.Tensor


def tensors(data: TermsData, vectors: TermVectors, split: str) -> Tensors:
    part = data.splits[split]
    return Tensors(sparse_rows(vectors, part.texts), part.embeddings, part.labels)


def fit_half(
    model: TermsHead,
    logits: Callable[[Tensors], torch.Tensor],
    params: list[torch.nn.Parameter],
    rows: tuple[Tensors, Tensors],
    epochs: int,
    optimiser: torch.optim.Optimizer,
    penalty: Callable[[], torch.Tensor],
    smoothing: float,
) -> tuple[float, int]:
    """Full-batch training of one half; its parameters end at the best validation epoch (every 10th)."""
    fit, val = rows
    best: tuple[float, int, list[torch.Tensor]] = (-1.0, 0, [p.detach().clone() for p in params])
    for epoch in tracked(range(1, epochs + 1), "job-family epochs", every=100):
        model.train()
        loss = torch.nn.functional.cross_entropy(logits(fit), fit.labels, label_smoothing=smoothing) + penalty()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if epoch % 10 == 0:
            model.eval()
            with torch.no_grad():
                top1 = float((logits(val).argmax(-1) == val.labels).float().mean())
            if top1 > best[0]:
                best = (top1, epoch, [p.detach().clone() for p in params])
            log.info("epoch %d loss %.4f val top-1 %.4f", epoch, loss.item(), top1)
    with torch.no_grad():
        for param, value in zip(params, best[2], strict=True):
            param.copy_(value)
    return best[0], best[1]


def top1(logits: torch.Tensor, labels: torch.Tensor) -> float:
    return float((logits.argmax(-1) == labels).float().mean())


def train(data: TermsData, config: TermsConfig) -> tuple[TermsHead, TermVectors, dict[str, float]]:
    """The term half, then the embedding half, then their weight and the temperature, all on validation."""
    started = time.perf_counter()
    seed_everything(config.seed)
    vectors = fit_vocabulary(data.splits["train"].texts, config.max_terms)
    rows = (tensors(data, vectors, "train"), tensors(data, vectors, "val"))
    width = int(rows[0].embeddings.shape[1])
    model = TermsHead(
        vectors.width, width, len(data.families), config.hidden, first_line_weight=config.first_line_weight
    )
    terms = [model.term_weight, model.bias]
    term_top1, term_epoch = fit_half(
        model,
        lambda r: model.term_logits(r.terms) + model.bias,
        terms,
        rows,
        config.term_epochs,
        torch.optim.Adam(terms, lr=config.term_lr),
        lambda: config.term_l2 * model.term_weight.pow(2).sum(),
        smoothing=0.0,
    )
    assert model.embedding_net is not None
    mlp = list(model.embedding_net.parameters())
    embedding_top1, embedding_epoch = fit_half(
        model,
        lambda r: model.embedding_logits(r.embeddings),
        mlp,
        rows,
        config.embedding_epochs,
        torch.optim.AdamW(mlp, lr=config.embedding_lr, weight_decay=config.weight_decay),
        lambda: torch.zeros(()),
        smoothing=0.1,
    )
    model.eval()
    val = rows[1]
    with torch.no_grad():
        term_logits = model.term_logits(val.terms) + model.bias
        embedding_logits = model.embedding_logits(val.embeddings)
    scores = {w: top1(term_logits + w * embedding_logits, val.labels) for w in config.embedding_weights}
    weight = max(config.embedding_weights, key=lambda w: (scores[w], -w))  # ties: the lighter graph input
    model.embedding_weight.fill_(weight)
    temperature = temperature_for(term_logits + weight * embedding_logits, val.labels)
    model.temperature.fill_(temperature)
    return (
        model,
        vectors,
        {
            "val_top1": scores[weight],
            "val_top1_terms_alone": term_top1,
            "val_top1_embeddings_alone": embedding_top1,
            **{f"val_top1_embedding_weight_{w}": scores[w] for w in config.embedding_weights},
            "embedding_weight": weight,
            "term_epoch": float(term_epoch),
            "embedding_epoch": float(embedding_epoch),
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
    inputs = ["terms", "embedding"]
    write_manifest(
        out,
        ["model.onnx", TERMS_FILE],
        name="job_family",
        model=(
            f"TermsHead: TF-IDF of the text and of its first line ({vectors.width} columns) → Linear, plus "
            f"{float(model.embedding_weight):g} x (embeddings ({model.embedding_width}) → MLP); → softmax / T"
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
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    torch.set_num_threads(min(2, torch.get_num_threads()))
    try:
        data = load_texts(args.embedded)
    except TrainingDataError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    config = TermsConfig(seed=args.seed)
    model, vectors, metrics = train(data, config)
    val = data.splits["val"]
    check = (sparse_rows(vectors, val.texts[:64]), val.embeddings[:64])
    export(model, vectors, check, data.families, args.out, {"config": asdict(config), "metrics": metrics})
    sys.stdout.write(json.dumps(metrics, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
