"""Ranking features: one spec file (models/ranker/feature_spec.json) read by training and serving alike."""
