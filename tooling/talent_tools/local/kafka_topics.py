"""Create the Kafka topics a template's functions read and the code publishes to, with its MSK settings.

The broker is the local Tansu one in `talent dev` and the integration tests; nothing here is Tansu-specific.
Its tables, buckets and queues are created by `talent_tools.local.provision`.
"""

from __future__ import annotations

from collections.abc import Mapping

from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import AdminClient, NewTopic

from talent.contracts.topics import Topic
from talent_tools.local.provision import ProvisionError
from talent_tools.local.template import Template

DEFAULT_PARTITIONS = 3


def template_topics(template: Template, partitions: int = DEFAULT_PARTITIONS) -> dict[str, int]:
    """Topics the template's mappings read, plus every Topic the code publishes to.

    `template` must be bound to provisioned names (see `bind`): its mappings resolve function settings.
    """
    read = {topic for mapping in template.kafka_mappings() for topic in mapping.topics}
    return dict.fromkeys(sorted(read | {str(topic) for topic in Topic}), partitions)


def template_topic_config(template: Template) -> dict[str, str]:
    """Topic settings from the template's MSK configuration (log.retention.ms becomes retention.ms)."""
    config: dict[str, str] = {}
    for resource in template.doc["Resources"].values():
        if resource.get("Type") != "AWS::MSK::Configuration":
            continue
        for line in str(resource.get("Properties", {}).get("ServerProperties", "")).splitlines():
            name, _, value = line.partition("=")
            if name.strip() == "log.retention.ms":
                config["retention.ms"] = value.strip()
    return config


def create_topics(
    bootstrap: str, topics: Mapping[str, int], *, config: Mapping[str, str] | None = None, timeout_s: float = 15.0
) -> None:
    """Create topics (name -> partitions) on the broker; those that exist already are left as they are."""
    if not topics:
        return
    admin = AdminClient({"bootstrap.servers": bootstrap})
    futures = admin.create_topics(
        [
            NewTopic(name, num_partitions=n, replication_factor=1, config=dict(config or {}))
            for name, n in topics.items()
        ],
        request_timeout=timeout_s,
        operation_timeout=timeout_s,
    )
    failures = []
    for name, future in futures.items():
        try:
            future.result(timeout=timeout_s + 5)
        except TimeoutError:
            failures.append(f"{name}: no answer in {timeout_s + 5}s")
        except KafkaException as exc:
            error = exc.args[0]
            if not (isinstance(error, KafkaError) and error.code() == KafkaError.TOPIC_ALREADY_EXISTS):
                failures.append(f"{name}: {error}")
    if failures:
        raise ProvisionError(f"could not create topics on {bootstrap}: {'; '.join(failures)}")
