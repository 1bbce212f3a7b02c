"""Folding keeps offsets; O*NET names yield acronyms and vendor-free names; ESCO labels are split."""

from __future__ import annotations

import pytest

from talent.skills.normalise import fold, normalise_alias, slug
from talent_tools.skills.esco_labels import LabelSplitter
from talent_tools.skills.onet_aliases import derived_names, shortened_names


def test_fold_lowercases_and_unifies_punctuation_without_moving_offsets() -> None:
    folded = fold("Node\u2013JS \u201cAPI\u201d")
    assert folded.text == 'node-js "api"'
    assert folded.span(0, 4) == (0, 4)


def test_fold_collapses_space_runs_and_maps_back() -> None:
    text = "machine \n\t learning"
    folded = fold(text)
    assert folded.text == "machine learning"
    start = folded.text.index("learning")
    assert folded.span(start, start + 8) == (text.index("learning"), len(text))


def test_normalise_alias_and_slug() -> None:
    assert normalise_alias("  Microsoft  Excel ") == "microsoft excel"
    assert slug("C++") == "c++" and slug("The MathWorks MATLAB") == "the-mathworks-matlab"


def test_onet_acronym_expansion_and_vendor_are_derived() -> None:
    vendors = frozenset({"Microsoft", "The MathWorks", "Amazon Web Services"})
    assert derived_names("Structured query language SQL", vendors) == ["SQL", "Structured query language"]
    assert derived_names("The MathWorks MATLAB", vendors) == ["MATLAB"]
    assert "AWS" in derived_names("Amazon Web Services AWS software", vendors)
    assert "AI" not in derived_names("Vision Builder for Automated Inspection AI", vendors)


@pytest.mark.parametrize(
    ("name", "vendor", "derived"),
    [
        ("Gamma camera software", "Gamma", []),  # a modifier in lower case follows: "Gamma" was no vendor
        ("EZ Software Solutions", "EZ", []),  # the company's name goes on
        ("LINDO Systems LINGO", "LINDO", []),
        ("Autodesk 3ds Max", "Autodesk", ["3ds Max"]),
        ("ADP eTIME", "ADP", ["eTIME"]),
        ("Microsoft .NET Framework", "Microsoft", [".NET Framework"]),
    ],
)
def test_a_vendor_is_left_out_only_in_front_of_a_product_name(name: str, vendor: str, derived: list[str]) -> None:
    assert derived_names(name, frozenset({vendor})) == derived


def test_shortened_names_are_the_ones_without_vendor_or_software_not_the_acronym() -> None:
    vendors = frozenset({"IBM"})
    assert shortened_names("IBM Digital Analytics", vendors) == ["Digital Analytics"]
    assert shortened_names("Legal Files software", vendors) == ["Legal Files"]
    assert shortened_names("Structured query language SQL", vendors) == []


def test_label_splitter_stops_before_the_first_synonym() -> None:
    descriptions = [
        "manage musical staff manage staff of music direct musical staff Assign and manage staff tasks.",
        "manage budgets manage a budget control budgets Plan and monitor budgets.",
        "operate cranes operate a crane crane operating Operate cranes safely.",
        "assign shifts assign a shift Assign shifts to staff.",
    ] * 3
    splitter = LabelSplitter(descriptions, ["Manage the staff of a music school."])
    split = splitter.split(descriptions[0])
    assert split.label == "manage musical staff"
    assert split.definition == "Assign and manage staff tasks."
    assert split.verb_phrase


LEAN = "lean manufacturing business excellence operational excellence Lean manufacturing is a methodology."
SIX = "six sigma six sigma methodology Six sigma is a set of techniques."
WICKER = "wicker materials wicker equipment wicker goods Wicker is woven fiber."


class _ScoredAs(LabelSplitter):
    """The label scoring pinned to `k` words, to test the rule that may override it."""

    def __init__(self, k: int) -> None:
        super().__init__([LEAN, SIX, WICKER] * 3, [])  # "lean", "six", "wicker" read as ordinary words
        self.k = k

    def label_length(self, words: list[str]) -> int:
        return self.k


def test_a_definition_restating_the_label_names_it() -> None:
    assert _ScoredAs(4).split(LEAN).label == "lean manufacturing"  # scored two or more words longer
    assert _ScoredAs(4).split(LEAN).definition == "Lean manufacturing is a methodology."
    assert _ScoredAs(1).split(SIX).label == "six sigma"  # scored shorter
    # one word longer than the restated words: the definition shortens the label, which stays
    assert _ScoredAs(2).split(WICKER).label == "wicker materials"
    # a definition opening with other words ("Lean methods are", not "Lean manufacturing is") changes nothing
    assert _ScoredAs(4).split("lean manufacturing business excellence Lean methods are used.").label == (
        "lean manufacturing business excellence"
    )


GRAPHIC = "graphic design graphic designing visual design graphic designs The techniques to create visuals."
TESTS = (
    "interpret psychological tests obtain information from psychological test interpret psychological test "
    "obtain information analyse psychological tests Interpret psychological tests."
)
FLOW = "monitor nitroglycerin flow check nitroglycerin flow monitor nitroglycerin flow check the flow Monitor the flow."


def test_a_label_the_synonyms_repeat_in_order_is_kept_whole() -> None:
    # scored one word long, but "graphic design" comes back inflected ("graphic designs")
    assert _ScoredAs(1).split(GRAPHIC).label == "graphic design"
    # the label with its first synonym's word repeats with the same continuation: two synonyms listed twice
    assert _ScoredAs(3).split(TESTS).label == "interpret psychological tests"
    # the word after the label starts a paraphrase of it ("check nitroglycerin flow"): not part of the label
    assert _ScoredAs(3).split(FLOW).label == "monitor nitroglycerin flow"
    # nothing repeated: the scored length stands
    assert _ScoredAs(1).split("food nutrition dietetics The science of food.").label == "food"
