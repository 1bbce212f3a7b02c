"""Serving numbers for the encoder and the skill tagger: cold start, RSS, throughput, int8 vs fp32.

`PYTHONPATH=training .venv/bin/python -m talent_training.benchmarks.serving` (serving venv: no torch). Prints
one JSON object. Throughput depends on what else the machine runs: report the load average beside it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from tokenizers import Tokenizer

from talent.encoder import Encoder
from talent.skills.tagger import OnnxSkillTagger

ENCODER, TAGGER = Path("models/encoder"), Path("models/skill_tagger")
RESUME_LINE = (
    "Senior data engineer who designed streaming pipelines in Python and Scala on AWS, mentored five engineers, "
    "migrated Hadoop to Spark on Kubernetes, wrote dbt models and Great Expectations checks, and presented "
    "credit-risk dashboards built in Tableau to the risk committee every quarter while hiring new analysts."
)
WORDS = RESUME_LINE.split(" ")

COLD = """
import resource, sys, time
start = time.perf_counter()
from talent.encoder import Encoder
encoder = Encoder.load("models/encoder")
encoder.encode(["Python developer with AWS experience"])
first_embedding = time.perf_counter() - start
rss_encoder = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if "tagger" in sys.argv:
    from talent.skills.tagger import OnnxSkillTagger
    OnnxSkillTagger.load("models/skill_tagger").spans("Experience with Python, SQL and machine learning.")
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(first_embedding, rss_encoder, time.perf_counter() - start, rss)
"""


def cold_start(with_tagger: bool) -> dict[str, float]:
    """A fresh interpreter: wall time from spawn, and peak RSS in MiB."""
    started = time.perf_counter()
    args = [sys.executable, "-c", COLD, *(["tagger"] if with_tagger else [])]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout.split()  # noqa: S603 (our own code)
    total = time.perf_counter() - started
    in_process, rss_encoder, in_process_all, rss_all = map(float, out)
    result = {"encoder_first_embedding_s": round(in_process, 3), "encoder_rss_mib": round(rss_encoder)}
    if with_tagger:
        result |= {
            "encoder_and_tagger_first_result_s": round(in_process_all, 3),
            "encoder_and_tagger_rss_mib": round(rss_all),
        }
    return {**result, "process_spawn_to_exit_s": round(total, 3)}


def texts_of(tokens: int, count: int) -> list[str]:
    """Texts of exactly `tokens` word-pieces with [CLS] and [SEP], each starting at a different word."""
    tokenizer = Tokenizer.from_file(str(ENCODER / "tokenizer.json"))
    tokenizer.no_truncation()
    texts = []
    for start in range(count):
        text = " ".join((WORDS * 20)[start:])
        offsets = tokenizer.encode(text, add_special_tokens=False).offsets
        texts.append(text[: offsets[tokens - 3][1]])
    return texts


def throughput(model_file: str, tokens: int, count: int = 64, batch_size: int = 32) -> float:
    encoder = Encoder.load(ENCODER, model_file=model_file, batch_size=batch_size)
    texts = texts_of(tokens, count)
    encoder.encode(texts[:2])
    started = time.perf_counter()
    encoder.encode(texts)
    return round(count / (time.perf_counter() - started), 1)


def int8_vs_fp32(count: int = 64) -> dict[str, float]:
    texts = texts_of(128, count)
    fp32 = Encoder.load(ENCODER, model_file="model_fp32.onnx").encode(texts)
    int8 = Encoder.load(ENCODER).encode(texts)
    alone = np.concatenate([Encoder.load(ENCODER).encode([t]) for t in texts[:16]])
    cosine = (fp32 * int8).sum(axis=1)
    batched_vs_alone = (alone * int8[:16]).sum(axis=1)
    return {
        "int8_vs_fp32_cosine_min": round(float(cosine.min()), 4),
        "int8_vs_fp32_cosine_mean": round(float(cosine.mean()), 4),
        "int8_batched_vs_alone_cosine_min": round(float(batched_vs_alone.min()), 4),
    }


def tagger_speed(model_file: str | None) -> float:
    tagger = OnnxSkillTagger.load(TAGGER, model_file=model_file)
    resume = " ".join(WORDS * 25)  # ~ 900 words, a two-page resume
    tagger.spans(resume)
    started = time.perf_counter()
    tagger.spans(resume)
    return round(time.perf_counter() - started, 3)


def main() -> int:
    report: dict[str, Any] = {"load_average": os.getloadavg(), "cpus": os.cpu_count()}
    report["cold_start"] = cold_start(with_tagger=True)
    report["sentences_per_s"] = {
        f"{name}_{tokens}_tokens": throughput(file, tokens)
        for name, file in (("int8", "model.onnx"), ("fp32", "model_fp32.onnx"))
        for tokens in (128, 256)
    }
    report["cosine"] = int8_vs_fp32()
    served = json.loads((TAGGER / "manifest.json").read_text())["serving"]["variant"]
    other = "model_int8.onnx" if served == "fp32" else "model_fp32.onnx"
    report["tagger_900_word_resume_s"] = {served: tagger_speed(None), other.split(".")[0]: tagger_speed(other)}
    report["load_average_after"] = os.getloadavg()
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
