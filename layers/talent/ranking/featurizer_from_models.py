"""The featurizer serving builds from the `make models` artifacts (encoder, skill extractors, taxonomy lookup,
job-family classifier), and that classifier on its own; each loaded once per process."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from talent.assessment.lookup import lazy_lookup_from_taxonomy
from talent.data_paths import MODELS_DIR as MODELS
from talent.features.featurizer import Featurizer
from talent.ranking.family_classifier import FamilyModel, load_family_classifier
from talent.skills.extract import default_extractor
from talent.skills.full_extractor import load_linker, load_posting_extractor


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
    from talent.skills.tagger import OnnxSkillTagger

    # Checksums and ONNX session creation release the GIL: the model files load on two threads while this one
    # builds the taxonomy and alias matcher (pure Python), ~0.2 s off a cold start on 2 cores. `result()`
    # re-raises a load's own exception here, asked for in the order the loads ran in one after another.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="load-models") as pool:
        encoder = pool.submit(Encoder.load, models / "encoder")
        tagger = pool.submit(OnnxSkillTagger.load, models / "skill_tagger")
        linker = pool.submit(lambda: load_linker(models, encoder.result()))  # picked up once a load is done
        classify = pool.submit(load_classifier, models) if with_classifier else None
        extractor = default_extractor()  # the same one the resume reader uses: one taxonomy per process
        postings = load_posting_extractor(
            models,
            extractor.taxonomy,
            encoder=encoder.result(),
            matcher=extractor.matcher,
            linker=linker.result(),
            tagger=tagger.result(),
        )
        return Featurizer(
            encoder.result(),
            extractor,
            lazy_lookup_from_taxonomy(extractor.taxonomy),
            classify=classify.result() if classify else None,
            weights=TermWeights.load(models / "lexical" / "term_weights.json.gz"),
            job_extractor=postings,
        )
