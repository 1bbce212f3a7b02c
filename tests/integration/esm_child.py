"""A runner in its own process, so a test can SIGKILL it mid-batch like a crashed `talent dev`.

python -m tests.integration.esm_child BOOTSTRAP TOPIC GROUP TMP_DIR BATCH_SIZE
Runs the recording function behind a mapping until killed.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from talent_tools.local.esm_runner import EventSourceMappingRunner
from talent_tools.local.invoker import FunctionWorker
from tests.integration.esm_support import SESSION_TIMEOUT_MS, mapping, recording_function


def main() -> None:
    bootstrap, topic, group, tmp_dir, batch_size = sys.argv[1:6]
    spec, _ = recording_function(Path(tmp_dir), timeout_s=60)
    worker = FunctionWorker(spec)
    runner = EventSourceMappingRunner(
        mapping(topic, group, batch_size=int(batch_size), max_batching_window_s=1.0),
        worker,
        bootstrap,
        None,
        session_timeout_ms=SESSION_TIMEOUT_MS,
    )
    runner.start()
    threading.Event().wait()  # until the test kills this process


if __name__ == "__main__":
    main()
