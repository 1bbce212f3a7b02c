"""The one check every training entry point makes before it starts: is the asked-for device there?"""

from __future__ import annotations

import sys

import torch


def device_missing(device: str) -> bool:
    """True (after saying why on stderr) when `--device cuda` is asked for and no CUDA device is visible."""
    if device == "cuda" and not torch.cuda.is_available():
        sys.stderr.write("--device cuda asked for, but no CUDA device is visible\n")
        return True
    return False
