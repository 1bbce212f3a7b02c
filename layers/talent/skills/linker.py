"""Link a free-text skill span to the taxonomy: `EmbeddingLinker.link_many(span_texts)`.

The taxonomy's names (labels and aliases) are embedded once with the ONNX encoder into a float16 matrix
saved next to the taxonomy artifact (`build_index`, run by `make models` through
`python -m talent_tools.skills.linker_index`, which reads the ESCO descriptions). The index records the sha256 of the
encoder model and of the taxonomy it was built from; loading it with another encoder is refused, because
its vectors would not be comparable.

A span's candidates are the entries of its `_CANDIDATES` most similar names, scored
`cosine + LEXICAL_WEIGHT x word overlap` (Jaccard of word stems, filler such as "skills" left out), one score
per entry (its best name). A product name (an O*NET technology: "Rockwell Automation software") is a
candidate only when the span contains every word of that name: being near "automation" in meaning is no
evidence that a posting names Rockwell's product. The best candidate links when its score reaches
`threshold`, otherwise the span is kept unlinked ("no link"): many skill phrases name no taxonomy entry, and
a random neighbour would be worse than none. Weight, rule and threshold were chosen on the ESCO linking
annotations of SkillSpan's TECH validation spans and checked on the HOUSE ones (`talent eval skills`).

Which entry wins among the `_RERANKED` best is then decided with what ESCO says each skill is: the first
`DESCRIPTION_TOKENS` tokens of its description (label, synonyms, the start of the definition), embedded once
into the index (int8). The candidates are reordered by `score + DESCRIPTION_WEIGHT x cosine(span,
description)`; an entry without one (O*NET technologies not tied to an ESCO skill) adds nothing. Each
candidate keeps its name score, and the threshold reads the winner's name score: descriptions choose between
near entries, and whether any name is near enough stays the no-link decision it was ("keep an overview in
stressed situations" -> the ESCO skill about handling stressful situations at work, not "write stress-strain
analysis reports").

Names and spans are embedded one text per encoder call (`encode_alone`): the int8 encoder quantises a
batch's activations together, so a text's vector moves with its batch-mates (cosine down to 0.97). Batched,
13 of 385 spans linked differently when only the other spans of the call changed, so a posting's links
depended on what the process had read before; alone, a span's link is a function of the span.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from talent.encoder import ModelArtifactError
from talent.skills.taxonomy import NameFlag, Taxonomy
from talent.skills.word_stems import word_stems

DEFAULT_THRESHOLD = 0.66  # the lowest score at which at least half of TECH's "LABEL NOT PRESENT" spans go unlinked
LEXICAL_WEIGHT = 0.1
DESCRIPTION_WEIGHT = 0.5
DESCRIPTION_TOKENS = 128
_RERANKED = 10  # the best candidates by name score that descriptions reorder
_INT8_SCALE = 127.0  # description vectors are unit vectors stored as round(127 x value)
REBUILD_HINT = "rebuild it with make models (python -m talent_tools.skills.linker_index)"
_CANDIDATES = 30  # names per span scored in full; the rest are too far in meaning to win
_QUERIES_PER_CHUNK = 128  # spans per matmul: 128 x ~29k float32 similarities (15 MiB) at a time
_CACHED = 8192  # spans whose candidates are remembered: skill phrases repeat across resumes and postings
_CACHED_K = 5


class TextEncoder(Protocol):
    """What the linker needs of `talent.encoder.Encoder`."""

    dim: int
    model_sha256: str

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


def encode_alone(encoder: TextEncoder, texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """One row per text, each embedded in a call of its own, so that no text's vector depends on another's."""
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return np.vstack([encoder.encode([text]) for text in texts])


def index_path(taxonomy_path: Path) -> Path:
    """Where the name embeddings of a taxonomy artifact live: beside it."""
    return taxonomy_path.with_name(taxonomy_path.name.split(".")[0] + ".embeddings.npz")


def pack(strings: Sequence[str]) -> npt.NDArray[np.uint8]:
    """Strings as one newline-joined UTF-8 buffer: fixed-width numpy unicode would take 4 bytes a character."""
    if any("\n" in s for s in strings):
        raise ValueError("a name or id contains a newline")
    return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)


def unpack(buffer: npt.NDArray[np.uint8]) -> list[str]:
    return buffer.tobytes().decode("utf-8").split("\n")


def taxonomy_names(taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """(skill id, name) for every name the matcher may use; a name two entries share goes to the first."""
    seen: set[str] = set()
    pairs = []
    for index, name, flags in taxonomy.names():
        key = name.casefold().strip()
        if not key or key in seen or flags & NameFlag.NOT_MATCHED:
            continue
        seen.add(key)
        pairs.append((taxonomy.entry(index).id, name))
    return pairs


def product_ids(taxonomy: Taxonomy) -> frozenset[str]:
    """Entries that name a product (O*NET technologies): linked only when the span spells a name out."""
    return frozenset(e.id for e in taxonomy.entries if e.source == "onet" and e.kind == "technology")


class EmbeddingLinker:
    """Implements the `SpanLinker` protocol: `link_many(span_texts) -> [(skill_id, score) | None, ...]`."""

    def __init__(
        self,
        encoder: TextEncoder,
        ids: Sequence[str],
        matrix: npt.NDArray[np.float16],
        threshold: float,
        *,
        names: Sequence[str] | None = None,
        products: frozenset[str] = frozenset(),
        lexical_weight: float = LEXICAL_WEIGHT,
        descriptions: Mapping[str, npt.NDArray[np.int8]] | None = None,
        description_weight: float = DESCRIPTION_WEIGHT,
    ) -> None:
        if matrix.shape != (len(ids), encoder.dim):
            raise ModelArtifactError(f"linker index has shape {matrix.shape}, expected ({len(ids)}, {encoder.dim})")
        if names is not None and len(names) != len(ids):
            raise ModelArtifactError(f"linker index has {len(names)} names for {len(ids)} rows")
        self._encoder = encoder
        self._ids = list(ids)
        self._matrix = matrix.astype(np.float32)  # widened once: 45 MiB, and no per-call conversion
        self._names = list(names) if names is not None else None
        self._name_words: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        self._cache: OrderedDict[str, list[tuple[str, float]]] = OrderedDict()
        self._products = products
        self._lexical_weight = lexical_weight
        self._descriptions = dict(descriptions or {}) if description_weight else {}
        self._description_weight = description_weight
        self.threshold = threshold

    @classmethod
    def load(
        cls,
        path: Path,
        encoder: TextEncoder,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        lexical_weight: float = LEXICAL_WEIGHT,
        product_rule: bool = True,
        description_weight: float = DESCRIPTION_WEIGHT,
    ) -> EmbeddingLinker:
        """The index at `path`. Baselines: `description_weight=0` ranks by names alone, and with
        `lexical_weight=0, product_rule=False` as well it is the cosine-only linker."""
        if not path.is_file():
            raise ModelArtifactError(f"linker index {path} not found: {REBUILD_HINT}")
        with np.load(path, allow_pickle=False) as data:
            built_with = str(data["encoder_sha256"])
            if built_with != encoder.model_sha256:
                raise ModelArtifactError(
                    f"linker index {path} was built with encoder {built_with[:12]}…, not the loaded "
                    f"{encoder.model_sha256[:12]}…: {REBUILD_HINT}"
                )
            unique = unpack(data["ids"])
            products = frozenset(unpack(data["products"])) if "products" in data.files else frozenset()
            described = {}
            if "description_rows" in data.files:
                vectors = data["descriptions"]
                described = {
                    unique[i]: vectors[row] for i, row in enumerate(data["description_rows"].tolist()) if row >= 0
                }
            return cls(
                encoder,
                [unique[i] for i in data["rows"].tolist()],
                data["matrix"],
                threshold,
                names=unpack(data["names"]),
                products=products - {""} if product_rule else frozenset(),
                lexical_weight=lexical_weight,
                descriptions=described,
                description_weight=description_weight,
            )

    def __len__(self) -> int:
        return len(self._ids)

    def link(self, span_text: str) -> tuple[str, float] | None:
        return self.link_many([span_text])[0]

    def link_many(self, texts: Sequence[str]) -> list[tuple[str, float] | None]:
        """The best candidate of each text when its score reaches the threshold, else None."""
        return [best[0] if best and best[0][1] >= self.threshold else None for best in self.candidates(texts, 1)]

    def nearest(self, texts: Sequence[str]) -> tuple[list[str], list[float]]:
        """The best candidate's skill id and score for each text, whatever the threshold ("" and -1: none)."""
        best = [c[0] if c else ("", -1.0) for c in self.candidates(texts, 1)]
        return [skill_id for skill_id, _ in best], [score for _, score in best]

    def candidates(self, texts: Sequence[str], k: int = 5) -> list[list[tuple[str, float]]]:
        """Up to `k` (skill id, name score) per text, best first, one per entry (see the module docstring: the
        first `_RERANKED` are ordered with the descriptions). Each distinct text is encoded once; the last
        `_CACHED` texts' candidates are remembered."""
        if k > _CACHED_K:
            ranked = self._rank(list(dict.fromkeys(texts)), k)
            return [ranked[text] for text in texts]
        distinct = list(dict.fromkeys(texts))
        known = {t: self._cache[t] for t in distinct if t in self._cache}
        known |= self._rank([t for t in distinct if t not in known], _CACHED_K)
        for text in distinct:  # this request's texts become the newest, then the oldest others go
            self._cache[text] = known[text]
            self._cache.move_to_end(text)
        while len(self._cache) > _CACHED:
            self._cache.popitem(last=False)
        return [known[text][:k] for text in texts]

    def _rank(self, texts: list[str], k: int) -> dict[str, list[tuple[str, float]]]:
        """Up to `k` candidates of each of the distinct `texts`: each encoded alone, one matmul per chunk."""
        if not texts:
            return {}
        queries = encode_alone(self._encoder, texts)
        width = min(_CANDIDATES, len(self._ids))
        ranked: dict[str, list[tuple[str, float]]] = {}
        for first in range(0, len(texts), _QUERIES_PER_CHUNK):
            sims = queries[first : first + _QUERIES_PER_CHUNK] @ self._matrix.T
            rows = np.argpartition(-sims, width - 1, axis=1)[:, :width] if sims.shape[1] > width else None
            for offset in range(len(sims)):
                picked = rows[offset] if rows is not None else np.arange(sims.shape[1])
                scored = self._score(texts[first + offset], picked, sims[offset, picked])
                ranked[texts[first + offset]] = self._reorder(queries[first + offset], scored)[:k]
        return ranked

    def _reorder(self, query: npt.NDArray[np.float32], scored: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """The first `_RERANKED` candidates ordered by name score + weight x description cosine, keeping their
        name scores; the rest as they were."""
        if not self._descriptions:
            return scored
        head = scored[:_RERANKED]
        keys = {
            skill_id: score + self._description_weight * self._description_cosine(skill_id, query)
            for skill_id, score in head
        }
        return sorted(head, key=lambda item: (-keys[item[0]], item[0])) + scored[_RERANKED:]

    def _description_cosine(self, skill_id: str, query: npt.NDArray[np.float32]) -> float:
        vector = self._descriptions.get(skill_id)
        return 0.0 if vector is None else float(vector.astype(np.float32) @ query) / _INT8_SCALE

    def _words(self, row: int) -> tuple[frozenset[str], frozenset[str]]:
        """A name's word stems without and with filler words, computed once per row."""
        if row not in self._name_words:
            name = self._names[row] if self._names is not None else ""
            self._name_words[row] = (word_stems(name), word_stems(name, drop_filler=False))
        return self._name_words[row]

    def _score(self, text: str, rows: npt.NDArray[np.int64], sims: npt.NDArray[np.float32]) -> list[tuple[str, float]]:
        span = word_stems(text)
        spelled = span | word_stems(text, drop_filler=False)
        best: dict[str, float] = {}
        for row, cosine in zip(rows.tolist(), sims.tolist(), strict=True):
            skill_id = self._ids[row]
            words, all_words = self._words(row)
            if skill_id in self._products and not all_words <= spelled:
                continue
            overlap = len(span & words) / len(span | words) if span | words else 0.0
            score = round(cosine + self._lexical_weight * overlap, 4)
            if score > best.get(skill_id, -9.0):
                best[skill_id] = score
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))


def build_index(
    encoder: TextEncoder,
    pairs: Iterable[tuple[str, str]],
    out: Path,
    taxonomy_sha256: str,
    products: frozenset[str] = frozenset(),
    descriptions: Mapping[str, str] | None = None,
    description_encoder: TextEncoder | None = None,
) -> Path:
    """Embed every name (and each entry's description, by `description_encoder`: the same model reading
    `DESCRIPTION_TOKENS` tokens) and save ids, names, float16 name vectors, int8 description vectors, the product
    entries and what they were built from."""
    rows = list(pairs)
    names = [name for _, name in rows]
    unique = list(dict.fromkeys(skill_id for skill_id, _ in rows))
    position = {skill_id: i for i, skill_id in enumerate(unique)}
    matrix = encode_alone(encoder, names).astype(np.float16)
    described = [skill_id for skill_id in unique if (descriptions or {}).get(skill_id, "").strip()]
    by_description = description_encoder or encoder
    if by_description.model_sha256 != encoder.model_sha256:
        raise ValueError("names and descriptions must be embedded by the same encoder model")
    vectors = encode_alone(by_description, [(descriptions or {})[skill_id] for skill_id in described])
    description_row = {skill_id: i for i, skill_id in enumerate(described)}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        np.savez(
            handle,
            ids=pack(unique),
            rows=np.asarray([position[skill_id] for skill_id, _ in rows], dtype=np.int32),
            names=pack(names),
            matrix=matrix,
            products=pack(sorted(products & set(unique)) or [""]),
            description_rows=np.asarray([description_row.get(skill_id, -1) for skill_id in unique], dtype=np.int32),
            descriptions=np.clip(np.round(vectors * _INT8_SCALE), -127, 127).astype(np.int8),
            encoder_sha256=np.asarray(encoder.model_sha256),
            taxonomy_sha256=np.asarray(taxonomy_sha256),
        )
    return out
