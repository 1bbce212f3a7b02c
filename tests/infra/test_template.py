"""template.yaml, translated by aws-sam-translator: Kafka mappings, function images, the HR API."""

from __future__ import annotations

from typing import Any

from tests.infra.cfn import (
    FAILURE_QUEUE,
    Resources,
    are_exclusive_and_exhaustive,
    consumer_settings,
    is_self_managed,
    kafka_mappings,
    of_type,
    properties,
    twin_key,
)
from tests.infra.sam import REPO_ROOT, Template

FUNCTION_DOCKERFILE = "docker/function.Dockerfile"


def _serverless_functions(sam_template: Template) -> dict[str, dict[str, Any]]:
    return of_type(sam_template["Resources"], "AWS::Serverless::Function")


# ------------------------------------------------------------ kafka event source mappings


def test_every_function_without_an_api_event_is_fed_by_kafka(sam_template: Template, cfn_resources: Resources) -> None:
    # Given the functions that serve no API event
    functions = _serverless_functions(sam_template)
    consumers = {
        name
        for name, f in functions.items()
        if not any(e.get("Type") == "Api" for e in properties(f).get("Events", {}).values())
    }
    # When the functions fed by Kafka mappings are listed
    fed = {repr(properties(m)["FunctionName"]) for m in kafka_mappings(cfn_resources).values()}
    # Then those are exactly the consumers
    assert consumers
    assert fed == {repr({"Ref": name}) for name in consumers}


def test_kafka_mappings_send_failures_to_the_failure_queue(cfn_resources: Resources) -> None:
    # Given every Kafka event source mapping
    mappings = kafka_mappings(cfn_resources)
    # When their on-failure destinations are read
    destinations = {
        name: properties(m).get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
        for name, m in mappings.items()
    }
    # Then each one is the failure queue's ARN
    wrong = {name: dest for name, dest in destinations.items() if dest != {"Fn::GetAtt": [FAILURE_QUEUE, "Arn"]}}
    assert mappings
    assert wrong == {}


def test_kafka_mappings_report_partial_batch_failures(cfn_resources: Resources) -> None:
    # Given every Kafka event source mapping
    mappings = kafka_mappings(cfn_resources)
    # When their response types are read
    missing = [
        name
        for name, m in mappings.items()
        if "ReportBatchItemFailures" not in properties(m).get("FunctionResponseTypes", [])
    ]
    # Then each one reports batch item failures
    assert mappings
    assert missing == []


def test_kafka_mappings_set_batch_size_and_retries(cfn_resources: Resources) -> None:
    # Given every Kafka event source mapping
    mappings = kafka_mappings(cfn_resources)
    # When the batch size and retry limit are read
    unset = [
        f"{name}.{key}"
        for name, m in mappings.items()
        for key in ("BatchSize", "MaximumRetryAttempts")
        if not isinstance(properties(m).get(key), int)
    ]
    # Then both are explicit numbers
    assert mappings
    assert unset == []


def test_a_batching_window_the_template_sets_is_whole_seconds(cfn_resources: Resources) -> None:
    # Given every Kafka event source mapping that sets its batching window
    windows = {
        name: properties(m)["MaximumBatchingWindowInSeconds"]
        for name, m in kafka_mappings(cfn_resources).items()
        if "MaximumBatchingWindowInSeconds" in properties(m)
    }
    # Then each is an integer from 0 to 300, as Lambda takes it (0.5 cannot be written: leaving it out is 500 ms)
    assert windows
    assert {name: w for name, w in windows.items() if type(w) is not int or not 0 <= w <= 300} == {}


def test_every_msk_mapping_has_a_self_managed_twin_with_equal_settings(cfn_resources: Resources) -> None:
    # Given the MSK and the self-managed mappings, keyed by function and topics
    mappings = kafka_mappings(cfn_resources)
    msk = {twin_key(m): (name, m) for name, m in mappings.items() if not is_self_managed(m)}
    self_managed = {twin_key(m): (name, m) for name, m in mappings.items() if is_self_managed(m)}
    # When each MSK mapping is compared with its twin
    differences = {
        name: (consumer_settings(m) if key in self_managed else None)
        for key, (name, m) in msk.items()
        if key not in self_managed or consumer_settings(m) != consumer_settings(self_managed[key][1])
    }
    # Then every one has a twin with the same topics, group, batching, retries and destination
    assert msk
    assert msk.keys() == self_managed.keys()
    assert differences == {}


def test_msk_and_self_managed_twins_never_exist_together(cfn_template: Template) -> None:
    # Given each MSK mapping and its self-managed twin
    mappings = kafka_mappings(cfn_template["Resources"])
    self_managed = {twin_key(m): m for m in mappings.values() if is_self_managed(m)}
    pairs = {
        name: (m.get("Condition"), self_managed.get(twin_key(m), {}).get("Condition"))
        for name, m in mappings.items()
        if not is_self_managed(m)
    }
    # When their conditions are compared
    overlapping = {
        name: (msk, twin)
        for name, (msk, twin) in pairs.items()
        if not (
            isinstance(msk, str) and isinstance(twin, str) and are_exclusive_and_exhaustive(cfn_template, msk, twin)
        )
    }
    # Then exactly one of the two is deployed for every allowed parameter value
    assert pairs
    assert overlapping == {}


def test_mappings_consume_only_declared_topics(cfn_resources: Resources) -> None:
    from talent.contracts.topics import Topic

    # Given the topics named by the Kafka mappings
    consumed = {topic for m in kafka_mappings(cfn_resources).values() for topic in properties(m)["Topics"]}
    # When they are compared with the declared topics
    undeclared = consumed - {topic.value for topic in Topic}
    # Then each one is a member of Topic
    assert consumed
    assert undeclared == set()


# -------------------------------------------------------------------------- functions


def test_functions_are_container_images(cfn_resources: Resources) -> None:
    # Given every Lambda function
    functions = of_type(cfn_resources, "AWS::Lambda::Function")
    # When the package types are read
    packages = {name: properties(f).get("PackageType") for name, f in functions.items()}
    # Then every function ships as an image
    assert functions
    assert {name: p for name, p in packages.items() if p != "Image"} == {}


def test_functions_build_from_the_shared_dockerfile(sam_template: Template) -> None:
    # Given every serverless function's build metadata
    functions = _serverless_functions(sam_template)
    # When the Dockerfile and context are read
    builds = {
        name: (f["Metadata"].get("DockerContext"), f["Metadata"].get("Dockerfile")) for name, f in functions.items()
    }
    # Then all build docker/function.Dockerfile from the repository root, and it exists
    assert functions
    assert {name: b for name, b in builds.items() if b != (".", FUNCTION_DOCKERFILE)} == {}
    assert (REPO_ROOT / FUNCTION_DOCKERFILE).is_file()


def test_function_build_args_name_an_existing_handler(sam_template: Template) -> None:
    # Given every serverless function's FUNCTION build argument
    functions = _serverless_functions(sam_template)
    folders = {name: f["Metadata"].get("DockerBuildArgs", {}).get("FUNCTION") for name, f in functions.items()}
    # When the handler files are looked up
    missing = {
        name: f"functions/{folder}/app.py"
        for name, folder in folders.items()
        if not folder or not (REPO_ROOT / "functions" / str(folder) / "app.py").is_file()
    }
    # Then each names a folder under functions/ holding app.py
    assert functions
    assert missing == {}


def test_functions_run_app_handler(cfn_resources: Resources) -> None:
    # Given every Lambda function
    functions = of_type(cfn_resources, "AWS::Lambda::Function")
    # When the image command is read
    commands = {name: properties(f).get("ImageConfig", {}).get("Command") for name, f in functions.items()}
    # Then each runs app.handler, the module the Dockerfile copies the handler to
    assert functions
    assert {name: c for name, c in commands.items() if c != ["app.handler"]} == {}


# ---------------------------------------------------------------------------- HR API


def _api_methods(cfn_resources: Resources) -> dict[str, dict[str, Any]]:
    methods: dict[str, dict[str, Any]] = {}
    for api_name, api in of_type(cfn_resources, "AWS::ApiGateway::RestApi").items():
        for path, operations in properties(api).get("Body", {}).get("paths", {}).items():
            for verb, operation in operations.items():
                methods[f"{api_name} {verb} {path}"] = operation
    return methods


def test_every_api_method_but_the_page_requires_the_cognito_authorizer(cfn_resources: Resources) -> None:
    # Given every method of every REST API definition, and any standalone Method resources
    methods = _api_methods(cfn_resources)
    standalone = of_type(cfn_resources, "AWS::ApiGateway::Method")
    # When their security requirements are read
    unauthorized = [where for where, op in methods.items() if op.get("security") != [{"HrJwt": []}]]
    unauthorized += [
        name for name, m in standalone.items() if properties(m).get("AuthorizationType") != "COGNITO_USER_POOLS"
    ]
    # Then each one requires the HrJwt authorizer, except the HR page itself (static, no data: every call
    # it makes sends the user's token)
    assert methods
    assert unauthorized == ["HrApi get /ui"]


def test_hr_authorizer_is_the_hr_user_pool(cfn_resources: Resources) -> None:
    # Given the HR API definition
    body = properties(cfn_resources["HrApi"])["Body"]
    # When its HrJwt security scheme is read
    authorizer = body["securityDefinitions"]["HrJwt"]["x-amazon-apigateway-authorizer"]
    # Then it is a Cognito authorizer backed by the HR user pool
    assert authorizer == {"type": "cognito_user_pools", "providerARNs": [{"Fn::GetAtt": ["HrUserPool", "Arn"]}]}
