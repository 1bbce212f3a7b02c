"""Recover the preferred label from an ESCO description that runs label, synonyms and definition together.

`skills/esco/all/skills.csv` stores `label synonym synonym ... Definition.` with no separators (checked
against the ICT file, which has the same URIs with clean fields: the text always starts with the
preferred label, then the alternative labels space-joined, then the definition). The label's length is
inferred from three signals, each learned from the 13,939 descriptions themselves:

1. the definition starts at the first capitalised ordinary word (labels and synonyms are lower case
   except acronyms and proper names);
2. synonyms paraphrase the label, so a label stops before its first repeated word stem, and the best
   label is the prefix whose words the synonyms re-use most (coverage);
3. a boundary between label and the next synonym sits where the word before often ends a label, the word
   after often starts one, and the two rarely occur together as a bigram in running text (definitions,
   O*NET tasks).

A fourth, when it applies, overrides them: a definition that opens by restating the label ("Lean manufacturing
is a methodology ...", "Biological chemistry is ...") names it, as long as the restated words are longer than
the scored label or at least two words shorter (one word shorter is the definition shortening a label:
"wicker materials ... Wicker is ...", "smart grids systems ... Smart grids are ...").

A fifth sets a floor: synonyms often repeat the whole label inflected ("graphic design graphic designing visual
design graphic designs"), so the first 2 to 4 words the block repeats in order are the label at least. Not when
the repeat goes on as the label does (the label and its first synonym listed twice, as singular and plural),
when the last word is a verb or a function word, or when the next words paraphrase the label ("monitor
nitroglycerin flow check nitroglycerin flow": "check" starts a synonym).

Measured on the 683 lower-case ICT labels whose text matches (see models/skills/README.md): ~87% exact;
synonyms are not kept for these entries because they cannot be separated reliably.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from talent.skills.word_stems import FUNCTION_WORDS as _FUNCTION_WORDS
from talent.skills.word_stems import stem

_EDGE_PUNCTUATION = "(),.;:"
_WORD = re.compile(r"[^\s]+")
_COVERAGE_WEIGHT = 1.0
_BOUNDARY_WEIGHT = 0.2
_BIGRAM_WEIGHT = 0.4
_RESTATING = frozenset({"is", "are", "refers"})  # the verb after a label a definition opens with
_LONGEST_RESTATED = 8  # words
_LONGEST_REPEATED = 4  # words


@dataclass(frozen=True)
class SplitDescription:
    label: str
    synonyms_block: str
    definition: str
    verb_phrase: bool


class LabelSplitter:
    """Learns word statistics from all descriptions once, then splits each one."""

    def __init__(self, descriptions: list[str], running_text: Iterable[str]) -> None:
        self._lower_vocab: Counter[str] = Counter()
        for description in descriptions:
            self._lower_vocab.update(w for w in description.split() if w.islower())
        self._starts: Counter[str] = Counter()
        self._ends: Counter[str] = Counter()
        self._seen: Counter[str] = Counter()
        self._bigrams: Counter[tuple[str, str]] = Counter()
        for description in descriptions:
            words = description.split()
            block_end = self._definition_start(words)
            self._seen.update(stem(w) for w in words[:block_end])
            self._starts[stem(words[0])] += 1
            self._ends[stem(words[block_end - 1])] += 1
            self._count_bigrams(words[block_end:])
        for text in running_text:
            self._count_bigrams(text.split())

    def _count_bigrams(self, words: list[str]) -> None:
        cleaned = [w.lower().strip(_EDGE_PUNCTUATION) for w in words]
        self._bigrams.update(itertools.pairwise(cleaned))

    def _definition_start(self, words: list[str]) -> int:
        for i in range(1, len(words)):
            word = words[i]
            acronym = len(word) > 1 and word.isupper()
            if word[:1].isupper() and not acronym and self._lower_vocab[word.lower()] >= 3:
                return i
        return len(words)

    def _start_ratio(self, word: str) -> float:
        s = stem(word)
        return (self._starts[s] + 0.5) / (self._seen[s] + 3)

    def _end_ratio(self, word: str) -> float:
        s = stem(word)
        return (self._ends[s] + 0.5) / (self._seen[s] + 3)

    def is_verb(self, word: str) -> bool:
        """A word that starts many labels and rarely ends one: the verb of a skill ("manage", "operate")."""
        s = stem(word)
        return self._starts[s] >= 3 and self._ends[s] * 3 < self._starts[s]

    def _first_repeat(self, words: list[str], block_end: int) -> int:
        seen: set[str] = set()
        for i in range(block_end):
            if words[i].lower() in _FUNCTION_WORDS:
                continue
            s = stem(words[i])
            if s in seen:
                return i
            seen.add(s)
        return block_end

    def _score(self, words: list[str], k: int, block_end: int) -> float | None:
        if words[k - 1].lower() in _FUNCTION_WORDS:
            return None
        if k < block_end and words[k].lower() in _FUNCTION_WORDS:
            return None
        label = {stem(w) for w in words[:k] if w.lower() not in _FUNCTION_WORDS}
        if not label:
            return None
        if k == block_end:
            return 0.6 if block_end <= 4 else -1.0
        rest = {stem(w) for w in words[k:block_end] if w.lower() not in _FUNCTION_WORDS}
        coverage = len(label & rest) / len(label)
        boundary = math.log(self._start_ratio(words[k]) * self._end_ratio(words[k - 1]))
        together = math.log1p(self._bigrams[(words[k - 1].lower(), words[k].lower())])
        return _COVERAGE_WEIGHT * coverage + _BOUNDARY_WEIGHT * boundary - _BIGRAM_WEIGHT * together + 0.001 * k

    def label_length(self, words: list[str]) -> int:
        block_end = self._definition_start(words)
        last = min(self._first_repeat(words, block_end), block_end)
        best, best_score = block_end, -math.inf
        for k in range(1, last + 1):
            if k == 1 and block_end > 1 and self.is_verb(words[0]):
                continue
            score = self._score(words, k, block_end)
            if score is not None and score > best_score:
                best, best_score = k, score
        return best

    def restated_length(self, words: list[str], block_end: int) -> int | None:
        """How many of the block's first words the definition opens with, followed by "is"/"are"/"refers"."""
        opening = [w.lower().strip(_EDGE_PUNCTUATION) for w in words[block_end : block_end + _LONGEST_RESTATED + 1]]
        for j in range(min(block_end, _LONGEST_RESTATED), 0, -1):
            if len(opening) > j and opening[j] in _RESTATING and [w.lower() for w in words[:j]] == opening[:j]:
                return j
        return None

    def repeated_length(self, words: list[str], block_end: int) -> int:
        """The most first words (2 to 4) the synonyms repeat in order, inflected or not ("graphic design ... graphic
        designs"), followed there by another word than after the label; 0 when they repeat none."""
        stems = [stem(w) for w in words[:block_end]]
        longest = min(_LONGEST_REPEATED, block_end // 2, self._first_repeat(words, block_end))
        for k in range(longest, 1, -1):
            if words[k - 1].lower() in _FUNCTION_WORDS or self.is_verb(words[k - 1]):
                continue  # a label ends on neither; a verb there starts the next synonym
            if stems[k] == stems[1]:
                continue  # "monitor nitroglycerin flow check nitroglycerin flow": the last word starts a paraphrase
            after = stems[k]
            if any(
                stems[j : j + k] == stems[:k] and (j + k == block_end or stems[j + k] != after)
                for j in range(k, block_end - k + 1)
            ):
                return k
        return 0

    def split(self, description: str) -> SplitDescription:
        words = _WORD.findall(description.replace("\u200b", " "))
        block_end = self._definition_start(words)
        k = min(max(self.label_length(words), self.repeated_length(words, block_end)), block_end)
        restated = self.restated_length(words, block_end) if block_end < len(words) else None
        if restated is not None and (restated > k or k >= restated + 2):
            k = restated
        return SplitDescription(
            label=" ".join(words[:k]),
            synonyms_block=" ".join(words[k:block_end]),
            definition=" ".join(words[block_end:]),
            verb_phrase=self.is_verb(words[0]) and (len(words) < 2 or words[1].lower() != "of"),
        )
