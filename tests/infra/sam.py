"""template.yaml as written (SAM) and as deployed (CloudFormation), translated offline."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from samtranslator.translator.managed_policy_translator import ManagedPolicyLoader
from samtranslator.translator.transform import transform

from talent_tools.local.cfn_yaml import load_cfn_yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PATH = REPO_ROOT / "template.yaml"
# What `sam build` would fill in; `sam validate` uses the same kind of placeholder.
PLACEHOLDER_IMAGE_URI = "111111111111.dkr.ecr.us-east-1.amazonaws.com/talent:placeholder"

Template = dict[str, Any]


class OfflineManagedPolicyLoader(ManagedPolicyLoader):
    """Resolves no managed policy names from IAM: the translator's bundled map covers the AWS
    managed policies SAM adds itself, and any other name stays as written."""

    def __init__(self) -> None:
        self._policy_map: dict[str, str] | None = {}
        self.max_items = 0

    def load(self) -> dict[str, str]:
        return {}


def load_sam_template(path: Path = TEMPLATE_PATH) -> Template:
    return load_cfn_yaml(path)


def with_built_images(sam_template: Template) -> Template:
    """A copy in which every Image function built from a local Dockerfile has an ImageUri,
    as after `sam build`; the translator refuses an Image function without one."""
    built = copy.deepcopy(sam_template)
    for resource in built.get("Resources", {}).values():
        properties = resource.get("Properties", {})
        is_local_image = (
            resource.get("Type") == "AWS::Serverless::Function"
            and properties.get("PackageType") == "Image"
            and "Dockerfile" in resource.get("Metadata", {})
        )
        if is_local_image:
            properties.setdefault("ImageUri", PLACEHOLDER_IMAGE_URI)
    return built


def translate(sam_template: Template) -> Template:
    with pytest.MonkeyPatch.context() as patch:
        # The translator derives the partition from the boto3 session's region.
        patch.setenv("AWS_DEFAULT_REGION", "us-east-1")
        return transform(with_built_images(sam_template), {}, OfflineManagedPolicyLoader())
