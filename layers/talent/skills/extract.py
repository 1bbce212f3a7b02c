"""Skill extraction: the alias matcher, optionally combined with a learned span tagger and a span linker.

Combination rule (the union of both extractors):
1. Every alias mention is kept.
2. A tagger span that overlaps an alias mention adds no mention of its own: the alias mention wins (its
   taxonomy id and kind) and becomes extractor="both", confidence 1 - (1 - alias)(1 - tagger score). When
   the span holds that one alias mention whole, the mention takes the span's words ("Java development",
   "experience with SQL databases"): the phrase SkillSpan's annotators mark, anchored by the alias (exact
   combined F1 on SkillSpan dev 0.464 -> 0.472); a span crossing a mention's edge or holding several leaves
   their spans as they are.
3. Other tagger spans are linked with the `SpanLinker`, all of a text's spans in one call: when the link's
   score reaches `link_threshold` the mention gets that taxonomy entry (id, label, kind) and confidence
   tagger score x link score (at most 1); otherwise it is kept unlinked (skill_id None, kind from the
   tagger): a span that names no taxonomy entry is still a skill phrase.
4. Overlapping tagger spans keep the higher score. The result is sorted by start offset.
5. With `anchored_links` (how postings are read), a link counts only when the span says one of the entry's
   names in full (word stems): "Java development" -> Java, but not "data engineering" -> "perform
   dimensionality reduction" (whose synonyms include "data feature engineering"). The linker is right
   about half the time on the ESCO linking spans, and a requirement HR reads must say what the posting says.
6. With `tagger_decides` (how postings are read), an alias mention no tagger span overlaps is dropped unless it
   names a technology: in a posting the tagger, trained on postings, tells a skill asked of the candidate from
   a word that only looks like one ("a Danish company", "the project management team", "personal
   development"); alias mentions it left out were right 9 % of the time on SkillSpan dev (exact), and dropping
   the non-technology ones took served F1 0.521 -> 0.533. A named technology ("we use Python", "Senior Java
   Developer") stays: it is part of the job even where SkillSpan's annotators did not mark it.
7. Only the first `max_tagged_chars` characters go through the tagger (the alias matcher reads everything):
   this bounds the learned part's time on a text of any length (a resume is under 20,000 characters; the
   document reader lets up to 1,000,000 through).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal, Protocol

from talent.skills.alias_matcher import AliasMatcher
from talent.skills.mentions import SkillMention
from talent.skills.taxonomy import NameFlag, Taxonomy, TaxonomyEntry
from talent.skills.word_stems import word_stems

TagKind = Literal["skill", "knowledge"]
MAX_TAGGED_CHARS = 60_000  # ~20 pages of resume; a 1,000,000-character text took 3.5-6.2 s in all on 2 cores
DEFAULT_LINK_THRESHOLD = 0.66  # the served linker's own (talent.skills.linker.DEFAULT_THRESHOLD)


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    start: int
    end: int
    kind: TagKind
    score: float


class SpanLike(Protocol):
    """What a tagger returns: `TaggedSpan` here, or any object with these read-only fields."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def score(self) -> float: ...


class SpanTagger(Protocol):
    def spans(self, text: str) -> Sequence[SpanLike]: ...


class SpanLinker(Protocol):
    def link_many(self, span_texts: Sequence[str]) -> list[tuple[str, float] | None]:
        """For each text, the taxonomy id it names and the link's score, or None ("no link")."""
        ...


class MentionFinder(Protocol):
    def find(self, text: str) -> list[SkillMention]: ...


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _best_spans(spans: Sequence[SpanLike]) -> list[SpanLike]:
    kept: list[SpanLike] = []
    for span in sorted(spans, key=lambda s: (-s.score, s.start, s.end)):
        if span.end > span.start and not any(_overlap(span.start, span.end, k.start, k.end) for k in kept):
            kept.append(span)
    return kept


class SkillExtractor:
    def __init__(
        self,
        taxonomy: Taxonomy,
        tagger: SpanTagger | None = None,
        *,
        linker: SpanLinker | None = None,
        link_threshold: float = DEFAULT_LINK_THRESHOLD,
        matcher: AliasMatcher | None = None,
        max_tagged_chars: int = MAX_TAGGED_CHARS,
        anchored_links: bool = False,
        tagger_decides: bool = False,
    ) -> None:
        self.taxonomy = taxonomy
        self.tagger = tagger
        self.linker = linker
        self.link_threshold = link_threshold
        self.matcher = matcher or AliasMatcher(taxonomy)
        self.max_tagged_chars = max_tagged_chars
        self.anchored_links = anchored_links
        self.tagger_decides = tagger_decides

    def find(self, text: str) -> list[SkillMention]:
        mentions = self.matcher.find(text)
        if self.tagger is None:
            return mentions
        combined = list(mentions)
        alone: list[SpanLike] = []
        confirmed: set[int] = set()
        for span in _best_spans(self.tagger.spans(text[: self.max_tagged_chars])):
            hits = [i for i, m in enumerate(combined) if _overlap(m.start, m.end, span.start, span.end)]
            if not hits:
                alone.append(span)
            confirmed.update(hits)
            for i in hits:
                m = combined[i]
                both: dict[str, object] = {
                    "extractor": "both",
                    "confidence": 1 - (1 - m.confidence) * (1 - span.score),
                }
                if len(hits) == 1 and span.start <= m.start and m.end <= span.end:
                    both |= {"start": span.start, "end": span.end, "text": text[span.start : span.end]}
                combined[i] = m.model_copy(update=both)
        if self.tagger_decides:
            combined = [  # text past the tagged part keeps every alias mention: the tagger never read it
                m
                for i, m in enumerate(combined)
                if i in confirmed or m.kind == "technology" or m.start >= self.max_tagged_chars
            ]
        surfaces = [text[span.start : span.end] for span in alone]
        links = self.linker.link_many(surfaces) if self.linker is not None and alone else [None] * len(alone)
        combined += [self._tagged(s, surface, link) for s, surface, link in zip(alone, surfaces, links, strict=True)]
        return sorted(combined, key=lambda m: (m.start, m.end))

    def _tagged(self, span: SpanLike, surface: str, link: tuple[str, float] | None) -> SkillMention:
        entry = self.taxonomy.get(link[0]) if link is not None and link[1] >= self.link_threshold else None
        if entry is not None and self.anchored_links and not anchored(surface, entry):
            entry = None
        if link is not None and entry is not None:
            return SkillMention(
                start=span.start,
                end=span.end,
                text=surface,
                skill_id=entry.id,
                label=entry.label,
                kind=entry.kind,
                confidence=max(0.0, min(1.0, span.score * link[1])),
                extractor="tagger",
            )
        return SkillMention(
            start=span.start,
            end=span.end,
            text=surface,
            skill_id=None,
            label=None,
            kind="knowledge" if span.kind == "knowledge" else "skill",
            confidence=max(0.0, min(1.0, span.score)),
            extractor="tagger",
        )


def anchored(surface: str, entry: TaxonomyEntry) -> bool:
    """The span says some name of `entry` in full: that name's word stems are all among the span's ("strong
    Java development" -> Java; not "data engineering" -> "data feature engineering", nor "design" -> "design
    software"). A name the matcher never uses does not count, a case-sensitive one only as written ("team" is
    not Microsoft "Teams", "smarts" not SMARTS)."""
    span = word_stems(surface, drop_filler=False)
    for name in entry.names:  # the label is one of them
        if name.flags & NameFlag.NOT_MATCHED:
            continue
        if name.flags & NameFlag.CASE_SENSITIVE and not re.search(rf"(?<!\w){re.escape(name.text)}(?!\w)", surface):
            continue
        words = word_stems(name.text, drop_filler=False)
        if words and words <= span:
            return True
    return False


@cache
def default_extractor() -> SkillExtractor:
    """The alias extractor over the committed taxonomy, built once per process and shared by the resume
    reader and the featurizer; postings share its matcher (the matcher build is ~0.2 s of a cold start)."""
    return SkillExtractor(Taxonomy.load())
