"""The real skill extractor for job descriptions, built once per process from the compiled taxonomy."""

from __future__ import annotations

from functools import cache

from talent.jobs.parse import SkillFinder


@cache
def load_extractor() -> SkillFinder:
    from talent.skills.extract import SkillExtractor  # type: ignore[import-not-found,unused-ignore]
    from talent.skills.taxonomy import Taxonomy  # type: ignore[import-not-found,unused-ignore]

    extractor: SkillFinder = SkillExtractor(Taxonomy.load())
    return extractor
