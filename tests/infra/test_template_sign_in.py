"""template.yaml: the HR page signs in through Cognito's hosted UI with the authorization code flow and PKCE,
and the HR function finds where in the parameter the template writes (talent.api.sign_in)."""

from __future__ import annotations

from typing import Any

from talent.api.sign_in import SignIn
from tests.infra.cfn import Resources, properties

PAGE_URL = "https://${HrApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}/ui"


def test_the_page_is_a_public_code_flow_client_sent_back_to_the_page_only(cfn_resources: Resources) -> None:
    # Given the HR page's app client
    client = properties(cfn_resources["HrWebClient"])
    # Then it has no secret (a browser keeps none), uses the code flow only (no implicit tokens in URLs),
    # and the hosted UI sends people back to the page and nowhere else
    assert client["GenerateSecret"] is False
    assert client["AllowedOAuthFlowsUserPoolClient"] is True
    assert client["AllowedOAuthFlows"] == ["code"]
    assert "openid" in client["AllowedOAuthScopes"]
    assert [url["Fn::Sub"] for url in client["CallbackURLs"]] == [PAGE_URL]
    assert [url["Fn::Sub"] for url in client["LogoutURLs"]] == [PAGE_URL]
    assert properties(cfn_resources["HrUserPoolDomain"])["UserPoolId"] == {"Ref": "HrUserPool"}


def _filled(value: Any, fills: dict[str, str]) -> str:
    text: str = value["Fn::Sub"][0]
    for name, fill in fills.items():
        text = text.replace(f"${{{name}}}", fill)
    return text


def test_the_sign_in_parameter_is_what_the_page_reads_where_the_function_looks(cfn_resources: Resources) -> None:
    # Given the sign-in parameter and the HR function
    parameter = properties(cfn_resources["HrSignInParameter"])
    function = properties(cfn_resources["HrApiFunction"])
    # When its value is filled in as CloudFormation would
    value = _filled(
        parameter["Value"], {"Auth": "https://talent-hr-dev-1.auth.eu-west-1.amazoncognito.com", "HrWebClient": "abc1"}
    )
    # Then it is valid sign-in settings for the page's client and Cognito's OAuth endpoints
    settings = SignIn.model_validate_json(value)
    assert settings.client_id == "abc1"
    assert settings.authorize_url.endswith("/oauth2/authorize") and settings.token_url.endswith("/oauth2/token")
    assert "${HrUserPoolDomain}" in parameter["Value"]["Fn::Sub"][1]["Auth"]["Fn::Sub"]
    # And the function is told that parameter's name, by name (no reference: the client names the API's URL)
    assert function["Environment"]["Variables"]["HR_SIGN_IN_PARAMETER"] == parameter["Name"]
    assert parameter["Type"] == "String"
