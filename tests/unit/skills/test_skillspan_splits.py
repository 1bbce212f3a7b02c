"""SkillSpan's dev file in two halves by posting: "dev-fit" is trained on, "dev-eval" measured on."""

from __future__ import annotations

from typing import Any

import pytest

from talent_tools.skills.skillspan import held_out_postings, posting_key, split_rows


def rows(postings: int, sentences: int = 3) -> list[dict[str, Any]]:
    return [{"idx": i, "source": s, "tokens": [str(n)]} for s in ("tech", "house") for i in range(postings)
            for n in range(sentences)]  # fmt: skip


def test_the_halves_share_no_posting_and_cover_every_sentence_once() -> None:
    dev = rows(9)
    fit, held = split_rows("dev-fit", dev), split_rows("dev-eval", dev)
    assert len(fit) + len(held) == len(dev)
    assert not {posting_key(r) for r in fit} & {posting_key(r) for r in held}


def test_each_source_gives_every_other_posting_and_the_choice_is_stable() -> None:
    held = held_out_postings(rows(9))
    assert sum(k.startswith("tech:") for k in held) == sum(k.startswith("house:") for k in held) == 5
    assert held == held_out_postings(list(reversed(rows(9))))  # file order does not move a posting


def test_the_files_splits_are_whole_and_an_unknown_split_is_refused() -> None:
    dev = rows(2)
    assert split_rows("dev", dev) == dev and split_rows("train", dev) == dev
    with pytest.raises(ValueError, match="dev-eval"):
        split_rows("test", dev)
