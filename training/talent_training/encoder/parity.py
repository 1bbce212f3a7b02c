"""Cosine of the served ONNX embeddings against sentence-transformers in PyTorch on fixed sentences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sentence_transformers import SentenceTransformer

from talent.encoder import Encoder

_LONG = (
    "Senior data engineer with eight years of experience designing batch and streaming pipelines in Python, "
    "Scala and SQL on AWS (Glue, EMR, Kinesis, Redshift) and GCP (BigQuery, Dataflow). Led a team of five, "
    "migrated a Hadoop estate to Spark on Kubernetes, cut nightly load times by 60 percent, introduced data "
    "contracts, dbt models, Great Expectations checks and lineage in OpenLineage. Mentored juniors, ran "
    "hiring loops, and wrote the on-call runbooks. Earlier: analyst at a retail bank building credit-risk "
    "dashboards in Tableau and Power BI, automating Excel reports with VBA and pandas, and presenting to the "
    "risk committee every quarter. "
) * 3

# One word-piece or none: the hardest case for int8 (the [CLS]/[SEP] outliers dominate the mean), gated apart.
SHORT: tuple[str, ...] = ("Python", "C++", "R", "Excel", "Go", "SQL", "", "   ")

SENTENCES: tuple[str, ...] = (
    "machine learning",
    "project management",
    "Registered nurse with ICU experience",
    "Certified public accountant, audit and tax",
    "We are looking for a backend developer fluent in Go and PostgreSQL.",
    "Must have 5+ years of experience with Kubernetes and Terraform; nice to have: Helm, ArgoCD.",
    "Taught high-school mathematics and physics for six years; designed the curriculum for AP Calculus.",
    "Responsible for payroll, accounts payable and month-end close in SAP.",
    "Operated forklifts and managed inventory in a 200,000 sq ft warehouse.",
    "Strong communication skills and the ability to work in a fast-paced environment.",
    "Fluent in English, Spanish and Portuguese.",
    "Designed REST APIs, wrote unit tests with pytest and deployed with GitHub Actions to AWS Lambda.",
    "Chef de partie at a Michelin-starred restaurant; menu costing and HACCP compliance.",
    "Aviation maintenance technician, FAA A&P licence, Boeing 737 and Airbus A320 families.",
    "Knowledge of GDPR, HIPAA and SOC 2 controls.",
    "Sales executive exceeding quota by 130% in enterprise SaaS.",
    "Ünïcödé naïve café — résumé façade 日本語 テキスト",
    "<ORGANIZATION> is hiring a QA engineer (m/f/d) for <LOCATION>.",
    _LONG,
)


def reference_embeddings(model_dir: Path, sentences: tuple[str, ...]) -> np.ndarray:
    model = SentenceTransformer(str(model_dir), device="cpu")
    reference: np.ndarray = model.encode(list(sentences), normalize_embeddings=True, convert_to_numpy=True)
    return reference.astype(np.float32)


def cosines(folder: Path, model_file: str, reference: np.ndarray, sentences: tuple[str, ...]) -> np.ndarray:
    """Per-sentence cosine of `model_file` (served through `talent.encoder.Encoder`) against `reference`."""
    served = Encoder.load(folder, model_file=model_file).encode(list(sentences))
    result: np.ndarray = np.sum(served * reference, axis=1) / (
        np.linalg.norm(served, axis=1) * np.linalg.norm(reference, axis=1)
    )
    return result


def summary(values: np.ndarray) -> dict[str, float]:
    return {"min": round(float(values.min()), 5), "mean": round(float(values.mean()), 5)}
