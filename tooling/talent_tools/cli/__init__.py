"""The `talent` command line (developer tooling; not part of function images)."""
