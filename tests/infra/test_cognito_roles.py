"""Roles cannot be self-granted: they are Cognito groups (set by an administrator, sent as the
`cognito:groups` claim), never a user attribute a user could write with UpdateUserAttributes."""

from __future__ import annotations

from tests.infra.cfn import Resources, of_type, properties

PERSONAL_DATA_ROLE = "personal-data"  # the role the HR API checks (talent.api.claims)


def test_the_user_pool_has_no_role_attribute_and_no_mutable_tenant(cfn_resources: Resources) -> None:
    # Given the HR user pool's schema
    schema = properties(cfn_resources["HrUserPool"]).get("Schema", [])
    names = {attribute["Name"]: attribute for attribute in schema}
    # Then no attribute carries roles, and the tenant can be set once, at creation, by the admin flow
    assert not [name for name in names if "role" in name.lower() or "group" in name.lower()]
    assert names["tenant_id"]["Mutable"] is False


def test_every_app_client_lists_what_it_may_write_and_never_the_tenant(cfn_resources: Resources) -> None:
    # Given every app client of the pool (a client without WriteAttributes may write every mutable attribute)
    clients = of_type(cfn_resources, "AWS::Cognito::UserPoolClient")
    assert clients
    for name, client in clients.items():
        writable = properties(client).get("WriteAttributes")
        # Then each names its writable attributes, and none is custom (tenant, or any role-like attribute)
        assert writable is not None, name
        assert [a for a in writable if a.startswith("custom:")] == [], name


def test_roles_are_groups_of_the_hr_pool(cfn_resources: Resources) -> None:
    groups = of_type(cfn_resources, "AWS::Cognito::UserPoolGroup")
    pools = {properties(group)["UserPoolId"]["Ref"] for group in groups.values()}
    names = {properties(group)["GroupName"] for group in groups.values()}
    assert pools == {"HrUserPool"}
    assert {PERSONAL_DATA_ROLE, "recruiter"} <= names
