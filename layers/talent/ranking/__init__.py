"""Scoring and ranking candidates for a job: the ONNX ranker, its benchmark data, baselines and metrics."""
