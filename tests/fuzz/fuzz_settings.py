"""The fuzz properties' shared settings: deterministic (derandomize, no example database) so CI runs the same
cases every time; TALENT_FUZZ_EXAMPLES examples per property (CI 200, `bench/fuzz_campaign.py` more)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("TALENT_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    derandomize=True,
    database=None,
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
