"""Lambda entry point of erase_candidate: Powertools decorators and one call into the shared package."""

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.utilities.typing import LambdaContext

from talent.runtime.consumers import erase
from talent.runtime.kafka_function import KafkaFunction

logger = Logger()
tracer = Tracer()
metrics = Metrics()
function = KafkaFunction("erase_candidate", erase, logger, metrics)


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return function.handle(event, context)
