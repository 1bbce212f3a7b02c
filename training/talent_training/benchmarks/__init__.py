"""Benchmarks that print numbers (never asserts): run with the serving venv, `training/` on PYTHONPATH."""
