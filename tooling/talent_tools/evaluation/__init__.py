"""Reproducible evaluations against ../shared/data: each prints a table and returns its numbers."""
