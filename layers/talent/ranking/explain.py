"""How explanations are shown: the contributions that moved a score most, largest effect first."""

from __future__ import annotations


def strongest(contributions: dict[str, float], count: int | None = None) -> list[tuple[str, float]]:
    ordered = sorted(contributions.items(), key=lambda kv: -abs(kv[1]))
    return ordered if count is None else ordered[:count]


def describe(contributions: dict[str, float], count: int) -> str:
    return ", ".join(f"{name} {value:+.2f}" for name, value in strongest(contributions, count))
