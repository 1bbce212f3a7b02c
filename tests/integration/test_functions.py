"""The real function handlers, invoked in-process with AWS-shaped events, against moto server."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import boto3

from talent.contracts.topics import Topic
from talent_tools.local.api_event import HttpRequest, build_proxy_event
from talent_tools.local.invoker import invoke_in_process
from talent_tools.local.kafka_event import KafkaRecord, build_kafka_event, json_record
from talent_tools.local.template import Template
from tests.factories import COGNITO_HOSTED_UI, COGNITO_SIGN_IN, sample
from tests.integration.esm_support import consume_all


def kafka(records):
    return build_kafka_event(records, event_source="aws:kafka", event_source_arn="arn:aws:kafka:::cluster/t/1")


def invoke(functions, name, event):
    return invoke_in_process(functions[name], event, function_name=name)


def test_job_versions_apply_in_order_and_replays_change_nothing(functions, function_env, unique):
    tenant = f"t-{unique}"
    posted = json_record(Topic.JOBS, sample("job.posted", tenant=tenant), offset=0)
    updated = json_record(Topic.JOBS, sample("job.updated", tenant=tenant), offset=1)
    assert invoke(functions, "sync_jobs", kafka([updated, posted])) == {"batchItemFailures": []}
    assert invoke(functions, "sync_jobs", kafka([posted, updated])) == {"batchItemFailures": []}
    table = boto3.resource("dynamodb").Table(function_env.refs["TalentTable"])
    item = table.get_item(Key={"PK": f"TENANT#{tenant}#JOB#job-data-eng-1", "SK": "JOB"})["Item"]
    assert item["version"] == 2


def test_application_is_stored_once_with_its_document(functions, function_env, unique):
    tenant = f"t-{unique}"
    record = json_record(Topic.APPLICATIONS, sample("application.submitted.1", tenant=tenant))
    for _ in range(2):  # the second delivery is a duplicate: the idempotency record answers it
        assert invoke(functions, "ingest_application", kafka([record])) == {"batchItemFailures": []}
    table = boto3.resource("dynamodb").Table(function_env.refs["TalentTable"])
    item: dict[str, Any] = table.get_item(Key={"PK": f"TENANT#{tenant}#APP#app-1001", "SK": "APP"})["Item"]
    assert item["status"] == "received"
    body = boto3.client("s3").get_object(Bucket=function_env.refs["DocumentsBucket"], Key=item["document"]["key"])
    assert body["Body"].read().startswith(b"Avery Quinn")
    audit = table.query(
        KeyConditionExpression="PK = :pk AND begins_with(SK, :a)",
        ExpressionAttributeValues={":pk": f"TENANT#{tenant}#APP#app-1001", ":a": "AUDIT#"},
    )["Items"]
    # Once each, though delivered twice: received, and waiting for its job (no job.posted yet)
    assert sorted(str(a["action"]) for a in audit) == ["application.received", "screening.waiting_for_job"]


def test_a_posted_job_ranks_its_applicants_and_publishes_the_results(functions, function_env, unique, broker):
    # Given an application that arrived before its job
    tenant = f"t-{unique}"
    application = json_record(Topic.APPLICATIONS, sample("application.submitted.1", tenant=tenant))
    assert invoke(functions, "ingest_application", kafka([application])) == {"batchItemFailures": []}
    # When the job is posted
    posted = json_record(Topic.JOBS, sample("job.posted", tenant=tenant))
    assert invoke(functions, "sync_jobs", kafka([posted])) == {"batchItemFailures": []}
    # Then the application has a ranking with its explanation
    table = boto3.resource("dynamodb").Table(function_env.refs["TalentTable"])
    ranking: dict[str, Any] = table.get_item(Key={"PK": f"TENANT#{tenant}#APP#app-1001", "SK": "RANKING"})["Item"]
    assert ranking["status"] == "screened" and ranking["job_version"] == 1
    result = ranking["result"]
    assert (
        abs(
            float(result["baseline"]) + sum(float(v) for v in result["contributions"].values()) - float(result["score"])
        )
        < 1e-3
    )
    assert "Python (computer programming)" in result["matched_skills"]
    # And the profile is stored beside the resume, and the result was published to the screenings topic
    key = f"tenants/{tenant}/candidates/cand-501/applications/app-1001/profile.json"
    assert boto3.client("s3").get_object(Bucket=function_env.refs["DocumentsBucket"], Key=key)["ContentLength"] > 0
    published = [e for e in consume_all(broker.address, Topic.SCREENINGS) if e["tenant"] == tenant]
    assert [(e["data"]["status"], e["data"]["rank"]) for e in published] == [("screened", 1)]


def test_poison_records_go_to_the_failure_queue_and_the_batch_continues(functions, function_env, unique):
    tenant = f"t-{unique}"
    good = json_record(Topic.JOBS, sample("job.posted", tenant=tenant), offset=1)
    poison = KafkaRecord(topic=Topic.JOBS, partition=0, offset=0, timestamp_ms=0, key=None, value=b"{oops")
    no_tenant = json_record(Topic.JOBS, {**sample("job.posted"), "tenant": None}, offset=2)
    assert invoke(functions, "sync_jobs", kafka([poison, good, no_tenant])) == {"batchItemFailures": []}
    sqs = boto3.client("sqs")
    reasons = []
    for _ in range(5):
        got = sqs.receive_message(QueueUrl=function_env.refs["FailureQueue"], MaxNumberOfMessages=10, WaitTimeSeconds=1)
        for message in got.get("Messages", []):
            body = json.loads(message["Body"])
            sqs.delete_message(QueueUrl=function_env.refs["FailureQueue"], ReceiptHandle=message["ReceiptHandle"])
            reasons.append(body["reason"])
        if len(reasons) >= 2:
            break
    assert any(r.startswith("value is not JSON") for r in reasons)
    assert "missing tenant" in reasons
    table = boto3.resource("dynamodb").Table(function_env.refs["TalentTable"])
    assert "Item" in table.get_item(Key={"PK": f"TENANT#{tenant}#JOB#job-data-eng-1", "SK": "JOB"})


def test_erasure_leaves_a_tombstone_and_the_audit_trail_only(functions, function_env, unique):
    tenant = f"t-{unique}"
    apply = json_record(Topic.APPLICATIONS, sample("application.submitted.1", tenant=tenant))
    invoke(functions, "ingest_application", kafka([apply]))
    erase = json_record(
        Topic.ERASURE_REQUESTS, sample("candidate.erasure_requested", tenant=tenant, candidate_id="cand-501")
    )
    assert invoke(functions, "erase_candidate", kafka([erase])) == {"batchItemFailures": []}
    table = boto3.resource("dynamodb").Table(function_env.refs["TalentTable"])
    scanned: list[dict[str, Any]] = table.scan()["Items"]
    items = [i for i in scanned if str(i["PK"]).startswith(f"TENANT#{tenant}#")]
    assert sorted({i["kind"] for i in items}) == ["audit", "tombstone"]
    assert [i["action"] for i in items if i["kind"] == "audit"][-1] == "candidate.erased"  # the trail is kept
    assert "cand-501" not in json.dumps(items, default=str)
    listed = boto3.client("s3").list_objects_v2(
        Bucket=function_env.refs["DocumentsBucket"], Prefix=f"tenants/{tenant}/"
    )
    assert listed.get("KeyCount", 0) == 0


def api_request(functions, path, tenant, roles="", method="GET", body=None):
    headers = [("accept", "application/json"), ("content-type", "application/json")]
    payload = json.dumps(body).encode() if body is not None else b""
    request = HttpRequest(method=method, target=f"/dev{path}", headers=headers, body=payload)
    claims = {"custom:tenant_id": tenant, "sub": "u-1", "cognito:groups": roles}
    return invoke(functions, "hr_api", build_proxy_event(request, stage="dev", claims=claims))


def test_shortlist_ranks_with_explanations_and_profiles_are_blind_unless_permitted(functions, unique):
    # Given a job and two applicants of tenant A, one a data engineer, one an accountant
    tenant, other = f"a-{unique}", f"b-{unique}"
    invoke(functions, "sync_jobs", kafka([json_record(Topic.JOBS, sample("job.posted", tenant=tenant))]))
    engineer = sample("application.submitted.1", tenant=tenant)
    accountant = sample("application.submitted.2", tenant=tenant, job_id="job-data-eng-1")
    records = [json_record(Topic.APPLICATIONS, d, offset=i) for i, d in enumerate([accountant, engineer])]
    assert invoke(functions, "ingest_application", kafka(records)) == {"batchItemFailures": []}
    # When HR asks for the shortlist
    response = api_request(functions, "/jobs/job-data-eng-1/shortlist?limit=1", tenant)
    assert response["statusCode"] == 200, response["body"]
    page = json.loads(response["body"])
    # Then the data engineer is first, explained, and the next page holds the accountant at rank 2
    (top,) = page["items"]
    assert (top["rank"], top["application_id"], top["stale"]) == (1, "app-1001", False)
    assert abs(top["baseline"] + sum(c["value"] for c in top["contributions"]) - top["score"]) < 1e-3
    assert {g["status"] for g in top["gaps"]} <= {"met", "partially_met", "missing"} and top["gaps"]
    cursor = urllib.parse.quote(page["next_cursor"])
    second = json.loads(api_request(functions, f"/jobs/job-data-eng-1/shortlist?cursor={cursor}", tenant)["body"])
    assert [(i["rank"], i["application_id"]) for i in second["items"]] == [(2, "app-1002")]
    # And the profile is blind by default, full only with the personal-data role (and that is audited)
    blind = json.loads(api_request(functions, "/applications/app-1001/profile", tenant)["body"])
    assert blind["view"] == "blind" and blind["profile"]["personal"]["name"] is None
    assert "Avery" not in json.dumps(blind)
    assert api_request(functions, "/applications/app-1001/profile?view=full", tenant)["statusCode"] == 403
    full = api_request(functions, "/applications/app-1001/profile?view=full", tenant, roles="recruiter,personal-data")
    assert json.loads(full["body"])["profile"]["personal"]["name"] == "Avery Quinn"
    trail = json.loads(api_request(functions, "/applications/app-1001/audit", tenant)["body"])["entries"]
    assert "profile.personal_data_viewed" in [e["action"] for e in trail]
    # And another tenant sees none of it
    assert api_request(functions, "/jobs/job-data-eng-1/shortlist", other)["statusCode"] == 404
    assert api_request(functions, "/applications/app-1001/profile", other)["statusCode"] == 404


def test_hr_api_lists_only_the_callers_tenant(functions, unique):
    mine, theirs = f"a-{unique}", f"b-{unique}"
    invoke(functions, "sync_jobs", kafka([json_record(Topic.JOBS, sample("job.posted", tenant=mine))]))
    response = api_request(functions, "/jobs", mine)
    assert response["statusCode"] == 200
    assert [j["job_id"] for j in json.loads(response["body"])["items"]] == ["job-data-eng-1"]
    assert json.loads(api_request(functions, "/jobs", theirs)["body"])["items"] == []
    assert api_request(functions, "/jobs/job-data-eng-1", theirs)["statusCode"] == 404


def test_hr_api_rejects_a_token_without_tenant(functions):
    request = HttpRequest(method="GET", target="/dev/jobs", headers=[], body=b"")
    event = build_proxy_event(request, stage="dev", claims={"sub": "u-1"})
    assert invoke(functions, "hr_api", event)["statusCode"] == 403


def test_fairness_report_reads_self_identification_that_the_scorer_never_sees(functions, function_env, unique):
    tenant = f"f-{unique}"
    invoke(functions, "sync_jobs", kafka([json_record(Topic.JOBS, sample("job.posted", tenant=tenant))]))
    docs = [
        sample(
            "application.submitted.1", tenant=tenant, self_identification={"sex": "female", "race_ethnicity": "asian"}
        ),
        sample(
            "application.submitted.2",
            tenant=tenant,
            job_id="job-data-eng-1",
            self_identification={"sex": "male", "race_ethnicity": "white"},
        ),
    ]
    records = [json_record(Topic.APPLICATIONS, d, offset=i) for i, d in enumerate(docs)]
    assert invoke(functions, "ingest_application", kafka(records)) == {"batchItemFailures": []}
    response = api_request(functions, "/jobs/job-data-eng-1/fairness", tenant)
    assert response["statusCode"] == 200, response["body"]
    report = json.loads(response["body"])
    assert (report["applicants"], report["self_identified"], report["screened"]) == (2, 2, 2)
    assert {(g["category"], g["group"]) for g in report["groups"]} >= {("sex", "female"), ("sex", "male")}
    assert all(g["excluded"] for g in report["groups"])  # one applicant per group: reported, never flagged
    # The self-identification is not in the ranking or the stored profile the scorer read
    table = boto3.resource("dynamodb").Table(function_env.refs["TalentTable"])
    ranking = table.get_item(Key={"PK": f"TENANT#{tenant}#APP#app-1001", "SK": "RANKING"})["Item"]
    key = f"tenants/{tenant}/candidates/cand-501/applications/app-1001/profile.json"
    profile = boto3.client("s3").get_object(Bucket=function_env.refs["DocumentsBucket"], Key=key)["Body"].read()
    assert "asian" not in json.dumps(ranking, default=str) and b"asian" not in profile
    assert api_request(functions, "/jobs/job-data-eng-1/fairness", f"x-{unique}")["statusCode"] == 404


def test_hr_records_a_decision_and_erases_a_candidate_through_the_api(functions, function_env, unique):
    tenant = f"h-{unique}"
    invoke(functions, "sync_jobs", kafka([json_record(Topic.JOBS, sample("job.posted", tenant=tenant))]))
    record = json_record(Topic.APPLICATIONS, sample("application.submitted.1", tenant=tenant))
    assert invoke(functions, "ingest_application", kafka([record])) == {"batchItemFailures": []}
    # A decision: stored on the application, audited with the user as actor
    decision = {"to_stage": "interview", "reason": "strong pipeline experience", "overrides_recommendation": False}
    response = api_request(functions, "/applications/app-1001/decisions", tenant, method="POST", body=decision)
    assert response["statusCode"] == 200, response["body"]
    applicants = json.loads(api_request(functions, "/jobs/job-data-eng-1/applications", tenant)["body"])["items"]
    assert applicants[0]["stage"] == "interview"
    trail = json.loads(api_request(functions, "/applications/app-1001/audit", tenant)["body"])["entries"]
    (decided,) = [e for e in trail if e["action"] == "application.stage_changed"]
    assert decided["actor"] == "u-1" and decided["details"]["from_stage"] == "applied"
    # Bad input is refused with a reason; another tenant cannot act
    bad = api_request(functions, "/applications/app-1001/decisions", tenant, method="POST", body={"to_stage": "x"})
    assert bad["statusCode"] == 422
    other = api_request(functions, "/applications/app-1001/decisions", f"o-{unique}", method="POST", body=decision)
    assert other["statusCode"] == 404
    # Erasure through the API removes everything and reports what it removed
    erased = api_request(functions, "/candidates/cand-501/erasure", tenant, method="POST", body={})
    assert erased["statusCode"] == 200, erased["body"]
    report = json.loads(erased["body"])
    assert (report["applications"], report["rankings"]) == (1, 1) and report["documents"] >= 2
    assert report["lake_rows"] == 2  # the screening row and the decision row (the HR feedback)
    # The audit trail is kept (ids and decisions; HR's free text removed) and ends with the erasure
    kept = json.loads(api_request(functions, "/applications/app-1001/audit", tenant)["body"])["entries"]
    assert kept[-1]["action"] == "candidate.erased" and report["audit_entries"] == len(kept)
    assert api_request(functions, "/applications/app-1001/audit", f"o-{unique}")["statusCode"] == 404
    assert api_request(functions, "/candidates/cand-501/erasure", tenant, method="POST", body={})["statusCode"] == 404


def test_a_wrong_method_gets_405_with_allow_and_an_unknown_query_parameter_422(functions, function_env, unique):
    tenant = f"m-{unique}"
    wrong = api_request(functions, "/jobs", tenant, method="DELETE")
    assert wrong["statusCode"] == 405 and wrong["multiValueHeaders"]["Allow"] == ["GET"]
    typo = api_request(functions, "/jobs?limt=5", tenant)
    assert typo["statusCode"] == 422
    assert json.loads(typo["body"])["detail"] == [{"loc": ["query", "limt"], "type": "extra_forbidden"}]
    missing = api_request(functions, "/jobs/no-such-job", tenant)
    assert missing["statusCode"] == 404 and "no-such-job" in json.loads(missing["body"])["message"]


def test_the_hr_page_is_served_by_the_api_function_and_left_out_of_the_openapi(functions, function_env, repo_root):
    page = api_request(functions, "/ui", "any-tenant")
    assert page["statusCode"] == 200 and "text/html" in page["multiValueHeaders"]["Content-Type"][0]
    assert "<title>Talent screening" in page["body"] and "Authorization" in page["body"]
    assert "/ui" not in json.loads((repo_root / "docs" / "openapi.json").read_text())["paths"]
    assert Template(repo_root / "template.yaml").api().public == (("GET", "/ui"),)


def test_the_hr_page_carries_the_sign_in_settings_the_template_names(functions, function_env):
    # Given the sign-in settings written where the template tells the HR function to look (Cognito's in AWS)
    name = functions["hr_api"].environment["HR_SIGN_IN_PARAMETER"]
    hosted, settings = COGNITO_HOSTED_UI, COGNITO_SIGN_IN
    ssm = boto3.client("ssm")
    ssm.put_parameter(Name=name, Value=json.dumps(settings), Type="String", Overwrite=True)
    try:
        # When the page is asked for, as the hosted UI sends people back to it
        page = api_request(functions, "/ui?code=abc&state=xyz", "any-tenant")
    finally:
        ssm.delete_parameter(Name=name)
    # Then it carries them, and its policy lets it reach the token endpoint and nothing else outside its origin
    assert page["statusCode"] == 200
    assert json.dumps(settings)[1:-1] in page["body"]
    (policy,) = page["multiValueHeaders"]["Content-Security-Policy"]
    assert policy.endswith(f"connect-src 'self' {hosted}")
