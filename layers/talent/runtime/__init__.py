"""Lambda plumbing shared by the functions: batch handling, idempotency, wiring of adapters."""
