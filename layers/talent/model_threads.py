"""How many threads each ONNX session computes with: `TALENT_MODEL_THREADS` when set, else the loader's default.

A function's execution environment sets it to its share of the cores. On Lambda that is the vCPUs its memory
size buys; the local stack runs several environments of a function side by side on one machine and gives each
its share (talent_tools.local.dev_session), so their intra-op threads do not crowd each other's cores.
"""

from __future__ import annotations

import os

THREADS_VARIABLE = "TALENT_MODEL_THREADS"


class BadThreadsSetting(ValueError):
    pass


def model_threads(default: int) -> int:
    configured = os.environ.get(THREADS_VARIABLE, "").strip()
    if not configured:
        return default
    try:
        threads = int(configured)
    except ValueError:
        threads = 0
    if threads < 1:
        raise BadThreadsSetting(f"{THREADS_VARIABLE}={configured!r}: expected a whole number of threads, 1 or more")
    return threads
