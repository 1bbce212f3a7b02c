"""Span-level precision/recall/F1 on SkillSpan (exact word-boundary match), typed and untyped."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import torch

from talent.skills.tagger import Transitions, WordSpan, decode_words, word_probabilities
from talent_training.skill_tagger.batches import collate
from talent_training.skill_tagger.data import LABELS, Sentence

Span = tuple[int, int, str]


def prf(gold: int, predicted: int, correct: int) -> dict[str, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def span_scores(gold: Sequence[set[Span]], predicted: Sequence[set[Span]]) -> dict[str, dict[str, float]]:
    """`typed`: boundaries and kind must match; `untyped`: boundaries only; plus one row per kind."""
    scores = {}
    views: dict[str, Callable[[set[Span]], set[tuple[object, ...]]]] = {
        "typed": lambda spans: set(spans),
        "untyped": lambda spans: {(a, b) for a, b, _ in spans},
        "skill": lambda spans: {s for s in spans if s[2] == "skill"},
        "knowledge": lambda spans: {s for s in spans if s[2] == "knowledge"},
    }
    for name, view in views.items():
        g = [view(s) for s in gold]
        p = [view(s) for s in predicted]
        correct = sum(len(a & b) for a, b in zip(g, p, strict=True))
        scores[name] = prf(sum(map(len, g)), sum(map(len, p)), correct)
    return scores


def gold_spans(sentences: Sequence[Sentence]) -> list[set[Span]]:
    return [s.gold() for s in sentences]


def as_set(spans: Sequence[WordSpan]) -> set[Span]:
    return {(s.first, s.last, s.kind) for s in spans}


@torch.no_grad()
def predict_torch(
    model: torch.nn.Module,
    sentences: Sequence[Sentence],
    features: Sequence[tuple[list[int], list[int], list[int | None]]],
    batch_size: int = 64,
) -> list[set[Span]]:
    """Decode with the serving code's own functions (first word-piece, constrained BIO), so the numbers match
    serving."""
    model.eval()
    crf = getattr(model, "crf", None)
    transitions = Transitions.from_json(crf.as_json(LABELS), LABELS) if crf is not None else None
    predicted: list[set[Span]] = [set() for _ in features]
    order = sorted(range(len(features)), key=lambda i: len(features[i][0]))  # batches of similar length
    for start in range(0, len(order), batch_size):
        chunk = order[start : start + batch_size]
        inputs, _ = collate([features[i] for i in chunk])
        logits = model(**inputs).float().numpy()
        for row, i in enumerate(chunk):
            probs = word_probabilities(
                np.asarray(logits[row], dtype=np.float32), features[i][2], len(sentences[i].tokens)
            )
            predicted[i] = as_set(decode_words(probs, LABELS, transitions))
    return predicted
