"""docker/compose.yaml: valid per the Compose spec, local-only ports, and one service per function."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import jsonschema
import yaml

from tests.infra.sam import REPO_ROOT, Template

COMPOSE_PATH = REPO_ROOT / "docker" / "compose.yaml"
LOOPBACK = "127.0.0.1"


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE_PATH.read_text(encoding="utf-8"))
    return loaded


def _function_services() -> dict[str, dict[str, Any]]:
    return {
        name: service
        for name, service in _compose()["services"].items()
        if isinstance(service.get("build"), dict) and "FUNCTION" in service["build"].get("args", {})
    }


def _host_ip(port: Any) -> str | None:
    """The host address a `ports` entry binds; None where it binds every interface."""
    if isinstance(port, dict):
        return port.get("host_ip")
    parts = str(port).rsplit(":", 2)
    return parts[0] if len(parts) == 3 else None


def test_compose_file_matches_the_compose_spec() -> None:
    # Given the Compose spec schema that check-jsonschema vendors
    schema_file = resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    # When docker/compose.yaml is validated against it
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(_compose())]
    # Then there is no error
    assert errors == []


def test_every_published_port_binds_loopback_only() -> None:
    # Given every service's published ports
    ports = {name: service.get("ports", []) for name, service in _compose()["services"].items()}
    # When the host addresses are read
    exposed = {name: p for name, entries in ports.items() for p in entries if _host_ip(p) != LOOPBACK}
    # Then each binds 127.0.0.1
    assert any(ports.values())
    assert exposed == {}


def test_every_template_function_has_a_service_built_from_the_function_dockerfile(
    sam_template: Template,
) -> None:
    # Given the FUNCTION build args of the template's functions
    in_template = {
        resource["Metadata"]["DockerBuildArgs"]["FUNCTION"]
        for resource in sam_template["Resources"].values()
        if resource.get("Type") == "AWS::Serverless::Function"
    }
    # When the compose services that build function images are read
    services = _function_services()
    builds = {(s["build"].get("context"), s["build"].get("dockerfile")) for s in services.values()}
    # Then there is one per function, each from docker/function.Dockerfile in the repository root
    assert sorted(s["build"]["args"]["FUNCTION"] for s in services.values()) == sorted(in_template)
    assert builds == {("..", "docker/function.Dockerfile")}


def test_function_services_reach_aws_through_localstack() -> None:
    # Given the function services
    services = _function_services()
    # When their AWS endpoint is read
    endpoints = {name: s.get("environment", {}).get("AWS_ENDPOINT_URL") for name, s in services.items()}
    # Then every one points at the localstack service
    assert services
    assert set(endpoints.values()) == {"http://localstack:4566"}
    assert "localstack" in _compose()["services"]


def test_the_grafana_dashboard_queries_only_metrics_the_local_exporter_emits() -> None:
    # Given the dashboard's queries and the names the exporter derives (EMF names, mapping counters)
    dashboard = json.loads((REPO_ROOT / "docker/observability/grafana/dashboards/talent.json").read_text())
    queried = {
        name
        for panel in dashboard["panels"]
        for target in panel["targets"]
        for name in re.findall(r"talent_[a-z_]+", target["expr"])
    }
    from talent_tools.local.esm_progress import RunnerMetrics

    emitted = {f"talent_mapping_{field}_total" for field in RunnerMetrics.__dataclass_fields__}
    emitted |= {"talent_events_total", "talent_screenings_total", "talent_parked_records_total"}
    emitted |= {"talent_record_processing_seconds_sum", "talent_record_processing_seconds_count"}
    # Then every queried metric is one of them
    assert queried <= emitted, queried - emitted


def _template_variables(sam_template: Template) -> dict[str, Any]:
    """Every Environment variable of the template (Globals and each function) with its template value."""
    found = dict(sam_template["Globals"]["Function"]["Environment"]["Variables"])
    for resource in sam_template["Resources"].values():
        if resource.get("Type") == "AWS::Serverless::Function":
            found |= resource["Properties"].get("Environment", {}).get("Variables", {})
    return found


def test_each_function_reads_the_env_file_talent_provision_writes_for_it() -> None:
    # Given the function services / When their env files are read
    files = {
        s["build"]["args"]["FUNCTION"]: [e["path"] for e in s.get("env_file", [])]
        for s in _function_services().values()
    }
    # Then each reads <its folder>.env under .local/compose (written by `talent provision --env-dir`)
    assert files == {name: [f"../.local/compose/{name}.env"] for name in files}


def test_no_resource_name_is_written_by_hand_for_the_functions(sam_template: Template) -> None:
    # Given the template variables that name a resource or a parameter (values built with Ref, Sub or GetAtt)
    named = {key for key, value in _template_variables(sam_template).items() if not isinstance(value, str)}
    # When the environment compose gives the function services is read
    written = {key for s in _function_services().values() for key in s.get("environment", {})}
    # Then none of them is there: they come from the provisioned env files only
    assert named and not (named & written), named & written


def test_the_runner_service_invokes_every_mapped_function_from_kafka(sam_template: Template) -> None:
    # Given the runner service and the functions the template's Kafka mappings invoke
    runner = _compose()["services"]["runner"]
    resources = sam_template["Resources"]
    mapped = {
        resources[mapping["Properties"]["FunctionName"]["Ref"]]["Metadata"]["DockerBuildArgs"]["FUNCTION"]
        for mapping in resources.values()
        if mapping.get("Type") == "AWS::Lambda::EventSourceMapping"
    }
    services = {s["build"]["args"]["FUNCTION"]: name for name, s in _function_services().items()}
    # When its image, command and start order are read
    # Then it is `talent runner` against compose's Kafka and LocalStack, started after every mapped function
    assert runner["build"]["dockerfile"] == "docker/runner.Dockerfile"
    command = runner["command"]
    assert command[command.index("--endpoint") + 1] == "http://localstack:4566"
    assert command[command.index("--bootstrap") + 1] == "kafka:19092"
    assert mapped and {services[f] for f in mapped} <= set(runner["depends_on"])


LOCAL_IMAGES_PATH = REPO_ROOT / "docker" / "compose.local-images.yaml"


class _ComposeLoader(yaml.SafeLoader):
    """Reads Compose's merge tags (`!override`, `!reset`) as the plain value they carry."""


_ComposeLoader.add_constructor("!override", lambda loader, node: loader.construct_sequence(node))  # type: ignore[arg-type]


def _local_images() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load(LOCAL_IMAGES_PATH.read_text(encoding="utf-8"), Loader=_ComposeLoader)
    return loaded


def test_the_local_images_override_only_changes_services_of_compose_yaml() -> None:
    # Given the stand-in override and the compose file it goes on top of
    override, base = _local_images()["services"], _compose()["services"]
    # When the services it names are read
    # Then each is one of compose.yaml's (it adds none), and every port it publishes binds 127.0.0.1
    assert set(override) <= set(base), set(override) - set(base)
    exposed = [p for s in override.values() for p in s.get("ports", []) if _host_ip(p) != LOOPBACK]
    assert exposed == []


def test_the_local_images_override_builds_every_function_on_the_stand_in_base() -> None:
    # Given the function services of compose.yaml and their builds in the override
    override = _local_images()["services"]
    functions = _function_services()
    # When the override's build args are read
    args = {name: override.get(name, {}).get("build", {}).get("args", {}) for name in functions}
    # Then each function keeps its FUNCTION and its Dockerfile, and gets the stand-in base image
    assert {name: a.get("FUNCTION") for name, a in args.items()} == {
        name: s["build"]["args"]["FUNCTION"] for name, s in functions.items()
    }
    assert {a.get("BASE_IMAGE") for a in args.values()} == {"talent-local/lambda-python:3.11"}
    assert {override[name]["build"]["dockerfile"] for name in functions} == {"docker/function.Dockerfile"}


def test_the_local_images_override_names_only_images_build_sh_makes() -> None:
    # Given the images the override runs and passes as bases, and the tags docker/local-images/build.sh makes
    services = _local_images()["services"].values()
    used = {s["image"] for s in services if "image" in s}
    used |= {a["BASE_IMAGE"] for s in services for a in [s.get("build", {}).get("args", {})] if "BASE_IMAGE" in a}
    built = set(re.findall(r"talent-local/[a-z-]+:[\w.]+", (REPO_ROOT / "docker/local-images/build.sh").read_text()))
    # When they are compared / Then every one is built there, and none is pulled
    assert used and used <= built, used - built
    assert all(s.get("pull_policy") == "never" for s in services if "image" in s)
