"""The full skill extractor: alias matcher + ONNX span tagger + embedding linker, from `make models` artifacts."""

from __future__ import annotations

from pathlib import Path

from talent.data_paths import MODELS_DIR
from talent.skills.extract import SkillExtractor, SpanTagger
from talent.skills.mentions import SkillMention
from talent.skills.taxonomy import Taxonomy

MODELS = MODELS_DIR
INDEX_PATH = MODELS / "skills" / "taxonomy.embeddings.npz"


def load_full_extractor(models: Path = MODELS, taxonomy: Taxonomy | None = None) -> SkillExtractor:
    """Alias + tagger + linker; raises the encoder's ModelArtifactError (naming `make models`) when not built."""
    from talent.encoder import Encoder
    from talent.skills.linker import EmbeddingLinker
    from talent.skills.tagger import OnnxSkillTagger

    taxonomy = taxonomy or Taxonomy.load()
    encoder = Encoder.load(models / "encoder")
    linker = EmbeddingLinker.load(models / "skills" / INDEX_PATH.name, encoder)
    tagger = OnnxSkillTagger.load(models / "skill_tagger")
    return SkillExtractor(taxonomy, tagger=tagger, linker=linker, link_threshold=linker.threshold)


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
