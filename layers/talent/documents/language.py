"""Language of the extracted text: langdetect with a fixed seed on a cleaned sample, so results are repeatable."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

UNKNOWN = "unknown"
MIN_LETTERS = 40
SAMPLE_CHARS = 4000
_NOISE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|[\d\W_]+", re.UNICODE)


# The languages resumes arrive in most often. Loading all 55 langdetect profiles costs ~0.43 s of every cold
# start; these 24 cost a third of it. A resume in another language is still reported as not English
# (as its closest loaded language), which is what intake needs the language for.
LANGUAGES = (
    "ar", "cs", "da", "de", "el", "en", "es", "fi", "fr", "hi", "hu", "id",
    "it", "ja", "ko", "nl", "no", "pl", "pt", "ro", "ru", "sv", "tr", "zh-cn",
)  # fmt: skip


@lru_cache(maxsize=1)
def _factory() -> Any:
    """A private factory (the module-level one is global state): profiles load once per process."""
    factory = DetectorFactory()
    profiles = [(Path(PROFILES_DIRECTORY) / name).read_text(encoding="utf-8") for name in LANGUAGES]
    factory.load_json_profile(profiles)
    factory.seed = 0
    return factory


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability), or ('unknown', 0.0) when the sample has too few letters."""
    sample = _NOISE.sub(" ", text[:SAMPLE_CHARS])
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return UNKNOWN, 0.0
    detector = _factory().create()
    detector.append(sample)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return UNKNOWN, 0.0
    if not ranked:
        return UNKNOWN, 0.0
    best = ranked[0]
    # langdetect says zh-cn / zh-tw; ISO 639-1 is the part before the region.
    return str(best.lang).split("-", 1)[0], round(float(best.prob), 4)
