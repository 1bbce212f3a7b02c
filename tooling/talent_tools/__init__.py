"""Tooling: never shipped in a function image (see tooling/README.md)."""
