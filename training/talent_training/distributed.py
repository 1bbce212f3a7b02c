"""Data-parallel training when launched by `torchrun` (WORLD_SIZE > 1); a no-op for a single process.

    torchrun --standalone --nproc_per_node=4 -m talent_training.pipeline.run --device cuda ...

Each process trains on its own share of the data (the ranker samples different postings per rank; the
classifier takes every WORLD_SIZE-th training row), DistributedDataParallel averages the gradients, so
every rank holds the same weights after each step. Rank 0 alone writes files, registers and publishes;
the others wait at `barrier()` where rank 0 prepares shared inputs. Backend: NCCL on CUDA, gloo on CPU.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch import nn


@dataclass(frozen=True)
class Context:
    rank: int = 0
    world_size: int = 1
    device: str = "cpu"

    @property
    def distributed(self) -> bool:
        return self.world_size > 1

    @property
    def main(self) -> bool:
        return self.rank == 0

    def barrier(self) -> None:
        if self.distributed:
            dist.barrier()

    def wrap(self, model: nn.Module) -> nn.Module:
        """The module gradients flow through: DDP around `model` when distributed, `model` itself otherwise."""
        if not self.distributed:
            return model
        device_ids = [torch.device(self.device).index] if self.device.startswith("cuda") else None
        return nn.parallel.DistributedDataParallel(model, device_ids=device_ids)

    def check_in_sync(self, model: nn.Module) -> None:
        """Raise when the ranks' weights differ (call while the weights are still on `device`)."""
        if not self.distributed:
            return
        total = torch.stack([p.detach().double().sum() for p in model.parameters()]).sum().reshape(1)
        gathered = [torch.zeros_like(total) for _ in range(self.world_size)]
        dist.all_gather(gathered, total)
        if any(not torch.equal(g, gathered[0]) for g in gathered):
            raise RuntimeError(f"data-parallel ranks diverged: weight sums {[g.item() for g in gathered]}")


def context(device: str) -> Context:
    """This process's place in the job; joins the process group on first use under torchrun."""
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    if world_size <= 1:
        return Context(device=device)
    rank = int(os.environ["RANK"])
    if device == "cuda":
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        torch.cuda.set_device(local_rank)
        device = f"cuda:{local_rank}"
    if not dist.is_initialized():
        dist.init_process_group(backend="nccl" if device.startswith("cuda") else "gloo")
    return Context(rank=rank, world_size=world_size, device=device)


def finish(*, together: bool = True) -> None:
    """Leave the process group (torchrun warns about a group never destroyed).

    `together`: wait for every rank first; a rank that destroyed the group while rank 0 was still exporting
    aborted under gloo ("terminate called without an active exception", exit -6) in CI. After a failure,
    leave at once: the other ranks may never reach the barrier.
    """
    if dist.is_available() and dist.is_initialized():
        if together:
            dist.barrier()
        dist.destroy_process_group()
