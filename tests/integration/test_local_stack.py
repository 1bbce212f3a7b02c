"""The embedded local stack: what a started stack offers, and that stopping it ends its processes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from confluent_kafka.admin import AdminClient

from talent.contracts.topics import Topic
from talent_tools.local.moto_and_broker import LocalStack, StackNotStarted

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]


@pytest.fixture(scope="module")
def stack(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    with LocalStack(repo_root, tmp_path_factory.mktemp("stack"), kafka_source="SelfManaged") as started:
        yield started


def test_function_env_is_the_template_env_plus_local_endpoints(stack: LocalStack) -> None:
    # Given a started stack / When a function's environment is asked for
    env = stack.function_env("ingest_application")
    # Then it carries the template's variables resolved to created names, and the local endpoints
    assert env["TALENT_TABLE"] == stack.names.refs["TalentTable"]
    assert env["FAILURE_QUEUE_URL"] == stack.names.refs["FailureQueue"]
    assert env["MAX_DOCUMENT_BYTES"] == "10485760"
    assert env["AWS_ENDPOINT_URL"] == stack.aws_endpoint
    assert env["KAFKA_BOOTSTRAP_SERVERS"] == stack.bootstrap
    assert (env["AWS_ACCESS_KEY_ID"], env["AWS_REGION"]) == ("testing", "us-east-1")
    # And the same function is found by its logical id
    assert stack.function_env("IngestApplicationFunction") == env


def test_function_env_of_an_unknown_function_names_the_known_ones(stack: LocalStack) -> None:
    # Given a started stack / When an unknown function is asked for / Then the error lists real ones
    with pytest.raises(KeyError, match="ingest_application"):
        stack.function_env("nope")


def test_self_managed_mappings_read_the_local_broker(stack: LocalStack) -> None:
    # Given a stack started with KafkaSource=SelfManaged / When its mappings are read
    mappings = stack.template.kafka_mappings()
    # Then only self-managed mappings exist, and they point at the local broker
    assert {m.event_source for m in mappings} == {"SelfManagedKafka"}
    assert {m.bootstrap_servers for m in mappings} == {(stack.bootstrap,)}


def test_every_topic_exists_on_the_broker(stack: LocalStack) -> None:
    # Given a started stack / When the broker's topics are listed
    listed = AdminClient({"bootstrap.servers": stack.bootstrap}).list_topics(timeout=10).topics
    # Then every topic of the code and of the mappings is there, with 3 partitions
    wanted = {str(t) for t in Topic} | {t for m in stack.template.kafka_mappings() for t in m.topics}
    assert {name: len(listed[name].partitions) for name in wanted} == dict.fromkeys(wanted, 3)


def test_stop_ends_both_processes_and_the_stack_says_so(repo_root: Path, tmp_path: Path) -> None:
    # Given a stack started with the context-manager form
    with LocalStack(repo_root, tmp_path) as stack:
        pids = [stack.broker_pid, stack.moto_pid]
        endpoint = stack.aws_endpoint
    # When the block ends / Then both processes are gone and the stack no longer answers
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with pytest.raises(StackNotStarted):
        _ = stack.aws_endpoint
    assert endpoint.startswith("http://127.0.0.1:")
