"""template.yaml: where the functions find the signing keys and the tombstone key, and that they may read
only those parameters (finding 2 of issue 15; docs/security.md)."""

from __future__ import annotations

from typing import Any

from tests.infra.cfn import Resources, action_names, as_list, identity_policy_statements, kafka_mappings, properties

SIGNING_KEYS = "SigningKeysReadPolicy"
TOMBSTONE_KEY = "TombstoneKeyReadPolicy"
PARAMETER_ARN = "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter"


def _role_policies(resources: Resources, function: str) -> list[Any]:
    role = properties(resources[function])["Role"]["Fn::GetAtt"][0]
    return as_list(properties(resources[role]).get("ManagedPolicyArns", []))


def _kafka_functions(resources: Resources) -> set[str]:
    return {properties(m)["FunctionName"]["Ref"] for m in kafka_mappings(resources).values()}


def _sub(value: Any) -> str:
    return str(value["Fn::Sub"]) if isinstance(value, dict) else str(value)


def test_every_function_is_told_where_the_keys_are(cfn_resources: Resources) -> None:
    functions = {n: r for n, r in cfn_resources.items() if r["Type"] == "AWS::Lambda::Function"}
    assert functions
    for name, function in functions.items():
        variables = properties(function)["Environment"]["Variables"]
        assert _sub(variables["SIGNING_KEYS_PATH"]) == "/talent/${Stage}/signing-keys/", name
        assert _sub(variables["TOMBSTONE_KEY_PARAMETER"]) == "/talent/${Stage}/tombstone-key", name


def test_the_only_ssm_grants_read_exactly_those_parameters(cfn_resources: Resources) -> None:
    # Given every statement of every role and managed policy that names an SSM action
    grants = {
        where: statement
        for where, statement in identity_policy_statements(cfn_resources)
        if any(action.lower().startswith("ssm:") for action in action_names(statement))
    }
    # Then they are the two read policies, GetParameter only, on the key path and the tombstone key only, and
    # the HR function's read of the page's sign-in settings (not a secret: Cognito's URLs and a public client id)
    assert {
        f"{where.split('/')[0].split('#')[0]}#{where.rpartition('#')[2]}": (
            statement["Effect"],
            action_names(statement),
            _sub(statement["Resource"]),
        )
        for where, statement in grants.items()
    } == {
        "HrApiFunctionRole#HrSignInSettings": (
            "Allow",
            ["ssm:GetParameter"],
            f"{PARAMETER_ARN}/talent/${{Stage}}/hr-sign-in",
        ),
        f"{SIGNING_KEYS}#TenantSigningKeys": (
            "Allow",
            ["ssm:GetParameter"],
            f"{PARAMETER_ARN}/talent/${{Stage}}/signing-keys/*",
        ),
        f"{TOMBSTONE_KEY}#TombstoneKey": (
            "Allow",
            ["ssm:GetParameter"],
            f"{PARAMETER_ARN}/talent/${{Stage}}/tombstone-key",
        ),
    }


def test_every_kafka_consumer_reads_both_keys_and_the_hr_api_only_the_tombstone_key(cfn_resources: Resources) -> None:
    consumers = _kafka_functions(cfn_resources)
    assert len(consumers) == 5
    for function in consumers:
        policies = _role_policies(cfn_resources, function)
        assert {"Ref": SIGNING_KEYS} in policies and {"Ref": TOMBSTONE_KEY} in policies, function
    hr_api = _role_policies(cfn_resources, "HrApiFunction")
    assert {"Ref": TOMBSTONE_KEY} in hr_api and {"Ref": SIGNING_KEYS} not in hr_api
