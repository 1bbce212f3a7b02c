"""Train the job-family classifier: `python -m talent_training.job_family.train --out models/job_family/`.

Inputs are the benchmark's embedded resumes (`python -m talent_tools.ranking.benchmark embed`): the train split
of livecareer plus the training O*NET postings, labelled with their family. Early stopping and
temperature scaling use the validation resumes; the test resumes are only read by `talent eval classifier`.
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

from talent_tools.progress import tracked
from talent_tools.ranking.benchmark import EMBEDDED_PATH
from talent_training import distributed
from talent_training.devices import device_missing
from talent_training.job_family.model import FamilyHead, temperature_for
from talent_training.manifest import write_manifest
from talent_training.ranker.data import TrainingDataError
from talent_training.ranker.train import seed_everything

log = logging.getLogger("talent_training.job_family")
PARITY_TOLERANCE = 1e-5


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 11
    epochs: int = 400
    lr: float = 2e-3
    weight_decay: float = 1e-2
    hidden: int = 256
    device: str = "cpu"


@dataclass(frozen=True)
class Data:
    families: list[str]
    x: dict[str, torch.Tensor]
    y: dict[str, torch.Tensor]


def load_data(path: Path) -> Data:
    if not path.is_file():
        raise TrainingDataError(f"{path} not found: build it with `python -m talent_tools.ranking.benchmark embed`")
    data = np.load(path)
    families = sorted(set(data["resume_families"].tolist()) | set(data["job_families"].tolist()))
    index = {f: i for i, f in enumerate(families)}
    x: dict[str, torch.Tensor] = {}
    y: dict[str, torch.Tensor] = {}
    for split in ("train", "val", "test"):
        rows = data["resume_splits"] == split
        xs = [data["resume_inputs"][rows]]
        ys = [data["resume_families"][rows]]
        if split == "train":  # the training postings are labelled examples too; test postings never are
            jobs = data["job_roles"] == "train"
            xs.append(data["job_inputs"][jobs])
            ys.append(data["job_families"][jobs])
        x[split] = torch.from_numpy(np.concatenate(xs).astype(np.float32))
        y[split] = torch.tensor([index[f] for f in np.concatenate(ys)], dtype=torch.long)
    if x["train"].shape[0] == 0 or len(set(y["train"].tolist())) < 2:
        raise TrainingDataError(f"{path}: no labelled training resumes in at least two families")
    return Data(families, x, y)


def accuracy(model: FamilyHead, x: torch.Tensor, y: torch.Tensor) -> float:
    model.eval()
    with torch.no_grad():
        correct = (model(x).argmax(-1) == y).float().mean().item()
    model.train()
    return float(correct)


def fit_temperature(model: FamilyHead, x: torch.Tensor, y: torch.Tensor) -> float:
    model.eval()
    with torch.no_grad():
        logits = model.logits(x)
    temperature = temperature_for(logits, y)
    model.temperature.fill_(temperature)
    return temperature


def train(data: Data, config: TrainConfig) -> tuple[FamilyHead, dict[str, float]]:
    job = distributed.context(config.device)
    seed_everything(config.seed)
    model = FamilyHead(data.x["train"].shape[1], len(data.families), config.hidden).to(job.device)
    trained = job.wrap(model.net)  # the logits: forward() is the calibrated softmax
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    shard = slice(job.rank, None, job.world_size)  # every rank its own rows; DDP averages the gradients
    x, y = data.x["train"][shard].to(job.device), data.y["train"][shard].to(job.device)
    xv, yv = data.x["val"].to(job.device), data.y["val"].to(job.device)
    best = (-1.0, 0, copy.deepcopy(model.state_dict()))
    started = time.perf_counter()
    for epoch in tracked(range(1, config.epochs + 1), "job-family epochs", every=100):
        loss = torch.nn.functional.cross_entropy(trained(x), y, label_smoothing=0.1)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if epoch % 10 == 0:
            val = accuracy(model, xv, yv)
            if val > best[0]:
                best = (val, epoch, copy.deepcopy(model.state_dict()))
            if job.main:
                log.info("epoch %d loss %.4f val top-1 %.4f", epoch, loss.item(), val)
    job.check_in_sync(model)
    model.load_state_dict(best[2])
    model.to("cpu")
    temperature = fit_temperature(model, data.x["val"], data.y["val"])
    model.eval()
    return model, {
        "val_top1": best[0],
        "best_epoch": float(best[1]),
        "temperature": temperature,
        "train_seconds": time.perf_counter() - started,
    }


def export(model: FamilyHead, families: list[str], out: Path, training: dict[str, object]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "model.onnx"
    width = model.net[1].in_features
    example = torch.randn(3, width, generator=torch.Generator().manual_seed(0))
    torch.onnx.export(
        model.eval(),
        (example,),
        str(path),
        input_names=["embedding"],
        output_names=["probabilities"],
        dynamic_axes={"embedding": {0: "rows"}, "probabilities": {0: "rows"}},
        opset_version=17,
        dynamo=False,
    )
    check = torch.randn(256, width, generator=torch.Generator().manual_seed(1)) * 0.05
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (onnx_out,) = session.run(["probabilities"], {"embedding": check.numpy()})
    with torch.no_grad():
        difference = float(np.abs(onnx_out - model(check).numpy()).max())
    if not difference <= PARITY_TOLERANCE:  # NaN included
        raise RuntimeError(f"ONNX differs from PyTorch by {difference:.2e} (> {PARITY_TOLERANCE:.0e})")
    write_manifest(
        out,
        ["model.onnx"],
        name="job_family",
        model=f"FamilyHead: dropout → Linear({width}, {model.net[1].out_features}) → GELU → Linear → softmax / T",
        families=families,
        export={"opset": 17, "exporter": "torchscript (dynamo=False)", "parity_max_abs_diff": difference},
        serving={"model": "model.onnx", "inputs": ["embedding"], "outputs": ["probabilities"]},
        training=training,
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedded", type=Path, default=EMBEDDED_PATH)
    parser.add_argument("--out", type=Path, default=Path("models/job_family"))
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--seed", type=int, default=TrainConfig.seed)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if device_missing(args.device):
        return 2
    try:
        data = load_data(args.embedded)
    except TrainingDataError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    config = TrainConfig(seed=args.seed, device=args.device)
    model, metrics = train(data, config)
    if distributed.context(config.device).main:
        export(model, data.families, args.out, {"config": asdict(config), "metrics": metrics})
        sys.stdout.write(json.dumps(metrics, indent=2) + "\n")
    distributed.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
