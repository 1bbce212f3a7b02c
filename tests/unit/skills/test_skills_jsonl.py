"""`talent skills --jsonl`: one result line per input line, offsets into that line's text, bad lines reported
in place without stopping the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from talent.data_paths import MODELS_DIR
from talent.encoder.artifact import ArtifactMissing
from talent.skills.alias_matcher import AliasMatcher
from talent.skills.extract import SkillExtractor
from talent.skills.taxonomy import Taxonomy
from talent_tools.cli.main import app
from talent_tools.skills.cli import skills_jsonl

CONTRACT = {"start", "end", "text", "skill_id", "label", "kind"}


def test_each_line_gets_its_mentions_with_offsets_into_its_own_text(taxonomy: Taxonomy, matcher: AliasMatcher) -> None:
    lines = [json.dumps({"id": "a", "text": "Python and SQL"}), json.dumps({"id": 2, "text": "We run Kubernetes"})]
    results = list(skills_jsonl(lines, SkillExtractor(taxonomy, matcher=matcher)))
    assert [r["id"] for r in results] == ["a", 2]
    for line, result in zip(lines, results, strict=True):
        text = json.loads(line)["text"]
        assert result["mentions"], result
        for mention in result["mentions"]:
            assert mention.keys() >= CONTRACT
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_bad_lines_are_reported_in_place_and_the_rest_still_served(taxonomy: Taxonomy, matcher: AliasMatcher) -> None:
    lines = ["{not json", "", "[1, 2]", '{"id": "x"}', '{"id": true, "text": "SQL"}', '{"id": "ok", "text": "SQL"}']
    results = list(skills_jsonl(lines, SkillExtractor(taxonomy, matcher=matcher)))
    assert [(r.get("line"), r["error"]["type"]) for r in results[:4]] == [
        (1, "bad_input"),
        (3, "bad_input"),
        (4, "bad_input"),
        (5, "bad_input"),
    ]
    assert results[2]["id"] == "x" and results[2]["error"]["message"] == "'text' must be a string"
    assert results[4] == {"id": "ok", "mentions": results[4]["mentions"]} and results[4]["mentions"]


def test_cli_prints_one_json_line_per_input_and_exits_1_on_a_bad_line(tmp_path: Path) -> None:
    source = tmp_path / "texts.jsonl"
    source.write_text('{"id": "r1", "text": "Java and Docker"}\nnope\n{"id": "r2", "text": ""}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["skills", "--jsonl", str(source), "--json", "--alias-only"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["r1", None, "r2"]
    assert {m["text"] for m in rows[0]["mentions"]} >= {"Java", "Docker"} and rows[2]["mentions"] == []
    assert result.exit_code == 1


def test_cli_refuses_text_and_jsonl_together_and_a_missing_file(tmp_path: Path) -> None:
    both = CliRunner().invoke(app, ["skills", "SQL", "--jsonl", str(tmp_path / "x.jsonl"), "--json"])
    assert both.exit_code == 2 and json.loads(both.stdout)["error"]["type"] == "usage"
    missing = CliRunner().invoke(app, ["skills", "--jsonl", str(tmp_path / "absent.jsonl")])
    assert missing.exit_code == 1 and json.loads(missing.stdout)["error"]["type"] == "not_found"


@pytest.mark.skipif(not (MODELS_DIR / "skill_tagger" / "model.onnx").is_file(), reason="needs `make models`")
def test_by_default_the_served_posting_extractor_reads_each_text(tmp_path: Path) -> None:
    # Given a posting sentence with a skill phrase no taxonomy name spells, a language and a named technology
    text = "A Danish company seeks strong experience in building data pipelines and Python"
    source = tmp_path / "texts.jsonl"
    source.write_text(json.dumps({"id": "p1", "text": text}) + "\n", encoding="utf-8")
    served = CliRunner().invoke(app, ["skills", "--jsonl", str(source), "--json"])
    alias = CliRunner().invoke(app, ["skills", "--jsonl", str(source), "--json", "--alias-only"])
    assert served.exit_code == alias.exit_code == 0, served.output
    found = {m["text"]: m for m in json.loads(served.stdout)["mentions"]}
    # Then the tagger's phrase is a mention (unlinked or linked), Python stays, and the company's nationality
    # is not a skill asked of the candidate; the alias matcher alone sees only the two names it knows
    assert any("data pipelines" in phrase for phrase in found) and "Python" in found
    assert "Danish" not in found
    assert {m["text"] for m in json.loads(alias.stdout)["mentions"]} == {"Danish", "Python"}
    for mention in found.values():
        assert mention.keys() >= CONTRACT and text[mention["start"] : mention["end"]] == mention["text"]


def test_without_models_the_default_names_make_models_and_the_alias_only_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unbuilt() -> None:
        raise ArtifactMissing("models/skill_tagger/manifest.json not found: build the model first (`make models`)")

    monkeypatch.setattr("talent_tools.jobs.cli.posting_extractor", unbuilt)
    result = CliRunner().invoke(app, ["skills", "Python", "--json"])
    error = json.loads(result.stdout)["error"]
    assert result.exit_code == 1 and error["type"] == "model_missing"
    assert "make models" in error["message"] and "--alias-only" in error["message"]
