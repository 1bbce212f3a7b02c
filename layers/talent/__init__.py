"""Talent screening platform: the shared package every function image copies in."""

__version__ = "0.1.0"
