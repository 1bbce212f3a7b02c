"""The featurizer serving builds from the `make models` artifacts (encoder, skill extractors, taxonomy lookup,
job-family classifier), and that classifier on its own; each loaded once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from talent.assessment.lookup import lazy_lookup_from_taxonomy
from talent.data_paths import MODELS_DIR as MODELS
from talent.features.featurizer import Featurizer
from talent.ranking.family_classifier import FamilyModel, load_family_classifier
from talent.skills.extract import default_extractor
from talent.skills.full_extractor import load_posting_extractor


@cache
def load_classifier(models: Path = MODELS) -> FamilyModel:
    return load_family_classifier(models / "job_family")


@cache
def load_featurizer(models: Path = MODELS, *, with_classifier: bool = True) -> Featurizer:
    """One per process. Postings are read by the full extractor (alias + tagger + linker), resumes by the
    alias matcher it shares (see talent.skills.full_extractor for why).
    `with_classifier=False` only builds the classifier's own training data (family_match is NaN then)."""
    from talent.encoder import Encoder
    from talent.features.lexical import TermWeights

    extractor = default_extractor()  # the same one the resume reader uses: one taxonomy per process
    encoder = Encoder.load(models / "encoder")
    postings = load_posting_extractor(models, extractor.taxonomy, encoder=encoder, matcher=extractor.matcher)
    classify = load_classifier(models) if with_classifier else None
    return Featurizer(
        encoder,
        extractor,
        lazy_lookup_from_taxonomy(extractor.taxonomy),
        classify=classify,
        weights=TermWeights.load(models / "lexical" / "term_weights.json.gz"),
        job_extractor=postings,
    )
