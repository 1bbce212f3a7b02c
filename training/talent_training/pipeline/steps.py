"""The pipeline's steps, each the same code `make models` runs: benchmark → classifier → ranker → evaluation."""

from __future__ import annotations

import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

from talent.features.spec import SPEC_PATH, FeatureSpec
from talent.ranking.family_classifier import load_family_classifier
from talent.ranking.featurizer_from_models import load_featurizer
from talent.ranking.ranker import OnnxRanker
from talent_tools.evaluation.ranking.suite import suite_metrics
from talent_tools.ranking.benchmark import complete, embed
from talent_tools.ranking.evaluate import evaluate_ranker, plot
from talent_tools.ranking.family_classifier_evaluation import evaluate_classifier, plot_confusion
from talent_training import distributed
from talent_training.job_family import finetune, terms_train, token_export
from talent_training.job_family import train as family
from talent_training.job_family.terms import load_texts, sparse_rows
from talent_training.pipeline.config import PipelineConfig
from talent_training.ranker import train as ranker
from talent_training.ranker.data import load_benchmark
from talent_training.ranker.export import export_ranker
from talent_training.ranker.feedback import load_feedback, with_feedback


def build_models(config: PipelineConfig, data_dir: Path, out: Path) -> dict[str, Any] | None:
    """Train and export both models into `out/` (job_family/, ranker/, build/); returns metrics and plots.

    Under torchrun every rank trains (data-parallel); rank 0 alone embeds, writes and evaluates, and the
    other ranks get None.
    """
    job = distributed.context(config.device)
    build = out / "build"
    embedded, benchmark_path = build / "embedded.npz", build / "benchmark.npz"
    if job.main:
        embed(load_featurizer(with_classifier=False), data_dir, embedded, config.limit or None)
    job.barrier()

    if config.family_kind == "finetune":
        family_metrics = finetuned_family(config, embedded, build / "finetune", out / "job_family") if job.main else {}
    elif config.family_kind == "terms":
        family_metrics = terms_family(config, embedded, out / "job_family") if job.main else {}
    else:
        family_config = family.TrainConfig(seed=config.family_seed, epochs=config.family_epochs, device=config.device)
        data = family.load_data(embedded)
        head, family_metrics = family.train(data, family_config)
        if job.main:
            trained = {"config": asdict(family_config), "metrics": family_metrics}
            family.export(head, data.families, out / "job_family", trained)
    if job.main:
        complete(load_family_classifier(out / "job_family"), embedded, benchmark_path)
    job.barrier()

    spec = FeatureSpec.load()
    benchmark = load_benchmark(benchmark_path)
    feedback_metrics: dict[str, float] = {}
    if config.feedback_lake:
        feedback = load_feedback(config.feedback_lake, benchmark.feature_names, spec.version)
        benchmark = with_feedback(benchmark, feedback)
        feedback_metrics = {"feedback_queries": float(feedback.queries), "feedback_rows": float(len(feedback.grade))}
    ranker_config = ranker.TrainConfig(seed=config.ranker_seed, steps=config.ranker_steps, device=config.device)
    model, ranker_metrics = ranker.train(benchmark, ranker_config)
    if not job.main:
        return None
    classifier = load_family_classifier(out / "job_family")
    export_ranker(model, spec, out / "ranker", training={"config": asdict(ranker_config), "metrics": ranker_metrics})
    shutil.copyfile(SPEC_PATH, out / "ranker" / "feature_spec.json")

    served = OnnxRanker.load(out / "ranker", spec)
    results = evaluate_ranker(served, benchmark_path)
    report = evaluate_classifier(classifier, embedded)
    metrics: dict[str, float] = {
        "test_ndcg_at_10": results[0].ndcg_at_10,
        "test_map": results[0].map,
        "test_auc": results[0].auc,
        "classifier_top1": report.top1,
        "classifier_top3": report.top3,
        "classifier_macro_f1": report.macro_f1,
        "classifier_ece": report.ece,
        "ranker_train_seconds": ranker_metrics["train_seconds"],
        "classifier_train_seconds": family_metrics["train_seconds"],
        **feedback_metrics,
    }
    for result in results[1:]:
        key = result.method.split(" (")[0].split(",")[0].lower().replace(" ", "_").replace("-", "")
        metrics[f"baseline_{key}_ndcg_at_10"] = result.ndcg_at_10
    # The fit suite (occupation level, fit AUC, requirement sensitivity, titles) on its fast, cached tables:
    # what the promotion gate compares beyond the family benchmark.
    metrics.update(suite_metrics(out / "ranker", fast=True, feedback_lake=config.feedback_lake))
    plots = [
        *plot(results, served, benchmark_path, build),
        plot_confusion(report, classifier.families, build / "classifier_confusion.png"),
    ]
    return {"metrics": metrics, "plots": plots, "spec": spec, "ranker_version": served.version}


def terms_family(config: PipelineConfig, embedded: Path, out: Path) -> dict[str, float]:
    """The default CPU kind (`terms`: TF-IDF of the text and its first line, with the embeddings weighed on
    validation), trained in one process as `make models` trains it."""
    data = load_texts(embedded)
    settings = terms_train.TermsConfig(seed=config.family_seed)
    model, vectors, metrics = terms_train.train(data, settings)
    val = data.splits["val"]
    check = (sparse_rows(vectors, val.texts[:64]), val.embeddings[:64])
    trained = {"config": asdict(settings), "metrics": metrics}
    terms_train.export(model, vectors, check, data.families, out, trained)
    return metrics


def finetuned_family(config: PipelineConfig, embedded: Path, work: Path, out: Path) -> dict[str, float]:
    """The encoder fine-tuned for the families (one process: not data-parallel), exported as kind `tokens`."""
    finetune.prepare(work, embedded)
    seeds = list(config.finetune_seeds)
    model, temperature, metrics = finetune.train_best(work, config.device, config.finetune_epochs, seeds)
    settings = {"epochs": config.finetune_epochs, "seeds": seeds, "device": config.device}
    served = token_export.export(model, temperature, work, out, {"config": settings, "metrics": metrics})
    return {"train_seconds": sum(m["train_seconds"] for m in metrics["seeds"].values()), **served}
