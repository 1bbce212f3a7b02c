"""The full skill extractor: alias matcher + ONNX span tagger + embedding linker, from `make models` artifacts.

It reads every job posting (the requirements HR sees and the ranker's job side); resumes are read by the alias
matcher (`talent.skills.extract.default_extractor`) and their listed items (`talent.profile.listed_skills`): on
resumes the tagger, trained on postings, costs more precision than it adds recall, at ~10-40 times the skill
step's time (DataTurks, docs/parsing.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from talent.data_paths import MODELS_DIR
from talent.skills.extract import SkillExtractor, SpanTagger
from talent.skills.mentions import SkillMention
from talent.skills.taxonomy import Taxonomy

if TYPE_CHECKING:
    from talent.encoder import Encoder
    from talent.skills.alias_matcher import AliasMatcher
    from talent.skills.linker import EmbeddingLinker
    from talent.skills.tagger import OnnxSkillTagger

MODELS = MODELS_DIR
INDEX_PATH = MODELS / "skills" / "taxonomy.embeddings.npz"


def load_linker(models: Path, encoder: Encoder) -> EmbeddingLinker:
    """The linker index of the taxonomy in `models`, checked against the `encoder` that embeds the spans."""
    from talent.skills.linker import EmbeddingLinker

    return EmbeddingLinker.load(models / "skills" / INDEX_PATH.name, encoder)


def load_full_extractor(
    models: Path = MODELS,
    taxonomy: Taxonomy | None = None,
    *,
    encoder: Encoder | None = None,
    matcher: AliasMatcher | None = None,
    linker: EmbeddingLinker | None = None,
    tagger: OnnxSkillTagger | None = None,
) -> SkillExtractor:
    """Alias + tagger + linker; raises the encoder's ModelArtifactError (naming `make models`) when not built.
    Pass the process's `encoder` and alias `matcher` to share them instead of loading a second copy, and a
    `linker` and `tagger` loaded already (`talent.ranking.featurizer_from_models` loads them side by side)."""
    from talent.encoder import Encoder
    from talent.skills.tagger import OnnxSkillTagger

    taxonomy = taxonomy or Taxonomy.load()
    encoder = encoder or Encoder.load(models / "encoder")
    linker = linker if linker is not None else load_linker(models, encoder)  # not `or`: a linker has a length
    tagger = tagger or OnnxSkillTagger.load(models / "skill_tagger")
    return SkillExtractor(taxonomy, tagger=tagger, linker=linker, link_threshold=linker.threshold, matcher=matcher)


def for_postings(full: SkillExtractor) -> SkillExtractor:
    """The same models with links anchored in the posting's words, and the tagger deciding which alias mentions
    are skills asked of the candidate (see talent.skills.extract)."""
    return SkillExtractor(
        full.taxonomy,
        full.tagger,
        linker=full.linker,
        link_threshold=full.link_threshold,
        matcher=full.matcher,
        max_tagged_chars=full.max_tagged_chars,
        anchored_links=True,
        tagger_decides=True,
    )


def load_posting_extractor(
    models: Path = MODELS,
    taxonomy: Taxonomy | None = None,
    *,
    encoder: Encoder | None = None,
    matcher: AliasMatcher | None = None,
    linker: EmbeddingLinker | None = None,
    tagger: OnnxSkillTagger | None = None,
) -> SkillExtractor:
    """What every job posting is read with: the full extractor, links anchored in the posting's words."""
    full = load_full_extractor(models, taxonomy, encoder=encoder, matcher=matcher, linker=linker, tagger=tagger)
    return for_postings(full)


class TaggerOnly:
    """The tagger's spans as unlinked mentions: the 'tagger alone' row of the evaluation."""

    def __init__(self, tagger: SpanTagger) -> None:
        self.tagger = tagger

    def find(self, text: str) -> list[SkillMention]:
        return [
            SkillMention(
                start=s.start,
                end=s.end,
                text=text[s.start : s.end],
                skill_id=None,
                label=None,
                kind=s.kind,
                confidence=max(0.0, min(1.0, s.score)),
                extractor="tagger",
            )
            for s in self.tagger.spans(text)
        ]
