"""The ESCO linking evaluation on a tiny data folder: gold resolution, accuracy@k, no link, calibration."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pytest

from talent.skills.taxonomy import Name, NameFlag, Taxonomy, TaxonomyEntry
from talent_tools.skills.linking_eval import calibrate, evaluate_linking, format_linking, load_sets


def entry(skill_id: str, label: str) -> TaxonomyEntry:
    return TaxonomyEntry(
        id=skill_id, label=label, kind="skill", source="esco", hot=False, in_demand=False, esco_uri=skill_id,
        onet=(), link=None, names=(Name(label, NameFlag(0)),), commodities=(), occupations=(),
    )  # fmt: skip


TAXONOMY = Taxonomy.from_entries(
    [entry("e:py", "Python"), entry("e:team", "work in teams"), entry("e:comm", "communication studies")]
)
DESCRIPTIONS = [
    ("e:py", "Python Python 3 The programming language."),
    ("e:team", "work in teams teamwork Cooperate with others."),
    ("e:comm", "communication studies The academic field."),
    ("e:comm2", "communication conversation The exchange of ideas."),  # not in the taxonomy
]
ROWS = [  # sentence, span, sub_span, label
    ("s", "python", "", "Python"),
    ("s", "team player", "", "work in teams"),
    ("s", "communication skills", "", "communication"),  # starts two descriptions, one entry: resolved
    ("s", "smart", "", "LABEL NOT PRESENT"),
    ("s", "enthusiastic", "", "LABEL NOT PRESENT"),
    ("s", "expertise", "", "UNDERSPECIFIED"),
    ("s", "design and analysis", "design", "analyse everything"),  # no description: unresolved
]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    (tmp_path / "skills" / "esco" / "all").mkdir(parents=True)
    with (tmp_path / "skills" / "esco" / "all" / "skills.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([("id", "description"), *DESCRIPTIONS])
    (tmp_path / "skills" / "esco_linking").mkdir()
    for name in ("tech", "house"):
        with (tmp_path / "skills" / "esco_linking" / f"{name}_validation_annotations.csv").open("w", newline="") as h:
            csv.writer(h).writerows([("sentence", "span", "sub_span", "label"), *ROWS])
    return tmp_path


RANKED = {
    "python": [("e:py", 0.95)],
    "team player": [("e:comm", 0.70), ("e:team", 0.68)],  # right at @5, wrong at @1
    "communication skills": [("e:comm", 0.60)],  # right but under the threshold
    "smart": [("e:team", 0.50)],
    "enthusiastic": [("e:team", 0.80)],
}


def candidates(texts: Sequence[str]) -> list[list[tuple[str, float]]]:
    return [RANKED[t] for t in texts]


def test_gold_labels_resolve_through_the_descriptions_and_the_rest_are_counted(data_dir: Path) -> None:
    tech, house = load_sets(TAXONOMY, data_dir)
    assert [c.gold for c in tech.cases] == ["e:py", "e:team", "e:comm", None, None]
    assert (tech.unresolved, tech.underspecified, house.name) == (1, 1, "house")


def test_accuracy_at_k_served_accuracy_and_no_link(data_dir: Path) -> None:
    result = evaluate_linking(candidates, load_sets(TAXONOMY, data_dir), threshold=0.65)
    tech = result["files"]["tech"]
    assert tech["accuracy@1"] == pytest.approx(2 / 3) and tech["accuracy@5"] == 1.0
    assert tech["served_accuracy@1"] == pytest.approx(1 / 3)  # "communication skills" falls under 0.65
    assert tech["no_link_when_not_present"] == 0.5  # "smart" unlinked, "enthusiastic" linked
    assert "served@1" in format_linking({"x": result})


def test_calibration_picks_the_lowest_threshold_leaving_half_unlinked(data_dir: Path) -> None:
    cases = load_sets(TAXONOMY, data_dir)[0].cases
    ranked = candidates([c.span for c in cases])
    assert calibrate(ranked, cases) == 0.51
    assert calibrate(ranked, cases, no_link_share=1.0) == 0.81
