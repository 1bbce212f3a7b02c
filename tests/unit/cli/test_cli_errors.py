"""CLI contracts on bad input: a clear error and a non-zero exit, before any server is touched."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from talent_tools.cli.main import app

runner = CliRunner()


def test_invoke_with_missing_event_file_fails_clearly(repo_root, monkeypatch):
    monkeypatch.chdir(repo_root)
    result = runner.invoke(app, ["invoke", "sync_jobs", "-e", "events/nope.json"])
    assert result.exit_code == 2
    assert "event file events/nope.json does not exist" in result.output


def test_invoke_with_non_json_event_fails_clearly(repo_root, monkeypatch, tmp_path):
    monkeypatch.chdir(repo_root)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = runner.invoke(app, ["invoke", "sync_jobs", "-e", str(bad)])
    assert result.exit_code == 2 and "is not JSON" in result.output


def test_produce_refuses_an_invalid_event_with_its_reason(repo_root, tmp_path):
    doc = json.loads((repo_root / "events/ats/job.posted.json").read_text())
    del doc["tenant"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    result = runner.invoke(app, ["produce", "ats.jobs.v1", str(path), "--bootstrap", "127.0.0.1:9"])
    assert result.exit_code == 2
    assert "missing tenant (use --raw to publish it anyway)" in result.output


def test_produce_refuses_an_event_on_the_wrong_topic(repo_root, monkeypatch):
    monkeypatch.chdir(repo_root)
    result = runner.invoke(
        app, ["produce", "ats.applications.v1", "events/ats/job.posted.json", "--bootstrap", "127.0.0.1:9"]
    )
    assert result.exit_code == 2 and "belongs on ats.jobs.v1" in result.output


def test_schema_export_writes_every_event_type(tmp_path):
    result = runner.invoke(app, ["schema", "export", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert len(list(tmp_path.glob("*.schema.json"))) == 8


def test_produce_bulk_checks_the_whole_file_and_publishes_nothing_when_one_event_is_invalid(repo_root, tmp_path):
    job = json.loads((repo_root / "events" / "ats" / "job.posted.json").read_text())
    broken = {**job, "data": {**job["data"], "version": "not a number"}}
    path = tmp_path / "backfill.jsonl"
    path.write_text("\n".join(json.dumps(doc) for doc in (job, job, broken)) + "\n")
    # port 9 has no broker: had anything been sent, the error would be the broker's, not the event's
    result = runner.invoke(app, ["produce", "--bulk", str(path), "--bootstrap", "127.0.0.1:9"])
    assert result.exit_code != 0
    assert "event 3:" in result.output and "nothing was published" in result.output


def test_produce_bulk_refuses_a_topic_or_files_beside_it_and_raw(repo_root, tmp_path):
    path = tmp_path / "backfill.jsonl"
    path.write_text("")
    for extra in (["ats.jobs.v1"], ["--raw"]):
        result = runner.invoke(app, ["produce", *extra, "--bulk", str(path), "--bootstrap", "127.0.0.1:9"])
        assert result.exit_code != 0 and "--bulk" in result.output
    result = runner.invoke(app, ["produce", "--bootstrap", "127.0.0.1:9"])
    assert result.exit_code != 0 and "TOPIC" in result.output
