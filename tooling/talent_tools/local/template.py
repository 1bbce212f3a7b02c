"""What the local stack needs from template.yaml: functions, Kafka mappings, stores, the API.

Read into the plain records of talent_tools.local.template_specs; Ref / GetAtt / Fn::* are resolved here.

The template is the single source of truth: the local stack creates its tables, buckets and queues,
sets each function's environment and wires each event source mapping from what is read here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from talent_tools.local.cfn_yaml import load_cfn_yaml
from talent_tools.local.template_specs import (
    ApiSpec,
    BucketSpec,
    FunctionSpec,
    KafkaMappingSpec,
    QueueSpec,
    TableSpec,
)


@dataclass
class PhysicalNames:
    """Names the local stack gave to template resources: what Ref / GetAtt resolve to."""

    refs: dict[str, str] = field(default_factory=dict)  # logical id -> Ref value
    attrs: dict[tuple[str, str], str] = field(default_factory=dict)  # (logical id, attr) -> value


class TemplateError(ValueError):
    """The template lacks something the local stack needs, or uses an unsupported intrinsic."""


def _optional_int(value: Any) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise TemplateError(f"expected a whole number, got {value!r}") from exc


class Template:
    def __init__(
        self,
        path: Path,
        parameters: dict[str, str] | None = None,
        names: PhysicalNames | None = None,
    ) -> None:
        self.path = path
        self.root = path.parent
        self.doc = load_cfn_yaml(path)
        self.parameters = self._parameter_values(parameters or {})
        self.names = names or PhysicalNames()

    # ------------------------------------------------------------ resources
    def _resources(self, cfn_type: str) -> dict[str, dict[str, Any]]:
        out = {}
        for logical_id, resource in self.doc["Resources"].items():
            if resource.get("Type") != cfn_type:
                continue
            condition = resource.get("Condition")
            if condition and not self.condition(condition):
                continue
            out[logical_id] = resource
        return out

    def tables(self) -> list[TableSpec]:
        return [TableSpec(k, v["Properties"]) for k, v in self._resources("AWS::DynamoDB::Table").items()]

    def buckets(self) -> list[BucketSpec]:
        return [BucketSpec(k, v.get("Properties", {})) for k, v in self._resources("AWS::S3::Bucket").items()]

    def queues(self) -> list[QueueSpec]:
        return [QueueSpec(k, v.get("Properties", {})) for k, v in self._resources("AWS::SQS::Queue").items()]

    def functions(self) -> dict[str, FunctionSpec]:
        """Functions by folder name, with Globals merged and the environment resolved."""
        glob = self.doc.get("Globals", {}).get("Function", {})
        out: dict[str, FunctionSpec] = {}
        for logical_id, resource in self._resources("AWS::Serverless::Function").items():
            props = resource.get("Properties", {})
            meta = resource.get("Metadata", {})
            name = meta.get("DockerBuildArgs", {}).get("FUNCTION")
            command = props.get("ImageConfig", {}).get("Command", [])
            if not name or not command:
                raise TemplateError(f"{logical_id}: needs Metadata.DockerBuildArgs.FUNCTION and ImageConfig.Command")
            module, _, attr = str(command[0]).rpartition(".")
            if module != "app":
                raise TemplateError(f"{logical_id}: handler must be app.<function>, got {command[0]}")
            env_raw = {
                **glob.get("Environment", {}).get("Variables", {}),
                **props.get("Environment", {}).get("Variables", {}),
            }
            out[name] = FunctionSpec(
                logical_id=logical_id,
                name=name,
                module_path=self.root / "functions" / name / "app.py",
                handler_attr=attr,
                timeout_s=int(props.get("Timeout", glob.get("Timeout", 3))),
                memory_mb=int(props.get("MemorySize", glob.get("MemorySize", 128))),
                environment={k: str(self.resolve(v)) for k, v in env_raw.items()},
                reserved_concurrency=_optional_int(self.resolve(props.get("ReservedConcurrentExecutions"))),
            )
        return out

    def kafka_mappings(self) -> list[KafkaMappingSpec]:
        by_logical = self.function_folders()
        out = []
        for logical_id, resource in self._resources("AWS::Lambda::EventSourceMapping").items():
            props = resource["Properties"]
            fn_ref = props["FunctionName"]
            if not (isinstance(fn_ref, dict) and "Ref" in fn_ref and fn_ref["Ref"] in by_logical):
                raise TemplateError(f"{logical_id}: FunctionName must !Ref a function of this template")
            self_managed = "SelfManagedEventSource" in props
            group_cfg = props.get(
                "SelfManagedKafkaEventSourceConfig" if self_managed else "AmazonManagedKafkaEventSourceConfig",
                {},
            )
            destination = props.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
            queue = None
            if destination is not None:
                if not (isinstance(destination, dict) and "Fn::GetAtt" in destination):
                    raise TemplateError(f"{logical_id}: OnFailure destination must be !GetAtt Queue.Arn")
                queue = destination["Fn::GetAtt"][0]
            servers: tuple[str, ...] = ()
            if self_managed:
                raw = props["SelfManagedEventSource"]["Endpoints"]["KafkaBootstrapServers"]
                resolved = self.resolve(raw)
                servers = tuple(resolved if isinstance(resolved, list) else str(resolved).split(","))
            out.append(
                KafkaMappingSpec(
                    logical_id=logical_id,
                    function=by_logical[fn_ref["Ref"]],
                    event_source="SelfManagedKafka" if self_managed else "aws:kafka",
                    event_source_arn=None if self_managed else str(self.resolve(props["EventSourceArn"])),
                    bootstrap_servers=servers,
                    topics=tuple(props["Topics"]),
                    consumer_group=group_cfg.get("ConsumerGroupId") or logical_id,
                    starting_position=props.get("StartingPosition", "LATEST"),
                    batch_size=int(props.get("BatchSize", 100)),
                    max_batching_window_s=float(props.get("MaximumBatchingWindowInSeconds", 0.5)),
                    max_retry_attempts=int(props.get("MaximumRetryAttempts", -1)),
                    bisect_on_error=bool(props.get("BisectBatchOnFunctionError", False)),
                    report_batch_item_failures="ReportBatchItemFailures" in props.get("FunctionResponseTypes", []),
                    on_failure_queue=queue,
                    max_record_age_s=int(props.get("MaximumRecordAgeInSeconds", -1)),
                )
            )
        return out

    def function_folders(self) -> dict[str, str]:
        """Logical id -> folder under functions/, without resolving any environment (no names needed)."""
        out = {}
        for logical_id, resource in self._resources("AWS::Serverless::Function").items():
            name = resource.get("Metadata", {}).get("DockerBuildArgs", {}).get("FUNCTION")
            if not name:
                raise TemplateError(f"{logical_id}: needs Metadata.DockerBuildArgs.FUNCTION")
            out[logical_id] = name
        return out

    def api(self) -> ApiSpec:
        for logical_id, name in self.function_folders().items():
            events = self.doc["Resources"][logical_id].get("Properties", {}).get("Events", {}).values()
            apis = [e for e in events if e.get("Type") == "Api"]
            if apis:
                api_ref = apis[0]["Properties"]["RestApiId"]["Ref"]
                stage = self.resolve(self.doc["Resources"][api_ref]["Properties"]["StageName"])
                public = tuple(
                    (str(e["Properties"]["Method"]).upper(), str(e["Properties"]["Path"]))
                    for e in apis
                    if e["Properties"].get("Auth", {}).get("Authorizer") == "NONE"
                )
                return ApiSpec(function=name, rest_api_logical_id=api_ref, stage=str(stage), public=public)
        raise TemplateError("no function has an Api event")

    # ----------------------------------------------------------- intrinsics
    def _parameter_values(self, overrides: dict[str, str]) -> dict[str, Any]:
        declared = self.doc.get("Parameters", {})
        unknown = set(overrides) - set(declared)
        if unknown:
            raise TemplateError(f"unknown template parameters: {sorted(unknown)}")
        values: dict[str, Any] = {}
        for name, decl in declared.items():
            value: Any = overrides.get(name, decl.get("Default"))
            if value is None:
                raise TemplateError(f"parameter {name} has no default and no value")
            allowed = decl.get("AllowedValues")
            if allowed and value not in allowed:
                raise TemplateError(f"parameter {name}={value!r} not in {allowed}")
            if decl.get("Type") == "CommaDelimitedList" and isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            values[name] = value
        values.setdefault("AWS::Region", "us-east-1")
        values.setdefault("AWS::AccountId", "123456789012")
        values.setdefault("AWS::Partition", "aws")
        return values

    def condition(self, name: str) -> bool:
        conditions = self.doc.get("Conditions", {})
        if name not in conditions:
            raise TemplateError(f"unknown condition {name}")
        return bool(self.resolve(conditions[name]))

    def resolve(self, value: Any) -> Any:
        if not isinstance(value, dict) or len(value) != 1:
            return value
        ((key, arg),) = value.items()
        if key == "Ref":
            if arg in self.parameters:
                return self.parameters[arg]
            if arg in self.names.refs:
                return self.names.refs[arg]
            raise TemplateError(f"Ref {arg}: not a parameter and not created by the local stack")
        if key == "Fn::GetAtt":
            logical, attr = arg
            if (logical, attr) in self.names.attrs:
                return self.names.attrs[(logical, attr)]
            raise TemplateError(f"GetAtt {logical}.{attr}: not known to the local stack")
        if key == "Fn::Equals":
            return self.resolve(arg[0]) == self.resolve(arg[1])
        if key == "Fn::Not":
            return not self.resolve(arg[0])
        if key == "Fn::And":
            return all(self.resolve(a) for a in arg)
        if key == "Fn::Or":
            return any(self.resolve(a) for a in arg)
        if key == "Condition":
            return self.condition(arg)
        if key == "Fn::If":
            return self.resolve(arg[1] if self.condition(arg[0]) else arg[2])
        if key == "Fn::Join":
            return str(arg[0]).join(str(self.resolve(v)) for v in self.resolve(arg[1]))
        if key == "Fn::Split":
            return str(self.resolve(arg[1])).split(arg[0])
        if key == "Fn::Select":
            return self.resolve(arg[1])[int(self.resolve(arg[0]))]
        if key == "Fn::Sub":
            return self._sub(arg)
        return value

    def _sub(self, arg: Any) -> str:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
        out, i = [], 0
        while i < len(text):
            start = text.find("${", i)
            if start < 0:
                out.append(text[i:])
                break
            end = text.index("}", start)
            out.append(text[i:start])
            name = text[start + 2 : end]
            if name in variables:
                out.append(str(self.resolve(variables[name])))
            elif "." in name:
                logical, attr = name.split(".", 1)
                out.append(str(self.resolve({"Fn::GetAtt": [logical, attr]})))
            else:
                out.append(str(self.resolve({"Ref": name})))
            i = end + 1
        return "".join(out)
